"""The benchmark's generated sites (benchmarks/generate_sites.py): same seed, same bytes; and what the README says
about them (counts, sizes, types in turn, placement, defect shares) holds, on 500 sites to stay fast."""

from __future__ import annotations

import itertools
import json
import math
import sys
from pathlib import Path

import pytest
from shapely.geometry import Polygon

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate_sites  # noqa: E402

COUNT = 500


@pytest.fixture(scope="module")
def cells(qgis_app):
    return generate_sites.district_cells()


@pytest.fixture(scope="module")
def features(cells):
    return json.loads(generate_sites.to_geojson(generate_sites.generate(COUNT, cells=cells)))["features"]


def test_same_seed_same_bytes(cells, tmp_path):
    first, second = tmp_path / "a.geojson", tmp_path / "b.geojson"
    generate_sites.write(COUNT, str(first))
    generate_sites.write(COUNT, str(second))
    assert first.read_bytes() == second.read_bytes()
    other = generate_sites.to_geojson(generate_sites.generate(COUNT, seed=generate_sites.SEED + 1, cells=cells))
    assert other.encode("utf-8") != first.read_bytes()


def test_counts_types_and_attributes(features):
    assert len(features) == COUNT
    names = [f["properties"]["name"] for f in features]
    assert len(set(names)) == COUNT
    assert [f["properties"]["project_type"] for f in features] == [
        generate_sites.TYPES[i % 8] for i in range(COUNT)]
    for feature in features:
        values = feature["properties"]
        assert 2021 <= values["start_year"] <= values["end_year"] <= min(2035, values["start_year"] + 3)
        assert 50 <= values["investment"] <= 5000
        assert values["status"] in ("planned", "building", "done")


def test_sizes_placement_and_defects(features, qgis_app):
    from qgis.core import QgsGeometry

    from pingcheng_plugin.core.store import boundary

    district = boundary.district().geometry
    shapes = [Polygon(f["geometry"]["coordinates"][0]) for f in features]
    invalid = [i for i, shape in enumerate(shapes) if not shape.is_valid]
    assert len(invalid) == round(COUNT * generate_sites.BOWTIE_SHARE)
    for shape in shapes:
        assert district.contains(QgsGeometry.fromWkt(shape.envelope.wkt))
    for number, shape in enumerate(shapes):
        if number in invalid:
            continue
        ring = list(shape.exterior.coords)
        sides = [math.dist(a, b) for a, b in zip(ring, ring[1:])]
        assert all(generate_sites.SIDE_MIN_M - 0.05 <= side <= generate_sites.SIDE_MAX_M + 0.05 for side in sides)
    close = set()
    valid = [(i, s) for i, s in enumerate(shapes) if i not in invalid]
    for (i, a), (j, b) in itertools.combinations(valid, 2):
        if abs(a.centroid.x - b.centroid.x) < 60 and abs(a.centroid.y - b.centroid.y) < 60 and a.distance(b) < 1.0:
            close.add((i, j))
    # regular sites keep 1 m apart; each overlap defect overlaps the site before it, by more than the 1 m² allowed
    assert len(close) == round(COUNT * generate_sites.OVERLAP_SHARE)
    for i, j in close:
        assert j == i + 1 and shapes[i].intersection(shapes[j]).area > 1.0
