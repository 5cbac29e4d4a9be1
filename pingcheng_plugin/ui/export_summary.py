"""*Export summary table…*: which plan, into which file, by whom and when.

Its own organisation and date fields, filled with what the plan printed last (``plan_settings.Imprint``), rather
than silently reusing the figure dialog's; what is confirmed here is kept in the plan for the next export.
"""

from __future__ import annotations

import os
from typing import Tuple

from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import QDialog

from ..core.summary.table import default_date, default_organisation
from ..core.support.errors import InvalidInputError
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from ..core.support.settings import Settings
from . import dialogs, feedback
from .export_figures import show_imprint
from .ui_files import load_ui

SUMMARY_FILTERS = QT_TRANSLATE_NOOP("@default", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;HTML (*.html)")
SUMMARY_NAME = "重点工程项目汇总表.xlsx"
EXTENSIONS = (".xlsx", ".csv", ".html")


class ExportSummaryDialog(QDialog):
    def __init__(self, parent=None, plan: str = "", settings: Settings = None):
        super().__init__(parent)
        load_ui(self, "export_summary.ui")
        self.settings = settings or Settings()
        self.planWidget.setStorageMode(QgsFileWidget.GetFile)
        self.planWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.planWidget.setFilePath(plan)
        self.outputWidget.setStorageMode(QgsFileWidget.SaveFile)
        self.outputWidget.setFilter(tr(SUMMARY_FILTERS))
        self.outputWidget.setConfirmOverwrite(True)
        folder = self.settings.export_folder() or (os.path.dirname(os.path.abspath(plan)) if plan else "")
        self.outputWidget.setFilePath(os.path.join(folder, SUMMARY_NAME) if folder else "")
        self.organisationEdit.setPlaceholderText(default_organisation())
        self.dateEdit.setPlaceholderText(default_date())
        show_imprint(self, plan)
        self.planWidget.fileChanged.connect(feedback.in_dialog(self)(lambda path: show_imprint(self, path)))
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        dialogs.set_up(self, "export_summary", self.buttonBox)

    def values(self) -> Tuple[str, str, str, str]:
        """(plan, output file, organisation, date); a missing plan or file, or an unknown extension, is refused."""
        plan = self.planWidget.filePath().strip()
        output = self.outputWidget.filePath().strip()
        if not plan:
            raise InvalidInputError(tr("Choose the plan GeoPackage to export."))
        if not output:
            raise InvalidInputError(tr("Choose the file to write the summary table to."))
        extension = os.path.splitext(output)[1].lower()
        if not extension:
            output += ".xlsx"
        elif extension not in EXTENSIONS:
            raise InvalidInputError(tr("{path}: the summary table is written as .xlsx, .csv or .html.").format(
                path=output))
        return plan, output, self.organisationEdit.text().strip(), self.dateEdit.text().strip()
