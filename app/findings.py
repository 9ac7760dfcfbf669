"""Findings: what a check says about a report, as plain data the panel only displays.

Every finding code is declared once, below (``declare``): code, severity, a one-line title,
what it means and the fix offered.  A code that covers several situations declares one entry
per situation, told apart by ``kind`` (LABEL-EDITED: a heading, a table label, a row that could
not be placed…); the public code in ``check`` output stays the same.  Checks make findings from
the entries (``ENTRY.at(location, message)``); a Finding with an undeclared code or kind is
refused.  ``python -m app.codes_table --markdown`` prints README's table of codes from here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app import schema

# Where a finding points and the edits that resolve it, in a module of their own; imported from
# here as ever, with the findings they belong to.
from app.finding_place import Fix as Fix
from app.finding_place import Location as Location
from app.finding_place import Span as Span
from app.finding_place import Until as Until
from app.schema import ALL_TEXT_KEYS, META, CellRef
from app.values import Value
from app.visible import visible


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def name_zh(self) -> str:
        return {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}[self]

    @property
    def json_name(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """One problem a check found: its code, severity, message and location."""

    code: str
    severity: Severity
    location: Location
    message: str
    fix: Fix | None = None
    kind: str = ""  # which of the code's declared situations, "" where it has one
    until: tuple[Until, ...] = ()  # the edits that resolve it (a finding about the opened file)
    # A whole-section finding worded for what it saw but asking an older wording's question (“只改了年份”
    # is still “与上一年度报告完全相同”): its dismissal names that wording (app/dismissals.py).  "": its message.
    about: str = ""
    inputs: tuple[str, ...] = ()  # figures it read beyond its cells (制发, last year's): its dismissal names them

    def __post_init__(self) -> None:
        if (self.code, self.kind) not in REGISTRY:
            raise ValueError(f"finding code {self.code!r} (kind {self.kind!r}) is not declared in app/findings.py")

    def resolved(self, value: Callable[[CellRef], Value]) -> bool:
        """Every edit it asks for is made (never, for a finding that asks for none)."""
        return bool(self.until) and all(u.met(value) for u in self.until)

    @property
    def declared(self) -> Declared:
        return REGISTRY[(self.code, self.kind)]

    def to_json(self, file: str) -> dict[str, object]:
        return {"file": file, "code": self.code, "severity": self.severity.json_name,
                "location": self.location.describe(), "message": self.message}


# Where a part of the report stands in it: 基本信息 first, then 前言 and the six sections.
_PART_ORDER = {key: i for i, key in enumerate((META, *ALL_TEXT_KEYS))}


def listing_order(findings: Sequence[Finding]) -> list[Finding]:
    """Errors, then warnings, then 提示; within each, in the order of the report: a part's
    own finding, its text by place, its table's findings.  The check order put the one
    warning of a rollover after 25 提示 (the GUI tester, s12 #6).  A table's findings keep the
    checks' order (their rules', by the table's rows): by first cell, 表三有N个单元格空白 would
    jump down the list as each blank is typed into."""
    def place(finding: Finding) -> tuple[int, int, int, int, int]:
        loc = finding.location
        part = _PART_ORDER.get(loc.section, len(_PART_ORDER))
        if loc.span is not None:
            return -finding.severity, part, 1, loc.span.paragraph, loc.span.start
        return -finding.severity, part, 2 if loc.cells else 0, 0, 0

    return sorted(findings, key=place)


# -- the registry ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Declared:
    """One declared finding: a code (and, for a code with several situations, the kind)."""

    code: str
    severity: Severity
    title: str  # one line, Chinese: what the panel's tooltip and README's table call it
    meaning: str
    fix: str  # what the editor offers or the user should do
    kind: str = ""
    # Said by the reader about the file as opened (a label, a doubled body): holds until it is saved.
    opened_file: bool = False
    kept: bool = False  # about figures not imported: a save keeps it till resolved (app/import_notes.py)

    @property
    def note(self) -> str:  # when an opened file's finding goes (tooltip, 检查项说明, README); "": others'
        return KEPT_NOTE if self.kept else OPENED_FILE_NOTE if self.opened_file else ""

    def at(self, location: Location, message: str, fix: Fix | None = None, until: tuple[Until, ...] = (),
           about: str = "", inputs: tuple[str, ...] = ()) -> Finding:
        # A message quoting the file's text names its invisible characters (⟨U+0085⟩).
        return Finding(self.code, self.severity, location, visible(message), fix, self.kind, until, about, inputs)


REGISTRY: dict[tuple[str, str], Declared] = {}
OPENED_FILE_NOTE = "说的是打开时的文件，保存后消失"
KEPT_NOTE = "说的是打开时文件中未导入的内容，保存后仍保留，直到按要求填好或忽略"


def declare(code: str, severity: Severity, title: str, meaning: str, fix: str, kind: str = "",
            opened_file: bool = False, kept: bool = False) -> Declared:
    entry = Declared(code, severity, title, meaning, fix, kind, opened_file, kept)
    if (code, kind) in REGISTRY:
        raise ValueError(f"finding code {code!r} (kind {kind!r}) declared twice")
    REGISTRY[(code, kind)] = entry
    return entry


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

# 勾稽关系 (the codes are named by the schema's rules, app/schema.py)
T3_RESULT_TOTAL = declare(
    "T3-RESULT-TOTAL", _E, "表三（七）总计与各项之和不符",
    f"表三某列“{schema.TABLE3.sum_rules[0].total_name}”不等于{schema.TABLE3.sum_rules[0].parts_name}", "修复：按明细重算总计")
T3_ROW_TOTAL = declare(
    "T3-ROW-TOTAL", _E, "表三某行总计与各列之和不符",
    "表三某行“总计”不等于自然人与法人或其他组织各列之和", "修复：按明细重算总计")
T3_COLUMN_BALANCE = declare(
    "T3-COLUMN-BALANCE", _E, "表三收支不平衡",
    "表三每列应满足“一、本年新收+二、上年结转=三（七）总计+四、结转下年度继续办理”", "核对新收、结转和办理结果各数")
T4_GROUP_TOTAL = declare(
    "T4-GROUP-TOTAL", _E, "表四总计与各项之和不符",
    "表四行政复议、直接起诉、复议后起诉各组的“总计”不等于其各项之和", "修复：按明细重算总计")
# 完整性
BLANK_CELL = declare(
    "BLANK-CELL", _W, "单元格空白",
    "法定表格的单元格空白；没有发生的应填0", "修复：空白处填0")
VALUE_INVALID = declare(
    "VALUE-INVALID", _E, "数值无效",
    "单元格中是字母、负数、小数等无法作为件数或金额的内容（文件中的原文保留）", "按实际数字重新填写")
VALUE_MARK = declare(
    "VALUE-INVALID", _W, "用符号代替了数字",
    "单元格填的是“—”“/”“无”等符号，按空白处理", "修复：改为0", kind="mark")
VALUE_NOTE_MARK = declare(
    "VALUE-INVALID", _W, "表格中有注释标记或删除线",
    "单元格中有设为上标、下标的字（如数字旁的注释标记）或加了删除线的字（如划掉的旧数字），未读入数字，只读取其余文字",
    "核对这些单元格的数字；注释写在表格下方", kind="note", opened_file=True)
VALUE_LIST_NUMBER = declare(
    "VALUE-INVALID", _W, "数字前有自动编号",
    "填数字的单元格设了自动编号（项目编号），Word/WPS 中数字前显示“1.”之类的编号；编号不是数字的一部分，未读入，只读取单元格中的数字",
    "核对这些单元格的数字；在 Word/WPS 中取消这些单元格的编号", kind="list-number", opened_file=True)
VALUE_ZERO_DECIMALS = declare(
    "VALUE-INVALID", _W, "件数带全零的小数",
    "表格中的件数写成“128.00”“1.0”这样小数部分全为0的形式（Excel 的数字格式“0.00”复制到 Word/WPS 的样子），按整数读入；"
    "小数部分不为0的（如128.50）仍不读入，说明中列出这些单元格", "核对这些单元格的数字", kind="zero-decimals", opened_file=True)
VALUE_XLSX_FORMAT = declare(
    "VALUE-INVALID", _W, "Excel 显示的数与存储的不同",
    "Excel 工作簿中单元格的数字格式使 Excel/WPS 表格显示的数与单元格存储的数不同（如格式“0,”把2106显示为2，“0%”把28显示为2800%，"
    "或只显示格式中写定的文字），读入的是存储的数，说明中列出这些单元格",
    "核对这些单元格的数字；在 Excel/WPS 中把数字格式改为“常规”", kind="xlsx-format", opened_file=True)
VALUE_XLSX_FORMULA = declare(
    "VALUE-INVALID", _W, "公式的结果与保存的不同",
    "Excel 工作簿中单元格公式（数字、单元格的加减乘除和求和）的计算结果与文件中保存的结果不同（文件由其他程序生成或被改动过，"
    "如公式“=100+21”保存的结果是21）；工作簿设为打开时重新计算的，读入 Excel/WPS 表格显示的计算结果，否则读入保存的结果，说明中列出这些单元格",
    "核对这些单元格的数字；在 Excel/WPS 中打开、保存后重新打开", kind="xlsx-formula", opened_file=True)
VALUE_XLSX_CACHED = declare(
    "VALUE-INVALID", _I, "公式按保存的结果读入",
    "Excel 工作簿设为打开时重新计算，其中有本程序不计算的公式（引用其他工作表、名称，或求和以外的函数），读入的是文件中保存的结果；"
    "Excel/WPS 表格重新计算后显示的可能不同，说明中列出这些单元格",
    "在 Excel/WPS 中打开，核对这些单元格的数字", kind="xlsx-cached", opened_file=True)
VALUE_XLSX_CONDITIONAL = declare(
    "VALUE-INVALID", _W, "条件格式可能改变 Excel 显示的数",
    "Excel 工作簿中单元格的条件格式有本程序不判断的规则（公式、前N项、高于平均值、与其他单元格比较等），规则成立时 Excel/WPS 表格中"
    "该数字不显示（白色或与底色同色的字、“;;;”之类的数字格式）或显示为另一个数；读入的是存储的数，说明中列出这些单元格"
    "（条件格式多到无法逐一核对的工作表也在说明中写明）",
    "在 Excel/WPS 中打开，核对这些单元格显示的数字（开始 → 条件格式 → 管理规则）", kind="xlsx-conditional", opened_file=True)
VALUE_SYMBOL_FONT = declare(
    "VALUE-INVALID", _W, "数字设成了符号字体",
    "正文或表格中的数字设成了 Wingdings、Webdings 等符号字体，Word/WPS 中显示为图形符号而不是数字，未读入（单元格按空白处理）",
    "核对这些数字；在 Word/WPS 中改为普通字体后重新打开", kind="symbol-font", opened_file=True, kept=True)
MISSING_SECTION_TEXT = declare(
    "MISSING-SECTION", _W, "某部分没有内容",
    "法定的某一部分（前言、一、五、六等）没有文字", "补写该部分")
MISSING_HEADING = declare(
    "MISSING-SECTION", _W, "没有找到法定标题",
    "文件中没有找到某一部分的标题（按编号和用词查找，用词改动的标题按编号找到）", "补上法定标题", kind="heading", opened_file=True)
MISSING_TABLE = declare(
    "MISSING-SECTION", _E, "没有找到统计表",
    "文件中没有找到法定统计表（表二、表三或表四）；标题和表都没有时只报这一条", "在编辑器中填写该表", kind="table", opened_file=True)
CUT_SHORT = declare(
    "MISSING-SECTION", _E, "文件不完整",
    "打开的文件在中途截断（没有下载完，或保存、复制时中断），截断处之后的内容（正文的后一部分、统计表）没有读到，按缺失处理",
    "重新下载或保存一份完整的文件后再打开", kind="cut-short", opened_file=True)
NO_FIGURES = declare(
    "NO-FIGURES", _E, "统计表中没有数字",
    "三张法定统计表中一个数字也没有读到（全部空白，或只有“—”之类的符号），勾稽关系和正文中的数字都无从核对；"
    "原文件若印有数字，多为图片、隐藏或看不见的文字",
    "核对原文件；在编辑器中填写统计表", opened_file=True)
SECTION1_TOO_LONG = declare(
    "SECTION1-TOO-LONG", _W, "“总体情况”过长",
    f"“{schema.SECTION_BY_KEY[schema.OVERVIEW].heading}”原则上不超过{schema.SECTION_BY_KEY[schema.OVERVIEW].max_chars}字", "精简文字")
FEE_NOT_REPORTED = declare(
    "FEE-NOT-REPORTED", _W, "未说明信息处理费",
    f"“{schema.SECTION_BY_KEY[schema.OTHER_MATTERS].heading}”应说明信息处理费的收取情况（未收取也应写明）", "在第六部分写明收费情况")
OTHER_HANDLING_HIGH = declare(
    "OTHER-HANDLING-HIGH", _I, "“其他处理”比例偏高",
    f"表三“{schema.T3_OTHER_GROUP}”占办理结果总计的比例偏高，主管部门会关注", "在正文中说明原因")
# 重复
DUP_PARAGRAPH = declare(
    "DUP-PARAGRAPH", _E, "文字重复",
    "20字以上的句子或段落在报告中出现两次", "删除此处重复（可撤销），或转到另一处")
DUP_NEAR = declare(
    "DUP-PARAGRAPH", _W, "几乎相同的文字",
    "两处句子或段落几乎相同（个别字不同），多为复制后局部修改", "保留一处", kind="near")
DUP_BODY = declare(
    "DUP-PARAGRAPH", _E, "整篇正文粘贴了两次",
    "打开的文件中整篇正文出现两遍；只读取了第一份", "保存后文件中只保留第一份", kind="body", opened_file=True)
DUP_TABLE = declare(
    "DUP-TABLE", _E, "统计表出现了两次",
    "同一张法定统计表（或其中几行）在文件中出现两次（复制的工作表、附在文末的另一份表格）；只读取了第一个，"
    "说明中写明两个各在哪里、有几格不同", "核对哪一个是对的，删去另一个", opened_file=True, kept=True)
DUP_PHRASE = declare(
    "DUP-PHRASE", _W, "字词重复",
    "“政府政府”“的的”之类的连续重复字词、标点", "删除重复字词（可撤销）")
DUP_PHRASE_MANY = declare(
    "DUP-PHRASE", _W, "字词重复过多",
    "重复字词超过上限（多为误粘贴的大段文字），只列出了前面的若干处", "删除误粘贴的内容后再检查", kind="too-many")
TEXT_NOT_CHECKED = declare(
    "TEXT-NOT-CHECKED", _I, "段落过长，只检查了一部分",
    "一个段落超过20万字（多为误粘贴），文字检查只读了它的前一部分", "删除误粘贴的内容后再检查")
DUP_NEAR_SKIPPED = declare(
    "DUP-PARAGRAPH", _I, "正文过长，未查几乎相同的文字",
    "正文超过检查上限，只查了完全相同的重复，没有查几乎相同的句子", "删除误粘贴的大段内容后再检查", kind="too-long")
# 正文与表格
TEXT_TABLE_MISMATCH = declare(
    "TEXT-TABLE-MISMATCH", _E, "正文与表格不符",
    "正文所说的数量（“共收到申请15件”“未发生行政复议”）与表格不一致", "转到表格或正文，改正其中错的一方")
# 格式与标签
OLD_FORMAT = declare(
    "OLD-FORMAT", _E, "仍用2019年旧格式",
    "表二或表三仍是2019年旧格式的栏目，无法对应的数字需按2021年格式重新填写", "按2021年格式重新填写相应单元格", opened_file=True, kept=True)
LABEL_EDITED = declare(
    "LABEL-EDITED", _W, "表格标签被改动",
    "法定表格的行、列标签或表头被改动（“1、”代替“1.”、加了年份、错字、删减用词），数字仍按标签或所在位置导入", "保存时按法定标签写出", kind="label", opened_file=True)
HEADING_EDITED = declare(
    "LABEL-EDITED", _W, "标题与法定标题不一致",
    "某部分的标题与法定标题用词不同，按编号和用词识别", "保存时按法定标题写出", kind="heading", opened_file=True)
HEADING_ORDER = declare(
    "LABEL-EDITED", _W, "部分顺序不对或标题重复",
    "某部分的标题出现在后面部分的标题之后，或同一标题出现两次；其后的文字按标题归入该部分", "保存时按法定顺序写出",
    kind="order", opened_file=True)
COLUMN_MISSING = declare(
    "LABEL-EDITED", _W, "法定表格少了一列",
    "文件中的法定表格少了某一列（如表三的“总计”列），其余各列按表头导入；少的合计列按明细自动计算，其他少的列为空白",
    "在编辑器中填写空白的列",
    kind="column", opened_file=True)
COLUMN_ORDER = declare(
    "LABEL-EDITED", _W, "法定表格的列顺序不对",
    "文件中法定表格的列与法定顺序不同（如表二的“本年制发件数”与“本年废止件数”对调），数字按各列的表头导入",
    "核对各列数字；保存时按法定顺序写出", kind="column-order", opened_file=True)
ROW_ORDER = declare(
    "LABEL-EDITED", _W, "法定表格的行顺序不对",
    "文件中表三的行与法定顺序不同（如“（一）予以公开”与“（二）部分公开”对调），数字按各行的标签导入",
    "核对各行数字；保存时按法定顺序写出", kind="row-order", opened_file=True)
ROW_MISSING = declare(
    "LABEL-EDITED", _W, "法定表格少了一行",
    "文件中的表三少了某一行（如“（七）总计”行），其余各行按标签导入；少的合计行按明细自动计算，其他少的行为空白",
    "在编辑器中填写空白的行", kind="row", opened_file=True)
ROW_SHORT = declare(
    "LABEL-EDITED", _W, "法定表格的一行少了几格",
    "文件中表三的某行比表头少几格（网页或文档中该行右侧的空白单元格没有写出），数字按各格所在的列导入，少的格为空白",
    "核对该行的数字，在编辑器中填写空白的格", kind="row-short", opened_file=True)
ROW_UNPLACED = declare(
    "LABEL-EDITED", _E, "表格中有一行无法对应",
    "表格中某行的标签对应不到法定表格（或只有一格的行填了几个不同的数），其中的数字未导入", "核对后手工填写", kind="unplaced", opened_file=True, kept=True)
ROW_REPEATED = declare(
    "LABEL-EDITED", _E, "表格中一行重复出现",
    "法定表格的某行在文件中出现两次，第二次的数字未导入", "核对后手工填写", kind="repeated", opened_file=True, kept=True)
ROWSPAN_OFF = declare(
    "LABEL-EDITED", _W, "网页表格的合并单元格跨错了行",
    "网页中表格的某个合并单元格多跨或少跨了一行（rowspan），或行标签多跨了一列（colspan），浏览器中该行的单元格向右或向左错开一格（数字显示在相邻的列下，或排到表格之外）；"
    "表格的形状表明了原意的，按原意读入，说明中列出这些行",
    "在浏览器中核对这些行的数字；请网站改正该表格", kind="rowspan", opened_file=True)
TABLE_UNKNOWN = declare(
    "LABEL-EDITED", _I, "文中有非法定表格",
    "文中有一个含数字的表格不是法定统计表，其中的数字未导入统计表，表格也不随报告保存", "如为统计表，请在编辑器中填写", kind="table", opened_file=True, kept=True)
EMBEDDED_SHEET = declare(
    "EMBEDDED-SHEET", _I, "统计表读自嵌入的 Excel 表格",
    "文件中的法定统计表不是 Word/WPS 表格，而是嵌入的 Excel 或 WPS 表格对象（插入→对象、选择性粘贴→Excel 对象），"
    "数字按其中的工作簿读入；Word/WPS 中显示的是该对象上次编辑后保存的预览图，可能与工作簿中的数字不同",
    "在 Word/WPS 中双击该表格打开，核对编辑器中的数字；保存时写成普通表格", opened_file=True)
CONTENTS_LEFT_OUT = declare("LABEL-EDITED", _I, "目录未读入正文", "正文之前有一个手工输入的目录（逐行列出各部分标题，不是 Word/WPS 用“引用→目录”插入的自动目录）；目录的各行重复了标题，未作为前言或正文读入，保存时不写出",
                            "核对前言和各部分的开头；确需目录的，在编辑器中定稿后，最后在 Word/WPS 中用“引用→目录”插入", kind="contents", opened_file=True)
CONTENTS_FIELD = declare("LABEL-EDITED", _I, "Word 插入的目录未读入正文", "文件中有一个用 Word/WPS“引用→目录”插入的目录；目录的各行重复了标题，未作为前言或正文读入；编辑器不写目录，保存后的文件中没有这个目录", "需要目录的，在编辑器中定稿后，最后在 Word/WPS 中插入", kind="contents-field", opened_file=True)
TABLE_TRANSPOSED = declare("LABEL-EDITED", _W, "法定表格行列对调", "文件中的法定表格行与列对调（如表三的行标签写在第一行、申请人各列写成各行），按标签转回法定格式后导入；各行格数不同、无法确定每个数字属于哪一格时不导入",
                           "核对各格数字；保存时按法定格式写出", kind="transposed", opened_file=True)
TABLE_AS_TEXT = declare(
    "LABEL-EDITED", _W, "文中的文字表格已转为段落",
    "某部分中有一个只有文字的表格（不是法定统计表，如“存在的问题|改进措施”），已逐行转为这一部分的段落，各格以“；”隔开",
    "核对这些段落；保存时写成段落", kind="text-table", opened_file=True)
AMOUNT_CONVERTED = declare(
    "LABEL-EDITED", _W, "金额不是以万元为单位",
    f"表二的收费金额以元、千元、亿元等为单位（表头、表格中或表格上方写明），不是法定的{schema.AMOUNT_UNIT}；已按{schema.AMOUNT_UNIT}准确换算后导入，不四舍五入",
    f"核对换算后的金额；保存时以{schema.AMOUNT_UNIT}写出", kind="unit", opened_file=True)
AMOUNT_UNIT_UNKNOWN = declare(
    "LABEL-EDITED", _W, "金额单位无法换算",
    f"表二的收费金额写明的单位无法换算为{schema.AMOUNT_UNIT}（如美元、件，或写了两种单位），数字未导入，单元格保留原文和单位",
    f"核对后以{schema.AMOUNT_UNIT}填写", kind="unit-unknown", opened_file=True)
REVISIONS = declare(
    "REVISIONS", _W, "文件中有未处理的修订",
    "文件还带着修订记录（插入、删除或移动未被接受或拒绝），按接受全部修订后的内容导入；发布的文件不应带修订",
    "核对导入的内容；保存时写出接受修订后的内容", opened_file=True)
PDF_REVISED = declare(
    "REVISIONS", _W, "PDF 保存后又被改动过",
    "PDF 文件在最后一次保存后又被改动过（末尾追加了没有登记的内容，或登记表已损坏而文件中同一内容写了不止一次），"
    "不同的 PDF 阅读器可能显示不同的内容；按最后写入的内容导入，这也是多数阅读器修复后显示的",
    "用 PDF 阅读器打开原文件，逐一核对表格中的数字；最好使用原 Word 文档", kind="pdf", opened_file=True)
PLACEHOLDERS = declare(
    "PLACEHOLDER", _I, "内容控件的占位提示未读入",
    "文件中有内容控件仍标记为“显示占位提示”（模板里的“单击或点击此处输入文字”“[单位名称]”、示例数字等），其中的文字未作为标题、正文或数字读入；"
    "个别系统把实际内容填进内容控件后没有清除这个标记，Word/WPS 照样显示这些文字",
    "核对说明中列出的文字；是实际内容的，在编辑器中补填", opened_file=True)
COMMENTS = declare("COMMENTS", _W, "文件中有批注", "文件中有 Word/WPS 的批注（审核意见等）；编辑器不显示批注，保存后的文件中不再有批注，各条批注的内容列在检查结果中", "按批注修改后逐条忽略", opened_file=True)
COMMENT = declare("COMMENTS", _I, "批注", "打开的文件中的一条批注（作者、批注的位置和内容）；保存后文件中不再有批注，这条提示仍保留，直到忽略", "按批注修改后忽略", kind="item", kept=True)
PICTURES = declare("PICTURES", _W, "文件中有图片", "正文中有图片（图表、二维码、照片等）；编辑器不显示图片，保存后的文件中不再有这些图片，图题等文字仍保留", "需要图片的，在编辑器中定稿后，最后在 Word/WPS 中插入", opened_file=True)
HIDDEN_TEXT = declare(
    "HIDDEN-TEXT", _W, "文件中有隐藏文字",
    "文件中有设为“隐藏”或看不见的文字（Word/WPS 字体的“隐藏”效果，白色或与底色同色、2磅以下、字符缩放20%以下、字符间距紧缩到互相重叠或文本效果设为无填充、完全透明的字；网页中设为不显示的内容；"
    "PDF 中白底上的白字，完全透明、设为不显示（渲染模式“不可见”，下面没有扫描图片）、字号为0、在页面显示范围之外、被裁剪遮去、被方框、图片或批注盖住或在隐藏图层中的字），打印、发布的文件和浏览器中看不到，未读入正文和表格：整段隐藏的段落不读，段中隐藏的字句略去，"
    "只有隐藏文字的单元格为空白",
    "核对正文和表格；确需保留的文字在 Word/WPS 中取消隐藏（或改为可见的颜色、字号）后重新打开", opened_file=True)
HIDDEN_CELLS = declare(
    "HIDDEN-TEXT", _W, "工作簿中有隐藏的工作表、行、列或不显示的单元格",
    "Excel 工作簿中有隐藏（或“非常隐藏”）的工作表、隐藏的行或列，或内容不显示的单元格（数字格式为“;;;”之类，"
    "字体颜色与单元格底色相同，或条件格式只显示数据条、图标），或单元格中夹着看不见的字（白色或与底色同色、2磅以下），Excel/WPS表格中看不到、"
    "打印时也没有，未读入表格：只读显示出来的内容，说明中列出这些单元格",
    "核对表格；确需保留的内容在 Excel/WPS 中取消隐藏（或改为可见的数字格式、字体颜色）后重新打开", kind="xlsx",
    opened_file=True)
OTHER_PROGRAM_TEXT = declare(
    "HIDDEN-TEXT", _W, "WPS 与 Word 显示的内容不同",
    "Word 文档中有的内容另写了一份供 WPS 或其他程序显示（替换内容 mc:AlternateContent），在法定表格、标题或成文日期中"
    "与 Word 显示的不同（如 Word 显示34，WPS 显示55）；按 Word 显示的内容读入，说明中列出两者",
    "在 Word 和 WPS 中分别打开核对；在 Word 中改正后另存", kind="wps", opened_file=True)
RESTYLED = declare(
    "HIDDEN-TEXT", _W, "网页用样式表添加或重排了表格中的文字",
    "网页的样式表在表格单元格中添加了文字（::before、::after 的 content），或把文字从右向左重排（bdo、unicode-bidi）、"
    "改变了先后顺序（flex 的 order、row-reverse，单元格中的浮动 float），浏览器中显示的与网页源文字不同（如源文字2106显示为21060或6012）；按浏览器显示的内容读入",
    "核对这些单元格的数字", kind="css", opened_file=True)
GARBLED_FONT = declare(
    "HIDDEN-TEXT", _W, "PDF 中部分文字是乱码",
    "PDF 中有的字体（如标题或加粗所用的一种）的文字编码有误，复制出的是乱码，其余文字正常；读入的这些字不是页面上显示的，"
    "标题、表格标签或数字可能因此没有找到或读错（字体把数字映射为别的数字时，从文字上无法发现）",
    "用 PDF 阅读器核对这几页的正文和表格；最好使用原 Word 文档，或重新导出 PDF", kind="pdf-font", opened_file=True)
PAGE_WITHOUT_TEXT = declare(
    "HIDDEN-TEXT", _W, "PDF 中有的页没有文字",
    "PDF 中有的页只有图片（扫描后插入的页）或只有线条和图形（生成 PDF 时文字转成了曲线），其余各页是文字；"
    "这些页上的正文和表格内容未读入，表格在这些页上的行为空白（说明中写“文件中的表格少了这些行”的，多是这个原因）",
    "用 PDF 阅读器核对这些页，在编辑器中照原文件填写；最好使用原 Word 文档", kind="pdf-page", opened_file=True)
PDF_COLUMNS = declare(
    "LABEL-EDITED", _W, "PDF 正文分两栏排版",
    "PDF 中有的页正文分左右两栏排版，且有文字横跨两栏之间的空白（两栏分得清的页按先左栏、后右栏读入，不提示）；"
    "按行读入时，同一高度的左右两栏文字连成了一行，这些页的正文（以及其中的标题、机关名称、日期）可能是两栏交错的，标题可能没有找到",
    "用 PDF 阅读器核对这些页的正文，在编辑器中改正；最好使用原 Word 文档", kind="pdf-columns", opened_file=True)
PDF_THREE_LINE = declare(
    "LABEL-EDITED", _E, "PDF 中的三线表无法分列",
    "PDF 中的统计表格画成三线表（只有表头上下和表格底部的横线，没有竖线和单元格框线），按文字的位置分列时，"
    "无法确定每个数字属于哪一列（有的列没有数字，或标签设在单元格中间、不与数字同行），表中的数字未导入",
    "用 PDF 阅读器对照原文件，在编辑器中填写这张表；最好使用原 Word 文档，或在 Word/WPS 中为表格加上框线后另存为 PDF",
    kind="pdf-three-line", opened_file=True)
REVERSED = declare(
    "HIDDEN-TEXT", _W, "文字设为从右向左显示",
    "文件中有文字设了从右向左的“双向覆盖”（Word 的 bdo，或夹在文字中的方向控制符，如 U+202E），Word、WPS、Excel 和浏览器中"
    "显示的顺序与文件中的文字相反（如文件中的2106显示为6012）；按显示的内容读入",
    "核对这些单元格的数字；在 Word 中取消从右向左的设置（或删去方向控制符）后重新打开", kind="rtl", opened_file=True)
FIELD_OPEN = declare(
    "FIELD-OPEN", _W, "域没有结束标记",
    "Word 文档中有域（页码、公式、引用、目录等）只有开始标记、没有结束标记，文件可能已损坏，Word 中显示的内容无法确定；"
    "域之后的文字按文件中的原样读入",
    "核对此处的文字和数字；在 Word 中打开、检查此处后另存，再重新打开", opened_file=True)
FIELD_STALE = declare(
    "FIELD-STALE", _W, "域保存的结果与更新后的不同",
    "Word 文档中的域保存的结果与更新后应有的结果不同：公式域（如“=100+21”）与公式的计算结果不同、引用域（REF）与它引用的书签现在的文字不同、"
    "条件域（IF）保存的是另一分支（文件由其他程序生成或被改动过）；Word 显示保存的结果，"
    "更新域（F9、打印前更新域，或打开标记为需要更新的域时）后显示更新后的结果，LibreOffice 打开时重算公式和引用；"
    "读入的是 Word 显示的保存结果，说明中列出两者",
    "核对这些数字；在 Word 中选中全文按 F9 更新域后另存", opened_file=True)
FIELD_NOW = declare(
    "FIELD-STALE", _W, "日期是自动更新的日期域",
    "Word 文档中的日期（多为成文日期或标题中的年份）是日期域（DATE、TIME，即“插入→日期和时间”勾选了“自动更新”），"
    "Word 每次打开、打印时都显示当天的日期，不是文件中保存的日期；读入的是保存的日期，保存时写为普通文字",
    "核对成文日期；在 Word 中选中该日期按 Ctrl+Shift+F9 转为普通文字", kind="now", opened_file=True)
STRAY_BYTES = declare(
    "STRAY-BYTES", _W, "网页中有个别无法识别的字节",
    "UTF-8 编码的网页或文字副本中夹着零星不是 UTF-8 文字的字节（旧网站系统常见，如单个不间断空格），这几处读作“\ufffd”，"
    "其余文字照常读入；夹着大段其他编码文字的文件仍不读入",
    "在正文和表格中查找“\ufffd”，核对改正这几处文字或数字", opened_file=True)
TITLE_NONSTANDARD = declare(
    "TITLE-NONSTANDARD", _W, "标题不规范",
    "标题不是“机关名称＋年度＋年度政府信息公开工作年度报告”，或没有找到标题、年度", "在“基本信息”中核对机关名称和年度", opened_file=True)
# 日期与年度
YEAR_MISSING = declare(
    "YEAR-MISSING", _W, "没有报告年度",
    "标题、统计期限中都没有找到报告年度", "在“基本信息”中填写年度")
DATE_MISSING = declare(
    "DATE-MISSING", _W, "没有成文日期",
    "正文末尾没有成文日期", "在“基本信息”中填写成文日期")
DATE_INVALID = declare(
    "DATE-INVALID", _E, "成文日期无效",
    "成文日期不是有效日期，或早于报告年度结束", "在“基本信息”中改正成文日期")
DATE_FORMAT = declare(
    "DATE-FORMAT", _W, "成文日期写法不规范",
    "GB/T 9704：用阿拉伯数字，年份写全，不编虚位（2024年1月15日）", "保存时按规范写出", opened_file=True)
AFTER_SIGNOFF = declare(
    "TEXT-AFTER-SIGNOFF", _W, "落款之后还有文字",
    "成文日期（落款）之后还有文字（如附表、附件的标题或说明）；年报以落款结束，这些文字归入最后一部分，落款后的表格照常读取",
    "核对这些文字：附件另行发布，或移到落款之前", opened_file=True)
LATE_PUBLICATION = declare(
    "LATE-PUBLICATION", _W, "晚于公布时限",
    "成文日期晚于按机关层级的公布时限：部门、乡镇、街道和政府办公厅（室）1月31日，县级以上地方人民政府本级年报3月31日（条例第四十九条）", "核对成文日期")
STALE_YEAR = declare(
    "STALE-YEAR", _E, "沿用上一年度的年份",
    "统计期限或陈述本年工作数字的句子（“2023年共收到申请…”）写的是上一年度", "改为本年度")
STALE_MENTION = declare(
    "STALE-YEAR", _W, "句中是上一年度",
    "陈述本年工作的句子中写的是上一年度的年份（与上年比较、文件名称和日期除外）", "核对后改为本年度", kind="mention")
STALE_OPENING = declare(
    "STALE-YEAR", _W, "段首是上一年度",
    "段落以上一年度的年份开头，疑为沿用上年报告的文字", "核对后改为本年度", kind="opening")
CITATION_CHANGED = declare(
    "CITATION-CHANGED", _W, "引用的文号有误",
    "正文引用的年报格式通知（国办公开办函〔2021〕30号等）的年份或编号与发文不符，多为替换年份时一并改了",
    "改回原文号")
# 与上年报告核对（check --last）
CROSS_YEAR_CARRYOVER = declare(
    "CROSS-YEAR-CARRYOVER", _E, "上年结转数不符",
    f"本年表三“{schema.t3_short(schema.T3_CARRIED_IN)}”与上年报告“{schema.t3_short(schema.T3_CARRIED_OUT)}”不一致", "修复：采用上年结转数")
CROSS_YEAR_IN_FORCE = declare(
    "CROSS-YEAR-IN-FORCE", _W, "现行有效件数不连贯",
    "表二现行有效件数不等于上年现行有效+本年制发-本年废止", "核对；如有集中清理，在正文中说明")
# A cell 从上年报告新建 fills from last year's report, blank there too: no figure to carry.
CARRYOVER_UNKNOWN = declare(
    "CROSS-YEAR-CARRYOVER", _W, "上年结转数无从沿用",
    f"本年表三“{schema.t3_short(schema.T3_CARRIED_IN)}”空白，上年报告的“{schema.t3_short(schema.T3_CARRIED_OUT)}”"
    "这一列也是空白（或“—”），没有可沿用的数（从上年报告新建时这些格未填）", "按上年实际结转的件数填写（上年没有结转的填0）",
    kind="unknown")
IN_FORCE_UNKNOWN = declare(
    "CROSS-YEAR-IN-FORCE", _W, "上年现行有效件数无从沿用",
    f"本年表二的“{schema.T2_IN_FORCE_LABEL}”空白，上年报告的这一格也是空白（或“—”），无法按上年现行有效+本年制发-本年废止推算"
    "（从上年报告新建时这些格未填）", f"按实际的{schema.T2_IN_FORCE_LABEL}填写（不是本年制发的件数，一般也不是0）",
    kind="unknown")
SAME_AS_LAST_YEAR = declare(
    "SAME-AS-LAST-YEAR", _E, "与上年报告雷同",
    "“总体情况”或“存在的主要问题及改进情况”与上年报告完全相同，或只改了年份、数字、标点", "按本年情况重写")
SAME_SECTION_MOSTLY = declare(
    "SAME-AS-LAST-YEAR", _W, "大部分与上年报告相同",
    "“总体情况”或“存在的主要问题及改进情况”中过半的句子是上年报告的句子（不计年份、数字和标点）",
    "按本年情况重写", kind="mostly")
SAME_SENTENCE = declare(
    "SAME-AS-LAST-YEAR", _I, "与上年相同的句子",
    "这句话与上年报告中的一句完全相同或只改了年份（从上年报告沿用，尚未改写）；导航中显示各部分与上年相同的比例",
    "按本年情况改写，或确认沿用", kind="sentence")
SAME_FIGURES = declare(
    "SAME-AS-LAST-YEAR", _W, "沿用上年的数字",
    "这句话仍是上年报告的句子和数字（只改了年份或一字未改），数字多半是上年的", "按本年表格中的数字改写",
    kind="figures")
CROSS_YEAR_CHANGE = declare(
    "CROSS-YEAR-CHANGE", _I, "与上年相比变化异常",
    "某格是上年的十倍以上，或合计由上年的非零变为0，疑为输入时多打或漏打", "核对该数字（属实则无需处理）")
