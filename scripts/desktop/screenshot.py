"""Run inside QGIS (scripts/desktop-run.sh): wait for the project to render, save the main window as a PNG, quit.

DESKTOP_ARGS: OUT.png [SETUP] where SETUP names a function below to run first (e.g. show the plan dock).
"""
import os

from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

args = os.environ.get("DESKTOP_ARGS", "").split()
out = args[0]
setup = args[1] if len(args) > 1 else ""


def maximise():
    """Fill the virtual screen (there is no window manager to maximise for us)."""
    from qgis.PyQt.QtWidgets import QApplication

    iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())


def shoot():
    iface.mapCanvas().waitWhileRendering()
    iface.mainWindow().grab().save(out)
    iface.actionExit().trigger()


def prepare():
    maximise()
    step = globals().get("setup_" + setup)
    try:
        if step:
            step(plugins.get("pingcheng_plugin"))
    except Exception:  # noqa: BLE001 - report and still take the picture and quit
        import traceback

        with open(out + ".error.txt", "w", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
    QTimer.singleShot(6000, shoot)


QTimer.singleShot(3000, prepare)


def setup_dock(plugin):
    """The plan dock open on a zone, as a user who clicked it."""
    dock = plugin.dock
    dock.show()
    dock.raise_()
    dock.watcher.refresh_plan()
    item = dock.model.entries[("zone", "Z1")][1]
    index = dock.proxy.mapFromSource(dock.model.indexFromItem(item))
    dock.panel.tree.expandAll()
    dock.panel.tree.setCurrentIndex(index)
    dock.panel.tree.clicked.emit(index)


def setup_indicators(plugin):
    setup_dock(plugin)
    plugin.dock.panel.tabs.setCurrentIndex(1)
