"""Area names that cannot fit inside their area: placed just outside it with a leader line (a callout).

The figures name every zone, corridor, barrier and key area inside itself (``layer_styles.style_area_labels``).
A sliver (a barrier clipped by the district boundary, a thin key area) may have no room for its name at the
figure's scale: QGIS then leaves it unnamed, or, without the fit-in-polygon rule, lets the name spill onto the
neighbour, where it reads as the neighbour's name. So once the figure's scale is set, the map's labels are
placed once (a small render) and each name QGIS could not place gets its own rule: outside its area, next to
it, with a line to it. Everything else keeps its inside placement.
"""

from __future__ import annotations

from typing import Dict, List, Set

from qgis.core import (
    QgsMapRendererSequentialJob,
    QgsPalLayerSettings,
    QgsRuleBasedLabeling,
    QgsSimpleLineCallout,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QSizeF

from ..support import compat

#: Set on layers whose names must all be shown (the plan's areas); others (roads, places) may give way.
AREA_NAMES = "pingcheng/area_names"
_TRIAL_DPI = 96  # label positions depend on the scale and the text's size on paper, not on the resolution


def mark(layer: QgsVectorLayer) -> None:
    layer.setCustomProperty(AREA_NAMES, True)


def _unplaced(map_item) -> Dict[str, Set[int]]:
    """Layer id -> ids of features whose name QGIS could not place, from one render of ``map_item``'s map."""
    rect = map_item.rect()
    size = QSizeF(rect.width() * _TRIAL_DPI / 25.4, rect.height() * _TRIAL_DPI / 25.4)
    settings = map_item.mapSettings(map_item.extent(), size, _TRIAL_DPI, True)  # True: with its layers
    # only the layers that have labels: the others (base map, fills without names) take no part in placing them
    settings.setLayers([layer for layer in settings.layers()
                        if isinstance(layer, QgsVectorLayer) and layer.labelsEnabled()])
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    results = job.takeLabelingResults()
    found: Dict[str, Set[int]] = {}
    placed: Dict[str, Set[int]] = {}
    for label in results.labelsWithinRect(map_item.extent()) if results is not None else []:
        target = found if label.isUnplaced else placed
        target.setdefault(label.layerID, set()).add(int(label.featureId))
    # a multi-part area is named once: unplaced parts of a named area need nothing
    return {layer: ids - placed.get(layer, set()) for layer, ids in found.items() if ids - placed.get(layer, set())}


def _outside(settings: QgsPalLayerSettings) -> QgsPalLayerSettings:
    outside = QgsPalLayerSettings(settings)
    outside.placement = compat.LABEL_OUTSIDE_POLYGONS
    outside.fitInPolygonOnly = False
    outside.displayAll = True  # the last resort: shown even where it meets another label
    callout = QgsSimpleLineCallout()
    callout.setEnabled(True)
    callout.setLineSymbol(callout.lineSymbol().clone())
    callout.lineSymbol().setWidth(0.2)
    callout.lineSymbol().setColor(settings.format().color())
    outside.setCallout(callout)
    return outside


def name_the_rest(map_item, layers: List[QgsVectorLayer]) -> int:
    """Give every area name that found no room inside its area a place outside with a leader line; returns how
    many. ``layers``: the figure's layers (only those marked with :func:`mark` are looked at)."""
    marked = {layer.id(): layer for layer in layers
              if isinstance(layer, QgsVectorLayer) and layer.customProperty(AREA_NAMES) and layer.labelsEnabled()
              and isinstance(layer.labeling(), QgsVectorLayerSimpleLabeling)}
    if not marked:
        return 0
    count = 0
    for layer_id, fids in _unplaced(map_item).items():
        layer = marked.get(layer_id)
        if layer is None:
            continue
        settings = layer.labeling().settings()
        listed = ", ".join(str(fid) for fid in sorted(fids))  # feature ids: integers, nothing typed by a user
        root = QgsRuleBasedLabeling.Rule(None)
        inside = QgsRuleBasedLabeling.Rule(QgsPalLayerSettings(settings))
        inside.setFilterExpression(f"$id NOT IN ({listed})")
        root.appendChild(inside)
        outside = QgsRuleBasedLabeling.Rule(_outside(settings))
        outside.setFilterExpression(f"$id IN ({listed})")
        root.appendChild(outside)
        layer.setLabeling(QgsRuleBasedLabeling(root))
        count += len(fids)
    return count
