"""The title (机关名称 and 年度) and the 落款 (the organ and 成文日期 at the end of the body)
of a report read from its blocks: the part of app/docx/assemble.py's reading that looks at the
first and last lines, not at the sections between them."""

from __future__ import annotations

import re

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.titlelines import set_alike
from app.docx.titleyear import parse_title, signed_organ, title_year
from app.docx.walk import TXBX
from app.findings import AFTER_SIGNOFF, DATE_FORMAT, DATE_INVALID, TITLE_NONSTANDARD, Finding, Location, Span
from app.labels import loose
from app.report import Paragraph, Report
from app.schema import ALL_TEXT_KEYS, META, PREAMBLE, section_name
from app.textfold import fold
from app.values import (
    DATE_LIKE,
    PERIOD,
    format_date,
    implausible_year,
    parse_date,
    plausible_year,
)

SIGNATURE_TABLE_MAX = 3  # rows, columns and lines of a table that can be a 落款 (organ, date; a blank cell)
_SIGNERS = 3  # organ lines a 落款 may have (a name over two lines, organs signing jointly)
SIGNOFF_TAIL = 20  # paragraphs after the 落款 (an annex's captions and notes) it is still looked for across


class TitleAndSignature:
    """Title and signature reading for the assembler (app/docx/assemble.py _Reader), which
    holds the state these methods share with its section and table reading."""

    report: Report
    blocks: list[Block]
    findings: list[Finding]
    own: bool
    _signature_table: int | None
    _after_signoff: list[ParaBlock]  # paragraphs after the 落款 (an annex's caption): kept in the last section
    _toc: set[int]  # blocks not read (a 目录's entries, a site's lines)
    _title_from = 0  # where the title is looked for: below a site's header, where a page was pasted
    _boxed_signoff = False  # the 成文日期 in a text box: drawn where it is, not where it is anchored
    _titled = False  # a title was found (one without the organ's name is said when the 落款 has none)
    _longer_titles: tuple[str, ...] = ()  # the title with more of the lines above it, each naming an organ and a year
    _signed_lines: tuple[str, ...] = ()  # the 落款's organ lines
    _title_text = ""  # the title as read
    _title_date: ParaBlock | None = None  # a date line right under the title

    def _kind(self, b: ParaBlock, para: Paragraph) -> Paragraph:
        raise NotImplementedError

    def style(self, block: ParaBlock) -> str:
        raise NotImplementedError

    def _heading_of(self, b: ParaBlock) -> str | None:
        raise NotImplementedError

    # -- title ----------------------------------------------------------------------------------
    def _title(self) -> int:
        """Parse the title from the first short paragraphs; returns the first block after it."""
        parts: list[str] = []
        lines: list[ParaBlock] = []
        for b in self.blocks[self._title_from:self._title_from + 4]:
            if not isinstance(b, ParaBlock):
                break
            if not b.text.strip():
                continue
            if len(b.text) > 80 or self._heading_of(b):
                break
            line, rest = _glued(b.text.strip())
            if not rest and _is_sentence(line):  # the 前言's first sentence: the title is not in the text
                break
            parts.append(line)
            lines.append(b)
            if rest and "报告" in "".join(parts[-2:]):  # the 前言's first sentence a converter ran on (C27's class)
                self.report.sections[PREAMBLE].append(Paragraph.plain(rest))
            if "报告" in "".join(parts[-2:]):  # a title wrapped between 报 and 告 (a PDF's lines) too
                # A title over several lines is joined; lines above a title that names the
                # organ itself are a letterhead (红头), not part of it: the title is the fewest
                # last lines that name an organ and a year.
                tails = ["".join(parts[k:]) for k in range(len(parts) - 1, -1, -1)]
                tails = [t for t in tails if "报告" in t]
                shortest = tails[0] if parse_title(tails[0])[0] else tails[-1]
                named = [t for t in tails if all(parse_title(t))]
                title = self._organ_above(named[0] if named else shortest, parts, lines)
                self._longer_titles = tuple(t for t in named if len(t) > len(title))
                self.report.organ, self.report.year = parse_title(title)
                self._title_text = title
                self._titled = True
                self._check_title_year(title)
                self._check_title(title)
                below = next((x for x in self.blocks[b.index + 1:b.index + 4] if not isinstance(x, ParaBlock) or x.text.strip()), None)
                self._title_date = below if isinstance(below, ParaBlock) and is_date_line(below.text.strip()) else None
                return b.index + 1
        self.findings.append(TITLE_NONSTANDARD.at(Location(META),
                                                  "没有找到报告标题（应为“机关名称+年度+年度政府信息公开工作年度报告”）"))
        return 0

    @staticmethod
    def _organ_above(title: str, parts: list[str], lines: list[ParaBlock]) -> str:
        """``title`` with the lines above it that continue its organ: set alike (a 红头 is not),
        no year of their own, not the organ again nor a line no organ is (``_NOT_ORGAN_LINE``)."""
        k = next(k for k in range(len(parts) - 1, -1, -1) if "".join(parts[k:]) == title)
        while k > 0 and set_alike(lines[k - 1], lines[k]):
            upper, (organ, year) = parts[k - 1], parse_title(title)
            if not organ or parse_title(upper)[1] or fold(upper) == fold(organ) or _NOT_ORGAN_LINE.search(upper) \
                    or parse_title(upper + title) != (upper + organ, year):
                break
            k -= 1
            title = upper + title
        return title

    def _check_title_year(self, title: str) -> None:
        """A year no report can be for (a typo: 20233, 9999) is said, and left for the
        period or the 成文日期 to give, never computed with."""
        _, year, written = title_year(title)
        if written and not plausible_year(year):
            self.findings.append(TITLE_NONSTANDARD.at(
                Location(META),
                implausible_year("标题中的年度", written),
            ))

    def _check_title(self, title: str) -> None:
        if self.own or not self.report.organ or not self.report.year:
            return
        standard = self.report.title
        if loose(title) != loose(standard):
            self.findings.append(TITLE_NONSTANDARD.at(
                Location(META),
                f"标题“{title}”不是规范写法，应为“{standard}”",
            ))

    def _trailing(self, current: str) -> None:
        """Paragraphs after the 落款 (an annex's caption) are text of the last section, not lost;
        the author is told they stood after the 成文日期 and where they now are.  A 落款 in a
        text box (WPS users float it to the right) stands where it is drawn, not where it is
        anchored: the paragraphs after its anchor are the section's, nothing said."""
        after = [b for b in self._after_signoff if b.text.strip()]
        if not after:
            return
        first = len(self.report.sections[current])
        for b in after:
            self.report.sections[current] += [self._kind(b, p) for p in b.paragraphs if p.text.strip()]
        if self._boxed_signoff:
            return
        quoted = after[0].text.strip()
        quoted = quoted if len(quoted) <= 30 else quoted[:30] + "…"
        more = f"等{len(after)}段" if len(after) > 1 else ""
        self.findings.append(AFTER_SIGNOFF.at(
            Location(current, span=Span(first, 0, len(self.report.sections[current][first].text))),
            f"成文日期（{format_date(self.report.date) if self.report.date else '落款'}）之后还有文字“{quoted}”{more}；已归入“{section_name(current)}”的末尾，"
            "保存时写在落款之前，请核对",
        ))

    def _year_from_text(self) -> None:
        """A title without a year: the statistical period says it, else the 成文日期."""
        if self.report.year:
            return
        for key in ALL_TEXT_KEYS:
            m = PERIOD.search(self.report.section_text(key))
            if m and plausible_year(int(m.group(1))):
                self.report.year = int(m.group(1))
                break
        else:
            m = None
            if self.report.date is not None and plausible_year(self.report.date.year - 1):
                self.report.year = self.report.date.year - 1
        if self.report.year:
            self.findings.append(TITLE_NONSTANDARD.at(
                Location(META),
                f"标题中没有有效年度，按{'统计期限' if m else '成文日期'}取为{self.report.year}年，请核对",
            ))

    def _signature(self, start: int, end: int) -> int:
        """The 成文日期 and the organ above it, at the end of the first copy; then an organ the
        title names only by its place, the 落款 none, is said unknown, never guessed."""
        titled = self.report.organ
        cut = self._signed(start, end)
        self._dated_under_title()
        if self.report.organ == titled:
            self._wrapped_title()
        place = self.report.organ
        if not self.own and _PLACE_ONLY.fullmatch(place) and not _AN_ORGAN.search(place):
            # the standard title proposed from the place (“宁波市2023年度…”) is no organ's either
            self.findings = [f for f in self.findings if not (f.code == TITLE_NONSTANDARD.code and f"应为“{place}" in f.message)]
            self.findings.append(TITLE_NONSTANDARD.at(Location(META), (
                f"标题中只有地名“{self.report.organ}”，没有写机关名称，落款中也没有找到；机关名称未填，"
                f"请在“基本信息”中填写（如{self.report.organ}人民政府、{self.report.organ}人民政府办公室）")))
            self.report.organ = ""
        elif not self.own and self._titled and not self.report.organ:
            self.findings.append(TITLE_NONSTANDARD.at(Location(META), (
                "标题中没有机关名称，落款中也没有找到；机关名称未填，请在“基本信息”中填写")))
        return cut

    def _dated_under_title(self) -> None:
        """A date line under the title (“（2024年1月20日）”, as reports published on the web print
        it) is the 成文日期 when the 落款 has none, and no text of 前言; the same date as the
        落款's is not read twice; another date stays text for the author to see."""
        line = self._title_date
        if line is None:
            return
        if self.report.date is None:
            self._date_line(line.text.strip())
        elif parse_date(_bare_date(line.text)) != self.report.date:
            return
        self._toc.add(line.index)

    def _wrapped_title(self) -> None:
        """A title whose organ wraps (over 20 characters of 2号: a PDF's lines) names an organ in
        its last line alone too (“员会2023年度…”, “税务分局2023年度…”), which the rule for a 红头
        above a title took: the 落款, which names the organ whole, says which lines are the title's."""
        lines = self._signed_lines
        signed = {fold(x) for x in (*lines, "".join(lines)) if x}
        for title in self._longer_titles:
            organ, year = parse_title(title)
            if fold(organ) in signed and year == self.report.year:
                short = self.report.title
                self.findings = [f for f in self.findings if not (f.code == TITLE_NONSTANDARD.code and short in f.message)]
                self.report.organ = organ
                self._check_title(title)
                return

    def _signed(self, start: int, end: int) -> int:
        shown = [b for b in self.blocks[start:end] if not isinstance(b, ParaBlock) or (b.text.strip() and b.index not in self._toc)]
        if shown and isinstance(shown[-1], TableBlock) and self._table_signature(shown[-1]):
            return shown[-1].index
        paras = [b for b in shown if isinstance(b, ParaBlock)]
        if not paras:
            return end
        if self.own:
            return self._own_signature(paras, end)
        at = self._signoff_date(paras)
        if at is None:
            joined = self._joined_signoff(paras)
            if joined is None:
                return self._undated(paras, end)
            # “某局　2024年1月20日” on one line, an annex's caption or a note after it
            self._after_signoff = paras[joined + 1:]
            return paras[joined].index
        last = paras[at]
        self._date_line(last.text.strip())
        self._after_signoff = paras[at + 1:]
        self._boxed_signoff = next(last.element.iterancestors(TXBX), None) is not None
        cut = last.index
        if at >= 1:
            above = paras[at - 1]
            if self.style(above) == "NBSignature" or self._organ_line(above.text.strip()):
                first = self._signers(paras, at - 1)
                self._sign([b.text.strip() for b in paras[first:at]])
                cut = paras[first].index
        return cut

    def _signers(self, paras: list[ParaBlock], at: int) -> int:
        """Where the 落款's organ lines begin, its last at ``at``: a name set over two lines
        (宁波市北仑区人民政府 / 小港街道办事处), or organs signing jointly, one a line."""
        first = at
        while first > 0 and at - first < _SIGNERS - 1 and self._heading_of(paras[first - 1]) is None \
                and (self._signing_line(paras[first - 1].text.strip())
                     or self._titled_organ([b.text.strip() for b in paras[first - 1:at + 1]])):
            first -= 1
        return first

    def _titled_organ(self, lines: list[str]) -> bool:
        """The lines joined are the organ a title names: a 落款 wrapped past 26 characters
        (“…（某某市机构编制” / “委员会办公室）”), whose first line ends no organ's name."""
        joined = fold("".join(lines))
        return any(joined == fold(parse_title(t)[0]) for t in (self.report.title, *self._longer_titles))

    def _sign(self, lines: list[str]) -> None:
        """The organ from the 落款's lines: one line as ``signed_organ`` takes it; of several,
        the title's organ where they name it (one of them, or all joined), else none is guessed
        (a name over two lines or two organs signing: the title's place said unknown below)."""
        self._signed_lines = tuple(lines)
        if len(lines) == 1:
            self.report.organ = signed_organ(self.report.organ, lines[0])

    def _undated(self, paras: list[ParaBlock], end: int) -> int:
        """A 落款 without its date line (a web copy whose page shows 发布时间 instead): the
        organ's line ending the report is its signature, not text of 六; or the organ and the
        date on one line (“某局　2024年1月20日”)."""
        last = paras[-1]
        if self._heading_of(last) is not None:
            return end
        if self._organ_and_date(last):
            return last.index
        if not self._signing_line(last.text.strip()):
            return end
        first = self._signers(paras, len(paras) - 1)
        self._sign([b.text.strip() for b in paras[first:]])
        return paras[first].index

    def _joined_signoff(self, paras: list[ParaBlock]) -> int | None:
        """Where a 落款 of the organ and the date on one line is, when paragraphs follow it (an
        annex's caption, a note): after the last section heading, at most SIGNOFF_TAIL
        paragraphs before the end, as ``_signoff_date`` looks for a date line.  Read (the organ
        and the date taken) when found."""
        for at in range(len(paras) - 2, max(-1, len(paras) - 2 - SIGNOFF_TAIL), -1):
            if self._heading_of(paras[at]) is not None:
                return None
            if self._organ_and_date(paras[at]):
                return at
        return None

    def _organ_and_date(self, line: ParaBlock) -> bool:
        """Whether ``line`` is the organ and the 成文日期 on one line (“某局　2024年1月20日”); if so,
        both are taken."""
        text = re.sub(r"\s+", " ", line.text.strip())  # (\s: the ideographic space too)
        organ, _, date = text.rpartition(" ")
        joined = _TRAILING_DATE.search(fold(text))
        if not organ and joined:  # a PDF's organ line as wide as the text, its date taken for the rest of it
            organ, date = fold(text)[: joined.start()], joined.group()
        if organ and is_date_line(date) and self._signing_line(organ) and self._date_line(date):
            self._signed_lines = (organ,)
            self.report.organ = signed_organ(self.report.organ, organ)
            return True
        return False

    def _signing_line(self, text: str) -> bool:
        """The organ's line signing a report: its name (the title's, or one ending as organs'
        names do), no list number, no label, no sentence."""
        if not self._organ_line(text) or _LISTED.match(text) or re.search(r"[:：、]", text):
            return False
        return fold(text) == fold(self.report.organ) or _SIGNING_ORGAN.search(text) is not None

    def _signoff_date(self, paras: list[ParaBlock]) -> int | None:
        """Where among ``paras`` the 成文日期 is: the last paragraph; else, where an annex
        follows the 落款 (附表 and its caption), the last date line after the last section
        heading with the organ's line above it, at most SIGNOFF_TAIL paragraphs before the
        end — where a reader sees the report end."""
        if is_date_line(paras[-1].text.strip()):
            return len(paras) - 1
        for at in range(len(paras) - 1, max(0, len(paras) - 1 - SIGNOFF_TAIL), -1):
            if self._heading_of(paras[at]) is not None:
                return None
            if is_date_line(paras[at].text.strip()) and self._organ_line(paras[at - 1].text.strip()):
                return None if self._heading_of(paras[at - 1]) is not None else at
        return None

    @staticmethod
    def _organ_line(text: str) -> bool:
        """A short line without sentence punctuation: the organ's name signing the report."""
        return len(text) <= 40 and not re.search(r"[。；;，,]", text)

    def _table_signature(self, b: TableBlock) -> bool:
        """A 落款 set in a small borderless table to place it on the right (as WPS and Word users
        do): its last line a date, the line above it the organ.  Read as the lines would be;
        the table is then no table of the report."""
        if len(b.rows) > SIGNATURE_TABLE_MAX or any(len(row) > SIGNATURE_TABLE_MAX for row in b.rows):
            return False
        seen: set[int] = set()
        lines: list[str] = []
        for row in b.rows:
            for cell in row:
                if cell.ident not in seen:
                    seen.add(cell.ident)
                    lines += [line.strip() for line in cell.text.splitlines() if line.strip()]
        if not lines or len(lines) > SIGNATURE_TABLE_MAX or not self._date_line(lines[-1]):
            return False
        self._signature_table = b.index
        if len(lines) >= 2 and len(lines[-2]) <= 40 and not re.search(r"[。；;，,]", lines[-2]):
            self._signed_lines = (lines[-2],)
            self.report.organ = signed_organ(self.report.organ, lines[-2])
        return True

    def _date_line(self, text: str) -> bool:
        """Whether ``text`` is the 成文日期 line (``is_date_line``); if so the date is taken and
        its form checked.  A two-digit year (24年1月15日) is one too: taken as 20xx and said to
        be written in full."""
        bare = _bare_date(text)
        if DATE_LIKE.match(bare):
            self.report.date = parse_date(bare)
            self._check_date_form(text)
            return True
        if _MONTH_ONLY.match(bare):  # the 落款 all the same: its lines are no text of 六
            self.report.date = None
            self.findings.append(DATE_INVALID.at(Location(META), (
                f"成文日期“{text}”只写到月，没有日；请在“基本信息”中填写完整的成文日期（年、月、日）")))
            return True
        short = _SHORT_YEAR_DATE.match(bare)
        if short is None:
            return False
        self.report.date = parse_date(f"20{short[1]}年{short[2]}月{short[3]}日")
        self._check_date_form(text)
        return True

    def _check_date_form(self, text: str) -> None:
        """GB/T 9704: Arabic numerals, full year, no leading zeros — 2024年1月15日."""
        date = self.report.date
        if date is None:
            self.findings.append(DATE_INVALID.at(Location(META),
                                                 f"成文日期“{text}”不是有效日期"))
        elif fold(text) != format_date(date):  # full-width digits are Arabic numerals too
            self.findings.append(DATE_FORMAT.at(
                Location(META),
                f"成文日期“{text}”应写作“{format_date(date)}”（阿拉伯数字，不编虚位）",
            ))

    def _own_signature(self, paras: list[ParaBlock], end: int) -> int:
        """Our files mark the signature lines by style, so either may be absent; paragraphs
        added after them in Word (an annex's caption) are no part of them."""
        cut = end
        dated = next((at for at in range(len(paras) - 1, -1, -1)
                      if self.style(paras[at]) in ("NBDate", "NBSignature") or self._heading_of(paras[at]) is not None),
                     None)
        if dated is not None and self._heading_of(paras[dated]) is None:
            self._after_signoff = paras[dated + 1:]
            paras = paras[:dated + 1]
        for b in reversed(paras[-2:]):
            style = self.style(b)
            if style == "NBDate":
                self.report.date = parse_date(b.text)
                self._check_date_form(b.text.strip())  # as written in Word since: 二〇二四年…, 01月
            elif style == "NBSignature":
                self._signed_lines = (b.text.strip(),)
                self._own_organ("".join(p.text for p in b.paragraphs).strip())  # its tabs too
            else:
                break
            cut = b.index
        return cut

    def _own_organ(self, signed: str) -> None:
        """Our 落款 is the organ we wrote, and our title that organ, the year and the words: where
        the title is the 落款 followed by a year and nothing else of an organ, the 落款 is the
        organ (某局2021年政府信息公开工作专班: its own “2021年” is followed by the report's words)."""
        if not self.report.organ or _squeezed(signed) == _squeezed(self.report.organ):
            self.report.organ = signed  # as written: a title is read without its spaces (某局　某局 signing jointly)
            return
        signed = _squeezed(signed)
        if signed == self.report.organ or not self._title_text.startswith(signed):
            return
        rest, year = parse_title(self._title_text[len(signed):])
        if not rest and year:
            self.report.organ, self.report.year = signed, year


def _glued(line: str) -> tuple[str, str]:
    """A title line and the sentence a PDF→Word converter ran on after it in one paragraph
    (“…2023年度政府信息公开工作年度报告本报告根据《条例》编制。”): the title up to its first
    报告, and the rest when it is a sentence of its own; else the line and ""."""
    end = line.find("报告") + 2
    rest = line[end:].strip() if end > 1 else ""
    glued = len(rest) >= _SENTENCE and rest.endswith(("。", "！")) and "年" in line[:end]  # 本报告… is no title
    return (line[:end], rest) if glued else (line, "")


def _is_sentence(line: str) -> bool:
    """A line that ends as a sentence and names no year before its first 报告 (“本报告根据…编制。”):
    a 前言's sentence, never a title (“…2023年度…年度报告” names its year first)."""
    return line.endswith(("。", "！", "；")) and "年" not in line[: max(0, line.find("报告"))]


_SENTENCE = 8  # characters a run-on sentence has at least (a title's own ending is shorter, and no sentence)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# A line above a title that is no part of its organ: a 红头's “…文件”, （此件公开发布）, 附件1, 索引号：…
_NOT_ORGAN_LINE = re.compile(r"文件$|^[（(【\[]|^附件|[:：，。；]")
# A title's organ that is a place and nothing else (宁波市, 北仑区, 某镇): no organ is named.
_PLACE_ONLY = re.compile(r".{1,24}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗|特区|林区|乡|镇)")
_AN_ORGAN = re.compile(r"政府|局|委|办|厅|院|中心|会|所|处|站|队|馆|部|街道|公司|学校")
# How a 落款's organ ends (人民政府, 办事处, 局, 委员会, 办公室…), and a list item's number.
_SIGNING_ORGAN = re.compile(r"(?:政府|办事处|街道|局|委员会|委|办公室|办公厅|厅|办|中心|管委会|院|署|馆|站|所|队|(?<!委员)会)"
                            r"(?:[（(][^（）()]{1,12}[)）])?$")
_LISTED = re.compile(r"[（(]?[一二三四五六七八九十0-9０-９]+[)）、.．]")


def is_date_line(text: str) -> bool:
    """A line that is a date and nothing else (2024年1月15日, 2024.1.15, 24年1月15日), or with a
    label (日期：2024年1月15日), in brackets or with its weekday, or a month only (2024年1月: the
    落款's, wrongly written)."""
    bare = _bare_date(text)
    return bool(DATE_LIKE.match(bare) or _SHORT_YEAR_DATE.match(bare) or _MONTH_ONLY.match(bare))


# A 成文日期 written out (年, 月, 日) at the end of a line, nothing after it.
_TRAILING_DATE = re.compile(r"[0-9〇零○一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$")
# A 落款's date some offices label (成文日期：…, 日期：…), or write to the month only.
_DATE_LABEL = re.compile(r"^(?:成文)?日期[:：]")
# A date as web pages print it under the title, in brackets, or with its weekday after it.
_BRACKETED = re.compile(r"[(【\[]([^()【】\[\]]+)[)】\]]")
_WEEKDAY = re.compile(r"\(?(?:星期|礼拜|周)[一二三四五六日天]\)?$")
_MONTH_ONLY = re.compile(r"^[0-9]{4}年[0-9]{1,2}月$")
_SHORT_YEAR_DATE = re.compile(r"^([0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日$")


def _bare_date(text: str) -> str:
    """A date line as the date a person reads in it: without its label (日期：), the brackets
    around it ((2024年1月20日)) or the weekday after it (2024年1月20日(星期六)); the line's own
    form is checked apart (DATE-FORMAT)."""
    bare = _DATE_LABEL.sub("", fold(text))
    if (inside := _BRACKETED.fullmatch(bare)) is not None:
        bare = inside[1]
    return _WEEKDAY.sub("", bare)
