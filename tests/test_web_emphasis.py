"""A saved web page's bold, italic and underline kept as the editor keeps a .docx's runs: by
tag (<strong>/<b>, <em>/<i>, <u>/<ins>), by the style attribute and by the page's own rules (a
class's, an id's, a descendant selector's; font-weight, font-style, the font shorthand,
text-decoration), inherited from an enclosing element and lifted by font-weight: normal.  They
were read as plain text, and a report saved from the page lost them; a rule setting only
font-weight or font-style was not followed (a sheet's .b{font-weight:bold} lost).  Read through
load_report, saved as .docx and read back."""

from __future__ import annotations

from pathlib import Path

from app.io import save_report
from app.reading import load_report
from app.report import Report, Run
from tests.test_web_cms import TEXT, _article, _page

ONE, FIVE = TEXT["一"][1], TEXT["五"][0]
_STYLE = "<style>.note{font-style:italic;text-decoration:underline}</style>"


def _runs(r: Report, key: str, i: int) -> list[tuple[str, bool, bool, bool]]:
    return [(run.text, run.bold, run.italic, run.underline) for run in r.sections[key][i].normalized().runs]


def _page_with(tmp_path: Path, layout: str) -> Path:
    article = _article().replace(
        ONE, '全年<strong>主动公开</strong>政府信息<em>3500</em>条，<u>其中</u>通过<span style="font-weight: bolder">门户网站</span>'
             '<b>公开<span style="font-weight:normal">2100</span></b><i>条</i>。', 1)
    article = article.replace(
        FIVE, '<span style="font-weight:700">一是</span>政府信息公开工作<ins>规范化</ins>有待进一步加强；'
              '<span class="note">二是</span>信息公开内容与公众需求存在一定差距。', 1)
    article = article.replace("本机关2021年度未收取信息处理费。", '<div style="font-weight:bold">本机关2021年度未收取信息处理费。</div>', 1)
    path = tmp_path / f"{layout.replace(' ', '-')}.html"
    path.write_bytes(_page(_STYLE + article, layout))
    return path


WANT_ONE = [("全年", False, False, False), ("主动公开", True, False, False), ("政府信息", False, False, False),
            ("3500", False, True, False), ("条，", False, False, False), ("其中", False, False, True),
            ("通过", False, False, False), ("门户网站公开", True, False, False), ("2100", False, False, False),
            ("条", False, True, False), ("。", False, False, False)]
WANT_FIVE = [("一是", True, False, False), ("政府信息公开工作", False, False, False), ("规范化", False, False, True),
             ("有待进一步加强；", False, False, False), ("二是", False, True, True), ("信息公开内容与公众需求存在一定差距。", False, False, False)]


def test_a_web_pages_emphasis_is_kept_and_saved(tmp_path: Path) -> None:
    for layout in ("bare", "whole page", "menu beside"):
        r = load_report(_page_with(tmp_path, layout))
        assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}, layout
        assert _runs(r, "一", 1) == WANT_ONE and _runs(r, "五", 0) == WANT_FIVE, layout
        assert _runs(r, "六", 0) == [("本机关2021年度未收取信息处理费。", True, False, False)]
        assert _runs(r, "一", 0) == [(TEXT["一"][0], False, False, False)]
        assert not r.import_findings
        save_report(r, tmp_path / "saved.docx")
        again = load_report(tmp_path / "saved.docx")
        assert _runs(again, "一", 1) == WANT_ONE and _runs(again, "五", 0) == WANT_FIVE


def test_a_plain_page_reads_plain_runs(tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_bytes(_page(_article(), "bare"))
    r = load_report(path)
    assert all(run == Run(run.text) for paras in r.sections.values() for p in paras for run in p.runs)


# Set only by the page's rules: a class, an id, a descendant selector, the font shorthand.
_RULES = ("<style>.b{font-weight:bold} #lead{font-style:italic} .u{text-decoration:underline}"
          " .TRS_Editor .Custom_UnionStyle p span.k{font-weight:700} .f{font:italic bold 16px/1.5 宋体}"
          " .light{font-weight:300} .heavy{font-weight:900} .less{font-weight:lighter}</style>")
RULED_ONE = [("全年", False, False, False), ("主动公开", True, False, False), ("政府信息", False, False, False),
             ("3500", False, True, False), ("条，", False, False, False), ("其中", False, False, True),
             ("通过", False, False, False), ("门户网站", True, False, False), ("公开", True, True, False),
             ("2100条。", False, False, False)]


def test_emphasis_set_only_by_the_pages_rules_is_kept(tmp_path: Path) -> None:
    article = _article().replace(
        ONE, '全年<span class="b">主动公开</span>政府信息<span id="lead">3500</span>条，<span class="u">其中</span>'
             '通过<span class="k">门户网站</span><span class="f">公开</span>2100条。', 1)
    # bolder and lighter are relative to the weight around them: light text's <b> is 400, a
    # 900's lighter 700
    article = article.replace(
        FIVE, '<span class="light"><b>一是</b></span><span class="heavy">政府信息<span class="less">公开</span></span>'
              '工作规范化有待进一步加强；二是信息公开内容与公众需求存在一定差距。', 1)
    for layout in ("bare", "whole page"):
        path = tmp_path / f"{layout.replace(' ', '-')}.html"
        path.write_bytes(_page(_RULES + article, layout))
        r = load_report(path)
        assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}, layout
        assert _runs(r, "一", 1) == RULED_ONE, layout
        assert _runs(r, "五", 0)[:2] == [("一是", False, False, False), ("政府信息公开", True, False, False)], layout
        assert not r.import_findings
        save_report(r, tmp_path / "saved.docx")
        assert _runs(load_report(tmp_path / "saved.docx"), "一", 1) == RULED_ONE


def test_what_the_pages_rules_take_away_or_cannot_say_is_plain(tmp_path: Path) -> None:
    """A reset sheet's b{font-weight:normal}, em{font-style:normal} and font:inherit are followed (the
    browser shows the text plain); a later font shorthand resets the weight set before it; a rule
    whose selector the reader cannot match (:lang()) sets nothing, never guessed."""
    sheet = ("<style>b{font-weight:normal} em,i{font-style:normal} strong{font:inherit} .x{font-weight:bold}"
             " .x{font:16px 宋体} p:lang(zh) .y{font-weight:bold} .n{font-weight:bold}</style>")
    article = _article().replace(
        ONE, '全年<b>主动公开</b>政府信息<em>3500</em>条，<strong class="q">其中</strong>通过<span class="x">门户网站</span>'
             '<span class="y">公开</span><u style="text-decoration:none">2100</u><span class="n" style="font-weight:normal">条</span>。', 1)
    path = tmp_path / "reset.html"
    path.write_bytes(_page(sheet + article, "bare"))
    r = load_report(path)
    assert r.section_text("一") == "\n".join(TEXT["一"])
    assert _runs(r, "一", 1) == [(TEXT["一"][1], False, False, False)]


def test_the_font_shorthand_sets_weight_and_style_only_where_a_browser_takes_it() -> None:
    from app.websheets import declarations, font_longhands

    assert font_longhands("oblique 10deg 600 condensed 1.2em/2 宋体") == {"font-weight": "600", "font-style": "oblique"}
    assert font_longhands("14px/1.5 宋体") == {"font-weight": "normal", "font-style": "normal"}
    assert font_longhands("inherit") == {"font-weight": "inherit", "font-style": "inherit"}
    # no family, a weight given twice, a system font, a var(): the element's weight is not guessed
    for value in ("bold 12px", "bold 700 12px a", "caption", "var(--f)", "bold"):
        assert font_longhands(value) == {}, value
    assert declarations("font-weight:bold;font:16px a")["font-weight"] == ("normal", False)
    assert declarations("font:16px a;font-weight:bold")["font-weight"] == ("bold", False)
    assert declarations("font-weight:bold!important;font:16px a")["font-weight"] == ("bold", True)
