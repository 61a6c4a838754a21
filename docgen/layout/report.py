"""Summaries → report layouts: the department's narrative report (绩效自评结果报告) and the year's
audit report (审核意见). Prose comes from the profile's ``report.j2`` / ``audit.j2`` blocks; every
figure comes from the ``Summary`` model, formatted as ``printed`` formats it; tables are ``Grid``s
made of the same parts as a table's (``layout.parts``), painted by the same painters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

from docgen.audit.checked import Checked
from docgen.audit.findings import Severity
from docgen.layout.charts import ChartWords, execution_chart, grade_chart
from docgen.layout.lines import NOTE_PT, printed_report
from docgen.layout.model import (
    PAGE_TOKEN,
    PAGES_TOKEN,
    Cell,
    Design,
    Fonts,
    Grid,
    Page,
    PageBlock,
    ReportLayout,
    Section,
    TableLayout,
)
from docgen.layout.paging import paginate_report
from docgen.layout.parts import (
    design_of,
    fitted_widths,
    fonts_of,
    page_of,
    text_width_mm,
    title_lines,
    unbreakable_runs,
    widths,
)
from docgen.layout.table import number_cell, percent_cell
from docgen.printed import AMOUNT_FORMAT, NOT_SHOWN, SCORE_FORMAT, amount_text, format_decimal, rate_text
from docgen.profiles.load import Profile
from docgen.profiles.templates import render_blocks
from docgen.summaries.groups import ProjectLine, Summary, summarize

MONEY = AMOUNT_FORMAT
PART_ROWS = 400  # table rows laid out at once: about 40 pages, about 100 MB of WeasyPrint boxes
CHART_ROWS = 8  # a chart takes about as much of a page as this many rows


def paragraphs(text: str) -> tuple[str, ...]:
    """A block's text → its paragraphs (separated by blank lines), each on one line."""
    return tuple(" ".join(line.strip() for line in part.splitlines()).strip()
                 for part in text.split("\n\n") if part.strip())


def _grid(key: str, headers: list[str], rows: list[list[Cell]], relative: tuple[int, ...], page: Page) -> Grid:
    cells = [Cell(text, 0, col, kind="header") for col, text in enumerate(headers)]
    for row, values in enumerate(rows, start=1):
        cells += [replace(cell, row=row) for cell in values]
    return Grid(key, widths(tuple(Decimal(w) for w in relative), page), len(rows) + 1, tuple(cells), header_rows=1)


def _number(value: Decimal | None, col: int, number_format: str, percent: bool = False) -> Cell:
    if value is None:
        return Cell(NOT_SHOWN, 0, col)
    return percent_cell(value, 0, col) if percent else number_cell(value, 0, col, number_format)


def department_report(summary: Summary, profile: Profile, tables: tuple[TableLayout, ...]) -> ReportLayout:
    """The narrative report of one department's year, with its tables appended."""
    department = summary.department_name
    low = [{"name": p.scored.evaluation.project, "rate": p.rate_text} for p in summary.low_execution if p.budgeted]
    context: dict[str, Any] = {
        "year": summary.year, "department": department, "count": len(summary.projects),
        "unit": summary.unit, "initial": amount_text(summary.initial),
        "adjusted": amount_text(summary.adjusted), "executed": amount_text(summary.executed),
        "rate": rate_text(summary.execution_rate), "has_rate": summary.execution_rate is not None,
        "average": format_decimal(summary.average_total, SCORE_FORMAT), "grades": summary.grades,
        "graded": len(summary.graded), "unfinished": [p.scored.evaluation.project for p in summary.unfinished],
        "threshold": format_decimal(summary.low_execution_percent, "General"), "low": low,
        "no_budget": [p.scored.evaluation.project for p in summary.no_budget],
        "shortfalls": len(summary.shortfalls), "errors": summary.count(Severity.ERROR),
        "warnings": summary.count(Severity.WARNING), "infos": summary.count(Severity.INFO),
        "flagged": [p.scored.evaluation.project for p in summary.projects_with_findings],
        "tables": [table.project for table in tables],
        "page": PAGE_TOKEN, "pages": PAGES_TOKEN,
    }
    text = render_blocks(profile.jinja, "report.j2", context)
    page, fonts, design = page_of(profile.settings, "", text["footer"]), fonts_of(profile.settings), design_of(profile.settings)
    chart_font = profile.settings.font_pdf[0]
    charts = (execution_chart(summary, ChartWords(text["execution_chart"], text["execution_chart_axis"],
                                                  text["no_rate"]), chart_font),
              grade_chart(summary, ChartWords(text["grade_chart"], text["grade_chart_axis"],
                                              count_unit=text["grade_chart_unit"]), chart_font))
    sections = (
        Section(text["overview_heading"], paragraphs(text["overview"]), charts=charts),
        Section(text["execution_heading"], paragraphs(text["execution"]), _execution_grid(summary, text, page)),
        Section(text["shortfall_heading"], paragraphs(text["shortfall"]), _shortfall_grid(summary, text, page)),
        Section(text["audit_heading"], paragraphs(text["audit"]), _audit_grid(summary, text, page)),
    )
    tags = {"agency": profile.settings.agency or department, "project": "", "year": str(summary.year),
            "department": department, "unit": summary.unit, "title": text["title"]}
    return paged(ReportLayout(text["title"], sections, page, fonts, text["appendix_heading"], tables, tags,
                              paragraphs(text["appendix"]), _title_lines(text["title"], page, fonts), design=design))


def _title_lines(title: str, page: Page, fonts: Fonts) -> tuple[str, ...]:
    return title_lines(title, page.content_width_mm, fonts.pdf[0], fonts.title_pt)


def _execution_grid(summary: Summary, text: dict[str, str], page: Page) -> Grid | None:
    if not summary.low_execution:
        return None
    rows = [[Cell(p.scored.evaluation.project, 0, 0, kind="text"), _number(p.amount("全年预算数"), 1, MONEY),
             _number(p.amount("全年执行数"), 2, MONEY),
             percent_cell(p.rate, 0, 3, p.scored.rules.rate_places) if p.budgeted and p.rate is not None
             else Cell(text["no_rate"], 0, 3, kind="text")]
            for p in summary.low_execution]
    return _grid("execution", text["execution_columns"].split("|"), rows, (5, 2, 2, 2), page)


def _shortfall_grid(summary: Summary, text: dict[str, str], page: Page) -> Grid | None:
    if not summary.shortfalls:
        return None
    rows = [[Cell(p.scored.evaluation.project, 0, 0, kind="text"), Cell(item.indicator.name, 0, 1, kind="text"),
             Cell(item.indicator.target, 0, 2), Cell(item.indicator.actual, 0, 3),
             _number(item.indicator.weight, 4, SCORE_FORMAT), _number(p.printed_score(item), 5, SCORE_FORMAT),
             Cell(item.indicator.reason or "（未说明）", 0, 6, kind="text")]
            for p, item in summary.shortfalls]
    return _grid("shortfalls", text["shortfall_columns"].split("|"), rows, (4, 4, 3, 3, 2, 2, 6), page)


def _count_cell(value: int, col: int) -> Cell:
    """A count (projects, findings) as a number cell: 0 decimals in every format."""
    return Cell(str(value), 0, col, kind="number", value=Decimal(value), number_format="0")


def _audit_grid(summary: Summary, text: dict[str, str], page: Page) -> Grid | None:
    flagged = summary.projects_with_findings
    if not flagged:
        return None
    rows = [[Cell(p.scored.evaluation.project, 0, 0, kind="text"),
             *(_count_cell(p.count(s), col) for col, s in enumerate(Severity, start=1))] for p in flagged]
    return _grid("audit", text["audit_columns"].split("|"), rows, (8, 2, 2, 2), page)


def audit_report(lines: list[ProjectLine], year: int, profile: Profile,
                 unreadable: tuple[Checked, ...] = ()) -> ReportLayout:
    """审核意见 for a reviewer at the 财政局: first how many findings each department has, by severity;
    then, by department and project, each finding with its title, where it is in the table (the
    table, not the YAML), the published and the right value side by side, and the code and file:line
    in a small last column for whoever corrects the YAML; then the files that could not be read."""
    year_lines = [p for p in lines if p.checked.scored is not None and p.scored.evaluation.year == year]
    counts = {s: sum(p.count(s) for p in year_lines) for s in Severity}
    groups = summarize(year_lines)
    base = {"year": year, "count": len(year_lines), "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO],
            "flagged": sum(1 for p in year_lines if p.findings), "departments": len(groups),
            "page": PAGE_TOKEN, "pages": PAGES_TOKEN, "unreadable": len(unreadable)}
    text = render_blocks(profile.jinja, "audit.j2", {**base, "department": "", "projects": 0})
    # findings read best across the page
    page, fonts = page_of(profile.settings, "", text["footer"], landscape=True), fonts_of(profile.settings)
    design = design_of(profile.settings)
    sections = [Section(text["summary_heading"], paragraphs(text["overview"]), _audit_summary(groups, text, page))]
    for group in groups:
        with_findings = [p for p in group.projects if p.findings]
        name = group.department_name
        words = render_blocks(profile.jinja, "audit.j2", {**base, "department": name, "projects": len(with_findings)})
        grid = _findings_grid(with_findings, text, page, fonts, design) if with_findings else None
        body = paragraphs(words["department"]) if with_findings else (text["none"],)
        sections.append(Section(name, body, grid))
    if unreadable:
        rows = [[Cell(checked.source, 0, 0, kind="text"),
                 Cell("\n".join(f"{p.where}: {p.message}" for p in checked.error.problems) if checked.error else "",
                      0, 1, kind="text")] for checked in unreadable]
        sections.append(Section(text["unreadable_heading"], paragraphs(text["unreadable"]),
                                _grid("unreadable", text["unreadable_columns"].split("|"), rows, (4, 10), page)))
    tags = {"agency": profile.settings.agency, "project": "", "year": str(year), "department": "", "unit": "",
            "title": text["title"]}
    return paged(ReportLayout(text["title"], tuple(sections), page, fonts, tags=tags,
                              title_lines=_title_lines(text["title"], page, fonts), design=design))


def paged(report: ReportLayout) -> ReportLayout:
    """The report in the lines and pages both PDF engines print (``lines``, ``paging``)."""
    printed = printed_report(report)
    return replace(printed, pages=paginate_report(printed))


def _audit_summary(groups: list[Summary], text: dict[str, str], page: Page) -> Grid:
    """One row per department (projects, projects with findings, findings by severity), then 合计."""
    def row(name: str, projects: list[ProjectLine], kind: str = "text") -> list[Cell]:
        return [Cell(name, 0, 0, kind=kind), _count_cell(len(projects), 1),
                _count_cell(sum(1 for p in projects if p.findings), 2),
                *(_count_cell(sum(p.count(s) for p in projects), col) for col, s in enumerate(Severity, start=3))]

    rows = [row(group.department_name, list(group.projects)) for group in groups]
    rows.append(row(text["summary_total"], [p for group in groups for p in group.projects], kind="total"))
    return _grid("audit-summary", text["summary_columns"].split("|"), rows, (8, 2, 3, 2, 2, 2), page)


NOTE_COLUMN = 7
FINDING_WIDTHS = (3, 1, 3, 3, 8, 2, 2, 3)  # 项目名称 级别 问题 位置 说明 填报值 应为 代码与行号


def _findings_grid(projects: list[ProjectLine], text: dict[str, str], page: Page, fonts: Fonts, design: Design
                   ) -> Grid:
    rows: list[list[Cell]] = []
    for project in projects:
        for index, finding in enumerate(project.findings):
            name = [Cell(project.scored.evaluation.project, 0, 0, rowspan=len(project.findings),
                         kind="label")] if index == 0 else []
            source = f"{finding.where.file.rsplit('/', 1)[-1]}:{finding.where.line}"
            rows.append([*name, Cell(finding.severity.value, 0, 1), Cell(finding.title, 0, 2, kind="text"),
                         Cell(finding.place or text["no_place"], 0, 3, kind="text"),
                         Cell(finding.message, 0, 4, kind="text"), Cell(finding.published or "", 0, 5),
                         Cell(finding.expected or "", 0, 6), Cell(f"{finding.code}\n{source}", 0, NOTE_COLUMN, kind="note")])
    grid = _grid("findings", text["columns"].split("|"), rows, FINDING_WIDTHS, page)
    cells = tuple(cell for cell in grid.cells if cell.col != NOTE_COLUMN)
    fitted = list(fitted_widths(tuple(Decimal(w) for w in FINDING_WIDTHS), page, cells, fonts, design))
    note = max((text_width_mm(run, fonts.pdf[0], NOTE_PT) for cell in grid.cells if cell.col == NOTE_COLUMN
                and cell.row for run in unbreakable_runs(cell.text)), default=Decimal(0)) + Decimal(4)
    if note > fitted[NOTE_COLUMN]:  # the code is never broken: the room comes from the 说明 column
        fitted[4] -= note - fitted[NOTE_COLUMN]
        fitted[NOTE_COLUMN] = note
    return replace(grid, widths_mm=tuple(w.quantize(Decimal("0.1")) for w in fitted))


def report_parts(report: ReportLayout, part_rows: int) -> Iterator[ReportLayout]:
    """The report in parts of about ``part_rows`` table rows, cut between its pages (each part a run of
    whole pages, so the parts together are the report's pages); a report without pages is one part."""
    if not report.pages:
        yield report
        return
    parts: list[list[tuple[PageBlock, ...]]] = [[]]
    rows = 0
    for page in report.pages:
        size = sum((block.grid.rows if block.grid is not None else len(block.lines) or CHART_ROWS) for block in page)
        if parts[-1] and rows + size > part_rows:
            parts.append([])
            rows = 0
        parts[-1].append(page)
        rows += size
    for index, pages in enumerate(parts):
        yield replace(report, pages=tuple(pages), title=report.title if index == 0 else "",
                      appendix_heading=report.appendix_heading if index == len(parts) - 1 else "")
