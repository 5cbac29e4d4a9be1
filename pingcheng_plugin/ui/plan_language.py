"""The plan's words in the UI language, never in the file.

A plan stores its layer names, field aliases, drop-down lists, form tabs and constraint texts in Chinese: QField
and QGIS without the plugin read them from the stored project and styles. When QGIS runs in English the plugin
shows them in English (``plan_project.word_layers``) while the plan is open, and whenever QGIS writes the project
(Save, Save As, the plan's stored project) each plan layer is written as it is stored: in Chinese. The plan's own
names (zones, key areas, project types) stay Chinese in both.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import QgsProject, QgsReadWriteContext
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtXml import QDomDocument, QDomElement

from ..core.rules.thresholds import ValidationConfig
from ..core.store import plan_layers, plan_project, schema
from ..core.store.plan_settings import read_config
from ..core.support.i18n import ui_language
from .feedback import guarded_method


class PlanLanguage(QObject):
    def __init__(self, project: Optional[QgsProject] = None, parent=None, report_error=None):
        super().__init__(parent)
        self.project = project or QgsProject.instance()
        self.report_error = report_error
        self.plan: Optional[plan_layers.PlanLayers] = None
        self.project.writeMapLayer.connect(self._writing_layer)
        self.project.writeProject.connect(self._writing_project)

    def unload(self) -> None:
        if self.project is None:
            return
        self.project.writeMapLayer.disconnect(self._writing_layer)
        self.project.writeProject.disconnect(self._writing_project)
        if self.plan is not None and self.language() == "en":
            try:
                self._word(self.plan, "zh")  # the plugin leaves: the layers show what the plan stores
            except RuntimeError:  # the project was closed first and took the layers with it
                pass
        self.project = None
        self.plan = None

    @staticmethod
    def language() -> str:
        return ui_language()

    @guarded_method
    def show_plan(self, plan: Optional[plan_layers.PlanLayers]) -> None:
        """Word a newly opened plan in the UI language (nothing to do in Chinese: that is how it is stored)."""
        self.plan = plan
        if plan is not None and self.language() == "en":
            self._word(plan, "en")

    def _word(self, plan: plan_layers.PlanLayers, language: str, only: Optional[str] = None,
              config: Optional[ValidationConfig] = None) -> None:
        layers = {table: layer for table, layer in plan.layers.items() if layer is not None and layer.isValid()}
        plan_project.word_layers(layers, config or read_config(plan.path), language, only)
        if only is None and self.project is not None:
            self._word_groups(language)

    def _word_groups(self, language: str) -> None:
        """The plan's layer groups, by their title in the other language."""
        titles = plan_project.GROUP_TITLES_EN
        renames = titles if language == "en" else {en: zh for zh, en in titles.items()}
        for group in self.project.layerTreeRoot().findGroups():
            if group.name() in renames:
                group.setName(renames[group.name()])

    def _plan_table(self, layer) -> Optional[str]:
        if self.plan is None or self.language() != "en":
            return None
        for table, candidate in self.plan.layers.items():
            if candidate is layer:
                return table
        return None

    @guarded_method
    def _writing_layer(self, layer, element: QDomElement, document: QDomDocument) -> None:
        """QGIS has just written ``layer`` into the project: write it again as the plan stores it (Chinese)."""
        table = self._plan_table(layer)
        if table is None:
            return
        context = QgsReadWriteContext()
        context.setPathResolver(self.project.pathResolver())
        config = read_config(self.plan.path)  # once for both wordings around the write
        self._word(self.plan, "zh", only=table, config=config)
        try:
            stored = document.createElement("maplayer")
            layer.writeLayerXml(stored, document, context)
        finally:
            self._word(self.plan, "en", only=table, config=config)
        while element.hasChildNodes():
            element.removeChild(element.firstChild())
        attributes = stored.attributes()
        for index in range(attributes.count()):
            attribute = attributes.item(index).toAttr()
            element.setAttribute(attribute.name(), attribute.value())
        while stored.hasChildNodes():
            element.appendChild(stored.firstChild())

    @guarded_method
    def _writing_project(self, document: QDomDocument) -> None:
        """The layer tree keeps its own copy of each layer's name: the Chinese one for the plan's layers."""
        if self.plan is None or self.language() != "en":
            return
        names = {layer.id(): schema.layer_spec(table).title_zh for table, layer in self.plan.layers.items()
                 if layer is not None and table in {s.table for s in schema.PLAN_LAYERS}}
        nodes = document.elementsByTagName("layer-tree-layer")
        for index in range(nodes.count()):
            node = nodes.item(index).toElement()
            if node.attribute("id") in names:
                node.setAttribute("name", names[node.attribute("id")])
        chinese = {en: zh for zh, en in plan_project.GROUP_TITLES_EN.items()}
        groups = document.elementsByTagName("layer-tree-group")
        for index in range(groups.count()):
            group = groups.item(index).toElement()
            if group.attribute("name") in chinese:
                group.setAttribute("name", chinese[group.attribute("name")])
