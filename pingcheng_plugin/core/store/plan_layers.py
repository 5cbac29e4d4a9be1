"""Finding the plan's layers in a QGIS project by what they are, not by what the user named them.

A layer belongs to the plan when its source is a table of a plan GeoPackage (one with ``pingcheng_meta``).
Users may rename, regroup or remove layers; the panels and actions look them up here each time.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from typing import Dict, Optional

from qgis.core import QgsProject, QgsProviderRegistry, QgsVectorLayer

from . import gpkg, schema


def layer_table(layer) -> Optional[tuple]:
    """(GeoPackage path, table) of an OGR layer, or None."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path, table = parts.get("path"), parts.get("layerName")
    if not path or not table or not path.lower().endswith(".gpkg"):
        return None
    return os.path.abspath(path), table


@dataclass
class PlanLayers:
    """The plan layers of one GeoPackage loaded in a project, keyed by table name."""

    path: str
    layers: Dict[str, QgsVectorLayer] = field(default_factory=dict)

    def get(self, spec: schema.LayerSpec) -> Optional[QgsVectorLayer]:
        layer = self.layers.get(spec.table)
        return layer if layer is not None and layer.isValid() else None

    @property
    def sites(self) -> Optional[QgsVectorLayer]:
        return self.get(schema.SITES)


_IS_PLAN: Dict[str, bool] = {}


def is_plan_file(path: str) -> bool:
    """True for a GeoPackage holding ``pingcheng_meta`` (cached per path and modification time)."""
    try:
        key = f"{path}:{os.path.getmtime(path)}"
    except OSError:
        return False
    if key not in _IS_PLAN:
        try:
            with gpkg.connect(path, readonly=True) as con:
                _IS_PLAN[key] = con.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                            (schema.META_TABLE,)).fetchone() is not None
        except sqlite3.Error:  # anything unreadable is simply not a plan
            _IS_PLAN[key] = False
    return _IS_PLAN[key]


def find_plan(project: QgsProject) -> Optional[PlanLayers]:
    """The plan whose site layer is in ``project`` (the first one found), with every plan layer present."""
    found: Dict[str, PlanLayers] = {}
    for layer in project.mapLayers().values():
        located = layer_table(layer)
        if located is None:
            continue
        path, table = located
        if table not in {spec.table for spec in schema.ALL_TABLES}:
            continue
        plan = found.setdefault(path, PlanLayers(path))
        plan.layers.setdefault(table, layer)
    for path, plan in found.items():
        if schema.SITES.table in plan.layers and is_plan_file(path):
            return plan
    return None
