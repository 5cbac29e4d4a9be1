"""The 2008 land-survey area formula (国土调查办发〔2008〕32号), implemented independently of QGIS: the reference
the tests hold the plugin's ellipsoidal areas against."""

from __future__ import annotations

import math

from osgeo import osr

from pingcheng_plugin.core.support import compat
from tests.helpers.common import gdal_codes

A_CGCS, F_CGCS = 6378137.0, 1 / 298.257222101


def trapezoid_sum(bl_degrees):
    """The series of 国土调查办发〔2008〕32号 summed edge by edge over a closed ring of (L, B) in degrees."""
    b = A_CGCS * (1 - F_CGCS)
    e2 = (A_CGCS ** 2 - b ** 2) / A_CGCS ** 2
    a_ = 1 + 3 / 6 * e2 + 30 / 80 * e2 ** 2 + 35 / 112 * e2 ** 3 + 630 / 2304 * e2 ** 4
    b_ = 1 / 6 * e2 + 15 / 80 * e2 ** 2 + 21 / 112 * e2 ** 3 + 420 / 2304 * e2 ** 4
    c_ = 3 / 80 * e2 ** 2 + 7 / 112 * e2 ** 3 + 180 / 2304 * e2 ** 4
    d_ = 1 / 112 * e2 ** 3 + 45 / 2304 * e2 ** 4
    e_ = 5 / 2304 * e2 ** 4
    total = 0.0
    for (l1, b1), (l2, b2) in zip(bl_degrees, bl_degrees[1:]):
        l1, b1, l2, b2 = map(math.radians, (l1, b1, l2, b2))
        dl, db, bm = (l1 + l2) / 2, b2 - b1, (b1 + b2) / 2
        total += 2 * b * b * dl * (a_ * math.sin(db / 2) * math.cos(bm) - b_ * math.sin(3 * db / 2) * math.cos(3 * bm)
                                   + c_ * math.sin(5 * db / 2) * math.cos(5 * bm)
                                   - d_ * math.sin(7 * db / 2) * math.cos(7 * bm)
                                   + e_ * math.sin(9 * db / 2) * math.cos(9 * bm))
    return abs(total)


@gdal_codes
def survey_area(ring_xy, densify_m=70.0):
    """Ellipsoidal area by the 2008 rules: segments over 70 m densified, Gauss-Kruger to B/L, trapezoid series."""
    with compat.gdal_error_codes():
        source, target = osr.SpatialReference(), osr.SpatialReference()
        source.ImportFromEPSG(4547)
        target.ImportFromEPSG(4490)
        for srs in (source, target):
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        to_geographic = osr.CoordinateTransformation(source, target)
        points = []
        for (x1, y1), (x2, y2) in zip(ring_xy, ring_xy[1:]):
            n = max(1, int(math.hypot(x2 - x1, y2 - y1) // densify_m))
            points += [(x1 + (x2 - x1) * i / n, y1 + (y2 - y1) * i / n) for i in range(n)]
        points.append(ring_xy[-1])
        return trapezoid_sum([to_geographic.TransformPoint(x, y)[:2] for x, y in points])
