"""A 成文日期 (or the title's year) written as a DATE/TIME field — Word's 插入→日期和时间 with 自动更新
ticked (rev24a M6): Word shows and prints the day the file is opened, not the date stored; it is read
as stored and said.  Third-party .docx files built with python-docx, the field put in with lxml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from app.findings import FIELD_NOW
from app.reading import load_report
from tests.thirdparty import Spec, build

DATE = "2024年1月20日"


def _field(kind: str, code: str, shown: str) -> str:
    if kind == "simple":
        attr = code.replace('"', "&quot;")
        return f'<w:fldSimple {nsdecls("w")} w:instr=" {attr} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'
    return (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r><w:r {nsdecls("w")}><w:t>{shown}</w:t></w:r>'
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize(("kind", "code"), [("complex", 'DATE \\@ "yyyy年M月d日"'), ("complex", "TIME"),
                                            ("simple", 'DATE \\@ "yyyy年M月d日"'), ("complex", "SAVEDATE")])
def test_a_date_field_is_read_as_stored_and_said(tmp_path: Path, kind: str, code: str) -> None:
    path = build(Spec(date=DATE), tmp_path / "date.docx")
    d = docx.Document(str(path))
    p = next(p for p in d.paragraphs if p.text == DATE)
    for r in list(p._p.r_lst):
        p._p.remove(r)
    for el in parse_xml(f"<x {nsdecls('w')}>{_field(kind, code, DATE)}</x>"):
        p._p.append(el)
    d.save(str(path))
    r = load_report(path)
    assert r.date == dt.date(2024, 1, 20)
    said = [f.message for f in r.import_findings if f.declared is FIELD_NOW]
    if code == "SAVEDATE":  # a stored date: what Word shows until the file is saved again
        assert not said
    else:
        assert len(said) == 1 and DATE in said[0], said


def test_a_stored_date_field_is_not_said(tmp_path: Path) -> None:
    """A date typed as text is what it shows: nothing said."""
    r = load_report(build(Spec(date=DATE), tmp_path / "plain.docx"))
    assert not [f for f in r.import_findings if f.declared is FIELD_NOW]
