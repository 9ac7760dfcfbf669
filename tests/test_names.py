"""File names the editor proposes, as Windows takes them (app/names.py), tested with ntpath
semantics here on Linux: forbidden characters, reserved device names, trailing dots and spaces,
names over 255 units or bytes, paths over MAX_PATH; and what Word, WPS and Windows leave in a
folder of reports."""

from __future__ import annotations

import ntpath
import os
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from app import names
from app.names import MAX_PATH, NAME_MAX, RESERVED, beside, fit, office_leftover, safe_name, titled

FORBIDDEN = '<>:"/\\|?*'


def windows_takes(name: str) -> bool:
    """Windows' own rules for one name, written out independently of app/names.py."""
    if not name or any(ch in FORBIDDEN or ord(ch) < 32 for ch in name):
        return False
    if name[-1] in ". " or name[0] == " ":
        return False
    if name.split(".")[0].rstrip(" ").upper() in RESERVED:
        return False
    return len(name.encode("utf-16-le")) // 2 <= NAME_MAX and len(name.encode("utf-8")) <= NAME_MAX


HOSTILE_STEMS = [
    "某县财政局：2023年度报告", 'a<b>c:d"e/f\\g|h?i*j', "第一行\n第二行\t制表", "\x00\x1f", "报告. . .", "  报告  ",
    "CON", "con", "Prn", "aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "COM¹", "CON.tar", "nul .x", "CONIN$",
    "", ".", "..", " . ", "财" * 300, "a" * 300, "𠀀" * 200,  # a character outside the BMP: two UTF-16 units
    "/etc/passwd", "..\\..\\windows", "C:\\报告",
]


@pytest.mark.parametrize("stem", HOSTILE_STEMS)
@pytest.mark.parametrize("tail", ["", ".docx", "（修订）.docx", ".bak.docx", ".pdf"])
def test_every_proposed_name_is_one_windows_takes(stem: str, tail: str) -> None:
    name = safe_name(stem, tail)
    assert windows_takes(name), repr(name)
    assert name.endswith(tail), "our own ending is kept whole"
    assert PureWindowsPath(name).name == name and PurePosixPath(name).name == name, "one component, no folder"
    assert safe_name(name[: len(name) - len(tail)], tail) == name, "idempotent"


def test_forbidden_characters_read_the_same_and_reserved_names_keep_their_letters() -> None:
    assert safe_name("某县财政局：2023年度报告", ".docx") == "某县财政局：2023年度报告.docx"
    assert safe_name("财政局/国资委", ".docx") == "财政局／国资委.docx"
    assert safe_name("a?b*", ".pdf") == "a？b＊.pdf"
    assert safe_name("CON", ".docx") == "_CON.docx"
    assert safe_name("lpt1.备份", ".docx") == "_lpt1.备份.docx"
    assert safe_name("CONTENTS", ".docx") == "CONTENTS.docx", "only the device names themselves"
    assert safe_name("报告...") == "报告"
    assert safe_name("", ".docx") == "报告.docx"
    assert safe_name("某县财政局2023年度政府信息公开工作年度报告", ".docx") == "某县财政局2023年度政府信息公开工作年度报告.docx"


def test_a_long_name_is_shortened_to_255_bytes_and_units_keeping_the_ending() -> None:
    chinese = safe_name("某" * 300, "（修订）.docx")
    assert len(chinese.encode("utf-8")) <= 255 and chinese.startswith("某" * 70)
    latin = safe_name("a" * 300, ".docx")
    assert len(latin) == 255
    astral = safe_name("𠀀" * 200, ".docx")
    assert len(astral.encode("utf-16-le")) // 2 <= 255 and "\udc00" not in astral


def test_a_path_over_max_path_is_shortened_on_windows_only() -> None:
    folder = PureWindowsPath("C:\\") / ("年报" * 100)  # 203 characters
    path = fit(folder, "某县某某街道办事处" * 10, "（修订）.docx", windows=True, reserve=4)
    assert len(str(path)) + 4 <= MAX_PATH - 1 and ntpath.dirname(str(path)) == str(folder)
    assert path.name.endswith("（修订）.docx") and path.name.startswith("某县某某街道办事处")
    unc = fit(PureWindowsPath(r"\\server\share") / ("年" * 200), "报告" * 40, ".docx", windows=True)
    assert len(str(unc)) <= MAX_PATH - 1 and str(unc).startswith("\\\\server\\share\\")
    posix = fit(PurePosixPath("/home") / ("年" * 200), "报告" * 40, ".docx", windows=False)
    assert posix.name == "报告" * 40 + ".docx", "Linux takes 4096 bytes of path: the name is kept"
    hopeless = PureWindowsPath("C:\\" + "x" * 270)
    assert fit(hopeless, "报告", ".docx", windows=True).name == "报告.docx", "the save says why, not an empty name"


@pytest.mark.parametrize(("source", "suffix", "expected"), [
    ("C:\\年报\\报告.docx", ".docx", "C:\\年报\\报告（修订）.docx"),
    ("C:\\年报\\报告.DOCX", ".docx", "C:\\年报\\报告（修订）.docx"),  # one file on Windows and FAT
    ("C:\\年报\\报告.pdf", ".docx", "C:\\年报\\报告.docx"),
    ("C:\\年报\\报告.pdf", ".pdf", "C:\\年报\\报告（修订）.pdf"),
    ("\\\\server\\share\\年报\\CON.xlsx", ".docx", "\\\\server\\share\\年报\\_CON.docx"),
    ("C:\\年报\\报告", ".docx", "C:\\年报\\报告.docx"),
])
def test_beside_never_the_source_and_always_a_windows_name(source: str, suffix: str, expected: str) -> None:
    assert str(beside(PureWindowsPath(source), suffix, windows=True)) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("C:\\年报\\报告（修订）.docx", "C:\\年报\\报告（修订2）.docx"),  # never 报告（修订）（修订）
    ("C:\\年报\\报告（修订2）.docx", "C:\\年报\\报告（修订3）.docx"),
    ("C:\\年报\\报告(修订).docx", "C:\\年报\\报告（修订2）.docx"),  # brackets typed half-width
    ("C:\\年报\\（修订）.docx", "C:\\年报\\报告（修订2）.docx"),
    ("C:\\年报\\报告（修订稿）.docx", "C:\\年报\\报告（修订稿）（修订）.docx"),  # not our tag
])
def test_beside_a_revised_name_counts_on_never_doubles_the_tag(source: str, expected: str) -> None:
    assert str(beside(PureWindowsPath(source), ".docx", windows=True)) == expected


def test_beside_passes_over_revisions_already_there() -> None:
    there = {"C:\\年报\\报告（修订）.docx", "C:\\年报\\报告（修订2）.docx"}
    got = beside(PureWindowsPath("C:\\年报\\报告.docx"), ".docx", windows=True, taken=lambda p: str(p) in there)
    assert str(got) == "C:\\年报\\报告（修订3）.docx"
    # only a revision is passed over: a PDF's own .docx name is offered (the dialog asks to overwrite)
    assert str(beside(PureWindowsPath("C:\\年报\\报告.pdf"), ".docx", windows=True, taken=lambda p: True)) \
        == "C:\\年报\\报告.docx"


def test_beside_a_long_revised_name_is_shortened_before_its_tag() -> None:
    source = PureWindowsPath("C:\\" + "某" * 79 + "（修订9）.docx")  # 255 UTF-8 bytes: as long as a name may be
    assert safe_name(source.stem, ".docx") == source.name
    assert beside(source, ".docx", windows=True).name == "某" * 78 + "（修订10）.docx"


def test_beside_on_linux_a_name_a_windows_pc_takes_too() -> None:
    # made on Linux from a name Linux allows, for a USB stick that goes to a Windows PC
    assert beside(Path("/年报/财政局:2023.pdf"), ".docx") == Path("/年报/财政局：2023.docx")
    assert titled("某县财政局/国资委2023年度政府信息公开工作年度报告", ".docx").startswith("某县财政局／国资委")


def test_same_path_and_absolute_by_the_rules_of_windows() -> None:
    assert names.same_path("C:\\年报\\A.docx", "c:/年报/a.DOCX", windows=True)
    assert not names.same_path("/年报/A.docx", "/年报/a.docx", windows=False)
    unc = r"\\server\share\年报\报告.docx"
    assert names.absolute(unc, windows=True) == unc
    assert names.absolute("D:/年报/报告.docx", windows=True) == "D:\\年报\\报告.docx"
    assert names.absolute("报告.docx", windows=False) == os.path.join(os.getcwd(), "报告.docx")
    assert names.base_name(unc, windows=True) == "报告.docx"


@pytest.mark.parametrize("name", [
    "~$报告.docx", "~$县财政局2023年报.docx", ".~报告.docx", ".~lock.报告.docx#", "~WRL0001.tmp", "~wrd0003.TMP",
    "~WRF1234.tmp", "Thumbs.db", "thumbs.db", "desktop.ini", "Desktop.ini", ".DS_Store", "._报告.docx",
])
def test_leftovers_of_word_wps_and_the_system_are_recognised(name: str) -> None:
    assert office_leftover(name)


@pytest.mark.parametrize("name", ["报告.docx", "~报告.docx", "$报告.docx", "WRL0001.tmp", "报告~$.docx", "thumbs.db.docx"])
def test_reports_with_similar_names_are_not_leftovers(name: str) -> None:
    assert office_leftover(name) is None


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need a privilege there")
def test_same_file_knows_one_file_by_every_route(tmp_path: Path) -> None:
    """app.names.same_file is the one answer (rev23 L10: for a hard link five implementations said
    yes once and no four times): a hard link, a link to the file or to its folder, a “..” and a
    relative spelling are the file; an identical copy is not; a name not written yet is the file
    where its path leads there."""
    (tmp_path / "报告").mkdir()
    real = tmp_path / "报告" / "年报.docx"
    real.write_bytes(b"PK")
    (tmp_path / "硬链接.docx").hardlink_to(real)
    (tmp_path / "链接.docx").symlink_to(real)
    (tmp_path / "共享").symlink_to(tmp_path / "报告", target_is_directory=True)
    copy = tmp_path / "副本.docx"
    copy.write_bytes(b"PK")
    routes = [real, tmp_path / "硬链接.docx", tmp_path / "链接.docx", tmp_path / "共享" / "年报.docx",
              tmp_path / "报告" / ".." / "报告" / "年报.docx", Path(os.path.relpath(real))]
    assert all(names.same_file(a, b) and names.same_file(str(a), str(b)) for a in routes for b in routes)
    assert not any(names.same_file(copy, r) for r in routes) and not names.same_file(real, None)
    later = tmp_path / "报告" / "新.docx"
    assert names.same_file(later, tmp_path / "共享" / "新.docx") and not names.same_file(later, real)
    # a name the system refuses to look at is only itself
    assert names.same_file("a\0b.docx", "a\0b.docx") and not names.same_file("a\0b.docx", real)


def test_one_implementation_of_the_same_file() -> None:
    """Nobody else asks the disk whether two names are one file (os.path.samefile, a realpath
    compared with another): each copy of the question answered it its own way."""
    root = Path(__file__).resolve().parents[1]
    found = [f"{p.relative_to(root)}:{n}" for p in sorted([*root.glob("app/**/*.py"), *root.glob("ui/**/*.py")])
             if p.name != "names.py" or p.parent.name != "app"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "samefile(" in line or "def same_file" in line or ("def file_key" in line and "review_marks" not in str(p))]
    assert found == []
