"""A temporary on-disk store for one import: every source feature after conversion, its findings and its fate.

Keeping features here instead of in Python lists keeps memory flat for files of any size: the validator works
on chunks and finds each chunk's neighbours (overlaps, same names) through an R-tree and an index. The store is
a plain SQLite file in a work folder in the temporary folder, removed when the import is closed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from qgis.core import QgsGeometry, QgsRectangle

from ..support.output_files import work_folder

PENDING, ACCEPTED, REJECTED = 0, 1, 2
IMPORTED, EXISTING = 1, 0


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def geometry_from(blob: Optional[bytes]) -> Optional[QgsGeometry]:
    if blob is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(blob))
    return geometry


def blob(geometry: Optional[QgsGeometry]) -> Optional[bytes]:
    return None if geometry is None or geometry.isNull() else bytes(geometry.asWkb())


class Row:
    __slots__ = ("id", "origin", "index", "label", "code", "attributes", "source_wkb", "values", "wkb", "state")

    def __init__(self, record: Tuple):
        (self.id, self.origin, self.index, self.label, self.code, attributes, self.source_wkb, values, self.wkb,
         self.state) = record
        self.attributes = json.loads(attributes) if attributes else {}
        self.values = json.loads(values) if values else {}

    def geometry(self) -> Optional[QgsGeometry]:
        return geometry_from(self.wkb)


_COLUMNS = "id, origin, idx, label, code, attrs, src_wkb, vals, wkb, state"


class Spool:
    def __init__(self):
        # named pingcheng-import-<pid>-…: the next import removes what a killed one left (see output_files)
        self.folder = work_folder("import")
        self.path = os.path.join(self.folder, "spool.sqlite")
        self.con = sqlite3.connect(self.path, check_same_thread=False)
        self.con.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE f (id INTEGER PRIMARY KEY, origin INTEGER NOT NULL, idx INTEGER, label TEXT,
                            name_key TEXT, code TEXT, attrs TEXT, src_wkb BLOB, vals TEXT, wkb BLOB,
                            state INTEGER NOT NULL DEFAULT 0, stage INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX f_name ON f(name_key);
            CREATE INDEX f_code ON f(code);
            CREATE INDEX f_state ON f(origin, state);
            CREATE VIRTUAL TABLE f_box USING rtree(id, minx, maxx, miny, maxy);
            CREATE TABLE issue (fid INTEGER, idx INTEGER, severity TEXT, code TEXT, message TEXT);
            CREATE INDEX issue_fid ON issue(fid);
        """)

    # --- writing ------------------------------------------------------------------------------------------
    def add(self, origin: int, index: Optional[int], label: str, name_key: str, code: Optional[str],
            attributes: Optional[Dict], source_geometry: Optional[QgsGeometry], values: Optional[Dict],
            geometry: Optional[QgsGeometry], state: int) -> int:
        cursor = self.con.execute(
            "INSERT INTO f (origin, idx, label, name_key, code, attrs, src_wkb, vals, wkb, state, stage) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (origin, index, label, name_key or None, code, _json(attributes) if attributes is not None else None,
             blob(source_geometry), _json(values) if values is not None else None, blob(geometry), state,
             1 if state == REJECTED else 0))
        row_id = cursor.lastrowid
        if geometry is not None and not geometry.isEmpty():
            box = geometry.boundingBox()
            self.con.execute("INSERT INTO f_box VALUES (?, ?, ?, ?, ?)",
                             (row_id, box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()))
        return row_id

    def add_issues(self, issues: Iterable[Tuple[int, int, str, str, str]]) -> None:
        self.con.executemany("INSERT INTO issue VALUES (?, ?, ?, ?, ?)", list(issues))

    def set_state(self, row_id: int, state: int, values: Optional[Dict] = None) -> None:
        if values is None:
            self.con.execute("UPDATE f SET state = ? WHERE id = ?", (state, row_id))
        else:
            self.con.execute("UPDATE f SET state = ?, vals = ? WHERE id = ?", (state, _json(values), row_id))

    def commit(self) -> None:
        self.con.commit()

    # --- reading ------------------------------------------------------------------------------------------
    def rows(self, ids: Sequence[int]) -> List[Row]:
        found: List[Row] = []
        for start in range(0, len(ids), 500):
            part = list(ids[start:start + 500])
            marks = ",".join("?" * len(part))
            found += [Row(r) for r in self.con.execute(f"SELECT {_COLUMNS} FROM f WHERE id IN ({marks})", part)]
        order = {row_id: n for n, row_id in enumerate(ids)}
        return sorted(found, key=lambda r: order[r.id])

    def pending_chunks(self, size: int) -> Iterator[List[int]]:
        last = 0
        while True:
            ids = [r[0] for r in self.con.execute(
                "SELECT id FROM f WHERE origin = ? AND state = ? AND id > ? ORDER BY id LIMIT ?",
                (IMPORTED, PENDING, last, size))]
            if not ids:
                return
            last = ids[-1]
            yield ids

    def neighbours(self, boxes: Sequence[QgsRectangle], name_keys: Sequence[str], exclude: Sequence[int]) -> List[int]:
        """Rows (existing sites and other imported features that got past conversion) whose box meets one of
        ``boxes`` or whose name is one of ``name_keys``."""
        found = set()
        for box in boxes:
            found.update(r[0] for r in self.con.execute(
                "SELECT id FROM f_box WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?",
                (box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum())))
        keys = [k for k in set(name_keys) if k]
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            found.update(r[0] for r in self.con.execute(
                f"SELECT id FROM f WHERE stage = 0 AND name_key IN ({','.join('?' * len(part))})", part))
        found.difference_update(exclude)
        if not found:
            return []
        ids = sorted(found)
        usable = []
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            usable += [r[0] for r in self.con.execute(
                f"SELECT id FROM f WHERE stage = 0 AND id IN ({','.join('?' * len(part))})", part)]
        return usable

    def codes(self) -> Dict[str, int]:
        return {code: row_id for row_id, code in self.con.execute("SELECT id, code FROM f WHERE code IS NOT NULL")}

    def count(self, state: Optional[int] = None, origin: int = IMPORTED) -> int:
        if state is None:
            return self.con.execute("SELECT count(*) FROM f WHERE origin = ?", (origin,)).fetchone()[0]
        return self.con.execute("SELECT count(*) FROM f WHERE origin = ? AND state = ?", (origin, state)).fetchone()[0]

    def iter_state(self, state: int) -> Iterator[Row]:
        last = 0
        while True:
            batch = [Row(r) for r in self.con.execute(
                f"SELECT {_COLUMNS} FROM f WHERE origin = ? AND state = ? AND id > ? ORDER BY id LIMIT 1000",
                (IMPORTED, state, last))]
            if not batch:
                return
            yield from batch
            last = batch[-1].id

    def issues_of(self, row_id: int) -> List[Tuple[str, str, str]]:
        return list(self.con.execute("SELECT severity, code, message FROM issue WHERE fid = ? ORDER BY rowid",
                                     (row_id,)))

    def issues(self, limit: Optional[int] = None) -> List[Tuple[int, str, str, str]]:
        """(source index, severity, code, message) in file order."""
        sql = "SELECT idx, severity, code, message FROM issue ORDER BY idx, rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return list(self.con.execute(sql))

    def issue_total(self) -> int:
        return self.con.execute("SELECT count(*) FROM issue").fetchone()[0]

    def issue_counts(self, severity: str, rejected_only: bool = False) -> List[Tuple[str, int]]:
        """(code, number of features) per issue code, most frequent first."""
        sql = ("SELECT issue.code, count(DISTINCT issue.fid) FROM issue JOIN f ON f.id = issue.fid "
               "WHERE issue.severity = ?" + (" AND f.state = 2" if rejected_only else "") +
               " GROUP BY issue.code ORDER BY 2 DESC, 1")
        return list(self.con.execute(sql, (severity,)))

    def features_with(self, severity: str, state: int) -> int:
        return self.con.execute(
            "SELECT count(DISTINCT issue.fid) FROM issue JOIN f ON f.id = issue.fid WHERE issue.severity = ? AND "
            "f.state = ?", (severity, state)).fetchone()[0]

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
