"""A stand-in for QGIS's ``iface`` in benchmark scripts: a real main window, map canvas and message bar.

The desktop benchmarks load the plugin through ``classFactory(iface)`` and ``initGui()`` and open plans through
its own actions, so what they time is the plugin's real code; this class supplies only what QGIS's window would:
menus and toolbars that exist, dock areas, a canvas that draws the project's visible layers at its default view
when a project is read (as QGIS does), and ``addProject``/``newProject`` on the current project. Calls the
benchmarks never reach (feature forms, the attribute table) are no-ops, and what the plugin
looks up with ``getattr`` first is absent unless QGIS 3.22 has it.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsProject
from qgis.gui import QgsMapCanvas, QgsMessageBar
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QMainWindow, QMenu, QToolBar


class BenchInterface(QObject):
    layoutDesignerClosed = pyqtSignal()  # noqa: N815 - QGIS's name; the plugin listens to it

    def __init__(self) -> None:
        super().__init__()
        self.window = QMainWindow()
        self.window.resize(1366, 768)  # the smallest screen the plugin's panel is laid out for
        self.canvas = QgsMapCanvas(self.window)
        self.window.setCentralWidget(self.canvas)
        self.bar = QgsMessageBar(self.window)
        self.plugin_menu = QMenu("Plugins", self.window)
        self.window.menuBar().addMenu(self.plugin_menu)
        self.plugin_toolbar = self.window.addToolBar("Plugins")
        self.started = 0  # canvas renders started
        self.finished = False  # the latest started render has finished
        self.with_layers = False  # the latest started render draws layers (not the emptied canvas of a clear)
        self.canvas.renderStarting.connect(self._started)
        self.canvas.mapCanvasRefreshed.connect(self._drawn)
        QgsProject.instance().readProject.connect(self._show_project)
        self.window.show()

    def _started(self) -> None:
        self.started += 1
        self.finished = False
        self.with_layers = bool(self.canvas.layers())

    def _drawn(self) -> None:
        self.finished = True

    def drawn_since(self, started: int) -> bool:
        """A render of layers started after the count ``started`` was taken has finished, and none is running."""
        return self.started > started and self.finished and self.with_layers and not self.canvas.isDrawing()

    def _show_project(self, *_args) -> None:
        """What QGIS does once a project is read: the visible layers, in layer-tree order, at the default view."""
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        layers = [layer for layer in root.layerOrder()
                  if root.findLayer(layer.id()) is not None and root.findLayer(layer.id()).isVisible()]
        self.canvas.setDestinationCrs(project.crs())
        self.canvas.setLayers(layers)
        extent = project.viewSettings().defaultViewExtent()
        if not extent.isEmpty():
            self.canvas.setExtent(extent)
        self.canvas.refresh()

    # --- the QgisInterface calls the plugin makes -------------------------------------------------------------
    def mainWindow(self) -> QMainWindow:  # noqa: N802 - QGIS's names
        return self.window

    def mapCanvas(self) -> QgsMapCanvas:  # noqa: N802
        return self.canvas

    def messageBar(self) -> QgsMessageBar:  # noqa: N802
        return self.bar

    def addToolBar(self, name: str) -> QToolBar:  # noqa: N802
        return self.window.addToolBar(name)

    def addToolBarIcon(self, action) -> None:  # noqa: N802
        self.plugin_toolbar.addAction(action)

    def addPluginToMenu(self, _name: str, action) -> None:  # noqa: N802
        self.plugin_menu.addAction(action)

    def removePluginMenu(self, _name: str, action) -> None:  # noqa: N802
        self.plugin_menu.removeAction(action)

    def removeToolBarIcon(self, action) -> None:  # noqa: N802
        self.plugin_toolbar.removeAction(action)

    def addDockWidget(self, area, dock) -> None:  # noqa: N802
        self.window.addDockWidget(area, dock)

    def removeDockWidget(self, dock) -> None:  # noqa: N802
        self.window.removeDockWidget(dock)

    def helpMenu(self) -> Optional[QMenu]:  # noqa: N802
        return None

    def layerTreeView(self) -> None:  # noqa: N802
        return None

    def newProject(self, _prompt: bool = False) -> bool:  # noqa: N802
        QgsProject.instance().clear()
        return True

    def addProject(self, uri: str) -> bool:  # noqa: N802
        QgsProject.instance().clear()
        return QgsProject.instance().read(uri)

    # --- reached only by actions the benchmarks do not trigger ------------------------------------------------
    def setActiveLayer(self, _layer) -> bool:  # noqa: N802
        return True

    def openFeatureForm(self, *_args) -> bool:  # noqa: N802
        return False

    def showAttributeTable(self, *_args) -> None:  # noqa: N802
        return None


def wait_until(condition: Callable[[], bool], timeout_s: float = 600.0) -> None:
    """Run the event loop (queued signals, timers, finished tasks) until ``condition()`` holds."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        QgsApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the benchmark waited too long for QGIS")
        time.sleep(0.001)
