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
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy
from qgis.core import QgsDistanceArea, QgsGeometry, QgsRectangle
from shapely.geometry.base import BaseGeometry

from ..sites import areas
from ..sites.overlay import from_wkb_many, make_strtree, repaired, to_shapely, valid, wkb_of
from . import geos_c, pairs

#: Spacing of the grid nodes the ellipsoidal/planar ratio is measured at (m), and the square measured there.
RATIO_GRID_M = 1000.0
_RATIO_SQUARE_M = 100.0


@dataclass(frozen=True)
class ControlLabel:
    """What a control polygon tells about itself. A layer has few distinct ones (a DLTB of 500,000 parcels has a
    few dozen land classes), so its polygons share them (:class:`ControlSet`)."""

    name: str = ""
    code: str = ""  # for the land survey its DLBM: a site meets hundreds of parcels, not their 标识码
    dlbm: str = ""
    dlmc: str = ""
    group: str = ""
    group_name: str = ""

    @property
    def land_class(self) -> Tuple[str, str, str, str]:
        return self.dlbm, self.dlmc, self.group, self.group_name


class ControlSet:
    """The polygons of one control layer in the storage CRS, valid (repaired at import), column by column: their
    shapely shapes (shapely 2) or WKB blobs (the shapely 1.8 path decodes them straight into GEOS, :mod:`.geos_c`:
    shapely 1.8 objects would cost more than the whole overlay), and for each the position of its
    :class:`ControlLabel` in ``labels``."""

    def __init__(self, labels: Sequence[ControlLabel], label_of: Sequence[int], shapes: Optional[Sequence] = None,
                 wkb: Optional[Sequence[Optional[bytes]]] = None):
        self.labels = list(labels)
        self.label_of = numpy.asarray(label_of, dtype=int)
        self.shapes = shapes
        self.wkb = wkb

    def __len__(self) -> int:
        return len(self.label_of)


class SiteShape:
    """A site for the overlay (storage CRS): its valid shapely shape, or on the shapely 1.8 path its valid polygon as
    WKB, the shape then decoded only when asked for; neither: the site has no geometry."""

    def __init__(self, fid: int, project_code: Optional[str], shape: Optional[BaseGeometry], ellipsoidal_m2: float,
                 wkb: Optional[bytes] = None, planar_m2: Optional[float] = None):
        self.fid = fid
        self.project_code = project_code
        self._shape = shape
        self.ellipsoidal_m2 = ellipsoidal_m2  # the site's own area on the ellipsoid
        self._wkb = wkb
        self._planar_m2 = planar_m2
        self._scale: Optional[float] = None

    @property
    def shape(self) -> Optional[BaseGeometry]:
        if self._shape is None and self._wkb is not None:
            self._shape = from_wkb_many([self._wkb])[0]
        return self._shape

    @property
    def present(self) -> bool:
        return self._shape is not None or self._wkb is not None

    @property
    def planar_m2(self) -> float:
        """The planar area of the (valid) site."""
        if self._planar_m2 is None:
            self._planar_m2 = self.shape.area if self.present else 0.0
        return self._planar_m2

    @property
    def scale(self) -> float:
        """Ellipsoidal m² per planar m² at the site."""
        if self._scale is None:
            self._scale = self.ellipsoidal_m2 / self.planar_m2 if self.planar_m2 > 0 else 1.0
        return self._scale

    def wkb(self) -> bytes:
        """The valid site as WKB (the shapely 1.8 path hands it to GEOS)."""
        return self._wkb if self._wkb is not None else self.shape.wkb


@dataclass
class KindResult:
    """A site in one control layer: the area inside it and what it touches."""

    area_m2: float
    names: List[str] = field(default_factory=list)
    codes: List[str] = field(default_factory=list)


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
    on shapely 2; on shapely 1.8 kept as WKB, only invalid ones decoded and repaired through shapely."""
    ratio = EllipsoidRatio()
    result = []
    if pairs.SHAPELY2:
        import shapely

        if all(record.wkb is not None for record in records):
            decoded = from_wkb_many([record.wkb for record in records])
        else:  # records of a layer's edit buffer carry QgsGeometry
            decoded = [to_shapely(record.qgs_geometry()) for record in records]
        array = numpy.array(decoded, dtype=object)
        # the stored polygon's planar area and bounds in two calls (an invalid one's area as QGIS measures it)
        planar, bounds = shapely.area(array).tolist(), shapely.bounds(array).tolist()
        for record, stored, shape, area, box in zip(records, decoded, repaired(decoded), planar, bounds):
            result.append(SiteShape(record.fid, record.value("project_code"), shape,
                                    0.0 if shape is None else ratio.scaled(area, box, record.qgs_geometry),
                                    planar_m2=area if shape is stored else None))  # a repaired one: its own area
        return result
    # shapely 1.8: validity, area and bounds from GEOS in bulk (:mod:`.geos_c`), the QgsGeometry only where needed
    blobs = [record.wkb if record.wkb is not None else wkb_of(record.qgs_geometry()) for record in records]
    polygons = geos_c.GeosPolygons(blobs)
    try:
        facts = geos_c.polygon_facts(polygons)
    finally:
        polygons.close()
    for record, blob, (state, area, box) in zip(records, blobs, facts):
        code = record.value("project_code")
        if state == geos_c.EMPTY:
            result.append(SiteShape(record.fid, code, None, 0.0))
        elif state == geos_c.VALID:
            result.append(SiteShape(record.fid, code, None, ratio.scaled(area, box, record.qgs_geometry), blob, area))
        else:  # invalid, or unreadable by GEOS: repaired for the maths (validation reports it), measured by QGIS
            geometry = record.qgs_geometry()
            linear = geos_c.readable(bytes(geometry.asWkb()))  # a curve as QGIS segmentises it
            shape = valid(from_wkb_many([linear])[0]) if linear else None
            result.append(SiteShape(record.fid, code, shape, ratio.area(geometry) if shape is not None else 0.0))
    return result


class ControlIndex:
    """The polygons of one control layer, indexed once for many sites."""

    def __init__(self, controls: ControlSet):
        self.labels = controls.labels
        self._array = self._tree = None
        self._wkb: Optional[Sequence[Optional[bytes]]] = None
        self._polygons: Optional[geos_c.GeosPolygons] = None
        self.label_of = controls.label_of
        if pairs.SHAPELY2:
            import shapely

            shapes = controls.shapes if controls.shapes is not None else from_wkb_many(controls.wkb or [])
            array = numpy.array(list(shapes), dtype=object)
            keep = ~shapely.is_missing(array) & ~shapely.is_empty(array)  # one call, not one per polygon
            self._array = array[keep]
            self.label_of = controls.label_of[keep] if len(keep) else numpy.zeros(0, int)
        else:  # decoded into GEOS when first needed; a missing or empty polygon meets nothing
            self._wkb = controls.wkb or []

    def __len__(self) -> int:
        return len(self.label_of)

    def overlaps(self, sites: Sequence[SiteShape]) -> Tuple[List[SiteShape], pairs.Overlaps]:
        """The sites that have a shape, and every overlap of them with the layer (positions into that list)."""
        present = [s for s in sites if s.present]
        if not len(self) or not present:
            return present, pairs.Overlaps()
        if pairs.SHAPELY2:
            if self._tree is None:
                self._tree = make_strtree(self._array)
            return present, pairs.vectorised(self._array, self._tree, [s.shape for s in present])
        if self._polygons is None:
            self._polygons = geos_c.GeosPolygons(self._wkb)
        shapes = geos_c.GeosPolygons([s.wkb() for s in present])
        try:
            return present, pairs.with_geos(self._polygons, shapes, [s.planar_m2 for s in present])
        finally:
            shapes.close()


Found = Tuple[List[SiteShape], pairs.Overlaps]


def _scales(present: Sequence[SiteShape], overlaps: pairs.Overlaps) -> numpy.ndarray:
    """Each pair's ellipsoidal m² per planar m² (its site's)."""
    scale = numpy.ones(len(present))
    for n in numpy.unique(overlaps.site).tolist():
        scale[n] = present[n].scale
    return scale[overlaps.site]


def in_layer(index: ControlIndex, sites: Sequence[SiteShape], min_m2: float,
             found: Optional[Found] = None) -> Dict[int, KindResult]:
    """{site fid: area inside the layer and the names/codes touched}, for sites inside it by more than ``min_m2``
    (ellipsoidal m²). ``found``: the :meth:`ControlIndex.overlaps` of these sites, when already at hand."""
    present, overlaps = found or index.overlaps(sites)
    if not len(overlaps.site):
        return {}
    area = overlaps.planar * _scales(present, overlaps)
    touched = area > min_m2
    # each site's distinct labels, in the order of the polygons (the pairs come by site, then polygon): a run of
    # label positions per site; sites meeting the same labels in the same order share their names and codes
    site_i, label_i = overlaps.site[touched], index.label_of[overlaps.control[touched]]
    first = numpy.unique(site_i * len(index.labels) + label_i, return_index=True)[1]
    first.sort()
    site_i, runs = site_i[first], label_i[first].tolist()
    starts = numpy.flatnonzero(numpy.r_[True, site_i[1:] != site_i[:-1]]) if len(site_i) else site_i
    spans = dict(zip(site_i[starts].tolist(), zip(starts.tolist(), numpy.r_[starts[1:], len(site_i)].tolist())))
    named: Dict[Tuple[int, ...], Tuple[List[str], List[str]]] = {}
    results: Dict[int, KindResult] = {}
    for n, planar in overlaps.layer.items():
        inside = planar * present[n].scale
        if inside > min_m2:
            start, end = spans.get(n, (0, 0))
            key = tuple(runs[start:end])
            if key not in named:
                labels = [index.labels[label] for label in key]
                named[key] = _distinct(label.name for label in labels), _distinct(label.code for label in labels)
            results[present[n].fid] = KindResult(inside, list(named[key][0]), list(named[key][1]))
    return results


@dataclass
class LandClassTable:
    """Sites' areas by land class, a row per (site, class), by site and largest first (the first a site's dominant
    class): parallel arrays, since 100,000 sites have half a million such rows."""

    classes: List[Tuple[str, str, str, str]]  # (DLBM, DLMC, group, group name)
    site: numpy.ndarray  # positions in the sites given to :meth:`ControlIndex.overlaps`
    land_class: numpy.ndarray  # positions in ``classes``
    area_m2: numpy.ndarray
    dominant: numpy.ndarray


def land_classes(index: ControlIndex, sites: Sequence[SiteShape], min_m2: float,
                 found: Optional[Found] = None) -> Tuple[List[SiteShape], LandClassTable]:
    """The sites that have a shape and their area by land class (DLBM); classes below ``min_m2`` are slivers of
    shared edges and left out. ``found`` as for :func:`in_layer`."""
    present, overlaps = found or index.overlaps(sites)
    classes = sorted({label.land_class for label in index.labels})
    class_of_label = numpy.array([classes.index(label.land_class) for label in index.labels], dtype=int)
    if not len(overlaps.site):
        empty = numpy.zeros(0, int)
        return present, LandClassTable(classes, empty, empty, numpy.zeros(0), numpy.zeros(0, bool))
    area = overlaps.planar * _scales(present, overlaps)
    keys, inverse = numpy.unique(overlaps.site * len(classes) + class_of_label[index.label_of[overlaps.control]],
                                 return_inverse=True)
    sums = numpy.bincount(inverse.ravel(), weights=area)
    keep = sums > min_m2
    keys, sums = keys[keep], sums[keep]
    site_i, class_i = keys // len(classes), keys % len(classes)
    order = numpy.lexsort((class_i, -sums, site_i))  # classes are sorted, so a tie goes to the smaller DLBM
    site_i, class_i, sums = site_i[order], class_i[order], sums[order]
    dominant = numpy.r_[True, site_i[1:] != site_i[:-1]] if len(site_i) else numpy.zeros(0, bool)
    return present, LandClassTable(classes, site_i, class_i, sums, dominant)


def _distinct(values: Iterable[str]) -> List[str]:
    return [value for value in dict.fromkeys(values) if value]
