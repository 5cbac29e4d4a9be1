"""The one description of every table and field of a plan GeoPackage.

The GeoPackage DDL (``store/gpkg.py``), the QGIS form configuration (``store/forms.py``), the exchange formats
and the summary table all read these specs, so a field is added in one place. Widgets, constraints and default-value
expressions live in ``store/forms.py`` because they need QGIS classes; this module is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

# re-exported: the schema names every constant a plan is built with
from ..rules.funding import FUNDING_FIELDS as FUNDING_FIELDS
from ..rules.funding import FUNDING_SOURCES as FUNDING_SOURCES
from ..rules.thresholds import DEFAULT_BOUNDARY_TOLERANCE_M as DEFAULT_BOUNDARY_TOLERANCE_M
from ..rules.thresholds import DEFAULT_MAX_OVERLAP_M2 as DEFAULT_MAX_OVERLAP_M2
from ..rules.thresholds import DEFAULT_MIN_AREA_HA as DEFAULT_MIN_AREA_HA
from ..support.geodesy import ELLIPSOID as ELLIPSOID
from ..support.geodesy import GEOGRAPHIC_CRS as GEOGRAPHIC_CRS
from ..support.geodesy import STORAGE_CRS as STORAGE_CRS

#: Version of the layout described here. Bump it and add a step to ``core/store/migrations.py`` when it changes.
SCHEMA_VERSION = 5
#: The district's extent in STORAGE_CRS (xmin, ymin, xmax, ymax): the view while a plan has no boundary yet.
DISTRICT_EXTENT = (431000.0, 4427000.0, 449500.0, 4450000.0)
PROJECT_NAME = "pingcheng_plan"  # name of the QGIS project stored inside the GeoPackage
META_TABLE = "pingcheng_meta"
SEQUENCE_TABLE = "pingcheng_sequence"
SUITABILITY_TABLE = "suitability"
PROJECT_CODE_PREFIX = "140213"
#: Default validation thresholds, written into each new plan (pingcheng_meta) where users change them.


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text | int | real | bool | datetime
    alias_zh: str
    alias_en: str
    not_null: bool = False  # enforced by the database
    unique: bool = False  # enforced by the database
    derived: bool = False  # computed, never typed in: read-only in forms
    default_sql: Optional[str] = None  # database DEFAULT, as an SQL literal
    help_zh: str = ""


@dataclass(frozen=True)
class LayerSpec:
    table: str
    title_zh: str
    title_en: str
    geometry: Optional[str]  # 'MultiPolygon' or None for attribute tables
    fields: Tuple[FieldSpec, ...]
    vocabulary_kind: Optional[str] = None  # the plan vocabulary this layer's features are (zone, key_area...)
    in_project: bool = True

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def field_names(self) -> Tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _plan_area_fields(what_zh: str) -> Tuple[FieldSpec, ...]:
    """Fields shared by the corridor, barrier, zone and key-area layers."""
    return (
        FieldSpec("code", "text", "编码", "Code", not_null=True, unique=True),
        FieldSpec("name", "text", f"{what_zh}名称", "Name", not_null=True),
        FieldSpec("name_en", "text", "英文名称", "English name"),
        FieldSpec("description", "text", "规划描述", "Plan description"),
        FieldSpec("area_km2", "real", "椭球面积（平方千米）", "Ellipsoidal area (km²)", derived=True),
        FieldSpec("illustrative", "bool", "示意数据", "Illustrative", not_null=True, default_sql="1",
                  help_zh="1 表示示意范围（规划未公布矢量边界），导入正式成果后为 0"),
        FieldSpec("source", "text", "数据来源", "Source"),
    )


BOUNDARY = LayerSpec(
    "district_boundary", "平城区行政区界", "Pingcheng district boundary", "MultiPolygon",
    (
        FieldSpec("code", "text", "行政区划代码", "Admin code", not_null=True, unique=True),
        FieldSpec("name", "text", "名称", "Name", not_null=True),
        FieldSpec("name_en", "text", "英文名称", "English name"),
        FieldSpec("area_km2", "real", "椭球面积（平方千米）", "Ellipsoidal area (km²)", derived=True),
        FieldSpec("illustrative", "bool", "示意数据", "Illustrative", not_null=True, default_sql="1"),
        FieldSpec("source", "text", "数据来源", "Source"),
    ),
)

NEIGHBOURS = LayerSpec(
    "neighbour_districts", "相邻区", "Neighbouring districts", "MultiPolygon",
    (
        FieldSpec("code", "text", "行政区划代码", "Admin code", not_null=True, unique=True),
        FieldSpec("name", "text", "名称", "Name", not_null=True),
        FieldSpec("name_en", "text", "英文名称", "English name"),
        FieldSpec("illustrative", "bool", "示意数据", "Illustrative", not_null=True, default_sql="1"),
        FieldSpec("source", "text", "数据来源", "Source"),
    ),
)

CORRIDORS = LayerSpec("eco_corridors", "生态廊道", "Ecological corridors", "MultiPolygon",
                      _plan_area_fields("廊道"), vocabulary_kind="corridor")
BARRIERS = LayerSpec("eco_barriers", "生态屏障", "Ecological barriers", "MultiPolygon",
                     _plan_area_fields("屏障"), vocabulary_kind="barrier")
ZONES = LayerSpec("restoration_zones", "生态修复分区", "Restoration zones", "MultiPolygon",
                  _plan_area_fields("分区"), vocabulary_kind="zone")
KEY_AREAS = LayerSpec("key_areas", "生态修复重点区域", "Key restoration areas", "MultiPolygon",
                      _plan_area_fields("重点区域"), vocabulary_kind="key_area")

#: The four restoration modes of the national guidance for 国土空间生态保护修复 (not the district plan's wording):
#: code, Chinese, English. Sites store the codes of one or more as QGIS's value-relation list {"BHBY","ZRHF"}.
RESTORATION_MODES: Tuple[Tuple[str, str, str], ...] = (
    ("BHBY", "保护保育", "Protection and conservation"), ("ZRHF", "自然恢复", "Natural recovery"),
    ("FZZS", "辅助再生", "Assisted regeneration"), ("STCJ", "生态重建", "Ecological reconstruction"),
)

SITES = LayerSpec(
    "project_sites", "重点工程项目", "Key project sites", "MultiPolygon",
    (
        FieldSpec("project_code", "text", "项目编码", "Project code", unique=True, derived=True,
                  help_zh="保存时自动生成：140213-类型代码-序号，删除后不再复用"),
        FieldSpec("name", "text", "项目名称", "Project name", not_null=True),
        FieldSpec("project_type", "text", "项目类型", "Project type"),
        FieldSpec("status", "text", "项目状态", "Status", default_sql="'planned'"),
        FieldSpec("zone_code", "text", "所在分区", "Restoration zone", derived=True,
                  help_zh="项目占面积最大的生态修复分区"),
        FieldSpec("zone_shares", "text", "分区占比", "Zone shares", derived=True,
                  help_zh="各分区所占面积比例，如 Z1:0.7500;Z3:0.2500"),
        FieldSpec("key_areas", "text", "涉及重点区域", "Key areas", derived=True,
                  help_zh="项目范围涉及的全部生态修复重点区域，如 {\"K3\",\"K7\"}"),
        FieldSpec("start_year", "int", "开工年份", "Start year"),
        FieldSpec("end_year", "int", "完工年份", "End year"),
        FieldSpec("phase", "text", "实施时序", "Phase", derived=True,
                  help_zh="按开工年份：2021–2030年为近期，2031–2035年为远期"),
        FieldSpec("investment", "real", "总投资（万元）", "Total investment (10k CNY)"),
        FieldSpec("funding_source", "text", "资金来源", "Funding source"),
        *(FieldSpec(name, "real", f"{zh}资金（万元）", f"{en} funds (10k CNY)",
                    help_zh="各渠道资金之和应等于总投资（插件规则）") for name, zh, en in FUNDING_SOURCES),
        FieldSpec("implementer", "text", "实施主体", "Implementing body"),
        FieldSpec("responsible_unit", "text", "责任单位", "Responsible unit"),
        FieldSpec("location_town", "text", "建设地点（乡镇/街道）", "Location (township/street)",
                  help_zh="项目所在乡镇或街道名称，手工填写"),
        FieldSpec("location_village", "text", "建设地点（村）", "Location (village)"),
        FieldSpec("restoration_modes", "text", "修复模式", "Restoration modes",
                  help_zh="可多选，如 {\"BHBY\",\"ZRHF\"}（保护保育、自然恢复）"),
        FieldSpec("eco_problems", "text", "主要生态问题", "Main ecological problems"),
        FieldSpec("parent_project", "text", "上级规划项目", "Higher-level plan project",
                  help_zh="《大同市国土空间生态修复规划》中对应项目的编码或名称"),
        FieldSpec("area_ha", "real", "椭球面积（公顷）", "Ellipsoidal area (ha)", derived=True,
                  help_zh="CGCS2000 椭球面积，统计与报表采用此值"),
        FieldSpec("area_proj_ha", "real", "投影面积（公顷）", "Projected area (ha)", derived=True,
                  help_zh="高斯-克吕格投影平面面积，仅供核对，勿与椭球面积混用"),
        FieldSpec("measures", "text", "主要建设内容", "Main measures"),
        FieldSpec("targets", "text", "预期目标/绩效指标", "Expected targets / indicators"),
        FieldSpec("illustrative", "bool", "示意数据", "Illustrative", not_null=True, default_sql="0"),
        FieldSpec("remarks", "text", "备注", "Remarks"),
        FieldSpec("redline_justification", "text", "占用生态保护红线的理由", "Justification for the red line",
                  help_zh="生态保护红线内允许的有限人为活动（如生态修复）的说明；填写后不再提示"),
        FieldSpec("created_at", "datetime", "创建时间", "Created", derived=True),
        FieldSpec("created_by", "text", "创建人", "Created by", derived=True),
        FieldSpec("modified_at", "datetime", "修改时间", "Modified", derived=True),
        FieldSpec("modified_by", "text", "修改人", "Modified by", derived=True),
    ),
)

SUITABILITY = LayerSpec(
    SUITABILITY_TABLE, "项目类型适宜区域", "Project type suitability", None,
    (
        FieldSpec("type_code", "text", "项目类型", "Project type", not_null=True),
        FieldSpec("area_kind", "text", "区域类别", "Area kind", not_null=True, help_zh="zone 或 key_area"),
        FieldSpec("area_code", "text", "区域编码", "Area code", not_null=True),
        FieldSpec("source", "text", "来源", "Source",
                  help_zh="插件写入的默认记录为“插件默认，非规划内容”；在规划库中新增或修改的记录为"
                          "“规划库中修改，非规划内容”"),
    ),
)

MODES = LayerSpec(
    "restoration_modes", "修复模式", "Restoration modes", None,
    (
        FieldSpec("code", "text", "编码", "Code", not_null=True, unique=True),
        FieldSpec("name", "text", "名称", "Name", not_null=True),
        FieldSpec("name_en", "text", "英文名称", "English name"),
    ),
)

#: Plan layers in drawing order, bottom first; all of them become layers of the stored project.
PLAN_LAYERS: Tuple[LayerSpec, ...] = (NEIGHBOURS, BOUNDARY, ZONES, KEY_AREAS, BARRIERS, CORRIDORS, SITES)
#: The plan's 重点工程项目汇总表: the summary table's title and the table figure's name.
SUMMARY_TITLE = f"{SITES.title_zh}汇总表"
ALL_TABLES: Tuple[LayerSpec, ...] = PLAN_LAYERS + (SUITABILITY, MODES)
#: The layer holding each vocabulary kind's geometry.
LAYER_FOR_KIND: Dict[str, LayerSpec] = {
    spec.vocabulary_kind: spec for spec in PLAN_LAYERS if spec.vocabulary_kind is not None
}


def layer_spec(table: str) -> LayerSpec:
    for spec in ALL_TABLES:
        if spec.table == table:
            return spec
    raise KeyError(table)


@dataclass
class PlanInfo:
    """What ``pingcheng_meta`` says about a plan file."""

    schema_version: int
    values: Dict[str, str] = field(default_factory=dict)
