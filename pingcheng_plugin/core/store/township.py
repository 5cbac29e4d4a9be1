"""建设地点 from a township layer: when the plan's 底图 group holds a polygon layer of townships/streets, the site
form derives 建设地点（乡镇/街道） from it (the one holding the largest part of the site; read-only, like the zone);
otherwise it is typed.

Imports and *Recompute derived fields* fill the same values from the same layer (:class:`TownshipLocator`, the
Python twin of the form's expression, as ``sites/derive.py`` pairs the zone's): the township (and the village, when
the layer has a village field) of the polygon holding the largest part of the site, ties to the first name.

The illustrative base map has street seats only (``base_places``, points), which say nothing about where one
street ends, so it is never used. A layer counts as a township layer when it is a polygon layer in the storage CRS
(the form's aggregate compares coordinates as stored), its name says 乡镇, 街道 or township, and it has a name
field of a common spelling.
"""

from __future__ import annotations

import html
import io
import re
import sqlite3
import zipfile
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from qgis.core import QgsDefaultValue, QgsGeometry, QgsMapLayer, QgsProject, QgsVectorLayer, QgsWkbTypes

from ..sites import derive
from . import base_group, base_map, gpkg, plan_layers, schema

TOWNSHIP_WORDS = ("乡镇", "街道", "township")
#: Name fields looked for, in this order (case ignored): the plugin's, then those of 行政区划 and 三调 data.
NAME_FIELDS = ("name", "名称", "乡镇名称", "街道名称", "XZQMC", "XZMC", "JDMC", "QSDWMC", "MC")
#: Village fields looked for (case ignored): a layer of villages that also names their township fills both.
VILLAGE_FIELDS = ("village", "村", "村名称", "行政村", "村庄名称", "CMC", "XZCMC", "CJMC", "CZMC")


def township_layer(layers: Iterable[QgsMapLayer]) -> Optional[Tuple[QgsVectorLayer, str]]:
    """The first township polygon layer of ``layers`` and its name field, or None."""
    for layer in layers:
        if not (isinstance(layer, QgsVectorLayer) and layer.isValid()
                and layer.geometryType() == QgsWkbTypes.PolygonGeometry
                and layer.crs().authid() == schema.STORAGE_CRS
                and any(word in layer.name().casefold() for word in TOWNSHIP_WORDS)):
            continue
        names = {field.name().casefold(): field.name() for field in layer.fields()}
        for candidate in NAME_FIELDS:
            if candidate.casefold() in names:
                return layer, names[candidate.casefold()]
    return None


def apply_township_default(project: QgsProject) -> Optional[str]:
    """Make the site form derive 建设地点（乡镇/街道） from the project's township layer, when there is one (else the
    field stays typed, its default untouched). Returns the township layer's name, or None."""
    found = township_layer(base_group.base_layers(project))
    plan = plan_layers.find_plan(project)
    sites = plan.sites if plan is not None else None
    if found is None or sites is None:
        return None
    layer, field = found
    if sites.fields().indexOf("location_town") < 0:
        return None
    config = sites.editFormConfig()
    for target, source in (("location_town", field), ("location_village", village_field(layer))):
        index = sites.fields().indexOf(target)
        if index < 0 or source is None:
            continue
        sites.setDefaultValueDefinition(index, QgsDefaultValue(
            derive.largest_overlap_expression(layer.id(), source, target), True))
        config.setReadOnly(index, True)  # derived, like the zone: typing would only be overwritten by the next edit
    sites.setEditFormConfig(config)
    return layer.name()


def village_field(layer: QgsVectorLayer) -> Optional[str]:
    """The layer's village name field, or None."""
    names = {field.name().casefold(): field.name() for field in layer.fields()}
    return next((names[c.casefold()] for c in VILLAGE_FIELDS if c.casefold() in names), None)


class TownshipLocator:
    """建设地点 of many sites at once from a township layer, with the values the form's expression gives."""

    def __init__(self, layer: QgsVectorLayer, town_field: str, village: Optional[str] = None):
        from ..sites.overlay import AreaOverlay, to_shapely_many  # shapely on first use, as SiteDeriver

        rows = [(f[town_field], f[village] if village else None, f.geometry()) for f in layer.getFeatures()
                if f.hasGeometry()]
        self._names = [(_text(town), _text(name)) for town, name, _g in rows]
        self._overlay = AreaOverlay([(str(n), shape) for n, shape in
                                     enumerate(to_shapely_many([g for _t, _v, g in rows]))])
        self._shapes = to_shapely_many
        self.name = layer.name()

    def locate_many(self, geometries: Sequence[Optional[QgsGeometry]]) -> List[Tuple[Optional[str], Optional[str]]]:
        """(township, village) of each site: those of the polygon holding its largest part; None where no polygon
        holds any of it (or the layer has no village field)."""
        found = []
        for overlaps in self._overlay.overlaps(self._shapes(list(geometries))):
            towns: Dict[str, float] = {}
            villages: Dict[str, float] = {}
            for code, area in overlaps.items():
                town, village = self._names[int(code)]
                for values, value in ((towns, town), (villages, village)):
                    if value is not None:  # as the expression's filter: polygons without the value do not count
                        values[value] = max(area, values.get(value, 0.0))
            found.append((derive.largest_zone(towns), derive.largest_zone(villages)))
        return found


def fill_missing(values: Dict[str, object], town: Optional[str], village: Optional[str]) -> None:
    """建设地点 from the township layer where a site's ``values`` state none (an import): a stated township is
    kept, with its village even when empty (the layer's village might lie in another township)."""
    if town is None or str(values.get("location_town") or "").strip():
        return
    values["location_town"] = town
    if village is not None and not str(values.get("location_village") or "").strip():
        values["location_village"] = village


def _text(value: object) -> Optional[str]:
    return None if value is None or str(value) in ("", "NULL") else str(value)


def locator(layers: Iterable[QgsMapLayer]) -> Optional[TownshipLocator]:
    """The locator of the first township layer among ``layers`` (a project's base layers), or None."""
    found = township_layer(layers)
    return TownshipLocator(found[0], found[1], village_field(found[0])) if found is not None else None


def plan_locator(path: str) -> Optional[TownshipLocator]:
    """The locator of the township layer kept in the 底图 group of the project stored in the plan ``path`` (for
    imports and recomputation without the project open). Reads a QGIS project: call on the main thread."""
    if not _may_hold_townships(path):  # most plans have none: no need to read the whole project (~0.4 s)
        return None
    return locator([kept.layer() for kept in base_group.stored_user_layers(path) if kept.kind == "vector"])


_TREE_LAYER = re.compile(r"<layer-tree-layer\b[^>]*>")


def _may_hold_townships(path: str) -> bool:
    """Whether the stored project names a layer as a township layer, other than the plugin's own base tables: a
    look at the project's XML (a .qgz, hex in the GeoPackage), which the full read then confirms."""
    try:
        with gpkg.connect(path, readonly=True) as con:
            row = con.execute("SELECT content FROM qgis_projects WHERE name = ?", (schema.PROJECT_NAME,)).fetchone()
        content = bytes.fromhex(row[0]) if row and isinstance(row[0], str) else (row[0] if row else b"")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            text = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                           if n.endswith(".qgs"))
    except (sqlite3.Error, ValueError, zipfile.BadZipFile, OSError):
        return True  # unreadable here: let QGIS read it
    own = tuple(f"layername={spec.table}" for spec in base_map.TABLES)
    for tag in _TREE_LAYER.findall(text):
        name = re.search(r'\bname="([^"]*)"', tag)
        source = re.search(r'\bsource="([^"]*)"', tag)
        if name and any(w in html.unescape(name.group(1)).casefold() for w in TOWNSHIP_WORDS) and not (
                source and html.unescape(source.group(1)).endswith(own)):
            return True
    return False
