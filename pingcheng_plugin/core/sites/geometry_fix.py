"""*Fix geometry*: make a site's boundary valid and drop slivers, keeping it a polygon layer's multipolygon."""

from __future__ import annotations

from typing import List, Tuple

from qgis.core import QgsGeometry, QgsWkbTypes

#: Parts and holes smaller than this (m²) are digitising slivers, not part of a site.
DEFAULT_SLIVER_M2 = 1.0


def polygon_parts(geometry: QgsGeometry) -> Tuple[List[QgsGeometry], int]:
    """(polygon parts, number of other parts dropped) of any geometry, collections included."""
    if geometry.isNull() or geometry.isEmpty():
        return [], 0
    flat = QgsWkbTypes.flatType(geometry.wkbType())
    if geometry.type() == QgsWkbTypes.PolygonGeometry:
        if geometry.isMultipart():
            return [QgsGeometry(part.clone()) for part in _parts(geometry)], 0
        return [QgsGeometry(geometry)], 0
    if flat == QgsWkbTypes.GeometryCollection:
        kept, dropped = [], 0
        for part in geometry.asGeometryCollection():
            polygons, others = polygon_parts(part)
            kept += polygons
            dropped += others if polygons or others else 1
        return kept, dropped
    return [], 1


def _parts(geometry: QgsGeometry):
    collection = geometry.constGet()
    return [collection.geometryN(i) for i in range(collection.numGeometries())]


def fix_geometry(geometry: QgsGeometry, sliver_m2: float = DEFAULT_SLIVER_M2) -> QgsGeometry:
    """A valid multipolygon covering ``geometry``, without parts or holes smaller than ``sliver_m2``.

    Returns an empty geometry when nothing polygonal of that size is left (the caller reports it).
    """
    fixed = geometry.makeValid() if not geometry.isGeosValid() else QgsGeometry(geometry)
    kept = []
    for part in polygon_parts(fixed)[0]:
        rings = part.asPolygon()
        if not rings or QgsGeometry.fromPolygonXY([rings[0]]).area() < sliver_m2:
            continue
        holes = [ring for ring in rings[1:] if QgsGeometry.fromPolygonXY([ring]).area() >= sliver_m2]
        kept.append([rings[0]] + holes)
    if not kept:
        return QgsGeometry()
    result = QgsGeometry.fromMultiPolygonXY(kept)
    result.removeDuplicateNodes(1e-6)
    if not result.isGeosValid():  # parts that touched may need one more dissolve
        result = QgsGeometry.unaryUnion([QgsGeometry.fromPolygonXY(p) for p in kept])
        result.convertToMultiType()
    return result
