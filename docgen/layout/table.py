"""Scored evaluation + profile → ``TableLayout``: the form's rows and cells, wording and formatted numbers.

The number cells (``NumberCells``) are keyed by this form's row kinds and columns, as the profile's
``numbers`` settings are; the year's other forms and summaries format their numbers with them too.

Input: a ``ScoredEvaluation`` (nothing is recomputed here: rates, scores, totals and grade are
read off it) and a ``Profile`` (settings and the ``labels.j2`` wording). Output: the ``TableLayout``
that the Word, Excel and PDF painters paint as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import groupby

from docgen.errors import TemplateError
from docgen.inputs.build import SIGNS
from docgen.inputs.records import ADJUSTED, EXECUTED, INITIAL, TOTAL_ROW, FundingRow, Indicator
from docgen.layout.lines import with_lines
from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, Cell, Design, Fonts, Grid, Page, TableLayout
from docgen.layout.paging import paginate
from docgen.layout.parts import design_of, fitted_widths, fonts_of, page_of, widths
from docgen.printed import AS_WRITTEN, HUNDRED, UNIT_FACTORS, shown
from docgen.profiles.load import Profile, logo_file
from docgen.profiles.settings import PAIR, Settings
from docgen.profiles.templates import LABELS, render_blocks
from docgen.scoring.score import Printed, ScoredEvaluation, ScoredRow

# Relative column widths: the summary's label columns, then each funding column; each indicator column.
SUMMARY_LABEL_WIDTHS = (Decimal("1.1"), Decimal("1.9"))
FUNDING_WIDTHS = {"initial": Decimal("1.45"), "adjusted": Decimal("1.45"), "executed": Decimal("1.45"),
                  "weight": Decimal("0.8"), "rate": Decimal("1.1"), "score": Decimal("0.9"), "reason": Decimal("1.6")}
INDICATOR_WIDTHS = {"level1": Decimal("1.15"), "level2": Decimal("1.3"), "level3": Decimal("1.85"),
                    "sign": Decimal("1.3"), "index_value": Decimal("1.0"), "meter_unit": Decimal("1.3"),
                    "target": Decimal("1.4"), "actual": Decimal("1.4"), "weight": Decimal("0.85"),
                    "score": Decimal("0.85"), "reason": Decimal("2.2")}
LEADING_WIDTH = Decimal("0.6")
TEXT_WIDTH = Decimal("1.6")  # a column of texts named by its label (得分计算方法)
# labels.j2 blocks: the three rows of the national form (another row prints its own name), each column
ROW_LABELS = {TOTAL_ROW: "row_total", "当年财政拨款": "row_fiscal", "上年结转资金": "row_carryover",
              "其他资金": "row_other"}
FUNDING_LABELS = {"initial": "initial", "adjusted": "adjusted", "executed": "executed", "weight": "weight",
                  "rate": "rate", "score": "score", "reason": "funding_reason"}
INDICATOR_LABELS = {"level1": "level1", "level2": "level2", "level3": "level3", "sign": "sign",
                    "index_value": "index_value", "meter_unit": "meter_unit", "target": "target",
                    "actual": "actual", "weight": "indicator_weight", "score": "indicator_score", "reason": "reason"}
AMOUNTS = {"initial": INITIAL, "adjusted": ADJUSTED, "executed": EXECUTED}
# a column's name where findings name a place of the table (audit/places.py)
FUNDING_PLACES = {**AMOUNTS, "weight": "分值", "rate": "执行率", "score": "得分", "reason": "偏差原因分析及改进措施"}
INDICATOR_PLACES = {"level1": ("一级指标",), "level2": ("二级指标",), "level3": ("三级指标",),
                    "target": ("年度指标值", "计算符号", "指标值", "计量单位"), "sign": ("计算符号",),
                    "index_value": ("指标值", "年度指标值"), "meter_unit": ("计量单位",), "actual": ("实际完成值",),
                    "weight": ("分值",), "score": ("得分",), "reason": ("偏差原因分析及改进措施",)}
REQUIRED_LABELS = (
    "title", "subtitle", "project", "department", "unit", "funding", "initial", "adjusted", "executed",
    "weight", "rate", "score", "row_total", "row_fiscal", "row_carryover", "row_other", "goals", "planned",
    "achieved", "level1", "level2", "level3", "target", "actual", "indicator_weight", "indicator_score", "reason",
    "total", "grade", "header", "footer", "indicators",
)
# a target as a form prints it in three columns: 指标性质 | 指标值 | 度量单位 (≥ | 95 | %)
_TARGET = re.compile(r"^(?P<sign>≥|≤|>=|<=|=|＝|>|<|＞|＜|≧|≦)?\s*"
                     r"(?P<value>\d+(?:\.\d+)?(?:\s*[-—~～至]\s*\d+(?:\.\d+)?)?)\s*"
                     r"[（(]?\s*(?P<unit>[^\d\s（()）][^\d（()）]*?)?\s*[)）]?$")


def target_parts(indicator: Indicator, qualitative: str) -> tuple[str, str, str]:
    """指标性质, 指标值, 度量单位 of an indicator's target: as written when the file gave them apart, else
    read off the target (``≥95%`` → ≥, 95, %; ``=100(%)`` → =, 100, %); a target without a figure
    (及时) is ``qualitative`` with the words as its value."""
    if indicator.sign or indicator.index_value or indicator.meter_unit:
        return indicator.sign, indicator.index_value, indicator.meter_unit
    match = _TARGET.match(indicator.target.strip())
    if match is None:
        return qualitative, indicator.target, ""
    sign = match["sign"] or ""
    return SIGNS.get(sign, sign), match["value"], (match["unit"] or "").strip()  # ≥ as every table prints it


def number_cell(value: Decimal, row: int, col: int, number_format: str, written: str | None = None,
                exact: bool = False) -> Cell:
    """A number shown by its Excel-style format (the workbook stores the number itself); ``written`` and
    ``exact`` as ``printed.shown`` takes them."""
    number_format, text = shown(value, number_format, written, exact)
    return Cell(text, row, col, kind="number", value=value, number_format=number_format)


def percent_cell(value: Decimal, row: int, col: int, places: int = 2) -> Cell:
    """A rate in percent (``78.91%``): the workbook stores 0.7891 shown as ``0.00%`` (``0.0%`` at one place)."""
    return number_cell(value / HUNDRED, row, col, f"0.{'0' * places}%" if places else "0%")


class NumberCells:
    """Formats a table's values into cells by the profile's number settings.

    ``kind`` is the row kind (``funding``, ``sources``, ``indicators``, ``total``) and ``column`` the
    column (``initial``, ``adjusted``, ``executed``, ``weight``, ``rate``, ``score``): a profile may give
    each its own format (``numbers.formats``) and its own empty marker (``numbers.empty``).
    """

    def __init__(self, settings: Settings, written_unit: str) -> None:
        self.settings = settings
        self.unit = settings.money_unit or written_unit
        self.factor = UNIT_FACTORS[(written_unit, self.unit)]
        self.money_format = settings.money_formats[self.unit]

    def money(self, value: Decimal | None, row: int, col: int, kind: str = "funding", column: str = "",
              written: str = "") -> Cell:
        """An amount; ``written`` is its text as the author wrote it, for the ``as_written`` format (a
        marker such as ``-`` or ``—`` written for a blank amount is printed too)."""
        number_format = self.settings.cell_formats.get((kind, column), self.money_format)
        as_written = number_format == AS_WRITTEN and self.factor == 1
        if value is None:
            if as_written and written:
                return Cell(written, row, col)
            return self.empty(row, col, kind, column, self.settings.blank_amount)
        return number_cell(value * self.factor, row, col, number_format, written if as_written else None, exact=True)

    def score(self, value: Decimal | None, row: int, col: int, kind: str = "indicators", column: str = "score",
              written: bool = True) -> Cell:
        """A weight or score; ``written`` says whether the author wrote this value (``as_written`` shows a
        value docgen computed with as few places as it needs)."""
        if value is None:
            return self.empty(row, col, kind, column)
        number_format = self.settings.cell_formats.get((kind, column), self.settings.score_format)
        return number_cell(value, row, col, number_format, "" if written else None)

    def rate(self, value: Decimal | None, row: int, col: int, kind: str = "funding") -> Cell:
        if value is None:
            return self.empty(row, col, kind, "rate", self.settings.undefined_rate)
        places = self.settings.rate_places
        if self.settings.rate_style == "percent":
            return percent_cell(value, row, col, places)
        return number_cell(value, row, col, f"0.{'0' * places}" if places else "0")

    def empty(self, row: int, col: int, kind: str, column: str, fallback: str | None = None) -> Cell:
        """What the profile shows where a cell has no value (or none applies): ``numbers.empty`` for
        this row kind and column, else the older single settings, else ``not_applicable``."""
        marker = self.settings.empty_cells.get((kind, column), fallback)
        return Cell(self.settings.not_applicable if marker is None else marker, row, col)


def build_table(scored: ScoredEvaluation, profile: Profile) -> TableLayout:
    """The whole table of one evaluation, as the profile words and formats it."""
    ev = scored.evaluation
    settings = profile.settings
    cells = NumberCells(settings, ev.money_unit)
    values = _values(scored, settings)
    labels = render_blocks(profile.jinja, LABELS, {
        "year": ev.year, "money_unit": cells.unit, "project": ev.project, "department": ev.department,
        "unit": ev.unit, "agency": settings.agency or ev.department, "page": PAGE_TOKEN, "pages": PAGES_TOKEN,
        # a section heading's points (预算执行情况（10分）, 绩效指标（90分）) and the file's texts (报表编号 …)
        "funding_points": _points(scored.execution_weight),
        "indicator_points": _points(scored.weight_total - scored.execution_weight),
        "fields": values,
    })
    missing = [name for name in REQUIRED_LABELS if name not in labels]
    if missing:
        raise TemplateError(f"模板 {LABELS} 缺少这些 block：{'、'.join(missing)}。请从 templates/default/{LABELS} 复制。")
    page = page_of(settings, labels["header"], labels["footer"])
    printed = scored.shown  # the figures the whole publication set shows for this project
    fonts, design = fonts_of(settings), design_of(settings)
    layout = TableLayout(
        source=ev.source,
        project=ev.project,
        title=labels["title"],
        subtitle=labels["subtitle"],
        grids=tuple(with_lines(grid, fonts.pdf[0], fonts.body_pt, design)
                    for grid in _grids(scored, printed, labels, cells, page, fonts, design, values)),
        page=page,
        fonts=fonts,
        logo=logo_file(profile),
        logo_width_mm=settings.logo_width_mm,
        profile=profile.name,
        tags={"agency": settings.agency or ev.department, "project": ev.project, "year": str(ev.year),
              "department": ev.department, "unit": ev.unit, "title": labels["title"]},
        design=design,
    )
    return replace(layout, pages=paginate(layout))  # the pages every paged format prints


def _values(scored: ScoredEvaluation, settings: Settings) -> dict[str, str]:
    """The texts other forms print (报表编号, 评价结论, 项目负责人 …): the file's, else the profile's ``form.values``."""
    return {**settings.field_values, **{key: value for key, value in scored.evaluation.fields.items() if value}}


def _points(value: Decimal) -> str:
    """Points as a heading prints them: 10, 90, 87.5."""
    return f"{value.normalize():f}"


def _grids(scored: ScoredEvaluation, printed: Printed, labels: dict[str, str], cells: NumberCells, page: Page,
           fonts: Fonts, design: Design, values: dict[str, str]) -> tuple[Grid, ...]:
    """The table's grids top to bottom: the texts above it, the summary, the indicators, the closing texts
    and the signature line, as the profile's ``form`` settings place them (``values``: their texts)."""
    settings = cells.settings
    grids = []
    if settings.above:
        grids.append(lines_grid("above", filled_lines(settings.above, values), page))
    grids += [_summary(scored, printed, labels, cells, page, fonts, design, values),
              _indicators(scored, printed, labels, cells, page, fonts, design)]
    if settings.closing:
        grids.append(_closing(settings.closing, values, page, fonts, design))
    if settings.signature:
        grids.append(lines_grid("signature", filled_lines(settings.signature, values), page))
    return tuple(grids)


def filled_lines(lines: tuple[tuple[str, ...], ...], values: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(f"{label}：{values.get(label, '')}" for label in line) for line in lines)


def lines_grid(key: str, rows: tuple[tuple[str, ...], ...], page: Page) -> Grid:
    """Lines outside the table's frame (报表编号 above it, the signatures under it): each text a cell
    without borders, side by side across the page (a line of fewer texts: its last one to the edge)."""
    columns = max(len(row) for row in rows)
    out = tuple(Cell(text, row, col, kind="plain", colspan=columns - col if col == len(texts) - 1 else 1)
                for row, texts in enumerate(rows) for col, text in enumerate(texts))
    return Grid(key, widths((Decimal(1),) * columns, page), len(rows), out, frame=False)


def _closing(labels: tuple[str, ...], values: dict[str, str], page: Page, fonts: Fonts, design: Design) -> Grid:
    """The texts after the indicators (评价结论, 存在问题, 改进措施): each a row, its label beside it."""
    out: list[Cell] = []
    for row, label in enumerate(labels):
        out += [Cell(label, row, 0, kind="label"), Cell(values.get(label, ""), row, 1, kind="text")]
    relative = (SUMMARY_LABEL_WIDTHS[0], sum(FUNDING_WIDTHS.values(), SUMMARY_LABEL_WIDTHS[1]))
    return Grid("closing", fitted_widths(relative, page, tuple(out), fonts, design), len(labels), tuple(out),
                splittable_rows=frozenset(range(len(labels))))


def _summary(scored: ScoredEvaluation, printed: Printed, labels: dict[str, str], cells: NumberCells, page: Page,
             fonts: Fonts, design: Design, values: dict[str, str]) -> Grid:
    """项目名称 … 实施单位, the funding block and the goals block, in the profile's order; the national form
    has 8 columns (two of labels, six of funding), a form with other funding columns as many as it needs."""
    settings = cells.settings
    columns = 2 + len(settings.funding_columns)
    out: list[Cell] = []
    splittable: set[int] = set()
    row = 0
    for block in settings.summary_order:
        if block == "basics":
            out += _basics(scored, labels, row, columns)
            row += 2
            for label in settings.basics_rows:  # 项目属性, 项目负责人 … : label | text across the form
                out += [Cell(label, row, 0, kind="label"), Cell(values.get(label, ""), row, 1, colspan=columns - 1,
                                                                kind="text")]
                row += 1
        elif block == "funding":
            out += _funding(scored, printed, labels, cells, row, columns)
            row += 1 + len(settings.funding_rows)
        else:
            goals, texts = _goals(scored, labels, row, columns, settings.goal_rows, values)
            out += goals
            splittable |= texts
            row += 2 + len(settings.goal_rows)
    relative = (*SUMMARY_LABEL_WIDTHS, *(FUNDING_WIDTHS[column] for column in settings.funding_columns))
    return Grid("summary", fitted_widths(relative, page, tuple(out), fonts, design), row, tuple(out),
                splittable_rows=frozenset(splittable))


def _basics(scored: ScoredEvaluation, labels: dict[str, str], row: int, columns: int) -> list[Cell]:
    ev = scored.evaluation
    left = (columns - 2) // 2  # 主管部门's value over the left half, 实施单位 and its value the right
    return [
        Cell(labels["project"], row, 0, kind="label"), Cell(ev.project, row, 1, colspan=columns - 1, kind="text"),
        Cell(labels["department"], row + 1, 0, kind="label"), Cell(ev.department, row + 1, 1, colspan=left, kind="text"),
        Cell(labels["unit"], row + 1, 1 + left, kind="label"),
        Cell(ev.unit, row + 1, 2 + left, colspan=columns - 2 - left, kind="text"),
    ]


def _funding(scored: ScoredEvaluation, printed: Printed, labels: dict[str, str], cells: NumberCells, top: int,
             columns: int) -> list[Cell]:
    """The funding block: its label down the rows, the column headings, then each row the profile lists
    (the total row with weight, rate and score; a source row the file lacks printed empty)."""
    settings = cells.settings
    rows = settings.funding_rows
    out = [Cell(labels["funding"], top, 0, rowspan=1 + len(rows), kind="label"), Cell("", top, 1, kind="header")]
    out += [Cell(labels[FUNDING_LABELS[column]], top, col, kind="header")
            for col, column in enumerate(settings.funding_columns, start=2)]
    scored_rows = {scored_row.row.name: scored_row for scored_row in scored.rows}
    total_spans = TOTAL_ROW not in rows
    for row, name in enumerate(rows, start=top + 1):
        scored_row = scored_rows.get(name) or ScoredRow(FundingRow(scored.evaluation.where, name=name), None)
        source = scored_row.row
        kind = "funding" if name == TOTAL_ROW else "sources"
        out.append(Cell(labels[ROW_LABELS[name]] if name in ROW_LABELS else name, row, 1, kind="label"))
        placed = len(out)
        for col, column in enumerate(settings.funding_columns, start=2):
            if column in AMOUNTS:
                amount = AMOUNTS[column]
                out.append(cells.money(source.amount(amount), row, col, kind, column, source.written.get(amount, "")))
            elif column == "reason":
                out.append(Cell(source.reason, row, col, kind="text"))
            elif kind == "funding" or (column != "rate" and total_spans and row == top + 1):
                # the total row's weight, rate and score; a form without a total row prints weight and
                # score once, merged down its source rows
                cell = (cells.score(scored.evaluation.total.weight, row, col, "funding", "weight")
                        if column == "weight" else cells.rate(printed.rate, row, col) if column == "rate"
                        else cells.score(printed.execution_score, row, col, "funding", "score",
                                         printed.written("execution_score")))
                out.append(replace(cell, rowspan=len(rows)) if total_spans else cell)
            elif total_spans and column != "rate":
                continue
            elif column == "rate":
                out.append(cells.rate(scored_row.rate, row, col, "sources") if settings.show_source_rates
                           else Cell("", row, col))
            else:
                out.append(cells.empty(row, col, "sources", column))
        for index in range(placed, len(out)):  # each cell of the row with the place a finding names it by
            cell = out[index]
            column = settings.funding_columns[cell.col - 2]
            owner = TOTAL_ROW if cell.rowspan > 1 and column in ("weight", "score") else name
            out[index] = replace(cell, places=(f"项目资金 · {owner} · {FUNDING_PLACES[column]}",))
    return out


def _goals(scored: ScoredEvaluation, labels: dict[str, str], top: int, columns: int, goal_rows: tuple[str, ...],
           values: dict[str, str]) -> tuple[list[Cell], set[int]]:
    """The goals block: 预期目标 | 实际完成情况 and their texts, then each text the profile adds under them
    (项目实施内容及过程概述), its label beside it; and the rows of long text (split between pages)."""
    ev = scored.evaluation
    planned = (columns - 1) // 2
    out = [
        Cell(labels["goals"], top, 0, rowspan=2 + len(goal_rows), kind="label"),
        Cell(labels["planned"], top, 1, colspan=planned, kind="header"),
        Cell(labels["achieved"], top, 1 + planned, colspan=columns - 1 - planned, kind="header"),
        Cell(ev.planned, top + 1, 1, colspan=planned, kind="text", places=("总体目标 · 预期目标",)),
        Cell(ev.achieved, top + 1, 1 + planned, colspan=columns - 1 - planned, kind="text",
             places=("总体目标 · 实际完成情况",)),
    ]
    for row, label in enumerate(goal_rows, start=top + 2):
        out += [Cell(label, row, 1, kind="header"), Cell(values.get(label, ""), row, 2, colspan=columns - 2, kind="text")]
    return out, set(range(top + 1, top + 2 + len(goal_rows)))


def _indicators(scored: ScoredEvaluation, printed: Printed, labels: dict[str, str], cells: NumberCells, page: Page,
                fonts: Fonts, design: Design) -> Grid:
    """The indicator block: the column headings, each 三级指标 under its merged 一级 and 二级, then 总分 (合计)
    and 评分等级; columns as the profile lists them (the target whole, or as 指标性质 | 指标值 | 度量单位)."""
    settings = cells.settings
    lead = 1 if settings.leading_column else 0
    keys = settings.indicator_columns
    at = {column: lead + index for index, column in enumerate(keys)}
    scores = printed.indicator_scores
    # a column named by a Chinese label (得分计算方法) holds each indicator's text of that name (其他栏目)
    out = [Cell(labels[INDICATOR_LABELS[key]] if key in INDICATOR_LABELS else key, 0, at[key], kind="header")
           for key in keys]
    if lead:
        out.append(Cell(labels["indicators"], 0, 0, rowspan=1 + len(scored.indicators), kind="label"))
    row = 1
    for level1, group1 in groupby(scored.indicators, key=lambda item: item.indicator.level1):
        items1 = list(group1)
        out.append(Cell(level1, row, at["level1"], rowspan=len(items1), kind="label"))
        for level2, group2 in groupby(items1, key=lambda item: item.indicator.level2):
            items2 = list(group2)
            out.append(Cell(level2, row, at["level2"], rowspan=len(items2)))
            for item in items2:
                ind = item.indicator
                sign, value, unit = target_parts(ind, settings.qualitative_sign)
                actual = ind.written_actual or ind.actual if "meter_unit" in keys else ind.actual
                texts = {"level3": ind.name, "target": ind.target, "actual": actual, "sign": sign,
                         "index_value": value, "meter_unit": unit}
                for key in keys:
                    if key in texts:
                        out.append(Cell(texts[key], row, at[key]))
                    elif key == "weight":
                        out.append(cells.score(ind.weight, row, at[key], "indicators", "weight"))
                    elif key == "score":
                        out.append(cells.score(scores[row - 1], row, at[key], "indicators", "score",
                                               printed.written(row - 1)))
                    elif key == "reason":
                        out.append(Cell(ind.reason, row, at[key], kind="text"))
                    elif key not in ("level1", "level2"):  # (merged down, placed above)
                        out.append(Cell(ind.fields.get(key, ""), row, at[key], kind="text"))
                row += 1
    out = [_indicator_places(cell, keys, lead) for cell in out]
    span = at["weight"]
    out.append(Cell(labels["total"], row, 0, colspan=span, kind="total"))
    for key in keys[span - lead:]:
        out.append(cells.score(scored.weight_total, row, at[key], "total", "weight", written=False) if key == "weight"
                   else replace(cells.score(printed.total, row, at[key], "total", "score", printed.written("total")),
                                places=("总分",))
                   if key == "score" else Cell("", row, at[key]))
    row += 1
    if settings.show_grade_row:
        # wide: the label across the columns up to 分值, the grade below 分值…偏差原因; pair: 评分等级 | 优 side
        # by side, the label over the 一级/二级 columns and the grade across the rest
        span = lead + 2 if settings.grade_style == PAIR else at["weight"]
        out += [Cell(labels["grade"], row, 0, colspan=span, kind="total"),
                Cell(printed.grade, row, span, colspan=lead + len(keys) - span, kind="total", places=("评分等级",))]
        row += 1
    relative = (*((LEADING_WIDTH,) if lead else ()), *(INDICATOR_WIDTHS.get(key, TEXT_WIDTH) for key in keys))
    return Grid("indicators", fitted_widths(relative, page, tuple(out), fonts, design), row, tuple(out),
                header_rows=1, keep_groups=True)


def _indicator_places(cell: Cell, keys: tuple[str, ...], lead: int) -> Cell:
    """An indicator cell with the places findings name it by: ``绩效指标 · 第 3 行 · 得分`` (a level label
    merged down its rows, by each of them)."""
    if cell.row == 0 or cell.col < lead:
        return cell
    key = keys[cell.col - lead]
    names = INDICATOR_PLACES.get(key, ())
    return replace(cell, places=tuple(f"绩效指标 · 第 {row} 行 · {name}" for row in range(cell.row, cell.last_row + 1)
                                      for name in names))
