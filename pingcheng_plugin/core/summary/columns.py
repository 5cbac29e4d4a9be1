"""The summary table's columns, the one place they are named: headers, widths, kinds, and which the figure shows.

The control-layer columns (生态保护红线, 永久基本农田, 主要地类, 自然保护地) are part of a table only when the plan
has the control layer they come from, so a plan without control layers keeps the table it always had; a
:class:`.table.SummaryTable` carries its own column tuple (:func:`table_columns`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Tuple

from ...plan import vocabulary
from ..store import control_schema, schema


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # relative width (≈ characters in a spreadsheet)
    kind: str = "text"  # text | int | area | money


def _alias(name: str) -> str:
    return schema.SITES.field(name).alias_zh


COLUMNS: Tuple[Column, ...] = (
    Column("seq", "序号", 5, "int"),
    Column("project_code", _alias("project_code"), 17),
    Column("name", _alias("name"), 28),
    Column("type_name", _alias("project_type"), 20),
    Column("location", "建设地点", 16),
    Column("zone_name", _alias("zone_code"), 20),
    Column("key_area_names", _alias("key_areas"), 22),
    Column("mode_names", _alias("restoration_modes"), 14),
    Column("problems", _alias("eco_problems"), 20),
    Column("area_ha", "建设规模（公顷）", 12, "area"),
    Column("measures", _alias("measures"), 28),
    Column("targets", _alias("targets"), 24),
    Column("investment", _alias("investment"), 12, "money"),
    *(Column(name, _alias(name), 11, "money") for name in schema.FUNDING_FIELDS),
    Column("funding", _alias("funding_source"), 12),
    Column("period", "建设期限", 12),
    Column("phase_name", f"{_alias('phase')}（{'/'.join(p.name_zh for p in vocabulary.PHASES)}）", 10),
    Column("status_name", _alias("status"), 8),
    Column("implementer", _alias("implementer"), 17),
    Column("responsible_unit", _alias("responsible_unit"), 17),
    Column("parent_project", _alias("parent_project"), 20),
    Column("remarks", _alias("remarks"), 15),
)
COLUMN_INDEX = {column.key: index for index, column in enumerate(COLUMNS)}

_TITLES = control_schema.TITLES_ZH
#: (control kind the column needs, column); placed before 备注, in this order.
CONTROL_COLUMNS: Tuple[Tuple[str, Column], ...] = (
    ("redline", Column("redline_ha", f"占用{_TITLES['redline']}（公顷）", 12, "area")),
    ("farmland", Column("farmland_ha", f"占用{_TITLES['farmland']}（公顷）", 12, "area")),
    ("landuse", Column("main_land_class", "主要地类", 14)),
    ("protected", Column("protected_names", f"涉及{_TITLES['protected']}", 20)),
)
#: The control columns whose 小计 and 合计 are sums.
CONTROL_AREA_KEYS = tuple(c.key for _kind, c in CONTROL_COLUMNS if c.kind == "area")


def table_columns(kinds: Iterable[str]) -> Tuple[Column, ...]:
    """COLUMNS with the control columns of the imported control ``kinds`` before 备注."""
    present = set(kinds)
    extra = tuple(column for kind, column in CONTROL_COLUMNS if kind in present)
    return COLUMNS[:-1] + extra + COLUMNS[-1:]


#: The table figure's columns: a sheet cannot hold all of COLUMNS legibly, so it shows the summary's original
#: columns, and on a wide sheet (A3 landscape) also the site's place and restoration modes, and the red line,
#: farmland and main land class when the table has them; xlsx, csv and html show every column.
FIGURE_COLUMNS: Tuple[Column, ...] = tuple(c for c in COLUMNS if c.key in (
    "seq", "project_code", "name", "type_name", "zone_name", "key_area_names", "area_ha",
    "investment", "period", "phase_name", "implementer", "funding", "measures", "remarks"))
WIDE_FIGURE_EXTRA = ("location", "mode_names", "redline_ha", "farmland_ha", "main_land_class")


def figure_columns(wide: bool, columns: Tuple[Column, ...] = COLUMNS) -> Tuple[Column, ...]:
    """The table figure's columns among the table's ``columns``, in their order; ``wide``: the sheet has room for
    WIDE_FIGURE_EXTRA."""
    keys = {c.key for c in FIGURE_COLUMNS} | (set(WIDE_FIGURE_EXTRA) if wide else set())
    return tuple(c for c in columns if c.key in keys)


TOTALS_COLUMNS: Tuple[Column, ...] = (
    Column("label", "类别", 30),
    Column("count", "项目数（个）", 12, "int"),
    Column("area_ha", "建设规模（公顷）", 14, "area"),
    Column("investment", _alias("investment"), 14, "money"),
    Column("investment_missing", "总投资未填报（个）", 16, "int"),
    Column("years_missing", "建设期限未填报（个）", 16, "int"),
)
