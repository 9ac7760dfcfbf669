"""The 2021 statutory format (国办公开办函〔2021〕30号), declared once, as data.

Every grid, check, reader, writer and print layout iterates the declarations here; no other
module writes a row or column number of a statutory table.  Labels are verbatim from the
format's annex.  A table is a grid of *data cells* addressed by (row, col); its *layout* is the
physical table with header rows and merged label cells, built from compact declarations below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The shapes the tables below are declared in; every module takes them from here, with the format.
from app.tablespec import BalanceRule as BalanceRule
from app.tablespec import CellRef as CellRef
from app.tablespec import DataCell as DataCell
from app.tablespec import Kind as Kind
from app.tablespec import LayoutCell as LayoutCell
from app.tablespec import SumRule as SumRule
from app.tablespec import TableSpec as TableSpec


@dataclass(frozen=True)
class SectionSpec:
    """One of the six statutory sections: its heading, name and how readers recognise it."""

    key: str
    heading: str  # verbatim, including the number
    short: str  # the name in the editor's navigation (the heading is its tooltip)
    table: str | None = None  # key of the statutory table under it
    max_chars: int | None = None
    # How readers recognise the heading: its statutory core and the wording of the 2019 format
    # and of older reports (``words``), and the words that tie an author's own wording under
    # the section's number to it (``cues``).
    words: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()


PREAMBLE = "前言"
META = "基本信息"  # where findings about 机关名称, 年度 and 成文日期 point
# Each section's role, by its key (the heading's number).  A statutory table is keyed by the
# section it stands under: report.tables[REQUESTS] is table 三.
OVERVIEW = "一"  # 总体情况
PROACTIVE = "二"  # 主动公开政府信息情况, table 二
REQUESTS = "三"  # 收到和处理政府信息公开申请情况, table 三
REVIEWS = "四"  # 行政复议、行政诉讼情况, table 四
PROBLEMS = "五"  # 存在的主要问题及改进情况
OTHER_MATTERS = "六"  # 其他需要报告的事项 (the fee note lives here)
SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(OVERVIEW, "一、总体情况", "一、总体情况", max_chars=1000, words=("总体情况",),
                cues=("总体", "概况", "概述", "基本情况", "整体")),
    SectionSpec(PROACTIVE, "二、主动公开政府信息情况", "二、主动公开", table=PROACTIVE,
                words=("主动公开政府信息情况", "主动公开政府信息"), cues=("主动公开",)),
    SectionSpec(REQUESTS, "三、收到和处理政府信息公开申请情况", "三、依申请公开", table=REQUESTS,
                words=("收到和处理政府信息公开申请情况", "政府信息公开申请"), cues=("申请",)),
    SectionSpec(REVIEWS, "四、政府信息公开行政复议、行政诉讼情况", "四、复议和诉讼", table=REVIEWS,
                words=("行政复议、行政诉讼情况", "行政复议", "行政诉讼"), cues=("复议", "诉讼")),
    SectionSpec(PROBLEMS, "五、存在的主要问题及改进情况", "五、问题及改进",
                words=("存在的主要问题及改进情况", "主要问题及改进"),
                cues=("问题", "不足", "改进", "打算", "措施", "下一步", "下步", "整改", "短板", "计划", "思路")),
    SectionSpec(OTHER_MATTERS, "六、其他需要报告的事项", "六、其他事项", words=("其他需要报告的事项",),
                cues=("其他", "需要报告", "事项")),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}


def section_name(key: str) -> str:
    """What a part of the report is called where it is pointed to: a section by its statutory
    heading; the preamble and the metadata (机关名称, 年度, 成文日期) by their own names."""
    spec = SECTION_BY_KEY.get(key)
    return spec.heading if spec else key


def section_short(key: str) -> str:
    """The name in the editor's navigation: a section's short name, the others their own."""
    spec = SECTION_BY_KEY.get(key)
    return spec.short if spec else key
# Sections whose body is free text (the table sections may carry a short lead-in too).
TEXT_SECTIONS: tuple[str, ...] = (PREAMBLE, OVERVIEW, PROBLEMS, OTHER_MATTERS)
# Written anew each year: the same text as last year's is a finding (SAME-AS-LAST-YEAR).
YEARLY_SECTIONS: tuple[str, ...] = (OVERVIEW, PROBLEMS)
ALL_TEXT_KEYS: tuple[str, ...] = (PREAMBLE, *(s.key for s in SECTIONS))
TITLE_SUFFIX = "年度政府信息公开工作年度报告"



# ---------------------------------------------------------------------------------------------
# Table 二 — 主动公开政府信息情况
# ---------------------------------------------------------------------------------------------

AMOUNT_UNIT = "万元"  # the unit of every amount (表二's 收费金额): figures in another are converted on reading
T2_GROUPS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], Kind], ...] = (
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "行政规范性文件"), Kind.COUNT),
    ("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",), Kind.COUNT),
    ("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制"), Kind.COUNT),
    ("第二十条第（八）项", (f"本年收费金额（单位：{AMOUNT_UNIT}）",), ("行政事业性收费",), Kind.AMOUNT),
)
T2_ITEM_HEADER = "信息内容"


def _table2() -> TableSpec:
    cells: list[DataCell] = []
    layout: list[LayoutCell] = []
    grid_row = 0
    data_row = 0
    for heading, col_labels, items, kind in T2_GROUPS:
        layout.append(LayoutCell(grid_row, 0, heading, colspan=4))
        grid_row += 1
        layout.append(LayoutCell(grid_row, 0, T2_ITEM_HEADER))
        span = 3 // len(col_labels)
        for i, label in enumerate(col_labels):
            layout.append(LayoutCell(grid_row, 1 + i * span, label, colspan=span))
        grid_row += 1
        for item in items:
            layout.append(LayoutCell(grid_row, 0, item))
            for i, label in enumerate(col_labels):
                cells.append(DataCell(data_row, i, item, label, kind))
                layout.append(LayoutCell(grid_row, 1 + i * span, data=(data_row, i), colspan=span))
            grid_row += 1
            data_row += 1
    return TableSpec(
        key=PROACTIVE,
        title=SECTION_BY_KEY[PROACTIVE].heading,
        n_rows=data_row,
        n_cols=3,
        cells=tuple(cells),
        layout=tuple(layout),
        grid_rows=grid_row,
        grid_cols=4,
        header_rows=0,
        col_widths=(1.0, 1.0, 1.0, 1.0),
        row_labels=tuple(item for _, _, items, _ in T2_GROUPS for item in items),
    )


# ---------------------------------------------------------------------------------------------
# Table 三 — 收到和处理政府信息公开申请情况
# ---------------------------------------------------------------------------------------------

T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT = "申请人情况"
T3_LEGAL = "法人或其他组织"
T3_NATURAL = "自然人"
T3_TOTAL = "总计"
T3_LEGAL_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
# Words written in a header for a statutory column's name that say the same (app/labels.py LabelIndex.column).
SAME_WORDS = {"合计": T3_TOTAL, "小计": T3_TOTAL, "其它": T3_LEGAL_KINDS[-1]}
T3_COLS: tuple[str, ...] = (T3_NATURAL, *T3_LEGAL_KINDS, T3_TOTAL)

_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_HANDLED = "（五）不予处理"
_OTHER = "（六）其他处理"
# Each data row as its path of labels, outermost first; the leaf label is the row's name.
T3_ROW_PATHS: tuple[tuple[str, ...], ...] = (
    ("一、本年新收政府信息公开申请数量",),
    ("二、上年结转政府信息公开申请数量",),
    (_RESULTS, "（一）予以公开"),
    (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (_RESULTS, _WITHHELD, "1.属于国家秘密"),
    (_RESULTS, _WITHHELD, "2.其他法律行政法规禁止公开"),
    (_RESULTS, _WITHHELD, "3.危及“三安全一稳定”"),
    (_RESULTS, _WITHHELD, "4.保护第三方合法权益"),
    (_RESULTS, _WITHHELD, "5.属于三类内部事务信息"),
    (_RESULTS, _WITHHELD, "6.属于四类过程性信息"),
    (_RESULTS, _WITHHELD, "7.属于行政执法案卷"),
    (_RESULTS, _WITHHELD, "8.属于行政查询事项"),
    (_RESULTS, _UNABLE, "1.本机关不掌握相关政府信息"),
    (_RESULTS, _UNABLE, "2.没有现成信息需要另行制作"),
    (_RESULTS, _UNABLE, "3.补正后申请内容仍不明确"),
    (_RESULTS, _NOT_HANDLED, "1.信访举报投诉类申请"),
    (_RESULTS, _NOT_HANDLED, "2.重复申请"),
    (_RESULTS, _NOT_HANDLED, "3.要求提供公开出版物"),
    (_RESULTS, _NOT_HANDLED, "4.无正当理由大量反复申请"),
    (_RESULTS, _NOT_HANDLED, "5.要求行政机关确认或重新出具已获取信息"),
    (_RESULTS, _OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (_RESULTS, _OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    (_RESULTS, _OTHER, "3.其他"),
    (_RESULTS, "（七）总计"),
    ("四、结转下年度继续办理",),
)
T3_GROUP_LABELS: tuple[str, ...] = (_RESULTS, _WITHHELD, _UNABLE, _NOT_HANDLED, _OTHER)

# Named rows that rules, checks and text comparisons refer to, found by their labels.
_T3_LEAVES = [p[-1] for p in T3_ROW_PATHS]
T3_NEW = _T3_LEAVES.index("一、本年新收政府信息公开申请数量")
T3_CARRIED_IN = _T3_LEAVES.index("二、上年结转政府信息公开申请数量")
T3_RESULT_TOTAL = _T3_LEAVES.index("（七）总计")
T3_CARRIED_OUT = _T3_LEAVES.index("四、结转下年度继续办理")
T3_RESULT_ROWS = tuple(r for r, p in enumerate(T3_ROW_PATHS) if p[0] == _RESULTS and r != T3_RESULT_TOTAL)
T3_COL_TOTAL = T3_COLS.index(T3_TOTAL)
# The six kinds of result by their short names (as reports write them), with their rows.
T3_RESULT_KINDS: dict[str, tuple[int, ...]] = {
    re.sub(r"^（.）|（.*）$", "", label): tuple(r for r, p in enumerate(T3_ROW_PATHS) if len(p) > 1 and p[1] == label)
    for label in dict.fromkeys(p[1] for p in T3_ROW_PATHS if len(p) > 1 and p[1] != "（七）总计")
}
T3_KIND = {r: kind for kind, rows in T3_RESULT_KINDS.items() for r in rows}  # a result row's kind
T3_OTHER_ROWS = T3_RESULT_KINDS["其他处理"]
_T3_COUNT_SUFFIX = "政府信息公开申请数量"  # the tail of rows 一 and 二, left out where messages name them


def t3_short(row: int) -> str:
    """A row of table 三 as messages name it: “二、上年结转”, “四、结转下年度继续办理”."""
    return _T3_LEAVES[row].removesuffix(_T3_COUNT_SUFFIX)


T3_FEE_UNPAID = _T3_LEAVES.index("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")


def _path_layout(
    paths: tuple[tuple[str, ...], ...], first_row: int, depth: int, data_cols: int
) -> list[LayoutCell]:
    """Label cells for rows given as label paths: equal prefixes merge vertically, the leaf
    spans the remaining label columns."""
    out: list[LayoutCell] = []
    for r, path in enumerate(paths):
        for level, label in enumerate(path):
            prefix = path[: level + 1]
            leaf = level == len(path) - 1
            if r > 0 and not leaf and paths[r - 1][: level + 1] == prefix:
                continue  # covered by the merged cell above
            span_rows = 1
            if not leaf:
                while r + span_rows < len(paths) and paths[r + span_rows][: level + 1] == prefix:
                    span_rows += 1
            colspan = depth - level if leaf else 1
            out.append(LayoutCell(first_row + r, level, label, rowspan=span_rows, colspan=colspan))
        for c in range(data_cols):
            out.append(LayoutCell(first_row + r, depth + c, data=(r, c)))
    return out


def _table3() -> TableSpec:
    depth = max(len(p) for p in T3_ROW_PATHS)
    n_cols = len(T3_COLS)
    legal = len(T3_LEGAL_KINDS)
    layout = [
        LayoutCell(0, 0, T3_CORNER, rowspan=3, colspan=depth, header=True),
        LayoutCell(0, depth, T3_APPLICANT, colspan=n_cols, header=True),
        LayoutCell(1, depth, T3_NATURAL, rowspan=2, header=True),
        LayoutCell(1, depth + 1, T3_LEGAL, colspan=legal, header=True),
        LayoutCell(1, depth + 1 + legal, T3_TOTAL, rowspan=2, header=True),
        *(LayoutCell(2, depth + 1 + i, k, header=True) for i, k in enumerate(T3_LEGAL_KINDS)),
    ]
    layout += _path_layout(T3_ROW_PATHS, 3, depth, n_cols)
    cells = tuple(
        DataCell(r, c, path[-1], T3_COLS[c]) for r, path in enumerate(T3_ROW_PATHS) for c in range(n_cols)
    )
    parts_cols = tuple(range(n_cols - 1))
    sum_rules = tuple(
        SumRule(
            "T3-RESULT-TOTAL",
            (T3_RESULT_TOTAL, c),
            tuple((r, c) for r in T3_RESULT_ROWS),
            f"表三“{T3_COLS[c]}”列",
            "（七）总计",
            "（一）至（六）各项之和",
        )
        for c in range(n_cols)
    ) + tuple(
        SumRule(
            "T3-ROW-TOTAL",
            (r, T3_COL_TOTAL),
            tuple((r, c) for c in parts_cols),
            f"表三“{path[-1]}”行",
            T3_TOTAL,
            "自然人与法人或其他组织各列之和",
        )
        for r, path in enumerate(T3_ROW_PATHS)
    )
    balance = tuple(
        BalanceRule(
            "T3-COLUMN-BALANCE",
            ((T3_NEW, c), (T3_CARRIED_IN, c)),
            ((T3_RESULT_TOTAL, c), (T3_CARRIED_OUT, c)),
            "一+二",
            "（七）总计+四",
            f"“{T3_COLS[c]}”列",
        )
        for c in range(n_cols)
    )
    return TableSpec(
        key=REQUESTS,
        title=SECTION_BY_KEY[REQUESTS].heading,
        n_rows=len(T3_ROW_PATHS),
        n_cols=n_cols,
        cells=cells,
        layout=tuple(layout),
        grid_rows=3 + len(T3_ROW_PATHS),
        grid_cols=depth + n_cols,
        header_rows=3,
        # The template's proportions: narrow group columns, a wide leaf-label column.
        col_widths=(0.75, 0.92, 3.27) + (0.685,) * n_cols,
        sum_rules=sum_rules,
        balance_rules=balance,
        row_labels=tuple(p[-1] for p in T3_ROW_PATHS),
    )


# ---------------------------------------------------------------------------------------------
# Table 四 — 政府信息公开行政复议、行政诉讼情况
# ---------------------------------------------------------------------------------------------

T4_REVIEW = "行政复议"
T4_LITIGATION = "行政诉讼"
T4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
T4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _table4() -> TableSpec:
    k = len(T4_RESULTS)
    layout = [
        LayoutCell(0, 0, T4_REVIEW, colspan=k, header=True),
        LayoutCell(0, k, T4_LITIGATION, colspan=2 * k, header=True),
        *(LayoutCell(1, i, label, rowspan=2, header=True) for i, label in enumerate(T4_RESULTS)),
        LayoutCell(1, k, T4_GROUPS[1], colspan=k, header=True),
        LayoutCell(1, 2 * k, T4_GROUPS[2], colspan=k, header=True),
        *(LayoutCell(2, k + i, label, header=True) for i, label in enumerate(T4_RESULTS * 2)),
        *(LayoutCell(3, c, data=(0, c)) for c in range(3 * k)),
    ]
    cells = tuple(
        DataCell(0, g * k + i, "", f"{group}·{label}") for g, group in enumerate(T4_GROUPS)
        for i, label in enumerate(T4_RESULTS)
    )
    rules = tuple(
        SumRule(
            "T4-GROUP-TOTAL",
            (0, g * k + k - 1),
            tuple((0, g * k + i) for i in range(k - 1)),
            f"表四“{group}”",
            T4_RESULTS[-1],
            "+".join(T4_RESULTS[:-1]),
        )
        for g, group in enumerate(T4_GROUPS)
    )
    return TableSpec(
        key=REVIEWS,
        title=SECTION_BY_KEY[REVIEWS].heading,
        n_rows=1,
        n_cols=3 * k,
        cells=cells,
        layout=tuple(layout),
        grid_rows=4,
        grid_cols=3 * k,
        header_rows=3,
        col_widths=(1.0,) * (3 * k),
        sum_rules=rules,
        named_by_column=True,
    )


TABLE2 = _table2()
TABLE3 = _table3()
TABLE4 = _table4()
TABLES: dict[str, TableSpec] = {t.key: t for t in (TABLE2, TABLE3, TABLE4)}

# Table 二's rows and columns by name, for the dump format, the checks and the text comparisons.
T2_ROW = {label: i for i, label in enumerate(TABLE2.row_labels)}
T2_COL = {label: i for i, label in enumerate(T2_GROUPS[0][1])}  # 本年制发件数, 本年废止件数, 现行有效件数
T2_IN_FORCE_ROWS = T2_GROUPS[0][2]  # 规章, 行政规范性文件: the rows with 现行有效件数
T2_ONLY_COL = 0  # the one value of a 处理决定数量 or 收费金额 row
T2_ISSUED, T2_REPEALED, T2_IN_FORCE = (T2_COL[label] for label in T2_GROUPS[0][1])
T2_IN_FORCE_LABEL = T2_GROUPS[0][1][T2_IN_FORCE]  # 现行有效件数, as messages name the figure
T2_RULES, T2_NORMATIVE = (T2_ROW[label] for label in T2_IN_FORCE_ROWS)  # 规章, 行政规范性文件
T2_LICENSING, T2_PENALTY, T2_COERCION, T2_FEES = (
    T2_ROW[label] for _, _, items, _ in T2_GROUPS[1:] for label in items
)  # 行政许可, 行政处罚, 行政强制, 行政事业性收费
# The rows with one figure, by the subject a report's text names them with (行政许可决定…).
T2_DECISION_ROWS: tuple[str, ...] = tuple(
    label for _, cols, items, kind in T2_GROUPS if kind is Kind.COUNT and len(cols) == 1 for label in items
)

# Table 三's columns by name (the applicant kinds, then 总计) and its rows by their leaf label.
(T3_COL_NATURAL, T3_COL_BUSINESS, T3_COL_RESEARCH, T3_COL_WELFARE, T3_COL_LEGAL_SERVICE,
 T3_COL_OTHER) = (T3_COLS.index(label) for label in (T3_NATURAL, *T3_LEGAL_KINDS))
T3_ROW = {label: i for i, label in enumerate(TABLE3.row_labels)}
T3_DISCLOSED = T3_RESULT_KINDS["予以公开"][0]  # （一）予以公开
T3_PARTLY_DISCLOSED = T3_RESULT_KINDS["部分公开"][0]  # （二）部分公开
T3_OTHER_GROUP = _OTHER  # （六）其他处理, as messages name the group

# Table 四: one row of fifteen figures, a column per (group, result).
T4_ROW = 0  # table 四 is one row of fifteen figures
T4_GROUP_TOTALS = tuple(rule.target for rule in TABLE4.sum_rules)  # 复议, 直接起诉, 复议后起诉
T4_COL = {(group, result): g * len(T4_RESULTS) + i
          for g, group in enumerate(T4_GROUPS) for i, result in enumerate(T4_RESULTS)}
T4_REVIEW_GROUP, T4_DIRECT_SUIT, T4_SUIT_AFTER_REVIEW = T4_GROUPS  # 行政复议, 未经复议直接起诉, 复议后起诉
T4_UPHELD, T4_CORRECTED, T4_OTHER_RESULT, T4_PENDING, T4_GROUP_TOTAL = T4_RESULTS
# How the text names table 四's sides: 行政复议 is group 0, 行政诉讼 groups 1 and 2.
T4_SIDES: dict[str, tuple[tuple[int, int], ...]] = {
    T4_REVIEW: T4_GROUP_TOTALS[:1],
    T4_LITIGATION: T4_GROUP_TOTALS[1:],
}

# Labels that tell which statutory table a table of a file is (two or more of them): table 三
# is told by its row labels; these are loose (“规范性文件” also finds an edited 行政规范性文件;
# “第二十条” is the start of each group heading of table 二).
T2_MARKERS: tuple[str, ...] = ("规章", "规范性文件", *T2_DECISION_ROWS, T2_GROUPS[3][2][0], "第二十条")
T4_MARKERS: tuple[str, ...] = (*T4_GROUPS, T4_PENDING, T4_CORRECTED)

# ---------------------------------------------------------------------------------------------
# The superseded 2019 layout (国办公开办函〔2019〕60号): labels that betray it.
# ---------------------------------------------------------------------------------------------

OLD_FORMAT_MARKERS: tuple[str, ...] = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "政府集中采购",
    "采购项目数量",
    "其他对外管理服务事项",
)

# ---------------------------------------------------------------------------------------------
# The documents a report cites by their numbers, as issued.  A year replaced through the whole
# text (编辑 → 替换 2021 → 2022, the year's first edit) must not reach them: 〔2022〕30号 is
# no notice of the format (app/checks/citations.py).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitedDocument:
    """A document a report cites by number, as it was issued."""

    issuer: str  # the issuer's prefix in the number (发文机关代字)
    year: int
    number: int
    what: str  # what the document is, for the message


CITED_DOCUMENTS: tuple[CitedDocument, ...] = (
    CitedDocument("国办公开办函", 2021, 30, "政府信息公开工作年度报告格式的通知"),
    CitedDocument("国办公开办函", 2019, 60, "2019年的年度报告格式通知（已被替代）"),
)
