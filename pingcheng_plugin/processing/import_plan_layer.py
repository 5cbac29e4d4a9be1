"""pingcheng:importplanlayer — replace an illustrative plan layer by the official one (PLAN, LAYER, INPUT,
SOURCE_CRS, ENCODING → IMPORTED, SITES_UPDATED, WARNINGS)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.exchange import formats
from ..core.exchange.official_kinds import KINDS
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter
from .params import (
    dry_run,
    dry_run_parameter,
    encoding_parameter,
    input_layer_parameter,
    plan_parameter,
    source_crs_parameter,
    source_options,
    swap_xy_parameter,
)


class ImportPlanLayerAlgorithm(PingchengAlgorithm):
    ID = "importplanlayer"
    TITLE = QT_TRANSLATE_NOOP("@default", "Import official plan layer")
    GROUP_ID = "plan"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Replaces the illustrative (示意) geometry of one plan layer (LAYER: boundary, corridor, barrier, zone or "
        "key_area) by the official boundaries in INPUT (any format the site import reads). Each feature is matched "
        "to the plan by code (Z1, K3...) or Chinese name in MATCH_FIELD (found automatically when empty); unknown "
        "codes or names stop the import. Features of one entry are merged; invalid geometry is repaired and "
        "reported. Imported entries keep the plan's codes and names, get illustrative = 0, the source note and "
        "a new ellipsoidal area; entries missing from the file keep their geometry unless REMOVE_MISSING is set. "
        "Every site's zone, key areas and areas are recomputed in the same transaction. DRY_RUN checks only.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterEnum(
            "LAYER", tr("Plan layer"), options=list(KINDS), defaultValue="zone", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFile("INPUT", tr("Official layer file"),
                                                     fileFilter=formats.file_filter()))
        self.addParameter(source_crs_parameter())
        self.addParameter(encoding_parameter())
        self.addParameter(QgsProcessingParameterString(
            "MATCH_FIELD", tr("Field with the plan's codes or names"), optional=True))
        self.addParameter(input_layer_parameter())
        self.addParameter(swap_xy_parameter())
        self.addParameter(QgsProcessingParameterBoolean(
            "REMOVE_MISSING", tr("Remove entries the file does not have"), defaultValue=False))
        self.addParameter(QgsProcessingParameterString(
            "SOURCE_NOTE", tr("Source note stored with the entries"), optional=True))
        self.addParameter(dry_run_parameter())
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("Entries imported")))
        self.addOutput(QgsProcessingOutputNumber("SITES_UPDATED", tr("Sites whose derived fields changed")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", tr("Warnings")))

    def run_algorithm(self, parameters, context, feedback):
        plan = self.parameterAsFile(parameters, "PLAN", context)
        kind = self.parameterAsEnumString(parameters, "LAYER", context)
        from ..core.exchange import official_layers as plan_layers  # on first use: see provider.py

        options = plan_layers.PlanLayerOptions(
            **source_options(self, parameters, context),
            match_field=self.parameterAsString(parameters, "MATCH_FIELD", context) or None,
            remove_missing=self.parameterAsBoolean(parameters, "REMOVE_MISSING", context),
            source_note=self.parameterAsString(parameters, "SOURCE_NOTE", context) or None)
        job = plan_layers.PlanLayerImport(plan, kind, self.parameterAsFile(parameters, "INPUT", context), options)
        try:
            feedback.pushInfo(tr("Encoding: {note}").format(note=job.source.encoding.note))
            preview = job.analyse(progress_reporter(feedback))
            for note in preview.notes:
                feedback.pushInfo(note)
            feedback.pushInfo(preview.summary())
            for warning in preview.warnings:
                feedback.pushWarning(warning)
            if dry_run(self, parameters, context, feedback):
                return {"IMPORTED": len(preview.entries), "SITES_UPDATED": 0, "WARNINGS": len(preview.warnings)}
            result = job.commit(progress_reporter(feedback))
            feedback.pushInfo(tr("{count} entries imported; derived fields of {sites} sites updated.").format(
                count=len(result.imported), sites=result.sites_updated))
            return {"IMPORTED": len(result.imported), "SITES_UPDATED": result.sites_updated,
                    "WARNINGS": len(result.warnings)}
        finally:
            job.close()
