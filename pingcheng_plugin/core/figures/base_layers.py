"""The base layers under every map figure: what the plan project's 底图 group holds, its legend and source note.

The layers are drawn as the project styles them (a DOM as an image, a 三调 layer by its own classes, the
illustrative base by the plugin's style), under the plan layers and above the grey neighbouring districts, so
the district reads on the base and the world outside stays quiet.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from qgis.core import (
    QgsMapLayer,
    QgsMapLayerLegend,
    QgsRasterLayer,
    QgsSimpleLegendNode,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QIcon, QPixmap

from ...plan import vocabulary
from ..store import plan_data

#: (layer, legend title, whether the title heads the layer's classes)
BaseEntry = Tuple[QgsMapLayer, str, bool]


class _OneLineLegend(QgsMapLayerLegend):
    """An image or tile layer's legend: one line, a thumbnail of the layer with its name. QGIS would list an
    image's bands (Band 1 (Red)…) or fetch a tile service's legend graphic over the network."""

    def __init__(self, icon: QIcon):
        super().__init__()
        self._icon = icon

    def createLayerTreeModelLegendNodes(self, node_layer):  # noqa: N802 - QGIS's virtual
        node = QgsSimpleLegendNode(node_layer, node_layer.layer().name(), self._icon)
        sip.transferto(node, None)  # the layer tree model owns the node; Python must not delete it
        return [node]


def _thumbnail(layer: QgsMapLayer) -> QIcon:
    if isinstance(layer, QgsRasterLayer) and layer.providerType() == "gdal":  # a tile service: no download here
        image = layer.previewAsImage(QSize(32, 32), QColor("white"))
        if not image.isNull():
            return QIcon(QPixmap.fromImage(image))
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#d9d9d9"))
    return QIcon(pixmap)


def legend_entries(layers: Sequence[QgsMapLayer]) -> List[BaseEntry]:
    """One legend entry per base layer: a single-symbol layer as its symbol with the layer's name; a classified
    layer under its name as a heading; an image or tile layer as one line with its name."""
    entries: List[BaseEntry] = []
    for layer in layers:
        if not isinstance(layer, QgsVectorLayer):
            layer.setLegend(_OneLineLegend(_thumbnail(layer)))  # the export's own copy of the project
            entries.append((layer, layer.name(), False))
            continue
        single = isinstance(layer.renderer(), QgsSingleSymbolRenderer)
        entries.append((layer, layer.name(), not single))
    return entries


def credit(layer: QgsMapLayer) -> str:
    """Who the layer comes from: its metadata's rights or attribution, else its stated source, else ''."""
    metadata = layer.metadata()
    texts = [t for t in list(metadata.rights()) if t.strip()]
    # the layer properties' Attribution: on serverProperties() from 3.38, on the layer itself before
    server = layer.serverProperties() if hasattr(layer, "serverProperties") else None
    holder = server if server is not None and hasattr(server, "attribution") else layer
    attribution = holder.attribution() if hasattr(holder, "attribution") else ""
    if attribution and attribution.strip():
        texts.append(attribution.strip())
    if not texts and isinstance(layer, QgsVectorLayer) and layer.fields().indexOf("source") >= 0:
        for feature in layer.getFeatures():
            value = str(feature["source"] or "").strip()
            if value and value != "NULL":
                texts.append(value)
                break
    return "；".join(dict.fromkeys(texts))


def note(layers: Sequence[QgsMapLayer]) -> str:
    """The source note's sentence on the base: each layer by name with its credit; the illustrative ones
    together, marked 示意."""
    illustrative: List[str] = []
    own: List[str] = []
    for layer in layers:
        if isinstance(layer, QgsVectorLayer) and plan_data.has_illustrative(layer):
            illustrative.append(layer.name())
            continue
        who = credit(layer)
        own.append(f"{layer.name()}（{who}）" if who else layer.name())
    parts = own + ([f"{'、'.join(illustrative)}（{vocabulary.ILLUSTRATIVE_ZH}，据一般地理知识概绘，位置近似）"]
                   if illustrative else [])
    return f"底图：{'；'.join(parts)}。" if parts else ""
