"""A body pasted twice, or a second report after the first, in one file: where the first copy
ends and what the author is told (app/docx/assemble.py's reading stops there)."""

from __future__ import annotations

from difflib import SequenceMatcher

from app.docx.blocks import Block, ParaBlock
from app.docx.titleyear import parse_title, signed_organ
from app.findings import DUP_BODY, Finding, Location
from app.report import Report
from app.schema import SECTIONS


class SecondCopy:
    """The assembler's (app/docx/assemble.py _Reader) look for a second copy of the body."""

    report: Report
    blocks: list[Block]
    findings: list[Finding]
    _toc: set[int]
    _headings: dict[int, str] | None

    def _heading_of(self, b: ParaBlock) -> str | None:
        raise NotImplementedError

    def _first_copy_end(self, start: int) -> int:
        """Where a second copy of the body begins (a heading going back), else the end."""
        order = [s.key for s in SECTIONS]
        last = -1
        heads: list[tuple[str, int]] = []
        for b in self.blocks[start:]:
            if not isinstance(b, ParaBlock):
                continue
            key = self._heading_of(b)
            if key is None:
                continue
            pos = order.index(key)
            if pos <= last and last >= 2 and self._second_copy(heads, key, b.index):
                title = self._second_title(heads[-1][1], b.index)
                if title is not None and not self._same_report(*parse_title(title[1])):
                    self.findings.append(DUP_BODY.at(Location(key), (
                        f"文件中有两份报告：从{self._nth(title[0], title[1])}“{title[1]}”起是另一份报告，只读取了第一份"
                        f"（{self.report.organ or '机关名称未读出'}{self.report.year or ''}年度），保存后文件中只有这一份；"
                        "第二份请另存为一个文件后再打开")))
                    return title[0]
                first = next((i for k, i in heads if k == key), start)
                diff = copy_difference(self._texts(first, b.index), self._texts(b.index, len(self.blocks)))
                self.findings.append(DUP_BODY.at(
                    Location(key),
                    f"正文从{self._nth(b.index)}“{b.text.strip()}”起又重复了一遍（整篇正文粘贴了两次），只读取了第一份，"
                    f"保存后文件中只保留这一份{diff}",
                ))
                return title[0] if title is not None else b.index
            heads.append((key, b.index))
            last = max(last, pos)
        return len(self.blocks)

    def _nth(self, at: int, text: str | None = None) -> str:
        """Which “<text>” of the file block ``at`` is, as the author finds it with Ctrl+F in Word,
        WPS or Notepad: “第2个” (“” for the only one).  Never its block number: a table counted
        as one paragraph, blank lines not, so the same report said 第26段 as a .docx and 第27段 as
        a .txt, and no program shows either.  ``text``: the words looked for (a title over two
        lines, joined), else the block's own."""
        def words(b: Block) -> str:
            return "".join(b.text.split()) if isinstance(b, ParaBlock) else ""

        wanted = "".join((text if text is not None else words(self.blocks[at])).split())
        n = sum(1 for b in self.blocks[:at] if wanted and wanted in words(b)) + 1
        later = any(wanted and wanted in words(b) for b in self.blocks[at + 1:])
        return f"第{n}个" if n > 1 or later else ""

    def _second_title(self, after: int, at: int) -> tuple[int, str] | None:
        """The title above a second copy whose first heading is block ``at`` (a report's own,
        after block ``after``, the first copy's last heading): where it begins, and its words
        (a title over two lines joined).  Its lines, and the 前言 under it, are the second
        copy's: read before it, they were the end of 六, said to stand after the 成文日期."""
        paras = [b for b in self.blocks[after + 1:at] if isinstance(b, ParaBlock) and b.text.strip()]
        for k in range(len(paras) - 1, -1, -1):
            text = paras[k].text.strip()
            if len(text) > 80 or not text.endswith("报告"):
                continue
            if all(parse_title(text)):
                return paras[k].index, text
            if k and all(parse_title(joined := paras[k - 1].text.strip() + text)) and len(joined) <= 80:
                return paras[k - 1].index, joined
        return None

    def _same_report(self, organ: str, year: int | None) -> bool:
        """A title naming this report (its organ, or only the place of the organ that signed it)."""
        mine = self.report.organ
        return year == self.report.year and (organ == mine or (bool(organ) and signed_organ(organ, mine) == mine))

    def _second_copy(self, heads: list[tuple[str, int]], key: str, at: int) -> bool:
        """Whether a heading going back at block ``at`` starts a second copy of the body: what
        follows repeats what followed its first occurrence (the next headings in the same
        order, or with none after it the same next paragraph).  A section out of order or a
        heading written twice is no copy: the text after it is not lost."""
        first = next((i for i, (k, _) in enumerate(heads) if k == key), None)
        if first is None:
            return False
        assert self._headings is not None
        before = [k for k, _ in heads[first + 1:first + 3]]
        after = [k for i, k in self._headings.items() if i > at][:2]
        n = min(len(before), len(after))
        if n:
            return before[:n] == after[:n]
        return self._texts(heads[first][1] + 1, len(self.blocks))[:1] == self._texts(at + 1, len(self.blocks))[:1]

    def _texts(self, start: int, end: int) -> list[str]:
        return [b.text.strip() for b in self.blocks[start:end]
                if isinstance(b, ParaBlock) and b.text.strip() and b.index not in self._toc]



def copy_difference(first: list[str], second: list[str]) -> str:
    """What the second copy of a doubled body changes, so the author keeps the right one."""
    notes: list[str] = []
    for a, b in zip(first, second, strict=False):
        if a == b:
            continue
        if len(a) + len(b) > 4000:  # SequenceMatcher is quadratic: a pasted megabyte would hang
            i1 = j1 = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            tail = next((k for k, (x, y) in enumerate(zip(reversed(a[i1:]), reversed(b[j1:]), strict=False)) if x != y),
                        min(len(a) - i1, len(b) - j1))
            i2, j2 = len(a) - tail, len(b) - tail
        else:
            ops = [op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
            _, i1, i2, j1, j2 = ops[0]
        notes.append(f"第二份为“{_clip(b[max(0, j1 - 6): j2 + 6])}”，第一份为“{_clip(a[max(0, i1 - 6): i2 + 6])}”")
        if len(notes) == 3:
            break
    if not notes:
        return "（两份文字相同）" if len(first) == len(second) else ""
    return "。两份不完全相同：" + "；".join(notes)



def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"
