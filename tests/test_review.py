"""Field review (#20): prepare a package, review it as QField would (plain GDAL edits), merge it back through
Processing; every side checked with SQL on the GeoPackages, never with the plugin's own readers."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from qgis.core import QgsDistanceArea, QgsGeometry, QgsProcessingException, QgsProcessingFeedback
from shapely import wkb as shapely_wkb

from tests.helpers import ROOT, edit, open_dataset, sql

SITES = ("140213-KSXF-0001", "140213-SXLT-0001", "140213-LYST-0001")
PASSED, CHANGE, REJECT = SITES  # reviewed 通过, 需修改 with a boundary proposal, 不符合
EDITED_NAME_SUFFIX = "（规划调整）"


def run(algorithm_id, parameters):
    import processing

    return processing.run(algorithm_id, parameters, feedback=QgsProcessingFeedback())


def _geometry(blob):
    """A GeoPackage geometry blob as shapely (header skipped by its envelope flag), independent of the plugin."""
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    return shapely_wkb.loads(bytes(blob[8 + envelope:]))


def _prepare(plan, folder, expression=None):
    expression = expression or "\"project_code\" IN ({})".format(", ".join(f"'{c}'" for c in SITES))
    return run("pingcheng:preparereview", {"PLAN": str(plan), "SITES": expression, "REVIEWER": "王核查",
                                           "OUTPUT": str(folder), "DUE": "2026-06-30"})


def _review(folder):
    """What a reviewer does in QField: states, findings, a photo, a proposal drawn 8 m inside the site."""
    package = folder / "review.gpkg"
    (folder / "photos" / "IMG_0001.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    for code, state, comment in ((PASSED, "通过", "与规划一致"), (CHANGE, "需修改", "东侧边界已建成道路"),
                                 (REJECT, "不符合", "现场为耕地")):
        edit(package, "UPDATE project_sites SET review_state = ?, review_comment = ?, review_finding = ?, "
                      "reviewed_at = ? WHERE project_code = ?",
             state, comment, "现场" + state, datetime.datetime.now().strftime("%Y-%m-%dT%H:%M:%S.000"), code)
    edit(package, "UPDATE project_sites SET review_photo = 'photos/IMG_0001.jpg' WHERE project_code = ?", PASSED)
    dataset = open_dataset(package, update=True)
    sites, proposals = dataset.GetLayerByName("project_sites"), dataset.GetLayerByName("review_proposals")
    sites.SetAttributeFilter(f"project_code = '{CHANGE}'")
    site = next(iter(sites))  # kept: GDAL frees a feature's geometry with the feature
    geometry = site.GetGeometryRef().Buffer(-8)
    from osgeo import ogr

    feature = ogr.Feature(proposals.GetLayerDefn())
    feature.SetField("project_code", CHANGE)
    feature.SetField("note", "东侧收缩至道路红线")
    feature.SetGeometry(ogr.ForceToMultiPolygon(geometry))
    assert proposals.CreateFeature(feature) == 0
    proposal = shapely_wkb.loads(bytes(feature.GetGeometryRef().ExportToWkb()))
    dataset = None
    return proposal


def _site_row(plan, code):
    return sql(plan, "SELECT name, geom, area_ha, modified_by FROM project_sites WHERE project_code = ?", code)[0]


def _plan_state(plan):
    """Every row of every table of the plan, as plain SQL reads it (for 'nothing changed')."""
    with sqlite3.connect(plan) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'rtree%' AND name NOT LIKE 'sqlite%' ORDER BY name")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


@pytest.fixture
def packaged(provider, demo_plan, tmp_path):
    """The demo plan with a package of 3 sites prepared and reviewed."""
    folder = tmp_path / "核查包 1"
    result = _prepare(demo_plan, folder)
    assert result["OUTPUT"] == str(folder) and result["SITES_COUNT"] == 3
    return demo_plan, folder, _review(folder)


@pytest.fixture
def reviewed(packaged):
    """... and one reviewed site renamed in the plan since packaging."""
    demo_plan, folder, proposal = packaged
    before = _site_row(demo_plan, CHANGE)
    edit(demo_plan, "UPDATE project_sites SET name = name || ? WHERE project_code = ?", EDITED_NAME_SUFFIX, CHANGE)
    return demo_plan, folder, proposal, before


def test_algorithms_are_the_contract(provider):
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    prepare, merge = registry.algorithmById("pingcheng:preparereview"), registry.algorithmById("pingcheng:mergereview")
    assert [p.name() for p in prepare.parameterDefinitions()][:4] == ["PLAN", "SITES", "REVIEWER", "OUTPUT"]
    assert "DUE" in [p.name() for p in prepare.parameterDefinitions()]
    assert [p.name() for p in merge.parameterDefinitions()][:3] == ["PLAN", "PACKAGE", "ON_CONFLICT"]
    assert {"MERGED", "CONFLICTS"} <= {o.name() for o in merge.outputDefinitions()}
    assert merge.parameterDefinition("ON_CONFLICT").options() == ["plan", "review"]
    assert prepare.shortHelpString() and merge.shortHelpString()


def test_package_holds_the_sites_plan_layers_and_metadata(provider, demo_plan, tmp_path):
    folder = tmp_path / "pkg"
    _prepare(demo_plan, folder)
    package = folder / "review.gpkg"
    assert sorted(r[0] for r in sql(package, "SELECT project_code FROM project_sites")) == sorted(SITES)
    assert {r[0] for r in sql(package, "SELECT review_state FROM project_sites")} == {"待核查"}
    for table in ("restoration_zones", "key_areas", "eco_corridors", "eco_barriers", "district_boundary"):
        assert sql(package, f"SELECT count(*) FROM {table}") == sql(demo_plan, f"SELECT count(*) FROM {table}")
    # the sites' rows as the plan holds them, geometry bytes included
    for code in SITES:
        assert sql(package, "SELECT name, geom, area_ha FROM project_sites WHERE project_code = ?", code) == \
            sql(demo_plan, "SELECT name, geom, area_ha FROM project_sites WHERE project_code = ?", code)
    meta = dict(sql(package, "SELECT key, value FROM review_package"))
    assert meta["reviewer"] == "王核查" and meta["due"] == "2026-06-30" and sorted(json.loads(meta["site_codes"])) \
        == sorted(SITES)
    assert meta["plan_uuid"] == dict(sql(demo_plan, "SELECT key, value FROM pingcheng_meta"))["plan_uuid"]
    assert meta["plugin_version"] and meta["packaged_at"] and meta["package_id"]
    base = folder / ".base" / "review.gpkg"  # GeoDiff's base: the package as packed
    every_site = "SELECT * FROM project_sites ORDER BY fid"
    assert sql(base, every_site) == sql(package, every_site)
    assert (folder / "photos").is_dir() and (folder / "review.qgz").is_file()
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".pingcheng-review-")]


PROJECT_CHECK = r"""
import json, sys
from qgis.core import (QgsApplication, QgsDistanceArea, QgsExpression, QgsExpressionContext,
                       QgsExpressionContextUtils, QgsProject)
app = QgsApplication([], False); app.initQgis()
project = QgsProject.instance()
ok = project.read(sys.argv[1])
sites = project.mapLayersByName("重点工程项目")[0]
config = sites.editFormConfig()
feature = next(sites.getFeatures())
context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(sites))
context.setFeature(feature)
area = QgsExpression("$area").evaluate(context)
calculator = QgsDistanceArea()
calculator.setSourceCrs(sites.crs(), project.transformContext())
calculator.setEllipsoid("EPSG:1024")
print(json.dumps({
    "ok": ok, "ellipsoid": project.ellipsoid(), "valid": all(l.isValid() for l in project.mapLayers().values()),
    "widget": sites.editorWidgetSetup(sites.fields().indexOf("review_state")).type(),
    "states": sites.editorWidgetSetup(sites.fields().indexOf("review_state")).config().get("map"),
    "photo": sites.editorWidgetSetup(sites.fields().indexOf("review_photo")).type(),
    "tabs": [t.name() for t in config.tabs()],
    "name_read_only": config.readOnly(sites.fields().indexOf("name")),
    "area": area, "ellipsoidal": calculator.measureArea(feature.geometry()), "planar": feature.geometry().area(),
    "proposals": [l.name() for l in project.mapLayers().values() if "review_proposals" in l.source()],
}, ensure_ascii=False))
app.exitQgis()
"""


def test_package_project_opens_in_a_fresh_qgis_without_the_plugin(provider, demo_plan, tmp_path):
    """Moved to another folder (relative paths), opened by a new QGIS process that never imports the plugin."""
    _prepare(demo_plan, tmp_path / "pkg")
    moved = tmp_path / "U盘" / "核查包"
    moved.parent.mkdir()
    shutil.move(str(tmp_path / "pkg"), str(moved))
    env = dict(os.environ, HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH="")
    done = subprocess.run([sys.executable, "-c", PROJECT_CHECK, str(moved / "review.qgz")], capture_output=True,
                          text=True, env=env, timeout=300, cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts["ok"] and facts["valid"] and facts["ellipsoid"] == "EPSG:1024"
    assert facts["widget"] == "ValueMap" and facts["photo"] == "ExternalResource"
    assert [list(entry.values())[0] for entry in facts["states"]] == ["待核查", "通过", "需修改", "不符合"]
    assert facts["tabs"][0] == "现场核查" and facts["name_read_only"]
    assert facts["proposals"]
    assert facts["area"] == pytest.approx(facts["ellipsoidal"], rel=1e-9)
    assert abs(facts["area"] - facts["planar"]) > 1.0  # the check tells the ellipsoidal area from the planar one


def test_review_saved_in_qgis_with_the_package_project_changes_only_review_fields(provider, demo_plan, tmp_path):
    """A finding saved through the package's own project (its form defaults fire on update, as in QGIS or QField)
    leaves the site's plan fields as packed: the merge records the review and warns of nothing."""
    from qgis.core import QgsProject

    folder = tmp_path / "pkg"
    _prepare(demo_plan, folder)
    columns = [r[1] for r in sql(folder / "review.gpkg", "PRAGMA table_info(project_sites)")]
    plan_columns = ", ".join(c for c in columns if not c.startswith("review") and c != "reviewer")
    packed = sql(folder / "review.gpkg", f"SELECT {plan_columns} FROM project_sites ORDER BY fid")
    project = QgsProject()
    assert project.read(str(folder / "review.qgz"))
    sites = project.mapLayersByName("重点工程项目")[0]
    feature = next(f for f in sites.getFeatures() if f["project_code"] == PASSED)
    assert sites.startEditing()
    assert sites.changeAttributeValue(feature.id(), sites.fields().indexOf("review_state"), "通过")
    assert sites.commitChanges(), sites.commitErrors()
    project.clear()
    assert sql(folder / "review.gpkg", f"SELECT {plan_columns} FROM project_sites ORDER BY fid") == packed
    (state, reviewed_at), = sql(folder / "review.gpkg", "SELECT review_state, reviewed_at FROM project_sites "
                                                        "WHERE project_code = ?", PASSED)
    assert state == "通过" and reviewed_at  # the form's on-update default stamps the time of the finding
    import processing

    feedback = QgsProcessingFeedback()
    warnings = []
    feedback.pushWarning = warnings.append
    result = processing.run("pingcheng:mergereview", {"PLAN": str(demo_plan), "PACKAGE": str(folder)},
                            feedback=feedback)
    assert result["MERGED"] == 1 and warnings == []
    assert sql(demo_plan, "SELECT project_code, review_state, reviewer, site_changes FROM site_reviews") == \
        [(PASSED, "通过", "王核查", None)]


def test_merge_keeps_the_plan_side_and_sets_the_review_aside(reviewed):
    plan, folder, proposal, before = reviewed
    edited = _site_row(plan, CHANGE)
    result = run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(folder), "ON_CONFLICT": "plan"})
    assert result["MERGED"] == 3 and result["CONFLICTS"] == 1 and result["PROPOSALS_APPLIED"] == 0
    assert _site_row(plan, CHANGE) == edited  # the plan's version of the site is untouched
    reviews = {r[0]: r[1:] for r in sql(plan, "SELECT project_code, review_state, review_comment, reviewer, "
                                              "proposal_applied FROM site_reviews")}
    assert reviews == {PASSED: ("通过", "与规划一致", "王核查", 0),
                       CHANGE: ("需修改", "东侧边界已建成道路", "王核查", 0),
                       REJECT: ("不符合", "现场为耕地", "王核查", 0)}
    (code, kind, kept, lost, values, geom), = sql(plan, "SELECT project_code, kind, kept_side, lost_side, "
                                                        "lost_values, geom FROM review_conflicts")
    assert (code, kind, kept, lost) == (CHANGE, "edited", "plan", "review")
    assert _geometry(geom).equals_exact(proposal, 1e-6)  # the reviewer's proposal is kept, not lost
    assert json.loads(values)["note"] == "东侧收缩至道路红线"
    _photo_copied(plan)


def _photo_copied(plan):
    (photo,), = sql(plan, "SELECT review_photo FROM site_reviews WHERE project_code = ?", PASSED)
    assert (plan.parent / photo).read_bytes() == b"\xff\xd8\xff\xe0 a photo"


def test_merge_takes_the_review_side_and_keeps_the_plan_version(reviewed):
    plan, folder, proposal, before = reviewed
    edited = _site_row(plan, CHANGE)
    result = run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(folder), "ON_CONFLICT": "review"})
    assert result["MERGED"] == 3 and result["CONFLICTS"] == 1 and result["PROPOSALS_APPLIED"] == 1
    name, geom, area_ha, modified_by = _site_row(plan, CHANGE)
    assert name == edited[0] and name.endswith(EDITED_NAME_SUFFIX)  # the plan's rename stays: the review left it
    assert _geometry(geom).equals_exact(proposal, 1e-6)
    # derived area recomputed through the plan's derive path: CGCS2000 ellipsoidal, checked with QGIS's own engine
    calculator = QgsDistanceArea()
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject

    calculator.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4547"), QgsProject.instance().transformContext())
    calculator.setEllipsoid("EPSG:1024")
    expected = calculator.measureArea(QgsGeometry.fromWkt(proposal.wkt)) / 10000
    assert area_ha == pytest.approx(expected, abs=1e-4) and area_ha < edited[2]
    assert modified_by == "王核查"
    (kept, lost, values, lost_geom), = sql(plan, "SELECT kept_side, lost_side, lost_values, geom FROM "
                                                 "review_conflicts")
    assert (kept, lost) == ("review", "plan")
    assert json.loads(values)["name"] == edited[0]  # the plan's version, with its edit, is kept
    assert _geometry(lost_geom).equals_exact(_geometry(edited[1]), 1e-6)
    assert sql(plan, "SELECT proposal_applied FROM site_reviews WHERE project_code = ?", CHANGE) == [(1,)]
    _photo_copied(plan)


@pytest.mark.parametrize("apply", [True, False])
def test_proposal_of_a_site_unchanged_in_the_plan_is_no_conflict(packaged, apply):
    plan, folder, proposal = packaged
    before = _site_row(plan, CHANGE)
    result = run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(folder), "ON_CONFLICT": "plan",
                                           "APPLY_PROPOSALS": apply})
    assert (result["MERGED"], result["CONFLICTS"], result["PROPOSALS_APPLIED"]) == (3, 0, 1 if apply else 0)
    name, geom, _, _ = _site_row(plan, CHANGE)
    assert name == before[0]
    if apply:
        assert _geometry(geom).equals_exact(proposal, 1e-6)
        assert sql(plan, "SELECT count(*) FROM review_conflicts") == [(0,)]
    else:  # the plan keeps its extent; the proposal is kept in the plan, not dropped
        assert geom == before[1]
        (kind, kept, stored), = sql(plan, "SELECT kind, kept_side, geom FROM review_conflicts")
        assert (kind, kept) == ("not_applied", "plan") and _geometry(stored).equals_exact(proposal, 1e-6)
    assert sql(plan, "SELECT proposal_applied FROM site_reviews WHERE project_code = ?", CHANGE) == [(int(apply),)]


def test_merging_the_same_package_twice_changes_nothing(reviewed):
    plan, folder, _, _ = reviewed
    run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(folder), "ON_CONFLICT": "review"})
    state = _plan_state(plan)
    result = run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(folder), "ON_CONFLICT": "review"})
    assert result["MERGED"] == 0 and result["CONFLICTS"] == 0
    assert _plan_state(plan) == state


def _refused(plan, folder, match, **extra):
    state = _plan_state(plan)
    with pytest.raises(QgsProcessingException, match=match):
        run("pingcheng:mergereview", dict({"PLAN": str(plan), "PACKAGE": str(folder), "ON_CONFLICT": "plan"},
                                          **extra))
    assert _plan_state(plan) == state
    assert not (plan.parent / f"{plan.stem}_核查照片").exists()


def test_package_from_another_plan_is_refused(reviewed, empty_plan):
    _, folder, _, _ = reviewed
    _refused(empty_plan, folder, "prepared from another plan")


def test_package_of_an_older_plugin_version_is_refused(reviewed):
    plan, folder, _, _ = reviewed
    with sqlite3.connect(folder / "review.gpkg") as con:
        con.execute("UPDATE review_package SET value = '0' WHERE key = 'package_format'")
        con.execute("UPDATE review_package SET value = '0.1.0' WHERE key = 'plugin_version'")
    _refused(plan, folder, r"plugin version 0\.1\.0 \(package format 0\)")


def test_missing_photo_is_refused_naming_site_and_file(reviewed):
    plan, folder, _, _ = reviewed
    (folder / "photos" / "IMG_0001.jpg").unlink()
    _refused(plan, folder, f"missing.*{PASSED}: photos/IMG_0001.jpg")


def test_package_copied_while_open_is_refused_and_left_alone(reviewed):
    plan, folder, _, _ = reviewed
    wal = folder / "review.gpkg-wal"
    wal.write_bytes(b"\x37\x7f\x06\x82 pending edits")
    package = (folder / "review.gpkg").read_bytes()
    _refused(plan, folder, "review.gpkg-wal")
    assert wal.read_bytes() == b"\x37\x7f\x06\x82 pending edits" and (folder / "review.gpkg").read_bytes() == package


def test_site_deleted_in_the_plan_keeps_its_review(reviewed):
    plan, folder, proposal, _ = reviewed
    edit(plan, "DELETE FROM project_sites WHERE project_code = ?", CHANGE)
    result, warnings = _merge_with_warnings(plan, folder, "review")
    assert result["MERGED"] == 3 and result["PROPOSALS_APPLIED"] == 0
    assert any(CHANGE in w and "deleted" in w for w in warnings)
    assert sql(plan, "SELECT count(*) FROM project_sites WHERE project_code = ?", CHANGE) == [(0,)]
    assert sql(plan, "SELECT review_state FROM site_reviews WHERE project_code = ?", CHANGE) == [("需修改",)]
    (kind, geom), = sql(plan, "SELECT kind, geom FROM review_conflicts WHERE project_code = ?", CHANGE)
    assert kind == "deleted" and _geometry(geom).equals_exact(proposal, 1e-6)


def _merge_with_warnings(plan, folder, on_conflict="plan"):
    import processing

    feedback = QgsProcessingFeedback()
    warnings = []
    feedback.pushWarning = warnings.append  # what Processing shows the user
    result = processing.run("pingcheng:mergereview", {"PLAN": str(plan), "PACKAGE": str(folder),
                                                      "ON_CONFLICT": on_conflict}, feedback=feedback)
    return result, warnings


def test_wrong_laptop_clock_is_reported_and_the_time_kept(reviewed):
    plan, folder, _, _ = reviewed
    edit(folder / "review.gpkg", "UPDATE project_sites SET reviewed_at = '2001-01-01T09:00:00.000' "
                                 "WHERE project_code = ?", REJECT)
    result, warnings = _merge_with_warnings(plan, folder)
    assert result["MERGED"] == 3
    assert [w for w in warnings if REJECT in w and "clock" in w and "before the package was made" in w]
    assert not [w for w in warnings if "clock" in w and REJECT not in w]
    assert sql(plan, "SELECT reviewed_at FROM site_reviews WHERE project_code = ?", REJECT)[0][0].startswith(
        "2001-01-01T09:00:00")


def test_proposal_breaking_a_rule_stops_the_merge(reviewed):
    plan, folder, _, _ = reviewed
    # the proposal moved 50 km away: outside the district, so the plan's rules refuse it
    dataset = open_dataset(folder / "review.gpkg", update=True)
    layer = dataset.GetLayerByName("review_proposals")
    feature = next(iter(layer))
    from osgeo import ogr
    from shapely import affinity

    shifted = affinity.translate(shapely_wkb.loads(bytes(feature.GetGeometryRef().ExportToWkb())), 50000, 0)
    feature.SetGeometry(ogr.CreateGeometryFromWkb(shifted.wkb))
    assert layer.SetFeature(feature) == 0
    dataset = None
    _refused(plan, folder, f"breaks the plan's rules.*{CHANGE}", ON_CONFLICT="review")


@pytest.mark.parametrize("sites, output, match", [
    ("\"project_code\" = 'none'", "new", "No site of the plan matches"),
    ("\"project_code\" = ", "new", "is not valid"),
    ("", "full", "is not empty"),
])
def test_prepare_refuses_bad_input(provider, demo_plan, tmp_path, sites, output, match):
    folder = tmp_path / "pkg"
    if output == "full":
        folder.mkdir()
        (folder / "notes.txt").write_text("mine")
    with pytest.raises(QgsProcessingException, match=match):
        run("pingcheng:preparereview", {"PLAN": str(demo_plan), "SITES": sites, "REVIEWER": "王核查",
                                        "OUTPUT": str(folder)})
    if output == "full":
        assert os.listdir(folder) == ["notes.txt"] and (folder / "notes.txt").read_text() == "mine"
    else:
        assert not folder.exists()
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".pingcheng-review-")]


def test_plugin_zip_carries_geodiff_for_the_system_python(plugin_package, tmp_path):
    """QGIS and qgis_process run Debian's Python, which has no pygeodiff: the ZIP's ext_libs supplies it once the
    plugin package is imported."""
    assert subprocess.run(["/usr/bin/python3", "-c", "import pygeodiff"], capture_output=True).returncode != 0
    version = next(line.split("=", 1)[1].strip() for line in (ROOT / "metadata.txt").read_text().splitlines()
                   if line.startswith("version="))
    with zipfile.ZipFile(ROOT / "dist" / f"pingcheng_plugin-{version}.zip") as archive:
        assert "pingcheng_plugin/ext_libs/pygeodiff/__init__.py" in archive.namelist()
        archive.extractall(tmp_path)
    script = ("import pingcheng_plugin, pygeodiff; print(pygeodiff.__file__); "
              "print(pygeodiff.GeoDiff().version())")
    done = subprocess.run(["/usr/bin/python3", "-c", script], capture_output=True, text=True, cwd=str(tmp_path),
                          env=dict(os.environ, PYTHONPATH=str(tmp_path)), timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split()
    assert lines[0].startswith(str(tmp_path / "pingcheng_plugin" / "ext_libs"))
    requirement = next(line for line in (ROOT / "requirements.txt").read_text().splitlines()
                       if line.startswith("pygeodiff=="))
    assert lines[1] == requirement.split("==")[1]


def _qgis_process(tmp_path, algorithm, *arguments):
    env = dict(os.environ, HOME=str(tmp_path))
    done = subprocess.run([str(ROOT / "scripts" / "qgis-process.sh"), "--json", "run", algorithm, "--", *arguments],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)["results"]


def test_qgis_process_prepares_and_merges_headless(plugin_package, demo_plan, tmp_path):
    """The whole cycle through qgis_process.bin and Debian's Python, GeoDiff coming from the plugin's ext_libs."""
    folder = tmp_path / "headless package"
    result = _qgis_process(tmp_path, "pingcheng:preparereview", f"PLAN={demo_plan}",
                           f"SITES=\"project_code\" = '{REJECT}'", "REVIEWER=王核查", f"OUTPUT={folder}")
    assert result["SITES_COUNT"] == 1
    edit(folder / "review.gpkg", "UPDATE project_sites SET review_state = '不符合', review_comment = '现场为耕地'")
    result = _qgis_process(tmp_path, "pingcheng:mergereview", f"PLAN={demo_plan}", f"PACKAGE={folder}",
                           "ON_CONFLICT=review")
    assert (result["MERGED"], result["CONFLICTS"]) == (1, 0)
    assert sql(demo_plan, "SELECT project_code, review_state, review_comment FROM site_reviews") == \
        [(REJECT, "不符合", "现场为耕地")]
