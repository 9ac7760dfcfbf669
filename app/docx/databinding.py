"""Data-bound content controls read as Word shows them.

A content control (w:sdt) with a w:dataBinding is mapped to a node of an XML part of the
package — a custom XML part (its itemProps' ID), or the document properties: Word's 文档部件 →
文档属性 controls, a title bound to dc:title.  When Word opens the file it refreshes the control
from that node; the text cached in w:sdtContent is only what was last saved, and a file can
carry a cached “37” over a bound “99”: Word shows 99.  So before the body is read each bound
control whose store is in the package and whose XPath finds a node gets that node's text, as
Word puts it there (a drop-down shows the list item's display text, a date control the date in
its own w:dateFormat); a store missing, an XPath that finds nothing, or a value Word would not
show as it stands (a date in a format not understood here) leaves the cached content, as Word
leaves it.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from app.docx.package import PARSER
from app.docx.xmlkids import W, first_child
from app.errors import ReadError
from app.madetext import Budget

_SDT, _SDT_PR, _SDT_CONTENT, _DATA_BINDING = (f"{{{W}}}{t}" for t in ("sdt", "sdtPr", "sdtContent", "dataBinding"))
_P, _R, _T, _BR, _VAL = (f"{{{W}}}{t}" for t in ("p", "r", "t", "br", "val"))
_XPATH, _PREFIXES, _STORE = (f"{{{W}}}{t}" for t in ("xpath", "prefixMappings", "storeItemID"))
_DATE, _DATE_FORMAT, _DROP_DOWN, _COMBO, _LIST_ITEM, _PLACEHOLDER_SHOWN = (
    f"{{{W}}}{t}" for t in ("date", "dateFormat", "dropDownList", "comboBox", "listItem", "showingPlcHdr"))
_DISPLAY, _VALUE = f"{{{W}}}displayText", f"{{{W}}}value"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_LEFT_OUT = tuple(f"{{{ns}}}{t}" for ns, t in ((_MC, "Fallback"), (W, "del"), (W, "moveFrom")))

# The XPaths Word writes: a location path of named steps with positions, perhaps an attribute
# last (/ns0:报告[1]/ns0:年度[1], /ns1:coreProperties[1]/ns0:title[1]).  Anything else (functions,
# predicates on values) is no binding Word makes: the cached content is read.
_STEP = r"/(?:[^\W\d][\w.-]*:)?[^\W\d][\w.-]*(?:\[[1-9][0-9]{0,5}\])?"
_PATH = re.compile(rf"(?:{_STEP})+(?:/@(?:[^\W\d][\w.-]*:)?[^\W\d][\w.-]*)?")
_MAPPING = re.compile(r"""xmlns:([^\W\d][\w.-]*)\s*=\s*(?:'([^']*)'|"([^"]*)")""")
MAX_VALUE = 100_000  # characters of one bound value taken (a control shows a field, not a book)
# Nodes of the stores looked at by all of a document's bindings together: a form's few fields
# take tens.  lxml's XPath walked a store's children anew for each binding (20,000 controls over
# a 1 MB store of 150,000 siblings: past any limit, a 74 KB .docx); each element's children are
# now grouped by name once, a position taken at once, and a walk past this is refused.
MAX_BINDING_STEPS = 1_000_000
_STEP_PARTS = re.compile(r"/(@)?(?:([^\W\d][\w.-]*):)?([^\W\d][\w.-]*)(?:\[([1-9][0-9]{0,5})\])?")
TOO_MANY_STEPS = (f"文件中绑定到自定义 XML 数据的内容控件查找超过{MAX_BINDING_STEPS}个节点，年报不会这样，"
                  "文件可能已损坏或是恶意构造，未读取")


def apply_bindings(body: etree._Element, stores: dict[str, bytes]) -> int:
    """Put into each bound content control of ``body`` (the reader's own tree) the value Word
    shows from its store; returns how many were refreshed."""
    if not stores:
        return 0
    parsed: dict[str, etree._Element | None] = {}
    finder = _Finder()
    refreshed = 0
    bindings = list(body.iter(_DATA_BINDING))
    if not bindings:
        return 0
    # Found once, each looked up by its element: a walk up per text run, in every bound control
    # nested in another, cost nesting depth² × runs (40 deep, 20,000 runs: 6 s).
    left_out = _left_out_elements(body)
    replaced: set[etree._Element] = set()  # controls inside one already refreshed: its content now
    budget = Budget()  # one value shown by any number of controls (rev26h B1)
    for binding in bindings:
        sdt_pr = binding.getparent()
        sdt = sdt_pr.getparent() if sdt_pr is not None else None
        if sdt is None or sdt_pr.tag != _SDT_PR or sdt.tag != _SDT or sdt in left_out or sdt in replaced:
            continue  # (deleted text, a markup fallback: not read, not refreshed)
        value = _bound_value(binding, stores, parsed, finder)
        if value is None:
            continue
        shown = _shown(sdt_pr, value)
        if shown is None:
            continue
        content = first_child(sdt, _SDT_CONTENT)
        if content is not None and _fill(content, budget.spend(shown), left_out):
            refreshed += 1
            if (flag := first_child(sdt_pr, _PLACEHOLDER_SHOWN)) is not None:
                sdt_pr.remove(flag)  # filled: no longer the prompt (app/docx/placeholders.py), as Word clears it
            replaced.update(content.iter(_SDT))
    return refreshed


def _left_out_elements(body: etree._Element) -> set[etree._Element]:
    """Every element inside deleted text, a move's source or a markup fallback (one pass; an
    outer one takes those inside it)."""
    out: set[etree._Element] = set()
    for lo in body.iter(*_LEFT_OUT):
        if lo not in out:
            out.update(lo.iter())
    return out


def _store(key: str, stores: dict[str, bytes], parsed: dict[str, etree._Element | None]) -> etree._Element | None:
    if key not in parsed:
        try:
            parsed[key] = etree.fromstring(stores[key], PARSER)
        except etree.XMLSyntaxError:
            parsed[key] = None
    return parsed[key]


def _bound_value(binding: etree._Element, stores: dict[str, bytes],
                 parsed: dict[str, etree._Element | None], finder: _Finder) -> str | None:
    """The text of the node the binding maps to; None when the store or the node is missing."""
    path = (binding.get(_XPATH) or "").strip()
    if not _PATH.fullmatch(path):
        return None
    namespaces = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                  for m in _MAPPING.finditer(binding.get(_PREFIXES) or "")}
    store_id = (binding.get(_STORE) or "").strip().upper()
    # No store named: Word looks through the custom XML parts for one the XPath maps into.
    keys = [store_id] if store_id else list(stores)
    for key in keys:
        if key not in stores:
            continue
        root = _store(key, stores, parsed)
        if root is None:
            continue
        steps = []
        for m in _STEP_PARTS.finditer(path):
            attribute, prefix, local, position = m.groups()
            if prefix is not None and prefix not in namespaces:
                return None  # a prefix the mappings do not declare: not mapped (XPath's error)
            name = f"{{{namespaces[prefix]}}}{local}" if prefix is not None and namespaces[prefix] else local
            steps.append((name, int(position) if position else 0, attribute is not None))
        node = finder.first(root, steps)
        if isinstance(node, etree._Element):
            return "".join(node.itertext())[:MAX_VALUE]
        if isinstance(node, str):
            return node[:MAX_VALUE]
    return None


class _Finder:
    """The first node, in document order, a Word binding's path (/a[1]/b/@c) selects: what
    lxml's XPath gives first, found by walking each element's children grouped by name (made
    once per element), a position taken at once.  ReadError past MAX_BINDING_STEPS nodes."""

    def __init__(self) -> None:
        self.kids: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        self.steps = 0

    def first(self, root: etree._Element, steps: list[tuple[str, int, bool]]) -> etree._Element | str | None:
        if not steps or steps[0][2] or root.tag != steps[0][0] or steps[0][1] > 1:
            return None  # the document has one element, its root
        return self._walk(root, steps, 1)

    def _walk(self, el: etree._Element, steps: list[tuple[str, int, bool]], i: int) -> etree._Element | str | None:
        if i == len(steps):
            return el
        name, position, attribute = steps[i]
        if attribute:
            return el.get(name)  # an attribute is the last step
        kids = self._grouped(el).get(name, [])
        for kid in (kids[position - 1:position] if position else kids):
            self.steps += 1
            if self.steps > MAX_BINDING_STEPS:
                raise ReadError(TOO_MANY_STEPS)
            if (found := self._walk(kid, steps, i + 1)) is not None:
                return found
        return None

    def _grouped(self, el: etree._Element) -> dict[str, list[etree._Element]]:
        if el not in self.kids:
            grouped: dict[str, list[etree._Element]] = {}
            for kid in el:
                if isinstance(kid.tag, str):  # (not a comment or processing instruction)
                    self.steps += 1
                    grouped.setdefault(kid.tag, []).append(kid)
            self.kids[el] = grouped
        return self.kids[el]


def _shown(sdt_pr: etree._Element, value: str) -> str | None:
    """What the control shows for the bound value; None when Word's showing is not known here."""
    if not value.strip() and first_child(sdt_pr, _PLACEHOLDER_SHOWN) is not None:
        return None  # an empty value shows the placeholder the cached content holds
    lists = first_child(sdt_pr, _DROP_DOWN)
    if lists is None:
        lists = first_child(sdt_pr, _COMBO)
    if lists is not None:
        for item in lists.iterchildren(_LIST_ITEM):
            if item.get(_VALUE) == value:
                return item.get(_DISPLAY) or value
        return value if lists.tag == _COMBO else None
    date = first_child(sdt_pr, _DATE)
    if date is not None:
        return _date_shown(value, first_child(date, _DATE_FORMAT))
    return value


def _date_shown(value: str, fmt_el: etree._Element | None) -> str | None:
    """A bound date (xsd:dateTime, “2024-01-20T00:00:00Z”) in the control's format."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if m is None:
        return None
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    fmt = fmt_el.get(_VAL, "") if fmt_el is not None else ""
    out: list[str] = []
    for token in re.findall(r"'[^']*'|yyyy|yy|MM|M|dd|d|.", fmt or "yyyy-MM-dd"):
        if token.startswith("'") and len(token) > 1:
            out.append(token[1:-1])
        elif token in ("yyyy", "yy", "MM", "M", "dd", "d"):
            out.append({"yyyy": f"{day.year}", "yy": f"{day.year % 100:02d}", "MM": f"{day.month:02d}",
                        "M": f"{day.month}", "dd": f"{day.day:02d}", "d": f"{day.day}"}[token])
        elif token.isalpha() and token.isascii():
            return None  # a weekday, a month's name, an era: not rendered here
        else:
            out.append(token)
    return "".join(out)


def _fill(content: etree._Element, shown: str, left_out: set[etree._Element]) -> bool:
    """Replace the content's text with ``shown``, in its first run's formatting; lines of a
    multi-line value become line breaks, as Word shows them.  The w:t replaced are those a
    reader takes (not in ``left_out``: a fallback copy, deleted text)."""
    texts = [t for t in content.iter(_T) if t not in left_out]
    if texts:
        first = texts[0]
        for t in texts[1:]:
            t.text = ""
        run = first.getparent()
    else:
        run = etree.Element(_R)
        holder = next(content.iter(_P), None)
        sdt = content.getparent()
        outer = sdt.getparent() if sdt is not None else None
        if holder is not None:
            holder.append(run)
        elif outer is not None and outer.tag == _P:  # a run-level control: runs go in it
            content.append(run)
        else:
            return False  # no paragraph to put the text in: the cached (empty) content stays
        first = etree.SubElement(run, _T)
    lines = shown.split("\n")
    first.text = lines[0]
    first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    anchor = first
    for line in lines[1:]:
        br = etree.Element(_BR)
        anchor.addnext(br)
        t = etree.Element(_T)
        t.text = line
        br.addnext(t)
        anchor = t
    return True
