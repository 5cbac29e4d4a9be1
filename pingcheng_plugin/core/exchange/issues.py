"""What an import or export reports besides the validator's findings: problems found while reading, converting
and mapping a feature, each with a code, a severity and a translated message that names the feature."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional

from ..support.i18n import QT_TRANSLATE_NOOP, tr
from ..validation.findings import RULES, Severity

#: Codes of the exchange's own checks (the validator's rule codes are used as they are), with their titles.
TITLES: Dict[str, str] = {
    "IMPORT_READ": QT_TRANSLATE_NOOP("@default", "Cannot be read"),
    "IMPORT_NO_GEOMETRY": QT_TRANSLATE_NOOP("@default", "No geometry"),
    "IMPORT_GEOMETRY_TYPE": QT_TRANSLATE_NOOP("@default", "Not a polygon"),
    "IMPORT_PARTS_DROPPED": QT_TRANSLATE_NOOP("@default", "Non-polygon parts dropped"),
    "IMPORT_Z_DROPPED": QT_TRANSLATE_NOOP("@default", "Z or M values dropped"),
    "IMPORT_CURVES": QT_TRANSLATE_NOOP("@default", "Curves segmented"),
    "IMPORT_TRANSFORM": QT_TRANSLATE_NOOP("@default", "Cannot be transformed"),
    "IMPORT_FAR_AWAY": QT_TRANSLATE_NOOP("@default", "Far from Pingcheng"),
    "IMPORT_REPAIRED": QT_TRANSLATE_NOOP("@default", "Geometry repaired"),
    "IMPORT_VALUE": QT_TRANSLATE_NOOP("@default", "Value does not fit"),
    "IMPORT_CODE_DUPLICATE": QT_TRANSLATE_NOOP("@default", "Project code already used"),
    "IMPORT_CODE_FORMAT": QT_TRANSLATE_NOOP("@default", "Project code replaced"),
    "IMPORT_TYPE_FROM_CODE": QT_TRANSLATE_NOOP("@default", "Project type taken from the code"),
    "IMPORT_AREA_MISMATCH": QT_TRANSLATE_NOOP("@default", "Stated area differs"),
    "EXPORT_TRUNCATED": QT_TRANSLATE_NOOP("@default", "Text shortened"),
    "EXPORT_CHARACTERS": QT_TRANSLATE_NOOP("@default", "Characters replaced"),
}


def title(code: str) -> str:
    """The translated title of an exchange code or of a validator rule code."""
    if code in TITLES:
        return tr(TITLES[code])
    rule = RULES.get(code)
    return rule.title() if rule is not None else code


@dataclass(frozen=True)
class Issue:
    """One problem of one source feature (``index`` is its 1-based position in the file; None: the whole file)."""

    index: Optional[int]
    severity: Severity
    code: str
    message: str  # translated; starts with the feature's label

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def feature_message(label: str, detail: str) -> str:
    return tr("{feature}: {problem}").format(feature=label, problem=detail)
