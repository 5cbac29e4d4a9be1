"""The land-class breakdown of every site against a generated land survey (地类图斑 DLTB), against QGIS's own
``native:intersection`` + a GROUP BY of ellipsoidal areas on the same data, in one process.

Data: a DLTB of 5 polygons per site over the sites' extent (500,000 at 100,000 sites, as issue 18 asks): a grid of
quadrilaterals whose inner corners are moved at random by up to a quarter of a cell (so parcel edges cross the
sites at every angle), each with a real GB/T 21010 / 三调 DLBM code drawn at random, written as a GeoPackage in the
plan's CRS (EPSG:4547). Made outside the timing, into a copy of the plan (the plan itself is left as it was for the
other benchmarks): the file for the peer, and the same polygons stored in the copy as its control layer
(``control_data.write_import``, what ``pingcheng:importcontrollayer`` commits).

Ours: ``results.refresh_sites`` on every site of the copy, the function ``importcontrollayer`` and a site's save
run: read the sites and the DLTB from the plan, the one-pass overlay (area by land class and in the layer, its
GEOS intersections on every core), and every result row written in one transaction. Peer: what a user would
chain in QGIS: ``native:intersection`` of the sites with the DLTB file (project_code × DLBM) into a memory layer
(one core), then a GROUP BY (project_code, DLBM) summing each piece's area on the CGCS2000 ellipsoid
(QgsDistanceArea). The peer's sums are compared with the stored areas
(``max_rel_diff``). A warm-up of each side on 50 sites comes first; with ``--repeat`` the median is kept.

    python benchmarks/bench_controls.py --plan PLAN.gpkg [--repeat 3] [--json result.json]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
from collections import defaultdict
from typing import Dict, List, Sequence, Tuple

from _common import load_plugin_processing, peak_rss_mb, sites_uri, start_qgis, timed, write_result

PARCELS_PER_SITE = 5
JITTER = 0.25  # of a cell: inner corners move at most this far, so every quadrilateral stays convex
SEED = 2035
#: Real codes of GB/T 21010-2017 and the 三调 工作分类, as a DLTB of Pingcheng would have them.
CODES: Tuple[Tuple[str, str], ...] = (
    ("0101", "水田"), ("0102", "水浇地"), ("0103", "旱地"), ("0201", "果园"), ("0204", "其他园地"),
    ("0301", "乔木林地"), ("0305", "灌木林地"), ("0307", "其他林地"), ("0401", "天然牧草地"), ("0404", "其他草地"),
    ("0601", "工业用地"), ("0602", "采矿用地"), ("0701", "城镇住宅用地"), ("0702", "农村宅基地"),
    ("1003", "公路用地"), ("1006", "农村道路"), ("1101", "河流水面"), ("1104", "坑塘水面"), ("1107", "沟渠"),
    ("1202", "设施农用地"), ("1203", "田坎"), ("1206", "裸土地"), ("201", "城市"), ("203", "村庄"))


def site_extent(plan: str) -> Tuple[int, Tuple[float, float, float, float]]:
    """(number of sites, their extent) from the plan's R-tree."""
    with sqlite3.connect(plan) as con:
        count, = con.execute("SELECT count(*) FROM project_sites").fetchone()
        box = con.execute("SELECT min(minx), min(miny), max(maxx), max(maxy) FROM rtree_project_sites_geom").fetchone()
    return count, box


def dltb_cells(count: int, box: Sequence[float], seed: int = SEED) -> List[Tuple[List[Tuple[float, float]], str, str]]:
    """About ``count`` quadrilaterals tiling ``box`` grown by 10 m: (closed ring, DLBM, DLMC)."""
    x0, y0, x1, y1 = box[0] - 10, box[1] - 10, box[2] + 10, box[3] + 10
    columns = max(1, round(math.sqrt(count * (x1 - x0) / (y1 - y0))))
    rows = max(1, math.ceil(count / columns))
    dx, dy = (x1 - x0) / columns, (y1 - y0) / rows
    rng = random.Random(seed)
    corners = []
    for j in range(rows + 1):
        line = []
        for i in range(columns + 1):
            inner_x, inner_y = 0 < i < columns, 0 < j < rows  # the outline stays straight: the cells tile the box
            line.append((x0 + i * dx + (rng.uniform(-JITTER, JITTER) * dx if inner_x else 0.0),
                         y0 + j * dy + (rng.uniform(-JITTER, JITTER) * dy if inner_y else 0.0)))
        corners.append(line)
    cells = []
    for j in range(rows):
        for i in range(columns):
            ring = [corners[j][i], corners[j][i + 1], corners[j + 1][i + 1], corners[j + 1][i], corners[j][i]]
            code, name = CODES[rng.randrange(len(CODES))]
            cells.append((ring, code, name))
    return cells


def write_dltb_file(cells, path: str) -> None:
    """The DLTB as a bureau would hand it over: a GeoPackage layer DLTB with BSM, DLBM, DLMC."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = dataset.CreateLayer("DLTB", srs, ogr.wkbPolygon)
    for name in ("BSM", "DLBM", "DLMC"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    dataset.StartTransaction()
    for n, (ring, code, label) in enumerate(cells):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("BSM", f"TB{n:07d}")
        feature.SetField("DLBM", code)
        feature.SetField("DLMC", label)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(_wkt(ring)))
        layer.CreateFeature(feature)
    dataset.CommitTransaction()
    dataset = None


def _wkt(ring, multi: bool = False) -> str:
    text = "((" + ",".join(f"{x:.2f} {y:.2f}" for x, y in ring) + "))"
    return f"MULTIPOLYGON({text})" if multi else f"POLYGON{text}"


def store_dltb(cells, plan: str) -> None:
    """The same polygons as the plan's land survey, stored as ``importcontrollayer`` commits them."""
    from qgis.core import QgsGeometry

    from pingcheng_plugin.core.controls import land_classes
    from pingcheng_plugin.core.sites import areas
    from pingcheng_plugin.core.store import control_data

    calculator = areas.distance_area()

    def features():
        for n, (ring, code, label) in enumerate(cells):
            geometry = QgsGeometry.fromWkt(_wkt(ring, multi=True))  # stored as the importer does
            land = land_classes.lookup(code, label)
            yield ({"name": label, "code": f"TB{n:07d}", "source_feature": f"feature {n + 1}",
                    "area_ha": round(calculator.measureArea(geometry) / areas.M2_PER_HA, 6), "dlbm": land.code,
                    "dlmc": label, "class_group": land.group, "group_name": land.group_name, "known": land.known},
                   geometry)

    register = {"kind": "landuse", "title": "三调地类图斑", "source_file": "generated", "features": len(cells),
                "fixed": 0, "source_crs": "EPSG:4547", "encoding": "UTF-8"}
    no_rows = control_data.ResultRows(())  # the sites' results are what the timed run computes
    control_data.write_import(plan, "landuse", features(), register, no_rows, no_rows)


def site_fids(plan: str) -> List[int]:
    with sqlite3.connect(plan) as con:
        return [r[0] for r in con.execute("SELECT fid FROM project_sites ORDER BY fid")]


def run_ours(plan: str, fids: Sequence[int]) -> dict:
    from pingcheng_plugin.core.controls import results

    with timed() as ours:
        inside = results.refresh_sites(plan, list(fids))
    return {"s": ours[0], "sites_in_layer": inside}


def run_peer(plan: str, dltb: str, subset: str = "") -> dict:
    """native:intersection of the sites with the DLTB, then the GROUP BY (project_code, DLBM) summing each piece's
    area on the CGCS2000 ellipsoid (QgsDistanceArea, as ``$area`` measures); {(code, DLBM): m²} and the seconds
    of each part. (native:aggregate would do the GROUP BY inside QGIS, but it takes 50 s for the 17,000 pieces of
    10,000 sites, a peer no one would choose.)"""
    import processing
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsDistanceArea,
        QgsFeatureRequest,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsVectorLayer,
    )

    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    sites = sites_uri(plan)
    if subset:
        sites = QgsVectorLayer(sites, "sites", "ogr")
        sites.setSubsetString(subset)
    with timed() as intersecting:
        pieces = processing.run("native:intersection", {
            "INPUT": sites, "OVERLAY": f"{dltb}|layername=DLTB", "INPUT_FIELDS": ["project_code"],
            "OVERLAY_FIELDS": ["DLBM"], "OUTPUT": "memory:"}, context=context, feedback=feedback)["OUTPUT"]
    with timed() as grouping:
        calculator = QgsDistanceArea()
        calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
        calculator.setEllipsoid("EPSG:1024")
        areas: Dict[Tuple[str, str], float] = defaultdict(float)
        request = QgsFeatureRequest().setSubsetOfAttributes(["project_code", "DLBM"], pieces.fields())
        for feature in pieces.getFeatures(request):
            areas[(feature["project_code"], feature["DLBM"])] += calculator.measureArea(feature.geometry())
    return {"s": intersecting[0] + grouping[0], "intersection_s": intersecting[0], "group_by_s": grouping[0],
            "pieces": pieces.featureCount(), "areas": areas}


def max_rel_diff(plan: str, peer: Dict[Tuple[str, str], float]) -> float:
    """The largest relative difference of a stored land-class area from the peer's (classes above 10 m², where
    the plugin's sliver threshold cannot matter), beyond the 0.005 m² of the stored hectares' 6 decimals."""
    with sqlite3.connect(plan) as con:
        stored = {(code, dlbm): ha * 10000 for code, dlbm, ha in
                  con.execute("SELECT project_code, dlbm, area_ha FROM site_land_classes")}
    worst = 0.0
    for key, area in peer.items():
        if area > 10.0:
            worst = max(worst, max(0.0, abs(stored.get(key, 0.0) - area) - 0.005) / area)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True, help="a plan holding the sites; it is copied, never changed")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    start_qgis()
    load_plugin_processing()
    import shapely

    with tempfile.TemporaryDirectory(prefix="pingcheng-bench-controls-") as folder:
        plan = os.path.join(folder, "plan.gpkg")
        shutil.copyfile(args.plan, plan)
        count, box = site_extent(plan)
        cells = dltb_cells(PARCELS_PER_SITE * count, box)
        dltb = os.path.join(folder, "DLTB.gpkg")
        write_dltb_file(cells, dltb)
        store_dltb(cells, plan)
        fids = site_fids(plan)
        run_ours(plan, fids[:50])  # warm-up: module imports, not part of the first timed run
        run_peer(plan, dltb, f"fid <= {fids[min(49, len(fids) - 1)]}")
        ours = [run_ours(plan, fids) for _ in range(args.repeat)]
        peer = [run_peer(plan, dltb) for _ in range(args.repeat)]
        difference = max_rel_diff(plan, peer[0]["areas"])
    ours_s = statistics.median(r["s"] for r in ours)
    peer_s = statistics.median(r["s"] for r in peer)
    write_result(args.json, {
        "job": "controls", "shapely": shapely.__version__, "repeat": args.repeat, "sites": count,
        "parcels": len(cells), "ours_s": ours_s, "peer_s": peer_s, "ratio": ours_s / peer_s,
        "sites_in_layer": ours[0]["sites_in_layer"], "peer_pieces": peer[0]["pieces"],
        "peer_intersection_s": statistics.median(r["intersection_s"] for r in peer),
        "peer_group_by_s": statistics.median(r["group_by_s"] for r in peer), "max_rel_diff": difference,
        "peak_rss_mb": peak_rss_mb()})


if __name__ == "__main__":
    main()
