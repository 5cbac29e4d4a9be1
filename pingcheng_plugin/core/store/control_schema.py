"""The tables of control layers and per-site control results, described once like :mod:`.schema`.

They are not part of the plan's schema version: the first control-layer import creates them inside its own
transaction (a plan that never had a control layer is unchanged, and a failed import leaves no empty table), like
the review tables of :mod:`.review_schema`. One spatial table per kind (re-importing a kind replaces that table's
rows), a register of what was imported from where and when, the per-site areas in each control layer and by land
class. The 生态保护红线 justification is a site field (``project_sites.redline_justification``, schema 5).
"""

from __future__ import annotations

from typing import Dict, Tuple

from ..support.i18n import QT_TRANSLATE_NOOP
from .schema import FieldSpec, LayerSpec

#: Control-layer kinds, in the order they are listed: the public values of ``KIND``.
KINDS: Tuple[str, ...] = ("redline", "farmland", "urban", "protected", "landuse")
TITLES_ZH: Dict[str, str] = {"redline": "生态保护红线", "farmland": "永久基本农田", "urban": "城镇开发边界",
                             "protected": "自然保护地", "landuse": "三调地类图斑"}
TITLES_EN: Dict[str, str] = {
    "redline": QT_TRANSLATE_NOOP("@default", "Ecological protection red line"),
    "farmland": QT_TRANSLATE_NOOP("@default", "Permanent basic farmland"),
    "urban": QT_TRANSLATE_NOOP("@default", "Urban development boundary"),
    "protected": QT_TRANSLATE_NOOP("@default", "Protected areas"),
    "landuse": QT_TRANSLATE_NOOP("@default", "Land survey parcels (DLTB)"),
}
GROUP_TITLE_ZH = "管控图层"
GROUP_TITLE_EN = QT_TRANSLATE_NOOP("@default", "Control layers")

_COMMON = (
    FieldSpec("name", "text", "名称", "Name"),
    FieldSpec("code", "text", "编码", "Code"),
    FieldSpec("source_feature", "text", "源要素", "Source feature"),
    FieldSpec("area_ha", "real", "椭球面积（公顷）", "Ellipsoidal area (ha)"),
)
_LAND = (
    FieldSpec("dlbm", "text", "地类编码", "Land class code"),
    FieldSpec("dlmc", "text", "地类名称", "Land class name"),
    FieldSpec("class_group", "text", "地类分组编码", "Land class group code"),
    FieldSpec("group_name", "text", "地类分组", "Land class group"),
    FieldSpec("known", "bool", "属于 GB/T 21010 或三调工作分类", "In GB/T 21010 or the survey's classification"),
)


def layer_spec(kind: str) -> LayerSpec:
    return LayerSpec(f"control_{kind}", TITLES_ZH[kind], TITLES_EN[kind], "MultiPolygon",
                     _COMMON + (_LAND if kind == "landuse" else ()), in_project=False)


LAYERS: Dict[str, LayerSpec] = {kind: layer_spec(kind) for kind in KINDS}

CONTROL_REGISTER = LayerSpec(
    "control_layers", "管控图层导入记录", "Control layer imports", None,
    (
        FieldSpec("kind", "text", "类别", "Kind", not_null=True, unique=True),
        FieldSpec("title", "text", "名称", "Title"),
        FieldSpec("source_file", "text", "来源文件", "Source file"),
        FieldSpec("imported_at", "datetime", "导入时间", "Imported at"),
        FieldSpec("features", "int", "要素数", "Features"),
        FieldSpec("fixed", "int", "修复几何数", "Geometries repaired"),
        FieldSpec("unknown_codes", "text", "未知地类编码", "Unknown land class codes"),
        FieldSpec("coverage_pct", "real", "覆盖区界比例（%）", "District covered (%)"),
        FieldSpec("source_crs", "text", "来源坐标系", "Source CRS"),
        FieldSpec("encoding", "text", "来源编码", "Source encoding"),
    ),
    in_project=False,
)

SITE_CONTROLS = LayerSpec(
    "site_controls", "项目涉及管控图层", "Sites in control layers", None,
    (
        FieldSpec("site_fid", "int", "项目要素号", "Site fid", not_null=True),
        FieldSpec("project_code", "text", "项目编码", "Project code"),
        FieldSpec("kind", "text", "管控图层", "Control layer", not_null=True),
        FieldSpec("area_ha", "real", "涉及面积（公顷，椭球）", "Area inside (ha, ellipsoidal)"),
        FieldSpec("share", "real", "占项目面积比例", "Share of the site"),
        FieldSpec("names", "text", "涉及名称", "Names touched", help_zh="以“、”分隔"),
        FieldSpec("codes", "text", "涉及编码", "Codes touched", help_zh="以“、”分隔"),
    ),
    in_project=False,
)

SITE_LAND_CLASSES = LayerSpec(
    "site_land_classes", "项目地类面积", "Site land classes", None,
    (
        FieldSpec("site_fid", "int", "项目要素号", "Site fid", not_null=True),
        FieldSpec("project_code", "text", "项目编码", "Project code"),
        FieldSpec("dlbm", "text", "地类编码", "Land class code"),
        FieldSpec("dlmc", "text", "地类名称", "Land class name"),
        FieldSpec("class_group", "text", "地类分组编码", "Land class group code"),
        FieldSpec("group_name", "text", "地类分组", "Land class group"),
        FieldSpec("area_ha", "real", "面积（公顷，椭球）", "Area (ha, ellipsoidal)"),
        FieldSpec("share", "real", "占项目面积比例", "Share of the site"),
        FieldSpec("dominant", "bool", "主导地类", "Dominant class", not_null=True, default_sql="0"),
    ),
    in_project=False,
)

#: Every table a control import makes sure exists.
PLAN_TABLES: Tuple[LayerSpec, ...] = tuple(LAYERS.values()) + (CONTROL_REGISTER, SITE_CONTROLS, SITE_LAND_CLASSES)
