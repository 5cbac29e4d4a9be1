"""pingcheng:exportfigures — the plan figures (contract: PLAN, OUTPUT_FOLDER, FORMATS, PAPER, DPI →
OUTPUT_FOLDER, FILES)."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.figures.catalogue import FIGURE_IDS, FORMATS, GRIDS, ORIENTATIONS, PAPERS
from ..core.figures.options import MAX_DPI, MIN_DPI, ExportOptions, parse_figure_numbers, parse_page_setup
from ..core.figures.typography import warm_up
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter
from .params import plan_parameter


def _enum(name: str, description: str, options, default, multiple: bool = False, optional: bool = False):
    return QgsProcessingParameterEnum(name, description, options=list(options), allowMultiple=multiple,
                                      defaultValue=default, optional=optional, usesStaticStrings=True)


class ExportFiguresAlgorithm(PingchengAlgorithm):
    ID = "exportfigures"
    TITLE = QT_TRANSLATE_NOOP("@default", "Export plan figures")
    GROUP_ID = "exports"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Draws the plan figures from layout templates: the overall restoration pattern (two corridors, two "
        "barriers, four zones), the restoration zones, the key restoration areas, the key project layout (all "
        "sites, by status, near term and long term), one project location map per site (atlas) and the key "
        "project summary table. Each figure has the plan name, title, legend, north arrow, numeric and bar "
        "scale, coordinate system note (CGCS2000, Gauss-Kruger 3-degree zone, central meridian 114°E), "
        "organisation and date, data source and, when the data are illustrative (示意), a note saying so. "
        "FORMATS: pdf (vector, selectable text, fonts embedded), png and tif (at DPI), svg. PAPER A3 or A4 and "
        "ORIENTATION apply to every figure unless PAGE_SETUP names another for a figure "
        "(e.g. site_atlas=A4 portrait). A template edited in the layout designer and saved in TEMPLATE_FOLDER "
        "as <figure or kind>_<paper>_<orientation>.qpt is used instead of the plugin's own. "
        "BASE_MAP (on by default) draws the layers of the 底图 group of the plan's stored project under the plan "
        "layers, with legend entries and a source note: the illustrative rivers, roads and street seats of a "
        "demo plan, or the user's own (a 三调 or township GeoPackage, a DOM GeoTIFF, a WMTS such as 天地图). "
        "The organisation, date and 附图/附表 numbers printed are stored in the plan: a later export with these "
        "left empty prints the same. Files are written "
        "into OUTPUT_FOLDER only when every figure is complete; existing files of the same name are replaced.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", tr("Output folder")))
        self.addParameter(_enum("FORMATS", tr("Formats"), FORMATS, ["pdf"], multiple=True))
        self.addParameter(_enum("PAPER", tr("Paper"), PAPERS, "A3"))
        self.addParameter(QgsProcessingParameterNumber(
            "DPI", tr("Resolution of PNG and TIFF (dpi)"), QgsProcessingParameterNumber.Integer, 300,
            minValue=MIN_DPI, maxValue=MAX_DPI))
        self.addParameter(_enum("ORIENTATION", tr("Orientation"), ORIENTATIONS, "landscape"))
        self.addParameter(_enum("FIGURES", tr("Figures (all when none is chosen)"), FIGURE_IDS, None,
                                multiple=True, optional=True))
        self.addParameter(_enum("GRID", tr("Grid"), GRIDS, "graticule"))
        self.addParameter(QgsProcessingParameterString(
            "ORGANISATION", tr("Organisation (编制单位); empty: what the plan printed last, else the plan's author"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "DATE", tr("Date (编制日期), e.g. 2026年1月; empty: what the plan printed last, else this month"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "PAGE_SETUP", tr("Paper per figure, e.g. site_atlas=A4 portrait; zones=A3 landscape"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "FIGURE_NUMBERS", tr("附图/附表 numbers, e.g. overall=3; summary_table=2; empty: what the plan printed "
                                 "last, else 附图1… in order and 附表1"), optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "TEMPLATE_FOLDER", tr("Folder of edited layout templates (.qpt)"),
            behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "BASE_MAP", tr("Draw the layers of the plan's 底图 (base map) group under the plan layers"), True))
        self.addOutput(QgsProcessingOutputFolder("OUTPUT_FOLDER", tr("Output folder")))
        self.addOutput(QgsProcessingOutputString("FILES", tr("Files written")))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Number of files written")))

    def prepareAlgorithm(self, parameters, context, feedback):
        warm_up()  # font lookups belong on the main thread; the export may run in a worker
        return super().prepareAlgorithm(parameters, context, feedback)

    def run_algorithm(self, parameters, context, feedback):
        options = ExportOptions(
            formats=tuple(self.parameterAsEnumStrings(parameters, "FORMATS", context)),
            paper=self.parameterAsEnumString(parameters, "PAPER", context),
            orientation=self.parameterAsEnumString(parameters, "ORIENTATION", context),
            dpi=self.parameterAsInt(parameters, "DPI", context),
            figures=tuple(self.parameterAsEnumStrings(parameters, "FIGURES", context)),
            grid=self.parameterAsEnumString(parameters, "GRID", context),
            organisation=self.parameterAsString(parameters, "ORGANISATION", context),
            date=self.parameterAsString(parameters, "DATE", context),
            page_setup=parse_page_setup(self.parameterAsString(parameters, "PAGE_SETUP", context)),
            template_folder=self.parameterAsFile(parameters, "TEMPLATE_FOLDER", context) or None,
            figure_numbers=parse_figure_numbers(self.parameterAsString(parameters, "FIGURE_NUMBERS", context)),
            base_map=self.parameterAsBoolean(parameters, "BASE_MAP", context),
        )
        # qgis_process echoes a list parameter such as FORMATS as an empty value: say what was asked for
        feedback.pushInfo(tr("Formats: {formats}; paper: {paper} {orientation}; {dpi} dpi").format(
            formats=", ".join(f.upper() for f in options.formats), paper=options.paper,
            orientation=options.orientation, dpi=options.dpi))
        folder = self.parameterAsFileOutput(parameters, "OUTPUT_FOLDER", context)  # resolves TEMPORARY_OUTPUT
        if folder and not os.path.exists(folder) and os.path.isdir(os.path.dirname(os.path.abspath(folder))):
            os.makedirs(folder)  # a Processing destination is created, as QGIS's own algorithms do
        from ..core.figures.export import export_figures  # on first use: see provider.py

        result = export_figures(self.parameterAsFile(parameters, "PLAN", context), folder, options,
                                progress_reporter(feedback))
        for warning in result.warnings:
            feedback.pushWarning(warning)
        for path in result.files:
            feedback.pushInfo(path)
        return {"OUTPUT_FOLDER": result.folder, "FILES": result.files, "COUNT": len(result.files)}
