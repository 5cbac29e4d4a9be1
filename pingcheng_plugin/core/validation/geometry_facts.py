"""What the rules need to know of every site's geometry, worked out once for all sites.

On shapely 2 each fact is one vectorised call over the whole layer (validity, repairs, areas, containment in the
district, locations); shapely 1.8 (Debian 12's system package, which QGIS there runs) takes one pass in Python with
the same results. The passes of :mod:`.engine` read these facts instead of asking GEOS again per rule.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple, Union

import shapely
from qgis.core import QgsGeometry
from shapely.geometry.base import BaseGeometry

from ..sites.overlay import SHAPELY2, make_valid

Point = Optional[Tuple[float, float]]


def point_on(geometry: Optional[BaseGeometry]) -> Point:
    """A point on a geometry to show a finding at: a point inside it, or its centroid where it is invalid."""
    if geometry is None or geometry.is_empty:
        return None
    point = geometry.representative_point() if geometry.is_valid else geometry.centroid
    return (point.x, point.y)


def _point_on_source(source: Union[bytes, QgsGeometry]) -> Point:
    """:func:`point_on` of a valid geometry given as WKB or QgsGeometry, through QGIS's GEOS: the same GEOS
    PointOnSurface, without shapely 1.8's slow coordinate access (a validation locates thousands of findings)."""
    if isinstance(source, QgsGeometry):
        geometry = source
    else:
        geometry = QgsGeometry()
        geometry.fromWkb(source)
    point = geometry.pointOnSurface()
    if point.isNull():
        return None
    xy = point.asPoint()
    return (xy.x(), xy.y())


class GeometryFacts:
    """Per-site facts, indexed like the sites: presence, validity, the two repairs, planar areas, locations."""

    def __init__(self, shapes: Sequence[Optional[BaseGeometry]],
                 sources: Optional[Sequence[Union[bytes, QgsGeometry, None]]] = None):
        """``sources``: the same sites as WKB or QgsGeometry where the caller has them (shapely 1.8 locates valid
        sites from them)."""
        self.shapes = list(shapes)
        self._sources = list(sources) if sources is not None else None
        if SHAPELY2:
            self._vectorised()
        else:
            self._one_by_one()
        self._points: Dict[int, Point] = {}
        self._expected: List[int] = []

    def _vectorised(self) -> None:
        import numpy

        raw = numpy.array(self.shapes, dtype=object)
        present = ~shapely.is_missing(raw) & ~shapely.is_empty(raw)
        valid = shapely.is_valid(raw)
        broken = numpy.flatnonzero(present & ~valid)
        self.present: List[bool] = present.tolist()
        self.valid: List[bool] = (valid | ~present).tolist()
        # Two repairs, as the rules have always used them: make_valid keeps every lobe of a bow-tie (areas, the
        # district, the zones); buffer(0) gives a clean outline for the overlap test and for locations.
        self.repaired = raw.copy()
        self.cleaned = raw.copy()
        if len(broken):
            self.repaired[broken] = shapely.make_valid(raw[broken])
            self.cleaned[broken] = shapely.buffer(raw[broken], 0)
        self.raw_area = numpy.nan_to_num(shapely.area(raw)).tolist()
        self.area = numpy.nan_to_num(shapely.area(self.repaired)).tolist()
        self._raw = raw

    def _one_by_one(self) -> None:
        self.present = [s is not None and not s.is_empty for s in self.shapes]
        self.valid = [not p or s.is_valid for s, p in zip(self.shapes, self.present)]
        self.repaired = [s if ok or not p else make_valid(s) for s, ok, p in zip(self.shapes, self.valid, self.present)]
        self.cleaned = [s if ok or not p else s.buffer(0) for s, ok, p in zip(self.shapes, self.valid, self.present)]
        self.raw_area = [s.area if p else 0.0 for s, p in zip(self.shapes, self.present)]
        self.area = [s.area if p else 0.0 for s, p in zip(self.repaired, self.present)]

    def inside(self, region: Optional[BaseGeometry], indexes: Sequence[int]) -> Dict[int, bool]:
        """For each of ``indexes`` (present sites), whether ``region`` (prepared here) contains its repair."""
        if region is None:
            return {i: True for i in indexes}
        if SHAPELY2:
            import numpy

            shapely.prepare(region)
            found = shapely.contains(region, self.repaired[numpy.array(indexes, dtype=int)]) if indexes else []
            return dict(zip(indexes, [bool(v) for v in found]))
        from shapely.prepared import prep

        prepared = prep(region)
        return {i: prepared.contains(self.repaired[i]) for i in indexes}

    def locate(self, indexes: Sequence[int]) -> None:
        """Work out the locations of ``indexes`` at once (shapely 2: one vectorised call)."""
        wanted = [i for i in indexes if i not in self._points]
        if not wanted:
            return
        if not SHAPELY2:
            for i in wanted:
                source = self._sources[i] if self._sources is not None else None
                if not self.present[i]:
                    self._points[i] = None
                elif source is not None and self.valid[i]:
                    self._points[i] = _point_on_source(source)
                else:
                    self._points[i] = point_on(self.cleaned[i])
            return
        import numpy

        chosen = self.cleaned[numpy.array(wanted, dtype=int)]
        usable = ~shapely.is_missing(chosen) & ~shapely.is_empty(chosen)
        clean = shapely.is_valid(chosen)
        inner, centre = shapely.point_on_surface(chosen), shapely.centroid(chosen)
        xs = numpy.where(clean, shapely.get_x(inner), shapely.get_x(centre))
        ys = numpy.where(clean, shapely.get_y(inner), shapely.get_y(centre))
        for i, ok, x, y in zip(wanted, usable.tolist(), xs.tolist(), ys.tolist()):
            self._points[i] = (x, y) if ok else None

    def point(self, i: int) -> Point:
        """The location of site ``i``'s findings (see :func:`point_on`). The first site asked for brings the
        locations of every reported site (:meth:`expect`) in one call: findings come in thousands."""
        if i not in self._points:
            # shapely 2 locates many sites in one call; shapely 1.8 pays per site, so it locates only this one
            self.locate([i, *self._expected] if SHAPELY2 else [i])
            self._expected = []
        return self._points[i]

    def expect(self, indexes: Sequence[int]) -> None:
        """The sites findings may be reported for: located together, when the first location is needed."""
        self._expected = list(indexes)
