"""Tampered plans get one clear message from every algorithm and dialog; leftovers of killed runs are removed
(issue #13, cases 4 and 5)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

from pingcheng_plugin.core.exchange.pipeline import SiteImport
from pingcheng_plugin.core.exchange.writers import export_sites
from pingcheng_plugin.core.figures import ExportOptions, export_figures
from pingcheng_plugin.core.store import plan_check
from pingcheng_plugin.core.support import output_files
from pingcheng_plugin.core.support.errors import InvalidInputError, PlanFileError
from pingcheng_plugin.ui.plan_actions import PlanActions
from tests.helpers import ROOT

#: Every algorithm that takes a plan, with the other parameters it needs to get that far.
PLAN_ALGORITHMS = {
    "pingcheng:validatesites": {"OUTPUT": "TEMPORARY_OUTPUT"},
    "pingcheng:importsites": {"DRY_RUN": True},
    "pingcheng:importplanlayer": {"LAYER": "zone", "DRY_RUN": True},
    "pingcheng:exportsites": {"FORMAT": "geojson"},
    "pingcheng:exportsummary": {},
    "pingcheng:exportfigures": {"FORMATS": ["pdf"], "FIGURES": ["zones"]},
}


@pytest.fixture
def algorithms(qgis_processing):
    """run(algorithm_id, plan, tmp) -> (result, warnings): one algorithm of the registered provider."""
    from pingcheng_plugin.processing.provider import PingchengProvider

    registry = QgsApplication.processingRegistry()
    added = PingchengProvider() if registry.providerById("pingcheng") is None else None
    if added is not None:
        registry.addProvider(added)

    def run(algorithm_id: str, plan: Path, tmp: Path, source: Path):
        import processing

        parameters = dict(PLAN_ALGORITHMS[algorithm_id], PLAN=str(plan))
        if algorithm_id == "pingcheng:importsites":
            parameters["INPUT"] = str(source)
        if algorithm_id == "pingcheng:importplanlayer":
            parameters["INPUT"] = str(source.with_name("zones.geojson"))
        if algorithm_id == "pingcheng:exportsites":
            parameters["OUTPUT"] = str(tmp / "sites.geojson")
        if algorithm_id == "pingcheng:exportsummary":
            parameters["OUTPUT"] = str(tmp / "table.csv")
        if algorithm_id == "pingcheng:exportfigures":
            parameters["OUTPUT_FOLDER"] = str(tmp / "figures")
        warnings = []

        class Feedback(QgsProcessingFeedback):
            def pushWarning(self, text):  # noqa: N802 - QGIS's name
                warnings.append(text)

        return processing.run(algorithm_id, parameters, feedback=Feedback()), warnings

    yield run
    if added is not None:
        registry.removeProvider(added)


@pytest.fixture
def source(demo_plan, tmp_path) -> Path:
    """A file the import algorithms can read (the demo's own sites)."""
    from osgeo import gdal

    path = tmp_path / "source" / "sites.geojson"
    path.parent.mkdir()
    export_sites(str(demo_plan), str(path), "geojson")
    gdal.VectorTranslate(str(path.with_name("zones.geojson")), str(demo_plan), format="GeoJSON",
                         layers=["restoration_zones"])
    return path


def _tamper(plan: Path, statement: str) -> None:
    with sqlite3.connect(plan) as con:
        con.execute(statement)


TAMPERED = {
    "no site table": ("DROP TABLE project_sites", "the table project_sites is missing"),
    "a field renamed": ("ALTER TABLE project_sites RENAME COLUMN remarks TO remarks_old",
                        "lacks the fields remarks"),
    "newer schema": ("UPDATE pingcheng_meta SET value = '99' WHERE key = 'schema_version'", "newer version"),
    "unknown schema": ("UPDATE pingcheng_meta SET value = '2.1-beta' WHERE key = 'schema_version'",
                       "unknown schema version “2.1-beta”"),
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_plan_gets_one_clear_message_everywhere(demo_plan, tmp_path, source, algorithms, qgis_iface,
                                                          case):
    statement, expected = TAMPERED[case]
    _tamper(demo_plan, statement)
    with pytest.raises(PlanFileError) as checked:
        plan_check.check_plan(str(demo_plan))
    message = checked.value.message
    assert expected in message and str(demo_plan) in message
    for algorithm_id in PLAN_ALGORITHMS:
        with pytest.raises(QgsProcessingException) as raised:
            algorithms(algorithm_id, demo_plan, tmp_path, source)
        assert message in str(raised.value), algorithm_id
    actions = PlanActions(qgis_iface)
    with pytest.raises(PlanFileError, match=expected.replace("(", r"\(")):  # the dialogs' way in: Open plan
        actions.open_path(str(demo_plan))


def test_a_sound_plan_passes_every_algorithm(demo_plan, tmp_path, source, algorithms):
    for algorithm_id in PLAN_ALGORITHMS:
        _result, warnings = algorithms(algorithm_id, demo_plan, tmp_path, source)
        assert not [w for w in warnings if "unfinished change" in w]


def test_a_shapefile_without_its_dbf_says_so(demo_plan, tmp_path):
    shp = tmp_path / "sites.shp"
    export_sites(str(demo_plan), str(shp), "shp")
    shp.with_suffix(".dbf").unlink()
    with pytest.raises(InvalidInputError, match=r"no \.dbf file.*sites\.dbf"):
        SiteImport(str(demo_plan), str(shp))


# --- leftovers of killed runs -----------------------------------------------------------------------------------

def _leftover(folder: Path, name: str, age_s: float) -> Path:
    path = folder / name
    path.mkdir()
    (path / "part.pdf").write_bytes(b"x" * 1000)
    then = time.time() - age_s
    for item in (path / "part.pdf", path):
        os.utime(item, (then, then))
    return path


def test_an_export_removes_old_staging_folders_only(demo_plan, tmp_path):
    folder = tmp_path / "figures"
    folder.mkdir()
    killed = _leftover(folder, ".pingcheng-export-99999-abcd1234", output_files.STALE_AFTER_S + 60)
    running = _leftover(folder, ".pingcheng-export-99998-efgh5678", 5)  # another export, still writing
    users = _leftover(folder, ".pingcheng-export-notes", 10 * output_files.STALE_AFTER_S)  # a file, see below
    for child in users.iterdir():
        child.unlink()
    users.rmdir()
    users.write_text("a file of the user's that happens to start with the prefix")
    own = _leftover(folder, "my old exports", 10 * output_files.STALE_AFTER_S)
    before = sorted(p.name for p in folder.iterdir())
    result = export_figures(str(demo_plan), str(folder), ExportOptions(figures=("zones",)))
    after = sorted(p.name for p in folder.iterdir())
    assert killed.name in before and killed.name not in after
    assert {running.name, users.name, own.name} <= set(after)
    assert [p for p in after if p.startswith(".pingcheng-export-")] == sorted([running.name, users.name])
    assert len(result.files) == 1


def test_a_cancelled_or_failed_export_leaves_no_staging_folder(demo_plan, tmp_path):
    from pingcheng_plugin.core.support.errors import CancelledError

    folder = tmp_path / "figures"
    folder.mkdir()
    with pytest.raises(CancelledError):
        export_figures(str(demo_plan), str(folder), ExportOptions(figures=("zones", "overall")),
                       lambda percent, *_: percent < 50)
    (folder / "02_生态修复分区图.pdf").mkdir()  # a folder in the way of a figure: the commit fails
    with pytest.raises(Exception, match="is a folder"):
        export_figures(str(demo_plan), str(folder), ExportOptions(figures=("zones",)))
    assert [p.name for p in folder.iterdir()] == ["02_生态修复分区图.pdf"]


def test_an_import_removes_work_folders_of_killed_imports(demo_plan, tmp_path, source, monkeypatch):
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    dead = _dead_pid()
    # named as tempfile.mkdtemp names the plugin's work folders: prefix, process id, 8 random characters
    killed = _leftover(temp, f"pingcheng-import-{dead}-k1ll3d_x", output_files.ORPHAN_AFTER_S + 5)
    alive = _leftover(temp, f"pingcheng-import-{os.getppid()}-a1iv3_xx", output_files.ORPHAN_AFTER_S + 5)
    other = _leftover(temp, "pingcheng-something-else", 10 * output_files.STALE_AFTER_S)
    users = _leftover(temp, "pingcheng-import-notes", 10 * output_files.STALE_AFTER_S)  # not the plugin's
    job = SiteImport(str(demo_plan), str(source))
    try:
        job.analyse()
        working = [p.name for p in temp.iterdir() if p.name.startswith(f"pingcheng-import-{os.getpid()}-")]
        assert len(working) == 1
    finally:
        job.close()
    assert sorted(p.name for p in temp.iterdir()) == sorted([alive.name, other.name, users.name])
    assert killed.name not in {p.name for p in temp.iterdir()}


def _dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_qgis_process_script_removes_its_profile(plugin_package, tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), HOME=str(tmp_path))
    for arguments in (["plugins"], ["run", "pingcheng:nosuchalgorithm"]):  # a run that works, one that fails
        done = subprocess.run([str(ROOT / "scripts" / "qgis-process.sh"), *arguments], env=env,
                              capture_output=True, text=True, timeout=300)
        assert list(temp.iterdir()) == [], done.stderr
