"""Digitising project sites: *Add project site*, the check on save, *Validate all sites*, *Fix geometry* and
*Recompute derived fields*. The rules are core's; this module wires them to the layer, the map and the bar."""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Set

from qgis.core import Qgis, QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject

from ..core import gpkg, plan_layers, schema
from ..core.derive import SiteDeriver
from ..core.errors import PingchengError
from ..core.geometry_fix import fix_geometry
from ..core.i18n import tr
from ..core.tasks import CoreTask
from ..core.validation import sources
from ..core.validation.config import read_config
from ..core.validation.engine import SiteValidator
from ..core.validation.findings import Finding
from . import feedback
from .findings_dialog import FindingsDialog

_DERIVED = ("area_ha", "area_proj_ha", "zone_code", "zone_shares", "key_areas", "phase")


class NoPlanError(PingchengError):
    level = Qgis.MessageLevel.Warning


def current_plan() -> plan_layers.PlanLayers:
    plan = plan_layers.find_plan(QgsProject.instance())
    if plan is None or plan.sites is None:
        raise NoPlanError(tr("No plan is open. Open or create a plan GeoPackage first."))
    return plan


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
        self.tasks: List[CoreTask] = []
        self.dialog: Optional[FindingsDialog] = None
        self.last_findings: List[Finding] = []
        self._guarded: Set[str] = set()
        self._checkers: Dict[str, Callable] = {}
        QgsProject.instance().layersAdded.connect(self._guard_new_layers)
        self._guard_new_layers(list(QgsProject.instance().mapLayers().values()))

    def unload(self) -> None:
        QgsProject.instance().layersAdded.disconnect(self._guard_new_layers)
        for layer_id in list(self._guarded):
            layer = QgsProject.instance().mapLayer(layer_id)
            if layer is not None:
                layer.beforeCommitChanges.disconnect(self._checker(layer))
        self._guarded.clear()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    # --- context ----------------------------------------------------------------------------------------------
    def validator(self, plan: plan_layers.PlanLayers) -> SiteValidator:
        context = sources.context_from_layers(plan.get(schema.BOUNDARY), plan.get(schema.ZONES),
                                              plan.get(schema.KEY_AREAS), gpkg.suitability_rows(plan.path))
        return SiteValidator(context, read_config(plan.path))

    # --- add ---------------------------------------------------------------------------------------------------
    def add_site(self) -> None:
        """Make the site layer editable and start QGIS's own polygon tool; the form opens when drawing ends."""
        sites = current_plan().sites
        self.iface.setActiveLayer(sites)
        if not sites.isEditable() and not sites.startEditing():
            raise PingchengError(tr("{layer} cannot be edited.").format(layer=sites.name()))
        self.iface.actionAddFeature().trigger()

    # --- check on save ----------------------------------------------------------------------------------------
    def _guard_new_layers(self, layers) -> None:
        for layer in layers:
            located = plan_layers.layer_table(layer)
            if located and located[1] == schema.SITES.table and layer.id() not in self._guarded:
                layer.beforeCommitChanges.connect(self._checker(layer))
                self._guarded.add(layer.id())
                layer.willBeDeleted.connect(lambda layer_id=layer.id(): self._guarded.discard(layer_id))

    def _checker(self, layer: QgsVectorLayer):
        """One bound callable per layer, so the same object can be disconnected on unload."""
        if layer.id() not in self._checkers:
            self._checkers[layer.id()] = lambda *_args, lid=layer.id(): self.check_before_save(lid)
        return self._checkers[layer.id()]

    def check_before_save(self, layer_id: str) -> List[Finding]:
        """Validate the sites about to be saved and say what is wrong with which site.

        QGIS gives Python no veto over a save: the refusal itself comes from the GeoPackage's rules (attribute
        errors, sites below the minimum area or far outside the district) and from QGIS's own validity check
        (invalid geometry). This names every problem, warnings included, at the moment the user saves.
        """
        layer = QgsProject.instance().mapLayer(layer_id)
        plan = plan_layers.find_plan(QgsProject.instance())
        if layer is None or plan is None:
            return []
        fids = edited_fids(layer)
        if not fids:
            return []
        try:
            findings = self.validator(plan).validate(sources.site_inputs(layer), only=fids)
        except Exception as err:  # noqa: BLE001 - a failing check must not break QGIS's save
            feedback.show_error(self.iface, err)
            return []
        self.last_findings = findings
        errors = [f for f in findings if f.is_error]
        if errors:
            feedback.push(self.iface, tr("Check before saving: {count} errors in the edited sites. {first}").format(
                count=len(errors), first=errors[0].message), Qgis.MessageLevel.Critical,
                details="\n".join(f.message for f in findings))
        elif findings:
            feedback.push(self.iface, tr("Check before saving: {count} warnings. {first}").format(
                count=len(findings), first=findings[0].message), Qgis.MessageLevel.Warning,
                details="\n".join(f.message for f in findings))
        return findings

    # --- validate all -----------------------------------------------------------------------------------------
    def validate_all(self) -> CoreTask:
        """Check every site in a background task; results become a point layer and a clickable list."""
        plan = current_plan()
        validator = self.validator(plan)
        inputs = sources.site_inputs(plan.sites)  # read on the main thread; the worker only computes

        def done(findings: List[Finding]) -> None:
            self.last_findings = findings
            layer = sources.findings_layer(findings, tr("Validation findings"))
            QgsProject.instance().addMapLayer(layer)
            self.show_findings(findings, plan.sites)
            errors = sum(1 for f in findings if f.is_error)
            feedback.push(self.iface, tr("{sites} sites checked: {errors} errors, {warnings} warnings.").format(
                sites=len(inputs), errors=errors, warnings=len(findings) - errors),
                Qgis.MessageLevel.Warning if findings else Qgis.MessageLevel.Success)

        task = CoreTask(tr("Validating {count} sites").format(count=len(inputs)),
                        lambda progress: validator.validate(inputs), on_done=lambda r: self._finish(task, done, r),
                        on_error=lambda e: self._finish(task, lambda err: feedback.show_error(self.iface, err), e))
        self.tasks.append(task)
        QgsApplication.taskManager().addTask(task)
        return task

    def _finish(self, task, callback, value) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        feedback.guarded(self.iface)(callback)(value)

    def show_findings(self, findings: List[Finding], sites: Optional[QgsVectorLayer]) -> FindingsDialog:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = FindingsDialog(self.iface.mapCanvas(), sites, findings, self.iface.mainWindow())
        self.dialog.show()
        return self.dialog

    # --- fix and recompute ------------------------------------------------------------------------------------
    def fix_geometries(self) -> int:
        """Make the selected sites (or, with none selected, every invalid site) valid, in one undoable step."""
        sites = current_plan().sites
        fids = list(sites.selectedFeatureIds())
        if not fids:
            fids = [f.id() for f in sites.getFeatures() if f.hasGeometry() and not f.geometry().isGeosValid()]
        if not fids:
            feedback.push(self.iface, tr("No invalid site geometry found."), Qgis.MessageLevel.Info)
            return 0
        if not sites.isEditable() and not sites.startEditing():
            raise PingchengError(tr("{layer} cannot be edited.").format(layer=sites.name()))
        changed = 0
        sites.beginEditCommand(tr("Fix geometry"))
        for feature in sites.getFeatures(fids):
            fixed = fix_geometry(feature.geometry())
            if fixed.isEmpty():
                continue
            if not fixed.equals(feature.geometry()):
                sites.changeGeometry(feature.id(), fixed)
                changed += 1
        sites.endEditCommand()
        feedback.push(self.iface, tr("Fixed {count} site geometries; check them and save the layer.").format(
            count=changed), Qgis.MessageLevel.Success)
        return changed

    def recompute_derived(self) -> int:
        """Recompute every site's areas, zone, key areas and phase into the edit buffer (undoable, then save)."""
        plan = current_plan()
        sites = plan.sites
        zones, keys = plan.get(schema.ZONES), plan.get(schema.KEY_AREAS)
        from ..core import plan_data

        deriver = SiteDeriver(plan_data.coded_geometries(zones) if zones else [],
                              plan_data.coded_geometries(keys) if keys else [])
        features = list(sites.getFeatures())
        values = deriver.derive_many([f.geometry() for f in features], [f["start_year"] for f in features])
        indexes = {name: sites.fields().indexOf(name) for name in _DERIVED}
        if not sites.isEditable() and not sites.startEditing():
            raise PingchengError(tr("{layer} cannot be edited.").format(layer=sites.name()))
        changed = 0
        sites.beginEditCommand(tr("Recompute derived fields"))
        for feature, derived in zip(features, values):
            new = derived.as_dict()
            update = {indexes[n]: new[n] for n in _DERIVED if indexes[n] >= 0 and feature[n] != new[n]}
            if update:
                sites.changeAttributeValues(feature.id(), update)
                changed += 1
        sites.endEditCommand()
        feedback.push(self.iface, tr("Derived fields recomputed for {count} sites; save the layer to keep them.")
                      .format(count=changed), Qgis.MessageLevel.Success)
        return changed
