"""The GUI side of the exports: the dialog, the QgsTask with progress and cancel, messages, template editing."""

from __future__ import annotations

import os

import pytest
from qgis.core import Qgis, QgsProject, QgsTask
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QDialog, QMessageBox

from pingcheng_plugin.core.figures import FIGURES, figure, templates
from pingcheng_plugin.core.support.errors import InvalidInputError
from pingcheng_plugin.core.support.settings import Settings
from pingcheng_plugin.ui import export_actions, feedback
from pingcheng_plugin.ui.export_actions import ExportActions, ExportFiguresDialog
from tests.helpers import layer_by_table, wait_for_task


@pytest.fixture
def messages(monkeypatch):
    """Every message the actions show, as (level, text)."""
    shown = []
    monkeypatch.setattr(feedback, "push", lambda iface, message, level=Qgis.MessageLevel.Info, details=None,
                        duration=8: shown.append((level, message)))
    return shown


@pytest.fixture
def actions(qgis_iface, tmp_path, monkeypatch):
    settings = Settings()
    settings.set_template_folder(str(tmp_path / "user-templates"))
    instance = ExportActions(qgis_iface)
    yield instance
    instance.unload()
    settings.set_template_folder("")


def _row(dialog, figure_id):
    return [f.id for f in FIGURES].index(figure_id)


def test_dialog_reads_its_choices(qgis_parent, tmp_path):
    settings = Settings()
    dialog = ExportFiguresDialog(qgis_parent, "/data/plan.gpkg", settings)
    assert dialog.plan() == "/data/plan.gpkg"
    assert dialog.figureTable.rowCount() == len(FIGURES)
    for row in range(len(FIGURES)):
        dialog.figureTable.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
    with pytest.raises(InvalidInputError, match="at least one figure"):
        dialog.options()
    dialog.figureTable.item(_row(dialog, "zones"), 0).setCheckState(Qt.CheckState.Checked)
    dialog.figureTable.cellWidget(_row(dialog, "zones"), 1).setCurrentText("A4")
    dialog.figureTable.cellWidget(_row(dialog, "zones"), 2).setCurrentIndex(1)
    dialog.pdfCheckBox.setChecked(True)
    dialog.svgCheckBox.setChecked(True)
    dialog.pngCheckBox.setChecked(False)
    dialog.tifCheckBox.setChecked(False)
    dialog.dpiSpinBox.setValue(150)
    dialog.gridComboBox.setCurrentIndex(dialog.gridComboBox.findData("km"))
    dialog.organisationEdit.setText("某设计院")
    options = dialog.options()
    assert options.figures == ("zones",) and options.page_setup == {"zones": ("A4", "portrait")}
    assert options.formats == ("pdf", "svg") and options.dpi == 150 and options.grid == "km"
    assert options.organisation == "某设计院"
    dialog.remember(options)
    again = ExportFiguresDialog(qgis_parent, "", settings)
    assert again.organisationEdit.text() == "某设计院" and again.dpiSpinBox.value() == 150
    assert again.figureTable.item(_row(again, "zones"), 0).checkState() == Qt.CheckState.Checked
    assert again.figureTable.item(_row(again, "overall"), 0).checkState() == Qt.CheckState.Unchecked


def test_export_figures_runs_as_a_task_with_progress(actions, demo_plan, tmp_path, messages):
    from pingcheng_plugin.core.figures import ExportOptions

    out = tmp_path / "图件"
    out.mkdir()
    progress = []
    task = actions.start_figures(str(demo_plan), str(out), ExportOptions(
        formats=("pdf", "png"), dpi=30, figures=("zones", "summary_table")))
    assert isinstance(task, QgsTask) and task.flags() & QgsTask.CanCancel
    task.progressChanged.connect(progress.append)
    wait_for_task(task)
    names = sorted(os.listdir(out))
    assert figure("zones").file_stem() + ".pdf" in names and figure("summary_table").file_stem() + ".png" in names
    assert progress and max(progress) >= 90
    assert actions.runner.tasks == []


def test_cancel_leaves_nothing(actions, demo_plan, tmp_path, messages, monkeypatch):
    from pingcheng_plugin.core.figures import ExportOptions

    errors = []
    monkeypatch.setattr(feedback, "show_error", lambda iface, error: errors.append(error))
    task = actions.start_figures(str(demo_plan), str(tmp_path), ExportOptions(formats=("pdf",), dpi=30))
    task.cancel()
    wait_for_task(task)
    assert [p for p in tmp_path.iterdir() if not p.name.startswith(demo_plan.name)] == []
    assert errors and "Cancelled" in errors[0].message


def test_task_errors_reach_the_message_bar(actions, empty_plan, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(feedback, "show_error", lambda iface, error: errors.append(error))
    task = actions.start_summary(str(empty_plan), str(tmp_path / "t.xlsx"))
    wait_for_task(task)
    assert errors and "no project sites" in errors[0].message
    assert not (tmp_path / "t.xlsx").exists()


def test_export_summary_action(actions, opened_plan, tmp_path, monkeypatch, messages):
    """The summary dialog's own fields: file, organisation and date; the date is kept in the plan, so exporting
    again without one prints the same (re-exporting an approved table does not change its date)."""
    from pingcheng_plugin.core.store import plan_settings
    from pingcheng_plugin.ui.export_summary import ExportSummaryDialog

    target = tmp_path / "汇总表"

    def fill(dialog):
        assert dialog.planWidget.filePath() == str(opened_plan)
        dialog.outputWidget.setFilePath(str(target))  # no extension: .xlsx
        dialog.organisationEdit.setText("平城区自然资源局")
        dialog.dateEdit.setText("2025年6月")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportSummaryDialog, "exec", fill)
    started = []
    monkeypatch.setattr(actions, "start_summary", lambda *args: started.append(args))
    actions.export_summary()
    assert started == [(str(opened_plan), str(target) + ".xlsx", "平城区自然资源局", "2025年6月")]
    assert plan_settings.read_imprint(str(opened_plan)) == plan_settings.Imprint("平城区自然资源局", "2025年6月")
    page = tmp_path / "again.html"
    task = ExportActions.start_summary(actions, str(opened_plan), str(page))  # nothing given: the plan's own
    wait_for_task(task)
    text = page.read_text(encoding="utf-8")
    assert "编制单位：平城区自然资源局" in text and "编制日期：2025年6月" in text
    dialog = ExportSummaryDialog(None, str(opened_plan))  # opened again: the plan's values are offered
    assert dialog.organisationEdit.text() == "平城区自然资源局" and dialog.dateEdit.text() == "2025年6月"


def test_done_message_offers_the_folder_and_escapes_the_path(actions, opened_plan, tmp_path, qgis_iface):
    """The success message names the file, with *Open folder*; a path is text, never markup."""
    from qgis.PyQt.QtWidgets import QPushButton

    folder = tmp_path / "<b>成果"
    folder.mkdir()
    wait_for_task(actions.start_summary(str(opened_plan), str(folder / "汇总表.csv")))
    bar = qgis_iface.messageBar()
    item = [i for i in bar.items() if "成果" in i.text()][-1]
    assert "&lt;b&gt;成果" in item.text() and "<b>" not in item.text()
    assert [b.text() for b in item.findChildren(QPushButton) if b.text() == "Open folder"] == ["Open folder"]
    bar.popWidget(item)


def test_export_refuses_unsaved_edits(actions, opened_plan):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    assert export_actions.current_plan() == str(opened_plan)
    sites.startEditing()
    feature = next(sites.getFeatures())
    sites.changeAttributeValue(feature.id(), sites.fields().indexOf("remarks"), "未保存的修改")
    try:
        with pytest.raises(InvalidInputError, match="Save or discard"):
            actions.export_figures()
    finally:
        sites.rollBack()


def test_export_figures_dialog_flow(actions, opened_plan, tmp_path, monkeypatch, messages):
    Settings().set_export_folder(str(tmp_path))
    started = []
    monkeypatch.setattr(actions, "start_figures", lambda plan, folder, options: started.append((plan, folder, options)))

    def accept(dialog):
        for row in range(dialog.figureTable.rowCount()):
            checked = Qt.CheckState.Checked if row == 1 else Qt.CheckState.Unchecked
            dialog.figureTable.item(row, 0).setCheckState(checked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportFiguresDialog, "exec", accept)
    actions.export_figures()
    ((plan, folder, options),) = started
    assert plan == str(opened_plan) and folder == str(tmp_path) and options.figures == (FIGURES[1].id,)
    (tmp_path / (FIGURES[1].file_stem() + ".pdf")).write_bytes(b"old")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    actions.export_figures()
    assert asked and "replaced" in asked[0] and len(started) == 2


def test_edit_template_saves_the_users_template_on_closing(actions, demo_plan, tmp_path, monkeypatch, messages):
    opened = []
    monkeypatch.setattr(actions.iface, "openLayoutDesigner", lambda layout: opened.append(layout) or "designer",
                        raising=False)
    spec = figure("zones")
    actions.edit_template(spec, "A4", "portrait")
    (layout,) = opened
    assert QgsProject.instance().layoutManager().layoutByName(layout.name()) is layout
    layout.itemById(templates.ITEM_TITLE).setText("[% '自定义标题' %]")

    class Designer:
        def layout(self):
            return layout

    name = layout.name()
    monkeypatch.setattr(actions.iface, "openLayoutDesigners", lambda: [Designer()], raising=False)
    actions._designer_closed()  # another designer closed: this one is still open, nothing saved
    assert not os.path.exists(os.path.join(actions.user_folder(), "zones_A4_portrait.qpt"))
    monkeypatch.setattr(actions.iface, "openLayoutDesigners", lambda: [], raising=False)
    actions._designer_closed()
    saved = os.path.join(actions.user_folder(), "zones_A4_portrait.qpt")
    assert os.path.isfile(saved)
    QCoreApplication.processEvents()
    assert QgsProject.instance().layoutManager().layoutByName(name) is None
    assert templates.find_template("zones", "map", "A4", "portrait", actions.user_folder()) == saved
    out = tmp_path / "out"
    out.mkdir()
    from pingcheng_plugin.core.figures import ExportOptions, export_figures

    export_figures(str(demo_plan), str(out), ExportOptions(formats=("pdf",), dpi=30, figures=("zones",),
                                                           page_setup={"zones": ("A4", "portrait")},
                                                           template_folder=actions.user_folder()))
    import subprocess

    text = subprocess.run(["pdftotext", str(out / (spec.file_stem() + ".pdf")), "-"], capture_output=True,
                          text=True).stdout
    assert "自定义标题" in text  # searchable as shown (the export corrects the PDF's text maps)
    actions.reset_template(spec, "A4", "portrait")
    assert not os.path.exists(saved)
    assert any(level == Qgis.MessageLevel.Success for level, _ in messages)


def test_a_cancel_while_running_reads_as_cancelled_not_failed(actions, demo_plan, tmp_path, monkeypatch):
    """QGIS announces a task that returns False as failed ("任务执行失败"); a cancel is not a failure."""
    import threading

    from pingcheng_plugin.core.support import progress as progress_steps

    shown, started = [], threading.Event()
    monkeypatch.setattr(feedback, "show_error", lambda iface, error: shown.append(error))

    def work(progress):
        started.set()
        for step in range(100000):
            progress_steps.report(progress, step / 1000)
            threading.Event().wait(0.005)

    task = actions.runner.start("long work", work, lambda result: shown.append("done"))
    ended = []
    task.taskCompleted.connect(lambda: ended.append("completed"))
    task.taskTerminated.connect(lambda: ended.append("terminated"))
    while not started.is_set():
        QCoreApplication.processEvents()
    task.cancel()
    wait_for_task(task)
    QCoreApplication.processEvents()
    assert ended == ["completed"]
    assert len(shown) == 1 and shown[0].level == Qgis.MessageLevel.Info and "Cancelled" in shown[0].message


def test_first_export_makes_the_proposed_folder_and_errors_stay_in_the_dialog(actions, opened_plan, monkeypatch,
                                                                              messages):
    """The reviewer's cases: the 规划图件 folder proposed beside the plan does not exist yet (it is made), and a
    refusal shows in the dialog's own bar, the dialog opening again with the choices kept."""
    from qgis.gui import QgsMessageBar

    runs, started = [], []

    def answer(dialog):
        runs.append(dialog)
        if len(runs) == 1:  # nothing chosen: refused in the dialog
            for row in range(dialog.figureTable.rowCount()):
                dialog.figureTable.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
            return QDialog.DialogCode.Accepted
        if len(runs) == 2:
            bar = dialog.findChild(QgsMessageBar, "pingchengDialogBar")
            assert bar is not None and any("at least one figure" in i.text() for i in bar.items())
            dialog.figureTable.item(_row(dialog, "zones"), 0).setCheckState(Qt.CheckState.Checked)
            return QDialog.DialogCode.Accepted
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportFiguresDialog, "exec", answer)
    monkeypatch.setattr(actions, "start_figures", lambda plan, folder, options: started.append(folder))
    proposed = opened_plan.parent / "规划图件"
    assert not proposed.exists()
    actions.export_figures()
    assert len(runs) == 2 and started == [str(proposed)] and proposed.is_dir()
