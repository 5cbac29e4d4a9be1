"""The exchange algorithms through QGIS Processing (the public contract of docs/processing.md), and
headless through qgis_process."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from osgeo import ogr
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

from pingcheng_plugin.core.store import schema
from tests.helpers import ROOT, open_dataset
from tests.helpers.exchange_files import (
    free_squares,
    gbk_shapefile,
    plan_without_sites,
    site_row,
    site_values,
    table_rows,
    write_ogr,
)


def run(algorithm_id, parameters):
    import processing

    return processing.run(algorithm_id, parameters, feedback=QgsProcessingFeedback())


@pytest.mark.parametrize("algorithm_id, parameters, outputs", [
    ("pingcheng:importsites", ["INPUT", "PLAN", "ENCODING", "SOURCE_CRS", "FIELD_MAPPING", "DRY_RUN", "REJECTED"],
     ["IMPORTED", "REJECTED_COUNT", "WARNINGS", "REJECTED"]),
    ("pingcheng:exportsites", ["PLAN", "FORMAT", "ENCODING", "OUTPUT"], ["OUTPUT"]),
    ("pingcheng:importplanlayer", ["PLAN", "LAYER", "INPUT", "SOURCE_CRS", "ENCODING"],
     ["IMPORTED", "SITES_UPDATED", "WARNINGS"]),
])
def test_parameters_are_the_contract(provider, algorithm_id, parameters, outputs):
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    names = [p.name() for p in algorithm.parameterDefinitions()]
    assert names[:len(parameters)] == parameters
    assert set(outputs) <= {o.name() for o in algorithm.outputDefinitions()}
    assert algorithm.shortHelpString() and algorithm.group()
    if algorithm_id == "pingcheng:exportsites":
        assert algorithm.parameterDefinition("FORMAT").options() == ["gpkg", "shp", "geojson", "kml", "dxf", "txt",
                                                                     "csv"]
    if algorithm_id == "pingcheng:importplanlayer":
        assert algorithm.parameterDefinition("LAYER").options() == ["boundary", "corridor", "barrier", "zone",
                                                                    "key_area"]


def test_importsites_dry_run_then_import_with_rejected_file(provider, demo_plan, tmp_path):
    squares = free_squares(demo_plan, 3)
    rows = [(site_row(0), squares[0]), (site_row(1, XMLX="土地整理"), squares[1]), (site_row(2, KSNF=2050), squares[2])]
    path = gbk_shapefile(tmp_path / "来稿.shp", rows, epsg=4547)
    before = table_rows(demo_plan)
    parameters = {"INPUT": str(path), "PLAN": str(demo_plan), "DRY_RUN": True,
                  "REJECTED": str(tmp_path / "rejected.gpkg")}
    result = run("pingcheng:importsites", parameters)
    assert (result["IMPORTED"], result["REJECTED_COUNT"]) == (1, 2)
    assert table_rows(demo_plan) == before and (tmp_path / "rejected.gpkg").exists()
    mapping = {"fields": {"name": "XMMC", "project_type": "XMLX", "start_year": "KSNF", "end_year": "JSNF",
                          "investment": "ZTZ", "implementer": "SSZT"}, "values": {"project_type": {"土地整理": "TDZZ"}}}
    parameters.update(DRY_RUN=False, FIELD_MAPPING=json.dumps(mapping, ensure_ascii=False), ENCODING="GBK")
    result = run("pingcheng:importsites", parameters)
    assert (result["IMPORTED"], result["REJECTED_COUNT"], result["WARNINGS"]) == (2, 1, 0)
    sites = site_values(demo_plan)
    assert sites["测试修复项目1号"]["project_type"] == "TDZZ"
    assert sites["测试修复项目0号"]["implementer"] == "平城区农业农村局"
    rejected = open_dataset(str(tmp_path / "rejected.gpkg"))
    (feature,) = list(rejected.GetLayer(0))
    assert feature.GetField("XMMC") == "测试修复项目2号" and "2050" in feature.GetField("REASON")


def test_importsites_refuses_swapped_axes_with_the_same_message(provider, demo_plan, tmp_path):
    square = free_squares(demo_plan, 1)[0]
    square.get().swapXy()
    path = write_ogr(tmp_path / "swapped.gpkg", "GPKG", [(site_row(0), square)], epsg=None)
    before = table_rows(demo_plan)
    with pytest.raises(QgsProcessingException, match="swapped"):
        run("pingcheng:importsites", {"INPUT": str(path), "PLAN": str(demo_plan)})
    assert table_rows(demo_plan) == before
    result = run("pingcheng:importsites", {"INPUT": str(path), "PLAN": str(demo_plan), "SWAP_XY": True})
    assert result["IMPORTED"] == 1


def test_importsites_bad_mapping_and_bad_crs(provider, demo_plan, tmp_path):
    path = write_ogr(tmp_path / "s.gpkg", "GPKG", [(site_row(0), free_squares(demo_plan, 1)[0])])
    with pytest.raises(QgsProcessingException, match="not valid JSON"):
        run("pingcheng:importsites", {"INPUT": str(path), "PLAN": str(demo_plan), "FIELD_MAPPING": "{name: XMMC"})
    with pytest.raises(QgsProcessingException, match="km from Pingcheng"):
        run("pingcheng:importsites", {"INPUT": str(path), "PLAN": str(demo_plan), "SOURCE_CRS": "EPSG:4490"})


@pytest.mark.parametrize("format_id", ["shp", "txt"])
def test_exportsites_with_filter_and_encoding(provider, demo_plan, tmp_path, format_id):
    result = run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": format_id, "ENCODING": "GBK",
                                           "OUTPUT": str(tmp_path / f"out.{format_id}"),
                                           "EXPRESSION": "\"project_type\" = 'KSXF'"})
    assert result["OUTPUT"] == str(tmp_path / f"out.{format_id}") and result["COUNT"] == 2
    data = (tmp_path / ("out.dbf" if format_id == "shp" else "out.txt")).read_bytes()
    assert "矿山".encode("gbk") in data


def test_importplanlayer_dry_run_and_run(provider, demo_plan, tmp_path):
    from pingcheng_plugin.core.store import plan_data

    corridors = {f["code"]: f.geometry() for f in plan_data.open_layer(str(demo_plan), schema.CORRIDORS)
                 .getFeatures()}
    path = write_ogr(tmp_path / "廊道.gpkg", "GPKG", [({"名称": "御河湿地生态廊道"}, corridors["C1"].buffer(50, 4))],
                     columns=(("名称", ogr.OFTString),))
    parameters = {"PLAN": str(demo_plan), "LAYER": "corridor", "INPUT": str(path), "DRY_RUN": True}
    before = table_rows(demo_plan, schema.CORRIDORS.table)
    result = run("pingcheng:importplanlayer", parameters)
    assert result["IMPORTED"] == 1 and table_rows(demo_plan, schema.CORRIDORS.table) == before
    result = run("pingcheng:importplanlayer", dict(parameters, DRY_RUN=False, SOURCE_NOTE="山西省自然资源厅批复成果"))
    assert result["IMPORTED"] == 1 and result["WARNINGS"] >= 1  # C2 not in the file
    import sqlite3

    with sqlite3.connect(str(demo_plan)) as con:
        rows = con.execute("SELECT code, illustrative, source FROM eco_corridors ORDER BY code").fetchall()
    assert rows[0] == ("C1", 0, "山西省自然资源厅批复成果") and rows[1][1] == 1
    bad = write_ogr(tmp_path / "bad.gpkg", "GPKG", [({"名称": "桑干河生态廊道"}, corridors["C1"])],
                    columns=(("名称", ogr.OFTString),))
    with pytest.raises(QgsProcessingException, match="Nothing was imported"):
        run("pingcheng:importplanlayer", dict(parameters, DRY_RUN=False, INPUT=str(bad)))


def test_qgis_process_exports_and_imports_headless(plugin_package, demo_plan, tmp_path):
    """Both algorithms through qgis_process.bin and the system Python (Debian's shapely 1.8 path)."""
    env = dict(os.environ, HOME=str(tmp_path))
    script = str(ROOT / "scripts" / "qgis-process.sh")
    out = tmp_path / "sites.shp"
    done = subprocess.run([script, "run", "pingcheng:exportsites", "--", f"PLAN={demo_plan}", "FORMAT=shp",
                           "ENCODING=GBK", f"OUTPUT={out}"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    target = tmp_path / "target.gpkg"
    from pingcheng_plugin.core.store import gpkg

    gpkg.copy_database(str(demo_plan), str(target))
    plan_without_sites(target)
    done = subprocess.run([script, "run", "pingcheng:importsites", "--", f"INPUT={out}", f"PLAN={target}",
                           "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(done.stdout[done.stdout.index("{"):])["results"]
    assert results["IMPORTED"] == 13 and results["REJECTED_COUNT"] == 0
    assert set(site_values(target)) == set(site_values(demo_plan))


def test_a_mapping_of_values_alone_keeps_the_guessed_fields(provider, demo_plan, tmp_path):
    """FIELD_MAPPING with only value mappings (the common case: the file's fields are recognised, one value is
    not): the fields are still recognised from their names, and a full-width key matches its full-width value."""
    squares = free_squares(demo_plan, 2)
    rows = [(site_row(0, XMLX="矿山修复（一期）"), squares[0]), (site_row(1, XMLX="土地整治工程项目"), squares[1])]
    path = write_ogr(tmp_path / "来稿.gpkg", "GPKG", rows)
    mapping = {"values": {"project_type": {"矿山修复（一期）": "KSXF"}}}
    result = run("pingcheng:importsites", {"INPUT": str(path), "PLAN": str(demo_plan),
                                           "FIELD_MAPPING": json.dumps(mapping, ensure_ascii=False)})
    assert (result["IMPORTED"], result["REJECTED_COUNT"]) == (2, 0)
    sites = site_values(demo_plan)
    assert sites["测试修复项目0号"]["project_type"] == "KSXF" and sites["测试修复项目1号"]["project_type"] == "TDZZ"
    assert sites["测试修复项目0号"]["investment"] == 1000.0  # ZTZ, a guessed field
