"""The plan figures: templates (.qpt) filled by item id, exported as PDF, PNG, TIFF and SVG.

``export_figures(plan, folder, ExportOptions(...))`` is what the GUI task and ``pingcheng:exportfigures`` call.
"""

from __future__ import annotations

from .catalogue import FIGURE_IDS, FIGURES, FORMATS, GRIDS, ORIENTATIONS, PAPERS, FigureSpec, figure
from .options import ExportOptions, parse_figure_numbers, parse_page_setup

__all__ = ["FIGURES", "FIGURE_IDS", "FORMATS", "GRIDS", "ORIENTATIONS", "PAPERS", "ExportOptions", "ExportResult",
           "FigureExporter", "FigureSpec", "export_figures", "figure", "parse_figure_numbers",
           "parse_page_setup"]


def __getattr__(name: str) -> object:
    # The exporter (layouts, shapely, the plan store) is imported on first use, not with the package: the
    # Processing provider reads the catalogue when QGIS starts (see processing/provider.py).
    if name in ("ExportResult", "FigureExporter", "export_figures"):
        from . import export

        return getattr(export, name)
    raise AttributeError(name)
