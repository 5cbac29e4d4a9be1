"""Site import at scale: 10,000 and 100,000 features, time and memory, against a raw OGR append.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_import.py [--sizes 10000,100000] [--format gpkg]

For each size it builds a demo plan and a GeoPackage (or Shapefile) of that many small square sites spread over
the district, then times the plugin's import (preview: read, convert, validate every feature; then the one
transaction that writes them with derived fields) and, as the lower bound, ``gdal.VectorTranslate`` appending the
same features to the same table with no checking at all. Memory is the process's resident size sampled through
the progress callback: "flat" means the growth does not scale with the number of features.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time

from _common import start_qgis

start_qgis()

import numpy  # noqa: E402
import shapely  # noqa: E402
from osgeo import gdal, ogr, osr  # noqa: E402

from pingcheng_plugin.core import plan_data, plan_file, schema  # noqa: E402
from pingcheng_plugin.core.exchange.pipeline import SiteImport  # noqa: E402
from pingcheng_plugin.core.overlay import to_shapely  # noqa: E402

TYPES = ("SXLT", "KSXF", "LYST", "DXSZ", "TDZZ", "XCRJ", "CQGG", "CZXF")


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def squares(plan: str, count: int, size: float = 20.0, pitch: float = 30.0):
    """``count`` squares inside the district, on a grid (vectorised: no per-square QGIS call)."""
    district = to_shapely(next(plan_data.open_layer(plan, schema.BOUNDARY).getFeatures()).geometry()).buffer(-50)
    x0, y0, x1, y1 = district.bounds
    xs, ys = numpy.meshgrid(numpy.arange(x0, x1 - size, pitch), numpy.arange(y0, y1 - size, pitch))
    boxes = shapely.box(xs.ravel(), ys.ravel(), xs.ravel() + size, ys.ravel() + size)
    shapely.prepare(district)
    inside = boxes[shapely.contains(district, boxes)]
    if len(inside) < count:
        raise SystemExit(f"only {len(inside)} squares fit at pitch {pitch} m")
    step = len(inside) / count
    return [inside[int(i * step)] for i in range(count)]


def write_source(path: str, driver: str, shapes) -> None:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    dataset = ogr.GetDriverByName(driver).CreateDataSource(path)
    layer = dataset.CreateLayer("sites", srs, ogr.wkbPolygon, ["ENCODING=UTF-8"] if driver != "GPKG" else [])
    for name, kind in (("XMMC", ogr.OFTString), ("XMLX", ogr.OFTString), ("KSNF", ogr.OFTInteger),
                       ("JSNF", ogr.OFTInteger), ("ZTZ", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    dataset.StartTransaction() if driver == "GPKG" else None
    definition = layer.GetLayerDefn()
    for number, shape in enumerate(shapes):
        feature = ogr.Feature(definition)
        feature.SetField("XMMC", f"基准测试项目{number:06d}")
        feature.SetField("XMLX", TYPES[number % len(TYPES)])
        feature.SetField("KSNF", 2022 + number % 8)
        feature.SetField("JSNF", 2030 + number % 5)
        feature.SetField("ZTZ", 100.0 + number % 1000)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(shape)))
        layer.CreateFeature(feature)
    dataset.CommitTransaction() if driver == "GPKG" else None
    dataset = None


def bench(size: int, driver: str, folder: str) -> dict:
    plan = plan_file.create_plan(os.path.join(folder, f"plan_{size}.gpkg"), demo=True)
    raw_plan = os.path.join(folder, f"raw_{size}.gpkg")
    gdal.VectorTranslate(raw_plan, plan)
    source = os.path.join(folder, f"sites_{size}.{'gpkg' if driver == 'GPKG' else 'shp'}")
    write_source(source, driver, squares(plan, size))

    samples = []

    def progress(percent, *_):
        samples.append(rss_mb())
        return True

    start_rss = rss_mb()
    started = time.perf_counter()
    job = SiteImport(plan, source)
    preview = job.analyse(progress)
    checked = time.perf_counter()
    result = job.commit(progress)
    finished = time.perf_counter()
    job.close()

    opened = ogr.Open(source)
    column = opened.GetLayer(0).GetGeometryColumn() or "GEOMETRY"
    opened = None
    raw_started = time.perf_counter()
    gdal.VectorTranslate(raw_plan, source, accessMode="append", layerName=schema.SITES.table,
                         geometryType="MULTIPOLYGON",
                         SQLStatement="SELECT XMMC AS name, XMLX AS project_type, KSNF AS start_year, "
                                      f"JSNF AS end_year, ZTZ AS investment, {column} FROM sites", SQLDialect="SQLITE")
    raw = time.perf_counter() - raw_started
    return {"size": size, "accepted": preview.accepted, "rejected": preview.rejected, "imported": result.imported,
            "check_s": checked - started, "write_s": finished - checked, "total_s": finished - started,
            "raw_s": raw, "rss_start": start_rss, "rss_peak": max(samples), "peak_maxrss":
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--format", choices=("gpkg", "shp"), default="gpkg")
    args = parser.parse_args()
    driver = "GPKG" if args.format == "gpkg" else "ESRI Shapefile"
    with tempfile.TemporaryDirectory(prefix="pingcheng-bench-") as folder:
        print(f"{'features':>9} {'imported':>9} {'check s':>8} {'write s':>8} {'total s':>8} {'ogr2ogr s':>9} "
              f"{'ratio':>6} {'RSS start MB':>12} {'RSS peak MB':>11} {'growth MB':>9} {'max RSS so far':>14}")
        for size in (int(s) for s in args.sizes.split(",")):
            r = bench(size, driver, folder)
            print(f"{r['size']:>9} {r['imported']:>9} {r['check_s']:>8.1f} {r['write_s']:>8.1f} {r['total_s']:>8.1f} "
                  f"{r['raw_s']:>9.2f} {r['total_s'] / r['raw_s']:>6.0f} {r['rss_start']:>12.0f} "
                  f"{r['rss_peak']:>11.0f} {r['rss_peak'] - r['rss_start']:>9.0f} {r['peak_maxrss']:>14.0f}")


if __name__ == "__main__":
    main()
