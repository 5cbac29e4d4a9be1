"""The implementation-status figure (05) as readers see it: the four statuses apart in colour, for colour-blind
readers and in grey print.

The colours are read back from the exported PNG inside each site (not from the style), then compared in CIELAB
after simulating protanopia, deuteranopia and tritanopia with the matrices of Machado, Oliveira & Fernandes (2009,
severity 1), an independent published model.
"""

from __future__ import annotations

import itertools
import math
from typing import Dict, Sequence, Tuple

from qgis.core import QgsFeatureRequest, QgsProcessingFeedback
from qgis.PyQt.QtCore import QPointF
from qgis.PyQt.QtGui import QImage

from pingcheng_plugin.core.figures import ExportOptions, FigureExporter, figure
from pingcheng_plugin.core.figures import templates as ids
from pingcheng_plugin.plan import vocabulary
from tests.helpers import edit

DPI = 120
RGB = Tuple[float, float, float]
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _linear(c: float) -> float:
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encoded(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 255.0 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def simulate(rgb: RGB, matrix: Sequence[Sequence[float]]) -> RGB:
    lin = [_linear(c) for c in rgb]
    return tuple(_encoded(sum(m * v for m, v in zip(row, lin))) for row in matrix)  # type: ignore[return-value]


def lab(rgb: RGB) -> RGB:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: RGB, b: RGB) -> float:
    return math.dist(lab(a), lab(b))


def status_pixels(plan, folder) -> Dict[str, RGB]:
    """Each status's colour as exported: the PNG's pixel at an inner corner of one site of that status (away from
    the number label at the site's centre and from its outline)."""
    import processing

    result = processing.run("pingcheng:exportfigures", {
        "PLAN": str(plan), "OUTPUT_FOLDER": str(folder), "FORMATS": ["png"], "DPI": DPI,
        "FIGURES": ["sites_status"]}, feedback=QgsProcessingFeedback())
    image = QImage([f for f in result["FILES"] if f.endswith(".png")][0])
    exporter = FigureExporter(str(plan), str(folder), ExportOptions(figures=("sites_status",)))
    exporter._read_plan()
    layout = exporter.build(figure("sites_status"))
    map_item = layout.itemById(ids.ITEM_MAP)
    sites = next(layer for layer in map_item.layers() if layer.fields().indexOf("status") >= 0)
    colours: Dict[str, RGB] = {}
    for feature in sites.getFeatures(QgsFeatureRequest()):
        status = feature["status"]
        if status in colours:
            continue
        inner = feature.geometry().buffer(-60, 4)  # 60 m inside the outline
        corner = inner.vertexAt(0)
        item_mm = map_item.mapToItemCoords(QPointF(corner.x(), corner.y()))
        page_mm = map_item.mapToScene(item_mm)
        px = image.pixelColor(round(page_mm.x() * DPI / 25.4), round(page_mm.y() * DPI / 25.4))
        colours[status] = (px.red(), px.green(), px.blue())
    exporter.project.clear()
    return colours


def test_the_four_statuses_are_apart_for_every_reader_and_in_grey(provider, qgis_processing, demo_plan, tmp_path):
    # the demo plan has sites in three statuses: make one 'accepted' (已验收) too, through GDAL
    edit(demo_plan, "UPDATE project_sites SET status = 'accepted' WHERE fid = (SELECT MIN(fid) FROM project_sites "
                    "WHERE status = 'planned')")
    colours = status_pixels(demo_plan, tmp_path)
    assert set(colours) == {s.code for s in vocabulary.STATUSES}
    readers = {"normal vision": None, **MACHADO}
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        for reader, matrix in readers.items():
            seen_a = ca if matrix is None else simulate(ca, matrix)
            seen_b = cb if matrix is None else simulate(cb, matrix)
            assert delta_e(seen_a, seen_b) >= 20, (a, b, reader, seen_a, seen_b)
        # grey print: the CIE lightness alone
        assert abs(lab(ca)[0] - lab(cb)[0]) >= 20, (a, b, ca, cb)
