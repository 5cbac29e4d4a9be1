"""Every dialog the QGIS way: OK named by its action, Help opening the matching README part, the size kept."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from pingcheng_plugin.core.rules.thresholds import ValidationConfig
from pingcheng_plugin.core.support.settings import Settings
from pingcheng_plugin.ui import dialogs
from pingcheng_plugin.ui.export_figures import ExportFiguresDialog
from pingcheng_plugin.ui.export_summary import ExportSummaryDialog
from pingcheng_plugin.ui.import_plan_layer import ImportPlanLayerDialog
from pingcheng_plugin.ui.import_sites import ImportSitesDialog
from pingcheng_plugin.ui.plan_actions import NewPlanDialog
from pingcheng_plugin.ui.review_dialogs import MergeReviewDialog, PrepareReviewDialog, ReviewReportDialog
from pingcheng_plugin.ui.validation_settings import ValidationSettingsDialog
from tests.helpers import ROOT

MAKERS = {
    "new_plan": (lambda plan: NewPlanDialog(None, ""), "Create"),
    "validation_settings": (lambda plan: ValidationSettingsDialog(ValidationConfig(), None), "Save"),
    "export_figures": (lambda plan: ExportFiguresDialog(None, str(plan), Settings()), "Export"),
    "export_summary": (lambda plan: ExportSummaryDialog(None, str(plan), Settings()), "Export"),
    "import_sites": (lambda plan: ImportSitesDialog(str(plan), None, Settings()), None),
    "import_plan_layer": (lambda plan: ImportPlanLayerDialog(str(plan), None, Settings()), None),
    "prepare_review": (lambda plan: PrepareReviewDialog(None, str(plan)), "Prepare"),
    "merge_review": (lambda plan: MergeReviewDialog(None, str(plan)), "Merge"),
    "review_report": (lambda plan: ReviewReportDialog(None, str(plan)), "Export"),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_buttons_name_their_action_and_help_opens_the_readme_part(name, demo_plan):
    make, action = MAKERS[name]
    dialog = make(demo_plan)
    box = dialog.findChild(QDialogButtonBox)
    if action is not None:
        assert box.button(QDialogButtonBox.StandardButton.Ok).text() == action
    help_button = box.button(QDialogButtonBox.StandardButton.Help)
    assert help_button is not None
    help_button.click()
    viewer = dialogs._viewer
    assert viewer is not None and viewer.isVisible()
    # the view opens where the README's part for this dialog starts (English UI: the English part)
    wanted = dialogs.HELP[name][1]
    assert viewer.browser.textCursor().selectedText() == wanted
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert dialogs.HELP[name][0] in readme and wanted in readme
    dialogs.close_help()
    dialog.close()


def test_a_dialog_opens_at_the_size_it_was_left(demo_plan):
    dialog = ExportSummaryDialog(None, str(demo_plan), Settings())
    dialog.show()
    dialog.resize(777, 333)
    dialog.reject()  # finished: the size is kept
    again = ExportSummaryDialog(None, str(demo_plan), Settings())
    assert (again.width(), again.height()) == (777, 333)


def test_the_figure_dialog_shows_every_figure_and_a_folder_beside_the_plan(demo_plan):
    dialog = ExportFiguresDialog(None, str(demo_plan), Settings())
    table = dialog.figureTable
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.minimumHeight() >= rows + table.horizontalHeader().sizeHint().height()
    assert dialog.folder() == str(demo_plan.parent / "规划图件")


def test_chinese_help_opens_at_the_heading_not_a_mention(qgis_app):
    """The README mentions 规划图件与汇总表 in the table before its own heading: Help goes to the heading."""
    from tests.helpers.common import ui_locale

    with ui_locale("zh-Hans"):
        viewer = dialogs.show_help("export_figures")
        cursor = viewer.browser.textCursor()
        assert cursor.selectedText() == "规划图件与汇总表"
        assert cursor.block().blockFormat().headingLevel() > 0
        dialogs.close_help()
