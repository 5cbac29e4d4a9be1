"""Source geometries to what the plan stores: 2D multipolygons in the storage CRS (EPSG:4547).

Each step that changes a geometry says so (Z dropped, curves segmented, parts dropped, repaired); each step that
cannot go on says why (no geometry, a line or point, not transformable). Rings without polygon structure (CAD
polylines, the TXT format's rings) become polygons by nesting: a ring inside an odd number of rings is a hole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsWkbTypes,
)

from ..sites.geometry_fix import fix_geometry, polygon_parts
from ..support.i18n import tr
from . import crs as crs_module

Ring = List[QgsPointXY]


@dataclass
class Converted:
    geometry: Optional[QgsGeometry]  # a MultiPolygon in the storage CRS, or None with ``error``
    error: Optional[Tuple[str, str]] = None  # (code, translated detail)
    warnings: List[Tuple[str, str]] = field(default_factory=list)


def type_name(geometry: QgsGeometry) -> str:
    """A translated name of the geometry's kind for messages."""
    kind = geometry.type()
    if kind == QgsWkbTypes.PointGeometry:
        return tr("a point")
    if kind == QgsWkbTypes.LineGeometry:
        return tr("a line")
    return QgsWkbTypes.displayString(geometry.wkbType())


def _nonzero_z(geometry: QgsGeometry) -> bool:
    vertices = geometry.constGet().vertices()
    while vertices.hasNext():
        z = vertices.next().z()
        if z == z and z != 0:  # not NaN, not 0
            return True
    return False


class GeometryConverter:
    """Converts source geometries for one import: fixed source CRS, axis swap and repair choice."""

    def __init__(self, source_crs: QgsCoordinateReferenceSystem, swap: bool = False, repair: bool = False,
                 district_box: Optional[QgsRectangle] = None):
        self.source_crs = source_crs
        self.swap = swap
        self.repair = repair
        self.district_box = district_box
        target = crs_module.storage_crs()
        self._transform = None if source_crs == target else QgsCoordinateTransform(
            source_crs, target, QgsCoordinateTransformContext())

    def convert_feature(self, feature, problems: List[str]) -> Optional[Converted]:
        """A source feature's geometry converted; None, with "label: reason" added to ``problems``, when the
        reader already found it unusable or it cannot be converted (the layer imports refuse such features)."""
        if feature.problem:
            problems.append(tr("{feature}: {problem}").format(feature=feature.label, problem=feature.problem))
            return None
        converted = self.convert(feature.geometry)
        if converted.error:
            problems.append(tr("{feature}: {problem}").format(feature=feature.label, problem=converted.error[1]))
            return None
        return converted

    def convert(self, geometry: Optional[QgsGeometry]) -> Converted:
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            return Converted(None, ("IMPORT_NO_GEOMETRY", tr("it has no geometry")))
        result = Converted(None)
        geometry = QgsGeometry(geometry)
        if QgsWkbTypes.hasZ(geometry.wkbType()) or QgsWkbTypes.hasM(geometry.wkbType()):
            if (QgsWkbTypes.hasZ(geometry.wkbType()) and _nonzero_z(geometry)) or QgsWkbTypes.hasM(
                    geometry.wkbType()):
                result.warnings.append(("IMPORT_Z_DROPPED", tr("its Z/M values were dropped; the plan stores 2D "
                                                               "boundaries")))
            geometry.get().dropZValue()
            geometry.get().dropMValue()
        if QgsWkbTypes.isCurvedType(geometry.wkbType()):
            geometry = QgsGeometry(geometry.constGet().segmentize())
            result.warnings.append(("IMPORT_CURVES", tr("its arcs were replaced by straight segments")))
        parts, dropped = polygon_parts(geometry)
        if not parts:
            return Converted(None, ("IMPORT_GEOMETRY_TYPE", tr("it is {kind}, not a polygon").format(
                kind=type_name(geometry))))
        if dropped:
            result.warnings.append(("IMPORT_PARTS_DROPPED", tr("{count} parts that are not polygons were "
                                                               "dropped").format(count=dropped)))
        geometry = parts[0] if len(parts) == 1 else QgsGeometry.collectGeometry(parts)
        if self.swap:
            geometry.get().swapXy()
        if self._transform is not None:
            try:
                geometry.transform(self._transform)
            except QgsCsException as err:
                return Converted(None, ("IMPORT_TRANSFORM", tr("it cannot be transformed from {crs}: {error}")
                                        .format(crs=self.source_crs.authid(), error=err)))
        geometry.convertToMultiType()
        far = self._far_away(geometry)
        if far:
            return Converted(None, ("IMPORT_FAR_AWAY", far))
        if self.repair and not geometry.isGeosValid():
            repaired = fix_geometry(geometry)
            if repaired.isEmpty():
                return Converted(None, ("IMPORT_GEOMETRY_TYPE", tr("nothing of it is left after repair")))
            geometry = repaired
            result.warnings.append(("IMPORT_REPAIRED", tr("its invalid geometry was repaired")))
        result.geometry = geometry
        return result

    def _far_away(self, geometry: QgsGeometry) -> Optional[str]:
        """A feature far outside the district (beyond the whole-file check): say which mistake would explain it."""
        if self.district_box is None:
            return None
        box = geometry.boundingBox()
        margin = crs_module.FIT_MARGIN_M
        if box.intersects(self.district_box.buffered(margin)):
            return None
        distance = box.center().distance(self.district_box.center()) / 1000
        raw = QgsGeometry(geometry)  # back to the file's own numbers, to see what they would fit
        try:
            if self._transform is not None:
                raw.transform(self._transform, QgsCoordinateTransform.ReverseTransform)
            if self.swap:
                raw.get().swapXy()
            hints = crs_module.fitting(raw.boundingBox(), self.district_box)
        except QgsCsException:
            hints = []
        if hints:
            return tr("it lies {km} km from Pingcheng; its coordinates fit {crs}: {why}").format(
                km=f"{distance:,.0f}", crs=hints[0].describe(), why=hints[0].why)
        return tr("it lies {km} km from Pingcheng").format(km=f"{distance:,.0f}")


# --- rings to polygons --------------------------------------------------------------------------------------

def ring_area(ring: Sequence[QgsPointXY]) -> float:
    return abs(sum(a.x() * b.y() - b.x() * a.y() for a, b in zip(ring, list(ring[1:]) + [ring[0]]))) / 2


def close_ring(ring: Sequence[QgsPointXY]) -> Ring:
    points = list(ring)
    if points and (points[0].x() != points[-1].x() or points[0].y() != points[-1].y()):
        points.append(QgsPointXY(points[0]))
    return points


def nest_rings(rings: Sequence[Sequence[QgsPointXY]]) -> List[List[Ring]]:
    """Polygons (outer ring, holes...) from loose closed rings: each ring's parent is the smallest larger ring
    that contains it; rings at even depth are outer boundaries, at odd depth holes of their parent."""
    import numpy

    closed = [close_ring(r) for r in rings if len(r) >= 3]
    if not closed:
        return []
    areas = numpy.array([ring_area(r) for r in closed])
    bounds = numpy.array([(min(p.x() for p in r), min(p.y() for p in r), max(p.x() for p in r),
                           max(p.y() for p in r)) for r in closed])
    shapes = [QgsGeometry.fromPolygonXY([r]) for r in closed]
    order = sorted(range(len(closed)), key=lambda i: -areas[i])
    depth, parent = {}, {}
    for i in order:
        x0, y0, x1, y1 = bounds[i]
        around = numpy.nonzero((bounds[:, 0] <= x0) & (bounds[:, 1] <= y0) & (bounds[:, 2] >= x1)
                               & (bounds[:, 3] >= y1) & (areas > areas[i]))[0]
        inside = shapes[i].pointOnSurface()
        container = None
        for j in sorted(around.tolist(), key=lambda k: areas[k]):  # the smallest container first
            if shapes[j].contains(inside):
                container = j
                break
        parent[i] = container
        depth[i] = 0 if container is None else depth[container] + 1
    polygons: dict = {i: [closed[i]] for i in order if depth[i] % 2 == 0}
    for i in order:
        if depth[i] % 2 == 1:
            polygons[parent[i]].append(closed[i])
    return [polygons[i] for i in order if i in polygons]
