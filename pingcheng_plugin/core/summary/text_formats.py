"""The summary table as CSV (UTF-8 with BOM, for Excel) and as HTML (a jinja2 template with autoescape)."""

from __future__ import annotations

import csv
import os
from typing import List, Optional

import jinja2

from ...plan import vocabulary
from ..support import paths
from ..support.cell_text import neutralise
from ..support.errors import ExportError
from ..support.i18n import tr
from .table import TOTALS_COLUMNS, UNIT_NOTE, SummaryTable

HTML_TEMPLATE = "summary_table.html.j2"


#: Decimals of a number column in the CSV: what the workbook's number formats and the HTML show.
CSV_DECIMALS = {"area": 2, "money": 2}


def csv_value(value: object, kind: str = "text") -> object:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and kind in CSV_DECIMALS:
        return f"{float(value):.{CSV_DECIMALS[kind]}f}"
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    if isinstance(value, int):
        return value
    return neutralise(str(value))


def write_csv(table: SummaryTable, path: str) -> None:
    """Header, the grouped table with subtotals and total, then the totals per zone and per phase."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([c.header for c in table.columns])
        for line in table.lines():
            writer.writerow([csv_value(v, c.kind) for v, c in zip(line.cells, table.columns)])
        for title, totals in table.totals_sections():
            writer.writerow([])
            writer.writerow([title])
            writer.writerow([c.header for c in TOTALS_COLUMNS])
            for item in totals:
                writer.writerow([csv_value(item.label)] + [csv_value(item.value(c.key), c.kind)
                                                           for c in TOTALS_COLUMNS[1:]])
        writer.writerow([])
        for note in table.notes:
            writer.writerow([csv_value(note)])


def _number(value: Optional[float], decimals: int = 2) -> str:
    return "" if value is None else f"{value:,.{decimals}f}"


def environment(template_dirs: Optional[List[str]] = None) -> jinja2.Environment:
    """The jinja2 environment for the plugin's HTML templates: autoescape always on."""
    loader = jinja2.FileSystemLoader(template_dirs or [paths.templates_dir()])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = _number
    return env


def render_html(table: SummaryTable, template_dirs: Optional[List[str]] = None) -> str:
    try:
        template = environment(template_dirs).get_template(HTML_TEMPLATE)
    except jinja2.TemplateError as err:
        raise ExportError(tr("The HTML template {name} cannot be read: {error}").format(
            name=HTML_TEMPLATE, error=err)) from err
    return template.render(table=table, columns=table.columns, totals_columns=TOTALS_COLUMNS, lines=table.lines(),
                           unit_note=UNIT_NOTE, illustrative_word=vocabulary.ILLUSTRATIVE_ZH)


def write_html(table: SummaryTable, path: str, template_dirs: Optional[List[str]] = None) -> None:
    text = render_html(table, template_dirs)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
