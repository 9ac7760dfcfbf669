"""Finding text: literal, non-overlapping, in reading order, wrapping round."""

from __future__ import annotations

from app.search import Match, find_all, next_match


def test_literal_matches_in_order() -> None:
    pages = [["某局"], ["2023年，共受理2023件（a.b）", ""], ["A.B 与 a.b"]]
    assert find_all(pages, "2023") == [Match(1, 0, 0, 4), Match(1, 0, 9, 13)]
    assert find_all(pages, "a.b") == [Match(1, 0, 15, 18), Match(2, 0, 0, 3), Match(2, 0, 6, 9)]
    assert find_all(pages, "a.b", match_case=True) == [Match(1, 0, 15, 18), Match(2, 0, 6, 9)]
    assert find_all([["aaaa"]], "aa") == [Match(0, 0, 0, 2), Match(0, 0, 2, 4)]
    assert find_all(pages, "") == [] and find_all(pages, "没有") == []


def test_next_and_previous_wrap() -> None:
    ms = [Match(0, 0, 0, 1), Match(1, 2, 5, 6), Match(3, 0, 0, 1)]
    assert next_match(ms, None) == 0 and next_match(ms, None, backward=True) == 2
    assert next_match(ms, (1, 2, 6)) == 2
    assert next_match(ms, (3, 0, 1)) == 0  # past the last: from the top
    assert next_match(ms, (1, 2, 5), backward=True) == 0
    assert next_match(ms, (0, 0, 0), backward=True) == 2
    assert next_match([], None) is None
