"""Where the text of a table cell may break: between terms, never inside one.

Qt and QGIS break Chinese text between any two characters, which cuts terms such as 项目 or 治理区 in half. Here a
cell's text is cut into *units* that must stay on one line, at three levels of fineness:

0. the plan's names (zones, project types, key areas, ...) and the table's flags (总投资未填报) whole, other
   text as words;
1. the plan's names split into their words too (a name longer than its column);
2. single characters (a word longer than its column: the last resort).

Breaks fall after 、，；：/ and spaces, before （ and after ）, and between units; closing punctuation never starts a
line and opening punctuation never ends one (避头尾). Words come from a short lexicon of the plan's own terms and
the words that make up its names; characters no word claims stay together, so an unknown word is kept whole too.
The widths come from a function the caller passes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, List, Tuple

from ...plan import vocabulary
from ..summary import table as summary

#: Words of the plan's names and of the summary table (headers, flags), longest first when matched.
_WORDS = """
山水林田湖草沙 防风固沙 水土保持 封山育林 补短板 生态环境 人居环境 公共服务 现代化 水生态 地下水 农用地 建设用地
耕地质量 自然资源局 农业农村局 住房 城乡 建设局 园林绿化中心 林业局 水务局 平城区 大同市 雷公山 采凉山 十里河
御河 治理区 修复区 提升区 重点区 示范区 生态化 边缘带 防护林 自备井 废弃地 采石场 高标准 口袋公园 历史遗留
生态 修复 保护 治理 整治 整理 综合 系统 项目 工程 重点 区域 空间 城镇 城区 城市 乡村 农田 耕地 土地 矿山 流域 环境
湿地 廊道 屏障 森林 草地 灌木 草灌 植被 发展 提升 示范 配套 改造 质量 人居 西部 东部 南部 北部 东南部 西南部
东北部 西北部 中部 河道 清淤 疏浚 岸坡 护岸 水系 连通 恢复 复绿 复垦 腾退 低效 建设 设施 道路 田间 平整 灌排 土壤
改良 培肥 地力 村庄 清洁 污水 收集 庭院 绿化 街巷 古城 片区 公园 绿道 边缘 削坡 整形 危岩 清理 覆土 补植 采石
关停 水源 置换 回补 监测 超采 中央 省级 市级 区级 财政 资金 社会 资本 序号 编码 名称 类型 分区 所在 涉及 规模 投资
总投资 期限 实施 时序 主体 来源 主要 内容 备注 类别 近期 远期 项目数 未填报 未计入 面积 图斑 合计 小计 未分类 未落入
实施时序 未定 规划 在建 完工 已验收 公顷 万元 开工 年份
""".split()

_PARENTHESIS = r"（[^（）\n]{1,8}）|\([^()\n]{1,8}\)"  # short asides: （示意）, （公顷）, （1个）
_LATIN = r"[A-Za-z0-9.\-_:%,+@#&'=]+[年月日个号项期处座条亩]?"  # codes, numbers and years with their unit
_CJK_RUN = r"[^\sA-Za-z0-9.\-_:%,+@#&'=、，。；：？！/（）()《》「」『』“”‘’\[\]{}]+"
_PIECES = re.compile(f"{_PARENTHESIS}|{_LATIN}|{_CJK_RUN}|\\s+|.", re.S)
_CLOSING = set("，。、；：？！）》」』”’)]}%/")
_OPENING = set("（《「『“‘([{")
LEVELS = 3


@lru_cache(maxsize=1)
def _names() -> Tuple[str, ...]:
    """The plan's names that stay whole at level 0, longest first (so a name inside a longer one loses)."""
    found = {entry.name_zh for kind in ("corridor", "barrier", "zone", "key_area", "project_type", "phase",
                                        "status") for entry in vocabulary.entries(kind)}
    found |= {summary.FLAG_INVESTMENT, summary.FLAG_YEARS, summary.FLAG_AREA, summary.FLAG_TYPE,
              summary.UNCLASSIFIED, summary.NO_ZONE, summary.NO_PHASE}  # the table's own phrases
    return tuple(sorted(found, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lexicon() -> Tuple[frozenset, int]:
    words = frozenset(_WORDS)
    return words, max(len(w) for w in words)


def _words(run: str) -> List[str]:
    """``run`` cut by longest-first matching against the lexicon; characters no word claims stay together."""
    words, longest = _lexicon()
    out: List[str] = []
    loose = ""
    index = 0
    while index < len(run):
        for size in range(min(longest, len(run) - index), 1, -1):
            if run[index:index + size] in words:
                if loose:
                    out.append(loose)
                    loose = ""
                out.append(run[index:index + size])
                index += size
                break
        else:
            loose += run[index]
            index += 1
    if loose:
        out.append(loose)
    return out


def _split_run(run: str, level: int) -> List[str]:
    if level >= 2:
        return list(run)
    if level == 1:
        return _words(run)
    out: List[str] = []
    rest = run
    while rest:
        hit = min(((rest.find(name), -len(name), name) for name in _names() if name in rest), default=None)
        if hit is None:
            out.extend(_words(rest))
            break
        position, _size, name = hit
        if position:
            out.extend(_words(rest[:position]))
        out.append(name)
        rest = rest[position + len(name):]
    return out


def _pieces(text: str, level: int) -> List[str]:
    pieces: List[str] = []
    for piece in _PIECES.findall(text):
        if level >= 2 and len(piece) > 1 and not piece.isspace():
            pieces.extend(piece)
        elif level == 1 and len(piece) > 2 and piece[0] in _OPENING and piece[-1] in _CLOSING:
            pieces.append(piece[0])  # an aside opened up: （近期/远期） may break after its /
            pieces.extend(_pieces(piece[1:-1], level))
            pieces.append(piece[-1])
        elif piece and not piece.isspace() and piece[0] not in _CLOSING and piece[0] not in _OPENING \
                and re.fullmatch(_CJK_RUN, piece):
            pieces.extend(_split_run(piece, level))
        else:
            pieces.append(piece)
    return pieces


def units(text: str, level: int = 0) -> List[str]:
    """``text`` cut into the pieces that stay on one line at ``level`` (0 coarsest); joined they give ``text``."""
    out: List[str] = []
    glue_next = False
    for piece in _pieces(text, level):
        if out and (glue_next or piece[0] in _CLOSING):
            out[-1] += piece
        else:
            out.append(piece)
        glue_next = piece[-1] in _OPENING
    return out


def widest_unit(texts: Iterable[str], measure: Callable[[str], float], level: int = 0) -> float:
    """The width of the widest unit of ``texts``: a column narrower than this must break a term."""
    return max((measure(unit.strip()) for text in texts for line in text.split("\n")
                for unit in units(line, level) if unit.strip()), default=0.0)


def wrap(text: str, width: float, measure: Callable[[str], float]) -> str:
    """``text`` with line breaks between units so that no line is wider than ``width`` (by ``measure``); a unit
    wider than ``width`` is cut at the next finer level, a single character never."""
    lines: List[str] = []
    for paragraph in text.split("\n"):
        queue = [(unit, 0) for unit in units(paragraph, 0)]
        line = ""
        while queue:
            unit, level = queue.pop(0)
            candidate = line + unit
            if measure(candidate.rstrip()) <= width:
                line = candidate
                continue
            if measure(unit.strip()) > width and level + 1 < LEVELS:
                queue[0:0] = [(part, level + 1) for part in units(unit, level + 1)]
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = unit.lstrip()
            else:
                line = candidate.lstrip()  # one character wider than the column: nothing finer to cut
        lines.append(line.rstrip())
    return "\n".join(lines)
