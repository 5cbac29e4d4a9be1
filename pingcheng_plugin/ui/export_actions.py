"""*Export plan figures…* and *Export summary table…*: ask, then run the core export as a QgsTask.

The dialogs only collect choices; the work is :func:`..core.figures.export_figures` and
:func:`..core.summary.write_summary`, run in a :class:`..core.tasks.CoreTask` with a progress bar and a Cancel
button in the message bar. Templates are edited in QGIS's own layout designer and saved on closing it.
"""

from __future__ import annotations

import os
from typing import List, Optional, Tuple

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QTableWidgetItem,
)

from ..core.figures import FIGURES, GRIDS, ORIENTATIONS, PAPERS, ExportOptions, export_figures
from ..core.figures import templates as figure_templates
from ..core.figures.catalogue import FigureSpec
from ..core.figures.typography import warm_up
from ..core.store import plan_check, plan_layers, schema
from ..core.summary import write_summary
from ..core.summary.table import default_date, default_organisation
from ..core.support.errors import ExportError, InvalidInputError, PlanFileError
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr, ui_language
from ..core.support.output_files import check_folder, check_target
from ..core.support.settings import Settings
from ..core.support.tasks import CoreTask
from . import feedback
from .task_runner import TaskRunner
from .ui_files import load_ui

GRID_LABELS = {
    "none": QT_TRANSLATE_NOOP("@default", "No grid"),
    "graticule": QT_TRANSLATE_NOOP("@default", "Graticule (latitude and longitude, 经纬网)"),
    "km": QT_TRANSLATE_NOOP("@default", "Kilometre grid (公里网)"),
}
ORIENTATION_LABELS = {
    "landscape": QT_TRANSLATE_NOOP("@default", "Landscape"),
    "portrait": QT_TRANSLATE_NOOP("@default", "Portrait"),
}
SUMMARY_FILTERS = QT_TRANSLATE_NOOP("@default", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;HTML (*.html)")


def current_plan(project: Optional[QgsProject] = None) -> str:
    """The plan GeoPackage behind the open project's site layer, else the last plan opened, else ''."""
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        located = plan_layers.layer_table(layer)
        if located is not None and located[1] == schema.SITES.table:
            return located[0]
    last = Settings().last_plan()
    return last if last and os.path.isfile(last) else ""


def check_saved(project: Optional[QgsProject] = None) -> None:
    """Refuse to export while plan layers hold unsaved edits: the export reads the saved file."""
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.isEditable() and layer.isModified():
            raise InvalidInputError(tr("Save or discard the edits of {layer} first: the export reads the saved "
                                       "plan.").format(layer=layer.name()))


class ExportFiguresDialog(QDialog):
    """Which figures, on which paper, in which formats, where; remembered in the settings."""

    def __init__(self, parent=None, plan: str = "", settings: Optional[Settings] = None):
        super().__init__(parent)
        load_ui(self, "export_figures_dialog.ui")
        self.settings = settings or Settings()
        self.planWidget.setStorageMode(QgsFileWidget.GetFile)
        self.planWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.planWidget.setFilePath(plan)
        self.folderWidget.setStorageMode(QgsFileWidget.GetDirectory)
        self.folderWidget.setFilePath(self.settings.export_folder())
        formats = set(self.settings.figure_formats().split(","))
        for name, box in self._format_boxes():
            box.setChecked(name in formats)
        self.dpiSpinBox.setValue(self.settings.figure_dpi())
        for grid in GRIDS:
            self.gridComboBox.addItem(tr(GRID_LABELS[grid]), grid)
        self.gridComboBox.setCurrentIndex(max(0, self.gridComboBox.findData(self.settings.figure_grid())))
        self.organisationEdit.setPlaceholderText(default_organisation())
        self.organisationEdit.setText(self.settings.organisation())
        self.dateEdit.setPlaceholderText(default_date())
        self.dateEdit.setText(self.settings.compile_date())
        self._fill_figures()
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)

    def _format_boxes(self):
        return (("pdf", self.pdfCheckBox), ("png", self.pngCheckBox), ("tif", self.tifCheckBox),
                ("svg", self.svgCheckBox))

    def _fill_figures(self) -> None:
        chosen = set(filter(None, self.settings.figure_selection().split(","))) or {f.id for f in FIGURES}
        table = self.figureTable
        table.setRowCount(len(FIGURES))
        for row, spec in enumerate(FIGURES):
            # The Chinese title is the figure's own name; other UI languages also get a translation of it.
            text = spec.title_zh if ui_language() == "zh" else f"{spec.title_zh} — {spec.label()}"
            name = QTableWidgetItem(f"{spec.number:02d} {text}")
            name.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            name.setCheckState(Qt.CheckState.Checked if spec.id in chosen else Qt.CheckState.Unchecked)
            name.setData(Qt.ItemDataRole.UserRole, spec.id)
            table.setItem(row, 0, name)
            paper = QComboBox(table)
            paper.addItems(list(PAPERS))
            paper.setCurrentText(self.settings.figure_paper())
            table.setCellWidget(row, 1, paper)
            orientation = QComboBox(table)
            for value in ORIENTATIONS:
                orientation.addItem(tr(ORIENTATION_LABELS[value]), value)
            orientation.setCurrentIndex(max(0, orientation.findData(self.settings.figure_orientation())))
            table.setCellWidget(row, 2, orientation)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.selectRow(0)

    # --- reading the choices -------------------------------------------------------------------------------
    def plan(self) -> str:
        return self.planWidget.filePath().strip()

    def folder(self) -> str:
        return self.folderWidget.filePath().strip()

    def page(self, row: int) -> Tuple[str, str]:
        return self.figureTable.cellWidget(row, 1).currentText(), self.figureTable.cellWidget(row, 2).currentData()

    def selected_figure(self) -> Tuple[FigureSpec, str, str]:
        row = max(0, self.figureTable.currentRow())
        return (FIGURES[row],) + self.page(row)

    def options(self) -> ExportOptions:
        figures: List[str] = []
        page_setup = {}
        for row, spec in enumerate(FIGURES):
            if self.figureTable.item(row, 0).checkState() == Qt.CheckState.Checked:
                figures.append(spec.id)
                page_setup[spec.id] = self.page(row)
        if not figures:
            raise InvalidInputError(tr("Choose at least one figure."))
        return ExportOptions(
            formats=tuple(name for name, box in self._format_boxes() if box.isChecked()),
            dpi=self.dpiSpinBox.value(), figures=tuple(figures), grid=self.gridComboBox.currentData(),
            organisation=self.organisationEdit.text().strip(), date=self.dateEdit.text().strip(),
            page_setup=page_setup, template_folder=self.settings.template_folder() or None,
        ).validate()

    def remember(self, options: ExportOptions) -> None:
        self.settings.set_export_folder(self.folder())
        self.settings.set_figure_formats(",".join(options.formats))
        self.settings.set_figure_dpi(options.dpi)
        self.settings.set_figure_grid(options.grid)
        self.settings.set_organisation(options.organisation)
        self.settings.set_compile_date(options.date)
        self.settings.set_figure_selection(",".join(options.figures))
        if options.page_setup:
            paper, orientation = next(iter(options.page_setup.values()))
            self.settings.set_figure_paper(paper)
            self.settings.set_figure_orientation(orientation)


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
                plan, folder = dialog.plan(), check_folder(dialog.folder())
                if not plan:
                    raise InvalidInputError(tr("Choose the plan GeoPackage to export."))
                checked = plan_check.check_plan(plan)  # a damaged or newer plan is refused here, not in the task
            except (InvalidInputError, ExportError, PlanFileError) as err:
                QMessageBox.warning(dialog, feedback.title(), err.message)
                continue
            feedback.push_plan_notes(self.iface, checked)
            dialog.remember(options)
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
        plan = current_plan()
        if not plan:
            plan, _ = QFileDialog.getOpenFileName(self.iface.mainWindow(), tr("Plan GeoPackage"),
                                                  self.settings.last_folder(), tr("GeoPackage (*.gpkg)"))
            if not plan:
                return
        feedback.push_plan_notes(self.iface, plan_check.check_plan(plan))  # one clear message before any dialog
        start = os.path.join(self.settings.export_folder() or os.path.dirname(plan), "重点工程项目汇总表.xlsx")
        output, chosen_filter = QFileDialog.getSaveFileName(
            self.iface.mainWindow(), tr("Export summary table"), start, tr(SUMMARY_FILTERS))
        if not output:
            return
        if not os.path.splitext(output)[1]:
            output += ".csv" if "csv" in chosen_filter else ".html" if "html" in chosen_filter else ".xlsx"
        check_target(output)
        self.settings.set_export_folder(os.path.dirname(os.path.abspath(output)))
        self.start_summary(plan, output)

    def start_summary(self, plan: str, output: str) -> CoreTask:
        organisation = self.settings.organisation() or None
        date = self.settings.compile_date() or None
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
