"""Creating a plan GeoPackage: schema, real boundary, optional illustrative layout, styles and stored project.

The file is built under a temporary name in the target folder and moved into place only when complete, so a
failure (or a cancel) never leaves a half-written plan, and an existing file is replaced only when asked.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from typing import Callable, Optional

from . import boundary, demo_data, features, gpkg, plan_data, plan_project, schema
from .errors import CancelledError, PlanFileError, PlanTargetExistsError
from .i18n import tr

Progress = Optional[Callable[[float, str], bool]]  # (percent, step) -> False to cancel


def check_target(path: str, overwrite: bool) -> str:
    """The absolute target path, or a clear error: exists (not overwriting), read-only folder, locked file."""
    if not path or not str(path).strip():
        raise PlanFileError(tr("No file name was given for the plan GeoPackage."))
    target = os.path.abspath(os.path.expanduser(str(path)))
    if not target.lower().endswith(".gpkg"):
        target += ".gpkg"
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise PlanFileError(tr("The folder {folder} does not exist.").format(folder=folder))
    if not _can_write_in(folder):
        raise PlanFileError(tr("The folder {folder} is read-only; choose another folder.").format(folder=folder))
    if os.path.exists(target):
        if not overwrite:
            raise PlanTargetExistsError(tr("{path} already exists. Choose another name or allow overwriting.")
                                        .format(path=target))
        if os.path.isdir(target):
            raise PlanFileError(tr("{path} is a folder.").format(path=target))
        if not _can_replace(target):
            raise PlanFileError(tr("{path} is read-only and cannot be replaced.").format(path=target))
        if gpkg.is_locked(target):
            raise PlanFileError(tr("{path} is in use by another program; close it there and try again.")
                                .format(path=target))
    return target


def _can_write_in(folder: str) -> bool:
    """Try it: permission bits say nothing for root, immutable folders or read-only mounts."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _can_replace(path: str) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False


def create_plan(path: str, demo: bool = False, overwrite: bool = False, progress: Progress = None) -> str:
    """Create a plan GeoPackage at ``path``; returns its absolute path.

    ``demo`` adds the illustrative (示意) corridors, barriers, zones, key areas and sample sites. The file is
    built at its final name (QGIS keeps pooled connections to files it has read, so a file must not be renamed
    after QGIS layers used it); a file being replaced is first moved aside and put back on any failure.
    """
    target = check_target(path, overwrite)
    aside = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.replacing-{os.getpid()}.gpkg")
    if os.path.exists(target):
        os.replace(target, aside)

    def step(percent: float, message: str) -> None:
        if progress is not None and progress(percent, message) is False:
            raise CancelledError(tr("Cancelled: no plan file was written."))

    try:
        _build(target, demo, step)
    except BaseException as err:
        _remove(target)
        if os.path.exists(aside):
            os.replace(aside, target)
        if isinstance(err, (PlanFileError, CancelledError)):
            raise
        if isinstance(err, (OSError, sqlite3.Error, RuntimeError)):
            raise PlanFileError(tr("Creating {path} failed: {error}").format(path=target, error=err)) from err
        raise
    _remove(aside)
    gpkg.checkpoint(target)
    if progress is not None:
        progress(100, tr("Done"))
    return target


def _build(target: str, demo: bool, step: Callable[[float, str], None]) -> None:
    step(0, tr("Creating tables"))
    gpkg.create_schema(target)
    step(15, tr("Adding the district boundary"))
    district = boundary.district()
    features.write_records(target, schema.BOUNDARY.table, [{
        "geometry": district.geometry, "code": district.admin_code, "name": district.name_zh,
        "name_en": district.name_en, "illustrative": True,
        "source": boundary.SOURCE_NOTE.format(code=district.admin_code),
    }])
    features.write_records(target, schema.NEIGHBOURS.table, [{
        "geometry": n.geometry, "code": n.admin_code, "name": n.name_zh, "name_en": n.name_en,
        "illustrative": True, "source": boundary.SOURCE_NOTE.format(code=n.admin_code),
    } for n in boundary.neighbours()])
    if demo:
        step(30, tr("Drawing the illustrative layout"))
        outline = district.geometry
        for spec, records in ((schema.CORRIDORS, demo_data.corridors(outline)),
                              (schema.BARRIERS, demo_data.barriers(outline)),
                              (schema.ZONES, demo_data.zones(outline)),
                              (schema.KEY_AREAS, demo_data.key_areas(outline)),
                              (schema.SITES, demo_data.sites())):
            features.write_records(target, spec.table, records)
        step(50, tr("Deriving site fields"))
        plan_data.recompute_sites(target)
    step(60, tr("Measuring areas"))
    plan_data.recompute_plan_areas(target)
    step(75, tr("Storing styles and the QGIS project"))
    plan_project.write_plan_project(target)


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except OSError:
            pass
