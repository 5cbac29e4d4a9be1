"""pingcheng:exportsummary — the key-project summary table (contract: PLAN, OUTPUT → OUTPUT)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter
from .params import plan_parameter


class ExportSummaryAlgorithm(PingchengAlgorithm):
    ID = "exportsummary"
    TITLE = QT_TRANSLATE_NOOP("@default", "Export summary table")
    GROUP_ID = "exports"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Writes the key project summary table (重点工程项目汇总表): number, project code, name, type, zone, key "
        "areas, scale in hectares (ellipsoidal area), total investment (10,000 CNY), period, phase, implementing "
        "body, funding source and main measures, grouped by project type with subtotals and a grand total, and "
        "totals per zone and per phase, all summed in SQL on the plan GeoPackage. The format follows OUTPUT's "
        "extension: .xlsx (A3 landscape print setup), .csv (UTF-8 with BOM for Excel) or .html. A missing "
        "investment or year is left blank and flagged, never counted as 0; text a spreadsheet would run as a "
        "formula is neutralised. The file is replaced only when the new one is complete.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Summary table"), tr("Excel workbook (*.xlsx);;CSV (*.csv);;HTML (*.html)")))
        self.addParameter(QgsProcessingParameterString(
            "ORGANISATION", tr("Organisation (编制单位); empty: what the plan printed last, else the plan's author"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "DATE", tr("Date (编制日期), e.g. 2026年1月; empty: what the plan printed last, else this month"),
            optional=True))
        self.addOutput(QgsProcessingOutputFile("OUTPUT", tr("Summary table")))
        self.addOutput(QgsProcessingOutputNumber("SITES", tr("Sites in the table")))
        self.addOutput(QgsProcessingOutputNumber("FLAGGED", tr("Sites with missing values (flagged)")))

    def run_algorithm(self, parameters, context, feedback):
        from ..core.summary import write_summary  # on first use: see provider.py

        result = write_summary(
            self.parameterAsFile(parameters, "PLAN", context),
            self.parameterAsFileOutput(parameters, "OUTPUT", context),
            organisation=self.parameterAsString(parameters, "ORGANISATION", context) or None,
            date=self.parameterAsString(parameters, "DATE", context) or None,
            progress=progress_reporter(feedback),
        )
        for warning in result.warnings:
            feedback.pushWarning(warning)
        return {"OUTPUT": result.path, "SITES": result.sites, "FLAGGED": result.flagged}
