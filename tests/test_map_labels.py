"""Map labels of a plan as stored in it (and so in plain QGIS): names kept inside their areas, key areas named,
sites read by name and code."""

from __future__ import annotations

from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsProject

from tests.helpers import layer_by_table


def settings_of(table):
    layer = layer_by_table(QgsProject.instance(), table)
    assert layer.labelsEnabled(), table
    return layer, layer.labeling().settings()


def test_area_names_stay_inside_their_areas(opened_plan):
    for table in ("restoration_zones", "key_areas", "eco_corridors", "eco_barriers"):
        _layer, settings = settings_of(table)
        assert settings.fitInPolygonOnly, f"{table}: a name must not spill onto the neighbouring area"


def test_key_areas_are_labelled_by_name(opened_plan):
    layer, settings = settings_of("key_areas")
    assert settings.fieldName.strip('"') == "name" or QgsExpression(settings.fieldName).referencedColumns() == {"name"}


def test_sites_read_by_name_then_code(opened_plan):
    layer, settings = settings_of("project_sites")
    feature = next(f for f in layer.getFeatures() if f["project_code"])
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    text = QgsExpression(settings.fieldName).evaluate(context)
    assert text == f"{feature['name']}\n{feature['project_code']}"
    # above the plan areas' names in the label engine's priority
    _zones, zone_settings = settings_of("restoration_zones")
    assert settings.priority > zone_settings.priority
