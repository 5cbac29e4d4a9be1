"""Digitising project sites: *Add project site*, the check on save, *Validate all sites*, *Fix geometry* and
*Recompute derived fields*. The rules are core's; this module wires them to the layer, the map and the bar."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Callable, Dict, Iterator, List, Optional, Set, Tuple

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, Qt

from ..core.sites.geometry_fix import fix_geometry
from ..core.store import base_group, plan_data, plan_layers, schema, township
from ..core.store.plan_settings import read_config
from ..core.support import formatting
from ..core.support.errors import PingchengError
from ..core.support.i18n import tr
from ..core.support.tasks import CoreTask
from ..core.validation.findings import Finding
from . import feedback
from .control_refresh import ControlRefresher
from .findings_dock import FindingsDock
from .plan_context import open_plan
from .task_runner import TaskRunner

if TYPE_CHECKING:
    from ..core.validation.engine import SiteValidator


def _sources():
    """The validation's plan readers, imported on first use: with the validator they bring shapely, which QGIS
    should not load at start-up for a plugin nobody has used yet (see processing/provider.py)."""
    from ..core.validation import sources

    return sources

#: The findings dock's height when it first opens (px): five or six rows, most of the map still in view.
FINDINGS_HEIGHT = 200


@contextlib.contextmanager
def edit_command(layer: QgsVectorLayer, text: str) -> Iterator[None]:
    """One undo step; an exception inside discards the half-made step instead of leaving it open."""
    layer.beginEditCommand(text)
    try:
        yield
    except BaseException:
        layer.destroyEditCommand()
        raise
    layer.endEditCommand()


def edited_fids(layer: QgsVectorLayer) -> Set[int]:
    """Sites added or changed (geometry or attributes) in the layer's edit buffer."""
    buffer = layer.editBuffer()
    if buffer is None:
        return set()
    return set(buffer.addedFeatures()) | set(buffer.changedGeometries()) | set(buffer.changedAttributeValues())


class SiteEditing(QObject):
    def __init__(self, iface):
        super().__init__()
        self.iface = iface
        self.runner = TaskRunner(iface)
        self.dock: Optional[FindingsDock] = None
        self.last_findings: List[Finding] = []
        self._guarded: Dict[str, Tuple[Callable, Callable]] = {}  # layer id -> (commit check, forget)
        self._findings_layer_id: Optional[str] = None
        self._save_validators: Dict[str, Tuple[tuple, SiteValidator]] = {}
        QgsProject.instance().layersAdded.connect(self._guard_new_layers)
        self._guard_new_layers(list(QgsProject.instance().mapLayers().values()))
        self.control_refresher = ControlRefresher(iface)  # control-layer results follow each save

    def unload(self) -> None:
        QgsProject.instance().layersAdded.disconnect(self._guard_new_layers)
        self.control_refresher.unload()
        for layer_id, (check, forget) in list(self._guarded.items()):
            layer = QgsProject.instance().mapLayer(layer_id)
            if layer is not None:
                layer.beforeCommitChanges.disconnect(check)
                layer.willBeDeleted.disconnect(forget)
        self._guarded.clear()
        self.runner.cancel_all()
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None

    # --- context ----------------------------------------------------------------------------------------------
    def validator(self, plan: plan_layers.PlanLayers) -> SiteValidator:
        """Against the plan file itself: the district, zones and key areas as saved, whatever the map shows."""
        return _plan_validator(plan.path)

    def _save_validator(self, path: str) -> SiteValidator:
        """The validator of the check before saving, kept between saves while the district, zones, key areas,
        suitability table and thresholds stay as they were (building it reads the plan layers and buffers the
        district: most of a save's cost)."""
        version = plan_data.context_version(path)
        cached = self._save_validators.get(path)
        if cached is None or cached[0] != version:
            cached = (version, _plan_validator(path))
            self._save_validators = {path: cached}  # one plan at a time
        return cached[1]

    # --- add ---------------------------------------------------------------------------------------------------
    def add_site(self) -> None:
        """Make the site layer editable and start QGIS's own polygon tool; the form opens when drawing ends."""
        sites = open_plan().sites
        self.iface.setActiveLayer(sites)
        if not sites.isEditable() and not sites.startEditing():
            raise PingchengError(tr("{layer} cannot be edited.").format(layer=sites.name()))
        self.iface.actionAddFeature().trigger()

    def report_error(self, error: BaseException) -> None:
        feedback.show_error(self.iface, error)

    # --- check on save ----------------------------------------------------------------------------------------
    @feedback.guarded_method
    def _guard_new_layers(self, layers) -> None:
        for layer in layers:
            located = plan_layers.layer_table(layer)
            if located and located[1] == schema.SITES.table and layer.id() not in self._guarded:
                @feedback.guarded(self.iface)
                def check(*_args, layer_id=layer.id()):
                    self.check_before_save(layer_id)

                @feedback.guarded(self.iface)
                def forget(layer_id=layer.id()):
                    self._guarded.pop(layer_id, None)

                layer.beforeCommitChanges.connect(check)
                layer.willBeDeleted.connect(forget)
                self._guarded[layer.id()] = (check, forget)

    def check_before_save(self, layer_id: str) -> List[Finding]:
        """Validate the sites about to be saved and say what is wrong with which site.

        QGIS gives Python no veto over a save: the refusal itself comes from the GeoPackage's rules (attribute
        errors, sites below the minimum area or far outside the district) and from QGIS's own validity check
        (invalid geometry). This names every problem, warnings included, at the moment the user saves.
        """
        layer = QgsProject.instance().mapLayer(layer_id)
        located = plan_layers.layer_table(layer) if layer is not None else None
        if located is None or not plan_layers.is_plan_file(located[0]):
            return []
        fids = edited_fids(layer)
        if not fids:
            return []
        path = located[0]  # the plan this layer belongs to, not whichever plan the project shows first
        try:
            validator = self._save_validator(path)
            edited, neighbours = _sources().edited_and_neighbours(path, layer, fids)
            findings = validator.validate(edited, others=neighbours, only=fids)
        except Exception as err:  # noqa: BLE001 - a failing check must not break QGIS's save
            feedback.show_error(self.iface, err)
            return []
        self.last_findings = findings
        errors = [f for f in findings if f.is_error]
        if errors:
            feedback.push(self.iface, tr("Check before saving: {first} ({count} in the edited sites)").format(
                count=formatting.count(len(errors), "error"), first=errors[0].message), Qgis.MessageLevel.Critical,
                details="\n".join(f.message for f in findings))
        elif findings:
            feedback.push(self.iface, tr("Check before saving: {first} ({count})").format(
                count=formatting.count(len(findings), "warning"), first=findings[0].message), Qgis.MessageLevel.Warning,
                details="\n".join(f.message for f in findings))
        return findings

    # --- validate all -----------------------------------------------------------------------------------------
    def validate_all(self) -> CoreTask:
        """Check every site in a background task; results become a point layer and a clickable list."""
        plan = open_plan()
        validator = self.validator(plan)
        # every site of the plan, not only those a map filter shows; read here, the worker only computes
        inputs = _sources().plan_site_inputs(plan.path, plan.sites)

        def done(findings: List[Finding]) -> None:
            self.last_findings = findings
            layer = _sources().findings_layer(findings, tr("Validation findings"))
            if self._findings_layer_id and QgsProject.instance().mapLayer(self._findings_layer_id):
                QgsProject.instance().removeMapLayer(self._findings_layer_id)  # one results layer, the latest
            QgsProject.instance().addMapLayer(layer)
            self._findings_layer_id = layer.id()
            self.show_findings(findings, plan.sites)
            errors = sum(1 for f in findings if f.is_error)
            feedback.push(self.iface, tr("{sites} checked: {errors}, {warnings}.").format(
                sites=formatting.count(len(inputs), "site"), errors=formatting.count(errors, "error"),
                warnings=formatting.count(len(findings) - errors, "warning")),
                Qgis.MessageLevel.Warning if findings else Qgis.MessageLevel.Success)

        return self.runner.start(tr("Validating {sites}").format(sites=formatting.count(len(inputs), "site")),
                                 lambda progress: validator.validate(inputs, progress=progress), done)

    def show_findings(self, findings: List[Finding], sites: Optional[QgsVectorLayer]) -> FindingsDock:
        """In one dock below the map, made on first use and reused: the map stays visible beside the list."""
        if self.dock is None:
            self.dock = FindingsDock(self.iface.mapCanvas(), self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            window = self.iface.mainWindow()
            if hasattr(window, "resizeDocks"):  # a strip below the map, not half of it (768 px screens)
                window.resizeDocks([self.dock], [FINDINGS_HEIGHT], Qt.Orientation.Vertical)
        self.dock.show_findings(findings, sites)
        self.dock.show()
        self.dock.raise_()
        return self.dock

    # --- fix and recompute ------------------------------------------------------------------------------------
    def fix_geometries(self) -> int:
        """Make the selected sites (or, with none selected, every invalid site) valid, in one undoable step."""
        sites = open_plan().sites
        fids = list(sites.selectedFeatureIds())
        if not fids:
            fids = [f.id() for f in sites.getFeatures() if f.hasGeometry() and not f.geometry().isGeosValid()]
        if not fids:
            feedback.push(self.iface, tr("No invalid site geometry found."), Qgis.MessageLevel.Info)
            return 0
        if not sites.isEditable() and not sites.startEditing():
            raise PingchengError(tr("{layer} cannot be edited.").format(layer=sites.name()))
        changed = 0
        with edit_command(sites, tr("Fix geometry")):
            for feature in sites.getFeatures(fids):
                fixed = fix_geometry(feature.geometry())
                if not fixed.isEmpty() and not fixed.equals(feature.geometry()):
                    sites.changeGeometry(feature.id(), fixed)
                    changed += 1
        feedback.push(self.iface, tr("Fixed {count} site geometries; check them and save the layer.").format(
            count=changed), Qgis.MessageLevel.Success)
        return changed

    def recompute_derived(self) -> int:
        """Recompute every site's areas, zone, key areas and phase into the edit buffer (undoable, then save)."""
        plan = open_plan()
        sites = plan.sites
        towns = township.locator(base_group.base_layers(QgsProject.instance()))  # 建设地点, as the form derives it
        changes = plan_data.derived_changes(list(sites.getFeatures()), sites.fields(), plan_data.deriver_for(plan.path),
                                            towns)
        if not sites.isEditable() and not sites.startEditing():
            raise PingchengError(tr("{layer} cannot be edited.").format(layer=sites.name()))
        with edit_command(sites, tr("Recompute derived fields")):
            for fid, update in changes.items():
                sites.changeAttributeValues(fid, update)
        changed = len(changes)
        feedback.push(self.iface, tr("Derived fields recomputed for {sites}; save the layer to keep them.")
                      .format(sites=formatting.count(changed, "site")), Qgis.MessageLevel.Success)
        return changed


def _plan_validator(path: str) -> SiteValidator:
    from ..core.validation.engine import SiteValidator

    return SiteValidator(_sources().context_from_plan(path), read_config(path))
