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

Threads share the geometries, read-only; but before GEOS 3.12 a geometry computes its envelope the first time it
is asked, without a lock (GEOS fixed this race in 3.12, "calculate envelope eagerly"). The STRtree fills the
envelope of every polygon and of its outer rings on one thread; the intersections also ask the envelope of every
hole, so :class:`GeosPolygons` fills those of polygons with holes as it decodes them, on older GEOS.
"""

from __future__ import annotations

import ctypes
import struct
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
    "GEOSversion": (ctypes.c_char_p, []),
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
    "GEOSGetNumGeometries_r": (ctypes.c_int, [_VOID, _VOID]),
    "GEOSGetGeometryN_r": (_VOID, [_VOID, _VOID, ctypes.c_int]),
    "GEOSGetNumInteriorRings_r": (ctypes.c_int, [_VOID, _VOID]),
    "GEOSGetInteriorRingN_r": (_VOID, [_VOID, _VOID, ctypes.c_int]),
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
    import shapely

    if not hasattr(shapely, "from_wkb"):  # shapely 1.8 (shapely 2 deprecates its shapely.geos module)
        try:  # its ctypes binding found and loaded libgeos_c: the same library, so the same GEOS
            from shapely.geos import lgeos

            return lgeos._lgeos._name
        except (ImportError, AttributeError):
            pass
    import ctypes.util  # shapely 2 links GEOS itself; the system's is the one QGIS uses

    name = ctypes.util.find_library("geos_c")
    if not name:
        raise PingchengError(tr("The control-layer overlay needs GEOS's C library (libgeos_c), which QGIS and "
                                "shapely install with it; it was not found. Reinstall QGIS or shapely."))
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


def readable(blob: bytes) -> bytes:
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


def lazy_envelopes() -> bool:
    """Whether this GEOS computes envelopes on first use (before 3.12), which threads must not race on."""
    version = library().GEOSversion().decode("ascii", "replace").split("-")[0].split(".")
    try:
        return (int(version[0]), int(version[1])) < (3, 12)
    except (ValueError, IndexError):
        return True


_ONE, _POLYGON, _MULTIPOLYGON = struct.pack("<I", 1), b"\x01" + struct.pack("<I", 3), b"\x01" + struct.pack("<I", 6)


def linear_polygon(blob: bytes) -> bool:
    """Whether a WKB blob is a polygon or multipolygon (of straight lines), by its type code."""
    if blob[:5] in (_POLYGON, _MULTIPOLYGON):
        return True
    try:
        kind, = struct.unpack_from("<I" if blob[0] == 1 else ">I", blob, 1)
    except (IndexError, struct.error):
        return False
    return (kind & 0x0FFFFFFF) % 1000 in (3, 6)


def may_have_holes(blob: bytes) -> bool:
    """Whether a WKB polygon may have an interior ring, read from its ring counts without decoding it: False only
    for a polygon, or a multipolygon of one part, with one ring (ISO or extended WKB, any dimensions)."""
    if blob[5:9] == _ONE and (blob[:5] == _POLYGON or (blob[:5] == _MULTIPOLYGON and blob[14:18] == _ONE)):
        return False  # the common case, a 2D little-endian one, by its bytes alone
    try:
        order = "<" if blob[0] == 1 else ">"
        kind, = struct.unpack_from(order + "I", blob, 1)
        offset = 9 if kind & 0x20000000 else 5  # extended WKB with an SRID: four more bytes
        base = (kind & 0x0FFFFFFF) % 1000
        if base == 3:
            return struct.unpack_from(order + "I", blob, offset)[0] > 1
        if base == 6:
            parts, = struct.unpack_from(order + "I", blob, offset)
            if parts == 0:
                return False
            if parts == 1:
                part_order = "<" if blob[offset + 4] == 1 else ">"
                return struct.unpack_from(part_order + "I", blob, offset + 9)[0] > 1
    except (IndexError, struct.error):
        pass
    return True  # several parts, another type or a short blob: GEOS is asked


def _fill_hole_envelopes(context: int, pointer: int) -> None:
    lib = library()
    value = ctypes.c_double()
    for n in range(max(0, lib.GEOSGetNumGeometries_r(context, pointer))):
        part = lib.GEOSGetGeometryN_r(context, pointer, n)  # borrowed, as the rings are: never destroyed here
        if not part:
            continue
        for h in range(max(0, lib.GEOSGetNumInteriorRings_r(context, part))):  # -1: not a polygon
            ring = lib.GEOSGetInteriorRingN_r(context, part, h)
            if ring:
                lib.GEOSGeom_getXMin_r(context, ring, ctypes.byref(value))  # computes and keeps its envelope


class GeosPolygons:
    """Polygons decoded into GEOS once (None where there is none), freed with this object. ``unread``: the
    positions of blobs GEOS could not read even as QGIS rewrites them."""

    def __init__(self, blobs: Sequence[Optional[bytes]]):
        lib = library()
        self._context = lib.GEOS_init_r()
        self.pointers: List[Optional[int]] = []
        self.unread: List[int] = []
        reader = lib.GEOSWKBReader_create_r(self._context)
        # freed by the finaliser whatever happens next, also when decoding fails half-way
        self._finalizer = weakref.finalize(self, _free, self._context, self.pointers)
        read, context = lib.GEOSWKBReader_read_r, self._context
        fill = lazy_envelopes()
        try:
            for original in blobs:
                blob = original
                if blob and not linear_polygon(blob):  # a curve: GEOS 3.13 reads it but cannot intersect it
                    blob = readable(blob)
                pointer = read(context, reader, blob, len(blob)) if blob else None
                if pointer is None and blob:  # a variant GEOS's reader refuses: QGIS rewrites it
                    blob = readable(blob)
                    pointer = read(context, reader, blob, len(blob)) if blob else None
                if pointer is None and original:
                    self.unread.append(len(self.pointers))
                if pointer and fill and may_have_holes(blob):
                    _fill_hole_envelopes(context, pointer)
                self.pointers.append(pointer)
        finally:
            lib.GEOSWKBReader_destroy_r(context, reader)

    def __len__(self) -> int:
        return len(self.pointers)

    def close(self) -> None:
        self._finalizer()


def _free(context: int, pointers: List[Optional[int]]) -> None:
    lib = library()
    for pointer in pointers:
        if pointer:
            lib.GEOSGeom_destroy_r(context, pointer)
    pointers[:] = [None] * len(pointers)  # nothing can use a freed one after close()
    lib.GEOS_finish_r(context)


def polygon_facts(polygons: GeosPolygons) -> List[Tuple[str, float, Tuple[float, float, float, float]]]:
    """(EMPTY, VALID or INVALID, planar area, (xmin, ymin, xmax, ymax)) of each polygon; a missing one is EMPTY,
    one GEOS could not read or test is INVALID (the caller repairs it through QGIS). Area and bounds only for a
    VALID one (else 0 and zeros)."""
    lib = library()
    is_empty, is_valid, area = lib.GEOSisEmpty_r, lib.GEOSisValid_r, lib.GEOSArea_r
    extent = (lib.GEOSGeom_getXMin_r, lib.GEOSGeom_getYMin_r, lib.GEOSGeom_getXMax_r, lib.GEOSGeom_getYMax_r)
    value = ctypes.c_double()
    out = ctypes.byref(value)
    facts = []
    nothing = (EMPTY, 0.0, (0.0, 0.0, 0.0, 0.0))
    broken = (INVALID, 0.0, (0.0, 0.0, 0.0, 0.0))
    unread = set(polygons.unread)
    with Context() as context:
        for n, pointer in enumerate(polygons.pointers):
            if not pointer:
                facts.append(broken if n in unread else nothing)
                continue
            empty = is_empty(context, pointer)
            if empty == b"\x01":
                facts.append(nothing)
            elif empty != b"\x00" or is_valid(context, pointer) != b"\x01":  # 2: GEOS failed
                facts.append(broken)
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
    ``indexed``. The tree fills the envelopes of both sets here, on one thread (see the module's note on
    GEOS before 3.12)."""
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
        if not collection:  # GEOS (≥ 3.8) has freed the pieces with the failed collection
            return None
        union = lib.GEOSUnaryUnion_r(context, collection)
        lib.GEOSGeom_destroy_r(context, collection)  # and the pieces it owns
        if not union:
            return None
        value = ctypes.c_double()
        ok = lib.GEOSArea_r(context, union, ctypes.byref(value))
        lib.GEOSGeom_destroy_r(context, union)
        return value.value if ok else None

