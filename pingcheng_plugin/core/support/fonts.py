"""A font that can draw Chinese, for labels and layouts, with a warning when none is installed."""

from __future__ import annotations

import functools
from typing import Optional, Tuple

from qgis.PyQt.QtGui import QFont, QFontDatabase

from . import compat

#: Preferred CJK families, most preferred first: Debian's fonts-noto-cjk, then common Windows and macOS fonts.
CJK_FAMILIES: Tuple[str, ...] = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei", "WenQuanYi Micro Hei", "PingFang SC",
)


@functools.lru_cache(maxsize=1)
def find_cjk_family() -> Optional[str]:
    """The first installed family of :data:`CJK_FAMILIES` that can draw Chinese, or None.

    QFontDatabase may only be used on the GUI thread: the plugin and the Processing provider call this once at
    load time, so worker threads (QgsTask, Processing) read the cached answer.
    """
    database = compat.font_database()
    installed = set(database.families())
    for family in CJK_FAMILIES:
        if family in installed and QFontDatabase.WritingSystem.SimplifiedChinese in database.writingSystems(family):
            return family
    for family in database.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return family
    return None


def cjk_font(point_size: float = 10.0, bold: bool = False) -> QFont:
    """A QFont of the CJK family (or Qt's default when none is found; callers warn via :func:`find_cjk_family`)."""
    font = QFont(find_cjk_family() or CJK_FAMILIES[0])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
