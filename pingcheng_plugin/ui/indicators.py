"""规划指标: the plan's headline figures as a table and a small bar chart drawn with QPainter (no browser)."""

from __future__ import annotations

import html
from typing import List, Optional, Sequence, Tuple

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFontMetrics, QPainter
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.sites.plan_stats import UNCLASSIFIED, PlanStatistics, Summary
from ..core.store import styles
from ..core.support import formatting
from ..core.support.i18n import tr
from ..plan import vocabulary
from . import feedback
from .plan_tree import entry_name

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
        self.setMinimumHeight(max(120, self._row_height() * len(self.bars) + 16))
        self.update()

    def _row_height(self) -> int:
        """Room for two lines of text per bar: the longest names wrap once in a dock of usual width."""
        return 2 * QFontMetrics(self.font()).height() + 6

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("No project sites yet."))
            return
        label_width = min(self.width() * 0.5, max(metrics.horizontalAdvance(label) for label, _, _ in self.bars) + 8)
        value_width = max(metrics.horizontalAdvance(formatting.number(v, 1)) for _, v, _ in self.bars) + 8
        top = max(value for _, value, _ in self.bars) or 1.0
        row = self._row_height()
        for index, (label, value, colour) in enumerate(self.bars):
            y = 8 + index * row
            painter.setPen(self.palette().text().color())
            # two lines for a long plan name rather than an ellipsis: the names are the plan's own words
            painter.drawText(QRectF(0, y, label_width - 4, row - 4),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                             | int(Qt.TextFlag.TextWordWrap), label)
            span = max(0.0, self.width() - label_width - value_width)
            painter.fillRect(QRectF(label_width, y + 3, span * value / top, row - 10), QColor(colour))
            painter.drawText(QRectF(label_width + span * value / top + 4, y, value_width, row - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, formatting.number(value, 1))
        painter.end()


#: Width of the indicators' name column (px): two lines for the longest English names in a dock of usual width.
NAME_COLUMN_WIDTH = 200


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
        # chart and table share the height through a splitter the user can drag; the chart scrolls when it is
        # given less than its bars need, so at 768 px the table still shows several rows
        split = QSplitter(Qt.Orientation.Vertical, self)
        scroll = QScrollArea(split)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart = BarChart(scroll)
        scroll.setWidget(self.chart)
        split.addWidget(scroll)
        layout.addWidget(split, 1)
        self.table = QTableWidget(0, 5, split)
        self.table.setHorizontalHeaderLabels([tr("Zone, area, type or phase"), tr("Area"), tr("Share"), tr("Sites"),
                                              tr("Investment (10k CNY)")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)  # long plan names wrap instead of being cut
        # rows follow their wrapped names as the dock's width changes (a few dozen rows: cheap)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        # the figures as wide as their text, the names in a column of their own width that wraps (English names are
        # long): nothing squeezed to a few letters, the figures in view without scrolling
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, NAME_COLUMN_WIDTH)
        header.setStretchLastSection(False)
        split.addWidget(self.table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        # a chart that cannot be drawn is logged, not raised into Qt; the table beside it still shows the numbers
        self.dimension.currentIndexChanged.connect(feedback.guard(feedback.error_message)(
            lambda _i: self._draw_chart()))
        self._summary: Optional[Summary] = None

    def show_figures(self, stats: PlanStatistics, summary: Summary, district_km2: Optional[float],
                     illustrative: bool) -> None:
        self._summary = summary
        total = summary.total
        warning = tr("Plan areas are illustrative (示意) until official boundaries are imported.")
        note = f"<br><span style='color:#9a6700'>{html.escape(warning)}</span>" if illustrative else ""
        self.headline.setText(
            tr("<b>District</b> {plan} (plan) · {mapped} (boundary layer)<br><b>Sites</b> {count} · "
               "{area} · {investment}{missing}").format(
                plan=formatting.area_km2(vocabulary.DISTRICT_AREA_KM2), mapped=formatting.area_km2(district_km2),
                count=formatting.count(total.count, "site"), area=formatting.area_ha(total.area_ha),
                investment=formatting.money(total.investment),
                missing=tr(" (* {n} without investment, not counted)").format(n=total.investment_missing)
                if total.investment_missing else "") + note)
        rows = []
        for kind in ("zone", "key_area"):
            for entry in vocabulary.entries(kind):
                area = stats.areas.get(kind, {}).get(entry.code)
                share = stats.district_share(kind, entry.code, district_km2)
                totals = summary.get(kind, entry.code)
                rows.append((entry.name(self.language), formatting.area_km2(area.area_km2) if area else "–",
                             formatting.share(share), totals))
        for kind in ("project_type", "phase"):
            codes = [e.code for e in vocabulary.entries(kind)]
            if summary.get(kind, UNCLASSIFIED).count:
                codes.append(UNCLASSIFIED)
            for code in codes:
                totals = summary.get(kind, code)
                area = formatting.area_ha(totals.area_ha) if totals.count else "–"
                rows.append((entry_name(kind, code, self.language), area, "", totals))
        self.table.setRowCount(len(rows))
        for row, (name, area, share, totals) in enumerate(rows):
            # the same mark as the plan tree: a sum that leaves out sites without an investment carries " *"
            investment = (formatting.number(totals.investment, 1) if totals.investment_known else "–") + \
                (" *" if totals.investment_missing else "") if totals.count else "–"
            for column, text in enumerate((name, area, share, str(totals.count), investment)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
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
