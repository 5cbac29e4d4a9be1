"""Builds a plan GeoPackage the way schema version 1 laid it out, to test migration.

Written independently of the plugin's current schema code on purpose: a v1 file is a fixed historical artefact.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

from osgeo import ogr, osr

from tests.helpers.common import gdal_codes

V1_SITE_FIELDS = [
    ("project_code", ogr.OFTString), ("name", ogr.OFTString), ("project_type", ogr.OFTString),
    ("status", ogr.OFTString), ("zone_code", ogr.OFTString), ("key_areas", ogr.OFTString),
    ("start_year", ogr.OFTInteger), ("end_year", ogr.OFTInteger), ("phase", ogr.OFTString),
    ("investment", ogr.OFTReal), ("funding_source", ogr.OFTString), ("implementer", ogr.OFTString),
    ("area_ha", ogr.OFTReal), ("measures", ogr.OFTString), ("targets", ogr.OFTString),
    ("illustrative", ogr.OFTInteger), ("remarks", ogr.OFTString), ("created_at", ogr.OFTDateTime),
    ("created_by", ogr.OFTString), ("modified_at", ogr.OFTDateTime), ("modified_by", ogr.OFTString),
]
AREA_FIELDS = [("code", ogr.OFTString), ("name", ogr.OFTString), ("name_en", ogr.OFTString),
               ("description", ogr.OFTString), ("area_km2", ogr.OFTReal), ("illustrative", ogr.OFTInteger),
               ("source", ogr.OFTString)]
BOUNDARY_FIELDS = [("code", ogr.OFTString), ("name", ogr.OFTString), ("name_en", ogr.OFTString),
                   ("area_km2", ogr.OFTReal), ("illustrative", ogr.OFTInteger), ("source", ogr.OFTString)]
NEIGHBOUR_FIELDS = [("code", ogr.OFTString), ("name", ogr.OFTString), ("name_en", ogr.OFTString),
                    ("illustrative", ogr.OFTInteger), ("source", ogr.OFTString)]

SQUARE = "MULTIPOLYGON((({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0})))"


def square_wkt(x0, y0, size):
    return SQUARE.format(x0=x0, y0=y0, x1=x0 + size, y1=y0 + size)


@gdal_codes
def make_v1_plan(path: str, rule_breaker: bool = False) -> None:
    """``rule_breaker`` adds a site that today's rules refuse (it starts in 2019, before the plan period)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    tables = {
        "district_boundary": BOUNDARY_FIELDS, "neighbour_districts": NEIGHBOUR_FIELDS,
        "restoration_zones": AREA_FIELDS, "key_areas": AREA_FIELDS, "eco_corridors": AREA_FIELDS,
        "eco_barriers": AREA_FIELDS, "project_sites": V1_SITE_FIELDS,
    }
    for table, fields in tables.items():
        layer = ds.CreateLayer(table, srs, ogr.wkbMultiPolygon, ["FID=fid", "GEOMETRY_NAME=geom"])
        for name, kind in fields:
            layer.CreateField(ogr.FieldDefn(name, kind))

    def add(table, wkt, **values):
        layer = ds.GetLayerByName(table)
        feature = ogr.Feature(layer.GetLayerDefn())
        for key, value in values.items():
            if value is not None:
                feature.SetField(key, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        assert layer.CreateFeature(feature) == 0

    add("district_boundary", square_wkt(430000, 4430000, 10000), code="140213", name="平城区", illustrative=1)
    add("restoration_zones", square_wkt(430000, 4430000, 5000), code="Z1", name="城镇空间生态环境发展提升区",
        illustrative=1)
    add("restoration_zones", square_wkt(435000, 4430000, 5000), code="Z3", name="农田空间生态综合治理修复区",
        illustrative=1)
    add("key_areas", square_wkt(434000, 4430000, 2000), code="K7", name="人居环境整治提升重点区", illustrative=1)
    add("project_sites", square_wkt(434000, 4431000, 2000), project_code="140213-CZXF-0007", name="旧版项目甲",
        project_type="CZXF", status="building", start_year=2022, end_year=2024, investment=1200.5,
        zone_code="Z1", area_ha=400.0, illustrative=0)
    add("project_sites", square_wkt(436000, 4431000, 1000), project_code="140213-TDZZ-0001", name="旧版项目乙",
        project_type="TDZZ", status="planned", start_year=2031, end_year=2033, investment=None,
        illustrative=0)
    if rule_breaker:
        add("project_sites", square_wkt(431000, 4431000, 500), project_code=None, name="旧版超期项目",
            project_type="TDZZ", status="done", start_year=2019, end_year=2020, illustrative=0)
    ds = None
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE pingcheng_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT)")
    con.executemany("INSERT INTO pingcheng_meta VALUES (?, ?)",
                    [("schema_version", "1"), ("admin_code", "140213"), ("storage_crs", "EPSG:4547")])
    con.commit()
    con.close()


#: A demo plan written by the plugin at schema 3 (commit 6b2ab54, ``plan_file.create_plan(demo=True)``), gzipped:
#: the real file of the code before schema 4, not a rebuild by today's code.
V3_PLAN = Path(__file__).resolve().parent.parent / "data" / "plan_schema3.gpkg.gz"


def copy_v3_plan(path: str) -> None:
    """Unpack the stored schema-3 plan to ``path``."""
    with gzip.open(V3_PLAN, "rb") as source, open(path, "wb") as target:
        shutil.copyfileobj(source, target)
