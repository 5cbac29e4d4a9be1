"""GCJ-02 (the obfuscated datum of AMap/Gaode, "Mars coordinates") to WGS84 and back.

The forward WGS84 -> GCJ-02 offset is the widely published polynomial (a = 6378245.0, ee = 0.006693421622966).
It has no closed-form inverse, so :func:`gcj02_to_wgs84` solves ``forward(w) = g`` by fixed-point iteration:
the offset varies slowly (a few hundred metres over tens of kilometres), so each step shrinks the error by about
three orders of magnitude and three or four steps reach 1e-10 degrees (about 0.01 mm).

WGS84 and CGCS2000 differ by centimetres at this scale, far below the boundary's own accuracy, so the result is
used as CGCS2000 longitude/latitude (EPSG:4490).
"""

from __future__ import annotations

import math
from typing import Iterable, List, Sequence, Tuple

_A = 6378245.0
_EE = 0.00669342162296594323
_TOLERANCE_DEG = 1e-10
_MAX_STEPS = 30


def _offset(lon: float, lat: float) -> Tuple[float, float]:
    """The GCJ-02 offset (dlon, dlat) in degrees at a WGS84 position."""
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * math.pi
    magic = 1.0 - _EE * math.sin(radlat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * math.cos(radlat) * math.pi)
    return dlon, dlat


def in_china(lon: float, lat: float) -> bool:
    """GCJ-02 is only applied inside this box; outside it the two datums coincide."""
    return 72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271


def wgs84_to_gcj02(lon: float, lat: float) -> Tuple[float, float]:
    if not in_china(lon, lat):
        return lon, lat
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> Tuple[float, float]:
    """The WGS84 position whose GCJ-02 image is (lon, lat), to about 1e-10 degrees."""
    if not in_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _ in range(_MAX_STEPS):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        err_lon, err_lat = g_lon - lon, g_lat - lat
        w_lon -= err_lon
        w_lat -= err_lat
        if abs(err_lon) < _TOLERANCE_DEG and abs(err_lat) < _TOLERANCE_DEG:
            break
    return w_lon, w_lat


def convert_ring(ring: Iterable[Sequence[float]]) -> List[Tuple[float, float]]:
    return [gcj02_to_wgs84(float(p[0]), float(p[1])) for p in ring]


def convert_multipolygon(coordinates: Sequence) -> List[List[List[Tuple[float, float]]]]:
    """Convert GeoJSON MultiPolygon coordinates ([[[ [lon, lat], ... ]]]) from GCJ-02 to WGS84."""
    return [[convert_ring(ring) for ring in polygon] for polygon in coordinates]
