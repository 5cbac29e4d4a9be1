"""Prepare a field-review package: the chosen sites and the plan layers in one self-contained folder.

The package is built in a hidden folder beside the target and renamed into place only when whole, so a failure
leaves no half package. The plan gets one metadata entry (its uuid, on the first package) and nothing else.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsFeatureRequest

from ..store import control_data, migrations, plan_data, review_data, schema
from ..store.plan_settings import read_config
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from ..support.metadata import plugin_metadata
from ..support.progress import Progress, report
from . import package_base, package_project
from . import package_format as fmt

STAGING_PREFIX = ".pingcheng-review-"


@dataclass
class PrepareResult:
    folder: str
    site_codes: List[str]
    package_id: str
    warnings: List[str] = field(default_factory=list)  # base layers left out or needing a network


def prepare_package(plan: str, expression: str, reviewer: str, output: str, due: str = "",
                    progress: Progress = None) -> PrepareResult:
    """Write the review package of the plan's sites matching ``expression`` (all when empty) into the folder
    ``output`` (new or empty). ``due``: the date the review is due (YYYY-MM-DD), optional."""
    migrations.require_current(plan)
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise InvalidInputError(tr("Name the reviewer: the package records who reviews the sites."))
    due = _checked_due(due)
    output = os.path.abspath(output)
    _check_output(output)
    sites = select_sites(plan, expression or "")
    report(progress, 10, tr("{count} sites chosen for review").format(count=len(sites)))
    plan_uuid = review_data.plan_uuid(plan, create=True)  # the plan's only change
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(staging, 0o777 & ~mask)  # mkdtemp's folder is private; the package is an ordinary folder
    package_id = str(uuid.uuid4())
    codes = [code for _, code in sites]
    try:
        package_gpkg = os.path.join(staging, fmt.GPKG_NAME)
        review_data.write_package(plan, package_gpkg, fmt.PLAN_SPECS, [fid for fid, _ in sites], reviewer)
        report(progress, 40, tr("Cutting the base layers to the sites"))
        window = package_base.sites_window(package_gpkg)
        # the bureau's control layers near the sites and the sites' results: reviewers check them in the field
        control_data.copy_for_sites(plan, package_gpkg, [fid for fid, _ in sites], (
            window.xMinimum(), window.yMinimum(), window.xMaximum(), window.yMaximum()))
        base = package_base.pack_base_layers(plan, staging, window)
        report(progress, 50, tr("Writing the review project"))
        package_project.write_project(staging, reviewer, read_config(plan), base.layers)
        review_data.write_key_values(package_gpkg, fmt.META_TABLE, {
            "package_id": package_id, "package_format": str(fmt.PACKAGE_FORMAT),
            "plugin_version": plugin_metadata().get("version", ""), "plan_uuid": plan_uuid,
            "plan_path": os.path.abspath(plan), "plan_title": fmt.plan_title(),
            "packaged_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "reviewer": reviewer, "due": due, "site_codes": json.dumps(codes, ensure_ascii=False),
            "fingerprints": json.dumps(review_data.site_fingerprints(plan, codes), ensure_ascii=False),
        })
        os.makedirs(os.path.join(staging, fmt.PHOTO_FOLDER))
        os.makedirs(os.path.join(staging, fmt.BASE_FOLDER))
        review_data.finish_package(package_gpkg, fmt.base_path(staging))  # GeoDiff's base: the package as packed
        report(progress, 90)
        if os.path.isdir(output):
            os.rmdir(output)  # empty (checked above): the complete package takes its place
        os.rename(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report(progress, 100)
    return PrepareResult(output, codes, package_id, base.warnings)


def _checked_due(due: str) -> str:
    due = (due or "").strip()
    if due:
        try:
            datetime.date.fromisoformat(due)
        except ValueError as err:
            raise InvalidInputError(tr("The due date “{due}” is not a date (write it as 2025-06-30).").format(
                due=due)) from err
    return due


def _check_output(output: str) -> None:
    if os.path.isfile(output):
        raise InvalidInputError(tr("{path} is a file; choose a new or empty folder for the review package.").format(
            path=output))
    if os.path.isdir(output) and os.listdir(output):
        raise InvalidInputError(tr("The folder {path} is not empty; choose a new or empty folder for the review "
                                   "package.").format(path=output))


def select_sites(plan: str, expression: str) -> List[Tuple[int, str]]:
    """(fid, project code) of the plan's sites matching the QGIS ``expression`` (every site when empty)."""
    layer = plan_data.open_layer(plan, schema.SITES)
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    parsed: Optional[QgsExpression] = None
    if expression.strip():
        parsed = QgsExpression(expression)
        if parsed.hasParserError():
            raise InvalidInputError(tr("The site expression “{expression}” is not valid: {error}").format(
                expression=expression, error=parsed.parserErrorString()))
        parsed.prepare(context)
        if parsed.needsGeometry():
            request = QgsFeatureRequest()
    chosen = []
    for feature in layer.getFeatures(request):
        if parsed is not None:
            context.setFeature(feature)
            value = parsed.evaluate(context)
            if parsed.hasEvalError():
                raise InvalidInputError(tr("The site expression “{expression}” fails: {error}").format(
                    expression=expression, error=parsed.evalErrorString()))
            if not value:
                continue
        code = feature["project_code"]
        if code in (None, "") or str(code) == "NULL":
            raise InvalidInputError(tr("Site “{name}” has no project code yet; save the plan in QGIS so it gets "
                                       "one, then prepare the package.").format(name=feature["name"]))
        chosen.append((feature.id(), str(code)))
    if not chosen:
        raise InvalidInputError(tr("No site of the plan matches “{expression}”: there is nothing to review.").format(
            expression=expression))
    return chosen
