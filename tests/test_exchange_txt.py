"""The 界址点坐标 TXT: parsing what bureaus send (closing point or not, holes, extra sections, GBK or UTF-8),
the round trip with a known parcel area, and each malformed parcel named with its line."""

from __future__ import annotations

import io

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY

from pingcheng_plugin.core.exchange import encoding as enc
from pingcheng_plugin.core.exchange import readers, txt
from pingcheng_plugin.core.exchange.pipeline import ImportOptions, SiteImport
from pingcheng_plugin.core.exchange.writers import export_sites
from pingcheng_plugin.core.sites import areas
from pingcheng_plugin.core.support.errors import InvalidInputError
from tests.helpers import square
from tests.helpers.exchange_files import (
    TXT_HEADER,
    free_squares,
    plan_without_sites,
    run_import,
    site_values,
    table_rows,
    txt_file,
    txt_parcel,
)
from tests.helpers.survey import survey_area

RING = square(440000.0, 4430000.0, 100.0, multi=False).asPolygon()[0]


def parcels(path, encoding=enc.GB18030):
    return list(txt.iter_parcels(str(path), encoding))


def test_header_and_crs_from_the_header(tmp_path):
    path = txt_file(tmp_path / "a.txt", [txt_parcel([RING], "1.0000", "1", "甲")])
    header = txt.read_header(str(path), enc.GB18030)
    assert header.get("坐标系") == "2000国家大地坐标系" and header.get("带号") == "38"
    reference, notes = txt.header_crs(header, 38_440_000.0)
    assert reference.authid() == "EPSG:4526" and notes == []
    reference, _ = txt.header_crs(header, 440_000.0)  # eastings without the zone number
    assert reference.authid() == "EPSG:4547"


def test_xian80_header_is_read_with_a_warning(tmp_path):
    path = txt_file(tmp_path / "a.txt", [txt_parcel([RING], "1", "1", "甲")],
                    header=TXT_HEADER.replace("2000国家大地坐标系", "1980西安坐标系"))
    reference, notes = txt.header_crs(txt.read_header(str(path), enc.GB18030), 38_440_000.0)
    assert reference.authid() == "EPSG:2362" and "转换参数" in notes[0]


@pytest.mark.parametrize("closing", [True, False])
def test_closing_point_present_or_absent(tmp_path, closing):
    path = txt_file(tmp_path / "a.txt", [txt_parcel([RING], "1.0000", "1", "甲", closing=closing)])
    (parcel,) = parcels(path)
    assert parcel.problem is None
    geometry = txt.parcel_geometry(parcel)
    assert geometry.hausdorffDistance(QgsGeometry.fromPolygonXY([[QgsPointXY(p.x() + 38e6, p.y()) for p in RING]])) \
        < 1e-6


def test_holes_utf8_bom_and_extra_sections(tmp_path):
    hole = square(440020.0, 4430020.0, 20.0, multi=False).asPolygon()[0]
    extra = "[项目信息]\n项目名称=平城区示范项目\n建设单位=平城区自然资源局\n"
    path = txt_file(tmp_path / "a.txt", [txt_parcel([RING, hole], "0.9600", "7", "有洞地块")], encoding="utf-8-sig",
                    extra=extra)
    source = readers.open_source(str(path))
    try:
        assert source.encoding.encoding == enc.UTF8 and "byte-order mark" in source.encoding.note
        assert any("[项目信息]" in note for note in source.notes)
        (feature,) = list(source.features())
        assert feature.attributes["地块名称"] == "有洞地块" and feature.attributes["地块面积"] == 0.96
        assert feature.geometry.constGet().geometryN(0).numInteriorRings() == 1
        assert abs(feature.geometry.area() - (10000 - 400)) < 1e-6
    finally:
        source.close()


@pytest.mark.parametrize("lines, words", [
    (lambda: txt_parcel([RING], "1", "1", "甲", count=7), ["declares 7 points but has 5", "line 13"]),
    (lambda: txt_parcel([RING], "1", "1", "甲")[:-2], ["declares 5 points but has 3"]),  # truncated
    (lambda: _unclosed(), ["not closed", "J1"]),
    (lambda: txt_parcel([RING[:2] + RING[:1]], "1", "1", "甲"), ["2 distinct points"]),
    (lambda: txt_parcel([RING], "1", "1", "甲")[:2] + ["J2,1,abc,38440100.000"] +
     txt_parcel([RING], "1", "1", "甲")[3:], ["“abc” is not a number", "line 15"]),
    (lambda: txt_parcel([RING], "1", "1", "甲")[:2] + ["J2,1,4430000.000"] + txt_parcel([RING], "1", "1", "甲")[3:],
     ["not a point row"]),
    (lambda: ["x,1,1,甲,面,,,,@"] + txt_parcel([RING], "1", "1", "甲")[1:], ["point count “x” is not a number"]),
])
def test_malformed_parcels_are_named(tmp_path, lines, words):
    good = txt_parcel([square(440200.0, 4430000.0, 100.0, multi=False).asPolygon()[0]], "1", "2", "乙")
    path = txt_file(tmp_path / "bad.txt", [lines(), good])
    first, second = parcels(path)
    assert first.problem is not None
    for word in words:
        assert word in first.problem
    assert second.problem is None


def _unclosed():
    lines = txt_parcel([RING], "1", "1", "甲")
    lines[-1] = "J1,1,4430050.000,38440000.000"  # says J1 again, but somewhere else
    return lines


def test_files_that_are_not_coordinate_files(tmp_path):
    no_section = tmp_path / "a.txt"
    no_section.write_text(TXT_HEADER, encoding="gbk")
    with pytest.raises(InvalidInputError, match=r"no \[地块坐标\] section"):
        readers.open_source(str(no_section))
    orphan = tmp_path / "b.txt"
    orphan.write_text(TXT_HEADER + "[地块坐标]\nJ1,1,4430000.000,38440000.000\n", encoding="gbk")
    with pytest.raises(InvalidInputError, match="line 13"):
        parcels(orphan)
    empty = txt_file(tmp_path / "c.txt", [])
    with pytest.raises(InvalidInputError, match="no features"):
        readers.open_source(str(empty))


def test_wrong_encoding_is_a_clear_error(tmp_path):
    path = txt_file(tmp_path / "a.txt", [txt_parcel([RING], "1", "1", "中文名称")], encoding="gbk")
    with pytest.raises(InvalidInputError, match="not UTF-8 text"):
        readers.open_source(str(path), "UTF-8")


def test_writer_numbers_points_and_rings_like_the_format():
    polygon = [RING, square(440020.0, 4430020.0, 20.0, multi=False).asPolygon()[0]]
    lines = txt.parcel_lines(txt.ParcelOut(0.96, "140213-TDZZ-0001", "名称,带逗号", "土地整治工程项目",
                                           [polygon, [square(441000.0, 4430000.0, 10.0, multi=False).asPolygon()[0]]]),
                             3)
    assert lines[0] == "15,0.9600,140213-TDZZ-0001,名称，带逗号,面,,土地整治工程项目,,@"
    # clockwise from the north-west corner, as cadastral files are, closed with its first point
    assert lines[1:6] == ["J1,1,4430100.000,440000.000", "J2,1,4430100.000,440100.000", "J3,1,4430000.000,440100.000",
                          "J4,1,4430000.000,440000.000", "J1,1,4430100.000,440000.000"]
    assert lines[6] == "J5,2,4430040.000,440020.000" and lines[7] == "J6,2,4430040.000,440040.000"  # the hole
    assert lines[10].startswith("J5,2,")
    assert lines[11].startswith("J9,3,") and len(lines) == 16


def test_txt_round_trip_with_a_known_parcel_area(demo_plan, tmp_path):
    """A 200 m square site: the TXT states its ellipsoidal area (checked against an independent computation) and
    the import gives back the same boundary within 1 mm, with no area warning."""
    site = free_squares(demo_plan, 1, size=200.0)[0]
    known = survey_area([(p.x(), p.y()) for p in site.asPolygon()[0]]) / 10000
    assert abs(known - 4.0) < 0.01 and abs(known - 4.0) > 1e-6  # ellipsoidal, not the planar 4 ha
    path = txt_file(tmp_path / "one.txt", [txt_parcel([site.asPolygon()[0]], "0", "1", "测试修复项目0号",
                                                      "土地整治工程项目")])
    run_import(demo_plan, path)
    code = site_values(demo_plan)["测试修复项目0号"]["project_code"]
    exported = export_sites(str(demo_plan), str(tmp_path / "out.txt"), "txt", expression=f"\"project_code\" = '{code}'")
    assert exported.count == 1
    text = (tmp_path / "out.txt").read_text(encoding="gbk")
    head = text.split("[地块坐标]")[1].strip().splitlines()[0].split(",")
    assert head[0] == "5" and head[2] == code and head[3] == "测试修复项目0号" and head[6] == "土地整治工程项目"
    assert abs(float(head[1]) - known) < 0.00005 + 1e-6  # 4 decimals of a hectare
    assert float(head[1]) == pytest.approx(areas.ellipsoidal_ha(site, areas.distance_area()), abs=1e-9)

    from pingcheng_plugin.core.store import gpkg

    gpkg.copy_database(str(demo_plan), str(tmp_path / "copy.gpkg"))
    target = plan_without_sites(tmp_path / "copy.gpkg")
    job = SiteImport(str(target), str(tmp_path / "out.txt"), ImportOptions())
    try:
        preview = job.analyse()
        assert [i.code for i in preview.issues if i.code == "IMPORT_AREA_MISMATCH"] == []
        job.commit()
    finally:
        job.close()
    back = site_values(target)["测试修复项目0号"]
    assert back["project_code"] == code and back["project_type"] == "TDZZ"
    assert back["geometry"].hausdorffDistance(site) < 0.001
    assert back["area_ha"] == site_values(demo_plan)["测试修复项目0号"]["area_ha"]


def test_swapped_columns_are_detected(demo_plan, tmp_path):
    site = free_squares(demo_plan, 1)[0]
    path = txt_file(tmp_path / "swapped.txt", [txt_parcel([site.asPolygon()[0]], "4", "1", "甲", swap=True)])
    before = table_rows(demo_plan)
    job = SiteImport(str(demo_plan), str(path))
    try:
        assert job.decision.problem and "swapped" in job.decision.problem
        with pytest.raises(InvalidInputError, match="swapped"):
            job.analyse()
    finally:
        job.close()
    assert table_rows(demo_plan) == before


def test_writer_streams_to_any_text_handle():
    handle = io.StringIO()
    count = txt.write(handle, txt.default_header(QgsCoordinateReferenceSystem("EPSG:4526")),
                      [txt.ParcelOut(1.0, "1", "甲", "", [[RING]])])
    text = handle.getvalue()
    assert count == 1 and "带号=38" in text and text.index("[属性描述]") < text.index("[地块坐标]")
