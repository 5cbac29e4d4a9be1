"""The validation findings in a dock below the map (QGIS's own pattern, as the topology checker and the Processing
results do): the map stays in view, a row click zooms to the whole site with a margin, flashes it and selects it.
"""

from __future__ import annotations

from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from ..core.store import schema
from ..core.support import formatting
from ..core.support.errors import PingchengError
from ..core.support.i18n import tr
from ..core.validation.findings import RULES, Finding
from . import feedback
from .ui_files import load_ui

#: Map margin around a site when zooming to it: a share of its size, and at least this many metres, so a small
#: site is shown with its surroundings and a large one whole.
ZOOM_SHARE = 0.25
ZOOM_MIN_MARGIN_M = 150.0
#: Up to this many rows get heights fitted to their wrapped text; more would take seconds to measure.
FIT_ROWS_UP_TO = 2000


class FindingsPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        load_ui(self, "findings_panel.ui")


class FindingsDock(QgsDockWidget):
    def __init__(self, canvas, parent=None):
        super().__init__(tr("Validation findings"), parent)
        self.setObjectName("PingchengFindingsDock")  # QGIS restores dock positions by object name
        self.panel = FindingsPanel(self)
        self.setWidget(self.panel)
        self.canvas = canvas
        self.sites_id: Optional[str] = None  # by id: the layer may leave the project while the list stays
        self.findings: List[Finding] = []
        self.report_error = lambda error: feedback.show_in_dialog(self.panel, error)
        table = self.panel.table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.cellClicked.connect(self._row_clicked)
        self.panel.errorsOnlyCheckBox.toggled.connect(self._filter_toggled)

    @property
    def table(self):
        return self.panel.table

    def show_findings(self, findings: List[Finding], sites: Optional[QgsVectorLayer]) -> None:
        self.findings = findings
        self.sites_id = sites.id() if sites is not None else None
        errors = sum(1 for f in findings if f.is_error)
        self.panel.summaryLabel.setText(
            tr("{errors}, {warnings}. Errors break a rule and must be fixed before saving.").format(
                errors=formatting.count(errors, "error"), warnings=formatting.count(len(findings) - errors,
                                                                                      "warning"))
            if findings else tr("No problems found."))
        table = self.panel.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            cells = (finding.severity.label(), RULES[finding.rule].title(),
                     finding.site_name or finding.site_code or "", finding.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                if column == 3:
                    item.setToolTip(text)
                if column == 0:
                    item.setForeground(QColor("#b00020" if finding.is_error else "#9a6700"))
                table.setItem(row, column, item)
        table.setUpdatesEnabled(True)
        # rows as high as their wrapped message, kept so as the dock is resized (the message column follows it);
        # a long list keeps fixed rows, with the whole message in each row's tooltip
        table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if len(findings) <= FIT_ROWS_UP_TO
            else QHeaderView.ResizeMode.Interactive)
        self._apply_filter()

    def _apply_filter(self) -> None:
        errors_only = self.panel.errorsOnlyCheckBox.isChecked()
        for row, finding in enumerate(self.findings):
            self.panel.table.setRowHidden(row, errors_only and not finding.is_error)

    @feedback.guarded_method
    def _filter_toggled(self, _checked: bool) -> None:
        self._apply_filter()

    @feedback.guarded_method
    def _row_clicked(self, row: int, _column: int) -> None:
        self.go_to(row)

    def go_to(self, row: int) -> None:
        """Zoom to the finding's whole site with a margin, flash it and select it; a finding without a site
        geometry (or one deleted since) is shown around its point."""
        finding = self.findings[row]
        sites = self.sites
        map_crs = self.canvas.mapSettings().destinationCrs()
        geometry = self._site_geometry(finding)
        # the minimum margin in map units: metres, or degrees (about 111 km each) for a project in degrees
        least = ZOOM_MIN_MARGIN_M / 111000.0 if map_crs.isGeographic() else ZOOM_MIN_MARGIN_M
        if geometry is not None:
            to_map = QgsCoordinateTransform(sites.crs(), map_crs, QgsProject.instance())
            shown = QgsGeometry(geometry)
            shown.transform(to_map)
            box = shown.boundingBox()
            margin = max(max(box.width(), box.height()) * ZOOM_SHARE, least)
            box.grow(margin)
            self.canvas.setExtent(box)
            self.canvas.refresh()
            self.canvas.flashGeometries([shown], map_crs)
        elif finding.x is not None:
            to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem(schema.STORAGE_CRS), map_crs,
                                            QgsProject.instance())
            point = to_map.transform(QgsPointXY(finding.x, finding.y))
            self.canvas.setExtent(QgsRectangle(point.x() - least, point.y() - least, point.x() + least,
                                               point.y() + least))
            self.canvas.refresh()
            self.canvas.flashGeometries([QgsGeometry.fromPointXY(point)], map_crs)
        if sites is not None and finding.fid is not None:
            sites.selectByIds([finding.fid])

    @property
    def sites(self) -> Optional[QgsVectorLayer]:
        """The site layer the findings point into; refused once it has left the project."""
        if self.sites_id is None:
            return None
        layer = QgsProject.instance().mapLayer(self.sites_id)
        if layer is None:
            raise PingchengError(tr("The site layer these findings point into was removed from the project: "
                                    "open the plan and validate again."))
        return layer

    def _site_geometry(self, finding: Finding) -> Optional[QgsGeometry]:
        sites = self.sites
        if sites is None or finding.fid is None:
            return None
        feature = sites.getFeature(finding.fid)
        if not feature.isValid() or not feature.hasGeometry():
            return None
        return feature.geometry()
