"""Feeding the validator from layers and plan files, and turning findings into a layer."""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from .. import compat, gpkg, plan_data, schema
from ..derive import SiteDeriver
from ..i18n import tr
from .config import ValidationConfig, read_config
from .engine import PlanContext, SiteInput, SiteValidator
from .findings import Finding

FINDING_FIELDS = (("rule", QVariant.String), ("severity", QVariant.String), ("site_fid", QVariant.LongLong),
                  ("site_code", QVariant.String), ("site_name", QVariant.String), ("message", QVariant.String))
_SITE_FIELDS = ("project_code", "name", "project_type", "status", "start_year", "end_year", "investment",
                "area_ha", "area_proj_ha", "zone_code", "key_areas")


def site_inputs(layer: QgsVectorLayer, fids: Optional[Iterable[int]] = None) -> List[SiteInput]:
    """Sites of ``layer`` as the validator sees them, including unsaved edits in its edit buffer (and only those
    the layer shows: use :func:`plan_site_inputs` to see every site of a plan)."""
    names = [n for n in _SITE_FIELDS if layer.fields().indexOf(n) >= 0]
    request = QgsFeatureRequest().setSubsetOfAttributes(names, layer.fields())
    if fids is not None:
        request.setFilterFids(list(fids))
    return [feature_input(f) for f in layer.getFeatures(request)]


def plan_site_inputs(path: str, layer: Optional[QgsVectorLayer] = None) -> List[SiteInput]:
    """Every site of the plan, whatever filter the map layer has, with ``layer``'s unsaved edits."""
    return [feature_input(f) for f in plan_data.site_features(path, layer)]


def feature_input(feature: QgsFeature) -> SiteInput:
    names = [n for n in _SITE_FIELDS if feature.fields().indexOf(n) >= 0]
    return SiteInput(feature.id(), {n: feature[n] for n in names},
                     feature.geometry() if feature.hasGeometry() else None)


def context_from_layers(boundary: Optional[QgsVectorLayer], zones: Optional[QgsVectorLayer],
                        key_areas: Optional[QgsVectorLayer], suitability: Sequence = ()) -> PlanContext:
    district = plan_data.union_geometry(boundary) if boundary is not None else None
    zone_items = plan_data.coded_geometries(zones) if zones is not None else []
    key_items = plan_data.coded_geometries(key_areas) if key_areas is not None else []
    return PlanContext(district, SiteDeriver(zone_items, key_items), suitability, has_zones=bool(zone_items))


def context_from_plan(path: str) -> PlanContext:
    return context_from_layers(plan_data.open_layer(path, schema.BOUNDARY), plan_data.open_layer(path, schema.ZONES),
                               plan_data.open_layer(path, schema.KEY_AREAS), gpkg.suitability_rows(path))


def validate_plan(path: str, config: Optional[ValidationConfig] = None) -> List[Finding]:
    """Every site of the plan GeoPackage ``path`` against every rule."""
    validator = SiteValidator(context_from_plan(path), config or read_config(path))
    return validator.validate(site_inputs(plan_data.open_layer(path, schema.SITES)))


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

