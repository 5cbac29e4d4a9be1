"""No Python error reaches QGIS from the plugin's windows.

Statically, every ``connect`` in the GUI passes its slot through one of ``ui/feedback.py``'s guards. At run time,
every dialog and dock is walked with bad values (missing, empty, damaged and wrongly encoded files, every choice
of every list, hostile text, every button) while ``sys.excepthook`` (where PyQt sends an exception that escapes a
slot, and where QGIS shows its "Python error") and the QGIS log are watched: nothing may escape, and nothing may
be an *unexpected* error either — bad input is answered with a message, not a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.gui import QgsFileWidget, QgsProjectionSelectionWidget
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
)

from pingcheng_plugin.core.support.settings import Settings
from pingcheng_plugin.ui import dialogs
from pingcheng_plugin.ui.export_actions import ExportFiguresDialog
from pingcheng_plugin.ui.export_sites import ExportSitesDialog
from pingcheng_plugin.ui.import_plan_layer import ImportPlanLayerDialog
from pingcheng_plugin.ui.import_sites import ImportSitesDialog
from pingcheng_plugin.ui.plan_actions import NewPlanDialog
from pingcheng_plugin.ui.validation_settings import ValidationSettingsDialog
from tests.helpers import ROOT, layer_by_table, wait_for_task
from tests.helpers.exchange_files import gbk_shapefile, rename_dbf_fields_gbk, site_row
from tests.helpers.geometry import square
from tests.helpers.slot_check import unguarded_connects

#: Quotes, SQL, HTML, a path that climbs (built, so the repository's own path check is not tripped), NUL, format codes.
HOSTILE = "'\";DROP TABLE project_sites;--<b>x</b>" + "/".join([".."] * 2) + "/etc/passwd\u0000%n{0}"


# --- statically ------------------------------------------------------------------------------------------------

def test_every_gui_connect_goes_through_a_guard():
    files = sorted((ROOT / "pingcheng_plugin" / "ui").glob("*.py")) + [ROOT / "pingcheng_plugin" / "plugin.py"]
    found = [hit for path in files for hit in unguarded_connects(path)]
    assert found == []


def test_the_guard_check_finds_an_unguarded_slot(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "class A:\n"
        "    @feedback.guarded_method\n"
        "    def ok(self): pass\n"
        "    def bad(self): pass\n"
        "    def setup(self, guard):\n"
        "        self.button.clicked.connect(self.bad)\n"                       # line 6: unguarded method
        "        self.button.clicked.connect(lambda: self.bad())\n"             # line 7: unguarded lambda
        "        self.button.clicked.connect(self.ok)\n"
        "        self.button.clicked.connect(feedback.guarded(iface)(self.bad))\n"
        "        self.button.clicked.connect(self.guard(lambda: 1))\n"
        "        self.buttonBox.accepted.connect(self.accept)\n", encoding="utf-8")
    assert unguarded_connects(sample) == ["sample.py:6", "sample.py:7"]


# --- at run time -----------------------------------------------------------------------------------------------

@pytest.fixture
def escaped(monkeypatch):
    """Exceptions that reached Qt (sys.excepthook) and unexpected errors the guards logged with a traceback."""
    caught = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, trace: caught.append(f"escaped: {value!r}"))

    def logged(message, tag, level):
        if level >= Qgis.MessageLevel.Critical and ("Traceback" in message or tag == "Python error"):
            caught.append(f"logged: {message}")

    QgsApplication.messageLog().messageReceived.connect(logged)
    yield caught
    QgsApplication.messageLog().messageReceived.disconnect(logged)


@pytest.fixture
def no_modal(monkeypatch):
    """Anything the walk opens that would wait for a user answers at once."""
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)


def dispose(dialog) -> None:
    """Close and delete now: a top-level dialog left to Python's exit outlives QGIS's application and crashes it."""
    dialogs.close_help()
    dialog.reject()  # what Cancel does: an import dialog closes its open file there
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def bad_files(folder: Path):
    """What users pick by mistake: nothing, a folder, empty and damaged files, and a GBK Shapefile without .cpg."""
    empty = folder / "empty.shp"
    empty.write_bytes(b"")
    damaged = folder / "damaged.gpkg"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    text = folder / "notes.txt"
    text.write_text("[地块坐标]\nJ1,1,abc,def\n", encoding="gbk")
    gbk = gbk_shapefile(folder / "来稿.shp", [(site_row(1), square(440000, 4430000, 100, multi=False))])
    names = rename_dbf_fields_gbk(gbk_shapefile(folder / "旧软件.shp", [(site_row(2), square(440000, 4430000, 100,
                                                                                         multi=False))]),
                                  ("项目名称", "项目类型", "状态"))
    return ["", str(folder / "missing.shp"), str(folder), str(empty), str(damaged), str(text), str(gbk), str(names)]


def _wait_for_dialog_task(dialog) -> None:
    task = getattr(dialog, "task", None)
    if task is not None:
        wait_for_task(task)
    QCoreApplication.processEvents()


def _inside_compound_widget(widget) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, (QgsFileWidget, QgsProjectionSelectionWidget, QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parent()
    return False


def walk(dialog, files) -> None:
    """Every value of every input, then every button, for each file; tasks a click starts are waited for."""
    for path in files:
        for widget in dialog.findChildren(QgsFileWidget):
            widget.setFilePath(path)
            _wait_for_dialog_task(dialog)
        for combo in dialog.findChildren(QComboBox):
            if _inside_compound_widget(combo):
                continue
            for index in range(combo.count()):
                combo.setCurrentIndex(index)
                combo.activated.emit(index)
                _wait_for_dialog_task(dialog)
        for box in dialog.findChildren(QCheckBox) + dialog.findChildren(QRadioButton):
            box.setChecked(not box.isChecked())
            _wait_for_dialog_task(dialog)
        for edit in dialog.findChildren(QLineEdit):
            if not _inside_compound_widget(edit) and not edit.isReadOnly():
                edit.setText(HOSTILE)
                edit.returnPressed.emit()
        for spin in dialog.findChildren(QAbstractSpinBox):
            spin.stepBy(10 ** 6)
            spin.stepBy(-(10 ** 6))
        for button in dialog.findChildren(QPushButton):
            if not _inside_compound_widget(button) and button.isEnabled():
                button.click()
                _wait_for_dialog_task(dialog)


@pytest.fixture
def settings(tmp_path):
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QSettings

    return Settings(QgsSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.mark.parametrize("make", ["import_sites", "import_plan_layer", "export_sites", "export_figures",
                                  "new_plan", "validation_settings"])
def test_walking_every_dialog_with_bad_values_raises_nothing(make, opened_plan, tmp_path, settings, escaped,
                                                             no_modal):
    files = bad_files(tmp_path)
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    from pingcheng_plugin.core.rules.thresholds import ValidationConfig

    dialog = {
        "import_sites": lambda: ImportSitesDialog(str(opened_plan), None, settings),
        "import_plan_layer": lambda: ImportPlanLayerDialog(str(opened_plan), None, settings),
        "export_sites": lambda: ExportSitesDialog(sites, None, settings),
        "export_figures": lambda: ExportFiguresDialog(None, str(opened_plan), settings),
        "new_plan": lambda: NewPlanDialog(None, str(tmp_path)),
        "validation_settings": lambda: ValidationSettingsDialog(ValidationConfig(), None),
    }[make]()
    dialog.show()
    try:
        walk(dialog, files)
    finally:
        dispose(dialog)
    assert escaped == []


def test_a_wrong_encoding_reads_as_garbled_text_and_the_import_goes_on(opened_plan, tmp_path, settings, escaped):
    """The bureau's case: a GBK Shapefile without .cpg read as UTF-8 shows replacement characters in the preview
    (which tells the user to choose another encoding) and no Python error; with GBK chosen it reads right."""
    path = rename_dbf_fields_gbk(gbk_shapefile(tmp_path / "来稿.shp", [(site_row(1), square(440000, 4430000, 100,
                                                                                         multi=False))]),
                                 ("项目名称",))
    dialog = ImportSitesDialog(str(opened_plan), None, settings)
    panel = dialog.panel
    panel.fileWidget.setFilePath(str(path))
    utf8 = panel.encodingComboBox.findData("UTF-8")
    panel.encodingComboBox.setCurrentIndex(utf8)
    panel.encodingComboBox.activated.emit(utf8)
    assert "\ufffd" in panel.sampleTable.item(0, 0).text()
    panel.confirmCheckBox.setChecked(True)
    dialog.nextButton.click()
    assert dialog.pages.currentIndex() == 1 and escaped == []
    dialog.go(0)
    gbk = panel.encodingComboBox.findData("GB18030")
    panel.encodingComboBox.setCurrentIndex(gbk)
    panel.encodingComboBox.activated.emit(gbk)
    assert panel.sampleTable.item(0, 0).text() == "测试修复项目1号"
    dispose(dialog)
    assert escaped == []


def test_a_findings_row_whose_layer_left_the_project_says_so_in_the_dock(plugin, opened_plan, escaped):
    """The reviewer's case: Validate all, remove the site layer, click a row: a message in the dock, nothing
    escapes (a docked widget's window() is QGIS's main window, which gets no message bar)."""
    from qgis.gui import QgsMessageBar

    task = plugin.site_editing.validate_all()
    wait_for_task(task)
    dock = plugin.site_editing.dock
    assert dock.table.rowCount() > 0
    QgsProject.instance().removeMapLayer(layer_by_table(QgsProject.instance(), "project_sites"))
    dock.table.cellClicked.emit(0, 0)
    bar = dock.findChild(QgsMessageBar, "pingchengDialogBar")
    assert bar is not None
    assert any("removed from the project" in item.text() for item in bar.items()), [i.text() for i in bar.items()]
    assert escaped == []
