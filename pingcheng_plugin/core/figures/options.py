"""What one figure export is asked to do: formats, paper, figures, grid, imprint and 附图 numbers, checked.

The dialog, the Processing algorithm and the benchmark build an :class:`ExportOptions`; ``validate`` turns
anything a user could mistype into a translated message naming the option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, Optional, Tuple

from ..support import formatting
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from .catalogue import FIGURE_IDS, FORMATS, GRIDS, ORIENTATIONS, PAPERS, FigureSpec, check_number, figure

MIN_DPI, MAX_DPI = 25, 1200


@dataclass
class ExportOptions:
    formats: Tuple[str, ...] = ("pdf",)
    paper: str = "A3"
    orientation: str = "landscape"
    dpi: int = 300
    figures: Tuple[str, ...] = ()  # empty: every figure
    grid: str = "graticule"
    organisation: str = ""
    date: str = ""
    page_setup: Dict[str, Tuple[str, str]] = field(default_factory=dict)  # figure id -> (paper, orientation)
    template_folder: Optional[str] = None
    figure_numbers: Dict[str, str] = field(default_factory=dict)  # figure id -> 附图/附表 number; else stored
    compress_tiff: bool = True
    base_map: bool = True  # draw the layers of the plan project's 底图 group under the plan layers

    def validate(self) -> ExportOptions:
        formats = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in self.formats if f.strip()))
        formats = tuple("tif" if f == "tiff" else f for f in formats)
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            raise InvalidInputError(tr("Figures can be exported as {formats}, not {wrong}.").format(
                formats=formatting.joined(FORMATS), wrong=formatting.joined(unknown) or "—"))
        if self.paper not in PAPERS:
            raise InvalidInputError(tr("Paper {paper} is not supported; use A3 or A4.").format(paper=self.paper))
        if self.orientation not in ORIENTATIONS:
            raise InvalidInputError(tr("Orientation must be landscape or portrait, not {value}.").format(
                value=self.orientation))
        if not MIN_DPI <= int(self.dpi) <= MAX_DPI:
            raise InvalidInputError(tr("The resolution must be between {low} and {high} dpi.").format(
                low=MIN_DPI, high=MAX_DPI))
        if self.grid not in GRIDS:
            raise InvalidInputError(tr("The grid must be none, graticule or km, not {value}.").format(value=self.grid))
        for figure_id, (paper, orientation) in self.page_setup.items():
            figure(figure_id)
            if paper not in PAPERS or orientation not in ORIENTATIONS:
                raise InvalidInputError(tr("Page setup for {figure} must be A3 or A4 and landscape or portrait.")
                                        .format(figure=figure_id))
        self.figure_numbers = {key: check_number(key, value) for key, value in self.figure_numbers.items()}
        chosen = tuple(dict.fromkeys(f for f in self.figures if f)) or FIGURE_IDS
        for figure_id in chosen:
            figure(figure_id)
        self.formats, self.figures, self.dpi = formats, chosen, int(self.dpi)
        return self

    def page_for(self, spec: FigureSpec) -> Tuple[str, str]:
        return self.page_setup.get(spec.id, (self.paper, self.orientation))


def _pairs(text: str) -> Iterator[Tuple[str, str, str]]:
    """'a=1; b = 2' → ('a=1', 'a', '1'), ('b = 2', 'b', '2') (separated by ; , or new lines)."""
    for part in re.split(r"[;,\n]", text or ""):
        if part.strip():
            name, _, value = part.partition("=")
            yield part.strip(), name.strip(), value.strip()


def parse_page_setup(text: str) -> Dict[str, Tuple[str, str]]:
    """'zones=A4 portrait; site_atlas=A4-landscape' → {'zones': ('A4', 'portrait'), ...}."""
    result: Dict[str, Tuple[str, str]] = {}
    for part, name, value in _pairs(text):
        words = [w for w in re.split(r"[\s\-_/]+", value) if w]
        paper = next((w.upper() for w in words if w.upper() in PAPERS), None)
        orientation = next((w.lower() for w in words if w.lower() in ORIENTATIONS), None)
        if not name or paper is None or orientation is None:
            raise InvalidInputError(tr("Cannot read the page setup {text}; write e.g. zones=A4 portrait.").format(
                text=part))
        result[name] = (paper, orientation)
    return result


def parse_figure_numbers(text: str) -> Dict[str, str]:
    """'overall=1; summary_table=3' → {'overall': '1', 'summary_table': '3'} (checked by ``validate``)."""
    result: Dict[str, str] = {}
    for part, name, value in _pairs(text):
        if not name or not value:
            raise InvalidInputError(tr("Cannot read the figure number {text}; write e.g. overall=1; zones=2.")
                                    .format(text=part))
        result[name] = value
    return result
