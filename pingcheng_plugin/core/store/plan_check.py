"""Opening a plan: recover an interrupted write, then check the file's structure before anything reads it.

Every algorithm, dialog and core entry point that takes a plan path calls :func:`check_plan` first, so a damaged,
tampered, older or newer plan gets one clear message wherever it is opened, instead of a raw SQLite error from
whichever query happens to meet the problem.

An interrupted write: a program killed in the middle of a transaction leaves the plan with a "hot" rollback
journal (``plan.gpkg-journal``). SQLite undoes the unfinished transaction the next time the file is opened for
writing, but a read-only connection (which the plugin uses for reading) cannot and fails with "attempt to write a
readonly database". So the plan is opened read-write once, which rolls the journal back, and the user is told.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from typing import List, Tuple

from ..support.errors import PlanFileError
from ..support.i18n import tr
from . import gpkg, migrations, schema


@dataclass(frozen=True)
class PlanCheck:
    path: str
    version: int
    notes: Tuple[str, ...] = ()  # what the user should be told (an interrupted write that was undone)


def _hot_journal(path: str) -> bool:
    journal = path + "-journal"
    return os.path.isfile(journal) and os.path.getsize(journal) > 0


def recover_interrupted_write(path: str) -> bool:
    """Roll back an unfinished transaction left by a killed program; True when one was undone.

    A journal of a transaction still running in another program is not hot (that program holds a lock): reading
    under SQLite's own locking leaves it alone, and the journal is still there afterwards, so nothing is claimed.
    """
    if not _hot_journal(path):
        return False
    journal = path + "-journal"
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=5)) as con:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # SQLite rolls the hot journal back here
    except sqlite3.Error as err:
        if _hot_journal(path):
            raise PlanFileError(tr(
                "{path} holds an unfinished change from a program that was stopped while writing ({journal}). It is "
                "undone the next time the plan is opened with write access, but the plan or its folder is "
                "read-only. Make both writable, or copy {name} together with {journal_name} into a writable "
                "folder, and open it again: the plan is then as it was before the interrupted change.").format(
                path=path, journal=journal, name=os.path.basename(path), journal_name=os.path.basename(journal)),
                str(err)) from err
        raise PlanFileError(tr("Cannot read {path}: {error}").format(path=path, error=err)) from err
    return not _hot_journal(path)


def _structure_problems(path: str) -> List[str]:
    """What the current schema needs and the file lacks: tables, their fields, their registration as layers."""
    problems: List[str] = []
    try:
        with gpkg.connect(path, readonly=True) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            registered = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
            for spec in schema.ALL_TABLES:
                if spec.table not in tables or spec.table not in registered:
                    problems.append(tr("the table {table} is missing").format(table=spec.table))
                    continue
                columns = set(gpkg.table_columns(con, spec.table))
                wanted = ("fid",) + (("geom",) if spec.geometry else ()) + spec.field_names()
                missing = [name for name in wanted if name not in columns]
                if missing:
                    problems.append(tr("the table {table} lacks the fields {fields}").format(
                        table=spec.table, fields=", ".join(missing)))
            if schema.SEQUENCE_TABLE not in tables:
                problems.append(tr("the table {table} is missing").format(table=schema.SEQUENCE_TABLE))
    except sqlite3.Error as err:
        raise PlanFileError(tr("Cannot read {path}: {error}").format(path=path, error=err)) from err
    return problems


def check_plan(path: str, require_current: bool = True) -> PlanCheck:
    """Recover an interrupted write, then check ``path`` is a plan this version can use.

    Raises PlanFileError naming the file and the problem: missing, not a plan, unknown or newer schema version,
    missing tables or fields, an older schema when ``require_current`` (headless jobs cannot upgrade: opening the
    plan in QGIS does, with a backup). Without ``require_current`` an older plan passes (Open plan upgrades it)."""
    if not path or not str(path).strip():
        raise PlanFileError(tr("No plan GeoPackage was given."))
    path = os.path.abspath(str(path))
    if os.path.isdir(path):
        raise PlanFileError(tr("{path} is a folder, not a plan GeoPackage.").format(path=path))
    if not os.path.isfile(path):
        raise PlanFileError(tr("The plan file {path} does not exist.").format(path=path))
    notes = []
    if recover_interrupted_write(path):
        notes.append(tr("{path} had an unfinished change from a program that was stopped while writing; it was "
                        "undone, and the plan is as it was before that change.").format(path=path))
    info = gpkg.read_meta(path)
    migrations.check_supported(path, info.schema_version, info.values.get("schema_version"))
    if info.schema_version < schema.SCHEMA_VERSION:
        if require_current:
            migrations.require_current(path)
        return PlanCheck(path, info.schema_version, tuple(notes))
    problems = _structure_problems(path)
    if problems:
        raise PlanFileError(tr("{path} is damaged or was changed by another program: {problems}. Restore it from a "
                               "backup copy or create a new plan.").format(path=path, problems="; ".join(problems)))
    return PlanCheck(path, info.schema_version, tuple(notes))
