"""Every overlap of many sites with the polygons of one control layer, measured in one pass.

A DLTB has hundreds of thousands of parcels and a plan a hundred thousand sites, so nothing here is done per site
and polygon in Python where the geometry library can do it in bulk:

- shapely 2: one STRtree query of all sites against all polygons (the query prepares each site), one vectorised
  "covers" test of the pairs, one vectorised intersection of only the pairs where the polygon does not cover the
  site (covered: the piece is the site itself), and a union of a site's pieces only where they do not tile it;
- shapely 1.8 (Debian 12's, which the QGIS desktop there uses) pays ~10 µs of Python per call, so its path uses
  QGIS's own GEOS engine: the sites go into a QgsSpatialIndex and each polygon is tested against the sites its
  envelope meets (prepared when it meets several), an intersection only where it does not contain the site.

Both answer the same pairs and planar areas; areas on the ellipsoid are the caller's (:mod:`.site_overlay`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Sequence

import shapely
from qgis.core import QgsGeometry, QgsSpatialIndex
from shapely.geometry.base import BaseGeometry

SHAPELY2 = hasattr(shapely, "from_wkb")  # as ..sites.overlay tells it: by the API, not the version string
#: Pieces whose areas add up to the site's own area within this share tile it: their union is their sum.
TILING_TOLERANCE = 1e-9


@dataclass
class Overlaps:
    """Parallel lists, one entry per (site, polygon) pair whose overlap has an area."""

    site: List[int] = field(default_factory=list)  # positions in the sites given
    control: List[int] = field(default_factory=list)  # positions in the layer's polygons
    planar: List[float] = field(default_factory=list)  # planar m² of the part of the site inside the polygon
    #: site position → planar m² inside the layer, polygons that overlap each other counted once
    layer: Dict[int, float] = field(default_factory=dict)


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


def vectorised(controls: object, tree: object, sites: Sequence[BaseGeometry]) -> Overlaps:
    """Shapely 2: ``controls`` a numpy array of the layer's polygons, ``tree`` their STRtree."""
    import numpy

    found = Overlaps()
    shapes = numpy.array(list(sites), dtype=object)
    if not len(shapes) or tree is None:
        return found
    site_i, control_i = tree.query(shapes, predicate="intersects")
    if not len(site_i):
        return found
    order = numpy.lexsort((control_i, site_i))  # by site, then polygon: the order the pieces are summed in
    site_i, control_i = site_i[order], control_i[order]
    mine, theirs = shapes[site_i], controls[control_i]
    pieces = mine.copy()
    cut = numpy.flatnonzero(~shapely.covers(theirs, mine))
    if len(cut):
        pieces[cut] = shapely.intersection(mine[cut], theirs[cut])
    planar = shapely.area(pieces)
    keep = planar > 0
    site_i, control_i, planar, pieces = site_i[keep], control_i[keep], planar[keep], pieces[keep]
    found.site, found.control, found.planar = site_i.tolist(), control_i.tolist(), planar.tolist()
    found.layer = _unions_vectorised(site_i, planar, pieces, shapely.area(shapes))
    return found


def _unions_vectorised(site_i, planar, pieces, site_areas) -> Dict[int, float]:
    """{site: area of the union of its pieces}; one piece is its own union, so are pieces that tile the site
    (:func:`tiles`); the others are unioned a row per site (rows of equal width, None-padded: union_all skips
    None) in one call per width class."""
    import numpy

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
    DLTB has parcels) and each polygon meets the sites its envelope touches."""
    index = QgsSpatialIndex()
    for n, site in enumerate(sites):
        if site is not None:
            index.addFeature(n, site.boundingBox())
    pieces: Dict[int, List[tuple]] = {}
    for c, polygon in enumerate(controls):
        near = index.intersects(polygon.boundingBox())
        if not near:
            continue
        engine = QgsGeometry.createGeometryEngine(polygon.constGet())
        prepared = len(near) > 2  # preparing pays off from a few tests on, and makes "intersects" cheap
        if prepared:
            engine.prepareGeometry()
        for s in near:
            site = sites[s].constGet()
            if prepared and not engine.intersects(site):
                continue
            if engine.contains(site):
                piece = sites[s]
            else:  # unprepared, a separate "intersects" test costs about what the intersection of a disjoint pair does
                # QgsGeometry's intersection, not the engine's: in QGIS 3.22 the engine's result is off by 1e-7
                piece = polygon.intersection(sites[s])
            area = piece.area()
            if area > 0:
                pieces.setdefault(s, []).append((c, area, piece))
    found = Overlaps()
    for s in sorted(pieces):
        items = sorted(pieces[s], key=lambda item: item[0])
        for c, area, _piece in items:
            found.site.append(s)
            found.control.append(c)
            found.planar.append(area)
        total = sum(area for _c, area, _p in items)
        if len(items) == 1 or tiles(total, sites[s].area()):
            found.layer[s] = total
        else:
            found.layer[s] = _union_area([p for _c, _a, p in items])
    return found


def _union_area(parts: Sequence[QgsGeometry]) -> float:
    return QgsGeometry.unaryUnion(list(parts)).area()


def site_geometry(site) -> QgsGeometry:
    """The QGIS geometry the 1.8 path measures of a :class:`.site_overlay.SiteShape`: the stored one when the site
    needed no repair."""
    return site.geometry if site.geometry is not None else qgs_from_shapely(site.shape)
