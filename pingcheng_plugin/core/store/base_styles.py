"""Map styles of the illustrative base layers: blue rivers named along their course, grey roads, seat points.

Quiet colours, so the base stays under the plan's zones and corridors; the river and place names still read
through, since QGIS draws every label above every layer.
"""

from __future__ import annotations

from qgis.core import (
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from ..support import compat
from . import base_map
from .styles import map_labels  # base labels sit below the plan's names (priority 2–4 < 5)

RIVER_COLOUR = "#2f7fd0"
ROAD_COLOUR = "#8f8f8f"
PLACE_COLOUR = "#404040"


def apply_base_style(layer: QgsVectorLayer, table: str) -> None:
    """Symbology and labels of the base table ``table``, and its name (the legend title)."""
    spec = base_map.base_table(table)
    layer.setName(spec.title_zh)
    if spec is base_map.RIVERS:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
            "line_color": RIVER_COLOUR, "line_width": "0.7", "line_width_unit": "MM", "capstyle": "round",
            "joinstyle": "round"})))
        map_labels(layer, '"name"', 8.0, "#1d5fa8", placement=compat.LABEL_CURVED, inside=False, italic=True,
                   priority=4)
    elif spec is base_map.ROADS:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({
            "line_color": ROAD_COLOUR, "line_width": "0.45", "line_width_unit": "MM", "line_style": "solid"})))
        map_labels(layer, '"name"', 6.5, "#606060", placement=compat.LABEL_CURVED, inside=False, priority=2)
    else:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({
            "name": "circle", "color": "255,255,255,255", "outline_color": PLACE_COLOUR, "outline_width": "0.35",
            "size": "1.6", "size_unit": "MM"})))
        map_labels(layer, '"name"', 7.0, PLACE_COLOUR, placement=compat.LABEL_AROUND_POINT, inside=False, priority=3)
