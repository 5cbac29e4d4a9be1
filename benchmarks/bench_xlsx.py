"""Writing the 100,000-site summary workbook against openpyxl's write-only mode writing the same cells.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_xlsx.py [--sites 100000] [--repeat 3]

Ours: ``core.summary.xlsx.write_xlsx`` on the table model (title, header, groups, subtotals, total, notes, the
totals sheet, merged cells, print setup, formula neutralisation). Peer: openpyxl's write-only mode appending the
same values with the same cell styles (font, border, fill, number format) in the cheapest way openpyxl offers
(one prepared style copied per cell), and nothing else. Goal: ours under 1.2x the peer.
"""

from __future__ import annotations

import argparse
import copy
import os
import tempfile

from _common import median_time, start_qgis, write_result
from bench_summary import attribute_only_plan


def peer_write(table, path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from pingcheng_plugin.core.summary.table import COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("sheet")
    side = Side(style="thin", color="FF333333")
    prototypes = {}

    def style(kind, line, missing):
        key = (kind, line, missing)
        if key not in prototypes:
            cell = WriteOnlyCell(sheet)
            cell.font = Font(name="宋体", size=10, bold=line != "site")
            cell.border = Border(left=side, right=side, top=side, bottom=side)
            if missing or line != "site":
                cell.fill = PatternFill("solid", fgColor="FFFFF3BF" if missing else "FFF2F2F2")
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cell.number_format = {"area": "#,##0.00", "money": "#,##0.00", "int": "0"}.get(kind, "@")
            prototypes[key] = cell._style
        return prototypes[key]

    kinds = [c.kind for c in COLUMNS]
    keys = [c.key for c in COLUMNS]
    sheet.append([table.title])
    sheet.append([c.header for c in COLUMNS])
    for line in table.lines():
        row = []
        for value, kind, key in zip(line.cells, kinds, keys):
            cell = WriteOnlyCell(sheet, value=None if value == "" else value)
            cell._style = copy.copy(style(kind, line.kind, key in line.flagged))
            row.append(cell)
        sheet.append(row)
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", default="", help="also write the result here (make bench)")
    args = parser.parse_args()
    application = start_qgis()
    from pingcheng_plugin.core.summary.table import build_summary
    from pingcheng_plugin.core.summary.xlsx import write_xlsx

    with tempfile.TemporaryDirectory() as folder:
        table = build_summary(attribute_only_plan(folder, args.sites))
        lines = len(table.lines())
        peer = median_time(lambda: peer_write(table, os.path.join(folder, "peer.xlsx")), args.repeat)
        ours = median_time(lambda: write_xlsx(table, os.path.join(folder, "ours.xlsx")), args.repeat)
        print(f"sites: {args.sites:,} ({lines:,} table lines)")
        size = {name: os.path.getsize(os.path.join(folder, f"{name}.xlsx")) for name in ("peer", "ours")}
        print(f"openpyxl write-only, same cells: {peer:7.2f} s  ({size['peer']:,} B)")
        print(f"ours (write_xlsx):               {ours:7.2f} s  ({size['ours']:,} B)")
        print(f"ratio ours / write-only: {ours / peer:.2f}  (goal < 1.2)")
        write_result(args.json, {"job": "xlsx", "sites": args.sites, "lines": lines, "ours_s": ours,
                                 "peer_s": peer})
    application.exitQgis()


if __name__ == "__main__":
    main()
