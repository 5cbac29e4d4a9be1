"""*Import official plan layer…*: the official district boundary, corridors, barriers, zones or key areas in
place of the illustrative (示意) ones. The dialog asks which layer, reads the file through the shared source page,
shows core's check (entries matched, entries missing, warnings) and runs the import as a task; the matching and
the single transaction are :mod:`..core.exchange.plan_layers`'."""

from __future__ import annotations

import os
from typing import Callable, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QApplication, QDialog, QDialogButtonBox

from ..core.exchange import official_layers as plan_layers
from ..core.exchange.official_layers import PlanLayerImport, PlanLayerOptions, PlanLayerPreview
from ..core.support import formatting
from ..core.support.errors import PingchengError
from ..core.support.i18n import tr
from ..core.support.settings import Settings
from ..core.support.tasks import CoreTask
from . import dialogs, feedback
from .import_source import ImportSourcePanel
from .ui_files import load_ui


class ImportPlanLayerDialog(QDialog):
    imported = pyqtSignal(object)

    def __init__(self, plan_path: str, parent=None, settings: Optional[Settings] = None,
                 check_edits: Optional[Callable[[], None]] = None):
        super().__init__(parent)
        load_ui(self, "import_plan_layer.ui")
        self.plan_path = plan_path
        self.settings = settings or Settings()
        self._check_edits = check_edits
        self.preview: Optional[PlanLayerPreview] = None
        self.task: Optional[CoreTask] = None
        self.result = None
        for kind in plan_layers.KINDS:
            self.kindComboBox.addItem(plan_layers.kind_label(kind), kind)
        self.kindComboBox.setCurrentIndex(self.kindComboBox.findData("zone"))
        self.panel = ImportSourcePanel(self._open_job, self, self.settings.exchange_folder())
        self.sourceLayout.addWidget(self.panel)
        guard = feedback.in_dialog(self)
        self.checkButton = self.buttonBox.addButton(tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.checkButton.setDefault(True)
        self.importButton = self.buttonBox.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancelButton = self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        dialogs.set_up(self, "import_plan_layer", self.buttonBox)
        self.panel.changed.connect(guard(self._source_changed))
        self.kindComboBox.currentIndexChanged.connect(guard(lambda *_: self.panel.reopen()))
        self.matchComboBox.currentIndexChanged.connect(guard(lambda *_: self._invalidate()))
        self.removeMissingCheckBox.toggled.connect(guard(lambda *_: self._invalidate()))
        self.checkButton.clicked.connect(guard(lambda *_: self.check()))
        self.importButton.clicked.connect(guard(lambda *_: self.start_import()))
        self.cancelButton.clicked.connect(guard(lambda *_: self.reject()))
        self._update()

    @property
    def job(self) -> Optional[PlanLayerImport]:
        return self.panel.job

    def kind(self) -> str:
        return self.kindComboBox.currentData()

    def _open_job(self, path: str, encoding: str, layer: Optional[str]) -> PlanLayerImport:
        return PlanLayerImport(self.plan_path, self.kind(), path, PlanLayerOptions(encoding=encoding, layer=layer))

    def _source_changed(self) -> None:
        self.matchComboBox.blockSignals(True)
        self.matchComboBox.clear()
        self.matchComboBox.addItem(tr("Automatic"), None)
        if self.job is not None:
            for name in self.job.source.field_names():
                self.matchComboBox.addItem(name, name)
        self.matchComboBox.blockSignals(False)
        self._invalidate()

    def _invalidate(self) -> None:
        self.preview = None
        problem = self.panel.problem()
        self.previewText.setPlainText(problem or tr("Press Check to see what will be replaced."))
        self._update()

    def _update(self) -> None:
        running = self.task is not None
        self.progressBar.setVisible(running)
        self.checkButton.setEnabled(not running and self.job is not None and self.panel.problem() is None)
        self.importButton.setEnabled(not running and self.preview is not None)
        for widget in (self.kindComboBox, self.panel, self.matchComboBox, self.removeMissingCheckBox,
                       self.sourceNoteEdit):
            widget.setEnabled(not running)

    def check(self) -> Optional[PlanLayerPreview]:
        job = self.job
        job.options.match_field = self.matchComboBox.currentData()
        job.options.remove_missing = self.removeMissingCheckBox.isChecked()
        job.options.source_note = self.sourceNoteEdit.text().strip() or None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = job.analyse()
        except PingchengError as err:
            self.preview = None
            self.previewText.setPlainText(err.message)
            return None
        finally:
            QApplication.restoreOverrideCursor()
            self._update()
        lines = [self.preview.summary(), ""]
        lines += [tr("Matched by the field {field}.").format(field=self.preview.match_field)] \
            if self.preview.match_field else []
        for entry in self.preview.entries:
            lines.append(tr("{code} {name}: {area} km² from {features}").format(
                code=entry.code, name=entry.name_zh, area=formatting.number(entry.area_km2),
                features=formatting.joined(entry.features)))
        if self.preview.warnings:
            lines += ["", tr("Warnings:")] + [f"• {w}" for w in self.preview.warnings]
        if self.preview.notes:
            lines += [""] + self.preview.notes
        self.previewText.setPlainText("\n".join(lines))
        return self.preview

    def start_import(self) -> Optional[CoreTask]:
        try:
            if self._check_edits is not None:
                self._check_edits()
        except PingchengError as err:
            self.previewText.appendPlainText("\n" + err.message)
            return None

        def finish(callback, value) -> None:
            self.task = None
            self._update()
            callback(value)

        task = CoreTask(tr("Importing {layer}").format(layer=plan_layers.kind_label(self.kind())), self.job.commit,
                        on_done=lambda result: finish(self._imported, result),
                        on_error=lambda error: finish(self._failed, error))
        task.progressChanged.connect(feedback.in_dialog(self)(lambda value: self.progressBar.setValue(int(value))))
        self.task = task
        self._update()
        QgsApplication.taskManager().addTask(task)
        return task

    def _failed(self, error: BaseException) -> None:
        self.preview = None
        self.previewText.appendPlainText("\n" + feedback.error_message(error))
        self._update()

    def _imported(self, result) -> None:
        self.result = result
        self.settings.set_exchange_folder(os.path.dirname(os.path.abspath(self.job.source_path)))
        self.imported.emit(result)
        self.panel.close_job()
        self.accept()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        self.panel.close_job()
        super().reject()
