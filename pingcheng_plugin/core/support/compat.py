"""Every difference between the QGIS versions the plugin supports (3.22 LTR to QGIS 4 on Qt 6), in one place.

Other modules call these helpers instead of testing ``Qgis.QGIS_VERSION_INT`` or the Qt version themselves. Where
3.40 deprecates a 3.22 API, the newer call is preferred when it exists, so the plugin does not depend on what QGIS 4
removes. Qt 6 spellings that PyQt5 5.15 also accepts (scoped enums, ``exec()``) are used directly; only what has no
spelling common to Qt 5 and Qt 6 comes here (tests/test_qt6_ready.py checks the rest).
"""

from __future__ import annotations

import contextlib
from typing import Iterator, Optional

from osgeo import gdal, ogr, osr
from qgis.core import (
    Qgis,
    QgsField,
    QgsLayoutItemLabel,
    QgsPalLayerSettings,
    QgsProject,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_VERSION, QMetaType
from qgis.PyQt.QtGui import QFontDatabase

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT
QT6 = QT_VERSION >= 0x060000


def _enum(scoped: str, member: str, legacy):
    """``Qgis.<scoped>.<member>`` where it exists (3.26+), else the legacy value."""
    holder = getattr(Qgis, scoped, None)
    return getattr(holder, member) if holder is not None and hasattr(holder, member) else legacy


AREA_SQUARE_METERS = _enum("AreaUnit", "SquareMeters", QgsUnitTypes.AreaSquareMeters)
DISTANCE_METERS = _enum("DistanceUnit", "Meters", QgsUnitTypes.DistanceMeters)


def save_style_to_database(layer: QgsVectorLayer, name: str, description: str) -> Optional[str]:
    """Store ``layer``'s style as its default in its GeoPackage; returns an error message or None."""
    if hasattr(layer, "saveStyleToDatabaseV2"):  # 3.40.x late / 3.44+: the old call is deprecated
        result = layer.saveStyleToDatabaseV2(name, description, True, "")
        flags, message = result if isinstance(result, tuple) else (result, "")
        failed = getattr(Qgis, "SaveStyleResult", None)
        if failed is not None and int(flags) & int(failed.QmlGenerationFailed | failed.DatabaseWriteFailed):
            return message or "style not saved"
        return None
    message = layer.saveStyleToDatabase(name, description, True, "")
    return message or None


def set_project_units(project: QgsProject) -> None:
    """Square metres and metres: the site form's ``$area / 10000`` relies on them."""
    project.setAreaUnits(AREA_SQUARE_METERS)
    project.setDistanceUnits(DISTANCE_METERS)


def label_text_format(label: QgsLayoutItemLabel) -> QgsTextFormat:
    """A layout label's font, size and colour as a QgsTextFormat (3.22 stores a QFont and a colour)."""
    if hasattr(label, "textFormat"):
        return QgsTextFormat(label.textFormat())
    text_format = QgsTextFormat.fromQFont(label.font())
    text_format.setColor(label.fontColor())
    return text_format


def set_label_text_format(label: QgsLayoutItemLabel, text_format: QgsTextFormat) -> None:
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(text_format)
    else:
        label.setFont(text_format.toQFont())
        label.setFontColor(text_format.color())


def legend_text_format(legend, style) -> QgsTextFormat:
    """The text format of one legend style (title, group, subgroup, symbol label); 3.22 keeps a QFont per style."""
    legend_style = legend.rstyle(style)
    if hasattr(legend_style, "textFormat"):  # 3.30+
        return QgsTextFormat(legend_style.textFormat())
    text_format = QgsTextFormat.fromQFont(legend_style.font())
    text_format.setColor(legend.fontColor())
    return text_format


def set_legend_text_format(legend, style, text_format: QgsTextFormat) -> None:
    legend_style = legend.rstyle(style)
    if hasattr(legend_style, "setTextFormat"):  # 3.30+: setStyleFont/setFontColor are deprecated
        legend_style.setTextFormat(text_format)
    else:
        legend_style.setFont(text_format.toQFont())
        legend.setFontColor(text_format.color())


def set_legend_node_name(node, name: str) -> None:
    """Give a legend layer node its own title without renaming the layer (setName alone renames it)."""
    node.setUseLayerName(False)
    node.setName(name)


LAYOUT_MM = _enum("LayoutUnit", "Millimeters", QgsUnitTypes.LayoutMillimeters)
#: Label placements: Qgis.LabelPlacement from 3.26 (3.40 refuses the old QgsPalLayerSettings members there).
LABEL_OVER_POINT = _enum("LabelPlacement", "OverPoint", QgsPalLayerSettings.OverPoint)
LABEL_HORIZONTAL = _enum("LabelPlacement", "Horizontal", QgsPalLayerSettings.Horizontal)
LABEL_FREE = _enum("LabelPlacement", "Free", QgsPalLayerSettings.Free)
LABEL_CURVED = _enum("LabelPlacement", "Curved", QgsPalLayerSettings.Curved)
LABEL_AROUND_POINT = _enum("LabelPlacement", "AroundPoint", QgsPalLayerSettings.AroundPoint)
LABEL_OUTSIDE_POLYGONS = _enum("LabelPlacement", "OutsidePolygons", QgsPalLayerSettings.OutsidePolygons)
DISTANCE_KILOMETERS = _enum("DistanceUnit", "Kilometers", QgsUnitTypes.DistanceKilometers)
SCALEBAR_FIT_WIDTH = _enum("ScaleBarSegmentSizeMode", "FitWidth", QgsScaleBarSettings.SegmentSizeFitWidth)
SCALEBAR_FIXED = _enum("ScaleBarSegmentSizeMode", "Fixed", QgsScaleBarSettings.SegmentSizeFixed)
#: PDF/SVG text stays text (selectable, searchable); the default turns text into outlines.
TEXT_RENDER_ALWAYS_TEXT = _enum("TextRenderFormat", "AlwaysText", 1)


def field(name: str, kind: QMetaType.Type) -> QgsField:
    """A QgsField of type ``kind`` (``QMetaType.Type.QString`` ...): 3.38+ takes the QMetaType.Type, which is all
    PyQt6 has (no QVariant.Type); before 3.38 (always Qt 5) QgsField takes a QVariant.Type, whose values are the
    same numbers."""
    if not isinstance(kind, QMetaType.Type):
        kind = QMetaType.Type(kind)  # a plain number, or a QVariant.Type from older code
    if QGIS_VERSION_INT >= 33800:
        return QgsField(name, kind)
    return QgsField(name, int(kind))


def font_database():
    """What answers QFontDatabase's queries (``families()``, ``writingSystems(family)``): an instance on Qt 5, where
    they are instance methods, the class itself on Qt 6, where they are static and there is no default constructor."""
    return QFontDatabase if QT6 else QFontDatabase()


@contextlib.contextmanager
def gdal_error_codes() -> Iterator[None]:
    """GDAL/OGR/OSR report failures by return value inside this block, as the plugin expects: GDAL 3.7+ warns
    when neither mode was chosen (4.0 will raise), and another plugin may have turned exceptions on globally."""
    with contextlib.ExitStack() as stack:
        for module in (gdal, ogr, osr):
            manager = getattr(module, "ExceptionMgr", None)  # GDAL 3.7+
            if manager is not None:
                stack.enter_context(manager(useExceptions=False))
        yield


def tab_container(title: str, parent):
    """A form container shown as a tab (3.32+ has setType; before, a container that is not a group box)."""
    from qgis.core import QgsAttributeEditorContainer

    container = QgsAttributeEditorContainer(title, parent)
    kind = getattr(getattr(Qgis, "AttributeEditorContainerType", None), "Tab", None)
    if kind is not None and hasattr(container, "setType"):
        container.setType(kind)
    else:
        container.setIsGroupBox(False)
    return container


def resolve_form_relations(project: QgsProject) -> None:
    """Point the relation editors of every layer's form at ``project``'s relations.

    QGIS 3.22 resolves a form's relation editors against QgsProject.instance() when a project is read, so in any
    other QgsProject (the plugin reads and rewrites the plan's stored project in a private one) they stay unresolved
    and writing that project back would drop their relation ids. Resolving them again by their stored id against
    the project's own relation manager is harmless where QGIS already did it."""
    from qgis.core import QgsAttributeEditorContainer, QgsAttributeEditorRelation

    manager = project.relationManager()
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer):
            continue
        config = layer.editFormConfig()
        pending = list(config.tabs())
        found = False
        while pending:
            element = pending.pop()
            if isinstance(element, QgsAttributeEditorContainer):
                pending.extend(element.children())
            elif isinstance(element, QgsAttributeEditorRelation) and not element.relation().isValid():
                found = element.init(manager) or found
        if found:
            layer.setEditFormConfig(config)
