"""Site validation rules: each has a failing case with its message, on the real site layer's edit buffer."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject

from pingcheng_plugin.core.rules.thresholds import ValidationConfig
from pingcheng_plugin.core.store import plan_data
from pingcheng_plugin.core.store.plan_settings import read_config, write_config
from pingcheng_plugin.core.validation import sources
from pingcheng_plugin.core.validation.engine import SiteValidator
from tests.helpers import bow_tie, layer_by_table, rectangle, square
from tests.helpers.sites import VALID, add_site, zone_point


@pytest.fixture
def sites(opened_plan):
    layer = layer_by_table(QgsProject.instance(), "project_sites")
    assert layer.startEditing()
    yield layer
    layer.rollBack()


def validator(plan, **config):
    project = QgsProject.instance()
    context = sources.context_from_layers(layer_by_table(project, "district_boundary"),
                                          layer_by_table(project, "restoration_zones"),
                                          layer_by_table(project, "key_areas"),
                                          plan_data.suitability_rows(str(plan)))
    return SiteValidator(context, ValidationConfig(**config) if config else read_config(str(plan)))


def findings_for(plan, layer, fid, **config):
    return [f for f in validator(plan, **config).validate(sources.site_inputs(layer)) if f.fid == fid]


def rules(findings):
    return sorted({f.rule for f in findings})


def test_demo_plan_has_no_errors(opened_plan):
    findings = sources.validate_plan(str(opened_plan))
    assert [f.message for f in findings if f.is_error] == []
    # the one demo site without investment is flagged, not counted as 0
    assert [f.rule for f in findings] == ["INVESTMENT_MISSING"]


def test_valid_site_has_no_findings(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 200), VALID)
    assert findings_for(opened_plan, sites, fid) == []


def test_bow_tie_is_reported_with_its_location(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, bow_tie(p.x(), p.y(), 300), dict(VALID, name="自相交项目"))
    (finding,) = [f for f in findings_for(opened_plan, sites, fid) if f.rule == "GEOM_INVALID"]
    assert finding.is_error
    assert (finding.x, finding.y) == pytest.approx((p.x() + 150, p.y() + 150), abs=0.01)
    assert "自相交项目" in finding.message and "Self-intersection" in finding.message


def test_empty_geometry(opened_plan, sites):
    fid = add_site(sites, None, dict(VALID, name="无图形"))
    assert "GEOM_EMPTY" in rules(findings_for(opened_plan, sites, fid))


def test_outside_district_and_tolerance(opened_plan, sites):
    boundary = layer_by_table(QgsProject.instance(), "district_boundary")
    extent = boundary.extent()
    # a site straddling the district's west edge at its widest point
    fid = add_site(sites, rectangle(extent.xMinimum() - 400, extent.center().y() - 100,
                                    extent.xMinimum() + 400, extent.center().y() + 100), dict(VALID, name="越界项目"))
    (finding,) = [f for f in findings_for(opened_plan, sites, fid) if f.rule == "OUTSIDE_DISTRICT"]
    assert finding.is_error and "越界项目" in finding.message and "m²" in finding.message
    assert finding.x < boundary.getFeature(1).geometry().boundingBox().xMinimum() + 1


def test_tolerance_is_configurable(opened_plan, sites):
    district = next(layer_by_table(QgsProject.instance(), "district_boundary").getFeatures()).geometry()
    inner = district.buffer(-50, 8)
    box = inner.boundingBox()
    edge = district.boundingBox()
    # a sliver reaching 3 m past the outline: an error at 1 m tolerance, fine at 5 m
    site = district.buffer(3, 8).difference(inner).intersection(rectangle(edge.xMinimum() - 10, box.center().y(),
                                                                          edge.center().x(), box.center().y() + 300))
    site.convertToMultiType()
    fid = add_site(sites, site, dict(VALID, name="贴边项目"))
    assert "OUTSIDE_DISTRICT" in rules(findings_for(opened_plan, sites, fid, boundary_tolerance_m=1.0))
    assert "OUTSIDE_DISTRICT" not in rules(findings_for(opened_plan, sites, fid, boundary_tolerance_m=5.0))


def test_area_below_minimum(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 5), dict(VALID, name="小地块"))
    (finding,) = [f for f in findings_for(opened_plan, sites, fid) if f.rule == "AREA_TOO_SMALL"]
    assert "0.0025" in finding.message and "小地块" in finding.message


def test_overlap_is_reported_but_touching_is_not(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z3")
    a = add_site(sites, square(p.x(), p.y(), 200), dict(VALID, name="甲", project_type="TDZZ"))
    b = add_site(sites, square(p.x() + 200, p.y(), 200), dict(VALID, name="乙", project_type="TDZZ"))  # touches a
    c = add_site(sites, square(p.x() + 150, p.y() + 150, 200), dict(VALID, name="丙", project_type="TDZZ"))
    found = validator(opened_plan).validate(sources.site_inputs(sites))
    overlaps = {(f.site_name, f.rule) for f in found if f.rule == "OVERLAP"}
    assert overlaps == {("甲", "OVERLAP"), ("乙", "OVERLAP"), ("丙", "OVERLAP")}
    message = [f.message for f in found if f.fid == a and f.rule == "OVERLAP"][0]
    assert "2,500.0 m²" in message and "丙" in message
    assert not [f for f in found if f.fid in (a, b) and "乙" in f.message and "甲" in f.message]
    assert {f.fid for f in found if f.rule == "OVERLAP"} == {a, b, c}


def test_threshold_allows_small_overlaps(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z3")
    add_site(sites, square(p.x(), p.y(), 200), dict(VALID, name="甲", project_type="TDZZ"))
    b = add_site(sites, square(p.x() + 195, p.y(), 200), dict(VALID, name="乙", project_type="TDZZ"))  # 1000 m²
    assert "OVERLAP" in rules(findings_for(opened_plan, sites, b, max_overlap_m2=999))
    assert "OVERLAP" not in rules(findings_for(opened_plan, sites, b, max_overlap_m2=1001))


@pytest.mark.parametrize("values, rule, words", [
    ({"name": "  "}, "NAME_EMPTY", "name"),
    ({"name": "（示意）御河湿地生态修复工程"}, "NAME_DUPLICATE", "2 sites"),
    ({"project_type": None}, "TYPE_INVALID", "(empty)"),
    ({"project_type": "FOO"}, "TYPE_INVALID", "FOO"),
    ({"status": "lost"}, "STATUS_INVALID", "lost"),
    ({"start_year": None}, "YEAR_MISSING", "start year"),
    ({"end_year": 2040}, "YEAR_OUT_OF_RANGE", "2040"),
    ({"start_year": 2019}, "YEAR_OUT_OF_RANGE", "2019"),
    ({"start_year": 2030, "end_year": 2026}, "YEARS_REVERSED", "2030"),
    ({"investment": -5.0}, "INVESTMENT_NEGATIVE", "-5.0"),
    ({"investment": None}, "INVESTMENT_MISSING", "not counted as 0"),
])
def test_attribute_rules(opened_plan, sites, values, rule, words):
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 200), VALID)
    # then typed in, as a user would (creating the feature would make a duplicate name unique and fill defaults)
    for name, value in values.items():
        assert sites.changeAttributeValue(fid, sites.fields().indexOf(name), value)
    matching = [f for f in findings_for(opened_plan, sites, fid) if f.rule == rule]
    assert matching, rules(findings_for(opened_plan, sites, fid))
    assert words in matching[0].message


def test_plan_conformance_is_a_warning(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z1")  # the urban zone
    fid = add_site(sites, square(p.x(), p.y(), 200), dict(VALID, name="城区里的矿山项目", project_type="KSXF"))
    (finding,) = [f for f in findings_for(opened_plan, sites, fid) if f.rule == "PLAN_CONFORMANCE"]
    assert not finding.is_error
    assert "矿山生态修复项目" in finding.message and "矿山生态修复及防风固沙治理区" in finding.message
    assert "the plugin's default, not the plan's" in finding.message  # whose table it is


def test_suitability_table_is_editable(opened_plan, sites):
    import sqlite3

    with sqlite3.connect(opened_plan) as con:
        con.execute("INSERT INTO suitability (type_code, area_kind, area_code) VALUES ('KSXF', 'zone', 'Z1')")
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 200), dict(VALID, name="城区里的矿山项目", project_type="KSXF"))
    assert "PLAN_CONFORMANCE" not in rules(findings_for(opened_plan, sites, fid))


def test_an_edited_suitability_row_is_named_as_the_plan_files(opened_plan, sites):
    import sqlite3

    with sqlite3.connect(opened_plan) as con:  # mining also suits the farmland zone Z3, by the bureau's choice
        con.execute("INSERT INTO suitability (type_code, area_kind, area_code) VALUES ('KSXF', 'zone', 'Z3')")
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 200), dict(VALID, name="城区里的矿山项目", project_type="KSXF"))
    (finding,) = [f for f in findings_for(opened_plan, sites, fid) if f.rule == "PLAN_CONFORMANCE"]
    assert "as changed in the plan file, not the plan's" in finding.message
    assert "农田空间生态综合治理修复区" in finding.message


def test_stale_derived_values(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 200), VALID)
    sites.changeAttributeValue(fid, sites.fields().indexOf("area_proj_ha"), 99.0, None, True)
    assert "DERIVED_STALE" in rules(findings_for(opened_plan, sites, fid))


def test_site_in_no_zone(opened_plan, sites):
    """Official zones that leave part of the district uncovered: a site there is flagged, as a warning."""
    zones = layer_by_table(QgsProject.instance(), "restoration_zones")
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 200), VALID)
    assert zones.startEditing()
    zones.deleteFeatures([f.id() for f in zones.getFeatures() if f["code"] == "Z1"])
    try:
        (finding,) = [f for f in findings_for(opened_plan, sites, fid) if f.rule == "OUTSIDE_ZONES"]
        assert not finding.is_error and "测试项目" in finding.message
    finally:
        zones.rollBack()


def test_shapely_18_paths_give_the_same_findings(opened_plan, sites, monkeypatch):
    """Debian 12's QGIS runs on shapely 1.8: the per-site code path must agree with the vectorised one."""
    from pingcheng_plugin.core.sites import overlay
    from pingcheng_plugin.core.validation import engine

    p = zone_point(QgsProject.instance(), "Z3")
    add_site(sites, square(p.x(), p.y(), 200), dict(VALID, name="甲", project_type="TDZZ"))
    add_site(sites, square(p.x() + 150, p.y(), 200), dict(VALID, name="乙", project_type="KSXF"))
    add_site(sites, bow_tie(p.x(), p.y() + 300, 100), dict(VALID, name="丙"))
    vectorised = [(f.rule, f.fid, f.message) for f in validator(opened_plan).validate(sources.site_inputs(sites))]
    monkeypatch.setattr(overlay, "SHAPELY2", False)
    monkeypatch.setattr(engine, "SHAPELY2", False)
    per_site = [(f.rule, f.fid, f.message) for f in validator(opened_plan).validate(sources.site_inputs(sites))]
    assert per_site == vectorised and {r for r, _, _ in per_site} >= {"OVERLAP", "GEOM_INVALID", "PLAN_CONFORMANCE"}


def test_only_reports_the_edited_sites(opened_plan, sites):
    p = zone_point(QgsProject.instance(), "Z1")
    fid = add_site(sites, square(p.x(), p.y(), 5), dict(VALID, name="小地块"))
    found = validator(opened_plan).validate(sources.site_inputs(sites), only=[fid])
    assert {f.fid for f in found} == {fid}


def test_config_is_stored_in_the_plan(demo_plan):
    write_config(str(demo_plan), ValidationConfig(boundary_tolerance_m=12.5, max_overlap_m2=3, min_area_ha=0.5))
    assert read_config(str(demo_plan)) == ValidationConfig(12.5, 3.0, 0.5)
    with pytest.raises(Exception, match="zero or more"):
        write_config(str(demo_plan), ValidationConfig(boundary_tolerance_m=-1))


def test_findings_layer(opened_plan):
    findings = sources.validate_plan(str(opened_plan))
    layer = sources.findings_layer(findings)
    assert layer.featureCount() == len(findings)
    feature = next(layer.getFeatures())
    assert feature["rule"] == "INVESTMENT_MISSING" and feature.hasGeometry()
