"""The statutory documents the text cites by number (app.schema.CITED_DOCUMENTS), as issued.

The year's first edit is often 编辑 → 替换 of last year's year with this one; it turns
“国办公开办函〔2021〕30号” into a notice that does not exist.  A number whose issuer and serial
are a cited document's, with another year, is said; any bracket a typist uses (〔〕[]［］【】()（）)."""

from __future__ import annotations

from collections.abc import Iterator

from app.findings import CITATION_CHANGED, Finding, Location, Span
from app.patterns import lazy
from app.report import Report
from app.schema import ALL_TEXT_KEYS, CITED_DOCUMENTS, CitedDocument

_ISSUERS = "|".join(sorted({d.issuer for d in CITED_DOCUMENTS}, key=len, reverse=True))
_NUMBER = lazy(rf"({_ISSUERS})\s*[〔\[［【(（]\s*(\d{{4}})\s*[〕\]］】)）]\s*第?\s*(\d{{1,4}})\s*号")


def _issued(issuer: str, year: int, number: int) -> tuple[bool, CitedDocument | None]:
    """Whether this number is one as issued; else the cited document it is a changed copy of."""
    same_serial = None
    for doc in CITED_DOCUMENTS:
        if doc.issuer == issuer and doc.number == number:
            if doc.year == year:
                return True, doc
            same_serial = doc
    return False, same_serial


def check(report: Report) -> Iterator[Finding]:
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            text = para.text
            if "号" not in text:
                continue
            for m in _NUMBER.finditer(text):
                issued, doc = _issued(m.group(1), int(m.group(2)), int(m.group(3)))
                if issued or doc is None:
                    continue
                right = f"{doc.issuer}〔{doc.year}〕{doc.number}号"
                yield CITATION_CHANGED.at(
                    Location(key, span=Span(i, m.start(), m.end())),
                    f"“{m.group()}”不是所引文件的文号：{doc.what}是{right}；多为替换年份时一并改了，请改回{right}")
