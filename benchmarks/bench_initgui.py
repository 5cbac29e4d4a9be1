"""Loading the plugin at QGIS start-up against loading an empty plugin, each timed in a fresh process.

What QGIS does for each enabled plugin, timed as a whole: import the package, ``classFactory(iface)``,
``initGui()``. The empty plugin is what the Plugin Builder template boils down to: one action added to the
Plugins menu and toolbar. QGIS, Processing and the main window (benchmarks/_iface.py) exist before either is
timed, as they do in QGIS; the empty plugin goes first, so neither finds the other's modules imported (they share
none beyond qgis and PyQt). Run once per process: a second import in the same process would be free. make bench
runs it once untimed first, so the plugin's modules are compiled (.pyc), as on every QGIS start but the first.

    python benchmarks/bench_initgui.py [--json out.json]
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time

from _common import start_qgis, write_result

EMPTY_PLUGIN = '''
from qgis.PyQt.QtWidgets import QAction


def classFactory(iface):
    return EmptyPlugin(iface)


class EmptyPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.action = None

    def initGui(self):
        self.action = QAction("Empty", self.iface.mainWindow())
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToMenu("Empty", self.action)

    def unload(self):
        self.iface.removePluginMenu("Empty", self.action)
        self.iface.removeToolBarIcon(self.action)
'''


def load(package: str, iface: object) -> float:
    """Seconds for QGIS's steps: import, classFactory(iface), initGui()."""
    start = time.perf_counter()
    module = importlib.import_module(package)
    plugin = module.classFactory(iface)
    plugin.initGui()
    elapsed = time.perf_counter() - start
    plugin.unload()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    start_qgis(gui=True)
    from _iface import BenchInterface

    iface = BenchInterface()
    with tempfile.TemporaryDirectory(prefix="pingcheng-bench-empty-") as folder:
        os.makedirs(os.path.join(folder, "empty_plugin"))
        with open(os.path.join(folder, "empty_plugin", "__init__.py"), "w", encoding="utf-8") as handle:
            handle.write(EMPTY_PLUGIN)
        sys.path.insert(0, folder)
        peer = load("empty_plugin", iface)
    ours = load("pingcheng_plugin", iface)
    import shapely  # only now: importing shapely is part of loading the plugin

    write_result(args.json, {"job": "initgui", "shapely": shapely.__version__, "ours_s": ours, "peer_s": peer})


if __name__ == "__main__":
    main()
