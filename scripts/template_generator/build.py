"""Draws each bundled frame (kind, paper, orientation) from :mod:`.frame` and :mod:`.items` and saves it as
``templates/<kind>_<paper>_<orientation>.qpt``."""

from __future__ import annotations

import os
from typing import Dict, List, Optional

from qgis.core import QgsLayoutItemLegend, QgsLayoutMeasurement, QgsLayoutSize, QgsPrintLayout, QgsProject
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor

from pingcheng_plugin.core.figures import templates as ids
from pingcheng_plugin.core.figures.catalogue import all_variants, page_size
from pingcheng_plugin.core.figures.fill_table import ITEM_PAGE_NUMBER, PAGE_NUMBER
from pingcheng_plugin.core.figures.frame_style import (
    CRS_NOTE,
    DATE_CAPTION,
    ILLUSTRATIVE_COLOUR,
    NOTE_COLOUR,
    ORGANISATION_CAPTION,
    add_grid,
)
from pingcheng_plugin.core.summary.table import UNIT_NOTE
from pingcheng_plugin.core.support import compat
from pingcheng_plugin.plan import vocabulary

from .frame import Frame
from .items import (
    SITE_CARD_LINES,
    add_label,
    add_line,
    add_map,
    add_north_arrow,
    add_rectangle,
    add_scale,
    add_table,
    place,
    style_legend,
)


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
              align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter)
    add_label(layout, ids.ITEM_TITLE, "图名", rects["title"], 24 * f, bold=True, align=Qt.AlignmentFlag.AlignHCenter,
              valign=Qt.AlignmentFlag.AlignVCenter)
    add_label(layout, ids.ITEM_FIGURE_NUMBER, "附图", rects["figure_number"], 12 * f, bold=True,
              valign=Qt.AlignmentFlag.AlignVCenter)
    if kind == "atlas":
        add_label(layout, ids.ITEM_SUBTITLE, '[% "seq" %]. [% "name" %]', rects["subtitle"], 12 * f,
                  align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter)
    if kind == "table":
        _table_page(layout, rects, f)
    else:
        _map_page(layout, kind, rects, f, s)
    _block(layout, rects, f)
    return layout


def _map_page(layout: QgsPrintLayout, kind: str, rects: Dict[str, QRectF], f: float, s: float) -> None:
    item = add_map(layout, ids.ITEM_MAP, rects["map"], 0.4)
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
        add_rectangle(layout, ids.ITEM_OVERVIEW_BOX, rects["overview_box"], 0.35, fill="#ffffff")
        overview = add_map(layout, ids.ITEM_OVERVIEW, rects["overview"], 0.35)
        overview.setBackgroundColor(QColor("#ffffff"))
        add_label(layout, "pc_overview_caption", "区位示意", rects["overview_caption"], 7.5 * f, bold=True,
                  valign=Qt.AlignmentFlag.AlignVCenter)
        add_label(layout, ids.ITEM_SITE_CARD_TITLE, "项目概况", rects["site_card_title"], 9 * f, bold=True,
                  valign=Qt.AlignmentFlag.AlignVCenter)
        lines = "\n".join(f"{caption}：[% {expression} %]" for caption, expression in SITE_CARD_LINES)
        add_label(layout, ids.ITEM_SITE_CARD, lines, rects["site_card"], 7.5 * f)
        for table_id, title_id, key, heading in (
                (ids.ITEM_POINT_TABLE, ids.ITEM_POINT_TABLE_TITLE, "point_table", "界址点坐标表"),
                (ids.ITEM_LAND_TABLE, ids.ITEM_LAND_TABLE_TITLE, "land_table", "地类及管控面积表")):
            add_table(layout, table_id, rects[key], 6.5 * f, 6.5 * f)
            title = add_label(layout, title_id, heading, rects[f"{key}_title"], 7 * f, bold=True,
                              align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter)
            title.setBackgroundEnabled(True)
            title.setBackgroundColor(QColor("#ffffff"))
            title.setFrameEnabled(True)
            title.setFrameStrokeWidth(QgsLayoutMeasurement(0.2, compat.LAYOUT_MM))


def _table_page(layout: QgsPrintLayout, rects: Dict[str, QRectF], f: float) -> None:
    add_label(layout, ids.ITEM_UNIT_NOTE, UNIT_NOTE, rects["unit_note"], 8.5 * f, align=Qt.AlignmentFlag.AlignRight,
              valign=Qt.AlignmentFlag.AlignBottom)
    add_table(layout, ids.ITEM_TABLE, rects["table"], 7.5 * f, 7 * f)
    for key, item_id in (("totals_zone", ids.ITEM_TOTALS_ZONE), ("totals_phase", ids.ITEM_TOTALS_PHASE)):
        add_table(layout, item_id, rects[key], 7.5 * f, 7.5 * f)
    add_label(layout, ids.ITEM_TABLE_NOTE, "注：", rects["table_note"], 7.5 * f, colour=NOTE_COLOUR)
    add_label(layout, ids.ITEM_ILLUSTRATIVE_NOTE, "", rects["illustrative_note"], 8.5 * f, bold=True,
              valign=Qt.AlignmentFlag.AlignBottom, colour=ILLUSTRATIVE_COLOUR)
    add_label(layout, ITEM_PAGE_NUMBER, PAGE_NUMBER, rects["page_number"], 8.5 * f, align=Qt.AlignmentFlag.AlignRight,
              valign=Qt.AlignmentFlag.AlignBottom)


def _block(layout: QgsPrintLayout, rects: Dict[str, QRectF], f: float) -> None:
    add_rectangle(layout, "pc_block", rects["block"], 0.4)
    add_line(layout, "pc_block_hline", rects["block_hline"], 0.25)
    add_line(layout, "pc_block_vline", rects["block_vline"], 0.25)
    add_label(layout, "pc_organisation_caption", ORGANISATION_CAPTION, rects["organisation_caption"], 8 * f,
              bold=True, align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter)
    add_label(layout, "pc_date_caption", DATE_CAPTION, rects["date_caption"], 8 * f, bold=True,
              align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter)
    add_label(layout, ids.ITEM_ORGANISATION, vocabulary.PLAN_AUTHOR_ZH, rects["organisation"], 8.5 * f,
              align=Qt.AlignmentFlag.AlignHCenter, valign=Qt.AlignmentFlag.AlignVCenter)
    add_label(layout, ids.ITEM_DATE, "", rects["date"], 8.5 * f, align=Qt.AlignmentFlag.AlignHCenter,
              valign=Qt.AlignmentFlag.AlignVCenter)


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
