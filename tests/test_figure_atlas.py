"""The project location maps (项目位置图, one atlas page per site) and the scale bars of every map figure.

Each page is checked against an independent reference: QGIS's own label engine for where zone names land, the
exported PDF (pdftotext -bbox) for the grid labels, the plan's layers read afresh for what the legend must list,
and the 界址点坐标 TXT written by pingcheng:exportsites for the boundary-point table.
"""

from __future__ import annotations

import math
import re
import subprocess
import unicodedata
from typing import Dict, List, Tuple

import pytest
from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsLayoutItemMap,
    QgsMapRendererSequentialJob,
    QgsProcessingFeedback,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSizeF, Qt

from pingcheng_plugin.core.figures import FIGURES, ExportOptions, FigureExporter, export_figures, figure, templates
from pingcheng_plugin.core.support import compat
from pingcheng_plugin.plan import vocabulary

ATLAS = figure("site_atlas")
MM_TO_PT = 72 / 25.4


def plan_layer(plan, table: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{plan}|layername={table}", table, "ogr")
    assert layer.isValid(), table
    return layer


def one_two_five(value: float) -> bool:
    mantissa = value / 10 ** math.floor(math.log10(value) + 1e-9)
    return any(abs(mantissa - m) < 1e-6 for m in (1.0, 2.0, 5.0))


@pytest.fixture
def atlas_layout(demo_plan):
    exporter = FigureExporter(str(demo_plan), str(demo_plan.parent), ExportOptions(formats=("pdf",), dpi=30,
                                                                                   figures=("site_atlas",)))
    exporter._read_plan()
    layout = exporter.build(ATLAS)
    atlas = layout.atlas()
    assert atlas.beginRender() and atlas.count() > 0
    yield layout
    atlas.endRender()
    exporter.project.clear()


def pages(layout):
    """Move the atlas to each page in turn (as an export does), yielding the page's coverage feature."""
    atlas = layout.atlas()
    for index in range(atlas.count()):
        assert atlas.seekTo(index)
        yield atlas.layout().reportContext().feature()


def map_rect(item):
    return item.mapToScene(item.rect()).boundingRect()


def covered_view(layout) -> QgsGeometry:
    """The map's extent less what the items drawn over it (inset, point table, north arrow) hide."""
    map_item = layout.itemById(templates.ITEM_MAP)
    frame, extent = map_rect(map_item), map_item.extent()
    view = QgsGeometry.fromRect(extent)
    for item_id in (templates.ITEM_OVERVIEW, templates.ITEM_POINT_TABLE, templates.ITEM_POINT_TABLE_TITLE,
                    templates.ITEM_NORTH_ARROW, "pc_overview_box", "pc_overview_caption"):
        other = layout.itemById(item_id)
        if other is None or not other.isVisible():
            continue
        box = other.sceneBoundingRect().intersected(frame)
        if box.isEmpty():
            continue
        sx, sy = extent.width() / frame.width(), extent.height() / frame.height()
        view = view.difference(QgsGeometry.fromRect(QgsRectangle(
            extent.xMinimum() + (box.left() - frame.left()) * sx, extent.yMaximum() - (box.bottom() - frame.top()) * sy,
            extent.xMinimum() + (box.right() - frame.left()) * sx, extent.yMaximum() - (box.top() - frame.top()) * sy)))
    return view


# --- zone names -----------------------------------------------------------------------------------------------

def test_no_zone_name_lies_on_a_site(atlas_layout, demo_plan):
    sites = [f.geometry() for f in plan_layer(demo_plan, "project_sites").getFeatures()]
    zones = {f["name"]: f.geometry() for f in plan_layer(demo_plan, "restoration_zones").getFeatures()}
    map_item = atlas_layout.itemById(templates.ITEM_MAP)
    placed = 0
    for _feature in pages(atlas_layout):
        frame = map_rect(map_item)
        size = QSizeF(frame.width() * 150 / 25.4, frame.height() * 150 / 25.4)
        settings = map_item.mapSettings(map_item.extent(), size, 150, True)
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        results = job.takeLabelingResults()
        names = [label for label in results.labelsWithinRect(map_item.extent()) if label.labelText in zones]
        for label in names:
            box = QgsGeometry.fromRect(label.labelRect)
            assert not any(box.intersects(site) for site in sites), (label.labelText, label.labelRect.toString())
            assert zones[label.labelText].intersects(QgsGeometry.fromPointXY(label.labelRect.center()))
        placed += len(names)
    assert placed > 0  # the names are there, only away from the sites


# --- graticule labels -----------------------------------------------------------------------------------------

def test_graticule_labels_on_all_four_sides_without_colliding(atlas_layout, demo_plan, tmp_path):
    map_box = map_rect(atlas_layout.itemById(templates.ITEM_MAP))
    left, top = map_box.left() * MM_TO_PT, map_box.top() * MM_TO_PT
    right, bottom = map_box.right() * MM_TO_PT, map_box.bottom() * MM_TO_PT
    export_figures(str(demo_plan), str(tmp_path), ExportOptions(formats=("pdf",), dpi=30, figures=("site_atlas",)))
    path = tmp_path / (ATLAS.file_stem() + ".pdf")
    count = atlas_layout.atlas().count()
    for page in range(1, count + 1):
        xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        words = [(unicodedata.normalize("NFKC", m.group(5)), *(float(m.group(i)) for i in range(1, 5)))
                 for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<',
                                      xml)]
        labels = [w for w in words if re.fullmatch(r"\d+°\d\d′(\d\d″)?[EN]", w[0])]
        sides = {
            "top": [w for w in labels if w[4] <= top + 0.5 and left - 5 <= w[1] and w[3] <= right + 5],
            "bottom": [w for w in labels if w[2] >= bottom - 0.5 and left - 5 <= w[1] and w[3] <= right + 5],
            "left": [w for w in labels if w[3] <= left + 0.5 and top - 5 <= w[2] and w[4] <= bottom + 5],
            "right": [w for w in labels if w[1] >= right - 0.5 and top - 5 <= w[2] and w[4] <= bottom + 5],
        }
        for side, found in sides.items():
            assert found, (page, side)
            assert all(w[0].endswith("E") == (side in ("top", "bottom")) for w in found), (page, side)
        for index, a in enumerate(labels):  # no two labels overlap (the corners are where they would)
            for b in labels[index + 1:]:
                assert a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2], (page, a, b)


# --- scale bars -------------------------------------------------------------------------------------------------

def check_bar(layout, where: str) -> None:
    bar = layout.itemById(templates.ITEM_SCALEBAR)
    map_item = layout.itemById(templates.ITEM_MAP)
    units = bar.unitsPerSegment()
    assert bar.segmentSizeMode() == compat.SCALEBAR_FIXED, where
    assert one_two_five(units), (where, units)
    width = float(bar.customProperty("pingcheng/bar_width"))
    segment_mm = units * 1e6 / map_item.scale()
    length_mm = bar.numberOfSegments() * segment_mm
    assert length_mm <= width + 1e-6 and 2 <= bar.numberOfSegments() <= 5, where
    # the longest bar of 2–5 such segments whose labels keep apart (7 mm a segment; 5 mm where nothing longer fits)
    steps = [m * 10 ** e for e in range(-3, 4) for m in (1, 2, 5)]
    for shortest in (7.0, 5.0):
        fitting = [n * v * 1e6 / map_item.scale() for n in (2, 3, 4, 5) for v in steps
                   if v * 1e6 / map_item.scale() >= shortest and n * v * 1e6 / map_item.scale() <= width]
        if fitting:
            assert segment_mm >= shortest and abs(length_mm - max(fitting)) < 1e-3, (where, length_mm, fitting)
            break
    else:
        raise AssertionError(f"{where}: the bar box ({width} mm) holds no readable bar")


def test_scale_bars_step_in_one_two_five(atlas_layout, demo_plan):
    scales = set()
    for feature in pages(atlas_layout):
        check_bar(atlas_layout, f"atlas page {feature['seq']}")
        scales.add(round(atlas_layout.itemById(templates.ITEM_MAP).scale()))
    assert len(scales) > 1  # the pages do change scale, and each got its own bar
    exporter = FigureExporter(str(demo_plan), str(demo_plan.parent), ExportOptions(formats=("pdf",), dpi=30))
    exporter._read_plan()
    try:
        for spec in FIGURES:
            if spec.kind == "map":
                check_bar(exporter.build(spec), spec.id)
    finally:
        exporter.project.clear()


# --- the legend -----------------------------------------------------------------------------------------------

def legend_lines(layout) -> Dict[str, List[str]]:
    legend = layout.itemById(templates.ITEM_LEGEND)
    model = legend.model()
    return {node.name(): [n.data(Qt.ItemDataRole.DisplayRole) for n in model.layerLegendNodes(node)]
            for node in model.rootGroup().children()}


def test_the_legend_lists_what_the_page_shows(atlas_layout, demo_plan):
    zones = plan_layer(demo_plan, "restoration_zones")
    corridors = plan_layer(demo_plan, "eco_corridors")
    boundary = plan_layer(demo_plan, "district_boundary")
    sites = plan_layer(demo_plan, "project_sites")
    boundary_shown = set()
    for feature in pages(atlas_layout):
        view = covered_view(atlas_layout)

        def touching(layer, view=view):
            request = QgsFeatureRequest().setFilterRect(view.boundingBox())
            return [f for f in layer.getFeatures(request) if f.geometry().intersects(view)]

        lines = legend_lines(atlas_layout)
        expected_zones = {vocabulary.by_code("zone", f["code"]).name_zh for f in touching(zones)}
        assert set(lines.get("生态修复分区", [])) == expected_zones, feature["seq"]
        assert ("生态廊道" in lines) == bool(touching(corridors)), feature["seq"]
        outline = any(QgsGeometry(f.geometry().constGet().boundary()).intersects(view) for f in touching(boundary))
        assert ("区界" in lines) == outline, feature["seq"]
        boundary_shown.add(outline)
        others = [f for f in touching(sites) if f.id() != feature["fid"]]
        assert lines["重点工程项目"] == ["本项目范围"] + (["其他项目"] if others else []), feature["seq"]
    assert boundary_shown == {True, False}  # the demo has pages with and without the district boundary


# --- the boundary-point table ---------------------------------------------------------------------------------

def txt_points(path) -> Dict[str, List[Tuple[str, str, str]]]:
    """Per 地块编号: the point rows of the TXT (点号, X, Y), each ring's closing repeat left out."""
    parcels: Dict[str, List[Tuple[str, str, str]]] = {}
    current = None
    seen = set()
    in_parcels = False
    for line in path.read_text(encoding="gbk").splitlines():
        line = line.strip()
        if line.startswith("["):
            in_parcels = line == "[地块坐标]"
            continue
        if not in_parcels or not line:
            continue
        parts = line.split(",")
        if parts[-1] == "@":
            current = parcels.setdefault(parts[2], [])
            seen = set()
            continue
        if (parts[1], parts[0]) not in seen:
            seen.add((parts[1], parts[0]))
            current.append((parts[0], parts[2], parts[3]))
    return parcels


def test_the_point_table_lists_the_txt_export_points(atlas_layout, demo_plan, tmp_path, provider):
    import processing

    target = tmp_path / "sites.txt"
    processing.run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": "txt", "OUTPUT": str(target)},
                   feedback=QgsProcessingFeedback())
    expected = txt_points(target)
    frame = atlas_layout.itemById(templates.ITEM_POINT_TABLE)
    map_box = map_rect(atlas_layout.itemById(templates.ITEM_MAP))
    checked = 0
    for feature in pages(atlas_layout):
        contents = frame.multiFrame().tableContents()
        assert [cell.content() for cell in contents[0]] == ["点号", "X（m）", "Y（m）"]
        rows = [tuple(str(cell.content()) for cell in row) for row in contents[1:]]
        assert rows == expected[feature["project_code"]], feature["project_code"]
        box = frame.sceneBoundingRect()
        assert map_box.contains(box)  # inside the map frame, in its lower right corner
        assert abs(box.right() - map_box.right()) < 0.5 and abs(box.bottom() - map_box.bottom()) < 0.5
        checked += 1
    assert checked == len(expected)


# --- the site card and the inset ------------------------------------------------------------------------------

def test_site_card_heading_is_bold_and_inset_caption_is_off_the_inset(atlas_layout, demo_plan, tmp_path):
    heading = atlas_layout.itemById(templates.ITEM_SITE_CARD_TITLE)
    assert heading.text() == "项目概况" and compat.label_text_format(heading).font().bold()
    card = atlas_layout.itemById(templates.ITEM_SITE_CARD).text()
    assert "项目概况" not in card and "项目状态" in card and "资金来源" in card
    caption = atlas_layout.itemById("pc_overview_caption").sceneBoundingRect()
    inset = atlas_layout.itemById(templates.ITEM_OVERVIEW)
    assert isinstance(inset, QgsLayoutItemMap) and not caption.intersects(map_rect(inset))
    export_figures(str(demo_plan), str(tmp_path), ExportOptions(formats=("pdf",), dpi=30, figures=("site_atlas",)))
    fonts = subprocess.run(["pdffonts", str(tmp_path / (ATLAS.file_stem() + ".pdf"))], capture_output=True,
                           text=True, check=True).stdout
    assert "Bold" in fonts


def test_a_site_with_many_points_shows_the_first_and_counts_the_rest(demo_plan, tmp_path, provider):
    import processing

    from pingcheng_plugin.core.figures.boundary_points import MAX_ROWS

    sites = plan_layer(demo_plan, "project_sites")
    first = next(sites.getFeatures())
    centre = first.geometry().centroid().asPoint()
    ring = [f"{centre.x() + 300 * math.cos(a * math.pi / 20):.3f} {centre.y() + 300 * math.sin(a * math.pi / 20):.3f}"
            for a in range(40)]
    circle = QgsGeometry.fromWkt(f"MULTIPOLYGON((({', '.join(ring + ring[:1])})))")
    assert sites.startEditing() and sites.changeGeometry(first.id(), circle) and sites.commitChanges()
    target = tmp_path / "sites.txt"
    processing.run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": "txt", "OUTPUT": str(target)},
                   feedback=QgsProcessingFeedback())
    expected = txt_points(target)[first["project_code"]]
    assert len(expected) == 40
    exporter = FigureExporter(str(demo_plan), str(demo_plan.parent), ExportOptions(formats=("pdf",), dpi=30,
                                                                                   figures=("site_atlas",)))
    exporter._read_plan()
    try:
        layout = exporter.build(ATLAS)
        assert layout.atlas().beginRender()
        page = next(f for f in pages(layout) if f["project_code"] == first["project_code"])
        assert page.isValid()
        contents = layout.itemById(templates.ITEM_POINT_TABLE).multiFrame().tableContents()
        rows = [tuple(str(cell.content()) for cell in row) for row in contents[1:]]
        assert len(rows) == MAX_ROWS
        assert rows[:-1] == expected[:MAX_ROWS - 1]
        assert rows[-1][1] == f"另{40 - (MAX_ROWS - 1)}点"
        layout.atlas().endRender()
    finally:
        exporter.project.clear()
