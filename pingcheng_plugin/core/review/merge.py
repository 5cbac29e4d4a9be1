"""Merge a field-review package back into its plan, without losing either side.

1. The package is checked: a -wal beside it (copied while QField had it open), another plan, another package
   format, missing photos or a lost base copy each stop the merge with a message; nothing is touched.
2. GeoDiff lists what the reviewer changed since packing (:mod:`.diff`); the changed rows are read from the package.
3. Each reviewed site is compared with the plan: a site whose row differs from its fingerprint at packing time was
   edited in the plan meanwhile. Where the review would change such a site (a boundary proposal), ``on_conflict``
   says which side wins; the other side is kept in ``review_conflicts``. A site deleted in the plan keeps its
   review and its proposal there too.
4. Accepted proposals are validated like imported sites (the plan's rule table, against the other sites) and get
   fresh derived fields; one that breaks a rule stops the merge, naming the site and the rule.
5. Everything is written in one GDAL transaction (the plan's triggers check the new geometry as for any program),
   with the merge recorded by package id: merging the same package again changes nothing.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from osgeo import gdal, ogr
from qgis.core import QgsGeometry

from ..store import migrations, review_data, schema, site_reader
from ..store.plan_settings import read_config
from ..store.review_schema import SITE_REVIEWS
from ..support import compat
from ..support.errors import InvalidInputError
from ..support.gdalutil import ogr_to_qgis
from ..support.i18n import tr
from ..support.metadata import plugin_metadata
from ..support.progress import Progress, report
from ..validation import sources
from ..validation.engine import SiteValidator
from . import diff, photos
from . import package_format as fmt
from .package_format import ON_CONFLICT as ON_CONFLICT

#: The site fields a reviewer may not change in the package (changes are kept, not applied: see site_changes).
_SITE_FIELDS = tuple(name for name in schema.SITES.field_names())


@dataclass
class SiteReview:
    fid: int
    code: str
    values: Dict[str, object]  # the review columns
    site_changes: Dict[str, object] = field(default_factory=dict)
    proposal: Optional[QgsGeometry] = None
    proposal_note: str = ""


@dataclass
class MergeResult:
    merged: int = 0
    conflicts: int = 0
    proposals_applied: int = 0
    already_merged: bool = False
    warnings: List[str] = field(default_factory=list)
    lines: List[str] = field(default_factory=list)  # per site: what the merge did


def check_package(plan: str, folder: str) -> fmt.PackageInfo:
    """The metadata of the package in ``folder`` once it is known to be whole, of this format and of ``plan``."""
    migrations.require_current(plan)
    folder = os.path.abspath(folder)
    _check_not_open(os.path.join(folder, fmt.GPKG_NAME))
    info = fmt.read_info(folder)
    fmt.check_format(info, plugin_metadata().get("version", ""))
    plan_uuid = review_data.plan_uuid(plan)
    if not plan_uuid or info.values.get("plan_uuid") != plan_uuid:
        raise InvalidInputError(tr("The review package {folder} was prepared from another plan ({source}), not from "
                                   "{plan}. Nothing was merged.").format(
            folder=folder, source=info.values.get("plan_path") or "?", plan=plan))
    return info


def read_reviews(folder: str) -> Tuple[List[SiteReview], MergeResult]:
    """The sites the reviewer changed in the (checked) package, and the warnings reading them gave."""
    result = MergeResult()
    changes = diff.package_changes(folder)
    return _read_reviews(os.path.join(folder, fmt.GPKG_NAME), changes, result), result


def merge_package(plan: str, folder: str, on_conflict: str = "plan", apply_proposals: bool = True,
                  progress: Progress = None, choices: Optional[Dict[str, str]] = None) -> MergeResult:
    """Merge the review package in ``folder`` into ``plan``; ``on_conflict`` 'plan' or 'review'; ``choices``
    (project code → 'plan' or 'review') overrides it per site, as the GUI asks the user."""
    if on_conflict not in ON_CONFLICT or any(side not in ON_CONFLICT for side in (choices or {}).values()):
        raise InvalidInputError(tr("“{value}” is no way to resolve conflicts: use plan or review.").format(
            value=on_conflict))
    folder = os.path.abspath(folder)
    info = check_package(plan, folder)
    version = plugin_metadata().get("version", "")
    done = review_data.merged_at(plan, info.package_id)
    if done is not None:
        return MergeResult(already_merged=True, warnings=[tr(
            "The review package {folder} was already merged into {plan} on {when}; nothing was changed.").format(
            folder=folder, plan=plan, when=done)])
    report(progress, 10, tr("Comparing the package with its base copy (GeoDiff)"))
    reviews, result = read_reviews(folder)
    found_photos = photos.check(folder, reviews)
    report(progress, 40, tr("Comparing the reviewed sites with the plan"))
    now = datetime.datetime.now().replace(microsecond=0)
    plan_rows = _plan_rows(plan, [r.code for r in reviews])
    current = review_data.site_fingerprints(plan, [r.code for r in reviews])
    packed = info.fingerprints
    applied: Dict[str, QgsGeometry] = {}
    conflicts: List[Dict[str, object]] = []
    set_aside: List[Dict[str, object]] = []  # proposals not applied on request, kept beside the conflicts
    result.warnings.extend(_clock_warnings(info, reviews, now))
    for review in reviews:
        if review.code not in current:
            result.warnings.append(tr("Site {code} was deleted from the plan after packaging; its review is kept in "
                                      "{table}.").format(code=review.code, table=SITE_REVIEWS.table))
            if review.proposal is not None:
                conflicts.append(_conflict(info, review, "deleted", "plan", "review", now,
                                           {"note": review.proposal_note}, review.proposal))
            continue
        edited = current[review.code] != packed.get(review.code)
        if edited and review.proposal is None:
            result.warnings.append(tr("Site {code} was edited in the plan after packaging: the review judged the "
                                      "version packed on {when}.").format(code=review.code,
                                                                        when=info.values.get("packaged_at")))
        if review.proposal is None:
            continue
        if not apply_proposals:  # recorded, not applied: it stays at hand in the plan
            set_aside.append(_conflict(info, review, "not_applied", "plan", "review", now,
                                       {"note": review.proposal_note}, review.proposal))
            continue
        if edited:
            fid, values, geometry = plan_rows[review.code]
            if (choices or {}).get(review.code, on_conflict) == "plan":
                conflicts.append(_conflict(info, review, "edited", "plan", "review", now,
                                           {"note": review.proposal_note}, review.proposal))
                continue
            conflicts.append(_conflict(info, review, "edited", "review", "plan", now, values, geometry))
        applied[review.code] = review.proposal
    result.conflicts = len(conflicts)
    conflicts.extend(set_aside)
    updates = _checked_updates(plan, plan_rows, applied, info.values.get("reviewer") or "", now)
    report(progress, 70, tr("Writing the reviews into the plan"))
    copied = photos.copy_into_plan(plan, folder, info.package_id, found_photos)
    try:
        resolution = ("ask" if choices else on_conflict, result.conflicts)
        _write(plan, info, reviews, set(applied), updates, conflicts, copied, resolution, now, version)
    except BaseException:
        photos.remove_copied(plan, info.package_id)
        raise
    result.merged = len(reviews)
    result.proposals_applied = len(updates)
    for review in reviews:
        result.lines.append(tr("{code}: {state}{proposal}").format(
            code=review.code, state=review.values.get("review_state") or fmt.PENDING,
            proposal=tr(", boundary proposal applied") if review.code in applied else ""))
    report(progress, 100)
    return result


def _check_not_open(package: str) -> None:
    """A package copied while QField or QGIS had it open carries its last edits in ``-wal`` beside it: reading the
    GeoPackage alone would miss them, and opening it could fold them in half-copied."""
    wal = package + "-wal"
    if os.path.isfile(wal) and os.path.getsize(wal) > 0:
        raise InvalidInputError(tr(
            "{wal} lies beside the review package: it was copied while QField or QGIS still had it open, and the "
            "latest edits may be only in that file. Open the package in QGIS or QField once, close it, copy the "
            "folder again and merge then. Nothing was merged and both files are untouched.").format(wal=wal))
    if not os.path.isfile(package):
        raise InvalidInputError(tr("{folder} is not a review package: it has no {name}.").format(
            folder=os.path.dirname(package), name=fmt.GPKG_NAME))


def _read_reviews(package: str, changes: diff.PackageChanges, result: MergeResult) -> List[SiteReview]:
    """The sites the reviewer changed and the proposals drawn, read from the package by the fids GeoDiff names."""
    with compat.gdal_error_codes():
        dataset = ogr.Open(package, 0)
        if dataset is None:
            raise InvalidInputError(tr("Cannot read {path}: {error}").format(path=package,
                                                                           error=gdal.GetLastErrorMsg()))
        try:
            sites = dataset.GetLayerByName(schema.SITES.table)
            base = ogr.Open(fmt.base_path(os.path.dirname(package)), 0)
            base_sites = base.GetLayerByName(schema.SITES.table)
            reviews: Dict[str, SiteReview] = {}
            for fid in sorted(changes.sites.updated):
                feature, packed = sites.GetFeature(fid), base_sites.GetFeature(fid)
                code = feature.GetField("project_code")
                review = SiteReview(fid, code, {n: _value(feature, n) for n in fmt.REVIEW_NAMES})
                review.site_changes = {n: _value(feature, n) for n in _SITE_FIELDS
                                       if _value(feature, n) != _value(packed, n)}
                if not _same_geometry(feature, packed):
                    review.site_changes["geometry"] = feature.GetGeometryRef().ExportToWkt() \
                        if feature.GetGeometryRef() is not None else None
                if review.site_changes:
                    result.warnings.append(tr(
                        "The reviewer changed fields of site {code} itself in the package ({fields}); the plan keeps "
                        "its values and the changes are kept in {table}. Draw a boundary proposal to change a "
                        "site's extent.").format(code=code, fields=", ".join(review.site_changes),
                                                 table=SITE_REVIEWS.table))
                reviews[code] = review
            for fid in sorted(changes.sites.deleted | changes.sites.inserted):
                result.warnings.append(tr("Site #{fid} was added or deleted in the package; sites are added and "
                                          "deleted in the plan only, so this is not merged.").format(fid=fid))
            _read_proposals(dataset, sites, changes, reviews)
            base = None
        finally:
            dataset = None
    return list(reviews.values())


def _read_proposals(dataset, sites, changes: diff.PackageChanges, reviews: Dict[str, SiteReview]) -> None:
    layer = dataset.GetLayerByName(fmt.PROPOSALS_TABLE)
    for fid in sorted(changes.proposals.inserted | changes.proposals.updated):  # the last one drawn wins
        feature = layer.GetFeature(fid)
        if feature is None or feature.GetGeometryRef() is None:
            continue
        code = feature.GetField("project_code")
        if code not in reviews:
            packed = [f for f in _features_with_code(sites, code)]
            if not packed:
                raise InvalidInputError(tr("Boundary proposal #{fid} in the package names site “{code}”, which is "
                                           "not in the package. Nothing was merged.").format(fid=fid, code=code))
            reviews[code] = SiteReview(packed[0].GetFID(), code,
                                       {n: _value(packed[0], n) for n in fmt.REVIEW_NAMES})
        geometry = ogr_to_qgis(feature.GetGeometryRef())
        geometry.convertToMultiType()
        reviews[code].proposal = geometry
        reviews[code].proposal_note = feature.GetField("note") or ""


def _features_with_code(layer, code: str):
    layer.SetAttributeFilter(f"project_code = '{str(code).replace(chr(39), chr(39) * 2)}'")
    try:
        return list(layer)
    finally:
        layer.SetAttributeFilter(None)


def _value(feature, name: str):
    index = feature.GetFieldIndex(name)
    if index < 0 or not feature.IsFieldSetAndNotNull(index):
        return None
    return feature.GetField(index)


def _same_geometry(a, b) -> bool:
    ga, gb = a.GetGeometryRef(), b.GetGeometryRef()
    if ga is None or gb is None:
        return ga is None and gb is None
    return bytes(ga.ExportToIsoWkb()) == bytes(gb.ExportToIsoWkb())


def _plan_rows(plan: str, codes: List[str]) -> Dict[str, Tuple[int, Dict[str, object], QgsGeometry]]:
    """code → (fid, every field's value, geometry) of the plan's sites ``codes`` as they are now."""
    wanted = set(codes)
    records = site_reader.read_sites(plan, list(schema.SITES.field_names()))
    return {str(r.value("project_code")): (r.fid, {k: _jsonable(v) for k, v in r.attributes.items()},
                                           r.qgs_geometry())
            for r in records if r.value("project_code") in wanted}


def _jsonable(value):
    if value is None or isinstance(value, (int, float, str, bool)):
        return value
    return str(value)


def _conflict(info: fmt.PackageInfo, review: SiteReview, kind: str, kept: str, lost: str,
              now: datetime.datetime, values: Dict[str, object], geometry: Optional[QgsGeometry]) -> Dict[str, object]:
    return {"package_id": info.package_id, "project_code": review.code, "kind": kind, "kept_side": kept,
            "lost_side": lost, "lost_values": json.dumps(values, ensure_ascii=False, default=str),
            "recorded_at": now, "geometry": geometry}


def _checked_updates(plan: str, plan_rows, applied: Dict[str, QgsGeometry], reviewer: str,
                     now: datetime.datetime) -> Dict[int, Dict[str, object]]:
    """fid → new values (geometry and derived fields) of each site taking a proposal, validated as an import is:
    a proposal that breaks a rule stops the merge."""
    if not applied:
        return {}
    context = sources.context_from_plan(plan)
    everything = site_reader.read_sites(plan, list(sources._SITE_FIELDS))
    targets, updates = [], {}
    for code, geometry in applied.items():
        fid, values, _ = plan_rows[code]
        derived = context.deriver.derive(geometry, values.get("start_year")).as_dict()
        attributes = {name: values.get(name) for name in sources._SITE_FIELDS}
        attributes.update({k: v for k, v in derived.items() if k in attributes})
        targets.append(site_reader.SiteRecord(fid, attributes, geometry))
        updates[fid] = dict(derived, geometry=geometry, modified_at=now, modified_by=reviewer or None)
    target_fids = {t.fid for t in targets}
    others = [r for r in everything if r.fid not in target_fids]
    findings = SiteValidator(context, read_config(plan)).validate(targets, others)
    errors = [f.message for f in findings if f.is_error]
    if errors:
        raise InvalidInputError(tr("A boundary proposal of the review package breaks the plan's rules, so nothing "
                                   "was merged: {errors}. Correct the proposal in the package, or merge without "
                                   "proposals.").format(errors="；".join(errors)))
    return updates


def _write(plan: str, info: fmt.PackageInfo, reviews: List[SiteReview], applied: Set[str],
           updates: Dict[int, Dict[str, object]], conflicts: List[Dict[str, object]], copied: Dict[str, str],
           resolution: Tuple[str, int], now: datetime.datetime, version: str) -> None:
    """The plan's review rows, set-aside rows, site updates and merge record, written by the store at once."""
    on_conflict, conflict_count = resolution
    rows = []
    for review in reviews:
        row = dict(review.values, package_id=info.package_id, project_code=review.code, merged_at=now,
                   proposal_applied=review.code in applied,
                   site_changes=json.dumps(review.site_changes, ensure_ascii=False, default=str)
                   if review.site_changes else None)
        row["review_photo"] = copied.get(review.code, review.values.get("review_photo"))
        row["reviewed_at"] = _datetime(row.get("reviewed_at"))
        rows.append(row)
    review_data.write_merge(plan, rows, conflicts, updates, {
        "package_id": info.package_id, "reviewer": info.values.get("reviewer"),
        "packaged_at": info.values.get("packaged_at"), "due": info.values.get("due") or None,
        "merged_at": now, "merged_sites": len(reviews), "conflicts": conflict_count,
        "on_conflict": on_conflict, "package_folder": info.folder, "plugin_version": version})


def _clock_warnings(info: fmt.PackageInfo, reviews: List[SiteReview], now: datetime.datetime) -> List[str]:
    """A review time before the package was made or after the merge means the laptop's clock was wrong: the time
    is kept as recorded, and the user is told so it is not trusted blindly."""
    try:
        packed = datetime.datetime.fromisoformat(info.values.get("packaged_at", "")).astimezone().replace(tzinfo=None)
    except ValueError:
        return []
    slack = datetime.timedelta(hours=1)
    return [tr("Site {code} was reviewed at {when} by the reviewer's clock, which is {relation} (packed {packed}, "
               "merged {now}): the laptop's clock was probably wrong. The time is kept as recorded.").format(
        code=review.code, when=reviewed, packed=packed.replace(microsecond=0), now=now,
        relation=tr("before the package was made") if reviewed < packed - slack else tr("in the future"))
        for review in reviews
        for reviewed in [_datetime(review.values.get("reviewed_at"))]
        if reviewed is not None and (reviewed < packed - slack or reviewed > now + slack)]


def _datetime(value) -> Optional[datetime.datetime]:
    """A review time as GDAL hands it out ('2025/06/01 10:00:00' or ISO) for the plan's datetime column."""
    if value in (None, ""):
        return None
    text = str(value).replace("/", "-").replace("T", " ").rstrip("Z")
    try:
        return datetime.datetime.fromisoformat(text[:19])
    except ValueError:
        return None
