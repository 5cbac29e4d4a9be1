"""Reading and writing the control tables of :mod:`.control_schema` in a plan GeoPackage.

A control import writes everything in one GDAL transaction (:func:`write_import`): the tables on the first import,
the kind's polygons (replacing the previous import of that kind), its register row and every site's results for
that kind. A failure anywhere rolls all of it back, so the plan is untouched until the import commits.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

from osgeo import gdal, ogr
from qgis.core import QgsGeometry

from ..support import compat
from ..support.errors import PlanFileError
from ..support.gdalutil import FieldIndexes, qgis_to_ogr, quiet_gdal, set_field
from ..support.i18n import tr
from . import control_schema, gdal_transaction, gpkg, schema, side_tables

Row = Mapping[str, object]


@dataclass
class ResultRows:
    """Rows of site_controls or site_land_classes: the column names once and a tuple per row (100,000 sites have
    half a million land-class rows; a dict each would cost more than writing them)."""

    columns: Tuple[str, ...]
    values: List[Tuple] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.values)

    def dicts(self) -> Iterator[Dict[str, object]]:
        return (dict(zip(self.columns, row)) for row in self.values)

    def site_fids(self) -> Set[int]:
        position = self.columns.index("site_fid")
        return {row[position] for row in self.values}

    def extend(self, other: ResultRows) -> None:
        if other.columns != self.columns:
            raise ValueError(f"columns {other.columns} are not {self.columns}")
        self.values.extend(other.values)


def meta_values(path: str) -> Dict[str, str]:
    """The plan's metadata (where the control-rule settings are kept)."""
    return gpkg.read_meta(path).values


def write_config(path: str, config) -> None:
    """Store the control-rule settings (a :class:`..rules.control_settings.ControlConfig`) in the plan."""
    with gpkg.connect(path) as con:
        gpkg.write_meta(con, config.check().as_meta())


def context_rows(con) -> Tuple:
    """What the control rules depend on, for :func:`.plan_data.context_version`: each import (the red-line
    justification is a site field the rule reads from the site itself)."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    rows: List[object] = []
    if control_schema.CONTROL_REGISTER.table in tables:
        rows += con.execute(f"SELECT kind, imported_at, features, source_file FROM "
                            f"{control_schema.CONTROL_REGISTER.table} ORDER BY kind")
    return tuple(rows)


def existing_tables(path: str) -> List[str]:
    with gpkg.connect(path, readonly=True) as con:
        return [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")]


def imported_kinds(path: str) -> List[str]:
    """The control kinds the plan has, in :data:`control_schema.KINDS` order."""
    if control_schema.CONTROL_REGISTER.table not in existing_tables(path):
        return []
    with gpkg.connect(path, readonly=True) as con:
        kinds = {r[0] for r in con.execute(f"SELECT kind FROM {control_schema.CONTROL_REGISTER.table}")}
    return [k for k in control_schema.KINDS if k in kinds]


def register(path: str) -> Dict[str, Dict[str, object]]:
    """{kind: its register row} of every imported control layer."""
    if control_schema.CONTROL_REGISTER.table not in existing_tables(path):
        return {}
    with gpkg.connect(path, readonly=True) as con:
        cursor = con.execute(f"SELECT * FROM {control_schema.CONTROL_REGISTER.table}")
        names = [d[0] for d in cursor.description]
        return {row[names.index("kind")]: dict(zip(names, row)) for row in cursor.fetchall()}


def control_columns(path: str, kind: str, columns: Sequence[str],
                    box: Optional[Tuple[float, float, float, float]] = None,
                    near_sites: Optional[Sequence[int]] = None) -> List[Tuple]:
    """(WKB, then the values of ``columns``) of the kind's polygons, all or those whose envelope meets ``box`` or
    the envelope of one of the saved sites ``near_sites`` (fids): both R-trees joined, so a DLTB parcel far from
    every site is never read. Plain tuples with the WKB cut out of its blob by SQLite: a DLTB has 10⁵–10⁶ rows."""
    spec = control_schema.LAYERS[kind]
    if spec.table not in existing_tables(path):
        return []
    from .site_reader import wkb_sql  # the blob format of the sites is every layer's

    known = set(spec.field_names())
    selected = ", ".join(gpkg.sql_identifier(c) if c in known else "NULL" for c in columns)
    query = f"SELECT {wkb_sql('t.geom')} AS wkb, {selected} FROM {gpkg.sql_identifier(spec.table)} t"
    arguments: Sequence[object] = ()
    rtree = gpkg.sql_identifier(f"rtree_{spec.table}_geom")
    if box is not None:
        query += (f" JOIN {rtree} r ON r.id = t.fid WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? "
                  f"AND r.maxy >= ?")
        arguments = (box[2], box[0], box[3], box[1])
    elif near_sites is not None:
        import json

        sites = gpkg.sql_identifier(f"rtree_{schema.SITES.table}_geom")
        query += (f" WHERE t.fid IN (SELECT r.id FROM {sites} s, {rtree} r WHERE s.id IN (SELECT value FROM "
                  f"json_each(?)) AND r.minx <= s.maxx AND r.maxx >= s.minx AND r.miny <= s.maxy AND r.maxy >= s.miny)")
        arguments = (json.dumps([int(f) for f in near_sites]),)
    with gpkg.connect(path, readonly=True) as con:
        return con.execute(f"SELECT * FROM ({query}) WHERE wkb IS NOT NULL", arguments).fetchall()


def copy_for_sites(plan: str, target: str, fids: Sequence[int], window: Tuple[float, float, float, float]) -> None:
    """Copy the plan's control tables into the GeoPackage ``target`` (a review package): the register whole, the
    control polygons that meet ``window`` (xmin, ymin, xmax, ymax: the packed sites grown by a margin, so a DLTB
    of a whole district is not carried to the field) and the results of the sites ``fids``. Nothing for a plan
    without control layers."""
    present = existing_tables(plan)
    if control_schema.CONTROL_REGISTER.table not in present:
        return
    listed = ", ".join(str(int(fid)) for fid in fids) or "NULL"  # integers only: nothing typed by a user
    with compat.gdal_error_codes():
        source, package = ogr.Open(plan, 0), ogr.Open(target, 1)
        if source is None or package is None:
            raise PlanFileError(tr("Cannot copy {table} into {path}: {error}").format(
                table=control_schema.CONTROL_REGISTER.table, path=target, error=gdal.GetLastErrorMsg()))
        try:
            for spec in control_schema.PLAN_TABLES:
                if spec.table not in present:
                    continue
                layer = source.GetLayerByName(spec.table)
                if spec in (control_schema.SITE_CONTROLS, control_schema.SITE_LAND_CLASSES):
                    layer.SetAttributeFilter(f"site_fid IN ({listed})")
                elif spec is not control_schema.CONTROL_REGISTER:
                    layer.SetSpatialFilterRect(*window)
                copied = package.CopyLayer(layer, spec.table, side_tables.LAYER_OPTIONS)
                layer.SetAttributeFilter(None)
                layer.SetSpatialFilter(None)
                if copied is None:
                    raise PlanFileError(tr("Cannot copy {table} into {path}: {error}").format(
                        table=spec.table, path=target, error=gdal.GetLastErrorMsg()))
        finally:
            source = package = None


def site_results(path: str) -> Dict[int, Dict[str, Dict[str, object]]]:
    """{site fid: {kind: its site_controls row}} of every site in a control layer."""
    if control_schema.SITE_CONTROLS.table not in existing_tables(path):
        return {}
    found: Dict[int, Dict[str, Dict[str, object]]] = {}
    with gpkg.connect(path, readonly=True) as con:
        cursor = con.execute(f"SELECT * FROM {control_schema.SITE_CONTROLS.table}")
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            values = dict(zip(names, row))
            found.setdefault(values["site_fid"], {})[values["kind"]] = values
    return found


def site_land_classes(path: str) -> Dict[int, List[Dict[str, object]]]:
    """{site fid: its land-class rows, largest first}."""
    if control_schema.SITE_LAND_CLASSES.table not in existing_tables(path):
        return {}
    found: Dict[int, List[Dict[str, object]]] = {}
    with gpkg.connect(path, readonly=True) as con:
        cursor = con.execute(f"SELECT * FROM {control_schema.SITE_LAND_CLASSES.table} ORDER BY site_fid, "
                             f"area_ha DESC")
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            values = dict(zip(names, row))
            found.setdefault(values["site_fid"], []).append(values)
    return found


def dominant_land_classes(path: str) -> Optional[Dict[str, Tuple[str, str]]]:
    """{project code: (DLBM, DLMC) of its dominant land class}; None when the plan has no land-class results (no
    land survey imported), so a caller can tell "no land survey" from "this site lies outside it"."""
    if control_schema.SITE_LAND_CLASSES.table not in existing_tables(path) or "landuse" not in imported_kinds(path):
        return None
    with gpkg.connect(path, readonly=True) as con:
        rows = con.execute(f"SELECT project_code, dlbm, dlmc FROM {control_schema.SITE_LAND_CLASSES.table} "
                           f"WHERE dominant AND project_code IS NOT NULL").fetchall()
    return {code: (dlbm or "", dlmc or "") for code, dlbm, dlmc in rows}


def set_justification(path: str, project_code: str, text: Optional[str]) -> None:
    """Store (or clear, with None) a site's justification for the 生态保护红线 in its site field (a script's way;
    users type it in the site form's 管控与地类 tab)."""
    # through GDAL: the GeoPackage's R-tree triggers on the site table call its SQL functions
    with compat.gdal_error_codes():
        dataset = ogr.Open(path, 1)
        if dataset is None:
            raise PlanFileError(tr("Cannot open {path} for writing.").format(path=path))
        try:
            _execute(dataset, f"UPDATE {schema.SITES.table} SET redline_justification = "
                              f"{gpkg.sql_literal(text) if text else 'NULL'} "
                              f"WHERE project_code = {gpkg.sql_literal(project_code)}")
        finally:
            dataset = None


def write_import(path: str, kind: str, features: Iterable[Tuple[Row, QgsGeometry]], register_row: Row,
                 kind_rows: ResultRows, land_rows: Optional[ResultRows]) -> None:
    """One control import, all of it or nothing: the kind's polygons replace the previous ones, its register row
    and every site's results for the kind (``land_rows`` too for the land survey) replace the old ones."""
    spec = control_schema.LAYERS[kind]
    with _transaction(path) as dataset:
        _execute(dataset, f"DELETE FROM {spec.table}")
        layer = dataset.GetLayerByName(spec.table)
        indexes = FieldIndexes(layer.GetLayerDefn())
        for values, geometry in features:
            feature = ogr.Feature(layer.GetLayerDefn())
            for name, value in values.items():
                set_field(feature, indexes[name], value)
            feature.SetGeometry(qgis_to_ogr(geometry))
            gdal.ErrorReset()
            if layer.CreateFeature(feature) != 0:
                raise PlanFileError(tr("Cannot write to {table}: {error}").format(
                    table=spec.table, error=gdal.GetLastErrorMsg()))
        _execute(dataset, f"DELETE FROM {control_schema.CONTROL_REGISTER.table} WHERE kind = {gpkg.sql_literal(kind)}")
        side_tables.insert(dataset, control_schema.CONTROL_REGISTER, register_row)
        _replace_kind_rows(dataset, kind, kind_rows, land_rows)
    with quiet_gdal():
        dataset = ogr.Open(path, 1)
        if dataset is not None:
            dataset.ExecuteSQL(f"RECOMPUTE EXTENT ON {spec.table}")
        dataset = None
    gpkg.checkpoint(path)


def write_site_results(path: str, fids: Sequence[int], kind_rows: ResultRows,
                       land_rows: Optional[ResultRows]) -> None:
    """Replace the results of the sites ``fids`` (every kind; land classes when ``land_rows`` is given)."""
    if not fids:
        return
    # one sqlite3 transaction: at 100,000 sites GDAL's row-by-row CreateFeature took longer than the overlay, and
    # the fids go into a temporary table so that each table is scanned once, not once per chunk of fids
    tables = [(control_schema.SITE_CONTROLS.table, kind_rows)]
    if land_rows is not None:
        tables.append((control_schema.SITE_LAND_CLASSES.table, land_rows))
    try:
        with gpkg.connect(path) as con:
            con.execute("BEGIN")  # the trigger changes below are part of the transaction too
            con.execute("CREATE TEMP TABLE IF NOT EXISTS refreshed_sites (fid INTEGER PRIMARY KEY)")
            con.execute("DELETE FROM temp.refreshed_sites")
            con.executemany("INSERT OR IGNORE INTO temp.refreshed_sites VALUES (?)", [(int(f),) for f in fids])
            with _feature_counts_paused(con, [table for table, _rows in tables]):
                for table, rows in tables:
                    con.execute(f"DELETE FROM {table} WHERE site_fid IN (SELECT fid FROM temp.refreshed_sites)")
                    if rows:
                        con.executemany(f"INSERT INTO {table} ({', '.join(rows.columns)}) VALUES "
                                        f"({', '.join('?' * len(rows.columns))})", rows.values)
    except sqlite3.Error as error:
        raise PlanFileError(tr("Changes to {layer} were not saved: {errors}").format(
            layer=path, errors=error)) from error


@contextlib.contextmanager
def _feature_counts_paused(con: sqlite3.Connection, tables: Sequence[str]) -> Iterator[None]:
    """GDAL's feature-count triggers of ``tables`` dropped while many rows are written and put back after, the counts
    recomputed once (what GDAL's own GeoPackage writer does for bulk writes): each trigger otherwise updates
    gpkg_ogr_contents once per row, doubling the cost of writing 100,000 sites' results. Inside the caller's
    transaction, so a failure leaves the triggers as they were."""
    marks = ", ".join("?" * len(tables))
    triggers = con.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks}) "
                           f"AND name LIKE 'trigger_%_feature_count_%'", list(tables)).fetchall()
    for name, _sql in triggers:
        con.execute(f"DROP TRIGGER {gpkg.sql_identifier(name)}")
    yield
    if triggers:
        for table in tables:
            con.execute(f"UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM {table}) "
                        f"WHERE lower(table_name) = lower(?)", (table,))
        for _name, sql in triggers:
            con.execute(sql)


def _replace_kind_rows(dataset, kind: str, kind_rows: ResultRows, land_rows: Optional[ResultRows]) -> None:
    """Every site's results for ``kind`` (and all land classes, with ``land_rows``) replaced."""
    _execute(dataset, f"DELETE FROM {control_schema.SITE_CONTROLS.table} WHERE kind = {gpkg.sql_literal(kind)}")
    if land_rows is not None:
        _execute(dataset, f"DELETE FROM {control_schema.SITE_LAND_CLASSES.table}")
    _insert_rows(dataset, kind_rows, land_rows)


def _insert_rows(dataset, kind_rows: ResultRows, land_rows: Optional[ResultRows]) -> None:
    for row in kind_rows.dicts():
        side_tables.insert(dataset, control_schema.SITE_CONTROLS, row)
    for row in land_rows.dicts() if land_rows is not None else ():
        side_tables.insert(dataset, control_schema.SITE_LAND_CLASSES, row)


@contextlib.contextmanager
def _transaction(path: str) -> Iterator[object]:
    """The plan opened for writing in one GDAL transaction, the control tables made sure of (see
    :mod:`.gdal_transaction`)."""
    with compat.gdal_error_codes(), gdal_transaction.writing(path) as dataset:
        side_tables.ensure_tables(dataset, control_schema.PLAN_TABLES)
        yield dataset


def _execute(dataset, statement: str) -> None:
    gdal.ErrorReset()
    dataset.ExecuteSQL(statement)
    if gdal.GetLastErrorType() >= gdal.CE_Failure:
        raise PlanFileError(tr("Changes to {layer} were not saved: {errors}").format(
            layer=statement.split()[2] if len(statement.split()) > 2 else "", errors=gdal.GetLastErrorMsg()))
