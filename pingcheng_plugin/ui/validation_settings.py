"""*Validation settings…*: the plan's thresholds and control-rule settings, stored in its GeoPackage and applied to
the live form (the control-rule settings: to the validator, and to the stored control results when the smallest
counted area changes)."""

from __future__ import annotations

import os
from typing import Optional, Tuple

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialog

from ..core.rules.control_settings import ControlConfig
from ..core.rules.thresholds import ValidationConfig
from ..core.store import plan_layers, plan_project, schema
from ..core.store.plan_settings import read_config, write_config
from ..core.support.i18n import tr, ui_language
from ..plan import vocabulary
from . import dialogs, feedback
from .plan_context import open_plan
from .task_runner import TaskRunner
from .ui_files import load_ui


class ValidationSettingsDialog(QDialog):
    def __init__(self, config: ValidationConfig, parent=None, controls: Optional[ControlConfig] = None):
        super().__init__(parent)
        load_ui(self, "validation_settings_dialog.ui")
        controls = controls or ControlConfig()
        for combo, checked in ((self.farmlandTypes, controls.farmland_types), (self.urbanTypes, controls.urban_types)):
            for ptype in vocabulary.PROJECT_TYPES:
                combo.addItemWithCheckState(ptype.name_en if ui_language() == "en" else ptype.name_zh,
                                            Qt.CheckState.Checked if ptype.code in checked else Qt.CheckState.Unchecked,
                                            ptype.code)
        self.minControlSpin.setValue(controls.min_control_m2)
        self.minControlSpin.setClearValue(ControlConfig().min_control_m2)
        self.toleranceSpin.setValue(config.boundary_tolerance_m)
        self.overlapSpin.setValue(config.max_overlap_m2)
        self.minAreaSpin.setValue(config.min_area_ha)
        defaults = ValidationConfig()
        self.toleranceSpin.setClearValue(defaults.boundary_tolerance_m)
        self.overlapSpin.setClearValue(defaults.max_overlap_m2)
        self.minAreaSpin.setClearValue(defaults.min_area_ha)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        dialogs.set_up(self, "validation_settings", self.buttonBox)

    def config(self) -> ValidationConfig:
        return ValidationConfig(self.toleranceSpin.value(), self.overlapSpin.value(), self.minAreaSpin.value())

    def control_config(self) -> ControlConfig:
        return ControlConfig(_checked(self.farmlandTypes), _checked(self.urbanTypes), self.minControlSpin.value())


def _checked(combo) -> Tuple[str, ...]:
    """The codes of the checked project types, in the plan's order."""
    return tuple(str(code) for code in combo.checkedItemsData())


def apply_config(plan: plan_layers.PlanLayers, config: ValidationConfig) -> None:
    """Store ``config`` in the plan and re-derive the site form's constraints from it (saved as the default style).

    The database rules read the values from the plan at every insert, so they follow at once.
    """
    write_config(plan.path, config)
    sites = plan.sites
    layers = {table: layer for table, layer in plan.layers.items() if layer is not None and layer.isValid()}
    # the stored style is the plan's own, in Chinese, whatever language the plugin shows it in
    plan_project.word_layers(layers, config, "zh", only=schema.SITES.table)
    plan_project.store_layer_style(sites)
    if ui_language() == "en":
        plan_project.word_layers(layers, config, "en", only=schema.SITES.table)


class ValidationSettings:
    def __init__(self, iface):
        self.iface = iface
        self.runner = TaskRunner(iface)

    def unload(self) -> None:
        self.runner.cancel_all()

    def edit(self) -> Optional[ValidationConfig]:
        from ..core.controls import results, settings_change  # the overlay (shapely): on first use

        plan = open_plan()
        dialog = ValidationSettingsDialog(read_config(plan.path), self.iface.mainWindow(),
                                          results.read_config(plan.path))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        config = dialog.config().check()
        controls = dialog.control_config().check()
        apply_config(plan, config)
        QgsProject.instance().setDirty(True)
        name = os.path.basename(plan.path)
        # a new smallest counted area recomputes every site's control results: in the background
        self.runner.start(tr("Saving the control-layer settings"),
                          lambda progress: settings_change.apply_control_config(plan.path, controls, progress),
                          lambda count: feedback.push(self.iface, (
                              tr("Validation settings saved in {name}.") if not count else
                              tr("Validation settings saved in {name}; the control-layer results of {count} sites "
                                 "were recomputed.")).format(name=name, count=count), Qgis.MessageLevel.Success))
        return config
