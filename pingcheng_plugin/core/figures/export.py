"""Exporting the plan figures: options, the run over figures and formats, and the exporter's result codes.

Everything is written into a hidden staging folder inside the output folder and moved onto the final names only
once every figure of the run is complete, so a failure or a cancel leaves the output folder as it was. The plan
is read into a private QgsProject (never the user's), so the export can run in a QgsTask's worker thread.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Dict, List, Optional

from osgeo import gdal
from qgis.core import QgsLayoutExporter, QgsPrintLayout, QgsProject

from ...plan import vocabulary
from ..store import plan_check, plan_project, plan_settings, schema
from ..summary.table import TITLE as TABLE_TITLE
from ..summary.table import SummaryTable, build_summary, default_date, default_organisation
from ..support import compat
from ..support.errors import CancelledError, ExportError, PingchengError
from ..support.i18n import QT_TRANSLATE_NOOP, tr
from ..support.output_files import StagingFolder, check_folder, disk_full, failure, no_space, write_error
from ..support.progress import Progress, report
from . import templates, typography
from .catalogue import FIGURES, FigureSpec, default_numbers, figure
from .fill_atlas import fill_atlas
from .fill_map import fill_map
from .fill_table import fill_table
from .fill_text import FigureText, fill_texts
from .layers import FigureSource
from .options import ExportOptions
from .pdf_info import set_pdf_info
from .pdf_text import searchable

_EXTENSIONS = {"pdf": ".pdf", "png": ".png", "tif": ".tif", "svg": ".svg"}


@dataclass
class ExportResult:
    folder: str
    files: List[str]
    warnings: List[str]


_RESULT_MESSAGES = {
    QgsLayoutExporter.FileError: QT_TRANSLATE_NOOP(
        "@default", "Cannot write {path}: the folder is not writable or the file is open in another program."),
    QgsLayoutExporter.MemoryError: QT_TRANSLATE_NOOP(
        "@default", "Not enough memory to export {path}; lower the resolution (DPI)."),
    QgsLayoutExporter.PrintError: QT_TRANSLATE_NOOP("@default", "The figure could not be drawn into {path}."),
    QgsLayoutExporter.SvgLayerError: QT_TRANSLATE_NOOP("@default", "The SVG layers of {path} could not be written."),
    QgsLayoutExporter.IteratorError: QT_TRANSLATE_NOOP(
        "@default", "The project location maps (atlas) could not be prepared for {path}."),
    QgsLayoutExporter.Canceled: QT_TRANSLATE_NOOP("@default", "Cancelled: nothing was written."),
}
_RESULT_UNKNOWN = QT_TRANSLATE_NOOP("@default", "Exporting {path} failed.")


def check_result(result, path: str, error: str = "") -> None:
    """Raise a translated ExportError for anything but QgsLayoutExporter.Success."""
    if result == QgsLayoutExporter.Success:
        return
    template = _RESULT_MESSAGES.get(result, _RESULT_UNKNOWN)
    message = tr(template).format(path=path)
    if result == QgsLayoutExporter.Canceled:
        raise CancelledError(message)
    if result == QgsLayoutExporter.FileError and disk_full(os.path.dirname(path)):
        raise no_space(path)  # Qt says only "cannot write": on a full disk that blames permissions wrongly
    raise ExportError(message, error or None)


class FigureExporter:
    """One export run: the plan read once, then each figure built from its template and written per format."""

    def __init__(self, plan: str, folder: str, options: ExportOptions, progress: Progress = None):
        self.plan = os.path.abspath(str(plan))
        self.folder = folder
        self.options = options.validate()
        self.progress = progress
        self.warnings: List[str] = []
        self.project: Optional[QgsProject] = None
        self.table: Optional[SummaryTable] = None
        self.layers: Optional[FigureSource] = None
        self.imprint = plan_settings.Imprint()
        self.stored_numbers: Dict[str, str] = {}

    # --- steps ---------------------------------------------------------------------------------------------
    def _step(self, percent: float, message: str = "") -> None:
        report(self.progress, percent, message, tr("Cancelled: nothing was written."))

    def _read_plan(self) -> None:
        self.imprint = plan_settings.read_imprint(self.plan)
        self.stored_numbers = plan_settings.read_figure_numbers(self.plan)
        self.project = QgsProject()
        plan_project.read_plan_project(self.plan, self.project)
        sites = [f for f in FIGURES if f.id in self.options.figures and f.needs_sites]
        if sites:
            try:
                self.table = build_summary(self.plan, self.organisation(), self.date())
            except ExportError:
                if len(sites) == len(self.options.figures):
                    raise ExportError(tr("The plan {path} has no project sites, and every figure asked for shows "
                                         "sites. Draw or import sites first, or choose other figures.").format(
                        path=self.plan)) from None
                self.warnings.append(tr("The plan has no project sites: these figures were skipped: {names}.")
                                     .format(names="、".join(f.title_zh for f in sites)))
                self.options.figures = tuple(f for f in self.options.figures
                                             if not figure(f).needs_sites)
        self.layers = FigureSource(self.project, self.table, self.options.base_map)
        self.project.setTitle(vocabulary.PLAN_TITLE_ZH)
        metadata = self.project.metadata()
        metadata.setTitle(vocabulary.PLAN_TITLE_ZH)
        metadata.setAuthor(self.organisation())
        self.project.setMetadata(metadata)

    def organisation(self) -> str:
        return self.options.organisation.strip() or self.imprint.organisation or default_organisation()

    def date(self) -> str:
        return self.options.date.strip() or self.imprint.date or default_date(datetime.date.today())

    def numbers(self) -> Dict[str, str]:
        """附图/附表 numbers: the plugin's defaults, then what the plan stored, then what this export was given."""
        numbers = default_numbers()
        numbers.update({k: v for k, v in self.stored_numbers.items() if k in numbers})
        numbers.update(self.options.figure_numbers)
        return numbers

    def _remember(self) -> None:
        """Store what this export printed (编制单位, 编制日期, numbers) in the plan, so the next export of the set
        prints the same even when run with empty options. A plan that cannot be written keeps the export."""
        imprint = plan_settings.Imprint(self.organisation(), self.date())
        try:
            if imprint != self.imprint:
                plan_settings.write_imprint(self.plan, imprint)
            if self.numbers() != self.stored_numbers:
                plan_settings.write_figure_numbers(self.plan, self.numbers())
        except (PingchengError, OSError) as err:
            self.warnings.append(tr("The figures were written, but the plan could not keep their organisation, "
                                    "date and numbers for the next export: {error}").format(error=err))

    def figure_text(self, spec: FigureSpec) -> FigureText:
        assert self.layers is not None
        shown = _specs_shown(spec)
        titles = self.layers.illustrative_titles(shown)
        sources = self.layers.sources(shown)
        source_note = f"数据来源：{vocabulary.PLAN_TITLE_ZH}" + "".join(f"；{s}" for s in sources) + "。"
        if spec.kind == "map" and spec.needs_sites:
            source_note += f"图中编号为{TABLE_TITLE}中的序号。"
        if spec.kind in ("map", "atlas"):
            source_note += self.layers.base_note()
        illustrative = ""
        if titles:
            illustrative = (f"注：图中{'、'.join(titles)}为{vocabulary.ILLUSTRATIVE_ZH}，规划未公布其矢量边界，"
                            f"仅表示大致位置关系，不作为用地审批和规划管理的依据。")
        number = f"{spec.number_prefix}{self.numbers()[spec.id]}"
        return FigureText(self.organisation(), self.date(), source_note, illustrative,
                          {templates.ITEM_FIGURE_NUMBER: number})

    def build(self, spec: FigureSpec, reusable: Optional[Dict[str, QgsPrintLayout]] = None) -> QgsPrintLayout:
        """The filled layout of one figure (also used by the benchmark and the tests).

        ``reusable`` maps template paths to layouts already loaded in this run: map figures sharing a template
        refill one layout instead of loading the template again (loading is most of a figure's set-up).
        """
        assert self.project is not None and self.layers is not None
        paper, orientation = self.options.page_for(spec)
        path = templates.find_template(spec.id, spec.kind, paper, orientation, self.options.template_folder)
        manager = self.project.layoutManager()
        layout = reusable.get(path) if reusable is not None and spec.kind == "map" else None
        if layout is None:
            layout = templates.load_template(path, self.project, spec.kind)
            typography.retarget_fonts(layout)
            previous = manager.layoutByName(spec.title_zh)
            if previous is not None:
                manager.removeLayout(previous)
            layout.setName(spec.title_zh)
            manager.addLayout(layout)
            if reusable is not None:
                reusable[path] = layout
        else:
            layout.setName(spec.title_zh)
        fill_texts(layout, spec, self.figure_text(spec))
        scale_factor = min(layout.pageCollection().page(0).pageSize().width(),
                           layout.pageCollection().page(0).pageSize().height()) / 297.0
        if spec.kind == "map":
            fill_map(layout, self.layers.for_figure(spec), self.layers, self.options.grid,
                     14.0 * scale_factor ** 0.6)
        elif spec.kind == "atlas":
            fill_atlas(layout, spec, self.layers.for_figure(spec), self.layers, self.options.grid)
        else:
            assert self.table is not None
            fill_table(layout, self.table)
        return layout

    def _make_searchable(self, path: str) -> None:
        """Correct the PDF's text so that search and copy find what the figure shows (see :mod:`.pdf_text`)."""
        try:
            searchable(path)
        except OSError as err:  # appending the corrected text maps met a full disk
            raise write_error(path, err) from err

    def export(self, layout: QgsPrintLayout, spec: FigureSpec, fmt: str, staging: StagingFolder) -> None:
        stem = spec.file_stem()
        extension = _EXTENSIONS[fmt]
        path = staging.staged(stem + extension)
        exporter = QgsLayoutExporter(layout)
        atlas = layout.atlas() if spec.kind == "atlas" else None
        error = ""
        if fmt == "pdf":
            settings = pdf_settings(self.options.dpi)
            if atlas is not None:
                result, error = QgsLayoutExporter.exportToPdf(atlas, path, settings)
                if result == QgsLayoutExporter.Success:
                    set_pdf_info(path, self.project.metadata().title(), self.organisation())
            else:
                result = exporter.exportToPdf(path, settings)
            if result == QgsLayoutExporter.Success:
                self._make_searchable(path)
        elif fmt == "svg":
            settings = svg_settings(self.options.dpi)
            if atlas is not None:
                result, error = QgsLayoutExporter.exportToSvg(atlas, staging.path + os.sep, settings)
            else:
                result = exporter.exportToSvg(path, settings)
        else:
            settings = image_settings(self.options.dpi)
            # QGIS tries to georeference every image through GDAL, whose PNG driver cannot update a file: quiet
            # that one (harmless) complaint; the exporter's own result is still checked below.
            gdal.PushErrorHandler("CPLQuietErrorHandler" if fmt == "png" else "CPLDefaultErrorHandler")
            try:
                if atlas is not None:
                    result, error = QgsLayoutExporter.exportToImage(atlas, staging.path + os.sep, extension,
                                                                    settings)
                else:
                    result = exporter.exportToImage(path, settings)
            finally:
                gdal.PopErrorHandler()
        check_result(result, os.path.join(self.folder, os.path.basename(path)), error)
        if fmt == "tif" and self.options.compress_tiff:
            for name in os.listdir(staging.path):
                if name.startswith(stem) and name.endswith(extension):
                    compress_tiff(staging.staged(name), staging.final(name))

    # --- the run -------------------------------------------------------------------------------------------
    def run(self) -> ExportResult:
        folder = check_folder(self.folder)
        warning = typography.missing_font_warning()
        if warning:
            self.warnings.append(warning)
        self._step(0, tr("Reading the plan"))
        self.warnings.extend(plan_check.check_plan(self.plan).notes)  # a damaged or newer plan: before any work
        staging = StagingFolder(folder)
        try:
            with staging:  # removed whatever happens; an OSError becomes a message naming the file
                self._read_plan()
                specs = [figure(f) for f in self.options.figures]
                steps = max(1, len(specs) * (len(self.options.formats) + 1))
                done = 0
                reusable: Dict[str, QgsPrintLayout] = {}
                for spec in specs:
                    self._step(5 + 90 * done / steps, tr("Drawing {figure}").format(figure=spec.title_zh))
                    layout = self.build(spec, reusable)
                    done += 1
                    for fmt in self.options.formats:
                        self._step(5 + 90 * done / steps, tr("Writing {figure} ({format})").format(
                            figure=spec.title_zh, format=fmt.upper()))
                        self.export(layout, spec, fmt, staging)
                        done += 1
                self._step(96, tr("Moving the figures into place"))
                files = staging.commit()
            self._remember()
        finally:
            if self.project is not None:
                self.project.clear()
        if self.progress is not None:
            self.progress(100, tr("Done"))
        return ExportResult(folder, files, self.warnings)


def _specs_shown(spec: FigureSpec) -> List[schema.LayerSpec]:
    frame = [schema.BOUNDARY, schema.NEIGHBOURS]
    if spec.id == "overall":
        return frame + [schema.ZONES, schema.BARRIERS, schema.CORRIDORS]
    if spec.id == "zones":
        return frame + [schema.ZONES]
    if spec.id == "key_areas":
        return frame + [schema.ZONES, schema.KEY_AREAS]
    if spec.kind == "table":
        return [schema.SITES]
    return frame + [schema.ZONES, schema.CORRIDORS, schema.SITES]


def pdf_settings(dpi: int) -> QgsLayoutExporter.PdfExportSettings:
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.textRenderFormat = compat.TEXT_RENDER_ALWAYS_TEXT
    settings.forceVectorOutput = True
    settings.rasterizeWholeImage = False
    settings.exportMetadata = True
    settings.appendGeoreference = True
    settings.simplifyGeometries = False
    return settings


def svg_settings(dpi: int) -> QgsLayoutExporter.SvgExportSettings:
    settings = QgsLayoutExporter.SvgExportSettings()
    settings.dpi = dpi
    settings.textRenderFormat = compat.TEXT_RENDER_ALWAYS_TEXT
    settings.forceVectorOutput = True
    settings.exportAsLayers = False
    settings.exportMetadata = True
    settings.simplifyGeometries = False
    return settings


def image_settings(dpi: int) -> QgsLayoutExporter.ImageExportSettings:
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    settings.generateWorldFile = False
    settings.exportMetadata = True
    return settings


def compress_tiff(path: str, shown: Optional[str] = None) -> None:
    """Rewrite a TIFF with LZW compression (QGIS writes it uncompressed: ~70 MB for A3 at 300 dpi); ``shown`` is
    the name messages give the file (its final path)."""
    temporary = path + ".lzw.tif"
    dataset = gdal.Translate(temporary, path, format="GTiff",
                             creationOptions=["COMPRESS=LZW", "PREDICTOR=2", "TILED=NO"])
    if dataset is None:
        if os.path.exists(temporary):
            os.remove(temporary)
        if disk_full(os.path.dirname(path)):
            raise failure(shown or path)
        raise ExportError(tr("{path} cannot be compressed.").format(path=os.path.basename(path)),
                          gdal.GetLastErrorMsg())
    dataset = None  # closes the file; a cut-off result is caught when the staging folder is committed
    os.replace(temporary, path)


def export_figures(plan: str, folder: str, options: Optional[ExportOptions] = None,
                   progress: Progress = None) -> ExportResult:
    """Export the chosen figures of ``plan`` into ``folder``; see :class:`ExportOptions`."""
    return FigureExporter(plan, folder, options or ExportOptions(), progress).run()

