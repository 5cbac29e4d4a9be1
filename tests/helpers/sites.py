"""Project sites in tests, made, the way QGIS's add-feature tool does."""

from __future__ import annotations

from typing import Dict, Optional

from qgis.core import (
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsTrackedVectorLayerTools,
    QgsVectorLayer,
    QgsVectorLayerUtils,
)

from tests.helpers.common import layer_by_table
from tests.helpers.geometry import square

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


_TOOLS = QgsTrackedVectorLayerTools()  # kept alive: forms hold it by pointer


def open_add_form(layer: QgsVectorLayer, geometry: QgsGeometry, values: Dict, canvas, parent=None):
    """QGIS's attribute dialog as the add-feature tool opens it after a polygon is closed, shown and filled in
    through the form (as typing does). Returns the dialog."""
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext

    feature = QgsVectorLayerUtils.createFeature(layer, geometry, {}, layer.createExpressionContext())
    context = QgsAttributeEditorContext()
    context.setMapCanvas(canvas)
    # QGIS's window hands its forms layer tools; a form with relation editors (a plan with control layers) needs them
    context.setVectorLayerTools(_TOOLS)
    dialog = QgsAttributeDialog(layer, feature, False, parent, True, context)
    dialog.setMode(QgsAttributeEditorContext.AddFeatureMode)
    dialog.show()
    for name, value in values.items():
        dialog.attributeForm().changeAttribute(name, value)
    return dialog
