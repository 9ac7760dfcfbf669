"""Two statutory tables in one Word table, one under the other (an Excel sheet pasted whole:
表二 then 表三; 表三 then 表四, with or without a caption row between) — rev24a L2; the same
class in a PDF whose tables stand in a layout table's rows (rev25a C6, r_pdf_framed: 190 cells).
Both are read.  Before, only the first was: the user was told 表二 was missing, or got ERRORs
listing 表四's header words as figures of 表三.  (表三 then 表四 is checked by rev24a's r_stacked_tables.)"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading import load_report
from app.schema import T2_RULES, T3_NEW
from tests.thirdparty import Spec, build


def _stack(path: Path, upper: str, lower: str, caption: str = "") -> None:
    """The rows of the table holding ``lower`` moved under those of the table holding ``upper``."""
    doc = docx.Document(str(path))
    first, second = (next(t._tbl for t in doc.tables if word in "".join(c.text for c in t._cells)) for word in (upper, lower))
    if caption:
        first.append(parse_xml(f'<w:tr {nsdecls("w")}><w:tc><w:p><w:r><w:t>{caption}</w:t></w:r></w:p></w:tc></w:tr>'))
    grids = [t.find(qn("w:tblGrid")) for t in (first, second)]
    wider = max(grids, key=len)
    for col in wider:  # one grid of even columns as wide as the wider table, as a pasted sheet has
        col.set(qn("w:w"), "600")
    first.replace(grids[0], wider)
    for tr in second.findall(qn("w:tr")):
        first.append(tr)
    for width in list(first.iter(qn("w:tcW"))):  # cells as wide as their grid columns
        width.getparent().remove(width)
    second.getparent().remove(second)
    doc.save(str(path))


def test_table_two_then_table_three_in_one_table(tmp_path: Path) -> None:
    path = build(Spec(t2={(T2_RULES, 0): "12"}, t3={(T3_NEW, 0): "7"}), tmp_path / "s.docx")
    _stack(path, "规章", "自然人")
    r = load_report(path)
    assert (r.tables["二"][(T2_RULES, 0)], r.tables["三"][(T3_NEW, 0)]) == (12, 7)
    assert not [f.message for f in r.import_findings if "没有找到表" in f.message or f.severity.name == "ERROR"]
