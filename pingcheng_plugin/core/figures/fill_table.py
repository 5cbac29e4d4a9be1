"""Filling the summary-table figure: the table's cells and column widths, words wrapped where Chinese text may
break, and as many pages as the rows need, each with the frame of the first."""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsApplication,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemPage,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLayoutUtils,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsTableCell,
)
from qgis.PyQt.QtCore import Qt, QUuid
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from ..summary.table import COLUMNS, TOTALS_COLUMNS, Line, SummaryTable
from ..support import compat
from . import templates as ids
from .fill_text import item, wrap

CONTINUED = "（续）"
_ROW_BACKGROUNDS = {"group": "#f2f2f2", "subtotal": "#f7f7f7", "total": "#e6e6e6"}
MISSING_BACKGROUND = "#fff3bf"

def _cell(value: object, kind: str, background: Optional[str] = None, bold: bool = False,
          base_format=None, width_mm: float = 0.0) -> QgsTableCell:
    if value is None or value == "":
        text = ""
    elif kind in ("area", "money"):
        text = f"{float(value):,.2f}"
    else:
        text = str(value)
    if kind == "text" and base_format is not None and width_mm > 0:
        font = base_format.toQFont()
        font.setBold(bold or font.bold())
        text = wrap(text, width_mm, font)
    cell = QgsTableCell(text)
    if background:
        cell.setBackgroundColor(QColor(background))
    if kind in ("area", "money"):
        cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
    elif kind == "int":
        cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignHCenter)
    cell.setVerticalAlignment(Qt.AlignmentFlag.AlignVCenter)
    if bold and base_format is not None:
        text_format = base_format.__class__(base_format)
        font = text_format.font()
        font.setBold(True)
        text_format.setFont(font)
        cell.setTextFormat(text_format)
    return cell


def _line_cells(line: Line, base_format, widths: Sequence[float]) -> List[QgsTableCell]:
    background = _ROW_BACKGROUNDS.get(line.kind)
    bold = line.kind != "site"
    cells = []
    for index, (column, value) in enumerate(zip(COLUMNS, line.cells)):
        missing = column.key in line.flagged
        cells.append(_cell(value, column.kind, MISSING_BACKGROUND if missing else background, bold, base_format,
                           widths[index]))
    return cells


def _column_widths(frame_width: float, relative: Sequence[float], margin: float, stroke: float) -> List[float]:
    usable = frame_width - len(relative) * 2 * margin - (len(relative) + 1) * stroke
    total = sum(relative)
    return [usable * r / total for r in relative]


def table_widths(table, relative: Sequence[float], frame_width: float) -> List[float]:
    return _column_widths(frame_width, relative, table.cellMargin(), table.gridStrokeWidth())


def _set_table(table, headers: Sequence[str], rows: List[List[QgsTableCell]], widths: Sequence[float]) -> None:
    header_font = table.headerTextFormat().toQFont()
    columns = []
    for heading, width in zip(headers, widths):
        column = QgsLayoutTableColumn(wrap(heading, width - 0.3, header_font))
        column.setHAlignment(Qt.AlignmentFlag.AlignHCenter)
        columns.append(column)
    table.setHeaders(columns)
    table.setColumnWidths(list(widths))
    table.setTableContents(rows)


def _totals_rows(totals, base_format, widths: Sequence[float]) -> List[List[QgsTableCell]]:
    rows = []
    for index, entry in enumerate(totals):
        last = index == len(totals) - 1
        background = _ROW_BACKGROUNDS["total"] if last else None
        row = [_cell(entry.label, "text", background, last, base_format, widths[0] - 0.3)]
        for column in TOTALS_COLUMNS[1:]:
            missing = ((column.key == "investment" and entry.investment_missing > 0)
                       or (column.key == "area_ha" and entry.aggregate.area_missing > 0))
            row.append(_cell(entry.value(column.key), column.kind, MISSING_BACKGROUND if missing else background,
                             last, base_format))
        rows.append(row)
    return rows


def _page_items(layout: QgsPrintLayout, page: int, skip: Sequence[str]) -> list:
    out = []
    for candidate in layout.items():
        if not hasattr(candidate, "page") or isinstance(candidate, (QgsLayoutItemPage, QgsLayoutFrame)):
            continue
        if not hasattr(candidate, "id") or candidate.id() in skip or candidate.parentItem() is not None:
            continue
        if getattr(candidate, "type", lambda: None)() is None:
            continue
        if candidate.page() == page:
            out.append(candidate)
    return out


def clone_item(layout: QgsPrintLayout, original, page: int):
    """A copy of ``original`` at the same place on ``page`` (through its XML, with a new identity)."""
    document = QDomDocument()
    parent = document.createElement("clone")
    original.writeXml(parent, document, QgsReadWriteContext())
    element = parent.firstChildElement()
    element.setAttribute("uuid", QUuid.createUuid().toString())
    element.setAttribute("templateUuid", QUuid.createUuid().toString())
    copy = QgsApplication.layoutItemRegistry().createItem(original.type(), layout)
    if copy is None:
        return None
    layout.addLayoutItem(copy)
    copy.readXml(element, document, QgsReadWriteContext())
    position = original.pagePositionWithUnits()
    copy.attemptMove(position, True, False, page)
    return copy


def _add_page(layout: QgsPrintLayout, decorations: list) -> int:
    collection = layout.pageCollection()
    first = collection.page(0)
    page = QgsLayoutItemPage(layout)
    page.setPageSize(first.pageSize())
    collection.addPage(page)
    index = collection.pageCount() - 1
    _decorate(layout, decorations, index)
    return index


def _decorate(layout: QgsPrintLayout, decorations: list, page: int) -> None:
    for original in decorations:
        copy = clone_item(layout, original, page)
        if isinstance(copy, QgsLayoutItemLabel) and original.id() == ids.ITEM_TITLE and "[%" not in copy.text():
            copy.setText(copy.text() + CONTINUED)


def _shrink_last_frame(layout: QgsPrintLayout, table, row_count: int) -> float:
    """Shrink the table's last frame to the rows it shows (bisection on its height); returns the height."""
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    frames = table.frames()
    last, index = frames[-1], len(frames) - 1
    width = last.sceneBoundingRect().width()
    low, high = 1.0, last.sceneBoundingRect().height()

    def fits(height: float) -> bool:
        last.attemptResize(QgsLayoutSize(width, height, compat.LAYOUT_MM))
        table.recalculateFrameSizes()
        return table.rowRange(context, index)[1] >= row_count

    while high - low > 0.25:
        middle = (low + high) / 2
        if fits(middle):
            high = middle
        else:
            low = middle
    fits(high)
    return high


def _table_width(layout: QgsPrintLayout, fallback: float) -> Tuple[float, float]:
    """Left edge and width the tables span: those of the unit note above them (a table frame's own width is
    always its content's, so the template says the width through that label)."""
    note = item(layout, ids.ITEM_UNIT_NOTE, QgsLayoutItemLabel)
    if note is not None:
        return note.pagePos().x(), note.sceneBoundingRect().width()
    page = layout.pageCollection().page(0).pageSize()
    return fallback, page.width() - 2 * fallback


def fill_table(layout: QgsPrintLayout, table_model: SummaryTable) -> None:
    """The grouped table across as many pages as it needs, then the totals per zone and per phase and the notes
    after its end; continuation pages repeat the page's frame, titles and title block."""
    frame = item(layout, ids.ITEM_TABLE, QgsLayoutFrame)
    table = frame.multiFrame()
    area = frame.sceneBoundingRect()
    page_top = frame.pagePos().y()
    page_bottom = page_top + area.height()
    left, width = _table_width(layout, frame.pagePos().x())
    skip = [ids.ITEM_TABLE, ids.ITEM_TOTALS_ZONE, ids.ITEM_TOTALS_PHASE, ids.ITEM_TABLE_NOTE]
    decorations = _page_items(layout, 0, skip)
    base = table.contentTextFormat()
    widths = table_widths(table, [c.width for c in COLUMNS], width)
    rows = [_line_cells(line, base, [w - 0.3 for w in widths]) for line in table_model.lines()]
    _set_table(table, [c.header for c in COLUMNS], rows, widths)
    frame.attemptMove(QgsLayoutPoint(left, page_top, compat.LAYOUT_MM), True, False, 0)
    table.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    table.recalculateFrameSizes()
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    while table.rowRange(context, len(table.frames()) - 1)[1] < len(rows):
        first_row, last_row = table.rowRange(context, len(table.frames()) - 1)
        if last_row <= first_row:  # a row taller than a whole frame: stop rather than add pages forever
            break
        page = _add_page(layout, decorations)
        extra = QgsLayoutFrame(layout, table)
        layout.addLayoutItem(extra)
        table.addFrame(extra)
        extra.attemptResize(QgsLayoutSize(area.width(), area.height(), compat.LAYOUT_MM))
        extra.attemptMove(QgsLayoutPoint(left, page_top, compat.LAYOUT_MM), True, False, page)
        table.recalculateFrameSizes()
    last = table.frames()[-1]
    used = _shrink_last_frame(layout, table, len(rows))
    cursor_page = last.page()
    cursor = last.pagePos().y() + used + 6.0
    gap = 8.0
    half = (width - gap) / 2
    totals_frames = []
    for index, (item_id, (title, totals)) in enumerate(zip((ids.ITEM_TOTALS_ZONE, ids.ITEM_TOTALS_PHASE),
                                                           table_model.totals_sections())):
        totals_frame = item(layout, item_id, QgsLayoutFrame)
        if totals_frame is None:
            continue
        totals_table = totals_frame.multiFrame()
        headers = [title] + [c.header for c in TOTALS_COLUMNS[1:]]
        totals_widths = table_widths(totals_table, [c.width for c in TOTALS_COLUMNS], half)
        _set_table(totals_table, headers, _totals_rows(totals, totals_table.contentTextFormat(), totals_widths),
                   totals_widths)
        totals_frames.append((totals_frame, left + index * (half + gap)))
    totals_height = max((f.multiFrame().totalSize().height() for f, _x in totals_frames), default=0.0)
    if cursor + totals_height > page_bottom:
        cursor_page = _add_page(layout, decorations)
        cursor = page_top
    for totals_frame, x in totals_frames:
        totals_frame.attemptResize(QgsLayoutSize(half, totals_height + 1.0, compat.LAYOUT_MM))
        totals_frame.attemptMove(QgsLayoutPoint(x, cursor, compat.LAYOUT_MM), True, False, cursor_page)
    note = item(layout, ids.ITEM_TABLE_NOTE, QgsLayoutItemLabel)
    if note is not None:
        position = note.pagePositionWithUnits()
        note.attemptMove(position, True, False, layout.pageCollection().pageCount() - 1)
        note.setText("注：\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(table_model.notes, start=1)))
