"""Small helpers every kind of test uses: where the project is, a plan's layers, waiting for a task, reading and
changing a plan GeoPackage behind QGIS's back, read-only files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QEventLoop, QTimer

ROOT = Path(__file__).resolve().parent.parent.parent


def gdal_codes(function):
    """Decorator: GDAL reports failures by return value inside ``function``, as the plugin's own calls do (newer
    GDAL warns when a program has not chosen, and GDAL 4 will raise)."""
    import functools

    from pingcheng_plugin.core.support import compat

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with compat.gdal_error_codes():
            return function(*args, **kwargs)

    return wrapper



@gdal_codes
def open_dataset(path, update: bool = False, drivers=None):
    """``path`` opened with GDAL (vector or raster), failures reported by return value as in the plugin."""
    from osgeo import gdal

    return gdal.OpenEx(str(path), gdal.OF_UPDATE if update else gdal.OF_READONLY, allowed_drivers=drivers or [])


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
        loop.exec()


def sql(path, statement, *args):
    """Read the GeoPackage directly (plain sqlite3, no QGIS)."""
    with sqlite3.connect(path) as con:
        return con.execute(statement, args).fetchall()


@gdal_codes
def edit(path, statement, *args):
    """Change the GeoPackage through GDAL (its R-tree triggers need GDAL's ST_ functions); ? takes SQL literals."""
    from osgeo import gdal

    from pingcheng_plugin.core.store import gpkg

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


@contextmanager
def ui_locale(name: str) -> Iterator[None]:
    """QGIS's UI language overridden to ``name`` ('zh-Hans', 'en_US'), as a user sets it in QGIS's options."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", name)
    try:
        yield
    finally:
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")
