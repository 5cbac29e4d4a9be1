"""Each site against the control layers, in one pass per layer (:mod:`.pairs`): all sites meet all the layer's
polygons in one spatial query, and each overlap is measured once, for the area in the layer and by land class
alike.

Areas are ellipsoidal (CGCS2000, the survey's 椭球面积): planar areas times the ratio of ellipsoidal to planar area
where the site lies, measured with QGIS's QgsDistanceArea on a 100 m square at the nearest node of a 1 km grid.
That ratio (1/k², k the Gauss-Kruger scale factor) changes by about 3e-9 per metre east at Pingcheng's 60 km from
the central meridian, so within 500 m of a node it is right to 2e-6, far below the 0.01 % the results are checked
to; it spares a geodesic measurement per site and per piece (100,000 sites meet 500,000 DLTB parcels).

Polygons of one kind may overlap (two protected areas, a red-line patch digitised twice): the area in a layer is
the site's intersection with their union, never a sum. DLTB parcels tile the land, so land classes are summed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsDistanceArea, QgsGeometry, QgsRectangle
from shapely.geometry.base import BaseGeometry

from ..sites import areas
from ..sites.overlay import from_wkb_many, make_strtree, repaired, to_shapely, valid
from . import pairs

#: Spacing of the grid nodes the ellipsoidal/planar ratio is measured at (m), and the square measured there.
RATIO_GRID_M = 1000.0
_RATIO_SQUARE_M = 100.0


@dataclass
class ControlShape:
    """One control polygon in the storage CRS, valid (repaired at import): its shapely shape or, on the shapely 1.8
    path, only its QGIS geometry (decoding it into shapely 1.8 would cost more than the whole overlay)."""

    shape: Optional[BaseGeometry]
    name: str = ""
    code: str = ""
    dlbm: str = ""
    dlmc: str = ""
    group: str = ""
    group_name: str = ""
    geometry: Optional[QgsGeometry] = None  # the same polygon for QGIS's engine (shapely 1.8), when at hand

    @property
    def usable(self) -> bool:
        if self.shape is not None:
            return not self.shape.is_empty
        return self.geometry is not None and not self.geometry.isEmpty()


class SiteShape:
    """A site for the overlay (storage CRS): its valid shapely shape, or on the shapely 1.8 path its valid QGIS
    geometry, the shape then decoded only when asked for; neither: the site has no geometry."""

    def __init__(self, fid: int, project_code: Optional[str], shape: Optional[BaseGeometry], ellipsoidal_m2: float,
                 geometry: Optional[QgsGeometry] = None, planar_m2: Optional[float] = None):
        self.fid = fid
        self.project_code = project_code
        self._shape = shape
        self.ellipsoidal_m2 = ellipsoidal_m2  # the site's own area on the ellipsoid
        self.geometry = geometry
        self._planar_m2 = planar_m2

    @property
    def shape(self) -> Optional[BaseGeometry]:
        if self._shape is None and self.geometry is not None:
            self._shape = to_shapely(self.geometry)
        return self._shape

    @property
    def present(self) -> bool:
        return self._shape is not None or self.geometry is not None

    def bounds(self) -> Tuple[float, float, float, float]:
        if self._shape is None and self.geometry is not None:
            box = self.geometry.boundingBox()
            return box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()
        return self.shape.bounds

    @property
    def scale(self) -> float:
        """Ellipsoidal m² per planar m² at the site."""
        if self._planar_m2 is None:
            self._planar_m2 = self.shape.area if self.present else 0.0
        return self.ellipsoidal_m2 / self._planar_m2 if self._planar_m2 > 0 else 1.0


@dataclass
class KindResult:
    """A site in one control layer: the area inside it and what it touches."""

    area_m2: float
    names: List[str] = field(default_factory=list)
    codes: List[str] = field(default_factory=list)


@dataclass
class LandClassArea:
    dlbm: str
    dlmc: str
    group: str
    group_name: str
    area_m2: float


class EllipsoidRatio:
    """Ellipsoidal m² per planar m² near a point, measured once per node of a :data:`RATIO_GRID_M` grid."""

    def __init__(self, calculator: Optional[QgsDistanceArea] = None):
        self.calculator = calculator or areas.distance_area()
        self._nodes: Dict[Tuple[int, int], float] = {}

    def at(self, x: float, y: float) -> float:
        node = (round(x / RATIO_GRID_M), round(y / RATIO_GRID_M))
        ratio = self._nodes.get(node)
        if ratio is None:
            cx, cy, half = node[0] * RATIO_GRID_M, node[1] * RATIO_GRID_M, _RATIO_SQUARE_M / 2
            square = QgsGeometry.fromRect(QgsRectangle(cx - half, cy - half, cx + half, cy + half))
            ratio = self.calculator.measureArea(square) / square.area()
            self._nodes[node] = ratio if math.isfinite(ratio) and ratio > 0 else 1.0
            ratio = self._nodes[node]
        return ratio

    def area(self, geometry: QgsGeometry) -> float:
        """The ellipsoidal area of a polygon of a few kilometres at most; a larger one is measured outright."""
        box = geometry.boundingBox()
        return self.scaled(geometry.area(), (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()),
                           geometry)

    def scaled(self, planar_m2: float, box: Sequence[float], geometry) -> float:
        """:meth:`area` of a polygon whose planar area and bounds are known; ``geometry``: the QgsGeometry, or a
        function giving it, measured only when the polygon is too large for one ratio."""
        if max(box[2] - box[0], box[3] - box[1]) > RATIO_GRID_M:
            return self.calculator.measureArea(geometry if isinstance(geometry, QgsGeometry) else geometry())
        return planar_m2 * self.at((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def site_shapes(records: Sequence) -> List[SiteShape]:
    """:class:`SiteShape` of site records (fid, ``project_code``, geometry as WKB or QgsGeometry): decoded in bulk
    on shapely 2; on shapely 1.8 kept as QGIS geometries, only invalid ones repaired through shapely."""
    ratio = EllipsoidRatio()
    result = []
    if pairs.SHAPELY2:
        import numpy
        import shapely

        if all(record.wkb is not None for record in records):
            decoded = from_wkb_many([record.wkb for record in records])
        else:  # records of a layer's edit buffer carry QgsGeometry
            decoded = [to_shapely(record.qgs_geometry()) for record in records]
        array = numpy.array(decoded, dtype=object)
        # the stored polygon's planar area and bounds in two calls (an invalid one's area as QGIS measures it)
        planar, bounds = shapely.area(array).tolist(), shapely.bounds(array).tolist()
        for record, shape, area, box in zip(records, repaired(decoded), planar, bounds):
            result.append(SiteShape(record.fid, record.value("project_code"), shape,
                                    0.0 if shape is None else ratio.scaled(area, box, record.qgs_geometry)))
        return result
    for record in records:
        geometry = record.qgs_geometry()
        code = record.value("project_code")
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            result.append(SiteShape(record.fid, code, None, 0.0))
        elif geometry.isGeosValid():
            result.append(SiteShape(record.fid, code, None, ratio.area(geometry), geometry, geometry.area()))
        else:
            result.append(SiteShape(record.fid, code, valid(to_shapely(geometry)), ratio.area(geometry)))
    return result


class ControlIndex:
    """The polygons of one control layer, indexed once for many sites."""

    def __init__(self, controls: Sequence[ControlShape]):
        self._array = self._tree = None
        self._geometries: Optional[List[QgsGeometry]] = None
        if pairs.SHAPELY2 and all(c.shape is not None for c in controls):
            import numpy
            import shapely

            array = numpy.array([c.shape for c in controls], dtype=object)
            keep = ~shapely.is_empty(array) if len(array) else numpy.zeros(0, bool)  # one call, not one per polygon
            self.controls = [c for c, kept in zip(controls, keep.tolist()) if kept]
            self._array = array[keep]
        else:
            self.controls = [c for c in controls if c.usable]

    def overlaps(self, sites: Sequence[SiteShape]) -> Tuple[List[SiteShape], pairs.Overlaps]:
        """The sites that have a shape, and every overlap of them with the layer (positions into that list)."""
        present = [s for s in sites if s.present]
        if not self.controls or not present:
            return present, pairs.Overlaps()
        if pairs.SHAPELY2:
            if self._tree is None:
                if self._array is None:
                    import numpy

                    self._array = numpy.array([c.shape if c.shape is not None else to_shapely(c.geometry)
                                               for c in self.controls], dtype=object)
                self._tree = make_strtree(self._array)
            return present, pairs.vectorised(self._array, self._tree, [s.shape for s in present])
        if self._geometries is None:
            self._geometries = [c.geometry if c.geometry is not None else pairs.qgs_from_shapely(c.shape)
                                for c in self.controls]
        geometries = [pairs.site_geometry(s) for s in present]
        return present, pairs.with_qgis(self._geometries, geometries)


def in_layer(index: ControlIndex, sites: Sequence[SiteShape], min_m2: float,
             found: Optional[Tuple[List[SiteShape], pairs.Overlaps]] = None) -> Dict[int, KindResult]:
    """{site fid: area inside the layer and the names/codes touched}, for sites inside it by more than ``min_m2``
    (ellipsoidal m²). ``found``: the :meth:`ControlIndex.overlaps` of these sites, when already at hand."""
    present, overlaps = found or index.overlaps(sites)
    touched: Dict[int, List[ControlShape]] = defaultdict(list)
    scales = {n: present[n].scale for n in overlaps.layer}
    for n, c, planar in zip(overlaps.site, overlaps.control, overlaps.planar):
        if planar * scales[n] > min_m2:
            touched[n].append(index.controls[c])
    results: Dict[int, KindResult] = {}
    for n, planar in overlaps.layer.items():
        area = planar * scales[n]
        if area > min_m2:
            results[present[n].fid] = KindResult(area, _distinct(c.name for c in touched[n]),
                                                 _distinct(c.code for c in touched[n]))
    return results


def land_classes(index: ControlIndex, sites: Sequence[SiteShape], min_m2: float,
                 found: Optional[Tuple[List[SiteShape], pairs.Overlaps]] = None) -> Dict[int, List[LandClassArea]]:
    """{site fid: its area by land class (DLBM), largest first}; classes below ``min_m2`` are slivers of shared
    edges and left out. ``found`` as for :func:`in_layer`."""
    present, overlaps = found or index.overlaps(sites)
    by_site: Dict[int, Dict[Tuple[str, str, str, str], float]] = defaultdict(lambda: defaultdict(float))
    scales = {n: present[n].scale for n in overlaps.layer}
    for n, c, planar in zip(overlaps.site, overlaps.control, overlaps.planar):
        control = index.controls[c]
        by_site[n][(control.dlbm, control.dlmc, control.group, control.group_name)] += planar * scales[n]
    results: Dict[int, List[LandClassArea]] = {}
    for n, by_class in by_site.items():
        rows = [LandClassArea(*key, area) for key, area in by_class.items() if area > min_m2]
        if rows:
            rows.sort(key=lambda r: (-r.area_m2, r.dlbm))
            results[present[n].fid] = rows
    return results


def _distinct(values) -> List[str]:
    seen: List[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen
