"""Shared fixtures: the plugin loaded the way QGIS loads it, plan GeoPackages in tmp_path, QGIS log forwarding."""

from __future__ import annotations

import configparser
import os
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEventLoop, QTimer

ROOT = Path(__file__).resolve().parent.parent
PLAN_TEXT = ROOT.parent / "shared" / "plan" / "pingcheng_eco_restoration_plan_2021-2035_public_draft.txt"

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


@pytest.fixture(scope="session", autouse=True)
def no_wal_for_geopackages(qgis_app):
    """As QGIS's own test suites do: no WAL switch when a GeoPackage layer is edited.

    QGIS opens read-only GeoPackages with NOLOCK and turns a file it edits into WAL mode; with hundreds of plans
    opened and edited in one process, a read-only connection now and then meets a file switching journal mode and
    reads nothing ("unable to open database file"). The plugin's own code behaves the same either way.
    """
    from qgis.core import QgsSettings

    settings = QgsSettings()
    settings.setValue("qgis/walForSqlite3", False)
    yield
    settings.remove("qgis/walForSqlite3")


@pytest.fixture(scope="session", autouse=True)
def forward_qgis_log(qgis_app):
    """QGIS log messages of the plugin appear in pytest's captured output of the failing test."""
    def show(message, tag, level):
        if tag == "Pingcheng" or level >= Qgis.MessageLevel.Critical:
            print(f"[QGIS log {tag} {int(level)}] {message}")

    QgsApplication.messageLog().messageReceived.connect(show)
    yield
    QgsApplication.messageLog().messageReceived.disconnect(show)


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
    from pingcheng_plugin.core import gpkg, plan_file

    if "path" not in _DEMO_CACHE:
        cache = Path(os.environ.get("PYTEST_DEMO_CACHE", str(tmp_path.parent / "demo-cache")))
        cache.mkdir(parents=True, exist_ok=True)
        _DEMO_CACHE["path"] = Path(plan_file.create_plan(str(cache / "demo.gpkg"), demo=True, overwrite=True))
    target = tmp_path / "平城区 演示.gpkg"
    gpkg.copy_database(str(_DEMO_CACHE["path"]), str(target))
    return target


@pytest.fixture
def empty_plan(tmp_path) -> Path:
    from pingcheng_plugin.core import plan_file

    return Path(plan_file.create_plan(str(tmp_path / "empty.gpkg"), demo=False))


@pytest.fixture
def opened_plan(demo_plan, qgis_new_project):
    """The demo plan's stored project read into QgsProject.instance(), as Open plan does."""
    from pingcheng_plugin.core import plan_project

    plan_project.read_plan_project(str(demo_plan), QgsProject.instance())
    yield demo_plan
    QgsProject.instance().clear()


def layer_by_table(project: QgsProject, table: str):
    for layer in project.mapLayers().values():
        if f"layername={table}" in layer.source():
            return layer
    raise KeyError(table)


def wait_for_task(task, timeout_ms: int = 60000) -> None:
    """Run the event loop until a QgsTask ends (QGIS deletes it afterwards: never touch it again)."""
    loop = QEventLoop()
    task.taskCompleted.connect(loop.quit)
    task.taskTerminated.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    if task.status() not in (task.Complete, task.Terminated):
        loop.exec_()


def sql(path, statement, *args):
    """Read the GeoPackage directly (plain sqlite3, no QGIS)."""
    with sqlite3.connect(path) as con:
        return con.execute(statement, args).fetchall()


def edit(path, statement, *args):
    """Change the GeoPackage through GDAL (its R-tree triggers need GDAL's ST_ functions); ? takes SQL literals."""
    from osgeo import gdal

    from pingcheng_plugin.core import gpkg

    for arg in args:
        statement = statement.replace("?", gpkg.sql_literal(arg), 1)
    gdal.ErrorReset()
    dataset = gdal.OpenEx(str(path), gdal.OF_UPDATE | gdal.OF_VECTOR)
    dataset.ExecuteSQL(statement)
    dataset = None
    assert gdal.GetLastErrorMsg() == "", gdal.GetLastErrorMsg()


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """A file or folder nobody may write to, for the block: immutable for root (permission bits do not stop
    root), read-only permission bits otherwise."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield path
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


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
