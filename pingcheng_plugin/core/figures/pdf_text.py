"""Searchable text in the exported PDFs: the characters a reader finds are the characters the figure shows.

Noto Sans CJK (and other CJK fonts) draw a common ideograph and its look-alike radical with one glyph: 生 U+751F
and ⽣ U+2F63 share a glyph in the font's cmap. Qt's PDF writer names each glyph in the font's ToUnicode map by the
first code point the cmap gives it, which is often the radical, so ``pdftotext`` and a reader's search return ⽣ for
生 and "生态" is never found. The glyphs, the embedded fonts and the vector text stay as they are; only the ToUnicode
maps are corrected, with pikepdf: each radical (U+2E80–U+2FDF) becomes the ideograph it stands for (Unicode's NFKC
mapping for the Kangxi radicals, the table below for the simplified forms NFKC leaves alone). A figure that
really shows a radical (no plan text does) would then be found as its ideograph.

pikepdf is optional (Debian's python3-pikepdf; not bundled with QGIS on Windows): without it the PDFs are written
as before and the export says why their text may not be searchable.
"""

from __future__ import annotations

import re
import unicodedata
from typing import List, Match, Optional

#: CJK Radicals Supplement characters NFKC keeps, as the simplified ideographs Noto Sans CJK SC draws with them.
SIMPLIFIED_RADICALS = {
    0x2EC4: 0x897F, 0x2EC5: 0x89C1, 0x2EC6: 0x89D2, 0x2EC8: 0x8BA0, 0x2EC9: 0x8D1D, 0x2ECB: 0x8F66, 0x2ED3: 0x957F,
    0x2ED4: 0x95E8, 0x2ED7: 0x96E8, 0x2EDA: 0x9875, 0x2EDB: 0x98CE, 0x2EDC: 0x98DE, 0x2EE0: 0x9963, 0x2EE2: 0x9A6C,
    0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C, 0x2EE6: 0x9E1F, 0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4, 0x2EF0: 0x9F99, 0x2EF3: 0x9F9F,
}
RADICALS = range(0x2E80, 0x2FE0)

_BLOCK = re.compile(rb"(\d+)\s+begin(bfchar|bfrange)(.*?)end\2", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)")


def ideograph(code: int) -> int:
    """The ideograph a radical stands for; any other code point unchanged."""
    if code not in RADICALS:
        return code
    if code in SIMPLIFIED_RADICALS:
        return SIMPLIFIED_RADICALS[code]
    normal = unicodedata.normalize("NFKC", chr(code))
    return ord(normal) if len(normal) == 1 else code


def _fixed_hex(match: Match) -> bytes:
    """One destination string of a ToUnicode map (UTF-16BE in hex), radicals replaced."""
    raw = bytes.fromhex(match.group(1).decode("ascii"))
    if len(raw) % 2:
        return match.group(0)
    text = raw.decode("utf-16-be", errors="surrogatepass")
    fixed = "".join(chr(ideograph(ord(c))) for c in text)
    if fixed == text:
        return match.group(0)
    return b"<" + fixed.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _fix_ranges(body: bytes) -> bytes:
    def one(match: Match) -> bytes:
        start, end, target = match.group(1), match.group(2), match.group(3)
        if target.startswith(b"["):  # one destination per code
            return b"<" + start + b"> <" + end + b"> " + _HEX.sub(_fixed_hex, target)
        first = int(target[1:-1], 16)
        count = int(end, 16) - int(start, 16) + 1
        if not any(first + n in RADICALS for n in range(count)):
            return match.group(0)
        # a run of consecutive destinations touching the radicals: written out one by one, then corrected
        width = len(target) - 2
        items = b" ".join(b"<%s>" % format(first + n, f"0{width}X").encode("ascii") for n in range(count))
        return b"<" + start + b"> <" + end + b"> " + _HEX.sub(_fixed_hex, b"[" + items + b"]")

    return _RANGE.sub(one, body)


def _fix_chars(body: bytes) -> bytes:
    out: List[bytes] = []
    tokens = _HEX.findall(body)
    for source, target in zip(tokens[0::2], tokens[1::2]):
        fixed = _fixed_hex(_HEX.match(b"<" + target + b">"))
        out.append(b"<" + source + b"> " + fixed)
    return b"\n" + b"\n".join(out) + b"\n"


def fix_cmap(data: bytes) -> bytes:
    """A ToUnicode CMap with every destination radical replaced by its ideograph (sources untouched)."""
    def block(match: Match) -> bytes:
        count, kind, body = match.group(1), match.group(2), match.group(3)
        fixed = _fix_chars(body) if kind == b"bfchar" else _fix_ranges(body)
        return count + b" begin" + kind + fixed + b"end" + kind

    return _BLOCK.sub(block, data)


def searchable(path: str) -> Optional[bool]:
    """Correct the ToUnicode maps of the PDF at ``path`` in place. True when something changed, False when
    nothing needed it, None when pikepdf is not installed (the PDF is left as written)."""
    try:
        import pikepdf
    except ImportError:
        return None
    changed = False
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for item in pdf.objects:
            if not isinstance(item, pikepdf.Dictionary) or "/ToUnicode" not in item:
                continue
            stream = item.ToUnicode
            data = stream.read_bytes()
            fixed = fix_cmap(data)
            if fixed != data:
                stream.write(fixed)
                changed = True
        if changed:
            pdf.save(path)
    return changed
