"""Attribute forms from the schema: aliases, editor widgets, constraints, default values and tabs.

Everything here is stored in the layer's style (and so in the GeoPackage's ``layer_styles`` and the stored
project), so the same form works in QGIS without the plugin and in QField. Database rules back it up
(``core/store/gpkg.py``): QGIS enforces these constraints only in forms.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFieldConstraints,
    QgsRelation,
    QgsVectorLayer,
)

from ...plan import suitability, vocabulary
from ..rules import site_rules
from ..rules.thresholds import ValidationConfig
from ..sites import derive
from ..support import compat
from . import schema

HARD = QgsFieldConstraints.ConstraintStrengthHard
SOFT = QgsFieldConstraints.ConstraintStrengthSoft


def value_map(kind: str, language: str = "zh") -> QgsEditorWidgetSetup:
    """A drop-down of a vocabulary kind: names shown (Chinese as stored in the plan), codes stored."""
    return QgsEditorWidgetSetup("ValueMap", {"map": [{e.name(language): e.code} for e in vocabulary.entries(kind)]})


def _year_range() -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup("Range", {
        "Min": vocabulary.PLAN_START_YEAR, "Max": vocabulary.PLAN_END_YEAR, "Step": 1, "AllowNull": True,
        "Style": "SpinBox",
    })


def _read_only_text() -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": False, "UseHtml": False})


def apply_aliases(layer: QgsVectorLayer, spec: schema.LayerSpec, language: str = "zh") -> None:
    for field_spec in spec.fields:
        index = layer.fields().indexOf(field_spec.name)
        if index >= 0:
            layer.setFieldAlias(index, field_spec.alias_en if language == "en" else field_spec.alias_zh)


def _read_only(config: QgsEditFormConfig, layer: QgsVectorLayer, spec: schema.LayerSpec) -> None:
    for field_spec in spec.fields:
        index = layer.fields().indexOf(field_spec.name)
        if index >= 0 and field_spec.derived:
            config.setReadOnly(index, True)


def configure_plan_area_layer(layer: QgsVectorLayer, spec: schema.LayerSpec, language: str = "zh") -> None:
    """Forms of the corridor, barrier, zone and key-area layers: the code is picked from the plan's list."""
    apply_aliases(layer, spec, language)
    fields = layer.fields()
    if spec.vocabulary_kind and fields.indexOf("code") >= 0:
        index = fields.indexOf("code")
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("ValueMap", {
            "map": [{f"{e.code} {e.name(language)}": e.code} for e in vocabulary.entries(spec.vocabulary_kind)]}))
        codes = ", ".join(f"'{c}'" for c in vocabulary.codes(spec.vocabulary_kind))
        layer.setConstraintExpression(index, f"\"code\" IN ({codes})", "The code must be one of the plan's list"
                                      if language == "en" else "编码须为规划确定的名录之一")
        layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression, HARD)
    if fields.indexOf("illustrative") >= 0:
        layer.setEditorWidgetSetup(fields.indexOf("illustrative"), QgsEditorWidgetSetup("CheckBox", {}))
    config = layer.editFormConfig()
    _read_only(config, layer, spec)
    layer.setEditFormConfig(config)
    if fields.indexOf("area_km2") >= 0:
        layer.setDefaultValueDefinition(fields.indexOf("area_km2"), QgsDefaultValue("round($area / 1000000, 4)", True))


def configure_suitability_layer(layer: QgsVectorLayer) -> None:
    """The editable type-to-area table: each column a drop-down of the plan's own names, so a bureau can correct
    which zones and key areas suit which project type without typing codes."""
    apply_aliases(layer, schema.SUITABILITY)
    fields = layer.fields()
    kinds = QgsEditorWidgetSetup("ValueMap", {"map": [{vocabulary.SECTION_ZONES_ZH: "zone"},
                                                      {vocabulary.SECTION_KEY_AREAS_ZH: "key_area"}]})
    areas = QgsEditorWidgetSetup("ValueMap", {"map": [
        {f"{e.code} {e.name_zh}": e.code} for kind in ("zone", "key_area") for e in vocabulary.entries(kind)]})
    for name, setup in (("type_code", value_map("project_type")), ("area_kind", kinds), ("area_code", areas)):
        index = fields.indexOf(name)
        if index >= 0:
            layer.setEditorWidgetSetup(index, setup)
            layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintNotNull, HARD)
    index = fields.indexOf("area_code")
    if index >= 0:
        zones = ", ".join(f"'{c}'" for c in vocabulary.codes("zone"))
        keys = ", ".join(f"'{c}'" for c in vocabulary.codes("key_area"))
        layer.setConstraintExpression(index, f"(\"area_kind\" = 'zone' AND \"area_code\" IN ({zones})) OR "
                                             f"(\"area_kind\" = 'key_area' AND \"area_code\" IN ({keys}))",
                                      "区域编码须与区域类别一致")
        layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression, HARD)
    index = fields.indexOf("source")
    if index >= 0:
        # a row added or changed in QGIS (with or without the plugin) is the bureau's, no longer the plugin's
        # default: the expression applies on every edit, so the column cannot keep claiming a default it left
        edited = QgsExpression.quotedString(suitability.SOURCE_EDITED[0])
        layer.setDefaultValueDefinition(index, QgsDefaultValue(edited, True))
        config = layer.editFormConfig()
        config.setReadOnly(index, True)
        layer.setEditFormConfig(config)


def configure_sites_layer(layer: QgsVectorLayer, layer_ids: Dict[str, str], config: ValidationConfig,
                          language: str = "zh") -> None:
    """The project-site form. ``layer_ids`` maps 'zone', 'key_area', 'boundary' to layer ids of the project;
    ``config`` holds the plan's thresholds baked into the geometry constraints."""
    spec = schema.SITES
    apply_aliases(layer, spec, language)
    fields = layer.fields()

    def idx(name: str) -> int:
        return fields.indexOf(name)

    widgets = {
        "project_type": value_map("project_type", language),
        "status": value_map("status", language),
        "zone_code": value_map("zone", language),
        "phase": value_map("phase", language),
        "start_year": _year_range(),
        "end_year": _year_range(),
        "investment": QgsEditorWidgetSetup("Range", {"Min": 0, "Max": 1e9, "Precision": 2, "Step": 100,
                                                     "AllowNull": True, "Style": "SpinBox"}),
        "funding_source": QgsEditorWidgetSetup("UniqueValues", {"Editable": True}),
        "implementer": QgsEditorWidgetSetup("UniqueValues", {"Editable": True}),
        "measures": QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False}),
        "targets": QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False}),
        "remarks": QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False}),
        "illustrative": QgsEditorWidgetSetup("CheckBox", {}),
        "created_at": QgsEditorWidgetSetup("DateTime", {"display_format": "yyyy-MM-dd HH:mm:ss",
                                                        "field_format": "yyyy-MM-dd HH:mm:ss", "allow_null": True}),
        "modified_at": QgsEditorWidgetSetup("DateTime", {"display_format": "yyyy-MM-dd HH:mm:ss",
                                                         "field_format": "yyyy-MM-dd HH:mm:ss", "allow_null": True}),
        "project_code": _read_only_text(),
        "zone_shares": _read_only_text(),
    }
    money = QgsEditorWidgetSetup("Range", {"Min": 0, "Max": 1e9, "Precision": 2, "Step": 100, "AllowNull": True,
                                           "Style": "SpinBox"})
    widgets.update({name: money for name in schema.FUNDING_FIELDS})
    widgets.update({name: QgsEditorWidgetSetup("UniqueValues", {"Editable": True})
                    for name in ("responsible_unit", "location_town", "location_village", "parent_project")})
    for name in ("eco_problems", "redline_justification"):
        widgets[name] = QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False})
    if "mode" in layer_ids:
        # several modes per site: a value relation with AllowMulti (QGIS's value map holds one value only);
        # QField edits it as a checklist
        widgets["restoration_modes"] = QgsEditorWidgetSetup("ValueRelation", {
            "Layer": layer_ids["mode"], "LayerName": schema.MODES.title_zh, "LayerProviderName": "ogr",
            "Key": "code", "Value": "name", "AllowMulti": True, "AllowNull": True, "OrderByValue": False,
            "UseCompleter": False, "NofColumns": 2,
        })
    if "key_area" in layer_ids:
        widgets["key_areas"] = QgsEditorWidgetSetup("ValueRelation", {
            "Layer": layer_ids["key_area"], "LayerName": schema.KEY_AREAS.title_zh, "LayerProviderName": "ogr",
            "Key": "code", "Value": "name", "AllowMulti": True, "AllowNull": True, "OrderByValue": False,
            "UseCompleter": False, "NofColumns": 1,
        })
    for name, setup in widgets.items():
        if idx(name) >= 0:
            layer.setEditorWidgetSetup(idx(name), setup)

    defaults = {
        "status": ("'planned'", False),
        "illustrative": ("false", False),
        "start_year": (f"to_int(max({vocabulary.PLAN_START_YEAR}, min({vocabulary.PLAN_END_YEAR}, year(now()))))",
                       False),
        "end_year": (f"to_int(min({vocabulary.PLAN_END_YEAR}, max({vocabulary.PLAN_START_YEAR}, year(now())) + 2))",
                     False),
        "area_ha": (derive.area_ha_expression(), True),
        "area_proj_ha": (derive.area_proj_ha_expression(), True),
        "phase": (derive.phase_expression(), True),
        "created_at": ("now()", False),
        # a new site's free-text fields start empty, not as QGIS's "NULL" text a user has to delete first
        **{name: ("''", False) for name in ("implementer", "funding_source", "measures", "targets", "remarks",
                                             "responsible_unit", "eco_problems", "parent_project",
                                             "location_village")},
        "created_by": ("@user_account_name", False),
        "modified_at": ("now()", True),
        "modified_by": ("@user_account_name", True),
    }
    if "zone" in layer_ids:
        defaults["zone_code"] = (derive.zone_code_expression(layer_ids["zone"]), True)
        defaults["zone_shares"] = (derive.zone_shares_expression(layer_ids["zone"]), True)
    if "key_area" in layer_ids:
        defaults["key_areas"] = (derive.key_areas_expression(layer_ids["key_area"]), True)
    for name in ("location_town", "location_village"):
        if idx(name) >= 0 and layer.defaultValueDefinition(idx(name)).applyOnUpdate():
            defaults.pop(name, None)  # derived from the project's township layer (store/township.py): kept
    for name, (expression, on_update) in defaults.items():
        if idx(name) >= 0:
            layer.setDefaultValueDefinition(idx(name), QgsDefaultValue(expression, on_update))

    apply_site_constraints(layer, layer_ids, config, language)
    layer.setEditFormConfig(_site_form_layout(layer, language))
    # QGIS's own per-feature validity check: in the desktop it marks the error on the map and blocks the save.
    layer.geometryOptions().setGeometryChecks(["QgsIsValidCheck"])
    layer.geometryOptions().setRemoveDuplicateNodes(True)


def apply_site_constraints(layer: QgsVectorLayer, layer_ids: Dict[str, str], config: ValidationConfig,
                           language: str = "zh") -> None:
    """The site form's constraints, generated from the rule table (:mod:`.rules.site_rules`): hard for errors,
    soft for warnings. QGIS enforces them in forms only; the GeoPackage's triggers (core/store/gpkg.py), generated from
    the same table, refuse what any program writes. Rules on one field are joined with AND, their texts with ；."""
    fields = layer.fields()
    limits = site_rules.Limits.numbers(config.min_area_ha, config.boundary_tolerance_m, layer_ids.get("boundary"))
    expressions: Dict[str, List[Tuple[str, str, int]]] = {}
    for rule in site_rules.SITE_RULES:
        strength = HARD if rule.blocks else SOFT
        for name in rule.fields:
            index = fields.indexOf(name)
            if index < 0:
                continue
            expression = rule.form(name, limits) if rule.form else None
            if expression:
                expressions.setdefault(name, []).append((expression, rule.form_text(limits, language), strength))
            if rule.not_null:
                layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintNotNull, strength)
            if rule.unique:
                layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintUnique, strength)
    for name, parts in expressions.items():
        index = fields.indexOf(name)
        expression = " AND ".join(f"({e})" for e, _, _ in parts) if len(parts) > 1 else parts[0][0]
        layer.setConstraintExpression(index, expression, ("; " if language == "en" else "；").join(
            text for _, text, _ in parts))
        # one expression per field: hard as soon as one of its rules blocks
        strength = HARD if any(s == HARD for _, _, s in parts) else SOFT
        layer.setFieldConstraint(index, QgsFieldConstraints.ConstraintExpression, strength)


#: The site form's tab of the bureau's control layers: the red-line justification and, once control layers are
#: imported, the site's areas per control layer and per land class (relation editors, see set_control_relations).
CONTROLS_TAB = ("管控与地类", "Controls and land classes")
_TABS = (
    (("基本信息", "General"),
     ("project_code", "name", "project_type", "status", "implementer", "responsible_unit", "parent_project")),
    (("投资与资金", "Funding"), ("investment", "funding_source") + schema.FUNDING_FIELDS),
    (("实施时序", "Timing"), ("start_year", "end_year", "phase")),
    (("空间信息", "Location"), ("location_town", "location_village", "area_ha", "area_proj_ha", "zone_code",
                            "zone_shares", "key_areas")),
    (CONTROLS_TAB, ("redline_justification",)),  # + the control results' relation editors (set_control_relations)
    (("建设内容", "Works"), ("restoration_modes", "eco_problems", "measures", "targets", "remarks", "illustrative")),
    (("记录", "Record"), ("created_at", "created_by", "modified_at", "modified_by")),
)


def _site_form_layout(layer: QgsVectorLayer, language: str = "zh") -> QgsEditFormConfig:
    config = layer.editFormConfig()
    # the control results' relation editors belong to the project (its relations), not to the schema: a rebuild
    # (the English words of ui/plan_language.py) keeps them
    kept = [element.relation().id() for element in _relation_elements(config)]
    config.setLayout(QgsEditFormConfig.TabLayout)
    config.clearTabs()
    fields = layer.fields()
    root = config.invisibleRootContainer()
    for (title_zh, title_en), names in _TABS:
        tab = compat.tab_container(title_en if language == "en" else title_zh, root)
        for name in names:
            index = fields.indexOf(name)
            if index >= 0:
                tab.addChildElement(QgsAttributeEditorField(name, index, tab))
        config.addTab(tab)
    _add_relation_elements(config, [r for r in (_relation(layer, i) for i in kept) if r is not None])
    _read_only(config, layer, schema.SITES)
    config.setSuppress(QgsEditFormConfig.SuppressOff)
    return config


def _controls_tab(config: QgsEditFormConfig):
    for tab in config.tabs():
        if tab.name() in CONTROLS_TAB and isinstance(tab, QgsAttributeEditorContainer):
            return tab
    return None


def _relation_elements(config: QgsEditFormConfig) -> List[QgsAttributeEditorRelation]:
    tab = _controls_tab(config)
    return [e for e in (tab.children() if tab is not None else []) if isinstance(e, QgsAttributeEditorRelation)
            and e.relation().isValid()]


def _relation(layer: QgsVectorLayer, relation_id: str) -> Optional[QgsRelation]:
    project = layer.project()
    relation = project.relationManager().relation(relation_id) if project is not None else None
    return relation if relation is not None and relation.isValid() else None


def _add_relation_elements(config: QgsEditFormConfig, relations: Sequence[QgsRelation]) -> None:
    """Replace the controls tab's relation editors by one per relation of ``relations`` (read-only lists: the
    child tables are recomputed by the plugin, so no buttons)."""
    tab = _controls_tab(config)
    if tab is None:
        return
    others = [e.clone(tab) for e in tab.children() if not isinstance(e, QgsAttributeEditorRelation)]
    tab.clear()
    for element in others:
        tab.addChildElement(element)
    for relation in relations:
        element = QgsAttributeEditorRelation(relation, tab)
        element.setLabel(relation.name())
        element.setRelationWidgetTypeId("relation_editor")  # QGIS's own list of child features
        element.setRelationEditorConfiguration({"buttons": "NoButton", "show_first_feature": True})
        tab.addChildElement(element)


def set_control_relations(layer: QgsVectorLayer, relations: Sequence[QgsRelation]) -> None:
    """Show ``relations`` (the control results of :mod:`.control_project`, children of the site) as relation editors
    in the site form's 管控与地类 tab, replacing earlier ones; an empty list removes them."""
    config = layer.editFormConfig()
    _add_relation_elements(config, relations)
    layer.setEditFormConfig(config)
