"""*Validation settings…*: the plan's thresholds, stored in its GeoPackage and applied to the live form."""

from __future__ import annotations

import os
from typing import Optional

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtWidgets import QDialog

from ..core.rules.thresholds import ValidationConfig
from ..core.store import plan_layers, plan_project, schema
from ..core.store.plan_settings import read_config, write_config
from ..core.support.i18n import tr, ui_language
from . import dialogs, feedback
from .plan_context import open_plan
from .ui_files import load_ui


class ValidationSettingsDialog(QDialog):
    def __init__(self, config: ValidationConfig, parent=None):
        super().__init__(parent)
        load_ui(self, "validation_settings_dialog.ui")
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

    def edit(self) -> Optional[ValidationConfig]:
        plan = open_plan()
        dialog = ValidationSettingsDialog(read_config(plan.path), self.iface.mainWindow())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        config = dialog.config().check()
        apply_config(plan, config)
        QgsProject.instance().setDirty(True)
        feedback.push(self.iface, tr("Validation settings saved in {name}.").format(name=os.path.basename(plan.path)),
                      Qgis.MessageLevel.Success)
        return config
