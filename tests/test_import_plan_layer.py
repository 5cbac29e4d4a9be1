"""Official plan layers replacing the illustrative ones: matched by code or Chinese name, unknown names refused,
areas recomputed, illustrative = 0, and every site's derived fields recomputed in the same transaction."""

from __future__ import annotations

import sqlite3

import pytest
from osgeo import ogr
from qgis.core import QgsGeometry

from pingcheng_plugin.core.exchange.official_layers import PlanLayerImport, PlanLayerOptions
from pingcheng_plugin.core.sites import areas
from pingcheng_plugin.core.store import plan_data, schema
from pingcheng_plugin.core.support.errors import CancelledError, InvalidInputError
from pingcheng_plugin.core.validation import sources
from pingcheng_plugin.plan import vocabulary
from tests.helpers.exchange_files import table_rows, transformed, write_ogr


def layer_rows(plan, table):
    with sqlite3.connect(str(plan)) as con:
        return con.execute(f"SELECT code, name, name_en, illustrative, source, area_km2 FROM {table} "
                           "ORDER BY code").fetchall()


def plan_geometries(plan, spec):
    return {f["code"]: f.geometry() for f in plan_data.open_layer(str(plan), spec).getFeatures()}


def run(plan, kind, path, confirm=True, **options):
    job = PlanLayerImport(str(plan), kind, str(path), PlanLayerOptions(**options))
    try:
        if confirm and job.decision.how == "guessed":
            job.choose_crs(job.decision.crs, job.decision.swap)
        preview = job.analyse()
        return preview, job.commit()
    finally:
        job.close()


def swapped_zones(plan):
    """'Official' zones: Z1 and Z3 trade places, so sites change zone."""
    zones = plan_geometries(plan, schema.ZONES)
    return {"Z1": zones["Z3"], "Z2": zones["Z2"], "Z3": zones["Z1"], "Z4": zones["Z4"]}


def test_zones_by_chinese_name_from_a_gbk_shapefile_without_crs(demo_plan, tmp_path):
    official = swapped_zones(demo_plan)
    rows = []
    for code, geometry in official.items():
        moved = QgsGeometry(geometry)
        moved.translate(38_000_000.0, 0)
        rows.append(({"FQMC": vocabulary.by_code("zone", code).name_zh, "BZ": "正式"}, moved))
    path = write_ogr(tmp_path / "分区.shp", "ESRI Shapefile", rows, epsg=None,
                     columns=(("FQMC", ogr.OFTString), ("BZ", ogr.OFTString)), layer_options=["ENCODING=CP936"])
    path.with_suffix(".cpg").unlink()
    sites_before = {f["name"]: f["zone_code"] for f in plan_data.open_layer(str(demo_plan), schema.SITES)
                    .getFeatures()}
    touching = sum(1 for f in plan_data.open_layer(str(demo_plan), schema.SITES).getFeatures()
                   if {"Z1", "Z3"} & set(str(f["zone_shares"]).replace(";", ":").split(":")))
    job = PlanLayerImport(str(demo_plan), "zone", str(path))
    try:
        assert job.decision.crs.authid() == "EPSG:4526" and job.decision.confirm
        job.choose_crs(job.decision.crs, False)
        preview = job.analyse()
        assert preview.match_field == "FQMC" and [e.code for e in preview.entries] == ["Z1", "Z2", "Z3", "Z4"]
        result = job.commit()
    finally:
        job.close()
    calculator = areas.distance_area()
    rows = layer_rows(demo_plan, schema.ZONES.table)
    assert [(r[0], r[1], r[3]) for r in rows] == [(e.code, e.name_zh, 0) for e in vocabulary.ZONES]
    assert all("分区.shp" in r[4] for r in rows)
    assert rows[0][5] == areas.ellipsoidal_km2(official["Z1"], calculator)
    now = plan_geometries(demo_plan, schema.ZONES)
    assert now["Z1"].hausdorffDistance(official["Z1"]) < 0.001
    sites_after = {f["name"]: f["zone_code"] for f in plan_data.open_layer(str(demo_plan), schema.SITES)
                   .getFeatures()}
    swap = {"Z1": "Z3", "Z3": "Z1"}
    assert sites_after == {name: swap.get(zone, zone) for name, zone in sites_before.items()}
    assert result.sites_updated == touching  # every site whose zone shares name Z1 or Z3
    assert plan_data.recompute_sites(str(demo_plan)) == 0  # nothing left stale
    assert "DERIVED_STALE" not in {f.rule for f in sources.validate_plan(str(demo_plan))}


def test_key_areas_by_code_merging_parts_and_keeping_the_missing(demo_plan, tmp_path):
    keys = plan_geometries(demo_plan, schema.KEY_AREAS)
    halves = keys["K3"].asGeometryCollection() if keys["K3"].isMultipart() else [keys["K3"]]
    box = keys["K3"].boundingBox()
    north = QgsGeometry.fromRect(box).intersection(keys["K3"])
    rows = [({"BM": "K3"}, transformed(north, "EPSG:4326")), ({"BM": "k3"}, transformed(halves[0], "EPSG:4326")),
            ({"BM": "K7"}, transformed(keys["K7"], "EPSG:4326"))]
    path = write_ogr(tmp_path / "keys.geojson", "GeoJSON", rows, epsg=4326, columns=(("BM", ogr.OFTString),))
    preview, result = run(demo_plan, "key_area", path)
    assert result.imported == ["K3", "K7"] and result.removed == []
    assert preview.missing == ["K1", "K2", "K4", "K5", "K6"]
    assert any("K1 防风固沙治理重点区 is not in the file: its current geometry is kept" in w for w in preview.warnings)
    rows = {r[0]: r for r in layer_rows(demo_plan, schema.KEY_AREAS.table)}
    assert rows["K3"][3] == 0 and rows["K1"][3] == 1 and len(rows) == 7
    preview, result = run(demo_plan, "key_area", path, remove_missing=True)
    assert result.removed == ["K1", "K2", "K4", "K5", "K6"]
    assert sorted(r[0] for r in layer_rows(demo_plan, schema.KEY_AREAS.table)) == ["K3", "K7"]
    assert plan_data.recompute_sites(str(demo_plan)) == 0


def test_unknown_names_are_refused_and_nothing_changes(demo_plan, tmp_path):
    zones = plan_geometries(demo_plan, schema.ZONES)
    rows = [({"MC": "城镇空间生态环境发展提升区"}, zones["Z1"]), ({"MC": "生态保护红线区"}, zones["Z2"])]
    path = write_ogr(tmp_path / "z.gpkg", "GPKG", rows, columns=(("MC", ogr.OFTString),))
    before = (table_rows(demo_plan, schema.ZONES.table), table_rows(demo_plan))
    job = PlanLayerImport(str(demo_plan), "zone", str(path))
    try:
        with pytest.raises(InvalidInputError, match="生态保护红线区") as raised:
            job.analyse()
        assert "feature 2" in str(raised.value) and "城镇空间生态环境发展提升区" in str(raised.value)
    finally:
        job.close()
    assert (table_rows(demo_plan, schema.ZONES.table), table_rows(demo_plan)) == before


def test_no_matching_field_and_non_polygons_are_refused(demo_plan, tmp_path):
    zones = plan_geometries(demo_plan, schema.ZONES)
    path = write_ogr(tmp_path / "z.gpkg", "GPKG", [({"ID": "1"}, zones["Z1"])], columns=(("ID", ogr.OFTString),))
    with pytest.raises(InvalidInputError, match="No field"):
        run(demo_plan, "zone", path)
    lines = write_ogr(tmp_path / "l.gpkg", "GPKG", [({"code": "C1"}, zones["Z1"].centroid())],
                      columns=(("code", ogr.OFTString),))
    with pytest.raises(InvalidInputError, match="feature 1: it is a point, not a polygon"):
        run(demo_plan, "corridor", lines)


def test_official_district_boundary(demo_plan, tmp_path):
    district = next(plan_data.open_layer(str(demo_plan), schema.BOUNDARY).getFeatures()).geometry()
    official = district.buffer(-300, 8)  # a slightly different outline
    path = write_ogr(tmp_path / "boundary.shp", "ESRI Shapefile", [({"XZQDM": "140213000000", "XZQMC": "平城区"},
                                                                      official)],
                     columns=(("XZQDM", ogr.OFTString), ("XZQMC", ogr.OFTString)), layer_options=["ENCODING=UTF-8"])
    preview, result = run(demo_plan, "boundary", path)
    assert result.imported == ["140213"]
    ((code, name, name_en, illustrative, source, area),) = layer_rows(demo_plan, schema.BOUNDARY.table)
    assert (code, name, name_en, illustrative) == ("140213", "平城区", "Pingcheng District", 0)
    assert area == areas.ellipsoidal_km2(official, areas.distance_area())
    assert any("the plan states 231.64 km²" in w for w in preview.warnings)
    with sqlite3.connect(str(demo_plan)) as con:
        min_x = con.execute("SELECT min_x FROM gpkg_contents WHERE table_name = 'district_boundary'").fetchone()[0]
    # the sites' extent rule uses the new outline (the R-tree stores it in single precision, rounded outwards)
    assert 0 <= official.boundingBox().xMinimum() - min_x < 0.1


def test_cancel_while_updating_sites_changes_nothing(demo_plan, tmp_path):
    path = write_ogr(tmp_path / "z.gpkg", "GPKG", [({"code": c}, g) for c, g in swapped_zones(demo_plan).items()],
                     columns=(("code", ogr.OFTString),))
    before = (table_rows(demo_plan, schema.ZONES.table), table_rows(demo_plan))
    job = PlanLayerImport(str(demo_plan), "zone", str(path))
    try:
        job.analyse()
        with pytest.raises(CancelledError):
            job.commit(lambda percent, *_: percent < 60)
    finally:
        job.close()
    assert (table_rows(demo_plan, schema.ZONES.table), table_rows(demo_plan)) == before
