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
    QgsLayoutItemMap,
    QgsLayoutPoint,
)

from ..exchange import txt, writers
from ..store import schema
from ..support import compat
from .manual_table import fill_manual_table

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
    corner."""
    rows = boundary_rows(geometry)
    if len(rows) > MAX_ROWS:
        more = len(rows) - (MAX_ROWS - 1)
        rows = rows[:MAX_ROWS - 1] + [("…", f"另{more}点", "见界址点坐标TXT")]
    if not fill_manual_table(frame, HEADERS, rows):
        return
    box = map_item.mapToScene(map_item.rect()).boundingRect()  # the map itself, not its grid labels
    size = frame.sizeWithUnits()  # a table fixes its frames' width to its columns' (QGIS's own sum)
    frame.attemptMove(QgsLayoutPoint(box.right() - size.width(), box.bottom() - size.height(), compat.LAYOUT_MM))
    frame.setVisibility(bool(rows))
