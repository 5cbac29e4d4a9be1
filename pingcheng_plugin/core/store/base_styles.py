"""Map styles of the illustrative base layers: blue rivers named along their course, grey roads, seat points.

Quiet colours, so the base stays under the plan's zones and corridors; the river and place names still read
through, since QGIS draws every label above every layer.
"""

from __future__ import annotations

from qgis.core import (
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..support import compat
from ..support.fonts import cjk_font
from . import base_map

RIVER_COLOUR = "#2f7fd0"
ROAD_COLOUR = "#8f8f8f"
PLACE_COLOUR = "#404040"


def _labels(layer: QgsVectorLayer, size: float, colour: str, placement, italic: bool = False,
            priority: int = 3) -> None:
    text = QgsTextFormat()
    font = cjk_font()
    font.setItalic(italic)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.7)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = "name"
    settings.setFormat(text)
    settings.placement = placement
    settings.priority = priority  # below the plan's own names: a base label gives way to a zone's
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def apply_base_style(layer: QgsVectorLayer, table: str) -> None:
    """Symbology and labels of the base table ``table``, and its name (the legend title)."""
    spec = base_map.base_table(table)
    layer.setName(spec.title_zh)
    if spec is base_map.RIVERS:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
            "line_color": RIVER_COLOUR, "line_width": "0.7", "line_width_unit": "MM", "capstyle": "round",
            "joinstyle": "round"})))
        _labels(layer, 8.0, "#1d5fa8", compat.LABEL_CURVED, italic=True, priority=4)
    elif spec is base_map.ROADS:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
            "line_color": ROAD_COLOUR, "line_width": "0.45", "line_width_unit": "MM", "line_style": "solid"})))
        _labels(layer, 6.5, "#606060", compat.LABEL_CURVED, priority=2)
    else:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "255,255,255,255", "outline_color": PLACE_COLOUR, "outline_width": "0.35",
            "size": "1.6", "size_unit": "MM"})))
        _labels(layer, 7.0, PLACE_COLOUR, compat.LABEL_AROUND_POINT, priority=3)
