"""The exchange dialogs as users drive them: file, encoding preview, CRS confirmation, field and value mapping
(remembered), preview, import, export and the official plan layers; and the refusals."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsGeometry, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QSettings

from pingcheng_plugin.core.store import plan_data, schema
from pingcheng_plugin.core.support.errors import InvalidInputError
from pingcheng_plugin.core.support.settings import Settings
from pingcheng_plugin.ui.export_sites import ExportSitesDialog
from pingcheng_plugin.ui.import_actions import ExchangeActions
from pingcheng_plugin.ui.import_plan_layer import ImportPlanLayerDialog
from pingcheng_plugin.ui.import_sites import ImportSitesDialog
from pingcheng_plugin.ui.plan_context import NoPlanError
from tests.helpers import layer_by_table, open_dataset, wait_for_task
from tests.helpers.exchange_files import free_squares, gbk_shapefile, site_row, table_rows, write_ogr

UI = Path(__file__).resolve().parent.parent / "pingcheng_plugin" / "ui"


@pytest.fixture
def settings(tmp_path):
    return Settings(QgsSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def actions(qgis_iface, opened_plan, settings):
    instance = ExchangeActions(qgis_iface)
    instance.settings = settings
    yield instance
    instance.unload()


def prefixed_gbk_shapefile(plan, folder, rows_changes=({}, {"XMLX": "土地整理"})):
    squares = free_squares(plan, len(rows_changes))
    rows = []
    for number, (square, changes) in enumerate(zip(squares, rows_changes)):
        moved = QgsGeometry(square)
        moved.translate(38_000_000.0, 0)
        rows.append((site_row(number, **changes), moved))
    return gbk_shapefile(folder / "来稿.shp", rows, epsg=None), squares


def test_import_dialog_end_to_end_and_the_mapping_is_remembered(actions, opened_plan, tmp_path, qgis_iface,
                                                              settings):
    path, squares = prefixed_gbk_shapefile(opened_plan, tmp_path)
    dialog = actions.import_sites()
    panel = dialog.panel
    panel.fileWidget.setFilePath(str(path))
    assert "GBK" in panel.encodingNote.text()
    assert panel.sampleTable.item(0, 0).text() == "测试修复项目0号"
    assert "EPSG:4526" in panel.crsNote.text() and panel.confirmCheckBox.isVisible()
    assert not panel.confirmCheckBox.isChecked()
    assert not dialog.nextButton.isEnabled() and "confirm" in dialog.statusLabel.text()
    panel.confirmCheckBox.setChecked(True)
    assert dialog.nextButton.isEnabled()
    dialog.next()
    assert dialog.pages.currentIndex() == 1
    assert dialog._combo("name").currentData() == "XMMC" and dialog._combo("investment").currentData() == "ZTZ"
    combo = dialog._combo("name")  # the field drop-downs are not cut ("(not importe")
    assert dialog.fieldTable.columnWidth(1) >= combo.sizeHint().width()
    assert dialog.valueTable.rowCount() == 1 and dialog.valueTable.item(0, 1).text() == "土地整理"
    combo = dialog.valueTable.cellWidget(0, 2)
    combo.setCurrentIndex(combo.findData("TDZZ"))
    dialog.next()
    wait_for_task(dialog.task)
    assert dialog.pages.currentIndex() == 2 and dialog.preview.accepted == 2
    assert "2 will be imported" in dialog.summaryLabel.text() and dialog.importButton.isEnabled()
    wait_for_task(dialog.start_import())
    assert dialog.result.imported == 2
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sorted(sites.selectedFeatureIds()) == sorted(dialog.result.fids)
    names = {f["name"] for f in sites.getFeatures()}
    assert {"测试修复项目0号", "测试修复项目1号"} <= names
    assert any("2 sites imported" in m for m in qgis_iface.messageBar().get_messages(3))
    # the next file with the same fields opens with this mapping, value mapping included
    (tmp_path / "again").mkdir()
    again, _ = prefixed_gbk_shapefile(opened_plan, tmp_path / "again", ({"XMLX": "土地整理", "XMMC": "另一个项目"},))
    dialog = actions.import_sites()
    dialog.panel.fileWidget.setFilePath(str(again))
    dialog.panel.confirmCheckBox.setChecked(True)
    dialog.next()
    assert "confirmed for files with these fields" in dialog.mappingNote.text()
    assert dialog.valueTable.cellWidget(0, 2).currentData() == "TDZZ"


def test_encoding_choice_changes_the_preview(actions, opened_plan, tmp_path):
    path, _ = prefixed_gbk_shapefile(opened_plan, tmp_path, ({},))
    dialog = actions.import_sites()
    dialog.panel.fileWidget.setFilePath(str(path))
    dialog.panel.encodingComboBox.setCurrentIndex(dialog.panel.encodingComboBox.findData("ISO-8859-1"))
    dialog.panel.reopen()
    assert dialog.panel.sampleTable.item(0, 0).text() != "测试修复项目0号"
    assert "chosen by you" in dialog.panel.encodingNote.text()


def test_rejected_features_are_listed_and_saved(actions, opened_plan, tmp_path):
    square = free_squares(opened_plan, 1)[0]
    path = write_ogr(tmp_path / "bad.gpkg", "GPKG", [(site_row(0, KSNF=2050), square)])
    before = table_rows(opened_plan)
    dialog = actions.import_sites()
    dialog.panel.fileWidget.setFilePath(str(path))
    dialog.next()
    dialog.next()
    wait_for_task(dialog.task)
    assert dialog.preview.rejected == 1 and not dialog.importButton.isEnabled()
    assert "2050" in dialog.issueTable.item(0, 2).text()
    written = dialog.save_rejected(str(tmp_path / "退回.gpkg"))
    assert written and open_dataset(written).GetLayer(0).GetFeatureCount() == 1
    dialog.reject()
    assert table_rows(opened_plan) == before


def test_a_long_problem_list_says_it_is_cut(actions, opened_plan, tmp_path, monkeypatch):
    """More problems than the preview lists: the page says so and points to the rejected-features file."""
    from pingcheng_plugin.core.exchange import pipeline

    monkeypatch.setattr(pipeline, "LISTED", 2)
    squares = free_squares(opened_plan, 3)
    path = write_ogr(tmp_path / "bad.gpkg", "GPKG", [(site_row(n, KSNF=2050), sq) for n, sq in enumerate(squares)])
    dialog = actions.import_sites()
    dialog.panel.fileWidget.setFilePath(str(path))
    dialog.next()
    dialog.next()
    wait_for_task(dialog.task)
    assert dialog.preview.rejected == 3 and dialog.issueTable.rowCount() == 2
    assert dialog.preview.issue_total >= 3
    assert "Only the first 2 problems are listed" in dialog.notesLabel.text()
    dialog.reject()


def test_cancel_while_checking_closes_and_changes_nothing(actions, opened_plan, tmp_path):
    squares = free_squares(opened_plan, 1500, size=40.0, gap=5.0)
    path = write_ogr(tmp_path / "many.gpkg", "GPKG", [(site_row(n), g) for n, g in enumerate(squares)])
    before = table_rows(opened_plan)
    dialog = actions.import_sites()
    dialog.panel.fileWidget.setFilePath(str(path))
    dialog.next()
    dialog.next()
    task = dialog.task
    dialog.reject()  # Cancel while the preview runs
    wait_for_task(task)
    assert dialog.task is None and not dialog.isVisible()
    assert table_rows(opened_plan) == before


def test_export_dialog_selection_and_gbk_shapefile(actions, opened_plan, tmp_path, qgis_iface, monkeypatch):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    sites.selectByIds([1, 2, 3])
    dialog = ExportSitesDialog(sites, None, actions.settings)
    assert dialog.selectedRadio.isChecked() and "(3)" in dialog.selectedRadio.text()
    dialog.formatComboBox.setCurrentIndex(dialog.formatComboBox.findData("shp"))
    dialog.encodingComboBox.setCurrentIndex(dialog.encodingComboBox.findData("GB18030"))
    dialog.outputWidget.setFilePath(str(tmp_path / "导出"))
    choice = dialog.choice()
    assert choice.path.endswith("导出.shp") and choice.fids == [1, 2, 3] and choice.encoding == "GB18030"
    dialog.remember(choice)
    wait_for_task(actions.start_export(str(opened_plan), choice))
    assert (tmp_path / "导出.cpg").read_text().strip() == "CP936"
    assert open_dataset(str(tmp_path / "导出.shp")).GetLayer(0).GetFeatureCount() == 3
    assert qgis_iface.messageBar().get_messages(2) == []  # no error shown
    again = ExportSitesDialog(sites, None, actions.settings)
    assert again.format_id() == "shp" and again.encodingComboBox.currentData() == "GB18030"
    again.filterRadio.setChecked(True)
    with pytest.raises(InvalidInputError, match="expression"):
        again.choice()


def test_plan_layer_dialog_replaces_the_zones(actions, opened_plan, tmp_path):
    zones = {f["code"]: f.geometry() for f in plan_data.open_layer(str(opened_plan), schema.ZONES).getFeatures()}
    path = write_ogr(tmp_path / "zones.gpkg", "GPKG", [({"BM": code}, geometry) for code, geometry in zones.items()],
                     columns=(("BM", ogr.OFTString),))
    dialog = actions.import_plan_layer()
    assert dialog.kind() == "zone"
    dialog.panel.fileWidget.setFilePath(str(path))
    assert dialog.checkButton.isEnabled() and not dialog.importButton.isEnabled()
    assert dialog.check() is not None and "Z4" in dialog.previewText.toPlainText()
    dialog.sourceNoteEdit.setText("测试正式成果")
    dialog.check()
    wait_for_task(dialog.start_import())
    assert dialog.result.imported == ["Z1", "Z2", "Z3", "Z4"]
    with sqlite3.connect(str(opened_plan)) as con:
        assert con.execute("SELECT DISTINCT illustrative, source FROM restoration_zones").fetchall() == [
            (0, "测试正式成果")]
    layer = layer_by_table(QgsProject.instance(), "restoration_zones")
    assert {f["illustrative"] for f in layer.getFeatures()} in ({0}, {False})


def test_refusals(actions, opened_plan, qgis_iface):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert sites.startEditing()
    sites.changeAttributeValue(1, sites.fields().indexOf("remarks"), "改了没存")
    with pytest.raises(InvalidInputError, match="Save or discard"):
        actions.import_sites()
    with pytest.raises(InvalidInputError, match="Save or discard"):
        actions.export_sites()
    sites.rollBack()
    QgsProject.instance().clear()
    with pytest.raises(NoPlanError, match="No plan is open"):
        actions.import_plan_layer()


def test_plan_layer_dialog_reports_unknown_names(qgis_iface, demo_plan, tmp_path, settings):
    zones = {f["code"]: f.geometry() for f in plan_data.open_layer(str(demo_plan), schema.ZONES).getFeatures()}
    path = write_ogr(tmp_path / "z.gpkg", "GPKG", [({"名称": "生态保护红线区"}, zones["Z1"])],
                     columns=(("名称", ogr.OFTString),))
    dialog = ImportPlanLayerDialog(str(demo_plan), None, settings)
    dialog.panel.fileWidget.setFilePath(str(path))
    assert dialog.check() is None and "生态保护红线区" in dialog.previewText.toPlainText()
    assert not dialog.importButton.isEnabled()
    dialog.reject()


@pytest.mark.parametrize("name", ["import_source.ui", "import_sites.ui", "import_plan_layer.ui", "export_sites.ui"])
def test_ui_files_hold_no_logic(name):
    root = ET.parse(UI / name).getroot()
    assert root.find("connections") is None
    assert all(header.text == "qgis.gui" for header in root.iter("header"))


def test_dialog_without_a_file_explains_what_is_missing(demo_plan, settings):
    dialog = ImportSitesDialog(str(demo_plan), None, settings)
    assert not dialog.nextButton.isEnabled() and dialog.statusLabel.text() == "Choose a file to import."
    dialog.reject()


def test_refusals_reach_the_message_bar_through_the_guarded_slot(qgis_iface, qgis_new_project, settings):
    """How plugin.py wires the actions: a refusal is shown, never raised into Qt."""
    from pingcheng_plugin.ui import feedback

    instance = ExchangeActions(qgis_iface)
    for slot in (instance.import_sites, instance.export_sites, instance.import_plan_layer):
        feedback.guarded(qgis_iface)(slot)()
    assert sum("No plan is open" in m for m in qgis_iface.messageBar().get_messages(1)) == 3  # Warning level
    instance.unload()


def test_a_bad_files_error_is_shown_once(demo_plan, settings, tmp_path):
    """The file's own error line says what is wrong; the status line below does not repeat it."""
    damaged = tmp_path / "damaged.gpkg"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    dialog = ImportSitesDialog(str(demo_plan), None, settings)
    dialog.panel.fileWidget.setFilePath(str(damaged))
    assert dialog.panel.errorLabel.text() and not dialog.nextButton.isEnabled()
    assert dialog.statusLabel.text() == ""
    dialog.reject()
