"""规划指标: the plan's headline figures as a table and a small bar chart drawn with QPainter (no browser)."""

from __future__ import annotations

import html
from typing import List, Optional, Sequence, Tuple

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFontMetrics, QPainter
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.sites.plan_stats import UNCLASSIFIED, PlanStatistics, Summary
from ..core.store import styles
from ..core.support.i18n import tr
from ..plan import vocabulary
from .plan_tree import entry_name, money

_DIMENSIONS = (("project_type", styles.TYPE_COLOURS), ("zone", styles.ZONE_COLOURS),
               ("key_area", styles.KEY_AREA_COLOURS), ("phase", styles.PHASE_COLOURS))


class BarChart(QWidget):
    """Horizontal bars with labels and values; sized for a dock at 1366×768."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars: List[Tuple[str, float, str]] = []  # (label, value, colour)
        self.unit = ""
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: Sequence[Tuple[str, float, str]], unit: str) -> None:
        self.bars = list(bars)
        self.unit = unit
        self.setMinimumHeight(max(120, 22 * len(self.bars) + 16))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("No project sites yet."))
            return
        label_width = min(self.width() * 0.45, max(metrics.horizontalAdvance(label) for label, _, _ in self.bars) + 8)
        value_width = max(metrics.horizontalAdvance(money(v)) for _, v, _ in self.bars) + 8
        top = max(value for _, value, _ in self.bars) or 1.0
        row = 22
        for index, (label, value, colour) in enumerate(self.bars):
            y = 8 + index * row
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width) - 4)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, y, label_width - 4, row - 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            span = max(0.0, self.width() - label_width - value_width)
            painter.fillRect(QRectF(label_width, y + 3, span * value / top, row - 10), QColor(colour))
            painter.drawText(QRectF(label_width + span * value / top + 4, y, value_width, row - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, money(value))
        painter.end()


class IndicatorsView(QWidget):
    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.headline)
        self.dimension = QComboBox(self)
        for kind, title in (("project_type", tr("Investment by project type")), ("zone", tr("Investment by zone")),
                            ("key_area", tr("Investment by key area")), ("phase", tr("Investment by phase"))):
            self.dimension.addItem(title, kind)
        layout.addWidget(self.dimension)
        self.chart = BarChart(self)
        layout.addWidget(self.chart)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([tr("Item"), tr("Area"), tr("Share"), tr("Sites"),
                                              tr("Investment (10k CNY)")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)  # long plan names wrap instead of being cut
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.dimension.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self._summary: Optional[Summary] = None

    def show_figures(self, stats: PlanStatistics, summary: Summary, district_km2: Optional[float],
                     illustrative: bool) -> None:
        self._summary = summary
        total = summary.total
        warning = tr("Plan areas are illustrative (示意) until official boundaries are imported.")
        note = f"<br><span style='color:#9a6700'>{html.escape(warning)}</span>" if illustrative else ""
        self.headline.setText(
            tr("<b>District</b> {plan} km² (plan) · {mapped} km² (boundary layer)<br><b>Sites</b> {count} · "
               "{area} ha · {investment} 万元{missing}").format(
                plan=vocabulary.DISTRICT_AREA_KM2, mapped=f"{district_km2:.2f}" if district_km2 else "–",
                count=total.count, area=f"{total.area_ha:,.2f}", investment=money(total.investment),
                missing=tr(" ({n} without investment, not counted)").format(n=total.investment_missing)
                if total.investment_missing else "") + note)
        rows = []
        for kind in ("zone", "key_area"):
            for entry in vocabulary.entries(kind):
                area = stats.areas.get(kind, {}).get(entry.code)
                share = stats.district_share(kind, entry.code, district_km2)
                totals = summary.get(kind, entry.code)
                rows.append((entry.name(self.language), f"{area.area_km2:.2f} km²" if area else "–",
                             f"{share:.1%}" if share is not None else "–", totals.count, totals.investment))
        for kind in ("project_type", "phase"):
            codes = [e.code for e in vocabulary.entries(kind)]
            if summary.get(kind, UNCLASSIFIED).count:
                codes.append(UNCLASSIFIED)
            for code in codes:
                totals = summary.get(kind, code)
                area = f"{totals.area_ha:,.2f} ha" if totals.count else "–"
                rows.append((entry_name(kind, code, self.language), area, "", totals.count, totals.investment))
        self.table.setRowCount(len(rows))
        for row, (name, area, share, count, investment) in enumerate(rows):
            for column, text in enumerate((name, area, share, str(count), money(investment))):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self._draw_chart()

    def _draw_chart(self) -> None:
        if self._summary is None:
            return
        kind = self.dimension.currentData()
        colours = dict(_DIMENSIONS)[kind]
        bars = []
        for entry in vocabulary.entries(kind):
            totals = self._summary.get(kind, entry.code)
            if totals.count:
                bars.append((entry.name(self.language), totals.investment, colours.get(entry.code, "#888888")))
        unclassified = self._summary.get(kind, UNCLASSIFIED)
        if unclassified.count:
            bars.append((tr("Unclassified"), unclassified.investment, styles.UNCLASSIFIED_COLOUR))
        self.chart.set_bars(bars, tr("10k CNY"))
