"""The key-project summary table (重点工程项目汇总表) as plain data: one model for the xlsx, csv, html and PDF.

Everything shown is decided here once: column headers, Chinese names looked up in the plan vocabulary, the
grouping by project type with subtotals, the grand total, the totals per zone and per phase, and the flags of
missing values. A missing investment, area or year is shown blank and flagged in the remarks column, never
counted as 0. The writers only lay the model out.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from ...plan import vocabulary
from ..sites.derive import parse_key_areas
from ..store import plan_settings, schema
from ..store import summary_rows as query
from ..support.errors import ExportError
from ..support.i18n import tr
from ..support.progress import Progress, report
from .columns import (  # noqa: F401 (the columns are also the table's public names)
    COLUMN_INDEX,
    COLUMNS,
    CONTROL_AREA_KEYS,
    FIGURE_COLUMNS,
    TOTALS_COLUMNS,
    WIDE_FIGURE_EXTRA,
    Column,
    figure_columns,
    table_columns,
)

TITLE = schema.SUMMARY_TITLE
ZONE_TOTALS_TITLE = f"按{schema.ZONES.title_zh}统计"
PHASE_TOTALS_TITLE = f"按{schema.SITES.field('phase').alias_zh}统计"
UNIT_NOTE = "面积单位：公顷；投资单位：万元"
NUMBERS_ZH = "一二三四五六七八九十"


FLAG_INVESTMENT = "总投资未填报"
FLAG_YEARS = "建设期限未填报"
FLAG_AREA = "无图斑面积"
FLAG_TYPE = "项目类型未填报"
UNCLASSIFIED = "未分类"
NO_ZONE = "未落入生态修复分区"
NO_PHASE = "实施时序未定"


@dataclass(frozen=True)
class SiteRow:
    seq: int
    fid: int
    project_code: str
    name: str
    type_code: Optional[str]
    type_name: str
    zone_name: str
    key_area_names: str
    area_ha: Optional[float]
    investment: Optional[float]
    start_year: Optional[int]
    end_year: Optional[int]
    period: str
    phase_name: str
    implementer: str
    funding: str
    measures: str
    flags: Tuple[str, ...]
    illustrative: bool
    location: str = ""
    mode_names: str = ""
    problems: str = ""
    targets: str = ""
    status_name: str = ""
    responsible_unit: str = ""
    parent_project: str = ""
    funds: Tuple[Optional[float], ...] = (None,) * len(schema.FUNDING_FIELDS)
    # from the control layers (columns.CONTROL_COLUMNS); only shown when the plan has the layer
    redline_ha: Optional[float] = None
    farmland_ha: Optional[float] = None
    main_land_class: str = ""
    protected_names: str = ""

    @property
    def remarks(self) -> str:
        return "；".join(self.flags)

    def value(self, key: str):
        if key in schema.FUNDING_FIELDS:
            return self.funds[schema.FUNDING_FIELDS.index(key)]
        return getattr(self, key)


def fund_sums(rows: Sequence[SiteRow]) -> Tuple[Optional[float], ...]:
    """Each source's sum over ``rows``; None where no row has an amount (empty is not 0, as for 总投资)."""
    sums = []
    for index in range(len(schema.FUNDING_FIELDS)):
        given = [row.funds[index] for row in rows if row.funds[index] is not None]
        sums.append(sum(given) if given else None)
    return tuple(sums)


@dataclass(frozen=True)
class Totals:
    """One subtotal line: a project type, a zone, a phase or the grand total."""

    label: str
    aggregate: query.Aggregate
    funds: Tuple[Optional[float], ...] = (None,) * len(schema.FUNDING_FIELDS)  # per source, 小计 and 合计 only
    controls: Tuple[Tuple[str, Optional[float]], ...] = ()  # (CONTROL_AREA_KEYS key, sum), 小计 and 合计 only

    @property
    def count(self) -> int:
        return self.aggregate.count

    @property
    def area_ha(self) -> Optional[float]:
        return self.aggregate.area_ha

    @property
    def investment(self) -> Optional[float]:
        return self.aggregate.investment

    @property
    def investment_missing(self) -> int:
        return self.aggregate.investment_missing

    @property
    def years_missing(self) -> int:
        return self.aggregate.years_missing

    @property
    def remarks(self) -> str:
        notes = []
        if self.aggregate.investment_missing:
            notes.append(f"{self.aggregate.investment_missing}个项目{FLAG_INVESTMENT}，未计入")
        if self.aggregate.area_missing:
            notes.append(f"{self.aggregate.area_missing}个项目{FLAG_AREA}")
        return "；".join(notes)

    @property
    def flagged(self) -> bool:
        return bool(self.aggregate.investment_missing or self.aggregate.area_missing)

    def value(self, key: str):
        return getattr(self, key)


def control_sums(rows: Sequence[SiteRow]) -> Tuple[Tuple[str, Optional[float]], ...]:
    """The control areas' sums over ``rows`` (None where no row has one: the layer was not imported)."""
    out = []
    for key in CONTROL_AREA_KEYS:
        given = [getattr(row, key) for row in rows if getattr(row, key) is not None]
        out.append((key, sum(given) if given else None))
    return tuple(out)


@dataclass(frozen=True)
class TypeGroup:
    number: str  # 一, 二, ...
    code: Optional[str]
    name: str
    rows: Tuple[SiteRow, ...]
    subtotal: Totals


@dataclass(frozen=True)
class Line:
    """One line of the laid-out table: kind is 'group', 'site', 'subtotal' or 'total'; cells follow
    the table's columns."""

    kind: str
    cells: Tuple[object, ...]
    flagged: Tuple[str, ...] = ()  # keys of the cells to highlight (missing values)


@dataclass
class SummaryTable:
    plan_path: str
    groups: List[TypeGroup]
    total: Totals
    by_zone: List[Totals]
    by_phase: List[Totals]
    organisation: str
    date: str
    illustrative: bool
    title: str = TITLE
    plan_title: str = vocabulary.PLAN_TITLE_ZH
    notes: List[str] = field(default_factory=list)
    columns: Tuple[Column, ...] = COLUMNS  # with the control columns of the plan's control layers

    @property
    def column_index(self) -> dict:
        return {column.key: index for index, column in enumerate(self.columns)}

    @property
    def rows(self) -> List[SiteRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def site_count(self) -> int:
        return self.total.count

    @property
    def flagged_rows(self) -> List[SiteRow]:
        return [row for row in self.rows if row.flags]

    def lines(self) -> List[Line]:
        """The main table, top to bottom: for each type a group line, its sites and a subtotal; then the total.
        Cells follow :attr:`columns`."""
        out: List[Line] = []
        blank = ("",) * len(self.columns)
        for group in self.groups:
            cells = list(blank)
            cells[0] = group.number
            cells[self.column_index["name"]] = f"{group.name}（{len(group.rows)}个）"
            out.append(Line("group", tuple(cells)))
            for row in group.rows:
                missing = tuple(k for k, v in (("investment", row.investment), ("area_ha", row.area_ha),
                                               ("period", row.start_year is None or row.end_year is None))
                                if v is None or v is True)
                out.append(Line("site", tuple(row.value(c.key) for c in self.columns), missing))
            out.append(self._totals_line("subtotal", "小计", group.subtotal))
        out.append(self._totals_line("total", f"合计（{self.total.count}个项目）", self.total))
        return out

    def _totals_line(self, kind: str, label: str, totals: Totals) -> Line:
        index = self.column_index
        cells: List[object] = [""] * len(self.columns)
        cells[index["name"]] = label
        cells[index["area_ha"]] = totals.area_ha
        cells[index["investment"]] = totals.investment
        for name, amount in list(zip(schema.FUNDING_FIELDS, totals.funds)) + list(totals.controls):
            if name in index:
                cells[index[name]] = amount
        cells[index["remarks"]] = totals.remarks
        flagged = tuple(k for k, missing in (("investment", totals.investment_missing),
                                             ("area_ha", totals.aggregate.area_missing)) if missing)
        return Line(kind, tuple(cells), flagged)

    def totals_sections(self) -> List[Tuple[str, List[Totals]]]:
        return [(ZONE_TOTALS_TITLE, self.by_zone + [self.total]),
                (PHASE_TOTALS_TITLE, self.by_phase + [self.total])]


def default_organisation() -> str:
    return vocabulary.PLAN_AUTHOR_ZH


def default_date(today: Optional[datetime.date] = None) -> str:
    today = today or datetime.date.today()
    return f"{today.year}年{today.month}月"


def _name(kind: str, code: Optional[str], missing: str) -> str:
    if code is None or str(code).strip() == "":
        return missing
    entry = vocabulary.by_code(kind, code)
    return entry.name_zh if entry is not None else str(code)


def _period(start: Optional[int], end: Optional[int]) -> str:
    if start is not None and end is not None:
        return f"{start}-{end}年"
    if start is not None:
        return f"{start}年起"
    if end is not None:
        return f"至{end}年"
    return ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


_MODE_NAMES = {code: name for code, name, _ in schema.RESTORATION_MODES}


def _location(town: object, village: object) -> str:
    """建设地点 as addresses are written: 乡镇/街道 then 村."""
    return "".join(_text(part).strip() for part in (town, village))


def _site_row(seq: int, record: Sequence[object]) -> SiteRow:
    (fid, code, name, type_code, zone_code, key_areas, area_ha, investment, start, end, phase, implementer,
     funding, measures, illustrative, town, village, modes, problems, targets, status, responsible, parent,
     *funds) = record
    flags = []
    if investment is None:
        flags.append(FLAG_INVESTMENT)
    if start is None or end is None:
        flags.append(FLAG_YEARS)
    if area_ha is None:
        flags.append(FLAG_AREA)
    if type_code is None or str(type_code).strip() == "":
        flags.append(FLAG_TYPE)
    key_names = "、".join(_name("key_area", c, "") for c in parse_key_areas(key_areas))
    return SiteRow(
        seq=seq, fid=int(fid), project_code=_text(code), name=_text(name), type_code=type_code,
        type_name=_name("project_type", type_code, ""), zone_name=_name("zone", zone_code, ""),
        key_area_names=key_names, area_ha=None if area_ha is None else float(area_ha),
        investment=None if investment is None else float(investment),
        start_year=None if start is None else int(start), end_year=None if end is None else int(end),
        period=_period(start, end), phase_name=_name("phase", phase, ""), implementer=_text(implementer),
        funding=_text(funding), measures=_text(measures), flags=tuple(flags), illustrative=bool(illustrative),
        location=_location(town, village),
        mode_names="、".join(_MODE_NAMES.get(c, c) for c in parse_key_areas(modes)), problems=_text(problems),
        targets=_text(targets), status_name=_name("status", status, ""), responsible_unit=_text(responsible),
        parent_project=_text(parent), funds=tuple(None if f is None else float(f) for f in funds),
    )


def _ordered(keys, vocabulary_codes: Sequence[str]) -> List[Optional[str]]:
    """Vocabulary codes in plan order first, then unknown codes sorted, then NULL."""
    known = [c for c in vocabulary_codes if c in keys]
    unknown = sorted(k for k in keys if k is not None and k not in vocabulary_codes)
    return known + unknown + ([None] if None in keys else [])


def build_summary(path: str, organisation: Optional[str] = None, date: Optional[str] = None,
                  progress: Progress = None) -> SummaryTable:
    """Read the plan's sites and aggregates (SQL) and lay out the summary table."""
    with query.connect(path) as con:
        aggregates = query.aggregate_connection(con)
        if aggregates.total.count == 0:
            raise ExportError(tr("The plan {path} has no project sites: there is nothing to summarise. Draw or "
                                 "import sites first.").format(path=path))
        report(progress, 10, tr("Reading project sites"), tr("Cancelled: nothing was written."))
        records = query.read_rows(con)
    from . import control_values  # (GDAL's control tables: read when a table is built, not on import)

    kinds, controls = control_values.read(path)
    missing = control_values.defaults(kinds)
    rows = [_site_row(seq, record) for seq, record in enumerate(records, start=1)]
    if kinds:
        rows = [dataclasses.replace(row, **{**missing, **controls.get(row.fid, {})}) for row in rows]
    by_type = {}
    for row in rows:
        by_type.setdefault(row.type_code if row.type_code not in ("",) else None, []).append(row)
    groups = []
    for number, code in enumerate(_ordered(set(by_type), vocabulary.codes("project_type"))):
        name = _name("project_type", code, UNCLASSIFIED)
        aggregate = aggregates.by_type.get(code) or aggregates.by_type.get("")
        groups.append(TypeGroup(_chinese_number(number + 1), code, name, tuple(by_type[code]),
                                Totals("小计", aggregate, fund_sums(by_type[code]),
                                       control_sums(by_type[code]))))
    by_zone = [Totals(_name("zone", code, NO_ZONE), aggregates.by_zone[code])
               for code in _ordered(set(aggregates.by_zone), vocabulary.codes("zone"))]
    by_phase = [Totals(_phase_label(code), aggregates.by_phase[code])
                for code in _ordered(set(aggregates.by_phase), vocabulary.codes("phase"))]
    stored = plan_settings.read_imprint(path)  # what was printed before: a re-export keeps it
    table = SummaryTable(
        plan_path=path, groups=groups, total=Totals("合计", aggregates.total, fund_sums(rows), control_sums(rows)),
        by_zone=by_zone,
        by_phase=by_phase,
        organisation=organisation or stored.organisation or default_organisation(),
        date=date or stored.date or default_date(),
        illustrative=any(row.illustrative for row in rows), columns=table_columns(kinds),
    )
    table.notes = notes(table)
    return table


def _phase_label(code: Optional[str]) -> str:
    phase = vocabulary.by_code("phase", code)
    if phase is None:
        return _name("phase", code, NO_PHASE)
    return f"{phase.name_zh}（{phase.first_year}-{phase.last_year}年）"


def _chinese_number(number: int) -> str:
    if number <= 10:
        return NUMBERS_ZH[number - 1]
    tens, units = divmod(number, 10)
    return (NUMBERS_ZH[tens - 1] if tens > 1 else "") + "十" + (NUMBERS_ZH[units - 1] if units else "")


def notes(table: SummaryTable) -> List[str]:
    """The footnotes under the table: what the numbers mean, what is missing, what is illustrative."""
    out = [f"建设规模为项目图斑的{schema.SITES.field('area_ha').alias_zh.split('（')[0]}"
           f"（2000国家大地坐标系椭球面积）；{UNIT_NOTE}。"]
    missing = table.total.investment_missing
    if missing:
        out.append(f"{missing}个项目{FLAG_INVESTMENT}，表中留空并在备注中标注，小计与合计仅含已填报项目，"
                   f"不视为0。")
    if table.total.years_missing:
        out.append(f"{table.total.years_missing}个项目{FLAG_YEARS}，实施时序未定。")
    out.append("实施时序按开工年份划分：" + "；".join(
        f"{p.name_zh}{p.first_year}-{p.last_year}年" for p in vocabulary.PHASES) + "。")
    control_keys = {c.key for c in table.columns} - {c.key for c in COLUMNS}
    if control_keys:
        out.append("占用管控图层的面积为项目图斑与规划库中导入的管控图层相交部分的椭球面积，未占用为0"
                   + ("；主要地类为项目内面积最大的三调地类" if "main_land_class" in control_keys else "") + "。")
    if table.illustrative:
        out.append(f"表中项目为{vocabulary.ILLUSTRATIVE_ZH}数据：规划未公布项目清单，仅用于演示，不作为实施依据。")
    return out
