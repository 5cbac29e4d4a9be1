"""The 管控图层 group of the plan's stored project: the control layers the plan has, styled, below the plan's own
groups and above the base map. Called by :func:`.plan_project.build_project`; nothing is added to a plan that never
imported a control layer.

Colours: the red line red, farmland the survey's yellow, the urban boundary an orange outline, protected areas
green hatching; land-survey parcels by the survey's groups in the colours of Chinese land-use maps (耕地 yellow,
园地 orange-brown, 林地 green, 草地 light green, 湿地 and water blue, built-up red, roads grey, other land pale), the
customary 土地利用现状图 scheme; unknown classes grey.
"""

from __future__ import annotations

import os
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsEditorWidgetSetup,
    QgsProject,
    QgsRelation,
    QgsRelationContext,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from . import control_schema, forms, gpkg, plan_layers, schema, styles

#: Survey group code → fill colour (the group codes of ..controls.land_classes).
LAND_COLOURS: Dict[str, str] = {"01": "#ffff64", "02": "#e6b450", "03": "#3ca03c", "04": "#b4e17d", "00": "#64c8e6",
                                "20": "#e65a5a", "10": "#a0a0a0", "11": "#3c8ce6", "12": "#e6dcc8", "99": "#9a9a9a"}
_KIND_SYMBOLS = {
    "redline": lambda: styles.fill_symbol("#e31a1c", 0.35, outline="#b00000", width=0.5),
    "farmland": lambda: styles.fill_symbol("#f5e050", 0.45, outline="#b8a000", width=0.3),
    "urban": lambda: styles.fill_symbol("#ff8c00", 0.0, outline="#ff8c00", width=0.8, style="no",
                                        outline_style="dash"),
    "protected": lambda: styles.fill_symbol("#2e8b57", 0.25, outline="#1b5e20", width=0.5, style="f_diagonal"),
}


def _groups_present(path: str) -> List[Tuple[str, str]]:
    """(group code, group name) of the parcels the plan has, in code order."""
    with gpkg.connect(path, readonly=True) as con:
        rows = con.execute(f"SELECT DISTINCT class_group, group_name FROM {control_schema.LAYERS['landuse'].table} "
                           f"ORDER BY class_group").fetchall()
    return [(code or "99", name or "") for code, name in rows]


def style_layer(layer: QgsVectorLayer, kind: str, path: str) -> None:
    if kind == "landuse":
        categories = [QgsRendererCategory(code, styles.fill_symbol(LAND_COLOURS.get(code, "#9a9a9a"), 0.8,
                                                                   outline="#808080", width=0.1), name or code)
                      for code, name in _groups_present(path)]
        layer.setRenderer(QgsCategorizedSymbolRenderer("class_group", categories))
    else:
        layer.setRenderer(QgsSingleSymbolRenderer(_KIND_SYMBOLS[kind]()))
    forms.apply_aliases(layer, control_schema.LAYERS[kind])


def add_control_group(project: QgsProject, path: str, index: Optional[int] = None) -> None:
    """Add the 管控图层 group (the control layers ``path`` has) to ``project``'s layer tree: at the end (after the
    plan's groups, before the base map is added), or at ``index``."""
    present = gpkg.plan_tables(path)
    if control_schema.CONTROL_REGISTER.table not in present:
        return
    layers, shown = [], []
    for kind in control_schema.KINDS:
        spec = control_schema.LAYERS[kind]
        if spec.table not in present:
            continue
        layer = QgsVectorLayer(gpkg.layer_uri(path, spec.table), spec.title_zh, "ogr")
        if not layer.isValid() or layer.featureCount() == 0:
            continue
        layer.extent()  # now, before styles switch the file to WAL (see plan_project.load_layer)
        style_layer(layer, kind, path)
        # the bureau's layer as imported: an edit here would bypass the sites' results (and a review package's
        # would be dropped by the merge); a corrected layer comes in through Import control layer… again
        layer.setReadOnly(True)
        layers.append(layer)
        shown.append(kind)
    if not layers:
        return
    tables = []
    # the land classes only with a land survey: an empty 项目地类面积 list in every site's form would read as "this
    # site occupies no land class"
    surveyed = "landuse" in shown
    for spec in (control_schema.SITE_CONTROLS,) + ((control_schema.SITE_LAND_CLASSES,) if surveyed else ()):
        table = QgsVectorLayer(gpkg.layer_uri(path, spec.table), spec.title_zh, "ogr")
        if table.isValid():
            forms.apply_aliases(table, spec)
            table.setReadOnly(True)  # results are recomputed by the plugin at each import and site save
            table.setDisplayExpression(_DISPLAY[spec.table])
            if spec is control_schema.SITE_CONTROLS:
                table.setEditorWidgetSetup(table.fields().indexOf("kind"), QgsEditorWidgetSetup(
                    "ValueMap", {"map": [{control_schema.TITLES_ZH[k]: k} for k in control_schema.KINDS]}))
            tables.append((spec, table))
            layers.append(table)
    root = project.layerTreeRoot()
    title = control_schema.GROUP_TITLE_ZH
    group = root.addGroup(title) if index is None else root.insertGroup(index, title)
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer).setItemVisibilityChecked(layer.name() != control_schema.TITLES_ZH["landuse"])
    _relate_to_sites(project, path, tables)


#: How a result row is listed in the site form's relation editor: the control layer or land class and its area.
_DISPLAY = {
    control_schema.SITE_CONTROLS.table: "represent_value(\"kind\") || '  ' || format_number(\"area_ha\", 4) || ' ha'",
    control_schema.SITE_LAND_CLASSES.table: "coalesce(\"dlbm\", '') || ' ' || coalesce(\"dlmc\", '') || '  ' || "
                                            "format_number(\"area_ha\", 4) || ' ha'",
}
RELATION_IDS = {control_schema.SITE_CONTROLS.table: "pingcheng_site_controls",
                control_schema.SITE_LAND_CLASSES.table: "pingcheng_site_land_classes"}


def _sites_layer(project: QgsProject, path: str) -> Optional[QgsVectorLayer]:
    for layer in project.mapLayers().values():
        if plan_layers.layer_table(layer) == (os.path.abspath(path), schema.SITES.table):
            return layer
    return None


def _relate_to_sites(project: QgsProject, path: str, tables) -> None:
    """The control results as children of the site (project_code), shown in the site form's 管控与地类 tab. The
    relations and the form live in the project stored in the plan, so QGIS without the plugin shows them too."""
    sites = _sites_layer(project, path)
    if sites is None:
        return
    manager = project.relationManager()
    relations = []
    for spec, table in tables:
        manager.removeRelation(RELATION_IDS[spec.table])
        relation = QgsRelation(QgsRelationContext(project))  # the layer ids are ``project``'s, not the instance's
        relation.setId(RELATION_IDS[spec.table])
        relation.setName(spec.title_zh)
        relation.setReferencingLayer(table.id())
        relation.setReferencedLayer(sites.id())
        relation.addFieldPair("project_code", "project_code")
        if relation.isValid():
            manager.addRelation(relation)
            relations.append(manager.relation(relation.id()))
    forms.set_control_relations(sites, relations)


def replace_control_group(project: QgsProject, path: str, base_group_title: str) -> None:
    """Replace the 管控图层 group of a stored project read into ``project`` (after an import), just above the
    ``base_group_title`` group (or at the end): cheaper than rebuilding the whole project, and the user's other
    changes to it stay."""
    root = project.layerTreeRoot()
    old = root.findGroup(control_schema.GROUP_TITLE_ZH)
    if old is not None:
        project.removeMapLayers([node.layerId() for node in old.findLayers()])  # their relations go with them
        root.removeChildNode(old)
    sites = _sites_layer(project, path)
    if sites is not None:
        forms.set_control_relations(sites, [])  # add_control_group relates the new tables again
    names = [child.name() for child in root.children()]
    add_control_group(project, path, names.index(base_group_title) if base_group_title in names else None)
