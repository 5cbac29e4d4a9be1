"""The plan's vocabulary: the one place that names what 《大同市平城区国土空间生态修复规划（2021-2035年）》 names.

Every Chinese name here is copied word for word from the plan's public draft (公示稿, 2026-01); the lines that
name them are kept in ``tests/data/plan_excerpt.txt`` and the tests check each name against them. English names
and the stable codes are the plugin's own. Codes are stored in the data
(GeoPackage fields, project codes), so they never change once released; names may be corrected.

Pure Python: no Qt, no QGIS, so Processing, the GUI, templates and tests can all import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

PLAN_TITLE_ZH = "大同市平城区国土空间生态修复规划（2021-2035年）"
PLAN_TITLE_EN = "Territorial Space Ecological Restoration Plan of Pingcheng District, Datong (2021-2035)"
PLAN_ISSUER_ZH = "平城区人民政府"
PLAN_AUTHOR_ZH = "平城区自然资源局"
DISTRICT_NAME_ZH = "平城区"
DISTRICT_NAME_EN = "Pingcheng District"
CITY_NAME_ZH = "大同市"
DISTRICT_ADMIN_CODE = "140213"
#: 规划范围：平城区全域，国土总面积231.64平方公里。
DISTRICT_AREA_KM2 = 231.64
BASE_YEAR = 2020
PLAN_START_YEAR = 2021
PLAN_END_YEAR = 2035
LAYOUT_SLOGAN_ZH = "双廊、两屏、四区"
LAYOUT_SLOGAN_EN = "two corridors, two barriers, four zones"
#: The word the plan's figures use for schematic (non-surveyed) geometry.
ILLUSTRATIVE_ZH = "示意"


@dataclass(frozen=True)
class PlanEntry:
    """One named thing of the plan: a corridor, barrier, zone, key area, project type, phase or status."""

    code: str
    name_zh: str
    name_en: str
    description_zh: Optional[str] = None
    description_en: Optional[str] = None

    def name(self, language: str) -> str:
        """The name in ``language`` ('zh' or 'en'); Chinese is the plan's own and the fallback."""
        return self.name_en if language == "en" else self.name_zh

    def description(self, language: str) -> Optional[str]:
        if language == "en":
            return self.description_en or self.description_zh
        return self.description_zh


@dataclass(frozen=True)
class Phase(PlanEntry):
    """An implementation phase (实施时序) with the calendar years it covers, both inclusive."""

    first_year: int = PLAN_START_YEAR
    last_year: int = PLAN_END_YEAR


@dataclass(frozen=True)
class Neighbour:
    """A neighbouring district named by the plan: 东临云州区，西接云冈区，北依新荣区，南接云冈区、云州区."""

    admin_code: str
    name_zh: str
    name_en: str
    directions_zh: Tuple[str, ...]  # the sides of 平城区 it lies on, as the plan lists them


_CORRIDOR_DESC_ZH = (
    "依托御河和十里河打造自然生态廊道，进行沿线水土流失治理、河道综合整治和水环境治理等，"
    "强化十里河和御河水系连通性和湿地净化水质能力。"
)
_CORRIDOR_DESC_EN = (
    "Natural ecological corridors along the Yuhe and Shili rivers: soil-erosion control along their banks, "
    "comprehensive river regulation and water-environment treatment, strengthening the connectivity of the two "
    "river systems and the wetlands' capacity to purify water."
)
_BARRIER_DESC_ZH = (
    "发挥山区整体生态屏障作用，加强生态保育修复，强化山区水源涵养、水土保持、防风固沙、"
    "生物多样性保护等重要生态服务功能。"
)
_BARRIER_DESC_EN = (
    "The mountains act as a whole ecological barrier: conservation and restoration strengthen water "
    "conservation, soil and water retention, windbreak and sand fixation, and biodiversity protection."
)

#: 双廊
CORRIDORS: Tuple[PlanEntry, ...] = (
    PlanEntry("C1", "御河湿地生态廊道", "Yuhe River Wetland Ecological Corridor",
              _CORRIDOR_DESC_ZH, _CORRIDOR_DESC_EN),
    PlanEntry("C2", "十里河湿地生态廊道", "Shili River Wetland Ecological Corridor",
              _CORRIDOR_DESC_ZH, _CORRIDOR_DESC_EN),
)

#: 两屏
BARRIERS: Tuple[PlanEntry, ...] = (
    PlanEntry(
        "B1", "西部雷公山草地灌木生态屏障", "Western Leigong Mountain Grassland and Shrub Ecological Barrier",
        _BARRIER_DESC_ZH, _BARRIER_DESC_EN,
    ),
    PlanEntry("B2", "采凉山森林生态屏障", "Cailiang Mountain Forest Ecological Barrier",
              _BARRIER_DESC_ZH, _BARRIER_DESC_EN),
)

#: 四区 (生态修复分区), in the order of the plan's 总体布局 paragraph.
ZONES: Tuple[PlanEntry, ...] = (
    PlanEntry("Z1", "城镇空间生态环境发展提升区", "Urban Space Eco-environment Improvement Zone"),
    PlanEntry("Z2", "矿山生态修复及防风固沙治理区", "Mine Restoration, Windbreak and Sand-fixation Zone"),
    PlanEntry("Z3", "农田空间生态综合治理修复区", "Farmland Space Integrated Ecological Restoration Zone"),
    PlanEntry("Z4", "土地综合整治示范工程修复区", "Comprehensive Land Consolidation Demonstration Zone"),
)

#: 7个生态修复重点区域, in the plan's order.
KEY_AREAS: Tuple[PlanEntry, ...] = (
    PlanEntry("K1", "防风固沙治理重点区", "Windbreak and Sand-fixation Key Area"),
    PlanEntry("K2", "矿山生态修复重点区", "Mine Ecological Restoration Key Area"),
    PlanEntry("K3", "御河流域水生态治理重点区", "Yuhe River Basin Water Ecology Key Area"),
    PlanEntry("K4", "农用地整治重点区", "Agricultural Land Consolidation Key Area"),
    PlanEntry("K5", "建设用地整理重点区", "Construction Land Consolidation Key Area"),
    PlanEntry("K6", "耕地质量提升重点区", "Cultivated Land Quality Improvement Key Area"),
    PlanEntry("K7", "人居环境整治提升重点区", "Living Environment Improvement Key Area"),
)

#: 8个重点工程项目 types. The code is a pinyin abbreviation and appears in project codes (140213-KSXF-0001).
PROJECT_TYPES: Tuple[PlanEntry, ...] = (
    PlanEntry("SXLT", "山水林田湖草沙系统修复项目",
              "Integrated Mountain-River-Forest-Farmland-Lake-Grassland-Sand Restoration Project"),
    PlanEntry("KSXF", "矿山生态修复项目", "Mine Ecological Restoration Project"),
    PlanEntry("LYST", "流域水生态环境治理项目", "River Basin Water Eco-environment Project"),
    PlanEntry("DXSZ", "地下水治理项目", "Groundwater Remediation Project"),
    PlanEntry("TDZZ", "土地整治工程项目", "Land Consolidation Project"),
    PlanEntry("XCRJ", "乡村人居环境整治项目", "Rural Living Environment Improvement Project"),
    PlanEntry("CQGG", "城区公共服务配套及现代化改造项目", "Urban Public Services and Modernisation Project"),
    PlanEntry("CZXF", "城镇空间生态修复重点工程项目", "Urban Space Ecological Restoration Key Project"),
)

#: 近期至2030年，远期展望至2035年. A site's phase follows its start year (开工年份).
PHASES: Tuple[Phase, ...] = (
    Phase(
        "near", "近期", "Near term",
        (
            "到2030年，平城区重要生态系统保护和修复重点项目有序推进，全区林草生态系统质量逐步改善，森林生"
            "态系统服务功能不断提高，水土流失得到有效预防和治理，河湖湿地保护修复持续推进，水生态环境得到进一"
            "步改善，水质优良断面比例大幅提高。"
        ),
        "By 2030, key projects protecting and restoring important ecosystems advance in order; forest and "
        "grassland ecosystems improve step by step, forest ecosystem services keep rising, soil erosion is "
        "effectively prevented and treated, river, lake and wetland restoration continues, the water ecology "
        "improves further and the share of monitoring sections with good water quality rises markedly.",
        first_year=2021, last_year=2030,
    ),
    Phase(
        "long", "远期", "Long term",
        (
            "到2035年，平城区国土空间生态修复格局形成，各类自然保护地、重要生态功能区、生态网络体系形成，"
            "山水林田湖草沙得到全面保护，国土空间开发利用格局持续优化，生态环境质量持续改善，生态保护修复关键"
            "制度逐步完善，自然生态系统实现良性循环，生物多样性得到有效维护，城乡居民品质显著提升，人与自然和"
            "谐共生，将平城区建成“水城相依、山湖环绕、人居整洁、生态优美”的生态之城。"
        ),
        "By 2035, the district's restoration pattern is formed: protected areas, important ecological function "
        "areas and the ecological network are in place; mountains, rivers, forests, farmland, lakes, grassland "
        "and sand are fully protected; land use keeps improving, environmental quality keeps rising, key "
        "institutions mature, natural ecosystems run in a virtuous cycle, biodiversity is maintained, living "
        "standards rise markedly, people and nature live in harmony, and Pingcheng becomes an ecological city "
        "where water and city depend on each other, mountains and lakes surround it, settlements are tidy and "
        "the ecology is beautiful.",
        first_year=2031, last_year=2035,
    ),
)

#: A site's life cycle (not named by the plan; the bureau's usual words).
STATUSES: Tuple[PlanEntry, ...] = (
    PlanEntry("planned", "规划", "Planned"),
    PlanEntry("building", "在建", "Under construction"),
    PlanEntry("done", "完工", "Completed"),
    PlanEntry("accepted", "已验收", "Accepted"),
)

NEIGHBOURS: Tuple[Neighbour, ...] = (
    Neighbour("140215", "云州区", "Yunzhou District", ("东", "南")),
    Neighbour("140214", "云冈区", "Yungang District", ("西", "南")),
    Neighbour("140212", "新荣区", "Xinrong District", ("北",)),
)

#: Group descriptions from the plan, for panel headings.
LAYOUT_DESC_ZH = "构建“双廊、两屏、四区”的总体生态修复格局。"
LAYOUT_DESC_EN = "Build the overall restoration pattern of two corridors, two barriers and four zones."
ZONES_DESC_ZH = (
    "基于区域的生态功能重要性、生态敏感性以及重要生态问题分布格局，根据平城区地理格局、生态功能定位，"
    "将平城区分为4个国土空间生态保护修复单元。"
)
KEY_AREAS_DESC_ZH = "针对平城区城镇空间、生态空间、农业空间的典型生态问题，将平城区修复重点区域分为七个重点区域。"
PROJECTS_DESC_ZH = "聚焦生态修复的重点区域部署生态修复重点工程项目，本规划设置8个重点项目。"

#: The plan's own headings for its parts (总体布局 “双廊、两屏、四区”, 分区, 重点区域, 重点工程).
SECTION_LAYOUT_ZH = "总体布局"  # the plan's heading (一) 总体布局; its pattern is the 总体生态修复格局
SECTION_ZONES_ZH = "生态修复分区"
SECTION_KEY_AREAS_ZH = "生态修复重点区域"
SECTION_PROJECTS_ZH = "重点工程"
SECTION_ADMIN_ZH = "行政区划"

#: Groups of area-like entries, keyed by the kind stored in the GeoPackage.
AREA_KINDS = ("corridor", "barrier", "zone", "key_area")
_BY_KIND = {"corridor": CORRIDORS, "barrier": BARRIERS, "zone": ZONES, "key_area": KEY_AREAS,
            "project_type": PROJECT_TYPES, "phase": PHASES, "status": STATUSES}


def entries(kind: str) -> Tuple[PlanEntry, ...]:
    """All entries of one kind: 'corridor', 'barrier', 'zone', 'key_area', 'project_type', 'phase', 'status'."""
    try:
        return _BY_KIND[kind]
    except KeyError:
        raise ValueError(f"unknown vocabulary kind {kind!r}") from None


def by_code(kind: str, code: object) -> Optional[PlanEntry]:
    """The entry of ``kind`` whose code is ``code``, or None (also for NULL or unknown codes)."""
    for entry in entries(kind):
        if entry.code == code:
            return entry
    return None


def codes(kind: str) -> Tuple[str, ...]:
    return tuple(e.code for e in entries(kind))


def find_by_name(kind: str, text: str) -> Optional[PlanEntry]:
    """Match a name written differently in a source file: code, Chinese or English name, ignoring spaces/case."""
    wanted = "".join(str(text).split()).casefold()
    if not wanted:
        return None
    for entry in entries(kind):
        if wanted in (entry.code.casefold(), entry.name_zh, "".join(entry.name_en.split()).casefold()):
            return entry
    return None


def phase_for_year(start_year: object) -> Optional[Phase]:
    """The phase a site starting in ``start_year`` belongs to; None when the year is missing (None, QGIS's NULL,
    text) or outside the plan."""
    try:
        year = int(start_year)  # QGIS's NULL raises TypeError here, like None
    except (TypeError, ValueError):
        return None
    for phase in PHASES:
        if phase.first_year <= year <= phase.last_year:
            return phase
    return None
