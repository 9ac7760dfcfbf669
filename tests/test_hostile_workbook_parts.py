"""What a workbook's reader never reads — notes (批注), links over ranges, pivot caches, pictures and
charts, table objects (套用表格格式), another workbook's cells behind an external link — is left
out before openpyxl builds it (app/xlsxlean.py): each such file reads in bounded time and memory,
its tables as the same workbook's without them.  Read in a forked child with a time limit and its
peak memory measured (tests/hostile.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.reading import load_report
from tests.hostile import run_one
from tests.hostile_web import sheet_ending_with, workbook_with


def _reads_as_without(path: Path, folder: Path) -> None:
    """``path``'s tables are those of the workbook without the parts it adds."""
    plain = folder / "plain.xlsx"
    plain.write_bytes(workbook_with())
    assert load_report(path).tables == load_report(plain).tables


def _with_parts(data: bytes, parts: dict[str, bytes | Callable[[bytes], bytes]]) -> bytes:
    """The workbook ``data`` with ``parts`` added, or (a function) rewritten."""
    import io
    import zipfile

    from tests.hostile_base import _zip

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        got = {n: z.read(n) for n in z.namelist()}
    for name, part in parts.items():
        got[name] = part(got[name]) if callable(part) else part
    return _zip(list(got.items()))


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _pivot_cache(records: int) -> bytes:
    """The exported workbook with a pivot table's cache (数据透视表) of ``records`` records and a
    pivot table on its first sheet using it, as Excel keeps them beside the cells it shows."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    book = workbook_with(book=lambda x: x.replace("</workbook>", f'<pivotCaches><pivotCache cacheId="1" r:id="rIdPC" xmlns:r="{_R}"/>'
                                                               "</pivotCaches></workbook>"))
    table = (f'<pivotTableDefinition xmlns="{main}" name="透视表1" cacheId="1" dataCaption="值"><location ref="K1:K2" '
             'firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/><pivotFields count="1"><pivotField showAll="0"/>'
             "</pivotFields></pivotTableDefinition>")
    types = ("".join(f'<Override PartName="/xl/{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.{t}+xml"/>'
                     for n, t in (("pivotCache/pivotCacheDefinition1", "pivotCacheDefinition"),
                                  ("pivotCache/pivotCacheRecords1", "pivotCacheRecords"), ("pivotTables/pivotTable1", "pivotTable"))))
    return _with_parts(book, {
        "xl/_rels/workbook.xml.rels": lambda old: old.replace(b"</Relationships>", (
            f'<Relationship Id="rIdPC" Type="{_R}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>'
            "</Relationships>").encode()),
        "xl/pivotCache/pivotCacheDefinition1.xml": (
            f'<pivotCacheDefinition xmlns="{main}" xmlns:r="{_R}" r:id="rId1" recordCount="{records}"><cacheSource type="worksheet">'
            '<worksheetSource ref="A1:B2" sheet="x"/></cacheSource><cacheFields count="1"><cacheField name="a" numFmtId="0">'
            '<sharedItems containsNumber="1"/></cacheField></cacheFields></pivotCacheDefinition>').encode(),
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": (
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{_R}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/>'
            "</Relationships>").encode(),
        "xl/pivotCache/pivotCacheRecords1.xml": (f'<pivotCacheRecords xmlns="{main}" count="{records}">'.encode()
                                                 + b'<r><n v="1"/></r>' * records + b"</pivotCacheRecords>"),
        "xl/pivotTables/pivotTable1.xml": table.encode(),
        "xl/worksheets/_rels/sheet1.xml.rels": (f'<Relationships xmlns="{pkg}"><Relationship Id="rIdPT" Type="{_R}/pivotTable" '
                                                'Target="../pivotTables/pivotTable1.xml"/></Relationships>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", types.encode() + b"</Types>"),
    })


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels (its data is a few bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b""))


def _drawn(inner: str, rels: str, parts: dict[str, bytes]) -> bytes:
    """The exported workbook with a drawing on its first sheet of ``inner`` (one anchored frame),
    the drawing's relationships ``rels`` and more ``parts`` (a picture's, a chart's)."""
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    xdr, a = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "http://schemas.openxmlformats.org/drawingml/2006/main"
    chart = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    anchor = ("<xdr:twoCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0"
              "</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0"
              f"</xdr:rowOff></xdr:to>{inner}<xdr:clientData/></xdr:twoCellAnchor>")
    book = workbook_with(sheet=lambda x: x.replace("</worksheet>", f'<drawing r:id="rIdD" xmlns:r="{_R}"/></worksheet>'))
    return _with_parts(book, {
        "xl/drawings/drawing1.xml": f'<xdr:wsDr xmlns:xdr="{xdr}" xmlns:a="{a}" xmlns:r="{_R}" xmlns:c="{chart}">{anchor}</xdr:wsDr>'.encode(),
        "xl/drawings/_rels/drawing1.xml.rels": f'<Relationships xmlns="{pkg}">{rels}</Relationships>'.encode(),
        "xl/worksheets/_rels/sheet1.xml.rels": (f'<Relationships xmlns="{pkg}"><Relationship Id="rIdD" Type="{_R}/drawing" '
                                                'Target="../drawings/drawing1.xml"/></Relationships>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", (
            b'<Default Extension="png" ContentType="image/png"/><Override PartName="/xl/drawings/drawing1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>')),
        **parts})


_PICTURE = ('<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="图片 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill>'
            '<a:blip r:embed="{}"/></xdr:blipFill><xdr:spPr/></xdr:pic>')
_IMAGE_REL = f'<Relationship Id="rIdI" Type="{_R}/image" Target="../media/image1.png"/>'


def _chart(points: int) -> bytes:
    """A column chart's part of one series of ``points`` cached values."""
    pts = "".join(f'<c:pt idx="{i}"><c:v>{i}</c:v></c:pt>' for i in range(points))
    return (f'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{_R}"><c:chart><c:plotArea>'
            '<c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/>'
            f'<c:val><c:numRef><c:f>Sheet1!$A$1:$A$2</c:f><c:numCache><c:ptCount val="{points}"/>{pts}</c:numCache></c:numRef>'
            '</c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart></c:plotArea></c:chart></c:chartSpace>').encode()


def _table_part(columns: int) -> bytes:
    """The exported workbook with a table object (套用表格格式) of ``columns`` columns on its first sheet."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    listed = "".join(f'<tableColumn id="{i + 1}" name="列{i}"/>' for i in range(columns))
    book = workbook_with(sheet=lambda x: x.replace("</worksheet>", f'<tableParts count="1"><tablePart r:id="rIdT" xmlns:r="{_R}"/>'
                                                                   "</tableParts></worksheet>"))
    return _with_parts(book, {
        "xl/worksheets/_rels/sheet1.xml.rels": ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                                f'<Relationship Id="rIdT" Type="{_R}/table" Target="../tables/table1.xml"/>'
                                                "</Relationships>").encode(),
        "xl/tables/table1.xml": (f'<table xmlns="{main}" id="1" name="T1" displayName="T1" ref="K1:K2">'
                                 f'<tableColumns count="{columns}">{listed}</tableColumns></table>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", (
            b'<Override PartName="/xl/tables/table1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>'))})


_FRAME = ('<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="图表 1"/><xdr:cNvGraphicFramePr/>'
          '</xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
          '<c:chart r:id="rIdC"/></a:graphicData></a:graphic></xdr:graphicFrame>')
_CHART_REL = f'<Relationship Id="rIdC" Type="{_R}/chart" Target="../charts/chart1.xml"/>'


@pytest.mark.parametrize("make", [
    # openpyxl gave each cell of a link's range its own copy, making the cells: 17 s, 2 GB, “damaged”
    lambda: workbook_with(sheet=sheet_ending_with('<hyperlinks><hyperlink ref="A1:XFD1048576" location="Sheet1!A1"/></hyperlinks>')),
    lambda: workbook_with(sheet=sheet_ending_with("<hyperlinks>" + "".join(f'<hyperlink ref="A{i}:XFD{i}" location="A1"/>'
                                                                           for i in range(1, 1001)) + "</hyperlinks>")),
    # every record of the cache read again for each sheet; the records' <r> were counted as rich
    # text, and the workbook refused as 超过50000段各设格式的文字（富文本）
    lambda: _pivot_cache(400_000),
    lambda: _pivot_cache(40_000),
    # a sheet's pictures and charts: openpyxl opened each picture with Pillow, a header claiming
    # 100000×100000 pixels or a picture's part missing had the workbook called damaged
    lambda: _drawn(_PICTURE.format("rIdI"), _IMAGE_REL, {"xl/media/image1.png": _png(100_000, 100_000)}),
    lambda: _drawn(_PICTURE.format("rIdGone"), "", {}),
    lambda: _drawn(_FRAME, _CHART_REL, {"xl/charts/chart1.xml": _chart(150_000)}),
    lambda: _table_part(200_000),  # an object each column: 2 s, 201 MB
    lambda: _table_part(3),
], ids=["link-over-the-sheet", "1000-links-over-rows", "pivot-400000-records", "pivot-40000-records",
        "picture-claiming-1e10-pixels", "picture-missing", "chart-of-150000-points", "table-of-200000-columns", "table-of-3-columns"])
def test_links_pivot_caches_drawings_and_table_objects_the_reader_never_reads_cost_nothing(
        tmp_path: Path, make: Callable[[], bytes]) -> None:
    path = tmp_path / "表.xlsx"
    path.write_bytes(make())
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 100, outcome
    _reads_as_without(path, tmp_path)


def _noted(refs: list[str], rels: str = "") -> bytes:
    """The exported workbook with notes (批注) on its first sheet at ``refs``, the sheet's
    relationship to them written as ``rels`` (Relationship, and the closing of it) or as Excel does."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    notes = "".join(f'<comment ref="{r}" authorId="0"><text><t>备注</t></text></comment>' for r in refs)
    rel = (f'<Relationship Id="rIdNote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
           f'Target="../comments1.xml"{rels or "/>"}')
    return _with_parts(workbook_with(), {  # (its sheets have no relationships of their own)
        "xl/worksheets/_rels/sheet1.xml.rels":
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel}</Relationships>'.encode(),
        "xl/comments1.xml": (f'<comments xmlns="{ns}"><authors><author>某</author></authors>'
                             f"<commentList>{notes}</commentList></comments>").encode()})


@pytest.mark.parametrize(("refs", "rels"), [
    (["A1:XFD1048576"], ""),  # openpyxl made every cell the note names: 17 s and 2 GB, then “damaged”
    (["A0", "ZZZZZ99", ""], ""),  # refs Excel never writes: the whole workbook refused as damaged
    (["A1:XFD1048576"], "></Relationship>"),
], ids=["whole-sheet", "bad-refs", "closed-tag"])
def test_notes_are_not_read_and_cost_nothing(tmp_path: Path, refs: list[str], rels: str) -> None:
    """A sheet's notes (批注) are never printed and the reader reads none: left out before openpyxl
    places them, the workbook reads as it does without them."""
    path = tmp_path / "批注.xlsx"
    path.write_bytes(_noted(refs, rels))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 300, outcome
    _reads_as_without(path, tmp_path)


def test_another_workbooks_cached_cells_behind_an_external_link_are_not_built(tmp_path: Path) -> None:
    """A formula linking to another workbook keeps a copy of its cells (externalLink): openpyxl
    built all 150,000 of them (1.3 s, 140 MB), which no formula here is read by."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = "".join(f'<row r="{r}">' + "".join(f'<cell r="{c}{r}"><v>1</v></cell>' for c in "ABCDEFGHIJ") + "</row>"
                   for r in range(1, 15_001))
    link = (f'<externalLink xmlns="{main}" xmlns:r="{_R}"><externalBook r:id="rId1"><sheetNames><sheetName val="表"/></sheetNames>'
            f'<sheetDataSet><sheetData sheetId="0">{rows}</sheetData></sheetDataSet></externalBook></externalLink>')
    book = workbook_with(book=lambda x: x.replace("</workbook>", f'<externalReferences><externalReference r:id="rIdE" xmlns:r="{_R}"/>'
                                                               "</externalReferences></workbook>"))
    path = tmp_path / "外部链接.xlsx"
    path.write_bytes(_with_parts(book, {
        "xl/_rels/workbook.xml.rels": lambda old: old.replace(b"</Relationships>", (
            f'<Relationship Id="rIdE" Type="{_R}/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>').encode()),
        "xl/externalLinks/externalLink1.xml": link.encode(),
        "xl/externalLinks/_rels/externalLink1.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{_R}/externalLinkPath" Target="file:///C:/上年.xlsx" TargetMode="External"/></Relationships>').encode(),
        "[Content_Types].xml": lambda old: old.replace(b"</Types>", (
            b'<Override PartName="/xl/externalLinks/externalLink1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>'))}))
    outcome = run_one(path, timeout=20)
    assert outcome.result == "read" and outcome.peak_mb < 80, outcome
    _reads_as_without(path, tmp_path)
