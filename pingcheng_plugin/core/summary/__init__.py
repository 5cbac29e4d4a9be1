"""The key-project summary table (重点工程项目汇总表): SQL aggregation, one model, xlsx/csv/html writers.

``write_summary(plan, output)`` is what the GUI task and the ``pingcheng:exportsummary`` algorithm call; the
format follows the output's extension. The PDF page of the table is drawn by :mod:`..figures` from the same model.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional, Tuple

from ..support import formatting
from ..support.errors import ExportError
from ..support.i18n import tr
from ..support.output_files import atomic_file, check_target, write_error
from ..support.progress import Progress, report
from .table import SummaryTable, build_summary

FORMATS = ("xlsx", "csv", "html")


def output_format(path: str) -> str:
    extension = os.path.splitext(str(path))[1].lower().lstrip(".")
    if extension == "htm":
        extension = "html"
    if extension not in FORMATS:
        raise ExportError(tr("The summary table can be written as .xlsx, .csv or .html, not {name}.").format(
            name=os.path.basename(str(path)) or str(path)))
    return extension


def write_table(table: SummaryTable, output: str, progress: Progress = None) -> str:
    """Write an already built table to ``output`` (atomically); returns the absolute path."""
    kind = output_format(output)
    try:
        _write(table, kind, output, progress)
    except OSError as err:  # "no space left on the disk holding …", not the system's bare words
        raise write_error(os.path.abspath(output), err) from err
    return os.path.abspath(output)


def _write(table: SummaryTable, kind: str, output: str, progress: Progress) -> None:
    with atomic_file(output) as temporary:
        if kind == "xlsx":
            from .xlsx import write_xlsx

            write_xlsx(table, temporary, progress)
        elif kind == "csv":
            from .text_formats import write_csv

            write_csv(table, temporary)
        else:
            from .text_formats import write_html

            write_html(table, temporary)
        report(progress, 95, tr("Saving {path}").format(path=output), tr("Cancelled: nothing was written."))


@dataclass(frozen=True)
class SummaryResult:
    path: str
    sites: int
    flagged: int  # sites with a missing investment, year or area (shown blank and flagged)
    warnings: Tuple[str, ...]


def write_summary(plan: str, output: str, organisation: Optional[str] = None, date: Optional[str] = None,
                  progress: Progress = None) -> SummaryResult:
    """Build the summary table of ``plan`` and write it to ``output`` (.xlsx, .csv or .html)."""
    output_format(output)
    check_target(output)  # refuse a bad target before reading anything
    table = build_summary(plan, organisation, date, progress)
    path = write_table(table, output, progress)
    warnings = []
    if table.total.investment_missing:
        warnings.append(tr("{sites} without investment: shown blank and flagged, not counted as 0.").format(
            sites=formatting.count(table.total.investment_missing, "site")))
    if table.total.years_missing:
        warnings.append(tr("{sites} without a start or end year: shown blank and flagged.").format(
            sites=formatting.count(table.total.years_missing, "site")))
    if progress is not None:
        progress(100, tr("Done"))
    return SummaryResult(path, table.site_count, len(table.flagged_rows), tuple(warnings))


__all__ = ["FORMATS", "SummaryResult", "SummaryTable", "build_summary", "output_format", "write_summary", "write_table"]
