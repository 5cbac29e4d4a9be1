"""The GEOS C calls of the shapely 1.8 overlay (:mod:`pingcheng_plugin.core.controls.geos_c`) on polygons whose
answers are worked out by hand (rectangles, a circle): areas of intersections and unions, validity and bounds,
polygons GEOS's WKB reader refuses (a curve, which QGIS rewrites), holes, and the ring counts read from WKB. The
whole overlay is checked end to end, through pingcheng:importcontrollayer against QGIS's own intersection, by
test_controls and test_control_overlay on both shapely versions."""

from __future__ import annotations

import math
import struct

import pytest
from qgis.core import QgsGeometry

from pingcheng_plugin.core.controls import geos_c, pairs

SITE = "POLYGON((0 0, 100 0, 100 60, 0 60, 0 0))"  # 100 m × 60 m
PARCELS = [  # (WKT, its overlap with SITE worked out by hand)
    ("POLYGON((-10 -10, 40 -10, 40 80, -10 80, -10 -10))", 40 * 60),
    ("MULTIPOLYGON(((30 10, 70 10, 70 50, 30 50, 30 10)),((90 50, 120 50, 120 90, 90 90, 90 50)))", 40 * 40 + 10 * 10),
    ("POLYGON Z((60 -5 1, 110 -5 2, 110 30 3, 60 30 1, 60 -5 1))", 40 * 30),
    ("CURVEPOLYGON(CIRCULARSTRING(50 30, 80 30, 50 30))", math.pi * 15 ** 2),  # GEOS cannot read a curve
    ("POLYGON((-20 -20, 120 -20, 120 80, -20 80, -20 -20),(10 10, 20 10, 20 20, 10 20, 10 10))", 6000 - 100),
    ("POLYGON((200 200, 300 200, 300 300, 200 300, 200 200))", 0),  # far away
]
BOWTIE = "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"


def wkb(text: str) -> bytes:
    return bytes(QgsGeometry.fromWkt(text).asWkb())


def polygons(texts) -> geos_c.GeosPolygons:
    return geos_c.GeosPolygons([None if t is None else wkb(t) for t in texts])


@pytest.mark.parametrize("threads", [1, 3])
def test_intersection_areas_by_hand(monkeypatch, threads):
    monkeypatch.setattr(pairs, "threads", lambda: threads)
    monkeypatch.setattr(pairs, "PARALLEL_FROM", 1)
    site, parcels = polygons([SITE]), polygons([p for p, _ in PARCELS])
    measured = [a for chunk in pairs._in_parallel(
        lambda c: geos_c.intersection_areas(parcels, site, list(c), [0] * len(c)), len(PARCELS)) for a in chunk]
    expected = [area for _, area in PARCELS]
    assert measured[:3] + measured[4:] == pytest.approx(expected[:3] + expected[4:], rel=1e-12)
    assert measured[3] == pytest.approx(expected[3], rel=2e-3)  # the circle as QGIS segmentises it


def test_union_of_overlapping_pieces_by_hand():
    # pieces: [0,40]×[0,60] 2400; [30,70]×[10,50] adds 1200; [90,100]×[50,60] adds 100; [60,100]×[0,30] adds 1000
    site, parcels = polygons([SITE]), polygons([p for p, _ in PARCELS])
    assert geos_c.union_area(site, 0, parcels, [0, 1, 2]) == pytest.approx(4700, rel=1e-12)


def test_with_geos_counts_a_layers_overlaps_once_and_orders_by_site_then_polygon():
    sites = polygons([SITE, "POLYGON((500 500, 510 500, 510 510, 500 510, 500 500))"])
    parcels = polygons([p for p, _ in PARCELS[:3]])
    found = pairs.with_geos(parcels, sites, [6000.0, 100.0])
    assert found.site.tolist() == [0, 0, 0] and found.control.tolist() == [0, 1, 2]
    assert found.planar.tolist() == pytest.approx([2400, 1700, 1200]) and found.layer == pytest.approx({0: 4700})


def test_candidate_pairs_are_the_envelopes_that_meet():
    site, parcels = polygons([SITE, None]), polygons([p for p, _ in PARCELS])
    site_i, parcel_i = geos_c.candidate_pairs(parcels, site)
    assert set(site_i.tolist()) == {0} and sorted(parcel_i.tolist()) == [0, 1, 2, 3, 4]


def test_polygon_facts_by_hand():
    facts = geos_c.polygon_facts(polygons([SITE, BOWTIE, "POLYGON EMPTY", PARCELS[1][0], None]))
    assert [f[0] for f in facts] == [geos_c.VALID, geos_c.INVALID, geos_c.EMPTY, geos_c.VALID, geos_c.EMPTY]
    assert facts[0][1:] == (6000.0, (0.0, 0.0, 100.0, 60.0))
    assert facts[3][1:] == (40 * 40 + 30 * 40, (30.0, 10.0, 120.0, 90.0))


def test_a_blob_geos_cannot_read_is_invalid_not_empty():
    unreadable = polygons([SITE])
    unreadable.close()  # freed: as if GEOS had refused the blob
    garbage = geos_c.GeosPolygons([wkb(SITE)[:20]])  # cut off inside its first ring
    assert unreadable.pointers == [None] and garbage.pointers == [None] and garbage.unread == [0]
    assert geos_c.polygon_facts(garbage)[0][0] == geos_c.INVALID


@pytest.mark.parametrize("text, holes", [
    (SITE, False), (PARCELS[4][0], True), ("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))", False),
    ("MULTIPOLYGON(((0 0, 9 0, 9 9, 0 0),(1 1, 2 1, 2 2, 1 1)))", True), (PARCELS[2][0], False),
    ("MULTIPOLYGON EMPTY", False)])
def test_holes_read_from_the_wkb(text, holes):
    assert geos_c.may_have_holes(wkb(text)) is holes
    # extended WKB with an SRID and big-endian, as other writers give it
    iso = wkb(text)
    kind, = struct.unpack_from("<I", iso, 1)
    extended = iso[:1] + struct.pack("<I", (kind % 1000) | 0x20000000) + struct.pack("<I", 4547) + iso[5:]
    assert geos_c.may_have_holes(extended) is holes
    assert geos_c.may_have_holes(bytes(QgsGeometry.fromWkt(text).asWkb())[:3]) is True  # cut short: GEOS is asked


@pytest.mark.parametrize("text, linear", [
    (SITE, True), (PARCELS[1][0], True), (PARCELS[2][0], True), (PARCELS[3][0], False),
    ("MULTISURFACE(CURVEPOLYGON(CIRCULARSTRING(0 0, 2 0, 0 0)))", False)])
def test_curves_are_told_by_their_wkb_type(text, linear):
    """A curve goes through QGIS first: GEOS 3.13 reads curves, but its intersection refuses them."""
    assert geos_c.linear_polygon(wkb(text)) is linear


def test_a_missing_geos_library_is_named(monkeypatch):
    import ctypes.util
    import sys

    from pingcheng_plugin.core.support.errors import PingchengError

    monkeypatch.setattr(geos_c, "_library", None)
    monkeypatch.setitem(sys.modules, "shapely.geos", None)  # as on shapely 2: no ctypes binding to ask
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    with pytest.raises(PingchengError, match="libgeos_c"):
        geos_c.GeosPolygons([wkb(SITE)])
