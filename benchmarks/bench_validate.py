"""*Validate all* as a Processing user runs it, against QGIS's own algorithms on the same plan, in one process.

Ours: ``processing.run("pingcheng:validatesites")`` on the plan file (it opens the plan, reads every site and
checks every rule: validity with location, district, overlaps, names, types, years, investment, area, zone and
key-area conformance, stale derived fields; the findings go to a memory layer). Peer: what a user would chain in
QGIS for the nearest check, on the same file: ``checkvalidity`` (GEOS) on the sites, then
``joinattributesbylocation`` of the zones (largest overlap) and of the key areas (every one touched), each
writing a memory layer. Both are given layer sources, so both pay for opening the file. Provider loading and a
warm-up call of each on a small plan (``--warmup``, not timed) come first; with ``--repeat`` the median is kept.

    python benchmarks/bench_validate.py --plan PLAN.gpkg [--repeat 3] [--json result.json]
"""

from __future__ import annotations

import argparse
import statistics
from typing import Tuple

from _common import load_plugin_processing, peak_rss_mb, sites_uri, start_qgis, timed, write_result


def peer_algorithms() -> Tuple[str, str]:
    """(validity algorithm id, join algorithm id): checkvalidity moved from qgis: to native: in 3.26."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    validity = "native:checkvalidity" if registry.algorithmById("native:checkvalidity") else "qgis:checkvalidity"
    return validity, "native:joinattributesbylocation"


def run_peer(sites: str, plan: str) -> dict:
    """checkvalidity + the two location joins on ``sites`` (a layer source) against the plan's zones and key
    areas; seconds of each part and the invalid count."""
    import processing
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeedback

    validity, join = peer_algorithms()
    context = QgsProcessingContext()
    # skip invalid features in the joins: QGIS 3.22's join stops (or crashes in GEOS) on a bow-tie
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometrySkipInvalid)
    feedback = QgsProcessingFeedback()
    with timed() as checking:
        checked = processing.run(validity, {
            "INPUT_LAYER": sites, "METHOD": 2, "IGNORE_RING_SELF_INTERSECTION": False, "VALID_OUTPUT": "memory:",
            "INVALID_OUTPUT": "memory:", "ERROR_OUTPUT": "memory:"}, feedback=feedback)
    with timed() as joining:
        for table, method in (("restoration_zones", 2), ("key_areas", 0)):
            processing.run(join, {
                "INPUT": sites, "JOIN": f"{plan}|layername={table}", "PREDICATE": [0], "JOIN_FIELDS": ["code"],
                "METHOD": method, "DISCARD_NONMATCHING": False, "PREFIX": table[:4] + "_", "OUTPUT": "memory:"},
                context=context, feedback=feedback)
    return {"validity_s": checking[0], "joins_s": joining[0], "s": checking[0] + joining[0],
            "invalid": int(checked.get("INVALID_COUNT", 0) or 0)}


def run_ours(plan: str) -> dict:
    import processing

    with timed() as ours:
        result = processing.run("pingcheng:validatesites", {"PLAN": plan, "OUTPUT": "memory:"})
    return {"s": ours[0], "errors": int(result["ERRORS"]), "warnings": int(result["WARNINGS"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warmup", default="", help="a small plan run once first, untimed (module imports)")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    start_qgis()
    load_plugin_processing()
    import shapely

    if args.warmup:  # both sides import their Python modules here, not in the first timed run
        run_ours(args.warmup)
        run_peer(sites_uri(args.warmup), args.warmup)
    sites = sites_uri(args.plan)
    ours, peer = [], []
    for _ in range(args.repeat):
        ours.append(run_ours(args.plan))
        peer.append(run_peer(sites, args.plan))
    ours_s = statistics.median(r["s"] for r in ours)
    peer_s = statistics.median(r["s"] for r in peer)
    write_result(args.json, {
        "job": "validate", "shapely": shapely.__version__, "repeat": args.repeat, "ours_s": ours_s,
        "peer_s": peer_s, "ratio": ours_s / peer_s, "errors": ours[0]["errors"], "warnings": ours[0]["warnings"],
        "peer_validity_s": statistics.median(r["validity_s"] for r in peer),
        "peer_joins_s": statistics.median(r["joins_s"] for r in peer), "peer_invalid": peer[0]["invalid"],
        "peak_rss_mb": peak_rss_mb()})


if __name__ == "__main__":
    main()
