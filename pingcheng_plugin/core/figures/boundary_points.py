"""The 界址点坐标 table of a project location map (atlas page): the site's boundary points numbered and placed
exactly as the 界址点坐标 TXT export writes them (:mod:`..exchange.txt`, in the TXT's default CRS), so the page and
the file a surveyor receives agree point for point.

The table sits over the lower right corner of the map (the inset takes the lower left), sized to its rows. A site
with more points than :data:`MAX_ROWS` shows its first points and a last row saying how many more the TXT holds:
a following page per site would make the atlas's page count differ from its site count, which readers (and the
file names of image exports, one per page) rely on.
"""

from __future__ import annotations

from typing import List, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsRenderContext,
    QgsTableCell,
    QgsTextFormat,
    QgsTextRenderer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..exchange import txt, writers
from ..store import schema
from ..support import compat

#: Rows a page's table shows at most (about a third of an A3 map's height at the template's text size).
MAX_ROWS = 24
#: Decimals of the coordinates, as the TXT export writes them by default.
DECIMALS = txt.DEFAULT_DECIMALS
HEADERS = ("点号", "X（m）", "Y（m）")


def boundary_rows(geometry: QgsGeometry) -> List[Tuple[str, str, str]]:
    """(点号, X, Y) of each boundary point of a site stored in the storage CRS, in the TXT export's order and
    numbering (X = northing, Y = zone-prefixed easting); each ring's closing point, which repeats its first, is
    left out. A multi-part site is one TXT parcel per part, each numbered from J1: its points read 1-J1, 2-J1…"""
    if geometry is None or geometry.isEmpty():
        return []
    reference = writers.output_crs("txt", None)
    moved = QgsGeometry(geometry)
    moved.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem(schema.STORAGE_CRS), reference,
                                           QgsCoordinateTransformContext()))
    parts = txt.single_parts(txt.ParcelOut(None, "", "", "", moved.asMultiPolygon()))
    rows: List[Tuple[str, str, str]] = []
    for number, part in enumerate(parts, start=1):
        seen = set()
        for line in txt.parcel_lines(part, DECIMALS)[1:]:
            name, ring, x, y = line.split(",")
            if (ring, name) in seen:  # the ring's closing row
                continue
            seen.add((ring, name))
            rows.append((f"{number}-{name}" if len(parts) > 1 else name, x, y))
    return rows


def fill_point_table(frame: QgsLayoutFrame, map_item: QgsLayoutItemMap, geometry: QgsGeometry) -> None:
    """Fill the table of ``frame`` with the site's points and put it, sized to its rows, in the map's lower right
    corner.

    The headings are the table's first row, and every row has a preset height: QGIS reports a table's height only
    as the height of its frames, so the frame's height is computed here from the rows (a frame too short would
    drop the last rows silently).
    """
    table = frame.multiFrame()
    if not isinstance(table, QgsLayoutItemManualTable):
        return
    rows = boundary_rows(geometry)
    if len(rows) > MAX_ROWS:
        more = len(rows) - (MAX_ROWS - 1)
        rows = rows[:MAX_ROWS - 1] + [("…", f"另{more}点", "见界址点坐标TXT")]
    heading_format = table.headerTextFormat()
    content_format = table.contentTextFormat()
    headings = []
    for title in HEADERS:
        cell = QgsTableCell(title)
        cell.setTextFormat(heading_format)
        cell.setBackgroundColor(QColor("#eeeeee"))
        cell.setHorizontalAlignment(Qt.AlignmentFlag.AlignHCenter)
        headings.append(cell)
    contents = [headings] + [[QgsTableCell(value) for value in row] for row in rows] if rows else []
    line = max(heading_format.size(), content_format.size()) * _POINT_MM * 1.35
    widths = [max([_text_mm(heading_format, title)] + [_text_mm(content_format, row[index]) for row in rows]) + 0.6
              for index, title in enumerate(HEADERS)]
    headers = []
    for title, column_width in zip(HEADERS, widths):
        column = QgsLayoutTableColumn(title)
        column.setWidth(column_width)  # fixed widths: the frame's width follows from them (as its height does)
        headers.append(column)
    table.setIncludeTableHeader(False)
    table.setHeaders(headers)
    table.setTableContents(contents)
    table.setRowHeights([line] * len(contents))
    table.refresh()
    grid = table.gridStrokeWidth() if table.showGrid() else 0.0
    margin = table.cellMargin()
    height = grid + len(contents) * (line + 2 * margin + grid) + 0.3
    width = grid + sum(w + 2 * margin + grid for w in widths) + 0.3
    box = map_item.mapToScene(map_item.rect()).boundingRect()  # the map itself, not its grid labels
    frame.attemptResize(QgsLayoutSize(width, height, compat.LAYOUT_MM))
    width = frame.sizeWithUnits().width()  # a table fixes its frames' width to its columns' (QGIS's own sum)
    frame.attemptMove(QgsLayoutPoint(box.right() - width, box.bottom() - height, compat.LAYOUT_MM))
    frame.setVisibility(bool(rows))


_POINT_MM = 25.4 / 72.0


def _text_mm(text_format: QgsTextFormat, text: str) -> float:
    context = QgsRenderContext()
    context.setScaleFactor(300 / 25.4)  # painter units per mm
    return QgsTextRenderer.textWidth(context, text_format, [text]) / context.scaleFactor()
