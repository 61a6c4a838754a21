"""Evaluation + profile → the ``TableLayout`` of the year's other forms: the 绩效目标申报表 and the 绩效运行监控表.

The same grids, cells, pages and painters as the 自评表 (``layout/table.py``): a profile words them with
``labels.j2`` blocks (``STAGE_LABELS`` names each, with the ministry's wording as its default) and draws
them with its design. Figures come from the evaluation and ``audit/stages.py`` (the 1-N月执行率, time
progress); nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from itertools import groupby

from docgen.audit.stages import month_of, project_period, to_date_rate
from docgen.inputs.records import (
    ADJUSTED,
    DECLARE,
    FORECAST,
    INITIAL,
    PERIOD,
    TO_DATE,
    TOTAL_ROW,
    Evaluation,
    FundingRow,
    Indicator,
)
from docgen.layout.lines import with_lines
from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, Cell, Grid, Page, TableLayout
from docgen.layout.paging import paginate
from docgen.layout.parts import design_of, fitted_widths, fonts_of, page_of
from docgen.layout.table import NumberCells, filled_lines, lines_grid
from docgen.profiles.load import Profile, logo_file
from docgen.profiles.templates import LABELS, render_blocks

# labels.j2 blocks of the two forms, with the ministry's wording; an agency overrides any one of them.
STAGE_LABELS = {
    "declaration_title": "项目支出绩效目标申报表",
    "declaration_subtitle": "（{year}年度）",
    "monitoring_title": "项目支出绩效目标执行监控表",
    "monitoring_subtitle": "（{year}年1-{month}月）",
    "department_code": "主管部门及代码",
    "project_kind": "项目属性",
    "project_period": "项目期",
    "leader": "项目负责人",
    "phone": "联系电话",
    "funds_requested": "项目资金（{money_unit}）",
    "period_amount": "中期金额",
    "year_amount": "年度金额",
    "schedule": "项目实施进度计划",
    "step_content": "项目实施内容",
    "step_start": "开始时间",
    "step_end": "完成时间",
    "long_term": "长期目标",
    "year_goal": "年度目标",
    "period_target": "中期指标值",
    "remark": "备注",
    "to_date_spent": "1-{month}月执行数",
    "to_date_rate": "1-{month}月执行率",
    "forecast_spent": "全年预计执行数",
    "to_date_done": "1-{month}月执行情况",
    "forecast_done": "全年预计完成情况",
    "likelihood": "完成目标可能性",
    "cause": "偏差原因分析",
    "measure": "纠偏措施",
    "time_progress": "时间进度",
}
ROW_NAMES = {TOTAL_ROW: "row_total", "当年财政拨款": "row_fiscal", "上年结转资金": "row_carryover", "其他资金": "row_other"}
PLACES = {"target": "年度指标值", "period_target": "中期指标值", "remark": "备注", "to_date": "1-N月执行情况",
          "forecast": "全年预计完成情况", "likelihood": "完成目标可能性", "cause": "偏差原因分析", "measure": "纠偏措施"}
LEVEL_WIDTHS = (Decimal("1.15"), Decimal("1.3"), Decimal("1.85"))


class _Words:
    """A form's labels: the profile's labels.j2 blocks over ``STAGE_LABELS``, with {year}, {month} filled."""

    def __init__(self, blocks: dict[str, str], ev: Evaluation, money_unit: str) -> None:
        self.blocks, self.values = blocks, {"year": ev.year, "month": month_of(ev), "money_unit": money_unit}

    def __getitem__(self, name: str) -> str:
        if name in self.blocks:
            return self.blocks[name]
        return STAGE_LABELS[name].format(**self.values)


def build_stage_table(ev: Evaluation, stage: str, profile: Profile) -> TableLayout:
    """The 申报表 (``stage`` 申报) or the 监控表 (监控) of one evaluation, as the profile words and draws it."""
    settings = profile.settings
    cells = NumberCells(settings, ev.money_unit)
    month = month_of(ev)
    blocks = render_blocks(profile.jinja, LABELS, {
        "year": ev.year, "money_unit": cells.unit, "project": ev.project, "department": ev.department,
        "unit": ev.unit, "agency": settings.agency or ev.department, "page": PAGE_TOKEN, "pages": PAGES_TOKEN,
        "month": month, "funding_points": "", "indicator_points": "", "fields": ev.fields,
    })
    words = _Words(blocks, ev, cells.unit)
    page = page_of(settings, blocks.get("header", ""), blocks.get("footer", ""))
    fonts, design = fonts_of(settings), design_of(settings)
    kind = "declaration" if stage == DECLARE else "monitoring"
    if stage == DECLARE:
        grids = (_declaration_summary(ev, words, blocks, cells), _declaration_indicators(ev, words, blocks))
    else:
        grids = (_monitoring_summary(ev, words, blocks, cells), _monitoring_indicators(ev, words, blocks))
    fitted = tuple(replace(grid, widths_mm=fitted_widths(grid.widths_mm, page, grid.cells, fonts, design))
                   for grid in grids)
    signature = _signature(ev, page)
    layout = TableLayout(
        source=ev.source, project=ev.project, title=words[f"{kind}_title"], subtitle=words[f"{kind}_subtitle"],
        grids=tuple(with_lines(grid, fonts.pdf[0], fonts.body_pt, design)
                    for grid in (*fitted, *((signature,) if signature else ()))),
        page=page, fonts=fonts, logo=logo_file(profile), logo_width_mm=settings.logo_width_mm, profile=profile.name,
        tags={"agency": settings.agency or ev.department, "project": ev.project, "year": str(ev.year),
              "department": ev.department, "unit": ev.unit, "title": words[f"{kind}_title"]},
        design=design,
    )
    return replace(layout, pages=paginate(layout))


# -- shared pieces ----------------------------------------------------------------------------------


class _Rows:
    """Cells added row by row over a fixed number of columns: a label and its text, or texts side by side."""

    def __init__(self, columns: int) -> None:
        self.columns, self.row = columns, 0
        self.cells: list[Cell] = []
        self.splittable: set[int] = set()

    def add(self, cell: Cell) -> None:
        self.cells.append(cell)

    def text_row(self, label: str, text: str, long: bool = False) -> None:
        """label | text across the rest of the form."""
        self.add(Cell(label, self.row, 0, kind="label"))
        self.add(Cell(text, self.row, 1, colspan=self.columns - 1, kind="text"))
        if long:
            self.splittable.add(self.row)
        self.row += 1

    def pair_row(self, left: tuple[str, str], right: tuple[str, str]) -> None:
        """label | text | label | text: the left pair over the left half, the right pair the rest."""
        half = self.columns // 2
        self.add(Cell(left[0], self.row, 0, kind="label"))
        self.add(Cell(left[1], self.row, 1, colspan=half - 1, kind="text"))
        self.add(Cell(right[0], self.row, half, kind="label"))
        self.add(Cell(right[1], self.row, half + 1, colspan=self.columns - half - 1, kind="text"))
        self.row += 1

    def grid(self, key: str, relative: tuple[Decimal, ...], header_rows: int = 0, keep_groups: bool = False) -> Grid:
        return Grid(key, relative, self.row, tuple(self.cells), header_rows=header_rows,
                    splittable_rows=frozenset(self.splittable), keep_groups=keep_groups)


def _basics(rows: _Rows, ev: Evaluation, blocks: dict[str, str], department: tuple[str, str] | None = None) -> None:
    """项目名称 across the form; 主管部门 (or ``department``: 主管部门及代码 and its text) beside 实施单位."""
    rows.text_row(blocks.get("project", "项目名称"), ev.project)
    rows.pair_row(department or (blocks.get("department", "主管部门"), ev.department),
                  (blocks.get("unit", "实施单位"), ev.unit))


def _funding(rows: _Rows, ev: Evaluation, blocks: dict[str, str], cells: NumberCells,
             columns: tuple[tuple[str, str], ...], label: str) -> None:
    """The funds block: its label down the rows, one heading per column (``columns``: (heading, column of
    the row: an amount or ``rate``)), then 年度资金总额 and each source row written."""
    names = [row for row in ev.funding_rows if row is ev.total or _written(row)]
    top, lead = rows.row, rows.columns - len(columns)
    rows.add(Cell(label, top, 0, rowspan=1 + len(names), kind="label"))
    rows.add(Cell("", top, 1, colspan=lead - 1, kind="header"))
    for col, (heading, _) in enumerate(columns, start=lead):
        rows.add(Cell(heading, top, col, kind="header"))
    for row, funding in enumerate(names, start=top + 1):
        kind = "funding" if funding is ev.total else "sources"
        name = blocks.get(ROW_NAMES[funding.name], funding.name) if funding.name in ROW_NAMES else funding.name
        rows.add(Cell(name, row, 1, colspan=lead - 1, kind="label"))
        for col, (_, column) in enumerate(columns, start=lead):
            if column == "rate":
                cell = cells.rate(to_date_rate(funding), row, col, kind)
            else:
                format_column = "initial" if column in (INITIAL, PERIOD) else "adjusted" if column == ADJUSTED \
                    else "executed"
                cell = cells.money(funding.amount(column), row, col, kind, format_column,
                                   funding.written.get(column, ""))
            rows.add(replace(cell, places=(f"项目资金 · {funding.name} · {column}",)))
    rows.row = top + 1 + len(names)


def _written(row: FundingRow) -> bool:
    return any(row.amount(column) is not None for column in (INITIAL, ADJUSTED, PERIOD, TO_DATE, FORECAST))


def _levels(indicators: tuple[Indicator, ...], top: int, at: int = 0) -> list[Cell]:
    """一级 and 二级 merged down their rows, from row ``top``."""
    out, row = [], top
    for level1, group1 in groupby(indicators, key=lambda indicator: indicator.level1):
        items1 = list(group1)
        out.append(Cell(level1, row, at, rowspan=len(items1), kind="label"))
        for level2, group2 in groupby(items1, key=lambda indicator: indicator.level2):
            items2 = list(group2)
            out.append(Cell(level2, row, at + 1, rowspan=len(items2)))
            row += len(items2)
    return out


def _indicator_grid(ev: Evaluation, blocks: dict[str, str], columns: tuple[tuple[str, str, Decimal], ...],
                    values: dict[str, Callable[[Indicator], str]]) -> Grid:
    """The indicator block: 一级 | 二级 | 三级 then ``columns`` (heading, key, relative width), each row's texts
    from ``values`` (key → function of the indicator)."""
    headings = (blocks.get("level1", "一级指标"), blocks.get("level2", "二级指标"), blocks.get("level3", "三级指标"))
    out = [Cell(text, 0, col, kind="header") for col, text in enumerate((*headings, *(c[0] for c in columns)))]
    out += _levels(ev.indicators, 1)
    for row, indicator in enumerate(ev.indicators, start=1):
        out.append(Cell(indicator.name, row, 2, places=(f"绩效指标 · 第 {row} 行 · 三级指标",)))
        for col, (_, key, _) in enumerate(columns, start=3):
            text = values[key](indicator)
            out.append(Cell(text, row, col, kind="text" if key in ("cause", "measure", "remark") else "value",
                            places=(f"绩效指标 · 第 {row} 行 · {PLACES.get(key, key)}",)))
    relative = (*LEVEL_WIDTHS, *(c[2] for c in columns))
    return Grid("indicators", relative, 1 + len(ev.indicators), tuple(out), header_rows=1, keep_groups=True)


def _signature(ev: Evaluation, page: Page) -> Grid | None:
    """填表人 / 联系电话 / 填报日期 under the form, where the file writes them (as the 自评表 prints its own)."""
    labels = tuple(label for label in ("填报单位", "填表人", "联系电话", "填报日期") if ev.fields.get(label))
    return lines_grid("signature", filled_lines((labels,), ev.fields), page) if labels else None


# -- 申报表 ------------------------------------------------------------------------------------------


def _declaration_summary(ev: Evaluation, words: _Words, blocks: dict[str, str], cells: NumberCells) -> Grid:
    declaration = ev.declaration
    multi_year = any(row.period is not None for row in ev.funding_rows)
    rows = _Rows(4)
    code = f"{ev.department}（{declaration.code}）" if declaration and declaration.code else ev.department
    _basics(rows, ev, blocks, (words["department_code"], code))
    start, end = project_period(ev)
    period = declaration.period if declaration and declaration.period else f"{start:%Y年%m月}-{end:%Y年%m月}"
    header = {**ev.fields, **(declaration.header if declaration else {})}
    rows.pair_row((words["project_kind"], header.get("项目属性", "")), (words["project_period"], period))
    if header.get("项目负责人") or header.get("联系电话"):
        rows.pair_row((words["leader"], header.get("项目负责人", "")), (words["phone"], header.get("联系电话", "")))
    columns = ((words["period_amount"], PERIOD),) if multi_year else ()
    _funding(rows, ev, blocks, cells, (*columns, (words["year_amount"], INITIAL)), words["funds_requested"])
    for label, text in (declaration.texts.items() if declaration else ()):
        rows.text_row(label, text, long=True)
    steps = declaration.schedule if declaration else ()
    if steps:
        top = rows.row
        rows.add(Cell(words["schedule"], top, 0, rowspan=1 + len(steps), kind="label"))
        for col, heading in enumerate((words["step_content"], words["step_start"], words["step_end"]), start=1):
            rows.add(Cell(heading, top, col, kind="header"))
        for row, step in enumerate(steps, start=top + 1):
            rows.add(Cell(step.content, row, 1, kind="text"))
            rows.add(Cell(step.start, row, 2))
            rows.add(Cell(step.end, row, 3))
        rows.row = top + 1 + len(steps)
    if declaration and declaration.long_term:
        rows.text_row(words["long_term"], declaration.long_term, long=True)
    rows.text_row(words["year_goal"], ev.planned, long=True)
    for label, text in (declaration.fields.items() if declaration else ()):
        rows.text_row(label, text, long=True)
    return rows.grid("summary", (Decimal("1.3"), Decimal("2.6"), Decimal("1.3"), Decimal("2.6")))


def _declaration_indicators(ev: Evaluation, words: _Words, blocks: dict[str, str]) -> Grid:
    columns: tuple[tuple[str, str, Decimal], ...] = ()
    if any(indicator.period_target for indicator in ev.indicators):
        columns += ((words["period_target"], "period_target", Decimal("1.3")),)
    columns += ((blocks.get("target", "年度指标值"), "target", Decimal("1.3")), (words["remark"], "remark", Decimal("1.6")))
    return _indicator_grid(ev, blocks, columns, {"period_target": lambda i: i.period_target,
                                                 "target": lambda i: i.target, "remark": lambda i: i.remark})


# -- 监控表 ------------------------------------------------------------------------------------------


def _monitoring_summary(ev: Evaluation, words: _Words, blocks: dict[str, str], cells: NumberCells) -> Grid:
    adjusted = any(row.adjusted is not None for row in ev.funding_rows)
    amounts = ((blocks.get("initial", "年初预算数"), INITIAL), *(((blocks.get("adjusted", "全年预算数"), ADJUSTED),)
                                                               if adjusted else ()),
               (words["to_date_spent"], TO_DATE), (words["to_date_rate"], "rate"), (words["forecast_spent"], FORECAST))
    rows = _Rows(2 + len(amounts))
    _basics(rows, ev, blocks)
    _funding(rows, ev, blocks, cells, amounts, words["funds_requested"])
    top = rows.row
    half = (rows.columns - 1) // 2
    progress = ev.monitoring.progress if ev.monitoring else ""
    rows.add(Cell(blocks.get("goals", "年度总体目标"), top, 0, rowspan=2, kind="label"))
    rows.add(Cell(words["year_goal"], top, 1, colspan=half, kind="header"))
    rows.add(Cell(words["to_date_done"], top, 1 + half, colspan=rows.columns - 1 - half, kind="header"))
    rows.add(Cell(ev.planned, top + 1, 1, colspan=half, kind="text", places=("总体目标 · 预期目标",)))
    rows.add(Cell(progress, top + 1, 1 + half, colspan=rows.columns - 1 - half, kind="text"))
    rows.splittable.add(top + 1)
    rows.row = top + 2
    for label, text in (ev.monitoring.fields.items() if ev.monitoring else ()):
        rows.text_row(label, text, long=True)
    return rows.grid("summary", (Decimal("1.1"), Decimal("1.9"), *(Decimal("1.3") for _ in amounts)))


def _monitoring_indicators(ev: Evaluation, words: _Words, blocks: dict[str, str]) -> Grid:
    def watched(field: str) -> Callable[[Indicator], str]:
        return lambda indicator: getattr(indicator.monitored, field) if indicator.monitored else ""

    columns = ((blocks.get("target", "年度指标值"), "target", Decimal("1.4")),
               (words["to_date_done"], "to_date", Decimal("1.2")), (words["forecast_done"], "forecast", Decimal("1.2")),
               (words["likelihood"], "likelihood", Decimal("1.3")), (words["cause"], "cause", Decimal("1.6")),
               (words["measure"], "measure", Decimal("1.6")))
    return _indicator_grid(ev, blocks, columns, {"target": lambda i: i.target, "to_date": watched("to_date"),
                                                 "forecast": watched("forecast"), "likelihood": watched("likelihood"),
                                                 "cause": watched("cause"), "measure": watched("measure")})

