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
    iface.mainWindow().showMaximized()


def shoot():
    iface.mapCanvas().waitWhileRendering()
    iface.mainWindow().grab().save(out)
    iface.actionExit().trigger()


def prepare():
    maximise()
    step = globals().get("setup_" + setup)
    if step:
        step(plugins.get("pingcheng_plugin"))
    QTimer.singleShot(6000, shoot)


QTimer.singleShot(3000, prepare)
