"""The *Field review* dock (review mode): for a reviewer who opened a package's ``review.qgz``. It lists the
package's sites with their state, steps through them zooming the map to each, and saves state, finding and
comment through the layer's edit buffer (so the form's constraints and QGIS's undo apply), with the time, the
reviewer and, when a GPS receiver is connected in QGIS, the position. Photos are added in the layer's form.
"""

from __future__ import annotations

import os
from typing import List, Optional, Tuple

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDateTime
from qgis.PyQt.QtWidgets import QListWidgetItem, QWidget

from ..core.review import package_format as fmt
from ..core.review.gps import current_position
from ..core.store import schema
from ..core.store.plan_layers import layer_table
from ..core.support.errors import InvalidInputError, PingchengError
from ..core.support.i18n import tr, ui_language
from . import feedback
from .ui_files import load_ui

DOCK_OBJECT_NAME = "PingchengReviewDock"
#: Around a site the map shows at least this many metres (a small site alone fills the screen uselessly).
MIN_SPAN_M = 300.0


def state_label(stored: str) -> str:
    """A review state as the dock shows it: the plan's word, with the English in an English QGIS."""
    for value, english in fmt.STATES:
        if value == stored:
            return value if ui_language() == "zh" else f"{value} ({tr(english)})"
    return stored


class ReviewDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Field review"), parent)
        self.setObjectName(DOCK_OBJECT_NAME)
        self.iface = iface
        self.panel = QWidget(self)
        load_ui(self.panel, "review_dock.ui")
        self.setWidget(self.panel)
        self.layer: Optional[QgsVectorLayer] = None
        self.reviewer = ""
        self.sites: List[Tuple[int, str]] = []  # (fid, project code), in list order
        self.report_error = lambda error: feedback.show_error(iface, error)
        for stored, _ in fmt.STATES:
            self.panel.stateCombo.addItem(state_label(stored), stored)
        guard = feedback.guarded(iface)
        self.panel.nextButton.clicked.connect(guard(lambda *_: self.step(1)))
        self.panel.previousButton.clicked.connect(guard(lambda *_: self.step(-1)))
        self.panel.siteList.currentRowChanged.connect(guard(self.show_site))
        self.panel.saveButton.clicked.connect(guard(lambda *_: self.save()))
        self.panel.formButton.clicked.connect(guard(lambda *_: self.open_form()))
        project = QgsProject.instance()
        self._signals = [project.readProject, project.cleared, project.layersAdded, project.layersRemoved]
        for signal in self._signals:
            signal.connect(self._project_changed)
        self.refresh()

    def cleanup(self) -> None:
        """On unload: let go of QGIS's signals."""
        for signal in self._signals:
            try:
                signal.disconnect(self._project_changed)
            except (TypeError, RuntimeError):
                pass
        self._signals = []

    @feedback.guarded_method
    def _project_changed(self, *_) -> None:
        self.refresh()

    # --- the package's sites -------------------------------------------------------------------------------
    def find_layer(self) -> Optional[QgsVectorLayer]:
        """The site layer of a review package in the open project (a site table with the review columns)."""
        for layer in QgsProject.instance().mapLayers().values():
            located = layer_table(layer)
            if located is not None and located[1] == schema.SITES.table \
                    and layer.fields().indexOf("review_state") >= 0:
                return layer
        return None

    def refresh(self) -> None:
        """Re-read the package's sites into the list, keeping the current site."""
        current = self.current()
        layer = self.find_layer()
        self.layer = layer
        self.panel.siteList.blockSignals(True)
        self.panel.siteList.clear()
        self.sites = []
        if layer is None:
            self.panel.packageLabel.setText(tr("Open a review package's review.qgz to review its sites."))
        else:
            folder = os.path.dirname(layer_table(layer)[0])
            try:
                info = fmt.read_info(folder)
                self.reviewer = info.values.get("reviewer", "")
            except PingchengError:
                self.reviewer = ""
            self.panel.packageLabel.setText(tr("Review package {folder}, reviewer {reviewer}").format(
                folder=folder, reviewer=self.reviewer or "?"))
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            request.setSubsetOfAttributes(["project_code", "name", "review_state"], layer.fields())
            rows = sorted((str(f["project_code"]), f.id(), str(f["name"]), f["review_state"])
                           for f in layer.getFeatures(request))
            for code, fid, name, state in rows:
                self.sites.append((fid, code))
                self.panel.siteList.addItem(QListWidgetItem(f"{code} {name} — {state_label(str(state))}"))
        self.panel.siteList.blockSignals(False)
        for widget in (self.panel.nextButton, self.panel.previousButton, self.panel.saveButton,
                       self.panel.formButton, self.panel.stateCombo):
            widget.setEnabled(bool(self.sites))
        codes = [code for _, code in self.sites]
        if current in codes:
            self.panel.siteList.setCurrentRow(codes.index(current))

    def current(self) -> Optional[str]:
        row = self.panel.siteList.currentRow()
        return self.sites[row][1] if 0 <= row < len(self.sites) else None

    def step(self, offset: int) -> None:
        """Next (+1) or previous (-1) site, wrapping at the ends."""
        if not self.sites:
            return
        row = self.panel.siteList.currentRow()
        row = 0 if row < 0 else (row + offset) % len(self.sites)
        self.panel.siteList.setCurrentRow(row)

    def _feature(self, row: int):
        return next(self.layer.getFeatures(QgsFeatureRequest(self.sites[row][0])), None)

    def show_site(self, row: int) -> None:
        """Fill the fields from the site and zoom the map canvas to it."""
        if self.layer is None or not 0 <= row < len(self.sites):
            return
        feature = self._feature(row)
        if feature is None:
            return
        index = self.panel.stateCombo.findData(feature["review_state"])
        self.panel.stateCombo.setCurrentIndex(max(index, 0))
        self.panel.findingEdit.setPlainText(_text(feature["review_finding"]))
        self.panel.commentEdit.setPlainText(_text(feature["review_comment"]))
        self._show_position()
        if feature.hasGeometry():
            canvas = self.iface.mapCanvas()
            box = QgsCoordinateTransform(self.layer.crs(), canvas.mapSettings().destinationCrs(),
                                         QgsProject.instance()).transformBoundingBox(feature.geometry().boundingBox())
            box.scale(1.5)
            geographic = canvas.mapSettings().destinationCrs().isGeographic()
            if max(box.width(), box.height()) < MIN_SPAN_M and not geographic:
                centre = box.center()
                box.setXMinimum(centre.x() - MIN_SPAN_M / 2)
                box.setXMaximum(centre.x() + MIN_SPAN_M / 2)
                box.setYMinimum(centre.y() - MIN_SPAN_M / 2)
                box.setYMaximum(centre.y() + MIN_SPAN_M / 2)
            canvas.setExtent(box)
            canvas.refresh()

    def _show_position(self) -> Optional[Tuple[float, float]]:
        position = current_position()
        self.panel.positionValue.setText(tr("No GPS receiver connected") if position is None
                                         else f"{position[0]:.6f}, {position[1]:.6f}")
        return position

    # --- saving --------------------------------------------------------------------------------------------
    def save(self) -> None:
        """Write state, finding, comment, time, reviewer (and GPS position) of the current site."""
        row = self.panel.siteList.currentRow()
        if self.layer is None or not 0 <= row < len(self.sites):
            raise InvalidInputError(tr("Choose a site of the review package first."))
        fid, code = self.sites[row]
        feature = self._feature(row)
        values = {"review_state": self.panel.stateCombo.currentData(),
                  "review_finding": self.panel.findingEdit.toPlainText().strip() or None,
                  "review_comment": self.panel.commentEdit.toPlainText().strip() or None,
                  "reviewed_at": QDateTime.currentDateTime(),
                  "reviewer": _text(feature["reviewer"]) or self.reviewer or None}
        position = self._show_position()
        if position is not None:
            values["review_lon"], values["review_lat"] = position
        layer = self.layer
        was_editing = layer.isEditable()
        if not was_editing and not layer.startEditing():
            raise InvalidInputError(tr("The review package layer {layer} cannot be edited.").format(
                layer=layer.name()))
        fields = layer.fields()
        changed = all(layer.changeAttributeValue(fid, fields.indexOf(name), value) for name, value in values.items())
        if not was_editing:
            if not changed or not layer.commitChanges():
                errors = "; ".join(layer.commitErrors())
                layer.rollBack()
                raise InvalidInputError(tr("The review of site {code} was not saved: {errors}").format(
                    code=code, errors=errors or tr("the layer refused the change")))
            feedback.push(self.iface, tr("Review of site {code} saved.").format(code=code))
        else:
            feedback.push(self.iface, tr("Review of site {code} is in the layer's edit buffer: save the layer's "
                                         "edits to write it.").format(code=code))
        self.refresh()

    def open_form(self) -> None:
        """The site's own form (its 现场核查 tab holds the photo field)."""
        row = self.panel.siteList.currentRow()
        if self.layer is None or not 0 <= row < len(self.sites):
            raise InvalidInputError(tr("Choose a site of the review package first."))
        self.iface.openFeatureForm(self.layer, self._feature(row))


def _text(value) -> str:
    return "" if value is None or str(value) == "NULL" else str(value)
