"""The reviewer's changes to a package, from GeoDiff: a changeset of ``review.gpkg`` against the base copy packed
with it (``.base/review.gpkg``), listed as JSON and read per table.

GeoDiff (the engine Mergin Maps and QField's cloud build on) compares the two SQLite databases row by row by
primary key; only the rows it names are then read from the package itself.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from typing import Dict, List, Set

from ..store import schema
from ..support.errors import InvalidInputError, PingchengError
from ..support.i18n import tr
from . import package_format as fmt


@dataclass
class TableChanges:
    inserted: Set[int] = field(default_factory=set)
    updated: Set[int] = field(default_factory=set)
    deleted: Set[int] = field(default_factory=set)


@dataclass
class PackageChanges:
    tables: Dict[str, TableChanges] = field(default_factory=dict)
    count: int = 0  # every change GeoDiff lists, in every table

    def of(self, table: str) -> TableChanges:
        return self.tables.get(table, TableChanges())

    @property
    def sites(self) -> TableChanges:
        return self.of(schema.SITES.table)

    @property
    def proposals(self) -> TableChanges:
        return self.of(fmt.PROPOSALS_TABLE)


def _geodiff():
    try:
        import pygeodiff
    except ImportError as err:  # the plugin ZIP carries it in ext_libs; a development checkout needs pip
        raise PingchengError(tr("The GeoDiff library (Python package pygeodiff) is missing: install the plugin from "
                                "its ZIP, or run pip install pygeodiff.")) from err
    return pygeodiff


def package_changes(folder: str) -> PackageChanges:
    """What the reviewer changed in the package in ``folder`` since it was packed."""
    pygeodiff = _geodiff()
    package, base = os.path.join(folder, fmt.GPKG_NAME), fmt.base_path(folder)
    if not os.path.isfile(base):
        raise InvalidInputError(tr("The review package {folder} has lost its base copy {base}: the reviewer's "
                                   "changes cannot be told from the packed data. Nothing was merged.").format(
            folder=folder, base=base))
    geodiff = pygeodiff.GeoDiff()
    with tempfile.TemporaryDirectory(prefix="pingcheng-review-") as work:
        changeset, listing = os.path.join(work, "review.diff"), os.path.join(work, "review.json")
        try:
            geodiff.create_changeset(base, package, changeset)
            geodiff.list_changes(changeset, listing)
        except pygeodiff.GeoDiffLibError as err:
            raise InvalidInputError(tr("GeoDiff cannot compare {package} with its base copy: {error}").format(
                package=package, error=err)) from err
        with open(listing, encoding="utf-8") as stream:
            entries: List[dict] = json.load(stream).get("geodiff", [])
    result = PackageChanges(count=len(entries))
    for entry in entries:
        fid = _primary_key(entry)
        if fid is None:
            continue
        table = result.tables.setdefault(entry.get("table", ""), TableChanges())
        {"insert": table.inserted, "update": table.updated, "delete": table.deleted}.get(
            entry.get("type"), set()).add(fid)
    return result


def _primary_key(entry: dict):
    """The fid of a listed change: column 0 (GDAL's fid column), its new value for an insert, its old otherwise."""
    for change in entry.get("changes", []):
        if change.get("column") == 0:
            value = change.get("new", change.get("old")) if entry.get("type") == "insert" else change.get("old")
            return int(value) if isinstance(value, (int, float)) else None
    return None
