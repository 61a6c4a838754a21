"""The one way docgen prints a number: Excel-style formats, rounded half up. Expected texts are what Excel
shows for the same number and format, written out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from docgen.printed import AS_WRITTEN, format_decimal, shown, shown_format


@pytest.mark.parametrize(("value", "number_format", "text"), [
    ("13414500", "#,##0", "13,414,500"),
    ("13414500", "#,##0.00", "13,414,500.00"),
    ("89.125", "0.00", "89.13"),  # half up, never half to even
    ("2.10", "General", "2.1"),
    ("10.00", "General", "10"),
    ("0.7891", "0.00%", "78.91%"),  # a percent format shows the value a hundred times over
    ("0.78905", "0.00%", "78.91%"),
    ("0.789", "0.0%", "78.9%"),
    ("0.7851", "0%", "79%"),
    ("1.2", "0.00%", "120.00%"),
])
def test_a_number_prints_as_excel_shows_it(value: str, number_format: str, text: str) -> None:
    assert format_decimal(Decimal(value), number_format) == text


def test_the_format_a_cell_shows() -> None:
    assert shown_format(Decimal("94.90"), AS_WRITTEN, "") == "0.00"  # the author's own places
    assert shown_format(Decimal("70000"), AS_WRITTEN, "70,000") == "#,##0"  # … and separators
    assert shown_format(Decimal("0.7"), AS_WRITTEN, None) == "General"  # docgen's figure: as few places as it needs
    assert shown_format(Decimal("12.34"), "#,##0", exact=True) == "#,##0.00"  # money never hides 角 and 分
    assert shown_format(Decimal("12"), "#,##0", exact=True) == "#,##0"
    assert shown_format(Decimal("12.34"), "#,##0") == "#,##0"


def test_a_cell_gets_its_format_and_its_text_together() -> None:
    assert shown(Decimal("12.345"), "#,##0", exact=True) == ("#,##0.00", "12.35")  # the text Excel shows in that format
    assert shown(Decimal("70000"), AS_WRITTEN, "70,000") == ("#,##0", "70,000")
    assert shown(Decimal("0.7891"), "0.00%") == ("0.00%", "78.91%")
