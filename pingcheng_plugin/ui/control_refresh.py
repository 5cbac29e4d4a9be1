"""After a save of a plan's site layer, the saved sites' control results (area in each control layer, land
classes) are recomputed (:func:`..core.controls.results.refresh_sites`), so they follow the boundary as the derived
fields do. Only the sites the save touched are read, with the control polygons near them."""

from __future__ import annotations

from typing import Dict, List, Set

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject

from ..core.store import plan_layers, schema
from . import feedback

_SIGNALS = ("committedFeaturesAdded", "committedGeometriesChanges", "committedAttributeValuesChanges",
            "committedFeaturesRemoved")


class ControlRefresher(QObject):
    def __init__(self, iface):
        super().__init__()
        self.iface = iface
        self._saved: Dict[str, Set[int]] = {}  # layer id -> fids saved in the running commit
        self._connected: Dict[str, List] = {}  # layer id -> (signal, slot) pairs
        QgsProject.instance().layersAdded.connect(self._attach_all)
        self._attach_all(list(QgsProject.instance().mapLayers().values()))

    def unload(self) -> None:
        QgsProject.instance().layersAdded.disconnect(self._attach_all)
        for layer_id, pairs in self._connected.items():
            if QgsProject.instance().mapLayer(layer_id) is not None:
                for signal, slot in pairs:
                    signal.disconnect(slot)
        self._connected.clear()

    def report_error(self, error: BaseException) -> None:
        feedback.show_error(self.iface, error)

    @feedback.guarded_method
    def _attach_all(self, layers) -> None:
        for layer in layers:
            located = plan_layers.layer_table(layer) if isinstance(layer, QgsVectorLayer) else None
            if located and located[1] == schema.SITES.table and layer.id() not in self._connected:
                self._attach(layer, located[0])

    def _attach(self, layer: QgsVectorLayer, path: str) -> None:
        layer_id = layer.id()

        @feedback.guarded(self.iface)
        def collect(_layer_id, changed, layer_id=layer_id):
            fids = [f.id() for f in changed] if isinstance(changed, list) else list(changed)
            self._saved.setdefault(layer_id, set()).update(fids)

        @feedback.guarded(self.iface)
        def refresh(layer_id=layer_id, path=path):
            fids = self._saved.pop(layer_id, set())
            if fids:
                from ..core.controls import results  # the overlay (shapely) on first use, not at start-up

                results.refresh_sites(path, sorted(f for f in fids if f >= 0))

        @feedback.guarded(self.iface)
        def forget(layer_id=layer_id):
            self._connected.pop(layer_id, None)

        signals = [getattr(layer, name) for name in _SIGNALS]
        for signal in signals:
            signal.connect(collect)
        layer.afterCommitChanges.connect(refresh)
        layer.willBeDeleted.connect(forget)
        self._connected[layer_id] = [(s, collect) for s in signals] + [(layer.afterCommitChanges, refresh),
                                                                         (layer.willBeDeleted, forget)]
