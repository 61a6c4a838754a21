"""Texts → the lines they are printed on, decided once by the layout for both PDF engines.

WeasyPrint and Typst break lines by rules of their own (Typst by an optimal fit, WeasyPrint greedily;
each with its own CJK punctuation handling), so the same cell came out on different lines, pages and
word streams. Here a text is broken greedily at the font's real advance widths (``text_width_mm``),
where a reader would break it: between CJK characters or at a space, never inside a run of digits,
letters and signs (``13,414,500``, ``=100.00(%)``), never before a closing mark (``，。）%``) nor after an
opening one (``（《“``). The engines print the lines as given, wrapping nothing. Word and Excel keep the
text whole: they are documents people edit.

Written by hand: no library breaks CJK text by these rules at given font metrics (textwrap counts
characters; uniseg/pyphen know neither the font nor 禁则).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from docgen.layout.model import DEFAULT_DESIGN, PT_PER_MM, Cell, Design, Grid, ReportLayout
from docgen.layout.parts import text_width_mm

SLACK_MM = Decimal("0.4")  # room left on every line: shaping may draw a line a little wider than measured
BOLD_FACTOR = Decimal("1.04")  # a bold face is a little wider than the regular one measured here
NO_START = set("，。、；：？！）》」』】〕〉”’%‰·…,.;:!?)]}")
NO_END = set("（《「『【〔〈“‘([{")
_LATIN = re.compile(r"[^\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
_PIECE = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|\s+|.", re.S)


def pieces(text: str) -> list[str]:
    """A paragraph as the pieces a line may break between: one CJK character, a run of spaces, or an
    unbreakable run of digits, letters and signs; a closing mark joins the piece before it and an
    opening mark the piece after it."""
    raw = _PIECE.findall(text)
    joined: list[str] = []
    for piece in raw:
        if joined and (piece[0] in NO_START or joined[-1][-1] in NO_END) and not piece.isspace() \
                and not joined[-1].isspace():
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def break_text(text: str, width_mm: Decimal, family: str, size_pt: Decimal, bold: bool = False,
               first_indent_mm: Decimal = Decimal(0)) -> tuple[str, ...]:
    """``text`` (its paragraphs split at newlines) as the lines it is printed on within ``width_mm``;
    ``first_indent_mm`` is taken from each paragraph's first line (a report's 2em indent)."""
    factor = BOLD_FACTOR if bold else Decimal(1)
    room = width_mm - SLACK_MM
    lines: list[str] = []

    def measure(piece: str) -> Decimal:  # a CJK character is an em in a bold face too
        return text_width_mm(piece, family, size_pt) * (factor if _LATIN.search(piece) else Decimal(1))

    for paragraph in text.split("\n"):
        line, used, limit = "", Decimal(0), room - first_indent_mm
        for piece in pieces(paragraph):
            width = measure(piece)
            if line and not piece.isspace() and used + width > limit:
                lines.append(line.rstrip())
                line, used, limit = "", Decimal(0), room
            if not line and piece.isspace():
                continue  # a space that falls at a break is not printed
            while not line and width > limit and len(piece) > 1:  # a run longer than a line: cut it
                cut = _longest_fit(piece, limit, family, size_pt, factor)
                lines.append(piece[:cut])
                piece = piece[cut:]
                width = measure(piece)
            line += piece
            used += width
        lines.append(line.rstrip())
    return tuple(lines)


def _longest_fit(piece: str, limit: Decimal, family: str, size_pt: Decimal, factor: Decimal) -> int:
    for cut in range(len(piece) - 1, 0, -1):
        if text_width_mm(piece[:cut], family, size_pt) * factor <= limit:
            return cut
    return 1


def content_width_mm(grid: Grid, cell: Cell, design: Design = DEFAULT_DESIGN) -> Decimal:
    """The width a cell's text has: its columns less the padding on both sides."""
    return sum(grid.widths_mm[cell.col:cell.last_col + 1], Decimal(0)) - 2 * design.padding_mm


NOTE_LINE_HEIGHT = Decimal("1.2")


def text_pt(cell: Cell, body_pt: Decimal) -> Decimal:
    """The size a cell's text is printed at: the body size, a finding's small print smaller."""
    return NOTE_PT if cell.kind == "note" else body_pt


def pitch_pt(cell: Cell, body_pt: Decimal, design: Design = DEFAULT_DESIGN) -> Decimal:
    """How far apart a cell's lines are printed (CSS line-height, Typst's edges and leading)."""
    return text_pt(cell, body_pt) * (NOTE_LINE_HEIGHT if cell.kind == "note" else design.line_height)


def frame_pt(design: Design = DEFAULT_DESIGN) -> Decimal:
    """What a row adds to its lines: the padding above and below, and its border (collapsed: one a row)."""
    return 2 * design.padding_pt + design.border_pt


def need_pt(cell: Cell, body_pt: Decimal, lines: int | None = None, design: Design = DEFAULT_DESIGN) -> Decimal:
    """The height a cell's lines (``lines`` of them, or all it has) take with its padding and border."""
    count = len(cell.lines) if lines is None else lines
    return max(count, 1) * pitch_pt(cell, body_pt, design) + frame_pt(design)


def with_lines(grid: Grid, family: str, body_pt: Decimal, design: Design = DEFAULT_DESIGN) -> Grid:
    """The grid with every cell's lines decided (``Cell.lines``) and every row's height (``heights_pt``):
    its tallest one-row cell's lines and padding, a row grown where a cell spanning it and the rows
    below needs more than they give (the growth in its last row)."""
    cells = []
    for cell in grid.cells:
        if cell.look.wrap:
            lines = break_text(cell.text, content_width_mm(grid, cell, design), family, text_pt(cell, body_pt),
                               cell.look.bold)
        else:
            lines = tuple(cell.text.split("\n"))
        cells.append(replace(cell, lines=lines))
    heights = [Decimal(0)] * grid.rows
    for cell in cells:
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need_pt(cell, body_pt, design=design))
    for cell in sorted(cells, key=lambda cell: cell.rowspan):
        if cell.rowspan > 1:
            short = need_pt(cell, body_pt, design=design) - sum(heights[cell.row:cell.last_row + 1], Decimal(0))
            if short > 0:
                heights[cell.last_row] += short
    minimum = body_pt * design.line_height + frame_pt(design)
    return replace(grid, cells=tuple(cells),
                   heights_pt=tuple(max(h, minimum).quantize(Decimal("0.01")) for h in heights))


INDENT_EMS = 2  # a report paragraph's first-line indent (report.html.j2, report.typ)
NOTE_PT = Decimal(7)  # a finding's code and file:line


def printed_report(report: ReportLayout) -> ReportLayout:
    """The report with its grids' cells and its paragraphs in the lines the PDF engines print."""
    family, body = report.fonts.pdf[0], report.fonts.body_pt
    width = report.page.content_width_mm
    indent = body * INDENT_EMS / PT_PER_MM

    def lines(paragraphs: tuple[str, ...], first: Decimal) -> tuple[str, ...]:
        return tuple("\n".join(break_text(p, width, family, body, first_indent_mm=first)) for p in paragraphs)

    sections = tuple(replace(section, printed=lines(section.paragraphs, indent),
                             grid=with_lines(section.grid, family, body, report.design)
                             if section.grid is not None else None) for section in report.sections)
    return replace(report, sections=sections, printed_appendix=lines(report.appendix, Decimal(0)))
