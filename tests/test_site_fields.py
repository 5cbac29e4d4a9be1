"""What a 规划附表 carries and bureaus record (issue 17): 建设地点, 修复模式, 主要生态问题, 预期目标/绩效指标, 项目状态,
资金来源 by source, 责任单位 and 上级规划项目 — from a schema-3 plan's upgrade through the form to the files a user
exports. Values are compared with plain SQL on the plan file."""

from __future__ import annotations

import sqlite3

from qgis.core import QgsProject
from qgis.gui import QgsDoubleSpinBox, QgsFilterLineEdit
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox, QPlainTextEdit, QTableWidget, QWidget

from pingcheng_plugin.core.store import gpkg, migrations, plan_project, schema
from pingcheng_plugin.plan import vocabulary
from tests.helpers import edit, layer_by_table, sql, square
from tests.helpers.legacy import copy_v3_plan
from tests.helpers.sites import VALID, open_add_form, zone_point

NEW_FIELDS = ("fund_central", "fund_provincial", "fund_city", "fund_district", "fund_social", "responsible_unit",
              "location_town", "location_village", "restoration_modes", "eco_problems", "parent_project")


def _rows(path, columns):
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT fid, {', '.join(columns)} FROM project_sites ORDER BY fid").fetchall()


def _columns(path, table="project_sites"):
    with sqlite3.connect(path) as con:
        return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]


def test_a_schema_3_plan_keeps_every_site_and_gains_the_new_fields(tmp_path):
    path = tmp_path / "三版 plan.gpkg"
    copy_v3_plan(str(path))
    old_columns = _columns(path)
    assert gpkg.read_meta(str(path)).schema_version == 3 and not set(NEW_FIELDS) & set(old_columns)
    before = _rows(path, [c for c in old_columns if c not in ("fid", "geom")])
    with sqlite3.connect(path) as con:
        geometries = con.execute("SELECT fid, geom FROM project_sites ORDER BY fid").fetchall()
    assert len(before) == 13
    backup = migrations.migrate(str(path))
    assert backup and _rows(backup, [c for c in old_columns if c not in ("fid", "geom")]) == before
    assert gpkg.read_meta(str(path)).schema_version == schema.SCHEMA_VERSION  # on through 4 to the current one
    assert _rows(path, [c for c in old_columns if c not in ("fid", "geom")]) == before  # every site, every value
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT fid, geom FROM project_sites ORDER BY fid").fetchall() == geometries
        assert set(NEW_FIELDS) <= set(_columns(path))
        filled = " OR ".join(f"{n} IS NOT NULL" for n in NEW_FIELDS)
        assert con.execute(f"SELECT count(*) FROM project_sites WHERE {filled}").fetchone() == (0,)
        assert con.execute("SELECT code, name FROM restoration_modes ORDER BY fid").fetchall() == [
            ("BHBY", "保护保育"), ("ZRHF", "自然恢复"), ("FZZS", "辅助再生"), ("STCJ", "生态重建")]
        # the database's new rule is installed: a negative amount is refused by any program
        triggers = " ".join(r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'"))
    assert "NEW.fund_social < 0" in triggers
    project = QgsProject()
    plan_project.read_plan_project(str(path), project)
    sites = layer_by_table(project, "project_sites")
    setup = sites.editorWidgetSetup(sites.fields().indexOf("restoration_modes"))
    assert setup.type() == "ValueRelation" and setup.config()["AllowMulti"]
    assert setup.config()["Layer"] == layer_by_table(project, "restoration_modes").id()
    assert sites.fields().field("fund_central").alias() == "中央资金（万元）"
    project.clear()
    assert not migrations.needs_migration(str(path))


def _check_modes(form, codes):
    """Tick the modes in the value-relation checklist, as a user clicks them."""
    # QGIS names the field's editor after the field: the checklist itself (3.22) or a frame holding it (3.40+)
    holder = form.findChild(QWidget, "restoration_modes")
    assert holder is not None
    table = holder if isinstance(holder, QTableWidget) else holder.findChild(QTableWidget)
    assert table is not None, [w.objectName() for w in form.findChildren(QTableWidget)]
    names = dict(schema_mode[:2] for schema_mode in schema.RESTORATION_MODES)
    wanted = {names[c] for c in codes}
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None and item.text() in wanted:
                item.setCheckState(Qt.CheckState.Checked)


def test_the_form_saves_the_new_fields(opened_plan, qgis_iface):
    project = QgsProject.instance()
    layer = layer_by_table(project, "project_sites")
    assert layer.startEditing()
    p = zone_point(project, "Z1")
    dialog = open_add_form(layer, square(p.x(), p.y(), 200), dict(VALID, name="表单新字段项目"),
                           qgis_iface.mapCanvas())
    form = dialog.attributeForm()
    amounts = {"investment": 1000.0, "fund_central": 400.0, "fund_provincial": 300.0, "fund_city": 150.5,
               "fund_district": 100.0, "fund_social": 49.5}
    for name, value in amounts.items():
        form.findChild(QgsDoubleSpinBox, name).setValue(value)
    texts = {"responsible_unit": "平城区自然资源局", "location_town": "古城街道", "location_village": "东关村",
             "parent_project": "DT-2021-007 御河生态廊道修复工程"}
    for name, value in texts.items():
        form.findChild(QgsFilterLineEdit, name).setText(value)
    form.findChild(QPlainTextEdit, "eco_problems").setPlainText("植被退化、水土流失")
    form.findChild(QPlainTextEdit, "targets").setPlainText("新增林草覆盖 12 公顷")
    _check_modes(form, ("ZRHF", "FZZS"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert layer.commitChanges(), layer.commitErrors()
    columns = list(amounts) + list(texts) + ["eco_problems", "targets", "restoration_modes"]
    (row,) = sql(opened_plan, f"SELECT {', '.join(columns)} FROM project_sites WHERE name = '表单新字段项目'")
    assert row[:6] == tuple(amounts.values())
    assert row[6:10] == tuple(texts.values())
    assert row[10:12] == ("植被退化、水土流失", "新增林草覆盖 12 公顷")
    assert row[12] in ('{"ZRHF","FZZS"}', '{"FZZS","ZRHF"}')  # QGIS's list, in the order it was ticked or listed


# --- the funding split through Processing -----------------------------------------------------------------------

def test_validatesites_warns_when_the_funding_split_does_not_add_up(provider, qgis_processing, demo_plan):
    import processing

    from pingcheng_plugin.core.rules.site_rules import RULES

    site = "（示意）御河湿地生态修复工程"  # 18,500 万元: 3,700 + 11,100 + 3,700 in the demo
    edit(demo_plan, "UPDATE project_sites SET fund_social = 0.02 WHERE name = ?", site)  # 0.02 over: beyond 0.01
    result = processing.run("pingcheng:validatesites", {"PLAN": str(demo_plan), "OUTPUT": "memory:"})
    layer = result["OUTPUT"]
    layer = layer if not isinstance(layer, str) else QgsProject.instance().mapLayer(layer)
    found = [f for f in layer.getFeatures() if f["rule"] == "FUNDING_SPLIT"]
    assert [(f["site_name"], f["severity"]) for f in found] == [(site, "warning")]
    assert RULES["FUNDING_SPLIT"].message() in found[0]["message"]
    assert "插件规则" in RULES["FUNDING_SPLIT"].message.zh and "plugin's rule" in RULES["FUNDING_SPLIT"].message.en
    assert "18500.02" in found[0]["message"] and "18500.00" in found[0]["message"]  # the sum and the total
    edit(demo_plan, "UPDATE project_sites SET fund_social = 0.005 WHERE name = ?", site)  # within the tolerance
    result = processing.run("pingcheng:validatesites", {"PLAN": str(demo_plan), "OUTPUT": "memory:"})
    layer = result["OUTPUT"]
    layer = layer if not isinstance(layer, str) else QgsProject.instance().mapLayer(layer)
    assert not [f for f in layer.getFeatures() if f["rule"] == "FUNDING_SPLIT"]


# --- the summary table and the exports --------------------------------------------------------------------------

_RECORDED = ("location_town", "location_village", "restoration_modes", "eco_problems", "targets", "status",
             "responsible_unit", "parent_project") + schema.FUNDING_FIELDS


def _recorded_by_sql(plan) -> dict:
    """Each site's new columns as the summary must show them, computed in SQL: the place as 乡镇 then 村, the
    modes by their names in the plan's restoration_modes table, the status by its plan name."""
    statuses = " ".join(f"WHEN '{s.code}' THEN '{s.name_zh}'" for s in vocabulary.STATUSES)
    rows = sql(plan, f"""
        SELECT s.name, coalesce(s.location_town, '') || coalesce(s.location_village, ''),
               (SELECT group_concat(m.name, '、') FROM restoration_modes AS m
                WHERE instr(coalesce(s.restoration_modes, ''), '"' || m.code || '"') > 0),
               s.eco_problems, s.targets, CASE s.status {statuses} END, s.responsible_unit, s.parent_project,
               {', '.join('s.' + f for f in schema.FUNDING_FIELDS)}
        FROM project_sites AS s""")
    keys = ("location", "mode_names", "problems", "targets", "status_name", "responsible_unit",
            "parent_project") + schema.FUNDING_FIELDS
    return {row[0]: dict(zip(keys, row[1:])) for row in rows}


def _fill_every_new_field(plan):
    edit(plan, "UPDATE project_sites SET location_village = '东关村', parent_project = 'DT-2021-007 御河生态廊道',"
               " targets = '湿地面积恢复 20 公顷' WHERE name = '（示意）御河湿地生态修复工程'")


def _same(shown, expected, kind):
    if kind == "money":
        return (shown in (None, "") and expected is None) or (expected is not None and abs(float(
            str(shown).replace(",", "")) - expected) < 0.005)
    return (shown or "") == (expected or "")


def test_summary_files_show_the_new_columns_as_sql_says(provider, qgis_processing, demo_plan, tmp_path):
    import csv
    import html.parser

    import openpyxl
    import processing

    from pingcheng_plugin.core.summary.table import COLUMNS

    _fill_every_new_field(demo_plan)
    expected = _recorded_by_sql(demo_plan)
    assert expected["（示意）御河湿地生态修复工程"]["location"] == "御河街道东关村"
    assert expected["（示意）御河湿地生态修复工程"]["mode_names"] == "自然恢复、辅助再生"
    headers = {c.key: c.header for c in COLUMNS}
    kinds = {c.key: c.kind for c in COLUMNS}
    for key in ("location", "mode_names", "problems", "targets", "status_name", "responsible_unit",
                "parent_project", "fund_central", "fund_social"):
        assert key in headers
    assert headers["fund_central"] == "中央资金（万元）" and headers["mode_names"] == "修复模式"
    files = {}
    for extension in ("xlsx", "csv", "html"):
        target = tmp_path / f"summary.{extension}"
        processing.run("pingcheng:exportsummary", {"PLAN": str(demo_plan), "OUTPUT": str(target)})
        files[extension] = target

    sheet = openpyxl.load_workbook(files["xlsx"]).worksheets[0]
    header_row = [c.value for c in sheet[3]]
    xlsx_rows = {}
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row[0] is not None and isinstance(row[0], int) and row[header_row.index(headers["name"])] in expected:
            xlsx_rows[row[header_row.index(headers["name"])]] = row
    with open(files["csv"], encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    csv_header = lines[0]
    csv_rows = {line[csv_header.index(headers["name"])]: line for line in lines[1:]
                if len(line) == len(csv_header) and line[csv_header.index(headers["name"])] in expected}

    class Cells(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.key, self.row = [], None, None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.row = {}
            elif tag == "td" and self.row is not None:
                self.key = (dict(attrs).get("class") or "").split(" ")[0]
                self.row[self.key] = ""

        def handle_data(self, data):
            if self.key:
                self.row[self.key] += data.strip()

        def handle_endtag(self, tag):
            if tag == "td":
                self.key = None
            elif tag == "tr" and self.row:
                self.rows.append(self.row)
                self.row = None

    parser = Cells()
    parser.feed(files["html"].read_text(encoding="utf-8"))
    html_rows = {row["name"]: row for row in parser.rows if row.get("name") in expected}
    assert set(xlsx_rows) == set(csv_rows) == set(html_rows) == set(expected)
    # 合计 per source: SQL's SUM (NULL where no site gives that source, never 0)
    sums = sql(demo_plan, f"SELECT {', '.join(f'SUM({f})' for f in schema.FUNDING_FIELDS)} FROM project_sites")[0]
    (total,) = [line for line in lines if len(line) == len(csv_header)
                and line[csv_header.index(headers["name"])].startswith("合计")]
    (html_total,) = [row for row in parser.rows if row.get("name", "").startswith("合计")]
    for name, value in zip(schema.FUNDING_FIELDS, sums):
        assert _same(total[csv_header.index(headers[name])], value, "money"), (name, "csv total")
        assert _same(html_total[name], value, "money"), (name, "html total")
    for name, values in expected.items():
        for key, value in values.items():
            header = headers[key]
            assert _same(xlsx_rows[name][header_row.index(header)], value, kinds[key]), (name, key, "xlsx")
            assert _same(csv_rows[name][csv_header.index(header)], value, kinds[key]), (name, key, "csv")
            assert _same(html_rows[name][key], value, kinds[key]), (name, key, "html")


def test_exports_carry_the_new_fields(provider, qgis_processing, demo_plan, tmp_path):
    import processing
    from osgeo import ogr

    _fill_every_new_field(demo_plan)
    columns = ("name",) + NEW_FIELDS + ("targets", "status")
    expected = {row[0]: row[1:] for row in sql(demo_plan, f"SELECT {', '.join(columns)} FROM project_sites")}
    for format_id in ("gpkg", "geojson"):
        target = tmp_path / f"sites.{format_id}"
        processing.run("pingcheng:exportsites", {"PLAN": str(demo_plan), "FORMAT": format_id,
                                                 "OUTPUT": str(target)})
        dataset = ogr.Open(str(target))
        layer = dataset.GetLayer(0)
        got = {}
        for feature in layer:
            got[feature.GetField("name")] = tuple(
                feature.GetField(c) if feature.IsFieldSetAndNotNull(c) else None for c in columns[1:])
        dataset = None
        assert got == expected, format_id


def test_the_panel_shows_a_sites_recorded_fields(plugin, opened_plan):
    from pingcheng_plugin.core.support import formatting

    dock = plugin.dock
    dock.watcher.refresh_plan()
    (fid,) = [row[0] for row in sql(opened_plan, "SELECT fid FROM project_sites WHERE name = ?",
                                    "（示意）御河湿地生态修复工程")]
    dock._show_site_details(fid)
    text = dock.panel.details.toPlainText()
    (town, problems, central, city) = sql(opened_plan, "SELECT location_town, eco_problems, fund_central, fund_city "
                                                       "FROM project_sites WHERE fid = ?", fid)[0]
    assert town in text and problems in text
    assert ("自然恢复" in text and "辅助再生" in text) or ("Natural recovery" in text and "Assisted" in text)
    assert central is None and formatting.money(city, 2) in text  # 11,100.00 万元 / CNY 111.000 million


# --- 建设地点 from a township layer -------------------------------------------------------------------------------

def _township_file(path, district):
    """Two township polygons splitting the district's box at its middle, in the storage CRS, as a bureau's
    乡镇（街道） boundary layer would be."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("towns", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("XZQMC", ogr.OFTString))
    middle = district.center().x()
    for name, x0, x1 in (("西部示例街道", district.xMinimum() - 100, middle), ("东部示例街道", middle,
                                                                             district.xMaximum() + 100)):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("XZQMC", name)
        y0, y1 = district.yMinimum() - 100, district.yMaximum() + 100
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"))
        assert layer.CreateFeature(feature) == 0
    dataset = None


def _add_through_form(layer, geometry, values, canvas):
    dialog = open_add_form(layer, geometry, values, canvas)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_location_is_derived_from_a_township_polygon_layer_and_typed_without_one(demo_plan, tmp_path,
                                                                                 qgis_new_project, qgis_iface):
    project = QgsProject.instance()
    # the demo plan holds only the illustrative street seats (points): the form leaves 建设地点 typed
    plan_project.read_plan_project(str(demo_plan), project)
    sites = layer_by_table(project, "project_sites")
    assert not sites.defaultValueDefinition(sites.fields().indexOf("location_town")).expression()
    district = layer_by_table(project, "district_boundary").extent()
    project.clear()

    _township_file(tmp_path / "towns.gpkg", district)
    plan_project.add_base_layer(str(demo_plan), str(tmp_path / "towns.gpkg"), "乡镇（街道）界")
    plan_project.read_plan_project(str(demo_plan), project)
    try:
        sites = layer_by_table(project, "project_sites")
        assert sites.startEditing()
        index = sites.fields().indexOf("location_town")
        assert sites.editFormConfig().readOnly(index)  # derived, as the zone is
        middle = district.center().x()
        points = [zone_point(project, code) for code in ("Z1", "Z2", "Z3", "Z4")]
        west = next(p for p in points if p.x() + 200 < middle)
        east = next(p for p in points if p.x() > middle)
        canvas = qgis_iface.mapCanvas()
        _add_through_form(sites, square(west.x(), west.y(), 200), dict(VALID, name="西侧项目"), canvas)
        _add_through_form(sites, square(east.x(), east.y(), 200), dict(VALID, name="东侧项目"), canvas)
        assert sites.commitChanges(), sites.commitErrors()
        rows = dict(sql(demo_plan, "SELECT name, location_town FROM project_sites "
                                   "WHERE name IN ('西侧项目', '东侧项目')"))
        assert rows == {"西侧项目": "西部示例街道", "东侧项目": "东部示例街道"}
        # moving a site across the line re-derives it, inside the same edit
        (fid,) = [f.id() for f in sites.getFeatures() if f["name"] == "西侧项目"]
        assert sites.startEditing()
        assert sites.changeGeometry(fid, square(east.x() + 300, east.y() + 300, 200))
        assert sites.getFeature(fid)["location_town"] == "东部示例街道"
        sites.rollBack()
    finally:
        project.clear()
