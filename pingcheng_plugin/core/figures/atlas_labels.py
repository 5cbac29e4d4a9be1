"""Zone names on the project location maps (atlas pages), placed away from the sites.

Labelled by QGIS, a zone's name lands wherever its polygon has room, often right on the page's site, where it
reads as the site's name. So each page places the names itself (as the neighbour names of the other maps): for
every zone in view, the point of its visible part farthest from its edges once the sites, the map edge and the
items over the map (inset, point table, north arrow) have been cut away, each grown by half the label's diagonal
(so no part of the label can reach them). A zone with no such room is left unnamed on that page; the legend
still lists it.
"""

from __future__ import annotations

import math
from typing import Sequence

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
    QgsSingleSymbolRenderer,
    QgsTextRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..store import schema
from ..support import compat
from ..support.errors import ExportError
from ..support.i18n import tr
from .layer_styles import text_format

ZONE_NAMES = "分区名称"
SIZE = 8.0
COLOUR = "#5a5a5a"
#: Room (mm on paper) kept between a zone name and a site or the map edge, beyond the label itself.
MARGIN_MM = 1.5


def zone_name_layer(project: QgsProject) -> QgsVectorLayer:
    """An empty point layer whose points the atlas pages move to where each zone's name goes."""
    layer = QgsVectorLayer(f"Point?crs={schema.STORAGE_CRS}&field=name:string", ZONE_NAMES, "memory")
    if not layer.isValid():
        raise ExportError(tr("A temporary layer for the figures cannot be created."))
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"size": "0", "color": "0,0,0,0",
                                                                            "outline_style": "no"})))
    settings = QgsPalLayerSettings()
    settings.fieldName = "name"
    settings.placement = compat.LABEL_OVER_POINT
    settings.displayAll = True  # the point was chosen with the label's size in mind
    settings.setFormat(text_format(SIZE, COLOUR))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    project.addMapLayer(layer, False)
    return layer


def _label_radius_mm(layer: QgsVectorLayer, name: str) -> float:
    """Half the diagonal of the name's label (text and its buffer) in mm on paper."""
    text = layer.labeling().settings().format()
    context = QgsRenderContext()
    context.setScaleFactor(300 / 25.4)  # painter units per mm
    width = QgsTextRenderer.textWidth(context, text, [name]) / context.scaleFactor()
    height = text.size() * 25.4 / 72.0 * 1.25
    buffer = text.buffer().size() if text.buffer().enabled() else 0.0
    return math.hypot(width / 2 + buffer, height / 2 + buffer)


def place_zone_names(layer: QgsVectorLayer, zones: QgsVectorLayer, sites: QgsVectorLayer, view: QgsRectangle,
                     scale: float, blocked: Sequence[QgsRectangle]) -> None:
    """Move the name points of ``layer`` for a page showing ``view`` at 1:``scale``; ``blocked`` are the map
    rectangles under items drawn over the map."""
    metres_per_mm = scale / 1000.0
    request = QgsFeatureRequest().setFilterRect(view)
    site_parts = [f.geometry() for f in sites.getFeatures(QgsFeatureRequest(request).setNoAttributes())
                  if f.hasGeometry()]
    taken = QgsGeometry.unaryUnion(site_parts) if site_parts else QgsGeometry()
    features = []
    for zone in zones.getFeatures(request):
        name = str(zone["name"] or "").strip()
        if not zone.hasGeometry() or not name or name == "NULL":
            continue
        radius = (_label_radius_mm(layer, name) + MARGIN_MM) * metres_per_mm
        window = view.buffered(-radius)
        if window.isEmpty() or window.width() <= 0 or window.height() <= 0:
            continue
        room = zone.geometry().intersection(QgsGeometry.fromRect(window))
        for rect in blocked:
            room = room.difference(QgsGeometry.fromRect(rect.buffered(radius)))
        if not taken.isEmpty():
            room = room.difference(taken.buffer(radius, 12))
        for other in features:  # names placed already on this page
            room = room.difference(other.geometry().buffer(2 * radius, 8))
        if room.isEmpty() or room.area() <= 0:
            continue
        piece = max(room.asGeometryCollection(), key=lambda g: g.area())
        point, distance = piece.poleOfInaccessibility(metres_per_mm * 0.5)
        if distance < SIZE * 25.4 / 72.0 * metres_per_mm:  # a sliver: the name would sit on the zone's edge
            continue
        feature = QgsFeature(layer.fields())
        feature.setGeometry(point)
        feature.setAttribute(0, name)
        features.append(feature)
    provider = layer.dataProvider()
    provider.truncate()
    provider.addFeatures(features)
    layer.updateExtents()
    layer.triggerRepaint()
