"""The reviewer's checks of the year's other forms (forms.md): the 申报表's targets, schedule and funds; the
监控表's execution against time progress and its targets at risk; the 自评表's targets against the approved ones.

Each check reads the evaluation (and the profile's ``Rules``) only; figures are Decimal, rounded half-up.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from docgen.audit.findings import Finding, Severity
from docgen.inputs import keys as K
from docgen.inputs.records import (
    ADJUSTED,
    FORECAST,
    INITIAL,
    PERIOD,
    SOURCE_ROWS,
    TO_DATE,
    TOTAL_ROW,
    Evaluation,
    FundingRow,
    Indicator,
)
from docgen.printed import amount_text
from docgen.scoring.measures import EQ, GE, GT, LE, LT, comparable, parse_measure
from docgen.scoring.rounding import HUNDRED, q2
from docgen.scoring.variants import Rules

# Words that make a target a wish rather than a standard, when it has no figure (提高, 较好 …).
VAGUE_WORDS = ("提高", "提升", "改善", "加强", "增强", "较好", "良好", "明显", "显著", "进一步", "逐步", "大幅",
               "有所", "一定", "积极", "不断", "稳步", "持续", "尽量", "力争", "优化", "促进", "推动", "更好", "较高",
               "较大", "好转")


# -- 申报 -----------------------------------------------------------------------------------------


def check_declaration(ev: Evaluation, rules: Rules) -> Iterator[Finding]:
    """What a finance bureau checks in a 申报表: measurable targets, the required categories, the year's
    targets against the period's, the funds by source, the schedule inside the project period."""
    yield from _vague_targets(ev)
    yield from _categories(ev, rules)
    yield from _period_targets(ev)
    yield from funding_sums(ev, (INITIAL, PERIOD))
    yield from _schedule(ev)


def vague(indicator: Indicator) -> bool:
    """A target with no figure whose words are a wish (提高, 较好), unless the indicator defines its standard
    (备注, or a 其他栏目 whose label names a 标准)."""
    target = indicator.target
    if re.search(r"\d", target) or indicator.remark or any("标准" in label for label in indicator.fields):
        return False
    return any(word in target for word in VAGUE_WORDS)


def _vague_targets(ev: Evaluation) -> Iterator[Finding]:
    for indicator in ev.indicators:
        if vague(indicator):
            yield Finding("TARGET_VAGUE", indicator.at(K.TARGET),
                          f"“{indicator.name}”的年度指标值“{indicator.target}”没有可衡量的数值或标准：请写出数值"
                          f"（如 ≥95%、≥500人），或写明定性标准（如 达到《…》标准），也可在 备注 中说明评价标准。",
                          indicator.name, published=indicator.target)


def _categories(ev: Evaluation, rules: Rules) -> Iterator[Finding]:
    written = {indicator.level1 for indicator in ev.indicators}
    for category in rules.required_categories:
        if category not in written:
            yield Finding("CATEGORY_MISSING", ev.at(K.INDICATORS),
                          f"绩效指标中没有“{category}”：本模板要求申报表包含 {'、'.join(rules.required_categories)}，"
                          f"请在 绩效指标 下添加 {category}: {{…: [...]}}。", category, expected=category)


def _period_targets(ev: Evaluation) -> Iterator[Finding]:
    """A year's quantity above the whole period's (≥500人 in a year of a ≥1500人 period is fine; ≥2000人 is
    not); rates (%) and limits (≤) are not summed over years, so not compared."""
    for indicator in ev.indicators:
        if not indicator.period_target:
            continue
        year, period = parse_measure(indicator.target), parse_measure(indicator.period_target)
        both = comparable(period, year)
        if both is None or both.units == "different" or "%" in (year.unit, period.unit) or \
                year.op in (LE, LT) or period.op in (LE, LT):
            continue
        if both.actual > both.target:
            yield Finding("PERIOD_TARGET_MISMATCH", indicator.at(K.PERIOD_TARGET),
                          f"“{indicator.name}”的年度指标值 {indicator.target} 高于整个项目期的中期指标值 "
                          f"{indicator.period_target}：请核对二者（年度目标应是中期目标的一部分）。", indicator.name,
                          published=indicator.target, expected=f"≤ {indicator.period_target}")


@dataclass(frozen=True)
class Day:
    """A date as a schedule or project period writes it: ``2025年3月`` is March (its first or last day)."""

    year: int
    month: int | None
    day: int | None

    def first(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


_DAY = re.compile(r"(?:(\d{4})\s*(?:年|[-./])?\s*)?(?:(\d{1,2})(?!\d)\s*(?:月|[-./])?\s*(?:(\d{1,2})(?!\d)\s*[日号]?)?)?")


def days(text: str, year: int) -> list[Day]:
    """The dates in a text: ``2024年1月-2024年12月`` → two; ``2024-2026年`` → two years; ``3月`` → March of
    ``year``. A text with no date gives none."""
    found = []
    for match in re.finditer(r"\d{4}\s*年?(?:\s*[-./]?\s*\d{1,2}(?!\d)\s*月?(?:\s*[-./]?\s*\d{1,2}(?!\d)\s*[日号]?)?)?"
                             r"|\d{1,2}(?!\d)\s*月(?:\s*\d{1,2}(?!\d)\s*[日号])?", text):
        parts = _DAY.fullmatch(match[0].strip())
        if parts is None:
            continue
        written_year = int(parts[1]) if parts[1] else year
        month = int(parts[2]) if parts[2] else None
        day = int(parts[3]) if parts[3] else None
        if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
            continue
        if month is not None and day is not None and day > calendar.monthrange(written_year, month)[1]:
            continue
        found.append(Day(written_year, month, day))
    return found


def project_period(ev: Evaluation) -> tuple[date, date]:
    """The project period: 项目期 as written (its first and last date), else the year."""
    written = days(ev.declaration.period, ev.year) if ev.declaration and ev.year else []
    if not written:
        return date(ev.year or 2000, 1, 1), date(ev.year or 2000, 12, 31)
    return written[0].first(), written[-1].last()


def _schedule(ev: Evaluation) -> Iterator[Finding]:
    if ev.declaration is None or not ev.year:
        return
    start, end = project_period(ev)
    span = f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"
    for step in ev.declaration.schedule:
        begins = days(step.start, ev.year)
        ends = days(step.end, ev.year)
        for key, text, moment in ((K.STEP_START, step.start, begins[0].first() if begins else None),
                                  (K.STEP_END, step.end, ends[-1].last() if ends else None)):
            if moment is not None and not start <= moment <= end:
                yield Finding("SCHEDULE_OUTSIDE", step.at(key),
                              f"实施进度计划“{step.content}”的{key}“{text}”不在项目期（{span}）内：请核对时间，"
                              f"或在 申报 中写明 项目期。", step.content, published=text, expected=span)
        if begins and ends and begins[0].first() > ends[-1].last():
            yield Finding("SCHEDULE_OUTSIDE", step.at(K.STEP_END),
                          f"实施进度计划“{step.content}”的完成时间“{step.end}”早于开始时间“{step.start}”。",
                          step.content, published=step.end, expected=f"不早于 {step.start}")


def funding_sums(ev: Evaluation, columns: tuple[str, ...]) -> Iterator[Finding]:
    """Each column's 年度资金总额 against the sum of the source rows written (FUNDING_SUM)."""
    for column in columns:
        parts = [row.amount(column) for row in ev.sources]
        if all(part is None for part in parts):
            continue
        whole = ev.total.amount(column) or Decimal(0)
        summed = sum((part or Decimal(0) for part in parts), Decimal(0))
        if whole != summed:
            national = all(row.name in SOURCE_ROWS for row in ev.sources)  # else name only the rows written
            terms = " + ".join(f"{row.name} {amount_text(part)}" for row, part in zip(ev.sources, parts, strict=True)
                               if part is not None or (national and row.name in SOURCE_ROWS))
            yield Finding("FUNDING_SUM", ev.total.at(column),
                          f"{TOTAL_ROW}的{_label(ev, column)}为 {amount_text(whole)}，但 {terms} = "
                          f"{amount_text(summed)}（{ev.money_unit}）。",
                          subject=column, published=amount_text(whole), expected=amount_text(summed))


# -- 监控 -----------------------------------------------------------------------------------------


def month_of(ev: Evaluation) -> int:
    return ev.monitoring.month if ev.monitoring else 7


def budget_of(row: FundingRow) -> Decimal | None:
    """The budget a 监控表 measures execution against: 全年预算数 where written (adjusted), else 年初预算数."""
    return row.adjusted if row.adjusted is not None else row.initial


def to_date_rate(row: FundingRow) -> Decimal | None:
    """1-N月执行率 in percent (2 places, half-up); None without a budget or an amount executed."""
    budget = budget_of(row)
    if row.to_date is None or not budget:
        return None
    return q2(row.to_date / budget * HUNDRED)


def time_progress(month: int) -> Decimal:
    """The share of the year gone by the end of month N, in percent: 7 → 58.33."""
    return q2(Decimal(month) / Decimal(12) * HUNDRED)


def progress_status(ev: Evaluation, rules: Rules) -> str:
    """正常, 关注 or 预警: execution against time progress (the profile's points), and any target 完全不可能
    (预警) or 有可能 (关注)."""
    rate, progress = to_date_rate(ev.total), time_progress(month_of(ev))
    behind = progress - rate if rate is not None else Decimal(0)
    likelihoods = {i.monitored.likelihood for i in ev.indicators if i.monitored is not None}
    if behind > rules.alert_points or "完全不可能" in likelihoods:
        return "预警"
    if behind > rules.attention_points or "有可能" in likelihoods:
        return "关注"
    return "正常"


def check_monitoring(ev: Evaluation, rules: Rules) -> Iterator[Finding]:
    """What a 监控表's reviewer checks: execution against time progress, forecasts above the budget, targets
    at risk without a cause and a measure, a 1-N月 value already beyond the year's target."""
    month = month_of(ev)
    total = ev.total
    if total.to_date is None:
        yield Finding("MONITOR_MISSING", total.where,
                      f"监控表还没有填写 年度资金总额 的 1-{month}月执行数：请写 1-{month}月执行数: 118.60。",
                      TOTAL_ROW, expected=f"1-{month}月执行数")
    yield from _progress(ev, rules, month)
    for row in ev.funding_rows:
        budget = budget_of(row)
        if row.forecast is not None and budget is not None and row.forecast > budget:
            yield Finding("FORECAST_OVER_BUDGET", row.at(FORECAST),
                          f"{row.name}的全年预计执行数 {amount_text(row.forecast)} 超过预算 {amount_text(budget)}"
                          f"（{ev.money_unit}）：请核对，或说明追加预算的安排。", row.name,
                          published=amount_text(row.forecast), expected=f"≤ {amount_text(budget)}")
    yield from funding_sums(ev, (INITIAL, ADJUSTED, TO_DATE, FORECAST))
    for indicator in ev.indicators:
        yield from _indicator_monitoring(indicator, month)


def _progress(ev: Evaluation, rules: Rules, month: int) -> Iterator[Finding]:
    total = ev.total
    rate, progress = to_date_rate(total), time_progress(month)
    if rate is None:
        return
    declared = total.declared_to_date_rate
    if declared is not None and q2(declared) != rate:
        yield Finding("TO_DATE_RATE_MISMATCH", total.at(K.TO_DATE_RATE),
                      f"1-{month}月执行率填为 {declared}%，按 1-{month}月执行数 {amount_text(total.to_date)} ÷ 预算 "
                      f"{amount_text(budget_of(total))} 应为 {rate}%。", TOTAL_ROW, published=f"{declared}%",
                      expected=f"{rate}%")
    behind = progress - rate
    if behind > rules.attention_points:
        level = "预警" if behind > rules.alert_points else "关注"
        yield Finding("PROGRESS_BEHIND", total.at(TO_DATE),
                      f"1-{month}月预算执行率 {rate}%，低于时间进度 {progress}%（{month}/12）{q2(behind)} 个百分点"
                      f"（{level}）：请分析原因，加快执行。", TOTAL_ROW, published=f"{rate}%", expected=f"≥ {progress}%")


def _indicator_monitoring(indicator: Indicator, month: int) -> Iterator[Finding]:
    watched = indicator.monitored
    if watched is None or not (watched.to_date or watched.likelihood):
        yield Finding("MONITOR_MISSING", indicator.at(K.MONITORING),
                      f"“{indicator.name}”还没有填写监控情况：请写 监控: {{1-{month}月执行情况: …, 全年预计完成情况: …, "
                      f"完成目标可能性: 确定能}}。", indicator.name)
        return
    if watched.likelihood in ("有可能", "完全不可能"):
        missing = [label for label, text in ((K.CAUSE, watched.cause), (K.MEASURE, watched.measure)) if not text]
        if missing:
            yield Finding("AT_RISK_NO_MEASURE", watched.at(K.LIKELIHOOD),
                          f"“{indicator.name}”完成目标可能性为“{watched.likelihood}”，但没有写{'和'.join(missing)}："
                          f"请写明偏差原因（经费保障、制度保障、人员保障、硬件条件保障或其他）和纠偏措施。",
                          indicator.name, published=watched.likelihood)
    target, done = parse_measure(indicator.target), parse_measure(watched.to_date)
    both = comparable(target, done)
    # counts add up over the year (人次, 次, 万元); a rate (95%) at mid-year says nothing of the year's
    if both is None or both.units == "different" or "%" in target.unit or "‰" in target.unit \
            or both.actual <= (both.upper or both.target):
        return
    if target.op in (LE, LT):
        note = "已超过全年的上限：全年指标已无法完成，请写明原因和措施"
    elif target.op in (GE, GT, EQ, ""):
        note = "已超过全年指标值：请核对，指标值是否设定过低"
    else:
        return
    yield Finding("TO_DATE_BEYOND_TARGET", watched.at(K.TO_DATE_DONE),
                  f"“{indicator.name}”1-{month}月执行情况 {watched.to_date} {note}（年度指标值 {indicator.target}）。",
                  indicator.name, published=watched.to_date, expected=indicator.target)


# -- 自评 against the 批复 --------------------------------------------------------------------------


def same_target(one: str, other: str) -> bool:
    """Two ways of writing one target (``=100(%)`` and ``=100%``, ``>=90%`` and ``≥90.00%``)."""
    a, b = parse_measure(one), parse_measure(other)
    if a.quantitative and b.quantitative:
        return (a.op or EQ, a.value, a.upper, a.unit) == (b.op or EQ, b.value, b.upper, b.unit)
    return re.sub(r"\s", "", one) == re.sub(r"\s", "", other)


def check_approved(ev: Evaluation) -> Iterator[Finding]:
    """Each 年度指标值 against the approved one (批复): a change needs a 调整 with its reason; an indicator
    dropped or added is listed."""
    approval = ev.approval
    if approval is None:
        return
    names = {indicator.name for indicator in ev.indicators}
    for indicator in ev.indicators:
        adjusted = indicator.adjustment
        approved = approval.targets.get(indicator.name)
        if approved is None:
            why = f"，调整原因：{adjusted.reason}" if adjusted and adjusted.reason else \
                "：如为经批准的调整，请在该指标下写 调整: {调整原因: …}"
            yield Finding("INDICATOR_ADDED", indicator.where,
                          f"“{indicator.name}”不在批复的绩效指标中（新增的指标）{why}。", indicator.name,
                          level=Severity.INFO if adjusted and adjusted.reason else None)
            continue
        if same_target(approved, indicator.target):
            continue
        if adjusted is None or not adjusted.reason:
            yield Finding("TARGET_CHANGED", indicator.at(K.TARGET),
                          f"“{indicator.name}”的年度指标值为“{indicator.target}”，与批复的“{approved}”不同，且没有写明调整："
                          f"请改回批复的指标值，或在该指标下写 调整: {{原指标值: \"{approved}\", 调整原因: …}}。",
                          indicator.name, published=indicator.target, expected=approved)
        else:
            yield Finding("TARGET_ADJUSTED", adjusted.where,
                          f"“{indicator.name}”的年度指标值由批复的“{approved}”调整为“{indicator.target}”，"
                          f"调整原因：{adjusted.reason}。", indicator.name, published=indicator.target, expected=approved)
    for name, approved in approval.targets.items():
        if name not in names:
            yield Finding("INDICATOR_DROPPED", approval.at(name),
                          f"批复的指标“{name}”（{approved}）不在自评表中：请补上，或说明删去的原因。", name,
                          expected=approved)


def _label(ev: Evaluation, column: str) -> str:
    return f"1-{month_of(ev)}月执行数" if column == TO_DATE else column
