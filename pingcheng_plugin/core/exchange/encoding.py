"""Text encodings of exchange files: what the file declares, or what its bytes are.

Chinese sources mix UTF-8 and GBK. A Shapefile may declare its encoding in a ``.cpg`` file or in the DBF header's
code-page byte (LDID), or nowhere; DXF files declare it in ``$DWGCODEPAGE`` (AutoCAD writes ANSI_936 for GBK),
often wrongly; text files declare nothing. Where nothing trustworthy is declared the bytes decide: strict UTF-8
first (GBK text almost never is valid UTF-8), then GB18030 (a superset of GBK and GB2312). The guess says how it
was reached so the GUI can show it next to a preview and the user can override it.
"""

from __future__ import annotations

import codecs
import os
import re
import struct
from dataclasses import dataclass, field
from typing import Iterable, Iterator, List, Optional

from ..support.errors import InvalidInputError
from ..support.i18n import tr

AUTO = "auto"
UTF8 = "UTF-8"
GB18030 = "GB18030"  # reads GBK and GB2312 too
BIG5 = "BIG5"
LATIN1 = "ISO-8859-1"
#: The encodings a user can choose, in the order offered.
CHOICES = (UTF8, GB18030, BIG5, LATIN1)

_ALIASES = {
    "utf8": UTF8, "utf-8": UTF8, "utf_8": UTF8, "utf-8-sig": UTF8, "65001": UTF8, "cp65001": UTF8,
    "gbk": GB18030, "cp936": GB18030, "936": GB18030, "ansi_936": GB18030, "gb2312": GB18030, "gb18030": GB18030,
    "euc-cn": GB18030, "ms936": GB18030, "chinese": GB18030,
    "big5": BIG5, "cp950": BIG5, "950": BIG5, "ansi_950": BIG5,
    "latin1": LATIN1, "latin-1": LATIN1, "iso-8859-1": LATIN1, "iso8859-1": LATIN1, "cp1252": LATIN1,
    "1252": LATIN1, "ansi_1252": LATIN1,
}
_PYTHON = {UTF8: "utf-8", GB18030: "gb18030", BIG5: "cp950", LATIN1: "latin-1"}
_GDAL = {UTF8: "UTF-8", GB18030: "GB18030", BIG5: "CP950", LATIN1: "ISO-8859-1"}
#: DBF language driver ids (LDID) that name a code page worth trusting; 0 and the Western defaults are not.
_LDID = {0x4D: GB18030, 0x7A: GB18030, 0x4F: BIG5, 0x78: BIG5}


def normalise(name: Optional[str]) -> str:
    """``AUTO`` or one of :data:`CHOICES` for any usual spelling (GBK, CP936, ANSI_936, 936, utf8...)."""
    text = str(name or "").strip()
    if not text or text.casefold() in ("auto", "automatic", "detect", "自动"):
        return AUTO
    found = _ALIASES.get(text.casefold())
    if found is None:
        raise InvalidInputError(tr("Unknown encoding “{encoding}”; use auto, UTF-8, GBK, GB18030, BIG5 or "
                                   "ISO-8859-1.").format(encoding=text))
    return found


def python_codec(encoding: str) -> str:
    return _PYTHON[encoding]


def gdal_name(encoding: str) -> str:
    return _GDAL[encoding]


def readable(text: str) -> str:
    """``text`` with undecodable bytes shown as U+FFFD.

    GDAL hands bytes that are not valid in the chosen encoding to Python as lone surrogates, which Qt cannot
    show and UTF-8 cannot encode. Replaced, a wrong encoding reads as garbled text in the preview, which is
    what tells the user to choose another.
    """
    try:
        text.encode("utf-8")  # text without any surrogate (nearly all): one C call instead of a loop per character
        return text
    except UnicodeEncodeError:
        pass
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def label(encoding: str) -> str:
    """How the encoding is shown to users: GBK is the name they know."""
    return "GBK/GB18030" if encoding == GB18030 else encoding


@dataclass
class EncodingGuess:
    encoding: str  # one of CHOICES
    how: str  # 'declared' | 'detected' | 'spec' | 'user' | 'ascii'
    note: str  # translated: what was found and how
    samples: List[str] = field(default_factory=list)  # a few non-ASCII texts decoded with ``encoding``


def decodes(data: bytes, encoding: str) -> bool:
    """True when ``data`` is valid ``encoding`` text; a multi-byte character cut off at the end is forgiven
    (DBF fields cut text at a byte width)."""
    decoder = codecs.getincrementaldecoder(python_codec(encoding))("strict")
    try:
        decoder.decode(data, final=False)
        return True
    except UnicodeDecodeError:
        return False


def detect(chunks: Iterable[bytes]) -> Optional[str]:
    """UTF-8 when every chunk is valid UTF-8, else GB18030 when every chunk is valid GB18030, else Latin-1.
    None when there is no non-ASCII byte at all (every encoding reads the file the same)."""
    # ``chunks`` (a list or FileLines, not a one-shot iterator) is iterated again rather than its non-ASCII
    # chunks kept: it may stream a large file
    if not any(_wide(c) for c in chunks):
        return None
    for encoding in (UTF8, GB18030):
        if _all_decode(chunks, encoding):
            return encoding
    return LATIN1


def _wide(chunk: bytes) -> bool:
    return not chunk.isascii()


def _all_decode(chunks: Iterable[bytes], encoding: str) -> bool:
    """Whether every chunk with a non-ASCII byte :func:`decodes` as ``encoding``. UTF-8 and GB18030 are tried on
    about 1 MB of chunks at once first: no character of theirs contains the byte of a line end, so a group that
    decodes whole decodes chunk by chunk, and only a group that does not is checked chunk by chunk (100,000 lines
    cost a second one by one)."""
    if encoding not in (UTF8, GB18030):
        return all(decodes(chunk, encoding) for chunk in chunks if _wide(chunk))
    group: List[bytes] = []
    size = 0
    for chunk in chunks:
        group.append(chunk)
        size += len(chunk)
        if size >= (1 << 20):
            if not _group_decodes(group, encoding):
                return False
            group, size = [], 0
    return _group_decodes(group, encoding)


def _group_decodes(group: List[bytes], encoding: str) -> bool:
    try:
        b"\n".join(group).decode(python_codec(encoding))
        return True
    except UnicodeDecodeError:  # perhaps only a character cut at a chunk's end, which decodes() forgives
        return all(decodes(chunk, encoding) for chunk in group if _wide(chunk))


class FileLines:
    """The lines of a file as ``read().split(b"\n")`` gives them, read block by block each time it is iterated:
    the encoding guess scans a GeoJSON of any size without holding it (at 100,000 features the whole text and
    its lines cost more memory than the rest of the import)."""

    def __init__(self, path: str, block: int = 1 << 20):
        self.path, self.block = path, block

    def __iter__(self) -> Iterator[bytes]:
        with open(self.path, "rb") as handle:
            rest = b""
            for data in iter(lambda: handle.read(self.block), b""):
                lines = (rest + data).split(b"\n")
                rest = lines.pop()
                yield from lines
            yield rest


def samples(chunks: Iterable[bytes], encoding: str, limit: int = 5) -> List[str]:
    found: List[str] = []
    for chunk in chunks:
        if _wide(chunk):
            text = chunk.decode(python_codec(encoding), errors="replace").strip()
            if text and text not in found:
                found.append(text)
            if len(found) >= limit:
                break
    return found


def _guess(chunks: Iterable[bytes], declared: Optional[str], declared_where: str, user: str) -> EncodingGuess:
    """The common decision: the user's choice, else a declaration the bytes agree with, else the bytes."""
    if user != AUTO:
        return EncodingGuess(user, "user", tr("{encoding} (chosen by you)").format(encoding=label(user)),
                             samples(chunks, user))
    detected = detect(chunks)
    if detected is None:
        encoding = declared or UTF8
        return EncodingGuess(encoding, "ascii", tr("{encoding} (the text is plain ASCII: any encoding reads it)")
                             .format(encoding=label(encoding)), [])
    if declared is not None:
        # Valid UTF-8 beats a declaration of another encoding: GBK text is practically never valid UTF-8.
        if _all_decode(chunks, declared) and \
                not (declared != UTF8 and detected == UTF8) and not (declared == LATIN1 and detected != LATIN1):
            return EncodingGuess(declared, "declared", tr("{encoding} (declared in {where})").format(
                encoding=label(declared), where=declared_where), samples(chunks, declared))
        return EncodingGuess(detected, "detected", tr("{encoding} (detected: the text is not valid {declared} as "
                                                      "{where} says)").format(
            encoding=label(detected), declared=label(declared), where=declared_where), samples(chunks, detected))
    return EncodingGuess(detected, "detected", tr("{encoding} (detected from the text; nothing in the file says)")
                         .format(encoding=label(detected)), samples(chunks, detected))


# --- Shapefile --------------------------------------------------------------------------------------------------

def cpg_encoding(dbf_or_shp: str) -> Optional[str]:
    """The encoding a ``.cpg`` file beside the Shapefile names (None without one or with an unknown name)."""
    from .formats import sidecar

    path = sidecar(dbf_or_shp, ".cpg")
    if path is None:
        return None
    with open(path, "rb") as handle:
        text = handle.read(64).decode("ascii", errors="ignore").strip()
    try:
        found = normalise(text)
    except InvalidInputError:
        return None
    return None if found == AUTO else found


def dbf_ldid(dbf_path: str) -> int:
    with open(dbf_path, "rb") as handle:
        header = handle.read(32)
    return header[29] if len(header) >= 30 else 0


def dbf_text_chunks(dbf_path: str, max_records: int = 3000) -> List[bytes]:
    """The bytes of the field names and of the character values of the first records of a DBF file, one chunk per
    name or value (a file with Chinese field names and ASCII values is still GBK)."""
    with open(dbf_path, "rb") as handle:
        header = handle.read(32)
        if len(header) < 32:
            return []
        records, header_length, record_length = struct.unpack("<IHH", header[4:12])
        descriptors = handle.read(max(0, header_length - 32))
        fields = []  # (offset in the record, width) of each character field
        chunks: List[bytes] = []
        offset = 1  # after the deletion flag
        for start in range(0, len(descriptors) - 31, 32):
            descriptor = descriptors[start:start + 32]
            if descriptor[0] == 0x0D:
                break
            name = descriptor[0:11].split(b"\0", 1)[0]
            if name:
                chunks.append(name)
            kind, width = chr(descriptor[11]), descriptor[16]
            if kind == "C":
                width += descriptor[17] * 256  # long character fields use the decimal-count byte
                fields.append((offset, width))
            offset += width
        handle.seek(header_length)
        for _ in range(min(records, max_records)):
            record = handle.read(record_length)
            if len(record) < record_length:
                break
            for start, width in fields:
                value = record[start:start + width].rstrip(b" \x00")
                if value:
                    chunks.append(value)
        return chunks


def detect_shapefile(path: str, user: str = AUTO) -> EncodingGuess:
    from .formats import sidecar

    dbf = sidecar(path, ".dbf")
    chunks = dbf_text_chunks(dbf) if dbf else []
    declared, where = cpg_encoding(path), tr("the .cpg file")
    if declared is None and dbf:
        declared = _LDID.get(dbf_ldid(dbf))
        where = tr("the DBF header's code-page byte")
    return _guess(chunks, declared, where, user)


# --- text files (CSV, 界址点坐标 TXT) and DXF ----------------------------------------------------------------

def text_lines(path: str, max_bytes: int = 4 << 20) -> List[bytes]:
    with open(path, "rb") as handle:
        data = handle.read(max_bytes)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    lines = data.split(b"\n")
    if len(data) == max_bytes and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle of a character
    return lines


def detect_text_file(path: str, user: str = AUTO) -> EncodingGuess:
    with open(path, "rb") as handle:
        has_bom = handle.read(3) == codecs.BOM_UTF8
    if has_bom and user == AUTO:
        return EncodingGuess(UTF8, "declared", tr("UTF-8 (the file starts with a byte-order mark)"),
                             samples(text_lines(path), UTF8))
    return _guess(text_lines(path), None, "", user)


_CODEPAGE = re.compile(rb"\$DWGCODEPAGE\s*\r?\n\s*3\s*\r?\n\s*([^\r\n]+)")
_ACADVER = re.compile(rb"\$ACADVER\s*\r?\n\s*1\s*\r?\n\s*AC(\d+)")


def detect_dxf(path: str, user: str = AUTO) -> EncodingGuess:
    """DXF from AutoCAD 2007 on (AC1021+) is UTF-8 by definition; older files use ``$DWGCODEPAGE``."""
    lines = text_lines(path)
    head = b"\n".join(lines[:2000])
    version = _ACADVER.search(head)
    if version and int(version.group(1)) >= 1021 and user == AUTO:
        return EncodingGuess(UTF8, "spec", tr("UTF-8 (DXF of AutoCAD 2007 or later)"), samples(lines, UTF8))
    page = _CODEPAGE.search(head)
    declared = None
    if page:
        try:
            declared = normalise(page.group(1).decode("ascii", errors="ignore").strip())
        except InvalidInputError:
            declared = None
        declared = None if declared == AUTO else declared
    # A header that says ANSI_1252 is what most converters write whatever the text is: only the bytes tell.
    return _guess(lines, None if declared == LATIN1 else declared, tr("the DXF header ($DWGCODEPAGE)"), user)


def for_path(path: str, format_id: str, user: str = AUTO) -> EncodingGuess:
    """The encoding to read ``path`` (of format ``format_id``) with."""
    user = normalise(user)
    if format_id == "shp":
        return detect_shapefile(path, user)
    if format_id in ("csv", "txt"):
        return detect_text_file(path, user)
    if format_id == "dxf":
        return detect_dxf(path, user)
    if format_id == "geojson" and os.path.getsize(path) < (256 << 20):
        # RFC 7946 says UTF-8; some Chinese tools write GBK anyway, which the reader then re-encodes.
        return _guess(FileLines(path), UTF8, tr("the GeoJSON specification"), user)
    return EncodingGuess(UTF8, "spec", tr("UTF-8 (fixed by the format)"), [])
