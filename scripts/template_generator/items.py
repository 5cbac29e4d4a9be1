"""The layout items of the bundled frames: labels, rules, the map, legend, scales, north arrow and tables, placed
in the rectangles of :mod:`.frame` and styled with the figures' own look (``frame_style``)."""

from __future__ import annotations

import base64
from typing import Dict, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
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
    QgsRectangle,
)
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPolygonF

from pingcheng_plugin.core.figures import templates as ids
from pingcheng_plugin.core.figures.frame_style import (
    LEGEND_TITLE,
    SCALE_EXPRESSION,
    SCALE_UNIT,
    TEXT_COLOUR,
    text_format,
)
from pingcheng_plugin.core.store import schema
from pingcheng_plugin.core.support import compat
from pingcheng_plugin.plan import vocabulary

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
    ("项目状态", "CASE " + " ".join(f"WHEN \"status\" = '{s.code}' THEN '{s.name_zh}'" for s in vocabulary.STATUSES)
     + " ELSE '未填报' END"),
    ("所在分区", '"zone_name"'),
    ("涉及重点区域", '"key_area_names"'),
    ("建设规模", "if(\"area_ha\" IS NULL, '—', format_number(\"area_ha\", 2) || ' 公顷')"),
    ("总投资", "if(\"investment\" IS NULL, '未填报', format_number(\"investment\", 2) || ' 万元')"),
    ("建设期限", "if(\"period\" = '', '未填报', \"period\")"
              " || if(\"phase_name\" = '', '', '（' || \"phase_name\" || '）')"),
    ("资金来源", "coalesce(nullif(\"funding\", ''), '未填报')"),
    ("实施主体", '"implementer"'),
    ("主要建设内容", '"measures"'),
)


def place(item, rect: QRectF, page: int = 0) -> None:
    item.attemptResize(QgsLayoutSize(rect.width(), rect.height(), compat.LAYOUT_MM))
    item.attemptMove(QgsLayoutPoint(rect.left(), rect.top(), compat.LAYOUT_MM), True, False, page)


def add_label(layout: QgsPrintLayout, item_id: str, text: str, rect: QRectF, size: float, bold: bool = False,
              align=Qt.AlignmentFlag.AlignLeft, valign=Qt.AlignmentFlag.AlignTop,
              colour: str = TEXT_COLOUR) -> QgsLayoutItemLabel:
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


def add_map(layout: QgsPrintLayout, item_id: str, rect: QRectF, frame_width: float) -> QgsLayoutItemMap:
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


def style_legend(legend: QgsLayoutItemLegend, f: float, s: float) -> None:
    legend.setTitle(LEGEND_TITLE)
    legend.setTitleAlignment(Qt.AlignmentFlag.AlignHCenter)
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
              8.5 * f, align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter)
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
    line = bar.lineSymbol().clone()  # (setLineWidth is deprecated since QGIS 3.14 and gone in QGIS 4)
    line.setWidth(0.25)
    bar.setLineSymbol(line)
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


def add_table(layout: QgsPrintLayout, frame_id: str, rect: QRectF, header_size: float,
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
