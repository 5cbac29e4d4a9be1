"""What validation returns: findings with a rule code, a severity, the site, a location and a message.

Rule codes are a public contract (they appear in the findings layer of ``pingcheng:validatesites``); titles are
translated when shown.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from ..i18n import QT_TRANSLATE_NOOP, tr


class Severity(str, enum.Enum):
    ERROR = "error"  # blocks saving
    WARNING = "warning"  # shown, allows saving

    def label(self) -> str:
        return tr("Error") if self is Severity.ERROR else tr("Warning")


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str  # English source, marked for translation


_RULES: Tuple[Rule, ...] = (
    Rule("GEOM_EMPTY", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "No geometry")),
    Rule("GEOM_INVALID", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Invalid geometry")),
    Rule("OUTSIDE_DISTRICT", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Outside the district boundary")),
    Rule("AREA_TOO_SMALL", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Area below the minimum")),
    Rule("OVERLAP", Severity.WARNING, QT_TRANSLATE_NOOP("@default", "Overlaps another site")),
    Rule("NAME_EMPTY", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Name missing")),
    Rule("NAME_DUPLICATE", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Name not unique")),
    Rule("TYPE_INVALID", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Project type not one of the plan's 8")),
    Rule("STATUS_INVALID", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Unknown status")),
    Rule("YEAR_MISSING", Severity.WARNING, QT_TRANSLATE_NOOP("@default", "Year missing")),
    Rule("YEAR_OUT_OF_RANGE", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Year outside 2021–2035")),
    Rule("YEARS_REVERSED", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Start year after end year")),
    Rule("INVESTMENT_NEGATIVE", Severity.ERROR, QT_TRANSLATE_NOOP("@default", "Negative investment")),
    Rule("INVESTMENT_MISSING", Severity.WARNING, QT_TRANSLATE_NOOP("@default", "Investment missing")),
    Rule("OUTSIDE_ZONES", Severity.WARNING, QT_TRANSLATE_NOOP("@default", "Not in any restoration zone")),
    Rule("PLAN_CONFORMANCE", Severity.WARNING,
         QT_TRANSLATE_NOOP("@default", "Type does not fit the zone or key areas")),
    Rule("DERIVED_STALE", Severity.WARNING, QT_TRANSLATE_NOOP("@default", "Derived fields out of date")),
)
RULES: Dict[str, Rule] = {rule.code: rule for rule in _RULES}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    fid: Optional[int]
    site_code: Optional[str]
    site_name: Optional[str]
    x: Optional[float]  # location in the storage CRS (a point on the problem), None without geometry
    y: Optional[float]
    message: str  # translated, names the site and the problem

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def site_label(name: object, code: object, fid: Optional[int]) -> str:
    """How a message names a site: its name, with its code when it has one."""
    name_text = str(name).strip() if name not in (None, "") and str(name) != "NULL" else ""
    code_text = str(code) if code not in (None, "") and str(code) != "NULL" else ""
    if name_text and code_text:
        return f"“{name_text}”（{code_text}）"
    if name_text:
        return f"“{name_text}”"
    if code_text:
        return code_text
    return tr("new site") if fid is None or fid < 0 else tr("site #{fid}").format(fid=fid)


def make_finding(rule: str, fid: Optional[int], code: object, name: object, where: Optional[Tuple[float, float]],
                 detail: str) -> Finding:
    definition = RULES[rule]
    message = tr("{site}: {rule} — {detail}").format(
        site=site_label(name, code, fid), rule=tr(definition.title), detail=detail)
    return Finding(rule, definition.severity, fid, None if code in (None, "") else str(code),
                   None if name in (None, "") else str(name),
                   where[0] if where else None, where[1] if where else None, message)
