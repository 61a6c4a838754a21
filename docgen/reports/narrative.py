"""Summaries → report layouts: the department's narrative report (绩效自评结果报告) and the year's
audit report (审核意见). Prose comes from the profile's ``report.j2`` / ``audit.j2`` blocks; every
figure comes formatted from the ``Summary`` model; tables are ``Grid``s the table painters know.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docgen.audit.findings import Severity
from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, Cell, Fonts, Grid, Layout, Page
from docgen.layout.numbers import format_decimal
from docgen.profiles.load import Profile
from docgen.profiles.templates import render_blocks
from docgen.reports.charts import Chart, execution_chart, grade_chart
from docgen.reports.summary import ProjectLine, Summary, summarize

MONEY, SCORE = "#,##0.00", "0.00"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    grid: Grid | None = None
    charts: tuple[Chart, ...] = ()


@dataclass(frozen=True)
class ReportLayout:
    """A report: title, sections, and the project tables appended after them."""

    title: str
    sections: tuple[Section, ...]
    page: Page
    fonts: Fonts
    appendix_heading: str = ""
    tables: tuple[Layout, ...] = ()


def money(value: Decimal | None) -> str:
    return "—" if value is None else format_decimal(value, MONEY)


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{format_decimal(value, SCORE)}%"


def paragraphs(text: str) -> tuple[str, ...]:
    """A block's text → its paragraphs (separated by blank lines), each on one line."""
    return tuple(" ".join(line.strip() for line in part.splitlines()).strip()
                 for part in text.split("\n\n") if part.strip())


def _grid(key: str, headers: list[str], rows: list[list[Cell]], widths: tuple[int, ...], page: Page) -> Grid:
    scale = page.content_width_mm / sum(widths)
    cells = [Cell(text, 0, col, kind="header") for col, text in enumerate(headers)]
    for row, values in enumerate(rows, start=1):
        cells += [Cell(c.text, row, c.col, c.rowspan, c.colspan, c.kind, c.value, c.number_format) for c in values]
    return Grid(key, tuple((Decimal(w) * scale).quantize(Decimal("0.1")) for w in widths), len(rows) + 1,
                tuple(cells), header_rows=1)


def _number(value: Decimal | None, col: int, number_format: str, percent: bool = False) -> Cell:
    if value is None:
        return Cell("—", 0, col)
    if percent:
        return Cell(rate(value), 0, col, kind="number", value=value / 100, number_format="0.00%")
    return Cell(format_decimal(value, number_format), 0, col, kind="number", value=value, number_format=number_format)


def _page(profile: Profile, footer: str) -> Page:
    settings = profile.settings
    return Page(settings.page_size, settings.landscape, settings.margins_mm, "", footer)


def _fonts(profile: Profile) -> Fonts:
    s = profile.settings
    return Fonts(s.font_cjk, s.font_latin, s.font_pdf, s.title_pt, s.subtitle_pt, s.body_pt)


def department_report(summary: Summary, profile: Profile, tables: tuple[Layout, ...]) -> ReportLayout:
    """The narrative report of one department's year, with its tables appended."""
    low = [{"name": p.scored.evaluation.project, "rate": rate(p.scored.exec_rate)} for p in summary.low_execution]
    context: dict[str, Any] = {
        "year": summary.year, "department": summary.department, "count": len(summary.projects),
        "unit": summary.unit, "initial": money(summary.initial), "adjusted": money(summary.adjusted),
        "executed": money(summary.executed), "rate": rate(summary.execution_rate),
        "average": format_decimal(summary.average_total, SCORE), "grades": summary.grades,
        "threshold": format_decimal(summary.low_execution_percent, "General"), "low": low,
        "shortfalls": len(summary.shortfalls), "errors": summary.count(Severity.ERROR),
        "warnings": summary.count(Severity.WARNING), "infos": summary.count(Severity.INFO),
        "flagged": [p.scored.evaluation.project for p in summary.projects_with_findings],
        "page": PAGE_TOKEN, "pages": PAGES_TOKEN,
    }
    text = render_blocks(profile.env, "report.j2", context)
    page = _page(profile, text["footer"])
    chart_font = profile.settings.font_pdf[0]
    charts = (execution_chart(summary, text["execution_chart"], chart_font),
              grade_chart(summary, text["grade_chart"], chart_font))
    sections = (
        Section(text["overview_heading"], paragraphs(text["overview"]), charts=charts),
        Section(text["execution_heading"], paragraphs(text["execution"]), _execution_grid(summary, text, page)),
        Section(text["shortfall_heading"], paragraphs(text["shortfall"]), _shortfall_grid(summary, text, page)),
        Section(text["audit_heading"], paragraphs(text["audit"]), _audit_grid(summary, text, page)),
    )
    return ReportLayout(text["title"], sections, page, _fonts(profile), text["appendix_heading"], tables)


def _execution_grid(summary: Summary, text: dict[str, str], page: Page) -> Grid | None:
    if not summary.low_execution:
        return None
    rows = [[Cell(p.scored.evaluation.project, 0, 0, kind="text"), _number(p.amount("全年预算数"), 1, MONEY),
             _number(p.amount("全年执行数"), 2, MONEY), _number(p.scored.exec_rate, 3, SCORE, percent=True)]
            for p in summary.low_execution]
    return _grid("execution", text["execution_columns"].split("|"), rows, (5, 2, 2, 2), page)


def _shortfall_grid(summary: Summary, text: dict[str, str], page: Page) -> Grid | None:
    if not summary.shortfalls:
        return None
    rows = [[Cell(p.scored.evaluation.project, 0, 0, kind="text"), Cell(item.indicator.name, 0, 1, kind="text"),
             Cell(item.indicator.target, 0, 2), Cell(item.indicator.actual, 0, 3),
             _number(item.indicator.weight, 4, SCORE), _number(item.published, 5, SCORE),
             Cell(item.indicator.reason or "（未说明）", 0, 6, kind="text")]
            for p, item in summary.shortfalls]
    return _grid("shortfalls", text["shortfall_columns"].split("|"), rows, (4, 4, 3, 3, 2, 2, 6), page)


def _audit_grid(summary: Summary, text: dict[str, str], page: Page) -> Grid | None:
    flagged = summary.projects_with_findings
    if not flagged:
        return None
    rows = [[Cell(p.scored.evaluation.project, 0, 0, kind="text"),
             *(Cell(str(p.count(s)), 0, col, kind="number", value=Decimal(p.count(s)), number_format="0")
               for col, s in enumerate(Severity, start=1))] for p in flagged]
    return _grid("audit", text["audit_columns"].split("|"), rows, (8, 2, 2, 2), page)


def audit_report(lines: list[ProjectLine], year: int, profile: Profile) -> ReportLayout:
    """Every finding of a year, by department and project, most severe first, published vs right value."""
    year_lines = [p for p in lines if p.checked.scored is not None and p.scored.evaluation.year == year]
    counts = {s: sum(p.count(s) for p in year_lines) for s in Severity}
    base = {"year": year, "count": len(year_lines), "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO],
            "page": PAGE_TOKEN, "pages": PAGES_TOKEN}
    text = render_blocks(profile.env, "audit.j2", {**base, "department": "", "projects": 0})
    portrait = _page(profile, text["footer"])  # a list of findings reads best across the page
    page = Page(portrait.size, True, portrait.margins_mm, "", portrait.footer)
    sections = [Section("", paragraphs(text["overview"]))]
    for group in summarize(year_lines):
        with_findings = [p for p in group.projects if p.findings]
        words = render_blocks(profile.env, "audit.j2", {**base, "department": group.department,
                                                        "projects": len(with_findings)})
        rows: list[list[Cell]] = []
        for project in with_findings:
            for index, finding in enumerate(project.findings):
                name = [Cell(project.scored.evaluation.project, 0, 0, rowspan=len(project.findings),
                             kind="label")] if index == 0 else []
                rows.append([*name, Cell(finding.severity.value, 0, 1), Cell(finding.code, 0, 2),
                             Cell(f"{finding.where.file.rsplit('/', 1)[-1]}:{finding.where.line}", 0, 3),
                             Cell(finding.message, 0, 4, kind="text"), Cell(finding.published or "", 0, 5),
                             Cell(finding.expected or "", 0, 6)])
        grid = _grid("findings", text["columns"].split("|"), rows, (3, 1, 4, 3, 10, 2, 2), page) if rows else None
        body = paragraphs(words["department"]) if rows else (text["none"],)
        sections.append(Section(group.department, body, grid))
    return ReportLayout(text["title"], tuple(sections), page, _fonts(profile))
