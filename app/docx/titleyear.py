"""The organ (机关名称) and the year (年度) a report's title names, however it is worded: the
pure rules app/docx/signoff.py reads a title by, and the PDF, web page and copy readers too."""

from __future__ import annotations

import re

from app.numerals import cn_number
from app.values import plausible_year

# A run of digits before 年: taken whole (20233年度 is one typo, not organ “…2” + year 233).
_YEAR_RUN = re.compile(r"(?<![0-9〇零○一二三四五六七八九])([0-9〇零○一二三四五六七八九]+)年度?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LETTER_ZERO = re.compile("(?<=[〇零○一二三四五六七八九])[OoＯｏ]|[OoＯｏ](?=[〇零○一二三四五六七八九])")
_ARABIC_TAIL = re.compile(r"[0-9]{4,}$")
_TITLE_NOTE = re.compile(r"[（(](?:更正版?|修订版?|修正版?|更新|第[一二三]版)[)）]$")


def parse_title(text: str) -> tuple[str, int | None]:
    """机关名称 and 年度 from a title however it is worded: “XX局2023年度政府信息公开工作年度
    报告”, “2023年XX局…”, “XX局关于2023年度…的报告”, “…政务公开工作年度报告（更正版）”.
    A year no report can have (20233, 9999) is None: see title_year."""
    organ, year, _ = title_year(text)
    return organ, year if plausible_year(year) else None


_REPORT_END = re.compile(r"(?:年度)?(?:工作)?(?:年度)?报告$")
_WORK_NAME = re.compile(r"(?:关于)?(?:政府信息公开|政务公开|信息公开)(?:工作)?$")
_WORK = re.compile(r"政府信息公开|政务公开|信息公开")
# “关于印发某局2023年度…报告的通知”: the verb of a covering notice is no part of the organ.
_LEADING_ABOUT = re.compile(r"^关于(?:印发|公布|发布|公开|报送|上报)?")
# An organ that is a people's government (宁波市人民政府, 某县政府) shares its 政府 with the work's
# name when a title contracts it (“宁波市人民政府信息公开工作…”): what stays before it is a place.
_GOVERNMENT_OF = re.compile(r"(?:人民|[省市区县镇乡旗州盟])$")


def signed_organ(titled: str, signed: str) -> str:
    """The organ: the title's, or the 落款's where the title names only its place (“宁波市政务公开
    工作2023年度报告” signed 宁波市人民政府) or none."""
    if not titled or (signed != titled and signed.startswith(titled) and _GOVERNMENT_OF.search(titled)):
        return signed
    return titled


def _organ_before(text: str, work: re.Pattern[str]) -> str:
    """The text before the work's name, the organ's own 政府 kept where the two share it."""
    m = work.search(text)
    if m is None:
        return text
    head = text[: m.start()]
    if m.group().startswith("政府信息公开") and _GOVERNMENT_OF.search(head):  # (“某市关于政府信息公开…”: none shared)
        return head + "政府"
    return head


# What follows the report's year: the work's name or the report's words (“2023年度政府信息公开…”,
# “（2023年度）政务公开…”, “2023年度报告”).
_YEAR_OF_REPORT = re.compile(r"[）)】\]]?(?:的)?(?:政府信息公开|政务公开|信息公开|(?:工作)?(?:年度)?报告)")


def _report_year(folded: str) -> re.Match[str] | None:
    """The year run that is the report's: the one the report's words follow, else the first.
    An organ may hold a year of its own (北京2022年冬奥会和冬残奥会组织委员会, 某县2020年第七次
    全国人口普查领导小组办公室): the first run taken, such an organ read back as “北京”, 2022."""
    runs = list(_YEAR_RUN.finditer(folded))
    return next((m for m in runs if _YEAR_OF_REPORT.match(folded, m.end())), runs[0] if runs else None)


def title_year(text: str) -> tuple[str, int | None, str]:
    """机关名称, the year as a number whatever it is, and the year as written (“” if none)."""
    t = _TITLE_NOTE.sub("", re.sub(r"\s+", "", text))
    # Found on the digits folded to ASCII (“２０２３年度” typed with a full-width IME is the
    # year, not the end of the organ's name); the organ is cut from the title as written.
    folded = _LETTER_ZERO.sub("〇", t.translate(_FULL_WIDTH_DIGITS))  # 二O二三: a letter O typed for 〇
    m = _report_year(folded)
    if m is None:
        return _organ_before(t, _WORK).removesuffix("年度").removesuffix("关于"), None, ""
    start, digits = m.start(), m.group(1)
    tail = _ARABIC_TAIL.search(digits)
    if tail and tail.start() and not digits[: tail.start()].isascii():
        start, digits = start + tail.start(), tail.group()  # 第一2023年度: 一 ends the organ's name
    organ = t[:start].removesuffix("关于").rstrip("（(【[")  # 某局（2023年度）…: the bracket is the year's
    # “某局政府信息公开工作2023年度报告”: the work's name before the year is no part of the organ's;
    # “关于某局2023年度…的公告”: nor the 关于 before it.
    organ = _LEADING_ABOUT.sub("", _organ_before(organ, _WORK_NAME))
    if not organ:  # the year first: the organ follows it (none in “政府信息公开工作2023年度报告”)
        after = t[m.end() :]
        organ = _organ_before(after, _WORK) if _WORK.search(after) else _REPORT_END.sub("", after)
    return organ, cn_number(digits), t[start : start + len(digits)]
