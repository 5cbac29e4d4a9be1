"""Field review of N sites as a Processing user runs it: preparing a package and merging it back, each against a
named peer on the same files, in one process.

Prepare. Ours: ``processing.run("pingcheng:preparereview")`` for the plan's first N sites (by fid): it selects the
sites, copies them with review columns and the plan layers into ``review.gpkg``, cuts the 底图 group's layers to
the sites, writes ``review.qgz`` with forms and styles, and the GeoDiff base copy. Peer: QGIS's own
``native:package`` of the same N sites (the site table with a subset string), the five plan layers and the base
tables into one GeoPackage with their styles.

Merge. First ``--edited`` sites (100) get a review state, finding and comment in the package with plain SQL
through OGR, as QField would leave them (untimed). Ours: ``processing.run("pingcheng:mergereview")`` into a copy of
the plan (GeoDiff changeset against the base copy, the rows read, the plan written in one transaction with the
site history). Peer: GeoDiff's own ``create_changeset`` (base → package) and ``apply_changeset`` onto a copy of
the base, the raw cost of moving the same changes. Copies are made outside the timing; a warm-up on 10 sites
(untimed) loads each side's modules first; with ``--repeat`` the medians are kept.

    python benchmarks/bench_review.py --plan PLAN_WITH_SITES.gpkg [--sites 1000] [--repeat 3] [--json out.json]
    python benchmarks/bench_review.py --make 1000 [--json out.json]   # makes its own plan of 1,000 generated sites
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import tempfile

from _common import ROOT, load_plugin_processing, peak_rss_mb, start_qgis, timed, write_result

#: The plan layers a package carries besides the sites (core/review/package_format.PLAN_SPECS) and the plan's own
#: illustrative base tables (its 底图 group): the peer packs the same.
PLAN_TABLES = ("district_boundary", "restoration_zones", "key_areas", "eco_barriers", "eco_corridors")
BASE_TABLES = ("base_places", "base_roads", "base_rivers")
STATES = ("通过", "需修改", "不符合")


def make_plan(count: int, folder: str) -> str:
    """A plan with the illustrative layout and at least ``count`` generated sites (benchmarks/generate_sites.py),
    imported through pingcheng:importsites as bench_import does; untimed set-up."""
    import processing
    from generate_sites import write as write_sites
    from osgeo import ogr

    plan = os.path.join(folder, f"plan_{count}.gpkg")
    processing.run("pingcheng:createplan", {"OUTPUT": plan, "DEMO": True, "OVERWRITE": True})
    dataset = ogr.Open(plan, 1)
    dataset.ExecuteSQL("DELETE FROM project_sites")  # only the generated sites
    dataset = None
    source = os.path.join(folder, f"sites_{count}.geojson")
    write_sites(count + count // 50, source)  # 1 % bow-ties are rejected on import: enough left for ``count``
    processing.run("pingcheng:importsites", {"INPUT": source, "PLAN": plan,
                                             "REJECTED": os.path.join(folder, "rejected.gpkg")})
    return plan


def first_sites(plan: str, count: int) -> str:
    """The fid bound that selects the plan's first ``count`` sites (fid <= bound)."""
    with sqlite3.connect(f"file:{plan}?mode=ro", uri=True) as con:
        rows = con.execute("SELECT fid FROM project_sites WHERE project_code IS NOT NULL ORDER BY fid LIMIT ?",
                           (count,)).fetchall()
    if len(rows) < count:
        raise SystemExit(f"{plan} holds {len(rows)} sites with a code, fewer than {count}")
    return f'"fid" <= {rows[-1][0]} AND "project_code" IS NOT NULL'


def run_prepare(plan: str, expression: str, folder: str) -> tuple:
    import processing

    with timed() as ours:
        result = processing.run("pingcheng:preparereview", {"PLAN": plan, "SITES": expression, "REVIEWER": "王核查",
                                                            "OUTPUT": folder})
    return ours[0], int(result["SITES_COUNT"])


def run_package_peer(plan: str, expression: str, target: str) -> float:
    """native:package of the same sites (a subset string on the site table), plan layers and base tables."""
    import processing
    from osgeo import ogr

    dataset = ogr.Open(plan)
    present = {dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())}
    dataset = None
    subset = expression.replace('"', "")  # the same condition as OGR SQL
    layers = [f"{plan}|layername=project_sites|subset={subset}"]
    layers += [f"{plan}|layername={table}" for table in PLAN_TABLES + BASE_TABLES if table in present]
    with timed() as peer:
        processing.run("native:package", {"LAYERS": layers, "OUTPUT": target, "OVERWRITE": True,
                                          "SAVE_STYLES": True, "SAVE_METADATA": True,
                                          "SELECTED_FEATURES_ONLY": False})
    return peer[0]


def review(package: str, edited: int) -> int:
    """What a reviewer leaves in QField: states, findings and comments on the first ``edited`` sites."""
    from osgeo import gdal

    dataset = gdal.OpenEx(package, gdal.OF_UPDATE | gdal.OF_VECTOR)
    layer = dataset.ExecuteSQL(f"SELECT fid FROM project_sites ORDER BY fid LIMIT {edited}")
    fids = [feature.GetFID() for feature in layer]
    dataset.ReleaseResultSet(layer)
    for number, fid in enumerate(fids):
        dataset.ExecuteSQL(f"UPDATE project_sites SET review_state = '{STATES[number % 3]}', "
                           f"review_finding = '现场查看 {number}', review_comment = '意见 {number}', "
                           f"reviewed_at = '2026-05-0{1 + number % 9}T10:00:00.000' WHERE fid = {fid}")
    dataset = None
    return len(fids)


def run_merge(plan: str, folder: str) -> tuple:
    import processing

    with timed() as ours:
        result = processing.run("pingcheng:mergereview", {"PLAN": plan, "PACKAGE": folder, "ON_CONFLICT": "plan"})
    return ours[0], int(result["MERGED"])


def run_geodiff_peer(folder: str, work: str) -> float:
    """GeoDiff's create_changeset (base → package) and apply_changeset onto a copy of the base."""
    import pygeodiff

    base, package = os.path.join(folder, ".base", "review.gpkg"), os.path.join(folder, "review.gpkg")
    target, changeset = os.path.join(work, "peer_target.gpkg"), os.path.join(work, "peer.diff")
    shutil.copyfile(base, target)
    geodiff = pygeodiff.GeoDiff()
    with timed() as peer:
        geodiff.create_changeset(base, package, changeset)
        geodiff.apply_changeset(target, changeset)
    os.remove(target)
    os.remove(changeset)
    return peer[0]


def cycle(plan: str, expression: str, edited: int, work: str, tag: str) -> dict:
    """One prepare + merge of ours and of the peers, on fresh copies of the plan."""
    folder = os.path.join(work, f"package_{tag}")
    prepare_s, packed = run_prepare(plan, expression, folder)
    peer_prepare_s = run_package_peer(plan, expression, os.path.join(work, f"peer_{tag}.gpkg"))
    changed = review(os.path.join(folder, "review.gpkg"), edited)
    target = os.path.join(work, f"merge_{tag}.gpkg")
    shutil.copyfile(plan, target)  # the plan the package came from (same uuid), merged into a copy
    merge_s, merged = run_merge(target, folder)
    peer_merge_s = run_geodiff_peer(folder, work)
    for leftover in (target, target + "-wal", target + "-shm", os.path.join(work, f"peer_{tag}.gpkg")):
        if os.path.exists(leftover):
            os.remove(leftover)
    shutil.rmtree(folder)
    return {"prepare_s": prepare_s, "peer_prepare_s": peer_prepare_s, "merge_s": merge_s,
            "peer_merge_s": peer_merge_s, "packed": packed, "edited": changed, "merged": merged}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", default="", help="a plan holding at least --sites sites (run_bench's plan)")
    parser.add_argument("--make", type=int, default=0, help="make a plan of this many generated sites instead")
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--edited", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    if not args.plan and not args.make:
        parser.error("give --plan or --make")
    start_qgis()
    load_plugin_processing()
    import shapely  # after the plugin: its ext_libs (GeoDiff) are on the path from here on

    with tempfile.TemporaryDirectory(prefix="bench-review-", dir=os.path.join(ROOT, "out")
                                     if os.path.isdir(os.path.join(ROOT, "out")) else None) as work:
        plan = args.plan or make_plan(args.make, work)
        cycle(plan, first_sites(plan, 10), 5, work, "warmup")  # module imports and first opens, untimed
        runs = [cycle(plan, first_sites(plan, args.sites), args.edited, work, str(n)) for n in range(args.repeat)]
    medians = {key: statistics.median(run[key] for run in runs)
               for key in ("prepare_s", "peer_prepare_s", "merge_s", "peer_merge_s")}
    print(f"prepare {args.sites} sites: ours {medians['prepare_s']:.2f} s, native:package "
          f"{medians['peer_prepare_s']:.2f} s, ratio {medians['prepare_s'] / medians['peer_prepare_s']:.2f}")
    print(f"merge {runs[0]['edited']} reviews: ours {medians['merge_s']:.2f} s, GeoDiff changeset+apply "
          f"{medians['peer_merge_s']:.2f} s, ratio {medians['merge_s'] / medians['peer_merge_s']:.2f}")
    write_result(args.json, {
        "job": "review", "shapely": shapely.__version__, "repeat": args.repeat, "sites": runs[0]["packed"],
        "edited": runs[0]["edited"], "merged": runs[0]["merged"],
        "prepare": {"ours_s": medians["prepare_s"], "peer": "native:package", "peer_s": medians["peer_prepare_s"],
                    "ratio": medians["prepare_s"] / medians["peer_prepare_s"]},
        "merge": {"ours_s": medians["merge_s"], "peer": "GeoDiff create_changeset + apply_changeset",
                  "peer_s": medians["peer_merge_s"], "ratio": medians["merge_s"] / medians["peer_merge_s"]},
        "peak_rss_mb": peak_rss_mb()})


if __name__ == "__main__":
    main()
