"""Filling a loaded template's map for one figure, by item id: layers, extent and a nice scale, the grid, the
legend, north arrow and scale bar linked to the map, neighbour names, and the atlas of project location maps."""

from __future__ import annotations

import math
from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProperty,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtGui import QImage, QPainter

from ..store import schema
from ..support import compat
from . import templates as ids
from .catalogue import FigureSpec
from .fill_text import item
from .layers import FigureLayers, FigureSource, LegendEntry
from .typography import LEGEND_STYLES

#: Scales a figure may use: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8 × 10ⁿ.
_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0)
#: Graticule intervals (degrees) and kilometre-grid intervals (metres) to choose from.
_GRATICULE = tuple(m / 60.0 for m in (0.5, 1, 2, 2.5, 5, 10, 15, 30, 60))
_KM_GRID = (250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10000.0, 20000.0)
_ATLAS_GRATICULE = tuple(sec / 3600.0 for sec in (5, 10, 15, 30, 60, 120, 300, 600))
_ATLAS_KM_GRID = (100.0, 200.0, 250.0, 500.0) + _KM_GRID[2:]
#: A site's part of an atlas file name: project codes arriving from other programs are free text, so only safe
#: characters reach a file name (the fid where a site has no code).
SAFE_SITE_NAME = "regexp_replace(coalesce(nullif(\"project_code\", ''), to_string(\"fid\")), '[^0-9A-Za-z_-]', '_')"
#: Atlas scales (项目位置图): the smallest one showing the site with its margin is used.
ATLAS_SCALES = (2000, 2500, 5000, 7500, 10000, 15000, 20000, 25000, 30000, 40000, 50000, 75000, 100000)
MAP_MARGIN = 1.05
#: Graticule labels as Chinese figures write them: 113°15′E, 40°07′30″N (seconds only when not zero).
GRATICULE_LABEL = ("with_variable('t', round(abs(@grid_number) * 3600), "
                   "to_string(floor(@t / 3600)) || '°' || lpad(to_string(floor((@t % 3600) / 60)), 2, '0') || '′' "
                   "|| if(@t % 60 = 0, '', lpad(to_string(@t % 60), 2, '0') || '″') "
                   "|| if(@grid_axis = 'x', if(@grid_number < 0, 'W', 'E'), if(@grid_number < 0, 'S', 'N')))")

def nice_scale(value: float) -> float:
    """The smallest 'nice' scale denominator not below ``value``."""
    exponent = math.floor(math.log10(max(value, 1.0)))
    for power in (exponent, exponent + 1):
        for step in _NICE:
            candidate = step * 10 ** power
            if candidate >= value * 0.9999:
                return candidate
    return value


def _size_mm(map_item: QgsLayoutItemMap) -> Tuple[float, float]:
    size = map_item.sizeWithUnits()
    converter = map_item.layout().renderContext().measurementConverter()
    size = converter.convert(size, compat.LAYOUT_MM)
    return size.width(), size.height()


def fit_map(map_item: QgsLayoutItemMap, extent: QgsRectangle, margin: float = MAP_MARGIN) -> float:
    """Centre ``extent`` in the map at the smallest nice scale that shows it whole; returns the scale."""
    current = map_item.sizeWithUnits()
    size = QgsLayoutSize(current.width(), current.height(), current.units())
    width_mm, height_mm = _size_mm(map_item)
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


def _grid(map_item: QgsLayoutItemMap) -> Optional[QgsLayoutItemMapGrid]:
    for grid in map_item.grids().asList():
        if grid.name() == ids.GRID_NAME:
            return grid
    return None


def configure_grid(map_item: QgsLayoutItemMap, mode: str, dynamic: bool = False) -> None:
    """'graticule' (经纬网, CGCS2000 degrees and minutes), 'km' (公里网, Gauss-Kruger km) or 'none'."""
    grid = _grid(map_item)
    if grid is None:
        if mode == "none":
            return
        from .frame_style import add_grid

        grid = add_grid(map_item, 1.0, 1.0)
    if mode == "none":
        grid.setEnabled(False)
        return
    grid.setEnabled(True)
    extent = map_item.extent()
    if mode == "graticule":
        grid.setCrs(QgsCoordinateReferenceSystem(schema.GEOGRAPHIC_CRS))
        grid.setAnnotationFormat(QgsLayoutItemMapGrid.CustomFormat)
        grid.setAnnotationExpression(GRATICULE_LABEL)
        latitude = math.radians(40.0)
        span = max(extent.width() / (111320.0 * math.cos(latitude)), extent.height() / 110574.0)
        choices = _GRATICULE
    else:
        grid.setCrs(QgsCoordinateReferenceSystem(schema.STORAGE_CRS))
        grid.setAnnotationFormat(QgsLayoutItemMapGrid.CustomFormat)
        grid.setAnnotationExpression("format_number(@grid_number / 1000, 0)")
        span = max(extent.width(), extent.height())
        choices = _KM_GRID
    grid.setUnits(QgsLayoutItemMapGrid.MapUnit)  # degrees for the graticule (its CRS), metres for the km grid
    if dynamic:
        # Atlas pages change scale: the interval follows each page's map width (data-defined).
        for side in (QgsLayoutItemMapGrid.Top, QgsLayoutItemMapGrid.Right):
            grid.setAnnotationDisplay(QgsLayoutItemMapGrid.HideAll, side)  # corners would collide at any scale
        if mode == "graticule":
            width = f"(@map_extent_width / {111320.0 * math.cos(latitude):.1f})"
            choices = _ATLAS_GRATICULE
        else:
            grid.setAnnotationExpression("to_string(round(@grid_number / 1000, 2))")
            width = "@map_extent_width"
            choices = _ATLAS_KM_GRID
        cases = " ".join(f"WHEN {width} / {c!r} <= 6.5 THEN {c!r}" for c in choices)
        expression = f"CASE {cases} ELSE {choices[-1]!r} END"
        for key in (QgsLayoutObject.MapGridIntervalX, QgsLayoutObject.MapGridIntervalY):
            grid.dataDefinedProperties().setProperty(key, QgsProperty.fromExpression(expression))
        return
    interval = next((c for c in choices if span / c <= 6.5), choices[-1])
    grid.setIntervalX(interval)
    grid.setIntervalY(interval)
    grid.setOffsetX(0)
    grid.setOffsetY(0)


def layout_rect_to_map(map_item: QgsLayoutItemMap, rect: QRectF) -> QgsRectangle:
    """A rectangle in layout coordinates (e.g. a north arrow over the map) in map coordinates."""
    frame = map_item.sceneBoundingRect()
    extent = map_item.extent()
    sx = extent.width() / frame.width()
    sy = extent.height() / frame.height()
    return QgsRectangle(extent.xMinimum() + (rect.left() - frame.left()) * sx,
                        extent.yMaximum() - (rect.bottom() - frame.top()) * sy,
                        extent.xMinimum() + (rect.right() - frame.left()) * sx,
                        extent.yMaximum() - (rect.top() - frame.top()) * sy)


def obstacles(layout: QgsPrintLayout, map_item: QgsLayoutItemMap) -> List[QgsRectangle]:
    """Items drawn over the map, as map rectangles (so neighbour names keep clear of them)."""
    frame = map_item.sceneBoundingRect()
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


def fill_legend(layout: QgsPrintLayout, map_item: QgsLayoutItemMap, entries: Sequence[LegendEntry]) -> None:
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
        present = _present_categories(entry.layer)
        if present is not None:
            QgsMapLayerLegendUtils.setLegendNodeOrder(node, present)
            legend.model().refreshLayerLegend(node)
        QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Subgroup if entry.heading
                                             else QgsLegendStyle.Hidden)
    legend.setLegendFilterByMapEnabled(True)
    legend.setResizeToContents(True)
    _scale_legend(legend, 1.0)
    legend.updateLegend()
    _measure(legend)
    if legend.sceneBoundingRect().height() > area.height() and legend.columnCount() < 2:
        legend.setColumnCount(2)
        _measure(legend)
    for factor in (0.9, 0.8, 0.7):  # still too big for its box: smaller text and symbols
        box = legend.sceneBoundingRect()
        if box.width() <= area.width() + 0.5 and box.height() <= area.height() + 0.5:
            break
        _scale_legend(legend, factor)
        _measure(legend)
    height = legend.sceneBoundingRect().height()
    legend.setResizeToContents(False)  # as wide as its box, so the title centres over the panel
    legend.attemptResize(QgsLayoutSize(max(area.width(), legend.sceneBoundingRect().width()), height,
                                       compat.LAYOUT_MM))
    legend.attemptMove(QgsLayoutPoint(area.left(), area.top(), compat.LAYOUT_MM))


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


def _measure(legend: QgsLayoutItemLegend) -> None:
    """Size the legend to its content. QGIS only knows that size once the legend has been drawn, so it is drawn
    once into a scrap image first."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        legend.paint(painter, None, None)
    finally:
        painter.end()
    legend.adjustBoxSize()


#: Scale-bar segment lengths (km) a figure may use: 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20.
_SEGMENTS_KM = (0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0)


def link_map_items(layout: QgsPrintLayout, map_item: QgsLayoutItemMap, fixed_scale: bool = True) -> None:
    """Scale bar and north arrow follow the map. At a fixed scale the bar gets round segments (1, 2, 2.5, 5 × 10ⁿ
    km) filling most of its box; atlas pages change scale, so their bar keeps QGIS's fit-to-width."""
    bar = item(layout, ids.ITEM_SCALEBAR, QgsLayoutItemScaleBar)
    if bar is not None:
        bar.setLinkedMap(map_item)
        stored = bar.customProperty("pingcheng/bar_width")
        width = float(stored) if stored else bar.maximumBarWidth()
        bar.setCustomProperty("pingcheng/bar_width", width)
        segments = max(1, bar.numberOfSegments())
        if fixed_scale and map_item.scale() > 0:
            fitting = [km for km in _SEGMENTS_KM if segments * km * 1e6 / map_item.scale() <= width]
            if fitting:
                bar.setSegmentSizeMode(compat.SCALEBAR_FIXED)
                bar.setUnitsPerSegment(fitting[-1])
        bar.update()
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
    return scale


def fill_atlas(layout: QgsPrintLayout, spec: FigureSpec, layers: FigureLayers, plan: FigureSource, grid: str) -> None:
    map_item = item(layout, ids.ITEM_MAP, QgsLayoutItemMap)
    set_map_layers(map_item, layers.map_layers)
    fit_map(map_item, plan.district_extent())
    layout.renderContext().setPredefinedScales(list(ATLAS_SCALES))
    map_item.setAtlasDriven(True)
    map_item.setAtlasScalingMode(QgsLayoutItemMap.Predefined)
    map_item.setAtlasMargin(0.9)
    configure_grid(map_item, grid, dynamic=True)
    link_map_items(layout, map_item, fixed_scale=False)
    fill_legend(layout, map_item, layers.legend)
    overview = item(layout, ids.ITEM_OVERVIEW, QgsLayoutItemMap)
    if overview is not None:
        set_map_layers(overview, layers.overview_layers)
        overview.setAtlasDriven(False)
        fit_map(overview, plan.district_extent(), 1.02)
        for grid_item in overview.grids().asList():
            grid_item.setEnabled(False)
        frame = overview.overview()
        frame.setLinkedMap(map_item)
        frame.setFrameSymbol(QgsFillSymbol.createSimple({"color": "255,255,255,0", "style": "no",
                                                        "outline_color": "#d7191c", "outline_width": "0.4",
                                                        "outline_width_unit": "MM"}))
        frame.setEnabled(True)
    atlas = layout.atlas()
    atlas.setCoverageLayer(layers.coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"seq"')
    atlas.setSortAscending(True)
    atlas.setPageNameExpression('coalesce(nullif("project_code", \'\'), to_string("fid"))')
    stem = spec.file_stem().replace("'", "''")
    atlas.setFilenameExpression(f"'{stem}_' || lpad(to_string(\"seq\"), 3, '0') || '_' || {SAFE_SITE_NAME}")


# --- the summary table ----------------------------------------------------------------------------------------
