"""Land classes of the land survey: GB/T 21010-2017 《土地利用现状分类》 (12 first-level, 73 second-level classes),
the codes the third national land survey (第三次全国国土调查, 三调) adds in its 工作分类, and the groups the survey
reports areas by (the 三调 主要数据公报: 湿地, 耕地, 园地, 林地, 草地, 城镇村及工矿用地, 交通运输用地,
水域及水利设施用地, 其他土地).

Why a table of our own: a DLTB's 地类编码 (DLBM) must be checked against the standard (codes outside it are listed
and kept as unknown), and its land class grouped as the survey groups it, without reading anything outside the
plugin at run time. Data, not logic: names are the standard's Chinese names (data, like the plan's vocabulary).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

#: GB/T 21010-2017 first-level classes: code → name.
FIRST_LEVEL: Dict[str, str] = {
    "01": "耕地", "02": "园地", "03": "林地", "04": "草地", "05": "商服用地", "06": "工矿仓储用地", "07": "住宅用地",
    "08": "公共管理与公共服务用地",
    "09": "特殊用地", "10": "交通运输用地", "11": "水域及水利设施用地", "12": "其他土地",
}

#: GB/T 21010-2017 second-level classes: code → name (73 classes).
SECOND_LEVEL: Dict[str, str] = {
    "0101": "水田", "0102": "水浇地", "0103": "旱地",
    "0201": "果园", "0202": "茶园", "0203": "橡胶园", "0204": "其他园地",
    "0301": "乔木林地", "0302": "竹林地", "0303": "红树林地", "0304": "森林沼泽", "0305": "灌木林地",
    "0306": "灌丛沼泽", "0307": "其他林地",
    "0401": "天然牧草地", "0402": "沼泽草地", "0403": "人工牧草地", "0404": "其他草地",
    "0501": "零售商业用地", "0502": "批发市场用地", "0503": "餐饮用地", "0504": "旅馆用地", "0505": "商务金融用地",
    "0506": "娱乐用地", "0507": "其他商服用地",
    "0601": "工业用地", "0602": "采矿用地", "0603": "盐田", "0604": "仓储用地",
    "0701": "城镇住宅用地", "0702": "农村宅基地",
    "0801": "机关团体用地", "0802": "新闻出版用地", "0803": "教育用地", "0804": "科研用地", "0805": "医疗卫生用地",
    "0806": "社会福利用地", "0807": "文化设施用地", "0808": "体育用地", "0809": "公用设施用地", "0810": "公园与绿地",
    "0901": "军事设施用地", "0902": "使领馆用地", "0903": "监教场所用地", "0904": "宗教用地", "0905": "殡葬用地",
    "0906": "风景名胜设施用地",
    "1001": "铁路用地", "1002": "轨道交通用地", "1003": "公路用地", "1004": "城镇村道路用地",
    "1005": "交通服务场站用地", "1006": "农村道路", "1007": "机场用地", "1008": "港口码头用地", "1009": "管道运输用地",
    "1101": "河流水面", "1102": "湖泊水面", "1103": "水库水面", "1104": "坑塘水面", "1105": "沿海滩涂",
    "1106": "内陆滩涂", "1107": "沟渠", "1108": "沼泽地", "1109": "水工建筑用地", "1110": "冰川及永久积雪",
    "1201": "空闲地", "1202": "设施农用地", "1203": "田坎", "1204": "盐碱地", "1205": "沙地", "1206": "裸土地",
    "1207": "裸岩石砾地",
}

#: Codes of the 三调 工作分类 that GB/T 21010-2017 does not have (merged or split classes).
SURVEY_CODES: Dict[str, str] = {
    "00": "湿地", "05H1": "商业服务业设施用地", "0508": "物流仓储用地", "08H1": "机关团体新闻出版用地",
    "08H2": "科教文卫用地", "08H2A": "高教用地", "0810A": "广场用地", "09": "特殊用地", "1104A": "养殖坑塘",
    "1107A": "干渠",
    "201": "城市", "201A": "城市独立工业用地", "202": "建制镇", "202A": "建制镇独立工业用地", "203": "村庄",
    "203A": "村庄独立工业用地", "204": "盐田及采矿用地", "205": "特殊用地",
}

#: Codes the survey counts as 湿地 whatever their GB/T first-level class.
WETLAND_CODES = frozenset({"00", "0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"})

#: The survey's reporting groups: code → name (20 is the 三调 code of 城镇村及工矿用地).
GROUPS: Dict[str, str] = {
    "00": "湿地", "01": "耕地", "02": "园地", "03": "林地", "04": "草地", "20": "城镇村及工矿用地",
    "10": "交通运输用地", "11": "水域及水利设施用地", "12": "其他土地",
}
UNKNOWN_GROUP = "99"
UNKNOWN_GROUP_NAME = "未知地类"
#: The order groups are listed in (the 公报's order).
GROUP_ORDER: Tuple[str, ...] = ("01", "02", "03", "04", "00", "20", "10", "11", "12", UNKNOWN_GROUP)


@dataclass(frozen=True)
class LandClass:
    code: str  # as stored: the source's code, trimmed and upper-cased
    name: str  # the standard's name (or the source's DLMC for an unknown code)
    group: str  # a key of GROUPS, or UNKNOWN_GROUP
    known: bool

    @property
    def group_name(self) -> str:
        return GROUPS.get(self.group, UNKNOWN_GROUP_NAME)


def normalise(code: object) -> str:
    """A DLBM as compared: text, trimmed, upper case; a number read as a float loses its ".0" and keeps its
    leading zero (103 → 0103) since every GB/T code has an even number of digits."""
    if code is None:
        return ""
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    text = str(code).strip().upper()
    if text.isdigit() and len(text) % 2 == 1 and len(text) > 1 and not text.startswith("20"):
        text = "0" + text
    return text


def _base(code: str) -> str:
    """The GB/T code under a 三调 suffix: K marks 可调整 (0201K), A a sub-class (1104A is still 1104)."""
    return code[:-1] if code.endswith(("K", "A")) and len(code) > 2 else code


def group_of(code: str) -> str:
    """The survey's reporting group of a known code."""
    base = _base(code)
    if code in WETLAND_CODES or base in WETLAND_CODES:
        return "00"
    if code.startswith("20"):
        return "20"
    first = base[:2]
    if first in ("05", "06", "07", "08", "09"):
        return "20"
    if first == "10":
        # 农村道路 is farmland infrastructure in the survey's own count, listed with 其他土地's farm uses
        return "12" if base == "1006" else "10"
    if first == "11" and base == "1109":
        return "20"  # 水工建筑用地: built-up in the survey's 城镇村及工矿用地 count
    return first if first in GROUPS else UNKNOWN_GROUP


def lookup(code: object, source_name: Optional[object] = None) -> LandClass:
    """The land class of a DLBM value: known (the standard's name and the survey's group) or unknown (kept, with
    the source's own DLMC as its name)."""
    text = normalise(code)
    name = SECOND_LEVEL.get(text) or SURVEY_CODES.get(text) or FIRST_LEVEL.get(text)
    if name is None and text != _base(text):
        base = _base(text)
        base_name = SECOND_LEVEL.get(base) or SURVEY_CODES.get(base)
        if base_name is not None:
            name = base_name + ("（可调整）" if text.endswith("K") else "")
    if name is None:
        fallback = "" if source_name is None else str(source_name).strip()
        return LandClass(text, fallback, UNKNOWN_GROUP, False)
    return LandClass(text, name, group_of(text), True)
