"""Upgrading plan GeoPackages written by earlier versions of the plugin.

Each step takes a file from version N to N+1 at the database level. :func:`migrate` copies the original to a
dated backup beside it, runs the steps on a working copy, rebuilds styles and the stored project, and only then
moves the working copy into place: a failure leaves the original file exactly as it was.

Schema history:
  1  first layout (design sketch): plan layers and sites; no planar area, no zone shares, no database rules,
     no suitability table.
  2  adds project_sites.zone_shares and area_proj_ha, the suitability and sequence tables, the rule and
     project-code triggers.
  3  no table change: triggers, name-key index and form constraints generated from the rule table.
  4  adds what a 规划附表 carries and bureaus record (issue 17): 建设地点 (location_town, location_village),
     修复模式 (restoration_modes, codes of the new restoration_modes table), 主要生态问题 (eco_problems),
     责任单位 (responsible_unit), 上级规划项目 (parent_project) and the funding split (fund_central …
     fund_social); existing sites keep every value and get the new fields empty.
  5  suitability.source says whose each row is (rows equal to a default row: the plugin's default, others: as
     changed in the plan file); project_sites.redline_justification replaces the side table site_control_notes
     of the control-layer import (its notes are copied by project code, then the table is dropped).
"""

from __future__ import annotations

import datetime
import os
import sqlite3
from typing import Callable, Dict, List, Optional

from osgeo import gdal, ogr

from ...plan import suitability
from ..rules import site_rules
from ..support import compat
from ..support.errors import PlanFileError
from ..support.i18n import tr
from . import gdal_transaction, gpkg, lookups, plan_data, plan_project, schema


def _v1_to_v2(path: str) -> None:
    """Tables and columns only: the rule triggers come after the data is recomputed (see migrate)."""
    with compat.gdal_error_codes():
        _v1_to_v2_tables(path)
    with gpkg.connect(path) as con:
        gpkg.create_support_tables(con)
        gpkg.seed_suitability(con)


def _v1_to_v2_tables(path: str) -> None:
    dataset = ogr.Open(path, 1)
    if dataset is None:
        raise PlanFileError(tr("Cannot open {path} for writing.").format(path=path))
    try:
        sites = dataset.GetLayerByName(schema.SITES.table)
        existing = {sites.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(sites.GetLayerDefn().GetFieldCount())}
        for name in ("zone_shares", "area_proj_ha"):
            if name not in existing:
                sites.CreateField(gpkg.ogr_field(schema.SITES.field(name)))
        if dataset.GetLayerByName(schema.SUITABILITY.table) is None:
            table = dataset.CreateLayer(schema.SUITABILITY.table, None, ogr.wkbNone, ["FID=fid"])
            for field_spec in schema.SUITABILITY.fields:
                table.CreateField(gpkg.ogr_field(field_spec))
    finally:
        dataset = None


def _v2_to_v3(path: str) -> None:
    """Schema 3 changes no table: its triggers, the name-key index and the form constraints come from the one rule
    table (core/rules/site_rules.py). :func:`migrate` reinstalls the triggers and rewrites the stored project and
    styles after every step, which is all this version needs."""


def _v3_to_v4(path: str) -> None:
    """New site columns and the restoration-mode table. GDAL adds columns one ALTER at a time, so the whole step
    runs in one GDAL transaction: a failure midway leaves no half-added set (and :func:`migrate` restores the
    backup in any case)."""
    with compat.gdal_error_codes():
        _v3_to_v4_tables(path)
    with gpkg.connect(path) as con:
        lookups.seed_modes(con)


_V4_SITE_FIELDS = ("fund_central", "fund_provincial", "fund_city", "fund_district", "fund_social",
                   "responsible_unit", "location_town", "location_village", "restoration_modes", "eco_problems",
                   "parent_project")  # fixed history: what schema 4 added, whatever later schemas add


def _v3_to_v4_tables(path: str) -> None:
    with gdal_transaction.writing(path) as dataset:
        sites = dataset.GetLayerByName(schema.SITES.table)
        definition = sites.GetLayerDefn()
        existing = {definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())}
        for name in _V4_SITE_FIELDS:
            if name not in existing and sites.CreateField(gpkg.ogr_field(schema.SITES.field(name))) != 0:
                raise PlanFileError(tr("Cannot add the field {field} to {table}.").format(
                    field=name, table=schema.SITES.table))
        if dataset.GetLayerByName(schema.MODES.table) is None:
            table = dataset.CreateLayer(schema.MODES.table, None, ogr.wkbNone,
                                        ["FID=fid", f"IDENTIFIER={schema.MODES.title_zh}"])
            for field_spec in schema.MODES.fields:
                table.CreateField(gpkg.ogr_field(field_spec))


_V5_NOTES_TABLE = "site_control_notes"  # fixed history: where schema 4 kept the red-line justifications


def _v4_to_v5(path: str) -> None:
    """The suitability rows' source and the site's red-line justification. The columns come in one GDAL
    transaction with the notes copied in (GDAL: the GeoPackage's R-tree triggers call its SQL functions); the
    sources and the old notes table (read here and nowhere else) go in one SQLite transaction."""
    with gpkg.connect(path) as con:
        # the old rule triggers check every updated site: a site that breaks today's rules must still upgrade
        # (migrate installs the current ones afterwards)
        gpkg.drop_rule_triggers(con)
        notes = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (_V5_NOTES_TABLE,)).fetchone() is not None
    with compat.gdal_error_codes():
        _v4_to_v5_tables(path, notes)
    with gpkg.connect(path) as con:
        # a row equal to a default row is the plugin's; anything else a bureau added or changed
        con.execute(f"UPDATE {schema.SUITABILITY_TABLE} SET source = ?", (suitability.SOURCE_EDITED[0],))
        con.executemany(f"UPDATE {schema.SUITABILITY_TABLE} SET source = ? WHERE type_code = ? AND area_kind = ? "
                        f"AND area_code = ?", [(suitability.SOURCE_DEFAULT[0], *r) for r in suitability.default_rows()])
        if notes:
            _drop_attribute_table(con, _V5_NOTES_TABLE)


def _drop_attribute_table(con: sqlite3.Connection, table: str) -> None:
    """Drop a GeoPackage attribute table with its rows in the GeoPackage's and GDAL's metadata tables and its
    stored styles (its own triggers go with it)."""
    con.execute(f"DROP TABLE {gpkg.sql_identifier(table)}")
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for meta, column in (("gpkg_contents", "table_name"), ("gpkg_ogr_contents", "table_name"),
                         ("gpkg_extensions", "table_name"), ("gpkg_data_columns", "table_name"),
                         ("layer_styles", "f_table_name")):
        if meta in present:
            con.execute(f"DELETE FROM {meta} WHERE {column} = ?", (table,))


def _v4_to_v5_tables(path: str, notes: bool) -> None:
    with gdal_transaction.writing(path) as dataset:
        for spec, name in ((schema.SUITABILITY, "source"), (schema.SITES, "redline_justification")):
            layer = dataset.GetLayerByName(spec.table)
            if layer.GetLayerDefn().GetFieldIndex(name) < 0 and layer.CreateField(
                    gpkg.ogr_field(spec.field(name))) != 0:
                raise PlanFileError(tr("Cannot add the field {field} to {table}.").format(
                    field=name, table=spec.table))
        if notes:
            gdal.ErrorReset()
            dataset.ExecuteSQL(f"UPDATE {schema.SITES.table} SET redline_justification = (SELECT "
                               f"n.redline_justification FROM {_V5_NOTES_TABLE} n WHERE n.project_code = "
                               f"{schema.SITES.table}.project_code) WHERE project_code IN (SELECT project_code "
                               f"FROM {_V5_NOTES_TABLE} WHERE trim(coalesce(redline_justification, '')) != '')")
            if gdal.GetLastErrorType() >= gdal.CE_Failure:
                raise PlanFileError(tr("Cannot add the field {field} to {table}.").format(
                    field="redline_justification", table=schema.SITES.table))


#: version -> the step that upgrades a file from that version to the next
STEPS: Dict[int, Callable[[str], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def name_collisions(path: str) -> List[List[str]]:
    """Groups of sites whose names are the same under the duplicate-name rule (spacing and ASCII case ignored)
    though written differently: an upgrade from schema 2, which compared names more loosely, can leave such pairs,
    and the database refuses to save either until one is renamed, so the user is told which."""
    key = site_rules.name_key_sql("name")
    with gpkg.connect(path, readonly=True) as con:
        rows = con.execute(f"SELECT {key}, name FROM {schema.SITES.table} WHERE name IS NOT NULL "
                           f"AND {key} IN (SELECT {key} FROM {schema.SITES.table} GROUP BY 1 "
                           f"HAVING count(*) > 1) ORDER BY 1, name").fetchall()
    groups: Dict[str, List[str]] = {}
    for group, name in rows:
        groups.setdefault(group, []).append(name)
    return [names for names in groups.values() if len(set(names)) > 1]


def backup_path(path: str, version: int) -> str:
    stem, ext = os.path.splitext(path)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{stem}.schema{version}-backup-{stamp}{ext or '.gpkg'}"


def needs_migration(path: str) -> bool:
    info = gpkg.read_meta(path)
    check_supported(path, info.schema_version, info.values.get("schema_version"))
    return info.schema_version < schema.SCHEMA_VERSION


def require_current(path: str) -> None:
    """Refuse a plan of an older schema where nothing may upgrade it (imports, headless jobs): opening it in QGIS
    with the plugin does, with a backup."""
    if needs_migration(path):
        raise PlanFileError(tr("{path} uses an older schema; open it once in QGIS with the plugin to upgrade it.")
                            .format(path=path))


def check_supported(path: str, version: int, text: Optional[str] = None) -> None:
    """Refuse a schema version this plugin cannot read or upgrade; ``text`` is the version as the file states it
    (reported as written: "2.1-beta" is not version 0)."""
    if text is not None and text.strip() != str(version):
        raise PlanFileError(tr("{path} has an unknown schema version “{found}”; this version of the plugin reads "
                               "versions 1 to {supported}.").format(
            path=path, found=text, supported=schema.SCHEMA_VERSION))
    if version > schema.SCHEMA_VERSION:
        raise PlanFileError(tr("{path} was written by a newer version of the plugin (schema {found}; this version "
                               "reads up to {supported}). Update the plugin to open it.").format(
            path=path, found=version, supported=schema.SCHEMA_VERSION))
    if version < 1 or (version < schema.SCHEMA_VERSION and version not in STEPS):
        raise PlanFileError(tr("{path} has an unknown schema version {found}.").format(path=path, found=version))


def migrate(path: str) -> str:
    """Upgrade ``path`` to the current schema in place. Returns the backup's path.

    The backup is copied first; on any failure the original bytes are put back under the same name (as a new
    file, so connections QGIS still pools to the half-migrated one cannot write into it).
    """
    info = gpkg.read_meta(path)
    check_supported(path, info.schema_version, info.values.get("schema_version"))
    if info.schema_version == schema.SCHEMA_VERSION:
        return ""
    if gpkg.is_locked(path):
        raise PlanFileError(tr("{path} is in use by another program; close it there and try again.").format(path=path))
    backup = backup_path(path, info.schema_version)
    try:
        gpkg.copy_database(path, backup)  # SQLite's backup: includes what may still sit in a -wal file
    except (OSError, sqlite3.Error) as err:
        _remove(backup)
        raise PlanFileError(tr("Cannot make a backup of {path} before migrating it: {error}").format(
            path=path, error=err)) from err
    try:
        version = info.schema_version
        while version < schema.SCHEMA_VERSION:
            STEPS[version](path)
            version += 1
            with gpkg.connect(path) as con:
                gpkg.write_meta(con, {"schema_version": str(version)})
        # Old data is recomputed before the current rules are installed: a site that breaks a rule today must
        # not make the upgrade impossible; validation reports it afterwards.
        with gpkg.connect(path) as con:
            gpkg.drop_rule_triggers(con)
        plan_data.recompute_sites(path)
        plan_data.recompute_plan_areas(path)
        with gpkg.connect(path) as con:
            gpkg.create_triggers(con)
            gpkg.seed_sequence(con)
        plan_project.write_plan_project(path)
        with gpkg.connect(path) as con:
            gpkg.write_meta(con, {"migrated_at": datetime.datetime.now().isoformat(timespec="seconds"),
                                  "migrated_from": str(info.schema_version)})
        gpkg.checkpoint(path)
    except BaseException as err:  # whatever went wrong, the original file comes back
        _restore(backup, path)
        if not isinstance(err, Exception):
            raise
        detail = err.message if isinstance(err, PlanFileError) else err
        raise PlanFileError(tr("Migrating {path} failed; the file is unchanged: {error}").format(
            path=path, error=detail)) from err
    return backup


def _restore(backup: str, path: str) -> None:
    restoring = f"{path}.restoring"
    gpkg.copy_database(backup, restoring)
    os.replace(restoring, path)
    for suffix in ("-wal", "-shm", "-journal"):
        _remove(path + suffix)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
