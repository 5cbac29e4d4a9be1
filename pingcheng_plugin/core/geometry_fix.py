"""*Fix geometry*: make a site's boundary valid and drop slivers, keeping it a polygon layer's multipolygon."""

from __future__ import annotations

from typing import List

from qgis.core import QgsGeometry, QgsWkbTypes

#: Parts and holes smaller than this (m²) are digitising slivers, not part of a site.
DEFAULT_SLIVER_M2 = 1.0


def _polygons(geometry: QgsGeometry) -> List[QgsGeometry]:
    """The polygon parts of any geometry (makeValid may return collections with lines or points)."""
    if geometry.isNull() or geometry.isEmpty():
        return []
    if geometry.type() == QgsWkbTypes.PolygonGeometry:
        return [QgsGeometry.fromPolygonXY(p) for p in geometry.asMultiPolygon()] if geometry.isMultipart() \
            else [QgsGeometry(geometry)]
    if QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection:
        parts: List[QgsGeometry] = []
        for part in geometry.asGeometryCollection():
            parts += _polygons(part)
        return parts
    return []


def fix_geometry(geometry: QgsGeometry, sliver_m2: float = DEFAULT_SLIVER_M2) -> QgsGeometry:
    """A valid multipolygon covering ``geometry``, without parts or holes smaller than ``sliver_m2``.

    Returns an empty geometry when nothing polygonal of that size is left (the caller reports it).
    """
    fixed = geometry.makeValid() if not geometry.isGeosValid() else QgsGeometry(geometry)
    kept = []
    for part in _polygons(fixed):
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
