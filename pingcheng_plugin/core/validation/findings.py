"""What validation returns: findings with a rule code, a severity, the site, a location and a message.

The rules themselves (codes, severities, titles, messages) are declared in :mod:`..rules.site_rules`; rule codes
are a public contract (they appear in the findings layer of ``pingcheng:validatesites``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from ..rules.site_rules import RULES, Severity
from ..support.i18n import tr

__all__ = ["RULES", "Finding", "Severity", "make_finding", "site_label"]


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
    """A finding of ``rule``: the message names the site, states the rule (the same words the form and the
    database use) and, in ``detail``, what was found."""
    definition = RULES[rule]
    message = tr("{site}: {rule} — {detail}").format(
        site=site_label(name, code, fid), rule=definition.message(), detail=detail)
    return Finding(rule, definition.severity, fid, None if code in (None, "") else str(code),
                   None if name in (None, "") else str(name),
                   where[0] if where else None, where[1] if where else None, message)
