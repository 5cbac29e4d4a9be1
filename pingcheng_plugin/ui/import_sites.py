"""*Import sites…*: file, encoding and coordinate system; field and value mapping; the preview; the import.

Three pages. The first opens core's :class:`..core.exchange.pipeline.SiteImport` and shows what it recognised;
the second maps fields (pre-filled from a mapping remembered for the same field names, else guessed) and the
values the plan does not know; the third runs the preview as a background task and lists how many sites will be
imported, with warnings, and rejected and why, before anything is written. *Import* writes them in one
background transaction. No rule lives here: the dialog only shows and asks.
"""

from __future__ import annotations

import os
from typing import Callable, Dict, List, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QTableWidgetItem

from ..core.exchange import formats, grouping
from ..core.exchange.mapping import AREA_UNITS, TARGETS, FieldMapping, suggest, unresolved_values
from ..core.exchange.pipeline import ImportOptions, ImportPreview, ImportResult, SiteImport
from ..core.support import formatting
from ..core.support.errors import PingchengError
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from ..core.support.settings import Settings
from ..core.support.tasks import CoreTask
from ..core.support.writable import can_write_in
from ..plan import vocabulary
from . import dialogs, feedback
from .import_source import ImportSourcePanel, display
from .ui_files import load_ui

STEPS = (QT_TRANSLATE_NOOP("@default", "Step 1 of 3: the file, its text encoding and coordinate system"),
         QT_TRANSLATE_NOOP("@default", "Step 2 of 3: which field of the file fills which site field"),
         QT_TRANSLATE_NOOP("@default", "Step 3 of 3: what the import will do"))
UNIT_LABELS = {"ha": QT_TRANSLATE_NOOP("@default", "hectares (公顷)"),
               "m2": QT_TRANSLATE_NOOP("@default", "square metres (平方米)"),
               "mu": QT_TRANSLATE_NOOP("@default", "mu (亩)"),
               "km2": QT_TRANSLATE_NOOP("@default", "square kilometres (平方千米)")}
#: How many features are read to list the values the plan does not know.
VALUE_SAMPLE = 5000
_MAPPED_KINDS = ("project_type", "status")


class ImportSitesDialog(QDialog):
    #: emitted on the main thread after a successful import
    imported = pyqtSignal(object)

    def __init__(self, plan_path: str, parent=None, settings: Optional[Settings] = None,
                 check_edits: Optional[Callable[[], None]] = None):
        super().__init__(parent)
        load_ui(self, "import_sites.ui")
        self.plan_path = plan_path
        self.settings = settings or Settings()
        self._check_edits = check_edits
        self.task: Optional[CoreTask] = None
        self.preview: Optional[ImportPreview] = None
        self.result: Optional[ImportResult] = None
        self.rejected_file: Optional[str] = None
        self._close_when_done = False
        self.panel = ImportSourcePanel(self._open_job, self, self.settings.exchange_folder())
        self.sourceLayout.insertWidget(0, self.panel)
        for unit in AREA_UNITS:
            self.areaUnitComboBox.addItem(tr(UNIT_LABELS[unit]), unit)
        self.fieldTable.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.valueTable.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # the drop-downs as wide as their longest entry ("(not imported)", a plan type's name): never cut
        self.fieldTable.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.issueTable.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.guard = feedback.in_dialog(self)
        # QGIS's right-aligned button box: Help, then the wizard's steps, then Cancel
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.backButton = self.buttonBox.addButton(tr("< Back"), action)
        self.nextButton = self.buttonBox.addButton(tr("Next >"), action)
        self.nextButton.setDefault(True)
        self.importButton = self.buttonBox.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancelButton = self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        dialogs.set_up(self, "import_sites", self.buttonBox)
        self._group_path = ""  # the file whose grouping defaults are set
        self.panel.changed.connect(self.guard(self._update))
        self.panel.changed.connect(self.guard(self._show_group_fields))
        self.groupCheckBox.toggled.connect(self.guard(lambda *_: self.panel.reopen()))
        self.groupComboBox.activated.connect(self.guard(lambda *_: self.panel.reopen()))
        self.backButton.clicked.connect(self.guard(lambda *_: self.go(self.pages.currentIndex() - 1)))
        self.nextButton.clicked.connect(self.guard(lambda *_: self.next()))
        self.importButton.clicked.connect(self.guard(lambda *_: self.start_import()))
        self.cancelButton.clicked.connect(self.guard(lambda *_: self.reject()))
        self.saveRejectedButton.clicked.connect(self.guard(lambda *_: self.save_rejected()))
        self.go(0)

    @property
    def job(self) -> Optional[SiteImport]:
        return self.panel.job

    def _open_job(self, path: str, encoding: str, layer: Optional[str]) -> SiteImport:
        return SiteImport(self.plan_path, path, ImportOptions(encoding=encoding, layer=layer,
                                                              group_by=self.group_by(path)))

    def group_by(self, path: str) -> Optional[str]:
        """The GROUP_BY of the import: None (the format's default) for a file not yet shown, else the choice."""
        if path != self._group_path:
            return None
        if not self.groupCheckBox.isChecked():
            return grouping.NO_GROUPING
        return self.groupComboBox.currentText() or None

    def _show_group_fields(self) -> None:
        """The file's fields in the grouping drop-down; a new file starts with its format's default (DXF: Layer)."""
        job = self.job
        if job is None:
            return
        fresh = job.source_path != self._group_path
        chosen = grouping.DEFAULT_FIELD.get(job.source.format_id) if fresh else self.groupComboBox.currentText()
        for widget in (self.groupCheckBox, self.groupComboBox):
            widget.blockSignals(True)
        self.groupComboBox.clear()
        self.groupComboBox.addItems(job.source.field_names())
        self.groupComboBox.setCurrentIndex(max(0, self.groupComboBox.findText(chosen or "")))
        if fresh:
            self.groupCheckBox.setChecked(chosen is not None)
        for widget in (self.groupCheckBox, self.groupComboBox):
            widget.blockSignals(False)
        self._group_path = job.source_path

    # --- pages --------------------------------------------------------------------------------------------
    def go(self, page: int) -> None:
        page = max(0, min(2, page))
        self.pages.setCurrentIndex(page)
        self.stepLabel.setText(tr(STEPS[page]))
        self._update()

    def _running(self) -> bool:
        return self.task is not None

    def _update(self, *_args) -> None:
        page = self.pages.currentIndex()
        running = self._running()
        problem = self.panel.problem() if page == 0 else None
        if page == 0:
            # a file's own error is shown once, by the file (the panel's red line), not again down here
            shown = problem if problem and problem != self.panel.errorLabel.text() else ""
            self.statusLabel.setText(shown)
        self.backButton.setEnabled(page > 0 and not running)
        self.nextButton.setVisible(page < 2)
        self.nextButton.setEnabled(not running and (page > 0 or problem is None))
        self.importButton.setVisible(page == 2)
        self.importButton.setEnabled(not running and self.preview is not None and self.preview.accepted > 0)
        self.saveRejectedButton.setEnabled(not running and self.preview is not None and self.preview.rejected > 0)
        self.progressBar.setVisible(running)
        self.pages.setEnabled(not running)

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == 0:
            self.job.options.repair = self.repairCheckBox.isChecked()
            self.fill_fields()
            self.go(1)
        elif page == 1:
            try:
                mapping = self.mapping()
                self.job.set_mapping(mapping)
            except PingchengError as err:
                self.statusLabel.setText(err.message)
                return
            if self.rememberCheckBox.isChecked():
                self.settings.set_field_mapping(self.job.layout_signature, mapping.to_json())
            self.settings.set_exchange_folder(os.path.dirname(os.path.abspath(self.job.source_path)))
            self.start_preview()

    # --- fields and values --------------------------------------------------------------------------------
    def fill_fields(self) -> None:
        job = self.job
        names = job.source.field_names()
        mapping, remembered = job.mapping, False
        saved = self.settings.field_mapping(job.layout_signature)
        if saved:
            try:
                mapping, remembered = FieldMapping.from_json(saved).check(names), True
            except PingchengError:
                pass
        self.mappingNote.setText(tr("The mapping you confirmed for files with these fields.") if remembered else
                                 tr("Guessed from the field names: check every row."))
        self._sample = job.source.sample(50)
        self._value_sample: Optional[List[Dict[str, object]]] = None  # read once, when a value list needs it
        self.fieldTable.setRowCount(len(TARGETS))
        for row, target in enumerate(TARGETS):
            label = QTableWidgetItem(target.label())
            label.setData(Qt.ItemDataRole.UserRole, target.name)
            self.fieldTable.setItem(row, 0, label)
            combo = QComboBox(self.fieldTable)
            combo.addItem(tr("(not imported)"), None)
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.fields.get(target.name))))
            combo.currentIndexChanged.connect(self.guard(lambda *_args, r=row: self._field_changed(r)))
            self.fieldTable.setCellWidget(row, 1, combo)
            self.fieldTable.setItem(row, 2, QTableWidgetItem(""))
            self._show_example(row)
        self.fieldTable.resizeColumnToContents(0)
        self.areaUnitComboBox.setCurrentIndex(max(0, self.areaUnitComboBox.findData(mapping.area_unit)))
        self._values = {kind: dict(mapping.values.get(kind, {})) for kind in _MAPPED_KINDS}
        self.fill_values()

    def _combo(self, target: str) -> QComboBox:
        row = [t.name for t in TARGETS].index(target)
        return self.fieldTable.cellWidget(row, 1)

    def _show_example(self, row: int) -> None:
        source = self.fieldTable.cellWidget(row, 1).currentData()
        example = next((display(f.attributes.get(source)) for f in self._sample
                        if source and display(f.attributes.get(source))), "")
        self.fieldTable.item(row, 2).setText(example)

    def _field_changed(self, row: int) -> None:
        self._show_example(row)
        if TARGETS[row].name in _MAPPED_KINDS:
            self.fill_values()

    def fill_values(self) -> None:
        """One row per distinct value of the type and status fields that is not a plan code or name."""
        self._collect_value_choices()
        rows = []
        for kind in _MAPPED_KINDS:
            source = self._combo(kind).currentData()
            if not source:
                continue
            if self._value_sample is None:
                self._value_sample = [f.attributes for f in self.job.source.sample(VALUE_SAMPLE)]
            values = [attributes.get(source) for attributes in self._value_sample]
            rows += [(kind, value) for value in unresolved_values(kind, values)]
        self.valueTable.setRowCount(len(rows))
        for row, (kind, value) in enumerate(rows):
            field = QTableWidgetItem(TARGETS[[t.name for t in TARGETS].index(kind)].label())
            field.setData(Qt.ItemDataRole.UserRole, kind)
            self.valueTable.setItem(row, 0, field)
            self.valueTable.setItem(row, 1, QTableWidgetItem(value))
            combo = QComboBox(self.valueTable)
            combo.addItem(tr("(none: such sites are rejected)"), None)
            for entry in vocabulary.entries(kind):
                combo.addItem(f"{entry.code} {entry.name_zh}", entry.code)
            chosen = self._values[kind].get(value)
            if chosen is None:
                guess = suggest(kind, value)
                chosen = guess.code if guess else None
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            self.valueTable.setCellWidget(row, 2, combo)
        self.valuesLabel.setVisible(bool(rows))
        self.valueTable.setVisible(bool(rows))

    def _collect_value_choices(self) -> None:
        for row in range(self.valueTable.rowCount()):
            kind = self.valueTable.item(row, 0).data(Qt.ItemDataRole.UserRole)
            code = self.valueTable.cellWidget(row, 2).currentData()
            value = self.valueTable.item(row, 1).text()
            if code:
                self._values[kind][value] = code
            else:
                self._values[kind].pop(value, None)

    def mapping(self) -> FieldMapping:
        """The mapping as the page shows it."""
        self._collect_value_choices()
        fields: Dict[str, str] = {}
        for row, target in enumerate(TARGETS):
            source = self.fieldTable.cellWidget(row, 1).currentData()
            if source:
                fields[target.name] = source
        values = {kind: table for kind, table in self._values.items() if table}
        return FieldMapping(fields, values, self.areaUnitComboBox.currentData()).check(self.job.source.field_names())

    # --- preview and import -------------------------------------------------------------------------------
    def _run(self, description: str, work: Callable, done: Callable) -> CoreTask:
        self.progressBar.setValue(0)
        self.statusLabel.setText(description)

        def finish(callback, value) -> None:
            self.task = None
            if self._close_when_done:
                self._finish_close()
                return
            self._update()
            callback(value)

        task = CoreTask(description, work, on_done=lambda value: finish(done, value),
                        on_error=lambda error: finish(self._failed, error))
        task.progressChanged.connect(self.guard(lambda value: self.progressBar.setValue(int(value))))
        self.task = task
        self._update()
        QgsApplication.taskManager().addTask(task)
        return task

    def _failed(self, error: BaseException) -> None:
        self.statusLabel.setText(feedback.error_message(error))

    def start_preview(self) -> Optional[CoreTask]:
        job = self.job
        try:
            job.check_ready()
            job.validator()  # reads the plan's layers here, on the main thread
        except PingchengError as err:
            self.statusLabel.setText(err.message)
            return None
        self.preview = None
        return self._run(tr("Checking every feature…"), job.analyse, self._show_preview)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.summaryLabel.setText(preview.summary())
        notes = list(preview.notes)
        if preview.warning_reasons:
            notes.append(tr("Warnings: {reasons}.").format(reasons=formatting.clauses(
                f"{name} × {count}" for name, count in preview.warning_reasons)))
        if len(preview.issues) < preview.issue_total:
            notes.append(tr("Only the first {count} problems are listed; the rejected-features file has all of "
                            "them.").format(count=len(preview.issues)))
        self.notesLabel.setText("\n".join(notes))
        self.issueTable.setRowCount(len(preview.issues))
        for row, issue in enumerate(preview.issues):
            severity = QTableWidgetItem(issue.severity.label())
            severity.setForeground(QColor("#b00020" if issue.is_error else "#9a6700"))
            self.issueTable.setItem(row, 0, severity)
            self.issueTable.setItem(row, 1, QTableWidgetItem(str(issue.index)))
            self.issueTable.setItem(row, 2, QTableWidgetItem(issue.message))
        self.issueTable.resizeColumnToContents(0)
        self.issueTable.resizeColumnToContents(1)
        self.statusLabel.setText(tr("Nothing has been written yet.") if preview.accepted else
                                 tr("No feature can be imported."))
        self.go(2)

    def default_rejected_path(self) -> str:
        """Beside the source file (the sender's folder), else beside the plan."""
        source = os.path.splitext(self.job.source_path)[0] + "_rejected.gpkg"
        return source if can_write_in(os.path.dirname(os.path.abspath(source))) else \
            os.path.splitext(self.job.plan_path)[0] + "_rejected.gpkg"

    def save_rejected(self, path: Optional[str] = None) -> Optional[str]:
        if path is None:
            start = os.path.splitext(self.job.source_path)[0] + "_rejected.gpkg"
            path, _ = QFileDialog.getSaveFileName(self, tr("Save rejected features"), start, formats.file_filter(
                ("gpkg", "shp", "geojson", "csv"), everything=False))
            if not path:
                return None
        try:
            written, count = self.job.write_rejected(path)
        except PingchengError as err:
            self.statusLabel.setText(err.message)
            return None
        self.statusLabel.setText(tr("{count} rejected features written to {path}").format(count=count, path=written))
        self.rejected_file = written
        return written

    def start_import(self) -> Optional[CoreTask]:
        try:
            if self._check_edits is not None:
                self._check_edits()
        except PingchengError as err:
            self.statusLabel.setText(err.message)
            return None
        self.job.options.require_all = self.requireAllCheckBox.isChecked()
        description = tr("Importing {sites}…").format(sites=formatting.count(self.preview.accepted, "site"))
        return self._run(description, self.job.commit, self._imported)

    def _imported(self, result: ImportResult) -> None:
        if result.rejected:  # the sender always gets the rejected features back, saved or not by hand
            result.rejected_file = self.rejected_file or self.save_rejected(self.default_rejected_path())
        self.result = result
        self.imported.emit(result)
        self.accept()

    # --- closing ------------------------------------------------------------------------------------------
    def reject(self) -> None:
        if self._running():  # Cancel while working cancels the work; the dialog closes when it has stopped
            self._close_when_done = True
            self.task.cancel()
            return
        self._finish_close()
        super().reject()

    def accept(self) -> None:
        self.panel.close_job()
        super().accept()

    def _finish_close(self) -> None:
        self.panel.close_job()
        if self._close_when_done:
            self._close_when_done = False
            super().reject()
