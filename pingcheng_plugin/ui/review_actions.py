"""*Prepare review package…*, *Merge review package…* and *Review report…*: ask in a dialog, then run the core as a
QgsTask (progress and cancel in the message bar), results in the message bar. Conflicts are resolved as the merge
dialog asked."""

from __future__ import annotations

import os
from typing import Dict, Optional

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtWidgets import QDialog

from ..core.store.plan_layers import layer_table
from ..core.support.errors import PingchengError
from ..core.support.i18n import tr
from ..core.support.tasks import CoreTask
from . import feedback
from .export_figures import current_plan
from .task_runner import TaskRunner


class ReviewActions:
    def __init__(self, iface):
        self.iface = iface
        self.runner = TaskRunner(iface)

    def unload(self) -> None:
        self.runner.cancel_all()

    # --- prepare -------------------------------------------------------------------------------------------
    def prepare(self) -> None:
        from .review_dialogs import PrepareReviewDialog  # with the review core, on first use

        values = _checked_values(PrepareReviewDialog(self.iface.mainWindow(), current_plan()))
        if values is not None:
            self.start_prepare(*values)

    def start_prepare(self, plan: str, expression: str, reviewer: str, folder: str, due: str) -> CoreTask:
        from ..core.review.prepare import prepare_package  # on first use: see processing/provider.py

        return self.runner.start(tr("Preparing the review package"),
                                 lambda progress: prepare_package(plan, expression, reviewer, folder, due, progress),
                                 self._prepared)

    def _prepared(self, result) -> None:
        for warning in result.warnings:  # base layers left out, or needing a network in the field
            feedback.push(self.iface, warning, Qgis.MessageLevel.Warning)
        feedback.push_done(self.iface, tr("{count} sites packed for review into {path}. Copy the folder to the "
                                          "reviewer's laptop and open review.qgz in QGIS or QField.").format(
            count=len(result.site_codes), path=result.folder), result.folder)

    # --- merge ---------------------------------------------------------------------------------------------
    def merge(self) -> None:
        from .review_dialogs import MergeReviewDialog

        values = _checked_values(MergeReviewDialog(self.iface.mainWindow(), current_plan()))
        if values is not None:
            self.start_merge(*values)

    def start_merge(self, plan: str, folder: str, choices: Dict[str, str], apply_proposals: bool) -> CoreTask:
        from ..core.review.merge import merge_package  # on first use: see processing/provider.py

        return self.runner.start(
            tr("Merging the review package"),
            lambda progress: merge_package(plan, folder, "plan", apply_proposals, progress, choices),
            lambda result: self._merged(plan, result))

    def _merged(self, plan: str, result) -> None:
        for warning in result.warnings:
            feedback.push(self.iface, warning, Qgis.MessageLevel.Info if result.already_merged
                          else Qgis.MessageLevel.Warning)
        if result.already_merged:
            return
        for layer in QgsProject.instance().mapLayers().values():  # the open plan shows the merged sites
            located = layer_table(layer)
            if located is not None and located[0] == os.path.abspath(plan):
                layer.reload()
                layer.triggerRepaint()
        feedback.push(self.iface, tr("{merged} reviewed sites merged into the plan, {proposals} boundary proposals "
                                     "applied, {conflicts} conflicts (the side not kept is in review_conflicts).")
                      .format(merged=result.merged, proposals=result.proposals_applied, conflicts=result.conflicts),
                      Qgis.MessageLevel.Success, details="\n".join(result.lines) or None)

    # --- report --------------------------------------------------------------------------------------------
    def report(self) -> None:
        from .review_dialogs import ReviewReportDialog

        values = _checked_values(ReviewReportDialog(self.iface.mainWindow(), current_plan()))
        if values is not None:
            self.start_report(*values)

    def start_report(self, plan: str, package: str, output: str) -> CoreTask:
        from ..core.review.report import write_report  # with jinja2 and the layouts, on first use

        return self.runner.start(tr("Writing the review report"),
                                 lambda progress: write_report(plan, package, output, progress), self._reported)

    def _reported(self, result) -> None:
        for warning in result.warnings:  # photos missing from the folder: the report names them
            feedback.push(self.iface, warning, Qgis.MessageLevel.Warning)
        feedback.push_done(self.iface, tr("Review report of {count} sites written to {path}.").format(
            count=result.sites, path=result.path), os.path.dirname(result.path))


def _checked_values(dialog) -> Optional[tuple]:
    """Show ``dialog`` until its values pass its checks (each problem is shown in the dialog, which opens again with
    the choices kept); None when the user cancels."""
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            return dialog.values()
        except PingchengError as err:
            feedback.show_in_dialog(dialog, err)
    return None
