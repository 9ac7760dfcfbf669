"""A saved web page's bold, italic and underline kept as the editor keeps a .docx's runs: by
tag (<strong>/<b>, <em>/<i>, <u>/<ins>), by the style attribute and by the page's own rules
that also set what the reader follows (text-decoration), inherited from an enclosing element
and lifted by font-weight: normal.  They were read as plain
text, and a report saved from the page lost them.  Read through load_report, saved as .docx and
read back."""

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
