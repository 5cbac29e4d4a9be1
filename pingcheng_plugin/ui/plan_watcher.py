"""Follows the active plan in the QGIS project and tells the panels what changed.

The plan is looked up by layer source (core/plan_layers), so renaming or regrouping layers changes nothing;
removing a plan layer or opening another project re-detects it. Site edits arrive as fids and are coalesced
over a short delay, so a burst of edits (a paste, an undo of many) refreshes the panels once. The other plan
layers (boundary, zones, key areas, corridors, barriers) change as a whole: a save, a rollback or a reload of one
(an official layer imported, another program's write) re-announces the plan.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Set

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.store import plan_layers
from .feedback import guarded_method

#: Coalescing delay for site edits (ms): short enough to feel live, long enough to merge bursts.
REFRESH_DELAY_MS = 120


class PlanWatcher(QObject):
    planChanged = pyqtSignal(object)  # PlanLayers or None
    sitesChanged = pyqtSignal(object, object)  # changed fids (set), deleted fids (set)
    sitesReloaded = pyqtSignal()

    def __init__(self, project: Optional[QgsProject] = None, parent=None,
                 report_error: Optional[Callable[[BaseException], None]] = None):
        """``report_error`` shows what goes wrong in a slot (the log when None)."""
        super().__init__(parent)
        self.report_error = report_error
        self.project = project or QgsProject.instance()
        self.plan: Optional[plan_layers.PlanLayers] = None
        self._sites: Optional[QgsVectorLayer] = None
        self._changed: Set[int] = set()
        self._deleted: Set[int] = set()
        self._temporary: Set[int] = set()  # fids of sites added in the edit buffer, gone once saved
        self._reload = False
        self._replan = False
        self._provider = None
        self._area_layers: List[QgsVectorLayer] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._flush)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(0)
        self._recheck.timeout.connect(self.refresh_plan)
        for signal in (self.project.layersAdded, self.project.layersRemoved, self.project.readProject,
                       self.project.cleared):
            signal.connect(self._schedule_recheck)

    def disconnect_all(self) -> None:
        for signal in (self.project.layersAdded, self.project.layersRemoved, self.project.readProject,
                       self.project.cleared):
            try:
                signal.disconnect(self._schedule_recheck)
            except TypeError:
                pass
        self._attach(None)
        self._attach_areas(None)
        self._timer.stop()
        self._recheck.stop()

    @guarded_method
    def _schedule_recheck(self, *_args) -> None:
        self._recheck.start()

    @guarded_method
    def refresh_plan(self) -> None:
        plan = plan_layers.find_plan(self.project)
        same = (plan is not None and self.plan is not None and plan.path == self.plan.path
                and plan.layers == self.plan.layers)
        self.plan = plan
        self._attach(plan.sites if plan is not None else None)
        if not same:
            self._attach_areas(plan)
            self.planChanged.emit(plan)

    # --- the other plan layers -------------------------------------------------------------------------------
    def _attach_areas(self, plan: Optional[plan_layers.PlanLayers]) -> None:
        for layer in self._area_layers:
            try:
                layer.afterCommitChanges.disconnect(self._on_plan_layer)
                layer.afterRollBack.disconnect(self._on_plan_layer)
                layer.dataProvider().dataChanged.disconnect(self._on_plan_layer)
            except (TypeError, RuntimeError):  # already deleted with its project
                pass
        self._area_layers = [layer for layer in (plan.layers.values() if plan is not None else ())
                             if layer is not plan.sites and layer.isValid() and layer.dataProvider() is not None]
        for layer in self._area_layers:
            layer.afterCommitChanges.connect(self._on_plan_layer)
            layer.afterRollBack.connect(self._on_plan_layer)
            layer.dataProvider().dataChanged.connect(self._on_plan_layer)

    @guarded_method
    def _on_plan_layer(self, *_args) -> None:
        self._replan = True
        self._timer.start()

    # --- the site layer --------------------------------------------------------------------------------------

    def _attach(self, layer: Optional[QgsVectorLayer]) -> None:
        if layer is self._sites:
            return
        if self._sites is not None:
            try:
                self._sites.featureAdded.disconnect(self._on_changed)
                self._sites.geometryChanged.disconnect(self._on_geometry)
                self._sites.attributeValueChanged.disconnect(self._on_attribute)
                self._sites.featureDeleted.disconnect(self._on_deleted)
                self._sites.committedFeaturesAdded.disconnect(self._on_committed_added)
                self._sites.committedFeaturesRemoved.disconnect(self._on_committed_removed)
                self._sites.committedAttributeValuesChanges.disconnect(self._on_committed_changes)
                self._sites.committedGeometriesChanges.disconnect(self._on_committed_changes)
                self._sites.afterCommitChanges.disconnect(self._on_saved)
                self._sites.afterRollBack.disconnect(self._on_reloaded)
                self._sites.dataSourceChanged.disconnect(self._on_reloaded)
                self._sites.subsetStringChanged.disconnect(self._on_reloaded)
                if self._provider is not None:
                    self._provider.dataChanged.disconnect(self._on_reloaded)
            except (TypeError, RuntimeError):
                pass
            self._provider = None
        self._sites = layer
        if layer is not None:
            layer.featureAdded.connect(self._on_changed)
            layer.geometryChanged.connect(self._on_geometry)
            layer.attributeValueChanged.connect(self._on_attribute)
            layer.featureDeleted.connect(self._on_deleted)
            # A save touches only what was edited: the saved sites (new ones under their new fids) are read again
            # and the temporary fids of the added ones go; the rest of the plan is as it was.
            layer.committedFeaturesAdded.connect(self._on_committed_added)
            layer.committedFeaturesRemoved.connect(self._on_committed_removed)
            layer.committedAttributeValuesChanges.connect(self._on_committed_changes)
            layer.committedGeometriesChanges.connect(self._on_committed_changes)
            layer.afterCommitChanges.connect(self._on_saved)
            layer.afterRollBack.connect(self._on_reloaded)
            layer.dataSourceChanged.connect(self._on_reloaded)
            layer.subsetStringChanged.connect(self._on_reloaded)
            self._provider = layer.dataProvider()
            if self._provider is not None:
                self._provider.dataChanged.connect(self._on_reloaded)  # Reload, or another program's write

    @guarded_method
    def _on_changed(self, fid: int) -> None:
        self._changed.add(fid)
        self._deleted.discard(fid)
        if fid < 0:
            self._temporary.add(fid)
        self._timer.start()

    @guarded_method
    def _on_committed_added(self, _layer_id: str, features) -> None:
        for feature in features:
            self._on_changed(feature.id())

    @guarded_method
    def _on_committed_removed(self, _layer_id: str, fids) -> None:
        for fid in fids:
            self._on_deleted(fid)

    @guarded_method
    def _on_committed_changes(self, _layer_id: str, changes) -> None:
        for fid in changes:
            self._on_changed(fid)

    @guarded_method
    def _on_saved(self) -> None:
        for fid in self._temporary:
            self._on_deleted(fid)
        self._temporary.clear()

    @guarded_method
    def _on_geometry(self, fid: int, _geometry) -> None:
        self._on_changed(fid)

    @guarded_method
    def _on_attribute(self, fid: int, _index: int, _value) -> None:
        self._on_changed(fid)

    @guarded_method
    def _on_deleted(self, fid: int) -> None:
        self._deleted.add(fid)
        self._changed.discard(fid)
        self._timer.start()

    @guarded_method
    def _on_reloaded(self, *_args) -> None:
        self._reload = True
        self._temporary.clear()
        self._timer.start()

    @guarded_method
    def _flush(self) -> None:
        changed, deleted, reload, replan = set(self._changed), set(self._deleted), self._reload, self._replan
        self._changed.clear()
        self._deleted.clear()
        self._reload = self._replan = False
        if replan:  # the panels re-read the whole plan, its sites included
            self.planChanged.emit(self.plan)
        elif reload:
            self.sitesReloaded.emit()
        elif changed or deleted:
            self.sitesChanged.emit(changed, deleted)

    def flush_now(self) -> None:
        """Deliver pending edits immediately (tests and benchmarks measure the refresh itself)."""
        self._timer.stop()
        self._flush()
