"""An English QGIS shows the plan's layers, fields, lists and form in English; the plan keeps them in Chinese.

References: the schema's own Chinese and English words, and the project file QGIS writes (read as XML), not the
code under test.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from qgis.core import QgsFieldConstraints, QgsProject

from pingcheng_plugin.core.rules.site_rules import RULES
from pingcheng_plugin.core.store import plan_project, schema
from pingcheng_plugin.plan import vocabulary
from tests.helpers import layer_by_table
from tests.helpers.common import ui_locale


@pytest.fixture
def english(qgis_app):
    with ui_locale("en_US"):
        yield


@pytest.fixture
def shown(english, plugin, opened_plan):
    plugin.dock.watcher.refresh_plan()
    return layer_by_table(QgsProject.instance(), schema.SITES.table)


def _alias(layer, name):
    return layer.fields().field(name).alias()


def test_english_qgis_shows_english_words(shown):
    sites = shown
    assert sites.name() == schema.SITES.title_en
    for spec in schema.SITES.fields:
        assert _alias(sites, spec.name) == spec.alias_en
    listed = sites.editorWidgetSetup(sites.fields().indexOf("project_type")).config()["map"]
    assert [list(item)[0] for item in listed] == [e.name_en for e in vocabulary.entries("project_type")]
    tabs = [tab.name() for tab in sites.editFormConfig().tabs()]
    assert tabs[0] == "General" and "基本信息" not in tabs
    legend = {c.value(): c.label() for c in sites.renderer().categories()}
    assert legend["TDZZ"] == vocabulary.by_code("project_type", "TDZZ").name_en
    constraints = sites.fields().field("name").constraints()
    assert RULES["NAME_EMPTY"].message.en in constraints.constraintDescription()
    assert constraints.constraints() & QgsFieldConstraints.ConstraintExpression
    zones = layer_by_table(QgsProject.instance(), schema.ZONES.table)
    assert zones.name() == schema.ZONES.title_en
    groups = {g.name() for g in QgsProject.instance().layerTreeRoot().findGroups()}
    assert set(plan_project.GROUP_TITLES_EN.values()) <= groups


def test_the_saved_project_keeps_the_plans_chinese(shown, tmp_path):
    target = tmp_path / "saved.qgs"
    assert QgsProject.instance().write(str(target))
    root = ET.parse(target).getroot()
    site_layer = next(m for m in root.iter("maplayer") if m.findtext("id") == shown.id())
    assert site_layer.findtext("layername") == schema.SITES.title_zh
    aliases = {a.get("field"): a.get("name") for a in site_layer.iter("alias")}
    assert all(aliases[spec.name] == spec.alias_zh for spec in schema.SITES.fields if spec.name in aliases)
    tabs = [c.get("name") for c in site_layer.find("attributeEditorForm").iter("attributeEditorContainer")]
    assert tabs[0] == "基本信息" and "General" not in tabs
    categories = {c.get("value"): c.get("label") for c in site_layer.iter("category")}
    assert categories["TDZZ"] == vocabulary.by_code("project_type", "TDZZ").name_zh
    values = [o.get("name") for o in site_layer.iter("Option") if o.get("value") == "TDZZ"]
    assert vocabulary.by_code("project_type", "TDZZ").name_zh in values
    assert vocabulary.by_code("project_type", "TDZZ").name_en not in values
    tree = {n.get("id"): n.get("name") for n in root.iter("layer-tree-layer")}
    assert tree[shown.id()] == schema.SITES.title_zh
    assert set(plan_project.GROUP_TITLES_EN) <= {g.get("name") for g in root.iter("layer-tree-group")}
    # and the live layers still show English
    english_alias = {spec.name: spec.alias_en for spec in schema.SITES.fields}
    assert shown.name() == schema.SITES.title_en and _alias(shown, "name") == english_alias["name"]


def test_unloading_leaves_the_chinese_words(english, plugin, opened_plan):
    plugin.dock.watcher.refresh_plan()
    sites = layer_by_table(QgsProject.instance(), schema.SITES.table)
    assert sites.name() == schema.SITES.title_en
    plugin.dock.cleanup()
    assert sites.name() == schema.SITES.title_zh
    groups = {g.name() for g in QgsProject.instance().layerTreeRoot().findGroups()}
    assert set(plan_project.GROUP_TITLES_EN) <= groups
