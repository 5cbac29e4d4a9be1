"""Reading plan layers headless and rewriting derived values through QGIS edit buffers (all or nothing)."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from osgeo import ogr
from qgis.core import QgsFeature, QgsFeatureRequest, QgsFields, QgsGeometry, QgsRectangle, QgsVectorLayer

from ..sites import areas
from ..sites.derive import DERIVED_FIELDS, SiteDeriver
from ..support.errors import CancelledError, PlanFileError
from ..support.gdalutil import quiet_gdal
from ..support.i18n import tr
from ..support.progress import Progress, report
from . import control_data, gpkg, schema, township


def open_layer(path: str, spec: schema.LayerSpec) -> QgsVectorLayer:
    """``spec``'s table as a plain layer: no stored default style, so no form defaults fire on batch edits."""
    options = QgsVectorLayer.LayerOptions(False, False)  # loadDefaultStyle=False, readExtentFromXml=False
    layer = QgsVectorLayer(gpkg.layer_uri(path, spec.table), spec.title_zh, "ogr", options)
    if not layer.isValid():
        raise PlanFileError(tr("The layer {table} of {path} cannot be loaded.").format(table=spec.table, path=path))
    return layer


def coded_geometries(layer: QgsVectorLayer) -> List[Tuple[str, QgsGeometry]]:
    """(code, geometry) of every feature with a geometry; features sharing a code are kept separately."""
    request = QgsFeatureRequest().setSubsetOfAttributes(["code"], layer.fields())
    return [(str(f["code"]), f.geometry()) for f in layer.getFeatures(request) if f.hasGeometry()]


def union_geometry(layer: QgsVectorLayer) -> Optional[QgsGeometry]:
    """All of the layer's geometries as one (the district from its boundary layer), or None when it has none."""
    parts = [f.geometry() for f in layer.getFeatures() if f.hasGeometry()]
    return QgsGeometry.unaryUnion(parts) if parts else None


def has_illustrative(layer: QgsVectorLayer) -> bool:
    """Whether any feature of the layer is flagged illustrative (示意); a layer without the field has none."""
    if layer.fields().indexOf("illustrative") < 0:
        return False
    request = QgsFeatureRequest().setFilterExpression('"illustrative" = 1').setLimit(1)
    request.setFlags(QgsFeatureRequest.NoGeometry)
    return any(True for _ in layer.getFeatures(request))


def deriver_for(path: str) -> SiteDeriver:
    return SiteDeriver(coded_geometries(open_layer(path, schema.ZONES)),
                       coded_geometries(open_layer(path, schema.KEY_AREAS)))


def commit_or_rollback(layer: QgsVectorLayer) -> None:
    if not layer.commitChanges():
        errors = "; ".join(layer.commitErrors())
        layer.rollBack()
        raise PlanFileError(tr("Changes to {layer} were not saved: {errors}").format(layer=layer.name(), errors=errors))


def derived_changes(features: List[QgsFeature], fields: QgsFields, deriver: SiteDeriver,
                    towns: Optional[township.TownshipLocator] = None) -> Dict[int, Dict[int, object]]:
    """fid -> {field index of ``fields``: new value} for every site whose derived fields are out of date; with
    ``towns`` (the plan's township layer) 建设地点 too, as the form derives it: the layer's township and village
    where a polygon holds the site, the stored value elsewhere."""
    names = DERIVED_FIELDS + (("location_town", "location_village") if towns is not None else ())
    indexes = {name: fields.indexOf(name) for name in names}
    geometries = [f.geometry() if f.hasGeometry() else None for f in features]
    derived = deriver.derive_many(geometries, [f["start_year"] for f in features])
    places = towns.locate_many(geometries) if towns is not None else [(None, None)] * len(features)
    changes: Dict[int, Dict[int, object]] = {}
    for feature, values, (town, village) in zip(features, derived, places):
        new = values.as_dict()
        new.update({"location_town": town if town is not None else feature["location_town"],
                    "location_village": village if village is not None else feature["location_village"]}
                   if towns is not None else {})
        changed = {indexes[n]: new[n] for n in names if indexes[n] >= 0 and feature[n] != new[n]}
        if changed:
            changes[feature.id()] = changed
    return changes


def site_features(path: str, layer: Optional[QgsVectorLayer] = None) -> List[QgsFeature]:
    """Every site of the plan as saved, ignoring any filter on the map, with the unsaved edits of ``layer`` (the
    project's site layer) applied: what the plan will hold once saved."""
    saved = {f.id(): f for f in open_layer(path, schema.SITES).getFeatures()}
    buffer = layer.editBuffer() if layer is not None and layer.isEditable() else None
    if buffer is None:
        return list(saved.values())
    for fid in buffer.deletedFeatureIds():
        saved.pop(fid, None)
    names = [field.name() for field in layer.fields()]
    for fid, geometry in buffer.changedGeometries().items():
        if fid in saved:
            saved[fid].setGeometry(geometry)
    for fid, values in buffer.changedAttributeValues().items():
        if fid in saved:
            for index, value in values.items():
                if saved[fid].fields().indexOf(names[index]) >= 0:
                    saved[fid][names[index]] = value
    saved.update(buffer.addedFeatures())
    return list(saved.values())


def recompute_sites(path: str, progress: Progress = None) -> int:
    """Recompute every site's derived fields (areas, zone, shares, key areas, phase; 建设地点 where the stored
    project keeps a township layer). Returns the sites changed."""
    sites = open_layer(path, schema.SITES)
    changes = derived_changes(list(sites.getFeatures()), sites.fields(), deriver_for(path),
                              township.plan_locator(path))
    if not changes:
        return 0
    if not sites.startEditing():
        raise PlanFileError(tr("{layer} cannot be edited.").format(layer=sites.name()))
    total = len(changes)
    for number, (fid, values) in enumerate(changes.items()):
        sites.changeAttributeValues(fid, values)
        if number % 500 == 0:
            try:
                report(progress, 100.0 * number / total)
            except CancelledError:
                sites.rollBack()
                raise
    commit_or_rollback(sites)
    return total


def recompute_plan_areas(path: str) -> None:
    """area_km2 of the boundary, corridors, barriers, zones and key areas, ellipsoidal on CGCS2000."""
    calculator = areas.distance_area()
    for spec in (schema.BOUNDARY, schema.CORRIDORS, schema.BARRIERS, schema.ZONES, schema.KEY_AREAS):
        layer = open_layer(path, spec)
        index = layer.fields().indexOf("area_km2")
        values = {f.id(): {index: areas.ellipsoidal_km2(f.geometry(), calculator) if f.hasGeometry() else None}
                  for f in layer.getFeatures()}
        if not values:
            continue
        layer.startEditing()
        for fid, change in values.items():
            layer.changeAttributeValues(fid, change)
        commit_or_rollback(layer)


def district_box(plan_path: str) -> QgsRectangle:
    with quiet_gdal():
        dataset = ogr.Open(plan_path, 0)
        layer = dataset.GetLayerByName(schema.BOUNDARY.table) if dataset is not None else None
        extent = layer.GetExtent(force=1, can_return_null=True) if layer is not None else None
    if not extent:
        raise PlanFileError(tr("{path} has no district boundary.").format(path=plan_path))
    return QgsRectangle(extent[0], extent[2], extent[1], extent[3])


def plan_fingerprint(path: str) -> Tuple:
    """Changes when sites or the layers they are checked against change (to refuse a stale preview)."""
    parts = []
    with gpkg.connect(path, readonly=True) as con:
        for spec in (schema.SITES, schema.ZONES, schema.KEY_AREAS, schema.BOUNDARY):
            parts.append(con.execute(f"SELECT count(*), max(fid) FROM {gpkg.sql_identifier(spec.table)}").fetchone())
        parts.append(con.execute(f"SELECT max(modified_at), total(length(geom)) FROM {schema.SITES.table}").fetchone())
        parts.append(con.execute("SELECT group_concat(table_name || last_change) FROM gpkg_contents").fetchone())
    return tuple(parts)


def context_version(path: str) -> Tuple:
    """Changes whenever what sites are checked against changes: the boundary, zones and key areas (their rows and
    geometry bytes; a few dozen rows, read in a millisecond), the suitability table and the stored thresholds. Lets
    a caller keep a validator between saves instead of rebuilding it from the plan for every one."""
    parts: List[object] = []
    with gpkg.connect(path, readonly=True) as con:
        for spec in (schema.BOUNDARY, schema.ZONES, schema.KEY_AREAS):
            parts.append(con.execute(f"SELECT count(*), max(fid), total(length(geom)), group_concat(code) FROM "
                                     f"{gpkg.sql_identifier(spec.table)}").fetchone())
        parts.append(tuple(con.execute(f"SELECT type_code, area_kind, area_code, source FROM "
                                       f"{schema.SUITABILITY_TABLE} ORDER BY fid").fetchall()))
        parts.append(tuple(con.execute(f"SELECT key, value FROM {schema.META_TABLE} ORDER BY key").fetchall()))
        parts.append(control_data.context_rows(con))  # the bureau's control layers
    return tuple(parts)


def suitability_rows(path: str) -> List[Tuple[str, str, str, Optional[str]]]:
    """The plan's type-to-area suitability table (type code, area kind, area code, source), in its order."""
    with gpkg.connect(path, readonly=True) as con:
        return con.execute(f"SELECT type_code, area_kind, area_code, source FROM {schema.SUITABILITY_TABLE} "
                           "ORDER BY fid").fetchall()
