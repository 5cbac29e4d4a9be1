"""The review report as a PDF, built with QGIS's layout machinery like the plan figures: a first A4 page with the
totals, then one page per review with its text, a vector location map and the photos embedded.

Text is written as text (searchable, see :mod:`..figures.pdf_text`), every exporter result is checked.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
)
from qgis.PyQt.QtCore import Qt

from ...plan import vocabulary
from ..figures.export import check_result, pdf_settings
from ..figures.frame_style import text_format
from ..figures.pdf_text import searchable
from ..figures.typography import retarget_fonts
from ..support import compat
from ..support.progress import Progress, report
from .report_data import ReviewEntry, ReviewReport
from .report_maps import ReportMaps

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 15.0
TEXT_W = PAGE_W - 2 * MARGIN
MAP_H = 95.0
PHOTO_W, PHOTO_H = 57.0, 57.0
DPI = 200


def _label(layout: QgsPrintLayout, text: str, page: int, x: float, y: float, w: float, h: float,
           size: float = 10.0, bold: bool = False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    compat.set_label_text_format(label, text_format(size, bold))
    label.setHAlign(Qt.AlignmentFlag.AlignLeft)
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    label.setMarginX(0.0)
    label.setMarginY(0.0)
    layout.addLayoutItem(label)
    label.attemptResize(QgsLayoutSize(w, h, compat.LAYOUT_MM))
    label.attemptMove(QgsLayoutPoint(x, y, compat.LAYOUT_MM), True, False, page)
    return label


def _new_page(layout: QgsPrintLayout) -> int:
    page = QgsLayoutItemPage(layout)
    page.setPageSize(QgsLayoutSize(PAGE_W, PAGE_H, compat.LAYOUT_MM))
    layout.pageCollection().addPage(page)
    return layout.pageCollection().pageCount() - 1


def _totals_page(layout: QgsPrintLayout, data: ReviewReport) -> None:
    page = _new_page(layout)
    labels = data.labels
    _label(layout, vocabulary.PLAN_TITLE_ZH, page, MARGIN, MARGIN, TEXT_W, 8, 11)
    _label(layout, data.title, page, MARGIN, MARGIN + 9, TEXT_W, 12, 18, True)
    _label(layout, data.source, page, MARGIN, MARGIN + 23, TEXT_W, 12, 9)
    states = "\n".join(f"{state}：{count}" for state, count in data.state_totals)
    states += f"\n{labels['total']}：{len(data.entries)}"
    _label(layout, labels["totals_state"], page, MARGIN, MARGIN + 40, TEXT_W, 8, 12, True)
    _label(layout, states, page, MARGIN, MARGIN + 49, TEXT_W, 7 * (len(data.state_totals) + 1), 11)
    top = MARGIN + 55 + 7 * (len(data.state_totals) + 1)
    reviewers = "\n".join(f"{name}：{count}" for name, count in data.reviewer_totals)
    _label(layout, labels["totals_reviewer"], page, MARGIN, top, TEXT_W, 8, 12, True)
    _label(layout, reviewers, page, MARGIN, top + 9, TEXT_W, min(PAGE_H - top - 30, 7 * len(data.reviewer_totals)), 11)


def _site_page(layout: QgsPrintLayout, entry: ReviewEntry, maps: ReportMaps, labels) -> None:
    page = _new_page(layout)
    _label(layout, f"{entry.code}  {entry.name}", page, MARGIN, MARGIN, TEXT_W, 10, 14, True)
    lines = [f"{labels['state']}：{entry.state}", f"{labels['reviewer']}：{entry.reviewer}",
             f"{labels['time']}：{entry.reviewed_at}", f"{labels['finding']}：{entry.finding}",
             f"{labels['comment']}：{entry.comment}"]
    lines += [labels["missing_photo"].format(path=path) for path in entry.missing_photos]
    _label(layout, "\n".join(lines), page, MARGIN, MARGIN + 13, TEXT_W, 70, 10.5)
    top = MARGIN + 86
    extent = maps.extent(entry.code)
    if extent is None:
        _label(layout, labels["no_map"], page, MARGIN, top, TEXT_W, 10, 10)
    else:
        item = QgsLayoutItemMap(layout)
        item.setId(entry.code)  # @map_id: the renderer stresses this site
        layout.addLayoutItem(item)
        item.setCrs(maps.project.crs())
        item.setLayers(maps.layers())
        item.setKeepLayerSet(True)
        # sized before any extent: a new item is 0 × 0 and an extent set then comes out empty
        item.attemptResize(QgsLayoutSize(TEXT_W, MAP_H, compat.LAYOUT_MM))
        item.attemptMove(QgsLayoutPoint(MARGIN, top, compat.LAYOUT_MM), True, False, page)
        item.zoomToExtent(extent)
        item.setFrameEnabled(True)
    top += MAP_H + 6
    for index, path in enumerate(entry.photos[:3]):  # three fit a page; the HTML shows them all
        picture = QgsLayoutItemPicture(layout)
        picture.setPicturePath(path)
        picture.setResizeMode(QgsLayoutItemPicture.Zoom)
        layout.addLayoutItem(picture)
        picture.attemptResize(QgsLayoutSize(PHOTO_W, PHOTO_H, compat.LAYOUT_MM))
        picture.attemptMove(QgsLayoutPoint(MARGIN + index * (PHOTO_W + 3), top, compat.LAYOUT_MM), True, False,
                            page)


def write_pdf(data: ReviewReport, path: str, progress: Progress = None, shown: Optional[str] = None) -> None:
    """Write ``data`` as a PDF to ``path`` (a staging path; ``shown`` names the final file in messages)."""
    maps = ReportMaps(data.layers_path)
    try:
        metadata = maps.project.metadata()
        metadata.setTitle(data.title)
        maps.project.setMetadata(metadata)
        layout = QgsPrintLayout(maps.project)
        layout.setName(data.title)
        _totals_page(layout, data)
        for index, entry in enumerate(data.entries):
            report(progress, 20 + 60 * index / len(data.entries), data.labels["map"] + " " + entry.code)
            _site_page(layout, entry, maps, data.labels)
        retarget_fonts(layout)  # digits and Latin text stay extractable beside the CJK (see figures/typography)
        report(progress, 85)
        settings = pdf_settings(DPI)
        settings.appendGeoreference = False  # many small maps: no page-wide georeference
        result = QgsLayoutExporter(layout).exportToPdf(path, settings)
        check_result(result, shown or path)
        searchable(path)
    finally:
        maps.close()
