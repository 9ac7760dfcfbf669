"""Work a window starts and that runs long in Python goes to a process of its own
(app.batch_pool.run_apart): its result and its errors come back as if it had run here."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from app import batch, batch_pool, batch_summary
from app.batch_pool import run_apart
from app.errors import WriteError
from app.findings import TEXT_TABLE_MISMATCH, Location
from app.schema import CellRef


def _batch(tmp_path: Path, reports: int, per: int) -> batch.Batch:
    results = [batch.FileResult(str(tmp_path / f"乡镇{i:03}" / "年报.docx"), organ=f"某县某乡镇{i}", year=2024,
                                findings=[TEXT_TABLE_MISMATCH.at(Location("三", (CellRef("三", j % 20, j % 7),)),
                                                                 f"第{j}处与表三不一致") for j in range(per)])
               for i in range(reports)]
    return batch.Batch(results, base=tmp_path)


def test_the_summary_written_apart_is_the_summary(tmp_path: Path) -> None:
    b = _batch(tmp_path, reports=3, per=4)
    batch.write_summary(b, tmp_path / "here.xlsx")
    batch_summary.write_summary_apart(b, tmp_path / "apart.xlsx")
    here, apart = (openpyxl.load_workbook(tmp_path / name) for name in ("here.xlsx", "apart.xlsx"))
    assert here.sheetnames == apart.sheetnames
    for name in here.sheetnames:
        assert [[c.value for c in row] for row in here[name].iter_rows()] == \
               [[c.value for c in row] for row in apart[name].iter_rows()], name
    assert apart["全部问题"].max_row == 1 + 12


def test_an_error_in_the_process_is_the_same_one_message(tmp_path: Path) -> None:
    dest = tmp_path / "没有这个文件夹" / "汇总.xlsx"
    with pytest.raises(WriteError) as told:
        batch_summary.write_summary_apart(_batch(tmp_path, reports=1, per=1), dest)
    assert str(told.value) == f"{dest}：文件夹不存在"
    assert not dest.parent.exists()


def test_a_process_that_dies_is_said_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ChildProcessError):
        run_apart(os._exit, 3)  # killed, out of memory: the same to the caller
    assert run_apart(divmod, 7, 2) == (3, 1)
    monkeypatch.setattr(batch_pool, "run_apart", lambda *_args: run_apart(os._exit, 9))
    dest = tmp_path / "汇总.xlsx"
    with pytest.raises(WriteError) as told:
        batch_summary.write_summary_apart(_batch(tmp_path, reports=1, per=1), dest)
    assert str(told.value).startswith(f"{dest}：写汇总表的进程意外结束") and not dest.exists()
