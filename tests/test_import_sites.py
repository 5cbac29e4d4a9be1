"""Importing project sites: one test per format with Chinese attributes, the encodings, coordinate systems, the
preview, the single transaction, the rejected-features file, and every kind of bad input changing nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest
from osgeo import ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

from pingcheng_plugin.core.exchange import encoding as enc
from pingcheng_plugin.core.exchange.mapping import FieldMapping
from pingcheng_plugin.core.exchange.pipeline import ImportOptions, SiteImport
from pingcheng_plugin.core.sites import areas
from pingcheng_plugin.core.store import schema
from pingcheng_plugin.core.store.plan_data import plan_fingerprint
from pingcheng_plugin.core.support.errors import CancelledError, InvalidInputError, PlanFileError
from pingcheng_plugin.core.validation import sources
from tests.helpers import open_dataset
from tests.helpers.exchange_files import (
    SITE_COLUMNS,
    csv_file,
    dxf_file,
    free_squares,
    gbk_shapefile,
    run_import,
    site_row,
    site_values,
    table_rows,
    transformed,
    txt_file,
    txt_parcel,
    write_ogr,
)


def assert_imported(plan, rows, expected_type="TDZZ"):
    """The sites are in the plan with their Chinese attributes, a project code and fresh derived fields."""
    sites = site_values(plan)
    calculator = areas.distance_area()
    for values, _geometry in rows:
        site = sites[values["XMMC"]]
        assert site["project_type"] == expected_type
        assert site["project_code"].startswith(f"140213-{expected_type}-")
        assert site["implementer"] == values.get("SSZT", site["implementer"])
        assert site["zone_code"] == "Z3"
        assert site["area_ha"] == areas.ellipsoidal_ha(site["geometry"], calculator)
        assert site["illustrative"] in (False, 0)
    findings = [f for f in sources.validate_plan(str(plan)) if f.is_error]
    assert findings == []


# --- one test per format ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("driver, name, epsg, options", [
    ("GPKG", "sites.gpkg", 4547, []),
    ("ESRI Shapefile", "sites.shp", 4547, ["ENCODING=UTF-8"]),
    ("GeoJSON", "sites.geojson", 4326, []),
    ("KML", "sites.kml", 4326, []),
])
def test_import_ogr_formats_with_chinese_attributes(demo_plan, tmp_path, driver, name, epsg, options):
    squares = free_squares(demo_plan, 3)
    rows = [(site_row(n), transformed(g, f"EPSG:{epsg}")) for n, g in enumerate(squares)]
    if driver == "KML":  # KML names placemarks from a field called Name
        columns = [("Name", ogr.OFTString)] + [c for c in SITE_COLUMNS if c[0] != "XMMC"]
        kml_rows = [({("Name" if k == "XMMC" else k): v for k, v in r.items()}, g) for r, g in rows]
        path = write_ogr(tmp_path / name, driver, kml_rows, epsg, columns)
    else:
        path = write_ogr(tmp_path / name, driver, rows, epsg, layer_options=options)
    job, preview, result = run_import(demo_plan, path)
    assert job.decision.how == "file" and job.decision.crs.authid() == f"EPSG:{epsg}"
    assert (preview.total, preview.accepted, preview.rejected) == (3, 3, 0), preview.summary()
    assert result.imported == 3 and len(result.fids) == 3
    assert_imported(demo_plan, rows)
    site = site_values(demo_plan)[rows[0][0]["XMMC"]]
    assert site["geometry"].hausdorffDistance(squares[0]) < 0.001
    assert site["status"] == "planned" and site["start_year"] == 2024 and site["investment"] == 1000.0


def test_import_dxf_closed_polylines_with_gbk_text(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 2, size=300)
    hole = [p for p in squares[0].buffer(-100, 1).asPolygon()[0]]
    polygons = [("TDZZ", [squares[0].asPolygon()[0], hole], "测试修复项目0号"),
                ("土地整治工程项目", [squares[1].asPolygon()[0]], "测试修复项目1号")]
    path = dxf_file(tmp_path / "cad.dxf", polygons, open_lines=2)
    job, preview, result = run_import(demo_plan, path)
    assert job.source.encoding.encoding == enc.GB18030
    assert "2 open lines" in " ".join(preview.notes)
    assert job.mapping.fields["name"] == "Text" and job.mapping.fields["project_type"] == "Layer"
    assert result.imported == 2
    sites = site_values(demo_plan)
    with_hole = sites["测试修复项目0号"]["geometry"]
    assert with_hole.constGet().geometryN(0).numInteriorRings() == 1
    assert abs(with_hole.area() - (300 * 300 - 100 * 100)) < 1e-6
    assert sites["测试修复项目1号"]["project_type"] == "TDZZ"


def test_import_dxf_with_a_wrong_code_page_header(demo_plan, tmp_path):
    """Converters often write ANSI_1252 over GBK text: the bytes decide."""
    square = free_squares(demo_plan, 1)[0]
    path = dxf_file(tmp_path / "cad.dxf", [("TDZZ", [square.asPolygon()[0]], "测试修复项目0号")],
                    codepage="ANSI_1252")
    job, _preview, result = run_import(demo_plan, path)
    assert job.source.encoding.encoding == enc.GB18030 and job.source.encoding.how == "detected"
    assert "测试修复项目0号" in site_values(demo_plan) and result.imported == 1


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("gbk", ";")])
def test_import_csv_with_wkt(demo_plan, tmp_path, encoding, delimiter):
    squares = free_squares(demo_plan, 2)
    rows = [(site_row(n), g) for n, g in enumerate(squares)]
    header = ["项目名称", "项目类型", "开工年份", "完工年份", "总投资（万元）", "实施主体", "WKT"]
    lines = [[r["XMMC"], r["XMLX"], f"{r['KSNF']}年", r["JSNF"], "1,200万元", r["SSZT"], g.asWkt()] for r, g in rows]
    path = csv_file(tmp_path / "sites.csv", header, lines, encoding, delimiter)
    job, preview, result = run_import(demo_plan, path)
    assert job.source.encoding.encoding == (enc.UTF8 if encoding.startswith("utf") else enc.GB18030)
    assert job.decision.crs.authid() == "EPSG:4547" and job.decision.how == "user"
    assert preview.rejected == 0 and result.imported == 2
    site = site_values(demo_plan)["测试修复项目0号"]
    assert (site["start_year"], site["investment"], site["implementer"]) == (2024, 1200.0, "平城区农业农村局")


def test_import_txt_with_zone_prefix_and_hole(demo_plan, tmp_path):
    outer, other = free_squares(demo_plan, 2, size=300)
    hole = outer.buffer(-100, 1).asPolygon()[0]
    calculator = areas.distance_area()
    stated = areas.ellipsoidal_ha(outer.difference(QgsGeometry.fromPolygonXY([hole])), calculator)
    parcels = [txt_parcel([outer.asPolygon()[0], hole], f"{stated:.4f}", "1", "测试修复项目0号", "土地整治工程项目"),
               txt_parcel([other.asPolygon()[0]], "90000.0000", "2", "测试修复项目1号", "土地整治工程项目",
                          closing=False)]
    path = txt_file(tmp_path / "界址点.txt", parcels, extra="[项目信息]\n项目名称=测试\n")
    job, preview, result = run_import(demo_plan, path)
    assert job.decision.how == "header" and job.decision.crs.authid() == "EPSG:4526"
    assert job.source.encoding.encoding == enc.GB18030
    assert any("[项目信息]" in note for note in preview.notes)
    assert result.imported == 2
    sites = site_values(demo_plan)
    assert sites["测试修复项目0号"]["geometry"].hausdorffDistance(outer.difference(
        QgsGeometry.fromPolygonXY([hole]))) < 0.001
    assert sites["测试修复项目1号"]["geometry"].hausdorffDistance(other) < 0.001
    mismatch = [i for i in preview.issues if i.code == "IMPORT_AREA_MISMATCH"]
    # 300 m x 300 m is 9 ha; the file states it in square metres
    assert [i.index for i in mismatch] == [2] and "90000.0000 ha" in mismatch[0].message
    assert "square metres" in mismatch[0].message and not mismatch[0].is_error


def test_geojson_written_in_gbk_is_read_right(demo_plan, tmp_path):
    """RFC 7946 says UTF-8; some Chinese tools write GBK anyway."""
    square = transformed(free_squares(demo_plan, 1)[0], "EPSG:4326")
    feature = {"type": "Feature", "properties": {"项目名称": "测试修复项目0号", "项目类型": "土地整治工程项目"},
               "geometry": json.loads(square.asJson(9))}
    path = tmp_path / "gbk.geojson"
    path.write_bytes(json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False)
                     .encode("gbk"))
    job, _preview, result = run_import(demo_plan, path)
    assert job.source.encoding.encoding == enc.GB18030 and "not valid UTF-8" in job.source.encoding.note
    assert result.imported == 1 and site_values(demo_plan)["测试修复项目0号"]["project_type"] == "TDZZ"


# --- encodings ---------------------------------------------------------------------------------------------

def test_gbk_shapefile_without_cpg_is_detected(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 2)
    rows = [(site_row(n), g) for n, g in enumerate(squares)]
    path = gbk_shapefile(tmp_path / "gbk.shp", rows)
    job, preview, result = run_import(demo_plan, path)
    assert job.source.encoding.encoding == enc.GB18030 and job.source.encoding.how == "detected"
    assert "测试修复项目0号" in job.source.encoding.samples
    assert result.imported == 2
    assert_imported(demo_plan, rows)


def test_gbk_declared_only_in_the_dbf_code_page_byte(demo_plan, tmp_path):
    rows = [(site_row(0), free_squares(demo_plan, 1)[0])]
    path = gbk_shapefile(tmp_path / "ldid.shp", rows, ldid=0x4D)
    job = SiteImport(str(demo_plan), str(path))
    try:
        assert job.source.encoding.encoding == enc.GB18030 and job.source.encoding.how == "declared"
        assert "code-page byte" in job.source.encoding.note
        assert job.source.sample(1)[0].attributes["XMMC"] == "测试修复项目0号"
    finally:
        job.close()


def test_encoding_can_be_overridden_and_the_preview_shows_it(demo_plan, tmp_path):
    path = gbk_shapefile(tmp_path / "gbk.shp", [(site_row(0), free_squares(demo_plan, 1)[0])])
    job = SiteImport(str(demo_plan), str(path))
    try:
        job.reopen(encoding="ISO-8859-1")
        assert job.source.encoding.how == "user"
        assert job.source.sample(1)[0].attributes["XMMC"] != "测试修复项目0号"  # the preview shows the garbling
        job.reopen(encoding="GBK")
        assert job.source.sample(1)[0].attributes["XMMC"] == "测试修复项目0号"
    finally:
        job.close()


# --- coordinate systems ------------------------------------------------------------------------------------

@pytest.mark.parametrize("offset, swap, expected", [
    (38_000_000.0, False, "EPSG:4526"),  # eastings with the zone number
    (0.0, False, "EPSG:4547"),  # without
])
def test_crs_is_recognised_from_the_numbers(demo_plan, tmp_path, offset, swap, expected):
    square = free_squares(demo_plan, 1)[0]
    moved = QgsGeometry(square)
    moved.translate(offset, 0)
    path = write_ogr(tmp_path / "noprj.shp", "ESRI Shapefile", [(site_row(0), moved)], epsg=None)
    job = SiteImport(str(demo_plan), str(path))
    try:
        assert job.decision.how == "guessed" and job.decision.confirm
        assert job.decision.crs.authid() == expected
        assert "Please confirm" in job.decision.notes[-1]
    finally:
        job.close()
    _job, _preview, result = run_import(demo_plan, path)
    assert result.imported == 1
    assert site_values(demo_plan)["测试修复项目0号"]["geometry"].hausdorffDistance(square) < 0.001


def test_lon_lat_without_crs_in_geojson(demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    path = tmp_path / "lonlat.csv"
    csv_file(path, ["名称", "类型", "geometry"],
             [["测试修复项目0号", "TDZZ", transformed(square, "EPSG:4490").asWkt(12)]])
    job, _preview, result = run_import(demo_plan, path)
    assert job.decision.crs.authid() == "EPSG:4490" and result.imported == 1


def test_swapped_xy_is_detected_and_nothing_changes_until_confirmed(demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    swapped = QgsGeometry(square)
    swapped.translate(38_000_000.0, 0)
    swapped.get().swapXy()
    path = write_ogr(tmp_path / "swapped.geojson", "GeoJSON", [(site_row(0), swapped)], epsg=None)
    before = table_rows(demo_plan)
    job = SiteImport(str(demo_plan), str(path))
    try:
        assert job.decision.swap_detected and "swapped" in job.decision.notes[-1]
        with pytest.raises(InvalidInputError, match="swapped"):
            job.analyse()
    finally:
        job.close()
    assert table_rows(demo_plan) == before
    _job, _preview, result = run_import(demo_plan, path, confirm=False, swap_xy=True)
    assert result.imported == 1
    assert site_values(demo_plan)["测试修复项目0号"]["geometry"].hausdorffDistance(square) < 0.001


def test_wrong_zone_in_the_prj_is_named(demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    prefixed = QgsGeometry(square)
    prefixed.translate(38_000_000.0, 0)
    path = write_ogr(tmp_path / "zone37.shp", "ESRI Shapefile", [(site_row(0), prefixed)], epsg=4525)  # zone 37
    before = table_rows(demo_plan)
    job = SiteImport(str(demo_plan), str(path))
    try:
        assert "EPSG:4525" in job.decision.problem and "EPSG:4526" in job.decision.problem
        assert job.decision.suggestion.crs.authid() == "EPSG:4526"
        with pytest.raises(InvalidInputError, match="EPSG:4526"):
            job.analyse()
        job.choose_crs(QgsCoordinateReferenceSystem("EPSG:4526"), False)
        assert job.analyse().accepted == 1
    finally:
        job.close()
    assert table_rows(demo_plan) == before


def test_one_feature_in_the_wrong_zone_is_rejected_with_the_reason(demo_plan, tmp_path):
    good, bad = free_squares(demo_plan, 2)
    bad = QgsGeometry(bad)
    bad.translate(1_000_000.0, 0)  # eastings of zone 39 where zone 38 is meant
    rows = [(site_row(0), transformed(good, "EPSG:4526")), (site_row(1), transformed(bad, "EPSG:4526"))]
    path = write_ogr(tmp_path / "mixed.gpkg", "GPKG", rows, epsg=4526)
    _job, preview, result = run_import(demo_plan, path)
    (far,) = [i for i in preview.issues if i.code == "IMPORT_FAR_AWAY"]
    assert far.index == 2 and "km from Pingcheng" in far.message
    assert result.imported == 1 and preview.rejected == 1


# --- values, geometries and the preview --------------------------------------------------------------------

def test_values_that_do_not_fit_are_rejected_naming_feature_field_and_value(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 4)
    columns = [("XMMC", ogr.OFTString), ("XMLX", ogr.OFTString), ("KSNF", ogr.OFTString), ("JSNF", ogr.OFTString),
               ("ZTZ", ogr.OFTString)]
    rows = [({"XMMC": "甲", "XMLX": "TDZZ", "KSNF": "2025", "JSNF": "2027", "ZTZ": "约500"}, squares[0]),
            ({"XMMC": "乙", "XMLX": "TDZZ", "KSNF": "二〇二五", "JSNF": "2027", "ZTZ": "500"}, squares[1]),
            ({"XMMC": "丙", "XMLX": "TDZZ", "KSNF": "2025", "JSNF": "2040", "ZTZ": "500"}, squares[2]),
            ({"XMMC": "丁", "XMLX": "矿山修复", "KSNF": "2025", "JSNF": "2027", "ZTZ": "500"}, squares[3])]
    path = write_ogr(tmp_path / "bad.gpkg", "GPKG", rows, columns=columns)
    before = table_rows(demo_plan)
    job, preview, result = run_import(demo_plan, path)
    assert result is None and preview.rejected == 4
    messages = {i.index: i.message for i in preview.issues if i.is_error}
    assert "feature 1" in messages[1] and "ZTZ" in messages[1] and "约500" in messages[1]
    assert "KSNF" in messages[2] and "二〇二五" in messages[2]
    assert "2040" in messages[3] and "丙" in messages[3]
    assert "矿山修复" in messages[4]
    assert table_rows(demo_plan) == before


def test_value_mapping_of_project_types(demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    path = write_ogr(tmp_path / "types.gpkg", "GPKG", [(site_row(0, XMLX="土地整理"), square)])
    mapping = FieldMapping({"name": "XMMC", "project_type": "XMLX", "start_year": "KSNF", "end_year": "JSNF",
                            "investment": "ZTZ"}, {"project_type": {"土地整理": "TDZZ"}})
    _job, preview, result = run_import(demo_plan, path, mapping=mapping)
    assert preview.rejected == 0 and result.imported == 1
    assert site_values(demo_plan)["测试修复项目0号"]["project_type"] == "TDZZ"


def test_non_polygon_geometries_are_rejected(demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    centre = square.centroid()
    line = QgsGeometry.fromWkt(square.asWkt().replace("Polygon ((", "LineString (").replace("))", ")"))
    rows = [(site_row(0), centre), (site_row(1), line), (site_row(2), None)]
    path = write_ogr(tmp_path / "mixed.geojson", "GeoJSON", [(r, transformed(g, "EPSG:4326") if g else None)
                                                             for r, g in rows], epsg=4326)
    before = table_rows(demo_plan)
    _job, preview, result = run_import(demo_plan, path)
    assert result is None and preview.rejected == 3
    messages = [i.message for i in preview.issues]
    assert any("a point, not a polygon" in m for m in messages)
    assert any("a line, not a polygon" in m for m in messages)
    assert any("has no geometry" in m for m in messages)
    assert table_rows(demo_plan) == before


def test_3d_and_measured_geometries_are_imported_flat_with_a_warning(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 2)
    ring_z = ", ".join(f"{p.x()} {p.y()} 1050.5" for p in squares[0].asPolygon()[0])
    ring_m = ", ".join(f"{p.x()} {p.y()} 7" for p in squares[1].asPolygon()[0])
    rows = [(site_row(0), ogr.CreateGeometryFromWkt(f"POLYGON Z (({ring_z}))")),
            (site_row(1), ogr.CreateGeometryFromWkt(f"POLYGON M (({ring_m}))"))]
    path = write_ogr(tmp_path / "zm.gpkg", "GPKG", rows, wkb=False)
    _job, preview, result = run_import(demo_plan, path)
    assert result.imported == 2
    warnings = [i for i in preview.issues if i.code == "IMPORT_Z_DROPPED"]
    assert [w.index for w in warnings] == [1, 2] and not any(w.is_error for w in warnings)
    assert "feature 1" in warnings[0].message and "2D" in warnings[0].message
    sites = site_values(demo_plan)
    for name in ("测试修复项目0号", "测试修复项目1号"):
        geometry = sites[name]["geometry"].constGet()
        assert not geometry.is3D() and not geometry.isMeasure()
    with sqlite3.connect(demo_plan) as con:
        flags = [r[0] for r in con.execute("SELECT hex(substr(geom, 4, 1)) FROM project_sites WHERE name LIKE "
                                           "'测试修复项目%'")]
    assert flags and all(int(f, 16) & 0b1110 in (0, 2) for f in flags)  # GeoPackage header: no Z/M envelope


def test_preview_counts_warnings_and_rejections_before_anything_is_written(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 3)
    rows = [(site_row(0), squares[0]), (site_row(1, ZTZ=None), squares[1]),
            (site_row(2, XMMC="测试修复项目0号"), squares[2])]  # no investment: warning; name repeated: both rejected
    path = write_ogr(tmp_path / "p.gpkg", "GPKG", rows)
    before = table_rows(demo_plan)
    job = SiteImport(str(demo_plan), str(path))
    try:
        preview = job.analyse()
        assert (preview.total, preview.accepted, preview.with_warnings, preview.rejected) == (3, 1, 1, 2)
        assert dict(preview.rejected_reasons) == {"Name not unique": 2}
        assert "3 features read: 1 will be imported (1 with warnings), 2 rejected" in preview.summary()
        assert table_rows(demo_plan) == before
    finally:
        job.close()


def test_duplicate_and_foreign_project_codes(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 3)
    columns = list(SITE_COLUMNS) + [("XMBM", ogr.OFTString)]
    rows = [(dict(site_row(0), XMBM="140213-KSXF-0001"), squares[0]),  # used by a demo site
            (dict(site_row(1), XMBM="140213-TDZZ-0100"), squares[1]),
            (dict(site_row(2), XMBM="A-17"), squares[2])]
    path = write_ogr(tmp_path / "codes.gpkg", "GPKG", rows, columns=columns)
    _job, preview, result = run_import(demo_plan, path)
    codes = {i.index: i.code for i in preview.issues}
    assert codes == {1: "IMPORT_CODE_DUPLICATE", 3: "IMPORT_CODE_FORMAT"}
    sites = site_values(demo_plan)
    assert sites["测试修复项目1号"]["project_code"] == "140213-TDZZ-0100"
    assert sites["测试修复项目2号"]["project_code"].startswith("140213-TDZZ-") and result.imported == 2


def test_a_type_that_is_not_the_plans_is_taken_from_the_project_code(demo_plan, tmp_path):
    """As the plugin's own TXT gives it back once a land survey is imported: 地块用途 holds the land class."""
    squares = free_squares(demo_plan, 4)
    columns = list(SITE_COLUMNS) + [("XMBM", ogr.OFTString)]
    rows = [(dict(site_row(0), XMLX="乔木林地", XMBM="140213-KSXF-0100"), squares[0]),  # the code's type, warned
            (dict(site_row(1), XMLX="", XMBM="140213-LYST-0100"), squares[1]),  # none given: the code's type
            (dict(site_row(2), XMBM="140213-KSXF-0101"), squares[2]),  # a type of the plan given: it is kept
            (dict(site_row(3), XMLX="乔木林地", XMBM="A-17"), squares[3])]  # no plan code: nothing to take
    path = write_ogr(tmp_path / "types.gpkg", "GPKG", rows, columns=columns)
    _job, preview, _result = run_import(demo_plan, path)
    taken = {i.index: i.message for i in preview.issues if i.code == "IMPORT_TYPE_FROM_CODE"}
    assert sorted(taken) == [1, 2] and "乔木林地" in taken[1] and "矿山生态修复项目" in taken[1]
    assert any(i.index == 4 and i.severity.value == "error" for i in preview.issues)  # still an unknown type
    sites = site_values(demo_plan)
    assert [sites[f"测试修复项目{n}号"]["project_type"] for n in range(3)] == ["KSXF", "LYST", "TDZZ"]
    assert "测试修复项目3号" not in sites


def test_rejected_features_file_for_the_sender(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 2)
    rows = [(site_row(0), squares[0]), (site_row(1, JSNF=2040), squares[1])]
    path = gbk_shapefile(tmp_path / "send.shp", rows)
    job = SiteImport(str(demo_plan), str(path))
    try:
        job.choose_crs(job.decision.crs, False)
        job.analyse()
        for name in ("rejected.gpkg", "rejected.csv"):
            written, count = job.write_rejected(str(tmp_path / name))
            assert count == 1
        dataset = open_dataset(str(tmp_path / "rejected.gpkg"))
        (feature,) = list(dataset.GetLayer(0))
        assert feature.GetField("XMMC") == "测试修复项目1号" and feature.GetField("JSNF") == 2040
        assert feature.GetField("SRC_NO") == 2 and "2040" in feature.GetField("REASON")
        assert feature.GetGeometryRef() is not None
        assert "2040" in (tmp_path / "rejected.csv").read_text(encoding="utf-8-sig")
    finally:
        job.close()


# --- the transaction ---------------------------------------------------------------------------------------

def test_a_database_refusal_rolls_back_every_feature(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 3)
    path = write_ogr(tmp_path / "three.gpkg", "GPKG", [(site_row(n), g) for n, g in enumerate(squares)])
    job = SiteImport(str(demo_plan), str(path))
    try:
        assert job.analyse().accepted == 3
        with sqlite3.connect(demo_plan) as con:  # another client's rule, refusing the third site
            con.execute("CREATE TRIGGER refuse BEFORE INSERT ON project_sites WHEN NEW.name = '测试修复项目2号' "
                        "BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
        before = table_rows(demo_plan)
        job._fingerprint = plan_fingerprint(str(demo_plan))  # the test's own trigger is not an edit
        with pytest.raises(PlanFileError, match="测试修复项目2号"):
            job.commit()
        assert table_rows(demo_plan) == before
    finally:
        job.close()


def test_commit_refuses_a_stale_preview(demo_plan, tmp_path):
    path = write_ogr(tmp_path / "one.gpkg", "GPKG", [(site_row(0), free_squares(demo_plan, 1)[0])])
    job = SiteImport(str(demo_plan), str(path))
    try:
        job.analyse()
        dataset = open_dataset(str(demo_plan), update=True)  # another program edits a site meanwhile
        dataset.ExecuteSQL("UPDATE project_sites SET modified_at = '2099-01-01T00:00:00Z' WHERE fid = 1")
        dataset = None
        before = table_rows(demo_plan)
        with pytest.raises(PlanFileError, match="changed since the preview"):
            job.commit()
        assert table_rows(demo_plan) == before
    finally:
        job.close()


def test_require_all_imports_nothing_when_one_is_rejected(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 2)
    path = write_ogr(tmp_path / "two.gpkg", "GPKG", [(site_row(0), squares[0]), (site_row(1, KSNF=1999), squares[1])])
    before = table_rows(demo_plan)
    job = SiteImport(str(demo_plan), str(path), ImportOptions(require_all=True))
    try:
        assert job.analyse().rejected == 1
        with pytest.raises(InvalidInputError, match="all-or-nothing"):
            job.commit()
    finally:
        job.close()
    assert table_rows(demo_plan) == before


def _many(plan, tmp_path, count=2000):
    squares = free_squares(plan, count, size=40.0, gap=5.0, zone="Z3")
    rows = [(site_row(n), g) for n, g in enumerate(squares)]
    return write_ogr(tmp_path / "many.gpkg", "GPKG", rows)


def test_cancel_in_the_middle_leaves_the_geopackage_as_before(demo_plan, tmp_path):
    path = _many(demo_plan, tmp_path)
    before = table_rows(demo_plan)
    job = SiteImport(str(demo_plan), str(path))
    seen = []
    try:
        preview = job.analyse(lambda percent, *_: seen.append(percent) or True)
        assert preview.accepted == 2000 and seen == sorted(seen) and seen[-1] == 100
        written = []

        def cancel_halfway(percent, *_):
            written.append(percent)
            return percent < 50

        with pytest.raises(CancelledError):
            job.commit(cancel_halfway)
        assert 40 <= written[-1] <= 60
        assert table_rows(demo_plan) == before
        with pytest.raises(CancelledError):  # and while checking
            job.analyse(lambda percent, *_: percent < 60)
        assert table_rows(demo_plan) == before
    finally:
        job.close()


# --- bad files ----------------------------------------------------------------------------------------------

def test_empty_layer(demo_plan, tmp_path):
    path = write_ogr(tmp_path / "empty.gpkg", "GPKG", [], geometry_type=ogr.wkbPolygon)
    with pytest.raises(InvalidInputError, match="no features"):
        SiteImport(str(demo_plan), str(path))
    empty_csv = csv_file(tmp_path / "empty.csv", ["名称", "WKT"], [])
    with pytest.raises(InvalidInputError, match="no features"):
        run_import(demo_plan, empty_csv)


def test_truncated_files_are_refused_and_change_nothing(demo_plan, tmp_path):
    squares = free_squares(demo_plan, 60, size=40.0, gap=5.0)
    rows = [(site_row(n), g) for n, g in enumerate(squares)]
    before = table_rows(demo_plan)
    geojson = write_ogr(tmp_path / "cut.geojson", "GeoJSON", rows, epsg=4547)
    geojson.write_bytes(geojson.read_bytes()[: len(geojson.read_bytes()) // 2])
    with pytest.raises(InvalidInputError, match="cannot be read"):
        SiteImport(str(demo_plan), str(geojson))
    shapefile = write_ogr(tmp_path / "cut.shp", "ESRI Shapefile", rows, layer_options=["ENCODING=UTF-8"],
                          geometry_type=ogr.wkbPolygon)
    dbf = shapefile.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes()[: len(dbf.read_bytes()) // 2])
    with pytest.raises(InvalidInputError, match="damaged or truncated"):
        run_import(demo_plan, shapefile)
    gpkg_file = tmp_path / "cut.gpkg"
    gpkg_file.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(InvalidInputError, match="cannot be read"):
        SiteImport(str(demo_plan), str(gpkg_file))
    assert table_rows(demo_plan) == before


def test_malformed_csv_rows_are_rejected_with_their_line(demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    path = csv_file(tmp_path / "bad.csv", ["名称", "类型", "WKT"],
                    [["测试修复项目0号", "TDZZ", square.asWkt()], ["坏行", "TDZZ", "POLYGON ((1 2, 3"],
                     ["短行"]])
    _job, preview, result = run_import(demo_plan, path)
    assert result.imported == 1 and preview.rejected == 2
    messages = " ".join(i.message for i in preview.issues)
    assert "line 3" in messages and "WKT" in messages and "line 4" in messages


def test_a_file_that_is_not_a_plan(demo_plan, tmp_path):
    other = write_ogr(tmp_path / "other.gpkg", "GPKG", [(site_row(0), free_squares(demo_plan, 1)[0])])
    with pytest.raises(PlanFileError, match="not a Pingcheng plan"):
        SiteImport(str(other), str(other))
    spreadsheet = tmp_path / "sites.xlsx"
    spreadsheet.write_bytes(b"PK\x03\x04")
    with pytest.raises(InvalidInputError, match="cannot be imported"):
        SiteImport(str(demo_plan), str(spreadsheet))


def test_sites_from_another_plan_file(demo_plan, tmp_path, empty_plan):
    """A colleague's plan GeoPackage: its project_sites layer is chosen among the plan's layers."""
    job = SiteImport(str(empty_plan), str(demo_plan))
    try:
        assert job.source.layer == schema.SITES.table
        assert job.mapping.fields["name"] == "name" and job.mapping.fields["project_code"] == "project_code"
    finally:
        job.close()
