"""Digitising sites the way users do: QGIS's attribute form, the edit buffer, undo, save, and the plugin's actions."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import QgsDistanceArea, QgsGeometry, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox

from pingcheng_plugin.core.rules.site_rules import RULES
from pingcheng_plugin.core.store import plan_data, schema
from tests.helpers import bow_tie, layer_by_table, rectangle, square, wait_for_task
from tests.helpers.sites import VALID, add_site, open_add_form, zone_point
from tests.helpers.survey import survey_area, trapezoid_sum


@pytest.fixture
def sites(opened_plan):
    layer = layer_by_table(QgsProject.instance(), "project_sites")
    yield layer
    if layer.isEditable():
        layer.rollBack()


def table_rows(path, table="project_sites"):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT * FROM {table} ORDER BY fid").fetchall()


def draw_with_form(layer, geometry, values, canvas, parent):
    """What happens after the add-feature tool closes a polygon: QGIS's attribute form in add mode, filled in
    through the form (as typing does), then OK. Returns the dialog and whether the feature was added."""
    before = set(layer.allFeatureIds())
    dialog = open_add_form(layer, geometry, values, canvas, parent)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # a disabled OK button (hard constraints not met) does nothing, as for the user
    added = set(layer.allFeatureIds()) - before
    return dialog, (added.pop() if added else None)


# --- the 2008 land-survey formula (tests/survey.py) -------------------------------------------------------------------

def test_survey_formula_reproduces_a_known_quadrangle():
    """The test's own series: 1° x 1° between 39° and 40° N on CGCS2000 is 9,549,520,093.96 m² (closed form)."""
    ring = [(0.0, 39.0), (1.0, 39.0), (1.0, 40.0), (0.0, 40.0), (0.0, 39.0)]
    assert trapezoid_sum(ring) == pytest.approx(9_549_520_093.96, abs=0.1)


# --- the form ------------------------------------------------------------------------------------------------------

def test_form_fills_every_derived_field(sites, qgis_iface, qgis_parent):
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    geometry = rectangle(p.x(), p.y(), p.x() + 300, p.y() + 200)
    dialog, fid = draw_with_form(sites, geometry, VALID, qgis_iface.mapCanvas(), qgis_parent)
    assert fid is not None
    site = sites.getFeature(fid)
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(sites.crs(), QgsProject.instance().transformContext())
    calculator.setEllipsoid("EPSG:1024")
    assert site["area_ha"] == pytest.approx(calculator.measureArea(geometry) / 10000, abs=0.00005)
    assert site["area_proj_ha"] == pytest.approx(6.0, abs=1e-9)
    assert site["area_ha"] != site["area_proj_ha"]  # 0.7° off the central meridian: they differ, and are labelled
    ring = [(v.x(), v.y()) for v in geometry.asMultiPolygon()[0][0]]
    survey = survey_area(ring) / 10000
    assert abs(site["area_ha"] - survey) / survey < 0.0001
    assert site["zone_code"] == "Z1" and site["zone_shares"] == "Z1:1"
    assert site["phase"] == "near" and site["created_by"] and site["modified_at"]
    assert site["key_areas"].startswith("{")
    assert sites.fields().field("area_ha").alias() == "椭球面积（公顷）"
    assert sites.fields().field("area_proj_ha").alias() == "投影面积（公顷）"
    assert sites.commitChanges(), sites.commitErrors()
    saved = [f for f in sites.getFeatures() if f["name"] == VALID["name"]][0]
    assert saved["project_code"].startswith("140213-CZXF-")
    dialog.deleteLater()


def test_form_refuses_hard_errors(sites, qgis_iface, qgis_parent):
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    for values in (dict(VALID, name=""), dict(VALID, start_year=2031, end_year=2028),
                   dict(VALID, project_type=None)):
        dialog, fid = draw_with_form(sites, square(p.x(), p.y(), 200), values, qgis_iface.mapCanvas(), qgis_parent)
        assert fid is None, values
        dialog.deleteLater()
    # the investment widget cannot even hold a negative number
    dialog, fid = draw_with_form(sites, square(p.x(), p.y(), 200), dict(VALID, investment=-1.0),
                                 qgis_iface.mapCanvas(), qgis_parent)
    assert fid is not None and sites.getFeature(fid)["investment"] >= 0
    tiny, fid = draw_with_form(sites, square(p.x(), p.y(), 5), VALID, qgis_iface.mapCanvas(), qgis_parent)
    assert fid is None
    extent = layer_by_table(QgsProject.instance(), "district_boundary").extent()
    outside, fid = draw_with_form(sites, square(extent.xMinimum() - 3000, extent.center().y(), 300), VALID,
                                  qgis_iface.mapCanvas(), qgis_parent)
    assert fid is None


def test_site_crossing_two_zones_gets_the_larger(sites):
    zones = {f["code"]: f.geometry() for f in layer_by_table(QgsProject.instance(), "restoration_zones").getFeatures()}
    shared = zones["Z1"].intersection(zones["Z3"])  # their common border
    middle = shared.interpolate(shared.length() / 2).asPoint()
    assert sites.startEditing()
    geometry = square(middle.x() - 300, middle.y() - 300, 600)
    fid = add_site(sites, geometry, VALID)
    site = sites.getFeature(fid)
    shares = dict(part.split(":") for part in site["zone_shares"].split(";"))
    assert set(shares) == {"Z1", "Z3"}
    larger = max(shares, key=lambda code: float(shares[code]))
    assert site["zone_code"] == larger
    assert float(shares["Z1"]) + float(shares["Z3"]) == pytest.approx(1.0, abs=0.0002)


def test_geometry_edit_updates_area_and_zone_and_undo_restores_both(sites):
    assert sites.startEditing()
    a = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(a.x(), a.y(), 200), VALID)
    before = sites.getFeature(fid)
    b = zone_point(QgsProject.instance(), "Z3")
    sites.beginEditCommand("move vertex")  # what QGIS's vertex tool does around its change
    assert sites.changeGeometry(fid, square(b.x(), b.y(), 400))
    sites.endEditCommand()
    moved = sites.getFeature(fid)
    assert moved["zone_code"] == "Z3" and moved["area_proj_ha"] == pytest.approx(16.0)
    assert moved["area_ha"] > before["area_ha"] * 3.9
    sites.undoStack().undo()
    restored = sites.getFeature(fid)
    assert (restored["zone_code"], restored["area_ha"], restored["area_proj_ha"]) == \
        (before["zone_code"], before["area_ha"], before["area_proj_ha"])
    sites.undoStack().redo()
    assert sites.getFeature(fid)["zone_code"] == "Z3"


def test_attribute_edit_updates_phase_and_undo(sites):
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 200), VALID)
    sites.beginEditCommand("years")
    sites.changeAttributeValue(fid, sites.fields().indexOf("end_year"), 2035)
    sites.changeAttributeValue(fid, sites.fields().indexOf("start_year"), 2032)
    sites.endEditCommand()
    assert sites.getFeature(fid)["phase"] == "long"
    sites.undoStack().undo()
    assert sites.getFeature(fid)["phase"] == "near"


def test_cancelled_edit_leaves_the_file_unchanged(sites, opened_plan):
    before = table_rows(opened_plan)
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    add_site(sites, square(p.x(), p.y(), 200), VALID)
    first = next(sites.getFeatures())
    sites.changeGeometry(first.id(), square(p.x(), p.y(), 50))
    sites.deleteFeature(first.id())
    assert sites.rollBack()
    assert table_rows(opened_plan) == before


def test_project_codes_never_repeat_after_deletes(sites):
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z3", size=1400)
    for n in range(3):
        add_site(sites, square(p.x() + n * 450, p.y(), 400), dict(VALID, name=f"编码测试{n}", project_type="XCRJ"))
    assert sites.commitChanges()
    codes = sorted(f["project_code"] for f in sites.getFeatures() if f["name"].startswith("编码测试"))
    assert codes == ["140213-XCRJ-0002", "140213-XCRJ-0003", "140213-XCRJ-0004"]  # 0001 is the demo site
    assert sites.startEditing()
    last = [f.id() for f in sites.getFeatures() if f["project_code"] == "140213-XCRJ-0004"]
    assert sites.deleteFeatures(last) and sites.commitChanges()
    assert sites.startEditing()
    add_site(sites, square(p.x(), p.y() + 450, 400), dict(VALID, name="编码测试新", project_type="XCRJ"))
    assert sites.commitChanges()
    new = [f["project_code"] for f in sites.getFeatures() if f["name"] == "编码测试新"]
    assert new == ["140213-XCRJ-0005"]


def test_multipart_sites_are_allowed(sites):
    assert sites.startEditing()
    a = zone_point(QgsProject.instance(), "Z1")
    b = zone_point(QgsProject.instance(), "Z3")
    geometry = QgsGeometry.fromMultiPolygonXY([square(a.x(), a.y(), 100).asMultiPolygon()[0],
                                               square(b.x(), b.y(), 300).asMultiPolygon()[0]])
    fid = add_site(sites, geometry, VALID)
    site = sites.getFeature(fid)
    assert site["area_proj_ha"] == pytest.approx(10.0)
    assert site["zone_code"] == "Z3" and site["zone_shares"] == "Z1:0.1;Z3:0.9"
    assert sites.commitChanges()


def test_database_refuses_what_the_form_would(sites, opened_plan):
    """A script or another program bypassing the form: the GeoPackage's own rules refuse the save."""
    before = table_rows(opened_plan)
    assert sites.startEditing()
    first = next(sites.getFeatures())
    sites.changeAttributeValue(first.id(), sites.fields().indexOf("end_year"), 2040)
    assert not sites.commitChanges()
    assert any(RULES["YEAR_OUT_OF_RANGE"].message.both() in error for error in sites.commitErrors())
    sites.rollBack()
    assert table_rows(opened_plan) == before


def test_database_refuses_a_duplicate_name(sites, opened_plan):
    before = table_rows(opened_plan)
    assert sites.startEditing()
    first = next(sites.getFeatures())
    second = [f for f in sites.getFeatures() if f.id() != first.id()][0]
    sites.changeAttributeValue(second.id(), sites.fields().indexOf("name"), " " + first["name"] + " ")
    assert not sites.commitChanges()
    assert any(RULES["NAME_DUPLICATE"].message.both() in error for error in sites.commitErrors())
    sites.rollBack()
    assert table_rows(opened_plan) == before


def test_recompute_copes_with_sites_without_years(sites, opened_plan):
    """A site saved without a start year (allowed by the database, flagged by validation) breaks nothing."""
    from pingcheng_plugin.core.store import plan_data

    assert sites.startEditing()
    first = next(sites.getFeatures())
    sites.changeAttributeValue(first.id(), sites.fields().indexOf("start_year"), None)
    assert sites.commitChanges(), sites.commitErrors()
    plan_data.recompute_sites(str(opened_plan))
    assert plan_data.open_layer(str(opened_plan), schema.SITES).getFeature(first.id())["phase"] in (None, "NULL") \
        or not plan_data.open_layer(str(opened_plan), schema.SITES).getFeature(first.id())["phase"]


def test_database_refuses_sites_far_outside_the_district(sites, opened_plan):
    before = table_rows(opened_plan)
    assert sites.startEditing()
    extent = layer_by_table(QgsProject.instance(), "district_boundary").extent()
    # Y and X swapped: a classic exchange-file mistake lands thousands of km away
    add_site(sites, square(extent.center().y(), extent.center().x(), 200), VALID)
    assert not sites.commitChanges()
    assert any(RULES["OUTSIDE_DISTRICT"].message.both() in error for error in sites.commitErrors())
    sites.rollBack()
    assert table_rows(opened_plan) == before


def test_python_derivation_equals_the_forms(opened_plan, sites):
    """core.derive's Python path and the layer's default expressions give identical values for every site."""
    deriver = plan_data.deriver_for(str(opened_plan))
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    add_site(sites, rectangle(p.x(), p.y(), p.x() + 333.3, p.y() + 222.2), VALID)
    features = list(sites.getFeatures())
    derived = deriver.derive_many([f.geometry() for f in features], [f["start_year"] for f in features])
    for feature, values in zip(features, derived):
        for name, value in values.as_dict().items():
            assert feature[name] == value, (feature["name"], name, feature[name], value)


# --- the plugin's actions ---------------------------------------------------------------------------------------

def test_add_site_action_starts_the_polygon_tool(plugin, opened_plan, qgis_iface):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    qgis_iface.actionAddFeature().trigger.reset_mock()
    plugin.action("add_site").trigger()
    assert sites.isEditable()
    assert qgis_iface.activeLayer() is sites
    qgis_iface.actionAddFeature().trigger.assert_called_once()
    sites.rollBack()


def test_add_site_without_a_plan_says_so(plugin, qgis_iface, qgis_new_project):
    plugin.action("add_site").trigger()
    messages = qgis_iface.messageBar().get_messages(1)  # Warning
    assert any("No plan is open" in m for m in messages)


def test_save_names_the_site_and_the_rule(plugin, opened_plan, qgis_iface):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    add_site(sites, square(p.x(), p.y(), 5), dict(VALID, name="过小的项目"))
    qgis_iface.messageBar().clear_messages()
    assert not sites.commitChanges()  # and the plan's own rule refuses it
    assert any(RULES["AREA_TOO_SMALL"].message.both() in error for error in sites.commitErrors())
    critical = qgis_iface.messageBar().get_messages(2)
    assert any("过小的项目" in m and "0.0025 ha is below the minimum of 0.01 ha" in m for m in critical), critical
    if sites.isEditable():
        sites.rollBack()


def test_validate_all_lists_findings_and_zooms(plugin, opened_plan, qgis_iface, monkeypatch):
    placed = []  # pytest-qgis's iface does not place docks: record where the plugin asks for it
    monkeypatch.setattr(qgis_iface, "addDockWidget", lambda area, dock: placed.append((area, dock)))
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, bow_tie(p.x(), p.y(), 300), dict(VALID, name="自相交项目"))
    task = plugin.site_editing.validate_all()
    wait_for_task(task)
    dock = plugin.site_editing.dock  # a dock below the map, not a dialog over it
    assert dock is not None and dock.table.rowCount() == len(plugin.site_editing.last_findings)
    assert placed == [(Qt.DockWidgetArea.BottomDockWidgetArea, dock)]
    row = [i for i, f in enumerate(dock.findings) if f.rule == "GEOM_INVALID"][0]
    assert dock.table.item(row, 3).text() == dock.findings[row].message and dock.table.wordWrap()
    dock.table.cellClicked.emit(row, 0)
    extent = qgis_iface.mapCanvas().extent()
    site_box = sites.getFeature(fid).geometry().boundingBox()  # the whole site, with a margin around it
    assert extent.contains(site_box) and extent.width() > site_box.width() * 1.2
    # zoomed in on it: along the canvas's tighter side the site fills more than a quarter of the view
    assert min(extent.width() / site_box.width(), extent.height() / site_box.height()) < 4
    assert sites.selectedFeatureIds() == [fid]
    findings_layers = [layer for layer in QgsProject.instance().mapLayers().values()
                       if layer.providerType() == "memory"]
    assert findings_layers and findings_layers[0].featureCount() == dock.table.rowCount()
    dock.panel.errorsOnlyCheckBox.setChecked(True)
    shown = [r for r in range(dock.table.rowCount()) if not dock.table.isRowHidden(r)]
    assert shown and all(dock.findings[r].is_error for r in shown)
    sites.rollBack()


def test_fix_geometry_action_repairs_and_undoes(plugin, opened_plan):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, bow_tie(p.x(), p.y(), 300), dict(VALID, name="自相交项目"))
    sites.removeSelection()
    plugin.action("fix_geometry").trigger()
    fixed = sites.getFeature(fid).geometry()
    assert fixed.isGeosValid() and fixed.area() == pytest.approx(2 * 0.5 * 300 * 150)  # two triangular lobes
    sites.undoStack().undo()
    assert not sites.getFeature(fid).geometry().isGeosValid()
    sites.rollBack()


def test_fix_geometry_removes_slivers():
    from pingcheng_plugin.core.sites.geometry_fix import fix_geometry

    main = square(0, 0, 100).asMultiPolygon()[0]
    sliver = [[QgsPointXY(200, 0), QgsPointXY(200.5, 0), QgsPointXY(200.5, 0.5), QgsPointXY(200, 0)]]
    fixed = fix_geometry(QgsGeometry.fromMultiPolygonXY([main, sliver]))
    assert fixed.isGeosValid() and len(fixed.asMultiPolygon()) == 1 and fixed.area() == pytest.approx(10000)


def test_recompute_after_zones_change(plugin, opened_plan):
    project = QgsProject.instance()
    zones = layer_by_table(project, "restoration_zones")
    sites = layer_by_table(project, "project_sites")
    target = next(f for f in sites.getFeatures() if f["zone_code"] == "Z1")
    z1 = next(f for f in zones.getFeatures() if f["code"] == "Z1")
    z3 = next(f for f in zones.getFeatures() if f["code"] == "Z3")
    # an "official" boundary moves the site's area from Z1 to Z3
    assert zones.startEditing()
    zones.changeGeometry(z1.id(), z1.geometry().difference(target.geometry().buffer(1, 4)))
    zones.changeGeometry(z3.id(), z3.geometry().combine(target.geometry()))
    assert zones.commitChanges()
    assert plugin.site_editing.recompute_derived() >= 1
    assert sites.getFeature(target.id())["zone_code"] == "Z3"
    sites.undoStack().undo()
    assert sites.getFeature(target.id())["zone_code"] == "Z1"
    sites.rollBack()


def test_validatesites_algorithm(plugin, qgis_processing, demo_plan, tmp_path):
    import processing

    result = processing.run("pingcheng:validatesites", {"PLAN": str(demo_plan), "OUTPUT": "memory:"})
    assert (result["ERRORS"], result["WARNINGS"]) == (0, 1)
    layer = result["OUTPUT"]
    layer = layer if not isinstance(layer, str) else QgsProject.instance().mapLayer(layer)
    feature = next(layer.getFeatures())
    assert [f.name() for f in layer.fields()] == ["rule", "severity", "site_fid", "site_code", "site_name", "message"]
    assert feature["rule"] == "INVESTMENT_MISSING" and feature["severity"] == "warning"
    assert schema.STORAGE_CRS == layer.crs().authid()


def test_validation_settings_are_stored_and_applied(plugin, opened_plan):
    from pingcheng_plugin.core.rules.thresholds import ValidationConfig
    from pingcheng_plugin.core.store import plan_layers
    from pingcheng_plugin.core.store.plan_settings import read_config
    from pingcheng_plugin.ui.validation_settings import ValidationSettingsDialog, apply_config

    dialog = ValidationSettingsDialog(read_config(str(opened_plan)))
    dialog.minAreaSpin.setValue(5.0)
    dialog.toleranceSpin.setValue(20.0)
    apply_config(plan_layers.find_plan(QgsProject.instance()), dialog.config())
    assert read_config(str(opened_plan)) == ValidationConfig(20.0, 1.0, 5.0)
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert "$area >= 5.0 * 10000" in sites.fields().field("area_ha").constraints().constraintExpression()
    # the database rule follows at once: a 4 ha site is now refused on save
    assert sites.startEditing()
    p = zone_point(QgsProject.instance(), "Z1")
    add_site(sites, square(p.x(), p.y(), 200), VALID)
    assert not sites.commitChanges()
    sites.rollBack()
    # and the stored default style carries the new constraint to a fresh project
    from qgis.core import QgsVectorLayer
    fresh = QgsVectorLayer(f"{opened_plan}|layername=project_sites", "fresh", "ogr")
    assert "$area >= 5.0 * 10000" in fresh.fields().field("area_ha").constraints().constraintExpression()


def test_the_save_check_keeps_its_validator_until_the_plan_changes(plugin, opened_plan):
    """The check before saving reuses its validator between saves, and builds a new one as soon as what sites are
    checked against changes (here the stored minimum area)."""
    from pingcheng_plugin.core.rules.thresholds import ValidationConfig
    from pingcheng_plugin.core.store.plan_settings import write_config

    editing = plugin.site_editing
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sites.startEditing()
    try:
        p = zone_point(QgsProject.instance(), "Z1")
        fid = add_site(sites, square(p.x(), p.y(), 100), dict(VALID, name="一公顷的项目"))  # 1 ha
        first = editing._save_validator(str(opened_plan))
        assert editing._save_validator(str(opened_plan)) is first
        assert "AREA_TOO_SMALL" not in {f.rule for f in editing.check_before_save(sites.id()) if f.fid == fid}
        write_config(str(opened_plan), ValidationConfig(min_area_ha=5.0))
        assert editing._save_validator(str(opened_plan)) is not first
        assert "AREA_TOO_SMALL" in {f.rule for f in editing.check_before_save(sites.id()) if f.fid == fid}
    finally:
        sites.rollBack()
