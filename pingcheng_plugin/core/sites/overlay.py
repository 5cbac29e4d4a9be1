"""Which zones and key areas each site overlaps, and by how much, for many sites at once.

The plan areas go into a shapely STRtree once; each site is tested only against the areas whose envelopes it
meets, with prepared geometries for the exact test. With shapely 2 the whole batch is one vectorised query;
shapely 1.8 (Debian 12's system package, which the QGIS desktop there uses) takes the per-site path.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Dict, List, Optional, Sequence, Tuple

import shapely
from qgis.core import QgsGeometry
from shapely import wkb as shapely_wkb
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

from ..rules.thresholds import OVERLAP_EPSILON_M2 as OVERLAP_EPSILON_M2

#: Shapely 2's vectorised functions (shapely.from_wkb …); Debian 12's system shapely is 1.8. Told by the API, not by
#: the version string: distribution builds may report "0+unknown".
SHAPELY2 = hasattr(shapely, "from_wkb")


def make_strtree(geometries: Sequence[BaseGeometry]) -> STRtree:
    """An STRtree on shapely 1.8 and 2 alike. Shapely 1.8 warns on every tree that 2.0 will change its API; the
    plugin already takes the 2.0 path where it runs on 2.x (``SHAPELY2``), so on 1.8 that warning says nothing
    the user can act on and is silenced here, for the tree only."""
    if SHAPELY2:
        return STRtree(geometries)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="STRtree will be changed in 2.0.0")
        return STRtree(geometries)


def to_shapely(geometry: Optional[QgsGeometry]) -> Optional[BaseGeometry]:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    return shapely_wkb.loads(bytes(geometry.asWkb()))


def wkb_of(geometry: Optional[QgsGeometry]) -> Optional[bytes]:
    """The geometry as WKB; None for a missing, null or empty one."""
    return None if geometry is None or geometry.isNull() or geometry.isEmpty() else bytes(geometry.asWkb())


def to_shapely_many(geometries: Sequence[Optional[QgsGeometry]]) -> List[Optional[BaseGeometry]]:
    if SHAPELY2:
        return list(shapely.from_wkb([wkb_of(g) for g in geometries]))
    return [to_shapely(g) for g in geometries]


def from_wkb_many(blobs: Sequence[Optional[bytes]]) -> List[Optional[BaseGeometry]]:
    """Shapely geometries of WKB blobs (None stays None): one bulk decode on shapely 2."""
    if SHAPELY2:
        return list(shapely.from_wkb(list(blobs)))
    return [None if b is None else shapely_wkb.loads(b) for b in blobs]


class AreaOverlay:
    """Coded polygons (zones, key areas) ready for overlap queries of many sites at once.

    Most sites lie wholly inside one zone: a prepared "contains" test of the zone settles those, and the overlap is
    then the site's own area. Only sites across an edge need an intersection. The sites go into the spatial index
    (the areas are few and large, so each area is prepared once and asks the index for its sites).
    """

    def __init__(self, items: Sequence[Tuple[str, Optional[BaseGeometry]]]):
        kept = [(code, geom) for code, geom in items if geom is not None and not geom.is_empty]
        self.codes: List[str] = [code for code, _ in kept]
        self.geometries: List[BaseGeometry] = [valid(geom) for _, geom in kept]
        if not SHAPELY2:
            from shapely.prepared import prep

            self._prepared = [prep(g) for g in self.geometries]

    def overlaps(self, sites: Sequence[Optional[BaseGeometry]], sites_valid: bool = False) -> List[Dict[str, float]]:
        """For each site, {area code: intersection area} for every area it overlaps by more than epsilon.
        ``sites_valid``: the caller has repaired invalid sites and left out empty ones (the validator does, once)."""
        result: List[Dict[str, float]] = [{} for _ in sites]
        present = [i for i, s in enumerate(sites) if s is not None and (sites_valid or not s.is_empty)]
        if not self.geometries or not present:
            return result
        shapes = [sites[i] for i in present] if sites_valid else [valid(sites[i]) for i in present]
        pairs = self._pairs_vectorised(shapes) if SHAPELY2 else self._pairs_one_by_one(shapes)
        for area_index, site_index, value in pairs:
            if value > OVERLAP_EPSILON_M2:
                result[present[site_index]][self.codes[area_index]] = value
        return result

    def _pairs_vectorised(self, shapes: List[BaseGeometry]) -> List[Tuple[int, int, float]]:
        import numpy

        sites = numpy.array(shapes, dtype=object)
        areas = numpy.array(self.geometries, dtype=object)
        tree = STRtree(sites)
        inside_area, inside_site = tree.query(areas, predicate="contains")  # the query prepares each area
        hit_area, hit_site = tree.query(areas, predicate="intersects")
        whole = set(zip(inside_area.tolist(), inside_site.tolist()))
        partial = [n for n, pair in enumerate(zip(hit_area.tolist(), hit_site.tolist())) if pair not in whole]
        found = list(zip(inside_area.tolist(), inside_site.tolist(), shapely.area(sites[inside_site]).tolist()))
        if partial:
            a, s = hit_area[partial], hit_site[partial]
            found += zip(a.tolist(), s.tolist(), shapely.area(shapely.intersection(sites[s], areas[a])).tolist())
        return sorted(found)

    def _pairs_one_by_one(self, shapes: List[BaseGeometry]) -> List[Tuple[int, int, float]]:
        """Shapely 1.8 (Debian 12's system package): the same pairs, one prepared test per candidate."""
        tree = make_strtree(shapes)
        position = {id(g): n for n, g in enumerate(shapes)}
        found = []
        for area_index, (area, prepared) in enumerate(zip(self.geometries, self._prepared)):
            for candidate in tree.query(area):
                n = int(candidate) if isinstance(candidate, numbers.Integral) else position[id(candidate)]
                site = shapes[n]
                if prepared.contains(site):
                    found.append((area_index, n, site.area))
                elif prepared.intersects(site):
                    found.append((area_index, n, site.intersection(area).area))
        return sorted(found)


def repaired(shapes: Sequence[Optional[BaseGeometry]]) -> List[Optional[BaseGeometry]]:
    """The sites ready for :meth:`AreaOverlay.overlaps` with ``sites_valid``: empty ones as None, invalid ones made
    valid (one vectorised validity test on shapely 2)."""
    if SHAPELY2:
        import numpy

        array = numpy.array(list(shapes), dtype=object)
        usable = ~shapely.is_missing(array) & ~shapely.is_empty(array)
        broken = numpy.flatnonzero(usable & ~shapely.is_valid(array))
        if len(broken):
            array[broken] = shapely.make_valid(array[broken])
        array[~usable] = None
        return list(array)
    return [None if s is None or s.is_empty else valid(s) for s in shapes]


def valid(geometry: BaseGeometry) -> BaseGeometry:
    """Overlay needs valid input; an invalid site is reported by validation, here it is repaired for the maths."""
    if geometry is None or geometry.is_valid:
        return geometry
    return make_valid(geometry)


def make_valid(geometry: BaseGeometry) -> BaseGeometry:
    """GEOS's MakeValid on shapely 1.8 and 2 alike: it keeps every part of a bow-tie, where buffer(0) would drop
    one lobe, so both versions give the same areas, zones and findings."""
    if SHAPELY2:
        return shapely.make_valid(geometry)
    from shapely.validation import make_valid as make_valid_18

    return make_valid_18(geometry)
