"""The summary-table figure (重点工程项目汇总表) as a reader gets it: the exported PDF read back with pdftotext (per
page, -layout and -raw), pdfinfo and the page rendered by pdftoppm, against the plan read with SQL and the plan's
vocabulary. Column widths from the content, no term cut at a line end, 合计 on the page of the last group, 第 N 页
共 M 页 and the 示意 banner on every page.
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from typing import List, Tuple

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtGui import QImage

from pingcheng_plugin.core.figures import ExportOptions, export_figures, figure, templates
from pingcheng_plugin.core.store import gpkg
from pingcheng_plugin.core.summary.table import figure_columns
from pingcheng_plugin.core.support import paths
from pingcheng_plugin.plan import vocabulary
from tests.helpers import edit, sql

BANNER = f"表中项目为{vocabulary.ILLUSTRATIVE_ZH}数据"
STEM = figure("summary_table").file_stem()
SITE_CODE = re.compile(r"140213-[A-Z]{4}-\d{4}")
SUBTOTAL_ROW = re.compile(r"^\s*小计\s+[\d,.]+", re.M)  # the row, not the word in the notes
COLUMNS = figure_columns(wide=True)  # what the figure shows on its default A3 landscape sheet


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def page_count(pdf: Path) -> int:
    info = dict(line.split(":", 1) for line in _run("pdfinfo", str(pdf)).splitlines() if ":" in line)
    return int(info["Pages"].strip())


def page_text(pdf: Path, page: int, mode: str = "-layout") -> str:
    """One page's text as pdftotext gives it, NFKC-normalised (CJK may come back as compatibility forms)."""
    return unicodedata.normalize("NFKC", _run("pdftotext", "-f", str(page), "-l", str(page), mode, str(pdf), "-"))


def export_table(plan: Path, folder: Path, **kwargs) -> Path:
    kwargs.setdefault("dpi", 30)
    folder.mkdir(parents=True, exist_ok=True)
    export_figures(str(plan), str(folder), ExportOptions(formats=("pdf",), figures=("summary_table",), **kwargs))
    return folder / (STEM + ".pdf")


def add_sites(plan: Path, count: int, types=None, name: str = "（示意）第{n:02d}号{area}生态保护修复与综合整治提升工程",
              illustrative: int = 1) -> None:
    """``count`` sites without geometry (the table lists them; zone and key areas given as the form stores them),
    cycling through the plan's project types, zones and key areas."""
    types = types or [t.code for t in vocabulary.PROJECT_TYPES]
    zones = [z.code for z in vocabulary.ZONES]
    areas = vocabulary.KEY_AREAS
    for n in range(count):
        first, second = areas[n % len(areas)], areas[(n + 3) % len(areas)]
        edit(plan, "INSERT INTO project_sites (name, project_type, status, zone_code, key_areas, start_year, "
                   "end_year, investment, implementer, funding_source, measures, illustrative) "
                   "VALUES (?, ?, 'planned', ?, ?, 2026, 2030, ?, '平城区自然资源局', '省级财政资金', ?, ?)",
             name.format(n=n, area=first.name_zh[:2]), types[n % len(types)], zones[n % len(zones)],
             f'{{"{first.code}","{second.code}"}}', None if n % 9 == 4 else 500.0 + n,
             "土地平整、灌排设施、田间道路、生态护岸与植被恢复", illustrative)


def pages(pdf: Path, mode: str = "-layout") -> List[str]:
    return [page_text(pdf, n, mode) for n in range(1, page_count(pdf) + 1)]


def compact(text: str) -> str:
    """Without spaces and NFKC-normalised (fullwidth （） come back from pdftotext as ASCII parentheses)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def check_every_page(pdf: Path, banner: bool = True) -> List[str]:
    """第 N 页 共 M 页 with M = pdfinfo's page count, and the 示意 banner, on every page; returns the pages."""
    texts = pages(pdf)
    total = page_count(pdf)
    assert len(texts) == total
    for number, text in enumerate(texts, start=1):
        assert f"第{number}页共{total}页" in compact(text), (number, text)
        assert (BANNER in compact(text)) == banner, (number, text)
    return texts


def check_total_with_last_group(texts: List[str], sites: int) -> None:
    """合计 is on the page of the last group's 小计, below it and below at least one of the group's sites."""
    total = compact(f"（{sites}个项目）")  # 合计's own count: the row, even where its label wraps
    where = [n for n, text in enumerate(texts) if total in compact(text)]
    assert len(where) == 1, where
    page = compact(texts[where[0]])
    before = page[:page.index(total)]
    assert "小计" in before and SITE_CODE.search(before), texts[where[0]]
    subtotal_rows = [n for n, text in enumerate(texts) if SUBTOTAL_ROW.search(text)]
    assert subtotal_rows[-1] == where[0]


def check_names_whole(pdf: Path, plan: Path) -> None:
    """Every project type, zone and key area named in the table comes out of the PDF whole as often as the plan
    (SQL) says it is named: a name cut at a line end would be missing from pdftotext's lines."""
    raw = "\n".join(pages(pdf, "-raw"))
    lines = Counter()
    for line in raw.splitlines():
        for entry in vocabulary.PROJECT_TYPES + vocabulary.ZONES + vocabulary.KEY_AREAS:
            lines[entry.name_zh] += compact(line).count(entry.name_zh)
    for entry in vocabulary.PROJECT_TYPES:
        sites = sql(plan, "SELECT COUNT(*) FROM project_sites WHERE project_type = ?", entry.code)[0][0]
        if sites:
            assert lines[entry.name_zh] >= sites + 1, (entry.name_zh, sites)  # each site's type and its group
    for entry in vocabulary.ZONES:
        sites = sql(plan, "SELECT COUNT(*) FROM project_sites WHERE zone_code = ?", entry.code)[0][0]
        if sites:
            assert lines[entry.name_zh] >= sites + 1, (entry.name_zh, sites)  # each site's zone and the totals
    for entry in vocabulary.KEY_AREAS:
        sites = sql(plan, "SELECT COUNT(*) FROM project_sites WHERE key_areas LIKE ?", f'%"{entry.code}"%')[0][0]
        assert lines[entry.name_zh] >= sites, (entry.name_zh, sites)


# --- page by page ---------------------------------------------------------------------------------------------

def test_demo_table_pages_number_banner_and_total(demo_plan, tmp_path):
    pdf = export_table(demo_plan, tmp_path)
    texts = check_every_page(pdf)
    sites = sql(demo_plan, "SELECT COUNT(*) FROM project_sites")[0][0]
    check_total_with_last_group(texts, sites)
    check_names_whole(pdf, demo_plan)


def test_many_sites_span_pages_with_every_page_complete(demo_plan, tmp_path):
    add_sites(demo_plan, 50)
    pdf = export_table(demo_plan, tmp_path)
    texts = check_every_page(pdf)
    assert len(texts) >= 3
    sites = sql(demo_plan, "SELECT COUNT(*) FROM project_sites")[0][0]
    check_total_with_last_group(texts, sites)
    check_names_whole(pdf, demo_plan)
    joined = compact("".join(texts))
    for heading in ("重点工程项目汇总表（续）", "按生态修复分区统计", "按实施时序统计"):
        assert compact(heading) in joined
    shown = SITE_CODE.findall(joined)
    codes = [row[0] for row in sql(demo_plan, "SELECT project_code FROM project_sites")]
    assert Counter(shown) == Counter(codes)  # every site once: no row lost or repeated at a page break


def test_table_figure_spans_pages_with_totals_and_notes(demo_plan, tmp_path):
    for number in range(60):  # sites without geometry: the table lists them, the maps have nothing to draw
        edit(demo_plan, "INSERT INTO project_sites (name, project_type, status, start_year, end_year, investment, "
                        "illustrative) VALUES (?, 'TDZZ', 'planned', 2031, 2033, ?, 0)",
             f"测试项目{number:02d}号乡村土地综合整治工程", None if number % 7 == 0 else 100.0 + number)
    export_figures(str(demo_plan), str(tmp_path), ExportOptions(formats=("pdf", "png"), dpi=30,
                                                                figures=("summary_table",)))
    pdf = tmp_path / (STEM + ".pdf")
    texts = check_every_page(pdf)  # the demo's own sites are illustrative: the banner stays on every page
    assert len(texts) >= 2
    check_total_with_last_group(texts, 73)
    text = compact("".join(texts))
    assert compact("合计（73个项目）") in text and "总投资未填报" in text and "按实施时序统计" in text
    assert len(list(tmp_path.glob(STEM + "*.png"))) == len(texts)


def test_no_banner_without_illustrative_sites(empty_plan, tmp_path):
    add_sites(empty_plan, 12, illustrative=0, name="第{n:02d}号{area}修复工程")
    pdf = export_table(empty_plan, tmp_path)
    texts = check_every_page(pdf, banner=False)
    check_total_with_last_group(texts, 12)


@pytest.mark.parametrize("paper, orientation", [("A4", "portrait"), ("A3", "portrait"), ("A4", "landscape")])
def test_other_pages_number_and_keep_the_total(demo_plan, tmp_path, paper, orientation):
    add_sites(demo_plan, 30)
    pdf = export_table(demo_plan, tmp_path, paper=paper, orientation=orientation)
    texts = check_every_page(pdf)
    check_total_with_last_group(texts, sql(demo_plan, "SELECT COUNT(*) FROM project_sites")[0][0])


def _sites_on_first_page(pdf: Path) -> int:
    return len(SITE_CODE.findall(page_text(pdf, 1)))


def test_total_never_alone_when_the_rows_end_at_a_page_end(empty_plan, tmp_path):
    """A page holds C lines. One type with C - 2 sites makes group line + sites + 小计 exactly C lines, so a plain
    page break would leave 合计 alone on page 2 (and C - 1 sites would leave 小计 and 合计 there). C is read from
    a first export whose page 1 ends inside a long group."""
    calibration = tmp_path / "calibration.gpkg"
    edit_copy(empty_plan, calibration)
    add_sites(calibration, 80, types=["TDZZ"], name="第{n:02d}号修复工程", illustrative=0)
    capacity = 1 + _sites_on_first_page(export_table(calibration, tmp_path / "c"))
    assert 20 < capacity < 80
    for sites in (capacity - 2, capacity - 1):
        plan = tmp_path / f"{sites}.gpkg"
        edit_copy(empty_plan, plan)
        add_sites(plan, sites, types=["TDZZ"], name="第{n:02d}号修复工程", illustrative=0)
        pdf = export_table(plan, tmp_path / str(sites))
        texts = check_every_page(pdf, banner=False)
        assert len(texts) >= 2
        check_total_with_last_group(texts, sites)
        assert _sites_on_first_page(pdf) <= sites - 2  # the group's last sites moved with 小计 and 合计


def edit_copy(source: Path, target: Path) -> None:
    gpkg.copy_database(str(source), str(target))


# --- column widths --------------------------------------------------------------------------------------------

def _word_boxes(pdf: Path, page: int) -> List[Tuple[str, float, float, float, float]]:
    """(text, xMin, yMin, xMax, yMax) in pt of each word of the page (pdftotext -bbox: a table cell's line)."""
    html = _run("pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(unicodedata.normalize("NFKC", m.group(5)), *(float(m.group(i)) for i in range(1, 5)))
            for m in re.finditer(pattern, html)]


def _vertical_rules(image: QImage, top: int, bottom: int) -> List[int]:
    """x of the table's vertical grid lines: pixel columns dark over nearly all of rows top..bottom."""
    xs = []
    for x in range(image.width()):
        dark = sum(1 for y in range(top, bottom) if QImage.pixel(image, x, y) & 0xFF < 150)
        if dark >= 0.95 * (bottom - top):
            xs.append(x)
    rules: List[int] = []
    for x in xs:
        if not rules or x - rules[-1] > 2:
            rules.append(x)
    return rules


def test_every_column_is_at_least_as_wide_as_its_heading(demo_plan, tmp_path):
    add_sites(demo_plan, 20)
    pdf = export_table(demo_plan, tmp_path)
    dpi = 150
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    boxes = _word_boxes(pdf, 1)
    scale = dpi / 72.0
    headings = []
    for column in COLUMNS:
        found = [box for box in boxes if compact(box[0]) == compact(column.header)]
        assert len(found) == 1, (column.header, [b[0] for b in boxes][:40])  # on one line: not wrapped
        headings.append(found[0])
    top = int(min(b[2] for b in headings) * scale)
    rules = _vertical_rules(image, top, top + int(25 * scale))  # the heading row and the rows under it
    left = max(x for x in rules if x < headings[0][1] * scale)  # the table's own edges, not the page frame's
    right = min(x for x in rules if x > headings[-1][3] * scale)
    rules = [x for x in rules if left <= x <= right]
    assert len(rules) == len(COLUMNS) + 1, rules
    for (text, x_min, _y0, x_max, _y1), left, right in zip(headings, rules, rules[1:]):
        assert left < x_min * scale and x_max * scale < right, (text, left, x_min * scale, x_max * scale, right)


def test_a_table_template_without_page_number_or_banner_gets_both(demo_plan, tmp_path):
    """A user's copy of an older bundled table template has neither label: every page still gets both."""
    project = QgsProject()
    layout = templates.load_template(os.path.join(paths.templates_dir(), "table_A3_landscape.qpt"), project, "table")
    for item_id in ("pc_page_number", templates.ITEM_ILLUSTRATIVE_NOTE):
        layout.removeLayoutItem(layout.itemById(item_id))
    user = tmp_path / "templates"
    templates.save_template(layout, str(user / "table_A3_landscape.qpt"))
    project.clear()
    with open(user / "table_A3_landscape.qpt", encoding="utf-8") as handle:
        saved = handle.read()
    assert "pc_page_number" not in saved and templates.ITEM_ILLUSTRATIVE_NOTE not in saved
    add_sites(demo_plan, 40)
    pdf = export_table(demo_plan, tmp_path / "out", template_folder=str(user))
    texts = check_every_page(pdf)
    assert len(texts) >= 2
