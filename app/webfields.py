"""What a web form's controls show as text, as the browser draws them: a drop-down list its
chosen option, a text box its value (app/webunshown.py marks the rest of a page's unshown)."""

from __future__ import annotations

import re

import lxml.html

# Inputs whose value is no text of the page: a hidden field, boxes to tick, a file picker, a
# slider, a colour well, a password's dots — and buttons (a picture's too), whose caption is the
# page's tool (【打 印】【关 闭】 after an article, 搜索, 返回), never a report's words, and a search
# box (what it holds is a query, the site's, not the report's).  Any other
# type (an unknown one is a text box) shows its value attribute as text.
_VALUE_UNSHOWN = frozenset({"hidden", "checkbox", "radio", "file", "image", "range", "color", "password",
                            "button", "submit", "reset", "search"})


def field_value(field: lxml.html.HtmlElement, forms: dict[lxml.html.HtmlElement, int] | None = None) -> None:
    """A form's text box shows its value: an OA system's read-only form, or a filled form saved
    as a page, has its figures in <input value="37" readonly> (they read blank, host29).  The
    value becomes the element's text, hidden with it when CSS hides the box; a placeholder
    attribute is a prompt and is never read, and so are words a script clears when the box is
    clicked (onfocus="if(this.value=='请输入关键字')this.value=''": a search box's prompt as
    pages wrote it before the placeholder attribute; a figure so cleared, a form's 0, is still
    the figure shown).  ``forms``: as search_box's."""
    value = field.get("value")
    if not value or (field.get("type") or "").strip().lower() in _VALUE_UNSHOWN or search_box(field, forms):
        return
    if not any(ch.isdigit() for ch in value) and (any("value" in (field.get(on) or "") for on in _CLEARED_ON)
                                                  or _PROMPT.search(value)):
        return
    field.text = value


_CLEARED_ON = ("onfocus", "onclick", "onmousedown")  # a script there that touches the value: a prompt
# A value that asks for input (请输入…, 搜索本站, 输入关键词检索): a box's prompt written as its value
# with no script to clear it, a search box's as often as not; an OA form's value is a figure or a
# name, never a request to type one.
_PROMPT = re.compile(r"^\s*(请?输入|请选择|搜索|检索|查询)|关键[字词]|站内搜索|全文检索")


# A search box by its own names (name="q", id="keyword", class="search-input", name="searchword":
# TRS WCM's, and Hanweb's, Dayang's templates), or by its form's (action="/search", role="search",
# id="searchForm").  Whole tokens only: “kw”, “q”, “wd” are search words, “key” inside “keyin” is not.
_SEARCH_NAME = re.compile(r"(?:^|[^a-z0-9])(?:search\w*|q|query|keywords?|kw|wd|key|searchword|sousuo|jiansuo|ss)(?:$|[^a-z0-9])",
                          re.IGNORECASE)
_SEARCH_CAPTION = re.compile(r"^\s*(?:搜\s*索|检\s*索|查\s*询|搜|站内搜索|全文检索|go|search)\s*$", re.IGNORECASE)
_BOXES = frozenset({"", "text", "search"})


def search_box(field: lxml.html.HtmlElement, forms: dict[lxml.html.HtmlElement, int] | None = None) -> bool:
    """A site's search box whose value holds words, not a prompt (what was last searched, a
    template's default “政府信息公开”): named for search, in a form named or sent for search, or
    the only text box of a form whose button says 搜索/检索/查询.  Its words are the site's query, never the
    report's (they became the last line of 六).  An OA form (many boxes, no search button) is none.
    ``forms``: each form's text boxes, counted once a form for all its boxes (each box counted
    the form's all: a form of 8,000 boxes took 21 s, quadrupling with each doubling)."""
    if (field.get("type") or "").strip().lower() not in _BOXES or _in_a_row_of_cells(field):
        return False
    if any(_SEARCH_NAME.search(field.get(a) or "") for a in ("name", "id", "class")):
        return True
    form = next(field.iterancestors("form"), None)
    if form is None:
        return False
    if (form.get("role") or "").strip().lower() == "search" or any(
            _SEARCH_NAME.search(form.get(a) or "") for a in ("action", "name", "id", "class")):
        return True
    boxes = forms.get(form) if forms is not None else None
    if boxes is None:
        boxes = sum(1 for f in form.iter("input") if (f.get("type") or "").strip().lower() in _BOXES)
        if forms is not None:
            forms[form] = boxes
    return boxes == 1 and any(_SEARCH_CAPTION.match(b.get("value") or b.text_content() or "")
                                   for b in form.iter("input", "button") if b is not field)


_TOOL_WORDS = 16  # a search bar's own words: 搜索, 高级检索, 热门搜索：年报 公开 — more is the page's text
_CELLS = frozenset({"td", "th", "body", "html", "table", "tr"})


def _in_a_row_of_cells(field: lxml.html.HtmlElement) -> bool:
    """In a table row of four cells or more: a statutory table's (an OA form's figure, whatever its
    box is named: class="key-value"), never a site's search bar."""
    cell = next(field.iterancestors("td", "th"), None)
    row = cell.getparent() if cell is not None else None
    return row is not None and sum(1 for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")) > 3


def drop_search_bar(field: lxml.html.HtmlElement, words: dict[lxml.html.HtmlElement, bool]) -> None:
    """Leave out a search box and the bar around it (its 搜索 button or link, 高级检索): the
    widest of its parents, up to three up and never a table's cell, that holds no more than a
    few words and no table.  Not hidden text: the browser shows it, as the site's tool.
    ``words``: whether a parent holds more than the bar's words or a table, judged once a parent (8,000
    boxes in a page's 200,000 characters each read them all: 15 s)."""
    bar = field
    for up in list(field.iterancestors())[:3]:
        if not isinstance(up.tag, str) or up.tag.lower() in _CELLS:
            break
        if up not in words:
            words[up] = _wordy(up) or next(up.iter("table"), None) is not None
        if words[up]:
            break
        bar = up
    if bar.getparent() is not None:  # not inside a bar already left out
        bar.drop_tree()


def _wordy(el: lxml.html.HtmlElement) -> bool:
    """Whether ``el`` holds more than _TOOL_WORDS characters other than blanks (read no further than that)."""
    seen = 0
    for text in el.itertext():
        seen += len("".join(text.split()))
        if seen > _TOOL_WORDS:
            return True
    return False


def drop_down(select: lxml.html.HtmlElement) -> None:
    """A drop-down list shows one option, the chosen one (the last marked selected, else the
    first not disabled), and in it the option's label when it has one: the others are seen only
    when the list is opened, so “<select><option>1</option><option selected>37</option></select>”
    shows 37 (hostile15; it read 137).  A list box (multiple, or size above 1) shows its options
    one under another, read as they are."""
    size = (select.get("size") or "").strip()
    if select.get("multiple") is not None or (size.isdigit() and int(size) > 1):
        return
    options = [o for o in select.iter() if isinstance(o.tag, str) and o.tag.lower() == "option"]
    if not options:
        return
    chosen = next((o for o in reversed(options) if o.get("selected") is not None), None)
    if chosen is None:
        chosen = next((o for o in options if o.get("disabled") is None), options[0])
    for o in options:
        if o is not chosen:
            o.set("hidden", "")
    label = chosen.get("label")
    if label:  # shown in place of the option's text
        chosen.text = label
        for child in list(chosen):
            chosen.remove(child)
