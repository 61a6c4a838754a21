"""Half-up rounding (四舍五入) of Decimals; Python's ``round()`` rounds half to even and is never used."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def q2(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half up: 89.125 → 89.13."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def half_unit(amount: Decimal) -> Decimal:
    """Half of the last digit written: 184.65 → 0.005, 13414500 → 0.5 (how far a rounded figure may be off)."""
    exponent = amount.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)
