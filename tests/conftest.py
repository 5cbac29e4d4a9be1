"""Shared fixtures: the plugin loaded the way QGIS loads it, plan GeoPackages in tmp_path, QGIS log forwarding."""

from __future__ import annotations

import configparser
import os
from pathlib import Path
from typing import Iterator

import pytest
from qgis.core import Qgis, QgsApplication, QgsProject

from tests.helpers import ROOT

_DEMO_CACHE = {}


def _metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def pytest_report_header(config):
    return f"QGIS {Qgis.QGIS_VERSION}"


@pytest.fixture(scope="session", autouse=True)
def qgis_version_supported(qgis_app):
    """The QGIS under test must be one metadata.txt says the plugin supports."""
    meta = _metadata()
    minimum = [int(p) for p in meta["qgisMinimumVersion"].split(".")]
    maximum = [int(p) for p in meta["qgisMaximumVersion"].split(".")]
    running = [int(p) for p in Qgis.QGIS_VERSION.split("-")[0].split(".")[:2]]
    assert minimum <= running <= maximum, f"QGIS {Qgis.QGIS_VERSION} outside {minimum}..{maximum}"


@pytest.fixture(autouse=True)
def own_settings(qgis_app, tmp_path_factory) -> Iterator[Path]:
    """Every test gets its own QGIS settings file, so nothing one test sets leaks into the next, and plain
    ``pytest`` never writes into a real user profile. QgsSettings are QSettings in INI format: pointing the user
    scope at an empty folder gives each test the defaults.

    The one setting every test shares is made here: no WAL switch when a GeoPackage layer is edited, as QGIS's own
    test suites do. QGIS opens read-only GeoPackages with NOLOCK and turns a file it edits into WAL mode; with
    hundreds of plans opened and edited in one process, a read-only connection now and then meets a file switching
    journal mode and reads nothing ("unable to open database file"). The plugin's own code behaves the same either
    way.
    """
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QSettings

    before = Path(QgsSettings().fileName()).parent.parent  # <folder>/QGIS/QGIS3.ini
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QgsSettings().setValue("qgis/walForSqlite3", False)
    yield folder
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(before))


@pytest.fixture(scope="session", autouse=True)
def gdal_return_codes():
    """The tests' own GDAL calls report failures by return value, the mode the plugin's calls choose for
    themselves (compat.gdal_error_codes): GDAL 3.9+ otherwise warns on a test's first call that no mode was
    chosen."""
    from osgeo import gdal, ogr, osr

    for module in (gdal, ogr, osr):
        module.DontUseExceptions()


@pytest.fixture(scope="session", autouse=True)
def forward_qgis_log(qgis_app):
    """QGIS log messages of the plugin appear in pytest's captured output of the failing test."""
    def show(message, tag, level):
        if tag == "Pingcheng" or level >= Qgis.MessageLevel.Critical:
            print(f"[QGIS log {tag} {int(level)}] {message}")

    QgsApplication.messageLog().messageReceived.connect(show)
    yield
    QgsApplication.messageLog().messageReceived.disconnect(show)


@pytest.fixture(scope="session")
def plugin_package(tmp_path_factory) -> Path:
    """The plugin ZIP of ``make package`` (and its unpacked copy in build/, which scripts/qgis-process.sh loads),
    built once per test run. The test run's workers (pytest-xdist) share it: the first to get here builds it under
    a lock in their common temporary folder, the others wait and reuse it, so no worker rebuilds build/ while
    another's qgis_process is loading from it."""
    import fcntl
    import subprocess

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # xdist: <run's basetemp>/<worker>
    with open(shared / "plugin-package.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        built = shared / "plugin-package.built"
        if not built.exists():
            (ROOT / "build").mkdir(exist_ok=True)
            with open(ROOT / "build" / ".package.lock", "a") as checkout:  # another test run in this checkout
                fcntl.flock(checkout, fcntl.LOCK_EX)
                done = subprocess.run(["make", "-s", "package"], cwd=ROOT, capture_output=True, text=True)
            if done.returncode:
                pytest.fail(f"make package failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
            built.write_text("built\n")
    return ROOT / "dist" / f"pingcheng_plugin-{_metadata()['version']}.zip"


@pytest.fixture
def plugin(qgis_iface, qgis_new_project):
    """The plugin as QGIS loads it: classFactory(iface), initGui(); unload() afterwards."""
    from pingcheng_plugin import classFactory

    instance = classFactory(qgis_iface)
    instance.initGui()
    yield instance
    instance.unload()


@pytest.fixture
def demo_plan(tmp_path) -> Path:
    """A fresh copy of a demo plan GeoPackage (built once per session, copied per test)."""
    from pingcheng_plugin.core.store import gpkg, plan_file

    if "path" not in _DEMO_CACHE:
        cache = Path(os.environ.get("PYTEST_DEMO_CACHE", str(tmp_path.parent / "demo-cache")))
        cache.mkdir(parents=True, exist_ok=True)
        _DEMO_CACHE["path"] = Path(plan_file.create_plan(str(cache / "demo.gpkg"), demo=True, overwrite=True))
    target = tmp_path / "平城区 演示.gpkg"
    gpkg.copy_database(str(_DEMO_CACHE["path"]), str(target))
    return target


@pytest.fixture
def empty_plan(tmp_path) -> Path:
    from pingcheng_plugin.core.store import plan_file

    return Path(plan_file.create_plan(str(tmp_path / "empty.gpkg"), demo=False))


@pytest.fixture
def opened_plan(demo_plan, qgis_new_project):
    """The demo plan's stored project read into QgsProject.instance(), as Open plan does."""
    from pingcheng_plugin.core.store import plan_project

    plan_project.read_plan_project(str(demo_plan), QgsProject.instance())
    yield demo_plan
    QgsProject.instance().clear()


@pytest.fixture
def provider(qgis_processing):
    """The plugin's Processing provider, registered the way the plugin's initProcessing does (without the GUI)."""
    from pingcheng_plugin.processing.provider import PingchengProvider

    registry = QgsApplication.processingRegistry()
    added = None
    if registry.providerById("pingcheng") is None:
        added = PingchengProvider()
        registry.addProvider(added)
    yield registry.providerById("pingcheng")
    if added is not None:
        registry.removeProvider(added)


@pytest.fixture(autouse=True)
def message_bar_keeps_show_more(request, monkeypatch):
    """pytest-qgis's message bar records a message's title and text but drops what QGIS puts behind *Show more*;
    tests read what a user can read, so the details are kept after the text (the plugin shows long messages' first
    sentence in the bar and the whole of it behind *Show more*)."""
    if "qgis_iface" not in request.fixturenames and "plugin" not in request.fixturenames:
        yield
        return
    bar = request.getfixturevalue("qgis_iface").messageBar()
    original = bar.pushMessage

    def push(*args, **kwargs):
        if len(args) == 3 and all(isinstance(a, str) for a in args):
            title, text, details = args
            return original(title, f"{text}\n[Show more] {details}", **kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(bar, "pushMessage", push)
    yield
