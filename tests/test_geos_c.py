"""The GEOS C calls of the shapely 1.8 overlay (:mod:`pingcheng_plugin.core.controls.geos_c`) against QGIS's own
geometry operations on the same polygons: areas of intersections and unions, validity and bounds, and polygons
GEOS's WKB reader refuses (curves), which QGIS rewrites. The whole overlay is checked end to end, through
pingcheng:importcontrollayer, by test_controls and test_control_overlay on both shapely versions."""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry

from pingcheng_plugin.core.controls import geos_c

SITE = "POLYGON((0 0, 100 0, 100 60, 0 60, 0 0))"
PARCELS = [
    "POLYGON((-10 -10, 40 -10, 40 80, -10 80, -10 -10))",  # the site's west part
    "MULTIPOLYGON(((30 10, 70 10, 70 50, 30 50, 30 10)),((90 50, 120 50, 120 90, 90 90, 90 50)))",  # overlaps it
    "POLYGON Z((60 -5 1, 110 -5 2, 110 30 3, 60 30 1, 60 -5 1))",  # a Z polygon
    "CURVEPOLYGON(CIRCULARSTRING(50 30, 80 30, 50 30))",  # a circle: GEOS cannot read a curve
    "POLYGON((200 200, 300 200, 300 300, 200 300, 200 200))",  # far away
]
BOWTIE = "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"


def wkb(text: str) -> bytes:
    return bytes(QgsGeometry.fromWkt(text).asWkb())


def test_intersection_areas_equal_qgis():
    site, parcels = geos_c.GeosPolygons([wkb(SITE)]), geos_c.GeosPolygons([wkb(p) for p in PARCELS])
    areas = geos_c.intersection_areas(parcels, site, list(range(len(PARCELS))), [0] * len(PARCELS))
    expected = [QgsGeometry.fromWkt(p).intersection(QgsGeometry.fromWkt(SITE)).area() for p in PARCELS]
    assert areas == pytest.approx(expected, rel=1e-6)
    assert areas[3] > 0 and areas[4] == 0  # the curve was read (as QGIS segmentises it); the far one meets nothing


def test_union_of_overlapping_pieces_equals_qgis():
    site, parcels = geos_c.GeosPolygons([wkb(SITE)]), geos_c.GeosPolygons([wkb(p) for p in PARCELS])
    union = geos_c.union_area(site, 0, parcels, [0, 1, 2])
    pieces = [QgsGeometry.fromWkt(PARCELS[n]).intersection(QgsGeometry.fromWkt(SITE)) for n in (0, 1, 2)]
    assert union == pytest.approx(QgsGeometry.unaryUnion(pieces).area(), rel=1e-9)
    assert union < sum(p.area() for p in pieces)  # the overlaps counted once


def test_candidate_pairs_are_the_envelopes_that_meet():
    site, parcels = geos_c.GeosPolygons([wkb(SITE), None]), geos_c.GeosPolygons([wkb(p) for p in PARCELS])
    site_i, parcel_i = geos_c.candidate_pairs(parcels, site)
    box = QgsGeometry.fromWkt(SITE).boundingBox()
    expected = {n for n, p in enumerate(PARCELS) if QgsGeometry.fromWkt(p).boundingBox().intersects(box)}
    assert set(site_i.tolist()) == {0} and set(parcel_i.tolist()) == expected == {0, 1, 2, 3}


def test_polygon_facts_equal_qgis():
    texts = [SITE, BOWTIE, "POLYGON EMPTY", PARCELS[1]]
    facts = geos_c.polygon_facts(geos_c.GeosPolygons([wkb(t) for t in texts] + [None]))
    assert [f[0] for f in facts] == [geos_c.VALID, geos_c.INVALID, geos_c.EMPTY, geos_c.VALID, geos_c.EMPTY]
    for text, (_, area, bounds) in zip((texts[0], texts[3]), (facts[0], facts[3])):
        geometry = QgsGeometry.fromWkt(text)
        box = geometry.boundingBox()
        assert area == pytest.approx(geometry.area())
        assert bounds == (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
    assert not QgsGeometry.fromWkt(BOWTIE).isGeosValid()


def test_a_missing_geos_library_is_named(monkeypatch):
    import ctypes.util
    import sys

    from pingcheng_plugin.core.support.errors import PingchengError

    monkeypatch.setattr(geos_c, "_library", None)
    monkeypatch.setitem(sys.modules, "shapely.geos", None)  # as on shapely 2: no ctypes binding to ask
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    with pytest.raises(PingchengError, match="libgeos_c"):
        geos_c.GeosPolygons([wkb(SITE)])
