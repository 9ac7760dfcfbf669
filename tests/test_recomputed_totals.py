"""按明细重算's figures against their definition, on random tables.

``recomputed_totals`` walks only the rules below and above the total it fixes (a check makes
one per wrong total, on every edit); here the same figures are computed the plain way — every
rule of the table in rule order — and must agree for every wrong total of random grids, blank
cells, amounts and pinned wrong figures included."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from app.report import Grid, computed_sum, recomputed_totals, wrong_totals
from app.schema import TABLES
from app.values import Value, as_number


def _plain(grid: Grid, table: str, target: tuple[int, int]) -> dict[tuple[int, int], Value]:
    """The definition: the totals beneath ``target`` that are wrong, closed downwards, redone
    in rule order over every rule; then every rule in order whose parts moved and that agreed
    with its parts before takes the new sum, when it differs."""
    rules = TABLES[table].sum_rules
    wrong = wrong_totals(grid, table)
    todo = {target}
    grown = True
    while grown:
        grown = False
        for rule in rules:
            if rule.target in todo:
                for part in rule.parts:
                    if part in wrong and part not in todo:
                        todo.add(part)
                        grown = True
    new = dict(grid)
    last: dict[tuple[int, int], int] = {}
    for i, rule in enumerate(rules):
        if rule.target in todo:
            new[rule.target] = computed_sum(new, rule.parts)
            last[rule.target] = i
    out = {pos: new[pos] for pos in sorted(todo, key=lambda p: last.get(p, -1))}
    moved = set(todo)
    for rule in rules:
        if rule.target in todo or not moved.intersection(rule.parts):
            continue
        if as_number(grid[rule.target]) != as_number(computed_sum(grid, rule.parts)):
            continue
        figure = computed_sum(new, rule.parts)
        if as_number(figure) != as_number(new[rule.target]):
            new[rule.target] = out[rule.target] = figure
            moved.add(rule.target)
    return out


def _random_grid(table: str, rng: random.Random) -> Grid:
    spec = TABLES[table]
    grid: Grid = {}
    for cell in spec.cells:
        roll = rng.random()
        if roll < 0.2:
            grid[(cell.row, cell.col)] = None
        elif roll < 0.3:
            grid[(cell.row, cell.col)] = Decimal(rng.randint(0, 90)) / 10
        else:
            grid[(cell.row, cell.col)] = rng.randint(0, 9)
    for _ in range(2):  # every total right (twice: 表三's corner is under a rule listed before its parts')
        for rule in spec.sum_rules:
            grid[rule.target] = computed_sum(grid, rule.parts)
    for rule in spec.sum_rules:  # then a few stated wrong, as files have them
        if rng.random() < 0.15:
            grid[rule.target] = rng.choice([None, rng.randint(0, 99)])
    return grid


@pytest.mark.parametrize("table", sorted(k for k, spec in TABLES.items() if spec.sum_rules))
def test_each_wrong_totals_fix_is_what_its_definition_gives(table: str) -> None:
    rng = random.Random(f"recomputed-{table}")
    compared = 0
    for _ in range(300):
        grid = _random_grid(table, rng)
        before = dict(grid)
        wrong = wrong_totals(grid, table)
        for target in sorted(wrong):
            got = recomputed_totals(grid, table, target, wrong)
            assert list(got.items()) == list(_plain(grid, table, target).items()), (table, target, grid)
            assert [type(v) for v in got.values()] == [type(v) for v in _plain(grid, table, target).values()]
            compared += 1
        assert grid == before, "the table itself is left as it was"
    assert compared > 100, "the random tables had wrong totals to fix"
