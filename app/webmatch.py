"""A saved web page's elements matched against the selectors app/webselect.py parses, as a
browser matches them: right to left, each step's answer remembered per element; candidates from
an index of the page's tags, ids and classes (narrowed to the inside of a rare ancestor, as a
browser's ancestor filter does); siblings counted once per parent.  Every step tried is work
(MAX_WORK): past it, nothing more is looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import lxml.html

from app.webselect import LOGICAL, LOGICAL_MATCH_WORK, MAX_WORK, Compound, Selector, listed_steps, parse_nth

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Page:
    """The page's elements indexed for matching, and each element's place among its siblings."""

    def __init__(self, root: lxml.html.HtmlElement, quirks: bool = False) -> None:
        self.root = root
        # In quirks mode (app/webquirks.py) class and id selectors ignore ASCII case: both
        # sides are folded (``fold``) before they are compared.
        self.quirks = quirks
        self.all: list[lxml.html.HtmlElement] = [el for el in root.iter() if isinstance(el.tag, str)]
        self.by_tag: dict[str, list[lxml.html.HtmlElement]] = {}
        self.by_id: dict[str, list[lxml.html.HtmlElement]] = {}
        self.by_class: dict[str, list[lxml.html.HtmlElement]] = {}
        for el in self.all:
            self.by_tag.setdefault(el.tag.lower(), []).append(el)
            if (i := el.get("id")) is not None:
                self.by_id.setdefault(self.fold(i), []).append(el)
            for c in (el.get("class") or "").split():
                self.by_class.setdefault(self.fold(c), []).append(el)
        self._siblings: dict[lxml.html.HtmlElement, list[lxml.html.HtmlElement]] = {}
        self._sizes: dict[lxml.html.HtmlElement, int] = {}
        # Each element's place among its siblings (of those of one kind: its type, or those
        # matching “of S”), counted once per parent: asking list.index() of each of 10,000
        # siblings was quadratic, and not counted as work.
        self._places: dict[tuple[lxml.html.HtmlElement | None, str], tuple[dict[lxml.html.HtmlElement, int], int]] = {}
        # (step, element) → whether a sibling after it matches the step (“:has(~ .x)”), and for
        # the “~” combinator, whether one before it matched the step to its left.
        self.later: dict[Compound, dict[lxml.html.HtmlElement, bool]] = {}
        self.work = 0  # steps tried (MAX_WORK)

    def fold(self, name: str) -> str:
        """A class or id name as compared on this page (ASCII lower case in quirks mode only:
        “İ” stays as it is, as browsers compare)."""
        return name.translate(_ASCII_LOWER) if self.quirks else name

    def siblings(self, el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
        parent = el.getparent()
        if parent is None:
            return [el]
        found = self._siblings.get(parent)
        if found is None:
            found = self._siblings[parent] = [c for c in parent if isinstance(c.tag, str)]
        return found

    def place(self, el: lxml.html.HtmlElement, kind: str = "",
              member: Callable[[lxml.html.HtmlElement], bool] | None = None) -> tuple[int, int]:
        """``el``'s index among its siblings and their number; with ``kind`` and ``member``,
        among those of its siblings ``member`` admits (``el`` among them)."""
        parent = el.getparent()
        key = (parent, kind)
        known = self._places.get(key)
        if known is None:
            sibs = self.siblings(el)
            ranked = [s for s in sibs if member(s)] if member is not None else sibs
            known = self._places[key] = ({s: k for k, s in enumerate(ranked)}, len(ranked))
        index, n = known
        return index[el], n

    def may_have(self, step: Compound) -> bool:
        """Whether some element has every id, class and the type the step names."""
        return (all(self.fold(i) in self.by_id for i in step.ids) and all(self.fold(c) in self.by_class for c in step.classes)
                and (not step.tag or step.tag == "*" or step.tag in self.by_tag))

    def size(self, el: lxml.html.HtmlElement) -> int:
        """The elements in ``el``'s subtree, itself included (all counted in one pass, once)."""
        if not self._sizes:
            sizes = self._sizes
            for e in reversed(self.all):  # each element after all of its descendants
                mine = sizes[e] = sizes.get(e, 0) + 1
                parent = e.getparent()
                if parent is not None:
                    sizes[parent] = sizes.get(parent, 0) + mine
        return self._sizes.get(el, 1)

    def under(self, steps: tuple[Compound, ...], combinators: tuple[str, ...]) -> list[lxml.html.HtmlElement]:
        """The elements the selector's last step may match: its index's (``candidates``), or —
        when a step to its left it must be inside (“.w5 span”, “#t > tr td”) has an id or class
        held by few elements — those elements' descendants, when they are fewer.  A browser
        asks each element only the rules whose ancestors it has (its ancestor filter): 5,000
        rules of “.wK span” tried each of a page's 1,000 spans and stopped at the work cap."""
        pool = self.candidates(steps[-1])
        best: list[lxml.html.HtmlElement] | None = None
        cost = len(pool)
        for j in range(len(steps) - 2, -1, -1):
            if combinators[j] not in (" ", ">"):
                break  # a sibling's step: what is left of it is not around the element
            if not (steps[j].ids or steps[j].classes):
                continue
            anchors = self.candidates(steps[j])
            total = 0
            for a in anchors:
                total += self.size(a) - 1
                if total >= cost:
                    break
            if total < cost:
                best, cost = anchors, total
        if best is None:
            return pool
        out: list[lxml.html.HtmlElement] = []
        walked: set[lxml.html.HtmlElement] = set()
        for a in best:  # in document order: one inside another already walked is skipped
            if a in walked:
                continue
            for d in a.iterdescendants():
                if isinstance(d.tag, str):
                    walked.add(d)
                    out.append(d)
        self.work += len(out)
        return out

    def candidates(self, step: Compound) -> list[lxml.html.HtmlElement]:
        if step.ids:
            return self.by_id.get(self.fold(step.ids[0]), [])
        if step.classes:
            return self.by_class.get(self.fold(step.classes[0]), [])
        if step.tag and step.tag != "*":
            return self.by_tag.get(step.tag, [])
        return self.all


def _attr_matches(el: lxml.html.HtmlElement, name: str, op: str, value: str) -> bool:
    got = el.get(name)
    if got is None:
        return False
    if op == "":
        return True
    if op == "=":
        return got == value
    if op == "~=":
        return value in got.split()
    if op == "|=":
        return got == value or got.startswith(value + "-")
    if not value:
        return False
    return {"^=": got.startswith, "$=": got.endswith, "*=": got.__contains__}[op](value)


def _step_matches(el: lxml.html.HtmlElement, step: Compound, page: Page) -> bool:
    page.work += 1
    if step.tag and step.tag != "*" and el.tag.lower() != step.tag:
        return False
    if page.quirks:
        if step.ids and any(page.fold(el.get("id") or "") != page.fold(i) for i in step.ids):
            return False
        if step.classes:
            own = page.fold(el.get("class") or "").split()
            if any(page.fold(c) not in own for c in step.classes):
                return False
    else:  # the common case, kept as quick as it was: this runs for every step tried
        if step.ids and any(el.get("id") != i for i in step.ids):
            return False
        if step.classes:
            own = (el.get("class") or "").split()
            if any(c not in own for c in step.classes):
                return False
    if any(not _attr_matches(el, n, op, v) for n, op, v in step.attrs):
        return False
    return all(_pseudo_matches(el, name, arg, page) for name, arg in step.pseudos)


def _pseudo_matches(el: lxml.html.HtmlElement, name: str, arg: str, page: Page) -> bool:
    if name == "root":
        return el.getparent() is None
    if name == "empty":
        return not (el.text or "") and not len(el)
    if name in ("link", "any-link"):
        return el.tag.lower() in ("a", "area") and el.get("href") is not None
    if name == "enabled":
        return el.tag.lower() in ("input", "button", "select", "textarea") and el.get("disabled") is None
    if name in LOGICAL or name in ("not", "has") or " of " in arg:
        page.work += LOGICAL_MATCH_WORK
    if name in LOGICAL:
        return any(_step_matches(el, step, page) for _, step in listed_steps(name, arg))
    if name == "not":
        return not any(_step_matches(el, step, page) for _, step in listed_steps(name, arg))
    if name == "has":
        return any(_has(el, comb, step, page) for comb, step in listed_steps(name, arg))
    if name.endswith("of-type"):
        tag = el.tag.lower()
        i, n = page.place(el, " " + tag, lambda s: s.tag.lower() == tag)  # (" ": no “of S” list is blank)
    elif " of " in arg:  # :nth-child(An+B of S): el is one of S, counted among its siblings of S
        arg, listed = arg.split(" of ", 1)
        steps = listed_steps("is", listed)
        if not any(_step_matches(el, step, page) for _, step in steps):
            return False
        i, n = page.place(el, listed, lambda s: s is el or any(_step_matches(s, step, page) for _, step in steps))
    else:
        i, n = page.place(el)
    if name in ("first-child", "first-of-type"):
        return i == 0
    if name in ("last-child", "last-of-type"):
        return i == n - 1
    if name in ("only-child", "only-of-type"):
        return n == 1
    nth = parse_nth(arg)
    if nth is None:
        return False
    a, b = nth
    k = (n - i) if name.startswith("nth-last") else i + 1
    return k == b if a == 0 else (k - b) % a == 0 and (k - b) // a >= 0


def _has(el: lxml.html.HtmlElement, comb: str, step: Compound, page: Page) -> bool:
    """Whether an element so placed from ``el`` matches ``step``: a child (“>”), a descendant,
    the next sibling (“+”) or a later one (“~”).  Each element looked at is work: past
    MAX_WORK nothing more is looked at (a hostile “*:has(*)” on a deep page)."""
    if comb == "~":
        return _later(el, step, page)
    if comb == "+":
        sibs = page.siblings(el)
        k = page.place(el)[0] + 1
        around: Iterator[lxml.html.HtmlElement] = iter(sibs[k:k + 1])
    elif comb == ">":
        around = (c for c in el if isinstance(c.tag, str))
    else:
        around = (d for d in el.iterdescendants() if isinstance(d.tag, str))
    for other in around:
        if page.work > MAX_WORK:
            return False
        if _step_matches(other, step, page):
            return True
    return False


def _later(el: lxml.html.HtmlElement, step: Compound, page: Page) -> bool:
    """Whether a sibling after ``el`` matches ``step``: each sibling tried once for all the
    siblings before it (remembered in ``page.later``), so “div:has(~ .x)” over 10,000 sibling
    divs is linear, not 10,000 walks to the end (review16 L5: +3.4 s)."""
    sibs = page.siblings(el)
    memo = page.later.setdefault(step, {})  # element → it or a sibling after it matches
    walked: list[lxml.html.HtmlElement] = []
    answer = False
    for other in sibs[page.place(el)[0] + 1:]:
        known = memo.get(other)
        if known is not None:
            answer = known
            break
        if page.work > MAX_WORK:
            return False  # (nothing remembered: not known)
        walked.append(other)
        if _step_matches(other, step, page):
            answer = True
            break
    for other in walked:
        memo[other] = answer
    return answer


def matches(selector: Selector, page: Page) -> Iterator[lxml.html.HtmlElement]:
    """The elements ``selector`` matches, right to left; each step's answers remembered per
    element (a descendant step asks each ancestor once, whatever the depth)."""
    steps, combs = selector.steps, selector.combinators
    memo: list[dict[lxml.html.HtmlElement, bool]] = [{} for _ in steps]  # step i matched at el, with the steps left of it
    under: list[dict[lxml.html.HtmlElement, bool]] = [{} for _ in steps]  # some ancestor of el matched step i
    before: list[dict[lxml.html.HtmlElement, bool]] = [{} for _ in steps]  # some sibling before el matched step i

    def at(el: lxml.html.HtmlElement, i: int) -> bool:
        known = memo[i].get(el)
        if known is not None:
            return known
        ok = _step_matches(el, steps[i], page) and (i == 0 or left(el, i))
        memo[i][el] = ok
        return ok

    def left(el: lxml.html.HtmlElement, i: int) -> bool:
        comb = combs[i - 1]
        if comb == ">":
            parent = el.getparent()
            return parent is not None and at(parent, i - 1)
        if comb == " ":
            return above(el.getparent(), i - 1)
        sibs = page.siblings(el)
        k = page.place(el)[0]
        if comb == "+":
            return k > 0 and at(sibs[k - 1], i - 1)
        return earlier(sibs, k, i - 1)

    def earlier(sibs: list[lxml.html.HtmlElement], k: int, i: int) -> bool:
        # some sibling before sibs[k] matched step i: each asked once for all after it
        walked: list[lxml.html.HtmlElement] = []
        answer = False
        while k > 0:
            known = before[i].get(sibs[k])
            if known is not None:
                answer = known
                break
            walked.append(sibs[k])
            k -= 1
            if at(sibs[k], i):
                answer = True
                break
        for s in walked:
            before[i][s] = answer
        return answer

    def above(el: lxml.html.HtmlElement | None, i: int) -> bool:
        # iteratively: a page may nest 2000 deep (Python's recursion stops at 1000)
        chain: list[lxml.html.HtmlElement] = []
        answer = False
        while el is not None:
            known = under[i].get(el)
            if known is not None:
                answer = known
                break
            chain.append(el)
            if at(el, i):
                answer = True
                break
            el = el.getparent()
        for c in chain:  # each at or below the answer: the same answer
            under[i][c] = answer
        return answer

    if not all(page.may_have(step) for step in steps):
        return  # an id, class or element the page does not have: most of a site's sheet
    last = len(steps) - 1
    for el in page.under(steps, combs) if last else page.candidates(steps[last]):
        if at(el, last):
            yield el
