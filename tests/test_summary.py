"""The key-project summary table: SQL aggregation, xlsx/csv/html writers, bad input, atomic writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

from pingcheng_plugin.core import summary
from pingcheng_plugin.core.store import summary_rows as query
from pingcheng_plugin.core.summary import table as summary_table
from pingcheng_plugin.core.summary import xlsx
from pingcheng_plugin.core.summary.table import COLUMNS, build_summary
from pingcheng_plugin.core.support.errors import CancelledError, ExportError, PlanFileError
from pingcheng_plugin.plan import vocabulary
from tests.helpers import edit, read_only, sql

HOSTILE_NAMES = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                 "<script>alert('x')</script>"]
NAME_COLUMN = [c.key for c in COLUMNS].index("name") + 1  # 1-based spreadsheet column
AREA_COLUMN = [c.key for c in COLUMNS].index("area_ha") + 1
MONEY_COLUMN = [c.key for c in COLUMNS].index("investment") + 1
REMARKS_COLUMN = [c.key for c in COLUMNS].index("remarks") + 1


def sums(path, key):
    """The GeoPackage's own sums per ``key`` (a column, or '1' for the grand total), queried directly."""
    return {row[0]: row[1:] for row in sql(
        path, f"SELECT {key}, COUNT(*), SUM(area_ha), SUM(investment), COUNT(*) - COUNT(investment) "
              f"FROM project_sites GROUP BY {key}")}


def rows_of(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows()]


def find_row(sheet, column, text):
    for row in sheet.iter_rows():
        if row[column - 1].value == text:
            return row
    raise AssertionError(f"no row with {text!r}")


# --- aggregation --------------------------------------------------------------------------------------------

def test_aggregates_equal_a_plain_group_by(demo_plan):
    aggregates = query.aggregate(str(demo_plan))
    for key, ours in (("project_type", aggregates.by_type), ("zone_code", aggregates.by_zone),
                      ("phase", aggregates.by_phase)):
        expected = sums(demo_plan, key)
        assert set(ours) == set(expected)
        for code, (count, area, investment, missing) in expected.items():
            assert ours[code].count == count
            assert ours[code].area_ha == pytest.approx(area, rel=1e-12)
            assert ours[code].investment == (pytest.approx(investment, rel=1e-12) if investment is not None else None)
            assert ours[code].investment_missing == missing
    (total,) = sums(demo_plan, "1").values()
    assert aggregates.total.count == total[0] and aggregates.total.investment == pytest.approx(total[2])


def test_table_groups_by_type_in_plan_order_with_running_numbers(demo_plan):
    table = build_summary(str(demo_plan), "测试编制单位", "2026年1月")
    codes = [g.code for g in table.groups]
    order = list(vocabulary.codes("project_type"))
    assert codes == sorted(codes, key=order.index)
    assert [g.name for g in table.groups] == [vocabulary.by_code("project_type", c).name_zh for c in codes]
    assert [r.seq for r in table.rows] == list(range(1, table.site_count + 1))
    assert table.site_count == sql(demo_plan, "SELECT COUNT(*) FROM project_sites")[0][0]
    kinds = [line.kind for line in table.lines()]
    assert kinds.count("group") == kinds.count("subtotal") == len(table.groups) and kinds[-1] == "total"
    assert table.organisation == "测试编制单位" and table.date == "2026年1月"


# --- xlsx ---------------------------------------------------------------------------------------------------

def subtotal(sheet, formula):
    """What a spreadsheet computes for the writer's ``=SUBTOTAL(9,G5:G9)``: the numbers of that range, leaving
    out cells that are SUBTOTALs themselves (Excel's rule for nested subtotals)."""
    import re

    match = re.fullmatch(r"=SUBTOTAL\(9,([A-Z]+)(\d+):\1(\d+)\)", formula)
    assert match, formula
    column, first, last = match.group(1), int(match.group(2)), int(match.group(3))
    cells = [sheet[f"{column}{row}"].value for row in range(first, last + 1)]
    return sum(v for v in cells if isinstance(v, (int, float)))


def test_xlsx_totals_equal_the_geopackage_sums(demo_plan, tmp_path):
    """小计 and 合计 are formulas (a sheet edited by hand stays right); what they compute equals SQL on the plan."""
    result = summary.write_summary(str(demo_plan), str(tmp_path / "汇总表.xlsx"))
    workbook = openpyxl.load_workbook(result.path)
    assert workbook.calculation.fullCalcOnLoad  # computed when the sheet is opened
    sheet = workbook.worksheets[0]
    ((count, area, investment, missing),) = sums(demo_plan, "1").values()
    total = find_row(sheet, NAME_COLUMN, f"合计（{count}个项目）")
    assert subtotal(sheet, total[AREA_COLUMN - 1].value) == pytest.approx(area, abs=1e-6)
    assert subtotal(sheet, total[MONEY_COLUMN - 1].value) == pytest.approx(investment, abs=1e-6)
    # each type's subtotal row follows its sites and equals the GeoPackage's GROUP BY
    per_type = sums(demo_plan, "project_type")
    values = rows_of(sheet)
    for code, (type_count, type_area, type_investment, _missing) in per_type.items():
        name = vocabulary.by_code("project_type", code).name_zh
        start = next(i for i, r in enumerate(values) if r[1] == f"{name}（{type_count}个）")  # merged B:N
        row = next(r for r in values[start:] if r[NAME_COLUMN - 1] == "小计")
        assert subtotal(sheet, row[AREA_COLUMN - 1]) == pytest.approx(type_area, abs=1e-6)
        assert subtotal(sheet, row[MONEY_COLUMN - 1]) == pytest.approx(type_investment, abs=1e-6)
    # totals per zone and per phase on the second sheet
    second = {r[0]: r for r in rows_of(workbook.worksheets[1]) if r and r[0]}
    for code, (zone_count, zone_area, zone_investment, _missing) in sums(demo_plan, "zone_code").items():
        row = second[vocabulary.by_code("zone", code).name_zh]
        assert row[1] == zone_count and row[2] == pytest.approx(zone_area) and row[3] == pytest.approx(zone_investment)
    for code, (phase_count, _area, phase_investment, _missing) in sums(demo_plan, "phase").items():
        phase = vocabulary.by_code("phase", code)
        row = second[f"{phase.name_zh}（{phase.first_year}-{phase.last_year}年）"]
        assert row[1] == phase_count and row[3] == pytest.approx(phase_investment)
    assert result.sites == count and result.flagged == missing


def test_xlsx_layout_for_print(demo_plan, tmp_path):
    path = summary.write_summary(str(demo_plan), str(tmp_path / "t.xlsx"), "某设计院", "2026年1月").path
    sheet = openpyxl.load_workbook(path).worksheets[0]
    last = openpyxl.utils.get_column_letter(len(COLUMNS))
    assert f"A1:{last}1" in {str(r) for r in sheet.merged_cells.ranges}
    assert vocabulary.PLAN_TITLE_ZH in sheet["A1"].value and sheet["A1"].font.bold
    assert "某设计院" in sheet["A2"].value and "2026年1月" in sheet["A2"].value
    assert sheet.freeze_panes == "A4"
    assert [c.value for c in sheet[3]] == [c.header for c in COLUMNS]
    assert sheet.page_setup.paperSize == xlsx.PAPER_A3 and sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    site = find_row(sheet, 2, sql(demo_plan, "SELECT project_code FROM project_sites ORDER BY project_code")[0][0])
    assert site[AREA_COLUMN - 1].number_format == "#,##0.00" and site[AREA_COLUMN - 1].border.left.style == "thin"


def test_null_investment_and_years_are_blank_and_flagged_never_zero(demo_plan, tmp_path):
    edit(demo_plan, "UPDATE project_sites SET start_year = NULL, end_year = NULL "
                   "WHERE project_code = (SELECT MIN(project_code) FROM project_sites)")
    nulls = sql(demo_plan, "SELECT project_code FROM project_sites WHERE investment IS NULL")
    assert nulls, "the demo plan has a site without investment"
    path = summary.write_summary(str(demo_plan), str(tmp_path / "t.xlsx")).path
    sheet = openpyxl.load_workbook(path).worksheets[0]
    for (code,) in nulls:
        row = find_row(sheet, 2, code)
        assert row[MONEY_COLUMN - 1].value is None
        assert row[MONEY_COLUMN - 1].fill.fgColor.rgb.endswith("FFF3BF")
        assert "总投资未填报" in row[REMARKS_COLUMN - 1].value
    (first,) = sql(demo_plan, "SELECT MIN(project_code) FROM project_sites")[0]
    row = find_row(sheet, 2, first)
    assert "建设期限未填报" in row[REMARKS_COLUMN - 1].value and row[[c.key for c in COLUMNS].index("period")].value \
        is None
    ((count, _area, investment, missing),) = sums(demo_plan, "1").values()
    total = find_row(sheet, NAME_COLUMN, f"合计（{count}个项目）")
    assert subtotal(sheet, total[MONEY_COLUMN - 1].value) == pytest.approx(investment)  # the filled ones, no 0
    assert f"{missing}个项目总投资未填报" in total[REMARKS_COLUMN - 1].value
    import csv

    csv_path = summary.write_summary(str(demo_plan), str(tmp_path / "t.csv")).path
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.reader(handle) if len(r) > 1 and r[1] == nulls[0][0])
    assert row[MONEY_COLUMN - 1] == "" and "总投资未填报" in row[REMARKS_COLUMN - 1]


def test_formula_prefixes_are_neutralised_in_xlsx_and_csv(demo_plan, tmp_path):
    codes = [r[0] for r in sql(demo_plan, "SELECT project_code FROM project_sites ORDER BY fid")]
    for code, name in zip(codes, HOSTILE_NAMES):
        edit(demo_plan, "UPDATE project_sites SET name = ? WHERE project_code = ?", name, code)
    edit(demo_plan, "UPDATE project_sites SET implementer = '=1+1' WHERE project_code = ?", codes[0])
    path = summary.write_summary(str(demo_plan), str(tmp_path / "t.xlsx")).path
    sheet = openpyxl.load_workbook(path).worksheets[0]
    for code, name in zip(codes, HOSTILE_NAMES):
        cell = find_row(sheet, 2, code)[NAME_COLUMN - 1]
        assert cell.value == name and cell.data_type == "s"  # the text itself, never a formula
        if name[0] in "=+-@":
            assert cell.quotePrefix
    csv_path = summary.write_summary(str(demo_plan), str(tmp_path / "t.csv")).path
    import csv

    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        cells = {cell for row in csv.reader(handle) for cell in row}
    for name in HOSTILE_NAMES[:4]:
        assert "'" + name in cells and name not in cells
    assert "'=1+1" in cells


def test_csv_starts_with_a_bom_and_reads_back(demo_plan, tmp_path):
    path = summary.write_summary(str(demo_plan), str(tmp_path / "表.csv")).path
    raw = Path(path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8")
    assert text.splitlines()[0].split(",")[:3] == ["序号", COLUMNS[1].header, COLUMNS[2].header]
    assert "按生态修复分区统计" in text and "小计" in text and "合计" in text
    # areas and amounts to two decimals, as the workbook's formats and the HTML show them
    import csv

    area_at = [c.key for c in COLUMNS].index("area_ha")
    rows = [r for r in csv.reader(text.splitlines()) if len(r) > area_at and r[1].startswith("140213-")]
    (first,) = sql(demo_plan, "SELECT area_ha FROM project_sites WHERE project_code = ?", rows[0][1])[0]
    assert rows and all(re.fullmatch(r"\d+\.\d\d", r[area_at]) for r in rows)
    assert rows[0][area_at] == f"{first:.2f}"


def test_html_escapes_hostile_names(demo_plan, tmp_path):
    code = sql(demo_plan, "SELECT project_code FROM project_sites ORDER BY fid LIMIT 1")[0][0]
    edit(demo_plan, "UPDATE project_sites SET name = ?, measures = ? WHERE project_code = ?",
        "<script>alert('x')</script>", '<img src=x onerror="alert(1)">', code)
    path = summary.write_summary(str(demo_plan), str(tmp_path / "t.html")).path
    text = Path(path).read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in text
    assert vocabulary.PLAN_TITLE_ZH in text and 'class="investment money missing"' in text


# --- bad input ----------------------------------------------------------------------------------------------

def test_empty_site_layer_is_a_clear_error(empty_plan, tmp_path):
    with pytest.raises(ExportError, match="no project sites"):
        summary.write_summary(str(empty_plan), str(tmp_path / "t.xlsx"))
    assert not (tmp_path / "t.xlsx").exists()


def test_missing_and_read_only_folders(demo_plan, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        summary.write_summary(str(demo_plan), str(tmp_path / "nope" / "t.xlsx"))
    folder = tmp_path / "只读"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(ExportError, match="read-only"):
            summary.write_summary(str(demo_plan), str(folder / "t.csv"))
        assert list(folder.iterdir()) == []


def test_file_open_in_another_program_is_refused_and_kept(demo_plan, tmp_path):
    target = tmp_path / "汇总表.xlsx"
    target.write_bytes(b"old")
    (tmp_path / "~$汇总表.xlsx").write_bytes(b"lock")  # what Excel and WPS leave while the file is open
    with pytest.raises(ExportError, match="open in another program"):
        summary.write_summary(str(demo_plan), str(target))
    assert target.read_bytes() == b"old"
    os.remove(tmp_path / "~$汇总表.xlsx")
    with read_only(target):
        with pytest.raises(ExportError, match="read-only or open in another program"):
            summary.write_summary(str(demo_plan), str(target))
    assert target.read_bytes() == b"old"


def test_failure_midway_leaves_no_partial_file(demo_plan, tmp_path, monkeypatch):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"previous table")

    def broken(table, path, progress=None):
        Path(path).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(xlsx, "write_xlsx", broken)
    with pytest.raises(ExportError, match="disk full"):
        summary.write_summary(str(demo_plan), str(target))
    assert target.read_bytes() == b"previous table"
    assert [p.name for p in tmp_path.iterdir() if "xlsx" in p.name] == ["t.xlsx"]


def test_cancel_writes_nothing(demo_plan, tmp_path):
    with pytest.raises(CancelledError):
        summary.write_summary(str(demo_plan), str(tmp_path / "t.xlsx"), progress=lambda *_: False)
    assert list(tmp_path.glob("*t.xlsx*")) == []


def test_unknown_extension_and_non_plan_files(demo_plan, tmp_path):
    with pytest.raises(ExportError, match=r"\.xlsx, \.csv or \.html"):
        summary.write_summary(str(demo_plan), str(tmp_path / "t.docx"))
    other = tmp_path / "other.gpkg"
    other.write_bytes(b"not a database")
    with pytest.raises(PlanFileError):
        summary.write_summary(str(other), str(tmp_path / "t.xlsx"))
    with pytest.raises(PlanFileError, match="does not exist"):
        summary.write_summary(str(tmp_path / "missing.gpkg"), str(tmp_path / "t.xlsx"))


def test_chinese_number_and_notes():
    assert [summary_table._chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十",
                                                                                "二十三"]


# --- Processing ---------------------------------------------------------------------------------------------

def test_exportsummary_algorithm(provider, qgis_processing, demo_plan, tmp_path):
    import processing

    algorithm = QgsApplication.processingRegistry().algorithmById("pingcheng:exportsummary")
    assert [p.name() for p in algorithm.parameterDefinitions()][:2] == ["PLAN", "OUTPUT"]
    assert "OUTPUT" in [o.name() for o in algorithm.outputDefinitions()] and algorithm.shortHelpString()
    for extension in ("xlsx", "csv", "html"):
        target = tmp_path / f"汇总 表.{extension}"
        result = processing.run("pingcheng:exportsummary", {"PLAN": str(demo_plan), "OUTPUT": str(target)},
                                feedback=QgsProcessingFeedback())
        assert result["OUTPUT"] == str(target) and target.stat().st_size > 0
        assert result["SITES"] == sql(demo_plan, "SELECT COUNT(*) FROM project_sites")[0][0]
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run("pingcheng:exportsummary", {"PLAN": str(demo_plan), "OUTPUT": str(tmp_path / "x" / "t.csv")},
                       feedback=QgsProcessingFeedback())
