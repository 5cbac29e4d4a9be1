"""What merging a review package would do, per site, before anything is written: the GUI shows it and asks, for
each conflict, which side to keep (Processing has no one to ask: ``ON_CONFLICT`` decides there).

Read with the merge's own checks and GeoDiff reading (:func:`.merge.check_package`, :func:`.merge.read_reviews`),
so the preview and the merge cannot disagree about what changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import List, Optional

from ..store import review_data
from ..support.i18n import tr
from . import package_format as fmt
from .merge import check_package, read_reviews


@dataclass
class SitePreview:
    code: str
    state: str
    finding: str
    comment: str
    proposal: bool  # a boundary proposal was drawn
    edited_in_plan: bool  # the plan's site changed since packaging
    deleted_in_plan: bool
    site_changes: List[str] = field(default_factory=list)  # site fields the reviewer changed (kept, not applied)

    @property
    def conflict(self) -> bool:
        """Both sides changed the site: the plan meanwhile, the review with a boundary proposal."""
        return self.proposal and self.edited_in_plan and not self.deleted_in_plan

    def changes(self) -> str:
        """What the review changes, in words."""
        parts = [tr("state {state}").format(state=self.state)]
        if self.finding or self.comment:
            parts.append(tr("finding and comment"))
        if self.proposal:
            parts.append(tr("boundary proposal"))
        if self.site_changes:
            parts.append(tr("site fields changed in the package (kept aside): {fields}").format(
                fields=", ".join(self.site_changes)))
        if self.deleted_in_plan:
            parts.append(tr("site deleted in the plan meanwhile"))
        elif self.edited_in_plan:
            parts.append(tr("site edited in the plan since packaging"))
        return "; ".join(parts)


@dataclass
class MergePreview:
    folder: str
    reviewer: str
    sites: List[SitePreview]
    warnings: List[str]
    already_merged: Optional[str] = None  # when, for a package merged before

    @property
    def conflicts(self) -> List[SitePreview]:
        return [site for site in self.sites if site.conflict]


def preview_package(plan: str, folder: str) -> MergePreview:
    """Per reviewed site what the merge of ``folder`` into ``plan`` would change; raises what the merge raises."""
    folder = os.path.abspath(folder)
    info = check_package(plan, folder)
    reviewer = info.values.get("reviewer") or ""
    done = review_data.merged_at(plan, info.package_id)
    if done is not None:
        return MergePreview(folder, reviewer, [], [], str(done))
    reviews, read = read_reviews(folder)
    current = review_data.site_fingerprints(plan, [r.code for r in reviews])
    packed = info.fingerprints
    sites = [SitePreview(
        review.code, str(review.values.get("review_state") or fmt.PENDING),
        str(review.values.get("review_finding") or ""), str(review.values.get("review_comment") or ""),
        review.proposal is not None, current.get(review.code) != packed.get(review.code),
        review.code not in current, sorted(review.site_changes)) for review in reviews]
    return MergePreview(folder, reviewer, sites, read.warnings)
