"""*Import control layer…* and the control results in the plan panel, as a user drives them: the menu action, the
kind, the file (GeoJSON in WGS 84, a GBK Shapefile DLTB in CGCS2000 longitude/latitude), the register entry the
dialog shows, the import task and its message, the 管控图层 group; then a site's details in the panel against
areas computed independently (QgsDistanceArea on QGIS's own intersection, native:intersection for the land
classes); and the refusals (no DLBM, points, a cancel), after which the plan is as it was."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Dict, List

import pytest
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsProject,
)
from qgis.PyQt.QtWidgets import QDialogButtonBox

from pingcheng_plugin.ui import dialogs
from pingcheng_plugin.ui.import_control_layer import ImportControlLayerDialog
from tests.helpers import layer_by_table, wait_for_task
from tests.helpers.common import ui_locale
from tests.helpers.exchange_files import transformed, write_ogr
from tests.test_controls import (
    DLTB,
    NAMED,
    dltb_rows,
    gbk_shapefile,
    redline_file,
    reference_land_classes,
    sites,
    west_half,
)
from tests.test_slot_guard import bad_files, dispose, escaped, no_modal, walk  # noqa: F401 (fixtures)

GROUP = "管控图层"


def query(plan: Path, statement: str, *args) -> List[tuple]:
    with sqlite3.connect(str(plan)) as con:
        return con.execute(statement, args).fetchall()


def tables(plan: Path) -> set:
    return {name for (name,) in query(plan, "SELECT table_name FROM gpkg_contents")}


def open_dialog(plugin) -> ImportControlLayerDialog:
    """The menu entry, as a user picks it."""
    plugin.action("import_control_layer").trigger()
    dialog = plugin.exchange.dialog
    assert isinstance(dialog, ImportControlLayerDialog) and dialog.isVisible()
    return dialog


def run_import(plugin, kind: str, path: Path) -> ImportControlLayerDialog:
    dialog = open_dialog(plugin)
    dialog.kindComboBox.setCurrentIndex(dialog.kindComboBox.findData(kind))
    dialog.panel.fileWidget.setFilePath(str(path))
    if dialog.panel.confirmCheckBox.isVisible() and not dialog.panel.confirmCheckBox.isChecked():
        dialog.panel.confirmCheckBox.setChecked(True)
    assert dialog.importButton.isEnabled(), dialog.reportText.toPlainText()
    dialog.importButton.click()
    assert dialog.task is not None and dialog.progressBar.isVisible()
    wait_for_task(dialog.task)
    return dialog


def messages(iface, level: int) -> List[str]:
    return list(iface.messageBar().get_messages(level))


def group_layers(name: str = GROUP) -> Dict[str, int]:
    group = QgsProject.instance().layerTreeRoot().findGroup(name)
    assert group is not None, "no 管控图层 group in the open project"
    return {node.layer().name(): node.layer().featureCount() for node in group.findLayers()}


def distance_area() -> QgsDistanceArea:
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    assert calculator.setEllipsoid("EPSG:1024")
    return calculator


def shown_ha(text: str, label: str) -> float:
    """The first area in hectares the details show after ``label``."""
    match = re.search(re.escape(label) + r"\s*([\d,]+\.\d+) ha", text)
    assert match, (label, text)
    return float(match.group(1).replace(",", ""))


def details_of(plugin, code: str) -> str:
    """The panel's details after the user searches for a site's code and presses Enter."""
    dock = plugin.dock
    dock.watcher.refresh_plan()
    dock.panel.searchEdit.setText(code)
    dock.panel.searchEdit.returnPressed.emit()
    text = dock.panel.details.toPlainText()
    dock.panel.searchEdit.setText("")
    assert code in text
    return text


# --- the dialog ------------------------------------------------------------------------------------------------------

def test_import_red_line_through_the_dialog_records_it_and_shows_the_group(plugin, opened_plan, tmp_path,
                                                                          qgis_iface):
    dialog = open_dialog(plugin)
    assert [dialog.kindComboBox.itemData(i) for i in range(dialog.kindComboBox.count())] == [
        "redline", "farmland", "urban", "protected", "landuse"]
    assert "no Ecological protection red line yet" in dialog.registerLabel.text()
    assert not dialog.importButton.isEnabled()  # no file yet
    dialog.close()
    path = redline_file(opened_plan, tmp_path)
    dialog = run_import(plugin, "redline", path)
    assert dialog.result is not None and not dialog.isVisible()
    # the plan, read with sqlite3: the two polygons, the register entry
    assert query(opened_plan, "SELECT name, code FROM control_redline ORDER BY code") == [
        ("测试红线1", "HX001"), ("测试红线2", "HX002")]
    ((kind, source, when, features, fixed, crs),) = query(
        opened_plan, "SELECT kind, source_file, imported_at, features, fixed, source_crs FROM control_layers")
    assert (kind, Path(source), features, fixed, crs) == ("redline", path, 2, 0, "EPSG:4326")
    # the sites in it, as QGIS intersects them
    in_layer = {code for (code,) in query(opened_plan, "SELECT project_code FROM site_controls WHERE kind = 'redline'")}
    assert in_layer == {"140213-KSXF-0001", "140213-KSXF-0002"}
    success = "\n".join(messages(qgis_iface, 3))
    assert "Ecological protection red line: 2 polygons imported, 0 invalid geometries repaired; 2 sites lie in the " \
           "layer." in success
    assert "of the district" in success
    assert group_layers()["生态保护红线"] == 2  # the open project shows it now, not only the stored one
    # opening the dialog again shows what the plan has, and that an import replaces it
    again = open_dialog(plugin)
    text = again.registerLabel.text()
    assert "2 polygons" in text and str(path) in text and when[:10] in text and "replaces" in text
    # Help opens the README where this dialog is described
    again.buttonBox.button(QDialogButtonBox.StandardButton.Help).click()
    assert dialogs._viewer.browser.textCursor().selectedText() == dialogs.HELP["import_control_layer"][1]
    dialogs.close_help()
    again.close()


def test_kinds_are_named_in_chinese_in_a_chinese_qgis(demo_plan):
    with ui_locale("zh-Hans"):
        dialog = ImportControlLayerDialog(str(demo_plan))
        names = [dialog.kindComboBox.itemText(i) for i in range(dialog.kindComboBox.count())]
        dialog.close()
    assert names == ["生态保护红线", "永久基本农田", "城镇开发边界", "自然保护地", "三调地类图斑"]


def test_land_survey_reports_repairs_unknown_codes_and_coverage(plugin, opened_plan, tmp_path, qgis_iface):
    rows = dltb_rows(opened_plan)
    path = gbk_shapefile(tmp_path / "DLTB.shp", rows, DLTB, 4490)
    dialog = run_import(plugin, "landuse", path)
    assert dialog.result is not None
    assert query(opened_plan, "SELECT count(*) FROM control_landuse") == [(len(rows),)]
    ((features, fixed, unknown, coverage),) = query(
        opened_plan, "SELECT features, fixed, unknown_codes, coverage_pct FROM control_layers WHERE kind = 'landuse'")
    assert (features, fixed, unknown) == (len(rows), 1, "ZZ99")
    warning = "\n".join(messages(qgis_iface, 1))  # repairs and unknown codes make it a warning
    assert f"Land survey parcels (DLTB): {len(rows)} polygons imported, 1 invalid geometries repaired" in warning
    assert "Unknown land class codes: ZZ99." in warning and f"covers {coverage:.2f}%" in warning
    assert "parcels have no land class code" in warning  # the details: core's warnings
    assert group_layers()["三调地类图斑"] == len(rows)


# --- the panel -------------------------------------------------------------------------------------------------------

def test_panel_details_list_control_areas_land_classes_and_the_justification(plugin, opened_plan, tmp_path,
                                                                            qgis_processing):
    dltb = gbk_shapefile(tmp_path / "DLTB.shp", dltb_rows(opened_plan), DLTB, 4490)
    run_import(plugin, "redline", redline_file(opened_plan, tmp_path))
    run_import(plugin, "landuse", dltb)
    code = "140213-KSXF-0001"
    fid, _type, site = sites(opened_plan)[code]
    calculator = distance_area()
    # the red line file is the west half of the site's box: QGIS's own intersection, measured on the ellipsoid
    west = west_half(site.boundingBox())
    inside_ha = calculator.measureArea(site.intersection(west)) / 10000
    site_ha = calculator.measureArea(site) / 10000
    text = details_of(plugin, code)
    assert "Control layers" in text
    # within 0.01 %, the tolerance (the file went through WGS 84 GeoJSON and back)
    assert shown_ha(text, "Ecological protection red line") == pytest.approx(inside_ha, rel=1e-4)
    assert f"({100 * inside_ha / site_ha:.1f}% of the site)" in text and "测试红线1" in text
    assert "Justification for the red line: missing" in text
    # land classes: native:intersection + QgsDistanceArea per DLBM, every class with its area and share
    reference = {k: v / 10000 for k, v in reference_land_classes(opened_plan, dltb)[code].items() if v > 1.0}
    names = dict(query(opened_plan, "SELECT dlbm, dlmc FROM control_landuse WHERE dlbm IS NOT NULL"))
    assert "Land classes" in text
    for dlbm, area in reference.items():
        label = f"{dlbm} {names[dlbm]}" if dlbm else "unknown code"
        assert shown_ha(text, label) == pytest.approx(area, rel=1e-4, abs=6e-5), dlbm
        assert f"({100 * area / site_ha:.1f}%)" in text
    dominant = max(reference, key=reference.get)
    assert f"Dominant land class: {dominant or 'unknown code'}" in text
    assert re.search(re.escape(f"{dominant} {names.get(dominant, '')}".strip()) + r"[^\n]*\n?[^\n]*dominant", text)
    # a site outside the red line says so, and asks for no justification
    other = details_of(plugin, "140213-SXLT-0001")
    assert re.search(r"Ecological protection red line\s*not touched", other) and "Justification" not in other
    # the user states the justification in the site's own field: the details show it
    layer = layer_by_table(QgsProject.instance(), "project_sites")
    assert layer.fields().indexOf("redline_justification") >= 0
    reason = "历史遗留矿山生态修复，属红线内允许的有限人为活动"
    assert layer.startEditing()
    assert layer.changeAttributeValue(fid, layer.fields().indexOf("redline_justification"), reason)
    assert layer.commitChanges(), layer.commitErrors()
    assert f"Justification for the red line: {reason}" in details_of(plugin, code)


def test_details_without_control_layers_have_no_control_part(plugin, opened_plan):
    text = details_of(plugin, "140213-KSXF-0001")
    assert "Control layers" not in text and "Land classes" not in text


# --- refusals --------------------------------------------------------------------------------------------------------

def test_land_survey_without_dlbm_shows_the_message_and_changes_nothing(plugin, opened_plan, tmp_path):
    rows = [({"MC": values["DLMC"], "BSM": values["BSM"]}, geometry) for values, geometry in
            dltb_rows(opened_plan)[:30]]
    path = gbk_shapefile(tmp_path / "no_dlbm.shp", rows, NAMED, 4490)
    before = tables(opened_plan)
    dialog = run_import(plugin, "landuse", path)
    assert dialog.isVisible() and dialog.result is None
    text = dialog.reportText.toPlainText()
    assert "has no land class code field (DLBM or 地类编码)" in text and "Nothing was imported" in text
    assert dialog.importButton.isEnabled()  # the user may pick another file
    assert tables(opened_plan) == before and "control_layers" not in before
    assert QgsProject.instance().layerTreeRoot().findGroup(GROUP) is None
    dialog.close()


def test_points_instead_of_polygons_keep_the_previous_import(plugin, opened_plan, tmp_path):
    run_import(plugin, "redline", redline_file(opened_plan, tmp_path))

    def state():
        return (query(opened_plan, "SELECT * FROM control_layers"),
                query(opened_plan, "SELECT fid, name, code FROM control_redline"),
                query(opened_plan, "SELECT * FROM site_controls"), group_layers())

    before = state()
    site = sites(opened_plan)["140213-KSXF-0001"][2]
    point = transformed(site.centroid(), "EPSG:4326")
    only_points = write_ogr(tmp_path / "points.geojson", "GeoJSON", [({"MC": "点", "BSM": "P1"}, point)], 4326,
                            columns=NAMED, layer_name="points", geometry_type=ogr.wkbPoint)
    dialog = open_dialog(plugin)
    assert "2 polygons" in dialog.registerLabel.text()
    dialog.panel.fileWidget.setFilePath(str(only_points))  # refused as soon as it is chosen
    assert "has no polygon layer" in dialog.reportText.toPlainText() and not dialog.importButton.isEnabled()
    # a polygon and a point: refused by the import, naming the point
    mixed = write_ogr(tmp_path / "mixed.geojson", "GeoJSON", [
        ({"MC": "面", "BSM": "A1"}, transformed(west_half(site.boundingBox()), "EPSG:4326")),
        ({"MC": "点", "BSM": "P1"}, point)], 4326, columns=NAMED, layer_name="mixed")
    dialog.panel.fileWidget.setFilePath(str(mixed))
    if dialog.panel.confirmCheckBox.isVisible():
        dialog.panel.confirmCheckBox.setChecked(True)
    assert dialog.importButton.isEnabled(), dialog.reportText.toPlainText()
    dialog.importButton.click()
    wait_for_task(dialog.task)
    text = dialog.reportText.toPlainText()
    assert "cannot be imported as Ecological protection red line" in text and "feature 2" in text
    assert "Nothing was imported" in text and dialog.isVisible() and dialog.result is None
    assert state() == before
    dialog.close()


def test_cancel_while_importing_changes_nothing(plugin, opened_plan, tmp_path):
    path = gbk_shapefile(tmp_path / "DLTB.shp", dltb_rows(opened_plan), DLTB, 4490)
    dialog = open_dialog(plugin)
    dialog.kindComboBox.setCurrentIndex(dialog.kindComboBox.findData("landuse"))
    dialog.panel.fileWidget.setFilePath(str(path))
    dialog.panel.confirmCheckBox.setChecked(True)
    task = dialog.start_import()
    dialog.cancelButton.click()  # Cancel while it runs stops the task, the dialog stays
    wait_for_task(task)
    assert dialog.isVisible() and dialog.task is None
    assert "Cancelled" in dialog.reportText.toPlainText()
    assert "control_layers" not in tables(opened_plan)
    dialog.cancelButton.click()
    assert not dialog.isVisible()


def test_walking_the_dialog_with_bad_values_raises_nothing(opened_plan, tmp_path, escaped, no_modal):  # noqa: F811
    """Every kind, every bad file (missing, a folder, empty, damaged, text, a site file), every button: answered
    with a message in the dialog, never a Python error."""
    dialog = ImportControlLayerDialog(str(opened_plan))
    dialog.show()
    try:
        walk(dialog, bad_files(tmp_path))
    finally:
        dispose(dialog)
    assert escaped == []


def test_unload_removes_the_action(qgis_iface, qgis_new_project):
    from pingcheng_plugin import classFactory

    instance = classFactory(qgis_iface)
    instance.initGui()
    action = instance.action("import_control_layer")
    assert action.text() == "Import control layer…" and not action.icon().isNull()
    assert action in instance.menu.actions()
    menu = instance.menu
    instance.unload()
    assert instance.actions == [] and menu.menuAction() not in qgis_iface.mainWindow().menuBar().actions()
