"""The text of a saved web page or text copy from its bytes: which encoding they are in (a BOM,
strict UTF-8, HZ/UTF-7, the declared charset, GB18030, Big5 — each checked to read as Chinese),
and whether the text is in traditional script, whose labels the statutory tables never match.
Split from app/webcopy.py, which makes the text into blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.errors import ReadError
from app.plausible import SAMPLE as _SAMPLE
from app.plausible import reads_as_chinese
from app.sniff import wide_encoding

_PRESCAN = 8192  # where a page's meta charset or XML declaration is looked for
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# What pages declare, as the one codec each is read with: GB2312/GBK pages use GBK's
# characters freely and GB18030 is their superset; Big5 pages are read as Windows' cp950,
# then Hong Kong's big5hkscs (both supersets).
_FAMILIES = {
    **dict.fromkeys(("gb2312", "gbk", "gb18030", "cp936", "ms936", "windows-936", "x-gbk", "euc-cn", "x-euc-cn",
                     "csgb2312", "gb_2312-80", "iso-ir-58", "chinese"), "gb18030"),
    **dict.fromkeys(("big5", "big-5", "cp950", "ms950", "x-big5", "csbig5", "big5hkscs", "big5-hkscs", "cn-big5"),
                    "big5"),
}
_CANDIDATES = {"gb18030": ("gb18030",), "big5": ("cp950", "big5hkscs"), "utf-16": ("utf-16-le", "utf-16-be")}
TRADITIONAL_PAGE = ("这是繁体字网页{encoding}，文字已正确识别，但法定表格和标题按简体字对应，无法读取；"
                    "请打开该网页的简体版另存后再打开")
UNKNOWN_ENCODING = ("无法识别文件的文字编码（不是 UTF-8、GBK/GB18030 或 Big5 编码的中文，或几种编码混在一起）；"
                    "请在浏览器中打开，另存为网页或把文字复制到记事本，选 UTF-8 编码另存后再打开")


@dataclass(frozen=True)
class Decoded:
    """A web page's text, decoded, and the encoding it was read in."""

    text: str
    encoding: str  # "utf-8", "utf-16", "utf-32", "gb18030", "big5", "hz" or "utf-7"
    replaced: int = 0  # stray bytes of a UTF-8 text read as U+FFFD (``_nearly_utf8``)


# A UTF-8 page with a few stray bytes (an old CMS's lone \xa0) is still UTF-8: read with them
# replaced — at most this many, one per _BYTES_PER_BAD bytes, and with _GOOD_PER_BAD well-formed
# non-ASCII characters per bad one.  Half a page pasted in GBK has hundreds: refused, never 乱码.
_MOST_BAD = 20
_BYTES_PER_BAD = 1000
_GOOD_PER_BAD = 100


def decode(raw: bytes) -> Decoded:
    """The text of a saved page or text copy: a BOM first; then UTF-8 if the bytes are that
    (whatever the page declares: a meta charset is often copied from a template and lies);
    then the Chinese encoding the page declares (meta charset or XML declaration), then
    GB18030 (what Chinese Windows saves by default), then Big5 — each only if its text reads
    like Chinese.  ReadError when none does: mojibake never reaches the report."""
    if (wide := wide_encoding(raw)) is not None:  # a copy cut a byte short still reads
        return Decoded(raw.decode(wide, errors="replace"), wide[:6])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):  # a wide BOM before narrow text: it lies
        raw = raw[4 if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else 2:]
    elif (utf16 := _utf16_without_bom(raw)) is not None:
        return Decoded(raw.decode(utf16, errors="replace"), "utf-16")
    text = _strict(raw, "utf-8")
    if text is not None:
        return (_seven_bit(text) if raw.isascii() else None) or Decoded(text, "utf-8")
    if (nearly := _nearly_utf8(raw)) is not None:
        return nearly
    declared = _declared(raw[:_PRESCAN])
    order = [declared] if declared else []
    order += [f for f in ("gb18030", "big5", "utf-16") if f not in order]
    few: Decoded | None = None
    for family in order:
        for codec in _CANDIDATES[family]:
            text = _strict(raw, codec)
            if text is None:
                continue
            verdict = reads_as_chinese(text)
            if verdict:
                return Decoded(text, family)
            if verdict is None and few is None:
                few = Decoded(text, family)  # too little Chinese to judge: the first that decodes
    if few is not None:
        return few
    raise ReadError(UNKNOWN_ENCODING)


# The 7-bit encodings of Chinese: HZ (GB2312 between ~{ and ~}, RFC 1843) and UTF-7 (UTF-16
# in base64 between + and -).  Their bytes are all ASCII, so they pass as UTF-8: judged here.
_HZ_RUN = re.compile(r"~\{[^~\n]+~\}")
_UTF7_RUN = re.compile(r"\+[A-Za-z0-9/+]{3,}-?")
_LEAST_RUNS = 3


def _seven_bit(text: str) -> Decoded | None:
    """An ASCII text in HZ or UTF-7, decoded when it reads as Chinese: the decoding is
    unambiguous and the plausibility test keeps mojibake out.  ReadError when its runs decode
    to many ideographs that do not read as Chinese; None for plain ASCII (an English page, or
    one writing its Chinese as &#x..; references), which stays as it is."""
    for codec, runs in (("hz", _HZ_RUN), ("utf-7", _UTF7_RUN)):
        if len(runs.findall(text, 0, _SAMPLE)) < _LEAST_RUNS:
            continue
        other = _strict(text.encode("ascii"), codec)
        if other is None:
            continue
        verdict = reads_as_chinese(other)
        if verdict:
            return Decoded(other, codec)
        if verdict is False:
            raise ReadError(UNKNOWN_ENCODING)
    return None


def _nearly_utf8(raw: bytes) -> Decoded | None:
    """UTF-8 but for a handful of bad sequences, read with them replaced; None otherwise (a
    GBK or Big5 text, even one with little Chinese, has no run of good UTF-8 around its bytes)."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())  # a U+FFFD written in the page is no bad byte
    if not 0 < bad <= _MOST_BAD or bad * _BYTES_PER_BAD > max(len(raw), _BYTES_PER_BAD):
        return None
    good = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")
    if good < _GOOD_PER_BAD * bad or reads_as_chinese(text) is False:
        return None
    return Decoded(text, "utf-8", replaced=bad)


def _strict(raw: bytes, codec: str) -> str | None:
    """``raw`` in ``codec``, None when it is not; a character cut off at the very end (a
    copy cut short) is left out."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as e:
        if e.end >= len(raw) and e.start >= len(raw) - 3:
            try:
                return raw[:e.start].decode(codec)
            except UnicodeDecodeError:
                return None
        return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 saved without its BOM, by its zero bytes: ASCII markup and line ends leave
    one in every other byte, on one side."""
    head = raw[:2000]
    if len(head) < 40 or head.count(0) < len(head) // 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 4 * max(even, 1):
        return "utf-16-le"
    if even > 4 * max(odd, 1):
        return "utf-16-be"
    return None


def _declared(head: bytes) -> str | None:
    """The Chinese encoding family a page's XML declaration or meta charset names."""
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    return _FAMILIES.get(found.group(1).decode("ascii", "replace").strip().lower())


# -- the script -----------------------------------------------------------------------------------

def traditional(decoded: Decoded) -> bool:
    """Whether the text is in traditional script: Big5 holds no simplified characters; in
    another encoding, characters only Big5 has (traditional forms) far outnumber those only
    GB2312 has (simplified forms)."""
    if decoded.encoding == "big5":
        return True
    counts = Counter(c for c in decoded.text[:_SAMPLE] if "\u4e00" <= c <= "\u9fff")
    only_big5 = only_gb = 0
    for c, n in counts.items():
        big5, gb = _encodable(c, "big5"), _encodable(c, "gb2312")
        only_big5 += n if big5 and not gb else 0
        only_gb += n if gb and not big5 else 0
    return only_big5 >= 20 and only_big5 > 4 * only_gb


def _encodable(c: str, codec: str) -> bool:
    try:
        c.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def traditional_page(decoded: Decoded) -> str:
    return TRADITIONAL_PAGE.format(encoding="（Big5 编码）" if decoded.encoding == "big5" else "")
