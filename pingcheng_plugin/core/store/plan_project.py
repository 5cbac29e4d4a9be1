"""The QGIS project stored inside a plan GeoPackage, so that opening that one file shows the styled plan.

Building it uses a private QgsProject, never the user's open one. Each layer's style (symbology, labels, form)
is also stored as its default in the GeoPackage's ``layer_styles``, so adding a layer by hand looks the same.
The project records the GeoPackage's path; :func:`read_plan_project` re-points layers when the file has been
moved or renamed since.
"""

from __future__ import annotations

import contextlib
import os
from typing import Dict, Iterator, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapLayer,
    QgsPathResolver,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
)

from ...plan import vocabulary
from ..rules.thresholds import ValidationConfig
from ..support import compat
from ..support.errors import PlanFileError
from ..support.i18n import tr
from . import base_group, base_map, base_styles, control_project, forms, gpkg, plan_layers, schema, styles, township
from .plan_settings import read_config

#: Layer-tree groups of the stored project, top first, with the tables they hold (top first).
GROUPS = (
    (vocabulary.SECTION_PROJECTS_ZH, (schema.SITES,)),
    (vocabulary.SECTION_LAYOUT_ZH, (schema.CORRIDORS, schema.BARRIERS)),
    (f"{vocabulary.SECTION_ZONES_ZH}与重点区域", (schema.KEY_AREAS, schema.ZONES)),
    (vocabulary.SECTION_ADMIN_ZH, (schema.BOUNDARY, schema.NEIGHBOURS)),
)
#: The layer groups' titles as an English QGIS shows them (the plan stores the Chinese ones).
GROUP_TITLES_EN = dict(zip((title for title, _ in GROUPS), (
    "Key projects", "Overall layout", "Restoration zones and key areas", "Administrative divisions")))
GROUP_TITLES_EN[base_group.BASE_GROUP_ZH] = base_group.BASE_GROUP_EN  # the 底图 group, below all of them
STYLE_NAME = "pingcheng"


def project_uri(path: str) -> str:
    """The URI of the project stored in ``path`` (absolute, so QGIS finds it from any working folder)."""
    return f"geopackage:{os.path.abspath(path)}?projectName={schema.PROJECT_NAME}"


def load_layer(path: str, spec: schema.LayerSpec) -> QgsVectorLayer:
    layer = QgsVectorLayer(gpkg.layer_uri(path, spec.table), spec.title_zh, "ogr")
    if not layer.isValid():
        raise PlanFileError(tr("The layer {table} of {path} cannot be loaded.").format(table=spec.table, path=path))
    # Read the extent now: once a style is saved QGIS switches the file to WAL mode, and an empty table's extent
    # query through this read-only handle would then fail ("unable to open database file").
    layer.extent()
    return layer


def configure_layers(layers: Dict[str, QgsVectorLayer], config: Optional[ValidationConfig] = None,
                     language: str = "zh") -> None:
    """Style and form config for each layer; ``layers`` maps table names to layers of one project."""
    for table, layer in layers.items():
        if table != schema.MODES.table:  # a code list has no symbology
            styles.apply_style(layer, schema.layer_spec(table))
    word_layers(layers, config, language)


def word_layers(layers: Dict[str, QgsVectorLayer], config: Optional[ValidationConfig] = None,
                language: str = "zh", only: Optional[str] = None) -> None:
    """The words of each layer: its name, field aliases, drop-down lists, form tabs and constraint texts.

    ``language`` 'zh' is what the plan stores (QField and plain QGIS read it); 'en' is what the plugin shows in
    an English QGIS without storing it (``ui/plan_language.py``). Symbology is left alone. ``only``: one table
    of ``layers`` (the others still tell the site form which layers its lists and defaults read)."""
    config = config or ValidationConfig()
    ids = {kind: layers[spec.table].id() for kind, spec in schema.LAYER_FOR_KIND.items() if spec.table in layers}
    if schema.BOUNDARY.table in layers:
        ids["boundary"] = layers[schema.BOUNDARY.table].id()
    if schema.MODES.table in layers:  # the restoration modes' code list the site form picks from
        ids["mode"] = layers[schema.MODES.table].id()
    plan_tables = {spec.table for spec in schema.PLAN_LAYERS}
    for table, layer in layers.items():
        if table not in plan_tables or (only is not None and table != only):
            continue
        spec = schema.layer_spec(table)
        layer.setName(spec.title_en if language == "en" else spec.title_zh)
        kind = "project_type" if spec is schema.SITES else spec.vocabulary_kind
        if kind:
            styles.word_categories(layer, kind, language)
        if spec is schema.SITES:
            forms.configure_sites_layer(layer, ids, config, language)
        else:
            forms.configure_plan_area_layer(layer, spec, language)


def build_project(path: str, stored_path: Optional[str] = None,
                  kept: Optional[List[base_group.KeptLayer]] = None) -> QgsProject:
    """A new QgsProject holding the plan layers of ``path``, styled, with forms, CRS, ellipsoid and view.

    The 底图 group at the bottom holds ``kept`` (the user's base layers of the project stored before) and the
    plugin's illustrative base tables found in the file."""
    project = QgsProject()
    project.setTitle(vocabulary.PLAN_TITLE_ZH)
    project.setCrs(QgsCoordinateReferenceSystem(schema.STORAGE_CRS))
    project.setEllipsoid(schema.ELLIPSOID)
    compat.set_project_units(project)
    layers = {spec.table: load_layer(path, spec) for spec in schema.PLAN_LAYERS}
    modes = QgsVectorLayer(gpkg.layer_uri(path, schema.MODES.table), schema.MODES.title_zh, "ogr")
    if modes.isValid():
        forms.apply_aliases(modes, schema.MODES)
        layers[schema.MODES.table] = modes
    configure_layers(layers, read_config(path))
    root = project.layerTreeRoot()
    for title, specs in GROUPS:
        group = root.addGroup(title)
        for spec in specs:
            project.addMapLayer(layers[spec.table], False)
            group.addLayer(layers[spec.table])
    control_project.add_control_group(project, path)  # the bureau's control layers, when imported
    _add_base_group(project, path, kept or [])
    township.apply_township_default(project)  # 建设地点 derived where a township polygon layer is kept
    suitability = QgsVectorLayer(gpkg.layer_uri(path, schema.SUITABILITY.table), schema.SUITABILITY.title_zh, "ogr")
    if suitability.isValid():
        forms.configure_suitability_layer(suitability)
        project.addMapLayer(suitability, False)
        root.addLayer(suitability)
    if modes.isValid():
        project.addMapLayer(modes, False)
        root.addLayer(modes)
    extent = layers[schema.BOUNDARY.table].extent()
    if extent.isEmpty():
        extent = QgsRectangle(*schema.DISTRICT_EXTENT)
    extent.scale(1.1)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    project.writeEntry("pingcheng", "gpkg_path", os.path.abspath(stored_path or path))
    return project


def _add_base_group(project: QgsProject, path: str, kept: List[base_group.KeptLayer]) -> None:
    layers: List[QgsMapLayer] = [k.layer() for k in kept]
    present = gpkg.plan_tables(path)
    for spec in base_map.TABLES:
        if spec.table in present:
            layer = QgsVectorLayer(gpkg.layer_uri(path, spec.table), spec.title_zh, "ogr")
            if layer.isValid():
                layer.extent()  # see load_layer
                base_styles.apply_base_style(layer, spec.table)
                layers.append(layer)
    if layers:
        base_group.add_layers(project, layers)


def store_styles(project: QgsProject, path: Optional[str] = None) -> None:
    """Save every plan layer's style as its default in the GeoPackage's layer_styles table (only the layers of
    ``path`` when given: a user's base layer from another file is never written to).

    An older style of the same name is deleted first: the OGR provider would otherwise ask in a dialog whether to
    overwrite it, which blocks a headless run.
    """
    for layer in project.mapLayers().values():
        located = plan_layers.layer_table(layer)
        if isinstance(layer, QgsVectorLayer) and (path is None or (located is not None
                                                                   and located[0] == os.path.abspath(path))):
            store_layer_style(layer)


def store_layer_style(layer: QgsVectorLayer) -> None:
    """Save ``layer``'s style as its default in its GeoPackage, replacing the plugin's previous one."""
    _delete_styles(layer, STYLE_NAME)
    error = compat.save_style_to_database(layer, STYLE_NAME, vocabulary.PLAN_TITLE_ZH)
    if error:
        raise PlanFileError(tr("The style of {layer} cannot be stored: {error}").format(layer=layer.name(),
                                                                                         error=error))


def write_plan_project(path: str, final_path: Optional[str] = None) -> None:
    """Build the project for the GeoPackage ``path`` and store it there, with styles.

    ``final_path``: where the file will live after it is moved into place (the creation writes a temporary file
    first); layer paths in the stored project point there.
    """
    final_path = os.path.abspath(final_path or path)
    # the user's base layers (a DOM, a 三调 layer, 天地图) survive the rebuild of the stored project
    project = build_project(path, final_path, base_group.stored_user_layers(path))
    store_styles(project, path)
    source = os.path.abspath(path)
    writer_id = QgsPathResolver.setPathWriter(lambda p: p.replace(source, final_path) if source != final_path else p)
    try:
        ok = project.write(project_uri(path))
    finally:
        QgsPathResolver.removePathWriter(writer_id)
    if not ok:
        raise PlanFileError(tr("The QGIS project cannot be stored in {path}: {error}").format(
            path=final_path, error=project.error()))
    with gpkg.connect(path) as con:
        gpkg.write_meta(con, {"project_gpkg_path": final_path})
    project.clear()


def _delete_styles(layer: QgsVectorLayer, name: str) -> None:
    related, ids, names, _descriptions, _error = layer.listStylesInDatabase()
    # The first `related` entries belong to this layer; the rest are other tables' styles.
    for style_id, style_name in zip(ids[:related], names[:related]):
        if style_name == name:
            layer.deleteStyleFromDatabase(style_id)


@contextlib.contextmanager
def relinked(path: str) -> Iterator[None]:
    """While active, layer paths that name the plan file under its recorded name resolve to ``path``.

    QGIS stores the layer paths of a project kept in a GeoPackage relative to its folder ('./plan.gpkg|...'), so
    a renamed copy would still read, and edit, the original. Every source naming the recorded file, absolutely
    or relatively, is pointed at the file actually opened.
    """
    actual = os.path.abspath(path)
    recorded = gpkg.read_meta(path).values.get("project_gpkg_path") or actual
    if recorded == actual:  # nothing to re-point: leave QGIS's application-wide resolver alone
        yield
        return
    names = {recorded, os.path.basename(recorded), "./" + os.path.basename(recorded)}

    def relink(source: str) -> str:
        file_part, separator, rest = source.partition("|")
        return actual + separator + rest if file_part in names else source

    preprocessor_id = QgsPathResolver.setPathPreprocessor(relink)
    try:
        yield
    finally:
        QgsPathResolver.removePathPreprocessor(preprocessor_id)


def read_plan_project(path: str, project: QgsProject) -> None:
    """Open the project stored in ``path`` into ``project`` (headless), re-pointing layers if the file moved."""
    with relinked(path):
        ok = project.read(project_uri(path))
    if not ok:
        raise PlanFileError(tr("The plan project in {path} cannot be opened: {error}").format(
            path=path, error=project.error()))
    compat.resolve_form_relations(project)  # the site form's control results, in a project not the instance
    # a base layer that cannot load (a moved DOM, a tile service offline) is left out of the figures, not fatal
    base = {layer.id() for layer in _base_group_layers(project)}
    invalid = [layer.name() for layer in project.mapLayers().values()
               if not layer.isValid() and layer.id() not in base]
    if invalid:
        raise PlanFileError(tr("These layers of {path} cannot be loaded: {layers}").format(
            path=path, layers="、".join(invalid)))


def _base_group_layers(project: QgsProject) -> List[QgsMapLayer]:
    group = base_group.base_group(project)
    return [node.layer() for node in group.findLayers() if node.layer() is not None] if group is not None else []


def add_base_layer(path: str, source: str, name: str = "", provider: str = "") -> str:
    """Add a layer (a file path, or a provider URI such as a WMTS with ``provider`` 'wms') to the 底图 group of
    the project stored in the plan ``path``; the figures draw it under the plan layers from then on. Returns the
    layer's name. A GeoTIFF or other image is read by GDAL, anything else vector by OGR unless ``provider`` says.
    """
    project = QgsProject()
    try:
        read_plan_project(path, project)
        layer = _open_base_layer(source, name, provider)
        base_group.add_layers(project, [layer], on_top=True)
        if township.apply_township_default(project):  # the form now derives 建设地点 from it
            store_layer_style(plan_layers.find_plan(project).sites)
        if not project.write(project_uri(path)):
            raise PlanFileError(tr("The QGIS project cannot be stored in {path}: {error}").format(
                path=path, error=project.error()))
        with gpkg.connect(path) as con:
            gpkg.write_meta(con, {"project_gpkg_path": os.path.abspath(path)})
        return layer.name()
    finally:
        project.clear()


def _open_base_layer(source: str, name: str, provider: str) -> QgsMapLayer:
    title = name.strip() or os.path.splitext(os.path.basename(source.split("|")[0]))[0] or source
    if provider in ("gdal", "wms"):
        candidates: List[QgsMapLayer] = [QgsRasterLayer(source, title, provider)]
    elif provider:
        candidates = [QgsVectorLayer(source, title, provider)]
    else:  # a file: an image if GDAL reads it as one, else vector data
        candidates = [QgsRasterLayer(source, title, "gdal"), QgsVectorLayer(source, title, "ogr")]
    for layer in candidates:
        if layer.isValid():
            return layer
    raise PlanFileError(tr("{source} cannot be read as a map layer.").format(source=source))
