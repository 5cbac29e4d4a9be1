"""How numbers read in the UI: areas, money, shares, counts and lists, in the UI language.

One module so that every panel, message and dialog says the same thing the same way: 公顷/平方千米 and 万元 in
Chinese, ha/km² and CNY in English, thousands separators, counts with Qt's plural forms (``%n``; the English
forms live in ``i18n/pingcheng_en.ts``), 、 between items of a Chinese list. A missing value reads as a dash,
never as 0. Exported tables and figures keep their own fixed formats (the summary table's columns); this is for
what a user reads on screen.
"""

from __future__ import annotations

from typing import Iterable, Optional

from qgis.PyQt.QtCore import QCoreApplication

from .i18n import ui_language

MISSING = "—"


def chinese() -> bool:
    return ui_language() == "zh"


def number(value: Optional[float], decimals: int = 2) -> str:
    """``1234.5`` -> ``1,234.50``; None -> a dash."""
    if value is None:
        return MISSING
    return f"{float(value):,.{decimals}f}"


def _with_unit(value: Optional[float], decimals: int, zh_unit: str, en_unit: str) -> str:
    if value is None:
        return MISSING
    return f"{number(value, decimals)} {zh_unit if chinese() else en_unit}"


def area_ha(value: Optional[float], decimals: int = 2) -> str:
    return _with_unit(value, decimals, "公顷", "ha")


def area_km2(value: Optional[float], decimals: int = 2) -> str:
    return _with_unit(value, decimals, "平方千米", "km²")


def area_m2(value: Optional[float], decimals: int = 0) -> str:
    return _with_unit(value, decimals, "平方米", "m²")


def money(value_10k: Optional[float], decimals: int = 1) -> str:
    """An amount stored in 万元 (10,000 CNY): ``39,400.0 万元``; in English ``CNY 394.0 million``."""
    if value_10k is None:
        return MISSING
    if chinese():
        return f"{number(value_10k, decimals)} 万元"
    return f"CNY {number(float(value_10k) / 100.0, decimals + 1)} million"


def share(fraction: Optional[float], decimals: int = 1) -> str:
    """``0.0698`` -> ``7.0%``."""
    if fraction is None:
        return MISSING
    return f"{float(fraction) * 100:.{decimals}f}%"


def joined(items: Iterable[str]) -> str:
    """Items of a list: 、 between them in Chinese, a comma in English."""
    return ("、" if chinese() else ", ").join(str(item) for item in items)


def clauses(items: Iterable[str]) -> str:
    """Clauses (each a short sentence of its own): ； in Chinese, a semicolon in English."""
    return ("；" if chinese() else "; ").join(str(item) for item in items)


def count(n: int, noun: str) -> str:
    """``count(3, "warning")`` -> ``3 warnings`` / ``3 条警告``, through Qt's plural forms."""
    # One literal translate() call per noun: pylupdate5 files a plural source only from such a call.
    n = int(n)
    translate = QCoreApplication.translate
    forms = {
        "site": lambda: translate("@default", "%n site(s)", "", n),
        "error": lambda: translate("@default", "%n error(s)", "", n),
        "warning": lambda: translate("@default", "%n warning(s)", "", n),
        "feature": lambda: translate("@default", "%n feature(s)", "", n),
        "figure": lambda: translate("@default", "%n figure(s)", "", n),
        "file": lambda: translate("@default", "%n file(s)", "", n),
    }
    text = forms[noun]()
    # No catalogue loaded (a script, or Processing before the plugin's translator): English forms by rule
    return text.replace("(s)", "" if n == 1 else "s")

