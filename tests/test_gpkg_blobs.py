"""GeoPackage geometry blobs read by SQLite itself: what the control overlay reads 10⁵–10⁶ DLTB parcels through."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.mark.parametrize("envelope", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("little_endian", [0, 1])
def test_sqlite_cuts_the_wkb_out_of_every_geopackage_header(envelope, little_endian):
    """The control polygons are read with the blob header cut off by SQLite (site_reader.wkb_sql): every envelope
    kind and byte order of GeoPackage 1.x clause 2.1.3 gives back the WKB put in; an empty geometry gives NULL."""
    import struct

    from osgeo import ogr

    from pingcheng_plugin.core.store.site_reader import wkb_sql

    wkb = ogr.CreateGeometryFromWkt("POLYGON((0 0,10 0,10 10,0 0))").ExportToWkb()
    doubles = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[envelope]
    order = "<" if little_endian else ">"
    header = b"GP" + bytes([0, (envelope << 1) | little_endian]) + struct.pack(f"{order}i", 4547)
    blob = header + struct.pack(f"{order}{doubles}d", *range(doubles)) + wkb
    empty = b"GP" + bytes([0, 0x10 | (envelope << 1) | little_endian]) + struct.pack(f"{order}i", 4547) + \
        struct.pack(f"{order}{doubles}d", *range(doubles)) + wkb
    with sqlite3.connect(":memory:") as con:
        con.execute("CREATE TABLE t (geom BLOB)")
        con.executemany("INSERT INTO t VALUES (?)", [(blob,), (empty,), (None,)])
        assert [r[0] for r in con.execute(f"SELECT {wkb_sql('geom')} FROM t")] == [wkb, None, None]
