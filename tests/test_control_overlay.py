"""The land-class breakdown at scale, through the user's surface: 300 generated sites (across several parcels,
wholly inside one, touching a parcel only along an edge, multi-part) imported with pingcheng:importsites and a
generated DLTB of 1,600 quadrilaterals imported with pingcheng:importcontrollayer, in both orders (the import's
overlay and the new sites' refresh). Every stored land-class area is checked against QGIS alone:
native:intersection of the plan's sites with the DLTB file and QgsDistanceArea on the CGCS2000 ellipsoid, to
0.01 %."""

from __future__ import annotations

import math
import random
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeedback,
)

from tests.helpers.exchange_files import free_squares, site_row, write_ogr

REGION_M = 2000.0
PARCEL_M = 50.0  # DLTB cell; inner corners moved by up to JITTER of it
JITTER = 0.24
SLOT_M = 100.0  # one site per slot: sites never overlap each other
SITES = 300
DLTB_COLUMNS = (("BSM", ogr.OFTString), ("DLBM", ogr.OFTString), ("DLMC", ogr.OFTString))
CODES = (("0101", "水田"), ("0103", "旱地"), ("0301", "乔木林地"), ("0305", "灌木林地"), ("0404", "其他草地"),
         ("1101", "河流水面"), ("0702", "农村宅基地"), ("1006", "农村道路"), ("1203", "田坎"), ("203", "村庄"),
         ("0201K", "可调整果园"))
KINDS = ("across", "inside", "touching", "multipart")

Point = Tuple[float, float]


def run(algorithm: str, parameters: Dict) -> Dict:
    import processing

    return processing.run(algorithm, parameters, feedback=QgsProcessingFeedback())


def polygon(points: List[Point]) -> QgsGeometry:
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in points + points[:1]]])


def parcels(x0: float, y0: float) -> Dict[Tuple[int, int], Tuple[List[Point], str, str]]:
    """{(column, row): (corners, DLBM, DLMC)} of a jittered grid over the region; neighbours differ in class."""
    rng = random.Random(18)
    n = int(REGION_M / PARCEL_M)
    corners = [[(x0 + i * PARCEL_M + (rng.uniform(-JITTER, JITTER) * PARCEL_M if 0 < i < n else 0.0),
                 y0 + j * PARCEL_M + (rng.uniform(-JITTER, JITTER) * PARCEL_M if 0 < j < n else 0.0))
                for i in range(n + 1)] for j in range(n + 1)]
    return {(i, j): ([corners[j][i], corners[j][i + 1], corners[j + 1][i + 1], corners[j + 1][i]],
                     *CODES[(i + 3 * j) % len(CODES)]) for j in range(n) for i in range(n)}


def centroid(points: List[Point]) -> Point:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def rotated_rectangle(cx: float, cy: float, width: float, height: float, angle: float) -> List[Point]:
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + dx * c - dy * s, cy + dx * s + dy * c)
            for dx, dy in ((-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2),
                           (-width / 2, height / 2))]


def generated_sites(x0: float, y0: float, grid) -> List[Tuple[str, QgsGeometry, Tuple[int, int]]]:
    """(kind, geometry, the parcel it was built on) for each slot, the four kinds in turn."""
    rng = random.Random(2035)
    per_row = int(REGION_M / SLOT_M)
    found = []
    for k in range(SITES):
        cx, cy = x0 + (k % per_row + 0.5) * SLOT_M, y0 + (k // per_row + 0.5) * SLOT_M
        kind = KINDS[k % len(KINDS)]
        cell = (int((cx - x0) // PARCEL_M), int((cy - y0) // PARCEL_M))
        corners = grid[cell][0]
        middle = centroid(corners)
        if kind == "across":  # 25–65 m turned at random: over 2–6 parcels
            shape = polygon(rotated_rectangle(cx + rng.uniform(-3, 3), cy + rng.uniform(-3, 3),
                                              rng.uniform(25, 65), rng.uniform(25, 65), rng.uniform(0, math.pi)))
        elif kind == "inside":  # the parcel shrunk to half towards its centre: wholly inside it
            shape = polygon([(middle[0] + (x - middle[0]) / 2, middle[1] + (y - middle[1]) / 2) for x, y in corners])
        elif kind == "touching":  # the parcel's south edge and its centre: touches the parcel south of it only
            shape = polygon([corners[0], corners[1], middle])
        else:  # two parts 36 m apart, each 14–22 m: in different parcels, each part across an edge or not
            parts = [rotated_rectangle(cx + dx, cy, rng.uniform(14, 22), rng.uniform(14, 22), rng.uniform(0, 1))
                     for dx in (-18, 18)]
            shape = QgsGeometry.fromMultiPolygonXY([[[QgsPointXY(x, y) for x, y in p + p[:1]]] for p in parts])
        found.append((kind, shape, cell))
    return found


@pytest.fixture
def scene(provider, demo_plan, tmp_path):
    """The demo plan, the DLTB file and the sites file over a free 2 km square of the district."""
    box = free_squares(demo_plan, 1, size=REGION_M, zone="Z3")[0].boundingBox()
    x0, y0 = box.xMinimum(), box.yMinimum()
    grid = parcels(x0, y0)
    rows = [({"BSM": f"TB{n:05d}", "DLBM": code, "DLMC": name}, polygon(corners))
            for n, (corners, code, name) in enumerate(grid.values())]
    dltb = write_ogr(tmp_path / "DLTB.gpkg", "GPKG", rows, 4547, columns=DLTB_COLUMNS, layer_name="DLTB",
                     geometry_type=ogr.wkbPolygon)
    sites = generated_sites(x0, y0, grid)
    source = write_ogr(tmp_path / "sites.gpkg", "GPKG", [(site_row(n), g) for n, (_k, g, _c) in enumerate(sites)],
                       4547)
    return demo_plan, dltb, source, sites, grid


def calculator() -> QgsDistanceArea:
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsCoordinateTransformContext())
    assert measure.setEllipsoid("EPSG:1024")  # CGCS2000
    return measure


def reference(plan: Path, dltb: Path) -> Dict[str, Dict[str, float]]:
    """{project code: {DLBM: ellipsoidal m²}} by QGIS alone."""
    pieces = run("native:intersection", {"INPUT": f"{plan}|layername=project_sites",
                                         "OVERLAY": f"{dltb}|layername=DLTB", "INPUT_FIELDS": ["project_code"],
                                         "OVERLAY_FIELDS": ["DLBM"], "OUTPUT": "memory:"})["OUTPUT"]
    measure = calculator()
    found: Dict[str, Dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for feature in pieces.getFeatures():
        found[feature["project_code"]][feature["DLBM"]] += measure.measureArea(feature.geometry())
    return found


def stored(plan: Path) -> Dict[str, Dict[str, float]]:
    with sqlite3.connect(str(plan)) as con:
        rows = con.execute("SELECT project_code, dlbm, area_ha FROM site_land_classes").fetchall()
    found: Dict[str, Dict[str, float]] = defaultdict(dict)
    for code, dlbm, area_ha in rows:
        found[code][dlbm] = area_ha * 10000
    return found


def new_sites(plan: Path) -> Dict[str, QgsGeometry]:
    """{project code: geometry} of the generated sites, in the order they were written."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{plan}|layername=project_sites", "sites", "ogr")
    found = {f["name"]: (f["project_code"], QgsGeometry(f.geometry())) for f in layer.getFeatures()}
    return dict(found[site_row(n)["XMMC"]] for n in range(SITES))


def check(plan: Path, dltb: Path, sites, grid) -> None:
    expected, actual = reference(plan, dltb), stored(plan)
    with sqlite3.connect(str(plan)) as con:
        inside = {code: area_ha * 10000 for code, area_ha in con.execute(
            "SELECT project_code, area_ha FROM site_controls WHERE kind = 'landuse'")}
    codes = list(new_sites(plan).items())
    assert len(codes) == SITES
    measure = calculator()
    several = 0
    for (code, geometry), (kind, _shape, cell) in zip(codes, sites):
        wanted = {dlbm: area for dlbm, area in expected[code].items() if area > 1.0}  # the plugin's 1 m² default
        assert set(actual[code]) == set(wanted), (kind, code)
        for dlbm, area in wanted.items():  # 0.01 %, or the 0.005 m² the stored hectares' 6 decimals round by
            assert actual[code][dlbm] == pytest.approx(area, rel=1e-4, abs=0.005), (kind, code, dlbm)
        # the parcels tile the region: the whole site is in the land survey layer
        assert inside[code] == pytest.approx(measure.measureArea(geometry), rel=1e-4), (kind, code)
        if kind in ("inside", "touching"):
            assert list(actual[code]) == [grid[cell][1]], (kind, code)
        else:
            several += len(actual[code]) > 1
    assert several > 0.8 * SITES / 2  # most sites across parcels and multi-part sites meet more than one class


@pytest.fixture(params=["one thread", "three threads"])
def threads(request, monkeypatch):
    """The overlay on one thread, and shared out among three from its first pair (a plan against a DLTB runs on
    every core; these 300 sites would otherwise stay on one): the same areas either way."""
    from pingcheng_plugin.core.controls import pairs

    if request.param == "one thread":
        monkeypatch.setattr(pairs, "threads", lambda: 1)
    else:
        monkeypatch.setattr(pairs, "threads", lambda: 3)
        monkeypatch.setattr(pairs, "PARALLEL_FROM", 1)
    return request.param


def test_land_classes_of_imported_sites_when_the_dltb_is_imported(scene, threads):
    plan, dltb, source, sites, grid = scene
    result = run("pingcheng:importsites", {"INPUT": str(source), "PLAN": str(plan)})
    assert (result["IMPORTED"], result["REJECTED_COUNT"]) == (SITES, 0)
    assert run("pingcheng:importcontrollayer", {"PLAN": str(plan), "KIND": "landuse", "INPUT": str(dltb)}
               )["IMPORTED"] == len(grid)
    check(plan, dltb, sites, grid)


def test_land_classes_of_sites_imported_after_the_dltb(scene, threads):
    plan, dltb, source, sites, grid = scene
    run("pingcheng:importcontrollayer", {"PLAN": str(plan), "KIND": "landuse", "INPUT": str(dltb)})
    result = run("pingcheng:importsites", {"INPUT": str(source), "PLAN": str(plan)})
    assert (result["IMPORTED"], result["REJECTED_COUNT"]) == (SITES, 0)
    check(plan, dltb, sites, grid)
