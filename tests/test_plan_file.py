"""Creating, opening, migrating and refusing plan GeoPackages."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from qgis.core import QgsDistanceArea, QgsFieldConstraints, QgsProject, QgsVectorLayer

from pingcheng_plugin.core.store import base_map, gpkg, migrations, plan_data, plan_file, plan_project, schema
from pingcheng_plugin.core.support.errors import CancelledError, PlanFileError, PlanTargetExistsError
from pingcheng_plugin.plan import vocabulary
from tests.helpers import edit, layer_by_table, read_only
from tests.helpers.legacy import make_v1_plan


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def contents(path) -> dict:
    """Every row of every ordinary table: what a backup must keep (its bytes may be laid out differently)."""
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                            "'CREATE VIRTUAL%' AND name NOT LIKE 'rtree_%' ORDER BY name")]
        return {t: con.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}


def columns(path, table):
    with sqlite3.connect(path) as con:
        return {row[1]: row for row in con.execute(f"PRAGMA table_info({table})")}


def unique_columns(path, table):
    with sqlite3.connect(path) as con:
        found = set()
        for index in con.execute(f"PRAGMA index_list({table})"):
            if index[2]:  # unique
                found |= {row[2] for row in con.execute(f"PRAGMA index_info('{index[1]}')")}
        return found


# --- schema -----------------------------------------------------------------------------------------------------

def test_schema_tables_fields_and_constraints(demo_plan):
    tables = gpkg.plan_tables(str(demo_plan))
    for spec in schema.ALL_TABLES:
        assert spec.table in tables
        cols = columns(demo_plan, spec.table)
        for field_spec in spec.fields:
            assert field_spec.name in cols, (spec.table, field_spec.name)
            assert bool(cols[field_spec.name][3]) == field_spec.not_null, (spec.table, field_spec.name)
        assert {f.name for f in spec.fields if f.unique} <= unique_columns(demo_plan, spec.table)
    info = gpkg.read_meta(str(demo_plan))
    assert info.schema_version == schema.SCHEMA_VERSION
    assert info.values["storage_crs"] == "EPSG:4547"
    with sqlite3.connect(demo_plan) as con:
        srs = {r[0] for r in con.execute("SELECT srs_id FROM gpkg_geometry_columns")}
        assert srs == {4547}
        triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"project_sites_rules_insert", "project_sites_rules_update", "project_sites_code_insert"} <= triggers


def test_styles_and_project_are_stored_in_the_file(demo_plan):
    with sqlite3.connect(demo_plan) as con:
        styled = {r[0] for r in con.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault")}
        projects = [r[0] for r in con.execute("SELECT name FROM qgis_projects")]
    assert {spec.table for spec in schema.ALL_TABLES} <= styled
    assert projects == [schema.PROJECT_NAME]


def test_stored_project_opens_with_every_layer_valid(demo_plan):
    project = QgsProject()
    plan_project.read_plan_project(str(demo_plan), project)
    layers = list(project.mapLayers().values())
    # the plan's tables, and a demo plan's illustrative base (rivers, roads, seats) in the 底图 group
    assert len(layers) == len(schema.ALL_TABLES) + len(base_map.TABLES)
    assert all(layer.isValid() for layer in layers)
    assert project.crs().authid() == "EPSG:4547"
    assert project.ellipsoid() == "EPSG:1024"
    assert project.title() == vocabulary.PLAN_TITLE_ZH
    extent = project.viewSettings().defaultViewExtent()
    assert not extent.isEmpty() and extent.contains(layer_by_table(project, "district_boundary").extent())
    names = {layer.name() for layer in layers}
    assert {"重点工程项目", "生态修复分区", "生态修复重点区域", "生态廊道", "生态屏障", "平城区行政区界"} <= names
    project.clear()


def test_site_form_config_after_reopening(demo_plan):
    """Aliases, widgets, constraints and default expressions survive in the file (a fresh project reads them)."""
    project = QgsProject()
    plan_project.read_plan_project(str(demo_plan), project)
    sites = layer_by_table(project, "project_sites")
    fields = sites.fields()
    for field_spec in schema.SITES.fields:
        assert fields.field(field_spec.name).alias() == field_spec.alias_zh
    type_setup = sites.editorWidgetSetup(fields.indexOf("project_type"))
    assert type_setup.type() == "ValueMap"
    mapping = {list(m.keys())[0]: list(m.values())[0] for m in type_setup.config()["map"]}
    assert mapping == {t.name_zh: t.code for t in vocabulary.PROJECT_TYPES}
    status = sites.editorWidgetSetup(fields.indexOf("status")).config()["map"]
    assert [list(m.keys())[0] for m in status] == ["规划", "在建", "完工", "已验收"]
    years = sites.editorWidgetSetup(fields.indexOf("start_year"))
    assert years.type() == "Range" and (years.config()["Min"], years.config()["Max"]) == (2021, 2035)
    name_constraints = fields.field("name").constraints()
    assert name_constraints.constraintStrength(QgsFieldConstraints.ConstraintNotNull) == \
        QgsFieldConstraints.ConstraintStrengthHard
    assert name_constraints.constraintStrength(QgsFieldConstraints.ConstraintUnique) == \
        QgsFieldConstraints.ConstraintStrengthHard
    assert "2021" in fields.field("start_year").constraints().constraintExpression()
    assert fields.field("start_year").constraints().constraintDescription()
    area_default = sites.defaultValueDefinition(fields.indexOf("area_ha"))
    assert "$area" in area_default.expression() and area_default.applyOnUpdate()
    zone_default = sites.defaultValueDefinition(fields.indexOf("zone_code"))
    assert layer_by_table(project, "restoration_zones").id() in zone_default.expression()
    config = sites.editFormConfig()
    for name in ("project_code", "area_ha", "area_proj_ha", "zone_code", "key_areas", "phase", "modified_at"):
        assert config.readOnly(fields.indexOf(name)), name
    assert [tab.name() for tab in config.tabs()] == ["基本信息", "投资与资金", "实施时序", "空间信息", "管控与地类",
                                                  "建设内容", "记录"]
    assert "QgsIsValidCheck" in sites.geometryOptions().geometryChecks()
    project.clear()


def test_default_style_applies_when_a_layer_is_added_by_hand(demo_plan):
    layer = QgsVectorLayer(f"{demo_plan}|layername=project_sites", "by hand", "ogr")
    assert layer.isValid()
    assert layer.fields().field("investment").alias() == "总投资（万元）"
    assert layer.renderer().type() == "categorizedSymbol"


# --- boundary and illustrative layout ----------------------------------------------------------------------------

def _features(path, table):
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    return list(layer.getFeatures())


def _ellipsoidal_km2(geometry):
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsVectorLayer("Polygon?crs=EPSG:4547", "", "memory").crs(),
                            QgsProject.instance().transformContext())
    calculator.setEllipsoid("EPSG:1024")
    return calculator.measureArea(geometry) / 1e6


def test_boundary_area_is_the_plans_within_two_percent(empty_plan):
    (district,) = _features(empty_plan, "district_boundary")
    area = _ellipsoidal_km2(district.geometry())
    assert abs(area - vocabulary.DISTRICT_AREA_KM2) / vocabulary.DISTRICT_AREA_KM2 < 0.02
    assert district["area_km2"] == pytest.approx(area, abs=1e-3)
    assert district["illustrative"] in (1, True) and "示意" in district["source"]
    assert district["code"] == "140213" and district["name"] == "平城区"


def test_boundary_is_converted_out_of_gcj02(empty_plan):
    """The raw GCJ-02 outline sits ~600 m east of the true one; the stored outline must not."""
    from pingcheng_plugin.core.store import boundary

    (district,) = _features(empty_plan, "district_boundary")
    raw = boundary.load_district.__wrapped__ if hasattr(boundary.load_district, "__wrapped__") else None
    assert raw is None  # nothing cached: conversion runs for real
    centroid = district.geometry().centroid().asPoint()
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY
    to_ll = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4547"),
                                   QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance())
    lonlat = to_ll.transform(QgsPointXY(centroid))
    import json
    raw_coords = json.loads(Path(boundary.paths.resource("boundary", "140213.geojson")).read_text())["coordinates"]
    raw_lon = sum(p[0] for poly in raw_coords for p in poly[0]) / sum(len(poly[0]) for poly in raw_coords)
    assert raw_lon - lonlat.x() > 0.003  # raw GCJ-02 outline is east of the converted one


def test_empty_plan_has_no_invented_geometry(empty_plan):
    for table in ("eco_corridors", "eco_barriers", "restoration_zones", "key_areas", "project_sites"):
        assert _features(empty_plan, table) == []
    assert len(_features(empty_plan, "neighbour_districts")) == 3


def test_demo_layout_is_illustrative_and_complete(demo_plan):
    for table, kind in (("eco_corridors", "corridor"), ("eco_barriers", "barrier"),
                        ("restoration_zones", "zone"), ("key_areas", "key_area")):
        feats = _features(demo_plan, table)
        assert sorted(f["code"] for f in feats) == sorted(vocabulary.codes(kind))
        for f in feats:
            assert f["illustrative"] in (1, True) and "示意" in f["source"]
            assert f["name"] == vocabulary.by_code(kind, f["code"]).name_zh
            assert f["area_km2"] > 0
    for site in _features(demo_plan, "project_sites"):
        assert site["illustrative"] in (1, True) and site["name"].startswith("（示意）")


def test_demo_zones_partition_the_district(demo_plan):
    (district,) = _features(demo_plan, "district_boundary")
    zones = [f.geometry() for f in _features(demo_plan, "restoration_zones")]
    total = sum(z.area() for z in zones)
    union = zones[0]
    for z in zones[1:]:
        union = union.combine(z)
    assert total == pytest.approx(district.geometry().area(), rel=1e-4)  # no gaps
    assert union.area() == pytest.approx(total, rel=1e-4)  # no overlaps


def test_demo_layout_follows_real_geography(demo_plan):
    def centroid(table, code):
        for f in _features(demo_plan, table):
            if f["code"] == code:
                return f.geometry().centroid().asPoint()
        raise KeyError(code)

    city = centroid("restoration_zones", "Z1")
    assert centroid("eco_corridors", "C1").x() > city.x()  # 御河 east of the city
    shili = centroid("eco_corridors", "C2")
    assert shili.x() < centroid("eco_corridors", "C1").x() and shili.y() < city.y()  # 十里河 south-west
    assert centroid("eco_barriers", "B1").x() < city.x() < centroid("eco_barriers", "B2").x()  # 雷公山 W, 采凉山 E


# --- refusing bad targets ---------------------------------------------------------------------------------------

def test_existing_file_is_refused_without_overwrite(demo_plan):
    before = digest(demo_plan)
    with pytest.raises(PlanTargetExistsError, match="already exists"):
        plan_file.create_plan(str(demo_plan), demo=False)
    assert digest(demo_plan) == before


def test_existing_file_is_replaced_when_asked(demo_plan):
    plan_file.create_plan(str(demo_plan), demo=False, overwrite=True)
    assert _features(demo_plan, "project_sites") == []


def test_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "只读 folder"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(PlanFileError, match="read-only"):
            plan_file.create_plan(str(folder / "plan.gpkg"))
        assert list(folder.iterdir()) == []


def test_read_only_target_is_refused_and_unchanged(demo_plan):
    before = digest(demo_plan)
    with read_only(demo_plan):
        with pytest.raises(PlanFileError, match="read-only"):
            plan_file.create_plan(str(demo_plan), overwrite=True)
    assert digest(demo_plan) == before


def test_locked_target_is_refused_and_unchanged(demo_plan):
    before = digest(demo_plan)
    holder = sqlite3.connect(demo_plan)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(PlanFileError, match="in use"):
            plan_file.create_plan(str(demo_plan), overwrite=True)
    finally:
        holder.rollback()
        holder.close()
    assert digest(demo_plan) == before


def test_missing_folder_and_empty_name(tmp_path):
    with pytest.raises(PlanFileError, match="does not exist"):
        plan_file.create_plan(str(tmp_path / "nope" / "plan.gpkg"))
    with pytest.raises(PlanFileError):
        plan_file.create_plan("  ")


def test_chinese_path_with_spaces_and_extension_added(tmp_path):
    folder = tmp_path / "平城区 规划 成果"
    folder.mkdir()
    created = plan_file.create_plan(str(folder / "生态修复 规划"), demo=False)
    assert created.endswith("生态修复 规划.gpkg") and os.path.isfile(created)
    project = QgsProject()
    plan_project.read_plan_project(created, project)
    assert all(layer.isValid() for layer in project.mapLayers().values())
    project.clear()


def test_cancel_leaves_nothing_behind(tmp_path):
    steps = []

    def progress(percent, message):
        steps.append(message)
        return len(steps) < 3

    with pytest.raises(CancelledError):
        plan_file.create_plan(str(tmp_path / "plan.gpkg"), demo=True, progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_failure_midway_leaves_existing_file_unchanged(demo_plan, monkeypatch):
    before = digest(demo_plan)

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(plan_project, "write_plan_project", broken)
    with pytest.raises(PlanFileError, match="disk full"):
        plan_file.create_plan(str(demo_plan), demo=True, overwrite=True)
    assert digest(demo_plan) == before
    assert [p.name for p in demo_plan.parent.iterdir()] == [demo_plan.name]


# --- moved files and migrations ---------------------------------------------------------------------------------

def test_renamed_plan_still_opens(tmp_path):
    original = plan_file.create_plan(str(tmp_path / "a.gpkg"), demo=True)
    renamed = tmp_path / "改名后 b.gpkg"
    os.rename(original, renamed)
    project = QgsProject()
    plan_project.read_plan_project(str(renamed), project)
    assert all(layer.isValid() for layer in project.mapLayers().values())
    assert all(str(renamed) in layer.source() for layer in project.mapLayers().values())
    project.clear()


def test_older_schema_is_migrated_with_a_backup(tmp_path):
    path = tmp_path / "旧版 plan.gpkg"
    make_v1_plan(str(path))
    original = contents(path)
    assert migrations.needs_migration(str(path))
    backup = migrations.migrate(str(path))
    assert contents(backup) == original and Path(backup).parent == tmp_path
    assert gpkg.read_meta(str(path)).schema_version == schema.SCHEMA_VERSION
    assert {"zone_shares", "area_proj_ha"} <= set(columns(path, "project_sites"))
    assert plan_data.suitability_rows(str(path))
    project = QgsProject()
    plan_project.read_plan_project(str(path), project)
    sites = {f["name"]: f for f in layer_by_table(project, "project_sites").getFeatures()}
    assert set(sites) == {"旧版项目甲", "旧版项目乙"}
    first = sites["旧版项目甲"]
    assert first["project_code"] == "140213-CZXF-0007" and first["investment"] == 1200.5
    assert first["zone_code"] == "Z1" and first["zone_shares"] == "Z1:0.5;Z3:0.5"
    assert first["key_areas"] == '{"K7"}' and first["area_proj_ha"] == 400.0
    assert 399.0 < first["area_ha"] < 400.0  # ellipsoidal, recomputed
    assert sites["旧版项目乙"]["phase"] == "long"
    # a new site of the same type continues after the old file's codes
    layer = layer_by_table(project, "project_sites")
    assert layer.startEditing()
    from tests.helpers import square
    from tests.helpers.sites import VALID, add_site
    add_site(layer, square(434500, 4431500, 300), dict(VALID, name="升级后新项目"))
    assert layer.commitChanges(), layer.commitErrors()
    assert [f["project_code"] for f in layer.getFeatures() if f["name"] == "升级后新项目"] == ["140213-CZXF-0008"]
    project.clear()
    assert not migrations.needs_migration(str(path))


def test_legacy_data_breaking_todays_rules_still_migrates(tmp_path):
    """A 2019 start year was allowed then; the upgrade keeps it, and validation reports it afterwards."""
    from pingcheng_plugin.core.validation import sources

    path = tmp_path / "legacy.gpkg"
    make_v1_plan(str(path), rule_breaker=True)
    migrations.migrate(str(path))
    findings = sources.validate_plan(str(path))
    assert {f.site_name for f in findings if f.rule == "YEAR_OUT_OF_RANGE"} == {"旧版超期项目"}
    with sqlite3.connect(path) as con:
        ((code,),) = con.execute("SELECT project_code FROM project_sites WHERE name = '旧版超期项目'").fetchall()
    assert code is None  # written before codes were generated: the upgrade does not invent one


def test_failed_migration_leaves_the_file_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "plan.gpkg"
    make_v1_plan(str(path))
    before = contents(path)

    def broken(_path):
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setitem(migrations.STEPS, 1, broken)
    with pytest.raises(PlanFileError, match="unchanged"):
        migrations.migrate(str(path))
    assert contents(path) == before
    assert not any(p.name.endswith(".migrating.gpkg") for p in tmp_path.iterdir())


def test_newer_schema_is_refused(demo_plan):
    with sqlite3.connect(demo_plan) as con:
        con.execute("UPDATE pingcheng_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(PlanFileError, match="newer version"):
        migrations.needs_migration(str(demo_plan))


def test_not_a_plan_is_refused(tmp_path):
    other = tmp_path / "other.gpkg"
    shutil.copy(Path(__file__).parent / "data" / "not_a_plan.gpkg", other) if (
        Path(__file__).parent / "data" / "not_a_plan.gpkg").exists() else other.write_bytes(b"SQLite junk")
    with pytest.raises(PlanFileError):
        gpkg.read_meta(str(other))


def test_every_stored_expression_parses(demo_plan):
    """Default values and constraints are expressions QGIS (3.22's grammar included) can parse."""
    from qgis.core import QgsExpression

    project = QgsProject()
    plan_project.read_plan_project(str(demo_plan), project)
    checked = 0
    for layer in project.mapLayers().values():
        for index, field in enumerate(layer.fields()):
            for text in (layer.defaultValueDefinition(index).expression(), field.constraints().constraintExpression()):
                if text:
                    expression = QgsExpression(text)
                    assert not expression.hasParserError(), (layer.name(), field.name(), expression.parserErrorString())
                    checked += 1
    assert checked > 20
    project.clear()


# Schema 2's rule triggers and name index, as plans written before the rule table hold them (fixed history).
_SCHEMA2_NAME_TRIGGER = """CREATE TRIGGER project_sites_rules_insert BEFORE INSERT ON project_sites
BEGIN
  SELECT RAISE(ABORT, '项目名称与已有项目重复 / another site already has this name') WHERE EXISTS (SELECT 1 FROM
  project_sites AS other WHERE lower(trim(other.name)) = lower(trim(NEW.name)) AND other.fid IS NOT NEW.fid);
END"""


_SITES = "SELECT fid, name, project_code, investment FROM project_sites ORDER BY fid"


def test_a_schema_2_plan_gets_the_rule_tables_triggers_index_and_form(demo_plan, tmp_path):
    """Upgrading from schema 2 replaces the old triggers and name index with the ones the rule table generates,
    and the stored form's constraints with the table's; the sites stay as they were."""
    import sqlite3

    from pingcheng_plugin.core.rules import site_rules

    with sqlite3.connect(demo_plan) as con:
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                                   "'project_sites_%'").fetchall():
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute("DROP INDEX IF EXISTS project_sites_name_key")
        con.execute("CREATE INDEX project_sites_name_key ON project_sites (lower(trim(name)))")
        con.execute(_SCHEMA2_NAME_TRIGGER)
        con.execute("UPDATE pingcheng_meta SET value = '2' WHERE key = 'schema_version'")
        first, second = [r[0] for r in con.execute("SELECT fid FROM project_sites ORDER BY fid LIMIT 2")]
    # two names schema 2 kept apart (lower(trim())) that the rule table's name key makes one (through GDAL: the
    # GeoPackage's R-tree triggers need its SQL functions)
    edit(demo_plan, "UPDATE project_sites SET name = '湿地 公园' WHERE fid = ?", first)
    edit(demo_plan, "UPDATE project_sites SET name = '湿地公园' WHERE fid = ?", second)
    with sqlite3.connect(demo_plan) as con:
        sites_before = con.execute(_SITES).fetchall()
    backup = migrations.migrate(str(demo_plan))
    assert backup and os.path.exists(backup)
    with sqlite3.connect(demo_plan) as con:
        triggers = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
        index = con.execute("SELECT sql FROM sqlite_master WHERE name = 'project_sites_name_key'").fetchone()[0]
        sites_after = con.execute(_SITES).fetchall()
    assert sites_after == sites_before
    for name, statement in gpkg.named_triggers():
        assert name in triggers and triggers[name].split() == statement.replace("IF NOT EXISTS ", "").split(), name
    assert site_rules.name_key_sql("name").replace(" ", "") in index.replace(" ", "")
    assert gpkg.read_meta(str(demo_plan)).schema_version == schema.SCHEMA_VERSION
    assert migrations.name_collisions(str(demo_plan)) == [["湿地 公园", "湿地公园"]]  # the user is told
    project = QgsProject()
    plan_project.read_plan_project(str(demo_plan), project)
    sites = next(layer for layer in project.mapLayers().values() if layer.name() == schema.SITES.title_zh)
    name_constraint = sites.fields().field("name").constraints().constraintDescription()
    assert site_rules.RULES["NAME_EMPTY"].message.zh in name_constraint
    project.clear()
