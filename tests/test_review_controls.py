"""A review package carries the bureau's control layers near its sites and those sites' control results, so a
reviewer offline sees the red line and the land classes a site touches: in the package's project (the 管控图层
group, the site form's result lists), opened by a QGIS that never loads the plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from osgeo import ogr

from tests.helpers import sql
from tests.test_controls import controls, run  # noqa: F401  (the fixture: the demo plan with every control layer)

SITES = ("140213-KSXF-0001", "140213-SXLT-0001")
RESULTS = {"site_controls": "SELECT project_code, kind, area_ha, share, names, codes FROM site_controls "
                            "WHERE project_code IN ({codes}) ORDER BY project_code, kind",
           "site_land_classes": "SELECT project_code, dlbm, dlmc, area_ha, share, dominant FROM site_land_classes "
                                "WHERE project_code IN ({codes}) ORDER BY project_code, dlbm"}


def prepare(plan, folder):
    listed = ", ".join(f"'{c}'" for c in SITES)
    run("pingcheng:preparereview", {"PLAN": str(plan), "SITES": f"\"project_code\" IN ({listed})",
                                    "REVIEWER": "王核查", "OUTPUT": str(folder)})
    return folder / "review.gpkg"


def parcels_meeting_sites(path, codes):
    """标识码 of the DLTB parcels whose polygon meets one of the sites ``codes`` (OGR's own geometry test)."""
    dataset = ogr.Open(str(path))
    sites, parcels = dataset.GetLayerByName("project_sites"), dataset.GetLayerByName("control_landuse")
    found = set()
    for site in sites:
        if site.GetField("project_code") in codes:
            geometry = site.GetGeometryRef().Clone()
            parcels.SetSpatialFilter(geometry)
            found.update(p.GetField("code") for p in parcels if p.GetGeometryRef().Intersects(geometry))
    return found


def test_the_package_carries_the_controls_near_its_sites_and_their_results(controls, tmp_path):  # noqa: F811
    plan, _dltb = controls
    package = prepare(plan, tmp_path / "pkg")
    codes = ", ".join(f"'{c}'" for c in SITES)
    for table, query in RESULTS.items():
        rows = sql(plan, query.format(codes=codes))
        assert rows and sql(package, query.format(codes=codes)) == rows, table
        assert {r[0] for r in sql(package, f"SELECT DISTINCT project_code FROM {table}")} <= set(SITES)
    assert sql(package, "SELECT kind, features, source_file FROM control_layers ORDER BY kind") == \
        sql(plan, "SELECT kind, features, source_file FROM control_layers ORDER BY kind")
    # every parcel a packed site meets is there; the district's others mostly stay at home
    packed = {r[0] for r in sql(package, "SELECT code FROM control_landuse")}
    assert parcels_meeting_sites(plan, SITES) <= packed
    assert len(packed) < sql(plan, "SELECT count(*) FROM control_landuse")[0][0] / 2
    # the red line over 140213-KSXF-0001 (测试红线1) is there; the one over 140213-KSXF-0002, far off, is not
    assert sql(package, "SELECT name FROM control_redline") == [("测试红线1",)]
    # nothing of this touches the merge: an untouched package merges nothing and leaves the plan's results
    before = sql(plan, RESULTS["site_land_classes"].format(codes=codes))
    result = run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(tmp_path / "pkg"),
                                           "ON_CONFLICT": "plan"})
    assert (result["MERGED"], result["CONFLICTS"]) == (0, 0)
    assert sql(plan, RESULTS["site_land_classes"].format(codes=codes)) == before


PROJECT_CHECK = r"""
import json, sys
from qgis.core import QgsApplication, QgsProject
app = QgsApplication([], False); app.initQgis()
project = QgsProject.instance()
ok = project.read(sys.argv[1])
group = project.layerTreeRoot().findGroup("管控图层")
sites = project.mapLayersByName("重点工程项目")[0]
related = {}
for relation in project.relationManager().referencedRelations(sites):
    for site in sites.getFeatures():
        rows = list(relation.getRelatedFeatures(site))
        related.setdefault(relation.id(), {})[site["project_code"]] = len(rows)
editors = [e.relation().id() for tab in sites.editFormConfig().tabs() for e in tab.children()
           if hasattr(e, "relation")]
print(json.dumps({"ok": ok, "layers": [l.name() for l in group.findLayers()] if group else None,
                  "valid": all(l.isValid() for l in project.mapLayers().values()),
                  "related": related, "editors": editors}, ensure_ascii=False))
app.exitQgis()
"""


def test_the_package_project_shows_the_controls_in_qgis_without_the_plugin(controls, tmp_path):  # noqa: F811
    plan, _dltb = controls
    package = prepare(plan, tmp_path / "pkg")
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH="")
    done = subprocess.run([sys.executable, "-c", PROJECT_CHECK, str(tmp_path / "pkg" / "review.qgz")],
                          capture_output=True, text=True, env=env, timeout=300, cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["ok"] and facts["valid"]
    # the control layers with a polygon near the sites (the red line over KSXF-0001 and the DLTB at least), then
    # the two result tables
    titles = {"redline": "生态保护红线", "farmland": "永久基本农田", "urban": "城镇开发边界", "protected": "自然保护地",
              "landuse": "三调地类图斑"}
    near = [title for kind, title in titles.items() if sql(package, f"SELECT count(*) FROM control_{kind}")[0][0]]
    assert {"生态保护红线", "三调地类图斑"} <= set(near)
    assert facts["layers"] == near + ["项目涉及管控图层", "项目地类面积"]
    assert sorted(facts["editors"]) == ["pingcheng_site_controls", "pingcheng_site_land_classes"]
    for relation, table in (("pingcheng_site_controls", "site_controls"),
                            ("pingcheng_site_land_classes", "site_land_classes")):
        expected = {code: sql(package, f"SELECT count(*) FROM {table} WHERE project_code = ?", code)[0][0]
                    for code in SITES}
        assert facts["related"][relation] == expected and all(expected.values()), relation
