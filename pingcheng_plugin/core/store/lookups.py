"""Small code lists stored in the plan so forms (QGIS and QField) can pick from them with a value relation.

QGIS's value map cannot hold several values; a value relation with ``AllowMulti`` can, and needs a layer to look
the codes up in. The restoration-mode table is that layer: filled once from :data:`schema.RESTORATION_MODES`, never
over a plan's own rows.
"""

from __future__ import annotations

import sqlite3

from . import schema


def seed_modes(con: sqlite3.Connection) -> None:
    """The four restoration modes, into an empty ``restoration_modes`` table."""
    table = schema.MODES.table
    if not con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
        con.executemany(f"INSERT INTO {table} (code, name, name_en) VALUES (?, ?, ?)", schema.RESTORATION_MODES)

