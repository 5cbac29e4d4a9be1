"""Field-review data in GeoPackages, the store's side of ``core/review``: the plan's identity and per-site
fingerprints, a package's GeoPackage and its metadata, and the one transaction in which a merge writes a plan.

Plan feature tables are written through GDAL only: their R-tree triggers call GDAL's SQL functions, and the plan's
rule triggers then check merged sites exactly as they check any other program's writes.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from typing import Dict, Iterable, List, Mapping, Optional

from osgeo import gdal, ogr

from ..support import compat
from ..support.errors import ExportError, InvalidInputError, PlanFileError
from ..support.gdalutil import FieldIndexes
from ..support.i18n import tr
from . import gdal_transaction, gpkg, review_schema, schema, side_tables


# --- the plan -----------------------------------------------------------------------------------------------
def plan_uuid(plan: str, create: bool = False) -> str:
    """The plan's uuid from its metadata ('' when it has none), written there first when ``create``."""
    existing = gpkg.read_meta(plan).values.get(review_schema.PLAN_UUID_KEY, "")
    if existing or not create:
        return existing
    value = str(uuid.uuid4())
    with gpkg.connect(plan) as con:
        gpkg.write_meta(con, {review_schema.PLAN_UUID_KEY: value})
    return value


def site_fingerprints(plan: str, codes: Optional[Iterable[str]] = None) -> Dict[str, str]:
    """project code → a hash of the site's whole row (every column, the geometry's bytes included): a different
    hash later means the site was edited in the plan in between."""
    table = schema.SITES.table
    with gpkg.connect(plan, readonly=True) as con:
        columns = gpkg.table_columns(con, table)
        select = ", ".join(gpkg.sql_identifier(c) for c in columns)
        rows = con.execute(f"SELECT {select} FROM {table} WHERE project_code IS NOT NULL").fetchall()
    code_at = columns.index("project_code")
    wanted = None if codes is None else set(codes)
    result = {}
    for row in rows:
        if wanted is None or row[code_at] in wanted:
            digest = hashlib.sha256()
            for value in row:
                digest.update(value if isinstance(value, bytes) else repr(value).encode("utf-8"))
                digest.update(b"\x1f")
            result[row[code_at]] = digest.hexdigest()
    return result


def merged_at(plan: str, package_id: str) -> Optional[str]:
    """When the package ``package_id`` was merged into ``plan``, or None."""
    with gpkg.connect(plan, readonly=True) as con:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if review_schema.REVIEW_MERGES.table not in tables:
            return None
        row = con.execute(f"SELECT merged_at FROM {review_schema.REVIEW_MERGES.table} WHERE package_id = ?",
                          (package_id,)).fetchone()
    return row[0] if row else None


#: The columns a review report reads, in this order, from the plan's reviews and from a package's sites.
REPORT_COLUMNS = ("project_code", "name", "review_state", "review_finding", "review_comment", "reviewer",
                  "reviewed_at", "review_photo")


def merged_reviews(plan: str, package_id: Optional[str] = None) -> List[tuple]:
    """REPORT_COLUMNS of the plan's merged reviews (of one package when given), the site's name from the plan
    (None for a site deleted since); empty when the plan never had a merge."""
    table = review_schema.SITE_REVIEWS.table
    with gpkg.connect(plan, readonly=True) as con:
        if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is None:
            return []
        where, arguments = ("WHERE r.package_id = ?", (package_id,)) if package_id else ("", ())
        columns = ", ".join("s.name" if c == "name" else f"r.{c}" for c in REPORT_COLUMNS)
        return con.execute(
            f"SELECT {columns} FROM {table} r LEFT JOIN {schema.SITES.table} s ON s.project_code = r.project_code "
            f"{where} ORDER BY r.project_code, r.reviewed_at, r.fid", arguments).fetchall()


def package_reviews(path: str) -> List[tuple]:
    """REPORT_COLUMNS of every site of the package GeoPackage ``path``, as the reviewer left them."""
    try:
        with gpkg.connect(path, readonly=True) as con:
            return con.execute(f"SELECT {', '.join(REPORT_COLUMNS)} FROM {schema.SITES.table} "
                               f"ORDER BY project_code").fetchall()
    except sqlite3.DatabaseError as err:
        raise InvalidInputError(tr("{path} is not a review package of this plugin: {error}").format(
            path=path, error=err)) from err


# --- a package ----------------------------------------------------------------------------------------------
def read_key_values(path: str, table: str) -> Dict[str, str]:
    """The key/value rows of ``table`` in the GeoPackage ``path`` (a package's metadata)."""
    try:
        with gpkg.connect(path, readonly=True) as con:
            rows = con.execute(f"SELECT key, value FROM {gpkg.sql_identifier(table)}").fetchall()
    except sqlite3.DatabaseError as err:
        raise InvalidInputError(tr("{path} is not a review package of this plugin: {error}").format(
            path=path, error=err)) from err
    return {str(k): "" if v is None else str(v) for k, v in rows}


def write_key_values(path: str, table: str, values: Mapping[str, str]) -> None:
    with gpkg.connect(path) as con:
        con.executemany(f"INSERT INTO {gpkg.sql_identifier(table)} (key, value) VALUES (?, ?)",
                        sorted(values.items()))


def finish_package(path: str, base: str) -> None:
    """Fold the package's journal into it and keep a consistent copy of it at ``base`` (GeoDiff's base)."""
    gpkg.checkpoint(path)
    gpkg.copy_database(path, base)


def write_package(plan: str, target: str, tables: Iterable[schema.LayerSpec], fids: List[int],
                  reviewer: str) -> None:
    """A new GeoPackage ``target`` with the plan's ``tables`` copied whole, the sites ``fids`` (under their plan
    fids, which key GeoDiff's changes) with the review columns, an empty proposals layer and the metadata table."""
    with compat.gdal_error_codes():
        source = ogr.Open(plan, 0)
        if source is None:
            raise ExportError(tr("Cannot read {path}: {error}").format(path=plan, error=gdal.GetLastErrorMsg()))
        package = ogr.GetDriverByName("GPKG").CreateDataSource(target)
        if package is None:
            raise ExportError(tr("Cannot create the GeoPackage {path}: {error}").format(
                path=target, error=gdal.GetLastErrorMsg()))
        try:
            for spec in tables:
                if package.CopyLayer(source.GetLayerByName(spec.table), spec.table, side_tables.LAYER_OPTIONS) is None:
                    raise ExportError(tr("Cannot copy {table} into {path}: {error}").format(
                        table=spec.table, path=target, error=gdal.GetLastErrorMsg()))
            plan_sites = source.GetLayerByName(schema.SITES.table)
            srs = plan_sites.GetSpatialRef()
            sites = package.CreateLayer(schema.SITES.table, srs, ogr.wkbMultiPolygon, side_tables.LAYER_OPTIONS)
            definition = plan_sites.GetLayerDefn()
            for index in range(definition.GetFieldCount()):
                sites.CreateField(definition.GetFieldDefn(index))
            for field_spec in review_schema.REVIEW_FIELDS:
                sites.CreateField(gpkg.ogr_field(field_spec))
            _copy_sites(plan_sites, sites, fids, reviewer)
            proposals = package.CreateLayer(review_schema.PROPOSALS_TABLE, srs, ogr.wkbMultiPolygon,
                                            side_tables.LAYER_OPTIONS)
            for field_spec in review_schema.PROPOSALS.fields:
                proposals.CreateField(gpkg.ogr_field(field_spec))
            meta = package.CreateLayer(review_schema.PACKAGE_META_TABLE, None, ogr.wkbNone, ["FID=fid"])
            meta.CreateField(ogr.FieldDefn("key", ogr.OFTString))
            meta.CreateField(ogr.FieldDefn("value", ogr.OFTString))
        finally:
            package = None
            source = None


def _copy_sites(plan_sites, sites, fids: List[int], reviewer: str) -> None:
    definition = sites.GetLayerDefn()
    failed = tr("Cannot write the review package: {error}")
    if sites.StartTransaction() != 0:
        raise ExportError(failed.format(error=gdal.GetLastErrorMsg()))
    for fid in fids:
        feature = plan_sites.GetFeature(fid)
        copy = ogr.Feature(definition)
        copy.SetFrom(feature)
        copy.SetFID(fid)
        copy.SetField("review_state", review_schema.PENDING)
        copy.SetField("reviewer", reviewer)
        if sites.CreateFeature(copy) != 0:
            sites.RollbackTransaction()
            raise ExportError(failed.format(error=gdal.GetLastErrorMsg()))
    if sites.CommitTransaction() != 0:
        raise ExportError(failed.format(error=gdal.GetLastErrorMsg()))


# --- the merge ----------------------------------------------------------------------------------------------
def write_merge(plan: str, reviews: List[Mapping[str, object]], conflicts: List[Mapping[str, object]],
                site_updates: Mapping[int, Mapping[str, object]], merge: Mapping[str, object]) -> None:
    """Every change of a merge in one GDAL transaction: the review tables (created on the first merge), the
    sites' new values (a QgsGeometry under 'geometry'), the merge record. All of it or nothing."""
    with compat.gdal_error_codes(), gdal_transaction.writing(plan) as dataset:
        side_tables.ensure_tables(dataset, review_schema.PLAN_TABLES)
        for row in reviews:
            side_tables.insert(dataset, review_schema.SITE_REVIEWS, row)
        for row in conflicts:
            side_tables.insert(dataset, review_schema.REVIEW_CONFLICTS, row)
        _update_sites(dataset, site_updates)
        side_tables.insert(dataset, review_schema.REVIEW_MERGES, merge)


def _update_sites(dataset, updates: Mapping[int, Mapping[str, object]]) -> None:
    layer = dataset.GetLayerByName(schema.SITES.table)
    indexes = FieldIndexes(layer.GetLayerDefn())
    for fid, values in updates.items():
        feature = layer.GetFeature(fid)
        side_tables.fill(feature, indexes, values)
        gdal.ErrorReset()
        if layer.SetFeature(feature) != 0:
            raise PlanFileError(tr("Cannot write “{name}” to {table}: {error}").format(
                name=feature.GetField("name"), table=schema.SITES.table, error=gdal.GetLastErrorMsg()))
