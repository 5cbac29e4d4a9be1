"""The plan's vocabulary matches the plan's published text word for word.

The reference is ``tests/data/plan_excerpt.txt``: the lines of the plan's public draft that name what the plugin
names, each with its line number in the draft, under the document's title.
"""

import re
from typing import Dict

import pytest

from pingcheng_plugin.plan import suitability, vocabulary
from tests.helpers import ROOT

EXCERPT = ROOT / "tests" / "data" / "plan_excerpt.txt"


def excerpt_lines() -> Dict[int, str]:
    """The excerpt's quoted lines by their line number in the draft (comment lines start with #)."""
    lines = {}
    for raw in EXCERPT.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        number, text = raw.split("\t", 1)
        lines[int(number)] = text
    return lines


@pytest.fixture(scope="module")
def plan_text() -> str:
    text = "".join(excerpt_lines().values())
    return re.sub(r"\s+", "", text).replace("**", "")


def test_the_excerpt_names_its_document_and_lines():
    header = EXCERPT.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# 《" + vocabulary.PLAN_TITLE_ZH + "》公示稿")
    lines = excerpt_lines()
    assert list(lines) == sorted(lines) and len(lines) >= 15
    assert lines[5] == "大同市平城区国土空间生态修复规划" and lines[6] == "(2021-2035年)"


def test_counts_are_the_plans():
    assert len(vocabulary.CORRIDORS) == 2
    assert len(vocabulary.BARRIERS) == 2
    assert len(vocabulary.ZONES) == 4
    assert len(vocabulary.KEY_AREAS) == 7
    assert len(vocabulary.PROJECT_TYPES) == 8
    assert [p.name_zh for p in vocabulary.PHASES] == ["近期", "远期"]


@pytest.mark.parametrize("kind", ["corridor", "barrier", "zone", "key_area", "project_type"])
def test_every_name_is_in_the_plan_text(plan_text, kind):
    for entry in vocabulary.entries(kind):
        assert entry.name_zh in plan_text, entry


def test_names_appear_in_the_plans_own_lists(plan_text):
    """Not just somewhere: each list is the plan's enumeration, in the plan's order."""
    assert "双廊：御河湿地生态廊道和十里河湿地生态廊道" in plan_text
    assert "两屏：西部雷公山草地灌木生态屏障和采凉山森林生态屏障" in plan_text
    assert "四区：即" + "、".join(z.name_zh for z in vocabulary.ZONES) in plan_text
    assert "分为" + "、".join(k.name_zh for k in vocabulary.KEY_AREAS[:-1]) + "和" + \
        vocabulary.KEY_AREAS[-1].name_zh + "七个重点区域" in plan_text
    assert "本规划设置" + "、".join(t.name_zh for t in vocabulary.PROJECT_TYPES) + "8个重点项目" in plan_text


def test_descriptions_are_quoted_from_the_plan(plan_text):
    for kind in ("corridor", "barrier", "phase"):
        for entry in vocabulary.entries(kind):
            assert entry.description_zh, entry
            assert re.sub(r"\s+", "", entry.description_zh) in plan_text, entry
            assert entry.description_en


def test_plan_facts(plan_text):
    assert vocabulary.PLAN_TITLE_ZH in plan_text
    assert f"{vocabulary.DISTRICT_AREA_KM2}平方" in plan_text
    assert "近期至2030年，远期展望至2035年" in plan_text
    near, long_term = vocabulary.PHASES
    assert (near.first_year, near.last_year, long_term.first_year, long_term.last_year) == (2021, 2030, 2031, 2035)
    for neighbour in vocabulary.NEIGHBOURS:
        assert neighbour.name_zh in plan_text


def test_codes_are_stable_and_unique():
    for kind in ("corridor", "barrier", "zone", "key_area", "project_type", "phase", "status"):
        codes = vocabulary.codes(kind)
        assert len(set(codes)) == len(codes)
        assert all(re.fullmatch(r"[A-Za-z0-9]+", c) for c in codes)
    assert vocabulary.codes("project_type") == ("SXLT", "KSXF", "LYST", "DXSZ", "TDZZ", "XCRJ", "CQGG", "CZXF")
    assert [s.name_zh for s in vocabulary.STATUSES] == ["规划", "在建", "完工", "已验收"]


def test_english_names_exist_and_differ():
    for kind in ("corridor", "barrier", "zone", "key_area", "project_type", "phase", "status"):
        names = [e.name_en for e in vocabulary.entries(kind)]
        assert all(names) and len(set(names)) == len(names)


def test_lookup_helpers():
    assert vocabulary.by_code("zone", "Z2").name_zh == "矿山生态修复及防风固沙治理区"
    assert vocabulary.by_code("zone", None) is None
    assert vocabulary.find_by_name("project_type", " 矿山生态修复项目 ").code == "KSXF"
    assert vocabulary.find_by_name("project_type", "mine ecological restoration project").code == "KSXF"
    assert vocabulary.find_by_name("project_type", "") is None
    assert vocabulary.phase_for_year(2030).code == "near"
    assert vocabulary.phase_for_year(2031).code == "long"
    assert vocabulary.phase_for_year(2036) is None
    assert vocabulary.phase_for_year(None) is None


def test_suitability_defaults_follow_the_plans_names():
    rows = suitability.default_rows()
    types = {t for t, _, _ in rows}
    assert types == set(vocabulary.codes("project_type"))
    for _type, kind, area_code in rows:
        assert area_code in vocabulary.codes(kind)
    # the issue's own example: mine restoration belongs in the mine key area and the mine/sand zone
    assert ("KSXF", "key_area", "K2") in rows and ("KSXF", "zone", "Z2") in rows


def test_neighbours_are_on_the_sides_the_plan_names():
    """25 东临云州区，西接云冈区，北依新荣区，南接云冈区、云州区 (tests/data/plan_excerpt.txt)."""
    from tests.helpers import ROOT

    text = (ROOT / "tests" / "data" / "plan_excerpt.txt").read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if "东临" in row)
    for side, verb in (("东", "东临"), ("西", "西接"), ("北", "北依"), ("南", "南接")):
        named = line.split(verb, 1)[1].split("，")[0]
        expected = {n.name_zh for n in vocabulary.NEIGHBOURS if side in n.directions_zh}
        assert set(named.split("、")) == expected, side
