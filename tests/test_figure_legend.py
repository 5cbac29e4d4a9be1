"""The legend fills its box: a figure with few legend entries (01, 02) does not leave half the panel empty, and a
figure with many still fits. Measured on the exported PNG: the lowest inked row inside the legend's box."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingFeedback
from qgis.PyQt.QtGui import QImage

from pingcheng_plugin.core.figures import ExportOptions, FigureExporter, figure
from pingcheng_plugin.core.figures import templates as ids

DPI = 100


def legend_box(plan, folder, figure_id: str, paper: str, orientation: str):
    """The legend's box (mm) on the page, as the template gives it."""
    exporter = FigureExporter(str(plan), str(folder), ExportOptions(figures=(figure_id,), paper=paper,
                                                                   orientation=orientation))
    exporter._read_plan()
    try:
        layout = exporter.build(figure(figure_id))
        legend = layout.itemById(ids.ITEM_LEGEND)
        return tuple(float(v) for v in str(legend.customProperty("pingcheng/area")).split(",")[:4])
    finally:
        exporter.project.clear()


def inked_rows(image: QImage, left: float, top: float, width: float, height: float):
    """Rows (page mm) inside the box holding a pixel darker than the page, scanned at the PNG's resolution."""
    px = DPI / 25.4
    rows = []
    for y in range(int(top * px), int((top + height) * px)):
        for x in range(int(left * px), int((left + width) * px)):
            if image.pixelColor(x, y).lightness() < 235:
                rows.append(y / px)
                break
    return rows


@pytest.mark.parametrize("figure_id, paper, orientation", [
    ("overall", "A3", "landscape"), ("zones", "A3", "landscape"), ("sites", "A3", "landscape"),
    ("sites_status", "A3", "landscape"), ("sites_near", "A4", "portrait"), ("sites", "A3", "portrait")])
def test_the_legend_fills_most_of_its_box_and_stays_inside(provider, qgis_processing, demo_plan, tmp_path,
                                                           figure_id, paper, orientation):
    import processing

    result = processing.run("pingcheng:exportfigures", {
        "PLAN": str(demo_plan), "OUTPUT_FOLDER": str(tmp_path), "FORMATS": ["png"], "DPI": DPI,
        "FIGURES": [figure_id], "PAPER": paper, "ORIENTATION": orientation}, feedback=QgsProcessingFeedback())
    image = QImage([f for f in result["FILES"] if f.endswith(".png")][0])
    left, top, width, height = legend_box(demo_plan, tmp_path / "layout", figure_id, paper, orientation)
    rows = inked_rows(image, left, top, width, height - 0.5)
    assert rows, figure_id
    used = (max(rows) - top) / height
    assert used >= 0.7, (figure_id, round(used, 2))
    # and nothing of the legend spills below its box (the scale bar's separator sits 1 mm under it)
    below = inked_rows(image, left + 2, top + height + 0.2, width - 4, 0.6)
    assert not below, (figure_id, below)
    # nor past its right edge (the frame or separator is 3 mm further right on A3, 2.1 mm on A4)
    beside = inked_rows(image, left + width + 0.3, top, 1.5, height)
    assert not beside, (figure_id, beside[:3])
