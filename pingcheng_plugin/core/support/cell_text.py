"""Text cells a spreadsheet would run as formulas: neutralised on the way out, restored on the way in."""

from __future__ import annotations

#: What Excel, WPS and LibreOffice take as the start of a formula (OWASP's CSV-injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise` ('=SUM… → =SUM…), so a CSV round trip gives back the same text."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text
