"""What a batch keeps of a report once it is checked (hostile30 #16: 2,000 reports peaked ~60 MB
over 200, the parent holding every finding in full): the words the printout, the JSON and the
summary workbook show — never the report's cells, a fix's edits or another place's copy — and
those words the same as the finding's own."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from app import batch
from app.checks import run_all
from app.findings import Finding, Fix, Location
from app.io import save_report
from app.reading import load_report
from app.report import Report
from app.schema import CellRef
from tests.helpers import run_app


def _many_findings(path: Path) -> Path:
    """A report whose tables are blank (a BLANK-CELL over many cells, fixes offered)."""
    report = Report(organ="某县某局", year=2023)
    report.set_value(CellRef("三", 0, 0), 5)
    save_report(report, path)
    return path


def _reachable(root: object) -> list[object]:
    seen: dict[int, object] = {}
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, (type, str, bytes, int, float)):
            continue
        seen[id(obj)] = obj
        todo += gc.get_referents(obj)
    return list(seen.values())


def test_a_checked_report_is_kept_as_words_only(tmp_path: Path) -> None:
    path = _many_findings(tmp_path / "年报.docx")
    own = run_all(load_report(path))
    assert any(f.fix is not None and len(f.location.cells) > 1 for f in own)  # what would be kept in full
    result = batch.check_file(str(path))
    kept = _reachable(result)
    assert not [o for o in kept if isinstance(o, (Finding, Location, CellRef, Fix))]
    # … and they say what the findings say, where they say it
    assert [(f.code, f.severity, f.kind, f.location.describe(), f.message) for f in result.findings] == \
        [(f.code, f.severity, f.kind, f.location.describe(), f.message) for f in own]


def test_the_printout_and_json_say_the_kept_words(tmp_path: Path) -> None:
    folder = tmp_path / "收到"
    folder.mkdir()
    path = _many_findings(folder / "年报.docx")
    own = run_all(load_report(path))
    out = run_app("check", str(folder), "--json")
    assert [(x["code"], x["location"], x["message"]) for x in json.loads(out.stdout)] == \
        [(f.code, f.location.describe(), f.message) for f in own]
    text = run_app("check", str(folder)).stdout
    first = own[0]
    assert f"[{first.severity.name_zh}] {first.code} {first.location.describe()}：{first.message}" in text


def test_a_kept_result_crosses_to_the_window_as_it_is(tmp_path: Path) -> None:
    """A worker's result is pickled to the window's process (Said pickles as its five values):
    every word and the severity itself come back, dismissed findings too."""
    import pickle

    from app.dismissals import Dismissal
    from app.findings import Severity

    result = batch.check_file(str(_many_findings(tmp_path / "年报.docx")))
    first = result.findings[0]
    result.dismissed = [(first, Dismissal("指纹", first.code, first.kind, first.where, first.message, "核对过", "张三",
                                          "2024-01-20T10:00:00"))]
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == result
    assert [(f.code, f.severity, f.kind, f.message, f.where) for f in back.findings] == \
        [(f.code, f.severity, f.kind, f.message, f.where) for f in result.findings]
    assert len(back.findings) >= 10 and all(type(f) is batch.Said and type(f.severity) is Severity
                                           for f in back.findings)
    assert back.dismissed[0][0].where == result.findings[0].where and back.dismissed[0][1].reason == "核对过"
