"""A headerless continuation of 表三 laid out otherwise than the part before it — one more
(empty) column on the left, as a split or a converter leaves it (rev24a L12; rev25a C23, where
pdf2docx gives the first part one label column and the next ones three): its figures are read
from the columns they stand in, never at the first part's grid positions.  Before, （七）总计 and
四、结转 took the next column's figures (wrong values, no finding) and the item rows became
OLD-FORMAT ERRORs naming their labels as figures."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading import load_report
from app.schema import T3_COLS, T3_ROW_PATHS
from tests.thirdparty import Spec, build

FIGURES = {(r, c): str((r * 5 + c * 3) % 11 + 1) for r in range(len(T3_ROW_PATHS)) for c in range(len(T3_COLS))}


@pytest.mark.parametrize("extra", [0, 1, 2])
def test_a_continuation_with_extra_columns_on_the_left(tmp_path: Path, extra: int) -> None:
    path = build(Spec(t3=FIGURES, split_t3_at=12), tmp_path / "t3.docx")
    doc = docx.Document(str(path))
    second = next(t for t in doc.tables if "结转下年度" in "".join(c.text for c in t._cells))._tbl
    for _ in range(extra):
        second.find(qn("w:tblGrid")).insert(0, parse_xml(f'<w:gridCol {nsdecls("w")} w:w="300"/>'))
        for tr in second.findall(qn("w:tr")):
            tr.find(qn("w:tc")).addprevious(parse_xml(f'<w:tc {nsdecls("w")}><w:p/></w:tc>'))
    doc.save(str(path))
    r = load_report(path)
    wrong = {k: (v, r.tables["三"].get(k)) for k, v in FIGURES.items() if r.tables["三"].get(k) != int(v)}
    assert not wrong, wrong
    assert not [f.message for f in r.import_findings if f.severity.name == "ERROR"]
