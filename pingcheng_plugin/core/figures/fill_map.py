"""Filling a loaded template's map for one figure, by item id: layers, extent and a nice scale, the legend,
north arrow and scale bar linked to the map, neighbour names (the grid is :mod:`.map_grid`, the atlas pages
:mod:`.fill_atlas`)."""

from __future__ import annotations

import math
from typing import Callable, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtGui import QImage, QPainter

from ..store import schema
from ..support import compat
from . import area_names
from . import templates as ids
from .fill_text import item
from .layers import FigureLayers, FigureSource, LegendEntry
from .map_grid import configure_grid, size_mm
from .typography import LEGEND_STYLES

#: Scales a figure may use: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8 × 10ⁿ.
_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0)
#: A site's part of an atlas file name: project codes arriving from other programs are free text, so only safe
#: characters reach a file name (the fid where a site has no code).
SAFE_SITE_NAME = "regexp_replace(coalesce(nullif(\"project_code\", ''), to_string(\"fid\")), '[^0-9A-Za-z_-]', '_')"
#: Atlas scales (项目位置图): the smallest one showing the site with its margin is used.
ATLAS_SCALES = (2000, 2500, 5000, 7500, 10000, 15000, 20000, 25000, 30000, 40000, 50000, 75000, 100000)
MAP_MARGIN = 1.05


def nice_scale(value: float) -> float:
    """The smallest 'nice' scale denominator not below ``value``."""
    exponent = math.floor(math.log10(max(value, 1.0)))
    for power in (exponent, exponent + 1):
        for step in _NICE:
            candidate = step * 10 ** power
            if candidate >= value * 0.9999:
                return candidate
    return value


def fit_map(map_item: QgsLayoutItemMap, extent: QgsRectangle, margin: float = MAP_MARGIN) -> float:
    """Centre ``extent`` in the map at the smallest nice scale that shows it whole; returns the scale."""
    current = map_item.sizeWithUnits()
    size = QgsLayoutSize(current.width(), current.height(), current.units())
    width_mm, height_mm = size_mm(map_item)
    needed = max(extent.width() / (width_mm / 1000.0), extent.height() / (height_mm / 1000.0)) * margin
    scale = nice_scale(needed)
    map_item.setExtent(extent)  # may resize the item to the extent's shape: the template's size is put back
    map_item.attemptResize(size)
    map_item.zoomToExtent(extent)
    map_item.setScale(scale)
    return scale


def set_map_layers(map_item: QgsLayoutItemMap, layers: Sequence[QgsVectorLayer]) -> None:
    map_item.setFollowVisibilityPreset(False)
    map_item.setKeepLayerSet(True)
    map_item.setLayers(list(layers))
    map_item.setCrs(QgsCoordinateReferenceSystem(schema.STORAGE_CRS))


def map_rect(map_item: QgsLayoutItemMap) -> QRectF:
    """The map's own rectangle on the page (its sceneBoundingRect also holds the grid's labels)."""
    return map_item.mapToScene(map_item.rect()).boundingRect()


def layout_rect_to_map(map_item: QgsLayoutItemMap, rect: QRectF) -> QgsRectangle:
    """A rectangle in layout coordinates (e.g. a north arrow over the map) in map coordinates."""
    frame = map_rect(map_item)
    extent = map_item.extent()
    sx = extent.width() / frame.width()
    sy = extent.height() / frame.height()
    return QgsRectangle(extent.xMinimum() + (rect.left() - frame.left()) * sx,
                        extent.yMaximum() - (rect.bottom() - frame.top()) * sy,
                        extent.xMinimum() + (rect.right() - frame.left()) * sx,
                        extent.yMaximum() - (rect.top() - frame.top()) * sy)


def obstacles(layout: QgsPrintLayout, map_item: QgsLayoutItemMap) -> List[QgsRectangle]:
    """Items drawn over the map, as map rectangles (so neighbour names keep clear of them)."""
    frame = map_rect(map_item)
    found = []
    for other in layout.items():
        if other is map_item or not hasattr(other, "sceneBoundingRect") or not hasattr(other, "id"):
            continue
        if isinstance(other, (QgsLayoutItemPage, QgsLayoutItemMap)) and other.id() != ids.ITEM_OVERVIEW:
            continue
        bounds = other.sceneBoundingRect()
        if frame.contains(bounds) or (frame.intersects(bounds) and other.id() in (ids.ITEM_NORTH_ARROW,
                                                                                    ids.ITEM_OVERVIEW)):
            found.append(layout_rect_to_map(map_item, bounds.intersected(frame)))
    return found


def fill_legend(layout: QgsPrintLayout, map_item: QgsLayoutItemMap, entries: Sequence[LegendEntry],
                present: Optional[Callable[[QgsVectorLayer], Optional[List[int]]]] = None) -> None:
    """The legend lists ``entries``, each with the classes ``present`` finds (default: the classes some feature
    has); atlas pages pass their own, computed over the page's extent. QGIS's filter by map content stays off: a
    main figure shows the whole district, so it could only drop what is already left out, it cost a render of the
    map per legend, and from QGIS 3.32 on it is computed in the background, too late for an export."""
    legend = item(layout, ids.ITEM_LEGEND, QgsLayoutItemLegend)
    if legend is None:
        return
    stored = legend.customProperty("pingcheng/area")  # the template's legend box, kept when a layout is refilled
    if stored:
        left, top, width, height, columns = (float(v) for v in str(stored).split(","))
        area = QRectF(left, top, width, height)
        legend.setColumnCount(int(columns))
    else:
        area = legend.sceneBoundingRect()
        legend.setCustomProperty("pingcheng/area", f"{area.left()},{area.top()},{area.width()},{area.height()},"
                                                   f"{legend.columnCount()}")
    legend.setAutoUpdateModel(False)
    legend.setLinkedMap(map_item)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for entry in entries:
        node = root.addLayer(entry.layer)
        compat.set_legend_node_name(node, entry.title)
        # an image or tile base layer keeps the one-line legend base_layers gave it
        classes = (present or _present_categories)(entry.layer) if isinstance(entry.layer, QgsVectorLayer) else None
        if classes is not None:
            QgsMapLayerLegendUtils.setLegendNodeOrder(node, classes)
            legend.model().refreshLayerLegend(node)
        QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Subgroup if entry.heading
                                             else QgsLegendStyle.Hidden)
    legend.setLegendFilterByMapEnabled(False)
    legend.setResizeToContents(True)
    _scale_legend(legend, 1.0)
    legend.updateLegend()
    _measure(legend, draw=True)
    # smaller in one column first: the plan's long names (13-character zones, 16-character project types) do not
    # fit half a panel's width, so two columns end up in tiny type, clipped at the panel's edge
    for factor in (0.9, 0.8, 0.7) if present is not None else (0.9, 0.8):
        if legend.sceneBoundingRect().height() <= area.height() + 0.5 or legend.columnCount() >= 2:
            break
        _scale_legend(legend, factor)
        _measure(legend)
    if legend.sceneBoundingRect().height() > area.height() and legend.columnCount() < 2:
        _scale_legend(legend, 1.0)
        legend.setColumnCount(2)
        _measure(legend)
    # still too big for its box: smaller text and symbols (an atlas page's many classes may need 0.6)
    for factor in (0.9, 0.8, 0.7) + ((0.6,) if present is not None else ()):
        box = legend.sceneBoundingRect()
        if box.width() <= area.width() + 0.5 and box.height() <= area.height() + 0.5:
            break
        _scale_legend(legend, factor)
        _measure(legend)
    _fill_box(legend, area)
    height = legend.sceneBoundingRect().height()
    legend.setResizeToContents(False)  # as wide as its box, so the title centres over the panel
    legend.attemptResize(QgsLayoutSize(max(area.width(), legend.sceneBoundingRect().width()), height,
                                       compat.LAYOUT_MM))
    legend.attemptMove(QgsLayoutPoint(area.left(), area.top(), compat.LAYOUT_MM))


def _fill_box(legend: QgsLayoutItemLegend, area: QRectF) -> None:
    """A legend of few entries left most of its box empty: draw it up to 1.35× and space its rows out (up to
    4 mm more between symbols) until it fills about 85 % of the box's height, still fitting the box."""
    def fits(target: float) -> bool:
        box = legend.sceneBoundingRect()
        return box.width() <= area.width() + 0.5 and box.height() <= target

    _set_symbol_space(legend, 0.0)
    _measure(legend)
    if legend.sceneBoundingRect().height() >= 0.8 * area.height():  # (its ink ends a little above its box)
        return
    start = float(legend.customProperty("pingcheng/factor") or 1.0)  # a legend shrunk to fit stays so
    for factor in (f for f in (1.35, 1.25, 1.15, 1.05) if f > start):
        _scale_legend(legend, factor)
        _measure(legend)
        if fits(area.height()):
            break
    else:
        _scale_legend(legend, start)
        _measure(legend)
    space = 0.0
    while space < 4.0 and legend.sceneBoundingRect().height() < 0.85 * area.height():
        _set_symbol_space(legend, space + 0.25)
        _measure(legend)
        if not fits(area.height()):
            _set_symbol_space(legend, space)
            _measure(legend)
            break
        space += 0.25


def _set_symbol_space(legend: QgsLayoutItemLegend, extra: float) -> None:
    """The template's space above each symbol row plus ``extra`` mm (the template's own is kept for refills)."""
    style = legend.rstyle(QgsLegendStyle.Symbol)
    stored = legend.customProperty("pingcheng/symbol_top")
    if stored is None:
        stored = style.margin(QgsLegendStyle.Top)
        legend.setCustomProperty("pingcheng/symbol_top", stored)
    style.setMargin(QgsLegendStyle.Top, float(stored) + extra)


def _scale_legend(legend: QgsLayoutItemLegend, factor: float) -> None:
    """Text and symbol sizes at ``factor`` times the template's (remembered on the legend for refills)."""
    stored = legend.customProperty("pingcheng/sizes")
    if not stored:
        sizes = [compat.legend_text_format(legend, style).size() for style in LEGEND_STYLES]
        sizes += [legend.symbolWidth(), legend.symbolHeight()]
        legend.setCustomProperty("pingcheng/sizes", ",".join(str(v) for v in sizes))
    else:
        sizes = [float(v) for v in str(stored).split(",")]
    for style, size in zip(LEGEND_STYLES, sizes):
        text_format = compat.legend_text_format(legend, style)
        text_format.setSize(size * factor)
        compat.set_legend_text_format(legend, style, text_format)
    legend.setSymbolWidth(sizes[-2] * factor)
    legend.setSymbolHeight(sizes[-1] * factor)
    legend.setCustomProperty("pingcheng/factor", factor)


def _present_categories(layer: QgsVectorLayer) -> Optional[List[int]]:
    """Indexes of the classes of a categorised layer that some feature has (so the legend never lists 未分类 or a
    type no site has); None for other renderers. Filtering the legend by the map does this too, but QGIS 3.32+
    computes that filter in the background, too late for an export."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsCategorizedSymbolRenderer):
        return None
    index = layer.fields().lookupField(renderer.classAttribute())
    if index < 0:
        return None
    values = {None if v is None or str(v) == "NULL" else str(v) for v in layer.uniqueValues(index)}
    keep = []
    for number, category in enumerate(renderer.categories()):
        value = category.value()
        value = None if value is None or str(value) in ("", "NULL") else str(value)
        if value in values:
            keep.append(number)
    return keep


def _measure(legend: QgsLayoutItemLegend, draw: bool = False) -> None:
    """Size the legend to its content. QGIS only knows that size once the legend has been drawn (its first paint
    reads the map's scale and filter), so ``draw`` draws it into a scrap image first: once per fill is enough,
    later sizes after a font or spacing change are computed without drawing (a draw per trial size cost a tenth
    of the whole figure export)."""
    if draw:
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        try:
            legend.paint(painter, None, None)
        finally:
            painter.end()
    legend.adjustBoxSize()


#: Scale-bar segment lengths (km) a figure may use: 1, 2, 5 × 10ⁿ (0.01 … 500 km), as map readers count.
SEGMENTS_KM = tuple(round(m * 10.0 ** e, 6) for e in range(-2, 3) for m in (1.0, 2.0, 5.0))


#: Segments a bar may have, the template's 4 first: fewer or more long ones fill the box better than 4 short ones.
SEGMENT_COUNTS = (4, 5, 3, 2)
#: The shortest segment (mm on paper) whose end label (e.g. 0.6) keeps clear of the next one; a narrow box (A4
#: portrait) falls back to the next, tighter value rather than to no bar.
MIN_SEGMENT_MM = (7.0, 5.0, 3.0)


def bar_choice(width: float, scale: float) -> Tuple[int, float]:
    """(segments, km per segment) of the longest bar of 2–5 round 1–2–5 segments fitting ``width`` mm at
    1:``scale``, its segments as long as the tightest MIN_SEGMENT_MM that allows any bar; 4 segments when tied."""
    for shortest in MIN_SEGMENT_MM:
        best = (0.0, 0, 0, 0.0)  # (length mm, preference, segments, km)
        for preference, segments in enumerate(SEGMENT_COUNTS):
            for km in SEGMENTS_KM:
                segment_mm = km * 1e6 / scale
                if segment_mm >= shortest and segments * segment_mm <= width:
                    best = max(best, (round(segments * segment_mm, 3), -preference, segments, km))
        if best[2]:
            return best[2], best[3]
    return 2, SEGMENTS_KM[0]


def fit_scalebar(bar: QgsLayoutItemScaleBar, map_item: QgsLayoutItemMap) -> None:
    """Round segments filling the template's bar width at the map's current scale (:func:`bar_choice`; atlas
    pages call this for every page, as their scale changes)."""
    stored = bar.customProperty("pingcheng/bar_width")
    width = float(stored) if stored else bar.maximumBarWidth()
    bar.setCustomProperty("pingcheng/bar_width", width)
    if map_item.scale() <= 0:
        return
    segments, km = bar_choice(width, map_item.scale())
    bar.setSegmentSizeMode(compat.SCALEBAR_FIXED)
    bar.setNumberOfSegments(segments)
    bar.setUnitsPerSegment(km)
    bar.update()


def link_map_items(layout: QgsPrintLayout, map_item: QgsLayoutItemMap) -> None:
    """Scale bar and north arrow follow the map; the bar gets round segments (see :func:`fit_scalebar`)."""
    bar = item(layout, ids.ITEM_SCALEBAR, QgsLayoutItemScaleBar)
    if bar is not None:
        bar.setLinkedMap(map_item)
        fit_scalebar(bar, map_item)
    arrow = item(layout, ids.ITEM_NORTH_ARROW, QgsLayoutItemPicture)
    if arrow is not None and arrow.linkedMap() is None:
        arrow.setLinkedMap(map_item)


def fill_map(layout: QgsPrintLayout, layers: FigureLayers, plan: FigureSource, grid: str,
             neighbour_label_size: float) -> float:
    map_item = item(layout, ids.ITEM_MAP, QgsLayoutItemMap)
    set_map_layers(map_item, layers.map_layers)
    scale = fit_map(map_item, plan.district_extent())
    names = plan.neighbour_labels(map_item.extent(), obstacles(layout, map_item), neighbour_label_size)
    map_item.setLayers([names] + list(layers.map_layers))
    configure_grid(map_item, grid)
    link_map_items(layout, map_item)
    fill_legend(layout, map_item, layers.legend)
    area_names.name_the_rest(map_item, list(layers.map_layers))
    return scale


# --- the summary table ----------------------------------------------------------------------------------------
