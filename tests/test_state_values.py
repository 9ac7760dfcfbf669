"""One bounded reader for every number and time read back from settings and state files
(app.limits): what it takes and what it refuses (rev25b S1, S2, S3)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from app.limits import MAX_SETTING_INT, bounded_float, bounded_int, epoch_time, local_time


@pytest.mark.parametrize("value, got", [("12", 12), (" -7 ", -7), (12, 12), (3.0, 3), ("0", 0)])
def test_numbers_within_range_are_read(value: object, got: int) -> None:
    assert bounded_int(value) == got


@pytest.mark.parametrize("value", ["3000000000", str(MAX_SETTING_INT + 1), 2**40, "1e400", "nan", "inf", 3.5,
                                   float("nan"), True, None, [1], "9" * 5000, "", "12,5", b"12"])
def test_anything_else_is_none(value: object) -> None:
    assert bounded_int(value) is None


@pytest.mark.parametrize("value", ["nan", "NaN", "Infinity", "-inf", 1e300, 10**400, "1e400", float("nan"), True, None])
def test_a_float_is_finite_and_in_range(value: object) -> None:
    assert bounded_float(value, -1e9, 1e9) is None
    assert bounded_float("2.5", 0, 3) == 2.5


def test_an_epoch_time_is_after_1970_and_at_most_a_day_ahead() -> None:
    now = 1_700_000_000.0
    assert epoch_time(now - 5, now) == now - 5
    assert epoch_time(now + 3600, now) == now + 3600  # another computer's clock a little ahead
    for odd in (-1e20, -1.0, now + 2 * 86400, 253402300800, 1e300, math.nan, math.inf):
        assert epoch_time(odd, now) is None, odd


def test_a_zoned_time_is_read_as_local_and_naive() -> None:
    aware = dt.datetime(2024, 1, 20, 1, 0, tzinfo=dt.UTC)
    for text in ("2024-01-20T01:00:00+00:00", "2024-01-20T01:00:00Z", "2024-01-20T09:00:00+08:00"):
        got = local_time(text)
        assert got is not None and got.tzinfo is None and got == aware.astimezone().replace(tzinfo=None)
    assert local_time("2024-01-20T09:00:00") == dt.datetime(2024, 1, 20, 9)
    # Room both ways: a caller adds or subtracts seconds and days without overflow.
    for odd in ("0001-01-01T00:00:00", "9999-12-31T23:59:59", "garbage", "", None, 5, "2024-13-01T00:00:00", "x" * 5000):
        assert local_time(odd) is None, odd
