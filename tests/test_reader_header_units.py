"""A unit written after a column's name in a table's header (“总计（件）”, “其他（件）”,
“商业企业（家）”), as many offices' tables have it: the header is still the header — its row
was taken for a data row (其他 for 3.其他, 总计 for （七）总计) and its labels said to be
figures not read — and each label so edited is said once.  Third-party .docx files."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import TABLES, Kind
from tests.thirdparty import Spec, build

_COUNTER = itertools.count(3)
VALUES = {key: {(c.row, c.col): ("1.5" if c.kind is Kind.AMOUNT else str(next(_COUNTER))) for c in t.cells}
          for key, t in TABLES.items()}


@pytest.mark.parametrize("relabel", [
    {"总计": "总计（件）"},
    {"商业企业": "商业企业（家）", "其他": "其他（件）"},
    {"自然人": "自然人(件)", "科研机构": "科研机构（单位：件）", "总计": "总计(件数)"},
], ids=["total", "kinds", "mixed"])
def test_units_in_header_cells(tmp_path: Path, relabel: dict[str, str]) -> None:
    spec = Spec(t2=VALUES["二"], t3=VALUES["三"], t4={col: v for (_, col), v in VALUES["四"].items()}, relabel=relabel)
    r = load_report(build(spec, tmp_path / "units.docx"))
    assert not {(k, pos): (v, r.tables[k][pos]) for k, cells in VALUES.items() for pos, v in cells.items()
                if str(r.tables[k][pos]) != v}
    said = [f.message for f in r.import_findings]
    assert not [m for m in said if "无法对应" in m], said
    edited = {m.split("文件中为“")[1].split("”")[0].replace("\n", "") for m in said if "法定标签被改动" in m}
    assert {w for w in relabel.values()} <= edited and len(said) == len(edited) + ("总计" in relabel), said
