"""Parameters shared by several algorithms: PLAN (always a plan GeoPackage path), how a source file is read
(ENCODING, SOURCE_CRS, INPUT_LAYER, SWAP_XY) and DRY_RUN. Each algorithm adds them in its own contract order."""

from __future__ import annotations

from typing import Any, Dict, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.support.i18n import tr


def plan_parameter() -> QgsProcessingParameterFile:
    return QgsProcessingParameterFile("PLAN", tr("Plan GeoPackage"), extension="gpkg")


def encoding_parameter() -> QgsProcessingParameterString:
    return QgsProcessingParameterString("ENCODING", tr("Text encoding (auto, UTF-8, GBK...)"), defaultValue="auto")


def source_crs_parameter() -> QgsProcessingParameterCrs:
    return QgsProcessingParameterCrs("SOURCE_CRS", tr("Coordinate system of the file"), optional=True)


def input_layer_parameter() -> QgsProcessingParameterString:
    return QgsProcessingParameterString("INPUT_LAYER", tr("Layer of the file (for files with several)"),
                                        optional=True)


def swap_xy_parameter() -> QgsProcessingParameterBoolean:
    return QgsProcessingParameterBoolean("SWAP_XY", tr("X holds the northing (swap X and Y)"), defaultValue=False)


def dry_run_parameter() -> QgsProcessingParameterBoolean:
    return QgsProcessingParameterBoolean("DRY_RUN", tr("Check only, write nothing"), defaultValue=False)


def optional_crs(algorithm: QgsProcessingAlgorithm, parameters: Dict[str, Any], name: str,
                 context: QgsProcessingContext) -> Optional[QgsCoordinateReferenceSystem]:
    """The CRS parameter ``name``, or None when it is empty or invalid (then the file's own is used)."""
    if parameters.get(name) in (None, ""):
        return None
    reference = algorithm.parameterAsCrs(parameters, name, context)
    return reference if reference.isValid() else None


def source_options(algorithm: QgsProcessingAlgorithm, parameters: Dict[str, Any],
                   context: QgsProcessingContext) -> Dict[str, Any]:
    """ENCODING, INPUT_LAYER, SOURCE_CRS and SWAP_XY as the keyword arguments of core's ``SourceOptions``."""
    return {"encoding": algorithm.parameterAsString(parameters, "ENCODING", context) or "auto",
            "layer": algorithm.parameterAsString(parameters, "INPUT_LAYER", context) or None,
            "source_crs": optional_crs(algorithm, parameters, "SOURCE_CRS", context),
            "swap_xy": algorithm.parameterAsBoolean(parameters, "SWAP_XY", context)}


def dry_run(algorithm: QgsProcessingAlgorithm, parameters: Dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback) -> bool:
    """Whether DRY_RUN is set; says so in the log when it is."""
    if not algorithm.parameterAsBoolean(parameters, "DRY_RUN", context):
        return False
    feedback.pushInfo(tr("Dry run: nothing was written to the plan."))
    return True
