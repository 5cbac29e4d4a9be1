"""*Prepare review package…*, *Merge review package…* and *Review report…*: the three dialogs (layouts in
``prepare_review.ui``, ``merge_review.ui`` and ``review_report.ui``). They collect choices and show the core's
preview; the work runs in ``review_actions``."""

from __future__ import annotations

import datetime
import os
from typing import Dict, Optional, Tuple

from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QTableWidgetItem

from ..core.review.package_format import ON_CONFLICT
from ..core.review.prepare import select_sites
from ..core.review.preview import MergePreview, preview_package
from ..core.support.errors import InvalidInputError
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from . import dialogs, feedback, plan_context
from .ui_files import load_ui

SIDES = {"plan": QT_TRANSLATE_NOOP("@default", "Plan (set the review's proposal aside)"),
         "review": QT_TRANSLATE_NOOP("@default", "Review (apply the proposal, keep the plan's version aside)")}


class PrepareReviewDialog(QDialog):
    def __init__(self, parent=None, plan: str = ""):
        super().__init__(parent)
        load_ui(self, "prepare_review.ui")
        self.planWidget.setStorageMode(QgsFileWidget.GetFile)
        self.planWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.planWidget.setFilePath(plan)
        self.folderWidget.setStorageMode(QgsFileWidget.GetDirectory)
        if plan:
            stamp = datetime.date.today().strftime("%Y%m%d")
            self.folderWidget.setFilePath(os.path.join(os.path.dirname(os.path.abspath(plan)), f"核查包_{stamp}"))
        self.dueEdit.setPlaceholderText((datetime.date.today() + datetime.timedelta(days=30)).isoformat())
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        dialogs.set_up(self, "prepare_review", self.buttonBox)

    def expression(self) -> str:
        """The sites' expression; with *only the selected sites*, their codes (from the plan open in QGIS)."""
        if not self.selectedCheckBox.isChecked():
            return self.sitesEdit.text().strip()
        sites = plan_context.open_plan().sites
        codes = sorted({str(f["project_code"]) for f in sites.selectedFeatures()})
        if not codes:
            raise InvalidInputError(tr("No site is selected on the map: select the sites to review, or clear "
                                       "“Only the sites selected on the map”."))
        listed = ", ".join("'" + code.replace("'", "''") + "'" for code in codes)
        return f'"project_code" IN ({listed})'

    def values(self) -> Tuple[str, str, str, str, str]:
        """(plan, expression, reviewer, folder, due), checked as far as can be before the work starts."""
        plan = self.planWidget.filePath().strip()
        folder = self.folderWidget.filePath().strip()
        reviewer = self.reviewerEdit.text().strip()
        if not plan:
            raise InvalidInputError(tr("Choose the plan GeoPackage to review."))
        if not reviewer:
            raise InvalidInputError(tr("Name the reviewer: the package records who reviews the sites."))
        if not folder:
            raise InvalidInputError(tr("Choose the folder for the review package (new or empty)."))
        expression = self.expression()
        select_sites(plan, expression)  # a bad expression or one matching nothing is said here, in the dialog
        return plan, expression, reviewer, folder, self.dueEdit.text().strip()


class MergeReviewDialog(QDialog):
    def __init__(self, parent=None, plan: str = ""):
        super().__init__(parent)
        load_ui(self, "merge_review.ui")
        self.preview: Optional[MergePreview] = None
        self.planWidget.setStorageMode(QgsFileWidget.GetFile)
        self.planWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.planWidget.setFilePath(plan)
        self.packageWidget.setStorageMode(QgsFileWidget.GetDirectory)
        refresh = feedback.in_dialog(self)(lambda *_: self.refresh())
        self.planWidget.fileChanged.connect(refresh)
        self.packageWidget.fileChanged.connect(refresh)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        dialogs.set_up(self, "merge_review", self.buttonBox)

    def refresh(self) -> None:
        """Show per site what the merge changes, with a choice for each conflict (errors: in the dialog's bar)."""
        self.preview = None
        self.siteTable.setRowCount(0)
        self.summaryLabel.setText(tr("Choose the plan and the package to see what the merge changes."))
        plan, folder = self.planWidget.filePath().strip(), self.packageWidget.filePath().strip()
        if not plan or not folder:
            return
        preview = preview_package(plan, folder)
        self.preview = preview
        if preview.already_merged:
            self.summaryLabel.setText(tr("This package was already merged into the plan on {when}; merging it "
                                         "again changes nothing.").format(when=preview.already_merged))
            return
        self.summaryLabel.setText(tr("Reviewer {reviewer}: {count} sites reviewed, {conflicts} conflicts (the site "
                                     "was edited in the plan and the review proposes a new boundary): choose the "
                                     "side to keep; the other is kept in review_conflicts.").format(
            reviewer=preview.reviewer, count=len(preview.sites), conflicts=len(preview.conflicts)))
        self.siteTable.setRowCount(len(preview.sites))
        for row, site in enumerate(preview.sites):
            self.siteTable.setItem(row, 0, QTableWidgetItem(site.code))
            self.siteTable.setItem(row, 1, QTableWidgetItem(site.state))
            if site.conflict:
                combo = QComboBox(self.siteTable)
                for side in ON_CONFLICT:
                    combo.addItem(tr(SIDES[side]), side)
                self.siteTable.setCellWidget(row, 2, combo)
            else:
                self.siteTable.setItem(row, 2, QTableWidgetItem("—"))
            self.siteTable.setItem(row, 3, QTableWidgetItem(site.changes()))
        self.siteTable.resizeColumnsToContents()
        for warning in preview.warnings:
            feedback.dialog_bar(self).pushWarning(feedback.title(), warning)

    def choices(self) -> Dict[str, str]:
        """project code → the side kept, for each conflict."""
        chosen = {}
        for row in range(self.siteTable.rowCount()):
            combo = self.siteTable.cellWidget(row, 2)
            if isinstance(combo, QComboBox):
                chosen[self.siteTable.item(row, 0).text()] = combo.currentData()
        return chosen

    def choose(self, code: str, side: str) -> None:
        """Set the side kept for the conflict of ``code`` (as the user does in the table)."""
        for row in range(self.siteTable.rowCount()):
            combo = self.siteTable.cellWidget(row, 2)
            if self.siteTable.item(row, 0).text() == code and isinstance(combo, QComboBox):
                combo.setCurrentIndex(combo.findData(side))
                return
        raise KeyError(code)

    def values(self) -> Tuple[str, str, Dict[str, str], bool]:
        """(plan, package folder, side kept per conflict, apply proposals); no merge without a preview."""
        if self.preview is None:
            self.refresh()  # says what is wrong with the plan or the package
        if self.preview is None:
            raise InvalidInputError(tr("Choose the plan and the review package to merge."))
        return (self.planWidget.filePath().strip(), self.preview.folder, self.choices(),
                self.proposalsCheckBox.isChecked())


class ReviewReportDialog(QDialog):
    """*Review report…*: the plan, a package (optional) and the report file; the report is written by a task."""

    def __init__(self, parent=None, plan: str = ""):
        super().__init__(parent)
        load_ui(self, "review_report.ui")
        self.planWidget.setStorageMode(QgsFileWidget.GetFile)
        self.planWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.planWidget.setFilePath(plan)
        self.packageWidget.setStorageMode(QgsFileWidget.GetDirectory)
        self.outputWidget.setStorageMode(QgsFileWidget.SaveFile)
        self.outputWidget.setFilter(tr("HTML (*.html);;PDF (*.pdf)"))
        self.default_output(plan)
        self.planWidget.fileChanged.connect(feedback.in_dialog(self)(self.default_output))
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        dialogs.set_up(self, "review_report", self.buttonBox)

    def default_output(self, plan: str) -> None:
        """Until a report file is chosen: 核查报告.html beside the plan."""
        if plan.strip() and not self.outputWidget.filePath().strip():
            folder = os.path.dirname(os.path.abspath(plan.strip()))
            self.outputWidget.setFilePath(os.path.join(folder, "核查报告.html"))

    def values(self) -> Tuple[str, str, str]:
        """(plan, package folder or '', report file), checked as far as can be before the report is written."""
        from ..core.review.report_data import read_report  # SQL only: no jinja2, no drawing

        plan = self.planWidget.filePath().strip()
        package = self.packageWidget.filePath().strip()
        output = self.outputWidget.filePath().strip()
        if not plan:
            raise InvalidInputError(tr("Choose the plan GeoPackage whose reviews the report shows."))
        if not output:
            raise InvalidInputError(tr("Choose the file for the review report (.html or .pdf)."))
        if not os.path.splitext(output)[1]:
            output += ".html"  # a name typed without extension: the first format offered
        if os.path.splitext(output)[1].lower() not in (".html", ".pdf"):
            raise InvalidInputError(tr("{path}: the review report is written as .html or .pdf.").format(path=output))
        if os.path.isdir(output):
            raise InvalidInputError(tr("{path} is a folder; choose a file name for the review report.").format(
                path=output))
        read_report(plan, package)  # another plan's package, no reviews to report: said here, in the dialog
        return plan, package, output
