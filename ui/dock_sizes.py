"""How much of the window the findings dock takes, as plain numbers (no Qt): on first launch,
after a launch on another screen, and within its share of the window."""

from __future__ import annotations

DOCK_EXTENT = 340  # the findings panel's width on first launch, in a window wide enough
DOCK_DEFAULT_SHARE = 4  # on first launch in a smaller window (a 1024 px screen) a quarter …
DOCK_READABLE = 260  # … but not so narrow that a finding wraps every few characters
DOCK_BELOW_READABLE = 176  # … two findings whole below its tabs (its commands on their row: ui/findings_rows.py)
# In a window shorter than this (1366×768 at 150 %: 910×512 to Qt) the page comes first: two
# findings whole below it left 表三 its header and two rows.  One finding whole, and the rest
# a scroll away (the cells' colours say where the others are).
SHORT_WINDOW = 600
DOCK_BELOW_LEAST = 128
DOCK_SHARE = 3  # a dock never takes more than a third of the window


def within(saved: int | None, minimum: int, total: int, share: int, default: int) -> int:
    """``saved`` (or ``default`` when there is none) kept between the widget's minimum and
    its share of ``total``; the minimum wins in a window too small for both."""
    wanted = default if saved is None or saved <= 0 else saved
    return max(minimum, min(wanted, total // share))


def dock_extent(saved: int | None, left_in: int | None, minimum: int, total: int, default: int,
                share: int = DOCK_SHARE) -> int:
    """A dock's extent at launch, in a window ``total`` that way: what the user left it at
    (``saved``, in a window ``left_in`` that way), in the same proportion when the window is
    smaller now (another screen); or, where no user could have left it so (no window's extent
    saved with it: an older version's, whose docks grew each launch under Qt's own restore; a
    dock wider than its window: edited by hand), ``within`` a third (``share``; the navigation's: a quarter)."""
    if saved is not None and left_in is not None and 0 < saved < left_in:
        return max(minimum, saved if total >= left_in else saved * total // left_in)
    return within(saved, minimum, total, share, default)


def default_dock_extent(total: int) -> int:
    """The findings panel's extent on first launch in a window ``total`` wide: a quarter of
    it, at least readable and at most ``DOCK_EXTENT`` (a third, as before, left the page cramped)."""
    return max(DOCK_READABLE, min(DOCK_EXTENT, total // DOCK_DEFAULT_SHARE))


def default_dock_height(total: int, titled: bool = True) -> int:
    """The findings panel's height below the page on first launch in a window ``total`` high:
    a quarter of it, at least two findings high (one in a short window, the page first).  A
    short window's dock whose title bar is the panel's counts row (not ``titled``:
    ui/short_window.py) is no higher than its least height (0 here: the dock's minimum wins),
    that row and one finding whole: every row of 表三 counts there."""
    if not titled and total < SHORT_WINDOW:
        return 0
    least = DOCK_BELOW_READABLE if total >= SHORT_WINDOW else DOCK_BELOW_LEAST
    return max(least, min(DOCK_EXTENT, total // DOCK_DEFAULT_SHARE))
