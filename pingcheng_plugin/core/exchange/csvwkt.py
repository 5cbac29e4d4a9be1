"""CSV with the geometry as WKT in one column (what Excel users and many scripts exchange).

Read with Python's csv module rather than OGR, because OGR's CSV reader does not recode GBK text. The delimiter
(comma, semicolon, tab) is sniffed; the geometry column is the one named WKT/geometry/geom/shape (any case), or
else the first whose first value parses as WKT. A ``.prj`` file beside the CSV gives its CRS. Written as UTF-8
with a byte-order mark (Excel then shows Chinese correctly) or GBK.
"""

from __future__ import annotations

import csv
from typing import Dict, Iterator, List, Optional, Sequence, TextIO, Tuple

from osgeo import ogr
from qgis.core import QgsGeometry

from ..support.cell_text import unneutralise
from ..support.errors import InvalidInputError
from ..support.gdalutil import ogr_to_qgis, quiet_gdal
from ..support.i18n import tr
from . import encoding as enc

GEOMETRY_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape", "wkt_geom", "几何", "图形", "坐标")
_WKT_START = ("POLYGON", "MULTIPOLYGON", "POINT", "LINESTRING", "MULTI", "GEOMETRYCOLLECTION", "CURVEPOLYGON",
              "MULTISURFACE", "POLYHEDRALSURFACE", "TIN", "TRIANGLE")
csv.field_size_limit(1 << 28)  # WKT of a large boundary is long


def open_text(path: str, encoding: str) -> TextIO:
    codec = "utf-8-sig" if encoding == enc.UTF8 else enc.python_codec(encoding)
    return open(path, encoding=codec, errors="strict", newline="")


def _dialect(sample: str):
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def looks_like_wkt(text: object) -> bool:
    return isinstance(text, str) and text.strip().upper().startswith(_WKT_START)


class CsvReader:
    """Header, geometry column and rows of a CSV file (streamed)."""

    def __init__(self, path: str, encoding: str):
        self.path = path
        self.encoding = encoding
        try:
            with open_text(path, encoding) as handle:
                sample = handle.read(64 * 1024)
                handle.seek(0)
                self.dialect = _dialect(sample)
                reader = csv.reader(handle, self.dialect)
                self.header = [h.strip() for h in next(reader, [])]
                first = next(reader, None)
        except UnicodeDecodeError as err:
            raise InvalidInputError(tr("{path} is not {encoding} text ({error}); choose another encoding.").format(
                path=path, encoding=enc.label(encoding), error=err)) from err
        except csv.Error as err:
            raise InvalidInputError(tr("{path} is not a readable CSV file: {error}").format(path=path, error=err)) \
                from err
        if not self.header or not any(self.header):
            raise InvalidInputError(tr("{path} is empty: it has no header row.").format(path=path))
        self.geometry_column = self._geometry_column(first)
        if self.geometry_column is None:
            raise InvalidInputError(tr("{path} has no geometry column: name one WKT (or geometry) and put the "
                                       "boundary there as WKT text, e.g. MULTIPOLYGON(((...)))").format(path=path))
        self.fields = [h for i, h in enumerate(self.header) if i != self.geometry_column]

    def _geometry_column(self, first: Optional[Sequence[str]]) -> Optional[int]:
        for index, name in enumerate(self.header):
            if name.casefold() in GEOMETRY_NAMES:
                return index
        if first:
            for index, value in enumerate(first):
                if looks_like_wkt(value):
                    return index
        return None

    def rows(self) -> Iterator[Tuple[int, Dict[str, object], Optional[QgsGeometry], Optional[str]]]:
        """(line, attributes, geometry, problem) per data row; a problem is a translated reason."""
        try:
            with open_text(self.path, self.encoding) as handle:
                reader = csv.reader(handle, self.dialect)
                next(reader, None)
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        return
                    line = reader.line_num
                    if not any(cell.strip() for cell in row):
                        continue
                    yield (line,) + self._row(row, line)
        except UnicodeDecodeError as err:
            raise InvalidInputError(tr("{path} is not {encoding} text ({error}); choose another encoding.").format(
                path=self.path, encoding=enc.label(self.encoding), error=err)) from err
        except csv.Error as err:
            raise InvalidInputError(tr("{path} is damaged or truncated near line {line}: {error}").format(
                path=self.path, line=reader.line_num, error=err)) from err

    def _row(self, row: List[str], line: int) -> Tuple[Dict[str, object], Optional[QgsGeometry], Optional[str]]:
        problem = None
        if len(row) != len(self.header):
            problem = tr("line {line} has {found} values, the header has {expected}").format(
                line=line, found=len(row), expected=len(self.header))
        values = row + [""] * (len(self.header) - len(row))
        attributes = {name: (unneutralise(values[i].strip()) or None) for i, name in enumerate(self.header)
                      if i != self.geometry_column}
        text = values[self.geometry_column].strip()
        geometry = None
        if text:
            geometry = parse_wkt(text)
            if geometry is None:
                problem = problem or tr("line {line}: the geometry text cannot be read as WKT").format(line=line)
        return attributes, geometry, problem


def parse_wkt(text: str) -> Optional[QgsGeometry]:
    """Strict WKT (OGR's parser: QGIS's accepts a truncated text as a smaller geometry)."""
    with quiet_gdal():
        geometry = ogr.CreateGeometryFromWkt(text)
    return ogr_to_qgis(geometry) if geometry is not None else None


def writer(handle: TextIO):
    return csv.writer(handle, lineterminator="\r\n")

