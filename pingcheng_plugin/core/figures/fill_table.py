"""Filling the summary-table figure: the table across as many pages as its rows need, each page with the frame,
titles, 示意 banner and page number of the first; the breaks fall where a group's rows stay together and 合计 stays
with the last group. Cells and column widths: :mod:`.table_layout`."""

from __future__ import annotations

from typing import List, Sequence, Tuple

from qgis.core import (
    QgsApplication,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemPage,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsReadWriteContext,
)
from qgis.PyQt.QtCore import QRectF, Qt, QUuid
from qgis.PyQt.QtXml import QDomDocument

from ...plan import vocabulary
from ..summary.table import TOTALS_COLUMNS, Column, Line, SummaryTable, figure_columns
from ..support import compat
from . import templates as ids
from .fill_text import item, set_text
from .frame_style import ILLUSTRATIVE_COLOUR, NOTE_COLOUR, text_format
from .table_layout import Cell, lay_out, render_context, repeat_heading

CONTINUED = "（续）"
_ROW_BACKGROUNDS = {"group": "#f2f2f2", "subtotal": "#f7f7f7", "total": "#e6e6e6"}
MISSING_BACKGROUND = "#fff3bf"
ITEM_PAGE_NUMBER = "pc_page_number"
#: Page N of M on every page, as expressions: copies of the label on added pages count themselves.
PAGE_NUMBER = "第 [% @layout_page %] 页 共 [% @layout_numpages %] 页"
#: The 示意 banner, on every page when the table lists illustrative sites (the wording of the table's notes).
ILLUSTRATIVE_BANNER = (f"【{vocabulary.ILLUSTRATIVE_ZH}】表中项目为{vocabulary.ILLUSTRATIVE_ZH}数据："
                       f"规划未公布项目清单，仅用于演示，不作为实施依据。")


#: Table width (mm) from which the figure also shows 建设地点 and 修复模式 (an A3 landscape sheet's table is ~400 mm;
#: narrower sheets wrap the project codes if they carry them too).
WIDE_TABLE_MM = 380.0


def _line_cells(line: Line, columns: Sequence[Column], index: dict) -> List[Cell]:
    """The cells of ``columns`` (the figure's) of a line whose cells follow the table's columns (``index``)."""
    background = _ROW_BACKGROUNDS.get(line.kind)
    return [Cell(line.cells[index[column.key]], column.kind,
                 MISSING_BACKGROUND if column.key in line.flagged else background, line.kind != "site")
            for column in columns]


def _totals_rows(totals) -> List[List[Cell]]:
    rows = []
    for index, entry in enumerate(totals):
        last = index == len(totals) - 1
        background = _ROW_BACKGROUNDS["total"] if last else None
        row = [Cell(entry.label, "text", background, last)]
        for column in TOTALS_COLUMNS[1:]:
            missing = ((column.key == "investment" and entry.investment_missing > 0)
                       or (column.key == "area_ha" and entry.aggregate.area_missing > 0))
            row.append(Cell(entry.value(column.key), column.kind, MISSING_BACKGROUND if missing else background,
                            last))
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


def _shrink_frame(layout: QgsPrintLayout, table, index: int, row_count: int) -> float:
    """Shrink frame ``index`` of ``table`` to the least height that still shows the rows up to ``row_count`` (the
    table then continues in the next frame from there); returns that height. Bisection on the height."""
    context = render_context(layout)
    frame = table.frames()[index]
    width = frame.sceneBoundingRect().width()
    low, high = 1.0, frame.sceneBoundingRect().height()

    def fits(height: float) -> bool:
        frame.attemptResize(QgsLayoutSize(width, height, compat.LAYOUT_MM))
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


def may_break_before(kinds: Sequence[str], row: int) -> bool:
    """Whether a page may end just before line ``row`` of a table whose lines are of ``kinds`` (header, group,
    site, subtotal, total): never right after the headings or a group's line, never before a subtotal or the
    total (合计 stays with the last group), and inside a group only with two of its sites on either side."""
    if row <= 0 or row >= len(kinds):
        return True
    if kinds[row] in ("subtotal", "total") or kinds[row - 1] in ("header", "group"):
        return False
    if kinds[row] == "site":
        before = after = 0
        while row - before - 1 >= 0 and kinds[row - before - 1] == "site":
            before += 1
        while row + after < len(kinds) and kinds[row + after] == "site":
            after += 1
        return before >= 2 and after >= 2
    return True


def _paginate(layout: QgsPrintLayout, table, kinds: List[str], decorations: list, place: QRectF) -> None:
    """Add pages and frames until every line is shown, each page ending at the last line it may end after and
    the next one starting with the headings."""
    context = render_context(layout)
    index = 0
    while True:
        first_row, last_row = table.rowRange(context, index)
        if last_row >= len(kinds) or last_row <= first_row + 1:  # done, or a row taller than a frame: stop
            return
        end = next((row for row in range(last_row, first_row, -1) if may_break_before(kinds, row)), last_row)
        repeat_heading(table, end)
        kinds.insert(end, "header")
        _shrink_frame(layout, table, index, end)
        page = _add_page(layout, decorations)
        extra = QgsLayoutFrame(layout, table)
        layout.addLayoutItem(extra)
        table.addFrame(extra)
        extra.attemptResize(QgsLayoutSize(place.width(), place.height(), compat.LAYOUT_MM))
        extra.attemptMove(QgsLayoutPoint(place.left(), place.top(), compat.LAYOUT_MM), True, False, page)
        table.recalculateFrameSizes()
        index += 1


def _table_width(layout: QgsPrintLayout, fallback: float) -> Tuple[float, float]:
    """Left edge and width the tables span: those of the unit note above them (a table frame's own width is
    always its content's, so the template says the width through that label)."""
    note = item(layout, ids.ITEM_UNIT_NOTE, QgsLayoutItemLabel)
    if note is not None:
        return note.pagePos().x(), note.sceneBoundingRect().width()
    page = layout.pageCollection().page(0).pageSize()
    return fallback, page.width() - 2 * fallback


def _label(layout: QgsPrintLayout, item_id: str, text: str, rect: QRectF, size: float, colour: str,
           bold: bool = False, align=Qt.AlignmentFlag.AlignLeft) -> QgsLayoutItemLabel:
    """A label a template made before these labels existed lacks (a user's copy of an older bundled one)."""
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    compat.set_label_text_format(label, text_format(size, bold, colour))
    label.setHAlign(align)
    label.setVAlign(Qt.AlignmentFlag.AlignBottom)
    label.setMarginX(0.0)
    label.setMarginY(0.0)
    layout.addLayoutItem(label)
    label.attemptResize(QgsLayoutSize(rect.width(), rect.height(), compat.LAYOUT_MM))
    label.attemptMove(QgsLayoutPoint(rect.left(), rect.top(), compat.LAYOUT_MM), True, False, 0)
    return label


def _page_labels(layout: QgsPrintLayout, table_model: SummaryTable, left: float, width: float,
                 bottom: float) -> None:
    """The 示意 banner over the table and 第 N 页 共 M 页 under it, on the first page (later pages copy them)."""
    banner = ILLUSTRATIVE_BANNER if table_model.illustrative else ""
    if item(layout, ids.ITEM_ILLUSTRATIVE_NOTE, QgsLayoutItemLabel) is None and banner:
        note = item(layout, ids.ITEM_UNIT_NOTE, QgsLayoutItemLabel)
        if note is not None:
            box = note.sceneBoundingRect()
            _label(layout, ids.ITEM_ILLUSTRATIVE_NOTE, banner, QRectF(left, note.pagePos().y(), width * 0.7,
                                                                      box.height()),
                   compat.label_text_format(note).size(), ILLUSTRATIVE_COLOUR, bold=True)
    set_text(layout, ids.ITEM_ILLUSTRATIVE_NOTE, banner)
    if item(layout, ITEM_PAGE_NUMBER, QgsLayoutItemLabel) is None:
        _label(layout, ITEM_PAGE_NUMBER, PAGE_NUMBER, QRectF(left, bottom + 0.5, width, 5.0), 8.0, NOTE_COLOUR,
               align=Qt.AlignmentFlag.AlignRight)


def _place_totals(layout: QgsPrintLayout, table_model: SummaryTable, decorations: list, left: float, width: float,
                  cursor: Tuple[int, float], top: float, bottom: float) -> None:
    """The totals per zone and per phase side by side under the table, on a new page if they do not fit."""
    gap = 8.0
    half = (width - gap) / 2
    frames = []
    for index, (item_id, (title, totals)) in enumerate(zip((ids.ITEM_TOTALS_ZONE, ids.ITEM_TOTALS_PHASE),
                                                           table_model.totals_sections())):
        totals_frame = item(layout, item_id, QgsLayoutFrame)
        if totals_frame is None:
            continue
        headers = [title] + [c.header for c in TOTALS_COLUMNS[1:]]
        totals_table = totals_frame.multiFrame()
        lay_out(layout, totals_table, headers, _totals_rows(totals), half)
        totals_frame.attemptResize(QgsLayoutSize(half, bottom - top, compat.LAYOUT_MM))
        totals_table.recalculateFrameSizes()
        frames.append((totals_frame, left + index * (half + gap),
                       _shrink_frame(layout, totals_table, 0, len(totals) + 1)))  # + its heading row
    height = max((used for _f, _x, used in frames), default=0.0)
    page, y = cursor
    if y + height > bottom:
        page, y = _add_page(layout, decorations), top
    for totals_frame, x, _used in frames:
        totals_frame.attemptMove(QgsLayoutPoint(x, y, compat.LAYOUT_MM), True, False, page)


def fill_table(layout: QgsPrintLayout, table_model: SummaryTable) -> None:
    """The grouped table across as many pages as it needs, then the totals per zone and per phase and the notes
    after its end; continuation pages repeat the page's frame, titles, banner, page number and title block."""
    frame = item(layout, ids.ITEM_TABLE, QgsLayoutFrame)
    table = frame.multiFrame()
    area = frame.sceneBoundingRect()
    top = frame.pagePos().y()
    bottom = top + area.height()
    left, width = _table_width(layout, frame.pagePos().x())
    _page_labels(layout, table_model, left, width, bottom)
    skip = [ids.ITEM_TABLE, ids.ITEM_TOTALS_ZONE, ids.ITEM_TOTALS_PHASE, ids.ITEM_TABLE_NOTE]
    decorations = _page_items(layout, 0, skip)
    lines = table_model.lines()
    columns = figure_columns(width >= WIDE_TABLE_MM, table_model.columns)
    index = table_model.column_index
    lay_out(layout, table, [c.header for c in columns], [_line_cells(line, columns, index) for line in lines],
            width)
    kinds = ["header"] + [line.kind for line in lines]
    frame.attemptMove(QgsLayoutPoint(left, top, compat.LAYOUT_MM), True, False, 0)
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
    table.recalculateFrameSizes()
    _paginate(layout, table, kinds, decorations, QRectF(left, top, area.width(), area.height()))
    last = table.frames()[-1]
    used = _shrink_frame(layout, table, len(table.frames()) - 1, len(kinds))
    _place_totals(layout, table_model, decorations, left, width, (last.page(), last.pagePos().y() + used + 6.0),
                  top, bottom)
    note = item(layout, ids.ITEM_TABLE_NOTE, QgsLayoutItemLabel)
    if note is not None:
        position = note.pagePositionWithUnits()
        note.attemptMove(position, True, False, layout.pageCollection().pageCount() - 1)
        note.setText("注：\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(table_model.notes, start=1)))
