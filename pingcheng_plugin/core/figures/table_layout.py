"""The cells and column widths of a layout table, measured from its content.

Each column gets the width its longest text needs, measured as the layout table measures it (QgsTextRenderer in the
layout's render context, fonts of the table's text formats). When the frame is too narrow for that, the columns
that cannot keep their longest text on one line give way, down to their widest term and only then further (see
:mod:`.table_terms`); of a few ways to share the width, the one giving the fewest lines is kept. Line breaks are
put into the cells here, between terms, and every line fits its column: the table's own wrapping, which cuts
Chinese anywhere, never finds a line to break.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence

from qgis.core import (
    Qgis,
    QgsLayoutItemManualTable,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutUtils,
    QgsPrintLayout,
    QgsTableCell,
    QgsTextFormat,
    QgsTextRenderer,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from .table_terms import LEVELS, widest_unit, wrap

#: Room (mm) left in every column beyond its widest line, so that rounding never makes a line too wide.
SLACK = 0.3
_RENDER_MM = Qgis.RenderUnit.Millimeters if hasattr(Qgis, "RenderUnit") else QgsUnitTypes.RenderMillimeters
_NUMBERS = ("int", "area", "money")


@dataclass
class Cell:
    value: object
    kind: str = "text"  # text | int | area | money
    background: Optional[str] = None
    bold: bool = False

    @property
    def text(self) -> str:
        if self.value is None or self.value == "":
            return ""
        if self.kind in ("area", "money"):
            return f"{float(self.value):,.2f}"
        return str(self.value)


def render_context(layout: QgsPrintLayout):
    """The context the layout table measures and paginates with (text scaled as the table scales it)."""
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    flag = getattr(getattr(Qgis, "RenderContextFlag", None), "ApplyScalingWorkaroundForTextRendering", None)
    if flag is not None:
        context.setFlag(flag)
    return context


class Measure:
    """Width in mm of a text (its widest line) in one text format, as the layout table computes it."""

    def __init__(self, layout: QgsPrintLayout, text_format: QgsTextFormat):
        self.context = render_context(layout)
        self.format = QgsTextFormat(text_format)
        self.millimetre = self.context.convertToPainterUnits(1, _RENDER_MM)
        self.known: Dict[str, float] = {}

    def __call__(self, text: str) -> float:
        if text not in self.known:
            self.known[text] = QgsTextRenderer.textWidth(self.context, self.format, text.split("\n")) / \
                self.millimetre if text else 0.0
        return self.known[text]


def bold_format(text_format: QgsTextFormat) -> QgsTextFormat:
    bold = QgsTextFormat(text_format)
    font = bold.font()
    font.setBold(True)
    bold.setFont(font)
    return bold


def candidates(natural: Sequence[float], floors: Sequence[Sequence[float]], usable: float) -> List[List[float]]:
    """Column widths summing to ``usable`` to choose from. When every column's ``natural`` width fits, that, the
    rest shared in proportion. Otherwise the widths of the first of ``floors`` (from the most to the least
    wanted) that leaves room cut two ways, and halfway between: every column too wide cut to one common width, or
    every column cut to put its longest text on the fewest lines that fit."""
    count = len(natural)
    if sum(natural) <= usable:
        extra, total = usable - sum(natural), sum(natural)
        return [[n + extra * (n / total if total else 1.0 / count) for n in natural]]
    for floor in floors:
        lowest = [min(f, n) for f, n in zip(floor, natural)]
        if sum(lowest) <= usable:
            common, fewest = _common_width(lowest, natural, usable), _fewest_lines(lowest, natural, usable)
            return [common, fewest, [(a + b) / 2 for a, b in zip(common, fewest)]]
    return [[min(f, n) for f, n in zip(floors[-1], natural)]]  # too wide even with every term cut: it overflows


def _common_width(lowest: Sequence[float], natural: Sequence[float], usable: float) -> List[float]:
    """The narrower columns keep their width, the wider ones are cut to one common width (never below
    ``lowest``): only the columns that cannot have their longest text on one line wrap."""
    low, high = 0.0, max(natural)
    for _ in range(60):  # the common width: bisection on a sum that grows with it
        cap = (low + high) / 2
        if sum(max(f, min(n, cap)) for f, n in zip(lowest, natural)) > usable:
            high = cap
        else:
            low = cap
    return [max(f, min(n, low)) for f, n in zip(lowest, natural)]


def _fewest_lines(lowest: Sequence[float], natural: Sequence[float], usable: float) -> List[float]:
    """Each column cut to put its longest text on ``lines`` lines, the fewest that fit; the room left lets the
    columns that then fit on one line do so (smallest need first), the rest goes where text is still wrapped."""
    lines, widths = 1, list(natural)
    while sum(widths) > usable:  # ends: as lines grow every width comes down to ``lowest``, which fits
        lines += 1
        widths = [max(low, min(n, (n - SLACK) / lines + SLACK)) for low, n in zip(lowest, natural)]
    spare = usable - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: natural[i] - widths[i]):
        lacking = natural[index] - widths[index]
        if 0 < lacking <= spare:
            widths[index] = natural[index]
            spare -= lacking
    lacking = [n - w for n, w in zip(natural, widths)]
    total = sum(lacking)
    return [w + (spare * short / total if total > 0 else 0.0) for w, short in zip(widths, lacking)]


def _column_needs(header: str, cells: Sequence[Cell], header_measure: Callable[[str], float],
                  measures: Sequence[Callable[[str], float]], wraps: bool):
    """The natural width of one column and its floors (heading whole, then terms at each level), with SLACK;
    numbers never wrap, their heading may."""
    by_weight = [[c.text for c in cells if c.bold == bold and c.text] for bold in (False, True)]
    widest = max([0.0] + [m(t) for m, texts in zip(measures, by_weight) for t in texts])
    floors = []
    for level in range(LEVELS):
        cell_floor = max(widest_unit(texts, m, level) for m, texts in zip(measures, by_weight)) if wraps else widest
        floors.append(max(cell_floor, widest_unit([header], header_measure, level)) + SLACK)
    preferred = max(floors[0], header_measure(header) + SLACK)  # a heading on one line when there is room
    return max(widest, header_measure(header)) + SLACK, [preferred] + floors


def lay_out(layout: QgsPrintLayout, table: QgsLayoutItemManualTable, headers: Sequence[str],
            rows: Sequence[Sequence[Cell]], width: float) -> List[float]:
    """Fill ``table`` with a heading row and ``rows`` in columns fitted to ``width`` (mm, grid and margins
    included); returns the column widths. Only text columns wrap; numbers stay on one line.

    The headings are the table's first row, not QGIS's header: QGIS 3.22 gives a header of several lines the
    height of one. A page that continues the table starts with a copy of that row (:func:`repeat_heading`).
    """
    count = len(headers)
    usable = width - count * 2 * table.cellMargin() - (count + 1) * table.gridStrokeWidth()
    heading_format = QgsTextFormat(table.headerTextFormat())
    header_measure = Measure(layout, heading_format)
    plain = table.contentTextFormat()
    bold = bold_format(plain)
    measures = (Measure(layout, plain), Measure(layout, bold))
    naturals, floors = [], []
    for index, header in enumerate(headers):
        column = [row[index] for row in rows]
        wraps = all(c.kind not in _NUMBERS for c in column)
        natural, column_floors = _column_needs(header, column, header_measure, measures, wraps)
        naturals.append(natural)
        floors.append(column_floors)
    wrapped = _Wrapped()
    options = candidates(naturals, list(zip(*floors)), usable)
    widths = min(options, key=lambda option: wrapped.height(headers, rows, option, header_measure, measures))
    heading = []
    for header, column_width in zip(headers, widths):
        cell = QgsTableCell(wrapped(header, column_width, header_measure))
        cell.setTextFormat(heading_format)
        cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignHCenter)
        cell.setVerticalAlignment(Qt.AlignmentFlag.AlignVCenter)
        heading.append(cell)
    contents = [heading] + [[_table_cell(cell, cell.text if cell.kind in _NUMBERS else
                                         wrapped(cell.text, widths[index], measures[cell.bold]), bold)
                             for index, cell in enumerate(row)] for row in rows]
    # every line fits its column, so WrapText finds nothing to re-wrap; were one measured wider, it shows whole
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setIncludeTableHeader(False)
    table.setHeaderMode(QgsLayoutTable.HeaderMode.NoHeaders)
    table.setHeaders([QgsLayoutTableColumn("") for _header in headers])
    table.setColumnWidths(list(widths))
    table.setTableContents(contents)
    return list(widths)


def repeat_heading(table: QgsLayoutItemManualTable, row: int) -> None:
    """Put a copy of the heading row (the table's first) before line ``row``: a new page's first line."""
    contents = table.tableContents()
    contents.insert(row, contents[0])
    table.setTableContents(contents)


class _Wrapped:
    """Texts wrapped to a column width (kept: the widths are tried, then used), and the height they give."""

    def __init__(self):
        self.known: Dict[tuple, str] = {}

    def __call__(self, text: str, width: float, measure: Callable[[str], float]) -> str:
        key = (text, width, id(measure))
        if key not in self.known:
            self.known[key] = wrap(text, width - SLACK, measure)
        return self.known[key]

    def height(self, headers: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float],
               header_measure: Callable[[str], float], measures: Sequence[Callable[[str], float]]) -> int:
        """Lines of the heading row and every row (each as many as its tallest cell) at ``widths``."""
        total = max(self(h, w, header_measure).count("\n") for h, w in zip(headers, widths)) + 1
        for row in rows:
            total += 1 + max((self(c.text, w, measures[c.bold]).count("\n") for c, w in zip(row, widths)
                              if c.kind not in _NUMBERS), default=0)
        return total


def _table_cell(cell: Cell, text: str, bold: QgsTextFormat) -> QgsTableCell:
    """``cell`` as the layout table's cell showing ``text`` (wrapped already, unless a number)."""
    out = QgsTableCell(text)
    if cell.background:
        out.setBackgroundColor(QColor(cell.background))
    if cell.kind in ("area", "money"):
        out.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
    elif cell.kind == "int":
        out.setHorizontalAlignment(Qt.AlignmentFlag.AlignHCenter)
    out.setVerticalAlignment(Qt.AlignmentFlag.AlignVCenter)
    if cell.bold:
        out.setTextFormat(bold)
    return out
