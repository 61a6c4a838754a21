"""Decimal → the text a table shows, by an Excel-style format (``#,##0``, ``0.00``), rounded half up.

The same format string goes into the workbook, so Excel displays exactly this text.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def decimals_of(number_format: str) -> int:
    return len(number_format.split(".", 1)[1]) if "." in number_format else 0


def format_decimal(value: Decimal, number_format: str) -> str:
    """``format_decimal(Decimal("13414500"), "#,##0")`` → ``"13,414,500"``; ``General``: as few
    places as the value needs, at most 2 (``2.10`` → ``2.1``, ``10.00`` → ``10``)."""
    if number_format == "General":
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
        return f"{rounded:f}"
    places = decimals_of(number_format)
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}" if "," in number_format else f"{rounded:.{places}f}"


def exact_format(value: Decimal, number_format: str) -> str:
    """The format itself, or its 2-decimal variant when it would hide 角 and 分 (money stays exact)."""
    places = decimals_of(number_format)
    if number_format == "General" or places >= 2 or value == value.quantize(Decimal(1).scaleb(-places)):
        return number_format
    return number_format.split(".", 1)[0] + ".00"
