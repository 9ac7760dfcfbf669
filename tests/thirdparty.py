"""Builds .docx files the way other agencies' Word/WPS files look — plain styles, merged or
unmerged label cells, tables split or written as several small tables, labels edited, the 2019
layout — with plain python-docx, independent of our writer, to test the reader on them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import docx.text.paragraph
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table

from app.schema import (
    T2_GROUPS,
    T2_ITEM_HEADER,
    T3_COLS,
    T3_CORNER,
    T3_NEW,
    T3_ROW_PATHS,
    T4_GROUPS,
    T4_RESULTS,
)
from tests.conftest import rewrite_docx

Cells = dict[tuple[int, int], str]


@dataclass
class Spec:
    organ: str = "某市某区人民政府某某街道办事处"
    title: str | None = None  # default: organ + 2023年度政府信息公开工作年度报告
    headings: dict[str, str] = field(default_factory=dict)  # section key -> heading text used
    t2: Cells = field(default_factory=dict)  # (data row, col) -> text
    t3: Cells = field(default_factory=dict)
    t4: dict[int, str] = field(default_factory=dict)
    relabel: dict[str, str] = field(default_factory=dict)  # statutory label -> label written
    split_t3_at: int | None = None  # data row where table 三 continues in a second table
    split_with_stray_merge: bool = False  # …whose part repeats the header, its first row's second cell
    # continuing a vertical merge (as Word leaves a merged group cell cut by a manual split)
    t2_as_four: bool = False
    # A one-figure row of 表二 (行政许可 …) left as three plain cells, their texts from its figure.
    t2_unmerged: Callable[[str], list[str]] | None = None
    merge_labels: bool = True
    old_2019_other: str | None = None  # a one-row （六）其他处理 with this 自然人 value
    date: str = "2024年1月20日"
    body_twice: bool = False
    text: dict[str, list[str]] = field(default_factory=dict)
    extra_column: dict[str, str] = field(default_factory=dict)  # table -> header of a column added on the right
    widen_last_cell: set[str] = field(default_factory=set)  # tables whose last cells span a sliver column, as LibreOffice's .doc export does
    # Headings numbered automatically (numbering.xml), as "word" (one multilevel list: 一、 over
    # （一）), "wps" (a list for the headings, a restarted one for each run of （一）sub-heads)
    # or "style" (the numbering carried by the Heading 1/2 styles), "outline" (the styles name the
    # list, its levels name the styles: Word's 将级别链接到样式) writes them.
    numbering: str | None = None
    number_cells: bool = False  # with ``numbering``: table 三's “1.”… item labels from a list too
    title_in_textbox: bool = False  # the title in a text box (drawing + VML fallback copy)


def _label(spec: Spec, text: str) -> str:
    return spec.relabel.get(text, text)


def _table(doc: docx.document.Document, rows: int, cols: int) -> Table:
    t = doc.add_table(rows=rows, cols=cols)
    return t


def _t2(doc: docx.document.Document, spec: Spec) -> None:
    tables: list[Table] = []
    item = 0
    for g, (heading, cols, items, _) in enumerate(T2_GROUPS):
        if spec.t2_as_four or g == 0:
            tables.append(_table(doc, 0, 4))
        t = tables[-1]
        row = t.add_row().cells
        row[0].merge(row[3]).text = _label(spec, heading)
        row = t.add_row().cells
        row[0].text = _label(spec, T2_ITEM_HEADER)
        if len(cols) == 1:
            row[1].merge(row[3]).text = _label(spec, cols[0])
        else:
            for i, c in enumerate(cols):
                row[1 + i].text = _label(spec, c)
        for name in items:
            row = t.add_row().cells
            row[0].text = _label(spec, name)
            if len(cols) == 1 and spec.t2_unmerged is not None:
                for i, text in enumerate(spec.t2_unmerged(spec.t2.get((item, 0), "0"))):
                    row[1 + i].text = text
            elif len(cols) == 1:
                row[1].merge(row[3]).text = spec.t2.get((item, 0), "0")
            else:
                for i in range(3):
                    row[1 + i].text = spec.t2.get((item, i), "0")
            item += 1


def _t3_header(t: Table, spec: Spec) -> None:
    rows = [t.add_row().cells for _ in range(3)]
    corner = rows[0][0].merge(rows[2][2])
    corner.text = T3_CORNER
    rows[0][3].merge(rows[0][9]).text = "申请人情况"
    rows[1][3].merge(rows[2][3]).text = _label(spec, T3_COLS[0])
    rows[1][4].merge(rows[1][8]).text = _label(spec, "法人或其他组织")
    rows[1][9].merge(rows[2][9]).text = _label(spec, T3_COLS[-1])
    for i, name in enumerate(T3_COLS[1:-1]):
        rows[2][4 + i].text = _label(spec, name).replace("企业", "\n企业")


def _t3(doc: docx.document.Document, spec: Spec, lists: _Lists | None = None) -> None:
    t = _table(doc, 0, 10)
    _t3_header(t, spec)
    for r, path in enumerate(T3_ROW_PATHS):
        stray = False
        if r == spec.split_t3_at:
            doc.add_paragraph("")
            t = _table(doc, 0, 10)  # continued without a header, as after a page break
            if spec.split_with_stray_merge:
                _t3_header(t, spec)
                stray = True
        if spec.old_2019_other is not None and 20 <= r <= 22:
            if r == 20:
                cells = t.add_row().cells
                cells[0].text, cells[1].merge(cells[2]).text = "", "（六）其他处理"
                cells[3].text = spec.old_2019_other
            continue
        cells = t.add_row().cells
        labels = [_label(spec, p) for p in path]
        if len(labels) == 1:
            cells[0].merge(cells[2]).text = labels[0]
        elif len(labels) == 2:
            cells[0].text = labels[0] if not spec.merge_labels or r == 2 else ""
            cells[1].merge(cells[2]).text = labels[1]
        else:
            cells[0].text = ""
            cells[1].text = labels[1]
            cells[2].text = labels[2]
            item = re.match(r"^\d+\.", labels[2])
            if lists is not None and spec.number_cells and item:  # “1.” from the list, not typed
                cells[2].text = labels[2][item.end():]
                lists.cell_item(cells[2].paragraphs[0], first=labels[2].startswith("1."))
        for c in range(7):
            cells[3 + c].text = spec.t3.get((r, c), "")
        if stray:
            cells[1].text = ""
            cells[1]._tc.get_or_add_tcPr().append(OxmlElement("w:vMerge"))


def _t4(doc: docx.document.Document, spec: Spec) -> None:
    t = _table(doc, 4, 15)
    r0, r1, r2, r3 = (t.rows[i].cells for i in range(4))
    r0[0].merge(r0[4]).text = _label(spec, "行政复议")
    r0[5].merge(r0[14]).text = _label(spec, "行政诉讼")
    for i, name in enumerate(T4_RESULTS):
        r1[i].merge(r2[i]).text = _label(spec, name)
    r1[5].merge(r1[9]).text = _label(spec, T4_GROUPS[1])
    r1[10].merge(r1[14]).text = _label(spec, T4_GROUPS[2])
    for i in range(10):
        r2[5 + i].text = _label(spec, T4_RESULTS[i % 5])
    for c in range(15):
        r3[c].text = spec.t4.get(c, "0")


HEADINGS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
TABLE_WRITERS: dict[str, Callable[[docx.document.Document, Spec], None]] = {"二": _t2, "三": _t3, "四": _t4}


def _add_column(table: Table, header: str, span_last: bool) -> None:
    """A column on the right: a blank one (headed ``header``), or with ``span_last`` a sliver
    that every row's last cell spans."""
    tbl = table._tbl
    tbl.tblGrid.append(OxmlElement("w:gridCol"))
    for i, tr in enumerate(tbl.tr_lst):
        last = tr.tc_lst[-1]
        if span_last:
            last.grid_span = (last.grid_span or 1) + 1
            continue
        tc = OxmlElement("w:tc")
        p = OxmlElement("w:p")
        if i == 0 and header:
            r = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = header
            r.append(t)
            p.append(r)
        tc.append(p)
        last.addnext(tc)


_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, style: str = "") -> str:
    linked = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{linked}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>')


class _Lists:
    """Lists in numbering.xml as Word and WPS write them; ``numpr`` numbers a paragraph."""

    def __init__(self, doc: docx.document.Document, kind: str) -> None:
        self.doc, self.kind = doc, kind
        self.root = doc.part.numbering_part.element
        self.next_abstract = 90
        self.next_num = 90
        outline = _lvl(0, "chineseCountingThousand", "%1、") + _lvl(1, "chineseCountingThousand", "（%2）") + _lvl(2, "decimal", "%3.")
        if kind == "outline":
            # Word's 将级别链接到样式: each level names its heading style; the styles name the list only.
            self.heads = self._list(_lvl(0, "chineseCountingThousand", "%1、", style="Heading1")
                                    + _lvl(1, "chineseCountingThousand", "（%2）", style="Heading2"))
            self.subs = self.heads
        elif kind in ("word", "style"):
            # Word's Chinese outline list: 一、 at level 0, （一） at level 1, 1. at level 2.
            self.heads = self._list(outline)
            self.subs = self.heads
        elif kind == "linked":
            # A list defined by a list style: the headings' list only names the style.
            styled = self._num(self._abstract('<w:styleLink w:val="ChineseOutline"/>' + outline))
            doc.styles.element.append(parse_xml(
                f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="ChineseOutline"><w:name w:val="中文大纲"/>'
                f'<w:pPr><w:numPr><w:numId w:val="{styled}"/></w:numPr></w:pPr></w:style>'))
            self.heads = self._num(self._abstract('<w:numStyleLink w:val="ChineseOutline"/>'))
            self.subs = self.heads
        else:
            self.heads = self._list(_lvl(0, "chineseCounting", "%1、"))
            self.sub_abstract = self._abstract(_lvl(0, "chineseCounting", "（%1）"))
            self.subs = ""
        if kind in ("style", "outline"):
            for name, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
                ppr = doc.styles[name].element.get_or_add_pPr()
                level = f'<w:ilvl w:val="{ilvl}"/>' if kind == "style" else ""
                ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}>{level}<w:numId w:val="{self.heads}"/></w:numPr>'))

    def _abstract(self, levels: str) -> str:
        aid = str(self.next_abstract)
        self.next_abstract += 1
        el = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                       f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        first_num = self.root.find(f'{{{_NS["w"]}}}num')
        if first_num is not None:
            first_num.addprevious(el)
        else:
            self.root.append(el)
        return aid

    def _num(self, abstract: str, restart: bool = False) -> str:
        nid = str(self.next_num)
        self.next_num += 1
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        self.root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{abstract}"/>'
                                   f'{override}</w:num>'))
        return nid

    def _list(self, levels: str) -> str:
        return self._num(self._abstract(levels))

    def cell_item(self, paragraph: docx.text.paragraph.Paragraph, first: bool) -> None:
        """A “1.” row label numbered by a decimal list restarted at each group's first item."""
        if first or not hasattr(self, "items"):
            if not hasattr(self, "item_abstract"):
                self.item_abstract = self._abstract(_lvl(0, "decimal", "%1."))
            self.items = self._num(self.item_abstract, restart=True)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{self.items}"/></w:numPr>'))

    def new_section(self) -> None:
        if self.kind == "wps":
            self.subs = ""  # WPS restarts （一） in each section with a new list instance

    def paragraph(self, text: str, heading: bool = False) -> None:
        """A paragraph whose “一、”/“（一）” Word would show from the list, not the text (a
        section's heading, or a “（一）” sub-head; a “一、” in body text is typed)."""
        for pattern, ilvl in ((_LEVEL1, 0), (_LEVEL2, 1)):
            m = pattern.match(text)
            if m is None or (ilvl == 0) != heading:
                continue
            if self.kind in ("style", "outline"):
                self.doc.add_paragraph(text[m.end():], style=f"Heading {ilvl + 1}")
                return
            if ilvl == 1 and self.kind == "wps" and not self.subs:
                self.subs = self._num(self.sub_abstract, restart=True)
            num, level = (self.heads, 0) if ilvl == 0 else (self.subs, 0 if self.kind == "wps" else 1)
            p = self.doc.add_paragraph(text[m.end():])
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
            return
        self.doc.add_paragraph(text)


def _textbox_paragraph(doc: docx.document.Document, lines: list[str]) -> None:
    """An empty paragraph anchoring a text box that holds ``lines``, stored twice as Word does."""
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())
    paras = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    content = f"<w:txbxContent>{paras}</w:txbxContent>"
    xml = (f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
           f'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
           f'<wp:extent cx="5400000" cy="900000"/><wp:docPr id="1" name="文本框 1"/>'
           f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>'
           f'</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><v:shape id="文本框 1" style="width:425pt;height:71pt">'
           f'<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    doc.add_paragraph()._p.append(parse_xml(xml))


def build(spec: Spec, path: Path) -> Path:
    doc = docx.Document()
    title = spec.title or f"{spec.organ}2023年度政府信息公开工作年度报告"
    if spec.title_in_textbox:
        _textbox_paragraph(doc, [title])
    else:
        doc.add_paragraph(title)
    doc.add_paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。")
    lists = _Lists(doc, spec.numbering) if spec.numbering else None
    for _ in range(2 if spec.body_twice else 1):
        for key, heading in HEADINGS.items():
            if lists is not None:
                lists.new_section()
            if lists is not None:
                lists.paragraph(spec.headings.get(key, heading), heading=True)
            else:
                doc.add_paragraph(spec.headings.get(key, heading))
            for line in spec.text.get(key, ["本年度工作正常开展。"] if key in "一五六" else []):
                if lists is not None:
                    lists.paragraph(line)
                else:
                    doc.add_paragraph(line)
            if key == "三":
                _t3(doc, spec, lists)
            elif key in TABLE_WRITERS:
                TABLE_WRITERS[key](doc, spec)
                if key in spec.extra_column or key in spec.widen_last_cell:
                    _add_column(doc.tables[-1], spec.extra_column.get(key, ""), key in spec.widen_last_cell)
        doc.add_paragraph(spec.organ)
        doc.add_paragraph(spec.date)
    doc.save(str(path))
    return path


def figure_as(tmp_path: Path, runs: str, styles: str = "", body_edit: str = "") -> Path:
    """A third-party file whose 表三 本年新收 自然人 cell (37) is written as ``runs``, with
    ``styles`` (w:style elements) added to its styles.xml and ``body_edit`` put first in its body."""
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")

    def edit(xml: str) -> str:
        new, n = re.subn(r"<w:r>(?:(?!</w:r>).)*?<w:t>37</w:t></w:r>", lambda m: runs, xml, count=1, flags=re.S)
        assert n == 1
        return new.replace("<w:body>", f"<w:body>{body_edit}", 1) if body_edit else new
    path = rewrite_docx(src, tmp_path / "cell.docx", edit)
    if styles:
        path = rewrite_docx(path, tmp_path / "styled.docx", lambda x: x.replace("</w:styles>", styles + "</w:styles>"),
                            part="word/styles.xml")
    return path


def replace_table(path: Path, marker: str, rows: list[list[str]]) -> None:
    """The .docx at ``path`` with its table holding ``marker`` replaced, in place, by a plain table
    of ``rows`` (texts; a short row leaves its last cells empty): another office's layout."""
    doc = docx.Document(str(path))
    old = next(t for t in doc.tables if marker in "".join(c.text for c in t._cells))
    new = doc.add_table(rows=len(rows), cols=max(map(len, rows)))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            new.cell(i, j).text = text
    old._tbl.addnext(new._tbl)
    old._tbl.getparent().remove(old._tbl)
    doc.save(str(path))
