"""Feeding the validator from layers and plan files, and turning findings into a layer."""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QMetaType

from ..rules.thresholds import ValidationConfig
from ..sites.derive import SiteDeriver
from ..store import plan_data, schema
from ..store import site_reader as plan_reader
from ..store.plan_settings import read_config
from ..support import compat
from ..support.i18n import tr
from .control_rules import ControlChecks
from .engine import PlanContext, SiteRecord, SiteValidator, name_key
from .findings import Finding

_TEXT = QMetaType.Type.QString
FINDING_FIELDS = (("rule", _TEXT), ("severity", _TEXT), ("site_fid", QMetaType.Type.LongLong),
                  ("site_code", _TEXT), ("site_name", _TEXT), ("message", _TEXT))
_SITE_FIELDS = ("project_code", "name", "project_type", "status", "start_year", "end_year", "investment",
                "area_ha", "area_proj_ha", "zone_code", "key_areas", "redline_justification") + schema.FUNDING_FIELDS


def site_inputs(layer: QgsVectorLayer, fids: Optional[Iterable[int]] = None) -> List[SiteRecord]:
    """Sites of ``layer`` as the validator sees them, including unsaved edits in its edit buffer (and only those
    the layer shows: use :func:`plan_site_inputs` to see every site of a plan)."""
    names = [n for n in _SITE_FIELDS if layer.fields().indexOf(n) >= 0]
    request = QgsFeatureRequest().setSubsetOfAttributes(names, layer.fields())
    if fids is not None:
        request.setFilterFids(list(fids))
    return [feature_input(f) for f in layer.getFeatures(request)]


def plan_site_inputs(path: str, layer: Optional[QgsVectorLayer] = None) -> List[SiteRecord]:
    """Every site of the plan, whatever filter the map layer has, with ``layer``'s unsaved edits (read straight
    from the file when there are none)."""
    buffer = layer.editBuffer() if layer is not None and layer.isEditable() else None
    if buffer is None or not buffer.isModified():
        return plan_reader.read_sites(path, list(_SITE_FIELDS))
    return [feature_input(f) for f in plan_data.site_features(path, layer)]


def edited_and_neighbours(path: str, layer: QgsVectorLayer, fids: Iterable[int]
                          ) -> Tuple[List[SiteRecord], List[SiteRecord]]:
    """The sites ``fids`` as ``layer``'s edit buffer holds them, and the saved sites they must be checked against
    (overlapping envelopes, the same name key; not deleted, not edited): what the check before saving needs,
    read through keyed lookups, so a save in a plan of 100,000 sites reads a handful."""
    wanted = sorted(fids)
    names = [n for n in _SITE_FIELDS if layer.fields().indexOf(n) >= 0]
    request = QgsFeatureRequest().setFilterFids(wanted).setSubsetOfAttributes(names, layer.fields())
    edited = [feature_input(f) for f in layer.getFeatures(request)]
    boxes = []
    for site in edited:
        if site.geometry is not None and not site.geometry.isEmpty():
            box = site.geometry.boundingBox()
            boxes.append((box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()))
    buffer = layer.editBuffer()
    skip = set(wanted) | (set(buffer.deletedFeatureIds()) if buffer is not None else set())
    near = plan_reader.neighbour_fids(path, boxes, [name_key(s.value("name")) for s in edited]) - skip
    return edited, plan_reader.read_sites(path, list(_SITE_FIELDS), near)


def feature_input(feature: QgsFeature) -> SiteRecord:
    names = [n for n in _SITE_FIELDS if feature.fields().indexOf(n) >= 0]
    return SiteRecord(feature.id(), {n: feature[n] for n in names},
                     feature.geometry() if feature.hasGeometry() else None)


def context_from_layers(boundary: Optional[QgsVectorLayer], zones: Optional[QgsVectorLayer],
                        key_areas: Optional[QgsVectorLayer], suitability: Sequence = ()) -> PlanContext:
    district = plan_data.union_geometry(boundary) if boundary is not None else None
    zone_items = plan_data.coded_geometries(zones) if zones is not None else []
    key_items = plan_data.coded_geometries(key_areas) if key_areas is not None else []
    return PlanContext(district, SiteDeriver(zone_items, key_items), suitability, has_zones=bool(zone_items))


def context_from_plan(path: str) -> PlanContext:
    context = context_from_layers(plan_data.open_layer(path, schema.BOUNDARY),
                                  plan_data.open_layer(path, schema.ZONES),
                                  plan_data.open_layer(path, schema.KEY_AREAS), plan_data.suitability_rows(path))
    context.controls = ControlChecks.from_plan(path)  # the bureau's control layers, when imported
    return context


def validate_plan(path: str, config: Optional[ValidationConfig] = None) -> List[Finding]:
    """Every site of the plan GeoPackage ``path`` against every rule."""
    validator = SiteValidator(context_from_plan(path), config or read_config(path))
    return validator.validate(plan_reader.read_sites(path, list(_SITE_FIELDS)))


def findings_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in FINDING_FIELDS:
        fields.append(compat.field(name, kind))
    return fields


def finding_feature(finding: Finding, fields: QgsFields) -> QgsFeature:
    feature = QgsFeature(fields)
    feature.setAttributes([finding.rule, finding.severity.value, finding.fid, finding.site_code, finding.site_name,
                           finding.message])
    if finding.x is not None:
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(finding.x, finding.y)))
    return feature


def findings_layer(findings: Sequence[Finding], name: Optional[str] = None) -> QgsVectorLayer:
    """A memory point layer of ``findings`` (the *Validate all sites* results), with Chinese aliases."""
    layer = QgsVectorLayer(f"Point?crs={schema.STORAGE_CRS}", name or tr("Validation findings"), "memory")
    provider = layer.dataProvider()
    provider.addAttributes(list(findings_fields()))
    layer.updateFields()
    for index, alias in enumerate(("规则", "级别", "要素号", "项目编码", "项目名称", "说明")):
        layer.setFieldAlias(index, alias)
    provider.addFeatures([finding_feature(f, layer.fields()) for f in findings])
    layer.updateExtents()
    return layer

