"""pingcheng:mergereview — merge a review package into its plan (contract: PLAN, PACKAGE, ON_CONFLICT → MERGED,
CONFLICTS)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
)

from ..core.review.package_format import ON_CONFLICT
from ..core.support.i18n import QT_TRANSLATE_NOOP, tr
from .base import PingchengAlgorithm, progress_reporter
from .params import plan_parameter


class MergeReviewAlgorithm(PingchengAlgorithm):
    ID = "mergereview"
    TITLE = QT_TRANSLATE_NOOP("@default", "Merge review package")
    GROUP_ID = "review"
    HELP = QT_TRANSLATE_NOOP(
        "@default",
        "Merges the review package folder PACKAGE into the plan it was prepared from. GeoDiff lists what the "
        "reviewer changed; each reviewed site's state, finding, comment, photos (copied beside the plan), reviewer, "
        "time and position go into the plan's table site_reviews, and boundary proposals replace the site's "
        "extent after the same validation as an import (derived fields recomputed). A site edited in the plan since "
        "packaging is a conflict: ON_CONFLICT plan keeps the plan's site, review applies the proposal; the side "
        "not taken is kept in review_conflicts, so nothing is lost. APPLY_PROPOSALS false records the reviews "
        "only. MERGED counts the sites merged, CONFLICTS the conflicts; merging a package again changes nothing "
        "(MERGED 0). A package from another plan or another plugin version, with missing photos, or with a -wal "
        "file beside it (copied while open in QField) is refused and nothing changes.")

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter())
        self.addParameter(QgsProcessingParameterFile(
            "PACKAGE", tr("Review package folder"), behavior=QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterEnum(
            "ON_CONFLICT", tr("When a site was edited in the plan meanwhile, keep"), options=list(ON_CONFLICT),
            defaultValue="plan", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "APPLY_PROPOSALS", tr("Apply boundary proposals"), defaultValue=True))
        self.addOutput(QgsProcessingOutputNumber("MERGED", tr("Sites merged")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICTS", tr("Conflicts")))
        self.addOutput(QgsProcessingOutputNumber("PROPOSALS_APPLIED", tr("Boundary proposals applied")))

    def run_algorithm(self, parameters, context, feedback):
        from ..core.review.merge import merge_package  # on first use: see provider.py

        result = merge_package(
            self.parameterAsFile(parameters, "PLAN", context),
            self.parameterAsFile(parameters, "PACKAGE", context),
            self.parameterAsEnumString(parameters, "ON_CONFLICT", context) or "plan",
            self.parameterAsBoolean(parameters, "APPLY_PROPOSALS", context), progress_reporter(feedback))
        for warning in result.warnings:
            feedback.pushWarning(warning)
        for line in result.lines:
            feedback.pushInfo(line)
        return {"MERGED": result.merged, "CONFLICTS": result.conflicts,
                "PROPOSALS_APPLIED": result.proposals_applied}
