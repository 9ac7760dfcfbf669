"""What a workbook hides from whoever opens it in Excel/WPS 表格, formats otherwise or computes
anew, counted as its sheets are read (app/xlsx.py) and said once each: for a workbook file and for
a worksheet embedded in a .docx (app/docx/embedded.py) alike."""

from __future__ import annotations

from collections.abc import Callable

from app.findings import (
    HIDDEN_CELLS,
    VALUE_NOTE_MARK,
    VALUE_XLSX_CACHED,
    VALUE_XLSX_CONDITIONAL,
    VALUE_XLSX_FORMAT,
    VALUE_XLSX_FORMULA,
    Declared,
    Finding,
    Location,
)


def hidden_findings(hidden: Hidden, long_formats: tuple[int, ...], where: Callable[[str], Location]) -> list[Finding]:
    """What a workbook hides, formats otherwise, or computes anew, said once each; ``where``: the
    place a finding of a kind points at (the cells the reader noted with it)."""
    out: list[Finding] = []

    def say(declared: Declared, message: str) -> None:
        out.append(declared.at(where(declared.kind), message))

    if hidden.places():
        say(HIDDEN_CELLS, f"工作簿中有{hidden.describe()}，未读入；Excel/WPS表格中看不到、打印时也没有这些内容，"
            "请核对表格，确需保留的在 Excel/WPS 中取消隐藏后重新打开")
    if hidden.marks:  # the same words as the .docx reader's (app/docx/reader.py), with the cells
        say(VALUE_NOTE_MARK, f"表格中有{len(hidden.marks)}个单元格含上标、下标（注释标记）或删除线文字，未计入数字"
            f"（{cell_names(hidden.marks)}）；请核对这些单元格，注释写在表格下方")
    if hidden.formats:
        say(VALUE_XLSX_FORMAT, f"{len(hidden.formats)}个单元格的数字格式使 Excel/WPS 表格显示的数与存储的不同，读入的是存储的数："
            f"{cell_names(hidden.formats, 4)}；请核对，在 Excel/WPS 中把这些单元格的数字格式改为“常规”")
    if long_formats:
        say(VALUE_XLSX_FORMAT, f"工作簿中有{len(long_formats)}个数字格式过长（"
            f"{'、'.join(str(n) for n in long_formats[:4])}个字符，Excel 的数字格式最多255个字符），"
            "文件可能已损坏或是恶意构造，这些格式未采用，用它们的单元格读入的是存储的数；请核对，在 Excel/WPS 中把这些单元格的数字格式改为“常规”")
    if hidden.stale:
        shown = ("Excel/WPS 表格打开时重新计算，显示并读入的是计算结果" if hidden.recalculated
                 else "读入的是保存的结果，Excel/WPS 表格重新计算后显示的是计算结果")
        say(VALUE_XLSX_FORMULA, f"{len(hidden.stale)}个单元格公式的计算结果与文件中保存的不同："
            f"{cell_names(hidden.stale, 4)}；{shown}，请核对这些单元格")
    if hidden.uncomputed:
        say(VALUE_XLSX_CACHED, f"工作簿设为打开时重新计算，{len(hidden.uncomputed)}个单元格的公式本程序不计算"
            f"（{cell_names(hidden.uncomputed)}），读入的是文件中保存的结果；Excel/WPS 表格重新计算后显示的可能不同，请核对")
    if hidden.conditional or hidden.crowded:
        crowded = (f"工作表{'、'.join(hidden.crowded)}的条件格式过多，只核对了前面的一部分；" if hidden.crowded else "")
        cells = (f"{len(hidden.conditional)}个单元格的条件格式中有本程序不判断的规则（公式、前N项、高于平均值、与其他单元格比较等），"
                 f"规则成立时 Excel/WPS 表格中不显示这些数字或显示为另一个数：{cell_names(hidden.conditional)}；" if hidden.conditional else "")
        say(VALUE_XLSX_CONDITIONAL, f"{crowded}{cells}读入的是存储的数，"
            "请在 Excel/WPS 中核对这些数字（开始 → 条件格式 → 管理规则）")
    return out


class Hidden:
    """What a workbook hides that holds something: sheets, rows and columns, cells; and the
    cells (“表三”E6) part of whose text is hidden, or is a note mark or struck through."""

    def __init__(self) -> None:
        self.sheets = self.rows = self.columns = self.cells = 0
        self.cell_names: list[str] = []  # the cells counted in ``cells``
        self.runs: list[str] = []  # cells with text nobody sees beside what is shown
        self.marks: list[str] = []  # cells with a note mark or struck text beside their figure
        self.formats: list[str] = []  # cells whose number format shows another figure: “表三”D6显示为“2”…
        self.stale: list[str] = []  # cells whose formula computes another figure than the file stored
        self.uncomputed: list[str] = []  # cells Excel recalculates whose formula the program does not compute
        self.recalculated = False  # the workbook asks Excel to recalculate on opening
        self.conditional: list[str] = []  # cells a conditional rule not judged may hide or change
        self.crowded: list[str] = []  # sheets with more conditional formats than are looked through

    def places(self) -> int:
        return self.sheets + self.rows + self.columns + self.cells + len(self.runs)

    def describe(self) -> str:
        parts = [f"{n}{unit}" for n, unit in ((self.sheets, "个隐藏的工作表"), (self.rows, "行隐藏的行"),
                                               (self.columns, "列隐藏的列"),
                                               (self.cells, "个内容不显示的单元格（数字格式为“;;;”之类，字体颜色与底色相同，或条件格式只显示数据条、图标："
                                                            f"{cell_names(self.cell_names)}）"))
                 if n]
        if self.runs:
            parts.append(f"{len(self.runs)}个单元格中有看不见的文字（白色或与底色同色、2磅以下的字：{cell_names(self.runs)}）")
        return "、".join(parts)


def cell_names(names: list[str], most: int = 8) -> str:
    """“表三”E6、“表三”F6 …: the first ``most`` and how many more."""
    shown = "、".join(names[:most])
    return shown + (f"等{len(names)}个" if len(names) > most else "")
