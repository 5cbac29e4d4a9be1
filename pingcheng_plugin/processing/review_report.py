"""pingcheng:reviewreport — the field-review report (contract: PLAN, PACKAGE optional, OUTPUT → OUTPUT)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter
from .params import plan_parameter


class ReviewReportAlgorithm(PingchengAlgorithm):
    ID = "reviewreport"
    TITLE = QT_TRANSLATE_NOOP("@default", "Review report")
    GROUP_ID = "review"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Writes the field-review report: per reviewed site its state (待核查/通过/需修改/不符合), finding, comment, "
        "reviewer, time, photos and a small location map, and the totals per state and per reviewer. PACKAGE "
        "(optional) reports one review package: from the plan's site_reviews when it was merged, else from the "
        "package itself; without it every review merged into the plan is reported. OUTPUT's extension chooses the "
        "format: .html (one self-contained file, photos as thumbnails) or .pdf (A4, through the layout machinery, "
        "searchable text, photos embedded). The file is replaced only when the new one is complete.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterFile(
            "PACKAGE", tr("Review package folder (empty: every merged review)"),
            behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Review report"), tr("HTML (*.html);;PDF (*.pdf)")))
        self.addOutput(QgsProcessingOutputFile("OUTPUT", tr("Review report")))
        self.addOutput(QgsProcessingOutputNumber("SITES", tr("Reviews in the report")))

    def run_algorithm(self, parameters, context, feedback):
        from ..core.review.report import write_report  # on first use: see provider.py

        result = write_report(
            self.parameterAsFile(parameters, "PLAN", context),
            self.parameterAsFile(parameters, "PACKAGE", context) or "",
            self.parameterAsFileOutput(parameters, "OUTPUT", context), progress_reporter(feedback))
        for warning in result.warnings:
            feedback.pushWarning(warning)
        return {"OUTPUT": result.path, "SITES": result.sites}
