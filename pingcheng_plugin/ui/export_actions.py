"""*Export plan figures…* and *Export summary table…*: ask, then run the core export as a QgsTask.

The dialogs only collect choices; the work is :func:`..core.figures.export_figures` and
:func:`..core.summary.write_summary`, run in a :class:`..core.tasks.CoreTask` with a progress bar and a Cancel
button in the message bar. Templates are edited in QGIS's own layout designer and saved on closing it.
"""

from __future__ import annotations

import os
from typing import Optional

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import (
    QDialog,
    QMessageBox,
)

from ..core.figures import FIGURES, ExportOptions
from ..core.figures import templates as figure_templates
from ..core.figures.catalogue import FigureSpec
from ..core.figures.typography import warm_up
from ..core.store import plan_check
from ..core.support.errors import ExportError, InvalidInputError, PlanFileError
from ..core.support.i18n import tr
from ..core.support.output_files import check_folder, check_target
from ..core.support.settings import Settings
from ..core.support.tasks import CoreTask
from . import feedback
from .export_figures import ORIENTATION_LABELS, ExportFiguresDialog, check_saved, current_plan, remember_imprint
from .export_summary import ExportSummaryDialog
from .task_runner import TaskRunner

__all__ = ["ExportActions", "ExportFiguresDialog", "ExportSummaryDialog", "check_saved", "current_plan"]


def prepared_folder(folder: str) -> str:
    """The output folder, made when it is missing but its parent exists (the dialog proposes a 规划图件 folder
    beside the plan); a folder elsewhere that does not exist is left for check_folder to refuse in words."""
    folder = folder.strip()
    if folder and not os.path.exists(folder) and os.path.isdir(os.path.dirname(os.path.abspath(folder))):
        try:
            os.mkdir(folder)
        except OSError:
            pass  # check_folder says why it cannot be used
    return folder


class ExportActions:
    """The slots behind the two export actions, and the template editor."""

    def __init__(self, iface):
        self.iface = iface
        self.settings = Settings()
        self.runner = TaskRunner(iface)
        self._editing = {}  # layout name -> template path, while the layout designer is open
        # layoutDesignerClosed, not layoutDesignerWillBeClosed: QGIS 3.22 emits the latter only while the layout
        # itself is being destroyed, when touching it crashes QGIS.
        self._closed_signal = getattr(iface, "layoutDesignerClosed", None)
        self.report_error = lambda error: feedback.show_error(iface, error)
        if self._closed_signal is not None:
            self._closed_signal.connect(self._designer_closed)

    def unload(self) -> None:
        self.runner.cancel_all()
        if self._closed_signal is not None:
            try:
                self._closed_signal.disconnect(self._designer_closed)
            except (TypeError, RuntimeError):
                pass

    # --- figures -------------------------------------------------------------------------------------------
    def export_figures(self) -> None:
        check_saved()
        dialog = ExportFiguresDialog(self.iface.mainWindow(), current_plan(), self.settings)
        dialog.editTemplateButton.clicked.connect(
            feedback.guarded(self.iface)(lambda *_: self.edit_template(*dialog.selected_figure())))
        dialog.resetTemplateButton.clicked.connect(
            feedback.guarded(self.iface)(lambda *_: self.reset_template(*dialog.selected_figure())))
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                options = dialog.options()
                plan, folder = dialog.plan(), check_folder(prepared_folder(dialog.folder()))
                if not plan:
                    raise InvalidInputError(tr("Choose the plan GeoPackage to export."))
                checked = plan_check.check_plan(plan)  # a damaged or newer plan is refused here, not in the task
            except (InvalidInputError, ExportError, PlanFileError) as err:
                feedback.show_in_dialog(dialog, err)  # in the dialog, which opens again with the choices kept
                continue
            feedback.push_plan_notes(self.iface, checked)
            warning = dialog.remember(options)
            if warning:
                feedback.push(self.iface, warning, Qgis.MessageLevel.Warning)
            if not self._confirm_replace(folder, options):
                continue
            self.start_figures(plan, folder, options)
            return

    def _confirm_replace(self, folder: str, options: ExportOptions) -> bool:
        stems = tuple(spec.file_stem() for spec in FIGURES if spec.id in options.figures)
        existing = [name for name in os.listdir(folder) if name.startswith(stems)]
        if not existing:
            return True
        return QMessageBox.question(
            self.iface.mainWindow(), feedback.title(),
            tr("{count} figure files already in {folder} will be replaced. Continue?").format(
                count=len(existing), folder=folder),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes

    def start_figures(self, plan: str, folder: str, options: ExportOptions) -> CoreTask:
        from ..core.figures.export import export_figures  # on first use: see processing/provider.py

        warm_up()
        return self.runner.start(tr("Exporting plan figures"),
                           lambda progress: export_figures(plan, folder, options, progress),
                           lambda result: self._figures_done(result))

    def _figures_done(self, result) -> None:
        for warning in result.warnings:
            feedback.push(self.iface, warning, Qgis.MessageLevel.Warning)
        feedback.push_done(self.iface, tr("{count} figure files written to {folder}.").format(
            count=len(result.files), folder=result.folder), result.folder)

    # --- summary table -------------------------------------------------------------------------------------
    def export_summary(self) -> None:
        check_saved()
        dialog = ExportSummaryDialog(self.iface.mainWindow(), current_plan(), self.settings)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                plan, output, organisation, date = dialog.values()
                checked = plan_check.check_plan(plan)
                check_target(output)
            except (InvalidInputError, ExportError, PlanFileError) as err:
                feedback.show_in_dialog(dialog, err)  # in the dialog, which opens again with the choices kept
                continue
            feedback.push_plan_notes(self.iface, checked)
            self.settings.set_export_folder(os.path.dirname(os.path.abspath(output)))
            if organisation:
                self.settings.set_organisation(organisation)
            warning = remember_imprint(plan, organisation, date)
            if warning:
                feedback.push(self.iface, warning, Qgis.MessageLevel.Warning)
            self.start_summary(plan, output, organisation or None, date or None)
            return

    def start_summary(self, plan: str, output: str, organisation: Optional[str] = None,
                      date: Optional[str] = None) -> CoreTask:
        """Write the table in the background; organisation and date not given: what the plan printed last."""
        from ..core.summary import write_summary  # on first use: see processing/provider.py

        return self.runner.start(tr("Exporting the summary table"),
                                 lambda progress: write_summary(plan, output, organisation, date, progress),
                                 lambda result: self._summary_done(result))

    def _summary_done(self, result) -> None:
        for warning in result.warnings:
            feedback.push(self.iface, warning, Qgis.MessageLevel.Warning)
        feedback.push_done(self.iface, tr("Summary table written: {path}").format(path=result.path),
                           os.path.dirname(result.path))

    # --- templates -----------------------------------------------------------------------------------------
    def user_folder(self) -> str:
        return figure_templates.user_template_folder(self.settings.template_folder() or None)

    def edit_template(self, spec: FigureSpec, paper: str, orientation: str):
        """Open ``spec``'s template in the layout designer; it is saved as the user's own on closing."""
        source = figure_templates.find_template(spec.id, spec.kind, paper, orientation, self.user_folder())
        target = os.path.join(self.user_folder(), figure_templates.template_name(spec.id, paper, orientation))
        project = QgsProject.instance()
        layout = figure_templates.load_template(source, project, spec.kind)
        name = tr("Template: {figure} ({paper} {orientation})").format(
            figure=spec.title_zh, paper=paper, orientation=tr(ORIENTATION_LABELS[orientation]))
        existing = project.layoutManager().layoutByName(name)
        if existing is not None:
            project.layoutManager().removeLayout(existing)
        layout.setName(name)
        project.layoutManager().addLayout(layout)
        self._editing[name] = target
        feedback.push(self.iface, tr("Edit the template, then close the layout designer: it is saved as {path} "
                                     "and used by the next export.").format(path=target), Qgis.MessageLevel.Info)
        return self.iface.openLayoutDesigner(layout)

    @feedback.guarded_method
    def _designer_closed(self) -> None:
        """Save every template whose designer is no longer open."""
        if not self._editing:
            return
        still_open = set()
        for designer in self.iface.openLayoutDesigners() or []:
            layout = designer.layout() if designer is not None else None
            if layout is not None:
                still_open.add(layout.name())
        manager = QgsProject.instance().layoutManager()
        for name in [n for n in self._editing if n not in still_open]:
            layout = manager.layoutByName(name)
            if layout is None:
                self._editing.pop(name)
            else:
                feedback.guarded(self.iface)(self.save_edited_template)(layout)

    def save_edited_template(self, layout) -> str:
        name = layout.name()
        target = self._editing.pop(name)
        figure_templates.save_template(layout, target)
        QTimer.singleShot(0, lambda: self._remove_layout(name))  # once the closing designer has let go of it
        feedback.push(self.iface, tr("Template saved: {path}").format(path=target), Qgis.MessageLevel.Success)
        return target

    @staticmethod
    def _remove_layout(name: str) -> None:
        manager = QgsProject.instance().layoutManager()
        layout = manager.layoutByName(name)
        if layout is not None:
            manager.removeLayout(layout)

    def reset_template(self, spec: FigureSpec, paper: str, orientation: str) -> None:
        path = os.path.join(self.user_folder(), figure_templates.template_name(spec.id, paper, orientation))
        if not os.path.exists(path):
            feedback.push(self.iface, tr("{figure} already uses the plugin's template.").format(figure=spec.title_zh),
                          Qgis.MessageLevel.Info)
            return
        os.remove(path)
        feedback.push(self.iface, tr("{figure} uses the plugin's template again.").format(figure=spec.title_zh),
                      Qgis.MessageLevel.Success)



__all__ = ["ExportActions", "ExportFiguresDialog", "check_saved", "current_plan"]
