"""The summary table as an Excel workbook, streamed with openpyxl's write-only mode.

Sheet 1 holds the grouped table: merged title and subtitle, a frozen header repeated on every printed page, number
formats, column widths, borders, A3 landscape fitted to the page width with page numbers. Sheet 2 holds the
totals per zone and per phase. 小计 and 合计 are SUBTOTAL formulas over the rows above, so a sheet edited by
hand stays right (openpyxl cannot store a formula's value beside it: the workbook asks to be calculated when
opened). Text that a spreadsheet would run as a formula is stored as a string with Excel's
quote prefix; characters XML cannot hold are dropped. Missing values stay empty cells, highlighted.

Write-only mode streams rows to disk, so 100,000 sites need neither the memory nor the time of a full workbook;
cell styles are prepared once and copied (a style is an array of indexes into the workbook's style tables).
"""

from __future__ import annotations

import copy
import io
from typing import Dict, List, Optional, Sequence, Tuple

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ...plan import vocabulary
from ..support.cell_text import FORMULA_PREFIXES
from ..support.i18n import tr
from ..support.progress import Progress, report
from .table import TOTALS_COLUMNS, UNIT_NOTE, Column, SummaryTable

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
NUMBER_FORMATS = {"int": "0", "area": "#,##0.00", "money": "#,##0.00", "text": "@"}
_THIN = Side(style="thin", color="FF333333")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILLS = {
    "header": PatternFill("solid", fgColor="FFDFE8F1"),
    "group": PatternFill("solid", fgColor="FFF2F2F2"),
    "subtotal": PatternFill("solid", fgColor="FFF7F7F7"),
    "total": PatternFill("solid", fgColor="FFE6E6E6"),
    "missing": PatternFill("solid", fgColor="FFFFF3BF"),
}
PAPER_A3 = 8  # Excel's paperSize code for A3


def summed(columns: Sequence[Column]) -> Tuple[int, ...]:
    """The columns whose 小计 and 合计 are formulas."""
    return tuple(index for index, column in enumerate(columns) if column.kind in ("area", "money"))


class _Styles:
    """Prepared cells whose style arrays are copied onto new cells (much cheaper than setting fonts per cell)."""

    def __init__(self, sheet):
        self.sheet = sheet
        self._cache: Dict[tuple, object] = {}

    def prototype(self, kind: str, line: str = "site", missing: bool = False):
        key = (kind, line, missing)
        cell = self._cache.get(key)
        if cell is None:
            cell = WriteOnlyCell(self.sheet)
            bold = line in ("header", "group", "subtotal", "total", "title")
            cell.font = Font(name=HEADING_FONT if line in ("header", "title") else BODY_FONT,
                             size=16 if line == "title" else 10, bold=bold)
            if line not in ("title", "subtitle"):
                cell.border = _BORDER
            fill = "missing" if missing else line
            if fill in _FILLS:
                cell.fill = _FILLS[fill]
            horizontal = {"int": "center", "area": "right", "money": "right"}.get(kind, "left")
            if line in ("header", "title"):
                horizontal = "center"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center",
                                       wrap_text=line not in ("title", "subtitle"))
            if line not in ("header", "title", "subtitle"):
                cell.number_format = NUMBER_FORMATS[kind]
            self._cache[key] = cell
        return cell

    def cell(self, value, kind: str = "text", line: str = "site", missing: bool = False) -> WriteOnlyCell:
        out = WriteOnlyCell(self.sheet)
        out._style = copy.copy(self.prototype(kind, line, missing)._style)
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value.startswith(FORMULA_PREFIXES):
                out._value = value
                out.data_type = "s"  # never a formula, whatever it starts with
                out.quotePrefix = True
                return out
        out.value = value
        return out


def _widths(sheet, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width * 1.15 + 2


def _print_setup(sheet, title_rows: Optional[str]) -> None:
    sheet.page_setup.paperSize = PAPER_A3
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.center.size = 9


def _title_rows(sheet, styles: _Styles, table: SummaryTable, width: int) -> None:
    sheet.append([styles.cell(f"{table.plan_title}{table.title}", line="title")])
    subtitle = f"编制单位：{table.organisation}    编制日期：{table.date}    {UNIT_NOTE}"
    if table.illustrative:
        subtitle += f"    （{vocabulary.ILLUSTRATIVE_ZH}数据）"
    sheet.append([styles.cell(subtitle, line="subtitle")])
    last = get_column_letter(width)
    sheet.merged_cells.add(f"A1:{last}1")
    sheet.merged_cells.add(f"A2:{last}2")


def write_xlsx(table: SummaryTable, path: str, progress: Progress = None) -> None:
    workbook = Workbook(write_only=True)
    # openpyxl writes formulas without their values: Excel, WPS and LibreOffice compute them on opening
    workbook.calculation.fullCalcOnLoad = True
    workbook.properties.title = f"{table.plan_title}{table.title}"
    workbook.properties.creator = table.organisation
    sheet = workbook.create_sheet(table.title[:31])
    styles = _Styles(sheet)
    columns = table.columns
    _widths(sheet, columns)
    sheet.row_dimensions[1].height = 30
    sheet.row_dimensions[3].height = 32
    sheet.freeze_panes = "A4"
    _print_setup(sheet, "3:3")
    _title_rows(sheet, styles, table, len(columns))
    sheet.append([styles.cell(c.header, c.kind, "header") for c in columns])
    kinds = [c.kind for c in columns]
    keys = [c.key for c in columns]
    name_index = keys.index("name")
    merges: List[str] = []
    row_number = 3
    first_site_row = 4
    lines = table.lines()
    for count, line in enumerate(lines):
        row_number += 1
        if line.kind == "group":
            cells = [styles.cell(line.cells[0], "int", "group"), styles.cell(line.cells[name_index], "text", "group")]
            cells += [styles.cell(None, "text", "group") for _ in columns[2:]]
            merges.append(f"B{row_number}:{get_column_letter(len(columns))}{row_number}")
            first_site_row = row_number + 1
        else:
            flagged = line.flagged
            cells = [styles.cell(None if value == "" else value, kind, line.kind, key in flagged)
                     for value, kind, key in zip(line.cells, kinds, keys)]
            if line.kind in ("subtotal", "total"):
                # 小计 over its type's rows, 合计 over all rows: SUBTOTAL leaves out the 小计 rows inside its range,
                # so an edited sheet stays right
                first = first_site_row if line.kind == "subtotal" else 4
                for index in summed(columns):
                    letter = get_column_letter(index + 1)
                    cells[index].value = f"=SUBTOTAL(9,{letter}{first}:{letter}{row_number - 1})"
        sheet.append(cells)
        if count % 5000 == 0:
            report(progress, 20 + 70 * count / len(lines), cancelled=tr("Cancelled: nothing was written."))
    sheet.append([])
    for note_number, note in enumerate(table.notes, start=1):
        row_number = row_number + 1
        sheet.append([styles.cell(f"注{note_number}：{note}", line="subtitle")])
    for merge in merges:
        sheet.merged_cells.add(merge)
    _totals_sheet(workbook, table)
    # The workbook is zipped in memory, then written in one go: a write that fails (a full disk) then fails in
    # plain Python. Inside openpyxl's save, lxml's C writer would meet the error in a callback, which crashes some
    # lxml builds (seen with Debian 13's) instead of raising.
    buffer = io.BytesIO()
    workbook.save(buffer)
    with open(path, "wb") as handle:
        handle.write(buffer.getvalue())


def _totals_sheet(workbook, table: SummaryTable) -> None:
    sheet = workbook.create_sheet("分区及时序统计")
    styles = _Styles(sheet)
    _widths(sheet, TOTALS_COLUMNS)
    _print_setup(sheet, None)
    sheet.page_setup.orientation = "portrait"
    _title_rows(sheet, styles, table, len(TOTALS_COLUMNS))
    for title, totals in table.totals_sections():
        sheet.append([])
        sheet.append([styles.cell(title, line="subtitle")])
        sheet.append([styles.cell(c.header, c.kind, "header") for c in TOTALS_COLUMNS])
        for index, item in enumerate(totals):
            line = "total" if index == len(totals) - 1 else "site"
            sheet.append([styles.cell(item.label, "text", line)] + [
                styles.cell(item.value(c.key), c.kind, line,
                            (c.key == "investment" and item.investment_missing > 0)
                            or (c.key == "area_ha" and item.aggregate.area_missing > 0))
                for c in TOTALS_COLUMNS[1:]])
