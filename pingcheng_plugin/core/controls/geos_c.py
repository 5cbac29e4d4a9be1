"""GEOS's C API for the overlay on shapely 1.8 (Debian 12's, which the QGIS desktop and ``qgis_process`` there
use), through the GEOS library shapely 1.8 itself loaded.

Why: shapely 1.8 has no vectorised operations and costs ~10 µs of Python per call, and QGIS's QgsGeometry converts
both polygons to GEOS and the result back on every intersection; a DLTB overlay is 400,000 intersections. Here the
polygons are decoded into GEOS once, the pairs come from GEOS's own STRtree, and each pair costs one intersection
and one area call, which release Python's lock (ctypes does) and so run on every core. Shapely 2 does the same in
C (:func:`.pairs.vectorised`); this module is not used there (it can be: the tests run it on both).

The prototypes are declared here, on a library handle of our own (shapely's handle keeps its own declarations).
Every geometry, tree and context made here is destroyed here: :class:`GeosPolygons` owns its geometries (freed
with it), and each thread works in its own context (GEOS contexts are not shared between threads).
"""

from __future__ import annotations

import ctypes
import weakref
from typing import List, Optional, Sequence, Tuple

import numpy
from qgis.core import QgsGeometry, QgsWkbTypes

from ..support.errors import PingchengError
from ..support.i18n import tr

_VOID = ctypes.c_void_p
_DOUBLE_P = ctypes.POINTER(ctypes.c_double)
#: GEOSQueryCallback: void (*)(void *item, void *userdata)
QUERY_CALLBACK = ctypes.CFUNCTYPE(None, _VOID, _VOID)
_GEOMETRYCOLLECTION = 7
#: What :func:`polygon_facts` tells of a polygon.
EMPTY, VALID, INVALID = "empty", "valid", "invalid"
_PROTOTYPES = {  # name: (result, arguments), as geos_c.h declares them (GEOS ≥ 3.6)
    "GEOS_init_r": (_VOID, []),
    "GEOS_finish_r": (None, [_VOID]),
    "GEOSWKBReader_create_r": (_VOID, [_VOID]),
    "GEOSWKBReader_destroy_r": (None, [_VOID, _VOID]),
    "GEOSWKBReader_read_r": (_VOID, [_VOID, _VOID, ctypes.c_char_p, ctypes.c_size_t]),
    "GEOSGeom_destroy_r": (None, [_VOID, _VOID]),
    "GEOSArea_r": (ctypes.c_int, [_VOID, _VOID, _DOUBLE_P]),
    "GEOSisEmpty_r": (ctypes.c_char, [_VOID, _VOID]),
    "GEOSisValid_r": (ctypes.c_char, [_VOID, _VOID]),
    "GEOSGeom_getXMin_r": (ctypes.c_int, [_VOID, _VOID, _DOUBLE_P]),
    "GEOSGeom_getYMin_r": (ctypes.c_int, [_VOID, _VOID, _DOUBLE_P]),
    "GEOSGeom_getXMax_r": (ctypes.c_int, [_VOID, _VOID, _DOUBLE_P]),
    "GEOSGeom_getYMax_r": (ctypes.c_int, [_VOID, _VOID, _DOUBLE_P]),
    "GEOSIntersection_r": (_VOID, [_VOID, _VOID, _VOID]),
    "GEOSUnaryUnion_r": (_VOID, [_VOID, _VOID]),
    "GEOSGeom_createCollection_r": (_VOID, [_VOID, ctypes.c_int, ctypes.POINTER(_VOID), ctypes.c_uint]),
    "GEOSSTRtree_create_r": (_VOID, [_VOID, ctypes.c_size_t]),
    "GEOSSTRtree_insert_r": (None, [_VOID, _VOID, _VOID, _VOID]),
    "GEOSSTRtree_query_r": (None, [_VOID, _VOID, _VOID, QUERY_CALLBACK, _VOID]),
    "GEOSSTRtree_destroy_r": (None, [_VOID, _VOID]),
}
_library: Optional[ctypes.CDLL] = None


def _library_name() -> str:
    try:  # shapely 1.8's ctypes binding found and loaded libgeos_c: the same library, so the same GEOS
        from shapely.geos import lgeos

        return lgeos._lgeos._name
    except (ImportError, AttributeError):  # shapely 2 links GEOS itself; the system's, the one QGIS uses
        import ctypes.util

        name = ctypes.util.find_library("geos_c")
        if not name:
            raise PingchengError(tr("The control-layer overlay needs GEOS's C library (libgeos_c), which QGIS and "
                                    "shapely install with it; it was not found. Reinstall QGIS or shapely.")) from None
        return name


def library() -> ctypes.CDLL:
    """The GEOS C library with this module's prototypes."""
    global _library
    if _library is None:
        lib = ctypes.CDLL(_library_name())  # a handle of our own: shapely's declarations stay as they are
        for name, (result, arguments) in _PROTOTYPES.items():
            function = getattr(lib, name)
            function.restype, function.argtypes = result, arguments
        _library = lib
    return _library


class Context:
    """A GEOS context for the calling thread: ``with Context() as handle``."""

    def __enter__(self) -> int:
        self.handle = library().GEOS_init_r()
        return self.handle

    def __exit__(self, *_exc) -> None:
        library().GEOS_finish_r(self.handle)


def _readable(blob: bytes) -> bytes:
    """WKB GEOS can read: QGIS rewrites what GEOS's reader refuses (curves, Z/M of an ISO type) as 2D lines."""
    geometry = QgsGeometry()
    geometry.fromWkb(blob)
    inner = geometry.constGet()
    if inner is None:
        return b""
    if QgsWkbTypes.isCurvedType(inner.wkbType()):
        geometry = QgsGeometry(inner.segmentize())
    inner = geometry.constGet().clone()
    inner.dropZValue()
    inner.dropMValue()
    return bytes(QgsGeometry(inner).asWkb())


class GeosPolygons:
    """Polygons decoded into GEOS once (None where there is none), freed with this object."""

    def __init__(self, blobs: Sequence[Optional[bytes]]):
        lib = library()
        self._context = lib.GEOS_init_r()
        self.pointers: List[Optional[int]] = []
        reader = lib.GEOSWKBReader_create_r(self._context)
        # freed by the finaliser whatever happens next, also when decoding fails half-way
        self._finalizer = weakref.finalize(self, _free, self._context, self.pointers)
        read, context = lib.GEOSWKBReader_read_r, self._context
        try:
            for blob in blobs:
                pointer = read(context, reader, blob, len(blob)) if blob else None
                if pointer is None and blob:  # a type GEOS's reader refuses: QGIS rewrites it
                    rewritten = _readable(blob)
                    pointer = read(context, reader, rewritten, len(rewritten)) if rewritten else None
                self.pointers.append(pointer)
        finally:
            lib.GEOSWKBReader_destroy_r(context, reader)

    def __len__(self) -> int:
        return len(self.pointers)

    def close(self) -> None:
        self._finalizer()


def _free(context: int, pointers: Sequence[Optional[int]]) -> None:
    lib = library()
    for pointer in pointers:
        if pointer:
            lib.GEOSGeom_destroy_r(context, pointer)
    lib.GEOS_finish_r(context)


def polygon_facts(polygons: GeosPolygons) -> List[Tuple[str, float, Tuple[float, float, float, float]]]:
    """(EMPTY, VALID or INVALID, planar area, (xmin, ymin, xmax, ymax)) of each polygon; a missing one is EMPTY.
    Area and bounds only for a VALID one (else 0 and zeros)."""
    lib = library()
    is_empty, is_valid, area = lib.GEOSisEmpty_r, lib.GEOSisValid_r, lib.GEOSArea_r
    extent = (lib.GEOSGeom_getXMin_r, lib.GEOSGeom_getYMin_r, lib.GEOSGeom_getXMax_r, lib.GEOSGeom_getYMax_r)
    value = ctypes.c_double()
    out = ctypes.byref(value)
    facts = []
    nothing = (EMPTY, 0.0, (0.0, 0.0, 0.0, 0.0))
    with Context() as context:
        for pointer in polygons.pointers:
            if not pointer or is_empty(context, pointer) != b"\x00":  # 1: empty, 2: GEOS failed
                facts.append(nothing)
            elif is_valid(context, pointer) != b"\x01":
                facts.append((INVALID, 0.0, (0.0, 0.0, 0.0, 0.0)))
            else:
                area(context, pointer, out)
                planar = value.value
                box = []
                for get in extent:
                    get(context, pointer, out)
                    box.append(value.value)
                facts.append((VALID, planar, tuple(box)))
    return facts


def candidate_pairs(indexed: GeosPolygons, queried: GeosPolygons) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """(queried position, indexed position) of every pair whose envelopes meet, from GEOS's STRtree of
    ``indexed``. Computing the envelopes here, on one thread, also means the threads only read the geometries."""
    lib = library()
    found_queried: List[int] = []
    found_indexed: List[int] = []
    current = [0]

    def hit(item: int, _data: int) -> None:
        found_queried.append(current[0])
        found_indexed.append(item - 1)

    callback = QUERY_CALLBACK(hit)
    with Context() as context:
        tree = lib.GEOSSTRtree_create_r(context, 10)
        try:
            insert = lib.GEOSSTRtree_insert_r
            for n, pointer in enumerate(indexed.pointers):
                if pointer:
                    insert(context, tree, pointer, n + 1)  # the item is a position + 1: 0 would be a NULL item
            query = lib.GEOSSTRtree_query_r
            for n, pointer in enumerate(queried.pointers):
                if pointer:
                    current[0] = n
                    query(context, tree, pointer, callback, None)
        finally:
            lib.GEOSSTRtree_destroy_r(context, tree)
    return numpy.array(found_queried, dtype=int), numpy.array(found_indexed, dtype=int)


def intersection_areas(first: GeosPolygons, second: GeosPolygons, first_i: Sequence[int],
                       second_i: Sequence[int]) -> List[float]:
    """The planar area of the intersection of each pair (``first_i[k]``, ``second_i[k]``); 0 where GEOS fails on
    one (as QGIS leaves such a pair out). Call it on any thread: it works in a context of its own."""
    lib = library()
    intersection, area, destroy = lib.GEOSIntersection_r, lib.GEOSArea_r, lib.GEOSGeom_destroy_r
    a, b = first.pointers, second.pointers
    measured = []
    value = ctypes.c_double()
    out = ctypes.byref(value)
    with Context() as context:
        for i, j in zip(first_i, second_i):
            piece = intersection(context, a[i], b[j])
            if piece:
                ok = area(context, piece, out)
                destroy(context, piece)
                measured.append(value.value if ok else 0.0)
            else:
                measured.append(0.0)
    return measured


def union_area(sites: GeosPolygons, site_i: int, polygons: GeosPolygons, polygon_i: Sequence[int]
               ) -> Optional[float]:
    """The area of the union of the intersections of the site ``site_i`` with each of the polygons ``polygon_i``;
    None if GEOS fails."""
    lib = library()
    site = sites.pointers[site_i]
    with Context() as context:
        pieces = [lib.GEOSIntersection_r(context, polygons.pointers[j], site) for j in polygon_i]
        pieces = [p for p in pieces if p]
        if not pieces:
            return None
        array = (_VOID * len(pieces))(*pieces)
        collection = lib.GEOSGeom_createCollection_r(context, _GEOMETRYCOLLECTION, array, len(pieces))
        if not collection:  # the collection did not take them: they are still ours
            for piece in pieces:
                lib.GEOSGeom_destroy_r(context, piece)
            return None
        union = lib.GEOSUnaryUnion_r(context, collection)
        lib.GEOSGeom_destroy_r(context, collection)  # and the pieces it owns
        if not union:
            return None
        value = ctypes.c_double()
        ok = lib.GEOSArea_r(context, union, ctypes.byref(value))
        lib.GEOSGeom_destroy_r(context, union)
        return value.value if ok else None

