"""Shared set-up for the benchmark scripts: a standalone QGIS with Processing, and plans with N generated sites.

Benchmarks print ratios against a named peer on the same data; they are run by hand (`make bench`), never as
timed assertions in tests.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from typing import Callable, Iterator, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
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


def make_plan(n_sites: int, folder: str = "", seed: int = 2035) -> str:
    """A demo plan with ``n_sites`` generated sites, dense as a real plan would be: one site per cell of a jittered
    grid over the district (so sites rarely touch), 5 % shifted onto a neighbour (overlaps), 1 % bow-ties
    (invalid), valid attributes and derived fields filled, written in one GDAL transaction."""
    import math

    from osgeo import gdal, ogr
    from qgis.core import QgsGeometry
    from shapely.geometry import Polygon, box
    from shapely.prepared import prep

    from pingcheng_plugin.core import boundary, compat, plan_data, plan_file
    from pingcheng_plugin.core.overlay import to_shapely

    folder = folder or tempfile.mkdtemp(prefix="pingcheng-bench-")
    path = plan_file.create_plan(os.path.join(folder, f"bench_{n_sites}.gpkg"), demo=True, overwrite=True)
    district = to_shapely(boundary.district().geometry)
    inside = prep(district.buffer(-10))
    x0, y0, x1, y1 = district.bounds
    cell = math.sqrt(district.area / (n_sites * 1.15))  # cells inside the outline ≈ n_sites
    rng = random.Random(seed)
    rings = []
    y = y0
    while y < y1 and len(rings) < n_sites:
        x = x0
        while x < x1 and len(rings) < n_sites:
            w, h = cell * rng.uniform(0.4, 0.8), cell * rng.uniform(0.4, 0.8)
            cx, cy = x + rng.uniform(0, cell - w), y + rng.uniform(0, cell - h)
            if rng.random() < 0.05:
                cx += cell * 0.6  # onto the neighbour's cell: an overlap
            if inside.contains(box(cx, cy, cx + w, cy + h)):
                if rng.random() < 0.01:
                    rings.append([(cx, cy), (cx + w, cy + h), (cx + w, cy), (cx, cy + h)])
                else:
                    rings.append([(cx, cy), (cx + w, cy), (cx + w, cy + h), (cx, cy + h)])
            x += cell
        y += cell
    geometries = [QgsGeometry.fromWkt("MULTIPOLYGON(((" + ", ".join(f"{a} {b}" for a, b in r + r[:1]) + ")))")
                  for r in rings]
    years = [rng.randint(2021, 2033) for _ in rings]
    derived = plan_data.deriver_for(path).derive_many(geometries, years)
    types = ["SXLT", "KSXF", "LYST", "DXSZ", "TDZZ", "XCRJ", "CQGG", "CZXF"]
    with compat.gdal_error_codes():
        dataset = ogr.Open(path, 1)
        layer = dataset.GetLayerByName("project_sites")
        dataset.StartTransaction()
        for number, (ring, geometry, start, values) in enumerate(zip(rings, geometries, years, derived)):
            feature = ogr.Feature(layer.GetLayerDefn())
            fields = {"name": f"基准项目{number:06d}", "project_type": rng.choice(types), "status": "planned",
                      "start_year": start, "end_year": min(2035, start + rng.randint(0, 3)),
                      "investment": round(rng.uniform(100, 20000), 1), "illustrative": 1}
            if Polygon(ring).is_valid:  # a bow-tie keeps empty derived fields, as legacy data would
                fields.update({k: v for k, v in values.as_dict().items() if v is not None})
            for key, value in fields.items():
                feature.SetField(key, value)
            feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(geometry.asWkb())))
            if layer.CreateFeature(feature) != 0:
                raise RuntimeError(f"insert failed: {gdal.GetLastErrorMsg()}")
        dataset.CommitTransaction()
        dataset = None
    return path


def sizes() -> Tuple[int, ...]:
    """10,000 and 100,000 sites, or what BENCH_SIZES says (e.g. '2000' for a quick look)."""
    raw = os.environ.get("BENCH_SIZES", "10000,100000")
    return tuple(int(part) for part in raw.split(",") if part.strip())
