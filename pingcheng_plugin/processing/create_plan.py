"""pingcheng:createplan — create a plan GeoPackage (public contract: OUTPUT, DEMO, OVERWRITE)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
)

from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter


class CreatePlanAlgorithm(PingchengAlgorithm):
    ID = "createplan"
    TITLE = QT_TRANSLATE_NOOP("@default", "Create plan GeoPackage")
    GROUP_ID = "plan"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Creates a plan GeoPackage in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547) with the district "
        "boundary, the plan's layers and the project-site layer, their styles and forms, and a QGIS project "
        "stored inside the file. DEMO adds the illustrative (示意) corridors, barriers, zones, key areas and "
        "sample sites; the plan publishes no geometry for them. An existing file is only replaced when "
        "OVERWRITE is set.")

    def flags(self):
        # Storing the QGIS project touches application-wide registries: keep it on the main thread.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Plan GeoPackage"), tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterBoolean(
            "DEMO", tr("Add the illustrative (示意) plan layout and sample sites"), defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            "OVERWRITE", tr("Replace an existing file"), defaultValue=False))
        self.addOutput(QgsProcessingOutputFile("OUTPUT", tr("Plan GeoPackage")))

    def run_algorithm(self, parameters, context, feedback):
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        from ..core.store import plan_file  # on first use: see provider.py

        created = plan_file.create_plan(
            path,
            demo=self.parameterAsBoolean(parameters, "DEMO", context),
            overwrite=self.parameterAsBoolean(parameters, "OVERWRITE", context),
            progress=progress_reporter(feedback),
        )
        return {"OUTPUT": created}
