"""Summary aggregation for 100,000 sites against a plain SQLite GROUP BY on the same GeoPackage.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_summary.py [--sites 100000] [--repeat 7]

Ours: ``core.summary.query.aggregate`` (counts, sums, missing counts per project type, zone and phase, and the
grand total). Peer: three plain ``GROUP BY`` queries (type, zone, phase) with COUNT and SUMs, on the same file.
Goal: ours under 2x the peer. Prints the median times and the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile

from _common import median_time, start_qgis, write_result


def attribute_only_plan(folder: str, sites: int, seed: int = 7) -> str:
    """A plan GeoPackage with ``sites`` attribute-only sites (no geometry: aggregation never reads it)."""
    from pingcheng_plugin.core.store import plan_file
    from pingcheng_plugin.plan import vocabulary

    path = plan_file.create_plan(os.path.join(folder, "bench.gpkg"), demo=False)
    generator = random.Random(seed)
    types = vocabulary.codes("project_type")
    zones = vocabulary.codes("zone") + (None,)
    rows = []
    for number in range(sites):
        start = generator.randint(2021, 2035) if generator.random() > 0.02 else None
        end = min(2035, start + generator.randint(0, 4)) if start else None
        phase = vocabulary.phase_for_year(start)
        ptype = generator.choice(types)
        rows.append((f"140213-{ptype}-{number:06d}", f"测试项目{number}", ptype, "planned", generator.choice(zones),
                     '["K3"]', start, end, phase.code if phase else None,
                     None if generator.random() < 0.05 else round(generator.uniform(50, 50000), 2),
                     round(generator.uniform(0.5, 500), 4), "区级财政资金", "平城区自然资源局", "示意", 1))
    with sqlite3.connect(path) as con:
        # The GeoPackage's R-tree triggers call GDAL's ST_ functions; these sites have no geometry to index.
        con.create_function("ST_IsEmpty", 1, lambda _geometry: 1)
        for name in ("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
            con.create_function(name, 1, lambda _geometry: None)
        con.executemany(
            "INSERT INTO project_sites (project_code, name, project_type, status, zone_code, key_areas, start_year, "
            "end_year, phase, investment, area_ha, funding_source, implementer, measures, illustrative) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return path


PLAIN = [f"SELECT {key}, COUNT(*), SUM(area_ha), SUM(investment) FROM project_sites GROUP BY {key}"
         for key in ("project_type", "zone_code", "phase")]


def plain_group_by(path: str):
    con = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    try:
        return [con.execute(statement).fetchall() for statement in PLAIN]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", default="", help="also write the result here (make bench)")
    args = parser.parse_args()
    application = start_qgis()
    from pingcheng_plugin.core.store import summary_rows as query
    from pingcheng_plugin.core.summary.table import build_summary

    with tempfile.TemporaryDirectory() as folder:
        path = attribute_only_plan(folder, args.sites)
        plain_group_by(path)  # warm the page cache for both
        query.aggregate(path)
        peer = median_time(lambda: plain_group_by(path), args.repeat)
        ours = median_time(lambda: query.aggregate(path), args.repeat)
        whole = median_time(lambda: build_summary(path), max(1, args.repeat // 3))
        print(f"sites: {args.sites:,}")
        print(f"plain SQLite GROUP BY (type, zone, phase): {peer * 1000:8.1f} ms")
        print(f"ours (per type, zone, phase + total):      {ours * 1000:8.1f} ms")
        print(f"ratio ours / plain: {ours / peer:.2f}  (goal < 2)")
        print(f"whole table model incl. {args.sites:,} rows (info): {whole * 1000:8.1f} ms")
        write_result(args.json, {"job": "summary", "sites": args.sites, "ours_s": ours, "peer_s": peer,
                                 "table_s": whole})
    application.exitQgis()


if __name__ == "__main__":
    main()
