"""Findings: what a check says about a report, as plain data the panel only displays."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from app.schema import PREAMBLE, SECTION_BY_KEY, TABLES, CellRef
from app.values import Value


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def name_zh(self) -> str:
        return {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}[self]

    @property
    def json_name(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Span:
    """A stretch of text: paragraph index within a section, character offsets within it.
    A passage over several paragraphs ends at ``end`` in paragraph ``last``."""

    paragraph: int
    start: int
    end: int
    last: int | None = None  # the paragraph the span ends in; None: the same one

    @property
    def last_paragraph(self) -> int:
        return self.paragraph if self.last is None else self.last

    def parts(self, lengths: dict[int, int]) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) of each paragraph the span touches, given their lengths."""
        out = []
        for p in range(self.paragraph, self.last_paragraph + 1):
            start = self.start if p == self.paragraph else 0
            end = self.end if p == self.last_paragraph else lengths.get(p, 0)
            out.append((p, start, end))
        return out


@dataclass(frozen=True)
class Location:
    section: str  # PREAMBLE, "一" … "六", or "基本信息"
    cells: tuple[CellRef, ...] = ()
    span: Span | None = None
    others: tuple[Location, ...] = field(default=(), compare=False)  # the other copy of a duplicate

    def describe(self) -> str:
        if self.cells and self.span is None:
            ref = self.cells[0]
            name = TABLES[ref.table].describe(ref.row, ref.col)
            return name if len(self.cells) == 1 else f"{name}等{len(self.cells)}格"
        if self.section == PREAMBLE:
            where = "前言"
        elif self.section in SECTION_BY_KEY:
            where = SECTION_BY_KEY[self.section].heading
        else:
            where = self.section
        if self.span is not None:
            return f"{where} 第{self.span.paragraph + 1}段"
        return where


@dataclass(frozen=True)
class Fix:
    """Cell edits that resolve a finding, applied as one undo step."""

    label: str
    edits: tuple[tuple[CellRef, Value], ...]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    location: Location
    message: str
    fix: Fix | None = None

    def to_json(self, file: str) -> dict[str, str]:
        return {
            "file": file,
            "code": self.code,
            "severity": self.severity.json_name,
            "location": self.location.describe(),
            "message": self.message,
        }
