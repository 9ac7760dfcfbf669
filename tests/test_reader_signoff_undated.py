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
