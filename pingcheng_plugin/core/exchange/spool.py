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

from qgis.core import QgsGeometry

from ..support.output_files import work_folder

PENDING, ACCEPTED, REJECTED = 0, 1, 2
IMPORTED, EXISTING = 1, 0


#: What json.dumps(value, ensure_ascii=False, default=str) writes, with one encoder for all the rows instead of a
#: new one per call (json.dumps builds one whenever it is given options).
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)
#: Rows and boxes inserted together (one executemany each) by :meth:`Spool.add`.
_BATCH = 1000
_BOX_QUERY = "SELECT id FROM f_box WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?"


def _json(value: object) -> str:
    return _ENCODER.encode(value)


def geometry_from(blob: Optional[bytes]) -> Optional[QgsGeometry]:
    if blob is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(bytes(blob))
    return geometry


def blob(geometry: Optional[QgsGeometry]) -> Optional[bytes]:
    return None if geometry is None or geometry.isNull() else bytes(geometry.asWkb())


class Row:
    __slots__ = ("id", "origin", "index", "label", "code", "_attributes", "source_wkb", "values", "wkb", "state")

    def __init__(self, record: Tuple):
        (self.id, self.origin, self.index, self.label, self.code, self._attributes, self.source_wkb, values,
         self.wkb, self.state) = record
        self.values = json.loads(values) if values else {}

    @property
    def attributes(self) -> Dict:
        """The source's own values, decoded when asked: only the rejected-features file reads them."""
        if not isinstance(self._attributes, dict):
            self._attributes = json.loads(self._attributes) if self._attributes else {}
        return self._attributes

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
        self._last_id = 0
        self._rows: List[Tuple] = []  # added, not yet inserted (see add)
        self._boxes: List[Tuple] = []
        self._issues: List[Tuple] = []

    # --- writing ------------------------------------------------------------------------------------------
    def add(self, origin: int, index: Optional[int], label: str, name_key: str, code: Optional[str],
            attributes: Optional[Dict], source_geometry: Optional[QgsGeometry], values: Optional[Dict],
            geometry: Optional[QgsGeometry], state: int) -> int:
        """The new row's id; rows are inserted in batches (the ids are given here, as SQLite would give them),
        all of them by the next :meth:`commit` or read."""
        self._last_id += 1
        row_id = self._last_id
        self._rows.append(
            (row_id, origin, index, label, name_key or None, code,
             _json(attributes) if attributes is not None else None, blob(source_geometry),
             _json(values) if values is not None else None, blob(geometry), state, 1 if state == REJECTED else 0))
        if geometry is not None and not geometry.isEmpty():
            box = geometry.boundingBox()
            self._boxes.append((row_id, box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()))
        if len(self._rows) >= _BATCH:
            self._flush()
        return row_id

    def _flush(self) -> None:
        if self._rows:
            self.con.executemany(
                "INSERT INTO f (id, origin, idx, label, name_key, code, attrs, src_wkb, vals, wkb, state, stage) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self._rows)
            self._rows = []
        if self._boxes:
            self.con.executemany("INSERT INTO f_box VALUES (?, ?, ?, ?, ?)", self._boxes)
            self._boxes = []
        if self._issues:
            self.con.executemany("INSERT INTO issue VALUES (?, ?, ?, ?, ?)", self._issues)
            self._issues = []

    def add_issues(self, issues: Iterable[Tuple[int, int, str, str, str]]) -> None:
        """Inserted in batches, as rows are (most features have none: no statement per feature)."""
        self._issues.extend(issues)
        if len(self._issues) >= _BATCH:
            self._flush()

    def set_states(self, states: Iterable[Tuple[int, int, Optional[Dict]]]) -> None:
        """The fate of rows: (row id, state, values to keep or None), in two statements for any number."""
        plain, with_values = [], []
        for row_id, state, values in states:
            if values is None:
                plain.append((state, row_id))
            else:
                with_values.append((state, _json(values), row_id))
        self.con.executemany("UPDATE f SET state = ? WHERE id = ?", plain)
        self.con.executemany("UPDATE f SET state = ?, vals = ? WHERE id = ?", with_values)

    def commit(self) -> None:
        self._flush()
        self.con.commit()

    # --- reading ------------------------------------------------------------------------------------------
    def rows(self, ids: Sequence[int]) -> List[Row]:
        self._flush()
        found: List[Row] = []
        for start in range(0, len(ids), 500):
            part = list(ids[start:start + 500])
            marks = ",".join("?" * len(part))
            found += [Row(r) for r in self.con.execute(f"SELECT {_COLUMNS} FROM f WHERE id IN ({marks})", part)]
        order = {row_id: n for n, row_id in enumerate(ids)}
        return sorted(found, key=lambda r: order[r.id])

    def pending_chunks(self, size: int) -> Iterator[List[int]]:
        self._flush()
        last = 0
        while True:
            ids = [r[0] for r in self.con.execute(
                "SELECT id FROM f WHERE origin = ? AND state = ? AND id > ? ORDER BY id LIMIT ?",
                (IMPORTED, PENDING, last, size))]
            if not ids:
                return
            last = ids[-1]
            yield ids

    def neighbours(self, ids: Sequence[int], name_keys: Sequence[str]) -> List[int]:
        """Rows (existing sites and other imported features that got past conversion) whose box meets the box of
        one of the rows ``ids`` or whose name is one of ``name_keys``. The boxes are taken as the R-tree holds
        them (rounded outwards): a few more rows may come back, which lie apart from the rows (no shared area)
        and change no finding."""
        self._flush()
        found = set()
        for start in range(0, len(ids), 500):
            part = list(ids[start:start + 500])
            boxes = self.con.execute(
                f"SELECT minx, maxx, miny, maxy FROM f_box WHERE id IN ({','.join('?' * len(part))})", part).fetchall()
            # 200 box queries to a statement (UNION ALL): half the time of one statement each at 100,000 rows
            for first in range(0, len(boxes), 200):
                group = boxes[first:first + 200]
                found.update(r[0] for r in self.con.execute(
                    " UNION ALL ".join([_BOX_QUERY] * len(group)), [v for box in group for v in box]))
        return self._usable(found, name_keys, ids)

    def _usable(self, found: set, name_keys: Sequence[str], exclude: Sequence[int]) -> List[int]:
        """``found`` and the rows named one of ``name_keys``, less ``exclude`` and rows rejected on reading."""
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
        self._flush()
        return {code: row_id for row_id, code in self.con.execute("SELECT id, code FROM f WHERE code IS NOT NULL")}

    def count(self, state: Optional[int] = None, origin: int = IMPORTED) -> int:
        self._flush()
        if state is None:
            return self.con.execute("SELECT count(*) FROM f WHERE origin = ?", (origin,)).fetchone()[0]
        return self.con.execute("SELECT count(*) FROM f WHERE origin = ? AND state = ?", (origin, state)).fetchone()[0]

    def iter_state(self, state: int) -> Iterator[Row]:
        self._flush()
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
        self._flush()
        return list(self.con.execute("SELECT severity, code, message FROM issue WHERE fid = ? ORDER BY rowid",
                                     (row_id,)))

    def issues(self, limit: Optional[int] = None) -> List[Tuple[int, str, str, str]]:
        """(source index, severity, code, message) in file order."""
        self._flush()
        sql = "SELECT idx, severity, code, message FROM issue ORDER BY idx, rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return list(self.con.execute(sql))

    def issue_total(self) -> int:
        self._flush()
        return self.con.execute("SELECT count(*) FROM issue").fetchone()[0]

    def issue_counts(self, severity: str, rejected_only: bool = False) -> List[Tuple[str, int]]:
        """(code, number of features) per issue code, most frequent first."""
        self._flush()
        sql = ("SELECT issue.code, count(DISTINCT issue.fid) FROM issue JOIN f ON f.id = issue.fid "
               "WHERE issue.severity = ?" + (" AND f.state = 2" if rejected_only else "") +
               " GROUP BY issue.code ORDER BY 2 DESC, 1")
        return list(self.con.execute(sql, (severity,)))

    def features_with(self, severity: str, state: int) -> int:
        self._flush()
        return self.con.execute(
            "SELECT count(DISTINCT issue.fid) FROM issue JOIN f ON f.id = issue.fid WHERE issue.severity = ? AND "
            "f.state = ?", (severity, state)).fetchone()[0]

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
