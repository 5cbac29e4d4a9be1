"""pingcheng:preparereview — a field-review package (contract: PLAN, SITES, REVIEWER, OUTPUT → OUTPUT; DUE added)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter
from .params import plan_parameter


class PrepareReviewAlgorithm(PingchengAlgorithm):
    ID = "preparereview"
    TITLE = QT_TRANSLATE_NOOP("@default", "Prepare review package")
    GROUP_ID = "review"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Writes a field-review package into the folder OUTPUT (new or empty): the plan's sites matching the QGIS "
        "expression SITES (all sites when empty, e.g. \"zone_code\" = 'Z2' or \"phase\" = 'near'), the boundary, "
        "zones, key areas, corridors and barriers, in one GeoPackage (review.gpkg) with a QGIS project "
        "(review.qgz) that opens in QGIS and QField: relative paths, CGCS2000 ellipsoid (areas stay "
        "ellipsoidal), the site form with a 现场核查 tab (state 待核查/通过/需修改/不符合, finding, comment, photo, "
        "reviewer, time, position) and a layer for boundary proposals. The plan's base layers (底图 group) come "
        "along for offline use: files cut to the sites' extent plus 500 m (vector features into base/base.gpkg, "
        "images into base/*.tif); web layers are kept as they are and reported, as they need a network in the "
        "field; a missing base file is reported and left out. REVIEWER names who reviews; DUE "
        "(optional, YYYY-MM-DD) when. A base copy in .base/ lets the merge tell the reviewer's changes with "
        "GeoDiff. The plan itself only gets an identifier on its first package.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterExpression(
            "SITES", tr("Sites to review (expression; empty: all)"), optional=True))
        self.addParameter(QgsProcessingParameterString("REVIEWER", tr("Reviewer")))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Package folder")))
        self.addParameter(QgsProcessingParameterString("DUE", tr("Due date (YYYY-MM-DD)"), optional=True))
        self.addOutput(QgsProcessingOutputFolder("OUTPUT", tr("Package folder")))
        self.addOutput(QgsProcessingOutputNumber("SITES_COUNT", tr("Sites in the package")))

    def run_algorithm(self, parameters, context, feedback):
        from ..core.review.prepare import prepare_package  # on first use: see provider.py

        result = prepare_package(
            self.parameterAsFile(parameters, "PLAN", context),
            self.parameterAsString(parameters, "SITES", context) or "",
            self.parameterAsString(parameters, "REVIEWER", context),
            self.parameterAsFileOutput(parameters, "OUTPUT", context),
            self.parameterAsString(parameters, "DUE", context) or "", progress_reporter(feedback))
        for warning in result.warnings:
            feedback.pushWarning(warning)
        feedback.pushInfo(tr("{count} sites packed for review into {path}.").format(
            count=len(result.site_codes), path=result.folder))
        return {"OUTPUT": result.folder, "SITES_COUNT": len(result.site_codes)}
