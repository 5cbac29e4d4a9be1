"""Test geometries in the plan's storage CRS (metres): squares, rectangles and a bow-tie."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY


def square(x: float, y: float, size: float, multi: bool = True) -> QgsGeometry:
    """An axis-aligned square with its lower-left corner at (x, y): a multi-polygon like the plan's site layer
    stores, or with ``multi=False`` a plain polygon (``asPolygon()[0]`` is then its ring)."""
    ring = [QgsPointXY(x, y), QgsPointXY(x + size, y), QgsPointXY(x + size, y + size), QgsPointXY(x, y + size)]
    geometry = QgsGeometry.fromPolygonXY([ring + ring[:1]])
    if multi:
        geometry.convertToMultiType()
    return geometry


def rectangle(x0: float, y0: float, x1: float, y1: float) -> QgsGeometry:
    ring = [QgsPointXY(x0, y0), QgsPointXY(x1, y0), QgsPointXY(x1, y1), QgsPointXY(x0, y1)]
    geometry = QgsGeometry.fromPolygonXY([ring + ring[:1]])
    geometry.convertToMultiType()
    return geometry


def bow_tie(x: float, y: float, size: float) -> QgsGeometry:
    """A self-intersecting polygon whose two lobes cross at (x + size/2, y + size/2)."""
    ring = [QgsPointXY(x, y), QgsPointXY(x + size, y + size), QgsPointXY(x + size, y), QgsPointXY(x, y + size),
            QgsPointXY(x, y)]
    geometry = QgsGeometry.fromPolygonXY([ring])
    geometry.convertToMultiType()
    return geometry
