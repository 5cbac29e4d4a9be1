"""The 底图 (base map) group of a plan's stored project: whatever layers a user puts there are drawn under the plan.

The group may hold the plugin's illustrative base tables (:mod:`.base_map`) and any layer of the user's: a 三调 or
township GeoPackage, a DOM GeoTIFF, a WMS/WMTS such as 天地图 with the user's key. Rewriting the stored project
(a new schema, a rebuilt style) keeps the user's layers, their order, style and metadata; the plugin's own base
tables are rebuilt from the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import List, Optional

from qgis.core import (
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from . import base_map, plan_layers, schema

BASE_GROUP_ZH = "底图"
BASE_GROUP_EN = "Base map"


def base_group(project: QgsProject, create: bool = False) -> Optional[QgsLayerTreeGroup]:
    """The project's 底图 group (its English title too, as an English QGIS may show it); made at the bottom of
    the layer tree when ``create``."""
    root = project.layerTreeRoot()
    for title in (BASE_GROUP_ZH, BASE_GROUP_EN):
        group = root.findGroup(title)
        if group is not None:
            return group
    return root.addGroup(BASE_GROUP_ZH) if create else None


def base_layers(project: QgsProject) -> List[QgsMapLayer]:
    """The valid layers of the 底图 group, top first (nested groups included)."""
    group = base_group(project)
    if group is None:
        return []
    return [node.layer() for node in group.findLayers() if node.layer() is not None and node.layer().isValid()]


def is_plugin_base_layer(layer: QgsMapLayer, path: Optional[str] = None) -> bool:
    """Whether ``layer`` is one of the plugin's illustrative base tables (of the plan ``path``, when given)."""
    located = plan_layers.layer_table(layer)
    if located is None or located[1] not in {spec.table for spec in base_map.TABLES}:
        return False
    return path is None or located[0] == path


@dataclass
class KeptLayer:
    """A user's base layer of a stored project, enough to recreate it in a rebuilt project."""

    source: str
    name: str
    provider: str
    kind: str  # 'vector' | 'raster'
    style: str  # QGIS style XML (symbology, labels, opacity)
    metadata: str  # QGIS layer metadata XML (attribution, rights)

    def layer(self) -> QgsMapLayer:
        layer: QgsMapLayer
        if self.kind == "raster":
            layer = QgsRasterLayer(self.source, self.name, self.provider)
        else:
            layer = QgsVectorLayer(self.source, self.name, self.provider)
        _import_xml(layer, self.style, style=True)
        _import_xml(layer, self.metadata, style=False)
        layer.setName(self.name)
        return layer


def keep(layer: QgsMapLayer) -> KeptLayer:
    style = QDomDocument()
    layer.exportNamedStyle(style)
    metadata = QDomDocument()
    root = metadata.createElement("metadata")
    metadata.appendChild(root)
    layer.metadata().writeMetadataXml(root, metadata)
    kind = "raster" if isinstance(layer, QgsRasterLayer) else "vector"
    return KeptLayer(layer.source(), layer.name(), layer.providerType(), kind, style.toString(),
                     metadata.toString())


def _import_xml(layer: QgsMapLayer, text: str, style: bool) -> None:
    if not text:
        return
    document = QDomDocument()
    if not document.setContent(text):
        return
    if style:
        layer.importNamedStyle(document)
    else:
        metadata = layer.metadata()
        if metadata.readMetadataXml(document.documentElement()):
            layer.setMetadata(metadata)


def stored_user_layers(path: str) -> List[KeptLayer]:
    """The user's layers of the 底图 group of the project stored in ``path`` (none when nothing is stored yet)."""
    if not _has_stored_project(path):
        return []
    from .plan_project import project_uri, relinked  # the project module builds on this one

    project = QgsProject()
    try:
        with relinked(path):
            if not project.read(project_uri(path)):
                return []
        group = base_group(project)
        if group is None:
            return []
        return [keep(node.layer()) for node in group.findLayers()
                if node.layer() is not None and not is_plugin_base_layer(node.layer())]
    finally:
        project.clear()


def _has_stored_project(path: str) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            return con.execute("SELECT 1 FROM qgis_projects WHERE name = ?",
                               (schema.PROJECT_NAME,)).fetchone() is not None
    except sqlite3.Error:  # no qgis_projects table: nothing stored
        return False


def add_layers(project: QgsProject, layers: List[QgsMapLayer], on_top: bool = False) -> None:
    """Put ``layers`` into the 底图 group: vector layers above, rasters (images, tiles) at the bottom, so an
    image never hides the lines and names drawn with it."""
    group = base_group(project, create=True)
    for layer in layers:
        project.addMapLayer(layer, False)
        if isinstance(layer, QgsRasterLayer):
            group.addLayer(layer)
        elif on_top:
            group.insertLayer(0, layer)
        else:
            rasters = [i for i, node in enumerate(group.children())
                       if getattr(node, "layer", lambda: None)() is not None
                       and isinstance(node.layer(), QgsRasterLayer)]
            group.insertLayer(rasters[0] if rasters else len(group.children()), layer)

