"""Scored evaluation + profile → ``TableLayout``: the form's rows and cells, wording and formatted numbers.

Input: a ``ScoredEvaluation`` (nothing is recomputed here: rates, scores, totals and grade are
read off it) and a ``Profile`` (settings and the ``labels.j2`` wording). Output: the ``TableLayout``
that the Word, Excel and PDF painters paint as it is.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import groupby

from docgen.errors import TemplateError
from docgen.inputs.records import ADJUSTED, EXECUTED, INITIAL
from docgen.layout.lines import with_lines
from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, Cell, Fonts, Grid, Page, TableLayout
from docgen.layout.paging import paginate
from docgen.layout.parts import NumberCells, fitted_widths, fonts_of, page_of
from docgen.profiles.load import Profile, logo_file
from docgen.profiles.settings import PAIR
from docgen.profiles.templates import LABELS, render_blocks
from docgen.scoring.score import Printed, ScoredEvaluation

SUMMARY_WIDTHS = (Decimal("1.1"), Decimal("1.9"), Decimal("1.45"), Decimal("1.45"), Decimal("1.45"),
                  Decimal("0.8"), Decimal("1.1"), Decimal("0.9"))
INDICATOR_WIDTHS = (Decimal("1.15"), Decimal("1.3"), Decimal("1.85"), Decimal("1.4"), Decimal("1.4"),
                    Decimal("0.85"), Decimal("0.85"), Decimal("2.2"))
LEADING_WIDTH = Decimal("0.6")
SOURCE_LABELS = ("row_fiscal", "row_carryover", "row_other")
AMOUNTS = ((2, (INITIAL, "initial")), (3, (ADJUSTED, "adjusted")), (4, (EXECUTED, "executed")))
REQUIRED_LABELS = (
    "title", "subtitle", "project", "department", "unit", "funding", "initial", "adjusted", "executed",
    "weight", "rate", "score", "row_total", *SOURCE_LABELS, "goals", "planned", "achieved", "level1", "level2",
    "level3", "target", "actual", "indicator_weight", "indicator_score", "reason", "total", "grade", "header",
    "footer", "indicators",
)


def build_table(scored: ScoredEvaluation, profile: Profile) -> TableLayout:
    """The whole table of one evaluation, as the profile words and formats it."""
    ev = scored.evaluation
    settings = profile.settings
    cells = NumberCells(settings, ev.money_unit)
    labels = render_blocks(profile.jinja, LABELS, {
        "year": ev.year, "money_unit": cells.unit, "project": ev.project, "department": ev.department,
        "unit": ev.unit, "agency": settings.agency or ev.department, "page": PAGE_TOKEN, "pages": PAGES_TOKEN,
    })
    missing = [name for name in REQUIRED_LABELS if name not in labels]
    if missing:
        raise TemplateError(f"模板 {LABELS} 缺少这些 block：{'、'.join(missing)}。请从 templates/default/{LABELS} 复制。")
    page = page_of(settings, labels["header"], labels["footer"])
    printed = scored.printed(settings.printing)
    fonts = fonts_of(settings)
    layout = TableLayout(
        source=ev.source,
        project=ev.project,
        title=labels["title"],
        subtitle=labels["subtitle"],
        grids=tuple(with_lines(grid, fonts.pdf[0], fonts.body_pt) for grid in (
            _summary(scored, printed, labels, cells, page, fonts), _indicators(scored, printed, labels, cells, page, fonts))),
        page=page,
        fonts=fonts,
        logo=logo_file(profile),
        logo_width_mm=settings.logo_width_mm,
        profile=profile.name,
        tags={"agency": settings.agency or ev.department, "project": ev.project, "year": str(ev.year),
              "department": ev.department, "unit": ev.unit, "title": labels["title"]},
    )
    return replace(layout, pages=paginate(layout))  # the pages every paged format prints


def _summary(scored: ScoredEvaluation, printed: Printed, labels: dict[str, str], cells: NumberCells, page: Page,
             fonts: Fonts) -> Grid:
    ev = scored.evaluation
    out = [
        Cell(labels["project"], 0, 0, kind="label"), Cell(ev.project, 0, 1, colspan=7, kind="text"),
        Cell(labels["department"], 1, 0, kind="label"), Cell(ev.department, 1, 1, colspan=3, kind="text"),
        Cell(labels["unit"], 1, 4, kind="label"), Cell(ev.unit, 1, 5, colspan=3, kind="text"),
        Cell(labels["funding"], 2, 0, rowspan=5, kind="label"), Cell("", 2, 1, kind="header"),
    ]
    out += [Cell(labels[key], 2, col, kind="header")
            for col, key in enumerate(("initial", "adjusted", "executed", "weight", "rate", "score"), start=2)]
    total = ev.total
    out += [Cell(labels["row_total"], 3, 1, kind="label"),
            *(cells.money(total.amount(name), 3, col, "funding", column, total.written.get(name, ""))
              for col, (name, column) in AMOUNTS),
            cells.score(total.weight, 3, 5, "funding", "weight"), cells.rate(printed.rate, 3, 6),
            cells.score(printed.execution_score, 3, 7, "funding", "score", printed.written("execution_score"))]
    for row, (label, scored_row) in enumerate(zip(SOURCE_LABELS, scored.rows[1:], strict=True), start=4):
        source = scored_row.row
        rate = cells.rate(scored_row.rate, row, 6, "sources") if cells.settings.show_source_rates else Cell("", row, 6)
        out += [Cell(labels[label], row, 1, kind="label"),
                *(cells.money(source.amount(name), row, col, "sources", column, source.written.get(name, ""))
                  for col, (name, column) in AMOUNTS),
                cells.empty(row, 5, "sources", "weight"), rate, cells.empty(row, 7, "sources", "score")]
    out += [
        Cell(labels["goals"], 7, 0, rowspan=2, kind="label"),
        Cell(labels["planned"], 7, 1, colspan=3, kind="header"), Cell(labels["achieved"], 7, 4, colspan=4, kind="header"),
        Cell(ev.planned, 8, 1, colspan=3, kind="text"), Cell(ev.achieved, 8, 4, colspan=4, kind="text"),
    ]
    return Grid("summary", fitted_widths(SUMMARY_WIDTHS, page, tuple(out), fonts), 9, tuple(out),
                splittable_rows=frozenset({8}))


def _indicators(scored: ScoredEvaluation, printed: Printed, labels: dict[str, str], cells: NumberCells, page: Page,
                fonts: Fonts) -> Grid:
    lead = 1 if cells.settings.leading_column else 0
    scores = printed.indicator_scores
    keys = ("level1", "level2", "level3", "target", "actual", "indicator_weight", "indicator_score", "reason")
    out = [Cell(labels[key], 0, col + lead, kind="header") for col, key in enumerate(keys)]
    if lead:
        out.append(Cell(labels["indicators"], 0, 0, rowspan=1 + len(scored.indicators), kind="label"))
    row = 1
    for level1, group1 in groupby(scored.indicators, key=lambda item: item.indicator.level1):
        items1 = list(group1)
        out.append(Cell(level1, row, lead, rowspan=len(items1), kind="label"))
        for level2, group2 in groupby(items1, key=lambda item: item.indicator.level2):
            items2 = list(group2)
            out.append(Cell(level2, row, lead + 1, rowspan=len(items2)))
            for item in items2:
                ind = item.indicator
                out += [Cell(ind.name, row, lead + 2), Cell(ind.target, row, lead + 3), Cell(ind.actual, row, lead + 4),
                        cells.score(ind.weight, row, lead + 5, "indicators", "weight"),
                        cells.score(scores[row - 1], row, lead + 6, "indicators", "score", printed.written(row - 1)),
                        Cell(ind.reason, row, lead + 7, kind="text")]
                row += 1
    out += [Cell(labels["total"], row, 0, colspan=lead + 5, kind="total"),
            cells.score(scored.weight_total, row, lead + 5, "total", "weight", written=False),
            cells.score(printed.total, row, lead + 6, "total", "score", printed.written("total")), Cell("", row, lead + 7)]
    row += 1
    if cells.settings.show_grade_row:
        # wide: the label across the columns up to 分值, the grade below 分值…偏差原因; pair: 评分等级 | 优 side
        # by side, the label over the 一级/二级 columns and the grade across the rest
        span = lead + (2 if cells.settings.grade_style == PAIR else 5)
        out += [Cell(labels["grade"], row, 0, colspan=span, kind="total"),
                Cell(printed.grade, row, span, colspan=lead + 8 - span, kind="total")]
        row += 1
    relative = (LEADING_WIDTH, *INDICATOR_WIDTHS) if lead else INDICATOR_WIDTHS
    return Grid("indicators", fitted_widths(relative, page, tuple(out), fonts), row, tuple(out), header_rows=1,
                keep_groups=True)
