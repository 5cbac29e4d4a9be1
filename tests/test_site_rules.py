"""One rule table, three enforcers: every site rule's failing and passing case goes through the form (QGIS's own
constraint check on the plan's stored form), the GeoPackage trigger (a commit through a plain layer, as any program
writes) and the validator (Validate all), which must give the same verdict with the rule's own message.

Where a rule has no channel of a kind (a warning never blocks a write; geometry validity is not an SQL function of
the GeoPackage), the table says so and the test checks that channel says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import pytest
from qgis.core import QgsFieldConstraints, QgsGeometry, QgsProject, QgsVectorLayerUtils

from pingcheng_plugin.core.rules import site_rules
from pingcheng_plugin.core.store import plan_data, schema
from pingcheng_plugin.core.store.plan_settings import read_config
from pingcheng_plugin.core.validation import sources
from pingcheng_plugin.core.validation.engine import SiteValidator
from tests.helpers import bow_tie, layer_by_table, square
from tests.helpers.sites import VALID, add_site, zone_point

HARD = QgsFieldConstraints.ConstraintStrengthHard
SOFT = QgsFieldConstraints.ConstraintStrengthSoft


@dataclass
class Case:
    values: Dict[str, object] = field(default_factory=dict)
    #: the site's boundary from a free point in zone Z1 and the district's extent; None: a 200 m square there
    geometry: Optional[Callable] = None


def _far_west(p, extent):
    return square(extent.xMinimum() - 5000, extent.center().y(), 200)


CASES: Dict[str, tuple] = {  # rule code: (failing cases, passing case)
    "GEOM_EMPTY": ([Case(geometry=lambda p, e: QgsGeometry())], Case()),
    "GEOM_INVALID": ([Case(geometry=lambda p, e: bow_tie(p.x(), p.y(), 300))], Case()),
    "OUTSIDE_DISTRICT": ([Case(geometry=_far_west)], Case()),
    "AREA_TOO_SMALL": ([Case(geometry=lambda p, e: square(p.x(), p.y(), 5))], Case()),
    "NAME_EMPTY": ([Case({"name": "  "}), Case({"name": "\u3000"}), Case({"name": "\xa0\t"})],
                   Case({"name": "规则测试项目"})),
    "NAME_DUPLICATE": ([Case({"name": "(existing)"})], Case({"name": "规则测试项目"})),
    "TYPE_INVALID": ([Case({"project_type": "FOO"}), Case({"project_type": None})], Case({"project_type": "CZXF"})),
    "STATUS_INVALID": ([Case({"status": "lost"})], Case({"status": "building"})),
    "YEAR_MISSING": ([Case({"start_year": None}), Case({"end_year": None})], Case({"start_year": 2024})),
    "YEAR_OUT_OF_RANGE": ([Case({"start_year": 2019}), Case({"end_year": 2040})], Case({"end_year": 2035})),
    "YEARS_REVERSED": ([Case({"start_year": 2030, "end_year": 2026})], Case({"start_year": 2026, "end_year": 2030})),
    "INVESTMENT_NEGATIVE": ([Case({"investment": -5.0})], Case({"investment": 0.0})),
    "INVESTMENT_MISSING": ([Case({"investment": None})], Case({"investment": 12.5})),
    "FUNDING_NEGATIVE": ([Case({"fund_city": -1.0}), Case({"fund_social": -0.01})], Case({"fund_city": 0.0})),
    # 600 + 300 ≠ 1000; 1000.02 is beyond the 0.01 万元 tolerance; 600 + 399.995 is within it
    "FUNDING_SPLIT": ([Case({"investment": 1000.0, "fund_central": 600.0, "fund_district": 300.0}),
                       Case({"investment": 1000.0, "fund_provincial": 1000.02})],
                      Case({"investment": 1000.0, "fund_central": 600.0, "fund_district": 399.995})),
}
#: Rules only the validator can judge (they need other sites or the plan's areas): tested in test_validation.py.
VALIDATOR_ONLY = {"OVERLAP", "OUTSIDE_ZONES", "PLAN_CONFORMANCE", "DERIVED_STALE"}
#: The bureau's control layers (imported per plan): each rule's failing and passing case in test_controls.py.
VALIDATOR_ONLY |= {"CONTROL_REDLINE", "CONTROL_FARMLAND", "CONTROL_URBAN_OUTSIDE", "CONTROL_PROTECTED"}


def test_every_rule_is_covered_once():
    assert set(CASES) | VALIDATOR_ONLY == set(site_rules.RULES) and not set(CASES) & VALIDATOR_ONLY
    for code in VALIDATOR_ONLY:
        rule = site_rules.RULES[code]
        assert rule.form is None and rule.sql is None and not rule.not_null and not rule.unique, code


def test_every_blocking_attribute_rule_blocks_in_the_form_and_the_database():
    """What can block does block everywhere: an error rule on attributes has a form check and a trigger."""
    for rule in site_rules.SITE_RULES:
        if rule.blocks and rule.engine == "attributes":
            assert (rule.form or rule.not_null or rule.unique) and rule.sql, rule.code


@pytest.fixture
def plan_sites(opened_plan):
    """The plan's own site layer (the stored form) and a free spot in zone Z1."""
    project = QgsProject.instance()
    layer = layer_by_table(project, "project_sites")
    assert layer.startEditing()
    yield layer, zone_point(project, "Z1"), layer_by_table(project, "district_boundary").extent()
    layer.rollBack()


def _values(layer, case: Case) -> Dict[str, object]:
    values = dict(VALID, name="规则测试项目")
    values.update(case.values)
    if values.get("name") == "(existing)":
        values["name"] = next(layer.getFeatures())["name"]
    return values


def _geometry(case: Case, point, extent) -> QgsGeometry:
    geometry = case.geometry(point, extent) if case.geometry else square(point.x(), point.y(), 200)
    if not geometry.isNull():
        geometry.convertToMultiType()
    return geometry


def form_messages(layer, rule: site_rules.SiteRule, values, geometry) -> List[str]:
    """What QGIS's form says about the rule's fields, at the rule's strength (hard disables OK, soft warns)."""
    feature = QgsVectorLayerUtils.createFeature(layer, geometry, {}, layer.createExpressionContext())
    for name, value in values.items():
        feature[name] = value
    strength = HARD if rule.blocks else SOFT
    messages = []
    for name in rule.fields:
        ok, errors = QgsVectorLayerUtils.validateAttribute(layer, feature, layer.fields().indexOf(name), strength)
        if not ok:
            messages += errors
    return messages


def trigger_messages(plan, values, geometry) -> List[str]:
    """A write by any program: a plain layer of the plan (no form, no plugin) commits the site."""
    layer = plan_data.open_layer(str(plan), schema.SITES)
    feature = QgsVectorLayerUtils.createFeature(layer, geometry, {}, layer.createExpressionContext())
    for name, value in values.items():
        feature[name] = value
    if not geometry.isNull():
        feature["area_proj_ha"] = geometry.area() / 10000.0  # what the form's default writes
    assert layer.startEditing() and layer.addFeature(feature)
    if layer.commitChanges():
        return []
    errors = layer.commitErrors()
    layer.rollBack()
    return errors


def validator_messages(plan, layer, rule, values, geometry) -> List[str]:
    fid = add_site(layer, geometry, {})
    for name, value in values.items():  # typed in after creation: creating would make a duplicate name unique
        assert layer.changeAttributeValue(fid, layer.fields().indexOf(name), value)
    project = QgsProject.instance()
    context = sources.context_from_layers(layer_by_table(project, "district_boundary"),
                                          layer_by_table(project, "restoration_zones"),
                                          layer_by_table(project, "key_areas"), plan_data.suitability_rows(str(plan)))
    findings = SiteValidator(context, read_config(str(plan))).validate(sources.site_inputs(layer), only=[fid])
    layer.deleteFeature(fid)
    return [f.message for f in findings if f.rule == rule.code and f.fid == fid]


@pytest.mark.parametrize("code", sorted(CASES))
def test_form_trigger_and_validator_agree(code, opened_plan, plan_sites):
    layer, point, extent = plan_sites
    rule = site_rules.RULES[code]
    failing, passing = CASES[code]
    message = rule.message()
    for case, should_fail in [(c, True) for c in failing] + [(passing, False)]:
        values, geometry = _values(layer, case), _geometry(case, point, extent)
        found = validator_messages(opened_plan, layer, rule, values, geometry)
        assert bool(found) == should_fail, (code, case, found)
        assert all(message in m for m in found), (message, found)
        if rule.fields:
            said = form_messages(layer, rule, values, geometry)
            assert bool(said) == should_fail, (code, case, "form", said)
            if should_fail and rule.form is not None and rule.form("", _form_limits(opened_plan)):
                assert any(rule.message.zh in m for m in said), (rule.message.zh, said)
        if rule.sql is not None:
            refused = trigger_messages(opened_plan, values, geometry)
            assert bool(refused) == should_fail, (code, case, "trigger", refused)
            if should_fail:
                assert any(rule.message.both() in m for m in refused), (rule.message.both(), refused)


def _form_limits(plan) -> site_rules.Limits:
    config = read_config(str(plan))
    return site_rules.Limits.numbers(config.min_area_ha, config.boundary_tolerance_m, "boundary")


def test_names_differing_in_spaces_or_case_are_the_same_for_trigger_and_validator(opened_plan, plan_sites):
    """The duplicate-name key (spaces, tabs, line breaks, the ideographic space; ASCII case) is one function in
    Python and one expression in SQL: both refuse the same near-duplicates."""
    layer, point, extent = plan_sites
    existing = next(layer.getFeatures())["name"]
    rule = site_rules.RULES["NAME_DUPLICATE"]
    for variant in (f" {existing} ", existing.replace("", "\u3000")[1:-1], f"{existing}\t"):
        values = dict(VALID, name=variant)
        geometry = _geometry(Case(), point, extent)
        assert validator_messages(opened_plan, layer, rule, values, geometry), variant
        assert trigger_messages(opened_plan, values, geometry), variant
    assert site_rules.name_key("Ab Ｃ\u3000d") == "abＣd"  # ASCII case only, as SQLite's lower()
    # and through SQL: a saved Latin-lettered name, then variants in case and spacing, refused by both
    assert not trigger_messages(opened_plan, dict(VALID, name="Yuhe Park 一期"), _geometry(Case(), point, extent))
    for variant in ("yuhe park 一期", "YUHE\xa0PARK一期"):
        values = dict(VALID, name=variant)
        geometry = _geometry(Case(), point, extent)
        assert trigger_messages(opened_plan, values, geometry), variant
        assert validator_messages(opened_plan, layer, rule, values, geometry), variant
    assert site_rules.name_key("NULL") == "null"  # a name typed as the word NULL is a name, not an empty value


def test_a_site_without_its_stored_area_is_refused_by_the_database(opened_plan, plan_sites):
    """The database's minimum-area rule reads the stored planar area: a program that writes a boundary without it
    (or moves a boundary) cannot slip a site past it."""
    layer, point, extent = plan_sites
    rule = site_rules.RULES["AREA_TOO_SMALL"]
    target = plan_data.open_layer(str(opened_plan), schema.SITES)
    feature = QgsVectorLayerUtils.createFeature(target, square(point.x(), point.y(), 200), {},
                                                target.createExpressionContext())
    for name, value in dict(VALID, name="未填面积的项目").items():
        feature[name] = value
    assert target.startEditing() and target.addFeature(feature)
    assert not target.commitChanges()
    assert any(rule.message.both() in error for error in target.commitErrors())
    target.rollBack()


def test_the_name_lookup_uses_its_index(opened_plan):
    """The trigger's duplicate lookup is a keyed search, not a scan per written site (imports of 100,000)."""
    from tests.helpers import sql

    key = site_rules.name_key_sql("other.name")
    plan = sql(opened_plan, f"EXPLAIN QUERY PLAN SELECT 1 FROM project_sites AS other WHERE {key} = 'x'")
    # "USING INDEX …" or, in newer SQLite, "USING COVERING INDEX …": either way a keyed search, not a SCAN
    assert any("INDEX project_sites_name_key" in row[-1] for row in plan), plan
