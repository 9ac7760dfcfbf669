"""A reviewer's batch: every report in some folders checked, in parallel, in a stable order.

Workers (processes, app/batch_pool.py; spawn-safe: what they run is this module's ``check_file``)
read one file each and return only a ``FileResult`` — findings, a few summary fields and a
compact copy of the figures and text that next year's report is compared with — never the
report, so memory stays flat however many files there are.  Reports of the same organ for
consecutive years are paired: the later one is checked again against the earlier one, so the
cross-year checks (CROSS-YEAR-CARRYOVER, CROSS-YEAR-IN-FORCE, …) run as ``check --last`` would.
"""

from __future__ import annotations

import json
import os
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import backstop

# Which files of a folder are checked, as the command line and the window know it.
from app.batch_collect import SUFFIXES as SUFFIXES
from app.batch_collect import collect as collect
from app.batch_collect import file_order as file_order
from app.batch_collect import read_head as read_head
from app.batch_collect import skip_reason as skip_reason

# The summary workbook, as the command line and the window know it (its module types with ours).
from app.batch_pool import Runner, default_jobs, most_jobs
from app.batch_summary import FINDINGS_HEADER as FINDINGS_HEADER
from app.batch_summary import FIRST_FINDINGS as FIRST_FINDINGS
from app.batch_summary import PASSED_OVER_HEADER as PASSED_OVER_HEADER
from app.batch_summary import SUMMARY_HEADER as SUMMARY_HEADER
from app.batch_summary import UNREADABLE_HEADER as UNREADABLE_HEADER
from app.batch_summary import base_folder as base_folder
from app.batch_summary import chosen_among as chosen_among
from app.batch_summary import dismissed_findings as dismissed_findings
from app.batch_summary import first_findings as first_findings
from app.batch_summary import none_open as none_open
from app.batch_summary import note as note
from app.batch_summary import shown_path as shown_path
from app.batch_summary import write_summary as write_summary
from app.dismissals import Dismissal
from app.findings import HIDDEN_TEXT, NO_FIGURES, REGISTRY, Declared, Finding, Severity
from app.names import file_key, is_folder
from app.ownfiles import OWN_REASONS
from app.schema import TEXT_SECTIONS
from app.textfold import fold

if TYPE_CHECKING:
    pass

# What a picture starts with: a screenshot or a scan in a folder of reports, whatever its name.
_IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
           (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))
# A plain-text file is how notes are written (说明.txt, 新建文本文档.txt): an empty one is no report.
_NOTE_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class _Where:
    """A kept finding's place, as Location.describe() said it."""

    text: str

    def describe(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Said:
    """A finding as the batch keeps it: what the printout, the JSON and the summary workbook
    show of it, never its cells, its fix or the other copy's place.  Findings in full held the
    batch's memory at ~2.5 KB each, so 2,000 reports peaked ~60 MB over 200 (hostile30 #16);
    these hold the message and the place in words.  Read as a Finding is (code, severity,
    kind, message, location.describe(), declared, to_json)."""

    code: str
    severity: Severity
    kind: str
    message: str
    where: str

    @classmethod
    def of(cls, finding: Finding) -> Said:
        return cls(finding.code, finding.severity, finding.kind, finding.message, finding.location.describe())

    def __reduce__(self) -> tuple[type[Said], tuple[str, Severity, str, str, str]]:
        # Pickled as its five values: a worker's results cross to the window's process, where a
        # frozen slotted dataclass's own state was set back field by field in Python (2,347
        # findings: ~50 ms of the receiving thread holding the GIL the window's calls wait
        # for, ~45 ms pickling them in the worker); built by __init__, about half and a third.
        return (Said, (self.code, self.severity, self.kind, self.message, self.where))

    @property
    def location(self) -> _Where:
        return _Where(self.where)

    @property
    def declared(self) -> Declared:
        return REGISTRY[(self.code, self.kind)]

    def to_json(self, file: str) -> dict[str, object]:
        return {"file": file, "code": self.code, "severity": self.severity.json_name, "location": self.where,
                "message": self.message}


@dataclass
class FileResult:
    """One file of a batch check: what was read of it and its findings."""

    path: str
    organ: str = ""
    year: int | None = None
    date: str | None = None  # 成文日期, ISO
    findings: list[Said] = field(default_factory=list)
    dismissed: list[tuple[Said, Dismissal]] = field(default_factory=list)
    error: str | None = None  # why the file could not be read; one line of Chinese
    # LastYear.to_json() of this report, for pairing, packed (``pack``): its text is most of a
    # report, and every report is kept until the batch's pairs are known.
    last_year: bytes | None = None
    paired_with: str | None = None  # last year's report (in the batch) it was checked against
    duplicates: list[str] = field(default_factory=list)  # other files of the same organ and year
    # Why the file, found in a folder, is no report by its content (a note, a picture, a list of
    # names): not checked, not counted as unreadable.  A file named on its own is always checked.
    not_report: str | None = None
    # The file as it was just before it was read (mtime in ns, size; None: gone): a file saved
    # while it was being read, or before its row came, is seen to have changed (app/batch_recheck.py).
    stamp: tuple[int, int] | None = None
    # SHA-256 of the file's bytes, taken with the stamp: its 审核状态 is keyed by it (app/review_marks.py).
    digest: str | None = None
    # Why the one last year given for every file (check --last) was not compared with this one:
    # another organ's or another year's (``last_misfit``); None when compared or none given.
    last_refused: str | None = None
    # How many figures of the statutory tables were read: of last year's copies (a draft, a scan
    # beside the report) the fullest is the one compared with (``choose_last``).
    figures: int = 0

    @property
    def reason(self) -> str:
        """Why it was not checked, without the file's path the readers' messages begin with
        (the row or the sheet already names the file)."""
        text = self.error or self.not_report or ""
        for prefix in (self.path, str(Path(self.path)), os.path.abspath(self.path)):
            if text.startswith(prefix + "："):
                return text[len(prefix) + 1:]
        return text

    @property
    def no_figures(self) -> bool:
        """Read and checked, but not one figure in the statutory tables (the reader's NO-FIGURES,
        counted or dismissed): figures hidden, pictured or lost on the way."""
        return any(f.declared is NO_FIGURES for f in [*self.findings, *(f for f, _ in self.dismissed)])

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})


NO_REPORT = 3  # check's exit code when the folders given hold no report (app/cli.py)


@dataclass
class Batch:
    """The result of checking files and folders: one row per report file."""

    results: list[FileResult]  # in the order of ``collect``: stable whatever the parallelism
    skipped: list[Path] = field(default_factory=list)  # files in the folders that are no report by name
    cancelled: bool = False
    base: Path | None = None  # the folder the files are shown relative to (``base_folder``)
    # Each file's 审核状态 and the day it was marked (path → both), as the batch window shows them;
    # none where not known (the command line's summary).
    status: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The files of the plan never reached (取消, or a run that failed midway): the summary says
    # it is not the folder's whole result and names them (rev23b M4).
    unfinished: list[str] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """(last year's file, this year's file) of each pair checked."""
        return [(r.paired_with, r.path) for r in self.results if r.paired_with]

    @property
    def unreadable(self) -> list[FileResult]:
        return [r for r in self.results if r.error is not None]

    @property
    def checked(self) -> list[FileResult]:
        """The reports read and checked."""
        return [r for r in self.results if r.error is None and r.not_report is None]

    def passed_over(self) -> list[FileResult]:
        """Every file in the folders that is no report, by name or by content, with why; by path
        (Chinese in pinyin order, as 批量检查's list)."""
        named = [FileResult(str(p), not_report=skip_reason(p)) for p in self.skipped]
        passed = [r for r in self.results if r.not_report is not None] + named
        return sorted(passed, key=lambda r: file_order(r.path))

    def last_copies(self) -> dict[str, int]:
        """Each report compared with, by path: how many copies of its organ and year the batch
        has, where more than one (the 汇总 and the command line say which was chosen)."""
        checked = self.checked
        return {checked[i].path: len(rows) for rows in pair_groups(checked).values() if len(rows) > 1 for i in rows}

    def shown(self, path: str) -> str:
        """How a file is named to the reviewer: its path within the chosen folder."""
        return shown_path(path, self.base)

    @property
    def without_figures(self) -> list[FileResult]:
        """The reports read and checked in which not one figure was read."""
        return [r for r in self.checked if r.no_figures]

    def exit_code(self) -> int:
        """2 if any file could not be read (it takes precedence: its findings are unknown), else
        3 if no report was found at all (an empty or wrong folder, a share not mounted: never a
        clean pass), else 1 if any report has an error finding (dismissed ones do not count; a
        report without any figure has its NO-FIGURES error), else 0."""
        if self.unreadable:
            return 2
        if not self.checked:
            return NO_REPORT
        return 1 if any(r.count(Severity.ERROR) for r in self.results) else 0


def is_own_file(r: FileResult) -> bool:
    """A row passed over as this program's backup or 发布稿 of the report beside it (``collect``)."""
    return r.not_report in OWN_REASONS


def organ_key(organ: str) -> str:
    """The organ's name as compared between years: full-width/half-width, spaces and
    punctuation do not matter (“某县 财政局” = “某县财政局”)."""
    return "".join(ch for ch in fold(organ) if unicodedata.category(ch)[0] not in "PSZ")


def check_file(path: str, last: dict[str, Any] | None = None,
               cancelled: Callable[[], bool] | None = None) -> FileResult:
    """Read and check one file: the worker's whole job.  Never raises: an unreadable file is a
    result with ``error``.  ``last``: last year's report (LastYear json) to check against.
    ``cancelled``: in this process (jobs=1), stops a .doc's LibreOffice conversion midway.
    The file's stamp is taken before it is read: one saved meanwhile reads as changed."""
    from app.review_marks import digest

    stamp = file_stamp(path)
    try:  # a worker's read, or `check FILE`'s own, bounded (app/backstop.py): past it, one line
        with backstop.reading():
            result = _check(path, last, cancelled)
    except backstop.TooCostly as e:
        result = FileResult(path, error=f"{path}：{e}")
    except MemoryError:  # past the ceiling outside the reader and the checks (their own say it)
        result = FileResult(path, error=f"{path}：{backstop.too_big()}")
    result.stamp = stamp
    # Hashed once the reader took it: a file refused (a FIFO, 2 GB) is never read again in full, and
    # has nothing to mark.  Changed in between: its stamp has moved, and the recheck reads both again.
    if result.error is None and result.not_report is None:
        result.digest = digest(path)
    return result


def file_stamp(path: str) -> tuple[int, int] | None:
    """(modification time in ns, size); None for a file gone or a name no file can have."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_size


def _check(path: str, last: dict[str, Any] | None, cancelled: Callable[[], bool] | None) -> FileResult:
    from app.checks import run_all
    from app.dismissals import split
    from app.io import ReadError
    from app.lastyear import LastYear
    from app.reading import load_report

    try:
        report = load_report(path, cancelled)
    except ReadError as e:
        return FileResult(path, error=str(e), not_report=_unread_not_report(Path(path), e))
    except Exception as e:  # a file no test has seen: name it, keep the batch going
        return FileResult(path, error=f"{path}：无法读取（{type(e).__name__}: {e}）")
    refused = None
    try:
        last_year = LastYear.from_json(last) if last is not None else None
        if last_year is not None and (refused := last_misfit(report.organ, report.year, last_year)):
            last_year = None  # another organ's or year's: every cross-year finding would be false
        if last_year is not None and not any(v is not None for g in last_year.tables.values() for v in g.values()):
            from app.lastyear import attached

            # a last year without a figure (a draft, a scan) never displaces the one the author attached
            last_year = None if attached(report) is not None else last_year
        findings, dismissed = split(report, run_all(report, last_year))
        own = LastYear.from_report(report, Path(path).name).to_json()
    except MemoryError:  # the memory ceiling (app/backstop.py) reached by the checks: no bug of theirs
        return FileResult(path, report.organ, report.year, error=f"{path}：{backstop.too_big()}")
    except Exception as e:  # a check's bug on a strange file is that file's problem only
        return FileResult(path, report.organ, report.year,
                          error=f"{path}：检查时出现意外问题（{type(e).__name__}: {e}），请把该文件发给维护人员")
    # Kept as words (Said): the report and its findings in full go when this returns.
    return FileResult(path, report.organ, report.year, report.date.isoformat() if report.date else None,
                      [Said.of(f) for f in findings], [(Said.of(f), d) for f, d in dismissed],
                      last_year=pack(own), not_report=_read_not_report(report), last_refused=refused,
                      figures=sum(v is not None for t in report.tables.values() for v in t.values()))


def last_misfit(organ: str, year: int | None, last: Any) -> str | None:
    """Why ``last`` (a LastYear) is not the report of the year before of this organ, as far as
    both say (the window's 与上年报告对照 asks the same); None when it is, or cannot be told."""
    if year and last.year and last.year != year - 1:
        return f"年度不符：本报告为{year}年度"
    if organ_key(organ) and organ_key(last.organ) and organ_key(organ) != organ_key(last.organ):
        return f"机关不符：本报告为“{organ}”"
    return None


def _unread_not_report(path: Path, error: Exception) -> str | None:
    """Why a file that could not be read as a report is no report at all: a picture, slides,
    a note with neither the statutory tables nor the headings, an empty text file.  None for
    a report that is damaged, scanned, locked or cut short: that one the reviewer must chase."""
    from app.errors import NotAReport

    head = read_head(path, 16)
    if head is None:
        return None
    for magic, kind in _IMAGES:
        if head.startswith(magic):
            return f"这是一张图片（{kind}），不是年报"
    if path.suffix.lower() in _NOTE_SUFFIXES and not head.strip(b" \t\r\n\xef\xbb\xbf"):
        return "空白的文本文件，不是年报"
    cause = error.__cause__
    # The reader's own verdict, passed up with the file's name before it: not one that the
    # PDF reader turned into another (its pages are scanned: a report all the same).
    if isinstance(error, NotAReport):
        return FileResult(str(path), error=str(error)).reason
    if isinstance(cause, NotAReport) and str(error).endswith(str(cause)):
        return str(cause)
    return None


def _read_not_report(report: Any) -> str | None:
    """A file read without error that has nothing of a report: no figure in any statutory
    table, no title with organ or year, text in at most one of the parts (a list of names, a
    workbook of addresses).  A report whose tables are pictures has its parts; an empty
    template its tables' labels, which the reader places as blank cells: neither is passed over."""
    if report.organ or report.year is not None or report.raw or report.has_figures():
        return None
    if any((f.code, f.kind) == (HIDDEN_TEXT.code, HIDDEN_TEXT.kind) for f in report.import_findings):
        return None  # text in it kept out of sight: a report made to look like none (a workbook's
        # hidden column is everyday spreadsheet work: an address book with one is still passed over)
    from app.findings import MISSING_TABLE

    missing = {f.location.section for f in report.import_findings
               if (f.code, f.kind) == (MISSING_TABLE.code, MISSING_TABLE.kind)}
    if len(missing) < len(report.tables):
        return None  # a statutory table is there, if blank
    if sum(1 for key in TEXT_SECTIONS if report.section_text(key).strip()) >= 2:
        return None
    return "没有法定统计表，也没有年报的标题和各部分，不是政府信息公开工作年度报告"


Progress = Callable[[int, int, FileResult], None]  # (done, total, the result just in)
# The results to be checked again against last year's (each marked paired_with): not yet final.
Pairing = Callable[[list[FileResult]], None]


def run(paths: Sequence[str | Path], jobs: int | None = None, progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None, last: dict[str, Any] | None = None,
        named: Iterable[str | Path] | None = None, base: Path | None = None,
        pairing: Pairing | None = None, apart: bool = False) -> Batch:
    """Check every report under ``paths``.  ``jobs``: processes (None: one per core; 1: in
    this process, unless ``apart`` and more than one file).  ``progress`` is called in the
    calling thread as each result comes in;
    ``cancelled`` is polled between results.  ``last``: one last year for every file (``check
    --last``); without it consecutive years of the same organ in the batch are paired.
    ``named``: the files the user named one by one, always checked as reports (None: those of
    ``paths`` that are no folder); a file found in a folder that is no report by its content
    is passed over (``FileResult.not_report``).  ``base``: see ``base_folder``.  ``pairing``: called
    in the calling thread, once the pairs are known, with the results to be checked again."""
    files, skipped = collect(paths)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, max(1, len(files)), most_jobs())
    batch = Batch([FileResult(str(f)) for f in files], skipped, base=base or base_folder(paths))
    alone = {file_key(p) for p in (named if named is not None else [p for p in paths if not is_folder(p)])}
    stop = cancelled or (lambda: False)
    from app.read_apart import any_risky  # one file of a window's batch: its thread, unless risky

    with Runner(jobs, check_file, crashed, apart=apart and (len(files) > 1 or any_risky(files))) as runner:
        first = [(i, str(f), last) for i, f in enumerate(files)]
        total = len(first)
        done = 0
        reached: set[int] = set()
        for i, result in runner.map(first, stop):
            result = settle(result, file_key(result.path) in alone)
            batch.results[i] = result
            reached.add(i)
            done += 1
            if progress:
                progress(done, total, result)
        if stop():
            # the rows never reached are no reports checked clean: named apart, not counted
            batch.unfinished = [r.path for i, r in enumerate(batch.results) if i not in reached]
            batch.results = [r for i, r in enumerate(batch.results) if i in reached]
            batch.cancelled = True
            return _finish(batch)
        again = [] if last is not None else _pair(batch.results)
        if pairing and again:
            pairing([batch.results[i] for i, _path, _last in again])
        total += len(again)
        for i, result in runner.map(again, stop):
            result.paired_with, result.duplicates = batch.results[i].paired_with, batch.results[i].duplicates
            batch.results[i] = result
            done += 1
            if progress:
                progress(done, total, result)
        batch.cancelled = stop()
    return _finish(batch)


def crashed(path: str) -> FileResult:
    """A file whose worker process died reading it, even alone (killed, out of memory)."""
    return FileResult(path, error=f"{path}：读取时检查进程异常退出（文件可能过大或结构异常），未能检查")


def settle(result: FileResult, named: bool) -> FileResult:
    """A file named on its own is checked as a report whatever it holds; one found in a
    folder that is no report is passed over: no findings, not unreadable."""
    if result.not_report is None:
        return result
    if named:
        result.not_report = None
        return result
    return FileResult(result.path, not_report=result.not_report)


def pair_key(r: FileResult) -> tuple[str, int] | None:
    """(organ, year) by which reports are paired across years and found duplicated; None for a
    file unread, or one without its year or organ."""
    if r.error is None and r.year is not None and organ_key(r.organ):
        return organ_key(r.organ), r.year
    return None


def pair_groups(results: Sequence[FileResult]) -> dict[tuple[str, int], list[int]]:
    """The rows of each (organ, year), in the results' order."""
    by_key: dict[tuple[str, int], list[int]] = {}
    for i, r in enumerate(results):
        key = pair_key(r)
        if key is not None:
            by_key.setdefault(key, []).append(i)
    return by_key


def choose_last(results: Sequence[FileResult], rows: Sequence[int]) -> FileResult:
    """Of last year's copies in the batch (``rows``: one organ, one year), the one compared with
    (rev23b M2: the first by name, a draft with no figure, hid a real carry-over error): the one
    with the most figures read — never one with none while another has some — then the newest
    file; the batch's order breaks a tie."""
    def rank(i: int) -> tuple[bool, int, int, int]:
        r = results[i]
        return not r.no_figures, r.figures, r.stamp[0] if r.stamp else 0, -i
    return results[max(rows, key=rank)]


def _pair(results: list[FileResult]) -> list[tuple[int, str, dict[str, Any] | None]]:
    """Mark duplicates and pairs; the files to check again, each with last year's report."""
    by_key = pair_groups(results)
    again: list[tuple[int, str, dict[str, Any] | None]] = []
    for (key, year), same in by_key.items():
        for i in same:
            results[i].duplicates = [results[j].path for j in same if j != i]
        before = by_key.get((key, year - 1))
        if before:
            last = choose_last(results, before)
            for i in same:
                results[i].paired_with = last.path
                again.append((i, results[i].path, unpack(last.last_year)))
    return sorted(again)


def pack(data: dict[str, Any]) -> bytes:
    """A report's LastYear json as kept until pairing: compressed JSON, ~1/5 of the dict's size."""
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1)


def unpack(data: bytes | None) -> dict[str, Any] | None:
    return None if data is None else json.loads(zlib.decompress(data))  # type: ignore[no-any-return]


def _finish(batch: Batch) -> Batch:
    for r in batch.results:
        r.last_year = None  # only pairing needed it
    return batch
