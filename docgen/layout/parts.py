"""The pieces every layout is built of, tables and reports alike: page, fonts, column widths, and
cells of numbers formatted the profile's way.

Input: a profile's ``Settings`` and the values to show. Output: ``Page``, ``Fonts`` and ``Cell`` values.
"""

from __future__ import annotations

from decimal import Decimal

from docgen.layout.model import Cell, Fonts, Page
from docgen.printed import HUNDRED, SCORE_FORMAT, UNIT_FACTORS, exact_format, format_decimal, rate_text
from docgen.profiles.settings import Settings


def page_of(settings: Settings, header: str, footer: str, landscape: bool | None = None) -> Page:
    """The profile's paper and margins, with these header and footer texts."""
    return Page(settings.page_size, settings.landscape if landscape is None else landscape, settings.margins_mm,
                header, footer)


def fonts_of(settings: Settings) -> Fonts:
    return Fonts(settings.font_cjk, settings.font_latin, settings.font_pdf, settings.title_pt, settings.subtitle_pt,
                 settings.body_pt)


def widths(relative: tuple[Decimal, ...], page: Page) -> tuple[Decimal, ...]:
    """Relative column widths → millimetres filling the page's content width (0.1 mm)."""
    scale = page.content_width_mm / sum(relative)
    return tuple((w * scale).quantize(Decimal("0.1")) for w in relative)


def number_cell(value: Decimal, row: int, col: int, number_format: str) -> Cell:
    """A number shown by its Excel-style format (the workbook stores the number itself)."""
    return Cell(format_decimal(value, number_format), row, col, kind="number", value=value, number_format=number_format)


def percent_cell(value: Decimal, row: int, col: int) -> Cell:
    """A rate in percent (``78.91%``): the workbook stores 0.7891 shown as ``0.00%``."""
    return Cell(rate_text(value), row, col, kind="number", value=value / HUNDRED, number_format="0.00%")


class NumberCells:
    """Formats a table's values into cells by the profile's number settings."""

    def __init__(self, settings: Settings, written_unit: str) -> None:
        self.settings = settings
        self.unit = settings.money_unit or written_unit
        self.factor = UNIT_FACTORS[(written_unit, self.unit)]
        self.money_format = settings.money_formats[self.unit]

    def money(self, value: Decimal | None, row: int, col: int) -> Cell:
        if value is None:
            return Cell(_either(self.settings.blank_amount, self.settings.not_applicable), row, col)
        value = value * self.factor
        return number_cell(value, row, col, exact_format(value, self.money_format))

    def score(self, value: Decimal | None, row: int, col: int) -> Cell:
        if value is None:
            return Cell(self.settings.not_applicable, row, col)
        return number_cell(value, row, col, self.settings.score_format)

    def rate(self, value: Decimal | None, row: int, col: int) -> Cell:
        if value is None:
            return Cell(_either(self.settings.undefined_rate, self.settings.not_applicable), row, col)
        if self.settings.rate_style == "percent":
            return percent_cell(value, row, col)
        return number_cell(value, row, col, SCORE_FORMAT)

    def na(self, row: int, col: int) -> Cell:
        return Cell(self.settings.not_applicable, row, col)


def _either(chosen: str | None, fallback: str) -> str:
    return fallback if chosen is None else chosen
