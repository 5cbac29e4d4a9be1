"""The exchange formats: their ids (a public contract: ``FORMAT`` of ``pingcheng:exportsites``), file extensions,
names and what each can carry."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from ..support.errors import InvalidInputError
from ..support.i18n import QT_TRANSLATE_NOOP, tr


@dataclass(frozen=True)
class Format:
    id: str
    label: str  # English source, marked for translation
    extensions: Tuple[str, ...]  # lower case, with the dot; the first is the one written
    attributes: bool  # carries every site attribute (a round trip keeps them all)
    can_export: bool = True


FORMATS: Tuple[Format, ...] = (
    Format("gpkg", QT_TRANSLATE_NOOP("@default", "GeoPackage"), (".gpkg",), True),
    Format("shp", QT_TRANSLATE_NOOP("@default", "ESRI Shapefile"), (".shp", ".dbf"), True),
    Format("geojson", QT_TRANSLATE_NOOP("@default", "GeoJSON"), (".geojson", ".json"), True),
    Format("kml", QT_TRANSLATE_NOOP("@default", "KML (Google Earth)"), (".kml", ".kmz"), True),
    Format("dxf", QT_TRANSLATE_NOOP("@default", "AutoCAD DXF"), (".dxf",), False),
    Format("txt", QT_TRANSLATE_NOOP("@default", "Boundary-point coordinate text (界址点坐标 TXT)"), (".txt",), False),
    Format("csv", QT_TRANSLATE_NOOP("@default", "CSV with WKT geometry"), (".csv",), True),
)
#: Values of ``FORMAT`` in ``pingcheng:exportsites``, in the order of its list (never reorder: scripts use them).
EXPORT_IDS: Tuple[str, ...] = ("gpkg", "shp", "geojson", "kml", "dxf", "txt", "csv")
IMPORT_IDS: Tuple[str, ...] = tuple(f.id for f in FORMATS)


def get(format_id: str) -> Format:
    for candidate in FORMATS:
        if candidate.id == format_id:
            return candidate
    raise InvalidInputError(tr("Unknown format “{format}”; use one of {formats}.").format(
        format=format_id, formats=", ".join(EXPORT_IDS)))


def for_path(path: str) -> Format:
    """The format of ``path`` by its extension; a clear error for anything else."""
    extension = os.path.splitext(str(path))[1].lower()
    for candidate in FORMATS:
        if extension in candidate.extensions:
            return candidate
    raise InvalidInputError(tr("{path}: files ending in “{extension}” cannot be imported. Supported: {formats}.")
                            .format(path=path, extension=extension or tr("(no extension)"), formats=", ".join(
                                e for f in FORMATS for e in f.extensions)))


def for_path_or_none(path: str) -> Optional[str]:
    """The format id of ``path``, or None for an unknown extension."""
    try:
        return for_path(path).id
    except InvalidInputError:
        return None


def with_extension(path: str, format_id: str) -> str:
    """``path`` ending in the format's extension (added when missing)."""
    fmt = get(format_id)
    return path if os.path.splitext(path)[1].lower() in fmt.extensions else path + fmt.extensions[0]


def file_filter(format_ids: Sequence[str] = IMPORT_IDS, everything: bool = True) -> str:
    """A file-dialog filter: one entry per format, and first an entry with all of them."""
    entries = [f"{tr(get(i).label)} ({' '.join('*' + e for e in get(i).extensions)})" for i in format_ids]
    if everything and len(format_ids) > 1:
        patterns = " ".join("*" + e for i in format_ids for e in get(i).extensions)
        entries.insert(0, tr("All supported files ({patterns})").format(patterns=patterns))
    return ";;".join(entries)


def sidecar(path: str, extension: str) -> Optional[str]:
    """The file beside ``path`` with another extension (any case), if it exists: x.shp -> x.cpg / x.CPG."""
    stem = os.path.splitext(path)[0]
    for candidate in (stem + extension.lower(), stem + extension.upper()):
        if os.path.exists(candidate):
            return candidate
    return None
