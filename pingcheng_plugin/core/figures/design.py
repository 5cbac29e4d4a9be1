"""The plugin's own figure frames, drawn in code and saved as the bundled ``templates/*.qpt``.

One frame per page kind (map, atlas, table), paper (A3, A4) and orientation, in the manner of Chinese
territorial-space plan figures: a double border (图框), the plan name over the figure title, the map with a
graticule or kilometre grid annotated outside its neatline, a north arrow, and a side panel (landscape) or a
bottom panel (portrait) holding the legend (图例), the scale (比例尺, bar and numeric), the notes (coordinate
system, data source, 示意) and a title block with 编制单位 and 编制日期. Every item the export fills has an id
(:mod:`.templates`); everything else is decoration a user may restyle in the layout designer.

Regenerate the bundled templates after changing this module::

    QT_QPA_PLATFORM=offscreen python -m pingcheng_plugin.core.figures templates/
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPicture,
    QgsLayoutItemPolyline,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLegendStyle,
    QgsLineSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsTextFormat,
)
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPolygonF

from ...plan import vocabulary
from .. import compat, schema
from ..fonts import CJK_FAMILIES, find_cjk_family
from ..summary.table import UNIT_NOTE
from . import templates as ids
from .catalogue import KINDS, ORIENTATIONS, PAPERS, page_size

#: 2000国家大地坐标系 with the projection of the storage CRS (EPSG:4547), as figures state it.
CRS_NOTE = "坐标系：2000国家大地坐标系\n高斯-克吕格投影 3度带 中央经线114°"
ORGANISATION_CAPTION = "编制单位"
DATE_CAPTION = "编制日期"
LEGEND_TITLE = "图  例"
SCALE_UNIT = "千米"
#: Numeric scale, live: it follows the map (and each atlas page). 1∶ is the ratio sign of Chinese cartography.
SCALE_EXPRESSION = ("比例尺 1∶[% regexp_replace(format_number(map_get(item_variables('{map}'), 'map_scale'), 0), "
                    "'[^0-9]', '') %]")
TEXT_COLOUR = "#1a1a1a"
NOTE_COLOUR = "#333333"
ILLUSTRATIVE_COLOUR = "#b00020"
#: A plain north arrow (half-filled arrowhead under an N), embedded so templates carry no file paths.
NORTH_ARROW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 100">'
    '<path d="M13 22V4L27 22V4" fill="none" stroke="#000" stroke-width="2.6" stroke-linejoin="miter"/>'
    '<path d="M20 28L8 92L20 80Z" fill="#000"/>'
    '<path d="M20 28L32 92L20 80Z" fill="#fff" stroke="#000" stroke-width="1.2" stroke-linejoin="round"/>'
    "</svg>"
)
#: The atlas site card: one line per field of the atlas coverage layer (see :mod:`.layers`).
SITE_CARD_LINES: Tuple[Tuple[str, str], ...] = (
    ("项目编码", '"project_code"'),
    ("项目名称", '"name"'),
    ("项目类型", '"type_name"'),
    ("所在分区", '"zone_name"'),
    ("涉及重点区域", '"key_area_names"'),
    ("建设规模", "if(\"area_ha\" IS NULL, '—', format_number(\"area_ha\", 2) || ' 公顷')"),
    ("总投资", "if(\"investment\" IS NULL, '未填报', format_number(\"investment\", 2) || ' 万元')"),
    ("建设期限", "if(\"period\" = '', '未填报', \"period\")"
              " || if(\"phase_name\" = '', '', '（' || \"phase_name\" || '）')"),
    ("实施主体", '"implementer"'),
    ("主要建设内容", '"measures"'),
)


def family() -> str:
    return find_cjk_family() or CJK_FAMILIES[0]


def text_format(size: float, bold: bool = False, colour: str = TEXT_COLOUR) -> QgsTextFormat:
    font = QFont(family())
    font.setBold(bold)
    font.setPointSizeF(size)
    result = QgsTextFormat.fromQFont(font)
    result.setSize(size)
    result.setColor(QColor(colour))
    return result


@dataclass
class Frame:
    """Page geometry (mm) of one kind, paper and orientation; ``s`` scales lengths, ``f`` font sizes."""

    kind: str
    paper: str
    orientation: str
    width: float
    height: float

    @property
    def s(self) -> float:
        return min(self.width, self.height) / 297.0

    @property
    def f(self) -> float:
        return self.s ** 0.6

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    def rects(self) -> Dict[str, QRectF]:
        s = self.s
        margin, gap = 10 * s, 1.6 * s
        out = {"outer": QRectF(margin, margin, self.width - 2 * margin, self.height - 2 * margin)}
        inner = out["outer"].adjusted(gap, gap, -gap, -gap)
        out["inner"] = inner
        out["plan_name"] = QRectF(inner.left(), inner.top() + 3 * s, inner.width(), 7 * s)
        out["title"] = QRectF(inner.left(), inner.top() + 10 * s, inner.width(), 12 * s)
        top = inner.top() + (31 if self.kind == "atlas" else 25) * s
        if self.kind == "atlas":
            out["subtitle"] = QRectF(inner.left(), inner.top() + 22.5 * s, inner.width(), 6.5 * s)
        if self.kind == "table":
            return self._table_rects(out, inner, top)
        annotation = 7.5 * s
        if self.landscape:
            panel_width = (92 if self.kind == "atlas" else 86) * s
            panel = QRectF(inner.right() - 3 * s - panel_width, top + annotation, panel_width,
                           inner.bottom() - annotation - (top + annotation))
            out["map"] = QRectF(inner.left() + annotation, panel.top(),
                                panel.left() - annotation - (inner.left() + annotation), panel.height())
            out["panel"] = panel
            self._side_panel(out, panel)
        else:
            panel_height = (84 if self.kind == "atlas" else 78) * s
            panel = QRectF(inner.left() + annotation, inner.bottom() - 3 * s - panel_height,
                           inner.width() - 2 * annotation, panel_height)
            out["map"] = QRectF(panel.left(), top + annotation, panel.width(),
                                panel.top() - annotation - (top + annotation))
            out["panel"] = panel
            self._bottom_panel(out, panel)
        map_rect = out["map"]
        out["north_arrow"] = QRectF(map_rect.right() - 15 * s, map_rect.top() + 4 * s, 9 * s, 22 * s)
        if self.kind == "atlas":
            size = QRectF(0, 0, (62 if self.landscape else 58) * s, (56 if self.landscape else 52) * s)
            out["overview"] = QRectF(map_rect.left(), map_rect.bottom() - size.height(), size.width(), size.height())
        return out

    def _side_panel(self, out: Dict[str, QRectF], panel: QRectF) -> None:
        s, pad = self.s, 3 * self.s
        x, width = panel.left() + pad, panel.width() - 2 * pad
        block = QRectF(panel.left(), panel.bottom() - 16 * s, panel.width(), 16 * s)
        notes_height = 44 * s
        notes = QRectF(x, block.top() - 2 * s - notes_height, width, notes_height)
        scale = QRectF(x, notes.top() - 3 * s - 17 * s, width, 17 * s)
        top = panel.top() + pad
        if self.kind == "atlas":
            card = QRectF(x, top, width, 66 * s)
            out["site_card"] = card
            out["sep_card"] = QRectF(panel.left(), card.bottom() + 2 * s, panel.width(), 0)
            top = card.bottom() + 4 * s
        out["legend"] = QRectF(x, top, width, scale.top() - 3 * s - top)
        out["sep_scale"] = QRectF(panel.left(), scale.top() - 2 * s, panel.width(), 0)
        out["sep_notes"] = QRectF(panel.left(), notes.top() - 1.5 * s, panel.width(), 0)
        self._scale(out, scale)
        self._notes(out, notes)
        self._block(out, block)

    def _bottom_panel(self, out: Dict[str, QRectF], panel: QRectF) -> None:
        s, pad = self.s, 3 * self.s
        shares = (0.30, 0.27, 0.23, 0.20) if self.kind == "atlas" else (0.0, 0.50, 0.28, 0.22)
        edges = [panel.left()]
        for share in shares:
            edges.append(edges[-1] + share * panel.width())
        columns = [QRectF(edges[i], panel.top(), edges[i + 1] - edges[i], panel.height()) for i in range(4)]
        if self.kind == "atlas":
            out["site_card"] = columns[0].adjusted(pad, pad, -pad, -pad)
        out["legend"] = columns[1].adjusted(pad, pad, -pad, -pad)
        out["notes_column"] = columns[2]
        self._notes(out, columns[2].adjusted(pad, pad, -pad, -pad))
        right = columns[3]
        block = QRectF(right.left(), right.bottom() - 32 * s, right.width(), 32 * s)
        self._scale(out, QRectF(right.left() + pad, right.top() + pad, right.width() - 2 * pad, 17 * s))
        self._block(out, block)
        out["vsep"] = [QRectF(edges[i], panel.top(), 0, panel.height()) for i in range(1, 4) if shares[i - 1] > 0]

    def _scale(self, out: Dict[str, QRectF], rect: QRectF) -> None:
        s = self.s
        out["scale_text"] = QRectF(rect.left(), rect.top(), rect.width(), 6 * s)
        out["scalebar"] = QRectF(rect.left() + rect.width() * 0.08, rect.top() + 7 * s, rect.width() * 0.84, 10 * s)

    def _notes(self, out: Dict[str, QRectF], rect: QRectF) -> None:
        s = self.s
        out["crs_note"] = QRectF(rect.left(), rect.top(), rect.width(), 10 * s)
        out["source_note"] = QRectF(rect.left(), rect.top() + 11 * s, rect.width(), 15 * s)
        out["illustrative_note"] = QRectF(rect.left(), rect.top() + 27 * s, rect.width(), rect.height() - 27 * s)

    def _block(self, out: Dict[str, QRectF], block: QRectF) -> None:
        out["block"] = block
        rows = 2
        row_height = block.height() / rows
        caption_width = min(22 * self.s, block.width() * 0.36)
        for index, key in enumerate(("organisation", "date")):
            row = QRectF(block.left(), block.top() + index * row_height, block.width(), row_height)
            out[f"{key}_caption"] = QRectF(row.left(), row.top(), caption_width, row.height())
            out[key] = QRectF(row.left() + caption_width, row.top(), row.width() - caption_width, row.height())
        out["block_hline"] = QRectF(block.left(), block.top() + row_height, block.width(), 0)
        out["block_vline"] = QRectF(block.left() + caption_width, block.top(), 0, block.height())

    def _table_rects(self, out: Dict[str, QRectF], inner: QRectF, top: float) -> Dict[str, QRectF]:
        s = self.s
        body = inner.adjusted(5 * s, 0, -5 * s, 0)
        out["unit_note"] = QRectF(body.left(), top, body.width(), 6 * s)
        bottom_height = 24 * s
        bottom = QRectF(body.left(), inner.bottom() - 3 * s - bottom_height, body.width(), bottom_height)
        out["table"] = QRectF(body.left(), top + 7 * s, body.width(), bottom.top() - 3 * s - (top + 7 * s))
        block_width = 80 * s
        out["table_note"] = QRectF(bottom.left(), bottom.top(), bottom.width() - block_width - 6 * s, bottom.height())
        self._block(out, QRectF(bottom.right() - block_width, bottom.top() + bottom_height - 16 * s, block_width,
                                16 * s))
        half = (body.width() - 8 * s) / 2
        out["totals_zone"] = QRectF(body.left(), top + 7 * s, half, 40 * s)
        out["totals_phase"] = QRectF(body.left() + half + 8 * s, top + 7 * s, half, 40 * s)
        return out


# --- item helpers ---------------------------------------------------------------------------------------------

def place(item, rect: QRectF, page: int = 0) -> None:
    item.attemptResize(QgsLayoutSize(rect.width(), rect.height(), compat.LAYOUT_MM))
    item.attemptMove(QgsLayoutPoint(rect.left(), rect.top(), compat.LAYOUT_MM), True, False, page)


def add_label(layout: QgsPrintLayout, item_id: str, text: str, rect: QRectF, size: float, bold: bool = False,
              align=Qt.AlignLeft, valign=Qt.AlignTop, colour: str = TEXT_COLOUR) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    compat.set_label_text_format(label, text_format(size, bold, colour))
    label.setHAlign(align)
    label.setVAlign(valign)
    label.setMarginX(0.6)
    label.setMarginY(0.4)
    layout.addLayoutItem(label)
    place(label, rect)
    return label


def add_rectangle(layout: QgsPrintLayout, item_id: str, rect: QRectF, width: float,
                  fill: Optional[str] = None) -> QgsLayoutItemShape:
    shape = QgsLayoutItemShape(layout)
    shape.setShapeType(QgsLayoutItemShape.Rectangle)
    shape.setId(item_id)
    shape.setSymbol(QgsFillSymbol.createSimple({
        "color": fill or "255,255,255,0", "style": "solid" if fill else "no", "outline_color": "#000000",
        "outline_width": str(width), "outline_width_unit": "MM", "joinstyle": "miter",
    }))
    layout.addLayoutItem(shape)
    place(shape, rect)
    shape.setLocked(True)
    return shape


def add_line(layout: QgsPrintLayout, item_id: str, rect: QRectF, width: float = 0.25) -> QgsLayoutItemPolyline:
    polygon = QPolygonF([QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.bottom())])
    line = QgsLayoutItemPolyline(polygon, layout)
    line.setId(item_id)
    line.setSymbol(QgsLineSymbol.createSimple({"line_color": "#000000", "line_width": str(width),
                                               "line_width_unit": "MM", "capstyle": "flat"}))
    layout.addLayoutItem(line)
    line.setLocked(True)
    return line


def _map(layout: QgsPrintLayout, item_id: str, rect: QRectF, frame_width: float) -> QgsLayoutItemMap:
    item = QgsLayoutItemMap(layout)
    item.setId(item_id)
    item.setCrs(QgsCoordinateReferenceSystem(schema.STORAGE_CRS))
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(frame_width, compat.LAYOUT_MM))
    item.setBackgroundColor(QColor("#ffffff"))
    layout.addLayoutItem(item)
    place(item, rect)
    extent = QgsRectangle(*schema.DISTRICT_EXTENT)
    item.setExtent(extent)  # resizes the item to the extent's shape (traps: extent, resize, zoom, scale)
    place(item, rect)
    item.zoomToExtent(extent)
    return item


def add_grid(item: QgsLayoutItemMap, f: float, s: float) -> QgsLayoutItemMapGrid:
    grid = QgsLayoutItemMapGrid(ids.GRID_NAME, item)
    grid.setEnabled(True)
    grid.setStyle(QgsLayoutItemMapGrid.Cross)
    grid.setCrossLength(2.0 * s)
    grid.setLineSymbol(QgsLineSymbol.createSimple({"line_color": "#5a5a5a", "line_width": "0.15",
                                                   "line_width_unit": "MM"}))
    grid.setCrs(QgsCoordinateReferenceSystem(schema.GEOGRAPHIC_CRS))
    grid.setIntervalX(5 / 60)
    grid.setIntervalY(5 / 60)
    grid.setFrameStyle(QgsLayoutItemMapGrid.ExteriorTicks)
    grid.setFrameWidth(1.6 * s)
    grid.setFramePenSize(0.2)
    grid.setAnnotationEnabled(True)
    grid.setAnnotationFormat(QgsLayoutItemMapGrid.DegreeMinute)
    grid.setAnnotationPrecision(0)
    grid.setAnnotationTextFormat(text_format(6.5 * f, colour=NOTE_COLOUR))
    grid.setAnnotationFrameDistance(0.8 * s)
    for side, direction in ((QgsLayoutItemMapGrid.Left, QgsLayoutItemMapGrid.VerticalDescending),
                            (QgsLayoutItemMapGrid.Right, QgsLayoutItemMapGrid.Vertical),
                            (QgsLayoutItemMapGrid.Top, QgsLayoutItemMapGrid.Horizontal),
                            (QgsLayoutItemMapGrid.Bottom, QgsLayoutItemMapGrid.Horizontal)):
        grid.setAnnotationPosition(QgsLayoutItemMapGrid.OutsideMapFrame, side)
        grid.setAnnotationDirection(direction, side)
    item.grids().addGrid(grid)
    return grid


def style_legend(legend: QgsLayoutItemLegend, f: float, s: float) -> None:
    legend.setTitle(LEGEND_TITLE)
    legend.setTitleAlignment(Qt.AlignHCenter)
    legend.setAutoUpdateModel(False)
    legend.setResizeToContents(False)
    legend.setFrameEnabled(False)
    legend.setBackgroundEnabled(False)
    legend.setSymbolWidth(9.0 * s)
    legend.setSymbolHeight(4.8 * s)
    legend.setColumnCount(1)
    legend.setSplitLayer(True)
    legend.setEqualColumnWidth(False)
    legend.setBoxSpace(1.5 * s)
    legend.setColumnSpace(5 * s)
    for style, size, bold, top in ((QgsLegendStyle.Title, 12.5 * f, True, 0.0),
                                   (QgsLegendStyle.Group, 9.5 * f, True, 3.0 * s),
                                   (QgsLegendStyle.Subgroup, 9.0 * f, True, 2.8 * s),
                                   (QgsLegendStyle.SymbolLabel, 8.5 * f, False, 1.6 * s)):
        compat.set_legend_text_format(legend, style, text_format(size, bold))
        legend.rstyle(style).setMargin(QgsLegendStyle.Top, top)
    legend.rstyle(QgsLegendStyle.Title).setMargin(QgsLegendStyle.Bottom, 2.5 * s)
    legend.rstyle(QgsLegendStyle.SymbolLabel).setMargin(QgsLegendStyle.Left, 2.2 * s)
    legend.rstyle(QgsLegendStyle.Symbol).setMargin(QgsLegendStyle.Top, 1.6 * s)


def add_scale(layout: QgsPrintLayout, rects: Dict[str, QRectF], item: QgsLayoutItemMap, f: float, s: float) -> None:
    add_label(layout, ids.ITEM_SCALE_TEXT, SCALE_EXPRESSION.format(map=ids.ITEM_MAP), rects["scale_text"],
              8.5 * f, align=Qt.AlignHCenter, valign=Qt.AlignVCenter)
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId(ids.ITEM_SCALEBAR)
    bar.setStyle("Single Box")
    bar.setLinkedMap(item)
    bar.setUnits(compat.DISTANCE_KILOMETERS)
    bar.setUnitLabel(SCALE_UNIT)
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(4)
    bar.setSegmentSizeMode(compat.SCALEBAR_FIT_WIDTH)
    bar.setMinimumBarWidth(rects["scalebar"].width() * 0.55)
    bar.setMaximumBarWidth(rects["scalebar"].width() * 0.85)
    bar.setHeight(1.8 * s)
    bar.setLineWidth(0.25)
    bar.setLabelBarSpace(1.2 * s)
    bar.setBoxContentSpace(0.8 * s)
    bar.setTextFormat(text_format(7.5 * f))
    bar.setFrameEnabled(False)
    bar.setBackgroundEnabled(False)
    layout.addLayoutItem(bar)
    place(bar, rects["scalebar"])


def add_north_arrow(layout: QgsPrintLayout, rect: QRectF, item: QgsLayoutItemMap) -> QgsLayoutItemPicture:
    picture = QgsLayoutItemPicture(layout)
    picture.setId(ids.ITEM_NORTH_ARROW)
    picture.setPicturePath("base64:" + base64.b64encode(NORTH_ARROW_SVG.encode()).decode(),
                           QgsLayoutItemPicture.FormatSVG)
    picture.setResizeMode(QgsLayoutItemPicture.Zoom)
    picture.setLinkedMap(item)
    picture.setNorthMode(QgsLayoutItemPicture.GridNorth)
    picture.setBackgroundEnabled(False)
    picture.setFrameEnabled(False)
    layout.addLayoutItem(picture)
    place(picture, rect)
    return picture


def _table(layout: QgsPrintLayout, frame_id: str, rect: QRectF, header_size: float,
           content_size: float) -> QgsLayoutItemManualTable:
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    table.setHeaderTextFormat(text_format(header_size, True))
    table.setContentTextFormat(text_format(content_size))
    table.setHeaderHAlignment(QgsLayoutTable.HeaderCenter)
    table.setHeaderMode(QgsLayoutTable.AllFrames)
    table.setIncludeTableHeader(True)
    table.setCellMargin(0.9)
    table.setGridStrokeWidth(0.2)
    table.setGridColor(QColor("#333333"))
    table.setShowGrid(True)
    table.setHorizontalGrid(True)
    table.setVerticalGrid(True)
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    table.setBackgroundColor(QColor("#ffffff"))
    table.setEmptyTableBehavior(QgsLayoutTable.HideTable)
    table.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(frame_id)
    frame.setFrameEnabled(False)
    table.addFrame(frame)
    layout.addLayoutItem(frame)
    place(frame, rect)
    return table


# --- frames ---------------------------------------------------------------------------------------------------

def build_layout(kind: str, paper: str, orientation: str, project: Optional[QgsProject] = None) -> QgsPrintLayout:
    """A new, empty frame of ``kind`` (map, atlas, table) on ``paper`` in ``orientation``."""
    width, height = page_size(paper, orientation)
    frame = Frame(kind, paper, orientation, width, height)
    rects = frame.rects()
    s, f = frame.s, frame.f
    layout = QgsPrintLayout(project or QgsProject.instance())
    layout.initializeDefaults()
    layout.setName(f"{kind}_{paper}_{orientation}")
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(width, height, compat.LAYOUT_MM))
    layout.renderContext().setDpi(300)
    add_rectangle(layout, "pc_frame_outer", rects["outer"], 0.9 * s)
    add_rectangle(layout, "pc_frame_inner", rects["inner"], 0.25)
    add_label(layout, ids.ITEM_PLAN_NAME, vocabulary.PLAN_TITLE_ZH, rects["plan_name"], 13 * f,
              align=Qt.AlignHCenter, valign=Qt.AlignVCenter)
    add_label(layout, ids.ITEM_TITLE, "图名", rects["title"], 24 * f, bold=True, align=Qt.AlignHCenter,
              valign=Qt.AlignVCenter)
    if kind == "atlas":
        add_label(layout, ids.ITEM_SUBTITLE, '[% "seq" %]. [% "name" %]', rects["subtitle"], 12 * f,
                  align=Qt.AlignHCenter, valign=Qt.AlignVCenter)
    if kind == "table":
        _table_page(layout, rects, f)
    else:
        _map_page(layout, kind, rects, f, s)
    _block(layout, rects, f)
    return layout


def _map_page(layout: QgsPrintLayout, kind: str, rects: Dict[str, QRectF], f: float, s: float) -> None:
    item = _map(layout, ids.ITEM_MAP, rects["map"], 0.4)
    add_grid(item, f, s)
    add_rectangle(layout, "pc_panel", rects["panel"], 0.4)
    add_north_arrow(layout, rects["north_arrow"], item)
    legend = QgsLayoutItemLegend(layout)
    legend.setId(ids.ITEM_LEGEND)
    style_legend(legend, f, s)
    legend.setLinkedMap(item)
    layout.addLayoutItem(legend)
    place(legend, rects["legend"])
    add_scale(layout, rects, item, f, s)
    add_label(layout, ids.ITEM_CRS_NOTE, CRS_NOTE, rects["crs_note"], 7.5 * f, colour=NOTE_COLOUR)
    add_label(layout, ids.ITEM_SOURCE_NOTE, "数据来源：", rects["source_note"], 7 * f, colour=NOTE_COLOUR)
    add_label(layout, ids.ITEM_ILLUSTRATIVE_NOTE, "", rects["illustrative_note"], 7 * f, bold=True,
              colour=ILLUSTRATIVE_COLOUR)
    for key in ("sep_card", "sep_scale", "sep_notes"):
        if key in rects:
            add_line(layout, f"pc_{key}", rects[key], 0.25)
    for index, rect in enumerate(rects.get("vsep", [])):
        add_line(layout, f"pc_vsep_{index}", rect, 0.25)
    if kind == "atlas":
        overview = _map(layout, ids.ITEM_OVERVIEW, rects["overview"], 0.35)
        overview.setBackgroundColor(QColor("#ffffff"))
        add_label(layout, "pc_overview_caption", "区位示意", QRectF(
            rects["overview"].left() + 1.2 * s, rects["overview"].top() + 1 * s, 20 * s, 5 * s), 7.5 * f, bold=True)
        lines = "\n".join(f"{caption}：[% {expression} %]" for caption, expression in SITE_CARD_LINES)
        add_label(layout, ids.ITEM_SITE_CARD, "项目概况\n" + lines, rects["site_card"], 7.5 * f)


def _table_page(layout: QgsPrintLayout, rects: Dict[str, QRectF], f: float) -> None:
    add_label(layout, ids.ITEM_UNIT_NOTE, UNIT_NOTE, rects["unit_note"], 8.5 * f, align=Qt.AlignRight,
              valign=Qt.AlignBottom)
    _table(layout, ids.ITEM_TABLE, rects["table"], 7.5 * f, 7 * f)
    for key, item_id in (("totals_zone", ids.ITEM_TOTALS_ZONE), ("totals_phase", ids.ITEM_TOTALS_PHASE)):
        _table(layout, item_id, rects[key], 7.5 * f, 7.5 * f)
    add_label(layout, ids.ITEM_TABLE_NOTE, "注：", rects["table_note"], 7.5 * f, colour=NOTE_COLOUR)


def _block(layout: QgsPrintLayout, rects: Dict[str, QRectF], f: float) -> None:
    add_rectangle(layout, "pc_block", rects["block"], 0.4)
    add_line(layout, "pc_block_hline", rects["block_hline"], 0.25)
    add_line(layout, "pc_block_vline", rects["block_vline"], 0.25)
    add_label(layout, "pc_organisation_caption", ORGANISATION_CAPTION, rects["organisation_caption"], 8 * f,
              bold=True, align=Qt.AlignHCenter, valign=Qt.AlignVCenter)
    add_label(layout, "pc_date_caption", DATE_CAPTION, rects["date_caption"], 8 * f, bold=True,
              align=Qt.AlignHCenter, valign=Qt.AlignVCenter)
    add_label(layout, ids.ITEM_ORGANISATION, vocabulary.PLAN_AUTHOR_ZH, rects["organisation"], 8.5 * f,
              align=Qt.AlignHCenter, valign=Qt.AlignVCenter)
    add_label(layout, ids.ITEM_DATE, "", rects["date"], 8.5 * f, align=Qt.AlignHCenter, valign=Qt.AlignVCenter)


def all_variants() -> List[Tuple[str, str, str]]:
    return [(kind, paper, orientation) for kind in KINDS for paper in PAPERS for orientation in ORIENTATIONS]


def write_templates(folder: str) -> List[str]:
    """Write every bundled template into ``folder``; returns the paths."""
    project = QgsProject()
    written = []
    for kind, paper, orientation in all_variants():
        layout = build_layout(kind, paper, orientation, project)
        path = os.path.join(folder, ids.template_name(kind, paper, orientation))
        ids.save_template(layout, path)
        written.append(path)
    project.clear()
    return written

