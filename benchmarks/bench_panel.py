"""The desktop with a plan of N sites: opening it, saving one site, *Validate all sites*; the plugin's real objects.

The plugin is loaded as QGIS loads it (``classFactory(iface)``, ``initGui()``) into a main window with a canvas
(benchmarks/_iface.py); the offscreen Qt platform draws the canvas for real.

- Open. Ours: the plugin's *Open plan* (``PlanActions.open_path``: migration check, new project, the stored
  project read with its layers re-pointed) until the plan panel shows the plan with its figures and the canvas
  has drawn. Peer, before the plugin is loaded: ``QgsProject.read`` of the same stored project until the canvas
  has drawn (plain QGIS opening the project). The same canvas and view in both; one untimed open first in both
  (fonts, symbols, page cache, and the plugin's first use of SpatiaLite).
- Save one site. Ours: the plan's site layer in edit mode, one site moved by 0.5 m (QGIS recomputes its derived
  fields through the default-value expressions), ``commitChanges()`` (the plugin's check before saving runs on
  ``beforeCommitChanges``), then the panel's refresh delivered at once (``flush_now``: the 120 ms coalescing delay
  of the watcher is left out). Peer: a plain ``QgsVectorLayer`` on the same table, not in the project: the same
  move of another site and ``commitChanges()``. Start of editing is outside both timings; one untimed round first.
- Validate all (no peer, for information): *Validate all sites* (``SiteEditing.validate_all``, the background
  task) until its findings layer is added and the findings dock lists every finding.

    python benchmarks/bench_panel.py --plan PLAN.gpkg [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import TYPE_CHECKING, Callable

from _common import start_qgis, write_result

if TYPE_CHECKING:
    from _iface import BenchInterface
    from qgis.core import QgsGeometry, QgsVectorLayer

    from pingcheng_plugin.plugin import PingchengPlugin


def _drawn_after(iface: BenchInterface, opening: Callable[[], object]) -> float:
    """Run ``opening()``; seconds until it returned and the canvas finished the render it caused."""
    from _iface import wait_until

    started = iface.started  # only a render of layers that starts from here on can count (see _settle)
    start = time.perf_counter()
    opening()
    wait_until(lambda: iface.drawn_since(started))
    return time.perf_counter() - start


def _settle(iface: BenchInterface) -> None:
    """Let the previous project's leftovers (queued signals, a render) finish outside the timing."""
    from _iface import wait_until
    from qgis.core import QgsApplication

    wait_until(lambda: not iface.canvas.isDrawing())
    deadline = time.perf_counter() + 0.05  # a refresh the clear scheduled starts within a few ms
    while time.perf_counter() < deadline:
        QgsApplication.processEvents()
    wait_until(lambda: not iface.canvas.isDrawing())


def open_plain(iface: BenchInterface, path: str) -> float:
    from pingcheng_plugin.core.store import plan_project

    iface.newProject()
    _settle(iface)
    return _drawn_after(iface, lambda: iface.addProject(plan_project.project_uri(path)))


def shown_sites() -> int:
    """Sites in the open project's site layer: proof that the plain open read this plan's file (a plan copied
    under another name would show the original's sites)."""
    from qgis.core import QgsProject

    layers = [layer for layer in QgsProject.instance().mapLayers().values()
              if "layername=project_sites" in layer.source()]
    return layers[0].featureCount() if layers else -1


def open_with_plugin(iface: BenchInterface, plugin: PingchengPlugin, path: str) -> float:
    from _iface import wait_until

    from pingcheng_plugin.core.store import migrations

    if migrations.needs_migration(path):  # Open plan would ask in a dialog, which nobody answers here
        raise RuntimeError(f"{path} was made by another version of the plugin; run make package first")

    iface.newProject()
    _settle(iface)
    dock = plugin.dock
    start = time.perf_counter()
    _drawn_after(iface, lambda: plugin.plan_actions.open_path(path))
    wait_until(lambda: dock.plan is not None and dock.stats is not None and dock.summary is not None)
    return time.perf_counter() - start


def _moved(layer: QgsVectorLayer, fid: int, dx: float) -> QgsGeometry:
    geometry = layer.getFeature(fid).geometry()
    geometry.translate(dx, 0)
    return geometry


def save_with_plugin(plugin: PingchengPlugin, fid: int, dx: float) -> float:
    sites = plugin.dock.plan.sites
    if not sites.startEditing():
        raise RuntimeError("the plan's site layer cannot be edited")
    geometry = _moved(sites, fid, dx)
    before = plugin.dock.summary
    start = time.perf_counter()
    sites.changeGeometry(fid, geometry)
    if not sites.commitChanges():
        raise RuntimeError(f"saving failed: {sites.commitErrors()}")
    plugin.dock.watcher.flush_now()
    elapsed = time.perf_counter() - start
    if plugin.dock.summary is before:
        raise RuntimeError("the panel did not refresh after the save")
    return elapsed


def save_plain(layer: QgsVectorLayer, fid: int, dx: float) -> float:
    if not layer.startEditing():
        raise RuntimeError("the plain site layer cannot be edited")
    geometry = _moved(layer, fid, dx)
    start = time.perf_counter()
    layer.changeGeometry(fid, geometry)
    if not layer.commitChanges():
        raise RuntimeError(f"saving failed: {layer.commitErrors()}")
    return time.perf_counter() - start


def validate_task(plugin: PingchengPlugin) -> float:
    from _iface import wait_until

    editing = plugin.site_editing
    shown = []
    original = editing.show_findings

    def show_findings(findings, sites):  # the task's last step: the findings dock filled and shown
        dock = original(findings, sites)
        shown.append(dock.panel.table.rowCount())
        return dock

    editing.show_findings = show_findings
    start = time.perf_counter()
    editing.validate_all()
    wait_until(lambda: bool(shown) and not editing.runner.tasks)
    elapsed = time.perf_counter() - start
    editing.show_findings = original
    if shown[0] != len(editing.last_findings):
        raise RuntimeError("the findings dock does not list every finding")
    return elapsed


def step(name: str) -> None:
    """A line in the log between the phases, so GDAL's messages can be told apart."""
    print(f"-- {name}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True, help="a plan the benchmark may change (sites are moved)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    start_qgis(gui=True)
    import shapely
    from _iface import BenchInterface
    from qgis.core import QgsVectorLayer
    from qgis.gui import QgsGui

    from pingcheng_plugin.core.store import gpkg

    QgsGui.editorWidgetRegistry().initEditors()
    iface = BenchInterface()
    step("open without the plugin")
    open_plain(iface, args.plan)  # untimed: fonts, symbols, page cache
    peer_open = [open_plain(iface, args.plan) for _ in range(args.repeat)]
    peer_sites = shown_sites()
    iface.newProject()

    from pingcheng_plugin import classFactory

    plugin = classFactory(iface)
    plugin.initGui()
    step("open with the plugin")
    open_with_plugin(iface, plugin, args.plan)  # untimed, as the peer's first
    ours_open = [open_with_plugin(iface, plugin, args.plan) for _ in range(args.repeat)]

    sites = plugin.dock.plan.sites
    fids = sorted(sites.allFeatureIds())
    if peer_sites != len(fids):
        raise RuntimeError(f"plain QGIS showed {peer_sites} sites, the plugin {len(fids)}: not the same data")
    plain = QgsVectorLayer(gpkg.layer_uri(args.plan, "project_sites"), "plain", "ogr")
    step("save one site")
    ours_save, peer_save = [], []
    for attempt in range(args.repeat + 1):  # attempt 0 is untimed: the first edit builds QGIS's edit machinery
        dx = 0.5 if attempt % 2 == 0 else -0.5
        ours = save_with_plugin(plugin, fids[attempt * 2], dx)
        peer = save_plain(plain, fids[attempt * 2 + 1], dx)
        if attempt:
            ours_save.append(ours)
            peer_save.append(peer)
    step("validate all (task)")
    task = validate_task(plugin)
    findings = len(plugin.site_editing.last_findings)
    plugin.unload()
    write_result(args.json, {
        "shapely": shapely.__version__, "repeat": args.repeat, "sites": len(fids),
        "open_ours_s": statistics.median(ours_open), "open_peer_s": statistics.median(peer_open),
        "save_ours_s": statistics.median(ours_save), "save_peer_s": statistics.median(peer_save),
        "save_ours_max_s": max(ours_save), "validate_task_s": task, "validate_task_findings": findings})


if __name__ == "__main__":
    main()
