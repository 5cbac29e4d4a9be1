"""How the figures draw their layers: label text formats and halos, area and number labels, and the renderers of
the status map, the atlas pages and their inset (the plan's own layer styles are :mod:`..store.styles`)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCentroidFillSymbolLayer,
    QgsExpression,
    QgsLabelObstacleSettings,
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
from . import area_names
from .frame_style import family
from .table_terms import units

#: Status colours for the implementation-status figure, light to dark as work advances (规划 → 在建 → 完工 →
#: 已验收): four viridis samples, chosen so that each pair differs in lightness by ≥ 20 L* (apart in grey print)
#: and by ≥ 20 ΔE for red-green and blue-yellow colour-blind readers (tests/test_figure_colours.py simulates both).
STATUS_COLOURS = {"planned": "#fde725", "building": "#35b779", "done": "#31688e", "accepted": "#440154"}
#: Opaque: a translucent fill over the pale zones would pull the four lightness steps together.
STATUS_OPACITY = 1.0
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


def two_lines(name: str) -> str:
    """A long area name on two lines, broken between the two of its words nearest its middle, never inside a
    word (生态修复分区 names run to 13 characters: on one line they fit few areas)."""
    words = units(name, 1)
    if len(name) <= 8 or len(words) < 2:
        return name
    cut = min(range(1, len(words)), key=lambda i: abs(len("".join(words[:i])) - len(name) / 2))
    return "".join(words[:cut]) + "\n" + "".join(words[cut:])


def _label_expression(layer: QgsVectorLayer) -> str:
    """"name", with the long names of ``layer`` replaced by their two-line form (names quoted as literals)."""
    index = layer.fields().lookupField("name")
    names = sorted(str(v) for v in layer.uniqueValues(index) if v is not None and str(v) != "NULL") \
        if index >= 0 else []
    cases = [f"WHEN \"name\" = {QgsExpression.quotedString(n)} THEN {QgsExpression.quotedString(two_lines(n))}"
             for n in names if two_lines(n) != n]
    return f"CASE {' '.join(cases)} ELSE \"name\" END" if cases else "name"


def style_area_labels(layer: QgsVectorLayer, size: float, colour: str, bold: bool = False,
                      along: bool = False, wrap: bool = False) -> None:
    """Names inside their areas, never spilling onto a neighbour. ``along``: narrow bands (corridors, river key
    areas, barriers) are named at the band's angle (QGIS's free placement), where a level name would not fit;
    ``wrap``: long names on two lines."""
    settings = QgsPalLayerSettings()
    settings.fieldName = _label_expression(layer) if wrap else "name"
    settings.isExpression = wrap and settings.fieldName != "name"
    settings.priority = 8  # the plan's names before the base map's (roads, places: 2–4), which give way
    settings.placement = compat.LABEL_FREE if along else compat.LABEL_HORIZONTAL
    settings.centroidInside = True
    settings.fitInPolygonOnly = True
    settings.displayAll = False
    settings.setFormat(text_format(size, colour, bold))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    area_names.mark(layer)  # a name with no room inside gets a leader line once the scale is known


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
    _whole_site_obstacle(settings)  # a road's or a place's name is never written across a project site
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def status_renderer() -> QgsCategorizedSymbolRenderer:
    categories = [QgsRendererCategory(s.code, fill_symbol(STATUS_COLOURS[s.code], STATUS_OPACITY, "#222222", 0.3),
                                      s.name_zh) for s in vocabulary.STATUSES]
    categories.append(QgsRendererCategory(None, fill_symbol(UNCLASSIFIED_COLOUR, STATUS_OPACITY, "#222222", 0.3),
                                          "未填报"))
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


def _whole_site_obstacle(settings: QgsPalLayerSettings) -> None:
    """Every label of other layers keeps off the whole site polygon, at the highest obstacle factor."""
    obstacle = settings.obstacleSettings()
    obstacle.setIsObstacle(True)
    obstacle.setFactor(2.0)
    obstacle.setType(QgsLabelObstacleSettings.PolygonWhole)
    settings.setObstacleSettings(obstacle)


def block_labels(sites: QgsVectorLayer) -> None:
    """Atlas pages: the sites are obstacles to every other label (roads, places), at the highest factor, and
    draw no label of their own (QGIS's "Blocking" labelling)."""
    blocking = QgsPalLayerSettings()
    blocking.fieldName = "fid"
    blocking.drawLabels = False
    _whole_site_obstacle(blocking)
    sites.setLabeling(QgsVectorLayerSimpleLabeling(blocking))
    sites.setLabelsEnabled(True)
