"""Evaluation → ``ScoredEvaluation``: execution rate and score, every indicator's rule and published score,
totals and grade. Everything a document or report shows is computed here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from docgen.inputs.records import Evaluation, FundingRow, Indicator
from docgen.scoring.rounding import HUNDRED, q2
from docgen.scoring.rules import Kind, RuleScore, score_indicator
from docgen.scoring.variants import COMPUTED, DECLARED, NATIONAL, Rules

GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
UNFINISHED = "未完成"  # the grade of a form with required values still blank: it is not graded
MAX_TOTAL = HUNDRED  # no total is ever more than 100, whatever the weights or the declared scores


@dataclass(frozen=True)
class ScoredIndicator:
    """An indicator with what the rules give and what gets published (declared, or the rule's)."""

    indicator: Indicator
    rule: RuleScore

    @property
    def published(self) -> Decimal:
        """The declared score, never above the weight (a declared 25 of 20 publishes 20, with its finding);
        the rule's score where none was declared."""
        declared = self.indicator.declared_score
        return self.rule.score if declared is None else min(declared, self.indicator.weight)


@dataclass(frozen=True)
class ScoredRow:
    """A funding row with its execution rate (percent, 2 places), None where the budget is blank or 0."""

    row: FundingRow
    rate: Decimal | None


@dataclass(frozen=True)
class ScoredEvaluation:
    """One evaluation with every number the form publishes."""

    evaluation: Evaluation
    rows: tuple[ScoredRow, ...]
    execution_rate: Decimal | None
    execution_score: Decimal
    execution_rate_range: tuple[Decimal, Decimal] | None
    indicators: tuple[ScoredIndicator, ...]
    rules: Rules = NATIONAL
    printing: str = DECLARED  # the policy of the profile the file is published with: which figures it prints

    @property
    def unfinished(self) -> bool:
        """Required values are still blank: the form gets no 评分等级 anywhere (``UNFINISHED``)."""
        return bool(self.evaluation.unfilled)

    @cached_property
    def shown(self) -> Printed:
        """The figures this project is published with — in its table, 汇总, reports, dashboard and API alike."""
        return self.printed(self.printing)

    @cached_property
    def by_rule(self) -> Printed:
        """docgen's own figures (the ``computed`` policy): shown beside ``shown`` to a reviewer where they differ."""
        return self.printed(COMPUTED)

    @property
    def execution_weight(self) -> Decimal:
        return self.evaluation.total.weight

    @property
    def weight_total(self) -> Decimal:
        return self.execution_weight + sum((s.indicator.weight for s in self.indicators), Decimal(0))

    @property
    def total(self) -> Decimal:
        """总分 as published: the execution score plus every published indicator score (capped where the
        profile's rules cap it by execution rate)."""
        return self.capped(self.uncapped_total)

    def capped(self, total: Decimal) -> Decimal:
        """A total as it may stand: at most the profile's cap for the execution rate, and never above 100."""
        cap = self.cap
        return min(total, MAX_TOTAL) if cap is None else min(total, cap, MAX_TOTAL)

    @property
    def uncapped_total(self) -> Decimal:
        return q2(self.execution_score + sum((s.published for s in self.indicators), Decimal(0)))

    @property
    def cap(self) -> Decimal | None:
        """The most the total may be under the profile's rules, when that binds; else None."""
        return self.rules.cap_for(self.execution_rate)

    @property
    def rule_total(self) -> Decimal:
        """总分 if every indicator were scored by the rules alone."""
        return self.capped(q2(self.execution_score + sum((s.rule.score for s in self.indicators), Decimal(0))))

    @property
    def grade(self) -> str:
        return UNFINISHED if self.unfinished else grade_of(self.total)

    def honest_rate(self, declared: Decimal) -> bool:
        """Whether a declared 执行率 is the amounts' rate under a legitimate rounding: 四舍五入 or 截断 at the
        profile's places or at the places it was written with, or from amounts rounded where they were written."""
        exact = self.exact_rate
        if exact is None:
            return False
        if declared in self.rules.honest_rates(exact, places_of(declared)):
            return True
        band = self.execution_rate_range
        return band is not None and band[0] <= declared <= band[1]

    def honest_execution_score(self, declared: Decimal) -> bool:
        """Whether a declared 执行得分 follows from the amounts under a legitimate order of rounding: the rate
        rounded first (either way, at the profile's places or two) or not rounded at all, then × 分值 四舍五入;
        or from amounts rounded where they were written."""
        exact = self.exact_rate
        if exact is None:
            return False
        weight = self.execution_weight
        rates = {exact, *self.rules.honest_rates(exact)}
        if declared in {execution_score(rate, weight) for rate in rates}:
            return True
        if self.execution_rate_range is None:
            return False
        low, high = (execution_score(rate, weight) for rate in self.execution_rate_range)
        return low <= declared <= high

    @property
    def exact_rate(self) -> Decimal | None:
        """全年执行数 ÷ 全年预算数 in percent, not rounded; None when the budget is blank or 0."""
        total = self.evaluation.total
        if total.adjusted is None or total.adjusted == 0:
            return None
        return (total.executed or Decimal(0)) / total.adjusted * HUNDRED

    def printed(self, policy: str = "declared") -> Printed:
        """The figures the table prints. ``declared``: what the author declared (执行率, 得分, 总分,
        评分等级, indicator 得分), docgen's own figure where nothing was declared; ``computed``: docgen's
        figures throughout (an indicator's declared score stays where the rules cannot score it: a
        qualitative judgement, or units that do not convert)."""
        ev = self.evaluation
        if policy == DECLARED:
            scores = tuple(item.published for item in self.indicators)
            declared_score = ev.total.declared_score
            total = self.total if ev.declared_total is None else self.capped(ev.declared_total)
            grade = ev.declared_grade if total == ev.declared_total else None  # a capped total is graded anew
            declared = {name for name, value in (("rate", ev.total.declared_rate), ("execution_score",
                        declared_score), ("total", ev.declared_total)) if value is not None}
            return Printed(
                rate=ev.total.declared_rate if ev.total.declared_rate is not None else self.execution_rate,
                execution_score=self.execution_score if declared_score is None else min(declared_score,
                                                                                        self.execution_weight),
                indicator_scores=scores, total=total,
                grade=UNFINISHED if self.unfinished else grade or grade_of(total),
                declared=frozenset(declared | {str(i) for i, item in enumerate(self.indicators)
                                               if item.indicator.declared_score is not None}))
        kept = [item.rule.kind is Kind.QUALITATIVE or bool(item.rule.unscorable) for item in self.indicators]
        scores = tuple(item.published if keep else item.rule.score for item, keep in zip(self.indicators, kept, strict=True))
        total = self.capped(q2(self.execution_score + sum(scores, Decimal(0))))
        return Printed(self.execution_rate, self.execution_score, scores, total,
                       UNFINISHED if self.unfinished else grade_of(total),
                       frozenset(str(i) for i, (item, keep) in enumerate(zip(self.indicators, kept, strict=True))
                                 if keep and item.indicator.declared_score is not None))


@dataclass(frozen=True)
class Printed:
    """The figures one table prints, by the profile's printing policy (see ``ScoredEvaluation.printed``)."""

    rate: Decimal | None
    execution_score: Decimal
    indicator_scores: tuple[Decimal, ...]
    total: Decimal
    grade: str
    declared: frozenset[str] = frozenset()  # which were the author's: rate, execution_score, total, indicator index

    def written(self, name: str | int) -> bool:
        return str(name) in self.declared


def places_of(value: Decimal) -> int:
    """The decimal places a number was written with: ``85.0`` → 1, ``85`` → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def grade_of(total: Decimal) -> str:
    """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (the boundary belongs to the higher band)."""
    return next(name for floor, name in GRADE_BANDS if total >= floor)


def execution_score(rate: Decimal | None, weight: Decimal) -> Decimal:
    """min(执行率, 100%) × 分值, from the rate as published (so a reader can redo it from the table)."""
    if rate is None:
        return Decimal(0)
    return q2(min(rate, HUNDRED) / HUNDRED * weight)


def score(evaluation: Evaluation, rules: Rules = NATIONAL, printing: str = DECLARED) -> ScoredEvaluation:
    """Score one evaluation by the rules of 财预〔2020〕10号, with the agency's variants of them."""
    total = evaluation.total
    # the rates as the agency rounds them: the project's, the range its written amounts allow, each row's
    rate, rate_range = rules.execution_rate(total.executed, total.adjusted), rules.rate_range(total.executed, total.adjusted)
    rows = tuple(ScoredRow(row, rules.execution_rate(row.executed, row.adjusted)) for row in evaluation.funding_rows)
    return ScoredEvaluation(
        evaluation=evaluation,
        rows=rows,
        execution_rate=rate,
        execution_score=execution_score(rate, total.weight),
        execution_rate_range=rate_range,
        indicators=tuple(ScoredIndicator(ind, score_indicator(ind, evaluation.year, rules))
                         for ind in evaluation.indicators),
        rules=rules,
        printing=printing,
    )
