"""What the hostile files are made of (tests/hostile.py and its families): the published
sample's parts and an exported workbook's, zipped again with a fixed time, bytes flipped, one
match of many rewritten, XML cut.  ``_heavy`` is the size switch: the CI suite uses the light
sizes, scripts/fuzz.py the full ones."""

from __future__ import annotations

import io
import random
import re
import zipfile
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "xiaogang-2021.docx"
SAMPLE_TXT = DATA / "xiaogang-2021.txt"

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_heavy = [True]  # set by make(): the CI suite uses the light sizes, scripts/fuzz.py the full ones


def _size(rnd: random.Random, light: list[int], heavy: list[int]) -> int:
    return rnd.choice(heavy if _heavy[0] else light)


@cache
def _sample_parts() -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    with zipfile.ZipFile(SAMPLE) as z:
        return tuple((i, z.read(i)) for i in z.infolist())


@cache
def _workbook_parts() -> tuple[tuple[str, bytes], ...]:
    import tempfile

    from app.reading import load_report
    from app.xlsx_write import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.xlsx"
        write_xlsx(load_report(SAMPLE), path)
        with zipfile.ZipFile(path) as z:
            return tuple((n, z.read(n)) for n in z.namelist())


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            # A fixed time: a name alone takes the clock's, and two runs a second apart differ.
            if isinstance(name, str):
                name = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                name.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(name, data)
    return buf.getvalue()


def _flip(data: bytes, rnd: random.Random, n: int) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        if b:
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    return bytes(b)




def _nth_sub(pattern: str, repl: str, xml: str, rnd: random.Random) -> str:
    hits = list(re.finditer(pattern, xml))
    if not hits:
        return xml
    m = hits[rnd.randrange(len(hits))]
    return xml[: m.start()] + repl + xml[m.end():]


def _xml_damage(xml: str, rnd: random.Random) -> str:
    i = rnd.randrange(len(xml))
    return xml[:i] + rnd.choice(["<", "&", "</w:tbl>", "\x00", "<w:tc>", "]]>", "&#0;", ""]) + xml[i + rnd.randint(0, 40):]
