"""The plan figures the plugin draws, with their Chinese titles, the page kind and what each one needs.

Titles are built from the layer titles of :mod:`..schema` and the names of :mod:`...plan.vocabulary`, so a name
corrected there is corrected on the figures. The English labels are for the plugin's own interface only; the
figures themselves are Chinese documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from ...plan import vocabulary
from ..store import schema
from ..support import formatting
from ..support.errors import InvalidInputError
from ..support.i18n import QT_TRANSLATE_NOOP, tr

KINDS = ("map", "atlas", "table")
PAPERS = {"A3": (420.0, 297.0), "A4": (297.0, 210.0)}  # landscape width, height in mm
ORIENTATIONS = ("landscape", "portrait")
FORMATS = ("pdf", "png", "tif", "svg")
GRIDS = ("none", "graticule", "km")


@dataclass(frozen=True)
class FigureSpec:
    id: str
    number: int
    title_zh: str
    label_en: str  # QT_TRANSLATE_NOOP'd; translate with tr() when shown
    kind: str
    needs_sites: bool = False
    phase: Optional[str] = None  # sites figures: only this phase
    colour_by: str = "type"  # sites figures: 'type' or 'status'

    def file_stem(self) -> str:
        return f"{self.number:02d}_{self.title_zh}"

    def label(self) -> str:
        return tr(self.label_en)

    @property
    def number_prefix(self) -> str:
        """Approval documents number maps as 附图 and tables as 附表, each series from 1."""
        return "附表" if self.kind == "table" else "附图"


def _phase(code: str) -> vocabulary.Phase:
    phase = vocabulary.by_code("phase", code)
    assert phase is not None
    return phase  # type: ignore[return-value]


_SITES_MAP = f"{schema.SITES.title_zh}布局图"


def _phase_title(code: str) -> str:
    """'重点工程项目布局图（近期，2021—2030年）': the phase with its years, as the plan states them."""
    phase = _phase(code)
    return f"{_SITES_MAP}（{phase.name_zh}，{phase.first_year}—{phase.last_year}年）"

FIGURES: Tuple[FigureSpec, ...] = (
    FigureSpec("overall", 1, "总体生态修复格局图",  # the plan's 总体生态修复格局
               QT_TRANSLATE_NOOP("@default", "Overall restoration pattern (two corridors, two barriers, four zones)"),
               "map"),
    FigureSpec("zones", 2, f"{schema.ZONES.title_zh}图", QT_TRANSLATE_NOOP("@default", "Restoration zones"), "map"),
    FigureSpec("key_areas", 3, f"{schema.KEY_AREAS.title_zh}分布图",
               QT_TRANSLATE_NOOP("@default", "Key restoration areas"), "map"),
    FigureSpec("sites", 4, _SITES_MAP, QT_TRANSLATE_NOOP("@default", "Key project layout"), "map", needs_sites=True),
    FigureSpec("sites_status", 5, f"{schema.SITES.title_zh}实施现状图",
               QT_TRANSLATE_NOOP("@default", "Key project layout: implementation status"), "map", needs_sites=True,
               colour_by="status"),
    FigureSpec("sites_near", 6, _phase_title("near"),
               QT_TRANSLATE_NOOP("@default", "Key project layout: near term"), "map", needs_sites=True,
               phase="near"),
    FigureSpec("sites_long", 7, _phase_title("long"),
               QT_TRANSLATE_NOOP("@default", "Key project layout: long term"), "map", needs_sites=True,
               phase="long"),
    FigureSpec("site_atlas", 8, "项目位置图", QT_TRANSLATE_NOOP("@default", "Project location maps (one per site)"),
               "atlas", needs_sites=True),
    FigureSpec("summary_table", 9, schema.SUMMARY_TITLE, QT_TRANSLATE_NOOP("@default", "Key project summary table"),
               "table", needs_sites=True),
)
FIGURE_IDS: Tuple[str, ...] = tuple(f.id for f in FIGURES)


#: A 附图/附表 number as approval documents write them: 3, 3-1, 12a (no spaces or other characters).
_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,7}$")


def default_numbers() -> Dict[str, str]:
    """The plugin's own numbering (not the plan's): maps 附图1… in catalogue order, the table 附表1."""
    numbers: Dict[str, str] = {}
    for kind_is_table in (False, True):
        series = [spec for spec in FIGURES if (spec.kind == "table") == kind_is_table]
        numbers.update({spec.id: str(index) for index, spec in enumerate(series, start=1)})
    return numbers


def check_number(figure_id: str, number: str) -> str:
    """``number`` stripped, or a translated error naming the figure."""
    spec = figure(figure_id)
    text = number.strip()
    for prefix in ("附图", "附表"):
        text = text[len(prefix):].strip() if text.startswith(prefix) else text
    if not _NUMBER.match(text):
        raise InvalidInputError(tr("The number {number} of {figure} cannot be printed as {prefix}{number}: use "
                                   "digits and letters, e.g. 3 or 3-1.").format(
            number=number.strip() or "—", figure=spec.title_zh, prefix=spec.number_prefix))
    return text


def figure(figure_id: str) -> FigureSpec:
    for spec in FIGURES:
        if spec.id == figure_id:
            return spec
    raise InvalidInputError(tr("Unknown figure {name}; known figures: {names}.").format(
        name=figure_id, names=formatting.joined(FIGURE_IDS)))


def page_size(paper: str, orientation: str) -> Tuple[float, float]:
    width, height = PAPERS[paper]
    return (width, height) if orientation == "landscape" else (height, width)


def all_variants() -> List[Tuple[str, str, str]]:
    """Every (kind, paper, orientation) a bundled template exists for."""
    return [(kind, paper, orientation) for kind in KINDS for paper in PAPERS for orientation in ORIENTATIONS]
