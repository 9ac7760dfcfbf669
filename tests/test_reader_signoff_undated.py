"""The 落款 without its date line (web copies whose page shows 发布时间 instead), or with the
organ and the date on one line, in every input kind: the organ's line is the signature, not
the last paragraph of 六 (it was read into 六 and saved there).  A title naming only a place
(“宁波市政务公开工作2023年度报告”) with no organ in a 落款 leaves the organ unknown and says
so, never a place read as the organ."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.reading import load_report
from tests.test_text_copy_delimited import _copy
from tests.test_web_cms import ORGAN, _article, _page
from tests.thirdparty import Spec, build

SIX = ["（一）收取信息处理费情况：本年度未收取信息处理费", "（二）政府门户网站访问量：125万人次",
       "（三）人大代表建议和政协提案办理情况：办理人大代表建议5件、政协提案3件"]


def _text_copy(tmp_path: Path, tail: list[str], six: list[str] = SIX) -> Path:
    lines = _copy("sheet").rstrip("\n").split("\n")
    at = lines.index("六、其他需要报告的事项")
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines[:at + 1] + six + tail) + "\n", encoding="utf-8")
    return path


def _web_page(tmp_path: Path, layout: str, tail: str) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(_page(_article().replace(f'<p align="right">{ORGAN}</p><p align="right">2022年1月12日</p>', tail), layout))
    return path


@pytest.mark.parametrize("kind", ["text", "html bare", "html whole page", "docx"])
def test_the_organs_line_without_a_date_is_the_signature(tmp_path: Path, kind: str) -> None:
    if kind == "text":
        path = _text_copy(tmp_path, [ORGAN])
    elif kind == "docx":
        path = build(Spec(organ=ORGAN, date="", text={"六": SIX}), tmp_path / "r.docx")
    else:
        path = _web_page(tmp_path, kind.split(" ", 1)[1], f'<p align="right">{ORGAN}</p>')
    r = load_report(path)
    six = r.section_text("六")
    assert ORGAN not in six and six.endswith("政协提案3件" if kind in ("text", "docx") else "未收取信息处理费。"), six
    assert r.organ == ORGAN and r.date is None


@pytest.mark.parametrize("gap", [" ", "\u3000\u3000", "    "])
def test_the_organ_and_date_on_one_line(tmp_path: Path, gap: str) -> None:
    for path in (_text_copy(tmp_path, [f"{ORGAN}{gap}2022年1月12日"]),
                 _web_page(tmp_path, "bare", f'<p align="right">{ORGAN}{gap}2022年1月12日</p>')):
        r = load_report(path)
        assert r.section_text("六").endswith(("政协提案3件", "未收取信息处理费。")) and r.organ == ORGAN
        assert r.date == dt.date(2022, 1, 12)


@pytest.mark.parametrize("after", [["附件：2023年度政府信息公开统计表"], ["（联系电话：0551-12345678）", "附件：统计表"]])
def test_the_organ_and_date_on_one_line_with_paragraphs_after_it(tmp_path: Path, after: list[str]) -> None:
    """The one-line 落款 was looked for in the last paragraph only: with an annex's caption
    after it, the date was lost and the 落款 read as text of 六."""
    import docx

    word = build(Spec(organ=ORGAN, date="", text={"六": SIX}), tmp_path / "r.docx")
    doc = docx.Document(str(word))
    doc.paragraphs[-2].text = f"{ORGAN}\u3000\u30002022年1月12日"  # the organ's line; the date's is empty
    for a in after:
        doc.add_paragraph(a)
    doc.save(str(word))
    for path in (_text_copy(tmp_path, [f"{ORGAN}\u3000\u30002022年1月12日", *after]),
                 _web_page(tmp_path, "bare", f'<p align="right">{ORGAN}\u3000\u30002022年1月12日</p>'
                                            + "".join(f"<p>{a}</p>" for a in after)), word):
        r = load_report(path)
        six = r.section_text("六")
        assert r.organ == ORGAN and r.date == dt.date(2022, 1, 12), path
        assert ORGAN not in six and six.endswith(after[-1]), six
        said = [f.message for f in r.import_findings if f.code == "TEXT-AFTER-SIGNOFF"]
        assert len(said) == 1 and after[0][:10] in said[0], said


@pytest.mark.parametrize("last", ["本年度未收取信息处理费", "（四）其他事项", "联系单位：区政府办公室", "无"])
def test_a_last_line_of_the_text_stays_the_texts(tmp_path: Path, last: str) -> None:
    r = load_report(_text_copy(tmp_path, [], [*SIX, last]))
    assert r.section_text("六").endswith(last)
    assert r.organ == ORGAN


@pytest.mark.parametrize("title", ["宁波市政务公开工作2023年度报告", "宁波市2023年政府信息公开工作年度报告",
                                   "北仑区政务公开2023年度报告", "某镇2023年度政府信息公开工作年度报告"])
def test_a_title_naming_only_a_place_and_no_signature_leaves_the_organ_unknown(tmp_path: Path, title: str) -> None:
    """The place was read as the organ (“宁波市”) and the standard title proposed from it."""
    src = build(Spec(organ="", title=title, date="2024年1月20日"), tmp_path / "t.docx")
    r = load_report(src)
    assert (r.organ, r.year, r.date) == ("", 2023, dt.date(2024, 1, 20))
    said = [f.message for f in r.import_findings if f.code == "TITLE-NONSTANDARD"]
    assert len(said) == 1 and said[0].startswith("标题中只有地名") and "请在“基本信息”中填写" in said[0], said


@pytest.mark.parametrize(("title", "organ"), [("宁波市政务公开工作2023年度报告", "宁波市人民政府办公厅"),
                                              ("某镇2023年度政府信息公开工作年度报告", "某镇人民政府")])
def test_a_place_title_signed_by_an_organ_of_it_takes_the_signed_organ(tmp_path: Path, title: str, organ: str) -> None:
    for date in ("2024年1月20日", ""):  # with its date, and without
        r = load_report(build(Spec(organ=organ, title=title, date=date), tmp_path / f"t{len(date)}.docx"))
        assert r.organ == organ and organ not in r.section_text("六")
        assert not [f for f in r.import_findings if "只有地名" in f.message]


@pytest.mark.parametrize("tail", [["宁波市北仑区人民政府", "小港街道办事处", "2022年1月12日"], ["宁波市北仑区人民政府", "小港街道办事处"],
                                  [ORGAN, "宁波市北仑区司法局", "2022年1月12日"], [f"{ORGAN}（盖章）", "2022年1月12日"]],
                         ids=["name-over-two-lines", "name-over-two-lines-undated", "joint", "stamp-note"])
def test_a_signature_over_several_lines_is_the_signature(tmp_path: Path, tail: list[str]) -> None:
    """The organ's name set over two lines, or two organs signing jointly: the upper line was
    read into 六 as its last paragraph."""
    r = load_report(_text_copy(tmp_path, tail))
    assert r.section_text("六").endswith("政协提案3件"), r.section_text("六")
    assert r.organ == ORGAN


def test_a_place_title_signed_over_two_lines_leaves_the_organ_unknown(tmp_path: Path) -> None:
    path = build(Spec(organ="宁波市北仑区人民政府", title="宁波市北仑区政务公开2023年度报告", date="小港街道办事处"), tmp_path / "t.docx")
    r = load_report(path)
    assert r.organ == "" and "小港街道办事处" not in r.section_text("六")
    assert [f.message[:6] for f in r.import_findings if f.code == "TITLE-NONSTANDARD"] == ["标题中只有地"]


def _boxed_signoff(xml: str, anchor: str, organ: str) -> str:
    """The 落款 (organ, date) in a WPS/Word text box anchored to the paragraph ``anchor`` (drawn
    at the page's foot, on the right), its paragraphs at the end of the body taken out."""
    from xml.sax.saxutils import escape

    from tests.thirdparty import _NS
    xml = xml.replace(f"<w:p><w:r><w:t>{organ}</w:t></w:r></w:p>", "", 1)
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items() if f"xmlns:{k}=" not in xml[:3000])
    xml = xml.replace("<w:document ", f"<w:document {ns} ", 1)
    content = "<w:txbxContent>" + "".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in (organ, "2024年1月20日")) + "</w:txbxContent>"
    run = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" '
           f'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
           f'<wp:extent cx="2400000" cy="900000"/><wp:docPr id="9" name="文本框 9"/><a:graphic><a:graphicData '
           f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
           f'<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><v:shape id="文本框 9"><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
           f'</mc:AlternateContent></w:r>')
    at = xml.index(f"<w:t>{anchor}</w:t></w:r>") + len(f"<w:t>{anchor}</w:t></w:r>")
    return xml[:at] + run + xml[at:]


@pytest.mark.parametrize("anchor", ["本年度未收取信息处理费。", "无其他需要报告的事项。"])
def test_a_signature_in_a_text_box_anchored_in_the_text_says_nothing_after_it(tmp_path: Path, anchor: str) -> None:
    """A 落款 floated in a text box is drawn where it is placed (the page's foot), not where its
    anchor stands: the paragraphs after the anchor were said to stand after the 成文日期."""
    from tests.conftest import rewrite_docx
    organ = "某市某区人民政府某某街道办事处"
    six = ["本年度未收取信息处理费。", "无其他需要报告的事项。"]
    src = build(Spec(organ=organ, date="", text={"六": six}), tmp_path / "src.docx")
    r = load_report(rewrite_docx(src, tmp_path / "boxed.docx", lambda xml: _boxed_signoff(xml, anchor, organ)))
    assert r.section_text("六") == "\n".join(six)
    assert (r.organ, r.date) == (organ, dt.date(2024, 1, 20))
    assert not r.import_findings, [f.message for f in r.import_findings]


@pytest.mark.parametrize("title", ["2023年度政府信息公开工作年度报告", "政府信息公开工作2023年度报告"])
def test_a_title_without_an_organ_and_no_signature_says_so(tmp_path: Path, title: str) -> None:
    """The organ was left empty without a word; signed, the 落款's organ is taken, nothing said."""
    r = load_report(build(Spec(organ="", title=title, date="2024年1月20日"), tmp_path / "t.docx"))
    assert r.organ == "" and r.year == 2023
    assert [f.message for f in r.import_findings if f.code == "TITLE-NONSTANDARD"] == ["标题中没有机关名称，落款中也没有找到；机关名称未填，请在“基本信息”中填写"]
    signed = load_report(build(Spec(organ="某县民政局", title=title), tmp_path / "s.docx"))
    assert signed.organ == "某县民政局" and not [f for f in signed.import_findings if "机关名称未填" in f.message]
