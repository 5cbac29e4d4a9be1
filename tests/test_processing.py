"""The Processing interface (a public contract, see docs/processing.md), in process and headless."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

from pingcheng_plugin.core.store import gpkg
from tests.helpers import ROOT


@pytest.fixture
def provider(plugin):
    return QgsApplication.processingRegistry().providerById("pingcheng")


def run(algorithm_id, parameters):
    import processing

    return processing.run(algorithm_id, parameters, feedback=QgsProcessingFeedback())


def test_createplan_parameters_are_the_contract(provider):
    algorithm = QgsApplication.processingRegistry().algorithmById("pingcheng:createplan")
    names = [p.name() for p in algorithm.parameterDefinitions()]
    assert names[:3] == ["OUTPUT", "DEMO", "OVERWRITE"]
    assert [o.name() for o in algorithm.outputDefinitions()] == ["OUTPUT"]
    assert algorithm.shortHelpString()


def test_createplan_runs(provider, qgis_processing, tmp_path):
    target = tmp_path / "规划 plan.gpkg"
    result = run("pingcheng:createplan", {"OUTPUT": str(target), "DEMO": True})
    assert result["OUTPUT"] == str(target)
    assert gpkg.read_meta(str(target)).schema_version >= 2


def test_createplan_refuses_to_overwrite(provider, qgis_processing, demo_plan):
    before = demo_plan.read_bytes()
    with pytest.raises(QgsProcessingException, match="already exists"):
        run("pingcheng:createplan", {"OUTPUT": str(demo_plan), "DEMO": False})
    assert demo_plan.read_bytes() == before
    run("pingcheng:createplan", {"OUTPUT": str(demo_plan), "DEMO": False, "OVERWRITE": True})
    assert demo_plan.read_bytes() != before


def test_qgis_process_runs_createplan_headless(plugin_package, tmp_path):
    """The same algorithm through qgis_process.bin and the system Python (Debian's shapely 1.8 path)."""
    target = tmp_path / "headless plan.gpkg"
    env = dict(os.environ, HOME=str(tmp_path))
    done = subprocess.run([str(ROOT / "scripts" / "qgis-process.sh"), "run", "pingcheng:createplan", "--",
                           f"OUTPUT={target}", "DEMO=true"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert target.exists()
    info = gpkg.read_meta(str(target))
    assert info.schema_version >= 2
    import sqlite3
    with sqlite3.connect(target) as con:
        codes = [r[0] for r in con.execute("SELECT project_code FROM project_sites ORDER BY fid")]
        zones = [r[0] for r in con.execute("SELECT zone_code FROM project_sites ORDER BY fid")]
    assert codes and all(c and c.startswith("140213-") for c in codes) and zones and all(zones)


def _documented_names(text: str, algorithm_id: str):
    """The upper-case names in the table row of ``algorithm_id`` (parameters and outputs)."""
    row = next(line for line in text.splitlines() if line.startswith(f"| `{algorithm_id}`"))
    return set(re.findall(r"`([A-Z][A-Z_]+)`", row))


@pytest.mark.parametrize("document", ["README.md", "docs/processing.md"])
def test_every_parameter_and_output_is_documented(provider, document):
    """The README (the users' copy) and docs/processing.md list exactly the parameters and outputs of every
    algorithm, and exactly the algorithms there are."""
    text = (ROOT / document).read_text(encoding="utf-8")
    differences = {}
    for algorithm in provider.algorithms():
        names = {p.name() for p in algorithm.parameterDefinitions()}
        names |= {o.name() for o in algorithm.outputDefinitions()}
        documented = _documented_names(text, algorithm.id())
        if names != documented:  # both ways: nothing missing, nothing stale
            differences[algorithm.id()] = {"undocumented": sorted(names - documented),
                                           "no such parameter": sorted(documented - names)}
    assert differences == {}
    documented_ids = set(re.findall(r"^\| `(pingcheng:\w+)`", text, re.M))
    assert documented_ids == {a.id() for a in provider.algorithms()}
