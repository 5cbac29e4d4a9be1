"""pingcheng:validatesites — check every project site (contract: PLAN, OUTPUT → OUTPUT, ERRORS, WARNINGS)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from ..core.store import schema
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm
from .params import plan_parameter


class ValidateSitesAlgorithm(PingchengAlgorithm):
    ID = "validatesites"
    TITLE = QT_TRANSLATE_NOOP("@default", "Validate project sites")
    GROUP_ID = "sites"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Checks every project site of the plan: valid geometry (with the location of the error), inside the "
        "district boundary within the tolerance, no overlap with another site above the overlap threshold, "
        "a unique non-empty name, one of the plan's 8 project types, start and end years within 2021–2035 and in "
        "order, investment not negative, area above the minimum, and (as warnings) fit with the zone and key "
        "areas per the suitability table stored in the plan file (the plugin's defaults, not the plan's: the plan "
        "publishes no such table; the message says when a bureau changed a type's rows). The tolerance, overlap "
        "threshold and minimum area are the plugin's settings stored in the plan file, not the plan's rules. "
        "OUTPUT gets a point at each problem with the rule code, severity, site code and message; ERRORS and "
        "WARNINGS count them. The plan is not changed.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Validation findings"), QgsProcessing.TypeVectorPoint))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", tr("Warnings")))

    def run_algorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "PLAN", context)
        from ..core.store import migrations  # on first use: see provider.py
        from ..core.validation import sources

        migrations.require_current(path)
        feedback.pushInfo(tr("Validating the sites of {path}").format(path=path))
        findings = sources.validate_plan(path)
        fields = sources.findings_fields()
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Point,
                                          QgsCoordinateReferenceSystem(schema.STORAGE_CRS))
        for number, finding in enumerate(findings):
            if feedback.isCanceled():
                break
            sink.addFeature(sources.finding_feature(finding, fields), QgsFeatureSink.FastInsert)
            feedback.setProgress(100.0 * (number + 1) / max(1, len(findings)))
        errors = sum(1 for f in findings if f.is_error)
        for finding in findings[:50]:
            (feedback.reportError if finding.is_error else feedback.pushWarning)(finding.message)
        return {"OUTPUT": dest, "ERRORS": errors, "WARNINGS": len(findings) - errors}
