"""Importing N sites as a Processing user does, against copying the same file with ogr2ogr and running QGIS's
own checks on it, in one process; time and peak memory.

Ours: ``processing.run("pingcheng:importsites")`` from the generated GeoJSON into a fresh copy of an empty plan
(read, guess the field mapping, convert, validate every feature against the plan, write the accepted ones with
derived fields in one transaction, write the rejected ones with reasons). Peer: ``gdal.VectorTranslate`` (what
``ogr2ogr`` does) copying the same file into a new GeoPackage, then the validate peer of bench_validate.py
(``checkvalidity`` + the zone and key-area joins) on that copy. Plan copies are made outside the timing.

Memory: the process's peak resident size (ru_maxrss) right after the first import, before any peer runs; the
issue's goal compares that peak at 100,000 sites with the one at 10,000 (each size runs in its own process).

    python benchmarks/bench_import.py --source SITES.geojson --plan EMPTY_PLAN.gpkg [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile

from _common import load_plugin_processing, peak_rss_mb, rss_mb, start_qgis, timed, write_result
from bench_validate import run_peer


def run_ours(source: str, empty_plan: str, folder: str) -> dict:
    import processing

    plan = os.path.join(folder, "plan.gpkg")
    shutil.copyfile(empty_plan, plan)
    rejected = os.path.join(folder, "rejected.gpkg")
    with timed() as ours:
        result = processing.run("pingcheng:importsites", {"INPUT": source, "PLAN": plan, "REJECTED": rejected})
    os.remove(plan)
    return {"s": ours[0], "imported": int(result["IMPORTED"]), "rejected": int(result["REJECTED_COUNT"])}


def run_ogr_peer(source: str, empty_plan: str, folder: str) -> dict:
    from osgeo import gdal

    copy = os.path.join(folder, "copy.gpkg")
    with timed() as copying:
        if gdal.VectorTranslate(copy, source, format="GPKG", layerName="sites") is None:
            raise RuntimeError(f"ogr2ogr copy of {source} failed: {gdal.GetLastErrorMsg()}")
    checks = run_peer(f"{copy}|layername=sites", empty_plan)
    os.remove(copy)
    return {"s": copying[0] + checks["s"], "copy_s": copying[0], "checks_s": checks["s"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--plan", required=True, help="an empty plan; each run imports into a fresh copy")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warmup", default="", help="a small source imported once first, untimed")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    start_qgis()
    load_plugin_processing()
    import shapely

    with tempfile.TemporaryDirectory(prefix="pingcheng-bench-import-") as folder:
        if args.warmup:  # module imports, not part of the first timed run
            run_ours(args.warmup, args.plan, folder)
            run_ogr_peer(args.warmup, args.plan, folder)
        rss_start = rss_mb()
        ours = [run_ours(args.source, args.plan, folder)]
        peak = peak_rss_mb()  # before any peer: the import's own peak
        ours += [run_ours(args.source, args.plan, folder) for _ in range(args.repeat - 1)]
        peer = [run_ogr_peer(args.source, args.plan, folder) for _ in range(args.repeat)]
    ours_s = statistics.median(r["s"] for r in ours)
    peer_s = statistics.median(r["s"] for r in peer)
    write_result(args.json, {
        "job": "import", "shapely": shapely.__version__, "repeat": args.repeat, "ours_s": ours_s,
        "peer_s": peer_s, "ratio": ours_s / peer_s, "imported": ours[0]["imported"],
        "rejected": ours[0]["rejected"], "peer_copy_s": statistics.median(r["copy_s"] for r in peer),
        "peer_checks_s": statistics.median(r["checks_s"] for r in peer), "rss_start_mb": rss_start,
        "peak_rss_mb": peak})


if __name__ == "__main__":
    main()
