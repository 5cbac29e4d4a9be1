"""The tables and fields of field review, described once like :mod:`.schema`: the review columns a package's sites
carry, the proposals layer of a package, and the review tables a merge adds to a plan.

The plan's review tables are ordinary GeoPackage layers (QGIS lists them; the conflicts layer holds the geometry
that lost), created by the first merge inside the merge's own transaction: a plan that never had a review is
unchanged, and a failed merge leaves no empty table behind. Together they are the sites' review history.
"""

from __future__ import annotations

from .schema import FieldSpec, LayerSpec

PENDING = "待核查"
PACKAGE_META_TABLE = "review_package"
PROPOSALS_TABLE = "review_proposals"
#: The key in the plan's pingcheng_meta that ties packages to their plan (copies of a plan share it).
PLAN_UUID_KEY = "plan_uuid"

#: Review columns added to the package's site table (and kept per site and package in the plan's review table).
REVIEW_FIELDS = (
    FieldSpec("review_state", "text", "核查状态", "Review state", not_null=True, default_sql=f"'{PENDING}'"),
    FieldSpec("review_finding", "text", "核查发现", "Finding"),
    FieldSpec("review_comment", "text", "核查意见", "Comment"),
    FieldSpec("review_photo", "text", "现场照片", "Photo", help_zh="照片文件相对于核查包文件夹的路径，多张以 ; 分隔"),
    FieldSpec("reviewer", "text", "核查人", "Reviewer"),
    FieldSpec("reviewed_at", "datetime", "核查时间", "Reviewed at"),
    FieldSpec("review_lon", "real", "核查位置经度", "Position longitude"),
    FieldSpec("review_lat", "real", "核查位置纬度", "Position latitude"),
)
REVIEW_NAMES = tuple(f.name for f in REVIEW_FIELDS)

PROPOSALS = LayerSpec(
    PROPOSALS_TABLE, "范围修改建议", "Boundary proposals", "MultiPolygon",
    (
        FieldSpec("project_code", "text", "项目编码", "Project code", not_null=True),
        FieldSpec("note", "text", "说明", "Note"),
        FieldSpec("proposed_by", "text", "提出人", "Proposed by"),
        FieldSpec("proposed_at", "datetime", "提出时间", "Proposed at"),
    ),
    in_project=False,
)

_PACKAGE = FieldSpec("package_id", "text", "核查包编号", "Package id", not_null=True)
_CODE = FieldSpec("project_code", "text", "项目编码", "Project code", not_null=True)

SITE_REVIEWS = LayerSpec(
    "site_reviews", "项目核查记录", "Site reviews", None,
    (_PACKAGE, _CODE) + REVIEW_FIELDS + (
        FieldSpec("site_changes", "text", "核查包中对项目字段的修改", "Site fields changed in the package",
                  help_zh="JSON：核查人在核查包中改动的项目字段（未写入规划）"),
        FieldSpec("proposal_applied", "bool", "已采用范围建议", "Boundary proposal applied", not_null=True,
                  default_sql="0"),
        FieldSpec("merged_at", "datetime", "合并时间", "Merged at"),
    ),
    in_project=False,
)

REVIEW_MERGES = LayerSpec(
    "review_merges", "核查包合并记录", "Review merges", None,
    (
        FieldSpec("package_id", "text", "核查包编号", "Package id", not_null=True, unique=True),
        FieldSpec("reviewer", "text", "核查人", "Reviewer"),
        FieldSpec("packaged_at", "text", "打包时间", "Packaged at"),
        FieldSpec("due", "text", "核查期限", "Due"),
        FieldSpec("merged_at", "datetime", "合并时间", "Merged at"),
        FieldSpec("merged_sites", "int", "合并项目数", "Sites merged"),
        FieldSpec("conflicts", "int", "冲突数", "Conflicts"),
        FieldSpec("on_conflict", "text", "冲突处理", "On conflict"),
        FieldSpec("package_folder", "text", "核查包位置", "Package folder"),
        FieldSpec("plugin_version", "text", "插件版本", "Plugin version"),
    ),
    in_project=False,
)

REVIEW_CONFLICTS = LayerSpec(
    "review_conflicts", "核查冲突留存", "Review conflicts", "MultiPolygon",
    (
        _PACKAGE, _CODE,
        FieldSpec("kind", "text", "冲突类型", "Kind",
                  help_zh="edited：打包后规划中已修改；deleted：规划中已删除；not_applied：合并时未采用的范围建议"),
        FieldSpec("kept_side", "text", "采用", "Kept", help_zh="plan 或 review"),
        FieldSpec("lost_side", "text", "留存", "Set aside", help_zh="plan 或 review：本行保存的一方"),
        FieldSpec("lost_values", "text", "留存字段值", "Values set aside", help_zh="JSON"),
        FieldSpec("recorded_at", "datetime", "记录时间", "Recorded at"),
    ),
    in_project=False,
)

PLAN_TABLES = (SITE_REVIEWS, REVIEW_MERGES, REVIEW_CONFLICTS)
