"""The slots behind *Import sites…*, *Export sites…*, *Import official plan layer…* and *Import control layer…*.

They find the open plan, refuse while its layers hold unsaved edits (an import writes to the file, an export
reads the saved file), open the dialogs, run the export as a task with a progress bar and Cancel in the message
bar, and afterwards reload the plan's layers so the map and the forms show what was written.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtWidgets import QDialog

from ..core.store import base_group, control_project, plan_check, plan_layers
from ..core.support import formatting
from ..core.support.errors import InvalidInputError
from ..core.support.i18n import tr
from ..core.support.settings import Settings
from ..core.support.tasks import CoreTask
from . import feedback
from .plan_context import open_plan
from .task_runner import TaskRunner

# The dialogs (and the readers, writers and shapely behind them) are imported when first opened, not when QGIS
# starts (see processing/provider.py).
if TYPE_CHECKING:
    from .export_sites import ExportChoice
    from .import_control_layer import ImportControlLayerDialog
    from .import_plan_layer import ImportPlanLayerDialog
    from .import_sites import ImportSitesDialog


def check_edits(plan: plan_layers.PlanLayers) -> None:
    """Refuse while a plan layer holds unsaved edits: the exchange reads and writes the file itself."""
    for layer in plan.layers.values():
        if layer.isValid() and layer.isEditable() and layer.isModified():
            raise InvalidInputError(tr("Save or discard the edits of {layer} first: import and export work on the "
                                       "saved plan file.").format(layer=layer.name()))


def reload_layers(plan: plan_layers.PlanLayers) -> None:
    for layer in plan.layers.values():
        if layer.isValid():
            layer.reload()
            layer.updateExtents()
            layer.triggerRepaint()


class ExchangeActions:
    def __init__(self, iface):
        self.iface = iface
        self.settings = Settings()
        self.dialog: Optional[QDialog] = None
        self.runner = TaskRunner(iface)

    def unload(self) -> None:
        self.runner.cancel_all()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.show()
        return dialog

    # --- import sites ---------------------------------------------------------------------------------------
    def import_sites(self) -> ImportSitesDialog:
        from .import_sites import ImportSitesDialog

        plan = open_plan()
        feedback.push_plan_notes(self.iface, plan_check.check_plan(plan.path))  # one message, before the dialog
        check_edits(plan)
        dialog = ImportSitesDialog(plan.path, self.iface.mainWindow(), self.settings, lambda: check_edits(plan))
        dialog.imported.connect(feedback.guarded(self.iface)(lambda result: self._sites_imported(plan, result)))
        return self._show(dialog)

    def _sites_imported(self, plan: plan_layers.PlanLayers, result) -> None:
        reload_layers(plan)
        sites = plan.sites
        if sites is not None and result.fids:
            sites.selectByIds(result.fids)
            self.iface.mapCanvas().zoomToSelected(sites)
        message = tr("{sites} imported and selected.").format(
            sites=formatting.count(result.imported, "site"))
        if result.rejected:
            message += " " + tr("{features} rejected; they are in {path} for the sender.").format(
                features=formatting.count(result.rejected, "feature"), path=result.rejected_file or "–")
        feedback.push(self.iface, message, Qgis.MessageLevel.Warning if result.rejected else Qgis.MessageLevel.Success)

    # --- export sites ---------------------------------------------------------------------------------------
    def export_sites(self) -> Optional[CoreTask]:
        from .export_sites import ExportSitesDialog

        plan = open_plan()
        feedback.push_plan_notes(self.iface, plan_check.check_plan(plan.path))  # one message, before the dialog
        check_edits(plan)
        dialog = ExportSitesDialog(plan.sites, self.iface.mainWindow(), self.settings)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                choice = dialog.choice()
            except InvalidInputError as err:
                feedback.show_in_dialog(dialog, err)  # in the dialog, which opens again with the choices kept
                continue
            dialog.remember(choice)
            return self.start_export(plan.path, choice)
        return None

    def start_export(self, plan_path: str, choice: ExportChoice) -> CoreTask:
        from ..core.exchange.writers import export_sites

        return self.runner.start(tr("Exporting project sites"), lambda progress: export_sites(
            plan_path, choice.path, choice.format_id, choice.encoding, choice.expression, choice.fids, choice.crs,
            progress, self.settings.organisation() or None, choice.profile, choice.txt), self._exported)

    def _exported(self, result) -> None:
        if result.issues:
            feedback.push(self.iface, tr("{warnings} while exporting; see the details.").format(
                warnings=formatting.count(len(result.issues), "warning")), Qgis.MessageLevel.Warning,
                details="\n".join(issue.message for issue in result.issues))
        feedback.push_done(self.iface, tr("{sites} written to {path}.").format(
            sites=formatting.count(result.count, "site"), path=result.path), os.path.dirname(result.path))

    # --- import official plan layers ------------------------------------------------------------------------
    def import_plan_layer(self) -> ImportPlanLayerDialog:
        from .import_plan_layer import ImportPlanLayerDialog

        plan = open_plan()
        feedback.push_plan_notes(self.iface, plan_check.check_plan(plan.path))  # one message, before the dialog
        check_edits(plan)
        dialog = ImportPlanLayerDialog(plan.path, self.iface.mainWindow(), self.settings, lambda: check_edits(plan))
        dialog.imported.connect(feedback.guarded(self.iface)(
            lambda result: self._plan_layer_imported(plan, result)))
        return self._show(dialog)

    def _plan_layer_imported(self, plan: plan_layers.PlanLayers, result) -> None:
        reload_layers(plan)
        message = tr("{count} plan entries imported; derived fields of {sites} sites updated. Validate the sites "
                     "against the new layer.").format(count=len(result.imported), sites=result.sites_updated)
        feedback.push(self.iface, message, Qgis.MessageLevel.Success,
                      details="\n".join(result.warnings) if result.warnings else None)

    # --- import control layers ------------------------------------------------------------------------------
    def import_control_layer(self) -> ImportControlLayerDialog:
        # No refusal of unsaved site edits: the import writes only the control tables, and saving the sites later
        # recomputes their control results (control_refresh).
        from .import_control_layer import ImportControlLayerDialog

        plan = open_plan()
        feedback.push_plan_notes(self.iface, plan_check.check_plan(plan.path))  # one message, before the dialog
        dialog = ImportControlLayerDialog(plan.path, self.iface.mainWindow(), self.settings)
        dialog.imported.connect(feedback.guarded(self.iface)(
            lambda outcome: self._control_layer_imported(plan, outcome)))
        return self._show(dialog)

    def _control_layer_imported(self, plan: plan_layers.PlanLayers, outcome) -> None:
        from .import_control_layer import outcome_level, outcome_message

        # the open project gets the new 管控图层 group as the stored one did (core rewrote that, not this one)
        control_project.replace_control_group(QgsProject.instance(), plan.path, base_group.BASE_GROUP_ZH)
        warnings = outcome.result.warnings
        feedback.push(self.iface, outcome_message(outcome), outcome_level(outcome),
                      details="\n".join(warnings) if warnings else None)
