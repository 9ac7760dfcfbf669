"""The command line: a stable contract that tests and reviewers script against.

    python -m app [FILE] [--screenshot OUT.png]   open the editor
    python -m app check FILE… [--last LAST.docx] [--json]
    python -m app dump FILE
    python -m app export FILE --to OUT.docx|.pdf|.xlsx
    python -m app new --from LAST.docx --to NEW.docx

Exit codes: 0 fine; 1 at least one error-severity finding (check); 2 a file could not be
read or written (one line on stderr naming the file and why, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app import dismissals
from app.checks import run_all
from app.findings import Finding, Severity
from app.io import ReadError, WriteError, load_report
from app.report import Report
from app.schema import T2_COL, T2_ONLY_COL, T2_ROW, T4_ROW, TABLE3, TABLE4, TEXT_SECTIONS
from app.values import format_value

COMMANDS = ("check", "dump", "export", "new")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m app", description="政府信息公开工作年度报告编辑器")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="检查年报，列出问题")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument("--last", type=Path, help="上一年度的年报（核对结转数等）")
    c.add_argument("--json", action="store_true", help="以 JSON 输出")
    d = sub.add_parser("dump", help="以 JSON 输出年报内容")
    d.add_argument("file", type=Path)
    e = sub.add_parser("export", help="导出为 .docx / .pdf / .xlsx")
    e.add_argument("file", type=Path)
    e.add_argument("--to", required=True, type=Path)
    n = sub.add_parser("new", help="由上一年度年报生成本年度年报")
    n.add_argument("--from", dest="source", required=True, type=Path)
    n.add_argument("--to", required=True, type=Path)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in (*COMMANDS, "-h", "--help"):
        return _open_editor(args)
    ns = _parser().parse_args(args)
    try:
        if ns.command == "check":
            return _check(ns.files, ns.last, ns.json)
        if ns.command == "dump":
            print(json.dumps(dump(load_report(ns.file)), ensure_ascii=False, indent=1))
            return 0
        if ns.command == "export":
            return _export(ns.file, ns.to)
        return _new(ns.source, ns.to)
    except (ReadError, WriteError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except Exception as e:  # never a traceback in front of a user
        print(f"错误：处理时出现意外问题（{type(e).__name__}: {e}），请把该文件发给维护人员", file=sys.stderr)
        return 2


def _open_editor(args: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m app", description="打开年报编辑器")
    p.add_argument("file", nargs="?", help="要打开的年报 .docx")
    p.add_argument("--screenshot", help="打开后把窗口截图保存到此 PNG 文件并退出")
    ns = p.parse_args(args)
    from ui.main import run  # the GUI is imported only here: the domain never needs Qt

    return run(ns.file, ns.screenshot)


def _check(files: list[Path], last: Path | None, as_json: bool) -> int:
    last_report = load_report(last) if last else None
    worst = 0
    out: list[dict[str, object]] = []
    for f in files:
        try:
            report = load_report(f)
        except ReadError as e:
            print(f"错误：{e}", file=sys.stderr)
            worst = 2
            continue
        except Exception as e:  # a file no test has seen: name it, keep checking the others
            print(f"错误：{f}：无法读取（{type(e).__name__}: {e}）", file=sys.stderr)
            worst = 2
            continue
        findings, dismissed = dismissals.split(report, check_report(report, last_report))
        if any(x.severity is Severity.ERROR for x in findings):
            worst = max(worst, 1)  # a dismissed error does not count
        if as_json:
            out += [x.to_json(str(f)) for x in findings]
            out += [{**x.to_json(str(f)), "dismissed": d.to_json()} for x, d in dismissed]
        else:
            _print_findings(f, findings, dismissed)
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return worst


def check_report(report: Report, last: Report | None = None) -> list[Finding]:
    from app.lastyear import LastYear

    return run_all(report, LastYear.from_report(last) if last is not None else None)


def _print_findings(path: Path, findings: list[Finding],
                    dismissed: Sequence[tuple[Finding, dismissals.Dismissal]] = ()) -> None:
    print(f"{path}")
    for x in findings:
        print(f"  [{x.severity.name_zh}] {x.code} {x.location.describe()}：{x.message}")
    counts = {s: sum(1 for x in findings if x.severity is s) for s in Severity}
    print(f"  共 {counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 个提示")
    if dismissed:
        print(f"  已忽略 {len(dismissed)} 个（不计入以上数目）：")
        for x, d in dismissed:
            reason = f"理由：{d.reason}；" if d.reason else ""
            print(f"  [已忽略·{x.severity.name_zh}] {x.code} {x.location.describe()}：{x.message}（{reason}{d.by}，{d.at}）")


def dump(report: Report) -> dict[str, object]:
    """The report as the JSON shape of the contract: values exactly as the file states them."""
    t2 = report.tables["二"]
    t3 = report.tables["三"]
    t4 = report.tables["四"]

    def row3(label: str) -> list[object]:
        r = T2_ROW[label]
        return [t2[(r, c)] for c in T2_COL.values()]

    amount = t2[(T2_ROW["行政事业性收费"], T2_ONLY_COL)]
    return {
        "organ": report.organ,
        "year": report.year,
        "date": report.date.isoformat() if report.date else None,
        "table2": {
            "规章": row3("规章"),
            "行政规范性文件": row3("行政规范性文件"),
            "行政许可": t2[(T2_ROW["行政许可"], T2_ONLY_COL)],
            "行政处罚": t2[(T2_ROW["行政处罚"], T2_ONLY_COL)],
            "行政强制": t2[(T2_ROW["行政强制"], T2_ONLY_COL)],
            "行政事业性收费": None if amount is None else format_value(amount),
        },
        "table3": [[t3[(r, c)] for c in range(TABLE3.n_cols)] for r in range(TABLE3.n_rows)],
        "table4": [t4[(T4_ROW, c)] for c in range(TABLE4.n_cols)],
        "sections": {k: report.section_text(k) for k in TEXT_SECTIONS},
    }


def _export(src: Path, dest: Path) -> int:
    report = load_report(src)
    suffix = dest.suffix.lower()
    if suffix == ".docx":
        from app.io import save_report

        save_report(report, dest)
    elif suffix == ".xlsx":
        from app.xlsx import write_xlsx

        write_xlsx(report, dest)
    elif suffix == ".pdf":
        _export_pdf(report, dest)
    else:
        raise WriteError(f"{dest}：不支持的导出格式“{dest.suffix}”，可导出 .docx、.pdf 或 .xlsx")
    print(f"已导出：{dest}")
    return 0


def _export_pdf(report: Report, dest: Path) -> None:
    """The editor's own print layout (Qt, headless); LibreOffice only where Qt cannot load."""
    try:
        from ui.printing import export_pdf  # the entry point may start Qt; the domain never does
    except ImportError as e:
        from app.pdf import export_pdf_with_libreoffice

        export_pdf_with_libreoffice(report, dest, reason=str(e))
        return
    export_pdf(report, dest)


def _new(source: Path, dest: Path) -> int:
    from app.io import save_report
    from app.nextyear import next_year

    save_report(next_year(load_report(source), source.name), dest)
    print(f"已生成：{dest}")
    return 0
