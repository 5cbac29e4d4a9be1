"""A small manual table over an atlas page's map (界址点坐标, 地类及管控面积), sized to its rows.

The headings are the table's first row, and every row has a preset height: QGIS reports a table's height only as
the height of its frames, so the frame's size is computed here from the rows and columns (a frame too short would
drop the last rows silently).
"""

from __future__ import annotations

from typing import Optional, Sequence

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsRenderContext,
    QgsTableCell,
    QgsTextFormat,
    QgsTextRenderer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..support import compat

HEADING_BACKGROUND = "#eeeeee"
_POINT_MM = 25.4 / 72.0


def fill_manual_table(frame: QgsLayoutFrame, headers: Sequence[str], rows: Sequence[Sequence[str]],
                      backgrounds: Optional[Sequence[Optional[str]]] = None,
                      right_aligned: Sequence[int] = ()) -> bool:
    """Fill the manual table of ``frame`` with ``headers`` and ``rows`` (``backgrounds``: a colour or None per
    row; ``right_aligned``: column indexes of numbers) and resize the frame to them. False (and nothing changed)
    when the frame holds no manual table."""
    table = frame.multiFrame()
    if not isinstance(table, QgsLayoutItemManualTable):
        return False
    heading_format = table.headerTextFormat()
    content_format = table.contentTextFormat()
    headings = []
    for title in headers:
        cell = QgsTableCell(title)
        cell.setTextFormat(heading_format)
        cell.setBackgroundColor(QColor(HEADING_BACKGROUND))
        cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignHCenter)
        headings.append(cell)
    body = []
    for number, row in enumerate(rows):
        cells = []
        for index, value in enumerate(row):
            cell = QgsTableCell(value)
            if backgrounds is not None and backgrounds[number]:
                cell.setBackgroundColor(QColor(backgrounds[number]))
            if index in right_aligned:
                cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignRight)
            cells.append(cell)
        body.append(cells)
    contents = [headings] + body if rows else []
    line = max(heading_format.size(), content_format.size()) * _POINT_MM * 1.35
    widths = [max([_text_mm(heading_format, title)] + [_text_mm(content_format, row[index]) for row in rows]) + 0.6
              for index, title in enumerate(headers)]
    columns = []
    for title, column_width in zip(headers, widths):
        column = QgsLayoutTableColumn(title)
        column.setWidth(column_width)  # fixed widths: the frame's width follows from them (as its height does)
        columns.append(column)
    table.setIncludeTableHeader(False)
    table.setHeaders(columns)
    table.setTableContents(contents)
    table.setRowHeights([line] * len(contents))
    table.refresh()
    grid = table.gridStrokeWidth() if table.showGrid() else 0.0
    margin = table.cellMargin()
    height = grid + len(contents) * (line + 2 * margin + grid) + 0.3
    width = grid + sum(w + 2 * margin + grid for w in widths) + 0.3
    frame.attemptResize(QgsLayoutSize(width, height, compat.LAYOUT_MM))
    return True


def row_height_mm(frame: QgsLayoutFrame) -> float:
    """The height (mm) one row of the frame's table takes, as :func:`fill_manual_table` lays it out."""
    table = frame.multiFrame()
    line = max(table.headerTextFormat().size(), table.contentTextFormat().size()) * _POINT_MM * 1.35
    grid = table.gridStrokeWidth() if table.showGrid() else 0.0
    return line + 2 * table.cellMargin() + grid


def _text_mm(text_format: QgsTextFormat, text: str) -> float:
    context = QgsRenderContext()
    context.setScaleFactor(300 / 25.4)  # painter units per mm
    return QgsTextRenderer.textWidth(context, text_format, [text]) / context.scaleFactor()
