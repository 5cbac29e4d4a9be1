"""The vectorised validator (shapely 2) and the one-by-one path (shapely 1.8, which QGIS on Debian 12 runs) give
exactly the same findings, locations included, on a plan that mixes every geometry defect; and the overlay that
assigns zones and key areas agrees with QGIS's own intersection areas.

The 1.8 path runs for real: a child process of the system Python (Debian's shapely 1.8) validates the same file.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsProject

from pingcheng_plugin.core.sites import overlay
from pingcheng_plugin.core.store import gpkg, plan_data, schema
from pingcheng_plugin.core.validation import sources
from tests.helpers import ROOT, bow_tie, layer_by_table, rectangle, square
from tests.helpers.sites import VALID, add_site, zone_point

_SYSTEM_PYTHON = "/usr/bin/python3"


def _mixed_plan(plan) -> None:
    """Bow-ties, a hole, a multi-part site, a sliver, touching and overlapping neighbours, sites across zone edges
    and the district edge, a tiny site, an empty one and attribute errors, saved into ``plan``."""
    project = QgsProject.instance()
    sites = layer_by_table(project, "project_sites")
    zones = {f["code"]: f.geometry() for f in layer_by_table(project, "restoration_zones").getFeatures()}
    extent = layer_by_table(project, "district_boundary").extent()
    p, q = zone_point(project, "Z1"), zone_point(project, "Z3")
    edge = zones["Z1"].intersection(zones["Z3"])
    middle = edge.interpolate(edge.length() / 2).asPoint()
    with_hole = QgsGeometry.fromPolygonXY([
        [QgsPointXY(q.x(), q.y()), QgsPointXY(q.x() + 300, q.y()), QgsPointXY(q.x() + 300, q.y() + 300),
         QgsPointXY(q.x(), q.y() + 300), QgsPointXY(q.x(), q.y())],
        [QgsPointXY(q.x() + 100, q.y() + 100), QgsPointXY(q.x() + 200, q.y() + 100),
         QgsPointXY(q.x() + 200, q.y() + 200), QgsPointXY(q.x() + 100, q.y() + 200),
         QgsPointXY(q.x() + 100, q.y() + 100)],
    ])
    with_hole.convertToMultiType()
    two_parts = QgsGeometry.fromMultiPolygonXY([square(p.x(), p.y() + 400, 80, multi=False).asPolygon(),
                                                square(p.x() + 200, p.y() + 400, 80, multi=False).asPolygon()])
    shapes = {
        "甲 bow-tie": bow_tie(p.x(), p.y(), 200),
        "乙 bow-tie across a zone edge": bow_tie(middle.x() - 150, middle.y() - 150, 300),
        "丙 hole": with_hole,
        "丁 two parts": two_parts,
        "戊 sliver": rectangle(q.x() + 400, q.y(), q.x() + 900, q.y() + 0.5),
        "己 touching": square(q.x() + 400, q.y() + 100, 100),
        "庚 touching": square(q.x() + 500, q.y() + 100, 100),
        "辛 overlapping": square(q.x() + 550, q.y() + 150, 100),
        "壬 across the zone edge": square(middle.x() - 100, middle.y() - 100, 200),
        "癸 across the district edge": rectangle(extent.xMinimum() - 50, extent.center().y(),
                                              extent.xMinimum() + 300, extent.center().y() + 200),
        "子 tiny": square(p.x() + 600, p.y(), 4),
    }
    # legacy data, as a plan from before the rules or a bulk repair holds it: written without the triggers
    with gpkg.connect(str(plan)) as con:
        gpkg.drop_rule_triggers(con)
    assert sites.startEditing()
    for name, geometry in shapes.items():
        geometry.convertToMultiType()
        add_site(sites, geometry, dict(VALID, name=name, project_type="KSXF" if "edge" in name else "CZXF"))
    assert sites.commitChanges(), sites.commitErrors()
    # attribute faults and a site without geometry, written behind QGIS's back (the database allows these)
    layer = plan_data.open_layer(str(plan), schema.SITES)
    assert layer.startEditing()
    first = next(f for f in layer.getFeatures() if f["name"] == "己 touching")
    layer.changeAttributeValue(first.id(), layer.fields().indexOf("investment"), None)
    layer.changeAttributeValue(first.id(), layer.fields().indexOf("start_year"), None)
    assert layer.commitChanges(), layer.commitErrors()
    with gpkg.connect(str(plan)) as con:
        gpkg.create_triggers(con)


def _findings(plan):
    return [[f.rule, f.fid, f.message, None if f.x is None else round(f.x, 6), None if f.y is None else round(f.y, 6)]
            for f in sources.validate_plan(str(plan))]


@pytest.fixture
def mixed_plan(opened_plan):
    _mixed_plan(opened_plan)
    return opened_plan


def test_both_paths_give_the_same_findings_in_process(mixed_plan, monkeypatch):
    from pingcheng_plugin.core.validation import engine, geometry_facts

    vectorised = _findings(mixed_plan)
    monkeypatch.setattr(overlay, "SHAPELY2", False)
    monkeypatch.setattr(engine, "SHAPELY2", False)
    monkeypatch.setattr(geometry_facts, "SHAPELY2", False)
    one_by_one = _findings(mixed_plan)
    assert one_by_one == vectorised
    rules = {rule for rule, *_ in vectorised}
    assert {"GEOM_INVALID", "OVERLAP", "OUTSIDE_DISTRICT", "AREA_TOO_SMALL", "PLAN_CONFORMANCE",
            "YEAR_MISSING", "INVESTMENT_MISSING"} <= rules, rules


def test_debian_shapely_18_gives_the_same_findings(mixed_plan):
    """The system Python (QGIS's own, with Debian 12's shapely 1.8) on the same file, in a child process."""
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from qgis.core import QgsApplication\n"
        "app = QgsApplication([], False); app.initQgis()\n"
        "import shapely\n"
        "from pingcheng_plugin.core.validation import sources\n"
        "found = [[f.rule, f.fid, f.message, None if f.x is None else round(f.x, 6),"
        " None if f.y is None else round(f.y, 6)] for f in sources.validate_plan(sys.argv[1])]\n"
        "print(json.dumps({'shapely': shapely.__version__, 'findings': found}))\n"
    )
    done = subprocess.run([_SYSTEM_PYTHON, "-c", script, str(mixed_plan)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # On Debian 12 the child runs shapely 1.8 and this process shapely 2; a newer Debian has shapely 2 in both, and
    # the test above runs the one-by-one path there
    assert result["findings"] == _findings(mixed_plan), result["shapely"]


def test_overlay_areas_equal_qgis_intersections(mixed_plan):
    """Zone and key-area overlaps of every site (the contains-first overlay) against QGIS's own intersection of
    each pair, an independent GEOS call through QgsGeometry."""
    project = QgsProject.instance()
    deriver = plan_data.deriver_for(str(mixed_plan))
    areas = {f["code"]: f.geometry() for name in ("restoration_zones", "key_areas")
             for f in layer_by_table(project, name).getFeatures()}
    sites = [f.geometry() for f in plan_data.open_layer(str(mixed_plan), schema.SITES).getFeatures()
             if f.hasGeometry() and f.geometry().isGeosValid()]
    shapes = overlay.to_shapely_many(sites)
    found = [dict(z, **k) for z, k in zip(deriver._zones.overlaps(shapes), deriver._keys.overlaps(shapes))]
    for geometry, overlaps in zip(sites, found):
        expected = {code: geometry.intersection(area).area() for code, area in areas.items()
                    if geometry.intersects(area) and geometry.intersection(area).area() > overlay.OVERLAP_EPSILON_M2}
        assert overlaps.keys() == expected.keys()
        for code, value in expected.items():
            assert overlaps[code] == pytest.approx(value, rel=1e-9, abs=1e-6)


def test_the_save_check_reads_only_the_neighbourhood_and_finds_what_validate_all_finds(opened_plan):
    """The check before saving reads the edited sites and the few saved ones they meet (envelope or name key),
    and reports for the edited sites exactly what a check of the whole plan reports for them."""
    from pingcheng_plugin.core.store.plan_settings import read_config
    from pingcheng_plugin.core.validation.engine import SiteValidator

    project = QgsProject.instance()
    sites = layer_by_table(project, "project_sites")
    saved = {f.id(): f for f in sites.getFeatures()}
    far = max(saved.values(), key=lambda f: f.geometry().boundingBox().xMaximum())
    near = min(saved.values(), key=lambda f: f.geometry().boundingBox().xMinimum())
    box = near.geometry().boundingBox()
    assert sites.startEditing()
    try:
        overlapping = add_site(sites, square(box.xMinimum() + 10, box.yMinimum() + 10, 150), dict(VALID, name="新项目"))
        sites.changeAttributeValue(overlapping, sites.fields().indexOf("name"), f" {far['name']}")  # a duplicate
        fids = {overlapping, near.id()}
        sites.changeAttributeValue(near.id(), sites.fields().indexOf("investment"), None)
        edited, neighbours = sources.edited_and_neighbours(str(opened_plan), sites, fids)
        assert {s.fid for s in edited} == fids
        assert far.id() in {s.fid for s in neighbours} and len(neighbours) < len(saved) - 1
        context = sources.context_from_layers(layer_by_table(project, "district_boundary"),
                                              layer_by_table(project, "restoration_zones"),
                                              layer_by_table(project, "key_areas"),
                                              plan_data.suitability_rows(str(opened_plan)))
        validator = SiteValidator(context, read_config(str(opened_plan)))
        quick = validator.validate(edited, others=neighbours, only=fids)
        whole = validator.validate(sources.plan_site_inputs(str(opened_plan), sites), only=fids)
        assert sorted((f.fid, f.rule, f.message, f.x, f.y) for f in quick) == \
            sorted((f.fid, f.rule, f.message, f.x, f.y) for f in whole)
        assert {"NAME_DUPLICATE", "OVERLAP", "INVESTMENT_MISSING"} <= {f.rule for f in quick}
    finally:
        sites.rollBack()
