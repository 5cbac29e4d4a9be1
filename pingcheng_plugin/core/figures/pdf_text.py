"""Searchable text in the exported PDFs: the characters a reader finds are the characters the figure shows.

Noto Sans CJK (and other CJK fonts) draw a common ideograph and its look-alike radical with one glyph: 生 U+751F
and ⽣ U+2F63 share a glyph in the font's cmap. Qt's PDF writer names each glyph in the font's ToUnicode map by the
first code point the cmap gives it, which is often the radical, so ``pdftotext`` and a reader's search return ⽣ for
生 and "生态" is never found. The glyphs, the embedded fonts and the vector text stay as they are; only the ToUnicode
maps are corrected: each radical (U+2E80–U+2FDF) becomes the ideograph it stands for (Unicode's NFKC mapping for
the Kangxi radicals, the table below for the simplified forms NFKC leaves alone). A figure that really shows a
radical (no plan text does) would then be found as its ideograph.

The corrected maps are appended to the file as a PDF incremental update (new versions of those objects, a new
cross-reference section pointing back to the old one), the standard way to change a PDF without rewriting it, in
plain Python: a PDF library such as pikepdf crashed QGIS 3.40's qgis_process on exit (its logger outlived Python).
"""

from __future__ import annotations

import os
import re
import unicodedata
import zlib
from typing import List, Match, Optional, Tuple

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


_REFERENCE = re.compile(rb"/ToUnicode\s+(\d+)\s+(\d+)\s+R")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def _object(data: bytes, number: int, generation: int) -> Optional[Tuple[bytes, bytes]]:
    """(dictionary, stream bytes) of the latest ``number generation obj`` that holds a stream."""
    found = list(re.finditer(rb"(?<![0-9])%d %d obj\s*<<(.*?)>>\s*stream\r?\n" % (number, generation), data,
                             re.S))
    if not found:
        return None
    match = found[-1]
    dictionary = match.group(1)
    length = re.search(rb"/Length\s+(\d+)(\s+\d+\s+R)?", dictionary)
    if length is None or length.group(2):  # an indirect length: not what Qt or GDAL write
        return None
    start = match.end()
    return dictionary, data[start:start + int(length.group(1))]


def searchable(path: str) -> bool:
    """Correct the ToUnicode maps of the PDF at ``path`` with an incremental update. True when something changed;
    False when nothing needed it or the file is not laid out as Qt writes PDFs (then it is left as it is)."""
    with open(path, "rb") as handle:
        data = handle.read()
    last = data.rfind(b"trailer")
    trailer = _TRAILER.match(data, last) if last >= 0 else None
    if trailer is None:  # a cross-reference stream (PDF 1.5+), not what Qt writes: left alone
        return False
    updates: List[Tuple[int, int, bytes]] = []
    for number, generation in sorted({(int(n), int(g)) for n, g in _REFERENCE.findall(data)}):
        found = _object(data, number, generation)
        if found is None:
            continue
        dictionary, stream = found
        compressed = b"/FlateDecode" in dictionary
        text = zlib.decompress(stream) if compressed else stream
        fixed = fix_cmap(text)
        if fixed != text:
            body = zlib.compress(fixed) if compressed else fixed
            head = b"<< /Length %d%s >>" % (len(body), b" /Filter /FlateDecode" if compressed else b"")
            updates.append((number, generation, b"%d %d obj\n%s\nstream\n%s\nendstream\nendobj\n"
                            % (number, generation, head, body)))
    if not updates:
        return False
    previous = trailer.group(2)
    old = trailer.group(1)
    keep = [m.group(0) for m in re.finditer(rb"/(Size|Root|Info|Encrypt)\s+\d+(\s+\d+\s+R)?", old)]
    identifier = re.search(rb"/ID\s*\[[^\]]*\]", old)
    if identifier:
        keep.append(identifier.group(0))
    tail = bytearray(b"\n" if not data.endswith(b"\n") else b"")
    offsets = []
    position = len(data) + len(tail)
    for number, generation, chunk in updates:
        offsets.append((number, generation, position))
        tail += chunk
        position += len(chunk)
    xref = position
    tail += b"xref\n"
    for number, generation, offset in offsets:  # one subsection per object: simple and always valid
        tail += b"%d 1\n%010d %05d n \n" % (number, offset, generation)
    tail += b"trailer\n<< " + b" ".join(keep) + b" /Prev " + previous + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    with open(path, "ab") as handle:
        handle.write(bytes(tail))
        handle.flush()
        os.fsync(handle.fileno())
    return True
