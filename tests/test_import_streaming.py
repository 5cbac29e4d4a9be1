"""The import's streaming paths (issue 14) give what the file says: a GBK GeoJSON larger than the encoding scan's
read block, with more features than one spool batch and one validation chunk, and typed source fields read by
their type. The references are the file itself (json, shapely's planar area and validity) and GDAL's own generic
``Feature.GetField``; the plan is read back with sqlite3 and OGR."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from osgeo import ogr
from shapely.geometry import Polygon
from shapely.wkb import loads as wkb_loads

from pingcheng_plugin.core.exchange import encoding
from tests.helpers.exchange_files import free_squares, site_values, write_ogr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate_sites  # noqa: E402

COUNT = 3000  # > 2 spool batches and validation chunks of 1,000; GBK text of more than 1 MiB


def run(parameters):
    import processing
    from qgis.core import QgsProcessingFeedback

    return processing.run("pingcheng:importsites", parameters, feedback=QgsProcessingFeedback())


def ogr_rows(path: Path, layer_name=None):
    """(attributes by GDAL's generic GetField, shapely geometry) of every feature, in order."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    rows = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        rows.append(({name: feature.GetField(name) for name in names},
                     wkb_loads(bytes(geometry.ExportToWkb())) if geometry is not None else None))
    return rows


@pytest.fixture(scope="module")
def generated(qgis_app):
    return generate_sites.generate(COUNT, cells=generate_sites.district_cells())


def test_a_large_gbk_geojson_imports_as_the_file_says(provider, empty_plan, tmp_path, generated):
    source = tmp_path / "sites_gbk.geojson"
    source.write_bytes(generate_sites.to_geojson(generated).encode("gbk"))
    assert source.stat().st_size > (1 << 20)  # the encoding scan reads it in more than one block

    rejected = tmp_path / "rejected.gpkg"
    result = run({"INPUT": str(source), "PLAN": str(empty_plan), "REJECTED": str(rejected)})

    # the rings as the file writes them (to 1 cm), parsed by json: what the import must store
    rings = {f["properties"]["name"]: Polygon(f["geometry"]["coordinates"][0])
             for f in json.loads(generate_sites.to_geojson(generated))["features"]}
    invalid = {name for name, polygon in rings.items() if not polygon.is_valid}
    assert len(invalid) == round(COUNT * generate_sites.BOWTIE_SHARE)
    assert result["REJECTED_COUNT"] == len(invalid)
    assert result["IMPORTED"] == COUNT - len(invalid)
    assert {row["name"] for row, _ in ogr_rows(rejected)} == invalid

    with sqlite3.connect(str(empty_plan)) as con:
        stored = {r[0]: r[1:] for r in con.execute(
            "SELECT name, project_type, status, start_year, end_year, investment, area_proj_ha, project_code "
            "FROM project_sites")}
    assert len(stored) == COUNT - len(invalid)
    for site in generated:
        name = site.properties["name"]
        if name in invalid:
            continue
        project_type, status, start, end, investment, area_ha, code = stored[name]  # GBK names read back intact
        p = site.properties
        assert (project_type, status, start, end) == (p["project_type"], p["status"], p["start_year"],
                                                      p["end_year"])
        assert investment == pytest.approx(p["investment"])
        assert area_ha == pytest.approx(rings[name].area / 10000, abs=0.51e-4)  # planar, to 4 decimals
        assert code.startswith(f"140213-{project_type}-")
    for attributes, geometry in ogr_rows(empty_plan, "project_sites"):  # boundaries as the file gives them
        assert geometry.equals(rings[attributes["name"]])


def test_typed_source_fields_read_as_gdal_reads_them(provider, demo_plan, tmp_path):
    columns = (("XMMC", ogr.OFTString), ("XMLX", ogr.OFTString), ("KSNF", ogr.OFTInteger64),
               ("JSNF", ogr.OFTInteger), ("ZTZ", ogr.OFTReal), ("BZ", ogr.OFTString), ("SYSJ", ogr.OFTInteger))
    squares = free_squares(demo_plan, 4)
    rows = [({"XMMC": f"类型测试项目{n}号", "XMLX": "土地整治工程项目", "KSNF": 2024 + n, "JSNF": 2030 if n else None,
              "ZTZ": 1234.5 + n if n != 2 else None, "BZ": None if n == 1 else f"备注{n}", "SYSJ": n % 2},
             geometry) for n, geometry in enumerate(squares)]
    source = write_ogr(tmp_path / "typed.gpkg", "GPKG", [], columns=())
    dataset = ogr.Open(str(source), 1)
    layer = dataset.GetLayer(0)
    for name, kind in columns:
        field = ogr.FieldDefn(name, kind)
        if name == "SYSJ":
            field.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(field)
    for values, geometry in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in values.items():
            feature.SetField(name, value)  # None: NULL
        feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geometry.asWkb())))
        layer.CreateFeature(feature)
    dataset = None

    result = run({"INPUT": str(source), "PLAN": str(demo_plan), "REJECTED": str(tmp_path / "rejected.gpkg")})
    assert (result["IMPORTED"], result["REJECTED_COUNT"]) == (4, 0)

    reference = ogr_rows(source)
    assert [type(row["SYSJ"]) for row, _ in reference] == [bool] * 4  # GDAL's own reading of the subtype
    stored = site_values(demo_plan)
    for row, geometry in reference:
        site = stored[row["XMMC"]]
        assert site["project_type"] == "TDZZ"
        assert (site["start_year"], site["end_year"]) == (row["KSNF"], row["JSNF"])
        assert site["investment"] == row["ZTZ"]
        assert site["remarks"] == row["BZ"]
        assert bool(site["illustrative"]) is row["SYSJ"]
        assert site["area_proj_ha"] == pytest.approx(geometry.area / 10000, abs=0.51e-4)


def test_the_encoding_scan_streams_lines_as_a_whole_read_splits_them(tmp_path):
    # lines cut by the read block anywhere, a GBK character included: the same lines as read().split(b"\n")
    data = "第一行\n\n二\r\n".encode("gbk") * 50 + "末行无换行".encode("gbk")
    path = tmp_path / "lines.txt"
    path.write_bytes(data)
    for block in (1, 2, 3, 7, 64, len(data) + 1):
        assert list(encoding.FileLines(str(path), block)) == data.split(b"\n")
    assert encoding.detect(encoding.FileLines(str(path), 5)) == encoding.detect(data.split(b"\n")) == \
        encoding.GB18030


@pytest.mark.parametrize("lines", [
    ["平城区".encode()] * 3000,  # valid UTF-8, decoded in groups
    ["平城区".encode()[:-1]] * 3000,  # each line cut inside its last character: forgiven line by line
    ["平城区".encode()] * 2999 + [b"\xe5\x9d\x80\xff"],  # one bad byte at the very end of a large file
    ["平城区".encode("gbk")] * 3000,  # GBK: not UTF-8, valid GB18030
    ["平城".encode("gbk") + b"\x81"] * 3000,  # GBK cut after a lead byte: forgiven
    [b"plain", bytes([0x81, 0x20, 0xFF])] * 2000,  # neither: Latin-1
])
def test_the_encoding_guess_equals_its_line_by_line_definition(lines):
    wide = [line for line in lines if any(b >= 0x80 for b in line)]
    expected = next((e for e in (encoding.UTF8, encoding.GB18030)
                     if all(encoding.decodes(line, e) for line in wide)), encoding.LATIN1)
    assert encoding.detect(lines) == expected
    padded = [line * 200 for line in lines[:10]] * 300  # groups of about 1 MB cut between lines
    assert encoding.detect(padded) == next((e for e in (encoding.UTF8, encoding.GB18030) if all(
        encoding.decodes(line, e) for line in padded if any(b >= 0x80 for b in line))), encoding.LATIN1)
