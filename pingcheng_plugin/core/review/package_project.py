"""The QGIS project of a review package: the plan layers styled as in the plan, the site form with a review tab.

Written as a plain ``.qgz`` beside the package's GeoPackage with relative paths, so the folder opens in any QGIS
and in QField wherever it is copied; the ellipsoid is CGCS2000 so that ``$area`` in the form stays ellipsoidal
(a project with ellipsoid "None" would store planar areas). The plan fields of a site are read-only and their
update defaults are switched off: a reviewer records findings and sketches proposals, and saving a finding must
not rewrite the site's own values (GeoDiff would report them as changed).
"""

from __future__ import annotations

import os
from typing import Dict, List, Optional

from qgis.core import (
    QgsAttributeEditorField,
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from ...plan import vocabulary
from ..rules.thresholds import ValidationConfig
from ..store import base_group, control_project, forms, plan_data, schema, styles
from ..support import compat
from ..support.errors import ExportError
from ..support.i18n import tr
from . import package_format as fmt

STYLE_NAME = "pingcheng_review"
_REVIEW_TAB = ("现场核查", "Field review")


def write_project(folder: str, reviewer: str, config: ValidationConfig,
                  base: Optional[List[base_group.KeptLayer]] = None) -> str:
    """Write ``review.qgz`` for the package GeoPackage in ``folder``, with the ``base`` layers (see
    :mod:`.package_base`) in a 底图 group at the bottom; returns its path."""
    path = os.path.join(folder, fmt.GPKG_NAME)
    project = QgsProject()
    try:
        project.setTitle(f"{vocabulary.PLAN_TITLE_ZH} — 现场核查")
        project.setCrs(QgsCoordinateReferenceSystem(schema.STORAGE_CRS))
        project.setEllipsoid(schema.ELLIPSOID)
        compat.set_project_units(project)
        layers = {spec.table: _layer(path, spec) for spec in fmt.PLAN_SPECS + (schema.SITES,)}
        for table, layer in layers.items():
            spec = schema.layer_spec(table)
            styles.apply_style(layer, spec)
            if spec is not schema.SITES:
                forms.configure_plan_area_layer(layer, spec)
        ids = {kind: layers[spec.table].id() for kind, spec in schema.LAYER_FOR_KIND.items() if spec.table in layers}
        ids["boundary"] = layers[schema.BOUNDARY.table].id()
        sites = layers[schema.SITES.table]
        forms.configure_sites_layer(sites, ids, config)
        configure_review_form(sites, reviewer)
        proposals = _layer(path, fmt.PROPOSALS)
        _configure_proposals(proposals, reviewer, sites)
        # bottom first, so the sites and the proposals are drawn on top
        for layer in list(layers.values()) + [proposals]:
            project.addMapLayer(layer, False)
            project.layerTreeRoot().insertLayer(0, layer)
        control_project.add_control_group(project, path)  # the 管控图层 group and the form's result lists
        if base:
            base_group.add_layers(project, [kept.layer() for kept in base])
        for layer in (sites, proposals):  # adding the layer by hand in QGIS or QField brings the same form
            error = compat.save_style_to_database(layer, STYLE_NAME, vocabulary.PLAN_TITLE_ZH)
            if error:
                raise ExportError(tr("The style of {layer} cannot be stored: {error}").format(
                    layer=layer.name(), error=error))
        extent = QgsRectangle(sites.extent())
        if extent.isEmpty():
            extent = QgsRectangle(*schema.DISTRICT_EXTENT)
        extent.scale(1.2)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
        target = os.path.join(folder, fmt.PROJECT_NAME)
        if not project.write(target):
            raise ExportError(tr("The QGIS project {path} cannot be written: {error}").format(
                path=target, error=project.error()))
        return target
    finally:
        project.clear()


def _layer(path: str, spec: schema.LayerSpec) -> QgsVectorLayer:
    layer = plan_data.open_layer(path, spec)  # no stored style: the project gets its own, set here
    layer.extent()  # before a style is stored (see core/store/plan_project.load_layer)
    return layer


def configure_review_form(layer: QgsVectorLayer, reviewer: str) -> None:
    """The review columns' widgets and defaults, the site's own fields read-only, a review tab in front."""
    fields = layer.fields()
    site_names = set(schema.SITES.field_names())
    for index in range(fields.count()):
        if fields.at(index).name() in site_names:
            default = layer.defaultValueDefinition(index)
            if default.applyOnUpdate():
                layer.setDefaultValueDefinition(index, QgsDefaultValue(default.expression(), False))
    forms.apply_aliases(layer, schema.LayerSpec("review", "", "", None, fmt.REVIEW_FIELDS))
    widgets = {
        "review_state": QgsEditorWidgetSetup("ValueMap", {"map": fmt.state_names("zh")}),
        "review_finding": _multiline(),
        "review_comment": _multiline(),
        # stored relative to the project (the package folder), shown as an image in the form
        "review_photo": QgsEditorWidgetSetup("ExternalResource", {
            "RelativeStorage": 1, "DocumentViewer": 1, "FileWidget": True, "FileWidgetButton": True,
            "DocumentViewerHeight": 240, "DocumentViewerWidth": 320, "StorageMode": 0}),
        "reviewed_at": QgsEditorWidgetSetup("DateTime", {"display_format": "yyyy-MM-dd HH:mm:ss",
                                                         "field_format": "yyyy-MM-dd HH:mm:ss", "allow_null": True}),
    }
    for name, setup in widgets.items():
        layer.setEditorWidgetSetup(fields.indexOf(name), setup)
    # time and place of the last save of a finding; @position_coordinate is QField's (and QGIS's GPS) position,
    # absent elsewhere, where the value is left as it was
    defaults: Dict[str, QgsDefaultValue] = {
        "reviewer": QgsDefaultValue(QgsExpression.quotedValue(reviewer), False),
        "reviewed_at": QgsDefaultValue("now()", True),
        "review_lon": QgsDefaultValue('if(@position_coordinate IS NULL, "review_lon", x(@position_coordinate))', True),
        "review_lat": QgsDefaultValue('if(@position_coordinate IS NULL, "review_lat", y(@position_coordinate))', True),
    }
    for name, default in defaults.items():
        layer.setDefaultValueDefinition(fields.indexOf(name), default)
    state = fields.indexOf("review_state")
    states = ", ".join(QgsExpression.quotedValue(stored) for stored, _ in fmt.STATES)
    layer.setConstraintExpression(state, f'"review_state" IN ({states})',
                                  "核查状态须为待核查、通过、需修改或不符合之一")
    layer.setFieldConstraint(state, QgsFieldConstraints.ConstraintExpression, forms.HARD)
    layer.setFieldConstraint(state, QgsFieldConstraints.ConstraintNotNull, forms.HARD)
    config = layer.editFormConfig()
    for index in range(fields.count()):
        if fields.at(index).name() in site_names:
            config.setReadOnly(index, True)
    root = config.invisibleRootContainer()
    tabs = [existing.clone(root) for existing in config.tabs()]  # copies: clearTabs deletes the originals
    config.clearTabs()
    tab = compat.tab_container(_REVIEW_TAB[0], root)
    for name in fmt.REVIEW_NAMES:
        tab.addChildElement(QgsAttributeEditorField(name, fields.indexOf(name), tab))
    config.addTab(tab)
    for existing in tabs:
        config.addTab(existing)
    layer.setEditFormConfig(config)


def _multiline() -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True, "UseHtml": False})


def _configure_proposals(layer: QgsVectorLayer, reviewer: str, sites: QgsVectorLayer) -> None:
    symbol = QgsFillSymbol.createSimple({"color": "255,0,0,40", "outline_color": "#d7191c", "outline_width": "0.8",
                                         "outline_width_unit": "MM", "outline_style": "dash"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    forms.apply_aliases(layer, fmt.PROPOSALS)
    fields = layer.fields()
    code = fields.indexOf("project_code")
    layer.setFieldConstraint(code, QgsFieldConstraints.ConstraintNotNull, forms.HARD)
    layer.setEditorWidgetSetup(code, QgsEditorWidgetSetup("ValueRelation", {
        "Layer": sites.id(), "LayerName": sites.name(), "LayerProviderName": "ogr", "Key": "project_code",
        "Value": "name", "AllowMulti": False, "AllowNull": False, "OrderByValue": True}))
    layer.setEditorWidgetSetup(fields.indexOf("note"), _multiline())
    layer.setDefaultValueDefinition(fields.indexOf("proposed_by"),
                                    QgsDefaultValue(QgsExpression.quotedValue(reviewer), False))
    layer.setDefaultValueDefinition(fields.indexOf("proposed_at"), QgsDefaultValue("now()", False))
