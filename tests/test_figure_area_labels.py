"""Area names on the plan figures (01 总体格局, 02 分区, 03 重点区域) stay inside their areas: a reviewer reads a
name that spills out of a narrow band (御河流域) or sits on a sliver's edge (防风固沙) as naming its neighbour.

The positions are QGIS's own rendered label results for the figure's map item, each label's rotated box tested
against its area with QGIS's geometry engine.
"""

from __future__ import annotations

from typing import Dict, List

import pytest
from qgis.core import (
    QgsExpression,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapRendererSequentialJob,
    QgsRuleBasedLabeling,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSizeF

from pingcheng_plugin.core.figures import ExportOptions, FigureExporter, figure
from pingcheng_plugin.core.figures import templates as ids
from pingcheng_plugin.core.store import gpkg

DPI = 150
#: figure -> the plan tables whose names it prints
LABELLED = {"overall": ("eco_corridors", "eco_barriers"), "zones": ("restoration_zones",),
            "key_areas": ("key_areas",)}


def areas(plan, table: str) -> Dict[str, QgsGeometry]:
    layer = QgsVectorLayer(gpkg.layer_uri(str(plan), table), table, "ogr")
    return {f["name"]: f.geometry() for f in layer.getFeatures()}


def rendered_labels(plan, folder, figure_id: str) -> List:
    exporter = FigureExporter(str(plan), str(folder), ExportOptions(figures=(figure_id,)))
    exporter._read_plan()
    try:
        layout = exporter.build(figure(figure_id))
        map_item = layout.itemById(ids.ITEM_MAP)
        rect = map_item.rect()
        size = QSizeF(rect.width() * DPI / 25.4, rect.height() * DPI / 25.4)
        job = QgsMapRendererSequentialJob(map_item.mapSettings(map_item.extent(), size, DPI, True))
        job.start()
        job.waitForFinished()
        results = job.takeLabelingResults()
        # a long name may be set on two lines: compare the text without its line break
        return [(label.labelText.replace("\n", ""), QgsGeometry(label.labelGeometry)) for label in
                results.labelsWithinRect(map_item.extent()) if not label.isUnplaced]
    finally:
        exporter.project.clear()


def outside_names(plan, folder, figure_id: str) -> List[str]:
    """Names the figure's layers label outside their area with a callout line (rule-based labels)."""
    exporter = FigureExporter(str(plan), str(folder), ExportOptions(figures=(figure_id,)))
    exporter._read_plan()
    try:
        layout = exporter.build(figure(figure_id))
        found = []
        for layer in layout.itemById(ids.ITEM_MAP).layers():
            labeling = layer.labeling() if isinstance(layer, QgsVectorLayer) else None
            if isinstance(labeling, QgsRuleBasedLabeling):
                for rule in labeling.rootRule().children():
                    if rule.settings().callout() is not None and rule.settings().callout().enabled():
                        request = QgsFeatureRequest(QgsExpression(rule.filterExpression()))
                        found += [f["name"] for f in layer.getFeatures(request)]
        return found
    finally:
        exporter.project.clear()


@pytest.mark.parametrize("figure_id", list(LABELLED))
def test_every_area_is_named_inside_itself(demo_plan, tmp_path, figure_id):
    labels = rendered_labels(demo_plan, tmp_path, figure_id)
    for table in LABELLED[figure_id]:
        for name, geometry in areas(demo_plan, table).items():
            boxes = [box for text, box in labels if text == name]
            assert boxes, f"{name} is not named on {figure_id}"
            for box in boxes:
                outside = box.difference(geometry).area()
                if outside <= 0.01 * box.area():  # inside (1 % may touch the outline: the buffer is drawn over it)
                    continue
                # no room inside: then wholly outside, off every other area of its kind, with a leader line
                assert not box.intersects(geometry), (figure_id, name, round(outside / box.area(), 3))
                others = [g for n, g in areas(demo_plan, table).items() if n != name]
                assert not any(box.intersects(g) for g in others), (figure_id, name)
                assert name in outside_names(demo_plan, tmp_path, figure_id), (figure_id, name)


@pytest.mark.parametrize("figure_id", ["sites", "sites_near"])
def test_no_road_or_place_name_is_written_across_a_site(demo_plan, tmp_path, figure_id):
    """The sites' numbers may sit on them; names of the base map's roads, rivers and places may not."""
    layer = QgsVectorLayer(gpkg.layer_uri(str(demo_plan), "project_sites"), "sites", "ogr")
    shown = figure(figure_id).phase
    sites = [f.geometry() for f in layer.getFeatures() if shown is None or f["phase"] == shown]  # the map's own
    labels = rendered_labels(demo_plan, tmp_path, figure_id)
    names = [(text, box) for text, box in labels if not text.isdigit()]
    assert any(text.endswith("街道") for text, _ in names)  # the base map is named on the figure at all
    for text, box in names:
        assert not any(box.intersects(site) for site in sites), (figure_id, text)
