"""The command line: a stable contract that tests and reviewers script against.

    python -m app [FILE] [--screenshot OUT.png [--page KEY] [--finding CODE[:N]]]   open the editor
    python -m app check FILE_OR_DIR… [--last LAST.docx] [--jobs N] [--xlsx SUMMARY.xlsx] [--json]
    python -m app dump FILE
    python -m app export FILE --to OUT.docx|.pdf|.xlsx [--clean]
    python -m app new --from LAST.docx --to NEW.docx

Exit codes: 0 fine; 1 at least one error-severity finding, or a report in which not one figure
of the statutory tables was read (check), or a publication copy written from a report that still
has error findings (export --clean: written all the same, a warning on stderr; dismissed findings
do not count); 2 a file could not be read or written (one line on
stderr naming the file and why, never a traceback); 3 (check) no report found in the folders
given (empty, a share not mounted, only pictures: never a clean pass).  2 takes precedence over 1: a
batch with an unreadable file exits 2 even where other reports have errors (the unreadable one's
findings are unknown; --json and --xlsx still list every finding).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from app import cli_text, collector, dataclass_cache, launch
from app.cli_paths import UsageError as UsageError
from app.cli_paths import expanded, given_path, one_file, output_file, refuse_same_file
from app.errors import ReadError, WriteError
from app.names import is_folder

if TYPE_CHECKING:
    from app import dismissals
    from app.batch import Said
    from app.findings import Finding
    from app.report import Report

COMMANDS = launch.COMMANDS
EXPORT_SUFFIXES = (".docx", ".pdf", ".xlsx")  # the format by the extension


def _parser() -> argparse.ArgumentParser:
    cli_text.install()
    p = argparse.ArgumentParser(prog="python -m app", description="政府信息公开工作年度报告编辑器。"
                                "不给子命令时打开编辑器：python -m app [报告文件]")
    sub = p.add_subparsers(dest="command", required=True, title="子命令")
    c = sub.add_parser("check", help="检查年报，列出问题（可给文件夹：其中的年报逐一检查）",
                       description="检查年报，列出问题。退出码：0 没有错误；1 有错误级问题；2 有文件无法读取或写入；"
                       "3 所给文件夹中没有找到年报")
    c.add_argument("files", nargs="+", type=given_path, metavar="FILE_OR_DIR",
                   help="年报文件（.docx .doc .wps .pdf .xlsx 网页副本…）或文件夹（逐一检查其中的年报）")
    c.add_argument("--last", type=given_path, metavar="LAST",
                   help="上一年度的年报（核对结转数等）；不给时，同一机关相邻年度的年报自动对照")
    c.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                   help="同时检查的进程数（默认每个处理器核一个；1 为不并行；最多每个核四个）")
    c.add_argument("--xlsx", type=Path, metavar="SUMMARY.xlsx",
                   help="另存汇总表（.xlsx）：每份年报一行，全部问题，无法读取的文件")
    c.add_argument("--json", action="store_true",
                   help="以 JSON 输出：每个问题一项；没有问题的、无法读取的、未检查的文件也各有一项"
                        "（代码 FILE-CLEAN、FILE-UNREADABLE、FILE-PASSED-OVER）")
    d = sub.add_parser("dump", help="以 JSON 输出年报内容", description="以 JSON 输出年报内容")
    d.add_argument("file", type=given_path, metavar="FILE", help="年报文件")
    e = sub.add_parser("export", help="导出为 .docx / .pdf / .xlsx", description="导出为 .docx / .pdf / .xlsx")
    e.add_argument("file", type=given_path, metavar="FILE", help="年报文件")
    e.add_argument("--to", required=True, type=Path, metavar="OUT",
                   help="输出文件，按扩展名（.docx .pdf .xlsx）决定格式")
    e.add_argument("--clean", action="store_true",
                   help="发布稿：不含忽略问题的理由、忽略人的登录名和上年报告等编辑器数据")
    n = sub.add_parser("new", help="由上一年度年报生成本年度年报", description="由上一年度年报生成本年度年报")
    n.add_argument("--from", dest="source", required=True, type=given_path, metavar="LAST", help="上一年度的年报")
    n.add_argument("--to", required=True, type=Path, metavar="NEW.docx", help="要写出的本年度年报")
    return p


def _plain_export(args: Sequence[str]) -> argparse.Namespace | None:
    """`export FILE --to OUT [--clean]`, in any order, each once, read without building the
    parser (its four subcommands' ~11 M instructions: ~4 ms of every export process): what
    argparse makes of the same arguments.  Anything else — a word starting with "-" (a help, an
    abbreviation, `--to=`, `--`), a repeat, a missing part — is None: argparse reads it, with its
    own messages.  (tests/test_cli_args.py holds it to argparse's Namespace.)"""
    if args[:1] != ["export"]:
        return None
    files: list[str] = []
    to: str | None = None
    clean = False
    rest = iter(args[1:])
    for word in rest:
        if word == "--to" and to is None:
            to = next(rest, "")
            if not to or to.startswith("-"):
                return None
        elif word == "--clean" and not clean:
            clean = True
        elif word and not word.startswith("-") and not files:
            files.append(word)
        else:
            return None
    if to is None or not files:
        return None
    return argparse.Namespace(command="export", file=Path(files[0]), to=Path(to), clean=clean)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if launch.is_editor(args):
        return launch.main(args)
    # Before the first dataclass is declared (the report's, the schema's): their methods come
    # compiled from the cache, as in the editor's start (~12 ms of an `export --to .pdf`).
    dataclass_cache.install()
    _escape_unencodable_output()
    ns = _plain_export(args) or _parser().parse_args(args)
    from app import backstop

    backstop.arm()  # each read here bounded: a hostile file is one line, not minutes or the machine's memory
    from app import compile_cache

    try:
        # The readers' and checks' patterns from the compile cache, as in the editor's start and
        # `export --to .pdf`: compiled afresh they were a third of a `dump` process's instructions.
        with compile_cache.compiled():
            return _command(ns)
    except (ReadError, WriteError, UsageError) as e:
        print(f"错误：{one_line(str(e))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except KeyboardInterrupt:  # Ctrl+C: one line, the shell's code for an interrupted command
        print("已中断", file=sys.stderr)
        return 130
    except Exception as e:  # never a traceback in front of a user: it goes to the log file
        from app.logs import log_unexpected

        logged = log_unexpected(e, ns.command)
        # No log written (a full disk): the line does not ask for one.
        where = f"，详细情况已记录在 {logged}，请把该文件和日志发给维护人员" if logged else "，请把该文件发给维护人员"
        print(one_line(f"错误：处理时出现意外问题（{type(e).__name__}: {e}）{where}"), file=sys.stderr)
        return 2


def _command(ns: argparse.Namespace) -> int:
    if ns.command == "check":
        return _check(expanded(ns.files), ns.last and one_file(ns.last), ns.json, ns.jobs, ns.xlsx)
    if ns.command == "dump":
        import json

        with _no_cycle_collection():  # one read, then the process ends (as an export)
            print(json.dumps(dump(load_report(one_file(ns.file))), ensure_ascii=False, indent=1))
        return 0
    if ns.command == "export":
        return _export(one_file(ns.file), ns.to, ns.clean)
    return _new(one_file(ns.source), ns.to)


def _escape_unencodable_output() -> None:
    """A file name that is not UTF-8 (a Windows zip's GBK name unzipped on Linux) reaches us with
    lone surrogates, which stdout refuses: printed as \\udcb1 instead, so `--json` stays UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # a test's StringIO has none
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


_ESCAPED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def one_line(text: str) -> str:
    """A message kept to one line whatever the file's name holds (a line break, a tab, an
    escape sequence): scripts read stderr a line per file."""
    # Control and format characters and line/paragraph separators only: the full-width space
    # (U+3000) and the no-break space of Chinese file names stay as they are.
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in _ESCAPED else ch for ch in text)


def load_report(path: Path) -> Report:
    """app.reading's, imported when a command reads (the editor's start leaves it to the prefetch),
    within the backstop (app/backstop.py): past its deadline, one line as any reader's refusal."""
    from app import backstop
    from app.reading import load_report as read

    try:
        with backstop.reading():
            return read(path)
    except backstop.TooCostly as e:
        raise ReadError(f"{path}：{e}") from None


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"“{text}”不是正整数")
    return n


def _check(files: list[Path], last: Path | None, as_json: bool, jobs: int | None = None,
           xlsx: Path | None = None) -> int:
    from app import batch as batches
    from app.cli_batch import FILE_CLEAN, FILE_PASSED_OVER, FILE_UNREADABLE, file_entry, given_last
    from app.lastyear import LastYear, pairing_note

    if xlsx is not None:  # the summary must not replace a report it is about
        for given in [*files, *([last] if last else [])]:
            if not is_folder(given):
                refuse_same_file(given, xlsx)
        output_file(xlsx, (".xlsx",), "汇总表", stem="汇总表")  # before the batch, not after it
    last_report = load_report(last) if last else None
    last_json = LastYear.from_report(last_report, last.name).to_json() if last and last_report else None
    many = len(files) > 1 or any(is_folder(f) for f in files)
    from app.cli_progress import ProgressBar  # here: the editor's start imports this module

    with ProgressBar() as bar:
        result = batches.run(files, jobs, progress=bar, last=last_json)
    if last is not None and last_report is not None:
        given_last(result, last)
    out: list[dict[str, object]] = []
    copies = result.last_copies()
    for r in result.results:
        if r.error is not None:
            print(f"错误：{one_line(r.error)}", file=sys.stderr)
            out.append(file_entry(r.path, FILE_UNREADABLE, "error", r.reason))
            continue
        if r.not_report is not None:  # found in a folder, no report by its content: counted below
            continue
        # Said when the report given as last year's plainly is not (rev23 L2); not compared with
        # where another organ's or year's (rev23b M3: app/batch.last_misfit).
        said = pairing_note(r.year, r.organ, last_report.year, last_report.organ, "--last 所给报告") if last_report else ""
        if said:
            print(one_line(f"注意：{Path(r.path).name}：{said}{'，未对照' if r.last_refused else ''}"), file=sys.stderr)
        if as_json:
            out += [x.to_json(r.path) for x in r.findings]
            out += [{**x.to_json(r.path), "dismissed": d.to_json()} for x, d in r.dismissed]
            if not r.findings:  # every file has its entry: read and clean is not absent
                ignored = f"（已忽略 {len(r.dismissed)} 个）" if r.dismissed else ""
                out.append(file_entry(r.path, FILE_CLEAN, "info", f"已检查，没有问题{ignored}"))
        else:
            _print_findings(Path(r.path), r.findings, r.dismissed)
            if r.duplicates:  # before the pairing, as the window's 备注: the one to act on
                print(one_line(f"  注意：{batches.note(r, result.base)}"))
            if r.paired_with:
                among = batches.chosen_among(copies.get(r.paired_with, 1))
                print(one_line(f"  已对照上年报告：{r.paired_with}{among}"))
    if as_json:
        import json

        out += [file_entry(r.path, FILE_PASSED_OVER, "info", r.reason) for r in result.passed_over()]
        print(json.dumps(out, ensure_ascii=False, indent=1))
    elif many:
        checked, unreadable = len(result.checked), len(result.unreadable)
        blank = f"（其中 {len(result.without_figures)} 份统计表中没有任何数字）" if result.without_figures else ""
        over = result.passed_over()
        from app.ownfiles import own_note

        own, note = own_note((r.not_report for r in over), "，")  # neither reports nor other files
        print(f"共 {checked + unreadable} 个文件：检查 {checked} 份{blank}，"
              f"无法读取 {unreadable} 份，对照上年 {len(result.pairs)} 对；"
              f"文件夹中另有 {len(over) - own} 个非年报文件未检查" + note)
    if result.exit_code() == batches.NO_REPORT:  # an empty or wrong folder is no clean pass
        folders = "、".join(os.path.abspath(f) for f in files if is_folder(f)) or "、".join(str(f) for f in files)
        print(one_line(f"文件夹中没有找到年报：{folders}"), file=sys.stderr)
    if xlsx is not None:
        for r in result.checked:  # a workbook report found in a folder: read, so no summary
            refuse_same_file(Path(r.path), xlsx)
        from app.review_marks import stored

        # 状态: the reviewer's marks the batch window keeps (marks.json in the editor's data folder)
        result.status, problem = stored((r.path, r.digest) for r in result.checked)
        if problem:
            print(one_line(f"注意：{problem}"), file=sys.stderr)
        batches.write_summary(result, xlsx)
        print(one_line(f"已导出汇总表：{xlsx}"), file=sys.stderr if as_json else sys.stdout)
    return result.exit_code()


def check_report(report: Report, last: Report | None = None) -> list[Finding]:
    from app.checks import run_all  # here: `export` and `dump` need no checks (nor their regexes)
    from app.lastyear import LastYear

    return run_all(report, LastYear.from_report(last) if last is not None else None)


def _print_findings(path: Path, findings: Sequence[Finding | Said],
                    dismissed: Sequence[tuple[Finding | Said, dismissals.Dismissal]] = ()) -> None:
    from app.findings import Severity  # here: the PDF export's process never needs the findings

    # A file's name and text come from whoever sent the file: a line break or an escape sequence
    # in them must not forge a line or move the terminal's cursor (one_line shows them escaped).
    print(one_line(str(path)))
    for x in findings:
        print(one_line(f"  [{x.severity.name_zh}] {x.code} {x.location.describe()}：{x.message}"))
    counts = {s: sum(1 for x in findings if x.severity is s) for s in Severity}
    print(f"  共 {counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 个提示")
    if dismissed:
        print(f"  已忽略 {len(dismissed)} 个（不计入以上数目）：")
        for x, d in dismissed:
            reason = f"理由：{d.reason}；" if d.reason else ""
            print(one_line(f"  [已忽略·{x.severity.name_zh}] {x.code} {x.location.describe()}：{x.message}（{reason}{d.by}，{d.at}）"))


def dump(report: Report) -> dict[str, object]:
    """The report as the JSON shape of the contract: values exactly as the file states them."""
    from app.schema import (
        PROACTIVE,
        REQUESTS,
        REVIEWS,
        T2_COL,
        T2_DECISION_ROWS,
        T2_FEES,
        T2_IN_FORCE_ROWS,
        T2_ONLY_COL,
        T2_ROW,
        T4_ROW,
        TABLE2,
        TABLE3,
        TABLE4,
        TEXT_SECTIONS,
    )
    from app.values import format_value

    t2 = report.tables[PROACTIVE]
    t3 = report.tables[REQUESTS]
    t4 = report.tables[REVIEWS]
    amount = t2[(T2_FEES, T2_ONLY_COL)]
    table2: dict[str, object] = {label: [t2[(T2_ROW[label], c)] for c in T2_COL.values()] for label in T2_IN_FORCE_ROWS}
    table2 |= {label: t2[(T2_ROW[label], T2_ONLY_COL)] for label in T2_DECISION_ROWS}
    table2[TABLE2.row_labels[T2_FEES]] = None if amount is None else format_value(amount)
    return {
        "organ": report.organ,
        "year": report.year,
        "date": report.date.isoformat() if report.date else None,
        "table2": table2,
        "table3": [[t3[(r, c)] for c in range(TABLE3.n_cols)] for r in range(TABLE3.n_rows)],
        "table4": [t4[(T4_ROW, c)] for c in range(TABLE4.n_cols)],
        "sections": {k: report.section_text(k) for k in TEXT_SECTIONS},
    }


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """One short run of work with the cycle collector paused: its passes would walk what the
    imports (PySide's above all) and the reader make and free next to nothing (15–45 ms of an
    `export --to .pdf` process); reference counting still frees the rest."""
    with collector.paused():
        yield
    # The process ends after the export: at shutdown Python collects once more whether enabled
    # or not, walking every object PySide and the reader made (18 ms); frozen ones it skips.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _export(src: Path, dest: Path, clean: bool = False) -> int:
    refuse_same_file(src, dest)
    output_file(dest, EXPORT_SUFFIXES, "导出文件")
    from app.io import check_target

    check_target(dest)  # a folder, a read-only file, no such folder: said before the read, not after
    with _no_cycle_collection():
        return _export_to(src, dest, clean)


def _export_to(src: Path, dest: Path, clean: bool = False) -> int:
    """``clean``: the copy for publication (app/publish.py).  Only a .docx carries the editor's
    data; a .pdf or .xlsx never does, so for them it changes nothing."""
    suffix = dest.suffix.lower()
    if suffix == ".pdf":
        from app import compile_cache

        with compile_cache.compiled():  # the reader's and the print path's patterns, PySide's Python
            said = _export_pdf(src, dest)
        print(one_line(f"已导出：{dest}"))
        if said:  # written all the same: the characters are in its text, the pages show boxes
            print(one_line(f"警告：{dest}：{said}"), file=sys.stderr)
        return 0
    report = load_report(src)
    if suffix == ".docx" and clean:
        from app.publish import errors_left, write_published

        write_published(report, dest)
        print(one_line(f"已导出：{dest}"))
        _warn_undrawn(report, dest)
        # Written all the same (a script asked for it), but the website would get figures that
        # do not add up: said on stderr, and exit 1 as ``check`` does for such a report.
        errors = errors_left(report)
        if errors:
            print(one_line(f"警告：{src}：还有 {len(errors)} 个错误没有改正（已忽略的不计），发布稿仍已导出到 {dest}；"
                           f"用 check 查看这些错误"), file=sys.stderr)
        return 1 if errors else 0
    elif suffix == ".docx":
        from app.io import save_report

        save_report(report, dest)
    elif suffix == ".xlsx":
        from app.xlsx_write import write_xlsx

        write_xlsx(report, dest)
    else:  # refused before (output_file)
        raise UsageError(f"{dest}：不支持的导出格式“{dest.suffix}”")
    print(one_line(f"已导出：{dest}"))
    if suffix == ".docx":
        _warn_undrawn(report, dest)
    return 0


def _warn_undrawn(report: Report, dest: Path) -> None:
    """A .docx with characters no font here has: Word and WPS here show boxes (said on stderr,
    the file written all the same).  Qt is loaded to ask only for a report with characters
    outside GB 2312 (app/undrawn.py): for any other, nothing is loaded."""
    from app.undrawn import candidates

    if not candidates(report):
        return
    try:
        from ui.print_fonts import undrawn_warning
        from ui.print_pdf import ensure_app
    except ImportError:  # no Qt to ask: nothing known, nothing said
        return
    ensure_app()
    said = undrawn_warning(report, None, "在本机用 Word/WPS 打开时", "；在其他电脑上打开时，那台电脑也要有这样的字体")
    if said:
        print(one_line(f"警告：{dest}：{said}"), file=sys.stderr)


def _export_pdf(src: Path, dest: Path) -> str | None:
    """The editor's own print layout (Qt, headless); LibreOffice only where Qt cannot load.
    A line to warn with where some characters show as boxes (ui.print_pdf.export_pdf).

    NIANBAO_PREFETCH=fork: a forked child reads the .docx while this process loads Qt and its
    fonts, and hands the report over pickled; the reader's messages stay its own (app.prefetch).
    Not by default: measured on the 2-core machine, the child cost 25–35 ms more CPU than the
    read here (the fork's copied pages, its exit, its caches unwritten) and never gave back more
    wall time than that.  Only a process with one thread forks: never one that runs Qt."""
    forked = _fork_worth_it() and _prefetch().start(src, check=False)
    read = None if forked else load_report(src)  # not forked: read before Qt, as ever

    def report() -> Report:
        if read is not None:
            return read
        got = _prefetch().take(src)  # the child's report, or its reader's message (ReadError)
        return got[0] if got is not None else load_report(src)  # the child could not: read here

    try:
        try:
            from ui.print_pdf import export_pdf  # the entry point may start Qt; the domain never does
        except ImportError as e:
            from app.pdf import export_pdf_with_libreoffice

            export_pdf_with_libreoffice(report(), dest, reason=str(e))
            return None
        return export_pdf(report(), dest)
    finally:
        if forked:
            _prefetch().discard()  # a child nobody took (an exception before the take): stopped


def _prefetch() -> ModuleType:
    """app.prefetch, imported only where a child is asked for (it loads pickle: ~1 ms of every
    other export)."""
    from app import prefetch

    return prefetch


def _fork_worth_it() -> bool:
    """Asked for (NIANBAO_PREFETCH=fork), forking is possible here, and safe: one thread, no Qt."""
    if os.environ.get("NIANBAO_PREFETCH") != "fork":
        return False
    import threading

    return (_prefetch().mode() == "fork" and threading.active_count() == 1
            and "PySide6.QtCore" not in sys.modules)


def _new(source: Path, dest: Path) -> int:
    from app.io import save_report
    from app.nextyear import next_year

    refuse_same_file(source, dest)
    output_file(dest, (".docx",), "本年度报告")
    save_report(next_year(load_report(source), source.name), dest)
    print(one_line(f"已生成：{dest}"))
    return 0
