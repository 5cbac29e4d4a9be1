"""*Validate all* and zone/key-area assignment against QGIS's own Processing algorithms on the same sites.

Peer: qgis:checkvalidity (native:checkvalidity from 3.26) for validity, plus native:joinattributesbylocation
twice: the zone with the largest overlap (METHOD 2) and every key area touched (METHOD 0). Ours does more:
every rule of the validator (validity with location, district, overlaps, names, types, years, investment,
area, conformance, stale fields), or the full derivation (ellipsoidal and planar area, zone, shares, key areas).

    python benchmarks/bench_validate.py        # BENCH_SIZES=2000 for a quick look
"""

from __future__ import annotations

from _common import make_plan, sizes, start_qgis, timed


def main() -> None:
    start_qgis()
    import processing
    from qgis.core import (
        QgsApplication,
        QgsFeatureRequest,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsVectorLayer,
    )

    from pingcheng_plugin.core import plan_data, schema
    from pingcheng_plugin.core.validation import sources

    validity = "native:checkvalidity" if QgsApplication.processingRegistry().algorithmById(
        "native:checkvalidity") else "qgis:checkvalidity"
    print(f"peer: {validity} + native:joinattributesbylocation (zones, largest overlap; key areas, all)")
    for n in sizes():
        path = make_plan(n)
        sites = QgsVectorLayer(f"{path}|layername=project_sites", "sites", "ogr")
        zones = QgsVectorLayer(f"{path}|layername=restoration_zones", "zones", "ogr")
        keys = QgsVectorLayer(f"{path}|layername=key_areas", "keys", "ogr")
        context = QgsProcessingContext()
        # skip the bow-ties: with no check the 3.22 join stops (or crashes in GEOS) on them
        context.setInvalidGeometryCheck(QgsFeatureRequest.GeometrySkipInvalid)
        feedback = QgsProcessingFeedback()
        with timed() as peer_validity:
            processing.run(validity, {"INPUT_LAYER": sites, "METHOD": 2, "IGNORE_RING_SELF_INTERSECTION": False,
                                      "VALID_OUTPUT": "memory:", "INVALID_OUTPUT": "memory:",
                                      "ERROR_OUTPUT": "memory:"}, context=context, feedback=feedback)
        with timed() as peer_join:
            processing.run("native:joinattributesbylocation", {
                "INPUT": sites, "JOIN": zones, "PREDICATE": [0], "JOIN_FIELDS": ["code"], "METHOD": 2,
                "DISCARD_NONMATCHING": False, "PREFIX": "zone_", "OUTPUT": "memory:"},
                context=context, feedback=feedback)
            processing.run("native:joinattributesbylocation", {
                "INPUT": sites, "JOIN": keys, "PREDICATE": [0], "JOIN_FIELDS": ["code"], "METHOD": 0,
                "DISCARD_NONMATCHING": False, "PREFIX": "key_", "OUTPUT": "memory:"},
                context=context, feedback=feedback)
        with timed() as ours_validate:
            findings = sources.validate_plan(path)
        with timed() as ours_assign:
            layer = plan_data.open_layer(path, schema.SITES)
            features = list(layer.getFeatures())
            plan_data.deriver_for(path).derive_many([f.geometry() for f in features],
                                                    [f["start_year"] for f in features])
        peer = peer_validity[0] + peer_join[0]
        print(f"{n:>7} sites | validate all {ours_validate[0]:7.2f} s ({len(findings)} findings) | "
              f"derive all {ours_assign[0]:7.2f} s | peer {peer:7.2f} s "
              f"(validity {peer_validity[0]:.2f} + joins {peer_join[0]:.2f}) | "
              f"ratio validate/peer {ours_validate[0] / peer:.2f}, derive/peer {ours_assign[0] / peer:.2f}")


if __name__ == "__main__":
    main()
