"""*Export plan figures…*: which figures, on which paper, in which formats, where, by whom and when.

The choices are remembered in the user's settings; the organisation and date are kept in the plan itself
(``plan_settings.Imprint``), so a re-export of an approved set prints the same. The dialog only asks; the export
runs in ``export_actions`` as a background task.
"""

from __future__ import annotations

import os
from typing import Dict, List, Optional, Tuple

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QTableWidgetItem,
)

from ..core.figures import FIGURES, GRIDS, ORIENTATIONS, PAPERS, ExportOptions
from ..core.figures.catalogue import FigureSpec, default_numbers
from ..core.store import plan_layers, plan_project, plan_settings, schema
from ..core.summary.table import default_date, default_organisation
from ..core.support.errors import InvalidInputError, PingchengError
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr, ui_language
from ..core.support.settings import Settings
from . import dialogs, feedback
from .ui_files import load_ui

GRID_LABELS = {
    "none": QT_TRANSLATE_NOOP("@default", "No grid"),
    "graticule": QT_TRANSLATE_NOOP("@default", "Graticule (latitude and longitude, 经纬网)"),
    "km": QT_TRANSLATE_NOOP("@default", "Kilometre grid (公里网)"),
}
ORIENTATION_LABELS = {
    "landscape": QT_TRANSLATE_NOOP("@default", "Landscape"),
    "portrait": QT_TRANSLATE_NOOP("@default", "Portrait"),
}
NUMBER_COLUMN = 3  # the figure table's 附图/附表 number
BASE_LAYER_FILTERS = QT_TRANSLATE_NOOP(
    "@default", "Images and vector data (*.tif *.tiff *.img *.jp2 *.vrt *.gpkg *.shp *.geojson);;All files (*)")
SUMMARY_FILTERS = QT_TRANSLATE_NOOP("@default", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;HTML (*.html)")


def current_plan(project: Optional[QgsProject] = None) -> str:
    """The plan GeoPackage behind the open project's site layer, else the last plan opened, else ''."""
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        located = plan_layers.layer_table(layer)
        if located is not None and located[1] == schema.SITES.table:
            return located[0]
    last = Settings().last_plan()
    return last if last and os.path.isfile(last) else ""


def default_folder(plan: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(plan)), "规划图件") if plan else ""


def plan_imprint(plan: str) -> plan_settings.Imprint:
    """What ``plan`` printed last time; nothing for a path that is not (yet) a plan (the export says why)."""
    try:
        return plan_settings.read_imprint(plan.strip()) if plan.strip() else plan_settings.Imprint()
    except PingchengError:
        return plan_settings.Imprint()


def show_imprint(dialog, plan: str) -> None:
    """Fill an export dialog's organisation and date from the plan; a plan that has none gets the organisation
    this user last typed (a design institute types its name once) and the date's default shown greyed."""
    imprint = plan_imprint(plan)
    dialog.organisationEdit.setText(imprint.organisation or dialog.settings.organisation())
    dialog.dateEdit.setText(imprint.date)


def plan_numbers(plan: str) -> Dict[str, str]:
    """The 附图/附表 numbers ``plan`` printed last, over the plugin's defaults."""
    numbers = default_numbers()
    try:
        stored = plan_settings.read_figure_numbers(plan.strip()) if plan.strip() else {}
    except PingchengError:
        stored = {}
    numbers.update({k: v for k, v in stored.items() if k in numbers})
    return numbers


def show_numbers(dialog, plan: str) -> None:
    numbers = plan_numbers(plan)
    for row, spec in enumerate(FIGURES):
        dialog.figureTable.item(row, NUMBER_COLUMN).setText(numbers[spec.id])


def remember_imprint(plan: str, organisation: str, date: str) -> Optional[str]:
    """Keep what was printed in the plan; a plan that cannot be written (read-only) keeps its old values, which
    is said rather than raised: the export itself only reads the plan. Returns the warning, if any."""
    imprint = plan_settings.Imprint(organisation.strip(), date.strip())
    try:
        if plan and plan_imprint(plan) != imprint:
            plan_settings.write_imprint(plan, imprint)
    except Exception as err:  # noqa: BLE001 - sqlite3 or PlanFileError: the export goes on without it
        return tr("The organisation and date could not be kept in the plan ({error}).").format(error=err)
    return None


def check_saved(project: Optional[QgsProject] = None) -> None:
    """Refuse to export while plan layers hold unsaved edits: the export reads the saved file."""
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.isEditable() and layer.isModified():
            raise InvalidInputError(tr("Save or discard the edits of {layer} first: the export reads the saved "
                                       "plan.").format(layer=layer.name()))


class ExportFiguresDialog(QDialog):
    """Which figures, on which paper, in which formats, where; remembered in the settings."""

    def __init__(self, parent=None, plan: str = "", settings: Optional[Settings] = None):
        super().__init__(parent)
        load_ui(self, "export_figures_dialog.ui")
        self.settings = settings or Settings()
        self.planWidget.setStorageMode(QgsFileWidget.GetFile)
        self.planWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.planWidget.setFilePath(plan)
        self.folderWidget.setStorageMode(QgsFileWidget.GetDirectory)
        # the last folder used, else a 规划图件 folder beside the plan (made by the export)
        self.folderWidget.setFilePath(self.settings.export_folder() or default_folder(plan))
        formats = set(self.settings.figure_formats().split(","))
        for name, box in self._format_boxes():
            box.setChecked(name in formats)
        self.dpiSpinBox.setValue(self.settings.figure_dpi())
        for grid in GRIDS:
            self.gridComboBox.addItem(tr(GRID_LABELS[grid]), grid)
        self.gridComboBox.setCurrentIndex(max(0, self.gridComboBox.findData(self.settings.figure_grid())))
        self.organisationEdit.setPlaceholderText(default_organisation())
        self.dateEdit.setPlaceholderText(default_date())
        show_imprint(self, plan)
        self._fill_figures()
        show_numbers(self, plan)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        self.planWidget.fileChanged.connect(feedback.in_dialog(self)(lambda path: show_imprint(self, path)))
        self.planWidget.fileChanged.connect(feedback.in_dialog(self)(lambda path: show_numbers(self, path)))
        self.addBaseLayerButton.clicked.connect(feedback.in_dialog(self)(lambda _checked=False: self.add_base_layer()))
        dialogs.set_up(self, "export_figures", self.buttonBox)

    def _format_boxes(self):
        return (("pdf", self.pdfCheckBox), ("png", self.pngCheckBox), ("tif", self.tifCheckBox),
                ("svg", self.svgCheckBox))

    def _fill_figures(self) -> None:
        chosen = set(filter(None, self.settings.figure_selection().split(","))) or {f.id for f in FIGURES}
        table = self.figureTable
        table.setRowCount(len(FIGURES))
        for row, spec in enumerate(FIGURES):
            # The Chinese title is the figure's own name; other UI languages also get a translation of it.
            text = spec.title_zh if ui_language() == "zh" else f"{spec.title_zh} — {spec.label()}"
            name = QTableWidgetItem(f"{spec.number:02d} {text}")
            name.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            name.setCheckState(Qt.CheckState.Checked if spec.id in chosen else Qt.CheckState.Unchecked)
            name.setData(Qt.ItemDataRole.UserRole, spec.id)
            table.setItem(row, 0, name)
            paper = QComboBox(table)
            paper.addItems(list(PAPERS))
            paper.setCurrentText(self.settings.figure_paper())
            table.setCellWidget(row, 1, paper)
            orientation = QComboBox(table)
            for value in ORIENTATIONS:
                orientation.addItem(tr(ORIENTATION_LABELS[value]), value)
            orientation.setCurrentIndex(max(0, orientation.findData(self.settings.figure_orientation())))
            table.setCellWidget(row, 2, orientation)
            table.setItem(row, NUMBER_COLUMN, QTableWidgetItem())  # filled by show_numbers
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NUMBER_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        table.selectRow(0)
        # every figure visible without scrolling (nine rows fit in a 768 px screen with the rest of the dialog)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)  # compact rows
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setMinimumHeight(rows + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth())

    # --- reading the choices -------------------------------------------------------------------------------
    def plan(self) -> str:
        return self.planWidget.filePath().strip()

    def folder(self) -> str:
        return self.folderWidget.filePath().strip()

    def page(self, row: int) -> Tuple[str, str]:
        return self.figureTable.cellWidget(row, 1).currentText(), self.figureTable.cellWidget(row, 2).currentData()

    def selected_figure(self) -> Tuple[FigureSpec, str, str]:
        row = max(0, self.figureTable.currentRow())
        return (FIGURES[row],) + self.page(row)

    def add_base_layer(self, path: Optional[str] = None) -> str:
        """Add a file chosen by the user (or ``path``) to the 底图 group of the plan's stored project; returns
        the layer's name, '' when nothing was chosen."""
        plan = self.plan()
        if not plan or not os.path.isfile(plan):
            raise InvalidInputError(tr("Choose the plan GeoPackage first."))
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, tr("Add base layer"), os.path.dirname(plan),
                                                        tr(BASE_LAYER_FILTERS))
        if not path:
            return ""
        name = plan_project.add_base_layer(plan, path)
        feedback.dialog_bar(self).pushMessage(
            tr("{layer} was added to the 底图 group of the plan; the figures draw it under the plan layers.")
            .format(layer=name), Qgis.MessageLevel.Success)
        return name

    def options(self) -> ExportOptions:
        figures: List[str] = []
        page_setup = {}
        numbers = {}
        for row, spec in enumerate(FIGURES):
            if self.figureTable.item(row, 0).checkState() == Qt.CheckState.Checked:
                figures.append(spec.id)
                page_setup[spec.id] = self.page(row)
            numbers[spec.id] = self.figureTable.item(row, NUMBER_COLUMN).text()
        if not figures:
            raise InvalidInputError(tr("Choose at least one figure."))
        return ExportOptions(
            formats=tuple(name for name, box in self._format_boxes() if box.isChecked()),
            dpi=self.dpiSpinBox.value(), figures=tuple(figures), grid=self.gridComboBox.currentData(),
            organisation=self.organisationEdit.text().strip(), date=self.dateEdit.text().strip(),
            page_setup=page_setup, template_folder=self.settings.template_folder() or None,
            figure_numbers=numbers, base_map=self.baseMapCheckBox.isChecked(),
        ).validate()

    def remember(self, options: ExportOptions) -> Optional[str]:
        """Keep the choices; returns a warning when the plan could not keep its organisation and date."""
        self.settings.set_export_folder(self.folder())
        self.settings.set_figure_formats(",".join(options.formats))
        self.settings.set_figure_dpi(options.dpi)
        self.settings.set_figure_grid(options.grid)
        self.settings.set_organisation(options.organisation)
        self.settings.set_compile_date(options.date)
        warning = remember_imprint(self.plan(), options.organisation, options.date)
        self.settings.set_figure_selection(",".join(options.figures))
        if options.page_setup:
            paper, orientation = next(iter(options.page_setup.values()))
            self.settings.set_figure_paper(paper)
            self.settings.set_figure_orientation(orientation)
        return warning


