"""A zip whose directory is the bomb: 300,000 parts refused from the end records before zipfile
reads the directory (every way a package is opened), a zip understating its parts counted, a
directory larger than any report needs refused, a package at the part limit read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app import limits, ziplimits
from app.io import ReadError
from app.reading import load_report
from tests.conftest import SAMPLE
from tests.hostile import many_parts_zip, refused_in_process
from tests.hostile_base import _W
from tests.hostile_docx import _sample_rewritten, claimed_size
from tests.test_hostile import refused


@pytest.fixture(scope="module")
def parts_300k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("zip") / "s16-300k-entries.docx"
    path.write_bytes(many_parts_zip(300_000, zip64=True))
    return path


class _NoZipFile:
    """zipfile.ZipFile for the test: reading the directory of ``path`` is the cost refused."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        self.path = path
        real = zipfile.ZipFile

        def spy(file: object, *args: object, **kwargs: object) -> zipfile.ZipFile:
            name = getattr(file, "name", file)
            assert Path(str(name)).name != path.name, "zipfile parsed the whole 300,000-entry directory"
            return real(file, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(zipfile, "ZipFile", spy)


@pytest.mark.parametrize("name", ["年报.docx", "年报.xlsx", "年报.zip", "年报"])
def test_300000_parts_are_refused_before_zipfile_reads_them(parts_300k: Path, tmp_path: Path, name: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way a package is opened — sniffing, the .docx reader, the .xlsx reader (openpyxl),
    a batch — refuses it from the end record: no zipfile.ZipFile of it, a few MB at most, and
    the message the part limit has always given."""
    from app import batch, sniff

    path = tmp_path / name
    path.symlink_to(parts_300k)
    _NoZipFile(monkeypatch, path)
    assert sniff.zip_kind(path) is sniff.Kind.UNKNOWN
    message, peak = refused_in_process(path)
    count = 300_000 + len(zipfile.ZipFile(SAMPLE).infolist())
    assert message == f"{path}：文件由{count}个部件组成，法定统计表不需要这么大，文件可能已损坏或不是年报"
    assert peak < 8 * 2**20, peak  # the end records and at most the directory's first 5000 entries
    result = batch.check_file(str(path))
    assert result.error == message


def test_300000_parts_are_refused_within_bounds_in_a_child(parts_300k: Path) -> None:
    refused(parts_300k, f"{300_000 + len(zipfile.ZipFile(SAMPLE).infolist())}个部件")


@pytest.mark.parametrize("reader", ["Word 文档", "Excel 工作簿"])
def test_a_zip_understating_its_parts_is_counted(tmp_path: Path, reader: str) -> None:
    """zipfile reads the directory by its size, not by the count the end record states: a
    file saying 3 while holding 20,000 is counted — as far as the limit, no further; one
    holding 300,000 has a directory larger than any report's."""
    path = tmp_path / "少报.docx"
    path.write_bytes(many_parts_zip(20_000, stated=3))
    with pytest.raises(ReadError) as caught:
        ziplimits.check_package(path, reader)
    assert str(caught.value) == f"文件由{limits.MAX_PARTS}多个部件组成，法定统计表不需要这么大，文件可能已损坏或不是年报"
    path.write_bytes(many_parts_zip(300_000, stated=3))
    with pytest.raises(ReadError, match="文件的部件目录有19 MB，法定统计表不需要这么大"):
        ziplimits.check_package(path, reader)


def test_a_directory_larger_than_any_report_needs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "大目录.docx"
    path.write_bytes(many_parts_zip(10, directory_size=limits.MAX_ZIP_DIRECTORY_BYTES + 1))
    refused(path, "部件目录有4 MB")


@pytest.mark.parametrize("zip64", [False, True])
@pytest.mark.parametrize("comment", [b"", "某OA系统导出".encode()])
def test_a_package_at_the_part_limit_reads(tmp_path: Path, zip64: bool, comment: bytes) -> None:
    """The end records found as zipfile finds them (after a comment, zip64 or not): a file of
    exactly MAX_PARTS parts reads; one part more is refused with its count."""
    sample_parts = len(zipfile.ZipFile(SAMPLE).infolist())
    path = tmp_path / "上限.docx"
    path.write_bytes(many_parts_zip(limits.MAX_PARTS - sample_parts, zip64=zip64, comment=comment))
    assert load_report(path).organ == "宁波市北仑区人民政府小港街道办事处"
    path.write_bytes(many_parts_zip(limits.MAX_PARTS - sample_parts + 1, zip64=zip64, comment=comment))
    with pytest.raises(ReadError, match=f"文件由{limits.MAX_PARTS + 1}个部件组成"):
        ziplimits.check_zip_directory(path)


def _doubled(src: Path, dest: Path, part: str, second: bytes | None, name: str | None = None) -> Path:
    """``src`` with a second entry ``name`` (default: ``part`` itself) after it: ``second`` as its
    bytes, or the part's own again."""
    import warnings

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        again = zin.read(part) if second is None else second  # before writestr moves the entry's offset
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of the duplicate name this test writes
            zout.writestr(name or part, again)
    return dest


def _other_body(src: Path) -> bytes:
    with zipfile.ZipFile(src) as z:
        return z.read("word/document.xml").decode("utf-8").replace("政府信息公开", "政府信息隐藏", 3).encode("utf-8")


@pytest.mark.parametrize("name", [None, "Word/Document.XML"])  # OPC names are compared without case
def test_two_different_documents_of_one_name_are_refused(tmp_path: Path, name: str | None) -> None:
    """A second, different word/document.xml: zipfile would read the last one silently, Word
    calls the file damaged; refused in one line, in the editor and in a batch alike."""
    from app import batch

    path = _doubled(SAMPLE, tmp_path / "两份正文.docx", "word/document.xml", _other_body(SAMPLE), name)
    message = refused(path, "两个同名但内容不同的部件", "Word")
    assert message.endswith("请在 Word 或 WPS 中打开（修复）后另存再试")
    assert batch.check_file(str(path)).error == message
    with pytest.raises(ReadError, match="同名"):
        load_report(path)


def test_a_part_stored_twice_alike_is_read(tmp_path: Path) -> None:
    path = _doubled(SAMPLE, tmp_path / "重复一项.docx", "word/document.xml", None)
    with zipfile.ZipFile(path) as z:
        assert [i.filename for i in z.infolist()].count("word/document.xml") == 2
    assert load_report(path).organ == load_report(SAMPLE).organ


def test_a_workbook_with_two_different_sheets_of_one_name_is_refused(tmp_path: Path) -> None:
    from app.xlsx_write import write_xlsx

    src = tmp_path / "src.xlsx"
    write_xlsx(load_report(SAMPLE), src)
    with zipfile.ZipFile(src) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        other = z.read(sheet).replace(b"<v>", b"<v>9", 1)
    refused(_doubled(src, tmp_path / "两份表.xlsx", sheet, other), "两个同名但内容不同的部件", "Excel")


@pytest.mark.parametrize("size", [0xFFFFFFF0, 0xFFFFFFFF, 40 << 20])
def test_a_part_claiming_more_than_its_data_can_inflate_to_is_said_damaged(tmp_path: Path, size: int) -> None:
    """A central directory giving word/document.xml 4 GB (a broken disk; a zip64 size without the
    extra field that carries it) over its 13 KB of deflated data was said as a bomb: “解压后过大
    （…4096 MB）”.  Deflate cannot make more than 1032 bytes of one: the directory is wrong, and
    the message says so.  A real bomb (9 MB of spaces in 9 KB) is still a bomb."""
    path = tmp_path / "目录损坏.docx"
    path.write_bytes(claimed_size(SAMPLE.read_bytes(), "word/document.xml", size))
    message, _ = refused_in_process(path)
    compressed = zipfile.ZipFile(SAMPLE).getinfo("word/document.xml").compress_size
    assert message == (f"{path}：文件已损坏：部件目录记录“word/document.xml”解压后有{size / 1048576:.0f} MB，"
                       f"而它的压缩数据只有{compressed / 1024:.0f} KB，不可能解压出这么多；"
                       "无法作为 Word 文档读取，请在 Word 或 WPS 中打开（修复）后另存再试")
    bomb = tmp_path / "炸弹.docx"
    bomb.write_bytes(_sample_rewritten(drop="word/document.xml", extra={
        "word/document.xml": b"<w:document " + _W.encode() + b"><w:body>" + b" " * (9 << 20) + b"</w:body></w:document>"}))
    assert "文件解压后过大（“word/document.xml”一项就有9 MB）" in refused_in_process(bomb)[0]


@pytest.mark.parametrize("ext", ["docx", "xlsx"])
def test_members_named_with_a_leading_slash_are_a_damaged_office_file_not_an_archive(tmp_path: Path, ext: str) -> None:
    """A writer that kept the part name's own “/” in each member's name (“/word/document.xml”):
    Word refuses the file too, but it is a damaged Word document or workbook, to be opened and
    saved again — not “这是一个压缩包…请先解压”, which sends the user to unzip it."""
    from app.report import Report
    from app.xlsx_write import write_xlsx

    src = tmp_path / f"src.{ext}"
    if ext == "docx":
        src.write_bytes(SAMPLE.read_bytes())
    else:
        write_xlsx(Report(organ="某县某局", year=2023), src)
    path = tmp_path / f"slash.{ext}"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr("/" + info.filename, zin.read(info.filename))
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert "压缩包" not in str(caught.value) and "损坏" in str(caught.value), str(caught.value)
