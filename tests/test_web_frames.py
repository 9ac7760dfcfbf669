"""A saved page whose report is in a frame (a CMS article in an <iframe>, an old site's
<frameset>): refused as no report (“没有找到统计表格”, or “没有任何内容” for a frameset) though
the browser saved the frame's page beside it (rev25a C16).  Now that page is read; when it was
not saved, the message names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ReadError
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_webcopy import page

_TITLE = "<title>某县人民政府办公室2023年度政府信息公开工作年度报告</title>"
OUTER = {
    "iframe": f'<html><head><meta charset="utf-8">{_TITLE}</head><body><div>首页 &gt; 政府信息公开 &gt; 年报</div>'
              '<iframe src="{src}" width="100%" height="3000"></iframe><div>主办单位：某县人民政府办公室</div></body></html>',
    "frameset": '<html><head><meta charset="utf-8"></head><frameset rows="80,*"><frame src="page_files/top.html">'
                "<frame src='{src}'></frameset></html>",
}


def _saved(tmp_path: Path, kind: str, src: str = "page_files/%E5%B9%B4%E6%8A%A5.html", save: bool = True) -> Path:
    folder = tmp_path / "page_files"
    folder.mkdir()
    (folder / "top.html").write_text("<html><body>某县人民政府门户网站</body></html>", encoding="utf-8")
    if save:
        (folder / "年报.html").write_text(page({(T3_NEW, T3_COL_NATURAL): "10"}), encoding="utf-8")
    path = tmp_path / "年报页面.html"
    path.write_text(OUTER[kind].replace("{src}", src), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", OUTER)
def test_the_report_in_a_saved_frame_is_read(tmp_path: Path, kind: str) -> None:
    r = load_report(_saved(tmp_path, kind))
    assert r.organ == "某县人民政府办公室" and r.year == 2023
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 10


@pytest.mark.parametrize("kind", OUTER)
@pytest.mark.parametrize("src", ["page_files/%E5%B9%B4%E6%8A%A5.html", "https://www.example.gov.cn/art/2024/1/20/art_1.html"])
def test_a_frame_not_saved_is_named(tmp_path: Path, kind: str, src: str) -> None:
    with pytest.raises(ReadError) as caught:
        load_report(_saved(tmp_path, kind, src, save=False))
    message = str(caught.value)
    assert "框架" in message and src in message and "另存为 .html" in message, message


def test_pages_that_frame_each_other_end(tmp_path: Path) -> None:
    """a.html frames b.html, which frames a.html: read no deeper than two frames, then refused."""
    (tmp_path / "a.html").write_text('<html><body><p>首页</p><iframe src="b.html"></iframe></body></html>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<html><body><p>栏目</p><iframe src="a.html"></iframe></body></html>', encoding="utf-8")
    with pytest.raises(ReadError, match="没有找到统计表格"):
        load_report(tmp_path / "a.html")


def test_a_page_of_unclosed_frame_tags_is_refused_promptly(tmp_path: Path) -> None:
    """A page with no report whose frames are looked for: 20,000 “<iframe ” with no “>” after
    them made the frame pattern read to the end from each (117 s; host31).  Now one message, promptly."""
    from tests.hostile import run_one

    path = tmp_path / "框架.html"
    path.write_text("<html><body><p>会议通知</p>" + "<iframe title=x " * 20_000, "utf-8")
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused", outcome
