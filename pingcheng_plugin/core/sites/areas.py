"""Areas the way Chinese land surveys state them: ellipsoidal on CGCS2000 (椭球面积), with the planar Gauss-Kruger
area (投影面积) beside it only for checking. Both go through one QgsDistanceArea set up here, so the plugin never
depends on whatever ellipsoid the current project (or an empty Processing context, "NONE") happens to have.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsGeometry,
)

from ..support.geodesy import ELLIPSOID, STORAGE_CRS

M2_PER_HA = 10_000.0
M2_PER_KM2 = 1_000_000.0
#: Rounding of stored areas: 1 m² in hectares, 0.0001 km² (100 m²) in km².
HA_DECIMALS = 4
KM2_DECIMALS = 4


def qgis_round(value: float, places: int) -> float:
    """Round like QGIS's expression ``round()`` (half away from zero), so Python and form defaults agree."""
    scale = 10.0 ** places
    return math.copysign(math.floor(abs(value) * scale + 0.5), value) / scale


def distance_area(crs: str = STORAGE_CRS) -> QgsDistanceArea:
    """A QgsDistanceArea measuring on the CGCS2000 ellipsoid, for geometries in ``crs``."""
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(QgsCoordinateReferenceSystem(crs), QgsCoordinateTransformContext())
    if not calculator.setEllipsoid(ELLIPSOID):
        raise RuntimeError(f"QGIS does not know the CGCS2000 ellipsoid {ELLIPSOID}")
    return calculator


def ellipsoidal_ha(geometry: QgsGeometry, calculator: QgsDistanceArea) -> float:
    return qgis_round(calculator.measureArea(geometry) / M2_PER_HA, HA_DECIMALS)


def planar_ha(geometry: QgsGeometry) -> float:
    return qgis_round(geometry.area() / M2_PER_HA, HA_DECIMALS)


def ellipsoidal_km2(geometry: QgsGeometry, calculator: QgsDistanceArea) -> float:
    return qgis_round(calculator.measureArea(geometry) / M2_PER_KM2, KM2_DECIMALS)
