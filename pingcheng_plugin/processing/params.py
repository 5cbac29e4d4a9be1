"""Parameters shared by several algorithms (PLAN is always a plan GeoPackage path)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterFile

from ..core.i18n import tr


def plan_parameter() -> QgsProcessingParameterFile:
    return QgsProcessingParameterFile("PLAN", tr("Plan GeoPackage"), extension="gpkg")
