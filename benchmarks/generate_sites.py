"""The benchmark's site data: N generated project sites inside the district, the same bytes for the same seed.

What is generated (the README's "Benchmarks" section repeats this; ``tests/test_bench_data.py`` checks it):

- N quadrilaterals (rotated rectangles, sides 12–35 m, turned by up to ±15°), one per cell of a 45 m grid over
  the district; a cell is used only when it lies wholly inside the district outline the plugin ships
  (``resources/boundary``), and N of those cells are drawn at random (so 10,000 sites are spread over the whole
  district and 100,000 fill most of it). A site keeps at least 1 m from its cell's edges: regular sites never
  touch each other.
- the plan's 8 project types in turn; a unique name; a status (70 % planned, 20 % building, 10 % done); start year
  2021–2033 and an end year 0–3 years later (at most 2035); investment 50–5,000 (10k yuan); funding source and
  implementer.
- defects on purpose, exact counts: 1 % bow-ties (two vertices swapped: invalid geometry, which the import
  rejects) and 1 % sites that overlap their neighbour (a copy of the previous site moved by 20–60 % of its width:
  an overlap warning, imported).

The output is GeoJSON in EPSG:4547 (CGCS2000 / 3-degree GK CM 114E, the plan's CRS) with coordinates rounded to
1 cm, written by hand so that nothing (a library version, a timestamp) changes the bytes.

    python3 benchmarks/generate_sites.py 10000 out/bench/sites_10000.geojson [--seed 2035]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

SEED = 2035
PITCH_M = 45.0  # grid cell: the largest site turned by 15° spans 35·(cos 15° + sin 15°) = 42.9 m
SIDE_MIN_M, SIDE_MAX_M = 12.0, 35.0
MAX_TURN_DEG = 15.0
CELL_MARGIN_M = 0.5  # each side of a cell: regular sites keep ≥ 1 m apart
BOWTIE_SHARE = 0.01
OVERLAP_SHARE = 0.01
OVERLAP_SHIFT = (0.2, 0.6)  # of the neighbour's width
TYPES = ("SXLT", "KSXF", "LYST", "DXSZ", "TDZZ", "XCRJ", "CQGG", "CZXF")  # the plan's 8 types, in its order
STATUSES = (("planned", 70), ("building", 20), ("done", 10))
CRS_URN = "urn:ogc:def:crs:EPSG::4547"

Ring = List[Tuple[float, float]]


@dataclass
class Site:
    ring: Ring  # 4 corners, not closed
    defect: str  # "", "bowtie" or "overlap"
    properties: Dict[str, object]


def district_cells(pitch: float = PITCH_M) -> List[Tuple[float, float]]:
    """Lower-left corners of the grid cells wholly inside the district, row by row (south to north)."""
    from qgis.core import QgsGeometry, QgsRectangle

    from pingcheng_plugin.core.store import boundary

    district = boundary.district().geometry
    engine = QgsGeometry.createGeometryEngine(district.constGet())
    engine.prepareGeometry()
    box = district.boundingBox()
    x0, y0 = math.floor(box.xMinimum() / pitch) * pitch, math.floor(box.yMinimum() / pitch) * pitch
    columns = math.ceil((box.xMaximum() - x0) / pitch)
    rows = math.ceil((box.yMaximum() - y0) / pitch)
    cells = []
    for row in range(rows):
        for column in range(columns):
            x, y = x0 + column * pitch, y0 + row * pitch  # multiplied, not summed: no drift over 300 cells
            square = QgsGeometry.fromRect(QgsRectangle(x, y, x + pitch, y + pitch))  # held: constGet() borrows
            if engine.contains(square.constGet()):
                cells.append((x, y))
    return cells


def _rectangle(rng: random.Random, cell: Tuple[float, float], pitch: float) -> Ring:
    """A turned rectangle inside ``cell`` with CELL_MARGIN_M to spare, width along its first side."""
    width, height = rng.uniform(SIDE_MIN_M, SIDE_MAX_M), rng.uniform(SIDE_MIN_M, SIDE_MAX_M)
    turn = math.radians(rng.uniform(-MAX_TURN_DEG, MAX_TURN_DEG))
    cos, sin = math.cos(turn), math.sin(turn)
    span_x, span_y = width * abs(cos) + height * abs(sin), width * abs(sin) + height * abs(cos)
    slack_x, slack_y = pitch - 2 * CELL_MARGIN_M - span_x, pitch - 2 * CELL_MARGIN_M - span_y
    cx = cell[0] + CELL_MARGIN_M + span_x / 2 + rng.uniform(0, slack_x)
    cy = cell[1] + CELL_MARGIN_M + span_y / 2 + rng.uniform(0, slack_y)
    corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)]
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in corners]


def _shifted(ring: Ring, fraction: float) -> Ring:
    """``ring`` moved along its own first side (its width) by ``fraction`` of that side."""
    (ax, ay), (bx, by) = ring[0], ring[1]
    dx, dy = (bx - ax) * fraction, (by - ay) * fraction
    return [(x + dx, y + dy) for x, y in ring]


def _inside(ring: Ring, cells: Dict[Tuple[int, int], bool], pitch: float) -> bool:
    """Every corner lies in a cell that is wholly inside the district (so the site is inside it)."""
    return all(cells.get((math.floor(x / pitch), math.floor(y / pitch)), False) for x, y in ring)


def generate(count: int, seed: int = SEED, cells: Sequence[Tuple[float, float]] = ()) -> List[Site]:
    """``count`` sites as described in the module docstring; ``cells`` defaults to :func:`district_cells`."""
    cells = list(cells) or district_cells()
    if count > len(cells):
        raise ValueError(f"only {len(cells)} cells of {PITCH_M} m fit in the district, {count} asked")
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(cells)), count))
    inside = {(round(x / PITCH_M), round(y / PITCH_M)): True for x, y in cells}
    defects = round(count * OVERLAP_SHARE), round(count * BOWTIE_SHARE)
    # overlaps on odd positions (each copies the even one before it); bow-ties on even ones that nobody copies
    overlaps = set(rng.sample(range(1, count, 2), defects[0]))
    bowties = set(rng.sample(sorted(set(range(0, count, 2)) - {i - 1 for i in overlaps}), defects[1]))
    sites: List[Site] = []
    previous: Ring = []
    for number, cell_index in enumerate(chosen):
        ring = _rectangle(rng, cells[cell_index], PITCH_M)
        defect = ""
        if number in overlaps:
            fraction = rng.uniform(*OVERLAP_SHIFT)
            candidates = [_shifted(previous, f) for f in (fraction, -fraction, 0.02)]
            ring = next((c for c in candidates if _inside(c, inside, PITCH_M)), candidates[-1])
            defect = "overlap"
        elif number in bowties:
            ring = [ring[0], ring[2], ring[1], ring[3]]
            defect = "bowtie"
        previous = ring if not defect else previous
        sites.append(Site(ring, defect, _properties(rng, number)))
    return sites


def _properties(rng: random.Random, number: int) -> Dict[str, object]:
    start = rng.randint(2021, 2033)
    return {
        "name": f"平城区生态修复基准项目{number + 1:06d}",
        "project_type": TYPES[number % len(TYPES)],
        "status": rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0],
        "start_year": start,
        "end_year": min(2035, start + rng.randint(0, 3)),
        "investment": round(rng.uniform(50, 5000), 1),
        "funding_source": "区级财政资金",
        "implementer": "平城区自然资源局",
    }


def to_geojson(sites: Sequence[Site]) -> str:
    """The sites as a GeoJSON FeatureCollection, one feature a line, coordinates in metres to 1 cm."""
    lines = [f'{{"type": "FeatureCollection", "name": "sites", "crs": {{"type": "name", "properties": '
             f'{{"name": "{CRS_URN}"}}}}, "features": [']
    for number, site in enumerate(sites):
        ring = site.ring + site.ring[:1]
        coordinates = ", ".join(f"[{x:.2f}, {y:.2f}]" for x, y in ring)
        properties = json.dumps(site.properties, ensure_ascii=False)
        comma = "," if number < len(sites) - 1 else ""
        lines.append(f'{{"type": "Feature", "properties": {properties}, '
                     f'"geometry": {{"type": "Polygon", "coordinates": [[{coordinates}]]}}}}{comma}')
    lines.append("]}")
    return "\n".join(lines) + "\n"


def write(count: int, path: str, seed: int = SEED) -> Dict[str, int]:
    """Write ``count`` sites to ``path`` (GeoJSON); returns the counts of each kind of site."""
    sites = generate(count, seed)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(to_geojson(sites))
    return {"sites": len(sites), "bowtie": sum(s.defect == "bowtie" for s in sites),
            "overlap": sum(s.defect == "overlap" for s in sites)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    from _common import start_qgis

    start_qgis()
    print(json.dumps(write(args.count, args.output, args.seed)))


if __name__ == "__main__":
    main()
