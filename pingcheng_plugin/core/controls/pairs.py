"""Every overlap of many sites with the polygons of one control layer, measured in one pass.

A DLTB has hundreds of thousands of parcels and a plan a hundred thousand sites, so nothing here is done per site
and polygon in Python where the geometry library can do it in bulk, and the intersections, nearly all of the cost,
run on every core (GEOS releases Python's lock on shapely 2 and in QGIS's bindings alike):

- shapely 2: one STRtree query of all sites against all polygons (the query prepares each site), one vectorised
  "covers" test of the pairs, one vectorised intersection of only the pairs where the polygon does not cover the
  site (covered: the piece is the site itself), and a union of a site's pieces only where they do not tile it;
- shapely 1.8 (Debian 12's, which the QGIS desktop there uses) pays ~10 µs of Python per call, so its path uses
  QGIS's own GEOS engine: the sites go into a QgsSpatialIndex and each polygon is tested against the sites its
  envelope meets (prepared when it meets several), an intersection only where it does not contain the site.

Both answer the same pairs and planar areas, in the same order (by site, then polygon); areas on the ellipsoid are
the caller's (:mod:`.site_overlay`).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence, Tuple, TypeVar

import numpy
import shapely
from qgis.core import QgsGeometry, QgsSpatialIndex
from shapely.geometry.base import BaseGeometry

SHAPELY2 = hasattr(shapely, "from_wkb")  # as ..sites.overlay tells it: by the API, not the version string
#: Pieces whose areas add up to the site's own area within this share tile it: their union is their sum.
TILING_TOLERANCE = 1e-9
#: Threads the intersections run on (at most; one per core), and the fewest pairs worth a second thread: a site's
#: save meets a few dozen polygons, a whole plan against a DLTB hundreds of thousands.
MAX_THREADS = 8
PARALLEL_FROM = 2000
T = TypeVar("T")


@dataclass
class Overlaps:
    """Parallel arrays, one entry per (site, polygon) pair whose overlap has an area, by site then polygon."""

    site: numpy.ndarray = field(default_factory=lambda: numpy.zeros(0, int))  # positions in the sites given
    control: numpy.ndarray = field(default_factory=lambda: numpy.zeros(0, int))  # positions in the layer's polygons
    planar: numpy.ndarray = field(default_factory=lambda: numpy.zeros(0))  # planar m² of the site inside the polygon
    #: site position → planar m² inside the layer, polygons that overlap each other counted once
    layer: Dict[int, float] = field(default_factory=dict)


def threads() -> int:
    return max(1, min(MAX_THREADS, os.cpu_count() or 1))


def tiles(pieces_m2: float, site_m2: float) -> bool:
    """Whether pieces (each inside the site) adding up to ``pieces_m2`` tile a site of ``site_m2``: then they do
    not overlap and their union is their sum, without a union per site (DLTB parcels tile the land, so nearly every
    site of a DLTB is such a case). Pieces that overlap each other add up to the site only if their overlaps
    exactly equal an uncovered part, to 1e-9 of the site: not a case real data meets, and even then the error is
    the overlap, a sliver."""
    return abs(pieces_m2 - site_m2) <= TILING_TOLERANCE * site_m2


def qgs_from_shapely(shape: BaseGeometry) -> QgsGeometry:
    geometry = QgsGeometry()
    geometry.fromWkb(shape.wkb)
    return geometry


def _in_parallel(work: Callable[[range], T], count: int) -> List[T]:
    """``work`` over the positions 0..count-1 in contiguous chunks (ranges), on :func:`threads` threads when there
    are enough; the chunks' results in order."""
    workers = threads() if count >= PARALLEL_FROM else 1
    if workers == 1:
        return [work(range(count))]
    bounds = numpy.linspace(0, count, 4 * workers + 1).astype(int)  # several chunks a thread: uneven ones even out
    with ThreadPoolExecutor(workers, thread_name_prefix="pingcheng-overlay") as pool:
        return list(pool.map(work, [range(a, b) for a, b in zip(bounds[:-1], bounds[1:])]))


def vectorised(controls: numpy.ndarray, tree: object, sites: Sequence[BaseGeometry]) -> Overlaps:
    """Shapely 2: ``controls`` a numpy array of the layer's polygons, ``tree`` their STRtree."""
    found = Overlaps()
    shapes = numpy.array(list(sites), dtype=object)
    if not len(shapes) or tree is None:
        return found
    def query(chunk: range) -> numpy.ndarray:
        found_i = tree.query(shapes[chunk.start:chunk.stop], predicate="intersects")
        found_i[0] += chunk.start
        return found_i

    site_i, control_i = numpy.concatenate(_in_parallel(query, len(shapes)), axis=1)
    if not len(site_i):
        return found
    order = numpy.lexsort((control_i, site_i))  # by site, then polygon: the order the pieces are summed in
    site_i, control_i = site_i[order], control_i[order]
    mine, theirs = shapes[site_i], controls[control_i]
    pieces = mine.copy()
    cut = numpy.flatnonzero(~shapely.covers(theirs, mine))
    if len(cut):
        pieces[cut] = numpy.concatenate(_in_parallel(
            lambda chunk: shapely.intersection(mine[cut[chunk]], theirs[cut[chunk]]), len(cut)))
    planar = shapely.area(pieces)
    keep = planar > 0
    found.site, found.control, found.planar = site_i[keep], control_i[keep], planar[keep]
    found.layer = _unions_vectorised(found.site, found.planar, pieces[keep], shapely.area(shapes))
    return found


def _unions_vectorised(site_i, planar, pieces, site_areas) -> Dict[int, float]:
    """{site: area of the union of its pieces}; one piece is its own union, so are pieces that tile the site
    (:func:`tiles`); the others are unioned a row per site (rows of equal width, None-padded: union_all skips
    None) in one call per width class."""
    if not len(site_i):
        return {}
    starts = numpy.flatnonzero(numpy.r_[True, site_i[1:] != site_i[:-1]])
    counts = numpy.diff(numpy.r_[starts, len(site_i)])
    sums = numpy.add.reduceat(planar, starts)
    whole = site_areas[site_i[starts]]
    simple = (counts == 1) | (numpy.abs(sums - whole) <= TILING_TOLERANCE * whole)
    result = dict(zip(site_i[starts[simple]].tolist(), sums[simple].tolist()))
    several = numpy.flatnonzero(~simple)
    # width classes of powers of two: a site meeting 2,000 parcels does not widen every other site's row
    widths = 2 ** numpy.ceil(numpy.log2(counts[several])).astype(int) if len(several) else numpy.array([], int)
    for width in numpy.unique(widths):
        chosen = several[widths == width]
        grid = numpy.full((len(chosen), int(width)), None, dtype=object)
        for column in range(int(counts[chosen].max())):
            rows = numpy.flatnonzero(counts[chosen] > column)
            grid[rows, column] = pieces[starts[chosen[rows]] + column]
        areas = shapely.area(shapely.union_all(grid, axis=1))
        result.update(zip(site_i[starts[chosen]].tolist(), areas.tolist()))
    return result


def with_qgis(controls: Sequence[QgsGeometry], sites: Sequence[QgsGeometry]) -> Overlaps:
    """Shapely 1.8: the same pairs through QGIS's GEOS engine. The sites are indexed (a plan has fewer sites than a
    DLTB has parcels) and each polygon meets the sites its envelope touches; the polygons are shared out among the
    threads, so each QgsGeometry a thread calls a method of is its own (a site is only ever an argument)."""
    # filled before the threads start; they only query it (each query takes the index's own lock), and every
    # bounding box is computed here first, so the threads only read QGIS's cached ones
    index = QgsSpatialIndex()
    for n, site in enumerate(sites):
        index.addFeature(n, site.boundingBox())
    boxes = [polygon.boundingBox() for polygon in controls]
    inner = [site.constGet() for site in sites]  # once a site, not once a pair
    # measured here too: QGIS 3.28+ caches a ring's area inside the geometry, without a lock
    site_areas = [site.area() for site in sites]

    # Each call into QGIS lets the other threads run Python, and taking the lock back costs a thread switch, so
    # the loop makes as few calls as it can: an engine only for a polygon that meets several sites (preparing it
    # makes "intersects" and "contains" cheap); otherwise straight to the intersection, which is the site itself
    # where the polygon contains it (a separate test would cost about what the intersection does). QGIS before
    # 3.36 gives every thread the same GEOS context, as its own parallel map rendering does: GEOS keeps only its
    # error text there (an intersection GEOS fails on is left out, on one thread or several).
    def measure(chunk: range) -> List[Tuple[int, int, float, QgsGeometry]]:
        measured = []
        for c in chunk:
            near = index.intersects(boxes[c])
            if not near:
                continue
            polygon = controls[c]
            engine = None
            if len(near) > 2:
                engine = QgsGeometry.createGeometryEngine(polygon.constGet())
                engine.prepareGeometry()
            for s in near:
                if engine is not None and not engine.intersects(inner[s]):
                    continue
                if engine is not None and engine.contains(inner[s]):
                    piece, area = sites[s], site_areas[s]
                else:  # QgsGeometry's intersection, not the engine's: in QGIS 3.22 that is off by 1e-7
                    piece = polygon.intersection(sites[s])
                    area = piece.area()  # a new geometry, this thread's own
                if area > 0:
                    measured.append((s, c, area, piece))
        return measured

    measured = [item for chunk in _in_parallel(measure, len(controls)) for item in chunk]
    found = Overlaps()
    if not measured:
        return found
    site_i = numpy.array([m[0] for m in measured])
    control_i = numpy.array([m[1] for m in measured])
    planar = numpy.array([m[2] for m in measured], dtype=float)
    order = numpy.lexsort((control_i, site_i))
    found.site, found.control, found.planar = site_i[order], control_i[order], planar[order]
    starts = numpy.flatnonzero(numpy.r_[True, found.site[1:] != found.site[:-1]])
    counts = numpy.diff(numpy.r_[starts, len(order)])
    sums = numpy.add.reduceat(found.planar, starts)
    for start, count, total in zip(starts.tolist(), counts.tolist(), sums.tolist()):
        s = int(found.site[start])
        if count == 1 or tiles(total, site_areas[s]):
            found.layer[s] = total
        else:
            found.layer[s] = _union_area([measured[i][3] for i in order[start:start + count].tolist()])
    return found


def _union_area(parts: Sequence[QgsGeometry]) -> float:
    return QgsGeometry.unaryUnion(list(parts)).area()


def site_geometry(site) -> QgsGeometry:
    """The QGIS geometry the 1.8 path measures of a :class:`.site_overlay.SiteShape`: the stored one when the site
    needed no repair."""
    return site.geometry if site.geometry is not None else qgs_from_shapely(site.shape)
