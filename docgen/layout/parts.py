"""The pieces every layout is built of, tables and reports alike: page, fonts, design, text widths and
column widths (the cells of numbers are the table's: ``layout/table.py``).

Input: a profile's ``Settings`` and the texts to fit. Output: ``Page``, ``Fonts``, ``Design`` and widths.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from docgen.fonts import advance_widths
from docgen.layout.model import DEFAULT_DESIGN, PT_PER_MM, Cell, Design, Fonts, Page
from docgen.profiles.settings import Settings


def page_of(settings: Settings, header: str, footer: str, landscape: bool | None = None) -> Page:
    """The profile's paper and margins, with these header and footer texts."""
    return Page(settings.page_size, settings.landscape if landscape is None else landscape, settings.margins_mm,
                header, footer)


def design_of(settings: Settings) -> Design:
    """The profile's table look: line pitch, padding, borders, header and footer size, colours."""
    return Design(settings.line_height, settings.padding_mm, settings.border_pt, settings.footer_pt,
                  settings.text_colour, settings.border_colour)


def fonts_of(settings: Settings) -> Fonts:
    return Fonts(settings.font_cjk, settings.font_latin, settings.font_pdf, settings.title_pt, settings.subtitle_pt,
                 settings.body_pt)


def widths(relative: tuple[Decimal, ...], page: Page) -> tuple[Decimal, ...]:
    """Relative column widths → millimetres filling the page's content width (0.1 mm)."""
    scale = page.content_width_mm / sum(relative)
    return tuple((w * scale).quantize(Decimal("0.1")) for w in relative)


SAFETY_MM = Decimal("0.6")  # rounding of widths and of glyph positions
FALLBACK_FACTOR = Decimal("1.2")  # room for a wider font a reader may substitute (LibreOffice without 宋体)
_UNBREAKABLE = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+")


def unbreakable_runs(text: str) -> list[str]:
    """The pieces of a text no format may break: runs of digits, letters and signs (``=100.00(%)``,
    ``13,414,500``, ``89.61%``); a text may break only at CJK characters and spaces."""
    return _UNBREAKABLE.findall(text)


def text_width_mm(text: str, family: str, size_pt: Decimal) -> Decimal:
    """How wide ``text`` is drawn in ``family`` at ``size_pt`` (the font's own advance widths; an em each
    for a character the font lacks)."""
    advances, per_em = advance_widths(family)
    units = sum(advances.get(ord(char), per_em) for char in text)
    return Decimal(units) / per_em * size_pt / PT_PER_MM


_YEAR = re.compile(r"\d+年度?")  # “2022年度” stays on one line


def title_lines(text: str, width_mm: Decimal, family: str, size_pt: Decimal) -> tuple[str, ...]:
    """A title as the lines it is printed on: one if it fits ``width_mm``, else as few lines as it
    needs, of about equal width (never a last line of one or two characters: no orphan “报告”),
    broken only where a text may break (between CJK characters or at a space)."""
    room = width_mm * Decimal("0.96")  # bold is a little wider than the regular face measured here
    total = text_width_mm(text, family, size_pt)
    if total <= room or len(text) < 4:
        return (text,)
    count = math.ceil(total / room)
    runs = {index for pattern in (_UNBREAKABLE, _YEAR) for match in pattern.finditer(text)
            for index in range(match.start() + 1, match.end())}
    breaks = [index for index in range(1, len(text)) if index not in runs]
    lines: list[str] = []
    start = 0
    for part in range(1, count):
        goal = total * part / count
        best = min((index for index in breaks if index > start),
                   key=lambda index: abs(text_width_mm(text[:index], family, size_pt) - goal), default=None)
        if best is None:
            break
        lines.append(text[start:best].strip())
        start = best
    lines.append(text[start:].strip())
    return tuple(line for line in lines if line)


SHORT_TEXT = 24  # a spanned value up to this many characters is kept on one line when the row has room
MIN_DONOR_MM = Decimal(12)  # a column narrower than this (the leading 绩效指标) gives nothing away
SHORT_LABEL = 4  # a one-row, one-column label or heading this short (项目名称, 分值) is never broken


def fitted_widths(relative: tuple[Decimal, ...], page: Page, cells: tuple[Cell, ...], fonts: Fonts,
                  design: Design = DEFAULT_DESIGN) -> tuple[Decimal, ...]:
    """Column widths (mm) filling the page, each at least as wide as the widest piece of text it must hold
    unbroken (a short label whole), and a short value across several columns (an 实施单位) on one line
    where the others can spare the room (measured with the PDF font, with room for a wider substitute);
    the extra comes from the columns with the most room to spare. When they cannot spare it, the planned
    widths stand."""
    planned = list(widths(relative, page))
    need = [Decimal(0)] * len(planned)
    spans: list[tuple[int, int, Decimal]] = []
    for cell in cells:
        if cell.colspan == 1:
            whole = cell.kind in ("label", "header") and cell.rowspan == 1 and len(cell.text) <= SHORT_LABEL
            pieces = [cell.text] if whole else unbreakable_runs(cell.text)
            for piece in pieces:
                need[cell.col] = max(need[cell.col], _drawn_mm(piece, fonts, design))
        elif cell.text and "\n" not in cell.text and len(cell.text) <= SHORT_TEXT:
            spans.append((cell.col, cell.last_col, _drawn_mm(cell.text, fonts, design)))
    fitted = _fit(planned, need, spans) or _fit(planned, need, []) or planned  # spans are kept only if they fit
    return tuple(w.quantize(Decimal("0.1")) for w in fitted)


def _drawn_mm(text: str, fonts: Fonts, design: Design) -> Decimal:
    """Width with padding; the room for a substitute font only on non-CJK characters (a CJK character is
    one em in every CJK font)."""
    cjk = "".join(char for char in text if not _UNBREAKABLE.fullmatch(char))
    latin = "".join(char for char in text if _UNBREAKABLE.fullmatch(char))
    return (text_width_mm(cjk, fonts.pdf[0], fonts.body_pt)
            + text_width_mm(latin, fonts.pdf[0], fonts.body_pt) * FALLBACK_FACTOR + 2 * design.padding_mm + SAFETY_MM)


def _fit(planned: list[Decimal], need: list[Decimal], spans: list[tuple[int, int, Decimal]]
         ) -> list[Decimal] | None:
    """``planned`` widened where ``need`` or a span asks, the room taken from the other columns' slack;
    None when they have too little, or when taking it would break a span that fitted."""
    want = [max(n, w) for n, w in zip(need, planned, strict=True)]
    fixed = {c for c, (n, w) in enumerate(zip(need, planned, strict=True)) if n > w}
    for first, last, width in spans:
        current = sum(want[first:last + 1])
        if current < width <= current * Decimal("1.5"):
            base = sum(planned[first:last + 1])
            for col in range(first, last + 1):
                want[col] += (width - current) * planned[col] / base
                fixed.add(col)
    excess = sum(want) - sum(planned)
    if excess <= 0:
        return want
    slack = [want[c] - need[c] if c not in fixed and planned[c] >= MIN_DONOR_MM else Decimal(0)
             for c in range(len(want))]
    if sum(slack) < excess:
        return None
    share = excess / sum(slack)
    result = [w - s * share for w, s in zip(want, slack, strict=True)]
    if any(sum(result[first:last + 1]) < width <= sum(want[first:last + 1]) for first, last, width in spans):
        return None
    return result
