"""Every overlap of many sites with the polygons of one control layer, measured in one pass.

A DLTB has hundreds of thousands of parcels and a plan a hundred thousand sites, so nothing here is done per site
and polygon in Python where the geometry library can do it in bulk, and the intersections, nearly all of the cost,
run on every core (GEOS releases Python's lock on shapely 2 and in QGIS's bindings alike):

- shapely 2: one STRtree query of all sites against all polygons (the query prepares each site), one vectorised
  "covers" test of the pairs, one vectorised intersection of only the pairs where the polygon does not cover the
  site (covered: the piece is the site itself), and a union of a site's pieces only where they do not tile it;
- shapely 1.8 (Debian 12's, which the QGIS desktop there uses) pays ~10 µs of Python per call, so its path calls
  GEOS's C API itself (:mod:`.geos_c`): the polygons in GEOS's STRtree, one intersection and one area call per
  pair, on every core, and a union of a site's pieces only where they do not tile it.

Both answer the same pairs and planar areas, in the same order (by site, then polygon); areas on the ellipsoid are
the caller's (:mod:`.site_overlay`).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence, TypeVar

import numpy
import shapely
from shapely.geometry.base import BaseGeometry

from . import geos_c
from .geos_c import GeosPolygons

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


def with_geos(controls: GeosPolygons, sites: GeosPolygons, site_areas: Sequence[float]) -> Overlaps:
    """Shapely 1.8: the same pairs through GEOS's C API (:mod:`.geos_c`): the layer's polygons go into GEOS's
    STRtree, each site asks it for the polygons its envelope meets, and the pairs' intersections are measured on
    every core (each call releases Python's lock). ``site_areas``: each site's planar m²."""
    found = Overlaps()
    site_i, control_i = geos_c.candidate_pairs(controls, sites)
    if not len(site_i):
        return found
    order = numpy.lexsort((control_i, site_i))
    site_i, control_i = site_i[order], control_i[order]

    def measure(chunk: range) -> List[float]:
        return geos_c.intersection_areas(controls, sites, control_i[chunk.start:chunk.stop].tolist(),
                                         site_i[chunk.start:chunk.stop].tolist())

    planar = numpy.array([a for chunk in _in_parallel(measure, len(site_i)) for a in chunk], dtype=float)
    keep = planar > 0
    found.site, found.control, found.planar = site_i[keep], control_i[keep], planar[keep]
    if not len(found.site):
        return found
    starts = numpy.flatnonzero(numpy.r_[True, found.site[1:] != found.site[:-1]])
    ends = numpy.r_[starts[1:], len(found.site)]
    sums = numpy.add.reduceat(found.planar, starts)
    for start, end, total in zip(starts.tolist(), ends.tolist(), sums.tolist()):
        s = int(found.site[start])
        if end - start == 1 or tiles(total, site_areas[s]):
            found.layer[s] = total
        else:  # polygons of the layer that overlap each other: their union, once (the sum if GEOS fails on it)
            union = geos_c.union_area(sites, s, controls, found.control[start:end].tolist())
            found.layer[s] = min(total, site_areas[s]) if union is None else union
    return found
