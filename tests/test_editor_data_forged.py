"""A forged or hand-edited editor-data part (customXml, urn:nianbao-editor:data:1) never stops
check, dump, save or the open: every field of it is fed wrong types, huge, NaN, negative,
nested and unwritable values, one at a time, and the file goes through the whole round
(save with the part, read, check, dump, read as last year)."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app import cli, dismissals
from app.checks import run_all
from app.io import save_report
from app.lastyear import KEY, LastYear, attached
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import T2_ROW, T3_CARRIED_OUT, TABLES, CellRef

# What JSON (and a forger) can put where a field is expected.
HOSTILE: list[Any] = [
    None, True, False, 0, -1, 1.5, 2022.0, float("nan"), float("inf"), -float("inf"), 10**300, -(10**300),
    "", "9E+999999", "1E-999999", "1e999", "NaN", "-Infinity", "-5", "0x10", "1_000", "五", "x" * 100_000,
    "\ud800", "\x00\x01", [], [0], [[0], [0]], [[[[[[[[]]]]]]]], {}, {"a": 1}, list(range(10_000)),
]

BASE: dict[str, Any] = {
    "version": 1, "organ": "某区某局", "year": 2023, "source": "2023.docx",
    "tables": {"三": [[T3_CARRIED_OUT, 0, 3]], "二": [[T2_ROW["行政事业性收费"], 0, "1.50"]]},
    "sections": {"一": ["2023年全区受理政府信息公开申请21件，均按时办结。"]},
}
DISMISSED: list[Any] = [{"fingerprint": "abc-1", "code": "X", "kind": "error", "location": "表三",
                         "message": "m", "reason": "r", "by": "b", "at": "2024-01-01T00:00:00"}]

# Where a value can be put: a path of keys/indexes into BASE (or DISMISSED, under "dismissed").
FIELDS: list[tuple[Any, ...]] = [
    (KEY,), (KEY, "version"), (KEY, "organ"), (KEY, "year"), (KEY, "source"), (KEY, "tables"),
    (KEY, "tables", "三"), (KEY, "tables", "三", 0), (KEY, "tables", "三", 0, 0), (KEY, "tables", "三", 0, 1),
    (KEY, "tables", "三", 0, 2), (KEY, "tables", "二", 0, 2), (KEY, "sections"), (KEY, "sections", "一"),
    (KEY, "sections", "一", 0), ("dismissed",), ("dismissed", 0), ("dismissed", 0, "fingerprint"),
    ("dismissed", 0, "code"), ("dismissed", 0, "at"), ("dismissed", 0, "reason"),
]


def forged(field: tuple[Any, ...], value: Any) -> dict[str, Any]:
    extras: dict[str, Any] = {KEY: copy.deepcopy(BASE), "dismissed": copy.deepcopy(DISMISSED)}
    holder: Any = extras
    for step in field[:-1]:
        holder = holder[step]
    holder[field[-1]] = value
    return extras


def this_year() -> Report:
    r = Report(organ="某区某局", year=2024)
    r.sections["一"] = [Paragraph.plain("2024年全区受理政府信息公开申请21件，均按时办结。")]
    r.set_value(CellRef("三", 0, 0), 3)
    return r


CASES = [(f, v) for f in FIELDS for v in HOSTILE]


def test_every_hostile_value_in_every_field_is_dropped_never_raised() -> None:
    """In memory, every combination: the entry read, every check run."""
    for field, value in CASES:
        r = this_year()
        r.extras = forged(field, value)
        last = attached(r)
        if last is not None:
            for key, grid in last.tables.items():
                assert set(grid) == set(empty_grid(key)), (field, value)
                for v in grid.values():
                    assert v is None or (isinstance(v, int | Decimal) and not isinstance(v, bool) and v >= 0
                                         and len(str(v)) <= 31 and (not isinstance(v, Decimal) or v.is_finite()))
            assert last.year is None or 1000 <= last.year <= 9999
            assert isinstance(last.organ, str) and len(last.organ) <= 5000
            assert all(isinstance(p, str) for ps in last.sections.values() for p in ps)
        dismissals.stored(r)
        run_all(r)


def empty_grid(key: str) -> set[tuple[int, int]]:
    return {(c.row, c.col) for c in TABLES[key].cells}


def test_a_valid_entry_still_reads() -> None:
    last = LastYear.from_json(BASE)
    assert last is not None and last.year == 2023 and last.organ == "某区某局"
    assert last.value("三", (T3_CARRIED_OUT, 0)) == 3
    assert last.value("二", (T2_ROW["行政事业性收费"], 0)) == Decimal("1.50")
    assert last.sections == {"一": BASE["sections"]["一"]}


@pytest.mark.parametrize("coords", [[[0], [0]], [{"a": 1}, 0], [True, False], [0.0, 0.0], ["0", "0"], [10**300, 0]])
def test_coordinates_must_be_whole_numbers_of_the_schema(coords: list[Any]) -> None:
    """b05, b09: a list or a dict is unhashable; True and 0.0 hash like 0 yet are no row."""
    last = LastYear.from_json({**BASE, "tables": {"三": [[*coords, 5]]}})
    assert last is not None and all(v is None for v in last.tables["三"].values())


@pytest.mark.parametrize("figure", ["9E+999999", "1E-999999", "1e999", "NaN", "Infinity", "-3", "1.5", "1" * 31])
def test_figures_are_read_as_the_readers_read_a_cell(figure: str) -> None:
    """b06: a count is digits; an amount plain digits with a fraction; no exponent, NaN, sign."""
    last = LastYear.from_json({**BASE, "tables": {"三": [[T3_CARRIED_OUT, 0, figure]]}})
    assert last is not None and last.value("三", (T3_CARRIED_OUT, 0)) is None
    amount = LastYear.from_json({**BASE, "tables": {"二": [[T2_ROW["行政事业性收费"], 0, figure]]}})
    assert amount is not None
    assert amount.value("二", (T2_ROW["行政事业性收费"], 0)) == (Decimal("1.5") if figure == "1.5" else None)


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_only_our_version_is_ours(version: Any) -> None:
    assert LastYear.from_json({**BASE, "version": version}) is None


SAMPLED = [
    *random.Random(26).sample(CASES, 40),
    ((KEY, "tables", "三", 0, 0), [0]), ((KEY, "tables", "三", 0, 2), "9E+999999"),
    ((KEY, "year"), 10**300), ((KEY, "version"), True), ((KEY, "sections", "一", 0), "\ud800"),
    ((KEY, "organ"), "\ud800机关"), (("dismissed", 0, "code"), ["a"]),
]


@pytest.mark.parametrize(("field", "value"), SAMPLED, ids=lambda x: repr(x)[:24])
def test_a_forged_part_goes_through_save_read_check_and_dump(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            field: tuple[Any, ...], value: Any) -> None:
    r = this_year()
    r.extras = forged(field, value)
    path = tmp_path / "本年.docx"
    save_report(r, path)  # the part as written: whatever it holds, the file is written
    back = load_report(path)
    run_all(back)
    assert cli.main(["check", str(path)]) in (0, 1)
    assert cli.main(["dump", str(path)]) == 0
    assert cli.main(["new", "--from", str(path), "--to", str(tmp_path / "下年.docx")]) == 0
    out = capsys.readouterr()
    assert "意外错误" not in out.err + out.out and "Traceback" not in out.err + out.out
    save_report(back, tmp_path / "再存.docx")  # read and saved again: still writable

