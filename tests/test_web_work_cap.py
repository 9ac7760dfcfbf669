"""A sheet of thousands of rules of today's selectors (:is(), :not(), :has(), “of S”) costs
more to read and match than as many plain rules: such a selector is weighed in the reader's
work cap as what it costs (app/webselect.py LOGICAL_PARSE_WORK, LOGICAL_MATCH_WORK), so the
page is read within the time a plain sheet takes (benchmarks/bench_web_logical.py: 5,000
such rules took 14 s in process under load 6, now 1.7 s).  The rules past the cap are not
followed — and that is said (HIDDEN-TEXT, UNFOLLOWED): what they hide is read (hostile16;
it was silent)."""

from __future__ import annotations

from pathlib import Path

from app.reading import load_report
from app.webcss import UNFOLLOWED
from tests.test_webcopy import T3_COL_BUSINESS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, page

_LOGICAL = "".join(f":is(div, p, td):not(.x{i}):has(> span) :where(span, b, i) {{ color: #{i % 10}{i % 10}{i % 10} }}\n"
                   for i in range(5000))
_PLAIN = "".join(f"div.w{i} span {{ color: #{i % 10}{i % 10}{i % 10} }}\n" for i in range(300))


def _read(tmp_path: Path, css: str) -> tuple[object, list[str]]:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL", (T3_NEW, T3_COL_BUSINESS): "12", (T3_NEW, T3_COL_TOTAL): "49"})
    html = html.replace("<p>CELL</p>", '<span class="h">1</span>37').replace("<head>", f"<head><style>{css}</style>")
    path = tmp_path / "cell.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]


def test_rules_past_the_cap_are_not_followed_and_that_is_said(tmp_path: Path) -> None:
    value, hidden = _read(tmp_path, _LOGICAL + ".h{display:none}")
    assert value == 137  # the last rule is past the cap: what a browser hides is read …
    assert UNFOLLOWED in hidden  # … and said, with what to do


def test_rules_before_the_cap_are_followed_and_nothing_more_is_said(tmp_path: Path) -> None:
    value, hidden = _read(tmp_path, ".h{display:none}\n" + "".join(_LOGICAL.splitlines(keepends=True)[:10]))
    assert value == 37 and UNFOLLOWED not in hidden and len(hidden) == 1


def test_a_cms_sheet_of_plain_rules_is_followed_whole(tmp_path: Path) -> None:
    value, hidden = _read(tmp_path, _PLAIN + "span:not(.k):is(.h){display:none}")
    assert value == 37 and UNFOLLOWED not in hidden
