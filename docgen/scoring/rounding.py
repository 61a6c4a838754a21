"""Half-up rounding (四舍五入) of Decimals; Python's ``round()`` rounds half to even and is never used."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def q2(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half up: 89.125 → 89.13."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
