"""Which saved sites overlap which areas of a plan layer (corridors, barriers), computed inside the GeoPackage.

Opening a plan of 100,000 sites must not decode 100,000 geometries in Python: on Debian's shapely 1.8 that alone
costs longer than QGIS takes to open and draw the whole project. GDAL's SQLite engine with SpatiaLite (in every
QGIS build) reads GeoPackage geometry blobs directly, so one SQL statement asks the plan's R-tree for the sites
whose envelopes meet an area and lets GEOS measure each intersection, with no Python per site.

The result equals :class:`core.sites.overlay.AreaOverlay` (a test compares the two): an overlap counts when the
intersection is larger than ``OVERLAP_EPSILON_M2``; an invalid site is repaired with MakeValid first, done in
Python for those few sites so both paths use the same repair. Where the engine cannot answer (no SpatiaLite, no
R-tree, an invalid area) :func:`overlapping_codes` returns None and the caller takes the shapely path.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

from osgeo import ogr

from ..rules.thresholds import OVERLAP_EPSILON_M2
from ..support.gdalutil import quiet_gdal
from . import gpkg, schema, site_reader


def _areas_sql(area_table: str) -> str:
    return (f"SELECT fid AS area_fid, code, ST_IsValid(geom), ST_MinX(geom), ST_MinY(geom), ST_MaxX(geom), "
            f"ST_MaxY(geom) FROM {gpkg.sql_identifier(area_table)} WHERE geom IS NOT NULL AND code IS NOT NULL")


def _candidates_sql(area_table: str, area_fid: int, box: Tuple[float, float, float, float]) -> str:
    """The sites overlapping one area, as two lists of fids in one row: valid sites overlapping it by more than
    epsilon, and invalid sites meeting it (measured in Python after repair). The area's envelope (numbers, from
    :func:`_areas_sql`) against the R-tree, then GEOS; a site the area covers overlaps it by its own area, only
    those across the edge need an intersection."""
    sites = gpkg.sql_identifier(schema.SITES.table)
    rtree = gpkg.sql_identifier(f"rtree_{schema.SITES.table}_geom")
    xmin, ymin, xmax, ymax = (repr(float(v)) for v in box)
    # an invalid site is not measured here (GEOS would refuse it): it is listed for the repair in Python
    measured = (f"SELECT s.fid AS fid, ST_IsValid(s.geom) AS valid, "
                f"CASE WHEN ST_IsValid(s.geom) <> 1 THEN NULL WHEN ST_Covers(a.geom, s.geom) THEN ST_Area(s.geom) "
                f"ELSE ST_Area(ST_Intersection(a.geom, s.geom)) END AS overlap "
                f"FROM {rtree} r JOIN {sites} s ON s.fid = r.id, {gpkg.sql_identifier(area_table)} a "
                f"WHERE a.fid = {int(area_fid)} AND r.minx <= {xmax} AND r.maxx >= {xmin} AND r.miny <= {ymax} "
                f"AND r.maxy >= {ymin} AND ST_Intersects(a.geom, s.geom) = 1")
    return (f"SELECT group_concat(CASE WHEN valid = 1 AND overlap > {OVERLAP_EPSILON_M2!r} THEN fid END) AS hits, "
            f"group_concat(CASE WHEN valid <> 1 THEN fid END) AS broken FROM ({measured})")


def overlapping_codes(path: str, area_table: str) -> Optional[Dict[int, Set[str]]]:
    """{site fid: codes of the areas it overlaps} for the saved sites of the plan at ``path`` (sites overlapping
    nothing are left out), or None when the GeoPackage's SQL engine cannot compute it."""
    with quiet_gdal():
        dataset = ogr.Open(path, 0)
        if dataset is None:
            return None
        try:
            areas = _query(dataset, _areas_sql(area_table), "area_fid")
            if areas is None or any(valid != 1 for _fid, _code, valid, *_box in areas):
                return None
            found: Dict[int, Set[str]] = {}
            broken: Dict[int, Set[str]] = {}
            for area_fid, code, _valid, *box in areas:
                rows = _query(dataset, _candidates_sql(area_table, area_fid, tuple(box)))
                if not rows:
                    return None
                hits, invalid = rows[0]
                for fid in _fids(hits):
                    found.setdefault(fid, set()).add(str(code))
                for fid in _fids(invalid):
                    broken.setdefault(fid, set()).add(str(code))
        finally:
            dataset = None
    for fid, codes in _repaired_overlaps(path, area_table, broken).items() if broken else ():
        found.setdefault(fid, set()).update(codes)
    return found


def _fids(listed: Optional[str]) -> List[int]:
    return [int(part) for part in listed.split(",")] if listed else []


def _query(dataset, sql: str, key: Optional[str] = None) -> Optional[List[Tuple]]:
    """Rows of ``sql``, with the integer column ``key`` first if given (GDAL hands an integer primary key out
    as the rows' FID, not as a field), or None when the statement fails."""
    result = dataset.ExecuteSQL(sql)
    if result is None:  # no SpatiaLite functions, no R-tree table …
        return None
    try:
        count = result.GetLayerDefn().GetFieldCount()
        if key is not None and result.GetFIDColumn() == key:
            return [(feature.GetFID(), *(feature.GetField(i) for i in range(count))) for feature in result]
        return [tuple(feature.GetField(i) for i in range(count)) for feature in result]
    finally:
        dataset.ReleaseResultSet(result)


def _repaired_overlaps(path: str, area_table: str, broken: Dict[int, Set[str]]) -> Dict[int, Set[str]]:
    """The invalid candidate sites, repaired and measured as :class:`AreaOverlay` does it."""
    from ..sites.overlay import AreaOverlay, from_wkb_many  # shapely on first use: the panel loads at start-up

    records = site_reader.read_sites(path, [], fids=broken)
    areas = _area_shapes(path, area_table, set().union(*broken.values()))
    overlaps = AreaOverlay(areas).overlaps(from_wkb_many([r.wkb for r in records]))
    return {record.fid: set(found) for record, found in zip(records, overlaps) if found}


def _area_shapes(path: str, area_table: str, codes: Set[str]) -> list:
    from ..sites.overlay import from_wkb_many

    with gpkg.connect(path, readonly=True) as con:
        rows = con.execute(f"SELECT code, geom FROM {gpkg.sql_identifier(area_table)} "
                           "WHERE geom IS NOT NULL").fetchall()
    kept = [(str(code), site_reader.gpkg_wkb(blob)) for code, blob in rows if str(code) in codes]
    return list(zip([code for code, _ in kept], from_wkb_many([blob for _, blob in kept])))
