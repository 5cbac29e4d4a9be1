"""The plan GeoPackage at the database level: tables, constraints, triggers and the metadata table.

Tables are created through GDAL so NOT NULL and UNIQUE are real column constraints (QGIS-side constraints are only
enforced by forms). The rules SQL can check on its own are database triggers, so a site that would corrupt the
plan is refused whichever program writes it (QGIS, QField, a script); the plugin's validator names the site and
the rule before that point. Metadata and triggers go through Python's sqlite3, which needs none of GDAL's SQL
functions for them.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import sqlite3
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from osgeo import gdal, ogr, osr

from ...plan import vocabulary
from ...plan.suitability import SOURCE_DEFAULT, default_rows
from ..rules import site_rules
from ..support import compat
from ..support.errors import PlanFileError
from ..support.i18n import tr

# re-exported: code of the store quotes through gpkg
from ..support.sql import sql_identifier as sql_identifier
from ..support.sql import sql_literal as sql_literal
from . import lookups, schema

_OGR_TYPES = {
    "text": (ogr.OFTString, ogr.OFSTNone),
    "int": (ogr.OFTInteger, ogr.OFSTNone),
    "real": (ogr.OFTReal, ogr.OFSTNone),
    "bool": (ogr.OFTInteger, ogr.OFSTBoolean),
    "datetime": (ogr.OFTDateTime, ogr.OFSTNone),
}


@contextlib.contextmanager
def connect(path: str, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection to ``path`` that is always closed; writes commit on success, roll back on error."""
    if readonly:
        uri = "file:" + _uri_path(path) + "?mode=ro"
        con = sqlite3.connect(uri, uri=True, timeout=2)
    else:
        con = sqlite3.connect(path, timeout=2)
    try:
        yield con
        if not readonly:
            con.commit()
    except Exception:
        if not readonly:
            con.rollback()
        raise
    finally:
        con.close()


def _uri_path(path: str) -> str:
    from urllib.parse import quote

    return quote(os.path.abspath(path))


def checkpoint(path: str) -> None:
    """Fold the write-ahead log into the file itself.

    QGIS opens GeoPackages it edits in WAL mode and keeps pooled connections, so recent writes may still sit in
    ``-wal`` beside the file; after this, copying or mailing the .gpkg alone carries all of them.
    """
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:  # back to a plain journal when nobody else has the file open, so read-only readers cope
            con.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError:  # still open in QGIS: it leaves WAL itself when it closes the file
            pass


def copy_database(source: str, target: str) -> None:
    """A consistent copy of a live GeoPackage, WAL content included, through SQLite's backup API.

    Never a byte copy: QGIS keeps pooled connections to files it has read and may write to them at any moment
    (GDAL refreshes table extents when it closes one), so a byte copy can catch a file half-written.
    """
    with contextlib.closing(sqlite3.connect(source, timeout=5)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        # the copy leaves WAL mode (which the page header carries over): a read-only program opening a WAL file
        # without its -shm fails with "unable to open database file"
        dst.execute("PRAGMA journal_mode=DELETE")


def is_locked(path: str) -> bool:
    """True when another program holds a lock on the SQLite file ``path``."""
    if not os.path.exists(path):
        return False
    try:
        con = sqlite3.connect(path, timeout=0)
        try:
            con.execute("BEGIN EXCLUSIVE")
            con.rollback()
        finally:
            con.close()
    except sqlite3.OperationalError as err:
        return "locked" in str(err) or "busy" in str(err)
    return False


def create_schema(path: str) -> None:
    """Create an empty plan GeoPackage at ``path`` (which must not exist) with the current schema."""
    with compat.gdal_error_codes():
        dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        if dataset is None:
            raise PlanFileError(tr("Cannot create the GeoPackage {path}: {error}").format(
                path=path, error=gdal.GetLastErrorMsg()))
        try:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(int(schema.STORAGE_CRS.split(":")[1]))
            for spec in schema.ALL_TABLES:
                _create_table(dataset, spec, srs)
        finally:
            dataset = None  # closes the file
    with connect(path) as con:
        create_support_tables(con)
        seed_suitability(con)
        lookups.seed_modes(con)
        create_triggers(con)
        write_meta(con, {
            "schema_version": str(schema.SCHEMA_VERSION),
            "created_at": datetime.datetime.now().isoformat(timespec="seconds"),
            "plan_title": vocabulary.PLAN_TITLE_ZH,
            "admin_code": vocabulary.DISTRICT_ADMIN_CODE,
            "storage_crs": schema.STORAGE_CRS,
            "boundary_tolerance_m": repr(schema.DEFAULT_BOUNDARY_TOLERANCE_M),
            "max_overlap_m2": repr(schema.DEFAULT_MAX_OVERLAP_M2),
            "min_area_ha": repr(schema.DEFAULT_MIN_AREA_HA),
        })


def _create_table(dataset, spec: schema.LayerSpec, srs) -> None:
    geometry = ogr.wkbMultiPolygon if spec.geometry == "MultiPolygon" else ogr.wkbNone
    options = ["FID=fid", "GEOMETRY_NAME=geom", f"IDENTIFIER={spec.title_zh}", f"DESCRIPTION={spec.title_en}"]
    layer = dataset.CreateLayer(spec.table, srs if spec.geometry else None, geometry, options)
    if layer is None:
        raise PlanFileError(tr("Cannot create the table {table}: {error}").format(
            table=spec.table, error=gdal.GetLastErrorMsg()))
    for field_spec in spec.fields:
        layer.CreateField(ogr_field(field_spec))


def ogr_field(field_spec: schema.FieldSpec) -> ogr.FieldDefn:
    ogr_type, subtype = _OGR_TYPES[field_spec.kind]
    definition = ogr.FieldDefn(field_spec.name, ogr_type)
    definition.SetSubType(subtype)
    definition.SetNullable(not field_spec.not_null)
    definition.SetUnique(field_spec.unique)
    if field_spec.default_sql is not None:
        definition.SetDefault(field_spec.default_sql)
    if hasattr(definition, "SetAlternativeName"):  # GDAL >= 3.2: the alias travels with the file
        definition.SetAlternativeName(field_spec.alias_zh)
    return definition


def create_support_tables(con: sqlite3.Connection) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {schema.META_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT)")
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {schema.SEQUENCE_TABLE} "
        "(prefix TEXT PRIMARY KEY NOT NULL, last_serial INTEGER NOT NULL DEFAULT 0)"
    )


def write_meta(con: sqlite3.Connection, values: Dict[str, str]) -> None:
    con.executemany(
        f"INSERT INTO {schema.META_TABLE} (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        sorted(values.items()),
    )


def read_meta(path: str) -> schema.PlanInfo:
    """The plan's metadata. Raises PlanFileError for a file that is not a plan GeoPackage."""
    if not os.path.isfile(path):
        raise PlanFileError(tr("The plan file {path} does not exist.").format(path=path))
    try:
        with connect(path, readonly=True) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "gpkg_contents" not in tables:
                raise PlanFileError(tr("{path} is not a GeoPackage.").format(path=path))
            if schema.META_TABLE not in tables:
                raise PlanFileError(tr("{path} is a GeoPackage but not a Pingcheng plan (no {table} table).")
                                    .format(path=path, table=schema.META_TABLE))
            values = dict(con.execute(f"SELECT key, value FROM {schema.META_TABLE}").fetchall())
    except sqlite3.DatabaseError as err:
        raise PlanFileError(tr("Cannot read {path}: {error}").format(path=path, error=err)) from err
    try:
        version = int(values.get("schema_version", "0"))
    except ValueError:
        version = 0
    return schema.PlanInfo(version, values)


def table_columns(con: sqlite3.Connection, table: str) -> List[str]:
    return [row[1] for row in con.execute(f"PRAGMA table_info({sql_identifier(table)})")]


# --- triggers ------------------------------------------------------------------------------------------------

def _trigger_limits() -> site_rules.Limits:
    """The thresholds as a trigger reads them: from the plan's metadata at every write (Validation settings change
    them without touching the triggers), the plugin's defaults where a plan has none."""
    def meta(key: str, default: float) -> str:
        return (f"COALESCE((SELECT CAST(value AS REAL) FROM {schema.META_TABLE} WHERE key = '{key}'), "
                f"{default!r})")

    return site_rules.Limits(meta("min_area_ha", schema.DEFAULT_MIN_AREA_HA),
                             meta("boundary_tolerance_m", schema.DEFAULT_BOUNDARY_TOLERANCE_M),
                             sites_table=schema.SITES.table, boundary_table=schema.BOUNDARY.table)


def _trigger_rules(geometry: bool) -> List[site_rules.SiteRule]:
    """The rules a trigger enforces: on attribute columns, or (``geometry``) on the geometry column."""
    return [rule for rule in site_rules.SITE_RULES if rule.sql is not None
            and (("geom" in rule.sql_columns) if geometry else any(c != "geom" for c in rule.sql_columns))]


def _rule_checks(geometry: bool) -> str:
    """One RAISE per rule: the condition on NEW that breaks it and the rule's message in both languages (SQL
    literals of the table's own text, never user text)."""
    limits = _trigger_limits()
    return "\n".join(f"  SELECT RAISE(ABORT, {sql_literal(rule.message.both())}) WHERE {rule.sql(limits)};"
                     for rule in _trigger_rules(geometry))


def _rule_columns() -> str:
    columns = dict.fromkeys(c for rule in _trigger_rules(False) for c in rule.sql_columns if c != "geom")
    return ", ".join(columns)


#: Project codes the sequence counts: 140213-KSXF-0001 (prefix, type, serial).
_CODE_GLOB = f"{schema.PROJECT_CODE_PREFIX}-[A-Z][A-Z][A-Z][A-Z]-[0-9]*"


def trigger_sql() -> List[str]:
    """The CREATE TRIGGER statements of the current schema (rules and project-code generation)."""
    sites = schema.SITES.table
    checks, extent = _rule_checks(geometry=False), _rule_checks(geometry=True)
    seq = schema.SEQUENCE_TABLE
    # a site without a type still gets a code; XXXX keeps every prefix 11 characters long
    prefix = f"'{schema.PROJECT_CODE_PREFIX}-' || COALESCE(NEW.project_type, 'XXXX')"
    code_glob = sql_literal(_CODE_GLOB)
    seen_prefix = "substr(NEW.project_code, 1, 11)"
    seen = (f"  INSERT OR IGNORE INTO {seq} (prefix, last_serial) VALUES ({seen_prefix}, 0);\n"
            f"  UPDATE {seq} SET last_serial = MAX(last_serial, CAST(substr(NEW.project_code, 13) AS INTEGER))\n"
            f"    WHERE prefix = {seen_prefix};")
    return [
        f"CREATE TRIGGER IF NOT EXISTS {sites}_rules_insert BEFORE INSERT ON {sites}\nBEGIN\n{checks}\nEND",
        f"CREATE TRIGGER IF NOT EXISTS {sites}_rules_update BEFORE UPDATE OF {_rule_columns()} "
        f"ON {sites}\nBEGIN\n{checks}\nEND",
        f"CREATE TRIGGER IF NOT EXISTS {sites}_extent_insert BEFORE INSERT ON {sites}\nBEGIN\n{extent}\nEND",
        f"CREATE TRIGGER IF NOT EXISTS {sites}_extent_update BEFORE UPDATE OF geom ON {sites}\n"
        f"BEGIN\n{extent}\nEND",
        # Project codes: 140213-<type>-<serial>. The serial counter lives in its own table and only grows, so a
        # code is never reused after a delete. Codes that arrive typed in or imported move the counter past
        # themselves (second and third trigger), so a generated code never collides with them. Every step is
        # a keyed lookup: inserting 100,000 sites stays linear.
        f"""CREATE TRIGGER IF NOT EXISTS {sites}_code_insert AFTER INSERT ON {sites}
WHEN NEW.project_code IS NULL OR trim(NEW.project_code) = ''
BEGIN
  INSERT OR IGNORE INTO {seq} (prefix, last_serial) VALUES ({prefix}, 0);
  UPDATE {seq} SET last_serial = last_serial + 1 WHERE prefix = {prefix};
  UPDATE {sites} SET project_code = (
      SELECT prefix || '-' || printf('%04d', last_serial) FROM {seq} WHERE prefix = {prefix})
    WHERE fid = NEW.fid;
END""",
        f"""CREATE TRIGGER IF NOT EXISTS {sites}_code_seen_insert AFTER INSERT ON {sites}
WHEN NEW.project_code GLOB {code_glob}
BEGIN
{seen}
END""",
        f"""CREATE TRIGGER IF NOT EXISTS {sites}_code_seen_update AFTER UPDATE OF project_code ON {sites}
WHEN NEW.project_code GLOB {code_glob}
BEGIN
{seen}
END""",
    ]


_TRIGGER_NAME = re.compile(r"CREATE TRIGGER IF NOT EXISTS (\w+)")


def named_triggers() -> List[Tuple[str, str]]:
    """(name, CREATE statement) of every trigger the current schema installs."""
    return [(_TRIGGER_NAME.match(statement).group(1), statement) for statement in trigger_sql()]


def seed_suitability(con: sqlite3.Connection) -> None:
    """The plugin's default type-to-area suitability rows, into an empty suitability table (never over a plan's
    own edits)."""
    if con.execute(f"SELECT 1 FROM {schema.SUITABILITY_TABLE} LIMIT 1").fetchone():
        return
    columns = {r[1] for r in con.execute(f"PRAGMA table_info({schema.SUITABILITY_TABLE})")}
    if "source" in columns:  # schema 5 on; an older file being migrated gets its sources in the step to 5
        con.executemany(f"INSERT INTO {schema.SUITABILITY_TABLE} (type_code, area_kind, area_code, source) "
                        "VALUES (?, ?, ?, ?)", [(*row, SOURCE_DEFAULT[0]) for row in default_rows()])
    else:
        con.executemany(f"INSERT INTO {schema.SUITABILITY_TABLE} (type_code, area_kind, area_code) "
                        "VALUES (?, ?, ?)", default_rows())


def create_triggers(con: sqlite3.Connection) -> None:
    """(Re)install the current schema's rule and code triggers, replacing any older versions of them."""
    triggers = named_triggers()
    drop_triggers(con, [name for name, _ in triggers])
    for _, statement in triggers:
        con.execute(statement)
    # the duplicate-name rule looks names up by their key: an index on exactly that expression keeps it a keyed
    # lookup (schema 2 indexed lower(trim(name)), which the key no longer is)
    con.execute(f"DROP INDEX IF EXISTS {schema.SITES.table}_name_key")
    con.execute(f"CREATE INDEX {schema.SITES.table}_name_key ON {schema.SITES.table} "
                f"({site_rules.name_key_sql('name')})")


def seed_sequence(con: sqlite3.Connection) -> None:
    """Move every serial counter past the codes already in the table (files written before the triggers)."""
    con.execute(
        f"INSERT INTO {schema.SEQUENCE_TABLE} (prefix, last_serial) "
        f"SELECT substr(project_code, 1, 11), MAX(CAST(substr(project_code, 13) AS INTEGER)) "
        f"FROM {schema.SITES.table} WHERE project_code GLOB ? GROUP BY 1 "
        f"ON CONFLICT(prefix) DO UPDATE SET last_serial = MAX(last_serial, excluded.last_serial)", (_CODE_GLOB,))


def drop_rule_triggers(con: sqlite3.Connection) -> None:
    """Remove the plugin's triggers (for bulk repairs of legacy data; create_triggers puts them back)."""
    drop_triggers(con, [name for name, _ in named_triggers()])


def drop_triggers(con: sqlite3.Connection, names: Sequence[str]) -> None:
    for name in names:
        con.execute(f"DROP TRIGGER IF EXISTS {sql_identifier(name)}")


def layer_uri(path: str, table: str) -> str:
    return f"{path}|layername={table}"


def plan_tables(path: str) -> Dict[str, Optional[str]]:
    """Tables listed in gpkg_contents with their data type ('features' or 'attributes')."""
    with connect(path, readonly=True) as con:
        return dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
