"""How the figures draw their layers: label text formats and halos, area and number labels, and the renderers of
the status map, the atlas pages and their inset (the plan's own layer styles are :mod:`..store.styles`)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCentroidFillSymbolLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsSimpleLineSymbolLayer,
    QgsSingleSymbolRenderer,
    QgsTextBackgroundSettings,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QSizeF
from qgis.PyQt.QtGui import QColor, QFont

from ...plan import vocabulary
from ..store.styles import UNCLASSIFIED_COLOUR, fill_symbol
from ..support import compat
from .frame_style import family

#: Status colours for the implementation-status figure (规划 → 在建 → 完工 → 已验收: warm to cool).
STATUS_COLOURS = {"planned": "#f4a261", "building": "#e76f51", "done": "#2a9d8f", "accepted": "#264653"}
SITE_FIELDS = (("seq", "integer"), ("fid", "integer"), ("project_code", "string"), ("name", "string"),
               ("project_type", "string"), ("status", "string"), ("phase", "string"), ("type_name", "string"),
               ("zone_name", "string"), ("key_area_names", "string"), ("area_ha", "double"),
               ("investment", "double"), ("period", "string"), ("phase_name", "string"),
               ("implementer", "string"), ("funding", "string"), ("measures", "string"), ("remarks", "string"),
               ("illustrative", "integer"))
CURRENT_SITE_COLOUR = "#d7191c"
NEIGHBOUR_LABEL_COLOUR = "#8a8a8a"
#: The atlas page's own site, in any layer carrying the site fields (the coverage and the inset copy).
CURRENT_SITE_FILTER = "\"fid\" = attribute(@atlas_feature, 'fid')"


def add_halo(layer: QgsVectorLayer) -> None:
    """A soft band inside the district boundary under its dash-dot line, as plan figures draw 区界."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsSingleSymbolRenderer):
        return
    symbol = renderer.symbol().clone()
    colour = QColor("#6a3d9a")
    if symbol.symbolLayerCount() and hasattr(symbol.symbolLayer(0), "strokeColor"):
        colour = QColor(symbol.symbolLayer(0).strokeColor())
    halo_colour = QColor(colour)
    halo_colour.setAlpha(70)
    halo = QgsSimpleLineSymbolLayer(halo_colour, 3.2)
    halo.setDrawInsidePolygon(True)
    symbol.insertSymbolLayer(0, halo)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def text_format(size: float, colour: str, bold: bool = False) -> QgsTextFormat:
    text = QgsTextFormat()
    font = QFont(family())
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.7)
    buffer.setColor(QColor(255, 255, 255, 230))
    text.setBuffer(buffer)
    return text


def style_area_labels(layer: QgsVectorLayer, size: float, colour: str, bold: bool = False) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = "name"
    settings.placement = compat.LABEL_HORIZONTAL
    settings.centroidInside = True
    settings.fitInPolygonOnly = False
    settings.displayAll = False
    settings.setFormat(text_format(size, colour, bold))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def number_labels(layer: QgsVectorLayer) -> None:
    """序号 in a white disc at each site, matching the summary table's 序号."""
    text = QgsTextFormat()
    font = QFont(family())
    font.setBold(True)
    text.setFont(font)
    text.setSize(6.5)
    text.setColor(QColor("#111111"))
    background = QgsTextBackgroundSettings()
    background.setEnabled(True)
    background.setType(QgsTextBackgroundSettings.ShapeCircle)
    background.setSizeType(QgsTextBackgroundSettings.SizeBuffer)
    background.setSize(QSizeF(0.6, 0.6))
    background.setFillColor(QColor("#ffffff"))
    background.setStrokeColor(QColor("#333333"))
    background.setStrokeWidth(0.2)
    text.setBackground(background)
    settings = QgsPalLayerSettings()
    settings.fieldName = "seq"
    settings.placement = compat.LABEL_OVER_POINT
    settings.centroidInside = True
    settings.displayAll = True
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def status_renderer() -> QgsCategorizedSymbolRenderer:
    categories = [QgsRendererCategory(s.code, fill_symbol(STATUS_COLOURS[s.code], 200 / 255, "#222222", 0.3), s.name_zh)
                  for s in vocabulary.STATUSES]
    categories.append(QgsRendererCategory(None, fill_symbol(UNCLASSIFIED_COLOUR, 200 / 255, "#222222", 0.3), "未填报"))
    return QgsCategorizedSymbolRenderer("status", categories)


def atlas_renderer() -> QgsRuleBasedRenderer:
    root = QgsRuleBasedRenderer.Rule(None)
    current = QgsRuleBasedRenderer.Rule(fill_symbol(CURRENT_SITE_COLOUR, 70 / 255, CURRENT_SITE_COLOUR, 0.8),
                                        filterExp=CURRENT_SITE_FILTER, label="本项目范围")
    others = QgsRuleBasedRenderer.Rule(fill_symbol("#9a9a9a", 60 / 255, "#555555", 0.3), label="其他项目",
                                       elseRule=True)
    root.appendChild(current)
    root.appendChild(others)
    return QgsRuleBasedRenderer(root)


def inset_renderer() -> QgsRuleBasedRenderer:
    symbol = fill_symbol(CURRENT_SITE_COLOUR, 1.0, CURRENT_SITE_COLOUR, 0.3)
    marker = QgsMarkerSymbol.createSimple({"name": "circle", "color": CURRENT_SITE_COLOUR, "size": "2.4",
                                           "outline_color": "#ffffff", "outline_width": "0.3"})
    centroid = QgsCentroidFillSymbolLayer()
    centroid.setSubSymbol(marker)
    centroid.setPointOnSurface(True)
    symbol.appendSymbolLayer(centroid)
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(symbol, filterExp=CURRENT_SITE_FILTER, label="本项目位置"))
    return QgsRuleBasedRenderer(root)

