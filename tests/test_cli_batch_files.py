"""`check` of folders as a reviewer's script reads it (rev23b L2, L3, M3): a folder with no report
is no clean pass; `--json` has every file; `--last` is compared only with the reports it is last
year's of."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.batch import NO_REPORT
from app.io import save_report
from app.schema import T3_CARRIED_OUT, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, CellRef
from tests.helpers import run_app, zero_report

DAY = dt.date(2024, 1, 15)


def test_a_folder_with_no_report_exits_3_with_one_line(tmp_path: Path) -> None:
    empty, notes = tmp_path / "空", tmp_path / "说明"
    empty.mkdir()
    notes.mkdir()
    (notes / "说明.txt").write_text("请于3月底前报送。\n", encoding="utf-8")
    for folder in (empty, notes):
        out = run_app("check", folder, "--xlsx", tmp_path / "汇总.xlsx")
        assert out.returncode == NO_REPORT == 3, out.stdout + out.stderr
        assert f"文件夹中没有找到年报：{folder}" in out.stderr and "Traceback" not in out.stderr
    save_report(zero_report(date=DAY), notes / "年报.docx")  # one clean report: a clean pass
    assert run_app("check", notes).returncode == 0


def test_json_has_an_entry_for_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "收到"
    folder.mkdir()
    save_report(zero_report(organ="某县财政局", date=DAY), folder / "财政局.docx")  # no finding at all
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04broken")
    (folder / "说明.txt").write_text("请于3月底前报送。\n", encoding="utf-8")
    out = run_app("check", folder, "--json")
    assert out.returncode == 2
    items = json.loads(out.stdout)
    assert all(set(i) == {"file", "code", "severity", "location", "message"} for i in items)
    by_file = {Path(str(i["file"])).name: (i["code"], i["severity"]) for i in items}
    assert by_file == {"财政局.docx": ("FILE-CLEAN", "info"), "坏文件.docx": ("FILE-UNREADABLE", "error"),
                       "说明.txt": ("FILE-PASSED-OVER", "info")}
    assert all(i["message"] for i in items), "each says why"


def _last_year(path: Path, organ: str = "某县财政局", year: int = 2022) -> Path:
    r = zero_report(organ=organ, year=year, date=DAY)
    for col in (T3_COL_NATURAL, T3_COL_TOTAL):  # 3 new, 3 carried into the next year: balanced
        r.set_value(CellRef("三", T3_NEW, col), 3)
        r.set_value(CellRef("三", T3_CARRIED_OUT, col), 3)
    save_report(r, path)
    return path


def test_last_is_compared_only_with_its_organs_next_year(tmp_path: Path) -> None:
    last = _last_year(tmp_path / "财政局2022.docx")
    folder = tmp_path / "收到"
    folder.mkdir()
    save_report(zero_report(organ="某县财政局", year=2023, date=DAY), folder / "财政局2023.docx")
    save_report(zero_report(organ="某乡人民政府", year=2023, date=DAY), folder / "某乡2023.docx")
    save_report(zero_report(organ="某县财政局", year=2021, date=DAY), folder / "财政局2021.docx")
    out = run_app("check", folder, "--last", last)
    blocks = out.stdout.split(str(folder) + "/")
    said = {b.split("\n", 1)[0]: b for b in blocks[1:]}
    assert "CROSS-YEAR-CARRYOVER" in said["财政局2023.docx"] and f"已对照上年报告：{last}" in said["财政局2023.docx"]
    for other in ("某乡2023.docx", "财政局2021.docx"):
        assert "CROSS-YEAR" not in said[other] and "SAME-AS-LAST-YEAR" not in said[other] and "已对照" not in said[other]
    assert "对照上年 1 对" in out.stdout.splitlines()[-1]
    assert "注意：某乡2023.docx：--last 所给报告的机关为“某县财政局”，本报告为“某乡人民政府”，未对照" in out.stderr
    assert "注意：财政局2021.docx：--last 所给报告为2022年度，本报告为2021年度，不是上一年度，未对照" in out.stderr
    assert "财政局2023.docx" not in out.stderr
    alone = run_app("check", folder / "某乡2023.docx", "--last", last)  # a file named on its own: the same
    assert "CROSS-YEAR" not in alone.stdout and "未对照" in alone.stderr
