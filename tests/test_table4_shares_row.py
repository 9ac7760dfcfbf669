"""表四 with a row of shares (占比, 纠错率: “0.5%”, “7.5‰”) between its header and its figures
(rev25a C3): the figures below are read, the shares are no counts.  Before, the share row was
taken for the data row — 15 VALUE-INVALID ““0.5%”不是数字” — and the real figures never read."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading import load_report
from app.schema import T4_ROW, TABLE4
from tests.thirdparty import Spec, build

FIGURES = {c: str(20 + c) for c in range(TABLE4.n_cols)}


@pytest.mark.parametrize("mark", ["%", "‰"])
def test_a_row_of_shares_above_the_figures(tmp_path: Path, mark: str) -> None:
    path = build(Spec(t4=FIGURES), tmp_path / "t4.docx")
    doc = docx.Document(str(path))
    table = next(t for t in doc.tables if "结果维持" in "".join(c.text for c in t._cells))
    last = table.rows[-1]._tr
    shares = deepcopy(last)
    for i, tc in enumerate(shares.findall(qn("w:tc"))):
        for run in list(tc.iter(qn("w:r"))):
            run.getparent().remove(run)
        tc.find(qn("w:p")).append(parse_xml(f'<w:r {nsdecls("w")}><w:t>{i * 7 % 100}.5{mark}</w:t></w:r>'))
    last.addprevious(shares)
    doc.save(str(path))
    r = load_report(path)
    assert [r.tables["四"][(T4_ROW, c)] for c in range(TABLE4.n_cols)] == [20 + c for c in range(TABLE4.n_cols)]
    assert not r.raw
