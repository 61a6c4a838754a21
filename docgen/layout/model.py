"""The layout model: a table or a report as grids of cells with spans, final text and look; painters
only paint it.

A ``Cell`` holds the exact text every format shows, and its ``look`` (bold, alignment, wrapping),
decided here once for Word, Excel and PDF alike. Numbers also carry their ``Decimal`` value and an
Excel number format that displays that same text, so a workbook stores real numbers. A report is
sections of paragraphs, charts and grids (``ReportLayout``), with its project tables after them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

PAGE_TOKEN, PAGES_TOKEN = "\ue000PAGE\ue000", "\ue000PAGES\ue000"


def split_page_tokens(text: str) -> list[str]:
    """Header or footer text in pieces, each page token a piece of its own (each format has its own
    page-number field: a CSS counter, a Word field, Excel's ``&P``)."""
    marked = text.replace(PAGES_TOKEN, f"\0{PAGES_TOKEN}\0").replace(PAGE_TOKEN, f"\0{PAGE_TOKEN}\0")
    return [piece for piece in marked.split("\0") if piece]


@dataclass(frozen=True)
class Look:
    """How a cell is drawn, in every format: bold or not, ``left`` or ``center``, whether text may wrap."""

    bold: bool = False
    align: str = "center"
    wrap: bool = True


LOOKS = {
    "label": Look(bold=True),
    "header": Look(bold=True),
    "total": Look(bold=True),
    "text": Look(align="left"),
    "number": Look(wrap=False),
    "value": Look(),
    "note": Look(align="left"),  # small print: a finding's code and file:line
    "plain": Look(align="left"),  # a line outside the table's frame (报表编号, the signatures)
}
TITLE_LOOK = Look(bold=True)


@dataclass(frozen=True)
class Cell:
    """One cell of a grid, at its top-left position, spanning ``rowspan`` × ``colspan`` positions.

    ``kind`` says how it looks: ``label`` (a row or section heading), ``header`` (a column heading),
    ``text`` (free text, left-aligned, may hold several paragraphs), ``number`` or ``value``
    (short centred values), ``total`` (the totals rows).
    """

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    kind: str = "value"
    value: Decimal | None = None
    number_format: str | None = None
    lines: tuple[str, ...] = field(default=(), compare=False)  # as printed in a PDF (``layout.lines``)
    home: tuple[int, int] | None = field(default=None, compare=False)  # row, col in the whole grid (a page's part)
    # the places of the table it shows, as findings name them (``项目资金 · 年度资金总额 · 执行率``, ``总分``)
    places: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        """``row-col`` of the cell in its whole grid, also on a page's part of it (how a finding names it)."""
        row, col = self.home or (self.row, self.col)
        return f"{row}-{col}"

    @property
    def printed_lines(self) -> str:
        """The text as the PDF engines print it: the layout's lines, one per line (the text itself where
        no lines were decided)."""
        return "\n".join(self.lines) if self.lines else self.text

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n")

    @property
    def look(self) -> Look:
        return LOOKS[self.kind]


@dataclass(frozen=True)
class Grid:
    """One table of the form. ``header_rows`` leading rows repeat on every page; rows never split
    across pages except those listed in ``splittable_rows`` (long texts)."""

    key: str
    widths_mm: tuple[Decimal, ...]
    rows: int
    cells: tuple[Cell, ...]
    header_rows: int = 0
    splittable_rows: frozenset[int] = field(default_factory=frozenset)
    keep_groups: bool = False  # its 一级 groups are kept on one page where they fit (``paging``)
    heights_pt: tuple[Decimal, ...] = field(default=(), compare=False)  # each row as the PDFs draw it (``lines``)
    paged: bool = False  # one page's part of a grid (``paging``): drawn whole, its spans never cut at the header
    frame: bool = True  # False: lines outside the table (报表编号 above it, signatures under it), no borders

    def placed_rows(self) -> Iterator[tuple[int, list[Placed]]]:
        """Each row with its cells as a painter places them: a page's part whole, every span as it is;
        otherwise header and body apart (``rows_in_groups``), as a table that breaks by itself needs."""
        if not self.paged:
            yield from self.rows_in_groups()
            return
        for row, cells in self.rows_of_cells():
            yield row, [Placed(cell, cell.rowspan) for cell in cells]

    @property
    def head_rows(self) -> int:
        """The rows a painter may mark as the header: none when a cell spans from the header into the body
        of a page's part (the leading 绩效指标 column)."""
        if self.paged and any(c.row < self.header_rows <= c.last_row for c in self.cells):
            return 0
        return self.header_rows
    # row heights per body size, worked out once: every paged painter asks for them, some more than once
    _heights: dict[Decimal, tuple[Decimal, ...]] = field(default_factory=dict, init=False, repr=False,
                                                         compare=False, hash=False)

    @property
    def columns(self) -> int:
        return len(self.widths_mm)

    def rows_in_groups(self) -> Iterator[tuple[int, list[Placed]]]:
        """Each row with the cells placed in it, row spans clipped at the end of the header rows."""
        split = self.header_rows
        for row, cells in self.rows_of_cells():
            placed = []
            for cell in cells:
                if split and cell.row < split <= cell.last_row:
                    placed.append(Placed(cell, split - cell.row, continues=True))
                else:
                    placed.append(Placed(cell, cell.rowspan))
            if split and row == split:
                placed += [Placed(c, c.last_row - split + 1, continued=True) for c in self.cells
                           if c.row < split <= c.last_row]
            yield row, sorted(placed, key=lambda p: p.cell.col)

    def row_heights_pt(self, body_pt: Decimal) -> list[Decimal]:
        """About how tall each row is drawn: its tallest single-row cell's wrapped text."""
        known = self._heights.get(body_pt)
        if known is None:
            heights = [Decimal(0)] * self.rows
            for cell in self.cells:
                if cell.rowspan == 1:
                    heights[cell.row] = max(heights[cell.row], cell_height_pt(self, cell, body_pt))
            known = self._heights[body_pt] = tuple(heights)
        return list(known)

    def rows_of_cells(self) -> Iterator[tuple[int, list[Cell]]]:
        """Each row with the cells that start in it, left to right (how HTML and Excel place them)."""
        starting: dict[int, list[Cell]] = {row: [] for row in range(self.rows)}
        for cell in self.cells:
            starting[cell.row].append(cell)
        for row in range(self.rows):
            yield row, sorted(starting[row], key=lambda c: c.col)


def text_ems(text: str) -> Decimal:
    """Width of a text in ems: CJK and full-width characters 1, others about half."""
    wide = sum(1 for char in text if ord(char) > 0x2E7F)
    return Decimal(wide) + Decimal("0.55") * (len(text) - wide)


PT_PER_MM = Decimal("2.8346")


def cell_height_pt(grid: Grid, cell: Cell, body_pt: Decimal) -> Decimal:
    """Height (points) that shows all of a cell's wrapped text in its columns (2 mm of padding)."""
    width_mm = sum(grid.widths_mm[cell.col: cell.last_col + 1]) - 2
    em_mm = body_pt / PT_PER_MM
    per_line = max(width_mm / em_mm, Decimal(1))
    lines = sum(max(1, math.ceil(text_ems(text) / per_line)) for text in cell.paragraphs)
    return body_pt * Decimal("1.45") * lines + 6


@dataclass(frozen=True)
class Placed:
    """A cell as an HTML row group holds it: row spans cannot cross from ``<thead>`` into ``<tbody>``,
    so a cell that does is split there, its text in the head and an empty continuation below."""

    cell: Cell
    rowspan: int
    continued: bool = False
    continues: bool = False
    repeated: bool = False  # a label shown again at the top of a block (see ``Grid.row_blocks``)

    @property
    def text(self) -> str:
        return "" if self.continued else self.cell.text

    @property
    def printed(self) -> str:
        """The text as the PDF engines print it, in the layout's lines."""
        return "" if self.continued else self.cell.printed_lines


PAPER_MM = {"A4": (Decimal(210), Decimal(297)), "A3": (Decimal(297), Decimal(420))}


@dataclass(frozen=True)
class Page:
    """Paper and margins; header and footer texts may contain the page-number tokens."""

    size: str
    landscape: bool
    margins_mm: tuple[Decimal, Decimal, Decimal, Decimal]  # top, right, bottom, left
    header: str
    footer: str

    @property
    def width_mm(self) -> Decimal:
        width, height = PAPER_MM.get(self.size, PAPER_MM["A4"])
        return height if self.landscape else width

    @property
    def height_mm(self) -> Decimal:
        width, height = PAPER_MM.get(self.size, PAPER_MM["A4"])
        return width if self.landscape else height

    @property
    def content_width_mm(self) -> Decimal:
        return self.width_mm - self.margins_mm[1] - self.margins_mm[3]


@dataclass(frozen=True)
class Fonts:
    """Font families (the East Asian one set separately, as Word needs) and sizes in points."""

    cjk: str
    latin: str
    pdf: tuple[str, ...]
    title_pt: Decimal
    subtitle_pt: Decimal
    body_pt: Decimal


@dataclass(frozen=True)
class Design:
    """The look every engine draws a table and a report with (``profile.yaml``: ``table:``,
    ``fonts.size_pt.footer``): line pitch in ems, cell padding, border width, header and footer size,
    colours. The layout measures lines and rows with these; each painter draws with the same."""

    line_height: Decimal = Decimal("1.35")
    padding_mm: Decimal = Decimal("1.2")
    border_pt: Decimal = Decimal("0.6")
    footer_pt: Decimal = Decimal(9)
    text_colour: str = "#000000"
    border_colour: str = "#000000"

    @property
    def padding_pt(self) -> Decimal:
        return self.padding_mm * PT_PER_MM

    @property
    def leading_em(self) -> Decimal:
        """The room between two lines (CSS: line-height less the em; Typst's par leading)."""
        return self.line_height - 1


DEFAULT_DESIGN = Design()


@dataclass(frozen=True)
class TableLayout:
    """The whole table as published: title lines, grids, page set-up and fonts."""

    source: str
    project: str
    title: str
    subtitle: str
    grids: tuple[Grid, ...]
    page: Page
    fonts: Fonts
    logo: Path | None = None
    logo_width_mm: Decimal = Decimal(20)
    profile: str = "default"
    tags: dict[str, str] = field(default_factory=dict)  # the values of a reference.docx's tags ({{ project }})
    pages: tuple[tuple[Grid, ...], ...] = field(default=(), compare=False)  # the grids page by page (``paging``)
    design: Design = DEFAULT_DESIGN

    @property
    def paged(self) -> tuple[tuple[Grid, ...], ...]:
        """The grids as the paged formats print them: page by page, or all on one run where no pages
        were worked out."""
        return self.pages or (self.grids,)

    def texts(self) -> Iterator[str]:
        """Every text the table shows (title, cells, header and footer without page tokens)."""
        yield self.title
        yield self.subtitle
        for grid in self.grids:
            for cell in grid.cells:
                yield cell.text
        for text in (self.page.header, self.page.footer):
            yield text.replace(PAGE_TOKEN, "").replace(PAGES_TOKEN, "")


@dataclass(frozen=True)
class ChartRect:
    """A filled bar of a chart: top-left corner, width and height in mm, colour."""

    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class ChartLine:
    """A line of a chart (an axis, a tick, the threshold, dashed), in mm."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dashed: bool = False


@dataclass(frozen=True)
class ChartText:
    """A text of a chart: its baseline at ``y`` mm; ``x`` is where it starts, its middle or its end
    (``anchor``: start, middle, end); ``rotate`` turns it to read upwards, centred on (x, y)."""

    x: float
    y: float
    text: str
    size_pt: float
    anchor: str = "start"
    rotate: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart of a report, laid out as shapes in a box of ``width_mm`` × ``height_mm`` (drawing
    coordinates only: no figure is ever read back from them), its texts in ``font``."""

    title: str
    width_mm: Decimal
    height_mm: Decimal
    font: str
    rects: tuple[ChartRect, ...] = ()
    lines: tuple[ChartLine, ...] = ()
    texts: tuple[ChartText, ...] = ()
    owner: str = ""  # whose chart, as a message about it names it (部门甲的图表)


@dataclass(frozen=True)
class Section:
    """A part of a report: a heading, paragraphs, charts and at most one grid."""

    heading: str
    paragraphs: tuple[str, ...]
    grid: Grid | None = None
    charts: tuple[Chart, ...] = ()
    printed: tuple[str, ...] = ()  # each paragraph in the lines the PDF engines print (``layout.lines``)

    @property
    def printed_paragraphs(self) -> tuple[str, ...]:
        return self.printed or self.paragraphs


@dataclass(frozen=True)
class PageBlock:
    """One thing on a report's page, ``gap_pt`` below the one before it (0 at the top of a page): ``kind``
    title, heading, appendix (the heading over the tables), paragraph (its ``lines``; ``indent``: its
    first line indented, unless it goes on from the page before), chart, or grid (a table or one page's
    part of it)."""

    kind: str
    gap_pt: Decimal = Decimal(0)
    lines: tuple[str, ...] = ()
    indent: bool = False
    chart: Chart | None = None
    grid: Grid | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class ReportLayout:
    """A report: title, sections, and the project tables appended after them."""

    title: str
    sections: tuple[Section, ...]
    page: Page
    fonts: Fonts
    appendix_heading: str = ""
    tables: tuple[TableLayout, ...] = ()
    tags: dict[str, str] = field(default_factory=dict)  # the values of a reference.docx's tags
    appendix: tuple[str, ...] = ()  # the paragraphs under the appendix heading (which tables follow)
    title_lines: tuple[str, ...] = ()  # the title as printed, balanced over lines (parts.title_lines)
    printed_appendix: tuple[str, ...] = ()  # ``appendix`` in the lines the PDF engines print
    pages: tuple[tuple[PageBlock, ...], ...] = field(default=(), compare=False)  # as both PDF engines print it
    design: Design = DEFAULT_DESIGN

    def texts(self) -> Iterator[str]:
        """Every text the report pages show (a chart's labels are checked where it is drawn: ``painters/charts.py``)."""
        yield self.title
        yield self.appendix_heading
        yield from self.appendix
        for section in self.sections:
            yield section.heading
            yield from section.paragraphs
            if section.grid is not None:
                yield from (cell.text for cell in section.grid.cells)
