"""Every difference between the QGIS versions the plugin supports (3.22 LTR to 3.40 LTR and later), in one place.

Other modules call these helpers instead of testing ``Qgis.QGIS_VERSION_INT`` themselves. Where 3.40 deprecates a
3.22 API, the newer call is preferred when it exists, so the plugin does not depend on what QGIS 4 removes.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import Qgis, QgsLayoutItemLabel, QgsMapLayer, QgsProject, QgsTextFormat, QgsUnitTypes, QgsVectorLayer
from qgis.PyQt.QtGui import QColor, QFont

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT


def _enum(scoped: str, member: str, legacy):
    """``Qgis.<scoped>.<member>`` where it exists (3.26+), else the legacy value."""
    holder = getattr(Qgis, scoped, None)
    return getattr(holder, member) if holder is not None and hasattr(holder, member) else legacy


AREA_SQUARE_METERS = _enum("AreaUnit", "SquareMeters", QgsUnitTypes.AreaSquareMeters)
AREA_HECTARES = _enum("AreaUnit", "Hectares", QgsUnitTypes.AreaHectares)
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


def set_label_font(label: QgsLayoutItemLabel, font: QFont, colour: QColor) -> None:
    """Layout labels take a QgsTextFormat from 3.24 on; 3.22 only has setFont/setFontColor."""
    if hasattr(label, "setTextFormat"):
        text_format = QgsTextFormat.fromQFont(font)
        text_format.setColor(colour)
        label.setTextFormat(text_format)
    else:
        label.setFont(font)
        label.setFontColor(colour)


def is_vector_layer(layer: QgsMapLayer) -> bool:
    vector = _enum("LayerType", "Vector", QgsMapLayer.VectorLayer)
    return layer is not None and layer.type() == vector
