"""Exporting the figure set against bare QgsLayoutExporter calls on the same layouts.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_figures.py [--dpi 150] [--formats pdf,png]

Ours: ``core.figures.export_figures`` end to end on the demo plan (reading the plan, loading and filling every
template, exporting, checking each result, staging and moving the files, LZW for TIFF). Peer: the same layouts,
built beforehand (not timed), exported with bare ``QgsLayoutExporter`` calls into a folder. Goal: ours under
1.2x the peer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from _common import start_qgis, write_result


def peer_export(exporter, layouts, folder: str) -> None:
    from qgis.core import QgsLayoutExporter

    from pingcheng_plugin.core.figures.export import image_settings, pdf_settings, svg_settings

    options = exporter.options
    for spec, layout in layouts:
        base = os.path.join(folder, spec.file_stem())
        bare = QgsLayoutExporter(layout)
        for fmt in options.formats:
            if spec.kind == "atlas":
                if fmt == "pdf":
                    QgsLayoutExporter.exportToPdf(layout.atlas(), base + ".pdf", pdf_settings(options.dpi))
                elif fmt == "svg":
                    QgsLayoutExporter.exportToSvg(layout.atlas(), folder + os.sep, svg_settings(options.dpi))
                else:
                    QgsLayoutExporter.exportToImage(layout.atlas(), folder + os.sep, "." + fmt,
                                                    image_settings(options.dpi))
            elif fmt == "pdf":
                bare.exportToPdf(base + ".pdf", pdf_settings(options.dpi))
            elif fmt == "svg":
                bare.exportToSvg(base + ".svg", svg_settings(options.dpi))
            else:
                bare.exportToImage(base + "." + fmt, image_settings(options.dpi))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--formats", default="pdf,png")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", default="", help="also write the result here (make bench)")
    args = parser.parse_args()
    from osgeo import gdal

    application = start_qgis()
    from pingcheng_plugin.core.figures import FIGURES, ExportOptions, FigureExporter, export_figures
    from pingcheng_plugin.core.store import plan_file

    formats = tuple(args.formats.split(","))
    with tempfile.TemporaryDirectory() as folder:
        plan = plan_file.create_plan(os.path.join(folder, "demo.gpkg"), demo=True)
        options = ExportOptions(formats=formats, dpi=args.dpi)
        ours_times, peer_times = [], []
        for attempt in range(args.repeat):
            out = os.path.join(folder, f"ours{attempt}")
            os.mkdir(out)
            start = time.perf_counter()
            result = export_figures(plan, out, options)
            ours_times.append(time.perf_counter() - start)
            exporter = FigureExporter(plan, folder, ExportOptions(formats=formats, dpi=args.dpi))
            exporter._read_plan()
            layouts = [(spec, exporter.build(spec)) for spec in FIGURES]
            out = os.path.join(folder, f"peer{attempt}")
            os.mkdir(out)
            gdal.PushErrorHandler("CPLQuietErrorHandler")  # the same quiet PNG georeferencing as ours
            start = time.perf_counter()
            peer_export(exporter, layouts, out)
            peer_times.append(time.perf_counter() - start)
            gdal.PopErrorHandler()
            exporter.project.clear()
        ours, peer = statistics.median(ours_times), statistics.median(peer_times)
        print(f"figures: {len(FIGURES)} ({len(result.files)} files), formats {','.join(formats)}, {args.dpi} dpi")
        print(f"bare QgsLayoutExporter, same layouts: {peer:6.2f} s")
        print(f"ours (export_figures, end to end):    {ours:6.2f} s")
        print(f"ratio ours / bare: {ours / peer:.2f}  (goal < 1.2)")
        write_result(args.json, {"job": "figures", "figures": len(FIGURES), "files": len(result.files),
                                 "formats": list(formats), "dpi": args.dpi, "ours_s": ours, "peer_s": peer})
    application.exitQgis()


if __name__ == "__main__":
    main()
