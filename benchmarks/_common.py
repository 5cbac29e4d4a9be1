"""Shared set-up for the benchmark scripts: a standalone QGIS with Processing, memory readings, results as JSON.

Benchmarks print ratios against a named peer on the same data; `make bench` runs them (benchmarks/run_bench.py),
never as timed assertions in tests. The sites come from benchmarks/generate_sites.py.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# make bench points this at the plugin unpacked from the ZIP that qgis_process loads too, so every step runs the
# same code even while the source tree is being edited; by hand, the source tree
sys.path.insert(0, os.environ.get("PINGCHENG_PLUGIN_DIR") or ROOT)
sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication  # noqa: E402

_APP = None


def start_qgis(gui: bool = False) -> QgsApplication:
    """A standalone QGIS with the native Processing algorithms registered (as qgis_process has)."""
    global _APP
    if _APP is None:
        _APP = QgsApplication([], gui)
        _APP.initQgis()
        from processing.core.Processing import Processing

        Processing.initialize()
        from qgis.analysis import QgsNativeAlgorithms

        if QgsApplication.processingRegistry().providerById("native") is None:
            QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
    return _APP


def median_time(function: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@contextmanager
def timed() -> Iterator[list]:
    result = []
    start = time.perf_counter()
    yield result
    result.append(time.perf_counter() - start)


def rss_mb() -> float:
    """This process's resident memory now (MB)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    """This process's highest resident memory so far (MB): what a user's QGIS would have needed."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000


def load_plugin_processing() -> None:
    """Register the plugin's Processing provider the way qgis_process does: classFactory(None).initProcessing()."""
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().providerById("pingcheng") is None:
        from pingcheng_plugin import classFactory

        global _PLUGIN
        _PLUGIN = classFactory(None)  # kept: the provider lives as long as the plugin object
        _PLUGIN.initProcessing()


_PLUGIN = None


def sites_uri(plan: str) -> str:
    """The plan's site table as a layer source, as a user would pick it in a Processing dialog."""
    return f"{plan}|layername=project_sites"


def write_result(path: str, result: dict) -> None:
    """One benchmark step's result as JSON for benchmarks/run_bench.py (and on stdout for a reader)."""
    import json

    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
