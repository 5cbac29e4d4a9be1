"""GDAL/OGR helpers: thread-local configuration options, quiet error handling, geometry and field conversion.

QGIS's OGR provider sets ``SHAPE_ENCODING=""`` for the whole process the first time it opens any layer; from then
on GDAL neither recodes Shapefile text it reads without an ``ENCODING`` open option nor text it writes. Code that
reads or writes Shapefiles through OGR directly therefore sets the encoding explicitly, for its own thread only
(:func:`shape_encoding`).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
from typing import Callable, Dict, Iterator, Optional, Union

from osgeo import gdal, ogr
from qgis.core import QgsGeometry

from . import compat


@contextlib.contextmanager
def config_option(name: str, value: Optional[str]) -> Iterator[None]:
    """A GDAL configuration option for this thread only, restored afterwards."""
    setter = getattr(gdal, "SetThreadLocalConfigOption", gdal.SetConfigOption)
    getter = getattr(gdal, "GetThreadLocalConfigOption", gdal.GetConfigOption)
    previous = getter(name, None)
    setter(name, value)
    try:
        yield
    finally:
        setter(name, previous)


def shape_encoding(gdal_encoding: str):
    """Shapefile text recoded from/to ``gdal_encoding`` (e.g. 'UTF-8', 'CP936') in this thread."""
    return config_option("SHAPE_ENCODING", gdal_encoding)


@contextlib.contextmanager
def quiet_gdal() -> Iterator[None]:
    """GDAL errors are neither printed nor raised; callers check return values, read them with
    gdal.GetLastErrorMsg() and report them (whatever exception mode another plugin chose)."""
    with compat.gdal_error_codes():
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            yield
        finally:
            gdal.PopErrorHandler()


def gdal_quiet(function: Callable) -> Callable:
    """Decorator: the whole call runs under :func:`quiet_gdal` (for entry points doing many OGR calls)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with quiet_gdal():
            return function(*args, **kwargs)

    return wrapper


def ogr_to_qgis(geometry: ogr.Geometry) -> QgsGeometry:
    result = QgsGeometry()
    result.fromWkb(bytes(geometry.ExportToIsoWkb()))
    return result


def qgis_to_ogr(geometry: QgsGeometry) -> ogr.Geometry:
    return ogr.CreateGeometryFromWkb(bytes(geometry.asWkb()))


def set_field(feature: ogr.Feature, name: Union[str, int], value: object) -> None:
    """``feature[name] = value`` for Python values: None as NULL, booleans as 0/1, datetimes field by field.
    ``name`` may be the field's index: GDAL's Python binding looks a name up field by field, in Python, which at
    100,000 features cost more than writing them (see :class:`FieldIndexes`)."""
    # By index, the typed setters SetField itself dispatches to for exact str and int, without its per-call
    # argument checks (1.9 million calls in an import of 100,000 sites)
    kind = type(value)
    if kind is str and type(name) is int:
        feature.SetFieldString(name, value)
    elif kind is int and type(name) is int:
        feature.SetFieldInteger64(name, value)
    elif value is None:
        feature.SetFieldNull(name)
    elif isinstance(value, bool):
        feature.SetField(name, 1 if value else 0)
    elif isinstance(value, datetime.datetime):
        feature.SetField(name, value.year, value.month, value.day, value.hour, value.minute, value.second, 0)
    else:
        feature.SetField(name, value)


class FieldIndexes:
    """Field indexes of one layer definition, looked up once per name (for :func:`set_field`)."""

    def __init__(self, definition: ogr.FeatureDefn):
        self._definition = definition
        self._indexes: Dict[str, int] = {}

    def __getitem__(self, name: str) -> Union[str, int]:
        """The field's index, or its name when the layer has no such field (GDAL then reports it as before)."""
        index = self._indexes.get(name)
        if index is None:
            index = self._indexes[name] = self._definition.GetFieldIndex(name)
        return index if index >= 0 else name
