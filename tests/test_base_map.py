"""The base map under the figures and the illustrative layout drawn on it (issue #15, item 2).

The demo layout is read back from the plan GeoPackage and measured with QGIS's geometry engine (GEOS): zones tile
the district, nothing is a disc, corridors follow the base map's rivers. The figures are checked through what a
user gets: the built layout's map layers and legend, the exported PDF's text (pdftotext) and PNG pixels, with a
GeoTIFF written by GDAL here and added to the plan's 底图 group through the export dialog.
"""

from __future__ import annotations

import itertools
import math
import subprocess

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import (
    QgsGeometry,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsPointXY,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QImage

from pingcheng_plugin.core.figures import FIGURES, ExportOptions, FigureExporter, figure, templates
from pingcheng_plugin.core.store import plan_project
from pingcheng_plugin.core.support.settings import Settings
from pingcheng_plugin.ui.export_figures import ExportFiguresDialog
from tests.helpers import sql

BASE_NAMES = {"河流", "主要道路", "乡镇（街道）驻地"}
MAP_FIGURES = [f.id for f in FIGURES if f.kind in ("map", "atlas")]
DPI = 50


def features(plan, table: str) -> dict:
    layer = QgsVectorLayer(f"{plan}|layername={table}", table, "ogr")
    assert layer.isValid(), table
    return {str(f["code"] if layer.fields().indexOf("code") >= 0 else f["name"]): f.geometry()
            for f in layer.getFeatures()}


def district(plan) -> QgsGeometry:
    return next(iter(features(plan, "district_boundary").values()))


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def run_export(plan, folder, **parameters) -> dict:
    import processing

    parameters = {"PLAN": str(plan), "OUTPUT_FOLDER": str(folder), "FORMATS": ["pdf"], "DPI": DPI, **parameters}
    return processing.run("pingcheng:exportfigures", parameters, feedback=QgsProcessingFeedback())


# --- the illustrative layout ----------------------------------------------------------------------------------
def test_illustrative_zones_tile_the_district(demo_plan):
    outline = district(demo_plan)
    zones = features(demo_plan, "restoration_zones")
    assert sorted(zones) == ["Z1", "Z2", "Z3", "Z4"]
    total = sum(g.area() for g in zones.values())
    assert total == pytest.approx(outline.area(), rel=0.001)
    for (a, first), (b, second) in itertools.combinations(zones.items(), 2):
        assert first.intersection(second).area() < 1.0, (a, b)
    union = QgsGeometry.unaryUnion(list(zones.values()))
    assert outline.difference(union).area() < 1.0
    assert union.difference(outline).area() < 1.0


def test_no_zone_or_key_area_is_a_circle(demo_plan):
    shapes = {**features(demo_plan, "restoration_zones"), **features(demo_plan, "key_areas")}
    assert len(shapes) == 11
    for code, geometry in shapes.items():
        ratio = 4 * math.pi * geometry.area() / geometry.length() ** 2  # 1 for a disc
        assert ratio < 0.9, (code, ratio)


def test_corridors_follow_the_rivers_of_the_base_map(demo_plan):
    outline = district(demo_plan)
    rivers = features(demo_plan, "base_rivers")
    corridors = features(demo_plan, "eco_corridors")
    for code, river in (("C1", rivers["御河"]), ("C2", rivers["十里河"])):
        corridor = corridors[code]
        # within 500 m of its river everywhere, and the river inside the district runs inside it
        assert corridor.difference(river.buffer(500.0, 16)).area() < 1.0, code
        inside = river.intersection(outline)
        assert inside.length() > 5000.0
        assert inside.difference(corridor.buffer(1.0, 4)).length() < 1.0, code
        assert corridor.hausdorffDistance(inside) < 1500.0, code
        # a river, not a ruler: the course is at least 2 % longer than the straight line between its ends
        line = river.asPolyline()
        assert river.length() > 1.02 * QgsGeometry.fromPointXY(line[0]).distance(QgsGeometry.fromPointXY(line[-1]))


def test_key_areas_follow_their_zones_and_rivers(demo_plan):
    zones = features(demo_plan, "restoration_zones")
    keys = features(demo_plan, "key_areas")
    rivers = features(demo_plan, "base_rivers")
    inside = {"K1": "Z2", "K2": "Z2", "K4": "Z3", "K5": "Z4", "K6": "Z3"}
    for key, zone in inside.items():
        assert keys[key].difference(zones[zone]).area() < 1.0, key
    floodplain = QgsGeometry.unaryUnion([r.buffer(1500.0, 16) for r in rivers.values()])
    assert keys["K3"].difference(floodplain).area() < 1.0
    # 御河流域 holds both corridors
    for corridor in features(demo_plan, "eco_corridors").values():
        assert corridor.difference(keys["K3"]).area() < 1.0


def test_demo_sites_sit_in_the_zones_and_key_areas_their_names_say(demo_plan):
    rows = {name: (zone, keys) for name, zone, keys in sql(
        demo_plan, "SELECT name, zone_code, key_areas FROM project_sites")}
    expected = {"西部历史遗留矿山": ("Z2", "K2"), "雷公山": ("Z2", "K1"), "御河湿地": ("Z1", "K3"),
                "十里河河道": ("Z3", "K3"), "古城片区": ("Z1", "K7"), "南部高标准农田": ("Z3", "K4"),
                "东部建设用地整理": ("Z4", "K5"), "东南部耕地质量": ("Z3", "K6"), "南部乡村人居": ("Z3", "K7")}
    for words, (zone, key) in expected.items():
        name = next(n for n in rows if words in n)
        assert rows[name][0] == zone and f'"{key}"' in rows[name][1], (name, rows[name])
    shares = sql(demo_plan, "SELECT name, zone_shares FROM project_sites")
    assert all(s.endswith(":1") for _n, s in shares), shares  # every demo site wholly inside the district


# --- the base map in the figures ------------------------------------------------------------------------------
def built(plan, figure_id: str, base_map: bool = True):
    exporter = FigureExporter(str(plan), str(plan.parent), ExportOptions(formats=("pdf",), dpi=DPI,
                                                                        figures=(figure_id,), base_map=base_map))
    exporter._read_plan()
    layout = exporter.build(figure(figure_id))
    return exporter, layout


def map_and_legend(layout):
    map_item = layout.itemById(templates.ITEM_MAP)
    legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
    assert isinstance(map_item, QgsLayoutItemMap)
    shown = [layer.name() for layer in map_item.layers()]
    listed = [node.layer().name() for node in legend.model().rootGroup().findLayers()]
    return shown, listed


@pytest.mark.parametrize("figure_id", MAP_FIGURES)
def test_every_map_figure_draws_the_base_under_the_plan_with_legend_entries(demo_plan, figure_id):
    exporter, layout = built(demo_plan, figure_id)
    try:
        shown, listed = map_and_legend(layout)
        assert BASE_NAMES <= set(shown) and BASE_NAMES <= set(listed), (shown, listed)
        # under every plan layer, above only the grey neighbouring districts
        first_base = min(shown.index(n) for n in BASE_NAMES)
        assert all(shown.index(n) < first_base for n in shown if n not in BASE_NAMES and n != "相邻区")
    finally:
        exporter.project.clear()
    exporter, layout = built(demo_plan, figure_id, base_map=False)
    try:
        shown, listed = map_and_legend(layout)
        assert not BASE_NAMES & set(shown) and not BASE_NAMES & set(listed)
    finally:
        exporter.project.clear()


def test_each_atlas_page_lists_the_base_layers_it_shows(demo_plan):
    """A location map lists a base layer when the page shows it: the 御河 site's page shows the river."""
    exporter, layout = built(demo_plan, "site_atlas")
    try:
        atlas = layout.atlas()
        assert atlas.beginRender()
        pages = {}
        for index in range(atlas.count()):
            atlas.seekTo(index)
            layout.refresh()
            title = atlas.layout().reportContext().feature()["name"]
            pages[title] = map_and_legend(layout)
        atlas.endRender()
        shown, listed = next(v for k, v in pages.items() if "御河湿地" in k)
        assert BASE_NAMES <= set(shown) and "河流" in listed and "乡镇（街道）驻地" in listed, listed
    finally:
        exporter.project.clear()


def test_the_source_note_names_the_base_and_base_map_false_leaves_it_out(provider, qgis_processing, demo_plan,
                                                                          tmp_path):
    run_export(demo_plan, tmp_path / "with", FIGURES=["zones"])
    text = " ".join(pdf_text(tmp_path / "with" / (figure("zones").file_stem() + ".pdf")).split())
    assert "底图：" in text and "河流" in text and "示意" in text.split("底图：")[1][:80]
    assert "乡镇（街道）驻地" in text  # the legend entry
    run_export(demo_plan, tmp_path / "without", FIGURES=["zones"], BASE_MAP=False)
    text = pdf_text(tmp_path / "without" / (figure("zones").file_stem() + ".pdf"))
    assert "底图" not in text and "乡镇（街道）驻地" not in text


def write_geotiff(path, plan) -> QgsPointXY:
    """A 3 km square of solid magenta in the middle of the farmland zone, written by GDAL; returns its centre."""
    zone = features(plan, "restoration_zones")["Z3"]
    centre = zone.poleOfInaccessibility(50.0)[0].asPoint()
    size, cells = 3000.0, 100
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), cells, cells, 3, gdal.GDT_Byte)
    dataset.SetGeoTransform((centre.x() - size / 2, size / cells, 0, centre.y() + size / 2, 0, -size / cells))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    dataset.SetProjection(srs.ExportToWkt())
    for band, value in zip((1, 2, 3), (220, 0, 220)):
        dataset.GetRasterBand(band).WriteArray(np.full((cells, cells), value, dtype=np.uint8))
    dataset = None
    return centre


def pixel_at(png, plan, figure_id: str, point: QgsPointXY) -> QColor:
    """The PNG's median colour (5 × 5 pixels) where ``point`` is on the figure's map."""
    exporter, layout = built(plan, figure_id)
    try:
        map_item = layout.itemById(templates.ITEM_MAP)
        extent, rect = map_item.extent(), map_item.sceneBoundingRect()
        x_mm = rect.left() + (point.x() - extent.xMinimum()) / extent.width() * rect.width()
        y_mm = rect.top() + (extent.yMaximum() - point.y()) / extent.height() * rect.height()
    finally:
        exporter.project.clear()
    image = QImage(str(png))
    cx, cy = round(x_mm * DPI / 25.4), round(y_mm * DPI / 25.4)
    colours = [QColor(image.pixel(cx + dx, cy + dy)) for dx in range(-2, 3) for dy in range(-2, 3)]
    return QColor(*(int(np.median([getattr(c, part)() for c in colours])) for part in ("red", "green", "blue")))


def test_a_users_geotiff_added_in_the_dialog_is_drawn_named_and_kept(provider, qgis_processing, demo_plan,
                                                                      tmp_path):
    tif = tmp_path / "正射影像DOM.tif"
    centre = write_geotiff(tif, demo_plan)
    run_export(demo_plan, tmp_path / "before", FIGURES=["zones"], FORMATS=["png"])
    dialog = ExportFiguresDialog(None, str(demo_plan), Settings())
    assert dialog.baseMapCheckBox.isChecked() and dialog.options().base_map
    assert dialog.add_base_layer(str(tif)) == "正射影像DOM"
    dialog.baseMapCheckBox.setChecked(False)
    assert dialog.options().base_map is False
    run_export(demo_plan, tmp_path / "after", FIGURES=["zones"], FORMATS=["png", "pdf"])
    stem = figure("zones").file_stem()
    # off the raster's centre (the zone's name is drawn at the zone's pole, which is also the raster's centre)
    probe = QgsPointXY(centre.x() + 1000, centre.y() - 1000)
    before = pixel_at(tmp_path / "before" / f"{stem}.png", demo_plan, "zones", probe)
    after = pixel_at(tmp_path / "after" / f"{stem}.png", demo_plan, "zones", probe)
    # magenta shows through the zone's fill: much less green, and red now well above green
    assert after.green() < before.green() - 30, (before.getRgb(), after.getRgb())
    assert after.red() - after.green() > before.red() - before.green() + 30, (before.getRgb(), after.getRgb())
    text = " ".join(pdf_text(tmp_path / "after" / f"{stem}.pdf").split())
    assert "正射影像DOM" in text.split("底图：")[1]  # the source note names it
    assert text.count("正射影像DOM") >= 2  # and the legend lists it
    # rewriting the stored project (as a schema upgrade does) keeps the user's layer in the 底图 group
    plan_project.write_plan_project(str(demo_plan))
    project = QgsProject()
    try:
        plan_project.read_plan_project(str(demo_plan), project)
        group = project.layerTreeRoot().findGroup("底图")
        names = [node.layer().name() for node in group.findLayers()]
        assert "正射影像DOM" in names and BASE_NAMES <= set(names)
        children = project.layerTreeRoot().children()
        # the group is drawn last: only attribute tables (suitability, restoration modes) follow it
        assert all(not node.layer().isSpatial() for node in children[children.index(group) + 1:])
    finally:
        project.clear()


def test_a_plan_without_base_tables_exports_as_before(provider, qgis_processing, empty_plan, tmp_path):
    assert not sql(empty_plan, "SELECT table_name FROM gpkg_contents WHERE table_name LIKE 'base_%'")
    run_export(empty_plan, tmp_path / "out", FIGURES=["zones"])
    assert "底图" not in pdf_text(tmp_path / "out" / (figure("zones").file_stem() + ".pdf"))


def test_base_map_parameter_is_documented_and_defaults_on(provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().algorithmById("pingcheng:exportfigures")
    parameter = algorithm.parameterDefinition("BASE_MAP")
    assert parameter is not None and parameter.defaultValue() is True
    assert "BASE_MAP" in algorithm.shortHelpString()

