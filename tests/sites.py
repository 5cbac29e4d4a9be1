"""Helpers to make project sites in tests, the way QGIS's add-feature tool does."""

from __future__ import annotations

from typing import Dict, Optional

from qgis.core import QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer, QgsVectorLayerUtils

from tests.conftest import layer_by_table


def square(x: float, y: float, size: float) -> QgsGeometry:
    ring = [QgsPointXY(x, y), QgsPointXY(x + size, y), QgsPointXY(x + size, y + size), QgsPointXY(x, y + size)]
    geometry = QgsGeometry.fromPolygonXY([ring + ring[:1]])
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


VALID = {"name": "测试项目", "project_type": "CZXF", "status": "planned", "start_year": 2025, "end_year": 2027,
         "investment": 1000.0, "funding_source": "区级财政资金", "implementer": "平城区自然资源局"}


def zone_point(project: QgsProject, code: str, size: float = 600.0) -> QgsPointXY:
    """The lower-left corner of a free ``size`` square inside zone ``code``: no existing site, no key area edge.

    Searched on a grid, so tests can place new sites without touching the demo sites.
    """
    zones = {f["code"]: f.geometry() for f in layer_by_table(project, "restoration_zones").getFeatures()}
    sites = [f.geometry() for f in layer_by_table(project, "project_sites").getFeatures() if f.hasGeometry()]
    zone = zones[code]
    box = zone.boundingBox()
    step = size / 2
    y = box.yMinimum()
    while y < box.yMaximum():
        x = box.xMinimum()
        while x < box.xMaximum():
            candidate = square(x, y, size)
            if zone.contains(candidate) and not any(candidate.intersects(s) for s in sites):
                return QgsPointXY(x, y)
            x += step
        y += step
    raise LookupError(f"no free {size} m square in {code}")


def add_site(layer: QgsVectorLayer, geometry: Optional[QgsGeometry], values: Optional[Dict] = None) -> int:
    """Add a site to ``layer``'s edit buffer as the add-feature tool does: defaults from the form config, then
    the given values, in one edit command. Returns the new (negative) feature id."""
    attributes = {layer.fields().indexOf(k): v for k, v in (values or {}).items()}
    feature = QgsVectorLayerUtils.createFeature(layer, geometry or QgsGeometry(), attributes,
                                                layer.createExpressionContext())
    layer.beginEditCommand("add site")
    assert layer.addFeature(feature)
    layer.endEditCommand()
    return feature.id()
