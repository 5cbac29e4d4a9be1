"""The plugin object QGIS loads: menu, toolbar, Processing provider and translator. unload() undoes initGui()."""

from __future__ import annotations

from typing import Callable, List, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu

from .core.support import i18n, paths
from .core.support.i18n import tr
from .processing.provider import PingchengProvider
from .ui import dialogs, feedback
from .ui.export_actions import ExportActions
from .ui.import_actions import ExchangeActions
from .ui.plan_actions import PlanActions
from .ui.plan_dock import PlanDock
from .ui.review_actions import ReviewActions
from .ui.review_dock import ReviewDock
from .ui.site_editing import SiteEditing
from .ui.site_form import SiteFormHelper
from .ui.validation_settings import ValidationSettings

MENU_OBJECT_NAME = "PingchengMenu"
TOOLBAR_OBJECT_NAME = "PingchengToolbar"


def icon(name: str) -> QIcon:
    return QIcon(paths.resource("icons", f"{name}.svg"))


class PingchengPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.translator = i18n.load_translator(paths.i18n_dir())
        self.provider: Optional[PingchengProvider] = None
        self.menu: Optional[QMenu] = None
        self.toolbar = None
        self.actions: List[QAction] = []
        self.plan_actions: Optional[PlanActions] = None
        self.site_editing: Optional[SiteEditing] = None
        self.site_form: Optional[SiteFormHelper] = None
        self.dock: Optional[PlanDock] = None
        self._widen_on_start = None  # QGIS's initializationCompleted, while the first-run widening waits for it
        self.exchange: Optional[ExchangeActions] = None
        self.export_actions: Optional[ExportActions] = None
        self.review: Optional[ReviewActions] = None
        self.review_dock: Optional[ReviewDock] = None

    # --- Processing (also called by qgis_process, without initGui) --------------------------------------------
    def initProcessing(self) -> None:  # noqa: N802 - QGIS's name
        if self.provider is None:
            self.provider = PingchengProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    # --- GUI -------------------------------------------------------------------------------------------------
    def initGui(self) -> None:  # noqa: N802 - QGIS's name
        self.initProcessing()  # its provider fills the font cache on this thread (see core/support/fonts.py)
        window = self.iface.mainWindow()
        self.menu = QMenu(tr("Pingcheng Eco-restoration"), window.menuBar())
        self.menu.setObjectName(MENU_OBJECT_NAME)
        window.menuBar().insertMenu(self._menu_before(), self.menu)
        self.toolbar = self.iface.addToolBar(tr("Pingcheng Eco-restoration"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        self.plan_actions = PlanActions(self.iface)
        self._add_action("new_plan", "new_plan", tr("New plan GeoPackage…"), self.plan_actions.new_plan)
        self._add_action("open_plan", "open_plan", tr("Open plan…"), self.plan_actions.open_plan)
        self.menu.addSeparator()
        self.toolbar.addSeparator()
        self.site_editing = SiteEditing(self.iface)
        self.site_form = SiteFormHelper([self.iface.mainWindow(), self.iface.mapCanvas()])
        self._add_action("add_site", "add_site", tr("Add project site"), self.site_editing.add_site)
        self._add_action("validate_sites", "validate", tr("Validate all sites"), self.site_editing.validate_all)
        self._add_action("fix_geometry", "fix_geometry", tr("Fix geometry"), self.site_editing.fix_geometries,
                         toolbar=False)
        self._add_action("recompute", "recompute", tr("Recompute derived fields"),
                         self.site_editing.recompute_derived, toolbar=False)
        self.validation_settings = ValidationSettings(self.iface)
        self._add_action("validation_settings", "validate", tr("Validation settings…"),
                         self.validation_settings.edit, toolbar=False)
        self.menu.addSeparator()
        self.exchange = ExchangeActions(self.iface)
        self._add_action("import_sites", "import_sites", tr("Import sites…"), self.exchange.import_sites,
                         toolbar=False)
        self._add_action("export_sites", "export_sites", tr("Export sites…"), self.exchange.export_sites,
                         toolbar=False)
        self._add_action("import_plan_layer", "import_plan_layer", tr("Import official plan layer…"),
                         self.exchange.import_plan_layer, toolbar=False)
        self._add_action("import_control_layer", "import_control_layer", tr("Import control layer…"),
                         self.exchange.import_control_layer, toolbar=False)
        self.menu.addSeparator()
        self.toolbar.addSeparator()
        self.export_actions = ExportActions(self.iface)
        self._add_action("export_figures", "export_figures", tr("Export plan figures…"),
                         self.export_actions.export_figures)
        self._add_action("export_summary", "export_summary", tr("Export summary table…"),
                         self.export_actions.export_summary)
        self.menu.addSeparator()
        self._add_review()
        self.menu.addSeparator()
        self._add_dock()
        self.menu.addSeparator()
        self._add_action("about", "about", tr("About"), self.plan_actions.about, toolbar=False)

    def _add_dock(self) -> None:
        """The plan dock, where it was last time (QgsSettings), with its show/hide action in menu and toolbar."""
        self.dock = PlanDock(self.iface, {
            "new_plan": self.plan_actions.new_plan, "open_plan": self.plan_actions.open_plan,
            "add_site": self.site_editing.add_site, "validate": self.site_editing.validate_all,
        }, self.iface.mainWindow())
        state = self.plan_actions.settings.dock_state()
        right = Qt.DockWidgetArea.RightDockWidgetArea
        area = Qt.DockWidgetArea(state["area"]) if state["area"] in (1, 2, 4, 8) else right
        self.iface.addDockWidget(area, self.dock)
        if state["floating"]:
            self.dock.setFloating(True)
            if state["geometry"] is not None:
                self.dock.restoreGeometry(state["geometry"])
        elif state["geometry"] is None:  # first run: as wide as the panel asks, once the window is laid out
            # At QGIS start-up plugins load before the main window is shown, and resizeDocks on a hidden window
            # is lost (the dock then opens at its minimum): wait for QGIS to finish starting.
            started = getattr(self.iface, "initializationCompleted", None)
            if started is not None and not self.iface.mainWindow().isVisible():
                started.connect(self._widen_dock)
                self._widen_on_start = started
            else:
                QTimer.singleShot(0, self._widen_dock)
        self.dock.panel.tabs.setCurrentIndex(state["tab"])
        self.dock.setVisible(state["visible"])
        toggle = self.dock.toggleViewAction()
        toggle.setIcon(icon("plugin"))
        toggle.setText(tr("Plan panel"))
        toggle.setObjectName("pingcheng_plan_panel")
        self.menu.addAction(toggle)
        self.toolbar.addAction(toggle)
        self.actions.append(toggle)

    def _add_review(self) -> None:
        """Field review: prepare and merge packages, the review report, and the review dock (hidden until asked
        for)."""
        self.review = ReviewActions(self.iface)
        self._add_action("prepare_review", "export_sites", tr("Prepare review package…"), self.review.prepare,
                         toolbar=False)
        self._add_action("merge_review", "import_sites", tr("Merge review package…"), self.review.merge,
                         toolbar=False)
        self._add_action("review_report", "export_summary", tr("Review report…"), self.review.report,
                         toolbar=False)
        self.review_dock = ReviewDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.review_dock)
        self.review_dock.setVisible(False)
        toggle = self.review_dock.toggleViewAction()
        toggle.setText(tr("Review panel (review mode)"))
        toggle.setObjectName("pingcheng_review_panel")
        self.menu.addAction(toggle)
        self.actions.append(toggle)

    @feedback.guarded_method
    def _widen_dock(self) -> None:
        if self._widen_on_start is not None:
            self._widen_on_start.disconnect(self._widen_dock)
            self._widen_on_start = None
        window = self.iface.mainWindow()
        if self.dock is not None and hasattr(window, "resizeDocks"):
            window.resizeDocks([self.dock], [self.dock.panel.sizeHint().width()], Qt.Orientation.Horizontal)

    def _save_dock_state(self) -> None:
        window = self.iface.mainWindow()
        right = Qt.DockWidgetArea.RightDockWidgetArea
        area = window.dockWidgetArea(self.dock) if hasattr(window, "dockWidgetArea") else right
        self.plan_actions.settings.set_dock_state(int(area), self.dock.isVisible(), self.dock.isFloating(),
                                                  self.dock.saveGeometry(), self.dock.panel.tabs.currentIndex())

    def _menu_before(self):
        """Our menu goes just before QGIS's Help menu (or at the end where there is none)."""
        help_menu = getattr(self.iface, "helpMenu", None)
        menu = help_menu() if callable(help_menu) else None
        return menu.menuAction() if isinstance(menu, QMenu) else None

    def _add_action(self, name: str, icon_name: str, text: str, slot: Callable, toolbar: bool = True) -> QAction:
        action = QAction(icon(icon_name), text, self.iface.mainWindow())
        action.setObjectName(f"pingcheng_{name}")
        action.triggered.connect(feedback.guarded(self.iface)(lambda *_: slot()))
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def action(self, name: str) -> QAction:
        for action in self.actions:
            if action.objectName() == f"pingcheng_{name}":
                return action
        raise KeyError(name)

    def unload(self) -> None:
        if getattr(self, "validation_settings", None) is not None:
            self.validation_settings.unload()
            self.validation_settings = None
        if self.export_actions is not None:
            self.export_actions.unload()
            self.export_actions = None
        if self.review is not None:
            self.review.unload()
            self.review = None
        if self.review_dock is not None:
            self.review_dock.cleanup()
            self.iface.removeDockWidget(self.review_dock)
            self.review_dock.deleteLater()
            self.review_dock = None
        if self.exchange is not None:
            self.exchange.unload()
            self.exchange = None
        if self._widen_on_start is not None:
            self._widen_on_start.disconnect(self._widen_dock)
            self._widen_on_start = None
        if self.dock is not None:
            self._save_dock_state()
            self.dock.cleanup()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        dialogs.close_help()
        if self.site_form is not None:
            self.site_form.unload()
            self.site_form = None
        if self.site_editing is not None:
            self.site_editing.unload()
            self.site_editing = None
        if self.plan_actions is not None:
            self.plan_actions.unload()
        for action in self.actions:
            if self.menu is not None:
                self.menu.removeAction(action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            if action.objectName() not in ("pingcheng_plan_panel", "pingcheng_review_panel"):  # die with their docks
                action.deleteLater()
        self.actions = []
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        i18n.unload_translator(self.translator)
        self.translator = None
