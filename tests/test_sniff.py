"""Files that are not what their names say, and containers other programs write: read by
their content (app/sniff.py), or refused with the one line that says what they really are."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from app import sniff
from app.errors import ReadError
from app.reading import OFD_MESSAGE, load_report
from app.sniff import Kind
from tests.conftest import SAMPLE
from tests.hostile import cfb, encrypted_docx, word97

ORGAN = "宁波市北仑区人民政府小港街道办事处"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", ["报告.doc", "报告.wps", "报告.txt", "报告.html", "报告.pdf", "报告.xlsx", "报告.rtf", "报告"])
def test_a_docx_under_any_name_is_read_as_the_docx(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OA system's “.doc” that is a .docx: read directly (not via LibreOffice, not as text)."""
    monkeypatch.setattr("app.office.soffice", lambda: pytest.fail("a .docx is never converted"))
    path = tmp_path / name
    shutil.copyfile(SAMPLE, path)
    report = load_report(path)
    expected = load_report(SAMPLE)
    assert report.organ == ORGAN and report.tables == expected.tables and report.sections == expected.sections


def test_a_workbook_named_docx_is_read_as_a_workbook(tmp_path: Path) -> None:
    from app.xlsx_write import write_xlsx

    book = tmp_path / "book.xlsx"
    write_xlsx(load_report(SAMPLE), book)
    renamed = tmp_path / "年报.docx"
    shutil.copyfile(book, renamed)
    assert load_report(renamed).tables == load_report(book).tables


def test_a_dump_of_a_docx_named_txt_is_the_docx(tmp_path: Path) -> None:
    path = tmp_path / "年报.txt"
    shutil.copyfile(SAMPLE, path)
    result = _cli("dump", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(_cli("dump", str(SAMPLE)).stdout)


def test_a_plain_zip_says_it_is_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "年报.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("年报/说明.txt", "请查收")
    result = _cli("dump", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (f"错误：{path}：这是一个压缩包或其他类型的文件（不是 Word 文档或 Excel 工作簿），"
                                     "无法读取；如是压缩包，请先解压")


@pytest.mark.parametrize("name", ["年报.ofd", "年报.zip", "年报.docx"])
def test_an_ofd_says_what_it_is_and_what_to_do(tmp_path: Path, name: str) -> None:
    # GB/T 33190: a zip whose entry file is OFD.xml — many offices publish their reports so
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"><ofd:DocBody/></ofd:OFD>')
        z.writestr("Doc_0/Document.xml", "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>")
    result = _cli("check", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"错误：{path}：{OFD_MESSAGE}"


def test_a_damaged_ofd_is_still_named_ofd(tmp_path: Path) -> None:
    path = tmp_path / "年报.ofd"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    assert _cli("check", str(path)).stderr.strip() == f"错误：{path}：{OFD_MESSAGE}"


def test_an_odt_named_docx_goes_to_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "年报.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    assert sniff.zip_kind(path) is Kind.ODT
    monkeypatch.setattr("app.office.soffice", lambda: None)
    with pytest.raises(ReadError) as err:
        load_report(path)
    assert str(err.value) == f"{path}：这是OpenDocument 文本格式（.odt），请在 Word 或 WPS 中“另存为”.docx 后再打开"


# -- OLE compound files ----------------------------------------------------------------------------

PASSWORD = "文件设置了打开密码，请在 Word 或 WPS 中取消密码并保存后再打开"


@pytest.mark.parametrize("name", ["年报.docx", "年报.doc", "年报.xlsx"])
def test_a_password_protected_docx_says_password_without_libreoffice(tmp_path: Path, name: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The directory naming “EncryptedPackage” sits after a 300 KB stream: beyond any head
    a reader sniffs, found through the FAT."""
    monkeypatch.setattr("app.office.convert", lambda *a, **k: pytest.fail("never converted"))
    path = tmp_path / name
    path.write_bytes(encrypted_docx())
    assert sniff.ole_kind(path) is Kind.ENCRYPTED
    with pytest.raises(ReadError) as err:
        load_report(path)
    program = "Excel" if name.endswith(".xlsx") else "Word"
    assert str(err.value) == f"{path}：文件设置了打开密码，请在 {program} 或 WPS 中取消密码并保存后再打开"


def test_a_password_protected_doc_says_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.office.convert", lambda *a, **k: pytest.fail("never converted"))
    path = tmp_path / "年报.doc"
    path.write_bytes(word97(encrypted=True))
    with pytest.raises(ReadError) as err:
        load_report(path)
    assert str(err.value) == f"{path}：{PASSWORD}"


def test_a_doc_without_password_is_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "年报.docx"  # a .doc under a .docx name: converted all the same
    path.write_bytes(word97())
    assert sniff.ole_kind(path) is Kind.DOC
    converted: list[Path] = []
    monkeypatch.setattr("app.office.soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("app.office.convert", lambda src, *a, **k: converted.append(src))
    with pytest.raises(ReadError, match="转换失败"):
        load_report(path)
    assert converted == [path]


@pytest.mark.parametrize(("stream", "says"), [
    ("Workbook", "这是 Excel 97-2003 或 WPS 表格格式（.xls/.et），请在 Excel 或 WPS 中“另存为”.xlsx 后再打开"),
    ("PowerPoint Document", "这是 PowerPoint 演示文稿，不是年报文档，无法读取"),
    # An Outlook message saved from the mail (its properties stream), the report its attachment (rev26h)
    ("__properties_version1.0", "这是 Outlook 邮件（.msg），不是年报文档；请在 Outlook 中打开这封邮件，把其中的年报附件另存出来后再打开"),
    ("__substg1.0_0037001F", "这是 Outlook 邮件（.msg），不是年报文档；请在 Outlook 中打开这封邮件，把其中的年报附件另存出来后再打开"),
])
def test_other_office_files_named_doc_say_what_they_are(tmp_path: Path, stream: str, says: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.office.soffice", lambda: None)  # where LibreOffice is not installed
    path = tmp_path / "年报.doc"
    path.write_bytes(cfb({stream: bytes(5000)}))
    with pytest.raises(ReadError) as err:
        load_report(path)
    assert str(err.value) == f"{path}：{says}"


def test_a_damaged_compound_file_naming_the_encrypted_package_still_says_password(tmp_path: Path) -> None:
    data = bytearray(encrypted_docx())
    data[0x1E] = 7  # an impossible sector size: the directory cannot be followed
    path = tmp_path / "年报.docx"
    path.write_bytes(bytes(data))
    assert sniff.ole_kind(path) is Kind.UNKNOWN
    with pytest.raises(ReadError, match="打开密码"):
        load_report(path)


@pytest.mark.parametrize(("cut", "kind"), [(0, Kind.UNKNOWN), (100, Kind.UNKNOWN), (512, Kind.UNKNOWN),
                                          (700, Kind.UNKNOWN), (2000, Kind.DOC)])
def test_truncated_compound_files_are_judged_by_what_is_left(tmp_path: Path, cut: int, kind: Kind) -> None:
    """Never an exception: a cut header or FAT is unknown; a whole directory still names a
    Word document (whose conversion then fails with its own line)."""
    path = tmp_path / "x.doc"
    path.write_bytes(word97()[: 8 + cut])
    assert sniff.ole_kind(path) is kind


def test_a_real_libreoffice_doc_is_recognised(tmp_path: Path) -> None:
    from app import office

    if office.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    out = office.convert(SAMPLE, "doc", tmp_path)
    assert out is not None
    assert sniff.ole_kind(out) is Kind.DOC


def test_a_compound_file_with_a_fat_loop_is_quick(tmp_path: Path) -> None:
    data = bytearray(encrypted_docx(payload=4096))
    # FAT entry of the directory's first sector pointing to itself: a cycle.
    first_dir = int.from_bytes(data[0x30:0x34], "little")
    fat_at = 512 + first_dir * 4
    data[fat_at: fat_at + 4] = first_dir.to_bytes(4, "little")
    path = tmp_path / "loop.docx"
    path.write_bytes(bytes(data))
    start = time.perf_counter()
    assert sniff.ole_kind(path) is Kind.ENCRYPTED
    assert time.perf_counter() - start < 1


def test_a_pptx_named_docx_says_slides(tmp_path: Path) -> None:
    path = tmp_path / "年报.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<Types><Override PartName="/ppt/presentation.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>')
        z.writestr("ppt/presentation.xml", "<p:presentation/>")
    with pytest.raises(ReadError) as err:
        load_report(path)
    assert str(err.value) == f"{path}：这是 PowerPoint 演示文稿，不是年报文档，无法读取"


def test_an_old_excel_workbook_is_converted_and_read(tmp_path: Path) -> None:
    """.xls (or one an OA system named .doc): LibreOffice makes it an .xlsx, read as ours."""
    from app import office
    from app.xlsx_write import write_xlsx

    if office.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    book = tmp_path / "book.xlsx"
    write_xlsx(load_report(SAMPLE), book)
    old = office.convert(book, "xls", tmp_path)
    assert old is not None and sniff.ole_kind(old) is Kind.XLS
    renamed = tmp_path / "年报（下载）.doc"
    shutil.copyfile(old, renamed)
    for path in (old, renamed):
        report = load_report(path)
        assert report.organ == ORGAN and report.tables == load_report(book).tables


def test_a_broken_old_workbook_says_conversion_failed(tmp_path: Path) -> None:
    from app import office

    if office.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "表格.xls"
    path.write_bytes(cfb({"Workbook": bytes(5000)}))
    with pytest.raises(ReadError) as err:
        load_report(path)
    assert str(err.value) == f"{path}：Excel 97-2003 或 WPS 表格格式转换失败，请在 Excel 或 WPS 中“另存为”.xlsx 后再打开"


def test_a_workbook_holding_a_word_object_is_a_workbook(tmp_path: Path) -> None:
    """The Default entry typing embedded .docx files is not the package's main part (from the review)."""
    from app.xlsx_write import write_xlsx

    book = tmp_path / "汇总.xlsx"
    write_xlsx(load_report(SAMPLE), book)
    with zipfile.ZipFile(book) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="docx" ContentType="application/vnd.openxmlformats-officedocument.'
                     b'wordprocessingml.document"/></Types>')
    parts["xl/embeddings/Microsoft_Word_Document.docx"] = SAMPLE.read_bytes()
    with zipfile.ZipFile(book, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    assert sniff.zip_kind(book) is Kind.XLSX
    assert load_report(book).organ == load_report(SAMPLE).organ


def test_a_crafted_fat_list_costs_what_the_file_needs_not_ten_times_its_size(tmp_path: Path) -> None:
    """A DIFAT chain naming every sector as a FAT sector (from the review: 30 MB file → 317 MB)."""
    import os
    import struct
    import tracemalloc

    n = 20_000  # 10 MB of 512-byte sectors
    k = -(-(n - 109) // 127)
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x1A, 3, 0xFFFE, 9, 6)
    struct.pack_into("<II", header, 0x2C, n, 0xFFFFFFFE)
    struct.pack_into("<II", header, 0x44, 0, k)
    struct.pack_into("<109I", header, 0x4C, *range(109))
    body = bytearray(os.urandom(n * 512))
    for i in range(k):
        ids = [min(109 + i * 127 + j, n - 1) for j in range(127)]
        struct.pack_into("<128I", body, i * 512, *ids, i + 1 if i + 1 < k else 0xFFFFFFFE)
    crafted = tmp_path / "构造.doc"
    crafted.write_bytes(bytes(header) + bytes(body))
    tracemalloc.start()
    sniff.ole_kind(crafted)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB for a 10 MB file"
