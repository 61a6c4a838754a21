"""Decimal → the text a table, report or message shows, rounded half up; amounts between 元 and 万元.

Formats are Excel-style (``#,##0``, ``0.00``): the same format string goes into a workbook, so Excel
displays exactly this text. ``amount_text``, ``score_text`` and ``rate_text`` are the one way every
message, report and listing prints an amount, a score and a rate.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
AMOUNT_FORMAT, SCORE_FORMAT = "#,##0.00", "0.00"
NOT_SHOWN = "—"
UNIT_FACTORS = {("元", "元"): Decimal(1), ("万元", "万元"): Decimal(1), ("元", "万元"): Decimal("0.0001"),
                ("万元", "元"): Decimal(10000)}


AS_WRITTEN = "as_written"  # a profile's format: each declared number as its author wrote it


def written_format(value: Decimal, grouped: bool = False) -> str:
    """The format that shows a declared number as it was written: its own decimal places
    (``9.9`` → ``0.0``, ``94.90`` → ``0.00``, ``10`` → ``0``), with thousands separators if written so."""
    places = max(0, -value.as_tuple().exponent) if isinstance(value.as_tuple().exponent, int) else 0
    whole = "#,##0" if grouped else "0"
    return f"{whole}.{'0' * places}" if places else whole


def decimals_of(number_format: str) -> int:
    return len(number_format.rstrip("%").split(".", 1)[1]) if "." in number_format else 0


def format_decimal(value: Decimal, number_format: str) -> str:
    """``format_decimal(Decimal("13414500"), "#,##0")`` → ``"13,414,500"``; ``General``: as few
    places as the value needs, at most 2 (``2.10`` → ``2.1``, ``10.00`` → ``10``); a percent format
    shows the value a hundred times over, as Excel does (``0.7891`` in ``0.00%`` → ``78.91%``)."""
    if number_format == "General":
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
        return f"{rounded:f}"
    if number_format.endswith("%"):
        return f"{format_decimal(value.scaleb(2), number_format[:-1])}%"
    places = decimals_of(number_format)
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}" if "," in number_format else f"{rounded:.{places}f}"


def shown_format(value: Decimal, number_format: str, written: str | None = None, exact: bool = False) -> str:
    """The Excel-style format a cell shows ``value`` in: ``number_format``, where it is ``as_written`` the
    value's own (``written``: the author's text, ``""`` when not kept; ``None``: docgen computed or converted
    the value, shown ``General``), and with ``exact`` never hiding 角 and 分."""
    if number_format == AS_WRITTEN:
        number_format = "General" if written is None else written_format(value, "," in written)
    return exact_format(value, number_format) if exact else number_format


def exact_format(value: Decimal, number_format: str) -> str:
    """The format itself, or its 2-decimal variant when it would hide 角 and 分 (money stays exact)."""
    places = decimals_of(number_format)
    if number_format == "General" or places >= 2 or value == value.quantize(Decimal(1).scaleb(-places)):
        return number_format
    return number_format.split(".", 1)[0] + ".00"


def shown(value: Decimal, number_format: str, written: str | None = None, exact: bool = False) -> tuple[str, str]:
    """The format a cell shows ``value`` in (``shown_format``) and the text it shows, decided together: the
    pair a cell of every format gets, so a workbook displays exactly the text the other formats print."""
    number_format = shown_format(value, number_format, written, exact)
    return number_format, format_decimal(value, number_format)


def amount_text(value: Decimal | None) -> str:
    """An amount with thousands separators and 2 places: ``13,414,500.00``; ``—`` when there is none."""
    return NOT_SHOWN if value is None else format_decimal(value, AMOUNT_FORMAT)


def score_text(value: Decimal | None, suffix: str = "") -> str:
    """A score (or a rate, with ``suffix="%"``) to 2 places: ``89.13``; ``—`` when there is none."""
    return NOT_SHOWN if value is None else f"{format_decimal(value, SCORE_FORMAT)}{suffix}"


def rate_text(value: Decimal | None, places: int = 2) -> str:
    """A rate in percent: ``78.91%`` (``78.9%`` at one place); ``—`` when it cannot be computed."""
    if value is None:
        return NOT_SHOWN
    return f"{format_decimal(value, '0.' + '0' * places if places else '0')}%"


def in_unit(value: Decimal, written: str, wanted: str) -> Decimal:
    """An amount written in 元 or 万元, exactly in the other (``Decimal``, never rounded)."""
    return value * UNIT_FACTORS[(written, wanted)]
