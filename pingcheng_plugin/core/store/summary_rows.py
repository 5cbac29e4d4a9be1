"""The summary table's data, read with SQL straight from the plan GeoPackage.

Aggregation is one ``GROUP BY project_type, zone_code, phase`` scan; the per-type, per-zone and per-phase
subtotals and the grand total are rolled up from those few groups (at most types × zones × phases rows), so
the cost stays that of a single SQL aggregate whatever the number of sites. SUM ignores NULL: a missing
investment or area is counted (``*_missing``) and never added as 0.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from ...plan import vocabulary
from ..support.errors import PlanFileError
from ..support.i18n import tr
from . import gpkg, plan_check, schema

SITES = schema.SITES.table

#: Columns read for each site row, in this order.
ROW_COLUMNS = ("fid", "project_code", "name", "project_type", "zone_code", "key_areas", "area_ha", "investment",
               "start_year", "end_year", "phase", "implementer", "funding_source", "measures", "illustrative",
               "location_town", "location_village", "restoration_modes", "eco_problems", "targets", "status",
               "responsible_unit", "parent_project") + schema.FUNDING_FIELDS


def _type_order_sql() -> str:
    cases = " ".join(f"WHEN {gpkg.sql_literal(code)} THEN {number}"
                     for number, code in enumerate(vocabulary.codes("project_type")))
    return f"CASE project_type {cases} ELSE 900 END"


ROWS_SQL = (f"SELECT {', '.join(ROW_COLUMNS)} FROM {SITES} "
            f"ORDER BY {_type_order_sql()}, project_type IS NULL, project_type, project_code IS NULL, "
            f"project_code, fid")

GROUPS_SQL = (
    f"SELECT project_type, zone_code, phase, COUNT(*), SUM(area_ha), COUNT(area_ha), SUM(investment), "
    f"COUNT(investment), SUM(start_year IS NULL OR end_year IS NULL) FROM {SITES} "
    f"GROUP BY project_type, zone_code, phase"
)


@dataclass(frozen=True)
class Aggregate:
    """Sums over a set of sites. ``area_ha``/``investment`` are None when no site of the set has a value."""

    key: Optional[str]
    count: int
    area_ha: Optional[float]
    investment: Optional[float]
    area_missing: int
    investment_missing: int
    years_missing: int


@dataclass(frozen=True)
class Aggregates:
    by_type: Dict[Optional[str], Aggregate]
    by_zone: Dict[Optional[str], Aggregate]
    by_phase: Dict[Optional[str], Aggregate]
    total: Aggregate


@contextlib.contextmanager
def connect(path: str) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a plan GeoPackage, with a clear error for anything that is not one."""
    plan_check.check_plan(path)  # one clear PlanFileError for a missing, damaged, older or newer plan
    try:
        with gpkg.connect(path, readonly=True) as con:
            columns = gpkg.table_columns(con, SITES)
            missing = [c for c in ROW_COLUMNS if c not in columns]
            if missing:
                raise PlanFileError(tr("The site table of {path} lacks the fields {fields}; open the plan once in "
                                       "QGIS to upgrade it.").format(path=path, fields=", ".join(missing)))
            yield con
    except sqlite3.Error as err:
        raise PlanFileError(tr("Cannot read {path}: {error}").format(path=path, error=err)) from err


def _rollup(key: Optional[str], groups: Iterable[tuple]) -> Aggregate:
    groups = list(groups)
    area_count = sum(g[5] for g in groups)
    investment_count = sum(g[7] for g in groups)
    count = sum(g[3] for g in groups)
    return Aggregate(
        key=key, count=count,
        area_ha=math.fsum(g[4] for g in groups if g[4] is not None) if area_count else None,
        investment=math.fsum(g[6] for g in groups if g[6] is not None) if investment_count else None,
        area_missing=count - area_count, investment_missing=count - investment_count,
        years_missing=sum(g[8] or 0 for g in groups),
    )


def aggregate_connection(con: sqlite3.Connection) -> Aggregates:
    groups = con.execute(GROUPS_SQL).fetchall()
    by: List[Dict[Optional[str], List[tuple]]] = [{}, {}, {}]
    for group in groups:
        for index in range(3):
            by[index].setdefault(group[index], []).append(group)
    rolled = [{key: _rollup(key, members) for key, members in level.items()} for level in by]
    return Aggregates(rolled[0], rolled[1], rolled[2], _rollup(None, groups))


def aggregate(path: str) -> Aggregates:
    """Counts and sums per project type, per zone, per phase and in total, from one SQL GROUP BY."""
    with connect(path) as con:
        return aggregate_connection(con)


def read_rows(con: sqlite3.Connection) -> List[Tuple]:
    """Every site, in table order: project type (plan order), then project code."""
    return con.execute(ROWS_SQL).fetchall()
