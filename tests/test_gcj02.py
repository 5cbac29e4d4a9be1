"""GCJ-02 conversion against published point pairs, and the inverse's accuracy."""

import math

import pytest

from pingcheng_plugin.core.store import gcj02

# (WGS84 lat, lon, GCJ-02 lat, lon) from the eviltransform test suite (googollee/eviltransform, go/transform_test.go)
PAIRS = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]


def metres(lon1, lat1, lon2, lat2):
    mean = math.radians((lat1 + lat2) / 2)
    return math.hypot((lon2 - lon1) * 111320 * math.cos(mean), (lat2 - lat1) * 110574)


@pytest.mark.parametrize("wgs_lat, wgs_lon, gcj_lat, gcj_lon", PAIRS)
def test_forward_matches_published_pairs(wgs_lat, wgs_lon, gcj_lat, gcj_lon):
    lon, lat = gcj02.wgs84_to_gcj02(wgs_lon, wgs_lat)
    assert metres(lon, lat, gcj_lon, gcj_lat) < 0.001


@pytest.mark.parametrize("wgs_lat, wgs_lon, gcj_lat, gcj_lon", PAIRS)
def test_inverse_recovers_wgs84_well_under_a_metre(wgs_lat, wgs_lon, gcj_lat, gcj_lon):
    lon, lat = gcj02.gcj02_to_wgs84(gcj_lon, gcj_lat)
    assert metres(lon, lat, wgs_lon, wgs_lat) < 0.01


def test_wandergis_documented_example():
    # wandergis/coordtransform README: wgs84togcj02(116.404, 39.915)
    lon, lat = gcj02.wgs84_to_gcj02(116.404, 39.915)
    assert metres(lon, lat, 116.41024449916938, 39.91640428150164) < 0.001


def test_round_trip_over_the_district():
    worst = 0.0
    for i in range(21):
        for j in range(21):
            lon, lat = 113.20 + i * 0.01, 39.98 + j * 0.01
            back = gcj02.gcj02_to_wgs84(*gcj02.wgs84_to_gcj02(lon, lat))
            worst = max(worst, metres(lon, lat, *back))
    assert worst < 0.001


def test_offset_at_pingcheng_is_hundreds_of_metres():
    lon, lat = gcj02.wgs84_to_gcj02(113.30, 40.09)
    assert 300 < metres(113.30, 40.09, lon, lat) < 1000


def test_outside_china_unchanged():
    assert gcj02.gcj02_to_wgs84(2.35, 48.85) == (2.35, 48.85)
