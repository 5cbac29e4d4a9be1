"""Killed in the middle (SIGKILL): the plan opens again, unchanged, and nothing stays behind (issue #13, cases 3, 4).

A child process imports sites into a plan, or exports figures, and is killed with SIGKILL once it is writing; the
test then runs every algorithm on the plan and counts the leftovers before and after the next run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pingcheng_plugin.core.figures import ExportOptions, export_figures
from pingcheng_plugin.core.store import gpkg, plan_check
from pingcheng_plugin.core.support import output_files
from pingcheng_plugin.core.support.errors import PlanFileError
from tests.helpers import ROOT, read_only, sql
from tests.helpers.exchange_files import free_squares, site_row, write_ogr
from tests.test_faults_plans import PLAN_ALGORITHMS, algorithms, source  # noqa: F401 - fixtures used below

_START = """
import os, sys, time
sys.path.insert(0, sys.argv[1])
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
marker = sys.argv[2]

def stop_here():
    open(marker, "w").close()
    time.sleep(600)  # the parent kills us here
"""

_IMPORT = _START + """
from pingcheng_plugin.core.exchange.pipeline import SiteImport
job = SiteImport(sys.argv[3], sys.argv[4])
if job.decision.how == "guessed" and not job.decision.problem:
    job.choose_crs(job.decision.crs, job.decision.swap)
job.analyse()
# progress is reported every 200 sites written: the first report after 0 comes with 200 sites in the transaction
job.commit(lambda percent, message="": percent == 0 or stop_here())
"""

_FIGURES = _START + """
from pingcheng_plugin.core.figures import ExportOptions, export_figures
def progress(percent, message=""):
    if percent > 50:  # some figures are in the staging folder
        stop_here()
    return True
export_figures(sys.argv[3], sys.argv[4], ExportOptions(figures=("overall", "zones", "key_areas")), progress)
"""


def _killed_in_the_middle(script: str, temp: Path, *arguments: str) -> int:
    """Run ``script`` in a child process and SIGKILL it once it says it is writing; returns its process id."""
    marker = temp.parent / "writing"
    # A tiny SQLite page cache makes 200 sites spill into the plan file before the commit, as a large import
    # does: only then is the journal "hot" (before the first spill SQLite has not marked it valid, and the
    # plan file itself is untouched).
    env = dict(os.environ, TMPDIR=str(temp), QT_QPA_PLATFORM="offscreen", OGR_SQLITE_PRAGMA="cache_size=10")
    child = subprocess.Popen([sys.executable, "-c", script, str(ROOT), str(marker), *arguments], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 240
    while not marker.exists():
        if child.poll() is not None or time.time() > deadline:
            child.kill()
            pytest.fail(f"the child ended before writing: {child.communicate()[0].decode(errors='replace')}")
        time.sleep(0.1)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    return child.pid


def _age(folder: Path, seconds: float) -> None:
    then = time.time() - seconds
    for root, dirs, files in os.walk(folder):
        for name in files + dirs:
            os.utime(os.path.join(root, name), (then, then))
    os.utime(folder, (then, then))


@pytest.fixture
def killed_import(demo_plan, tmp_path, source):  # noqa: F811 - the source files are read before the kill
    """The demo plan after an import of 300 sites was killed with 200 of them in the unfinished transaction."""
    squares = free_squares(demo_plan, 300, size=30.0, gap=10.0)
    incoming = write_ogr(tmp_path / "incoming.gpkg", "GPKG", [(site_row(n), g) for n, g in enumerate(squares)])
    temp = tmp_path / "temp"
    temp.mkdir()
    before = sql(demo_plan, "SELECT count(*) FROM project_sites")[0][0]
    pid = _killed_in_the_middle(_IMPORT, temp, str(demo_plan), str(incoming))
    return demo_plan, temp, before, pid


def test_a_killed_import_is_undone_and_every_algorithm_runs(killed_import, tmp_path, source, algorithms):  # noqa: F811
    plan, _temp, before, _pid = killed_import
    journal = Path(str(plan) + "-journal")
    assert journal.stat().st_size > 0  # the hot journal the issue found
    with pytest.raises(PlanFileError, match="readonly"):  # what every algorithm used to say
        gpkg.read_meta(str(plan))
    told = []
    for number, algorithm_id in enumerate(PLAN_ALGORITHMS):
        out = tmp_path / f"run{number}"
        out.mkdir()
        _result, warnings = algorithms(algorithm_id, plan, out, source)
        told += [(algorithm_id, w) for w in warnings if "unfinished change" in w]
    assert [a for a, _ in told] == [next(iter(PLAN_ALGORITHMS))]  # said once, by the first to open the plan
    assert str(plan) in told[0][1]
    assert not journal.exists()
    assert sql(plan, "SELECT count(*) FROM project_sites")[0][0] == before
    assert sql(plan, "PRAGMA integrity_check") == [("ok",)]


def test_a_killed_import_on_a_read_only_plan_says_how_to_recover(killed_import, tmp_path):
    plan, _temp, before, _pid = killed_import
    with read_only(plan):
        with pytest.raises(PlanFileError) as raised:
            plan_check.check_plan(str(plan))
    message = raised.value.message
    assert "read-only" in message and plan.name + "-journal" in message and "writable" in message
    assert Path(str(plan) + "-journal").exists()  # nothing was lost: the undo still waits for write access
    check = plan_check.check_plan(str(plan))
    assert len(check.notes) == 1
    assert sql(plan, "SELECT count(*) FROM project_sites")[0][0] == before


def test_the_next_import_removes_the_killed_imports_work_folder(killed_import, source, monkeypatch):  # noqa: F811
    import tempfile

    from pingcheng_plugin.core.exchange.pipeline import SiteImport

    plan, temp, _before, pid = killed_import
    plan_check.check_plan(str(plan))
    left = [p for p in temp.iterdir() if p.name.startswith(f"pingcheng-import-{pid}-")]
    assert len(left) == 1 and (left[0] / "spool.sqlite").exists()
    _age(left[0], output_files.ORPHAN_AFTER_S + 5)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    job = SiteImport(str(plan), str(source))
    try:
        job.analyse()
    finally:
        job.close()
    assert [p for p in temp.iterdir() if p.name.startswith("pingcheng-")] == []  # (QGIS leaves its own there)


def test_a_killed_figure_export_leaves_only_a_staging_folder_the_next_export_removes(demo_plan, tmp_path):
    folder = tmp_path / "figures"
    folder.mkdir()
    temp = tmp_path / "temp"
    temp.mkdir()
    _killed_in_the_middle(_FIGURES, temp, str(demo_plan), str(folder))
    left = list(folder.iterdir())
    assert len(left) == 1 and left[0].name.startswith(output_files.STAGING_PREFIX)
    assert any(left[0].iterdir())  # the figures written so far
    result = export_figures(str(demo_plan), str(folder), ExportOptions(figures=("zones",)))
    assert left[0].exists()  # too fresh to be a killed run's: it might be another export still writing
    _age(left[0], output_files.STALE_AFTER_S + 60)
    result = export_figures(str(demo_plan), str(folder), ExportOptions(figures=("zones",)))
    assert sorted(p.name for p in folder.iterdir()) == [Path(f).name for f in result.files]
    shutil.rmtree(temp)


def test_open_plan_undoes_the_interrupted_write_and_says_so(killed_import, plugin, qgis_iface):
    plan, _temp, before, _pid = killed_import
    qgis_iface.messageBar().clear_messages()
    assert plugin.plan_actions.open_path(str(plan))
    warnings = qgis_iface.messageBar().get_messages(1)  # Warning
    assert any("unfinished change" in m and plan.name in m for m in warnings), warnings
    assert sql(plan, "SELECT count(*) FROM project_sites")[0][0] == before
