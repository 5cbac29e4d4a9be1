"""The list of validation findings; clicking one zooms the map to it and selects the site."""

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
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDialog, QHeaderView, QTableWidgetItem

from ..core.store import schema
from ..core.support.i18n import tr
from ..core.validation.findings import RULES, Finding
from .ui_files import load_ui

#: How much map (m) around a finding to show when zooming to it.
ZOOM_MARGIN_M = 250.0


class FindingsDialog(QDialog):
    def __init__(self, canvas, sites: Optional[QgsVectorLayer], findings: List[Finding], parent=None):
        super().__init__(parent)
        load_ui(self, "findings_dialog.ui")
        self.canvas = canvas
        self.sites = sites
        self.findings = findings
        errors = sum(1 for f in findings if f.is_error)
        self.summaryLabel.setText(tr("{errors} errors and {warnings} warnings. Errors break the plan's rules: fix "
                                     "them before saving.").format(errors=errors, warnings=len(findings) - errors)
                                  if findings else tr("No problems found."))
        self.table.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            cells = (finding.severity.label(), RULES[finding.rule].title(),
                     finding.site_name or finding.site_code or "", finding.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                if column == 0:
                    item.setForeground(QColor("#b00020" if finding.is_error else "#9a6700"))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.cellClicked.connect(lambda row, _column: self.go_to(row))
        self.buttonBox.rejected.connect(self.close)

    def go_to(self, row: int) -> None:
        """Centre the map on the finding, zoomed to a readable scale, and select its site.

        The margin is in map units: metres in the plan's own CRS; a user who switched the project to degrees gets
        a wide view rather than a wrong place."""
        finding = self.findings[row]
        if finding.x is not None:
            to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem(schema.STORAGE_CRS),
                                            self.canvas.mapSettings().destinationCrs(), QgsProject.instance())
            point = to_map.transform(QgsPointXY(finding.x, finding.y))
            self.canvas.setExtent(QgsRectangle(point.x() - ZOOM_MARGIN_M, point.y() - ZOOM_MARGIN_M,
                                               point.x() + ZOOM_MARGIN_M, point.y() + ZOOM_MARGIN_M))
            self.canvas.refresh()
            self.canvas.flashGeometries([QgsGeometry.fromPointXY(point)], self.canvas.mapSettings().destinationCrs())
        if self.sites is not None and finding.fid is not None:
            self.sites.selectByIds([finding.fid])
