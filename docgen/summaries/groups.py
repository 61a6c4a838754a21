"""Checked evaluations → per-year, per-department summaries: every figure a report or the summary
workbook shows, computed once, from the same scored evaluations the tables are painted from.

Amounts are brought to one unit (万元) exactly — ``Decimal`` division by 10,000, never rounded
before summing — so a department's totals are exact sums whatever unit each file was written in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from docgen.audit.checked import Checked
from docgen.audit.findings import Finding, Severity
from docgen.inputs.records import GRADES
from docgen.printed import in_unit, rate_text
from docgen.scoring.rounding import q2
from docgen.scoring.score import UNFINISHED, Printed, ScoredEvaluation, ScoredIndicator
from docgen.scoring.variants import NATIONAL

REPORT_UNIT = "万元"
LOW_EXECUTION_PERCENT = Decimal(90)


@dataclass(frozen=True)
class ProjectLine:
    """One project as the summaries show it: amounts in 万元, its figures, findings and documents."""

    checked: Checked
    documents: tuple[str, ...] = ()

    @property
    def scored(self) -> ScoredEvaluation:
        assert self.checked.scored is not None
        return self.checked.scored

    def amount(self, column: str) -> Decimal | None:
        value = self.scored.evaluation.total.amount(column)
        return None if value is None else in_unit(value, self.scored.evaluation.money_unit, REPORT_UNIT)

    @property
    def figures(self) -> Printed:
        """The project's figures as its table prints them (its profile's printing policy): every summary,
        report, chart and listing reads these, so no view shows another figure for the same fact."""
        return self.scored.shown

    @property
    def rate(self) -> Decimal | None:
        return self.figures.rate

    @property
    def budgeted(self) -> bool:
        """Whether the 全年预算数 gives a rate at all (not 0 nor blank): one without has no rate to chart."""
        return self.scored.execution_rate is not None

    @property
    def rate_text(self) -> str:
        """The rate as the project's table prints it, at its profile's places (``87.4%``)."""
        return rate_text(self.rate, self.scored.rules.rate_places)

    @property
    def finished(self) -> bool:
        return not self.scored.unfinished

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.checked.findings

    def count(self, severity: Severity) -> int:
        return self.checked.count(severity)

    @property
    def shortfalls(self) -> tuple[ScoredIndicator, ...]:
        """Indicators that missed their target or were scored below their weight, with their printed score."""
        return tuple(item for item, printed in zip(self.scored.indicators, self.figures.indicator_scores, strict=True)
                     if not item.rule.met or printed < item.indicator.weight)

    def printed_score(self, item: ScoredIndicator) -> Decimal:
        """An indicator's score as the project's table prints it."""
        return self.figures.indicator_scores[self.scored.indicators.index(item)]


@dataclass(frozen=True)
class Summary:
    """A group of projects (one department, or a whole year) and its figures."""

    year: int
    department: str
    projects: tuple[ProjectLine, ...]
    low_execution_percent: Decimal = LOW_EXECUTION_PERCENT
    unit: str = field(default=REPORT_UNIT)

    @property
    def department_name(self) -> str:
        """The department as prose names it (``display_department``)."""
        return display_department(self.department)

    def total(self, column: str) -> Decimal:
        """Exact sum of an amount column over the projects (blank amounts count as 0)."""
        return sum((p.amount(column) or Decimal(0) for p in self.projects), Decimal(0))

    @property
    def initial(self) -> Decimal:
        return self.total("年初预算数")

    @property
    def adjusted(self) -> Decimal:
        return self.total("全年预算数")

    @property
    def executed(self) -> Decimal:
        return self.total("全年执行数")

    @property
    def execution_rate(self) -> Decimal | None:
        """Σ 全年执行数 ÷ Σ 全年预算数, in percent, half up; None when nothing was budgeted."""
        return NATIONAL.execution_rate(self.executed, self.adjusted)

    @property
    def graded(self) -> tuple[ProjectLine, ...]:
        """The projects whose forms are complete: an unfinished one (``UNFINISHED``) is neither graded nor
        averaged, and is counted apart (``unfinished``)."""
        return tuple(p for p in self.projects if p.finished)

    @property
    def unfinished(self) -> tuple[ProjectLine, ...]:
        return tuple(p for p in self.projects if not p.finished)

    @property
    def average_total(self) -> Decimal:
        """The mean of the 总分 the projects' tables print (complete forms only)."""
        graded = self.graded
        if not graded:
            return Decimal(0)
        return q2(sum((p.figures.total for p in graded), Decimal(0)) / len(graded))

    @property
    def grades(self) -> dict[str, int]:
        """How many projects each 评分等级 (as their tables print it); ``未完成`` too when any form is unfinished."""
        counted = Counter(p.figures.grade for p in self.projects)
        grades = {grade: counted.get(grade, 0) for grade in GRADES}
        return {**grades, UNFINISHED: counted[UNFINISHED]} if counted.get(UNFINISHED) else grades

    @property
    def low_execution(self) -> tuple[ProjectLine, ...]:
        """Projects whose execution rate is below the threshold (or cannot be computed), lowest first:
        those without a budget (``no_budget``) first."""
        low = [p for p in self.projects if not p.budgeted or (p.rate is not None and p.rate < self.low_execution_percent)]
        return tuple(sorted(low, key=lambda p: (p.budgeted, p.rate or 0)))

    @property
    def no_budget(self) -> tuple[ProjectLine, ...]:
        """Projects whose 全年预算数 is 0 or blank (a budget cut to nothing): no execution rate."""
        return tuple(p for p in self.low_execution if not p.budgeted)

    @property
    def shortfalls(self) -> tuple[tuple[ProjectLine, ScoredIndicator], ...]:
        return tuple((project, item) for project in self.projects for item in project.shortfalls)

    def count(self, severity: Severity) -> int:
        return sum(p.count(severity) for p in self.projects)

    @property
    def projects_with_findings(self) -> tuple[ProjectLine, ...]:
        """Projects with any finding (错误, 警告 or 提示), most errors first, then warnings, then notes."""
        flagged = [p for p in self.projects if p.findings]
        return tuple(sorted(flagged, key=lambda p: tuple(-p.count(s) for s in Severity)))


_CONSOLIDATED = re.compile(r"\s*[（(]\s*汇总\s*[）)]\s*$")


def display_department(name: str) -> str:
    """A 主管部门 as prose names it: without the “(汇总)” some tables print after the department
    (it marks the table's figures as consolidated, not part of the name)."""
    return _CONSOLIDATED.sub("", name) or name


def summarize(lines: list[ProjectLine]) -> list[Summary]:
    """One summary per (year, 主管部门), in a stable order; unreadable files are left out."""
    groups: dict[tuple[int, str], list[ProjectLine]] = defaultdict(list)
    for line in lines:
        if line.checked.scored is not None:
            evaluation = line.checked.scored.evaluation
            groups[(evaluation.year, evaluation.department)].append(line)
    return [Summary(year, department, tuple(sorted(projects, key=lambda p: p.checked.source)))
            for (year, department), projects in sorted(groups.items())]


def by_year(lines: list[ProjectLine]) -> dict[int, Summary]:
    """One summary per year over every department (for the batch summary workbook)."""
    groups: dict[int, list[ProjectLine]] = defaultdict(list)
    for line in lines:
        if line.checked.scored is not None:
            groups[line.checked.scored.evaluation.year].append(line)
    return {year: Summary(year, "", tuple(sorted(projects, key=lambda p: p.checked.source)))
            for year, projects in sorted(groups.items())}
