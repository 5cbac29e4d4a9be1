"""Schema 5 (issues 17 and 18): whose each suitability row is, the red-line justification as a site field, the
site form's 管控与地类 tab with the control results as relation editors, and 建设地点 filled from a township layer
by imports and *Recompute derived fields*. From a real schema-4 plan's upgrade (tests/data/plan_schema4.gpkg.gz,
written by the code of commit b379c3a) to what Processing, the stored project and QGIS without the plugin show;
values are compared with plain SQL on the plan file and QGIS's own geometry measurements."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsAttributeEditorField, QgsAttributeEditorRelation, QgsProject, QgsVectorLayerUtils

from pingcheng_plugin.core.store import gpkg, migrations, plan_project, schema
from tests.helpers import edit, layer_by_table, rectangle, sql
from tests.helpers.exchange_files import SITE_COLUMNS, free_squares, site_row, write_ogr
from tests.test_controls import DLTB, dltb_rows, gbk_shapefile, import_control, redline_file, run

V4_PLAN = Path(__file__).resolve().parent / "data" / "plan_schema4.gpkg.gz"
DEFAULT = "插件默认，非规划内容"
EDITED = "规划库中修改，非规划内容"
JUSTIFIED = "历史遗留矿山生态修复，属红线内允许的有限人为活动"  # what the v4 file's site_control_notes holds


def _v4_plan(path: Path) -> Path:
    with gzip.open(V4_PLAN, "rb") as source, open(path, "wb") as target:
        shutil.copyfileobj(source, target)
    return path


def _columns(path, table):
    with sqlite3.connect(path) as con:
        return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]


def _findings(plan, rule):
    """{site code: message} of one rule's findings through pingcheng:validatesites."""
    layer = run("pingcheng:validatesites", {"PLAN": str(plan), "OUTPUT": "memory:"})["OUTPUT"]
    if isinstance(layer, str):
        from qgis.core import QgsProcessingContext, QgsProcessingUtils

        layer = QgsProcessingUtils.mapLayerFromString(layer, QgsProcessingContext())
    return {f["site_code"]: f["message"] for f in layer.getFeatures() if f["rule"] == rule}


def _control_tab(layer):
    (tab,) = [t for t in layer.editFormConfig().tabs() if t.name() == "管控与地类"]
    return tab


# --- the upgrade ---------------------------------------------------------------------------------------------------

def test_a_schema_4_plan_upgrades_its_suitability_sources_and_justifications(tmp_path):
    path = _v4_plan(tmp_path / "四版 plan.gpkg")
    assert gpkg.read_meta(str(path)).schema_version == 4
    old_columns = [c for c in _columns(path, "project_sites") if c not in ("fid", "geom")]
    assert "redline_justification" not in old_columns and "source" not in _columns(path, "suitability")
    before = sql(path, f"SELECT fid, {', '.join(old_columns)}, geom FROM project_sites ORDER BY fid")
    notes = dict(sql(path, "SELECT project_code, redline_justification FROM site_control_notes"))
    assert notes == {"140213-KSXF-0002": JUSTIFIED}
    suitability_before = sql(path, "SELECT fid, type_code, area_kind, area_code FROM suitability ORDER BY fid")

    backup = migrations.migrate(str(path))

    assert backup and sql(backup, "SELECT count(*) FROM site_control_notes") == [(1,)]  # the backup is the v4 file
    assert gpkg.read_meta(str(path)).schema_version == schema.SCHEMA_VERSION == 5
    assert sql(path, f"SELECT fid, {', '.join(old_columns)}, geom FROM project_sites ORDER BY fid") == before
    # the notes moved into the site field, by project code; nobody else got one
    assert sql(path, "SELECT project_code, redline_justification FROM project_sites "
                     "WHERE redline_justification IS NOT NULL") == [("140213-KSXF-0002", JUSTIFIED)]
    # and the side table is gone, from the GeoPackage's contents too
    assert sql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'site_control_notes'") == [(0,)]
    assert sql(path, "SELECT count(*) FROM gpkg_contents WHERE table_name = 'site_control_notes'") == [(0,)]
    # every row kept; the one row the bureau added in v4 (LYST suits K1) is marked as its edit, all others default
    after = sql(path, "SELECT fid, type_code, area_kind, area_code, source FROM suitability ORDER BY fid")
    assert [row[:4] for row in after] == suitability_before
    assert [row[1:4] for row in after if row[4] == EDITED] == [("LYST", "key_area", "K1")]

    project = QgsProject()
    plan_project.read_plan_project(str(path), project)
    try:
        group = project.layerTreeRoot().findGroup("管控图层")
        # no land survey in this plan: no land-class list that would read as "no land class"
        assert [layer.name() for layer in group.findLayers()] == ["生态保护红线", "项目涉及管控图层"]
        sites = layer_by_table(project, "project_sites")
        assert sites.fields().field("redline_justification").alias() == "占用生态保护红线的理由"
        tab = _control_tab(sites)
        assert [type(e) for e in tab.children()] == [QgsAttributeEditorField, QgsAttributeEditorRelation]
        assert tab.children()[1].relation().referencingLayer().name() == "项目涉及管控图层"
    finally:
        project.clear()
    assert not migrations.needs_migration(str(path))


# --- suitability: the stored source, not a comparison with the defaults ------------------------------------------

def test_the_suitability_finding_names_the_source_the_rows_store(provider, opened_plan):
    # 城区地下水超采治理工程 lies in Z1/K7; as a mine project (KSXF: Z2, K1, K2) it does not conform
    edit(opened_plan, "UPDATE project_sites SET project_type = 'KSXF' WHERE project_code = '140213-DXSZ-0001'")
    assert sql(opened_plan, "SELECT DISTINCT source FROM suitability") == [(DEFAULT,)]  # a new plan: all default
    message = _findings(opened_plan, "PLAN_CONFORMANCE")["140213-DXSZ-0001"]
    assert "the suitability table (the plugin's default, not the plan's)" in message

    # a row added in the table's own form (QGIS's add-row, with the layer's default values) is the bureau's
    table = layer_by_table(QgsProject.instance(), "suitability")
    assert table.startEditing()
    row = QgsVectorLayerUtils.createFeature(table, attributes={table.fields().indexOf("type_code"): "KSXF",
                                                               table.fields().indexOf("area_kind"): "key_area",
                                                               table.fields().indexOf("area_code"): "K3"})
    assert table.addFeature(row) and table.commitChanges(), table.commitErrors()
    assert sql(opened_plan, "SELECT source FROM suitability WHERE type_code = 'KSXF' AND area_code = 'K3'") == \
        [(EDITED,)]
    message = _findings(opened_plan, "PLAN_CONFORMANCE")["140213-DXSZ-0001"]
    assert "the suitability table (as changed in the plan file, not the plan's)" in message

    # a default row changed in the table is no longer the plugin's either (the default applies on every edit)
    (fid,) = [f.id() for f in table.getFeatures() if f["type_code"] == "TDZZ" and f["area_code"] == "K6"]
    assert table.startEditing()
    assert table.changeAttributeValue(fid, table.fields().indexOf("area_code"), "K7")
    assert table.commitChanges(), table.commitErrors()
    assert sql(opened_plan, "SELECT area_code, source FROM suitability WHERE fid = ?", fid) == [("K7", EDITED)]

    # the bureau's own wording of the source, where it wrote one, is quoted
    with sqlite3.connect(opened_plan) as con:
        con.execute("UPDATE suitability SET source = '平城区自然资源局2024年调整' WHERE type_code = 'KSXF'")
    assert "the suitability table (平城区自然资源局2024年调整)" in \
        _findings(opened_plan, "PLAN_CONFORMANCE")["140213-DXSZ-0001"]


def test_a_deleted_default_row_makes_the_type_the_plan_files_own(provider, opened_plan):
    # the rows left all say "default", but the table is no longer the plugin's: the finding must not claim it is
    edit(opened_plan, "UPDATE project_sites SET project_type = 'KSXF' WHERE project_code = '140213-DXSZ-0001'")
    table = layer_by_table(QgsProject.instance(), "suitability")
    (fid,) = [f.id() for f in table.getFeatures() if f["type_code"] == "KSXF" and f["area_code"] == "K1"]
    assert table.startEditing() and table.deleteFeature(fid) and table.commitChanges(), table.commitErrors()
    assert sql(opened_plan, "SELECT DISTINCT source FROM suitability WHERE type_code = 'KSXF'") == [(DEFAULT,)]
    message = _findings(opened_plan, "PLAN_CONFORMANCE")["140213-DXSZ-0001"]
    assert "the suitability table (as changed in the plan file, not the plan's)" in message
    # another type, untouched, is still the plugin's default
    edit(opened_plan, "UPDATE project_sites SET project_type = 'TDZZ' WHERE project_code = '140213-DXSZ-0001'")
    assert "the suitability table (the plugin's default, not the plan's)" in \
        _findings(opened_plan, "PLAN_CONFORMANCE")["140213-DXSZ-0001"]


# --- the red-line justification -----------------------------------------------------------------------------------

def test_a_justification_typed_in_the_site_field_silences_the_red_line_finding(provider, demo_plan, tmp_path,
                                                                              qgis_new_project):
    import_control(demo_plan, "redline", redline_file(demo_plan, tmp_path))
    assert set(_findings(demo_plan, "CONTROL_REDLINE")) == {"140213-KSXF-0001", "140213-KSXF-0002"}
    project = QgsProject.instance()
    plan_project.read_plan_project(str(demo_plan), project)
    sites = layer_by_table(project, "project_sites")
    (fid,) = [f.id() for f in sites.getFeatures() if f["project_code"] == "140213-KSXF-0002"]
    index = sites.fields().indexOf("redline_justification")
    assert sites.editorWidgetSetup(index).type() == "TextEdit" and not sites.editFormConfig().readOnly(index)
    assert sites.startEditing() and sites.changeAttributeValue(fid, index, JUSTIFIED)
    assert sites.commitChanges(), sites.commitErrors()
    assert sql(demo_plan, "SELECT redline_justification FROM project_sites WHERE fid = ?", fid) == [(JUSTIFIED,)]
    assert set(_findings(demo_plan, "CONTROL_REDLINE")) == {"140213-KSXF-0001"}
    # blanks are no justification
    assert sites.startEditing() and sites.changeAttributeValue(fid, index, "   ")
    assert sites.commitChanges(), sites.commitErrors()
    assert set(_findings(demo_plan, "CONTROL_REDLINE")) == {"140213-KSXF-0001", "140213-KSXF-0002"}
    # a new import creates no notes table any more; the field travels in the exports
    assert sql(demo_plan, "SELECT count(*) FROM sqlite_master WHERE name = 'site_control_notes'") == [(0,)]
    project.clear()


@pytest.mark.parametrize("format_id, code_field, field", [("shp", "XMBM", "HXZYLY"), ("gpkg", "project_code", None),
                                                          ("geojson", "project_code", None),
                                                          ("csv", "project_code", None)])
def test_the_justification_travels_in_the_exports_and_the_review_package(provider, demo_plan, tmp_path, format_id,
                                                                          code_field, field):
    edit(demo_plan, "UPDATE project_sites SET redline_justification = ? WHERE project_code = '140213-KSXF-0001'",
         JUSTIFIED)
    target = tmp_path / f"导出.{format_id}"
    run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": format_id, "OUTPUT": str(target)})
    dataset = ogr.Open(str(target))
    layer = dataset.GetLayer(0)
    name = field or "redline_justification"
    found = {f.GetField(code_field): f.GetField(name) for f in layer}
    dataset = None
    assert found["140213-KSXF-0001"] == JUSTIFIED and found["140213-KSXF-0002"] in (None, "")
    if format_id == "gpkg":  # and a review package carries it (read-only) beside the other site fields
        folder = tmp_path / "核查包"
        run("pingcheng:preparereview", {"PLAN": str(demo_plan), "SITES": "\"project_code\" LIKE '%KSXF%'",
                                        "REVIEWER": "王核查", "OUTPUT": str(folder), "DUE": "2026-06-30"})
        assert sql(folder / "review.gpkg", "SELECT project_code, redline_justification FROM project_sites "
                                           "ORDER BY project_code") == [("140213-KSXF-0001", JUSTIFIED),
                                                                        ("140213-KSXF-0002", None)]


# --- the 管控与地类 tab -------------------------------------------------------------------------------------------

FORM_CHECK = r"""
import json, sys
from qgis.core import QgsApplication, QgsProject, QgsAttributeEditorRelation
app = QgsApplication([], False); app.initQgis()
project = QgsProject.instance()
ok = project.read(sys.argv[1])
sites = [l for l in project.mapLayers().values() if l.source().endswith("layername=project_sites")][0]
site = next(f for f in sites.getFeatures() if f["project_code"] == sys.argv[2])
tabs = {t.name(): t for t in sites.editFormConfig().tabs()}
relations = [e.relation() for e in tabs["管控与地类"].children() if isinstance(e, QgsAttributeEditorRelation)]
print(json.dumps({
    "ok": ok, "plugin": "pingcheng_plugin" in sys.modules,
    "relations": {r.id(): [r.isValid(), r.referencingLayer().name(), r.fieldPairs(),
                           sorted(f["area_ha"] for f in r.getRelatedFeatures(site))] for r in relations},
}, ensure_ascii=False))
app.exitQgis()
"""


def test_the_form_lists_the_control_and_land_class_areas_in_qgis_without_the_plugin(provider, demo_plan, tmp_path,
                                                                                   qgis_new_project, qgis_iface):
    import_control(demo_plan, "redline", redline_file(demo_plan, tmp_path))
    # the second import replaces the 管控图层 group: the relations are made again for the new layers
    import_control(demo_plan, "landuse", gbk_shapefile(tmp_path / "DLTB.shp", dltb_rows(demo_plan), DLTB, 4490))
    code = "140213-KSXF-0001"
    project = QgsProject.instance()
    plan_project.read_plan_project(str(demo_plan), project)
    try:
        manager = project.relationManager()
        sites = layer_by_table(project, "project_sites")
        tab = _control_tab(sites)
        assert isinstance(tab.children()[0], QgsAttributeEditorField)
        assert tab.children()[0].name() == "redline_justification"
        editors = [e for e in tab.children() if isinstance(e, QgsAttributeEditorRelation)]
        assert [e.relation().id() for e in editors] == ["pingcheng_site_controls", "pingcheng_site_land_classes"]
        site = next(f for f in sites.getFeatures() if f["project_code"] == code)
        for editor, table in zip(editors, ("site_controls", "site_land_classes")):
            relation = manager.relation(editor.relation().id())
            assert relation.isValid() and relation.referencedLayer() is sites
            assert relation.referencingLayer() is layer_by_table(project, table)
            assert relation.referencingLayer().readOnly()
            shown = sorted(f["area_ha"] for f in relation.getRelatedFeatures(site))
            assert shown == [r[0] for r in sql(demo_plan, f"SELECT area_ha FROM {table} WHERE project_code = ? "
                                                          "ORDER BY area_ha", code)]
            assert shown  # the site lies in the red line and on several land classes
        # the form QGIS opens for the site holds both lists
        from qgis.core import QgsTrackedVectorLayerTools
        from qgis.gui import QgsAttributeEditorContext, QgsAttributeForm, QgsRelationEditorWidget
        from qgis.PyQt import sip

        tools = QgsTrackedVectorLayerTools()  # what QGIS's own window hands its forms
        context = QgsAttributeEditorContext()
        context.setVectorLayerTools(tools)
        form = QgsAttributeForm(sites, site, context)
        try:
            widgets = form.findChildren(QgsRelationEditorWidget)
            assert sorted(w.relation().id() for w in widgets) == ["pingcheng_site_controls",
                                                                  "pingcheng_site_land_classes"]
        finally:
            sip.delete(form)  # before its layers go with the project
    finally:
        project.clear()

    # a QGIS that never imports the plugin reads the same relations and lists from the stored project
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH="")
    done = subprocess.run([sys.executable, "-c", FORM_CHECK, plan_project.project_uri(str(demo_plan)), code],
                          capture_output=True, text=True, env=env, timeout=300, cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["ok"] and not facts["plugin"]
    controls = sql(demo_plan, "SELECT area_ha FROM site_controls WHERE project_code = ? ORDER BY area_ha", code)
    classes = sql(demo_plan, "SELECT area_ha FROM site_land_classes WHERE project_code = ? ORDER BY area_ha", code)
    assert facts["relations"] == {
        "pingcheng_site_controls": [True, "项目涉及管控图层", {"project_code": "project_code"},
                                    [r[0] for r in controls]],
        "pingcheng_site_land_classes": [True, "项目地类面积", {"project_code": "project_code"},
                                        [r[0] for r in classes]]}


def test_a_plan_without_control_layers_has_the_tab_with_the_justification_only(demo_plan, qgis_new_project):
    project = QgsProject.instance()
    plan_project.read_plan_project(str(demo_plan), project)
    tab = _control_tab(layer_by_table(project, "project_sites"))
    assert [e.name() for e in tab.children()] == ["redline_justification"]
    assert not project.relationManager().relations()
    project.clear()


# --- 建设地点 from a township layer: imports and recomputation ------------------------------------------------------

def _towns(path: Path, split_x: float, box) -> Path:
    """A bureau's village layer naming each village's township (XZQMC) and village (CMC), split at ``split_x``."""
    rows = [({"XZQMC": "西部示例街道", "CMC": "西坡村"}, rectangle(box.xMinimum() - 5000, box.yMinimum() - 5000,
                                                             split_x, box.yMaximum() + 5000)),
            ({"XZQMC": "东部示例街道", "CMC": "东关村"}, rectangle(split_x, box.yMinimum() - 5000,
                                                             box.xMaximum() + 5000, box.yMaximum() + 5000))]
    return write_ogr(path, "GPKG", rows, 4547, columns=(("XZQMC", ogr.OFTString), ("CMC", ogr.OFTString)),
                     layer_name="villages", geometry_type=ogr.wkbPolygon)


def _expected(geometry, towns: Path):
    """The township and village holding the largest part of ``geometry``, measured by QGIS's own intersection."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{towns}|layername=villages", "v", "ogr")
    best = max(layer.getFeatures(), key=lambda f: f.geometry().intersection(geometry).area())
    return best["XZQMC"], best["CMC"]


def test_imported_sites_get_their_location_from_the_township_layer(provider, demo_plan, tmp_path):
    squares = free_squares(demo_plan, 3)
    first = squares[0].boundingBox()
    split = first.xMinimum() + 0.7 * first.width()  # 70 % of the first site west of the line, 30 % east
    towns = _towns(tmp_path / "乡镇.gpkg", split, first.buffered(20000))
    plan_project.add_base_layer(str(demo_plan), str(towns), "乡镇（街道）界")
    columns = SITE_COLUMNS + (("XZJD", ogr.OFTString),)
    rows = [(site_row(0), squares[0]), (site_row(1, XZJD="自报街道"), squares[1]), (site_row(2, XZJD=""), squares[2])]
    source = write_ogr(tmp_path / "来稿.gpkg", "GPKG", rows, 4547, columns=columns)
    result = run("pingcheng:importsites", {"INPUT": str(source), "PLAN": str(demo_plan)})
    assert result["IMPORTED"] == 3
    stored = {name: (town, village) for name, town, village in sql(
        demo_plan, "SELECT name, location_town, location_village FROM project_sites WHERE name LIKE '测试修复项目%'")}
    assert stored["测试修复项目0号"] == _expected(squares[0], towns) == ("西部示例街道", "西坡村")
    assert stored["测试修复项目1号"] == ("自报街道", None)  # what the file states is kept
    assert stored["测试修复项目2号"] == _expected(squares[2], towns)


def test_recompute_derived_fields_fills_the_location_as_the_form_does(plugin, demo_plan, tmp_path):
    from qgis.core import QgsVectorLayer

    plan_sites = QgsVectorLayer(f"{demo_plan}|layername=project_sites", "s", "ogr")
    geometries = {f["project_code"]: f.geometry() for f in plan_sites.getFeatures()}
    del plan_sites
    box = geometries["140213-LYST-0001"].boundingBox()
    towns = _towns(tmp_path / "乡镇.gpkg", box.center().x(), box.buffered(20000))
    plan_project.add_base_layer(str(demo_plan), str(towns), "乡镇（街道）界")
    edit(demo_plan, "UPDATE project_sites SET location_town = NULL, location_village = NULL")  # typed, or never
    project = QgsProject.instance()
    plan_project.read_plan_project(str(demo_plan), project)
    try:
        assert plugin.site_editing.recompute_derived() == len(geometries)
        sites = layer_by_table(project, "project_sites")
        # the form's own default-value expression, evaluated by QGIS, agrees with every recomputed value
        for feature in sites.getFeatures():
            expected = _expected(geometries[feature["project_code"]], towns)
            assert (feature["location_town"], feature["location_village"]) == expected, feature["name"]
            for name in ("location_town", "location_village"):
                index = sites.fields().indexOf(name)
                assert sites.defaultValue(index, feature) == feature[name]
        assert sites.commitChanges(), sites.commitErrors()
    finally:
        project.clear()
    stored = dict(sql(demo_plan, "SELECT project_code, location_town FROM project_sites"))
    assert stored["140213-LYST-0001"] == _expected(geometries["140213-LYST-0001"], towns)[0]
