"""The exchange building blocks on their own: encoding detection, CRS recognition, field and value mapping,
remembered mappings, DXF polygons from CAD rings."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsRectangle, QgsSettings
from qgis.PyQt.QtCore import QSettings

from pingcheng_plugin.core.exchange import crs as crs_module
from pingcheng_plugin.core.exchange import dxf, formats, mapping
from pingcheng_plugin.core.exchange import encoding as enc
from pingcheng_plugin.core.exchange.geometry import nest_rings
from pingcheng_plugin.core.support.errors import InvalidInputError
from pingcheng_plugin.core.support.settings import Settings
from tests.helpers import square
from tests.helpers.exchange_files import dxf_file

#: The demo district's box in EPSG:4547 is near this; tests build boxes relative to it.
DISTRICT = QgsRectangle(431_954.0, 4_427_615.0, 448_559.0, 4_449_182.0)


# --- encodings --------------------------------------------------------------------------------------------

def test_detect_utf8_gbk_and_ascii():
    text = "矿山生态修复项目"
    assert enc.detect([text.encode("utf-8"), b"plain"]) == enc.UTF8
    assert enc.detect([text.encode("gbk")]) == enc.GB18030
    assert enc.detect([b"plain", b"ascii"]) is None
    assert enc.detect([bytes([0x81, 0x20, 0xFF])]) == enc.LATIN1


def test_a_gbk_character_cut_by_a_field_width_still_counts_as_gbk():
    cut = "平城区".encode("gbk")[:-1]
    assert enc.decodes(cut, enc.GB18030) and not enc.decodes(cut, enc.UTF8)


@pytest.mark.parametrize("spelling, expected", [
    ("auto", enc.AUTO), ("", enc.AUTO), ("GBK", enc.GB18030), ("cp936", enc.GB18030), ("ANSI_936", enc.GB18030),
    ("936", enc.GB18030), ("utf8", enc.UTF8), ("UTF-8", enc.UTF8), ("Big5", enc.BIG5), ("latin1", enc.LATIN1)])
def test_encoding_names(spelling, expected):
    assert enc.normalise(spelling) == expected


def test_unknown_encoding_is_refused():
    with pytest.raises(InvalidInputError, match="Unknown encoding “EBCDIC”"):
        enc.normalise("EBCDIC")


def test_declared_encoding_is_checked_against_the_bytes(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("名称,WKT\n平城区,POINT(1 2)\n".encode("gbk"))
    guess = enc.detect_text_file(str(path))
    assert guess.encoding == enc.GB18030 and guess.samples[0].startswith("名称")
    path.write_bytes(b"\xef\xbb\xbf" + "名称,WKT\n".encode())
    assert enc.detect_text_file(str(path)).how == "declared"


def test_dxf_encoding_from_header_version_and_bytes(tmp_path):
    ring = [square(0, 0, 10, multi=False).asPolygon()[0]]
    assert enc.detect_dxf(str(dxf_file(tmp_path / "a.dxf", [("0", ring, "平城")]))).encoding == enc.GB18030
    utf8 = dxf_file(tmp_path / "b.dxf", [("0", ring, "平城")], encoding="utf-8", codepage="ANSI_936")
    assert enc.detect_dxf(str(utf8)).how == "detected" and enc.detect_dxf(str(utf8)).encoding == enc.UTF8


# --- coordinate systems -----------------------------------------------------------------------------------

def _box(x, y, size=1000.0):
    return QgsRectangle(x, y, x + size, y + size)


@pytest.mark.parametrize("box, expected, swap", [
    (_box(440_000, 4_440_000), "EPSG:4547", False),
    (_box(38_440_000, 4_440_000), "EPSG:4526", False),
    (QgsRectangle(113.30, 40.05, 113.31, 40.06), "EPSG:4490", False),
    (QgsRectangle(4_440_000, 440_000, 4_441_000, 441_000), "EPSG:4547", True),
    (QgsRectangle(4_440_000, 38_440_000, 4_441_000, 38_441_000), "EPSG:4526", True),
    (_box(19_695_000, 4_440_000), "EPSG:4497", False),  # 6-degree zone 19 (central meridian 111°E)
])
def test_recognised_from_the_numbers(box, expected, swap):
    decision = crs_module.decide(None, box, DISTRICT)
    assert (decision.crs.authid(), decision.swap, decision.how, decision.confirm) == (expected, swap, "guessed", True)
    assert decision.swap_detected == swap


def test_declared_and_fitting_is_simply_used():
    decision = crs_module.decide(QgsCoordinateReferenceSystem("EPSG:4526"), _box(38_440_000, 4_440_000), DISTRICT)
    assert decision.how == "file" and decision.problem is None and not decision.confirm


def test_declared_without_prefix_but_numbers_with_it():
    decision = crs_module.decide(QgsCoordinateReferenceSystem("EPSG:4547"), _box(38_440_000, 4_440_000), DISTRICT)
    assert "EPSG:4547" in decision.problem and decision.suggestion.crs.authid() == "EPSG:4526"
    assert "zone number 38" in decision.problem


def test_numbers_of_another_central_meridian():
    """A survey of Pingcheng computed on central meridian 111°E: its eastings are ~195 km east of that meridian."""
    from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext

    to_111 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateReferenceSystem(
        "EPSG:4546"), QgsCoordinateTransformContext())
    point = to_111.transform(QgsPointXY(440_000, 4_440_000))
    declared = crs_module.decide(QgsCoordinateReferenceSystem("EPSG:4547"), _box(point.x(), point.y()), DISTRICT)
    assert declared.problem and declared.suggestion.crs.authid() == "EPSG:4546"


def test_geojson_default_wgs84_with_projected_numbers_is_recognised():
    decision = crs_module.decide(QgsCoordinateReferenceSystem("EPSG:4326"), _box(440_000, 4_440_000), DISTRICT)
    assert decision.crs.authid() == "EPSG:4547" and "not longitudes and latitudes" in decision.notes[0]


def test_nothing_fits():
    decision = crs_module.decide(None, _box(10, 10), DISTRICT)
    assert decision.crs is None and "Choose the coordinate system" in decision.problem
    user = crs_module.decide(None, _box(10, 10), DISTRICT, QgsCoordinateReferenceSystem("EPSG:4547"))
    assert user.problem and "km from Pingcheng" in user.problem


def test_zone_helpers():
    assert crs_module.zone_of(QgsCoordinateReferenceSystem("EPSG:4526")) == (38, True)
    assert crs_module.zone_of(QgsCoordinateReferenceSystem("EPSG:4547")) == (38, False)
    assert crs_module.zone_crs(38, True).authid() == "EPSG:4526"
    assert crs_module.zone_crs(38, False).authid() == "EPSG:4547"


# --- mapping ------------------------------------------------------------------------------------------------

def test_guessed_from_the_names_institutes_use():
    guessed = mapping.guess_mapping(["XMMC", "XM_LX", "总投资（万元）", "开工年份", "JSNF", "MJ_亩", "备注",
                                     "OBJECTID"])
    assert guessed.fields == {"name": "XMMC", "project_type": "XM_LX", "investment": "总投资（万元）",
                              "start_year": "开工年份", "end_year": "JSNF", "stated_area": "MJ_亩", "remarks": "备注"}
    assert guessed.area_unit == "mu"


def test_the_plan_s_own_names_and_short_names_round_trip():
    own = mapping.guess_mapping(["project_code", "name", "project_type", "investment", "area_ha"])
    assert own.fields["project_code"] == "project_code" and own.fields["stated_area"] == "area_ha"
    short = mapping.guess_mapping(list(mapping.SHAPEFILE_NAMES.values()))
    assert short.fields["implementer"] == "SSZT" and short.fields["stated_area"] == "TQMJ"


@pytest.mark.parametrize("value, expected", [(2025, 2025), (2025.0, 2025), ("2025", 2025), ("2025年", 2025),
                                             ("2025-03-01", 2025), ("２０２５", 2025), (None, None), ("", None)])
def test_years(value, expected):
    assert mapping.to_year(value) == expected


@pytest.mark.parametrize("value", ["二〇二五", "明年", "20a5", True])
def test_not_years(value):
    with pytest.raises(mapping.UnfitValueError, match="is not a year"):
        mapping.to_year(value)


@pytest.mark.parametrize("value, expected", [("1,200", 1200.0), ("1200万元", 1200.0), ("1.5亿元", 15000.0),
                                             ("500000元", 50.0), (12.5, 12.5), ("１２００", 1200.0)])
def test_numbers(value, expected):
    assert mapping.to_number(value) == pytest.approx(expected)


def test_converter_names_field_source_and_value():
    converter = mapping.ValueConverter(mapping.FieldMapping({"investment": "ZTZ", "project_type": "LX"},
                                                            {"project_type": {"矿山修复": "KSXF"}}))
    converted = converter.convert({"ZTZ": "约500", "LX": "矿山修复"})
    assert converted.values["project_type"] == "KSXF"
    (error,) = converted.errors
    assert "ZTZ" in error and "约500" in error and "is not a number" in error


def test_value_suggestions_and_unresolved_values():
    assert mapping.suggest("project_type", "矿山生态修复").code == "KSXF"
    assert mapping.suggest("project_type", "人工智能") is None
    assert mapping.unresolved_values("project_type", ["KSXF", "土地整治工程项目", "土地整理", None, "土地整理"]) == \
        ["土地整理"]
    assert mapping.resolve("status", "在建") == "building"


def test_mapping_json_and_its_errors():
    text = json.dumps({"fields": {"name": "XMMC"}, "values": {"project_type": {"矿山修复": "KSXF"}},
                       "area_unit": "m2"}, ensure_ascii=False)
    parsed = mapping.FieldMapping.from_json(text)
    assert mapping.FieldMapping.from_json(parsed.to_json()) == parsed
    assert mapping.FieldMapping.from_json('{"name": "XMMC"}').fields == {"name": "XMMC"}
    for bad, words in (("{", "not valid JSON"), ('{"fields": {"zone_code": "FQ"}}', "cannot be imported"),
                       ('{"values": {"project_type": {"x": "NOPE"}}}', "unknown codes"),
                       ('{"area_unit": "acre"}', "Unknown area unit")):
        with pytest.raises(InvalidInputError, match=words):
            mapping.FieldMapping.from_json(bad)
    with pytest.raises(InvalidInputError, match="does not have: XMMC"):
        parsed.check(["名称"])


def test_mappings_are_remembered_per_source_layout(tmp_path):
    settings = Settings(QgsSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    layout = mapping.layout_signature(["XMMC", "XMLX", "Shape_Area"])
    assert layout == mapping.layout_signature(["xmlx", "shape_area ", "XMMC"])  # same layout, any order or case
    assert layout != mapping.layout_signature(["XMMC", "XMLX"])
    assert settings.field_mapping(layout) == ""
    chosen = mapping.FieldMapping({"name": "XMMC", "project_type": "XMLX"}, {"project_type": {"矿山": "KSXF"}})
    settings.set_field_mapping(layout, chosen.to_json())
    assert mapping.FieldMapping.from_json(settings.field_mapping(layout)) == chosen


# --- formats and CAD rings ----------------------------------------------------------------------------------

def test_formats_by_extension():
    assert [formats.for_path(p).id for p in ("a.GPKG", "b.shp", "c.dbf", "d.json", "e.kml", "f.dxf", "g.csv",
                                             "h.txt")] == ["gpkg", "shp", "shp", "geojson", "kml", "dxf", "csv", "txt"]
    assert formats.with_extension("/tmp/out", "shp") == "/tmp/out.shp"
    assert formats.with_extension("/tmp/out.geojson", "geojson") == "/tmp/out.geojson"
    assert "*.gpkg" in formats.file_filter()


def test_rings_nest_into_polygons_with_holes_and_islands():
    outer, hole, island, separate = (square(x, y, size, multi=False).asPolygon()[0]
                                     for x, y, size in ((0, 0, 100), (10, 10, 50), (20, 20, 10), (200, 0, 10)))
    polygons = nest_rings([island, separate, hole, outer])
    assert sorted(len(p) for p in polygons) == [1, 1, 2]  # outer with its hole, the island, the separate square


def test_mtext_codes_are_removed():
    assert dxf.clean_text(r"{\fSimSun|b0|i0;平城区\P矿山}") == "平城区 矿山"
