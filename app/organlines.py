"""Where an organ's name too long for one line is broken (GB/T 9704 7.3.1: 标题回行时要做到词意完整，
排列对称，长短适宜): after a whole unit's or place's name (…税务局 / 第一税务分局, …办公室 /
（某某市…办公室）), never inside a bracket or a word, in as few lines as fit and as even as the
names allow.  Decided here, in character widths, so the .docx and the print break alike."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

# Where a unit's name ends: a break may follow.  Not where the next character goes on with a
# longer word (委|员会, 部|门, 所|属), nor before the unit's own office (…委员会|办公室).
_UNIT_END = re.compile(r"(?:委员会|办公室|办公厅|人民政府|政府|办事处|管委会|党组|总局|分局|局|厅|委|办|中心|院|署|部"
                       r"|公司|学校|大队|支队|站|所|馆|处|队|会|组)(?![员会长门属理校部室厅公事（(])(?!办公|办事)")
# Where a place's name ends: a weaker break (某某省 / 某某市…), not one that goes on (市|委, 市|场)
# nor before the place's own government (某某镇|人民政府).
_PLACE_END = re.compile(r"(?<=..)(?:自治区|自治州|自治县|省|市|州|县|区|旗|镇|乡|街道)"
                        r"(?![委政直属级场区民长辖容内外域委])(?!人民|人大|党委|党工委|办)")
# Any place's name, also where no break may follow (…塘区人民政府): which level comes next.
_PLACE = re.compile(r"(?<=..)(?:自治区|自治州|自治县|省|市|州|县|区|旗|镇|乡|街道)(?![委直属级场区民长辖容内外域])")
_OPEN, _CLOSE = "（(【[〔", "）)】]〕"
WEAK_COST = 2.0  # a place's end against a unit's: in line widths' difference, characters
_MAX_LINES = 4


def _breaks(organ: str, inside: bool = False) -> dict[int, float]:
    """Positions a line may start at, with their cost: 0 after a unit's name, before or after a
    bracketed part, after the space between organs signing jointly; ``WEAK_COST`` after a place's
    name.  None inside brackets unless ``inside`` (a bracket longer than the line)."""
    depth = [0] * (len(organ) + 1)
    level = 0
    for i, ch in enumerate(organ):
        if ch in _CLOSE:
            level = max(level - 1, 0)
        depth[i] = level
        if ch in _OPEN:
            level += 1
    depth[len(organ)] = level
    found: dict[int, float] = dict.fromkeys(_place_ends(organ), WEAK_COST)
    for pattern in (_UNIT_END, _SPACE):
        for m in pattern.finditer(organ):
            found[m.end()] = 0.0
    for i, ch in enumerate(organ):
        if ch in _OPEN and depth[i] == 0:  # (a bracket inside a bracket qualifies the name before it)
            found[i] = 0.0
        if ch in _CLOSE:
            found[i + 1] = 0.0
    return {at: cost for at, cost in found.items() if 0 < at < len(organ) and organ[at] not in _CLOSE
            and not organ[at].isspace() and (inside or depth[at - 1] == 0)}


_SPACE = re.compile(r"\s+")

# A place's level by its name's last characters: a place is named inside a higher one, never a
# higher one inside a lower (市 is a prefecture's or a county-level city's: between the two).
_LEVEL = {"自治区": 1.0, "省": 1.0, "自治州": 2.0, "州": 2.0, "市": 2.5, "自治县": 3.0, "县": 3.0, "区": 3.0,
          "旗": 3.0, "镇": 4.0, "乡": 4.0, "街道": 4.0}


def _place_ends(organ: str) -> list[int]:
    """Where a place's name ends, less the places' characters that begin or go on with a name:
    one right after a place's end (江苏省|镇江市, 济南市|市中区: a name of no characters), or one
    whose next place is of a higher level with no unit between (南宁市西乡塘区: a 区 is never in a 乡,
    so 西乡 is no place, and the title broke “…南宁市西乡 / 塘区…”)."""
    places = [(m.start(), m.end(), _LEVEL[m.group()]) for m in _PLACE.finditer(organ)]
    out: list[int] = []
    last = -1
    for m in _PLACE_END.finditer(organ):
        start, end, level = m.start(), m.end(), _LEVEL[m.group()]
        follows, last = start <= last, end
        if follows:
            continue
        nxt = next((p for p in places if p[0] >= end), None)
        if nxt is not None and nxt[2] < level:
            between = organ[end:nxt[1]]
            if not _UNIT_END.search(between) and not _SPACE.search(between):
                continue
        out.append(end)
    return out


def organ_lines(organ: str, width: Callable[[str], float], room: float, tail: str = "") -> list[str]:
    """``organ`` in lines of at most ``room`` (in ``width``'s units): one line if it fits; else
    the fewest lines its breaks allow, the most even of them with ``tail`` (the line set under
    them: the title's year and words) and never an hourglass (GB/T 9704 7.3.1: 梯形或菱形);
    failing those (no break fits: a long bracket), breaks inside brackets, then the most even
    lines breaking outside brackets, then anywhere.  A space between organs ends its line."""
    whole = width(organ)
    if whole <= room:
        return [organ]
    if whole > (_MAX_LINES + 1) * room:
        # Not in _MAX_LINES lines however broken (a paragraph pasted into 机关名称): no search over
        # its every pair of breaks — 300 characters took 7 s of every save, 600 a minute.
        return _even(organ, width, room, int(whole // room))
    outside = {at: 0.0 for at in _outside(organ)}
    for points in (_breaks(organ), _breaks(organ, inside=True), outside):
        best = _best(organ, points, width, room, tail)
        if best:
            return best
    return _even(organ, width, room)


def _even(organ: str, width: Callable[[str], float], room: float, least: int = 1) -> list[str]:
    """Lines of as nearly the same number of characters as fit, the fewest (no fewer than
    ``least``: fewer cannot hold it)."""
    for count in range(max(least, 1), len(organ) + 1):
        size = -(-len(organ) // count)
        lines = [organ[at:at + size] for at in range(0, len(organ), size)]
        if all(width(line) <= room for line in lines):
            return lines
    return list(organ)


def _outside(organ: str) -> set[int]:
    level, out = 0, set()
    for i, ch in enumerate(organ):
        if ch in _CLOSE:
            level = max(level - 1, 0)
        if level == 0 and i:
            out.add(i)
        if ch in _OPEN:
            level += 1
    return out


HOURGLASS_COST = 1.5  # per character a line is shorter than both lines beside it


def _best(organ: str, points: dict[int, float], width: Callable[[str], float], room: float,
          tail: str = "") -> list[str] | None:
    positions = sorted(points)
    for lines in range(2, _MAX_LINES + 1):
        scored = []
        for cut in itertools.combinations(positions, lines - 1):
            edges = (0, *cut, len(organ))
            parts = [organ[a:b] for a, b in itertools.pairwise(edges)]
            widths = [width(p.strip()) for p in parts]
            if max(widths) > room:
                continue
            shape = [*widths, width(tail)] if tail else widths
            waist = sum(max(min(shape[k - 1], shape[k + 1]) - shape[k], 0) for k in range(1, len(shape) - 1))
            scored.append((max(shape) - min(shape) + sum(points[at] for at in cut) + HOURGLASS_COST * waist, cut, parts))
        if scored:
            return min(scored)[2]
        if len(positions) > 40 and lines >= 3:  # (an organ of a hundred characters: no search over its every pair)
            break
    return None
