"""pingcheng:importcontrollayer — import a control layer of the bureau (PLAN, KIND, INPUT, ENCODING, SOURCE_CRS →
IMPORTED, FIXED, WARNINGS)."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterEnum, QgsProcessingParameterFile

from ..core.exchange import formats
from ..core.exchange.source_job import SourceOptions
from ..core.store import control_schema
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


class ImportControlLayerAlgorithm(PingchengAlgorithm):
    ID = "importcontrollayer"
    TITLE = QT_TRANSLATE_NOOP("@default", "Import control layer")
    GROUP_ID = "plan"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Imports one control layer of the bureau into the plan (KIND: redline 生态保护红线, farmland 永久基本农田, "
        "urban 城镇开发边界, protected 自然保护地, landuse 三调地类图斑 DLTB), replacing the plan's previous import of "
        "that kind. INPUT is any format the site import reads, in any coordinate system (reprojected to the "
        "plan's) and encoding (GBK or UTF-8). Invalid polygons are repaired and counted (FIXED), never dropped. "
        "For DLTB, parcels without DLBM or with codes outside GB/T 21010-2017 and the survey's classification are "
        "listed and kept as unknown. The share of the district covered is reported. Every site's area in the "
        "layer (and by land class) is recomputed in the same transaction; the source file and date are recorded. "
        "DRY_RUN checks only.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterEnum(
            "KIND", tr("Control layer"), options=list(control_schema.KINDS), defaultValue="redline",
            usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFile("INPUT", tr("Control layer file"),
                                                     fileFilter=formats.file_filter()))
        self.addParameter(encoding_parameter())
        self.addParameter(source_crs_parameter())
        self.addParameter(input_layer_parameter())
        self.addParameter(swap_xy_parameter())
        self.addParameter(dry_run_parameter())
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("Polygons imported")))
        self.addOutput(QgsProcessingOutputNumber("FIXED", tr("Invalid polygons repaired")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", tr("Warnings")))

    def run_algorithm(self, parameters, context, feedback):
        plan = self.parameterAsFile(parameters, "PLAN", context)
        kind = self.parameterAsEnumString(parameters, "KIND", context)
        options = SourceOptions(**source_options(self, parameters, context))
        from ..core.exchange import control_layers as importer  # on first use: see provider.py

        job = importer.ControlLayerImport(plan, kind, self.parameterAsFile(parameters, "INPUT", context), options)
        try:
            feedback.pushInfo(tr("Encoding: {note}").format(note=job.source.encoding.note))
            preview = job.analyse(progress_reporter(feedback))
            for note in preview.notes:
                feedback.pushInfo(note)
            feedback.pushInfo(preview.summary())
            if preview.coverage is not None:
                feedback.pushInfo(tr("The layer covers {share} % of the district.").format(
                    share=f"{100 * preview.coverage:.2f}"))
            for warning in preview.warnings:
                feedback.pushWarning(warning)
            if dry_run(self, parameters, context, feedback):
                return {"IMPORTED": len(preview.features), "FIXED": preview.fixed, "WARNINGS": len(preview.warnings)}
            result = job.commit(progress_reporter(feedback))
            feedback.pushInfo(tr("{count} polygons imported; {sites} sites lie in the layer.").format(
                count=result.imported, sites=result.sites_in_layer))
            return {"IMPORTED": result.imported, "FIXED": result.fixed, "WARNINGS": len(result.warnings)}
        finally:
            job.close()
