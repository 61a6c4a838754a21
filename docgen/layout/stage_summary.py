"""A year's projects at the 监控 or 申报 stage → one ``TableLayout`` for the finance bureau, painted as a
workbook and a PDF by the table painters (one layout, every format).

- 监控汇总: each project's execution against time progress and its targets at risk, marked 预警 / 关注 /
  正常 and sorted so (then by execution rate), with each department's totals and the year's.
- 申报汇总: each project's funds and indicators, each target with its findings.

Figures come from ``audit/stages.py`` and the checked files; amounts in 万元 as every summary shows them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from docgen.audit.findings import Finding
from docgen.audit.stages import month_of, progress_status, time_progress, to_date_rate
from docgen.inputs.records import FORECAST, INITIAL, MONITOR, PERIOD, TO_DATE
from docgen.layout.lines import with_lines
from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, Cell, Grid, TableLayout
from docgen.layout.paging import paginate
from docgen.layout.parts import design_of, fitted_widths, fonts_of, page_of
from docgen.layout.table import NumberCells
from docgen.profiles.load import Profile
from docgen.scoring.rounding import HUNDRED, q2
from docgen.summaries.groups import REPORT_UNIT, ProjectLine

STATUS_ORDER = ("预警", "关注", "正常")
SUMMARY_NAMES = {MONITOR: "监控汇总", "申报": "申报汇总"}


def stage_summary(lines: list[ProjectLine], stage: str, year: int, profile: Profile) -> TableLayout:
    """The year's 监控汇总 or 申报汇总 of ``lines`` (projects checked at ``stage``)."""
    settings = profile.settings
    cells = NumberCells(settings, REPORT_UNIT)
    page = page_of(settings, "", f"第 {PAGE_TOKEN} 页，共 {PAGES_TOKEN} 页", landscape=True)
    fonts, design = fonts_of(settings), design_of(settings)
    if stage == MONITOR:
        month = max((month_of(line.scored.evaluation) for line in lines), default=7)
        title, subtitle = f"{year}年项目支出绩效运行监控汇总表", f"（1-{month}月，金额单位：{REPORT_UNIT}）"
        grids = (_monitoring(lines, cells, month),)
    else:
        title, subtitle = f"{year}年项目支出绩效目标申报汇总表", f"（金额单位：{REPORT_UNIT}）"
        grids = (_declaration(lines, cells), _targets(lines))
    fitted = tuple(with_lines(replace(grid, widths_mm=fitted_widths(grid.widths_mm, page, grid.cells, fonts, design)),
                              fonts.pdf[0], fonts.body_pt, design) for grid in grids)
    layout = TableLayout(source="", project=title, title=title, subtitle=subtitle, grids=fitted, page=page,
                         fonts=fonts, profile=profile.name, design=design,
                         tags={"title": title, "year": str(year), "agency": settings.agency, "project": title,
                               "department": "", "unit": ""})
    return replace(layout, pages=paginate(layout))


def _header(titles: tuple[str, ...]) -> list[Cell]:
    return [Cell(text, 0, col, kind="header") for col, text in enumerate(titles)]


def _findings(findings: tuple[Finding, ...]) -> str:
    return "；".join(f"{f.title}（{f.severity.value}）" for f in findings)


def _monitoring(lines: list[ProjectLine], cells: NumberCells, month: int) -> Grid:
    """One row per project, 预警 first; a 合计 row per department, then the year's."""
    progress = time_progress(month)
    titles = ("状态", "主管部门", "项目名称", "年度预算", f"1-{month}月执行数", "执行率", "时间进度", "落后（百分点）",
              "全年预计执行数", "有风险的指标", "审核意见")
    out = _header(titles)
    row = 1
    # each project's rate and status, once: they sort the rows (预警 first, then the lowest rate) and fill them
    by_department: dict[str, list[tuple[ProjectLine, Decimal | None, str]]] = defaultdict(list)
    for line in lines:
        ev = line.scored.evaluation
        by_department[ev.department].append((line, to_date_rate(ev.total), progress_status(ev, line.scored.rules)))
    totals: list[tuple[Decimal, Decimal, Decimal]] = []
    for department in sorted(by_department):
        members = sorted(by_department[department], key=lambda item: (
            STATUS_ORDER.index(item[2]), item[1] if item[1] is not None else Decimal(-1), item[0].scored.evaluation.project))
        for line, rate, status in members:
            ev = line.scored.evaluation
            behind = q2(progress - rate) if rate is not None and rate < progress else Decimal(0)
            risky = "；".join(f"{i.name}（{i.monitored.likelihood}）" for i in ev.indicators
                             if i.monitored is not None and i.monitored.likelihood in ("有可能", "完全不可能"))
            out += [Cell(status, row, 0, kind="label"), Cell(ev.department, row, 1),
                    Cell(ev.project, row, 2, kind="text"), cells.money(line.amount(INITIAL), row, 3),
                    cells.money(line.amount(TO_DATE), row, 4), cells.rate(rate, row, 5), cells.rate(progress, row, 6),
                    cells.score(behind, row, 7, "total", "score", written=False), cells.money(line.amount(FORECAST), row, 8),
                    Cell(risky, row, 9, kind="text"), Cell(_findings(line.checked.findings), row, 10, kind="text")]
            row += 1
        total = _sums([line for line, _, _ in members])
        totals.append(total)
        out += _total_row(f"{department} 合计", total, row, cells, progress)
        row += 1
    if len(totals) > 1:
        year = tuple(sum((t[i] for t in totals), Decimal(0)) for i in range(3))
        out += _total_row("全年合计", year, row, cells, progress)  # type: ignore[arg-type]
        row += 1
    relative = tuple(Decimal(w) for w in ("0.8", "1.6", "2.2", "1.1", "1.1", "0.9", "0.9", "0.9", "1.1", "2.2", "2.4"))
    return Grid("monitoring", relative, row, tuple(out), header_rows=1)


def _sums(lines: list[ProjectLine]) -> tuple[Decimal, Decimal, Decimal]:
    return tuple(sum((line.amount(column) or Decimal(0) for line in lines), Decimal(0))  # type: ignore[return-value]
                 for column in (INITIAL, TO_DATE, FORECAST))


def _total_row(label: str, total: tuple[Decimal, Decimal, Decimal], row: int, cells: NumberCells,
               progress: Decimal) -> list[Cell]:
    budget, spent, forecast = total
    rate = q2(spent / budget * HUNDRED) if budget else None
    return [Cell(label, row, 0, colspan=3, kind="total"), cells.money(budget, row, 3, "total"),
            cells.money(spent, row, 4, "total"), cells.rate(rate, row, 5, "total"), cells.rate(progress, row, 6, "total"),
            Cell("", row, 7), cells.money(forecast, row, 8, "total"), Cell("", row, 9), Cell("", row, 10)]


def _declaration(lines: list[ProjectLine], cells: NumberCells) -> Grid:
    """One row per project: its funds, its indicators and what the review found."""
    titles = ("主管部门", "项目名称", "实施单位", "年度资金", "中期资金", "三级指标数", "年度目标", "审核意见")
    out = _header(titles)
    ordered = sorted(lines, key=lambda line: (line.scored.evaluation.department, line.scored.evaluation.project))
    for row, line in enumerate(ordered, start=1):
        ev = line.scored.evaluation
        out += [Cell(ev.department, row, 0), Cell(ev.project, row, 1, kind="text"), Cell(ev.unit, row, 2, kind="text"),
                cells.money(line.amount(INITIAL), row, 3), cells.money(line.amount(PERIOD), row, 4),
                Cell(str(len(ev.indicators)), row, 5), Cell(ev.planned, row, 6, kind="text"),
                Cell(_findings(line.checked.findings), row, 7, kind="text")]
    relative = tuple(Decimal(w) for w in ("1.5", "2", "1.6", "1", "1", "0.8", "3.5", "2.6"))
    return Grid("declaration", relative, 1 + len(ordered), tuple(out), header_rows=1,
                splittable_rows=frozenset(range(1, 1 + len(ordered))))


def _targets(lines: list[ProjectLine]) -> Grid:
    """Each project's targets, each with the findings about it (指标值不可衡量 …)."""
    titles = ("项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "中期指标值", "审核意见")
    out = _header(titles)
    row = 1
    for line in sorted(lines, key=lambda line: (line.scored.evaluation.department, line.scored.evaluation.project)):
        ev = line.scored.evaluation
        for indicator in ev.indicators:
            about = tuple(f for f in line.checked.findings if f.subject == indicator.name)
            out += [Cell(ev.project, row, 0, kind="text"), Cell(indicator.level1, row, 1), Cell(indicator.level2, row, 2),
                    Cell(indicator.name, row, 3, kind="text"), Cell(indicator.target, row, 4),
                    Cell(indicator.period_target, row, 5), Cell(_findings(about), row, 6, kind="text")]
            row += 1
    relative = tuple(Decimal(w) for w in ("2", "1.1", "1.3", "2", "1.3", "1.3", "3"))
    return Grid("targets", relative, row, tuple(out), header_rows=1)
