"""Map styles of the plan layers, in the colours Chinese territorial-space plans use.

Zones get soft area fills, key areas hatched outlines, corridors blue bands, barriers green, the district a
dash-dot boundary line, sites one colour per project type. Colours are listed here once; figures and the panel
legend read them from the layers. Labels use a CJK font (:mod:`.fonts`).
"""

from __future__ import annotations

from typing import Dict, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbolLayer,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ...plan import vocabulary
from ..support import compat
from ..support.fonts import cjk_font
from . import schema

ZONE_COLOURS = {"Z1": "#f4c28a", "Z2": "#c9b18f", "Z3": "#d8e9a8", "Z4": "#b9dcec"}
KEY_AREA_COLOURS = {"K1": "#c8a25a", "K2": "#8c5a3c", "K3": "#2b83ba", "K4": "#7fbf3f", "K5": "#9e6fb3",
                    "K6": "#3a9a3a", "K7": "#e0607e"}
CORRIDOR_COLOURS = {"C1": "#3b8fd6", "C2": "#62b6e6"}
BARRIER_COLOURS = {"B1": "#5f9e4f", "B2": "#2f7d3a"}
TYPE_COLOURS = {"SXLT": "#1b9e77", "KSXF": "#a6611a", "LYST": "#2c7fb8", "DXSZ": "#41b6c4", "TDZZ": "#d9b300",
                "XCRJ": "#e7298a", "CQGG": "#7570b3", "CZXF": "#d95f02"}
PHASE_COLOURS = {"near": "#4a90d9", "long": "#8e6bbf"}
UNCLASSIFIED_COLOUR = "#9a9a9a"


def fill_symbol(colour: str, opacity: float = 1.0, outline: str = "#555555", width: float = 0.2,
          style: str = "solid", outline_style: str = "solid") -> QgsFillSymbol:
    fill = QColor(colour)
    return QgsFillSymbol.createSimple({
        "color": f"{fill.red()},{fill.green()},{fill.blue()},{round(255 * opacity)}", "style": style,
        "outline_color": outline, "outline_width": str(width), "outline_width_unit": "MM",
        "outline_style": outline_style,
    })


def _hatched(colour: str) -> QgsFillSymbol:
    symbol = fill_symbol(colour, 0.0, outline=colour, width=0.6, style="no", outline_style="dash")
    hatch = QgsFillSymbol.createSimple({"color": colour, "style": "b_diagonal", "outline_style": "no"})
    symbol.appendSymbolLayer(hatch.symbolLayer(0).clone())
    return symbol


def _categorized(field: str, kind: str, colours: Dict[str, str], symbol_for) -> QgsCategorizedSymbolRenderer:
    categories = [QgsRendererCategory(e.code, symbol_for(colours[e.code]), e.name_zh)
                  for e in vocabulary.entries(kind)]
    categories.append(QgsRendererCategory(None, symbol_for(UNCLASSIFIED_COLOUR), "未分类"))
    return QgsCategorizedSymbolRenderer(field, categories)


def map_labels(layer: QgsVectorLayer, expression: str, size: float, colour: str = "#202020",
            scale_max: Optional[float] = None, placement=None, inside: bool = True, italic: bool = False,
            priority: int = 5) -> None:
    """Map labels. ``inside``: drawn only where the label fits in its polygon, so a zone's name never spills onto
    a neighbour at small scales; strips (corridors, barriers) are labelled along their length (``Free``)."""
    text = QgsTextFormat()
    font = cjk_font()
    font.setItalic(italic)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    settings.setFormat(text)
    settings.placement = placement if placement is not None else compat.LABEL_HORIZONTAL
    settings.fitInPolygonOnly = inside
    settings.centroidInside = True
    settings.priority = priority
    if scale_max is not None:
        settings.scaleVisibility = True
        settings.minimumScale = scale_max
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


#: A site reads as its name, with its code on a second line once saved (a code alone tells a reviewer nothing).
SITE_LABEL = "coalesce(\"name\", '') || if(\"project_code\" IS NULL, '', '\\n' || \"project_code\")"


def word_categories(layer: QgsVectorLayer, kind: str, language: str) -> None:
    """The legend's category labels in ``language`` (the plan stores the Chinese names); symbols untouched."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        return
    for index, category in enumerate(renderer.categories()):
        entry = vocabulary.by_code(kind, category.value()) if category.value() is not None else None
        if entry is not None:
            renderer.updateCategoryLabel(index, entry.name(language))
        elif category.value() is None or str(category.value()) in ("", "NULL"):
            renderer.updateCategoryLabel(index, "Unclassified" if language == "en" else "未分类")
    layer.setRenderer(renderer.clone())  # announces the change: the legend in the Layers panel follows


def apply_style(layer: QgsVectorLayer, spec: schema.LayerSpec) -> None:
    """Give ``layer`` the plan's symbology and labels for its table."""
    table = spec.table
    if table == schema.ZONES.table:
        layer.setRenderer(_categorized("code", "zone", ZONE_COLOURS, lambda c: fill_symbol(c, 0.75, "#8a8a8a", 0.3)))
        map_labels(layer, '"name"', 9)
    elif table == schema.KEY_AREAS.table:
        layer.setRenderer(_categorized("code", "key_area", KEY_AREA_COLOURS, _hatched))
        layer.setOpacity(0.85)
        map_labels(layer, '"name"', 8, "#6b3a00", italic=True, priority=4)
    elif table == schema.CORRIDORS.table:
        layer.setRenderer(_categorized("code", "corridor", CORRIDOR_COLOURS, lambda c: fill_symbol(c, 0.7, c, 0.3)))
        map_labels(layer, '"name"', 8, "#1f5f9f", placement=compat.LABEL_FREE)
    elif table == schema.BARRIERS.table:
        layer.setRenderer(_categorized(
            "code", "barrier", BARRIER_COLOURS, lambda c: fill_symbol(c, 0.45, c, 0.4, style="dense5")))
        map_labels(layer, '"name"', 8, "#1f5f2a", placement=compat.LABEL_FREE)
    elif table == schema.BOUNDARY.table:
        symbol = fill_symbol("#ffffff", 0.0, outline="#6a3d9a", width=0.9, style="no", outline_style="dash dot")
        for layer_index in range(symbol.symbolLayerCount()):
            symbol_layer = symbol.symbolLayer(layer_index)
            if isinstance(symbol_layer, QgsLineSymbolLayer):
                symbol_layer.setWidth(0.9)
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif table == schema.NEIGHBOURS.table:
        layer.setRenderer(QgsSingleSymbolRenderer(fill_symbol("#eeeeee", 1.0, "#aaaaaa", 0.3, outline_style="dash")))
        map_labels(layer, '"name"', 12, "#707070")
    elif table == schema.SITES.table:
        layer.setRenderer(_categorized("project_type", "project_type", TYPE_COLOURS,
                                       lambda c: fill_symbol(c, 0.65, "#222222", 0.35)))
        # above the plan areas' names: the sites are what is edited
        map_labels(layer, SITE_LABEL, 7, scale_max=60000, placement=compat.LABEL_OVER_POINT, inside=False, priority=8)
