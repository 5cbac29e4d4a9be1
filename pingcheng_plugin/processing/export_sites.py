"""pingcheng:exportsites — export project sites (contract: PLAN, FORMAT, ENCODING, OUTPUT → OUTPUT)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.exchange import formats, txt
from ..core.exchange.txt_export import AREA_KINDS, ELLIPSOIDAL, MAX_DECIMALS, TxtOptions
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter
from .params import optional_crs, plan_parameter


class ExportSitesAlgorithm(PingchengAlgorithm):
    ID = "exportsites"
    TITLE = QT_TRANSLATE_NOOP("@default", "Export project sites")
    GROUP_ID = "sites"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Writes the plan's project sites to FORMAT: gpkg, shp, geojson, kml, dxf, txt (界址点坐标 TXT) or csv "
        "(WKT). EXPRESSION keeps only the sites matching a QGIS expression (e.g. \"project_type\" = 'KSXF'). "
        "Shapefiles are written in UTF-8 with a .cpg file, or in GBK when ENCODING is GBK (then the DBF header "
        "says so too); text that does not fit a Shapefile field is reported. Coordinates are CGCS2000 / "
        "3-degree Gauss-Kruger CM 114E, except GeoJSON and KML (longitude/latitude) and the TXT (zone 38 with "
        "the zone number, X = northing); TARGET_CRS changes it (not for KML; the TXT takes a CGCS2000 3-degree "
        "system, its 带号 stated in the header, with or without the zone number in front of the eastings). The "
        "TXT writes TXT_DECIMALS decimals (default 3; 精度 in the header says the same, 0.001 m), each ring "
        "clockwise from its north-westernmost point, each part of a multi-part site as a parcel numbered "
        "地块编号-1, -2…, and 地块面积 in hectares as TXT_AREA: ellipsoidal (CGCS2000, the plan's figure) or "
        "planar (from the file's coordinates), stated in the header's 备注 line. DXF carries each site's outline, "
        "type (as CAD layer), name and code. PROFILE, a 上图入库 "
        "export profile (JSON; the plugin ships resources/profiles/shangtu_default.json, a default to check "
        "against the province's standard), names the layers and fields written to gpkg, shp or geojson and "
        "what each value must fit (width, required, allowed codes); values that do not fit are listed by site and "
        "field and nothing is written. Empty: the plugin's own field names. The file is replaced only when the "
        "export succeeds.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterEnum(
            "FORMAT", tr("Format"), options=list(formats.EXPORT_IDS), defaultValue="gpkg", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(
            "ENCODING", tr("Text encoding (auto, UTF-8 or GBK)"), defaultValue="auto"))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Output file"), formats.file_filter(formats.EXPORT_IDS, everything=False)))
        self.addParameter(QgsProcessingParameterString(
            "EXPRESSION", tr("Only sites matching this expression"), optional=True))
        self.addParameter(QgsProcessingParameterCrs("TARGET_CRS", tr("Coordinate system of the file"),
                                                    optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "PROFILE", tr("上图入库 export profile (JSON; empty: the plugin's field names)"), extension="json",
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "TXT_DECIMALS", tr("TXT: decimals of the coordinates (3: 精度 0.001 m)"),
            QgsProcessingParameterNumber.Integer, txt.DEFAULT_DECIMALS, minValue=0, maxValue=MAX_DECIMALS))
        self.addParameter(QgsProcessingParameterEnum(
            "TXT_AREA", tr("TXT: 地块面积 (ellipsoidal or planar)"), options=list(AREA_KINDS),
            defaultValue=ELLIPSOIDAL, usesStaticStrings=True))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Sites exported")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", tr("Warnings")))

    def run_algorithm(self, parameters, context, feedback):
        plan = self.parameterAsFile(parameters, "PLAN", context)
        format_id = self.parameterAsEnumString(parameters, "FORMAT", context) or "gpkg"
        output = formats.with_extension(self.parameterAsFileOutput(parameters, "OUTPUT", context), format_id)
        from ..core.exchange.writers import export_sites  # on first use: see provider.py

        result = export_sites(
            plan, output, format_id, self.parameterAsString(parameters, "ENCODING", context) or "auto",
            self.parameterAsString(parameters, "EXPRESSION", context) or None, None,
            optional_crs(self, parameters, "TARGET_CRS", context), progress_reporter(feedback),
            profile=self.parameterAsFile(parameters, "PROFILE", context) or None,
            txt_options=TxtOptions(self.parameterAsInt(parameters, "TXT_DECIMALS", context),
                                   self.parameterAsEnumString(parameters, "TXT_AREA", context) or ELLIPSOIDAL))
        for issue in result.issues:
            feedback.pushWarning(issue.message)
        feedback.pushInfo(tr("{count} sites written to {path}.").format(count=result.count, path=result.path))
        return {"OUTPUT": result.path, "COUNT": result.count, "WARNINGS": len(result.issues)}
