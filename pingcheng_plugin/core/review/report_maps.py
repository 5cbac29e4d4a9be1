"""The small location maps of a review report: the site in red over the district boundary, the zones and the other
sites, drawn by QGIS's own renderer.

One private QgsProject holds the layers (never the user's project, so this runs in a QgsTask's worker thread). The
site to stress is chosen by the map's id (``@map_id``): a layout map item with the site's code as its id, or, for
the HTML's pictures, the same variable set on the map settings, so both draw the same rule.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsFillSymbol,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from ..store import plan_data, schema, styles

#: Around a site the map shows at least this many metres, and its own size times this factor.
MIN_SPAN_M = 600.0
SPAN_FACTOR = 2.5


class ReportMaps:
    def __init__(self, layers_path: str):
        self.project = QgsProject()
        self.project.setCrs(QgsCoordinateReferenceSystem(schema.STORAGE_CRS))
        self.boundary = plan_data.open_layer(layers_path, schema.BOUNDARY)
        self.zones = plan_data.open_layer(layers_path, schema.ZONES)
        self.sites = plan_data.open_layer(layers_path, schema.SITES)
        for layer, spec in ((self.boundary, schema.BOUNDARY), (self.zones, schema.ZONES)):
            styles.apply_style(layer, spec)
            layer.setLabelsEnabled(False)  # names would crowd a map a few centimetres wide
        self.sites.setRenderer(_site_renderer())
        self.sites.setLabelsEnabled(False)
        for layer in self.layers():
            self.project.addMapLayer(layer)
        self.extents: Dict[str, QgsRectangle] = {}
        for feature in self.sites.getFeatures():
            if feature.hasGeometry():
                box = feature.geometry().boundingBox()
                code = str(feature["project_code"])
                if code in self.extents:
                    box.combineExtentWith(self.extents[code])
                self.extents[code] = box

    def layers(self) -> List[QgsVectorLayer]:
        """Top first, as QgsMapSettings and layout maps take them."""
        return [self.sites, self.boundary, self.zones]

    def extent(self, code: str) -> Optional[QgsRectangle]:
        """What the location map of site ``code`` shows, or None for a site not in the layers."""
        box = self.extents.get(code)
        if box is None:
            return None
        span = max(box.width(), box.height()) * SPAN_FACTOR
        span = max(span, MIN_SPAN_M)
        centre = box.center()
        return QgsRectangle(centre.x() - span / 2, centre.y() - span / 2, centre.x() + span / 2,
                            centre.y() + span / 2)

    def image(self, code: str, width: int = 320, height: int = 240) -> Optional[QImage]:
        """The location map of ``code`` as a picture (None for a site not in the layers)."""
        extent = self.extent(code)
        if extent is None:
            return None
        settings = QgsMapSettings()
        settings.setLayers(self.layers())
        settings.setDestinationCrs(self.project.crs())
        settings.setOutputSize(QSize(width, height))
        settings.setOutputDpi(96)
        settings.setExtent(extent)
        settings.setBackgroundColor(QColor("white"))
        context = QgsExpressionContext()
        scope = QgsExpressionContextScope()
        scope.setVariable("map_id", code)
        context.appendScope(scope)
        settings.setExpressionContext(context)
        image = QImage(QSize(width, height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            job = QgsMapRendererCustomPainterJob(settings, painter)
            job.renderSynchronously()
        finally:
            painter.end()
        return image

    def close(self) -> None:
        self.project.clear()


def _site_renderer() -> QgsRuleBasedRenderer:
    """The reported site in red, the others in grey: a rule on the map's id."""
    root = QgsRuleBasedRenderer.Rule(None)
    stressed = QgsFillSymbol.createSimple({"color": "215,25,28,90", "outline_color": "#d7191c",
                                           "outline_width": "0.8", "outline_width_unit": "MM"})
    others = QgsFillSymbol.createSimple({"color": "120,120,120,40", "outline_color": "#666666",
                                         "outline_width": "0.2", "outline_width_unit": "MM"})
    root.appendChild(QgsRuleBasedRenderer.Rule(others, 0, 0, '"project_code" IS NULL OR "project_code" <> @map_id'))
    root.appendChild(QgsRuleBasedRenderer.Rule(stressed, 0, 0, '"project_code" = @map_id'))
    return QgsRuleBasedRenderer(root)
