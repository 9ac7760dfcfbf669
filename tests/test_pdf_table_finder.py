"""pdfplumber's table finder made to cost what the page holds (app/pdfread/tablefinder.py): the
same crossings, cells and tables, in the same order, as pdfplumber's own passes give — on
random rulings (broken lines, lines that touch and lines that cross, tables side by side, cells
that share only a corner) and on real pages — and a page ruled as a fine grid (graph paper, a
form of small boxes: 170 lines each way, 10 KB) read in a bounded number of steps: pdfplumber
scanned every later crossing for each crossing, 26 s past the 8 s deadline nothing inside it
looked at.  A page drawn to defeat even the bounded search stops at the reading's deadline."""

from __future__ import annotations

import contextlib
import itertools
import random
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber import table as plumber

from app.errors import ReadError
from app.pdfread import bounds, tablefinder
from app.pdfread.tablefinder import cells_to_tables, edges_to_intersections, intersections_to_cells
from app.reading import load_report
from tests.hostile_pdf import raw_pdf, stream


def _edges(rng: random.Random, count: int, span: int) -> list[dict[str, float | str]]:
    """Lines on a small lattice (so that they meet, touch and cross), some a little off it."""
    out: list[dict[str, float | str]] = []
    for _ in range(count):
        a, b = sorted(rng.sample(range(span), 2))
        at = rng.randrange(span) + rng.choice([0, 0, 0, 0.5, 1e-9])
        if rng.random() < 0.5:
            out.append({"orientation": "v", "x0": at, "x1": at, "top": a, "bottom": b})
        else:
            out.append({"orientation": "h", "x0": a, "x1": b, "top": at, "bottom": at})
    return out


def _grid_edges(rng: random.Random, cols: int, rows: int) -> list[dict[str, float | str]]:
    """A table's rules, some of them cut into pieces or left out (merged cells)."""
    out: list[dict[str, float | str]] = []
    for i in range(cols + 1):
        cuts = sorted({0, rows, *rng.sample(range(1, rows), min(rows - 1, rng.randrange(3)))})
        for a, b in itertools.pairwise(cuts):
            if rng.random() < 0.9:
                out.append({"orientation": "v", "x0": 10 * i, "x1": 10 * i, "top": 7 * a, "bottom": 7 * b})
    for j in range(rows + 1):
        cuts = sorted({0, cols, *rng.sample(range(1, cols), min(cols - 1, rng.randrange(3)))})
        for a, b in itertools.pairwise(cuts):
            if rng.random() < 0.9:
                out.append({"orientation": "h", "x0": 10 * a, "x1": 10 * b, "top": 7 * j, "bottom": 7 * j})
    return out


@pytest.mark.parametrize("seed", range(300))
def test_the_passes_give_what_pdfplumbers_give(seed: int) -> None:
    rng = random.Random(seed)
    edges = _edges(rng, rng.randrange(2, 40), rng.choice([6, 12, 30])) if seed % 2 else \
        _grid_edges(rng, rng.randrange(2, 9), rng.randrange(2, 9)) + _edges(rng, rng.randrange(4), 60)
    tol = rng.choice([1, 0, 3])
    theirs = plumber.edges_to_intersections(edges, tol, tol)
    ours = edges_to_intersections(edges, tol, tol)
    assert list(ours.items()) == list(theirs.items())
    cells = intersections_to_cells(ours)
    assert cells == plumber.intersections_to_cells(theirs)
    assert cells_to_tables(cells) == plumber.cells_to_tables(cells)
    rng.shuffle(cells)  # groups joined over several passes, in pdfplumber's order
    assert cells_to_tables(cells) == plumber.cells_to_tables(cells)


@pytest.fixture(scope="module", params=["ours", "libreoffice"])
def report_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our export of the published sample, and LibreOffice's PDF of a Word-style file whose
    tables have merged cells and go over pages."""
    from tests.pdfmake import libreoffice_pdf, needs_soffice, ruled, sample_pdf
    from tests.thirdparty import Spec, build

    folder = tmp_path_factory.mktemp("pdf")
    if request.param == "ours":
        return sample_pdf(folder)
    if needs_soffice:
        pytest.skip("LibreOffice not installed")
    t3 = {(r, c): str((r * 7 + c) % 13) for r in range(25) for c in range(7)}
    return libreoffice_pdf(ruled(build(Spec(t3=t3), folder / "a.docx"), folder / "b.docx", header_rows=2), folder)


def test_real_pages_find_the_same_tables(report_pdf: Path) -> None:
    with pdfplumber.open(report_pdf) as doc:
        for page in doc.pages:
            ours, theirs = tablefinder.find_tables(page), page.find_tables()
            assert [t.cells for t in ours] == [t.cells for t in theirs]
            assert [t.bbox for t in ours] == [t.bbox for t in theirs]


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _page(drawing: bytes) -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
                    b" /Resources << /Font << /F1 4 0 R >> >> >>", _FONT,
                    stream(drawing + b"\nBT /F1 12 Tf 1 0 0 1 30 820 Tm (Report 2023) Tj ET")])


def fine_grid(cols: int, rows: int) -> bytes:
    """A page ruled as graph paper: ``cols`` by ``rows`` cells across the page."""
    return _page(b"".join(b"%.2f 50 m %.2f 800 l S\n" % (20 + i * 555 / cols, 20 + i * 555 / cols) for i in range(cols + 1))
                 + b"".join(b"20 %.2f m 575 %.2f l S\n" % (50 + j * 750 / rows, 50 + j * 750 / rows)
                            for j in range(rows + 1)))


def _steps(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times the table finder looked at the deadline reading ``path``."""
    looks = [0]
    real = tablefinder.check_time

    def counted() -> None:
        looks[0] += 1
        real()

    monkeypatch.setattr(tablefinder, "check_time", counted)
    monkeypatch.setattr(tablefinder, "_CHECK_EVERY", 1)  # a look a step: the steps counted
    with contextlib.suppress(ReadError):
        load_report(path)
    return looks[0]


def test_a_fine_grid_costs_what_it_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps, not seconds: four times the crossings, about four times the steps (pdfplumber's
    search was sixteen times)."""
    small, large = tmp_path / "small.pdf", tmp_path / "large.pdf"
    small.write_bytes(fine_grid(40, 40))
    large.write_bytes(fine_grid(80, 80))
    a, b = _steps(small, monkeypatch), _steps(large, monkeypatch)
    assert 0 < b < 5 * a, (a, b)


def test_a_page_drawn_to_defeat_the_search_stops_at_the_deadline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Crossings whose cells never close: one long rule each way, and many short ones touching
    only one of them; with the deadline already past, the finder stops inside its passes."""
    rules = [b"20 800 m 20 50 l S", b"20 800 m 575 800 l S"]
    rules += [b"20 %.1f m 22 %.1f l S" % (790 - 3.5 * j, 790 - 3.5 * j) for j in range(200)]
    rules += [b"%.1f 800 m %.1f 798 l S" % (30 + 3.5 * i, 30 + 3.5 * i) for i in range(150)]
    path = tmp_path / "comb.pdf"
    path.write_bytes(_page(b"\n".join(rules)))
    looked: list[int] = []
    monkeypatch.setattr(tablefinder, "check_time", lambda: looked.append(1))
    monkeypatch.setattr(tablefinder, "_CHECK_EVERY", 1)
    with pytest.raises(ReadError):
        load_report(path)
    assert 0 < len(looked) < 20_000, len(looked)
    monkeypatch.setattr(tablefinder, "check_time", lambda: (_ for _ in ()).throw(bounds.TimeLimit(8.0)))
    with pytest.raises(bounds.TimeLimit), pdfplumber.open(path) as doc:
        tablefinder.find_tables(doc.pages[0])


def test_a_page_ruled_as_graph_paper_is_read_within_the_deadline(tmp_path: Path) -> None:
    """170 lines each way, 29,000 crossings in 10 KB: pdfplumber's search took 26 s of processor
    time and the page was refused as too slow to read (after the deadline, which nothing inside
    the search looked at); now it is read through, as any page of empty cells is."""
    from tests.hostile import run_one

    path = tmp_path / "方格纸.pdf"
    path.write_bytes(fine_grid(170, 170))
    outcome = run_one(path, timeout=30)
    assert outcome.result in ("read", "refused") and "秒内未能读完" not in outcome.message, outcome


def boxes(count: int, rows: int = 40) -> bytes:
    """``count`` small tables of two cells each, in ``rows`` rows across the page: rules at the
    same height, none reaching the next box (each wider than the 3 pt pdfplumber snaps)."""
    per_row = count // rows
    step = 550 / per_row
    ops = [b"%.2f %d %.2f 5 re S %.2f %d %.2f 5 re S" % (20 + k * step, 60 + r * 18, step / 3,
                                                         20 + k * step + step / 3, 60 + r * 18, step / 3)
           for r in range(rows) for k in range(per_row)]
    return _page(b"\n".join(ops))


def test_small_tables_side_by_side_cost_what_they_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each crossing's search stops where its own rules end: four times the boxes in a row,
    four times the steps (the search over every crossing of the row was eight times)."""
    small, large = tmp_path / "small.pdf", tmp_path / "large.pdf"
    small.write_bytes(boxes(40, rows=4))
    large.write_bytes(boxes(160, rows=4))
    a, b = _steps(small, monkeypatch), _steps(large, monkeypatch)
    assert 0 < b < 5 * a, (a, b)
