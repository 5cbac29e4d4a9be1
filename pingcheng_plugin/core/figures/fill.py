"""Filling a loaded template for one figure, by item id: texts, map layers, extent and scale, grid, legend,
neighbour names, the atlas, and the pages of the summary table.

A label whose text holds a ``[% expression %]`` is the user's (or the atlas card's) and is left alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMultiFrame,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsTableCell,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, Qt, QUuid
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter
from qgis.PyQt.QtXml import QDomDocument

from ...plan import vocabulary
from .. import compat, schema
from ..summary.table import COLUMNS, TOTALS_COLUMNS, Line, SummaryTable
from . import templates as ids
from .catalogue import FigureSpec
from .layers import FigureLayers, LegendEntry, PlanLayers
from .typography import LEGEND_STYLES

#: Scales a figure may use: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8 × 10ⁿ.
_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0)
#: Graticule intervals (degrees) and kilometre-grid intervals (metres) to choose from.
_GRATICULE = tuple(m / 60.0 for m in (0.5, 1, 2, 2.5, 5, 10, 15, 30, 60))
_KM_GRID = (250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10000.0, 20000.0)
_ATLAS_GRATICULE = tuple(sec / 3600.0 for sec in (5, 10, 15, 30, 60, 120, 300, 600))
_ATLAS_KM_GRID = (100.0, 200.0, 250.0, 500.0) + _KM_GRID[2:]
#: Atlas scales (项目位置图): the smallest one showing the site with its margin is used.
ATLAS_SCALES = (2000, 2500, 5000, 7500, 10000, 15000, 20000, 25000, 30000, 40000, 50000, 75000, 100000)
MAP_MARGIN = 1.05
#: Graticule labels as Chinese figures write them: 113°15′E, 40°07′30″N (seconds only when not zero).
GRATICULE_LABEL = ("with_variable('t', round(abs(@grid_number) * 3600), "
                   "to_string(floor(@t / 3600)) || '°' || lpad(to_string(floor((@t % 3600) / 60)), 2, '0') || '′' "
                   "|| if(@t % 60 = 0, '', lpad(to_string(@t % 60), 2, '0') || '″') "
                   "|| if(@grid_axis = 'x', if(@grid_number < 0, 'W', 'E'), if(@grid_number < 0, 'S', 'N')))")
CONTINUED = "（续）"
_ROW_BACKGROUNDS = {"group": "#f2f2f2", "subtotal": "#f7f7f7", "total": "#e6e6e6"}
MISSING_BACKGROUND = "#fff3bf"


@dataclass
class FigureText:
    """The texts every figure carries."""

    organisation: str
    date: str
    source_note: str = ""
    illustrative_note: str = ""
    extra: dict = field(default_factory=dict)


def nice_scale(value: float) -> float:
    """The smallest 'nice' scale denominator not below ``value``."""
    exponent = math.floor(math.log10(max(value, 1.0)))
    for power in (exponent, exponent + 1):
        for step in _NICE:
            candidate = step * 10 ** power
            if candidate >= value * 0.9999:
                return candidate
    return value


def item(layout: QgsPrintLayout, item_id: str, kind=None):
    found = layout.itemById(item_id)
    if found is None or (kind is not None and not isinstance(found, kind)):
        return None
    return found


def set_text(layout: QgsPrintLayout, item_id: str, text: str) -> None:
    label = item(layout, item_id, QgsLayoutItemLabel)
    if label is not None and "[%" not in label.text():
        label.setText(text)


def fill_texts(layout: QgsPrintLayout, spec: FigureSpec, text: FigureText) -> None:
    set_text(layout, ids.ITEM_TITLE, spec.title_zh)
    set_text(layout, ids.ITEM_PLAN_NAME, vocabulary.PLAN_TITLE_ZH)
    set_text(layout, ids.ITEM_ORGANISATION, text.organisation)
    set_text(layout, ids.ITEM_DATE, text.date)
    set_text(layout, ids.ITEM_SOURCE_NOTE, text.source_note)
    set_text(layout, ids.ITEM_ILLUSTRATIVE_NOTE, text.illustrative_note)
    for item_id, value in text.extra.items():
        set_text(layout, item_id, value)
    stack_notes(layout)


def stack_notes(layout: QgsPrintLayout) -> None:
    """Lay the coordinate-system, source and 示意 notes one under another at the height their text needs,
    smaller when the three do not fit the space the template gives them. Only when the template keeps them in
    one column, in that order, as the plugin's do; a user who moved them keeps their places."""
    labels = [item(layout, item_id, QgsLayoutItemLabel)
              for item_id in (ids.ITEM_CRS_NOTE, ids.ITEM_SOURCE_NOTE, ids.ITEM_ILLUSTRATIVE_NOTE)]
    if any(label is None for label in labels):
        return
    boxes = [label.sceneBoundingRect() for label in labels]
    if any(abs(b.left() - boxes[0].left()) > 0.5 or abs(b.width() - boxes[0].width()) > 0.5 for b in boxes) or \
            not boxes[0].top() < boxes[1].top() < boxes[2].top():
        return
    stored = labels[0].customProperty("pingcheng/notes_area")
    if stored:
        top, bottom = (float(v) for v in str(stored).split(","))
    else:
        top, bottom = boxes[0].top(), boxes[2].bottom()
        labels[0].setCustomProperty("pingcheng/notes_area", f"{top},{bottom}")
    originals = [label.text() for label in labels]  # fresh from fill_texts, or already wrapped (idempotent)
    if any("[%" in text for text in originals):
        return
    for label in labels:
        if not label.customProperty("pingcheng/size"):
            label.setCustomProperty("pingcheng/size", compat.label_text_format(label).size())
    gap = 1.2
    for factor in (1.0, 0.92, 0.85, 0.78):
        heights = []
        for label, original in zip(labels, originals):
            text_format = compat.label_text_format(label)
            text_format.setSize(float(label.customProperty("pingcheng/size")) * factor)
            compat.set_label_text_format(label, text_format)
            font = text_format.toQFont()
            width = boxes[0].width() - 2 * label.marginX() - 0.5
            wrapped = "\n".join(wrap(line, width, font) for line in original.split("\n")) if original else ""
            label.setText(wrapped)
            heights.append(QgsLayoutUtils.textHeightMM(font, wrapped or " ", 1.0) + 2 * label.marginY() + 0.6
                           if wrapped else 0.0)
        if sum(heights) + gap * 2 <= bottom - top:
            break
    cursor = top
    for label, height in zip(labels, heights):
        label.attemptResize(QgsLayoutSize(boxes[0].width(), max(height, 0.1), compat.LAYOUT_MM))
        label.attemptMove(QgsLayoutPoint(boxes[0].left(), cursor, compat.LAYOUT_MM))
        cursor += height + (gap if height else 0.0)


# --- maps ---------------------------------------------------------------------------------------------------

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
        from .design import add_grid

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
    image = QImage(8, 8, QImage.Format_ARGB32)
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


def fill_map(layout: QgsPrintLayout, layers: FigureLayers, plan: PlanLayers, grid: str,
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


def fill_atlas(layout: QgsPrintLayout, spec: FigureSpec, layers: FigureLayers, plan: PlanLayers, grid: str) -> None:
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
    # project codes arriving from other programs are free text: only safe characters reach a file name
    atlas.setFilenameExpression(
        f"'{stem}_' || lpad(to_string(\"seq\"), 3, '0') || '_' || "
        f"regexp_replace(coalesce(nullif(\"project_code\", ''), to_string(\"fid\")), '[^0-9A-Za-z_-]', '_')")


# --- the summary table ----------------------------------------------------------------------------------------

_TOKENS = re.compile(r"（[^（）]{1,6}）|[A-Za-z0-9.\-_/:%,+@#&'=]+|\s+|.", re.S)
_CLOSING = set("，。、；：？！）》」』”’)]}%")
_OPENING = set("（《「『“‘([{")


def _tokens(text: str) -> List[str]:
    """Break opportunities for Chinese text: between CJK characters, not inside Latin words or numbers, never
    before closing or after opening punctuation (避头尾)."""
    tokens: List[str] = []
    for token in _TOKENS.findall(text):
        if tokens and (token[0] in _CLOSING or tokens[-1][-1] in _OPENING):
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens


def wrap(text: str, width_mm: float, font: QFont) -> str:
    """``text`` with line breaks so no line is wider than ``width_mm`` in ``font`` (layout tables only wrap at
    spaces, which Chinese does not have)."""
    if not text or width_mm <= 0:
        return text
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _tokens(paragraph):
            candidate = line + token
            if line and QgsLayoutUtils.textWidthMM(font, candidate.rstrip()) > width_mm:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return "\n".join(lines)


def _cell(value: object, kind: str, background: Optional[str] = None, bold: bool = False,
          base_format=None, width_mm: float = 0.0) -> QgsTableCell:
    if value is None or value == "":
        text = ""
    elif kind in ("area", "money"):
        text = f"{float(value):,.2f}"
    else:
        text = str(value)
    if kind == "text" and base_format is not None and width_mm > 0:
        font = base_format.toQFont()
        font.setBold(bold or font.bold())
        text = wrap(text, width_mm, font)
    cell = QgsTableCell(text)
    if background:
        cell.setBackgroundColor(QColor(background))
    if kind in ("area", "money"):
        cell.setHorizontalAlignment(Qt.AlignRight)
    elif kind == "int":
        cell.setHorizontalAlignment(Qt.AlignHCenter)
    cell.setVerticalAlignment(Qt.AlignVCenter)
    if bold and base_format is not None:
        text_format = base_format.__class__(base_format)
        font = text_format.font()
        font.setBold(True)
        text_format.setFont(font)
        cell.setTextFormat(text_format)
    return cell


def _line_cells(line: Line, base_format, widths: Sequence[float]) -> List[QgsTableCell]:
    background = _ROW_BACKGROUNDS.get(line.kind)
    bold = line.kind != "site"
    cells = []
    for index, (column, value) in enumerate(zip(COLUMNS, line.cells)):
        missing = column.key in line.flagged
        cells.append(_cell(value, column.kind, MISSING_BACKGROUND if missing else background, bold, base_format,
                           widths[index]))
    return cells


def _column_widths(frame_width: float, relative: Sequence[float], margin: float, stroke: float) -> List[float]:
    usable = frame_width - len(relative) * 2 * margin - (len(relative) + 1) * stroke
    total = sum(relative)
    return [usable * r / total for r in relative]


def table_widths(table, relative: Sequence[float], frame_width: float) -> List[float]:
    return _column_widths(frame_width, relative, table.cellMargin(), table.gridStrokeWidth())


def _set_table(table, headers: Sequence[str], rows: List[List[QgsTableCell]], widths: Sequence[float]) -> None:
    header_font = table.headerTextFormat().toQFont()
    columns = []
    for heading, width in zip(headers, widths):
        column = QgsLayoutTableColumn(wrap(heading, width - 0.3, header_font))
        column.setHAlignment(Qt.AlignHCenter)
        columns.append(column)
    table.setHeaders(columns)
    table.setColumnWidths(list(widths))
    table.setTableContents(rows)


def _totals_rows(totals, base_format, widths: Sequence[float]) -> List[List[QgsTableCell]]:
    rows = []
    for index, entry in enumerate(totals):
        last = index == len(totals) - 1
        background = _ROW_BACKGROUNDS["total"] if last else None
        row = [_cell(entry.label, "text", background, last, base_format, widths[0] - 0.3)]
        for column in TOTALS_COLUMNS[1:]:
            missing = ((column.key == "investment" and entry.investment_missing > 0)
                       or (column.key == "area_ha" and entry.aggregate.area_missing > 0))
            row.append(_cell(entry.value(column.key), column.kind, MISSING_BACKGROUND if missing else background,
                             last, base_format))
        rows.append(row)
    return rows


def _page_items(layout: QgsPrintLayout, page: int, skip: Sequence[str]) -> list:
    out = []
    for candidate in layout.items():
        if not hasattr(candidate, "page") or isinstance(candidate, (QgsLayoutItemPage, QgsLayoutFrame)):
            continue
        if not hasattr(candidate, "id") or candidate.id() in skip or candidate.parentItem() is not None:
            continue
        if getattr(candidate, "type", lambda: None)() is None:
            continue
        if candidate.page() == page:
            out.append(candidate)
    return out


def clone_item(layout: QgsPrintLayout, original, page: int):
    """A copy of ``original`` at the same place on ``page`` (through its XML, with a new identity)."""
    document = QDomDocument()
    parent = document.createElement("clone")
    original.writeXml(parent, document, QgsReadWriteContext())
    element = parent.firstChildElement()
    element.setAttribute("uuid", QUuid.createUuid().toString())
    element.setAttribute("templateUuid", QUuid.createUuid().toString())
    copy = QgsApplication.layoutItemRegistry().createItem(original.type(), layout)
    if copy is None:
        return None
    layout.addLayoutItem(copy)
    copy.readXml(element, document, QgsReadWriteContext())
    position = original.pagePositionWithUnits()
    copy.attemptMove(position, True, False, page)
    return copy


def _add_page(layout: QgsPrintLayout, decorations: list) -> int:
    collection = layout.pageCollection()
    first = collection.page(0)
    page = QgsLayoutItemPage(layout)
    page.setPageSize(first.pageSize())
    collection.addPage(page)
    index = collection.pageCount() - 1
    _decorate(layout, decorations, index)
    return index


def _decorate(layout: QgsPrintLayout, decorations: list, page: int) -> None:
    for original in decorations:
        copy = clone_item(layout, original, page)
        if isinstance(copy, QgsLayoutItemLabel) and original.id() == ids.ITEM_TITLE and "[%" not in copy.text():
            copy.setText(copy.text() + CONTINUED)


def _shrink_last_frame(layout: QgsPrintLayout, table, row_count: int) -> float:
    """Shrink the table's last frame to the rows it shows (bisection on its height); returns the height."""
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    frames = table.frames()
    last, index = frames[-1], len(frames) - 1
    width = last.sceneBoundingRect().width()
    low, high = 1.0, last.sceneBoundingRect().height()

    def fits(height: float) -> bool:
        last.attemptResize(QgsLayoutSize(width, height, compat.LAYOUT_MM))
        table.recalculateFrameSizes()
        return table.rowRange(context, index)[1] >= row_count

    while high - low > 0.25:
        middle = (low + high) / 2
        if fits(middle):
            high = middle
        else:
            low = middle
    fits(high)
    return high


def _table_width(layout: QgsPrintLayout, fallback: float) -> Tuple[float, float]:
    """Left edge and width the tables span: those of the unit note above them (a table frame's own width is
    always its content's, so the template says the width through that label)."""
    note = item(layout, ids.ITEM_UNIT_NOTE, QgsLayoutItemLabel)
    if note is not None:
        return note.pagePos().x(), note.sceneBoundingRect().width()
    page = layout.pageCollection().page(0).pageSize()
    return fallback, page.width() - 2 * fallback


def fill_table(layout: QgsPrintLayout, table_model: SummaryTable) -> None:
    """The grouped table across as many pages as it needs, then the totals per zone and per phase and the notes
    after its end; continuation pages repeat the page's frame, titles and title block."""
    frame = item(layout, ids.ITEM_TABLE, QgsLayoutFrame)
    table = frame.multiFrame()
    area = frame.sceneBoundingRect()
    page_top = frame.pagePos().y()
    page_bottom = page_top + area.height()
    left, width = _table_width(layout, frame.pagePos().x())
    skip = [ids.ITEM_TABLE, ids.ITEM_TOTALS_ZONE, ids.ITEM_TOTALS_PHASE, ids.ITEM_TABLE_NOTE]
    decorations = _page_items(layout, 0, skip)
    base = table.contentTextFormat()
    widths = table_widths(table, [c.width for c in COLUMNS], width)
    rows = [_line_cells(line, base, [w - 0.3 for w in widths]) for line in table_model.lines()]
    _set_table(table, [c.header for c in COLUMNS], rows, widths)
    frame.attemptMove(QgsLayoutPoint(left, page_top, compat.LAYOUT_MM), True, False, 0)
    table.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    table.recalculateFrameSizes()
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    while table.rowRange(context, len(table.frames()) - 1)[1] < len(rows):
        first_row, last_row = table.rowRange(context, len(table.frames()) - 1)
        if last_row <= first_row:  # a row taller than a whole frame: stop rather than add pages forever
            break
        page = _add_page(layout, decorations)
        extra = QgsLayoutFrame(layout, table)
        layout.addLayoutItem(extra)
        table.addFrame(extra)
        extra.attemptResize(QgsLayoutSize(area.width(), area.height(), compat.LAYOUT_MM))
        extra.attemptMove(QgsLayoutPoint(left, page_top, compat.LAYOUT_MM), True, False, page)
        table.recalculateFrameSizes()
    last = table.frames()[-1]
    used = _shrink_last_frame(layout, table, len(rows))
    cursor_page = last.page()
    cursor = last.pagePos().y() + used + 6.0
    gap = 8.0
    half = (width - gap) / 2
    totals_frames = []
    for index, (item_id, (title, totals)) in enumerate(zip((ids.ITEM_TOTALS_ZONE, ids.ITEM_TOTALS_PHASE),
                                                           table_model.totals_sections())):
        totals_frame = item(layout, item_id, QgsLayoutFrame)
        if totals_frame is None:
            continue
        totals_table = totals_frame.multiFrame()
        headers = [title] + [c.header for c in TOTALS_COLUMNS[1:]]
        totals_widths = table_widths(totals_table, [c.width for c in TOTALS_COLUMNS], half)
        _set_table(totals_table, headers, _totals_rows(totals, totals_table.contentTextFormat(), totals_widths),
                   totals_widths)
        totals_frames.append((totals_frame, left + index * (half + gap)))
    totals_height = max((f.multiFrame().totalSize().height() for f, _x in totals_frames), default=0.0)
    if cursor + totals_height > page_bottom:
        cursor_page = _add_page(layout, decorations)
        cursor = page_top
    for totals_frame, x in totals_frames:
        totals_frame.attemptResize(QgsLayoutSize(half, totals_height + 1.0, compat.LAYOUT_MM))
        totals_frame.attemptMove(QgsLayoutPoint(x, cursor, compat.LAYOUT_MM), True, False, cursor_page)
    note = item(layout, ids.ITEM_TABLE_NOTE, QgsLayoutItemLabel)
    if note is not None:
        position = note.pagePositionWithUnits()
        note.attemptMove(position, True, False, layout.pageCollection().pageCount() - 1)
        note.setText("注：\n" + "\n".join(f"{n}. {text}" for n, text in enumerate(table_model.notes, start=1)))
