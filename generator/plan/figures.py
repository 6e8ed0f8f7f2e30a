"""Rates and counts of households: the one place that turns one into the other.

A printed figure has a rate and a count. When a plan gives only one of them and the number of
households it is a share of (the commune's, or a village's own), the other is computed
(docs/plan-format.md, "Indicator figures"):

- rate = count × 100 / households, rounded half up to the printed precision (one decimal);
- count = the whole number of households whose rate prints as the written rate; when several
  do (1.525 households: 0,1% is 1,5 households), the one nearest to rate × households / 100,
  and `checks` warns; when none does, there is no count and `checks` reports the rate.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal, localcontext

from ..vn import RATE_DECIMALS

RATE_PRECISION = Decimal(1).scaleb(-RATE_DECIMALS)


def precision_of(rate: Decimal) -> Decimal:
    """Returns the step at which `rate` is compared: the precision it is written with, and at
    least the precision the documents print (4 → 0,1; 4.52 → 0,01)."""
    exponent = rate.as_tuple().exponent
    assert isinstance(exponent, int)  # a rate from the plan is finite (the loader refuses NaN)
    return min(RATE_PRECISION, Decimal(1).scaleb(exponent))


def rate_of(count: int, households: int, precision: Decimal = RATE_PRECISION) -> Decimal:
    """Returns the rate of `count` among `households`, rounded half up to `precision`."""
    with localcontext() as context:
        # A rate written as 1.0e-30 is compared at 30 decimals: more digits than the default
        # context holds, where quantize fails (a crash the property test found, issue 12).
        rough = Decimal(count) * 100 / Decimal(households)
        context.prec = max(context.prec, rough.adjusted() - precision.adjusted() + 2)
        return (Decimal(count) * 100 / Decimal(households)).quantize(precision, rounding=ROUND_HALF_UP)


@contextmanager
def _exact(households: int, step: Decimal) -> Iterator[None]:
    """Within it, a rate (at most 100, written at `step`) ± half a step, times `households`,
    is exact: the default 28 digits may be too few."""
    with localcontext() as context:
        context.prec = max(context.prec, len(str(households)) + 3 - step.adjusted() + 2)
        yield


def counts_printing(rate: Decimal, households: int) -> range:
    """Returns every count of `households` whose rate, at `rate`'s precision, is `rate`: those
    from (rate - precision / 2) × households / 100 up to, not including, (rate + precision / 2)
    × households / 100 (half up), and none above `households`. Worked out, not searched: there
    may be billions of them."""
    precision = precision_of(rate)
    with _exact(households, precision):
        low = max(math.ceil((rate - precision / 2) * households / 100), 0)
        high = max(math.ceil((rate + precision / 2) * households / 100), low)
    return range(low, max(min(high, households + 1), low))  # never more than all the households


def count_of(rate: Decimal, households: int) -> int | None:
    """Returns the count that `rate` of `households` stands for: of the counts that print as
    `rate`, the nearest to the exact share (the larger on a tie); None when no count does."""
    counts = counts_printing(rate, households)
    if not counts:
        return None
    with _exact(households, precision_of(rate)):
        nearest = math.floor(rate * households / 100 + Decimal("0.5"))
    return min(max(nearest, counts[0]), counts[-1])
