"""Completeness: blank and invalid cells, missing sections, section 一's length, the fee note."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.checks import crossyear
from app.findings import (
    BLANK_CELL,
    FEE_NOT_REPORTED,
    MISSING_SECTION_TEXT,
    SECTION1_TOO_LONG,
    VALUE_INVALID,
    VALUE_MARK,
    Finding,
    Fix,
    Location,
)
from app.lastyear import LastYear, attached
from app.patterns import lazy
from app.report import Report
from app.schema import (
    OTHER_MATTERS,
    REQUESTS,
    SECTION_BY_KEY,
    SECTIONS,
    T3_COL_TOTAL,
    T3_FEE_UNPAID,
    TABLE3,
    TABLES,
    TEXT_SECTIONS,
    CellRef,
    Kind,
    TableSpec,
)
from app.values import Value, parse, zero

_FEE = lazy(r"信息处理费|处理费|收费|收取.{0,12}费|费用")


def blank_and_invalid(report: Report, last: LastYear | None = None) -> Iterator[Finding]:
    """Refused text one finding a cell (each needs its own fix); blank-like marks (“—”, “/”,
    “无”) and plain blanks one finding a table, each with one fill-with-0 fix.  Against last
    year's report (``last``, else the one attached), the cells it would fill that it left blank
    too are said by app/checks/crossyear.py (``carried_cells``: 0 is no figure anyone stated),
    not here."""
    last = last or attached(report)
    carried: set[CellRef] = {ref for refs in crossyear.carried_cells(report, last) for ref in refs} if last else set()
    marks: dict[str, list[CellRef]] = {}
    for ref, raw in sorted(report.raw.items(), key=lambda kv: (kv[0].table, kv[0].row, kv[0].col)):
        cell = TABLES[ref.table].cell(ref.row, ref.col)
        assert cell is not None
        parsed = parse(raw, cell.kind)
        if parsed.ok:
            marks.setdefault(ref.table, []).append(ref)
            continue
        yield VALUE_INVALID.at(Location(ref.table, (ref,)), parsed.problem or f"“{raw}”无法识别")
    for key, spec in TABLES.items():
        refs = marks.get(key, [])
        if refs:
            shown = "、".join(sorted({f"“{report.raw[r]}”" for r in refs}))
            yield VALUE_MARK.at(
                Location(key, tuple(refs)),
                f"表{key}有{len(refs)}个单元格填的是{shown}，按空白处理；没有发生的应填0",
                Fix("改为0", tuple((r, _zero(spec, r)) for r in refs)),
            )
        grid = report.tables[key]
        blanks = tuple(
            CellRef(key, c.row, c.col)
            for c in spec.cells
            if grid[(c.row, c.col)] is None and CellRef(key, c.row, c.col) not in report.raw
            and CellRef(key, c.row, c.col) not in carried
        )
        if blanks:
            yield BLANK_CELL.at(
                Location(key, blanks),
                f"表{key}有{len(blanks)}个单元格空白，法定表格应填写数字，没有发生的填0",
                Fix("空白处填0", tuple((ref, _zero(spec, ref)) for ref in blanks)),
            )


def _zero(spec: TableSpec, ref: CellRef) -> Value:
    cell = spec.cell(ref.row, ref.col)
    return zero(cell.kind if cell is not None else Kind.COUNT)


def sections(report: Report) -> Iterator[Finding]:
    # A heading the reader did not find is already one MISSING-SECTION; its emptiness is not another.
    absent = {f.location.section for f in report.import_findings if f.code == MISSING_SECTION_TEXT.code}
    for spec in SECTIONS:
        if spec.key in TEXT_SECTIONS and spec.key not in absent and not report.section_text(spec.key).strip():
            yield MISSING_SECTION_TEXT.at(
                Location(spec.key), f"“{spec.heading}”没有内容"
            )
        if spec.max_chars is not None:
            n = len(re.sub(r"\s", "", report.section_text(spec.key)))
            if n > spec.max_chars:
                yield SECTION1_TOO_LONG.at(
                    Location(spec.key),
                    f"“{spec.heading}”共{n}字，格式要求篇幅原则上不超过{spec.max_chars}字",
                )


def fee_said(report: Report) -> bool:
    """Whether “其他需要报告的事项” speaks of the fee (the text's half of the fee check)."""
    return _FEE.search(report.section_text(OTHER_MATTERS)) is not None


def fee(report: Report, said: bool | None = None) -> Iterator[Finding]:
    """The fee note; ``said`` is ``fee_said(report)`` when the caller has it already (a table
    edit does not change the text, so the text is not searched again)."""
    if fee_said(report) if said is None else said:
        return
    unpaid = report.tables[REQUESTS][(T3_FEE_UNPAID, T3_COL_TOTAL)] or 0
    label = TABLE3.row_labels[T3_FEE_UNPAID]
    heading = SECTION_BY_KEY[OTHER_MATTERS].heading
    if unpaid:
        message = f"表三“{label}”为{unpaid}，但“{heading}”没有说明信息处理费的收取情况"
    else:
        message = f"“{heading}”没有说明收取信息处理费的情况（未收取也应写明）"
    yield FEE_NOT_REPORTED.at(Location(OTHER_MATTERS), message)


def check(report: Report) -> Iterator[Finding]:
    yield from blank_and_invalid(report)
    yield from sections(report)
    yield from fee(report)
