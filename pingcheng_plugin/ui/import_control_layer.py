"""*Import control layer…*: the bureau's 生态保护红线, 永久基本农田, 城镇开发边界, 自然保护地 or the land survey's
地类图斑 (DLTB) into the plan, replacing that kind's previous import. The dialog asks which kind, reads the file
through the shared source page (file, layer, encoding, coordinate system), shows what the plan has of that kind now,
and runs the check and the import as one task (a DLTB has 10⁵–10⁶ parcels: neither may block QGIS). The reading,
the checks and the single transaction are :mod:`..core.exchange.control_layers`'."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from qgis.core import Qgis, QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

from ..core.exchange.control_layers import ControlLayerImport, ControlPreview, ControlResult
from ..core.exchange.source_job import SourceOptions
from ..core.store import control_data, control_schema
from ..core.support import formatting
from ..core.support.errors import PingchengError
from ..core.support.i18n import tr, ui_language
from ..core.support.settings import Settings
from ..core.support.tasks import CoreTask
from . import dialogs, feedback
from .import_source import ImportSourcePanel
from .ui_files import load_ui


def kind_title(kind: str) -> str:
    """The control layer's name in the UI language (the Chinese one is the bureau's own term)."""
    return control_schema.TITLES_ZH[kind] if ui_language() == "zh" else tr(control_schema.TITLES_EN[kind])


@dataclass
class ControlImportOutcome:
    kind: str
    preview: ControlPreview
    result: ControlResult


def outcome_message(outcome: ControlImportOutcome) -> str:
    """What the import did, for the message bar: polygons imported and repaired, unknown land class codes and the
    share of the district covered."""
    preview, result = outcome.preview, outcome.result
    parts = [tr("{layer}: {count} polygons imported, {fixed} invalid geometries repaired; {sites} lie in the "
                "layer.").format(layer=kind_title(outcome.kind), count=result.imported, fixed=result.fixed,
                                 sites=formatting.count(result.sites_in_layer, "site"))]
    if outcome.kind == "landuse":
        parts.append(tr("Unknown land class codes: {codes}.").format(
            codes=formatting.joined(preview.unknown_codes) if preview.unknown_codes else tr("none")))
    if preview.coverage is not None:
        parts.append(tr("The layer covers {share} of the district.").format(
            share=formatting.share(preview.coverage, 2)))
    return " ".join(parts)


def outcome_level(outcome: ControlImportOutcome) -> Qgis.MessageLevel:
    return Qgis.MessageLevel.Warning if outcome.result.warnings else Qgis.MessageLevel.Success


class ImportControlLayerDialog(QDialog):
    imported = pyqtSignal(object)

    def __init__(self, plan_path: str, parent=None, settings: Optional[Settings] = None):
        super().__init__(parent)
        load_ui(self, "import_control_layer.ui")
        self.plan_path = plan_path
        self.settings = settings or Settings()
        self.task: Optional[CoreTask] = None
        self.result: Optional[ControlImportOutcome] = None
        self._error: Optional[str] = None  # why the last import failed, shown until the choices change
        for kind in control_schema.KINDS:
            self.kindComboBox.addItem(kind_title(kind), kind)
        self.panel = ImportSourcePanel(self._open_job, self, self.settings.exchange_folder())
        self.sourceLayout.addWidget(self.panel)
        guard = feedback.in_dialog(self)
        self.importButton = self.buttonBox.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.importButton.setDefault(True)
        self.cancelButton = self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        dialogs.set_up(self, "import_control_layer", self.buttonBox)
        self.panel.changed.connect(guard(lambda *_: self._choices_changed()))
        self.kindComboBox.currentIndexChanged.connect(guard(lambda *_: self._kind_changed()))
        self.importButton.clicked.connect(guard(lambda *_: self.start_import()))
        self.cancelButton.clicked.connect(guard(lambda *_: self.reject()))
        self._show_register()
        self._update()

    @property
    def job(self) -> Optional[ControlLayerImport]:
        return self.panel.job

    def kind(self) -> str:
        return self.kindComboBox.currentData()

    def _open_job(self, path: str, encoding: str, layer: Optional[str]) -> ControlLayerImport:
        return ControlLayerImport(self.plan_path, self.kind(), path, SourceOptions(encoding=encoding, layer=layer))

    def _choices_changed(self) -> None:
        self._error = None
        self._update()

    def _kind_changed(self) -> None:
        self._error = None
        self._show_register()
        self.panel.reopen()  # the job is per kind

    def _show_register(self) -> None:
        """What the plan has of this kind now (the register row), and that the import replaces it."""
        entry = control_data.register(self.plan_path).get(self.kind())
        layer = kind_title(self.kind())
        if entry is None:
            self.registerLabel.setText(tr("The plan has no {layer} yet.").format(layer=layer))
            return
        imported_at = str(entry.get("imported_at") or "–").replace("T", " ").rstrip("Z")
        self.registerLabel.setText(tr("The plan's {layer}: {count} polygons from {path}, imported {date}. "
                                      "Importing replaces them, and every site's results for this layer.").format(
            layer=layer, count=entry.get("features") or 0, path=entry.get("source_file") or "–", date=imported_at))

    def _update(self) -> None:
        running = self.task is not None
        self.progressBar.setVisible(running)
        problem = self.panel.problem()
        if not running and self.result is None:
            self.reportText.setPlainText(self._error or problem or tr(
                "Press Import to check and import the file; the plan changes only if everything can be imported."))
        self.importButton.setEnabled(not running and self.job is not None and problem is None)
        for widget in (self.kindComboBox, self.panel):
            widget.setEnabled(not running)

    def start_import(self) -> Optional[CoreTask]:
        """Check and import in one task; the dialog closes when it is done, or shows why nothing was imported."""
        job, kind = self.job, self.kind()
        if job is None or self.task is not None:
            return None

        def work(progress) -> ControlImportOutcome:
            preview = job.analyse(progress)
            return ControlImportOutcome(kind, preview, job.commit(progress))

        def finish(callback, value) -> None:
            if sip.isdeleted(self):  # the plugin unloaded meanwhile and took the dialog: nobody to tell
                return
            self.task = None
            callback(value)
            if not self.isHidden():
                self._update()

        task = CoreTask(tr("Importing {layer}").format(layer=kind_title(kind)), work,
                        on_done=lambda outcome: finish(self._imported, outcome),
                        on_error=lambda error: finish(self._failed, error))
        task.progressChanged.connect(feedback.in_dialog(self)(lambda value: self.progressBar.setValue(int(value))))
        self.progressBar.setValue(0)
        self.task = task
        self._update()
        self.reportText.setPlainText(tr("Importing {layer}…").format(layer=kind_title(kind)))
        QgsApplication.taskManager().addTask(task)
        return task

    def _failed(self, error: BaseException) -> None:
        """Core's message stays in the dialog (nothing was written) until the user changes the file or kind."""
        message = feedback.error_message(error)
        details = error.details if isinstance(error, PingchengError) and error.details else None
        self._error = message + ("\n\n" + details if details else "")

    def _imported(self, outcome: ControlImportOutcome) -> None:
        self.result = outcome
        self.settings.set_exchange_folder(os.path.dirname(os.path.abspath(self.job.source_path)))
        self.panel.close_job()
        self.imported.emit(outcome)
        self.accept()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        self.panel.close_job()
        super().reject()
