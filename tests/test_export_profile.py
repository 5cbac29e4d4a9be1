"""上图入库 export profiles through pingcheng:exportsites (PROFILE): the shipped default read back with OGR field by
field against SQL on the plan, values that do not fit (named by site and field, nothing written), malformed
profile files, and the *Export sites* dialog's profile choice."""

from __future__ import annotations

import json
import sqlite3

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProject

from pingcheng_plugin.core.exchange.profile import default_profile_path
from pingcheng_plugin.core.support.errors import InvalidInputError
from pingcheng_plugin.plan import vocabulary
from pingcheng_plugin.ui.export_sites import DEFAULT_PROFILE, OWN_PROFILE, ExportSitesDialog
from pingcheng_plugin.ui.import_actions import ExchangeActions
from tests.helpers import layer_by_table, open_dataset, wait_for_task

TYPE_NAMES = {"SXLT": "山水林田湖草沙系统修复项目", "KSXF": "矿山生态修复项目", "LYST": "流域水生态环境治理项目",
              "DXSZ": "地下水治理项目", "TDZZ": "土地整治工程项目", "XCRJ": "乡村人居环境整治项目",
              "CQGG": "城区公共服务配套及现代化改造项目", "CZXF": "城镇空间生态修复重点工程项目"}
STATUS_NAMES = {"planned": "规划", "building": "在建", "done": "完工", "accepted": "已验收"}
PHASE_NAMES = {"near": "近期", "long": "远期"}
MODE_NAMES = {"BHBY": "保护保育", "ZRHF": "自然恢复", "FZZS": "辅助再生", "STCJ": "生态重建"}
FUND_FIELDS = {"ZYZJ": "fund_central", "SJZJ": "fund_provincial", "SHIJZJ": "fund_city", "QJZJ": "fund_district",
               "SHZB": "fund_social"}


def mode_names(stored):
    """修复模式 as a reader writes it: the names of the stored list {"BHBY","ZRHF"}, joined with 、."""
    if stored is None:
        return None
    return "、".join(MODE_NAMES[code.strip('"')] for code in stored.strip("{}").split(",") if code)


def run(parameters):
    import processing

    return processing.run("pingcheng:exportsites", parameters, feedback=QgsProcessingFeedback())


def sql_rows(plan):
    """What the default profile must write, straight from the plan's table (BSM counts the sites in fid order)."""
    with sqlite3.connect(str(plan)) as con:
        rows = con.execute("SELECT project_code, name, project_type, zone_code, status, start_year, end_year, phase, "
                           "investment, funding_source, implementer, area_ha, measures, remarks, location_town, "
                           "location_village, restoration_modes, eco_problems, targets, responsible_unit, "
                           f"parent_project, {', '.join(FUND_FIELDS.values())} "
                           "FROM project_sites ORDER BY fid").fetchall()
    expected = []
    for number, row in enumerate(rows, 1):
        (code, name, ptype, zone, status, start, end, phase, investment, funding, implementer, area, measures,
         remarks, town, village, modes, problems, targets, responsible, parent, *funds) = row
        expected.append({
            "BSM": number, "YSDM": "0000000000", "XZQDM": "140213", "XZQMC": "平城区", "XMBH": code, "XMMC": name,
            "XMLX": ptype, "XMLXMC": TYPE_NAMES[ptype], "SZFQ": zone, "XMZT": STATUS_NAMES[status], "KGNF": start,
            "WGNF": end, "SSSX": PHASE_NAMES[phase], "ZTZ": None if investment is None else round(investment, 2),
            "ZJLY": funding, "SSZT": implementer, "XMMJ": round(area, 4), "JSNR": measures, "BZ": remarks,
            "SZXZ": town, "SZC": village, "XFMS": mode_names(modes), "ZYSTWT": problems, "YQMB": targets,
            "ZRDW": responsible, "SJGHXM": parent,
            **{name: None if amount is None else round(amount, 2) for name, amount in zip(FUND_FIELDS, funds)}})
    return expected


def profile_json():
    with open(default_profile_path(), encoding="utf-8") as handle:
        return json.load(handle)


def write_profile(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_default_profile_is_the_common_structure_with_the_plans_codes():
    data = profile_json()
    (layer,) = data["layers"]
    fields = {f["name"]: f for f in layer["fields"]}
    assert [f["name"] for f in layer["fields"]][:4] == ["BSM", "YSDM", "XZQDM", "XZQMC"]
    assert fields["XZQDM"]["value"] == "140213" and fields["XZQMC"]["value"] == "平城区"
    assert fields["XMLX"]["codes"] == TYPE_NAMES == {e.code: e.name_zh for e in vocabulary.entries("project_type")}
    assert "须对照本省标准" in data["name"] and "check it against your province's standard" in data["note"]


@pytest.mark.parametrize("format_id, driver", [("shp", "ESRI Shapefile"), ("gpkg", "GPKG")])
def test_default_profile_read_back_field_by_field(provider, demo_plan, tmp_path, format_id, driver):
    output = tmp_path / f"上图入库.{format_id}"
    result = run({"PLAN": str(demo_plan), "FORMAT": format_id, "OUTPUT": str(output),
                  "PROFILE": default_profile_path()})
    assert result["COUNT"] == 13 and result["WARNINGS"] == 0
    dataset = open_dataset(str(output), drivers=[driver])
    layer = dataset.GetLayerByName("STXFXM") if format_id == "gpkg" else dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    written = [(definition.GetFieldDefn(i).GetName(), definition.GetFieldDefn(i).GetType(),
                definition.GetFieldDefn(i).GetWidth()) for i in range(definition.GetFieldCount())]
    kinds = {"text": ogr.OFTString, "int": (ogr.OFTInteger, ogr.OFTInteger64), "real": ogr.OFTReal}
    profile_fields = profile_json()["layers"][0]["fields"]
    assert [name for name, _kind, _width in written] == [f["name"] for f in profile_fields]
    for (name, kind, width), spec in zip(written, profile_fields):
        wanted = kinds[spec["type"]]
        assert kind in (wanted if isinstance(wanted, tuple) else (wanted,)), name
        if spec["type"] == "text" or format_id == "shp":
            assert width == spec["width"], name
    got = [{name: feature.GetField(name) for name, _kind, _width in written} for feature in layer]
    for feature in got:
        for name in ("ZTZ", "XMMJ", *FUND_FIELDS):
            if feature[name] is not None:
                feature[name] = round(feature[name], 4)
    assert got == sql_rows(demo_plan)


def test_values_that_do_not_fit_name_the_site_and_field_and_write_nothing(provider, demo_plan, tmp_path):
    data = profile_json()
    fields = {f["name"]: f for f in data["layers"][0]["fields"]}
    fields["XMMC"]["width"] = 12
    fields["XMLX"]["codes"] = {code: name for code, name in TYPE_NAMES.items() if code != "LYST"}
    profile = write_profile(tmp_path / "narrow.json", data)
    with sqlite3.connect(str(demo_plan)) as con:
        long_names = [r[0] for r in con.execute("SELECT name FROM project_sites WHERE length(name) > 12")]
        lyst = con.execute("SELECT name FROM project_sites WHERE project_type = 'LYST'").fetchone()[0]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException) as raised:
        run({"PLAN": str(demo_plan), "FORMAT": "shp", "OUTPUT": str(out / "x.shp"), "PROFILE": profile})
    message = str(raised.value)
    assert long_names and "nothing was written" in message
    assert f"“{long_names[0]}”" in message and "STXFXM.XMMC" in message and "the profile allows 12" in message
    assert f"“{lyst}”" in message and "STXFXM.XMLX" in message and "“LYST” is not one of the profile's codes" in message
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("text, expected", [
    ('{"layers": [', "is not valid JSON (line 1, column 13)"),
    ('{"name": "x"}', "“layers” must be a non-empty list"),
    ('{"layers": [{"name": "A", "fields": [{"name": "B", "type": "text", "source": "mianji"}]}]}',
     "layer “A”, field “B”: sites have no field “mianji”"),
    ('{"layers": [{"name": "A", "fields": [{"name": "B", "type": "int", "expression": "1 +"}]}]}',
     "layer “A”, field “B”: the expression “1 +” is not valid"),
    ('{"layers": [{"name": "../A", "fields": [{"name": "B", "value": 1}]}]}',
     "“name” must be a word of letters, digits or “_”, not “../A”"),
    ('{"layers": [{"name": "A", "fields": [{"name": "B", "type": "date", "value": 1}]}]}',
     "“type” must be one of text, int, real, not “date”"),
])
def test_a_malformed_profile_gives_a_clear_message(provider, demo_plan, tmp_path, text, expected):
    profile = tmp_path / "bad.json"
    profile.write_text(text, encoding="utf-8")
    with pytest.raises(QgsProcessingException) as raised:
        run({"PLAN": str(demo_plan), "FORMAT": "gpkg", "OUTPUT": str(tmp_path / "x.gpkg"), "PROFILE": str(profile)})
    assert str(profile) in str(raised.value) and expected in str(raised.value)
    assert not (tmp_path / "x.gpkg").exists()


def test_a_profile_with_two_layers_and_a_filter_in_a_geopackage(provider, demo_plan, tmp_path):
    profile = write_profile(tmp_path / "two.json", {"name": "两层", "layers": [
        {"name": "XM", "fields": [{"name": "XMMC", "type": "text", "width": 100, "source": "name"}]},
        {"name": "KS", "filter": "\"project_type\" = 'KSXF'", "fields": [
            {"name": "BSM", "type": "int", "expression": "@row_number"},
            {"name": "MJ", "type": "real", "width": 12, "precision": 1, "expression": "\"area_ha\" * 10000"}]}]})
    run({"PLAN": str(demo_plan), "FORMAT": "gpkg", "OUTPUT": str(tmp_path / "two.gpkg"), "PROFILE": profile})
    dataset = open_dataset(str(tmp_path / "two.gpkg"))
    with sqlite3.connect(str(demo_plan)) as con:
        names = sorted(r[0] for r in con.execute("SELECT name FROM project_sites"))
        mining = [round(r[0] * 10000, 1) for r in con.execute(
            "SELECT area_ha FROM project_sites WHERE project_type = 'KSXF' ORDER BY fid")]
    assert sorted(f.GetField("XMMC") for f in dataset.GetLayerByName("XM")) == names
    assert [(f.GetField("BSM"), f.GetField("MJ")) for f in dataset.GetLayerByName("KS")] == [
        (number, area) for number, area in enumerate(mining, 1)]


@pytest.fixture
def actions(qgis_iface, opened_plan):
    instance = ExchangeActions(qgis_iface)
    yield instance
    instance.unload()


def test_the_dialog_exports_with_the_default_and_refuses_a_bad_file(actions, opened_plan, tmp_path):
    sites = layer_by_table(QgsProject.instance(), "project_sites")
    dialog = ExportSitesDialog(sites, None, actions.settings)
    dialog.formatComboBox.setCurrentIndex(dialog.formatComboBox.findData("dxf"))
    assert not dialog.profileComboBox.isEnabled()  # DXF has no fields to profile
    dialog.formatComboBox.setCurrentIndex(dialog.formatComboBox.findData("gpkg"))
    dialog.profileComboBox.setCurrentIndex(dialog.profileComboBox.findData(OWN_PROFILE))
    assert dialog.profileWidget.isEnabled()
    dialog.profileWidget.setFilePath(write_profile(tmp_path / "bad.json", {"layers": []}))
    dialog.outputWidget.setFilePath(str(tmp_path / "入库"))
    with pytest.raises(InvalidInputError, match="“layers” must be a non-empty list"):
        dialog.choice()
    dialog.profileComboBox.setCurrentIndex(dialog.profileComboBox.findData(DEFAULT_PROFILE))
    assert not dialog.profileWidget.isEnabled()
    choice = dialog.choice()
    assert choice.profile == default_profile_path()
    wait_for_task(actions.start_export(str(opened_plan), choice))
    dataset = open_dataset(str(tmp_path / "入库.gpkg"))  # (kept: the layer dies with its dataset)
    layer = dataset.GetLayerByName("STXFXM")
    assert layer.GetFeatureCount() == 13 and {f.GetField("XZQDM") for f in layer} == {"140213"}
