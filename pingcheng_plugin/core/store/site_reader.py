"""Reading a plan's sites in bulk straight from the GeoPackage (for validation and statistics): one SQL query,
geometry blobs handed on as WKB for shapely to decode in bulk, no QGIS feature objects; and the few saved sites
an edit must be checked against, through the R-tree and the name-key index.

QGIS's feature iterator builds a QgsFeature, its attributes and a QgsGeometry per row: at 100,000 sites that costs
more than every rule together. A GeoPackage geometry is a small header and standard WKB, so the validator reads
the WKB as it is stored. Layers with unsaved edits still go through QGIS (``validation.sources.plan_site_inputs``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

from osgeo import ogr
from qgis.core import QgsGeometry

from ..rules.site_rules import name_key_sql, plain
from ..support.gdalutil import ogr_to_qgis, quiet_gdal
from . import gpkg, schema

#: Fids or keys per SQL statement (SQLite's default limit of host parameters is 999 on older builds).
_CHUNK = 500


@dataclass
class SiteRecord:
    """One site as the store hands it out: its id, attribute values by field name and its geometry, as a
    QgsGeometry (from a layer and its edit buffer) or as WKB (read straight from the plan)."""

    fid: Optional[int]
    attributes: Mapping[str, object]
    geometry: Optional[QgsGeometry]
    wkb: Optional[bytes] = None
    shape: Optional[object] = None  # the geometry as shapely, where the caller decoded it already (an import)

    def value(self, name: str) -> object:
        return plain(self.attributes.get(name))

    def qgs_geometry(self) -> Optional[QgsGeometry]:
        if self.geometry is None and self.wkb is not None:
            geometry = QgsGeometry()
            geometry.fromWkb(self.wkb)
            self.geometry = geometry
        return self.geometry

#: Bytes of the envelope that follows the 8-byte GeoPackage header, by the envelope code in the flags byte.
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_wkb(blob: Optional[bytes]) -> Optional[bytes]:
    """The WKB inside a GeoPackage geometry blob (GeoPackage 1.x, clause 2.1.3), None for NULL or empty."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:  # the empty-geometry flag
        return None
    return bytes(blob[8 + _ENVELOPE_BYTES.get((flags >> 1) & 0x07, 0):])


def wkb_sql(column: str) -> str:
    """SQL for the WKB inside the GeoPackage blob ``column``, what :func:`gpkg_wkb` gives, done by SQLite: the
    header's length read from its flags byte (byte order, envelope code and extended-type bits; an empty geometry's
    flag matches none, so it gives NULL, as does NULL). Reading the 500,000 parcels of a DLTB, the header is not
    stripped a row at a time in Python."""
    cases = " ".join(f"WHEN '{(code << 1) | order | extended:02X}' THEN {9 + size}"
                     for code, size in _ENVELOPE_BYTES.items() for order in (0, 1) for extended in (0, 0x20))
    return (f"CASE WHEN substr({column}, 1, 2) = X'4750' THEN substr({column}, CASE hex(substr({column}, 4, 1)) "
            f"{cases} END) END")


def read_sites(path: str, fields: List[str], fids: Optional[Iterable[int]] = None) -> List[SiteRecord]:
    """The plan's sites as saved (all, or those of ``fids``): fid, the ``fields`` the plan has, geometry as WKB."""
    table = schema.SITES.table
    wanted = None if fids is None else sorted(set(fids))
    with gpkg.connect(path, readonly=True) as con:
        present = set(gpkg.table_columns(con, table))
        names = [n for n in fields if n in present]
        columns = ", ".join(gpkg.sql_identifier(n) for n in ["fid", "geom", *names])
        query = f"SELECT {columns} FROM {gpkg.sql_identifier(table)}"
        if wanted is None:
            rows = con.execute(query + " ORDER BY fid").fetchall()
        elif len(wanted) <= _CHUNK:  # a save's few sites: plain SQL, whatever the SQLite build
            rows = con.execute(f"{query} WHERE fid IN ({','.join('?' * len(wanted))}) ORDER BY fid",
                               [int(f) for f in wanted]).fetchall()
        else:  # one statement for many (a refresh of every site names 100,000): SQLite's JSON1, built in
            rows = con.execute(f"{query} WHERE fid IN (SELECT value FROM json_each(?)) ORDER BY fid",
                               (json.dumps([int(f) for f in wanted]),)).fetchall()
    return [SiteRecord(row[0], dict(zip(names, row[2:])), None, wkb=gpkg_wkb(row[1])) for row in rows]


def read_rows(path: str, fields: Sequence[str]) -> List[Tuple]:
    """Every saved site as a plain row (fid, then the values of ``fields``; NULL for a field the plan lacks): the
    cheapest read, for figures of a whole plan."""
    table = schema.SITES.table
    with gpkg.connect(path, readonly=True) as con:
        present = set(gpkg.table_columns(con, table))
        columns = ", ".join(gpkg.sql_identifier(n) if n in present else "NULL" for n in ["fid", *fields])
        return con.execute(f"SELECT {columns} FROM {gpkg.sql_identifier(table)} ORDER BY fid").fetchall()


def neighbour_fids(path: str, boxes: Sequence[Tuple[float, float, float, float]], names: Iterable[str]) -> Set[int]:
    """Saved sites a few edited ones are checked against: those whose envelopes meet one of ``boxes`` (xmin, ymin,
    xmax, ymax: overlaps), found in the GeoPackage's R-tree, and those whose name key is one of ``names``
    (duplicates), found through the name-key index. Keyed lookups both, whatever the size of the plan."""
    table = schema.SITES.table
    found: Set[int] = set()
    keys = sorted({k for k in names if k})
    with gpkg.connect(path, readonly=True) as con:
        rtree = gpkg.sql_identifier(f"rtree_{table}_geom")
        for xmin, ymin, xmax, ymax in boxes:
            found.update(row[0] for row in con.execute(
                f"SELECT id FROM {rtree} WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?",
                (xmin, xmax, ymin, ymax)))
        for start in range(0, len(keys), _CHUNK):
            part = keys[start:start + _CHUNK]
            found.update(row[0] for row in con.execute(
                f"SELECT fid FROM {gpkg.sql_identifier(table)} WHERE {name_key_sql('name')} "
                f"IN ({','.join('?' * len(part))})", part))
    return found


def site_keys(path: str) -> Iterator[Tuple[int, object, object, Optional[QgsGeometry]]]:
    """(fid, name, project code, geometry) of every saved site: what an import checks new sites against."""
    with quiet_gdal():
        dataset = ogr.Open(path, 0)
        layer = dataset.GetLayerByName(schema.SITES.table)
        for feature in layer:
            geometry = feature.GetGeometryRef()
            yield (feature.GetFID(), feature.GetField("name"), feature.GetField("project_code"),
                   ogr_to_qgis(geometry) if geometry is not None else None)
        dataset = None


def last_fid(path: str) -> int:
    """The highest site fid (0 without sites): new sites get higher ones."""
    with gpkg.connect(path, readonly=True) as con:
        return con.execute(f"SELECT coalesce(max(fid), 0) FROM {schema.SITES.table}").fetchone()[0]


def fids_after(path: str, fid: int) -> List[int]:
    """The fids of the sites written after the one numbered ``fid``."""
    with gpkg.connect(path, readonly=True) as con:
        return [r[0] for r in con.execute(f"SELECT fid FROM {schema.SITES.table} WHERE fid > ? ORDER BY fid",
                                          (fid,))]
