"""Control layers (三区三线, 自然保护地) and the land survey's 地类图斑 through the user's surface: generated bureau
files imported with pingcheng:importcontrollayer (other CRS and zones, GBK, an invalid polygon, unknown and empty
地类编码), every CONTROL_* rule's failing and passing case through pingcheng:validatesites, the stored land-class
areas against QGIS's own native:intersection + QgsDistanceArea, re-imports, and each bad input's message."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsRectangle,
    QgsVectorLayer,
)

from pingcheng_plugin.core.store import control_data
from tests.helpers import rectangle
from tests.helpers.exchange_files import transformed, write_ogr

NAMED = (("MC", ogr.OFTString), ("BSM", ogr.OFTString))
DLTB = (("BSM", ogr.OFTString), ("DLBM", ogr.OFTString), ("DLMC", ogr.OFTString))
#: DLTB codes the grid cycles through: GB/T 21010 classes, a 三调 code, one unknown code and one empty code.
CODES = (("0101", "水田"), ("0103", "旱地"), ("0301", "乔木林地"), ("0404", "其他草地"), ("1101", "河流水面"),
         ("0702", "农村宅基地"), ("1006", "农村道路"), ("0201K", "可调整果园"), ("1108", "沼泽地"),
         ("ZZ99", "自编地类"), (None, "未填"))


class Collecting(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings: List[str] = []
        self.infos: List[str] = []

    def pushWarning(self, warning):  # noqa: N802 (QGIS's name)
        self.warnings.append(warning)
        super().pushWarning(warning)

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


def run(algorithm_id: str, parameters: Dict, feedback=None) -> Dict:
    import processing

    return processing.run(algorithm_id, parameters, feedback=feedback or QgsProcessingFeedback())


def import_control(plan: Path, kind: str, path: Path, feedback=None, **extra) -> Dict:
    return run("pingcheng:importcontrollayer", dict({"PLAN": str(plan), "KIND": kind, "INPUT": str(path)}, **extra),
               feedback)


def sites(plan: Path) -> Dict[str, Tuple[int, str, QgsGeometry]]:
    """{project code: (fid, project type, geometry)} read through QGIS."""
    layer = QgsVectorLayer(f"{plan}|layername=project_sites", "sites", "ogr")
    return {f["project_code"]: (f.id(), f["project_type"], QgsGeometry(f.geometry())) for f in layer.getFeatures()}


def box(plan: Path, code: str) -> QgsRectangle:
    return sites(plan)[code][2].boundingBox()


def west_half(b: QgsRectangle) -> QgsGeometry:
    return rectangle(b.xMinimum() - 50, b.yMinimum() - 50, b.center().x(), b.yMaximum() + 50)


def east_half(b: QgsRectangle) -> QgsGeometry:
    return rectangle(b.center().x(), b.yMinimum() - 50, b.xMaximum() + 50, b.yMaximum() + 50)


def around(b: QgsRectangle, margin: float = 50) -> QgsGeometry:
    return rectangle(b.xMinimum() - margin, b.yMinimum() - margin, b.xMaximum() + margin, b.yMaximum() + margin)


def gbk_shapefile(path: Path, rows, columns, epsg: int) -> Path:
    """A GBK Shapefile as Chinese desktop software writes it: no .cpg beside the DBF."""
    write_ogr(path, "ESRI Shapefile", rows, epsg, columns=columns, layer_options=["ENCODING=CP936"],
              geometry_type=ogr.wkbPolygon)
    path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


def redline_file(plan: Path, folder: Path, codes=("140213-KSXF-0001", "140213-KSXF-0002"), name="redline") -> Path:
    """GeoJSON in WGS 84 (longitude, latitude): the west half of each site ``codes``."""
    rows = [({"MC": f"测试红线{n}", "BSM": f"HX{n:03d}"}, transformed(west_half(box(plan, c)), "EPSG:4326"))
            for n, c in enumerate(codes, start=1)]
    return write_ogr(folder / f"{name}.geojson", "GeoJSON", rows, 4326, columns=NAMED, layer_name=name)


def farmland_file(plan: Path, folder: Path) -> Path:
    """A GBK Shapefile in the plan's CRS: the south half of XCRJ-0001 (not allowed) and all of TDZZ-0001."""
    rural = box(plan, "140213-XCRJ-0001")
    rows = [({"MC": "基本农田保护片区一", "BSM": "JBNT01"},
             rectangle(rural.xMinimum() - 50, rural.yMinimum() - 50, rural.xMaximum() + 50, rural.center().y())),
            ({"MC": "基本农田保护片区二", "BSM": "JBNT02"}, around(box(plan, "140213-TDZZ-0001")))]
    return gbk_shapefile(folder / "永久基本农田.shp", rows, NAMED, 4547)


def urban_file(plan: Path, folder: Path) -> Path:
    """A GeoPackage in the neighbouring 3-degree zone with its zone prefix (EPSG:4526, eastings 38…): CQGG-0001 and
    CZXF-0001 inside, only the east half of CZXF-0002."""
    parts = [around(box(plan, "140213-CQGG-0001")), around(box(plan, "140213-CZXF-0001")),
             east_half(box(plan, "140213-CZXF-0002"))]
    rows = [({"MC": "中心城区城镇开发边界", "BSM": f"CZKF{n}"}, transformed(g, "EPSG:4526"))
            for n, g in enumerate(parts)]
    return write_ogr(folder / "urban.gpkg", "GPKG", rows, 4526, columns=NAMED, layer_name="czkfbj")


def protected_file(plan: Path, folder: Path) -> Path:
    river = box(plan, "140213-LYST-0001")
    rows = [({"MC": "（测试）御河湿地自然公园", "BSM": "ZRBHD01"}, transformed(west_half(river), "EPSG:4326"))]
    return write_ogr(folder / "protected.geojson", "GeoJSON", rows, 4326, columns=NAMED, layer_name="zrbhd")


def dltb_rows(plan: Path, cell: float = 1000.0):
    """A 1 km grid over the district in CGCS2000 longitude/latitude (EPSG:4490); the south-west cell (no site
    near) is drawn as a bow-tie, an invalid polygon."""
    from pingcheng_plugin.core.store import plan_data

    extent = plan_data.district_box(str(plan)).buffered(500)
    rows, n = [], 0
    y = extent.yMinimum()
    while y < extent.yMaximum():
        x = extent.xMinimum()
        while x < extent.xMaximum():
            code, name = CODES[n % len(CODES)]
            if n == 0:
                ring = [QgsPointXY(x, y), QgsPointXY(x + cell, y + cell), QgsPointXY(x + cell, y),
                        QgsPointXY(x, y + cell), QgsPointXY(x, y)]
                geometry = QgsGeometry.fromPolygonXY([ring])
            else:
                geometry = rectangle(x, y, x + cell, y + cell)
            rows.append(({"BSM": f"TB{n:05d}", "DLBM": code, "DLMC": name}, transformed(geometry, "EPSG:4490")))
            n += 1
            x += cell
        y += cell
    return rows


@pytest.fixture
def controls(provider, demo_plan, tmp_path):
    """The demo plan with all five control layers imported, and the DLTB file."""
    dltb = gbk_shapefile(tmp_path / "DLTB.shp", dltb_rows(demo_plan), DLTB, 4490)
    for kind, path in (("redline", redline_file(demo_plan, tmp_path)), ("farmland", farmland_file(demo_plan, tmp_path)),
                       ("urban", urban_file(demo_plan, tmp_path)), ("protected", protected_file(demo_plan, tmp_path)),
                       ("landuse", dltb)):
        import_control(demo_plan, kind, path)
    return demo_plan, dltb


def findings(plan: Path, rule: str) -> Dict[str, str]:
    """{site code: message} of the rule's findings through pingcheng:validatesites."""
    result = run("pingcheng:validatesites", {"PLAN": str(plan), "OUTPUT": "memory:"})
    layer = result["OUTPUT"]
    if isinstance(layer, str):
        from qgis.core import QgsProcessingContext, QgsProcessingUtils

        layer = QgsProcessingUtils.mapLayerFromString(layer, QgsProcessingContext())
    return {f["site_code"]: f["message"] for f in layer.getFeatures() if f["rule"] == rule}


def query(plan: Path, statement: str, *args) -> List[tuple]:
    with sqlite3.connect(str(plan)) as con:
        return con.execute(statement, args).fetchall()


# --- 1. import ---------------------------------------------------------------------------------------------------

def test_dltb_import_reports_repairs_unknown_and_empty_codes_and_records_the_source(provider, demo_plan, tmp_path):
    rows = dltb_rows(demo_plan)
    path = gbk_shapefile(tmp_path / "DLTB.shp", rows, DLTB, 4490)
    feedback = Collecting()
    result = import_control(demo_plan, "landuse", path, feedback)
    assert result["IMPORTED"] == len(rows) and result["FIXED"] == 1
    text = "\n".join(feedback.warnings)
    repaired = next(w for w in feedback.warnings if "invalid polygons" in w)
    assert repaired.startswith("1 invalid polygons") and repaired.endswith(": feature 1.")  # the bow-tie
    unknown = sum(1 for values, _g in rows if values["DLBM"] == "ZZ99")
    empty = sum(1 for values, _g in rows if values["DLBM"] is None)
    assert f"ZZ99 ({unknown})" in text
    assert f"{empty} parcels have no land class code" in text
    assert result["WARNINGS"] == 3
    # kept as unknown, with GBK names read right
    stored = query(demo_plan, "SELECT dlbm, dlmc, class_group, known FROM control_landuse")
    assert len(stored) == len(rows)
    assert ("ZZ99", "自编地类", "99", 0) in stored and (None, "未填", "99", 0) in stored
    assert ("0101", "水田", "01", 1) in stored and ("0201K", "可调整果园", "02", 1) in stored
    assert ("1108", "沼泽地", "00", 1) in stored and ("0702", "农村宅基地", "20", 1) in stored  # the survey's groups
    kind, source, when, features, fixed, crs = query(
        demo_plan, "SELECT kind, source_file, imported_at, features, fixed, source_crs FROM control_layers")[0]
    assert (kind, Path(source).name, features, fixed, crs) == ("landuse", "DLTB.shp", len(rows), 1, "EPSG:4490")
    assert when[:4].isdigit()
    assert any("covers" in info and "100.00" in info for info in feedback.infos)


def test_coverage_below_the_district_is_reported(provider, demo_plan, tmp_path):
    rows = dltb_rows(demo_plan)[: 40]  # the southern strip only
    feedback = Collecting()
    import_control(demo_plan, "landuse", gbk_shapefile(tmp_path / "DLTB.shp", rows, DLTB, 4490), feedback)
    assert any("The land survey parcels cover" in w for w in feedback.warnings)


# --- 2. per-site areas ------------------------------------------------------------------------------------------

def reference_land_classes(plan: Path, dltb: Path) -> Dict[str, Dict[str, float]]:
    """{project code: {DLBM: ellipsoidal m²}} by QGIS alone: fix geometries, reproject, native:intersection, and
    QgsDistanceArea on CGCS2000 for each piece."""
    source = QgsVectorLayer(str(dltb), "dltb", "ogr")
    source.setProviderEncoding("GBK")
    fixed = run("native:fixgeometries", {"INPUT": source, "OUTPUT": "memory:"})["OUTPUT"]
    projected = run("native:reprojectlayer", {"INPUT": fixed, "TARGET_CRS": "EPSG:4547", "OUTPUT": "memory:"})["OUTPUT"]
    pieces = run("native:intersection", {"INPUT": f"{plan}|layername=project_sites", "OVERLAY": projected,
                                         "INPUT_FIELDS": ["project_code"], "OVERLAY_FIELDS": ["DLBM"],
                                         "OUTPUT": "memory:"})["OUTPUT"]
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    assert calculator.setEllipsoid("EPSG:1024")
    found: Dict[str, Dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for feature in pieces.getFeatures():
        found[feature["project_code"]][feature["DLBM"] or ""] += calculator.measureArea(feature.geometry())
    return found


def test_area_by_land_class_equals_qgis_intersection(controls):
    plan, dltb = controls
    reference = reference_land_classes(plan, dltb)
    stored: Dict[str, Dict[str, float]] = defaultdict(dict)
    dominant = {}
    for code, dlbm, area_ha, is_dominant, group in query(
            plan, "SELECT project_code, dlbm, area_ha, dominant, group_name FROM site_land_classes"):
        stored[code][dlbm or ""] = area_ha * 10000
        if is_dominant:
            dominant[code] = dlbm or ""
        assert group
    assert set(stored) == set(reference) == set(sites(plan))
    for code, classes in reference.items():
        expected = {k: v for k, v in classes.items() if v > 1.0}
        assert set(stored[code]) == set(expected), code
        for dlbm, area in expected.items():
            assert stored[code][dlbm] == pytest.approx(area, rel=1e-4), (code, dlbm)
        assert dominant[code] == max(expected, key=expected.get)


def test_area_in_each_control_layer_and_names_touched(controls):
    plan, _ = controls
    all_sites = sites(plan)
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    calculator.setEllipsoid("EPSG:1024")
    rows = {(code, kind): (area, names) for code, kind, area, names in
            query(plan, "SELECT project_code, kind, area_ha, names FROM site_controls")}
    # the red line's west half of KSXF-0001, measured by QGIS on the site's own intersection
    site = all_sites["140213-KSXF-0001"][2]
    expected = calculator.measureArea(site.intersection(west_half(site.boundingBox())))
    area, names = rows[("140213-KSXF-0001", "redline")]
    assert area * 10000 == pytest.approx(expected, rel=1e-4) and names == "测试红线1"
    assert rows[("140213-TDZZ-0001", "farmland")][1] == "基本农田保护片区二"
    assert rows[("140213-LYST-0001", "protected")][1] == "（测试）御河湿地自然公园"
    assert ("140213-SXLT-0001", "redline") not in rows and ("140213-LYST-0002", "protected") not in rows


# --- 3. rules ----------------------------------------------------------------------------------------------------

def test_redline_rule_fails_passes_and_accepts_a_justification(controls):
    plan, _ = controls
    control_data.set_justification(str(plan), "140213-KSXF-0002", "历史遗留矿山生态修复，属红线内允许的有限人为活动")
    found = findings(plan, "CONTROL_REDLINE")
    assert set(found) == {"140213-KSXF-0001"}  # KSXF-0002 is justified, SXLT-0001 outside
    rows = dict(query(plan, "SELECT project_code, area_ha FROM site_controls WHERE kind = 'redline'"))
    assert f"{rows['140213-KSXF-0001']:,.4f}" in found["140213-KSXF-0001"]
    assert "测试红线1" in found["140213-KSXF-0001"]
    control_data.set_justification(str(plan), "140213-KSXF-0002", None)
    assert set(findings(plan, "CONTROL_REDLINE")) == {"140213-KSXF-0001", "140213-KSXF-0002"}


def test_farmland_rule_follows_the_type_table(controls):
    plan, _ = controls
    found = findings(plan, "CONTROL_FARMLAND")
    assert set(found) == {"140213-XCRJ-0001"}  # TDZZ-0001 lies on farmland too, and may
    assert "乡村人居环境整治项目" in found["140213-XCRJ-0001"]
    from pingcheng_plugin.core.rules.control_settings import ControlConfig

    control_data.write_config(str(plan), ControlConfig(farmland_types=("XCRJ",)))  # the plan's own setting
    assert set(findings(plan, "CONTROL_FARMLAND")) == {"140213-TDZZ-0001"}


def test_urban_types_outside_the_urban_boundary(controls):
    plan, _ = controls
    found = findings(plan, "CONTROL_URBAN_OUTSIDE")
    assert set(found) == {"140213-CZXF-0002"}  # CQGG-0001 and CZXF-0001 lie inside
    site = sites(plan)["140213-CZXF-0002"][2]
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    calculator.setEllipsoid("EPSG:1024")
    outside = calculator.measureArea(site.difference(east_half(site.boundingBox())))
    stated = re.search(r"— ([\d,.]+) ha", found["140213-CZXF-0002"]).group(1)
    assert float(stated.replace(",", "")) == pytest.approx(outside / 10000, rel=1e-4)


def test_protected_area_is_named(controls):
    plan, _ = controls
    found = findings(plan, "CONTROL_PROTECTED")
    assert set(found) == {"140213-LYST-0001"}
    assert "（测试）御河湿地自然公园" in found["140213-LYST-0001"]


def test_overlapping_polygons_of_one_layer_count_once(provider, demo_plan, tmp_path):
    """Two protected areas that overlap each other over one site (a wetland park inside a reserve): the site's
    area in the layer is its intersection with their union, as QGIS measures it, not their sum."""
    site = sites(demo_plan)["140213-LYST-0001"][2]
    b = site.boundingBox()
    band = rectangle(b.xMinimum() + b.width() / 4, b.yMinimum() - 50, b.xMaximum() - b.width() / 4,
                     b.yMaximum() + 50)
    parts = [("（测试）御河湿地自然公园", west_half(b)), ("（测试）御河自然保护区", band)]
    rows = [({"MC": name, "BSM": f"ZRBHD0{n}"}, transformed(g, "EPSG:4326")) for n, (name, g) in enumerate(parts)]
    path = write_ogr(tmp_path / "protected.geojson", "GeoJSON", rows, 4326, columns=NAMED, layer_name="zrbhd")
    import_control(demo_plan, "protected", path)
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    calculator.setEllipsoid("EPSG:1024")
    expected = calculator.measureArea(site.intersection(QgsGeometry.unaryUnion([g for _, g in parts])))
    pieces = sum(calculator.measureArea(site.intersection(g)) for _, g in parts)
    (area, names), = query(demo_plan, "SELECT area_ha, names FROM site_controls WHERE kind = 'protected' AND "
                                      "project_code = '140213-LYST-0001'")
    assert area * 10000 == pytest.approx(expected, rel=1e-4) and expected < 0.9 * pieces
    assert names == "（测试）御河湿地自然公园、（测试）御河自然保护区"


def test_rules_are_silent_without_control_layers(provider, demo_plan):
    for rule in ("CONTROL_REDLINE", "CONTROL_FARMLAND", "CONTROL_URBAN_OUTSIDE", "CONTROL_PROTECTED"):
        assert findings(demo_plan, rule) == {}


# --- re-import and bad input -------------------------------------------------------------------------------------

def test_reimport_replaces_the_layer_and_every_sites_values(controls, tmp_path):
    plan, _ = controls
    before = query(plan, "SELECT count(*) FROM control_landuse")[0][0]
    moved = redline_file(plan, tmp_path, codes=("140213-SXLT-0001",), name="redline2")
    assert import_control(plan, "redline", moved)["IMPORTED"] == 1
    assert query(plan, "SELECT count(*) FROM control_redline")[0][0] == 1
    assert {r[0] for r in query(plan, "SELECT project_code FROM site_controls WHERE kind = 'redline'")} == {
        "140213-SXLT-0001"}
    assert set(findings(plan, "CONTROL_REDLINE")) == {"140213-SXLT-0001"}
    assert query(plan, "SELECT count(*) FROM control_landuse")[0][0] == before  # other kinds untouched
    assert Path(query(plan, "SELECT source_file FROM control_layers WHERE kind = 'redline'")[0][0]).name == \
        "redline2.geojson"


def test_dltb_without_dlbm_is_refused_and_changes_nothing(provider, demo_plan, tmp_path):
    rows = [({"MC": "某地块", "BSM": "1"}, around(box(demo_plan, "140213-TDZZ-0001")))]
    path = write_ogr(tmp_path / "dltb.gpkg", "GPKG", rows, 4547, columns=NAMED, layer_name="dltb")
    with pytest.raises(QgsProcessingException) as error:
        import_control(demo_plan, "landuse", path)
    assert "DLBM" in str(error.value) and "dltb.gpkg" in str(error.value) and "MC" in str(error.value)
    assert control_data.imported_kinds(str(demo_plan)) == []
    assert not query(demo_plan, "SELECT name FROM sqlite_master WHERE name LIKE 'control%'")


def test_a_point_or_a_far_feature_stops_the_import_naming_it(controls, tmp_path):
    plan, _ = controls
    before = query(plan, "SELECT name FROM control_redline ORDER BY name")
    point = QgsGeometry.fromPointXY(QgsPointXY(113.3, 40.08))
    rows = [({"MC": "正常红线", "BSM": "1"}, transformed(around(box(plan, "140213-SXLT-0001")), "EPSG:4326")),
            ({"MC": "点", "BSM": "2"}, point)]
    path = write_ogr(tmp_path / "bad.geojson", "GeoJSON", rows, 4326, columns=NAMED, layer_name="bad")
    with pytest.raises(QgsProcessingException) as error:
        import_control(plan, "redline", path)
    assert "feature 2: it is a point, not a polygon" in str(error.value)
    assert "bad.geojson" in str(error.value) and "Nothing was imported" in str(error.value)
    beijing = rectangle(116.3, 39.9, 116.4, 40.0)
    far = write_ogr(tmp_path / "far.geojson", "GeoJSON",
                    [({"MC": "正常红线", "BSM": "1"}, transformed(around(box(plan, "140213-SXLT-0001")), "EPSG:4326")),
                     ({"MC": "北京", "BSM": "2"}, beijing)], 4326, columns=NAMED, layer_name="far")
    with pytest.raises(QgsProcessingException) as error:
        import_control(plan, "redline", far)
    assert "feature 2: it lies" in str(error.value) and "km from Pingcheng" in str(error.value)
    assert query(plan, "SELECT name FROM control_redline ORDER BY name") == before


def test_the_stored_project_shows_the_control_layers_styled(controls, qgis_new_project):
    from qgis.core import QgsProject

    from pingcheng_plugin.core.store import plan_project

    plan, _ = controls
    project = QgsProject.instance()
    plan_project.read_plan_project(str(plan), project)
    group = project.layerTreeRoot().findGroup("管控图层")
    assert group is not None
    names = [layer.name() for layer in group.findLayers()]
    assert names == ["生态保护红线", "永久基本农田", "城镇开发边界", "自然保护地", "三调地类图斑", "项目涉及管控图层",
                     "项目地类面积"]
    # results are the plugin's; the red-line justification is a site field (tests/test_schema5.py)
    # and so are the bureau's layers as imported (a corrected layer is imported again, which recomputes the sites)
    assert all(node.layer().readOnly() for node in group.findLayers())
    parcels = group.findLayers()[4].layer()
    categories = {c.value(): c.label() for c in parcels.renderer().categories()}
    assert categories["01"] == "耕地" and categories["03"] == "林地" and categories["99"] == "未知地类"
    assert parcels.renderer().categories()[0].symbol().color().name() in {"#ffff64", "#64c8e6"}
    # under the plan's own groups, above the base map
    titles = [child.name() for child in project.layerTreeRoot().children()]
    plan_groups = [titles.index(title) for title, _specs in plan_project.GROUPS]
    assert max(plan_groups) < titles.index("管控图层") < titles.index("底图")
    project.clear()


def test_saving_a_site_in_qgis_recomputes_its_control_results(controls, qgis_iface, qgis_new_project):
    """The save hook (the plugin's site editing starts it): moving a site out of the red line in QGIS's own
    editing updates its stored results."""
    from qgis.core import QgsProject

    from pingcheng_plugin.core.store import plan_project
    from pingcheng_plugin.ui.control_refresh import ControlRefresher
    from tests.helpers import layer_by_table

    plan, _ = controls
    refresher = ControlRefresher(qgis_iface)
    plan_project.read_plan_project(str(plan), QgsProject.instance())
    layer = layer_by_table(QgsProject.instance(), "project_sites")
    fid, _type, geometry = sites(plan)["140213-KSXF-0001"]
    before = query(plan, "SELECT dlbm, area_ha FROM site_land_classes WHERE site_fid = ? ORDER BY dlbm", fid)
    moved = QgsGeometry(geometry)
    moved.translate(2500, 0)  # east, out of the red line's west half, onto other parcels
    assert layer.startEditing() and layer.changeGeometry(fid, moved) and layer.commitChanges()
    assert query(plan, "SELECT kind FROM site_controls WHERE site_fid = ?", fid) == [("landuse",)]
    after = query(plan, "SELECT dlbm, area_ha FROM site_land_classes WHERE site_fid = ? ORDER BY dlbm", fid)
    assert after and after != before
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    calculator.setEllipsoid("EPSG:1024")
    assert sum(area for _code, area in after) * 10000 == pytest.approx(calculator.measureArea(moved), rel=1e-4)
    refresher.unload()
    QgsProject.instance().clear()


def test_the_contract_and_a_dry_run_that_writes_nothing(provider, demo_plan, tmp_path):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().algorithmById("pingcheng:importcontrollayer")
    assert [p.name() for p in algorithm.parameterDefinitions()][:5] == ["PLAN", "KIND", "INPUT", "ENCODING",
                                                                        "SOURCE_CRS"]
    assert algorithm.parameterDefinition("KIND").options() == ["redline", "farmland", "urban", "protected", "landuse"]
    assert {"IMPORTED", "FIXED", "WARNINGS"} <= {o.name() for o in algorithm.outputDefinitions()}
    result = import_control(demo_plan, "redline", redline_file(demo_plan, tmp_path), DRY_RUN=True)
    assert result["IMPORTED"] == 2
    assert control_data.imported_kinds(str(demo_plan)) == []


def test_a_file_without_a_crs_takes_source_crs(provider, demo_plan, tmp_path):
    """Longitude/latitude numbers in a Shapefile without .prj: SOURCE_CRS says CGCS2000 (EPSG:4490)."""
    rows = [({"MC": "基本农田", "BSM": "1"}, transformed(around(box(demo_plan, "140213-TDZZ-0001")), "EPSG:4490"))]
    path = gbk_shapefile(tmp_path / "jbnt.shp", rows, NAMED, 4490)
    path.with_suffix(".prj").unlink()
    import_control(demo_plan, "farmland", path, SOURCE_CRS="EPSG:4490")
    assert query(demo_plan, "SELECT source_crs FROM control_layers") == [("EPSG:4490",)]
    site = sites(demo_plan)["140213-TDZZ-0001"][2]
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    calculator.setEllipsoid("EPSG:1024")
    stored = query(demo_plan, "SELECT area_ha FROM site_controls WHERE project_code = '140213-TDZZ-0001'")[0][0]
    assert stored * 10000 == pytest.approx(calculator.measureArea(site), rel=1e-4)  # wholly inside


def test_imported_sites_get_their_land_classes(controls, tmp_path):
    from tests.helpers.exchange_files import free_squares, site_row
    from tests.helpers.exchange_files import gbk_shapefile as site_shapefile

    plan, dltb = controls
    squares = free_squares(plan, 2)
    path = site_shapefile(tmp_path / "来稿.shp", [(site_row(n), g) for n, g in enumerate(squares)], epsg=4547)
    assert run("pingcheng:importsites", {"INPUT": str(path), "PLAN": str(plan)})["IMPORTED"] == 2
    reference = reference_land_classes(plan, dltb)
    new = [r[0] for r in query(plan, "SELECT project_code FROM project_sites WHERE name LIKE '测试修复项目%'")]
    assert len(new) == 2
    for code in new:
        stored = dict(query(plan, "SELECT dlbm, area_ha FROM site_land_classes WHERE project_code = ?", code))
        expected = {k or None: v for k, v in reference[code].items() if v > 1.0}
        assert stored.keys() == expected.keys()
        for dlbm, area in expected.items():
            assert stored[dlbm] * 10000 == pytest.approx(area, rel=1e-4)
