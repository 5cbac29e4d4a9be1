"""Fonts of a loaded layout: a template naming a font this machine lacks gets the installed CJK font instead.

The bundled templates name "Noto Sans CJK SC"; a user's Windows machine may have only Microsoft YaHei or SimHei.
Any label, legend, scale bar, grid annotation or table font whose family is not installed is switched to the
CJK family :func:`..fonts.find_cjk_family` found; when there is none at all the export goes on with Qt's
fallback and says so, since Chinese text may then show as boxes.

Every font also gets Qt's ``PreferNoShaping`` strategy. Shaping Latin runs with a CJK OpenType font (Noto Sans CJK
is CFF) substitutes alternate glyphs that have no character in the font's cmap, and Qt's PDF writer can then not
say which character they are: the digits of "140213-SXLT-0001" or "113°15′E" vanish when the PDF's text is
copied or searched. Unshaped Latin text keeps the plain glyphs (only kerning is lost; Chinese needs no shaping).
"""

from __future__ import annotations

import functools
from functools import partial
from typing import Callable, FrozenSet, Optional, Tuple

from qgis.core import (
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutTable,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsTextFormat,
)
from qgis.PyQt.QtGui import QFont

from ..support import compat, formatting
from ..support.fonts import CJK_FAMILIES, find_cjk_family
from ..support.i18n import tr

LEGEND_STYLES = (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup, QgsLegendStyle.SymbolLabel)


@functools.lru_cache(maxsize=1)
def installed_families() -> FrozenSet[str]:
    """Font families Qt knows (read once; call first on the main thread, like :func:`find_cjk_family`)."""
    return frozenset(compat.font_database().families())


def warm_up() -> None:
    """Fill the font caches on the calling (main) thread before an export runs in a worker."""
    find_cjk_family()
    installed_families()


def missing_font_warning() -> Optional[str]:
    if find_cjk_family() is not None:
        return None
    return tr("No font that can draw Chinese is installed (looked for {families}); the figures use Qt's fallback "
              "font and Chinese text may show as boxes. Install a Chinese font such as Noto Sans CJK SC "
              "(Debian/Ubuntu: fonts-noto-cjk).").format(families=formatting.joined(CJK_FAMILIES))


def pdf_safe_font(font: QFont) -> QFont:
    """``font`` with the strategy that keeps Latin glyphs extractable from PDFs (see the module's notes)."""
    font = QFont(font)
    font.setStyleStrategy(QFont.StyleStrategy(font.styleStrategy() | QFont.StyleStrategy.PreferNoShaping))
    return font


def _fixed(text_format: QgsTextFormat, family: Optional[str]) -> Tuple[QgsTextFormat, bool]:
    """The format with a PDF-safe font, on ``family`` when its own is not installed; and whether it moved."""
    font = pdf_safe_font(text_format.font())
    moved = family is not None and font.family() not in installed_families()
    if moved:
        font.setFamily(family)
    result = QgsTextFormat(text_format)
    result.setFont(font)
    return result, moved


def retarget_fonts(layout: QgsPrintLayout) -> int:
    """Switch every font of ``layout`` that is not installed to the CJK family and make every font keep its text
    extractable from PDFs; returns how many fonts changed family."""
    family = find_cjk_family()
    moved = 0

    def fix(getter: Callable[[], QgsTextFormat], setter: Callable[[QgsTextFormat], None]) -> None:
        nonlocal moved
        text_format, changed = _fixed(getter(), family)
        setter(text_format)
        moved += changed

    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            fix(partial(compat.label_text_format, item), partial(compat.set_label_text_format, item))
        elif isinstance(item, QgsLayoutItemLegend):
            for style in LEGEND_STYLES:
                fix(partial(compat.legend_text_format, item, style),
                    partial(compat.set_legend_text_format, item, style))
        elif isinstance(item, QgsLayoutItemScaleBar):
            fix(item.textFormat, item.setTextFormat)
        elif isinstance(item, QgsLayoutItemMap):
            for grid in item.grids().asList():
                fix(grid.annotationTextFormat, grid.setAnnotationTextFormat)
    for multi_frame in layout.multiFrames():
        if isinstance(multi_frame, QgsLayoutTable):
            fix(multi_frame.headerTextFormat, multi_frame.setHeaderTextFormat)
            fix(multi_frame.contentTextFormat, multi_frame.setContentTextFormat)
    return moved
