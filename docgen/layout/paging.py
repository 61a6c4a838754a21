"""A table's grids → the pages it is printed on, decided once for every paged format.

The row heights are the layout's own (``lines.with_lines``: the lines each cell is printed on), so the
pages can be worked out here instead of by each engine with rules of its own — which is how WeasyPrint
and Typst came to print the same table on different pages, and a kept 一级 group moved whole to the next
page left 40% of a page blank. The rules, as a reader of the published tables expects them:

- rows are never split, except a long text row (``Grid.splittable_rows``), split between its lines;
- an 一级 group stays on one page when it fits the rest of the page, or when the rest is at most a quarter
  of a page and the group fits the next; otherwise it is split between rows, and on the next page its
  labels (一级, 二级, the leading 绩效指标 column) are repeated once, merged over the rows there;
- the header rows open every page the grid is on; 总分 and 评分等级 never start a page alone;
- a cell spanning rows is cut at the page's end, so each page shows it once, merged over its rows there.

Input: a ``TableLayout`` whose grids have ``heights_pt``. Output: the pages, each a tuple of grids (a
grid's rows on that page, with their heights), painted one after another with a page break between.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from docgen.layout.lines import frame_pt, need_pt, pitch_pt
from docgen.layout.model import (
    DEFAULT_DESIGN,
    PT_PER_MM,
    Cell,
    Design,
    Fonts,
    Grid,
    Page,
    PageBlock,
    ReportLayout,
    TableLayout,
)

JOIN_PT = Decimal("-0.5")  # two grids of a table are drawn one under the other, their borders shared
SAFETY_PT = Decimal(3)  # room left on every page for the engines' rounding
QUARTER = Decimal("0.25")  # a page may be left this empty by a group moved whole to the next


@dataclass(frozen=True)
class Slice:
    """Part of a grid's row on a page: the row, and for a split long-text row the lines of each of its
    cells shown there (by column)."""

    row: int
    lines: tuple[tuple[int, tuple[str, ...]], ...] = ()


def heading_pt(layout: TableLayout) -> Decimal:
    """The title (and subtitle) above the first grid, with the space below them, as both engines draw it."""
    fonts, line = layout.fonts, layout.design.line_height
    height = fonts.title_pt * line + 4 * PT_PER_MM
    if layout.subtitle:
        height += 2 * PT_PER_MM + fonts.subtitle_pt * line
    return height


def page_pt(page: Page) -> Decimal:
    """The height a page gives its content (margins off, the engines' rounding room kept), for tables and
    reports alike."""
    return (page.height_mm - page.margins_mm[0] - page.margins_mm[2]) * PT_PER_MM - SAFETY_PT


class _Pages:
    """The pages being filled: each a list of (grid, its rows there), and the room left on the last."""

    def __init__(self, full: Decimal, first_room: Decimal) -> None:
        self.full = full
        self.room = first_room
        self.pages: list[list[tuple[Grid, list[Slice]]]] = [[]]

    def begin(self, grid: Grid, head: Decimal, new_page: bool) -> list[Slice]:
        """A grid's part on the current page (or on a new one), its header rows drawn first."""
        if new_page:
            self.pages.append([])
            self.room = self.full
        elif self.pages[-1]:
            self.room -= JOIN_PT
        part: list[Slice] = []
        self.pages[-1].append((grid, part))
        self.room -= head
        return part


def paginate(layout: TableLayout) -> tuple[tuple[Grid, ...], ...]:
    """The table's pages, each the grids (or parts of them) printed on it."""
    full, body_pt, design = page_pt(layout.page), layout.fonts.body_pt, layout.design
    pager = _Pages(full, full - heading_pt(layout))
    for grid in layout.grids:
        head = sum(grid.heights_pt[:grid.header_rows], Decimal(0)) + design.border_pt  # half a border above and below
        slices: list[Slice] = []
        for number, group in enumerate(_groups(grid)):
            height = sum((grid.heights_pt[row] for row in group), Decimal(0))
            if number == 0 and not grid.frame and pager.pages[-1]:
                _keep_with_previous(pager, sum(grid.heights_pt, Decimal(0)) + head, body_pt, design)
            if number == 0:
                first = grid.heights_pt[group[0]]
                fresh = bool(pager.pages[-1]) and pager.room < head + min(first, full * QUARTER)
                slices = pager.begin(grid, head, new_page=fresh)
            if height > pager.room and pager.room <= full * QUARTER and height <= full - head and slices:
                slices = pager.begin(grid, head, new_page=True)  # little room left: the group goes whole
            for index, row in enumerate(group):
                rest = group[index:]
                if index and slices and _totals_only(grid, rest) and \
                        sum((grid.heights_pt[r] for r in rest), Decimal(0)) > pager.room:
                    moved = slices.pop()  # 总分 never opens a page alone: the row before it goes along
                    slices = pager.begin(grid, head, new_page=True)
                    slices.append(moved)
                    pager.room -= _slice_height(grid, moved, body_pt, design)
                need = grid.heights_pt[row]
                if need <= pager.room:
                    slices.append(Slice(row))
                    pager.room -= need
                elif row in grid.splittable_rows or need > full - head:  # a long text, or a row taller than a page
                    for part_number, part in enumerate(_split(grid, row, pager.room, full - head, body_pt, design)):
                        if part_number or not part.lines:
                            slices = pager.begin(grid, head, new_page=True)
                        if part.lines:
                            slices.append(part)
                            pager.room -= _slice_height(grid, part, body_pt, design)
                else:
                    slices = pager.begin(grid, head, new_page=True)
                    slices.append(Slice(row))
                    pager.room -= need
    return tuple(tuple(_piece(grid, part, body_pt, design) for grid, part in page if part)
                 for page in pager.pages if page)


def _keep_with_previous(pager: _Pages, height: Decimal, body_pt: Decimal, design: Design) -> None:
    """Lines under the table (the signatures) never open a page alone: when they do not fit, the table's
    last row goes to the next page with them."""
    if height <= pager.room:
        return
    grid, part = pager.pages[-1][-1]
    if len(part) < 2 or part[-1].lines:  # a single row, or a long text split there: leave it
        return
    moved = part.pop()
    head = sum(grid.heights_pt[:grid.header_rows], Decimal(0)) + design.border_pt
    pager.begin(grid, head, new_page=True).append(moved)
    pager.room -= _slice_height(grid, moved, body_pt, design)


def _groups(grid: Grid) -> list[list[int]]:
    """The body rows in the units the rules keep together: each 一级 group (总分 and 评分等级 joining the
    last), or each row where the grid keeps no groups."""
    body = list(range(grid.header_rows, grid.rows))
    if not grid.keep_groups or not body:
        return [[row] for row in body]
    column = min((c.col for c in grid.cells if c.row >= grid.header_rows and c.rowspan > 1), default=None)
    if column is None:
        return [[row] for row in body]
    starts = sorted({c.row for c in grid.cells if c.col == column and c.row >= grid.header_rows} | {body[0]})
    groups = [list(range(low, high)) for low, high in zip(starts, [*starts[1:], grid.rows], strict=True)]
    while len(groups) > 1 and _totals_only(grid, groups[-1]):
        groups[-2:] = [groups[-2] + groups[-1]]
    return groups


def _totals_only(grid: Grid, rows: list[int]) -> bool:
    return bool(rows) and all(any(c.row == row and c.kind == "total" for c in grid.cells) for row in rows)


def _split(grid: Grid, row: int, room: Decimal, page: Decimal, body_pt: Decimal, design: Design) -> list[Slice]:
    """A long text row cut between lines: the first part fills ``room`` (or, when not two lines fit there,
    an empty part says the row starts on the next page), the others a page each."""
    cells = [c for c in grid.cells if c.row == row and c.rowspan == 1]
    longest = max((len(c.lines) for c in cells), default=0)
    if longest < 2:
        return [Slice(row)]
    pitch = max(pitch_pt(c, body_pt, design) for c in cells)
    fixed = frame_pt(design)
    parts: list[Slice] = []
    taken, space = 0, room
    if int((space - fixed) / pitch) < 2:
        parts.append(Slice(row, ()))
        space = page
    while taken < longest:
        count = max(int((space - fixed) / pitch), 1)
        parts.append(Slice(row, tuple((c.col, c.lines[taken:taken + count]) for c in cells)))
        taken += count
        space = page
    return parts


def _slice_height(grid: Grid, part: Slice, body_pt: Decimal, design: Design = DEFAULT_DESIGN) -> Decimal:
    if not part.lines:
        return grid.heights_pt[part.row]
    cells = {c.col: c for c in grid.cells if c.row == part.row}
    longest = max((len(lines) for _, lines in part.lines), default=0)
    pitch = max((pitch_pt(cells[col], body_pt, design) for col, _ in part.lines), default=Decimal(0))
    return max(longest, 1) * pitch + frame_pt(design)


def _piece(grid: Grid, slices: list[Slice], body_pt: Decimal, design: Design = DEFAULT_DESIGN) -> Grid:
    """The grid's header rows and these rows (in order), as a grid of its own: each cell cut to the rows
    here, a label begun on an earlier page repeated at the top, a split row's cells with their lines."""
    order = [*range(grid.header_rows), *(s.row for s in slices)]
    position = {}
    for index, row in enumerate(order):
        position.setdefault(row, index)
    split = {s.row: dict(s.lines) for s in slices if s.lines}
    cells: list[Cell] = []
    for cell in grid.cells:
        rows = [index for index, row in enumerate(order) if cell.row <= row <= cell.last_row]
        if not rows:
            continue
        first, last = rows[0], rows[-1]
        if last - first + 1 != len(rows):  # a header cell reaching into the body: its rows on this page only
            last = first + len(rows) - 1
        lines = split.get(cell.row, {}).get(cell.col) if cell.rowspan == 1 else None
        text = "\n".join(lines) if lines is not None else cell.text
        cells.append(replace(cell, row=first, rowspan=last - first + 1, text=text,
                             lines=lines if lines is not None else cell.lines, home=(cell.row, cell.col)))
    heights = []
    for index, row in enumerate(order):
        part = next((s for s in slices if s.row == row and s.lines), None) if index >= grid.header_rows else None
        heights.append(_slice_height(grid, part, body_pt, design) if part is not None else grid.heights_pt[row])
    for cell in cells:  # a label cut to fewer rows than it spans in the whole grid still shows all its lines
        if cell.rowspan > 1 or cell.row >= grid.header_rows:
            short = need_pt(cell, body_pt, design=design) - sum(heights[cell.row:cell.last_row + 1], Decimal(0))
            if short > 0:
                heights[cell.last_row] += short
    return replace(grid, rows=len(order), cells=tuple(cells), heights_pt=tuple(heights),
                   splittable_rows=frozenset(), keep_groups=False, paged=True)


# -- reports -------------------------------------------------------------------------------------------

MM = PT_PER_MM
SMALL_TABLE_ROWS = 8  # a report table of at most this many rows is never split
MIN_LINES = 2  # a paragraph split over two pages keeps at least this many lines on each


# (space above, space below) of each kind, in pt: the CSS margins of report.html.j2 before this module
_SPACE = {"title": (Decimal(0), 6 * MM), "heading": (5 * MM, 2 * MM), "appendix": (8 * MM, 2 * MM),
          "paragraph": (Decimal(0), 2 * MM), "chart": (3 * MM, 3 * MM), "grid": (2 * MM, 3 * MM)}


def block_height(block: PageBlock, fonts: Fonts, design: Design = DEFAULT_DESIGN) -> Decimal:
    line = design.line_height
    if block.kind == "title":
        return len(block.lines) * fonts.title_pt * line
    if block.kind in ("heading", "appendix"):
        return len(block.lines) * fonts.subtitle_pt * line
    if block.kind == "paragraph":
        return len(block.lines) * fonts.body_pt * line
    if block.kind == "chart" and block.chart is not None:
        return block.chart.height_mm * MM
    if block.grid is not None:
        return sum(block.grid.heights_pt, Decimal(0)) + design.border_pt
    return Decimal(0)


def report_blocks(report: ReportLayout) -> list[PageBlock]:
    """The report's pages' contents in order, not yet paged: title, then per section its heading,
    paragraphs, charts and table, then the appendix heading and its paragraphs."""
    blocks: list[PageBlock] = []
    if report.title:
        blocks.append(PageBlock("title", lines=report.title_lines or (report.title,)))
    for section in report.sections:
        if section.heading:
            blocks.append(PageBlock("heading", lines=(section.heading,)))
        blocks += [PageBlock("paragraph", lines=tuple(text.split("\n")), indent=True) for text in section.printed_paragraphs]
        blocks += [PageBlock("chart", chart=chart) for chart in section.charts]
        if section.grid is not None:
            blocks.append(PageBlock("grid", grid=section.grid))
    if report.appendix_heading and report.tables:
        blocks.append(PageBlock("appendix", lines=(report.appendix_heading,)))
        blocks += [PageBlock("paragraph", lines=tuple(text.split("\n"))) for text in report.printed_appendix or report.appendix]
    return blocks


def paginate_report(report: ReportLayout) -> tuple[tuple[PageBlock, ...], ...]:
    """The report's pages (its tables follow, each from a page of its own). Headings go with what
    follows them, as does the sentence that introduces a table; charts and tables of at most
    ``SMALL_TABLE_ROWS`` rows are never split; a paragraph splits between lines, keeping ``MIN_LINES``
    on each page; a long table splits between rows, its header rows again on the next page."""
    fonts, design = report.fonts, report.design
    full = page_pt(report.page)
    blocks = report_blocks(report)
    pages: list[list[PageBlock]] = [[]]
    room = full
    below = Decimal(0)  # the space the last block on the page asks below it

    def gap(kind: str) -> Decimal:
        return max(below, _SPACE[kind][0]) if pages[-1] else Decimal(0)

    def put(block: PageBlock) -> None:
        nonlocal room, below
        placed = replace(block, gap_pt=gap(block.kind))
        pages[-1].append(placed)
        room -= placed.gap_pt + block_height(block, fonts, design)
        below = _SPACE[block.kind][1]

    def new_page() -> None:
        nonlocal room, below
        pages.append([])
        room, below = full, Decimal(0)

    def first_need(index: int) -> Decimal:
        """How much of block ``index`` (and what must stay with it) has to fit where it starts."""
        block = blocks[index]
        height = block_height(block, fonts, design)
        if block.kind in ("heading", "appendix", "title") and index + 1 < len(blocks):
            return height + _SPACE[blocks[index + 1].kind][0] + first_need(index + 1)
        if block.kind == "paragraph":
            lead = index + 1 < len(blocks) and blocks[index + 1].kind == "grid" and block.indent
            if lead:  # the sentence introducing a table goes with it
                return height + _SPACE["grid"][0] + first_need(index + 1)
            return height if len(block.lines) <= 2 * MIN_LINES - 1 else MIN_LINES * fonts.body_pt * design.line_height
        if block.kind == "grid" and block.grid is not None and block.grid.rows - block.grid.header_rows > SMALL_TABLE_ROWS:
            head = sum(block.grid.heights_pt[:block.grid.header_rows + 1], Decimal(0))
            return head + design.border_pt
        return height

    for index, block in enumerate(blocks):
        if pages[-1] and gap(block.kind) + first_need(index) > room:
            new_page()
        height = block_height(block, fonts, design)
        if gap(block.kind) + height <= room or block.kind in ("title", "heading", "appendix", "chart"):
            put(block)
            continue
        if block.kind == "paragraph":
            lines = list(block.lines)
            pitch = fonts.body_pt * design.line_height
            first = True
            while lines:
                fits = int((room - gap("paragraph")) / pitch)
                if len(lines) <= fits:
                    put(replace(block, lines=tuple(lines), indent=block.indent and first))
                    break
                take = min(fits, len(lines) - MIN_LINES)
                if take < MIN_LINES:
                    new_page()
                    continue
                put(replace(block, lines=tuple(lines[:take]), indent=block.indent and first))
                lines, first = lines[take:], False
                new_page()
            continue
        grid = block.grid
        assert grid is not None
        if grid.rows - grid.header_rows <= SMALL_TABLE_ROWS and pages[-1]:
            new_page()
            put(block)
            continue
        for part in _grid_parts(grid, room - gap("grid"), full, fonts.body_pt, design):
            if part is not grid and pages[-1] and \
                    block_height(PageBlock("grid", grid=part), fonts, design) + gap("grid") > room:
                new_page()
            put(PageBlock("grid", grid=part))
    return _no_short_last_page([page for page in pages if page], fonts, full, design)


SHORT_PAGE_LINES = 4  # a report's last page with no more than this many lines takes what ends the page before


def _no_short_last_page(pages: list[list[PageBlock]], fonts: Fonts, full: Decimal, design: Design = DEFAULT_DESIGN
                        ) -> tuple[tuple[PageBlock, ...], ...]:
    """A report's last page never holds only a heading and a line or two (the appendix heading and the
    sentence under it): the page before gives it its last block, with the heading or the sentence that
    goes with that block, when they fit."""
    def lines(block: PageBlock) -> int:
        return block.grid.rows if block.grid is not None else len(block.lines) or SMALL_TABLE_ROWS

    if len(pages) < 2 or sum(lines(block) for block in pages[-1]) > SHORT_PAGE_LINES:
        return tuple(tuple(page) for page in pages)
    before, last = list(pages[-2]), list(pages[-1])
    moving = [before.pop()]
    while before and (before[-1].kind in ("title", "heading", "appendix")
                      or (before[-1].kind == "paragraph" and before[-1].indent and moving[0].kind == "grid")):
        moving.insert(0, before.pop())
    if not before:
        return tuple(tuple(page) for page in pages)
    moved = [replace(moving[0], gap_pt=Decimal(0)), *moving[1:]]
    first = replace(last[0], gap_pt=max(_SPACE[moved[-1].kind][1], _SPACE[last[0].kind][0]))
    merged = [*moved, first, *last[1:]]
    if sum((block.gap_pt + block_height(block, fonts, design) for block in merged), Decimal(0)) > full:
        return tuple(tuple(page) for page in pages)
    return (*(tuple(page) for page in pages[:-2]), tuple(before), tuple(merged))


def _grid_parts(grid: Grid, room: Decimal, full: Decimal, body_pt: Decimal, design: Design = DEFAULT_DESIGN
                ) -> list[Grid]:
    """A report table cut between rows: the first part fills ``room``, the others a page each, each with
    the header rows, a label begun on the page before repeated at its top."""
    head = sum(grid.heights_pt[:grid.header_rows], Decimal(0)) + design.border_pt
    parts: list[list[Slice]] = [[]]
    space = room - head
    for row in range(grid.header_rows, grid.rows):
        need = grid.heights_pt[row]
        if need > space and parts[-1]:
            parts.append([])
            space = full - head
        parts[-1].append(Slice(row))
        space -= need
    if len(parts) == 1:
        return [grid]
    return [_piece(grid, part, body_pt, design) for part in parts if part]
