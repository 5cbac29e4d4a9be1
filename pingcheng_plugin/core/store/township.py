"""建设地点 from a township layer: when the plan's 底图 group holds a polygon layer of townships/streets, the site
form derives 建设地点（乡镇/街道） from it (the one holding the largest part of the site; read-only, like the zone);
otherwise it is typed.

The illustrative base map has street seats only (``base_places``, points), which say nothing about where one
street ends, so it is never used. A layer counts as a township layer when it is a polygon layer in the storage CRS
(the form's aggregate compares coordinates as stored), its name says 乡镇, 街道 or township, and it has a name
field of a common spelling.
"""

from __future__ import annotations

from typing import Iterable, Optional, Tuple

from qgis.core import QgsDefaultValue, QgsMapLayer, QgsProject, QgsVectorLayer, QgsWkbTypes

from ..sites import derive
from . import base_group, plan_layers, schema

TOWNSHIP_WORDS = ("乡镇", "街道", "township")
#: Name fields looked for, in this order (case ignored): the plugin's, then those of 行政区划 and 三调 data.
NAME_FIELDS = ("name", "名称", "乡镇名称", "街道名称", "XZQMC", "XZMC", "JDMC", "QSDWMC", "MC")


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
    index = sites.fields().indexOf("location_town")
    if index < 0:
        return None
    sites.setDefaultValueDefinition(index, QgsDefaultValue(
        derive.largest_overlap_expression(layer.id(), field, "location_town"), True))
    config = sites.editFormConfig()
    config.setReadOnly(index, True)  # derived, like the zone: typing would only be overwritten by the next edit
    sites.setEditFormConfig(config)
    return layer.name()
