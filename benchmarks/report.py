"""The benchmark table from out/bench/results.json: printed by `make bench`, and written into README.md between
``<!-- bench:start -->``/``<!-- bench:end -->`` (English) and ``<!-- bench-zh:start -->``/``<!-- bench-zh:end -->``
(Chinese). Only what lies between the markers is replaced, so the text around it stays as written.

    /usr/bin/python3 benchmarks/report.py [out/bench/results.json] [--readme README.md]
"""

from __future__ import annotations

import argparse
import json
import os
import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
Row = Tuple[str, str, str, str, str, str, str]  # job, sites, ours, peer, ratio 1.8, ratio 2, goal

LABELS = {
    "validate": ("Validate all: `pingcheng:validatesites`, in process",
                 "校核全部项目：`pingcheng:validatesites`（进程内）"),
    "validate_qp": ("Validate all: `qgis_process`, start-up included (peer: 3 runs)",
                    "校核全部项目：`qgis_process`（含启动；对照为 3 次运行）"),
    "validate_task": ("Validate all from the panel (background task, until the list shows)",
                      "面板中“校核全部项目”（后台任务，至结果列表显示）"),
    "controls": ("Land classes of every site against a DLTB of 5 parcels per site (`bench_controls.py`)",
                 "全部项目的地类面积，三调地类图斑为项目数的 5 倍（`bench_controls.py`）"),
    "import": ("Import with validation: `pingcheng:importsites`, in process",
               "导入并校核：`pingcheng:importsites`（进程内）"),
    "import_memory": ("Import: peak memory (RSS) at 100,000 / at 10,000", "导入：峰值内存 100,000 / 10,000"),
    "import_qp": ("Import: `qgis_process`, start-up included (peak RSS)", "导入：`qgis_process`（含启动，峰值内存）"),
    "save": ("One site saved: derived fields, save check, panel", "保存一个项目：派生字段、保存校核、面板刷新"),
    "open": ("Open the plan: map drawn and panel filled", "打开规划：地图绘制完成、面板填好"),
    "initgui": ("Plugin `initGui` (import, `classFactory`, `initGui`)",
                "插件 `initGui`（导入、`classFactory`、`initGui`）"),
    "summary_qp": ("Summary table `.xlsx`: `qgis_process`, start-up included",
                   "汇总表 `.xlsx`：`qgis_process`（含启动）"),
    "maps_qp": ("The 7 plan maps, pdf 150 dpi: `pingcheng:exportfigures` through `qgis_process`",
                "7 幅规划图 pdf 150 dpi：`qgis_process` 运行 `pingcheng:exportfigures`"),
    "figures": ("Figure set, pdf+png 150 dpi, demo plan (`bench_figures.py`)", "规划图件 pdf+png 150 dpi，示例规划"),
    "aggregate": ("Summary aggregation, 100,000 sites (`bench_summary.py`)", "汇总统计，100,000 个项目"),
    "xlsx": ("Summary `.xlsx`, 100,000 rows (`bench_xlsx.py`)", "汇总表 `.xlsx`，100,000 行"),
    "review_prepare": ("Prepare a review package of 1,000 sites (`bench_review.py`)",
                       "生成 1,000 个图斑的核查包（`bench_review.py`）"),
    "review_merge": ("Merge 100 reviews of that package", "合并其中 100 条核查结果"),
}
PEERS = {
    "validate": ("`checkvalidity` + 2 × `joinattributesbylocation`",
                 "`checkvalidity` + 2 × `joinattributesbylocation`"),
    "controls": ("`native:intersection` + GROUP BY of ellipsoidal areas",
                 "`native:intersection` + 按椭球面积 GROUP BY"),
    "import": ("`ogr2ogr` copy + the validate peer", "`ogr2ogr` 复制 + 校核对照"),
    "save": ("plain layer commit of the same edit", "普通图层提交同一编辑"),
    "open": ("`QgsProject.read` of the same project + draw", "同一工程 `QgsProject.read` + 绘制"),
    "initgui": ("an empty plugin", "空插件"),
    "figures": ("bare `QgsLayoutExporter`", "直接 `QgsLayoutExporter`"),
    "aggregate": ("plain SQLite `GROUP BY`", "SQLite `GROUP BY`"),
    "xlsx": ("openpyxl write-only, same cells", "openpyxl 只写模式，相同单元格"),
    "review_prepare": ("`native:package` of the same sites and layers", "`native:package` 打包相同图斑和图层"),
    "review_merge": ("GeoDiff `create_changeset` + `apply_changeset` alone",
                     "仅 GeoDiff `create_changeset` + `apply_changeset`"),
}
GOALS = {"validate": "≤ 0.25×", "controls": "≤ 0.3×", "import": "≤ 1.0×", "import_memory": "≤ 1.2×",
         "save": "≤ 2×, < 150 ms", "open": "≤ 1.5×", "initgui": "< 150 ms", "figures": "< 1.2×", "aggregate": "< 2×",
         "xlsx": "< 1.2×"}
HEADERS = (("job", "sites", "ours (shapely 1.8 / 2)", "peer (1.8 / 2)", "ratio, shapely 1.8", "ratio, shapely 2",
            "goal"),
           ("任务", "项目数", "本插件（shapely 1.8 / 2）", "对照（1.8 / 2）", "比值 shapely 1.8", "比值 shapely 2",
            "目标"))


def seconds(value: Optional[float]) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def pair(values: Sequence[Optional[float]], unit: Callable[[Optional[float]], str] = seconds) -> str:
    return " / ".join(unit(v) for v in values)


def ratio(ours: Optional[float], peer: Optional[float], goal: Optional[Callable[[float, float], bool]] = None) -> str:
    if ours is None or not peer:
        return "–"
    value = ours / peer
    text = f"{value:.2f}×" if value < 100 else f"{value:.0f}×"
    if goal is not None:
        text += " ✓" if goal(value, ours) else " ✗"
    return text


def _at_most(limit: float) -> Callable[[float, float], bool]:
    return lambda value, _ours: value <= limit


def _below(limit: float) -> Callable[[float, float], bool]:
    return lambda value, _ours: value < limit


def rows(results: Dict, language: int) -> List[Row]:
    """The table rows; ``language`` 0 is English, 1 Chinese."""
    versions = [p["shapely"] for p in results["machine"]["pythons"]]
    label = {key: names[language] for key, names in LABELS.items()}
    peer = {key: names[language] for key, names in PEERS.items()}
    table: List[Row] = []
    by_size = results["sizes"]

    def both(size: str, step: str, key: str) -> List[Optional[float]]:
        return [by_size[size].get(v, {}).get(step, {}).get(key) for v in versions]

    def compared(job: str, size: str, step: str, ours_key: str, peer_key: str,
                 goal: Optional[Callable[[float, float], bool]]) -> Row:
        ours, peers = both(size, step, ours_key), both(size, step, peer_key)
        return (label[job], f"{int(size):,}", pair(ours), f"{peer[job]}: {pair(peers)}",
                ratio(ours[0], peers[0], goal), ratio(ours[1], peers[1], goal), GOALS.get(job, "–"))

    for size in sorted(by_size, key=int):
        qp = by_size[size]["qgis_process"]
        table.append(compared("validate", size, "validate", "ours_s", "peer_s", _at_most(0.25)))
        table.append((label["validate_qp"], f"{int(size):,}", seconds(qp["validate_s"]), seconds(qp["peer_s"]),
                      ratio(qp["validate_s"], qp["peer_s"]), "", "–"))
        tasks = both(size, "panel", "validate_task_s")
        table.append((label["validate_task"], f"{int(size):,}", pair(tasks), "–", "", "", "–"))
        if any(both(size, "controls", "ours_s")):
            table.append(compared("controls", size, "controls", "ours_s", "peer_s", _at_most(0.3)))
        table.append(compared("import", size, "import", "ours_s", "peer_s", _at_most(1.0)))
        table.append((label["import_qp"], f"{int(size):,}", f"{seconds(qp['import_s'])} "
                      f"({qp['import_peak_rss_mb']:.0f} MB)", "–", "", "", "–"))
        table.append(compared("save", size, "panel", "save_ours_s", "save_peer_s",
                              lambda value, ours: value <= 2 and ours < 0.15))
        table.append(compared("open", size, "panel", "open_ours_s", "open_peer_s", _at_most(1.5)))
        table.append((label["summary_qp"], f"{int(size):,}", seconds(qp["summary_xlsx_s"]), "–", "", "", "–"))
        if "maps_pdf_s" in qp:
            table.append((label["maps_qp"], f"{int(size):,}", seconds(qp["maps_pdf_s"]), "–", "", "", "–"))
    if "10000" in by_size and "100000" in by_size:
        peaks = [[by_size[s][v]["import"]["peak_rss_mb"] for s in ("100000", "10000")] for v in versions]
        table.append((label["import_memory"], "100,000 / 10,000",
                      "; ".join(f"{v}: {a:.0f} / {b:.0f} MB" for v, (a, b) in zip(versions, peaks)), "–",
                      *(f"{a / b:.2f}×" + (" ✓" if a / b <= 1.2 else " ✗") for a, b in peaks), GOALS["import_memory"]))
    initgui = [results["initgui"].get(v, {}) for v in versions]
    table.append((label["initgui"], "–", pair([i.get("ours_s") for i in initgui]),
                  f"{peer['initgui']}: {pair([i.get('peer_s') for i in initgui])}",
                  *(seconds(i.get("ours_s")) + (" ✓" if i.get("ours_s", 1) < 0.15 else " ✗") for i in initgui),
                  GOALS["initgui"]))
    for job, key in (("figures", "figures"), ("aggregate", "summary"), ("xlsx", "xlsx")):
        extra = results.get("extras", {}).get(key)
        if extra:
            limit = {"figures": 1.2, "aggregate": 2.0, "xlsx": 1.2}[job]
            table.append((label[job], "–", seconds(extra["ours_s"]), f"{peer[job]}: {seconds(extra['peer_s'])}",
                          ratio(extra["ours_s"], extra["peer_s"], _below(limit)), "", GOALS[job]))
    review = results.get("extras", {}).get("review")
    if review:
        for job in ("prepare", "merge"):
            ours = [review.get(v, {}).get(job, {}).get("ours_s") for v in versions]
            peers = [review.get(v, {}).get(job, {}).get("peer_s") for v in versions]
            table.append((label[f"review_{job}"], "1,000", pair(ours), f"{peer[f'review_{job}']}: {pair(peers)}",
                          ratio(ours[0], peers[0]), ratio(ours[1], peers[1]), "–"))
    return table


def machine_line(results: Dict, language: int) -> str:
    machine = results["machine"]
    pythons = machine["pythons"]
    shapely = ", ".join(f"{p['shapely']} (GEOS {p['geos']})" for p in pythons)
    load = f"{machine['load_before'][0]:.1f} → {machine.get('load_after', [0])[0]:.1f}"
    minutes = machine.get("total_s", 0) / 60
    if language == 1:
        return (f"QGIS {machine['qgis']}，shapely {shapely}，Python {pythons[0]['python']}，"
                f"{machine['cores']} 个 CPU 核（与其他开发者的测试共用，1 分钟负载 {load}），{machine['date']}，"
                f"`make bench` 共 {minutes:.0f} 分钟。")
    return (f"QGIS {machine['qgis']}, shapely {shapely}, Python {pythons[0]['python']}, {machine['cores']} cores "
            f"shared with other developers' test runs (1-minute load {load}), {machine['date']}; "
            f"`make bench` took {minutes:.0f} min.")


def markdown(results: Dict, language: int) -> str:
    header = HEADERS[language]
    lines = [machine_line(results, language), "", "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows(results, language)]
    return "\n".join(lines)


def terminal_table(results: Dict) -> str:
    table = [HEADERS[0]] + rows(results, 0)
    widths = [min(60, max(len(row[i]) for row in table)) for i in range(len(HEADERS[0]))]
    text = [machine_line(results, 0)]
    for row in table:
        text.append("  ".join(cell[:60].ljust(width) for cell, width in zip(row, widths)))
    return "\n".join(text)


def update_readme(results: Dict, path: str) -> None:
    """Replace the text between each pair of markers with the table in that section's language."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for marker, language in (("bench-zh", 1), ("bench", 0)):
        pattern = re.compile(rf"(<!-- {marker}:start -->\n)(?:.*?\n)?(<!-- {marker}:end -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"{path}: the markers <!-- {marker}:start --> / <!-- {marker}:end --> are missing")
        table = markdown(results, language)
        text = pattern.sub(lambda match, table=table: match.group(1) + table + "\n" + match.group(2), text)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="?", default=os.path.join(ROOT, "out", "bench", "results.json"))
    parser.add_argument("--readme", default="")
    args = parser.parse_args()
    with open(args.results, encoding="utf-8") as handle:
        results = json.load(handle)
    print(terminal_table(results))
    if args.readme:
        update_readme(results, args.readme)


if __name__ == "__main__":
    main()
