"""A figure a browser never shows because of where its box is put or what lets it through
(hostile16): a size or opacity worked out by calc()/min()/max() to 0, a box placed a screen or
more away in units other than px (top:-100vh on a fixed box, right:9999px, translateX(-100vw)),
a clip-path of no area, a mask of transparent gradients only, a MathML <mphantom>.  Each read
the hidden 1 before 37 as 137, nothing said.  The controls are the near variants a browser does
show: the 1 must not be lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.test_webcopy import _cell_page, page

_SPAN = '<span class="h">1</span>37'


@pytest.mark.parametrize("css", [
    # calc() and its kin worked out
    ".h{font-size:calc(0px)}",
    ".h{font-size:calc(1em - 1em)}",
    ".h{font-size:calc(1em * 0)}",
    ".h{opacity:calc(0)}",
    ".h{opacity:calc(1 - 1)}",
    ".h{opacity:min(0, 1)}",
    ".h{font-size:max(0px, -1em)}",
    ".h{font-size:clamp(0px, -5px, 0px)}",
    ".h{transform:scale(calc(0))}",
    ".h{font-size:calc(var(--z) * 1px)} :root{--z:0}",
    ".h{position:absolute; left:calc(-1 * 9999px)}",
    ".h{display:inline-block; width:calc(0px); overflow:hidden}",
    # off the screen in any unit, any side
    ".h{position:fixed; top:-100vh}",
    ".h{position:fixed; left:-100vw}",
    ".h{position:absolute; left:-12in}",
    ".h{position:absolute; right:9999px}",
    ".h{position:fixed; bottom:100vh}",
    ".h{position:fixed; right:110vw}",
    ".h{display:inline-block; transform:translateX(-9999px)}",
    ".h{display:inline-block; transform:translate(0, -100vh)}",
    ".h{display:inline-block; transform:translate3d(-100vw, 0, 0)}",
    ".h{display:inline-block; translate:-9999px}",
    ".h{display:inline-block; translate:0 -2000px}",
    # clipped to nothing
    ".h{clip-path:inset(0 100% 0 0)}",
    ".h{clip-path:inset(0 0 0 100%)}",
    ".h{clip-path:inset(60% 0 40% 0)}",
    ".h{clip-path:inset(50%)}",
    ".h{-webkit-clip-path:inset(0 50%)}",
    ".h{clip-path:circle(0 at 50% 50%)}",
    ".h{clip-path:ellipse(10px 0)}",
    ".h{clip-path:polygon(0 0, 0 0, 0 0)}",
    ".h{clip-path:polygon(0 0, 100% 0)}",
    ".h{clip-path:polygon(0 0, 100% 0, 50% 0)}",
    ".h{clip-path:polygon(0 0, 50% 50%, 100% 100%)}",
    ".h{clip-path:xywh(0 0 0 100%)}",
    ".h{clip-path:rect(0 0 0 0)}",
    ".h{clip-path:path('M0 0')}",
    ".h{clip-path:inset(calc(50%))}",
    # masked away
    ".h{mask-image:linear-gradient(transparent, transparent)}",
    ".h{-webkit-mask-image:linear-gradient(to right, rgba(0,0,0,0) 0%, #0000 100%)}",
    ".h{mask:radial-gradient(circle, transparent 40%, rgb(0 0 0 / 0))}",
    ".h{-webkit-mask:linear-gradient(#ffffff00 0 0), linear-gradient(90deg, transparent, transparent)}",
    ".h{mask-image:linear-gradient(black, black); mask-size:0}",
    # hostile17: calc() of units mixed, all pulling one way; an absolute box's bottom with no
    # positioned box around it (measured from the first screen: above the page's top); px insets
    ".h{position:absolute; left:calc(-100vw - 10px)}",
    ".h{position:absolute; top:calc(-9999px - 2em)}",
    ".h{text-indent:calc(-50vw - 1000px)}",
    ".h{position:absolute; right:calc(100vw + 10px)}",
    ".h{display:inline-block; transform:translateX(calc(-100vw - 50px))}",
    ".h{display:inline-block; translate:calc(-100vw - 5%) 0}",
    ".h{position:absolute; bottom:100vh}",
    ".h{position:absolute; bottom:9999px}",
    ".h{clip-path:inset(0 9999px 0 0)}",
    ".h{clip-path:inset(0 5000px 0 5000px)}",
    # left18b: calc() of terms pulling both ways, off on every screen; rect() with auto edges
    ".h{position:absolute; left:calc(-200vw + 10px)}",
    ".h{position:absolute; left:calc(-9999px + 50vw)}",
    ".h{display:inline-block; transform:translateX(calc(-9999px + 10vw))}",
    ".h{text-indent:calc(-5000px + 1vw - 2em)}",
    ".h{position:absolute; clip:rect(auto auto 0 auto)}",
    ".h{position:absolute; clip:rect(auto, 0, auto, auto)}",
    ".h{clip-path:rect(auto auto 0 auto)}",
    # left19: top and bottom insets in px taking a box's whole height (a line of 16 px text is
    # at most 1.6em = 25.6 px tall, whatever its font; a browser shrinks both to meet)
    ".h{clip-path:inset(10px 0 20px 0)}",
    ".h{clip-path:inset(0 0 26px 0)}",
    ".h{clip-path:inset(13px 0 13px)}",
    ".h{clip-path:inset(15px)}",
    ".h{clip-path:inset(20pt 0 0 0)}",
    ".h{font-size:10px; clip-path:inset(8px 0 8px 0)}",
    ".h{display:inline-block; height:20px; clip-path:inset(10px 0 10px 0)}",
])
def test_a_figure_placed_clipped_or_masked_away_is_left_out(tmp_path: Path, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, _SPAN, css)
    assert value == 37, css
    assert len(hidden) == 1 and "1处" in hidden[0], hidden


@pytest.mark.parametrize("css", [
    ".h{font-size:calc(0px + 1em)}",
    ".h{opacity:calc(1 - 0.5)}",
    ".h{opacity:max(0, 1)}",
    ".h{font-size:min(0px, 1em)} .h{font-size:12px}",  # the later rule wins
    ".h{font-size:calc(100% - 2px)}",  # not settled without a layout: as written, shown
    ".h{clip-path:inset(0 5px 0 0)}",
    ".h{clip-path:inset(0 9999px 0 -9999px)}",  # a negative inset reaches out
    ".h{display:inline-block; transform:translateX(9999px)}",  # to the right: scrolled to
    ".h{display:inline-block; transform:translateX(-100%)}",  # its own width only
    ".h{clip-path:inset(40% 0 40% 0)}",
    ".h{clip-path:inset(0 60% 0 0)}",
    ".h{clip-path:inset(50% 0 0 0)}",  # the top half cut: the bottom half of the 1 shows (read 37 before)
    ".h{clip-path:circle(10px)}",
    ".h{clip-path:polygon(0 0, 100% 0, 100% 100%)}",
    ".h{clip-path:polygon(0 0, 100% 0, 10px 10px)}",  # mixed units: not judged
    ".h{clip-path:url(#c)}",
    ".h{clip-path:path('M0 0 L10 0 L10 10 Z')}",
    ".h{mask-image:linear-gradient(transparent, black)}",
    ".h{mask-image:linear-gradient(navy, navy)}",
    ".h{mask-image:url(m.png)}",
    ".h{mask-image:none}",
    ".h{mask:linear-gradient(transparent, transparent), linear-gradient(#000, #000)}",  # one layer lets it through
    # left19: px insets that leave a band of the box: the glyphs' middle, or its top, shows
    ".h{clip-path:inset(4px 0 4px 0)}",
    ".h{padding:20px 0; clip-path:inset(10px 0 20px 0)}",  # the padding is what is cut
    ".h{display:inline-block; height:40px; clip-path:inset(10px 0 20px 0)}",
    ".h{font-size:40px; clip-path:inset(10px 0 20px 0)}",
])
def test_what_such_css_leaves_on_the_screen_is_read(tmp_path: Path, css: str) -> None:
    value, _, hidden = _cell_page(tmp_path, _SPAN, css)
    assert value == 137 and not hidden, (css, hidden)


@pytest.mark.parametrize("css", [
    ".h{position:absolute; left:-50vw}",  # half a screen to the left
    ".h{position:relative; top:-100vh}",  # a screen up, its room left empty in the cell
    "td{position:relative} .h{position:absolute; bottom:100vh}",
    "div{transform:scale(1)} .h{position:absolute; bottom:9999px}",
    ".h{position:absolute; bottom:-9999px}",  # far down the page
    ".h{position:absolute; left:calc(-100vw + 100%)}",
    ".h{position:absolute; left:calc(-50vw - 10px)}",
    ".h{position:absolute; right:500px}",
    ".h{position:absolute; left:calc(-100vw + 500px)}",
    ".h{position:absolute; clip:rect(auto auto auto auto)}",  # no offsets: drawn over the 3
])
def test_what_such_css_moves_out_of_the_cell_is_no_part_of_its_figure(tmp_path: Path, css: str) -> None:
    """Placed absolutely, or moved a screen away, the 1 may be on the screen — half a screen to
    the left, far down, or drawn over the 3 (no offsets) — but never beside the 37: the cell
    does not show 137 (these read 137, unsaid, until host31).  Left out of the figure, and said."""
    value, _, hidden = _cell_page(tmp_path, _SPAN, css)
    assert value == 37 and len(hidden) == 1, (css, hidden)


def test_a_mathml_phantom_draws_nothing(tmp_path: Path) -> None:
    value, _, hidden = _cell_page(tmp_path, "<math><mphantom><mn>1</mn></mphantom><mn>37</mn></math>")
    assert value == 37 and len(hidden) == 1, hidden
    value, _, hidden = _cell_page(tmp_path, "<math><mrow><mn>1</mn></mrow><mn>37</mn></math>")
    assert value == 137 and not hidden


@pytest.mark.parametrize("svg", [
    '<svg width="100" height="20"><text x="-9999" y="15">1</text></svg>',
    '<svg width="100" height="20"><text x="500" y="15">1</text></svg>',
    '<svg width="100" height="20"><text x="10" y="-5">1</text></svg>',
    '<svg width="100" height="20"><text x="10" y="0">1</text></svg>',  # the baseline on the top edge: all above
    '<svg width="100" height="20"><text x="10" y="60">1</text></svg>',
    '<svg viewBox="0 0 100 20" width="300"><text x="120" y="15">1</text></svg>',
    '<svg width="100" height="20"><g><text x="10" y="15" dx="-5000">1</text></g></svg>',
])
def test_svg_text_outside_its_canvas_is_left_out(tmp_path: Path, svg: str) -> None:
    value, _, hidden = _cell_page(tmp_path, svg + "37")
    assert value == 37 and len(hidden) == 1, hidden


@pytest.mark.parametrize("svg", [
    '<svg width="100" height="20"><text x="10" y="15">1</text></svg>',
    '<svg width="100" height="20"><text x="-4" y="15">1</text></svg>',  # partly in
    '<svg width="100" height="20"><text x="104" y="15" text-anchor="end">1</text></svg>',
    '<svg width="100" height="20" style="overflow:visible"><text x="500" y="15">1</text></svg>',
    '<svg width="100" height="20"><g transform="translate(-500)"><text x="510" y="15">1</text></g></svg>',
    '<svg width="100%" height="20"><text x="500" y="15">1</text></svg>',  # the width not known
    '<svg width="100" height="20"><text x="500" y="15"><tspan x="10">1</tspan></text></svg>',
])
def test_svg_text_on_its_canvas_is_read(tmp_path: Path, svg: str) -> None:
    value, _, hidden = _cell_page(tmp_path, svg + "37")
    assert value == 137 and not hidden, hidden


@pytest.mark.parametrize("svg", [
    # a viewport wider than its viewBox shows the user space either side of it (“meet”)
    '<svg width="300" height="20" viewBox="0 0 100 20"><text x="-50" y="15">1</text></svg>',
    '<svg width="30em" height="20" viewBox="0 0 100 20"><text x="-50" y="15">1</text></svg>',  # 480px
    # drawn larger than 16px: its em reaches into the canvas
    '<svg width="100" height="100"><text x="-20" y="80" style="font-size:80px">1</text></svg>',
    '<svg width="100" height="100"><g font-size="80"><text x="-20" y="80">1</text></g></svg>',
    '<svg width="100" height="100" style="font-size:80px"><text x="-20" y="80">1</text></svg>',
    '<font size="7"><svg width="100" height="100"><text x="-20" y="80">1</text></svg></font>',  # 48px
    # drawn elsewhere than from x, y rightwards on the baseline
    '<svg width="100" height="20"><text x="-100 10" y="15">11</text></svg>',
    '<svg width="100" height="20"><text x="-400" y="15" textLength="480">1</text></svg>',
    '<svg width="100" height="20"><text x="10" y="0" dominant-baseline="hanging">1</text></svg>',
    '<svg width="100" height="20"><text x="10" y="0" style="dominant-baseline:hanging">1</text></svg>',
    '<svg width="100" height="60"><text x="10" y="-5" writing-mode="tb">1</text></svg>',
    '<svg width="100" height="20"><text x="10" y="0" rotate="180">1</text></svg>',
    '<svg width="100" height="20"><text x="-100" y="15" letter-spacing="150">11</text></svg>',
    '<svg width="100" height="20"><text x="-500" y="15" style="transform:translateX(510px)">1</text></svg>',
    # a canvas CSS makes wider than its attributes
    '<svg width="100" height="20" style="width:300px"><text x="150" y="15">1</text></svg>',
])
def test_svg_text_a_browser_draws_on_its_canvas_is_read(tmp_path: Path, svg: str) -> None:
    """review17: each read 37, the 1 left out as off its canvas, where a browser shows 137 —
    the canvas, the text's size and where it is drawn were taken as the plain case."""
    value, _, hidden = _cell_page(tmp_path, svg + "37")
    assert value in (137, 1137) and not hidden, hidden  # 1137: both 1s read, as any text is


def test_a_carousels_shown_slide_is_read(tmp_path: Path) -> None:
    """A CMS that shows its articles in a carousel (Swiper, slick): the track, a flex row, is moved
    left by JavaScript, “transform: translate3d(-1366px, 0px, 0px)”, to bring the second slide —
    the report — into view.  It was judged off the screen with all its slides: the report was not
    read.  The hiding trick's box of stacked paragraphs moved as far is still hidden."""
    report = page({(T3_NEW, T3_COL_NATURAL): "37", (T3_NEW, T3_COL_TOTAL): "37"})
    body = report[report.index("<body>") + 6:report.index("</body>")]
    track = ('<div class="swiper"><div class="swiper-wrapper" style="transform: translate3d(-1366px, 0px, 0px);'
             ' transition-duration: 0ms;"><div class="swiper-slide" style="width: 1366px;">上一篇新闻</div>'
             f'<div class="swiper-slide" style="width: 1366px;">{body}</div></div></div>')
    path = tmp_path / "carousel.html"
    css = "<style>.swiper{overflow:hidden} .swiper-wrapper{display:flex}</style>"  # swiper-bundle.css's
    path.write_text(report.replace(body, track).replace("<head>", "<head>" + css), encoding="utf-8")
    r = load_report(path)
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 37 and r.organ == "某县人民政府办公室"
    assert not [f for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    for css in (".h{position:absolute; left:-9999px}", ".h{transform:translateX(-9999px)}",
                ".h{display:flex; transform:translateY(-9999px)}",  # stacked, or moved up
                # side by side, but moved past its last box on any screen (rev18 L8)
                ".h{display:flex; transform:translateX(-9999px)}", ".h{display:flex; transform:translateX(-300vw)}",
                ".h{display:flex; position:absolute; left:-9999px}", ".h{white-space:nowrap; transform:translateX(calc(-300vw + 10px))}"):
        value, _, hidden = _cell_page(tmp_path, '<div class="h"><p>1</p><p>2</p></div>37', css)
        assert value == 37 and hidden, css


def test_px_insets_over_a_chinese_figure_and_text_that_may_wrap(tmp_path: Path) -> None:
    """One character never wraps (a CJK one either): its line is at most 1.6em tall, and insets
    of 30 px hide it.  Text that may wrap (a space, characters CJK) may be lines tall: not judged."""
    css = ".h{clip-path:inset(10px 0 20px 0)}"
    value, _, hidden = _cell_page(tmp_path, '<span class="h">一</span>37', css)
    assert value == 37 and len(hidden) == 1, hidden
    value, _, hidden = _cell_page(tmp_path, '<span class="h">说 明</span>37', css)
    assert not hidden, (value, hidden)



@pytest.mark.parametrize("parent", [".f{display:flex; line-height:100px}", ".f{display:grid; grid-template-columns:auto auto; line-height:3}",
                                    ".f{display:inline-flex !important; line-height:60px}", ".f{display:-webkit-box; line-height:60px}"])
def test_px_insets_over_a_flex_or_grid_item_are_not_judged(tmp_path: Path, parent: str) -> None:
    """rev19: a span in a flex or grid box is a block (blockified) as tall as its line-height, not
    a 1.6em inline box: inset(10px 0 20px 0) over a 100 px line leaves 70 px, the figure in it shown
    by a browser — it was read as hidden (37)."""
    value, _, hidden = _cell_page(tmp_path, '<div class="f"><span class="h">1</span>37</div>',
                                  parent + " .h{clip-path:inset(10px 0 20px 0)}")
    assert value == 137 and not hidden, hidden
