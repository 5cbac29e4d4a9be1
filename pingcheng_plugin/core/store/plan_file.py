"""Creating a plan GeoPackage: schema, real boundary, optional illustrative layout, styles and stored project.

The file is built under a temporary name in the target folder and moved into place only when complete, so a
failure (or a cancel) never leaves a half-written plan, and an existing file is replaced only when asked.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Callable, List

from ..sites import areas
from ..support.errors import CancelledError, PlanFileError, PlanTargetExistsError
from ..support.i18n import tr
from ..support.progress import Progress, report
from ..support.writable import can_replace, can_write_in
from . import base_map, boundary, demo_data, features, gpkg, plan_data, plan_project, schema


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
    if not can_write_in(folder):
        raise PlanFileError(tr("The folder {folder} is read-only; choose another folder.").format(folder=folder))
    if os.path.exists(target):
        if not overwrite:
            raise PlanTargetExistsError(tr("{path} already exists. Choose another name or allow overwriting.")
                                        .format(path=target))
        if os.path.isdir(target):
            raise PlanFileError(tr("{path} is a folder.").format(path=target))
        if not can_replace(target):
            raise PlanFileError(tr("{path} is read-only and cannot be replaced.").format(path=target))
        if gpkg.is_locked(target):
            raise PlanFileError(tr("{path} is in use by another program; close it there and try again.")
                                .format(path=target))
    return target




class PlanBuild:
    """Creating one plan file in two halves: the data (thread-safe: a QgsTask may run it) and the QGIS project
    with styles (main thread: it uses application-wide registries). A failure or cancel in either half removes
    the new file and puts back the one it was replacing.

    The file is built at its final name: QGIS keeps pooled connections to files it has read, so a file must not
    be renamed after QGIS layers used it. A file being replaced is moved aside first.
    """

    def __init__(self, path: str, demo: bool = False, overwrite: bool = False):
        self.target = check_target(path, overwrite)
        self.demo = demo
        self._aside = os.path.join(os.path.dirname(self.target),
                                   f".{os.path.basename(self.target)}.replacing-{os.getpid()}.gpkg")
        self._started = False

    def _guard(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as err:
            self.abort()
            if isinstance(err, (PlanFileError, CancelledError)) or not isinstance(err, Exception):
                raise
            if isinstance(err, (OSError, sqlite3.Error, RuntimeError)):
                raise PlanFileError(tr("Creating {path} failed: {error}").format(path=self.target,
                                                                                 error=err)) from err
            raise

    def build_data(self, progress: Progress = None) -> None:
        """Tables, boundary, optional illustrative layout, derived fields and areas."""
        def step(percent: float, message: str) -> None:
            report(progress, percent, message, tr("Cancelled: no plan file was written."))

        def work() -> None:
            if os.path.exists(self.target):
                os.replace(self.target, self._aside)
            self._started = True
            _build_data(self.target, self.demo, step)

        self._guard(work)

    def finish(self, progress: Progress = None) -> str:
        """Styles and the stored QGIS project (main thread); the replaced file is dropped only now."""
        def work() -> None:
            if progress is not None:
                progress(80, tr("Storing styles and the QGIS project"))
            plan_project.write_plan_project(self.target)

        self._guard(work)
        _remove(self._aside)
        gpkg.checkpoint(self.target)
        if progress is not None:
            progress(100, tr("Done"))
        return self.target

    def abort(self) -> None:
        """Remove what was built and put the replaced file back (safe to call more than once)."""
        if not self._started:
            return
        _remove(self.target)
        if os.path.exists(self._aside):
            os.replace(self._aside, self.target)
        self._started = False


def create_plan(path: str, demo: bool = False, overwrite: bool = False, progress: Progress = None) -> str:
    """Create a plan GeoPackage at ``path`` in one go (on the main thread); returns its absolute path.

    ``demo`` adds the illustrative (示意) corridors, barriers, zones, key areas and sample sites.
    """
    build = PlanBuild(path, demo, overwrite)
    build.build_data(progress)
    return build.finish(progress)


def _build_data(target: str, demo: bool, step: Callable[[float, str], None]) -> None:
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
                              (schema.SITES, _with_planar_area(demo_data.sites()))):
            features.write_records(target, spec.table, records)
        base_map.write_base_map(target)  # the illustrative base the layout was drawn on: rivers, roads, seats
        step(50, tr("Deriving site fields"))
        plan_data.recompute_sites(target)
    step(60, tr("Measuring areas"))
    plan_data.recompute_plan_areas(target)


def _with_planar_area(records: List[dict]) -> List[dict]:
    """Sites with their stored planar area, which the database's minimum-area rule reads; the other derived
    fields follow (recompute_sites)."""
    return [dict(r, area_proj_ha=areas.planar_ha(r["geometry"])) for r in records]


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except OSError:
            pass
