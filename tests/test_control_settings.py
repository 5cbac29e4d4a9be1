"""The control-rule settings in *Validation settings…*, as a user changes them: which project types may occupy
永久基本农田 (the validator follows at once) and the smallest area counted inside a control layer (every site's
stored results are recomputed with it, in the background). The small overlap is measured independently
(QgsDistanceArea on QGIS's own intersection); the stored settings are read back with SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsDistanceArea, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialog

from pingcheng_plugin.ui.validation_settings import ValidationSettingsDialog
from tests.helpers import rectangle, wait_for_task
from tests.helpers.exchange_files import write_ogr
from tests.test_controls import NAMED, farmland_file, findings, import_control, sites

SMALL = "140213-KSXF-0001"


def meta(plan: Path, key: str) -> str:
    with sqlite3.connect(str(plan)) as con:
        return con.execute("SELECT value FROM pingcheng_meta WHERE key = ?", (key,)).fetchone()[0]


def redline_rows(plan: Path, code: str) -> list:
    with sqlite3.connect(str(plan)) as con:
        return con.execute("SELECT area_ha FROM site_controls WHERE kind = 'redline' AND project_code = ?",
                           (code,)).fetchall()


def thin_strip(plan: Path, folder: Path):
    """A red line 3 m into the west edge of one site: (file, that site's ellipsoidal m² inside it)."""
    site = sites(plan)[SMALL][2]
    b = site.boundingBox()
    strip = rectangle(b.xMinimum() - 20, b.yMinimum() - 20, b.xMinimum() + 3, b.yMaximum() + 20)
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    calculator.setEllipsoid("CGCS2000")
    inside = calculator.measureArea(site.intersection(strip))
    path = write_ogr(folder / "redline.gpkg", "GPKG", [({"MC": "测试红线", "BSM": "HX1"}, strip)], 4547,
                     columns=NAMED, layer_name="hx")
    return path, inside


def test_settings_dialog_changes_the_farmland_types_and_the_smallest_counted_area(
        plugin, opened_plan, tmp_path, qgis_iface, qgis_processing, monkeypatch):
    plan = opened_plan
    import_control(plan, "farmland", farmland_file(plan, tmp_path))
    strip, inside_m2 = thin_strip(plan, tmp_path)
    import_control(plan, "redline", strip)
    assert 10 < inside_m2 < 500
    assert abs(redline_rows(plan, SMALL)[0][0] - inside_m2 / 1e4) < 1e-4
    assert set(findings(plan, "CONTROL_FARMLAND")) == {"140213-XCRJ-0001"}  # the plugin's defaults

    shown = {}

    def answer(dialog: ValidationSettingsDialog) -> int:
        shown["farmland"] = list(dialog.farmlandTypes.checkedItemsData())
        for combo, wanted in ((dialog.farmlandTypes, {"XCRJ"}), (dialog.urbanTypes, {"CQGG", "CZXF"})):
            for row in range(combo.count()):
                combo.setItemCheckState(row, Qt.CheckState.Checked if combo.itemData(row) in wanted
                                        else Qt.CheckState.Unchecked)
        dialog.minControlSpin.setValue(inside_m2 + 50)  # the strip's overlap no longer counts
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ValidationSettingsDialog, "exec", answer)
    plugin.action("validation_settings").trigger()
    assert shown["farmland"] == ["SXLT", "TDZZ"]  # the dialog opened with the stored (default) types
    wait_for_task(plugin.validation_settings.runner.tasks[0])

    assert meta(plan, "control_farmland_types") == "XCRJ"
    assert float(meta(plan, "control_min_m2")) == round(inside_m2 + 50, 1)
    assert set(findings(plan, "CONTROL_FARMLAND")) == {"140213-TDZZ-0001"}
    assert redline_rows(plan, SMALL) == []  # recomputed with the new smallest area
    assert SMALL not in findings(plan, "CONTROL_REDLINE")
    messages = list(qgis_iface.messageBar().get_messages(3))  # Qgis.Success
    assert any("recomputed" in m or "重新计算" in m for m in messages), messages

    # a second visit shows what is stored now, and a smaller area brings the site back
    def again(dialog: ValidationSettingsDialog) -> int:
        shown["farmland"] = list(dialog.farmlandTypes.checkedItemsData())
        dialog.minControlSpin.setValue(1.0)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ValidationSettingsDialog, "exec", again)
    plugin.action("validation_settings").trigger()
    assert shown["farmland"] == ["XCRJ"]
    wait_for_task(plugin.validation_settings.runner.tasks[0])
    assert abs(redline_rows(plan, SMALL)[0][0] - inside_m2 / 1e4) < 1e-4
    assert QgsProject.instance().isDirty()


def test_a_project_type_that_is_not_the_plans_is_refused_before_anything_is_stored(plugin, opened_plan):
    from pingcheng_plugin.core.controls.settings_change import apply_control_config
    from pingcheng_plugin.core.rules.control_settings import ControlConfig
    from pingcheng_plugin.core.support.errors import InvalidInputError

    before = sqlite3.connect(str(opened_plan)).execute("SELECT count(*) FROM pingcheng_meta").fetchone()[0]
    with pytest.raises(InvalidInputError, match="DROP TABLE x"):
        apply_control_config(str(opened_plan), ControlConfig(farmland_types=("KSXF'; DROP TABLE x; --",)))
    after = sqlite3.connect(str(opened_plan)).execute("SELECT count(*) FROM pingcheng_meta").fetchone()[0]
    assert after == before
