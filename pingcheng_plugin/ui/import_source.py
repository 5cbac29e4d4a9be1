"""The first page of both import dialogs: which file (and layer), read with which encoding, in which coordinate
system. It shows what core recognised and how, a preview of the first features so a wrong encoding shows as
garbled text, and asks the user to confirm a coordinate system that was recognised rather than declared."""

from __future__ import annotations

import os
from typing import Callable, Optional

from qgis.core import QgsCoordinateReferenceSystem
from qgis.gui import QgsFileWidget, QgsProjectionSelectionWidget
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from ..core.exchange import encoding as enc
from ..core.exchange import formats, readers
from ..core.support import formatting
from ..core.support.errors import PingchengError
from ..core.support.i18n import tr
from . import feedback
from .ui_files import load_ui

SAMPLE_ROWS = 8


def display(value: object) -> str:
    return "" if value is None or str(value) == "NULL" else str(value)


class ImportSourcePanel(QWidget):
    """Opens an import job (core's SiteImport or PlanLayerImport) for the chosen file and keeps it current."""

    #: the job was opened, reopened or its coordinate system changed: readiness may have changed
    changed = pyqtSignal()

    def __init__(self, open_job: Callable, parent=None, start_folder: str = ""):
        """``open_job(path, encoding, layer)`` returns the core job; it may raise PingchengError."""
        super().__init__(parent)
        load_ui(self, "import_source.ui")
        self._open_job = open_job
        self.job = None
        self.path = ""
        self.fileWidget.setStorageMode(QgsFileWidget.GetFile)
        self.fileWidget.setFilter(formats.file_filter())
        self.fileWidget.setDefaultRoot(start_folder)
        self.encodingComboBox.addItem(tr("Automatic"), enc.AUTO)
        for name in enc.CHOICES:
            self.encodingComboBox.addItem(enc.label(name), name)
        self.crsWidget.setOptionVisible(QgsProjectionSelectionWidget.CrsNotSet, False)
        guard = feedback.in_dialog(self)
        self.fileWidget.fileChanged.connect(guard(self.open))
        self.encodingComboBox.activated.connect(guard(lambda *_: self.reopen()))
        self.layerComboBox.activated.connect(guard(lambda *_: self.reopen()))
        self.crsWidget.crsChanged.connect(guard(lambda *_: self._crs_edited()))
        self.swapCheckBox.toggled.connect(guard(lambda *_: self._crs_edited()))
        self.confirmCheckBox.toggled.connect(guard(lambda *_: self._confirmed()))
        self._set_enabled(False)

    # --- opening ------------------------------------------------------------------------------------------
    def open(self, path: str) -> None:
        self.path = path.strip()
        self._close_job()
        self.layerComboBox.clear()
        self.encodingComboBox.setCurrentIndex(0)
        if self.path and os.path.isfile(self.path):
            layers = readers.list_layers(self.path) if formats.for_path_or_none(self.path) in ("gpkg", "kml") \
                else []
            if len(layers) > 1:
                for name, count in layers:
                    self.layerComboBox.addItem(tr("{layer} ({features})").format(
                        layer=name, features=formatting.count(count, "feature")),
                                               name)
        self.layerLabel.setVisible(self.layerComboBox.count() > 1)
        self.layerComboBox.setVisible(self.layerComboBox.count() > 1)
        self.reopen()

    def reopen(self) -> None:
        """(Re)open the job with the encoding and layer chosen in the panel."""
        self._close_job()
        self.errorLabel.clear()
        if not self.path:
            self._show()
            return
        layer = self.layerComboBox.currentData() if self.layerComboBox.count() > 1 else None
        try:
            self.job = self._open_job(self.path, self.encodingComboBox.currentData(), layer)
        except PingchengError as err:
            self.errorLabel.setText(err.message)
        self._show()

    def _close_job(self) -> None:
        if self.job is not None:
            self.job.close()
            self.job = None

    def close_job(self) -> None:
        self._close_job()

    # --- showing ------------------------------------------------------------------------------------------
    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.encodingComboBox, self.sampleTable, self.crsGroup):
            widget.setEnabled(enabled)

    def _show(self) -> None:
        job = self.job
        self._set_enabled(job is not None)
        self.sampleTable.clear()
        self.sampleTable.setRowCount(0)
        self.sampleTable.setColumnCount(0)
        if job is None:
            self.encodingNote.clear()
            self.crsNote.clear()
            self.changed.emit()
            return
        self.encodingNote.setText(tr("Encoding: {note}").format(note=job.source.encoding.note))
        names = job.source.field_names()
        try:
            sample = job.source.sample(SAMPLE_ROWS)
        except PingchengError as err:
            sample = []
            self.errorLabel.setText(err.message)
        self.sampleTable.setColumnCount(len(names))
        self.sampleTable.setHorizontalHeaderLabels(names)
        self.sampleTable.setRowCount(len(sample))
        for row, feature in enumerate(sample):
            for column, name in enumerate(names):
                self.sampleTable.setItem(row, column, QTableWidgetItem(display(feature.attributes.get(name))))
        self.sampleTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._show_crs(reset=True)
        self.changed.emit()

    def _show_crs(self, reset: bool) -> None:
        decision = self.job.decision
        lines = list(self.job.source.notes) + list(decision.notes)
        if decision.problem:
            lines.append(decision.problem)
        self.crsNote.setText("\n".join(lines))
        if reset:
            shown = decision.suggestion if decision.problem and decision.suggestion else None
            crs = shown.crs if shown else decision.crs
            swap = shown.swap if shown else decision.swap
            for widget in (self.crsWidget, self.swapCheckBox, self.confirmCheckBox):
                widget.blockSignals(True)
            self.crsWidget.setCrs(crs if crs is not None else QgsCoordinateReferenceSystem())
            self.swapCheckBox.setChecked(bool(swap))
            needs = self.needs_confirmation()
            self.confirmCheckBox.setChecked(not needs)
            self.confirmCheckBox.setVisible(needs)
            for widget in (self.crsWidget, self.swapCheckBox, self.confirmCheckBox):
                widget.blockSignals(False)

    def needs_confirmation(self) -> bool:
        """A recognised (not declared) CRS, swapped axes or a mismatch: the user confirms before importing."""
        decision = self.job.decision if self.job is not None else None
        return decision is not None and (decision.confirm or decision.problem is not None or decision.swap)

    # --- the user's choices ---------------------------------------------------------------------------------
    def _crs_edited(self) -> None:
        if self.job is None:
            return
        self.confirmCheckBox.setVisible(True)
        self.confirmCheckBox.setChecked(False)
        self.changed.emit()

    def _confirmed(self) -> None:
        if self.job is None:
            return
        if self.confirmCheckBox.isChecked():
            self.job.choose_crs(self.crsWidget.crs(), self.swapCheckBox.isChecked())
            self._show_crs(reset=False)
        self.changed.emit()

    def problem(self) -> Optional[str]:
        """Why the import cannot go on yet (translated), or None."""
        if self.job is None:
            return self.errorLabel.text() or tr("Choose a file to import.")
        if not self.confirmCheckBox.isChecked():
            return tr("Check the coordinate system and confirm it.")
        try:
            self.job.check_ready()
        except PingchengError as err:
            return err.message
        return None
