"""A data-bound content control shows its store's value, not its cached content: Word refreshes
the control from the bound custom XML part (or the document's properties) when it opens the
file, so a cached “37” over a bound “99” is 99 on screen and is read as 99; a store or node
that is not there leaves the cached content, as in Word (app/docx/databinding.py)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW, CellRef
from tests.thirdparty import Spec, build

STORE = "{5B6A1C2D-3E4F-4A5B-8C9D-0E1F2A3B4C5D}"
CORE = "{6C3C8BC8-F283-45AE-878A-BAB7291924A1}"
NS = "urn:nianbao:test-binding"
ITEM = f'<?xml version="1.0" encoding="UTF-8"?><r:报告 xmlns:r="{NS}"><r:新收>99</r:新收><r:空/><r:日期>2024-02-03T00:00:00Z</r:日期><r:选项>b</r:选项></r:报告>'
PROPS = ('<?xml version="1.0" encoding="UTF-8"?><ds:datastoreItem ds:itemID="{item}" '
         'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>')
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"


def _bound(runs: str, xpath: str, store: str = STORE, sdt_pr: str = "", block: bool = False) -> str:
    binding = (f'<w:dataBinding w:prefixMappings="xmlns:ns0=\'{NS}\' xmlns:dc=\'http://purl.org/dc/elements/1.1/\' '
               f'xmlns:cp=\'http://schemas.openxmlformats.org/package/2006/metadata/core-properties\'" '
               f'w:xpath="{xpath}" w:storeItemID="{store}"/>')
    content = f"<w:p>{runs}</w:p>" if block else runs
    return f"<w:sdt><w:sdtPr>{binding}{sdt_pr}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def _package(tmp_path: Path, edit: object, item: str = ITEM, item_id: str = STORE, title: str = "",
             spec: Spec | None = None) -> Path:
    """A third-party report with ``edit`` applied to document.xml and a custom XML part
    ``item`` (its ID ``item_id``) related from it; ``title`` as the core properties' title."""
    src = build(spec or Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    dest = tmp_path / "bound.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdX1" Type="{CUSTOM_REL}" '
                                    f'Target="../customXml/item91.xml"/></Relationships>'.encode())
            elif info.filename == "docProps/core.xml" and title:
                data = re.sub(rb"<dc:title>.*?</dc:title>|<dc:title/>", b"", data)
                data = data.replace(b"</cp:coreProperties>", f"<dc:title>{title}</dc:title></cp:coreProperties>".encode())
            zout.writestr(info, data)
        zout.writestr("customXml/item91.xml", item.encode("utf-8"))
        zout.writestr("customXml/itemProps91.xml", PROPS.format(item=item_id))
        zout.writestr("customXml/_rels/item91.xml.rels",
                      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                      f'package/2006/relationships"><Relationship Id="rId1" Type="{PROPS_REL}" '
                      'Target="itemProps91.xml"/></Relationships>')
    return dest


def _cell(tmp_path: Path, sdt: str, **kw: object) -> Report:
    def edit(xml: str) -> str:
        new, n = re.subn(r"<w:r>(?:(?!</w:r>).)*?<w:t>37</w:t></w:r>", lambda m: sdt, xml, count=1, flags=re.S)
        assert n == 1
        return new
    return load_report(_package(tmp_path, edit, **kw))  # type: ignore[arg-type]


CACHED = "<w:r><w:t>3</w:t></w:r><w:r><w:t>7</w:t></w:r>"


def test_the_bound_value_is_read_not_the_cached(tmp_path: Path) -> None:
    r = _cell(tmp_path, _bound(CACHED, "/ns0:报告[1]/ns0:新收[1]"))
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 99


def test_a_block_level_control_in_the_cell(tmp_path: Path) -> None:
    def edit(xml: str) -> str:
        at = xml.index("<w:t>37</w:t>")
        start, end = xml.rindex("<w:p>", 0, at), xml.index("</w:p>", at) + len("</w:p>")
        return xml[:start] + _bound("<w:r><w:t>37</w:t></w:r>", "/ns0:报告/ns0:新收", block=True) + xml[end:]
    assert load_report(_package(tmp_path, edit)).tables[REQUESTS][(T3_NEW, 0)] == 99


@pytest.mark.parametrize(("xpath", "store", "item_id"), [
    ("/ns0:报告[1]/ns0:没有[1]", STORE, STORE),  # the node is not there
    ("/ns0:报告[1]/ns0:新收[1]", "{00000000-0000-0000-0000-000000000000}", STORE),  # no such store
    ("/ns0:报告[1]/ns0:新收[1]", STORE, "{11111111-1111-1111-1111-111111111111}"),  # the part has another ID
    ("/ns9:报告[1]/ns9:新收[1]", STORE, STORE),  # a prefix the mappings do not declare
    ("count(/ns0:报告)", STORE, STORE),  # no XPath Word writes
])
def test_an_unresolved_binding_keeps_the_cached_content(tmp_path: Path, xpath: str, store: str, item_id: str) -> None:
    r = _cell(tmp_path, _bound(CACHED, xpath, store), item_id=item_id)
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 37


def test_store_ids_are_compared_without_case(tmp_path: Path) -> None:
    r = _cell(tmp_path, _bound(CACHED, "/ns0:报告[1]/ns0:新收[1]", STORE.lower()))
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 99


def test_an_empty_bound_value_empties_the_cell_and_a_placeholder_shown_is_no_figure(tmp_path: Path) -> None:
    assert _cell(tmp_path, _bound(CACHED, "/ns0:报告[1]/ns0:空[1]")).tables[REQUESTS][(T3_NEW, 0)] is None
    # An empty value shows the control's placeholder, as in Word; a prompt, not a figure anyone
    # entered (tests/test_hostile_placeholders.py): blank too, and no unreadable text kept.
    placeholder = _cell(tmp_path, _bound(CACHED, "/ns0:报告[1]/ns0:空[1]", sdt_pr="<w:showingPlcHdr/>"))
    assert placeholder.tables[REQUESTS][(T3_NEW, 0)] is None
    assert CellRef(REQUESTS, T3_NEW, 0) not in placeholder.raw


def test_a_drop_down_shows_the_items_display_text(tmp_path: Path) -> None:
    items = ('<w:dropDownList><w:listItem w:displayText="12" w:value="a"/><w:listItem w:displayText="99" w:value="b"/>'
             "</w:dropDownList>")
    assert _cell(tmp_path, _bound(CACHED, "/ns0:报告[1]/ns0:选项[1]", sdt_pr=items)).tables[REQUESTS][(T3_NEW, 0)] == 99


def test_a_title_bound_to_the_document_properties(tmp_path: Path) -> None:
    """Word's 文档属性 → 标题 control: the core properties' title is what shows."""
    title = "某县某局2023年度政府信息公开工作年度报告"

    def edit(xml: str) -> str:
        cached = "某县某局2022年度政府信息公开工作年度报告"
        old = re.search(r"<w:p>(?:(?!</w:p>).)*?" + title + r"(?:(?!</w:p>).)*?</w:p>", xml, re.S)
        assert old is not None
        sdt = _bound(f"<w:r><w:t>{cached}</w:t></w:r>", "/cp:coreProperties[1]/dc:title[1]", CORE, block=True)
        return xml[:old.start()] + sdt + xml[old.end():]
    r = load_report(_package(tmp_path, edit, title=title, spec=Spec(organ="某县某局", t3={(T3_NEW, 0): "37"})))
    assert (r.organ, r.year) == ("某县某局", 2023)


def test_a_bound_date_in_the_controls_format(tmp_path: Path) -> None:
    spec = Spec(t3={(T3_NEW, 0): "37"}, date="2024年1月20日")

    def edit(xml: str) -> str:
        old = re.search(r"<w:p>(?:(?!</w:p>).)*?2024年1月20日(?:(?!</w:p>).)*?</w:p>", xml, re.S)
        assert old is not None
        date = '<w:date><w:dateFormat w:val="yyyy\'年\'M\'月\'d\'日\'"/><w:lid w:val="zh-CN"/></w:date>'
        sdt = _bound("<w:r><w:t>2024年1月20日</w:t></w:r>", "/ns0:报告[1]/ns0:日期[1]", sdt_pr=date, block=True)
        return xml[:old.start()] + sdt + xml[old.end():]
    assert load_report(_package(tmp_path, edit, spec=spec)).date == dt.date(2024, 2, 3)


@pytest.mark.parametrize("store", [STORE, ""])
def test_a_store_too_large_for_a_form_keeps_the_cached_content(tmp_path: Path, store: str) -> None:
    """A bound store of 7.6 MB (a form's fields are some KB; parsed whole, ~250 MB each: six in a
    68 KB file took 1.5 GB): not read, the control shows what Word last showed, named or looked
    through (no storeItemID)."""
    from app.limits import MAX_DATA_STORE_BYTES

    big = f'<r:报告 xmlns:r="{NS}"><r:新收>99</r:新收>' + "<r:a/>" * (MAX_DATA_STORE_BYTES // 6 * 7) + "</r:报告>"
    sdt = _bound(CACHED, "/ns0:报告[1]/ns0:新收[1]", store)
    if not store:
        sdt = sdt.replace(' w:storeItemID=""', "")
    assert _cell(tmp_path, sdt, item=big).tables[REQUESTS][(T3_NEW, 0)] == 37


def test_a_control_bound_inside_a_bound_one_is_its_content_and_read_once(tmp_path: Path) -> None:
    """A bound control nested in a bound one (none of Word's, a hostile file's): the outer one's
    value replaces its whole content, the inner one's with it (it was refreshed after it,
    writing “b” over 99); nested 100 deep over many runs it is one pass (it was depth² × runs)."""
    inner = _bound(CACHED, "/ns0:报告[1]/ns0:选项[1]")
    r = _cell(tmp_path, _bound(inner, "/ns0:报告[1]/ns0:新收[1]"))
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 99
    deep = CACHED + "<w:r><w:t>字</w:t></w:r>" * 2000
    for _ in range(100):
        deep = _bound(deep, "/ns0:报告[1]/ns0:新收[1]")
    (tmp_path / "deep").mkdir()
    assert _cell(tmp_path / "deep", deep).tables[REQUESTS][(T3_NEW, 0)] == 99


def test_a_bound_control_in_deleted_text_is_left_as_it_is(tmp_path: Path) -> None:
    """Deleted text is not read: a bound control in it is not refreshed into the cell."""
    deleted = f'<w:del w:id="1" w:author="x">{_bound("<w:r><w:delText>5</w:delText></w:r>", "/ns0:报告[1]/ns0:新收[1]")}</w:del>'
    r = _cell(tmp_path, deleted + CACHED)
    assert r.tables[REQUESTS][(T3_NEW, 0)] == 37


_SIBLINGS = 150_000  # <r:x/> children of the store's root: within its 1 MB


def _many_bound(tmp_path: Path, xpaths: list[str]) -> Path:
    item = f'<?xml version="1.0" encoding="UTF-8"?><r:报告 xmlns:r="{NS}">' + "<r:x/>" * _SIBLINGS + "</r:报告>"
    sdts = "".join(_bound("<w:r><w:t>a</w:t></w:r>", xpath) for xpath in xpaths)
    return _package(tmp_path, lambda xml: xml.replace("<w:body>", "<w:body><w:p>" + sdts + "</w:p>", 1), item=item)


@pytest.mark.parametrize("xpath", ["/ns0:报告/ns0:x", "/ns0:报告[1]/ns0:x[{k}]"], ids=["every-sibling", "positions"])
def test_many_controls_bound_into_a_store_of_many_siblings_are_read_within_bounds(tmp_path: Path, xpath: str) -> None:
    """lxml's XPath walked the store's 150,000 siblings anew for each of 20,000 controls: a 74 KB
    .docx hung the reader.  Each element's children are grouped by name once."""
    from tests.hostile import run_one

    path = _many_bound(tmp_path, [xpath.format(k=_SIBLINGS - k) for k in range(20_000)])
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 300, outcome


def test_paths_that_walk_every_sibling_for_each_control_are_refused_in_one_line(tmp_path: Path) -> None:
    from tests.hostile import run_one

    path = _many_bound(tmp_path, [f"/ns0:报告/ns0:x/ns0:y{k}" for k in range(20_000)])
    outcome = run_one(path, timeout=20)
    assert outcome.result == "refused" and "内容控件" in outcome.message and str(path) in outcome.message, outcome
    assert "\n" not in outcome.message


def test_a_binding_finds_the_node_lxmls_xpath_finds_first() -> None:
    """The walk (app/docx/databinding.py _Finder) against lxml's XPath, on every path of Word's
    form over a store with repeated, missing, namespaced and unnamespaced names and attributes."""
    from lxml import etree

    from app.docx.databinding import _bound_value, _Finder

    store = (f'<a:r xmlns:a="{NS}" xmlns:b="urn:b"><a:x k="1"><a:y>1</a:y></a:x><a:x><a:y>2</a:y><a:y k="">3</a:y>'
             '<b:y>4</b:y></a:x><!-- c --><a:x><z>5</z><a:y k="6">6</a:y></a:x><z k="7"><z>8</z></z></a:r>')
    mappings = f"xmlns:ns0='{NS}' xmlns:nb='urn:b'"
    steps = ["ns0:x", "ns0:y", "nb:y", "z", "ns0:z", "nc:y"]
    paths = ["/ns0:r", "/ns0:r[2]", "/z", "/ns0:r/@k", "/ns0:r/z/@k", "/ns0:r/z/z"]
    for first in steps:
        for pos in ("", "[1]", "[2]", "[3]", "[4]"):
            for second in [*steps, "@k"]:
                for pos2 in ("", "[1]", "[2]", "[3]") if second != "@k" else ("",):
                    paths.append(f"/ns0:r/{first}{pos}/{second}{pos2}")
    root = etree.fromstring(store)
    for path in paths:
        binding = etree.fromstring(f'<w:dataBinding xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                                   f'w:prefixMappings="{mappings}" w:xpath="{path}" w:storeItemID="{STORE}"/>')
        try:
            found = etree.ElementTree(root).xpath(path, namespaces={"ns0": NS, "nb": "urn:b"})
        except etree.XPathError:
            found = []
        node = found[0] if isinstance(found, list) and found else None
        expected = "".join(node.itertext()) if isinstance(node, etree._Element) else node
        got = _bound_value(binding, {STORE: store.encode()}, {}, _Finder())
        assert got == expected, path
