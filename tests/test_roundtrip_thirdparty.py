"""Nothing lost across the year's cycle: another agency's report (Word/WPS .docx, web page,
text copy, our own PDF) is read, saved as our .docx and read again next year.  What the first
reading gave — organ, year, date, title, every section's paragraphs in order with their runs,
every statutory cell and the text of cells that were not figures — must come back from the
saved file, and saving that again must write the same package, part for part.

Seeded generated variants of ``tests/thirdparty.py`` files carry the hard content: text outside
the BMP, combining marks, RTL marks, tabs and line breaks inside paragraphs, full-width spaces,
very long paragraphs, empty sections, a several-paragraph 前言, blank cells, figures with
thousands separators, a 成文日期 in Chinese numerals, an organ named with characters no file
name may hold.

Normalisations the first reading makes (stated, not losses, since they happen before the
editor ever holds the text): a line break inside a third-party paragraph starts a new paragraph.
Normalisation of the save: docProps/core.xml's created and modified times are the save's.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import random
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.io import save_report
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import T2_GROUPS, T3_ROW_PATHS, T4_RESULTS, TABLES
from app.values import parse_date
from tests.conftest import DATA, rewrite_docx
from tests.realistic import varied_report
from tests.test_webcopy import _html_table
from tests.thirdparty import HEADINGS, Spec, build

SHARED = Path("/work/shared/samples")
ORGAN = '某市"数据/信息:管理*局?<试点>|'  # every character Windows refuses in a file name
HARD = [
    "𠀀𠀁𪚥：基本多文种平面之外的字，共收到申请12件。",
    "组合符号e\u0301与a\u0308，以及\u200f右至左标记\u200e与希伯来文\u05e9\u05dc\u05d5\u05dd。",
    "段内\t制表符\t分隔的文字。",
    "\u3000\u3000以全角空格开头的段落，中间\u3000也有全角空格。",
    "前有不换行空格\u00a0与零宽连接符\u200d的文字。",
]
CN_DATES = ["二〇二四年一月二十日", "二○二四年元月二十日", "二〇二四年元月二十日", "2024年1月20日", "2024-01-20"]
FIGURES = ["1,234", "12,345", "０", "7", "", "1，000", "96,171", "—", "/", "无", "12.5元", "1 234", "3,456.50", "二"]


@functools.cache
def _realistic_paragraphs() -> tuple[str, ...]:
    r = varied_report(20_000, seed=22, noisy=True)
    return tuple(p.text for paras in r.sections.values() for p in paras if p.text.strip())


def _spec(seed: int) -> Spec:
    rng = random.Random(seed)
    pool = _realistic_paragraphs()
    text: dict[str, list[str]] = {}
    for key in ("一", "五", "六"):
        paras = rng.sample(pool, rng.randint(0, 3)) + rng.sample(HARD, rng.randint(0, 3))
        if rng.random() < 0.3:
            paras.append("很长的段落" * 2000 + "。")  # 10,000 characters in one paragraph
        rng.shuffle(paras)
        text[key] = paras  # [] leaves the section empty
    t2 = {(i, c): rng.choice(FIGURES) for i in range(sum(len(g[2]) for g in T2_GROUPS)) for c in range(3)}
    t3 = {(r, c): rng.choice(FIGURES) for r in range(len(T3_ROW_PATHS)) for c in range(7) if rng.random() < 0.5}
    t4 = {c: rng.choice(FIGURES) for c in range(3 * len(T4_RESULTS))}
    return Spec(
        organ=rng.choice([ORGAN, "某市某区人民政府某某街道办事处", "某县𠀀𠀁镇人民政府"]),
        text=text, t2=t2, t3=t3, t4=t4, date=rng.choice(CN_DATES),
        numbering=rng.choice([None, None, "word", "wps", "style", "outline", "linked"]),
        split_t3_at=rng.choice([None, None, 9, 15]),
        t2_as_four=rng.random() < 0.3, merge_labels=rng.random() < 0.7,
        title_in_textbox=rng.random() < 0.2,
        split_with_stray_merge=rng.random() < 0.2, number_cells=rng.random() < 0.3,
        old_2019_other=rng.choice([None, None, None, "3"]),
        extra_column={k: "备注" for k in "二三四" if rng.random() < 0.15},
        widen_last_cell={k for k in "二三四" if rng.random() < 0.15},
        headings={"五": "五、存在的主要问题及改进情况："} if rng.random() < 0.2 else {},
    )


def view(r: Report) -> dict[str, Any]:
    """What a reader of the report reads, in comparable form."""
    n = r.normalized()
    return {
        "organ": n.organ, "year": n.year, "date": n.date, "title": r.title,
        "sections": {k: [(p.kind, [(x.text, x.bold, x.italic, x.underline) for x in p.runs]) for p in paras]
                     for k, paras in n.sections.items()},
        "tables": n.tables, "raw": dict(r.raw), "pinned": set(r.pinned), "extras": r.extras,
    }


# The save's own time in docProps/core.xml (created and modified: the writer stamps both at
# every save) is the one part of the package a second save may change.
_SAVED_AT = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: _SAVED_AT.sub(rb"\1\2", z.read(name)) for name in z.namelist()}


def round_trip(src: Path, tmp: Path) -> Report:
    """``src`` read, saved, read again (must equal), saved again (must write the same parts)."""
    first = load_report(src)
    save_report(first, tmp / "saved.docx")
    second = load_report(tmp / "saved.docx")
    a, b = view(first), view(second)
    for key in a:
        assert b[key] == a[key], f"{src.name}: {key} changed by save and reopen"
    save_report(second, tmp / "again.docx")
    once, twice = _parts(tmp / "saved.docx"), _parts(tmp / "again.docx")
    assert list(twice) == list(once)
    assert [n for n in once if once[n] != twice[n]] == [], f"{src.name}: a second save wrote other bytes"
    return first


@pytest.mark.parametrize("seed", range(40))
def test_generated_third_party_docx_survives_the_year(seed: int, tmp_path: Path) -> None:
    spec = _spec(seed)
    src = build(spec, tmp_path / "src.docx")
    # A 前言 of several paragraphs, hard ones among them (the builder writes one).
    preface = random.Random(seed).sample(HARD, seed % 4)
    lead = "本报告根据《中华人民共和国政府信息公开条例》编制。</w:t></w:r></w:p>"
    more = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{html.escape(t, quote=False)}</w:t></w:r></w:p>"
                   for t in preface).replace("\t", "</w:t><w:tab/><w:t>")
    src = rewrite_docx(src, tmp_path / "preface.docx", lambda x: x.replace(lead, lead + more, 1))
    first = round_trip(src, tmp_path)
    assert [p.text for p in first.sections["前言"]] == ["本报告根据《中华人民共和国政府信息公开条例》编制。", *preface]
    # The trip is only worth something if the first reading took the hard content in.
    assert first.organ == spec.organ and first.year == 2023 and first.date == dt.date(2024, 1, 20)
    # (A realistic paragraph may open with “一、”/“（一）” and be read as a heading: only the
    # hard lines are looked for.)
    read = [p.text for key in ("一", "五", "六") for p in first.sections[key]]
    for line in (x for key in ("一", "五", "六") for x in spec.text[key] if x in HARD or x.startswith("很长")):
        assert line in read


@pytest.mark.parametrize("src", [*sorted(DATA.glob("*.docx")), *sorted(DATA.glob("*.txt")), *sorted(DATA.glob("*.html")),
                                 *sorted(p for p in SHARED.glob("*") if not p.name.startswith("."))], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_samples_survive_the_year(src: Path, tmp_path: Path) -> None:
    # (The shared folder's hidden files are not samples: an editor that had one open left its lock.)
    if src.name == "format-2021.txt":
        pytest.skip("the statutory format's text, not a report")
    first = round_trip(src, tmp_path)
    assert first.has_figures()


def _web_page(seed: int) -> str:
    rng = random.Random(seed)
    pool = _realistic_paragraphs()
    parts = [f"<html><head><meta charset='utf-8'><title>t</title></head><body><div class='article'>"
             f"<h1>{html.escape(ORGAN)}2023年度政府信息公开工作年度报告</h1>"]
    parts += [f"<p>{html.escape(t)}</p>" for t in rng.sample(pool, 3)]  # a 前言 of three paragraphs
    for key, heading in HEADINGS.items():
        parts.append(f"<p><strong>{heading}</strong></p>")
        if key in TABLES:
            values = {(c.row, c.col): rng.choice(FIGURES) for c in TABLES[key].cells}
            parts.append(_html_table(key, values))
        elif key != "五":  # 五 left empty
            parts += [f"<p>{html.escape(t)}</p>" for t in rng.sample(pool, 2) + rng.sample(HARD, 2)]
    parts.append(f"<p>{html.escape(ORGAN)}</p><p>二〇二四年一月二十日</p></div></body></html>")
    return "".join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_web_page_copy_survives_the_year(seed: int, tmp_path: Path) -> None:
    src = tmp_path / "page.html"
    src.write_text(_web_page(seed), encoding="utf-8")
    first = round_trip(src, tmp_path)
    assert first.organ == ORGAN and first.date == dt.date(2024, 1, 20) and len(first.sections["前言"]) >= 3


@pytest.mark.parametrize("seed", range(4))
def test_text_copy_survives_the_year(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    lines = (DATA / "xiaogang-2021.txt").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("一、总体情况"))
    added = [*rng.sample(HARD, 3), "很长的段落" * 2000 + "。"]
    lines[at + 1:at + 1] = added
    src = tmp_path / "copy.txt"
    src.write_text("\n".join(lines), encoding="utf-8")
    first = round_trip(src, tmp_path)
    # A text copy's leading full-width spaces are its indent (the .docx reader keeps them as typed).
    assert [p.text for p in first.sections["一"][:4]] == [line.lstrip("\u3000") for line in added]


def test_right_to_left_letters_are_read_as_stored(tmp_path: Path) -> None:
    """Hebrew or Arabic without a bidi control shows by the same algorithm in Word and in the
    editor: read in stored order (once read in shown order, every save and reopen reversed it)."""
    lines = ["希伯来文שלום与阿拉伯文سلام。", "标记\u200f之后的עברית。"]
    first = round_trip(build(Spec(text={"一": lines}), tmp_path / "src.docx"), tmp_path)
    assert [p.text for p in first.sections["一"]] == lines


@pytest.mark.parametrize(("written", "date"), [
    ("二○二四年元月二十日", dt.date(2024, 1, 20)), ("2024年元月5日", dt.date(2024, 1, 5)),
    ("二〇二四年一月二十日", dt.date(2024, 1, 20)), ("2024年元5日", None), ("2024年元元月5日", None)])
def test_yuanyue_is_january(written: str, date: dt.date | None) -> None:
    """元月, as official letters write January, is the first month; 元 is no other number."""
    assert parse_date(written) == date


def test_a_pdf_we_exported_survives_the_year(tmp_path: Path) -> None:
    """Last year's report kept only as the PDF we exported (LibreOffice's rendering of our .docx):
    read, saved, read again.  What the PDF keeps of the report — organ, year, date, the 前言's
    paragraphs, every figure — is what the first reading gives; what it loses is said in
    the notes (glyphs outside the font, a tab's width, right-to-left words in drawn order)."""
    from app import office
    from app.pdf import export_pdf_with_libreoffice

    if office.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    report = load_report(DATA / "xiaogang-2021.docx")
    report.organ = ORGAN
    report.sections["前言"] += [Paragraph.plain("前言第二段，1,234件。"), Paragraph.plain("前言第三段。")]
    report.sections["一"][1:1] = [Paragraph.plain("很长的段落" * 400 + "。"), Paragraph.plain("\u3000\u3000全角空格缩进。")]
    report.sections["五"] = []
    export_pdf_with_libreoffice(report, tmp_path / "last.pdf", "test")
    first = round_trip(tmp_path / "last.pdf", tmp_path)
    assert (first.organ, first.year, first.date, first.tables) == (report.organ, report.year, report.date, report.tables)
    assert [p.text for p in first.sections["前言"]] == [p.text for p in report.sections["前言"]]
    assert [p.text for p in first.sections["一"][1:3]] == [p.text for p in report.sections["一"][1:3]]
    assert first.sections["五"] == []


# Word/WPS run formatting as other agencies' files have it: explicit off values (w:val="0",
# "false", u "none"), complex-script-only bold, colour, strike, superscript, caps, a tab run.
_RUNS = ('<w:r><w:rPr><w:b/></w:rPr><w:t>粗体</w:t></w:r>'
         '<w:r><w:rPr><w:b w:val="0"/><w:i/><w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve"> 斜体 </w:t></w:r>'
         '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>下划线𠀀</w:t></w:r>'
         '<w:r><w:rPr><w:u w:val="none"/><w:b w:val="false"/></w:rPr><w:tab/><w:t>制表</w:t></w:r>'
         '<w:r><w:rPr><w:bCs/><w:iCs/></w:rPr><w:t>复杂脚本</w:t></w:r>'
         '<w:r><w:rPr><w:u w:val="double"/><w:strike/></w:rPr><w:t>双下划线删除</w:t></w:r>'
         '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>上标2</w:t></w:r>'
         '<w:r><w:rPr><w:b/><w:i/><w:u w:val="thick"/></w:rPr><w:t>全</w:t></w:r>')


def test_run_formatting_of_a_third_party_paragraph_survives(tmp_path: Path) -> None:
    src = build(Spec(text={"一": ["占位段落。"]}), tmp_path / "s.docx")
    src = rewrite_docx(src, tmp_path / "runs.docx", lambda x: x.replace("<w:r><w:t>占位段落。</w:t></w:r>", _RUNS, 1))
    first = round_trip(src, tmp_path)
    assert [(r.text, r.bold, r.italic, r.underline) for r in first.sections["一"][0].normalized().runs] == [
        ("粗体", True, False, False), (" 斜体 ", False, True, False), ("下划线𠀀", False, False, True),
        ("\t制表复杂脚本", False, False, False), ("双下划线删除", False, False, True), ("上标2", False, False, False),
        ("全", True, True, True)]


@pytest.mark.parametrize("title", ["2023年度某局政府信息公开工作年度报告（修订版）", "某局关于2023年度政府信息公开工作的报告"])
def test_a_nonstandard_title_is_said_then_written_standard(title: str, tmp_path: Path) -> None:
    """A stated normalisation: the title is the organ's and the year's in the statutory form; a
    file's own wording of it is named in a TITLE-NONSTANDARD finding when read, not kept."""
    first = round_trip(build(Spec(organ="某局", title=title), tmp_path / "t.docx"), tmp_path)
    assert "TITLE-NONSTANDARD" in [f.code for f in first.import_findings]
    assert load_report(tmp_path / "saved.docx").title == first.title == "某局2023年度政府信息公开工作年度报告"


@pytest.mark.parametrize(("ctl", "read"), [
    ("\x0c", ["控制字符段落。"]), ("\x01", ["控制字符段落。"]), ("\x1b", ["控制字符段落。"]), ("\ufffe", ["控制字符段落。"]),
    ("\x0b", ["控制", "字符段落。"]), ("\r\n（二）小标题\n", ["控制", "（二）小标题", "字符段落。"]),
    ("\x0b\u3000 \x0b", ["控制", "字符段落。"])])
def test_a_copy_with_control_characters_is_read_as_it_saves(ctl: str, read: list[str], tmp_path: Path) -> None:
    """A stray control character in a text or web copy (a form feed from a PDF's text, Word's
    Shift+Enter pasted as a vertical tab) was read into the paragraph, then dropped or made a
    line break by the save: the reopened report differed.  They are read as the save keeps them:
    what XML cannot hold dropped, a line break a new paragraph."""
    lines = (DATA / "xiaogang-2021.txt").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("一、总体情况"))
    lines.insert(at + 1, f"控制{ctl}字符段落。")
    (tmp_path / "copy.txt").write_text("\n".join(lines), encoding="utf-8")
    page = _web_page(1).replace("<p><strong>五、", f"<p>控制{html.escape(ctl)}字符段落。</p><p><strong>五、", 1)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    for name, key in (("copy.txt", "一"), ("page.html", "四")):
        first = round_trip(tmp_path / name, tmp_path)
        got = [p.text for p in first.sections[key]]
        assert (got[:len(read)] if name == "copy.txt" else got[-len(read):]) == read, name


@pytest.mark.parametrize(("ctl", "raw"), [("\x0c", "125元"), ("\x0b", "12\n5元"), ("\r\n", "12\n5元")])
def test_organ_and_cell_text_with_control_characters_read_as_saved(ctl: str, raw: str, tmp_path: Path) -> None:
    """The same for the organ and a cell's text that is not a figure: read as the save keeps it."""
    page = _web_page(2).replace(html.escape(ORGAN), "某\x1b局").replace("<td><p>12.5元</p></td>", f"<td><p>12{ctl}5元</p></td>", 1)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    first = round_trip(tmp_path / "page.html", tmp_path)
    assert first.organ == "某局" and raw in first.raw.values()


def test_the_editors_own_data_survives_the_year(tmp_path: Path) -> None:
    """What the editor keeps inside the file (dismissals with their reasons, last year's figures)
    written with hard text comes back as written, and a second save writes the same package."""
    report = load_report(DATA / "xiaogang-2021.docx")
    report.extras = {"dismissed": {"DUP-PARAGRAPH@一": "理由𠀀\u200fעברית\t制表\u3000全角 \"引号\" <尖括号> & 1,234"},
                     "lastyear": {"organ": ORGAN, "figures": [1, 2.5, None]}}
    save_report(report, tmp_path / "ours.docx")
    first = round_trip(tmp_path / "ours.docx", tmp_path)
    assert first.extras == report.extras
