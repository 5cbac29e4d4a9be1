"""What a review report shows, read into plain objects (every translation happens here, as in the figure and
summary pipelines): per review its site, state, finding, comment, reviewer, time and photos; totals per state and
per reviewer.

The reviews come from the plan's ``site_reviews`` table (every merged review, or those of one merged package), or,
for a package not merged yet, from the package's own sites, so a reviewer can report before coming back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..store import migrations, review_data
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from . import package_format as fmt
from . import photos as photo_links


@dataclass
class ReviewEntry:
    code: str
    name: str
    state: str
    finding: str
    comment: str
    reviewer: str
    reviewed_at: str
    photos: List[str] = field(default_factory=list)  # absolute paths of the photos found
    missing_photos: List[str] = field(default_factory=list)  # links whose file is not there


@dataclass
class ReviewReport:
    title: str
    source: str  # what the report covers, in words
    layers_path: str  # the GeoPackage whose boundary, zones and sites the location maps draw
    entries: List[ReviewEntry]
    state_totals: List[Tuple[str, int]]
    reviewer_totals: List[Tuple[str, int]]
    labels: Dict[str, str]


def labels() -> Dict[str, str]:
    """The report's headings, translated once here and handed to the template and the layout as they are."""
    return {
        "title": tr("Field review report"), "state": tr("Review state"), "finding": tr("Finding"),
        "comment": tr("Comment"), "reviewer": tr("Reviewer"), "time": tr("Reviewed at"), "photos": tr("Photos"),
        "map": tr("Location"), "totals_state": tr("Totals per state"), "totals_reviewer": tr("Totals per reviewer"),
        "count": tr("Sites"), "total": tr("Total"), "missing_photo": tr("Photo missing: {path}"),
        "no_map": tr("The site is no longer in the plan: no location map."), "no_photo": tr("No photo"),
        "code": tr("Project code"), "name": tr("Site"), "sites": tr("Reviewed sites"),
    }


def read_report(plan: str, package: str = "") -> ReviewReport:
    """The report of ``package`` (a package folder; merged or not) or, when empty, of every merged review."""
    migrations.require_current(plan)
    plan = os.path.abspath(plan)
    if package:
        folder = os.path.abspath(package)
        info = fmt.read_info(folder)
        plan_uuid = review_data.plan_uuid(plan)
        if not plan_uuid or info.values.get("plan_uuid") != plan_uuid:
            raise InvalidInputError(tr("The review package {folder} was prepared from another plan ({source}), not "
                                       "from {plan}: no report was written.").format(
                folder=folder, source=info.values.get("plan_path") or "?", plan=plan))
        if review_data.merged_at(plan, info.package_id) is not None:
            entries = _merged(plan, info.package_id)
            source = tr("Review package {folder} (reviewer {reviewer}), merged into the plan").format(
                folder=folder, reviewer=info.values.get("reviewer") or "?")
            layers_path = plan
        else:
            entries = _unmerged(folder)
            source = tr("Review package {folder} (reviewer {reviewer}), not merged yet").format(
                folder=folder, reviewer=info.values.get("reviewer") or "?")
            layers_path = os.path.join(folder, fmt.GPKG_NAME)
    else:
        entries = _merged(plan, None)
        source = tr("Every review merged into {plan}").format(plan=plan)
        layers_path = plan
    if not entries:
        raise InvalidInputError(tr("There are no reviews to report in {source}: merge a review package into the "
                                   "plan first, or choose a package.").format(source=package or plan))
    return ReviewReport(labels()["title"], source, layers_path, entries, _state_totals(entries),
                        _reviewer_totals(entries), labels())


def _merged(plan: str, package_id: Optional[str]) -> List[ReviewEntry]:
    return [_entry(row, os.path.dirname(plan)) for row in review_data.merged_reviews(plan, package_id)]


def _unmerged(folder: str) -> List[ReviewEntry]:
    return [_entry(row, folder) for row in review_data.package_reviews(os.path.join(folder, fmt.GPKG_NAME))]


def _entry(row, base: str) -> ReviewEntry:
    code, name, state, finding, comment, reviewer, reviewed_at, photo = row
    entry = ReviewEntry(str(code), _text(name) or tr("(deleted from the plan)"), _text(state) or fmt.PENDING,
                        _text(finding), _text(comment), _text(reviewer), _time(reviewed_at))
    for link in photo_links.links(photo):
        path = link if os.path.isabs(link) else os.path.normpath(os.path.join(base, link))
        (entry.photos if os.path.isfile(path) else entry.missing_photos).append(path if os.path.isfile(path)
                                                                              else link)
    return entry


def _text(value) -> str:
    return "" if value is None else str(value)


def _time(value) -> str:
    """A stored review time shown to the second ('2026-05-01 10:00:00'), whatever form GDAL or QGIS wrote."""
    text = _text(value).replace("T", " ").rstrip("Z")
    return text[:19]


def _state_totals(entries: List[ReviewEntry]) -> List[Tuple[str, int]]:
    """Every state of the plan's list (zeros included), then any other value found, in order of appearance."""
    counts: Dict[str, int] = {state: 0 for state, _ in fmt.STATES}
    for entry in entries:
        counts[entry.state] = counts.get(entry.state, 0) + 1
    return list(counts.items())


def _reviewer_totals(entries: List[ReviewEntry]) -> List[Tuple[str, int]]:
    counts: Dict[str, int] = {}
    for entry in entries:
        name = entry.reviewer or tr("(no reviewer)")
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
