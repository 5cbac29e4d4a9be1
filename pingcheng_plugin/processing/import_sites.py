"""pingcheng:importsites — import project sites from an exchange file (contract: INPUT, PLAN, ENCODING, SOURCE_CRS,
FIELD_MAPPING, DRY_RUN, REJECTED → IMPORTED, REJECTED_COUNT, WARNINGS)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.exchange import formats
from ..core.exchange.mapping import FieldMapping
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

#: How many problems are written to the log (all of them are in the REJECTED file).
LOGGED = 50


class ImportSitesAlgorithm(PingchengAlgorithm):
    ID = "importsites"
    TITLE = QT_TRANSLATE_NOOP("@default", "Import project sites")
    GROUP_ID = "sites"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Imports project sites from GeoPackage, Shapefile, GeoJSON, KML, DXF (closed polylines), CSV with a WKT "
        "column or the boundary-point coordinate text (界址点坐标 TXT) into the plan. ENCODING is auto (the file's "
        "declaration, else UTF-8, else GBK/GB18030) or a name such as UTF-8 or GBK. The coordinate system is the "
        "file's, else recognised from the coordinates (CGCS2000 3-degree Gauss-Kruger with or without zone number, "
        "or longitude/latitude); SOURCE_CRS overrides it. Coordinates that do not fit, such as swapped X/Y or a "
        "wrong zone, stop the import with a message saying what would fit; SWAP_XY reads X as the northing. "
        "FIELD_MAPPING is JSON such as {\"fields\": {\"name\": \"XMMC\", \"project_type\": \"XMLX\"}, \"values\": "
        "{\"project_type\": {\"矿山修复\": \"KSXF\"}}, \"area_unit\": \"mu\"}; without it the fields are guessed "
        "from their names. Every feature goes through the site validation; those with errors are rejected and "
        "written with the reasons to REJECTED, the others are written in one transaction (all or none; "
        "REQUIRE_ALL imports nothing when any is rejected). GROUP_BY names a field whose equal values make one "
        "multi-part site: the rings of those features are nested by containment (a ring inside another is a "
        "hole, inside a hole an island) and separate outer rings become parts of one multipolygon. DXF groups by "
        "Layer unless GROUP_BY says otherwise (polygons on one CAD layer labelled with different codes or names "
        "stay apart); “none” keeps one site per feature. DRY_RUN checks without writing: IMPORTED is then "
        "the number that would be imported.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", tr("Source file"), fileFilter=formats.file_filter()))
        self.addParameter(plan_parameter())
        self.addParameter(encoding_parameter())
        self.addParameter(source_crs_parameter())
        self.addParameter(QgsProcessingParameterString(
            "FIELD_MAPPING", tr("Field mapping (JSON)"), multiLine=True, optional=True))
        self.addParameter(dry_run_parameter())
        self.addParameter(QgsProcessingParameterFileDestination(
            "REJECTED", tr("Rejected features, with the reasons"),
            formats.file_filter(("gpkg", "shp", "geojson", "csv"), everything=False), optional=True,
            createByDefault=True))  # the sender always gets the rejected features back
        self.addParameter(input_layer_parameter())
        self.addParameter(swap_xy_parameter())
        self.addParameter(QgsProcessingParameterBoolean(
            "REPAIR_GEOMETRY", tr("Repair invalid geometries instead of rejecting them"), defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            "REQUIRE_ALL", tr("Import nothing when any feature is rejected"), defaultValue=False))
        self.addParameter(QgsProcessingParameterString(
            "GROUP_BY", tr("Features with the same value of this field are one site (DXF: Layer; “none”: never)"),
            optional=True))
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("Sites imported")))
        self.addOutput(QgsProcessingOutputNumber("REJECTED_COUNT", tr("Features rejected")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", tr("Imported sites with warnings")))

    def run_algorithm(self, parameters, context, feedback):
        plan = self.parameterAsFile(parameters, "PLAN", context)
        source = self.parameterAsFile(parameters, "INPUT", context)
        mapping_text = self.parameterAsString(parameters, "FIELD_MAPPING", context)
        from ..core.exchange.pipeline import ImportOptions, SiteImport  # on first use: see provider.py

        options = ImportOptions(
            **source_options(self, parameters, context),
            mapping=FieldMapping.from_json(mapping_text) if mapping_text and mapping_text.strip() else None,
            repair=self.parameterAsBoolean(parameters, "REPAIR_GEOMETRY", context),
            require_all=self.parameterAsBoolean(parameters, "REQUIRE_ALL", context),
            group_by=self.parameterAsString(parameters, "GROUP_BY", context) or None)
        job = SiteImport(plan, source, options)
        try:
            feedback.pushInfo(tr("Encoding: {note}").format(note=job.source.encoding.note))
            for note in job.source.notes + job.decision.notes:
                feedback.pushInfo(note)
            feedback.pushInfo(tr("Field mapping: {mapping}").format(mapping=job.mapping.to_json()))
            preview = job.analyse(progress_reporter(feedback))
            feedback.pushInfo(preview.summary())
            for issue in preview.issues[:LOGGED]:
                (feedback.reportError if issue.is_error else feedback.pushWarning)(issue.message)
            results = {"REJECTED_COUNT": preview.rejected, "WARNINGS": preview.with_warnings,
                       "IMPORTED": preview.accepted}
            rejected_path = self.parameterAsFileOutput(parameters, "REJECTED", context)
            if rejected_path and preview.rejected:
                written, count = job.write_rejected(rejected_path)
                feedback.pushInfo(tr("{count} rejected features written to {path}").format(count=count, path=written))
                results["REJECTED"] = written
            if dry_run(self, parameters, context, feedback):
                return results
            result = job.commit(progress_reporter(feedback))
            feedback.pushInfo(tr("{count} sites imported into {path}.").format(count=result.imported, path=plan))
            results["IMPORTED"] = result.imported
            return results
        finally:
            job.close()
