"""Which zones and key areas each site overlaps, and by how much, for many sites at once.

The plan areas go into a shapely STRtree once; each site is tested only against the areas whose envelopes it
meets, with prepared geometries for the exact test. With shapely 2 the whole batch is one vectorised query;
shapely 1.8 (Debian 12's system package, which the QGIS desktop there uses) takes the per-site path.
"""

from __future__ import annotations

import numbers
from typing import Dict, List, Optional, Sequence, Tuple

import shapely
from qgis.core import QgsGeometry
from shapely import wkb as shapely_wkb
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

SHAPELY2 = int(shapely.__version__.split(".")[0]) >= 2
#: Intersections smaller than this are rounding noise of shared edges, not overlap.
OVERLAP_EPSILON_M2 = 1.0


def to_shapely(geometry: Optional[QgsGeometry]) -> Optional[BaseGeometry]:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    return shapely_wkb.loads(bytes(geometry.asWkb()))


def to_shapely_many(geometries: Sequence[Optional[QgsGeometry]]) -> List[Optional[BaseGeometry]]:
    if SHAPELY2:
        blobs = [None if g is None or g.isNull() or g.isEmpty() else bytes(g.asWkb()) for g in geometries]
        return list(shapely.from_wkb(blobs))
    return [to_shapely(g) for g in geometries]


class AreaOverlay:
    """Coded polygons (zones, key areas) ready for repeated overlap queries."""

    def __init__(self, items: Sequence[Tuple[str, Optional[BaseGeometry]]]):
        kept = [(code, geom) for code, geom in items if geom is not None and not geom.is_empty]
        self.codes: List[str] = [code for code, _ in kept]
        self.geometries: List[BaseGeometry] = [valid(geom) for _, geom in kept]
        self._tree = STRtree(self.geometries) if self.geometries else None
        if not SHAPELY2:
            from shapely.prepared import prep

            self._prepared = [prep(g) for g in self.geometries]
            self._index_of = {id(g): i for i, g in enumerate(self.geometries)}

    def overlaps(self, sites: Sequence[Optional[BaseGeometry]]) -> List[Dict[str, float]]:
        """For each site, {area code: intersection area} for every area it overlaps by more than epsilon."""
        result: List[Dict[str, float]] = [{} for _ in sites]
        if self._tree is None:
            return result
        if SHAPELY2:
            self._overlaps_vectorised(sites, result)
        else:
            for i, site in enumerate(sites):
                if site is not None and not site.is_empty:
                    result[i] = self._overlaps_one(valid(site))
        return result

    def _overlaps_vectorised(self, sites: Sequence[Optional[BaseGeometry]], result: List[Dict[str, float]]) -> None:
        import numpy

        array = numpy.array([valid(s) if s is not None else None for s in sites], dtype=object)
        shapely.prepare(array)
        site_idx, area_idx = self._tree.query(array, predicate="intersects")
        if len(site_idx) == 0:
            return
        areas = shapely.area(shapely.intersection(array[site_idx], numpy.array(self.geometries)[area_idx]))
        for s, a, value in zip(site_idx.tolist(), area_idx.tolist(), areas.tolist()):
            if value > OVERLAP_EPSILON_M2:
                result[s][self.codes[a]] = value

    def _overlaps_one(self, site: BaseGeometry) -> Dict[str, float]:
        found: Dict[str, float] = {}
        for candidate in self._tree.query(site):
            index = int(candidate) if isinstance(candidate, numbers.Integral) else self._index_of[id(candidate)]
            if self._prepared[index].intersects(site):
                value = site.intersection(self.geometries[index]).area
                if value > OVERLAP_EPSILON_M2:
                    found[self.codes[index]] = value
        return found


def valid(geometry: BaseGeometry) -> BaseGeometry:
    """Overlay needs valid input; an invalid site is reported by validation, here it is repaired for the maths."""
    if geometry is None or geometry.is_valid:
        return geometry
    if SHAPELY2:
        return shapely.make_valid(geometry)
    return geometry.buffer(0)
