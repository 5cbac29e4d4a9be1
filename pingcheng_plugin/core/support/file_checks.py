"""Is a freshly written file whole? Checked before it may replace anything (see :mod:`.output_files`).

Qt's PDF, SVG and image writers and GDAL's drivers do not report a failed write: on a full disk they leave an empty
or cut-off file and say "success". So every output is checked by what its format guarantees at its end (a PDF's
``%%EOF`` and cross-reference, a PNG's IEND chunk, a ZIP's central directory, the closing tag of SVG and HTML, DXF's
EOF) or by opening it (GeoPackage, GeoJSON, Shapefile, KML, TIFF) and counting what it holds. The checks read the
end of a file or iterate its features once; they never load a whole document.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import zipfile
from typing import Callable, Iterator, List, Optional
from urllib.parse import quote

from osgeo import gdal

from .i18n import tr

#: Files written beside a Shapefile's .shp; each must hold something when present.
SHAPEFILE_PARTS = (".shx", ".dbf", ".prj", ".cpg")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"IEND\xaeB`\x82"
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj")


def _tail(path: str, size: int = 4096) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - size))
        return handle.read()


def _head(path: str, size: int = 16) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def _pdf(path: str) -> Optional[str]:
    """Header, then a trailer whose startxref points at a cross-reference table or stream."""
    if not _head(path).startswith(b"%PDF-"):
        return tr("it does not start like a PDF file")
    match = _STARTXREF.search(_tail(path, 2048))
    if match is None:
        return tr("its end (%%EOF and the cross-reference) is missing")
    offset = int(match.group(1))
    if offset >= os.path.getsize(path):
        return tr("its cross-reference points past the end of the file")
    with open(path, "rb") as handle:
        handle.seek(offset)
        start = handle.read(32).lstrip()
    if not (start.startswith(b"xref") or _OBJECT.match(start)):
        return tr("its cross-reference table is damaged")
    return None


def _png(path: str) -> Optional[str]:
    if not _head(path).startswith(_PNG_SIGNATURE) or not _tail(path, 16).endswith(_PNG_END):
        return tr("the image data is cut off")
    return None


def _text_end(marker: bytes) -> Callable[[str], Optional[str]]:
    def check(path: str) -> Optional[str]:
        if marker not in _tail(path, 1024).lower():
            return tr("its end is missing")
        return None

    return check


def _zip(path: str) -> Optional[str]:
    try:
        with zipfile.ZipFile(path) as archive:  # reads the central directory, which is written last
            if not archive.namelist():
                return tr("it holds nothing")
    except (zipfile.BadZipFile, OSError, EOFError):
        return tr("it is not a complete workbook")
    return None


@contextlib.contextmanager
def _gdal_errors() -> Iterator[List[str]]:
    """GDAL's failures while the block runs, collected instead of printed or raised (the block then ends)."""
    errors: List[str] = []

    def handler(level, _number, message):
        if level >= gdal.CE_Failure:
            errors.append(message)

    gdal.PushErrorHandler(handler)
    try:
        yield errors
    except RuntimeError as err:  # GDAL's Python exceptions, where something in QGIS has switched them on
        errors.append(str(err))
    finally:
        gdal.PopErrorHandler()


def _raster(path: str) -> Optional[str]:
    """The last row of every band is readable (the last strip is the end of the file, compressed or not)."""
    with _gdal_errors() as errors:
        dataset = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
        if dataset is None:
            return tr("it cannot be opened")
        for number in range(1, dataset.RasterCount + 1):
            band = dataset.GetRasterBand(number)
            if band.ReadRaster(0, dataset.RasterYSize - 1, dataset.RasterXSize, 1) is None:
                errors.append("")
        dataset = None
    return tr("the image data is cut off") if errors else None


def _vector(path: str, features: Optional[int]) -> Optional[str]:
    """Opens with OGR, reads every feature and geometry, and holds ``features`` of them when given."""
    count = 0
    with _gdal_errors() as errors:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
        if dataset is None:
            return tr("it cannot be opened")
        for index in range(dataset.GetLayerCount()):
            for feature in dataset.GetLayer(index):
                feature.GetGeometryRef()
                count += 1
        dataset = None
    if errors:
        return tr("it cannot be read completely ({error})").format(error=errors[0])
    if features is not None and count != features:
        return tr("it holds {found} features instead of {expected}").format(found=count, expected=features)
    return None


def _geopackage(path: str, features: Optional[int]) -> Optional[str]:
    try:
        uri = "file:" + quote(os.path.abspath(path)) + "?mode=ro"  # read-only: a check never changes the file
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as con:
            result = con.execute("PRAGMA quick_check").fetchone()
    except sqlite3.Error as err:
        return tr("it cannot be read completely ({error})").format(error=err)
    if not result or result[0] != "ok":
        return tr("it cannot be read completely ({error})").format(error=result[0] if result else "?")
    return _vector(path, features)


def _shapefile(path: str, features: Optional[int]) -> Optional[str]:
    stem = os.path.splitext(path)[0]
    for extension in SHAPEFILE_PARTS:
        part = stem + extension
        if os.path.exists(part) and os.path.getsize(part) == 0:
            return tr("its {part} file is empty").format(part=extension)
    return _vector(path, features)


def _dxf(path: str, features: Optional[int]) -> Optional[str]:
    """GDAL assembles a DXF from a header, the entities and a trailer when it closes it; on a full disk the
    entities may be missing while the trailer (EOF) is there, so the entities are counted too."""
    return _text_end(b"eof")(path) or _vector(path, features)


_STRUCTURE = {
    ".pdf": _pdf,
    ".png": _png,
    ".svg": _text_end(b"</svg>"),
    ".html": _text_end(b"</html>"),
    ".qpt": _text_end(b"</layout>"),
    ".xlsx": _zip,
    ".tif": _raster,
    ".tiff": _raster,
}
_VECTOR = {".gpkg": _geopackage, ".shp": _shapefile, ".geojson": _vector, ".json": _vector, ".kml": _vector,
           ".dxf": _dxf}


def check_file(path: str, features: Optional[int] = None) -> Optional[str]:
    """None when ``path`` is complete, else what is wrong with it (translated, to follow the file's name).

    ``features``: how many features a vector file must hold."""
    try:
        if os.path.getsize(path) == 0:
            return tr("it is empty (0 bytes)")
        extension = os.path.splitext(path)[1].lower()
        if extension in _VECTOR:
            return _VECTOR[extension](path, features)
        check = _STRUCTURE.get(extension)
        return check(path) if check is not None else None
    except OSError as err:
        return tr("it cannot be read back ({error})").format(error=err.strerror or err)
