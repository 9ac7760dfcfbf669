"""docProps/core.xml across saves: a save keeps the created time, the author and the 摘要 texts of
the file it read, and stamps the modified time and the last saver; a new report's created time
is its first save's and stays (every save stamped created anew: a report made in January showed
the day of its last typo fix as 创建时间)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
import pytest

from app.docx import writer
from app.docx.properties import read_properties, w3cdtf
from app.docx.writer import write_docx
from app.io import save_report
from app.nextyear import next_year
from app.reading import load_report
from app.report import Paragraph, Report
from tests.conftest import SAMPLE

ORGAN = "某县财政局"
T1 = dt.datetime(2024, 1, 10, 8, 0, 0)
T2 = dt.datetime(2024, 1, 20, 9, 30, 0)
T3 = dt.datetime(2024, 2, 1, 16, 45, 0)


def _clock(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    monkeypatch.setattr(writer, "_now", lambda: when)


def _report() -> Report:
    report = Report(organ=ORGAN, year=2023, date=dt.date(2024, 1, 12))
    report.sections["一"] = [Paragraph.plain("本年度主动公开信息。")]
    return report


def _core(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("docProps/core.xml").decode("utf-8")
    return {m[1]: m[2] for m in re.finditer(r"<(?:\w+):(\w+)\b[^>/]*>([^<]*)</", xml)}


def _third_party(path: Path, core: str, rel_type: str | None = None) -> Path:
    """The sample with ``core`` as its core.xml (and its relationship of ``rel_type``)."""
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = core.encode("utf-8")
            elif item.filename == "_rels/.rels" and rel_type is not None:
                data = data.replace(b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                                    rel_type.encode())
            out.writestr(item, data)
    return path


WORD_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>旧标题</dc:title><dc:subject>政务公开</dc:subject><dc:creator>张三</dc:creator>"
    "<cp:keywords>年报;2023</cp:keywords><dc:description>第二稿</dc:description>"
    "<cp:lastModifiedBy>李四</cp:lastModifiedBy><cp:revision>7</cp:revision>"
    "<cp:lastPrinted>2024-01-05T02:00:00Z</cp:lastPrinted><cp:category>公开</cp:category>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-08T03:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)


@pytest.mark.parametrize(("created", "utc"), [
    ("2023-12-28T01:02:03Z", "2023-12-28T01:02:03Z"),
    ("2023-12-28T09:02:03+08:00", "2023-12-28T01:02:03Z"),  # WPS writes local time with its offset
    ("2023-12-28T01:02:03.123Z", "2023-12-28T01:02:03Z"),
    ("2023-12-28", "2023-12-28T00:00:00Z"),
])
def test_a_word_files_created_time_author_and_summary_are_kept(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, created: str, utc: str) -> None:
    src = _third_party(tmp_path / "word.docx", WORD_CORE.format(created=created))
    report = load_report(src)
    _clock(monkeypatch, T2)
    save_report(report, tmp_path / "saved.docx")
    core = _core(tmp_path / "saved.docx")
    assert core["created"] == utc
    assert core["modified"] == "2024-01-20T09:30:00Z"
    assert core["creator"] == "张三", "the author is who made the document"
    assert core["lastModifiedBy"] == report.organ, "the last saver: the organ editing it"
    assert core["title"] == report.title
    assert core["revision"] == "7"
    assert (core["subject"], core["keywords"], core["description"], core["category"]) == ("政务公开", "年报;2023", "第二稿", "公开")
    assert core["lastPrinted"] == "2024-01-05T02:00:00Z"
    # and saved again from the saved file, later: still the first created time
    _clock(monkeypatch, T3)
    save_report(load_report(tmp_path / "saved.docx"), tmp_path / "again.docx")
    again = _core(tmp_path / "again.docx")
    assert (again["created"], again["modified"], again["creator"]) == (utc, "2024-02-01T16:45:00Z", "张三")


def test_the_older_relationship_name_for_core_properties_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Some writers relate core.xml by the officeDocument/…/metadata/core-properties name."""
    src = _third_party(tmp_path / "old.docx", WORD_CORE.format(created="2022-05-06T07:08:09Z"),
                       "http://schemas.openxmlformats.org/officeDocument/2006/relationships/metadata/core-properties")
    _clock(monkeypatch, T2)
    save_report(load_report(src), tmp_path / "saved.docx")
    assert _core(tmp_path / "saved.docx")["created"] == "2022-05-06T07:08:09Z"


def test_a_new_report_is_created_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    report = _report()
    _clock(monkeypatch, T1)
    write_docx(report, tmp_path / "a.docx")
    _clock(monkeypatch, T2)
    write_docx(report, tmp_path / "a.docx")  # saved again from the editor (the same report)
    write_docx(report, tmp_path / "b.docx")  # 另存为
    for name in ("a.docx", "b.docx"):
        core = _core(tmp_path / name)
        assert (core["created"], core["modified"]) == ("2024-01-10T08:00:00Z", "2024-01-20T09:30:00Z"), name
        assert core["creator"] == core["lastModifiedBy"] == ORGAN
    _clock(monkeypatch, T3)
    reopened = load_report(tmp_path / "b.docx")
    reopened.organ = "某县财政局办公室"
    write_docx(reopened, tmp_path / "c.docx")
    core = _core(tmp_path / "c.docx")
    assert core["created"] == "2024-01-10T08:00:00Z"
    assert (core["creator"], core["lastModifiedBy"]) == (ORGAN, "某县财政局办公室")
    props = docx.Document(str(tmp_path / "c.docx")).core_properties
    assert props.created.replace(tzinfo=None) == T1 and props.modified.replace(tzinfo=None) == T3


def test_next_years_report_and_a_file_without_properties_are_new_documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _clock(monkeypatch, T1)
    write_docx(_report(), tmp_path / "2023.docx")
    _clock(monkeypatch, T3)
    write_docx(next_year(load_report(tmp_path / "2023.docx")), tmp_path / "2024.docx")
    assert _core(tmp_path / "2024.docx")["created"] == "2024-02-01T16:45:00Z"
    bare = _third_party(tmp_path / "bare.docx", WORD_CORE.format(created="2021/01/01 10:00"))  # no W3CDTF date
    write_docx(load_report(bare), tmp_path / "bare-saved.docx")
    assert _core(tmp_path / "bare-saved.docx")["created"] == "2024-02-01T16:45:00Z"
    assert _core(tmp_path / "bare-saved.docx")["creator"] == "张三"


def test_a_long_or_odd_organ_still_saves(tmp_path: Path) -> None:
    """python-docx refuses a property over 255 characters: an organ field holding a pasted
    paragraph made every save fail (ValueError); the properties are cut, the text keeps it."""
    organ = "某县人民政府办公室" * 40 + "\x0b第二行\ud800"
    report = Report(organ=organ, year=2023)
    write_docx(report, tmp_path / "long.docx")
    props = docx.Document(str(tmp_path / "long.docx")).core_properties
    assert len(props.title) <= 255 and len(props.author) <= 255 and props.author.startswith("某县人民政府办公室")
    assert "\ud800" not in props.author and "\x0b" not in props.author
    assert load_report(tmp_path / "long.docx").organ.startswith("某县人民政府办公室" * 40)


@pytest.mark.parametrize("text", ["2021/01/01 10:00", "2021-13-45T10:00:00Z", "0000-00-00T00:00:00Z", "",
                                  "9999-12-31T23:59:00-14:00", "1899-12-31T00:00:00Z", "２０２１-01-01"])
def test_no_date_is_no_created_time(text: str) -> None:
    assert w3cdtf(text) is None


@pytest.mark.parametrize("xml", [b"", b"<not-xml", b'<?xml version="1.0"?><x/>', b"<a>" * 300_000])
def test_a_damaged_core_part_is_none(xml: bytes) -> None:
    assert read_properties(xml) is None


CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="文号"><vt:lpwstr>财政〔2024〕1号</vt:lpwstr></property>'
    "</Properties>"
)


def _with_custom(path: Path, custom: str) -> Path:
    """The sample (its custom.xml empty, as WPS writes it) with ``custom`` as its custom properties."""
    with zipfile.ZipFile(SAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = WORD_CORE.format(created="2023-12-28T01:02:03Z").encode()
            elif item.filename == "docProps/custom.xml":
                data = custom.encode("utf-8")
            out.writestr(item, data)
    return path


def test_custom_properties_are_kept_and_the_published_copy_names_no_person(tmp_path: Path) -> None:
    """属性 → 自定义 (an OA system's 文号) stays through a save; the copy for the website keeps only
    the created time: no author the file named, no comments, no custom properties."""
    from app.publish import write_published
    from tests.ooxml_check import problems

    report = load_report(_with_custom(tmp_path / "oa.docx", CUSTOM))
    save_report(report, tmp_path / "saved.docx")
    with zipfile.ZipFile(tmp_path / "saved.docx") as z:
        assert "财政〔2024〕1号" in z.read("docProps/custom.xml").decode("utf-8")
    assert problems(tmp_path / "saved.docx") == []
    again = load_report(tmp_path / "saved.docx")
    save_report(again, tmp_path / "again.docx")
    with zipfile.ZipFile(tmp_path / "again.docx") as z:
        assert "财政〔2024〕1号" in z.read("docProps/custom.xml").decode("utf-8")
    write_published(again, tmp_path / "web.docx")
    with zipfile.ZipFile(tmp_path / "web.docx") as z:
        assert "docProps/custom.xml" not in z.namelist()
        everything = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    for private in ("张三", "李四", "第二稿", "财政〔2024〕1号"):
        assert private not in everything, private
    core = _core(tmp_path / "web.docx")
    assert core["created"] == "2023-12-28T01:02:03Z" and core["creator"] == core["lastModifiedBy"] == again.organ
    assert problems(tmp_path / "web.docx") == []


@pytest.mark.parametrize("custom", [
    '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>',
    "<not-xml", '<?xml version="1.0"?><other/>',
    '<!DOCTYPE x [<!ENTITY e "boom">]><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">&e;</Properties>',
])
def test_an_empty_or_odd_custom_part_is_not_written(tmp_path: Path, custom: str) -> None:
    save_report(load_report(_with_custom(tmp_path / "odd.docx", custom)), tmp_path / "saved.docx")
    with zipfile.ZipFile(tmp_path / "saved.docx") as z:
        assert "docProps/custom.xml" not in z.namelist()
