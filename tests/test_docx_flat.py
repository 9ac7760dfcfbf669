"""A report saved as one XML file: Word's “Word XML 文档” (a flat OPC package, read here), Word
2003 XML and LibreOffice's flat .fodt (converted by LibreOffice).  Each must read as the .docx
it was made from: every table cell and every section's text."""

from __future__ import annotations

import base64
import io
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from app import office
from app.errors import ReadError
from app.limits import MAX_PARTS
from app.reading import load_report
from app.report import Report
from tests.hostile import run_one
from tests.pdfmake import needs_soffice
from tests.thirdparty import Spec, build

_PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"


def flat_package(src: Path, dest: Path, extra_parts: str = "", prolog: str = "") -> Path:
    """``src`` written as Word's 另存为 “Word XML 文档” writes it: each part's XML inside
    pkg:xmlData (its own declaration dropped), other parts base64 in pkg:binaryData in lines of
    76, the relationship parts padded, no [Content_Types].xml (each part carries its type)."""
    with zipfile.ZipFile(src) as z:
        types = z.read("[Content_Types].xml").decode()
        overrides = dict(re.findall(r'PartName="([^"]+)" ContentType="([^"]+)"', types))
        defaults = dict(re.findall(r'Extension="([^"]+)" ContentType="([^"]+)"', types))
        parts = []
        for name in z.namelist():
            if name == "[Content_Types].xml":
                continue
            kind = overrides.get("/" + name) or defaults.get(name.rsplit(".", 1)[-1], "application/octet-stream")
            data = z.read(name)
            if name.endswith((".xml", ".rels")):
                xml = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data).decode("utf-8")
                pad = ' pkg:padding="256"' if name.endswith(".rels") else ""
                parts.append(f'<pkg:part pkg:name="/{name}" pkg:contentType="{kind}"{pad}><pkg:xmlData>{xml}'
                             "</pkg:xmlData></pkg:part>")
            else:
                b64 = base64.b64encode(data).decode()
                lines = "\n".join(b64[i:i + 76] for i in range(0, len(b64), 76))
                parts.append(f'<pkg:part pkg:name="/{name}" pkg:contentType="{kind}" pkg:compression="store">'
                             f"<pkg:binaryData>{lines}</pkg:binaryData></pkg:part>")
    dest.write_text('<?xml version="1.0" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
                    f'{prolog}<pkg:package xmlns:pkg="{_PKG}">{"".join(parts)}{extra_parts}</pkg:package>',
                    encoding="utf-8")
    return dest


def _same(a: Report, b: Report) -> None:
    assert (b.organ, b.year, b.date) == (a.organ, a.year, a.date)
    for key in a.tables:
        assert b.tables[key] == a.tables[key], key
    for key in a.sections:
        assert b.section_text(key) == a.section_text(key), key


_SPEC = Spec(t2={(0, 0): "3", (4, 1): "12"}, t3={(0, 0): "5", (0, 6): "5", (2, 0): "3", (24, 6): "2"},
             t4={0: "2", 4: "2", 14: "7"}, text={"一": ["总体说明。", "第二段。"], "五": ["问题说明。"]})


def test_a_word_xml_document_reads_as_its_docx(tmp_path: Path) -> None:
    src = build(_SPEC, tmp_path / "src.docx")
    flat = flat_package(src, tmp_path / "报告.xml")
    _same(load_report(src), load_report(flat))


def _png() -> bytes:
    """A 2×2 grey picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + b"\x80" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_a_word_xml_document_with_a_picture_reads_as_its_docx(tmp_path: Path) -> None:
    """A seal picture above the date, its bytes as base64 in the one XML file."""
    src = build(_SPEC, tmp_path / "src.docx")
    d = docx.Document(str(src))
    d.add_picture(io.BytesIO(_png()))
    d.save(str(src))
    flat = flat_package(src, tmp_path / "seal.xml")
    assert b"<pkg:binaryData>" in flat.read_bytes()
    _same(load_report(src), load_report(flat))


def test_a_flat_package_cannot_place_a_part_outside_or_over_another(tmp_path: Path) -> None:
    """A part named to climb out of the package, or a second word/document.xml (another case):
    not taken; the report reads as Word shows it.  An entity is never expanded."""
    src = build(_SPEC, tmp_path / "src.docx")
    evil = ('<pkg:part pkg:name="/../../outside.xml" pkg:contentType="application/xml"><pkg:xmlData><x/></pkg:xmlData>'
            '</pkg:part><pkg:part pkg:name="/WORD/document.xml" pkg:contentType="application/xml"><pkg:xmlData>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
            "<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document></pkg:xmlData></pkg:part>")
    flat = flat_package(src, tmp_path / "evil.xml", evil,
                        prolog=f'<!DOCTYPE pkg:package [<!ENTITY xxe SYSTEM "file://{tmp_path}/secret">]>')
    (tmp_path / "secret").write_text("机密", encoding="utf-8")
    report = load_report(flat)
    _same(load_report(src), report)
    assert not (tmp_path.parent / "outside.xml").exists()


@pytest.mark.parametrize("cut", [0.5, 0.999])
def test_a_damaged_word_xml_document_is_one_message(tmp_path: Path, cut: float) -> None:
    flat = flat_package(build(_SPEC, tmp_path / "src.docx"), tmp_path / "cut.xml")
    data = flat.read_bytes()
    flat.write_bytes(data[:int(len(data) * cut)])
    with pytest.raises(ReadError) as caught:
        load_report(flat)
    assert "Word XML 文档" in str(caught.value) and str(flat) in str(caught.value)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
@pytest.mark.parametrize(("target", "suffix"), [("xml:MS Word 2003 XML", ".xml"), ("fodt", ".fodt")])
def test_word_2003_xml_and_flat_odt_from_libreoffice(tmp_path: Path, target: str, suffix: str) -> None:
    src = build(_SPEC, tmp_path / "src.docx")
    subprocess.run([office.soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", target, "--outdir", str(tmp_path / "out"), str(src)],
                   check=True, timeout=180, capture_output=True)
    made = tmp_path / "out" / f"src{suffix}"
    assert made.read_bytes().lstrip().startswith(b"<?xml")
    _same(load_report(src), load_report(made))


# -- hostile flat packages: the .docx caps hold while the one XML file is parsed ---------------------

def _hostile_flat(dest: Path, parts: str) -> Path:
    dest.write_text(f'<?xml version="1.0" encoding="UTF-8"?><pkg:package xmlns:pkg="{_PKG}">{parts}</pkg:package>',
                    encoding="utf-8")
    return dest


def _xml_part(name: str, body: str) -> str:
    return (f'<pkg:part pkg:name="{name}" pkg:contentType="application/xml"><pkg:xmlData>'
            f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}'
            "</w:body></w:document></pkg:xmlData></pkg:part>")


@pytest.mark.parametrize("name", ["/word/document.xml", "/word/media/image1.png"])
def test_a_flat_part_past_a_docx_parts_cap_is_refused_before_its_tree_grows(tmp_path: Path, name: str) -> None:
    """60 MB of paragraphs in one part (a .docx's XML part may have 8 MB; named as a picture, its
    XML is still XML): refused with the part named while it is parsed, the memory a part's own —
    it was refused only after the whole tree was built and written (~1.4 GB).  Paragraphs of 1,000
    characters each: empty ones are refused sooner, by their count (tests/test_hostile_elements.py)."""
    flat = _hostile_flat(tmp_path / "长段落.xml", _xml_part(name, f"<w:p><w:r><w:t>{'x' * 1000}</w:t></w:r></w:p>" * 60_000))
    outcome = run_one(flat)
    assert outcome.result == "refused", outcome
    assert "一项就超过" in outcome.message and name.lstrip("/") in outcome.message, outcome.message
    assert outcome.peak_mb < 300, outcome


def test_a_flat_package_of_too_many_parts_is_refused_at_the_cap(tmp_path: Path) -> None:
    """200,000 tiny parts: refused when the 5,001st begins (a .docx's zip of as many parts is
    refused from its directory); each part was written to the temporary zip first (seconds)."""
    parts = "".join(f'<pkg:part pkg:name="/p{i}.bin" pkg:contentType="a/b"><pkg:binaryData>AA==</pkg:binaryData>'
                    "</pkg:part>" for i in range(200_000))
    flat = _hostile_flat(tmp_path / "部件.xml", parts)
    outcome = run_one(flat)
    assert outcome.result == "refused", outcome
    assert f"{MAX_PARTS}多个部件" in outcome.message, outcome.message


def test_a_flat_picture_past_a_parts_cap_is_refused_within_a_pictures_memory(tmp_path: Path) -> None:
    """A 95 MB base64 picture (a .docx's part may have 64 MB): refused, its text never copied
    twice over to be decoded (it was 373 MB)."""
    line = "A" * 76 + "\n"
    flat = _hostile_flat(tmp_path / "图片.xml", '<pkg:part pkg:name="/word/media/big.png" pkg:contentType="image/png">'
                         f"<pkg:binaryData>{line * 1_300_000}</pkg:binaryData></pkg:part>")
    outcome = run_one(flat)
    assert outcome.result == "refused", outcome
    assert "word/media/big.png" in outcome.message, outcome.message
    assert outcome.peak_mb < 300, outcome


@pytest.mark.parametrize("between", [1, 4000], ids=["one-block", "many-wrappers"])
def test_content_outside_the_parts_is_refused_before_its_tree_grows(tmp_path: Path, between: int) -> None:
    """A report's parts, then 95 MB of other elements under pkg:package (in one wrapper or in
    4,000): Word writes only parts there.  Their tree grew unchecked (1.8 GB here, 2.9 GB in rev20's file) before any refusal."""
    junk = "".join(f"<junk>{'<p/>' * (25_000_000 // between)}</junk>" for _ in range(between))
    parts = flat_package(build(_SPEC, tmp_path / "src.docx"), tmp_path / "ok.xml").read_text(encoding="utf-8")
    flat = tmp_path / "junk.xml"
    flat.write_text(parts.replace("</pkg:package>", junk + "</pkg:package>"), encoding="utf-8")
    outcome = run_one(flat)
    assert outcome.result == "refused", outcome
    assert "部件之外" in outcome.message, outcome.message
    assert outcome.peak_mb < 300, outcome


def test_a_folder_checks_its_word_xml_documents_and_passes_over_other_xml(tmp_path: Path) -> None:
    """批量检查 of a folder: a report saved as “Word XML 文档” is checked; a program's settings file
    named .xml beside it is passed over as no report (neither was looked at)."""
    from app.batch_collect import collect, skip_reason

    folder = tmp_path / "年报"
    folder.mkdir()
    flat = flat_package(build(_SPEC, tmp_path / "src.docx"), folder / "报告.xml")
    (folder / "设置.xml").write_text('<?xml version="1.0"?><config><a>1</a></config>', encoding="utf-8")
    files, skipped = collect([folder])
    assert files == [flat]
    assert skipped == [folder / "设置.xml"] and "Word XML 文档" in skip_reason(skipped[0])


_EMPTY_PART = '<pkg:part pkg:name="/n{}" pkg:contentType="a/b"/>'


@pytest.mark.parametrize("where", ["inside-a-part", "between-parts", "in-a-nested-package"])
def test_a_part_nested_in_other_content_cannot_restart_the_caps(tmp_path: Path, where: str) -> None:
    """An empty part every 512 KB, inside the document part's XML or inside other content
    between the parts: each restarted the count the caps are measured from, so 30 MB of empty
    paragraphs was built whole (1.4 GB for 60 MB) or unpacked with no refusal at all (rev21).
    Word never nests a part: refused as damaged at the first one, within a part's memory."""
    block = "<w:p/>" * (512 * 1024 // 6)
    if where == "inside-a-part":
        body = "".join(block + f"<w:p>{_EMPTY_PART.format(i)}</w:p>" for i in range(60))
        parts = _xml_part("/word/document.xml", body)
    else:  # each part in an element of its own, or in a package of its own (rev21 rev6 H1)
        wrap = ("<b>", "</b>") if where == "between-parts" else (f'<pkg:package xmlns:pkg="{_PKG}">', "</pkg:package>")
        parts = _xml_part("/word/document.xml", "<w:p/>") + "<junk>" + "".join(
            f"<a>{'<p/>' * (512 * 1024 // 4)}</a>{wrap[0]}{_EMPTY_PART.format(i)}{wrap[1]}" for i in range(60)) + "</junk>"
    outcome = run_one(_hostile_flat(tmp_path / "嵌套.xml", parts))
    assert outcome.result == "refused", outcome
    assert "Word XML 文档" in outcome.message, outcome.message
    assert outcome.peak_mb < 300, outcome


def test_a_flat_package_names_content_types_in_any_case_once(tmp_path: Path) -> None:
    """A part named “/[content_types].xml” is the package's own list in another case: not
    written as a part beside the list unpacking makes (two names differing in case, which the
    .docx check then calls damaged); the report reads."""
    text = flat_package(build(_SPEC, tmp_path / "src.docx"), tmp_path / "ok.xml").read_text(encoding="utf-8")
    extra = '<pkg:part pkg:name="/[content_types].xml" pkg:contentType="application/xml"><pkg:xmlData><x/></pkg:xmlData></pkg:part>'
    flat = tmp_path / "类型.xml"
    flat.write_text(text.replace("</pkg:package>", extra + "</pkg:package>"), encoding="utf-8")
    _same(load_report(tmp_path / "src.docx"), load_report(flat))


def test_a_flat_package_with_a_name_at_the_systems_limit_reads(tmp_path: Path) -> None:
    """A stem of 84 Chinese characters (252 bytes) and no suffix: the unpacked copy was named
    after it plus “.docx”, past the system's 255 bytes, and the open failed with English
    “File name too long” and advice about disk space (rev21).  It is named on its own now."""
    flat = flat_package(build(_SPEC, tmp_path / "src.docx"), tmp_path / ("报" * 84))
    _same(load_report(tmp_path / "src.docx"), load_report(flat))


def test_unpacking_a_flat_package_stops_when_cancelled(tmp_path: Path) -> None:
    """批量检查's 取消 reaches the unpacking: asked once a slice, it stops there."""
    from app.docx.flatopc import unpack

    flat = _hostile_flat(tmp_path / "大.xml", _xml_part("/word/document.xml", "<w:p/>" * 1_000_000))
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(ReadError, match="已取消"):
        unpack(flat, tmp_path / "out.docx", cancelled)
    assert len(asked) == 2


def test_an_unwritable_temporary_folder_is_said_in_chinese() -> None:
    import errno

    from app.errors import unwritable

    assert unwritable(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足，请清理磁盘后再试"
    assert unwritable(OSError(errno.ENAMETOOLONG, "File name too long")) == "文件名或路径过长"
    assert unwritable(PermissionError(errno.EACCES, "Permission denied")) == "没有写入权限"
    assert "No" not in unwritable(OSError(errno.EROFS, "Read-only file system"))
