"""The reviewer's checks (domain.md, “Things a reviewer checks”): scored evaluation → findings.

Each check reads the scored model only; none recomputes a score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from docgen.audit.findings import Finding, Severity
from docgen.audit.places import table_place
from docgen.audit.stages import check_approved, check_declaration, check_monitoring, funding_sums
from docgen.inputs.keys import LEVELS
from docgen.inputs.records import AMOUNT_COLUMNS, DECLARE, SELF, TOTAL_ROW
from docgen.printed import amount_text, rate_text, score_text
from docgen.scoring.rounding import HUNDRED, q2
from docgen.scoring.rules import Kind, RuleScore, Tier
from docgen.scoring.score import MAX_TOTAL, ScoredEvaluation, ScoredIndicator
from docgen.scoring.variants import DEVIATION, NATIONAL, Rules


def expected_score(item: ScoredIndicator) -> str:
    """What the rules allow: one score, or a qualitative tier's band."""
    rule = item.rule
    if rule.band and rule.tier is not None and rule.tier is not Tier.DESCRIBED:
        return f"{score_text(rule.band[0])}–{score_text(rule.band[1])}"
    return score_text(rule.score)


def audit(scored: ScoredEvaluation, stage: str = SELF) -> list[Finding]:
    """Every finding for one scored evaluation at a stage of its year (the 自评表 unless told), most severe
    first, then by line."""
    ev, rules = scored.evaluation, scored.rules
    if stage == SELF:
        found = [*(finding for check in CHECKS for finding in check(scored)), *check_approved(ev)]
    else:
        own = check_declaration(ev, rules) if stage == DECLARE else check_monitoring(ev, rules)
        found = [*own, *(finding for check in SHARED_CHECKS for finding in check(scored))]
    findings = [replace(finding, place=table_place(finding, ev)) for finding in found]
    return sorted(findings, key=Finding.sort_key)


def check_weights(scored: ScoredEvaluation) -> Iterator[Finding]:
    if scored.weight_total != HUNDRED:
        ev = scored.evaluation
        yield Finding("WEIGHT_SUM", ev.at("绩效指标"),
                      f"分值合计为 {score_text(scored.weight_total)}（预算执行 {score_text(scored.execution_weight)} + 各指标），应为 100.00。",
                      published=score_text(scored.weight_total), expected="100.00")


def check_blanks(scored: ScoredEvaluation) -> Iterator[Finding]:
    """Required values still blank: each one an error at its line; the form is not graded until they are."""
    for blank in scored.evaluation.unfilled:
        yield Finding("BLANK_VALUE", blank.where,
                      f"“{blank.label}”还没有填写：请填写金额，例如 {blank.example}；不适用的写 —。"
                      "填完之前这张表不评定等级（印“未完成”）。", blank.label, expected=blank.example)


def check_totals(scored: ScoredEvaluation) -> Iterator[Finding]:
    ev = scored.evaluation
    declared_exec = ev.total.declared_score
    if ev.declared_total is not None and ev.declared_total > scored.capped(ev.declared_total):
        cap = scored.capped(ev.declared_total)
        why = f"执行率 {rate_text(scored.execution_rate, scored.rules.rate_places)} 按本模板的评分规则" \
            if cap < MAX_TOTAL else ""
        yield Finding("TOTAL_MISMATCH", ev.at("总分"),
                      f"总分填为 {score_text(ev.declared_total)}，{why}总分至多 {score_text(cap)}；表和各出版物按 "
                      f"{score_text(cap)} 计。按预算执行得分 {score_text(scored.execution_score)} 加各指标得分应为 "
                      f"{score_text(scored.total)}。", published=score_text(ev.declared_total),
                      expected=score_text(scored.total))
    elif ev.declared_total is not None and ev.declared_total != scored.total and declared_exec is not None \
            and declared_exec != scored.execution_score and scored.honest_execution_score(declared_exec) \
            and ev.declared_total == q2(declared_exec + scored.total - scored.execution_score):
        yield Finding("ROUNDING_DIFF", ev.at("总分"),
                      f"总分填为 {score_text(ev.declared_total)}，与填报的预算执行得分 {score_text(declared_exec)} 一致；按所填金额"
                      f"计算的执行得分为 {score_text(scored.execution_score)}，总分应为 {score_text(scored.total)}，差异可由取整造成。",
                      published=score_text(ev.declared_total), expected=score_text(scored.total))
    elif ev.declared_total is not None and ev.declared_total != scored.total:
        yield Finding("TOTAL_MISMATCH", ev.at("总分"),
                      f"总分填为 {score_text(ev.declared_total)}，按预算执行得分 {score_text(scored.execution_score)} 加各指标得分应为 "
                      f"{score_text(scored.total)}。", published=score_text(ev.declared_total), expected=score_text(scored.total))
    if scored.cap is not None and scored.uncapped_total > scored.cap:
        yield Finding("TOTAL_CAPPED", ev.at("总分"),
                      f"执行率 {score_text(scored.execution_rate)}%，按本模板的评分规则总分至多 {score_text(scored.cap)}："
                      f"各项得分合计 {score_text(scored.uncapped_total)}，总分按 {score_text(scored.total)} 计。",
                      published=score_text(scored.uncapped_total), expected=score_text(scored.total))
    if ev.declared_grade is not None and not scored.unfinished and ev.declared_grade != scored.grade:
        yield Finding("GRADE_MISMATCH", ev.at("评分等级"),
                      f"评分等级填为“{ev.declared_grade}”，总分 {score_text(scored.total)} 对应的等级应为“{scored.grade}”。",
                      published=ev.declared_grade, expected=scored.grade)


def check_execution(scored: ScoredEvaluation) -> Iterator[Finding]:
    total = scored.evaluation.total
    blank = {b.label for b in scored.evaluation.unfilled}
    if scored.execution_rate is None and f"{TOTAL_ROW}的全年预算数" in blank:
        return  # not filled in yet: BLANK_VALUE says so
    if scored.execution_rate is None:
        yield Finding("ZERO_BUDGET", total.at("全年预算数"),
                      "年度资金总额的全年预算数为 0 或未填，执行率无法计算，预算执行得分按 0 计；"
                      "如预算确已调减为 0，请在偏差原因中说明。", expected="0.00")
        if total.declared_rate is not None and total.declared_rate != 0:
            yield Finding("EXEC_RATE_MISMATCH", total.at("执行率"),
                          f"执行率填为 {score_text(total.declared_rate)}%，但全年预算数为 0 或未填，执行率无法计算：应填 0 或不填。",
                          published=score_text(total.declared_rate, "%"), expected="—")
        if total.declared_score is not None and total.declared_score != 0:
            yield Finding("EXEC_SCORE_MISMATCH", total.at("得分"),
                          f"预算执行得分填为 {score_text(total.declared_score)}，但执行率无法计算（全年预算数为 0 或未填），"
                          "得分应为 0.00。", published=score_text(total.declared_score), expected="0.00")
        return
    places = scored.rules.rate_places
    rule_rate = rate_text(scored.execution_rate, places)
    if total.declared_rate is not None and total.declared_rate != scored.execution_rate:
        division = f"{amount_text(total.executed)} ÷ {amount_text(total.adjusted)} = {rule_rate}"
        if scored.rules.rate_variant:
            division += f"（按本模板的评分规则{scored.rules.rate_variant}）"
        if scored.honest_rate(total.declared_rate):
            yield Finding("ROUNDING_DIFF", total.at("执行率"),
                          f"执行率填为 {score_text(total.declared_rate)}%，按所填金额 {division}；差异可由取整造成"
                          "（四舍五入或截断、取整的位数、金额的取整），不是计算错误。",
                          published=score_text(total.declared_rate, "%"), expected=rule_rate)
        else:
            yield Finding("EXEC_RATE_MISMATCH", total.at("执行率"),
                          f"执行率填为 {score_text(total.declared_rate)}%，应为 {division}。",
                          published=score_text(total.declared_rate, "%"), expected=rule_rate)
    if total.declared_score is not None and total.declared_score != scored.execution_score:
        arithmetic = f"{rule_rate} × {score_text(total.weight)} = {score_text(scored.execution_score)}"
        if total.declared_score > total.weight:
            yield Finding("EXEC_SCORE_MISMATCH", total.at("得分"),
                          f"预算执行得分填为 {score_text(total.declared_score)}，高于其分值 {score_text(total.weight)}：得分至多为分值，"
                          f"表和各出版物按 {score_text(total.weight)} 计；按规则应为 {arithmetic}。",
                          published=score_text(total.declared_score), expected=score_text(scored.execution_score))
        elif scored.honest_execution_score(total.declared_score):
            yield Finding("ROUNDING_DIFF", total.at("得分"),
                          f"预算执行得分填为 {score_text(total.declared_score)}，按所填金额为 {arithmetic}；差异可由取整造成"
                          "（执行率先取整或不取整再乘分值、四舍五入或截断、金额的取整），不是计算错误。",
                          published=score_text(total.declared_score), expected=score_text(scored.execution_score))
        else:
            yield Finding("EXEC_SCORE_MISMATCH", total.at("得分"),
                          f"预算执行得分填为 {score_text(total.declared_score)}，应为 min(执行率, 100%) × 分值 = {arithmetic}。",
                          published=score_text(total.declared_score), expected=score_text(scored.execution_score))


def check_funding(scored: ScoredEvaluation) -> Iterator[Finding]:
    ev = scored.evaluation
    yield from funding_sums(ev, AMOUNT_COLUMNS)
    for row in ev.funding_rows:
        if row.executed is not None and row.adjusted is not None and row.executed > row.adjusted:
            yield Finding("OVER_EXECUTED", row.at("全年执行数"),
                          f"{row.name}的全年执行数 {amount_text(row.executed)} 超过全年预算数 {amount_text(row.adjusted)}。",
                          subject=row.name, published=amount_text(row.executed), expected=f"≤ {amount_text(row.adjusted)}")


def check_indicator_scores(scored: ScoredEvaluation) -> Iterator[Finding]:
    for item in scored.indicators:
        yield from _indicator_score(item, scored.rules)


def _indicator_score(item: ScoredIndicator, rules: Rules) -> Iterator[Finding]:
    ind, rule = item.indicator, item.rule
    declared, weight = ind.declared_score, ind.weight
    name = f"“{ind.name}”"
    at = ind.at("得分")
    basis = _basis(item, rules)
    if declared is not None:
        if declared > weight:
            yield Finding("SCORE_ABOVE_WEIGHT", at, f"{name}得分 {score_text(declared)} 高于其分值 {score_text(weight)}：得分至多为"
                          f"分值，表和各出版物按 {score_text(weight)} 计；按规则应为 {expected_score(item)}。",
                          ind.name, score_text(declared), f"≤ {score_text(weight)}")
        elif declared == weight and not rule.met and rule.score < weight:
            yield Finding("FULL_MARKS_ON_MISS", at,
                          f"{name}未完成年度指标值（{basis}），却给了满分 {score_text(weight)}；按规则应为 {expected_score(item)}。",
                          ind.name, score_text(declared), expected_score(item))
        elif rule.kind is Kind.QUALITATIVE and rule.band and rule.tier is not Tier.DESCRIBED \
                and not rule.band[0] <= declared <= rule.band[1]:
            yield Finding("QUAL_TIER", at,
                          f"{name}为定性指标，完成情况属“{rule.tier.label if rule.tier else ''}”，得分应在 "
                          f"{score_text(rule.band[0])}–{score_text(rule.band[1])} 之间，填为 {score_text(declared)}。",
                          ind.name, score_text(declared), f"{score_text(rule.band[0])}–{score_text(rule.band[1])}")
        elif declared != rule.score and declared in rule.honest:
            yield Finding("ROUNDING_DIFF", at,
                          f"{name}得分填为 {score_text(declared)}，按规则（{basis}）为 {score_text(rule.score)}；完成率先取整再乘"
                          "分值，或不取整直接相乘，结果可差 0.01，差异由取整造成，不是计算错误。",
                          ind.name, score_text(declared), score_text(rule.score))
        elif declared > rule.score:
            yield Finding("SCORE_ABOVE_RULE", at, f"{name}得分填为 {score_text(declared)}，按规则（{basis}）应为 {score_text(rule.score)}。",
                          ind.name, score_text(declared), score_text(rule.score))
        elif declared < rule.score:
            yield Finding("SCORE_BELOW_RULE", at,
                          f"{name}得分填为 {score_text(declared)}，低于按规则（{basis}）计算的 {score_text(rule.score)}；"
                          "主动扣分请确保偏差原因已说明。", ind.name, score_text(declared), score_text(rule.score))
    elif rule.tier in (Tier.PARTIAL, Tier.FAILED):
        yield Finding("QUAL_SCORE_MISSING", ind.where,
                      f"{name}为定性指标，完成情况属“{rule.tier.label}”，请填写 {score_text(rule.band[0] if rule.band else None)}"
                      f"–{score_text(rule.band[1] if rule.band else None)} 之间的得分（暂按 {score_text(rule.score)} 计）。",
                      ind.name, None, score_text(rule.score))
    if item.published < weight and not ind.reason:
        yield Finding("DEDUCTION_NO_REASON", ind.at("偏差原因分析及改进措施") if "偏差原因分析及改进措施" in ind.places
                      else ind.where,
                      f"{name}得分 {score_text(item.published)} 低于分值 {score_text(weight)}，请填写“偏差原因分析及改进措施”。",
                      ind.name)


def _basis(item: ScoredIndicator, rules: Rules = NATIONAL) -> str:
    ind, rule = item.indicator, item.rule
    variant = ""
    if rule.kind is Kind.REVERSE and not rule.met and rules.reverse == DEVIATION:
        variant = "，按本模板规则 (1 − 偏离度) × 分值"
    elif rule.met and rule.kind is Kind.POSITIVE and rules.overshoot_deduction and rule.score < ind.weight:
        variant = f"，按本模板规则超出 {rules.overshoot_percent:f}% 及以上扣 {rules.overshoot_deduction:f} 分"
    return f"{rule.kind.value}指标，年度指标值 {ind.target}，实际完成值 {ind.actual}{variant}"


def check_indicator_values(scored: ScoredEvaluation) -> Iterator[Finding]:
    for item in scored.indicators:
        ind, rule = item.indicator, item.rule
        name = f"“{ind.name}”"
        declared = ind.declared_score
        standing = f"按填报的得分 {score_text(declared)} 计" if declared is not None else "请填写评定的得分（暂按 0 计）"
        if rule.unscorable == "actual":
            yield Finding("ACTUAL_NOT_VALUE", ind.at("实际完成值"),
                          f"{name}的年度指标值“{ind.target}”是数值，实际完成值“{ind.actual}”却不是，无法按规则计分："
                          f"请填写实际达到的数值（如 {_example(rule)}）；{standing}。", ind.name, ind.actual,
                          level=Severity.ERROR)
        elif rule.actual_not_value:
            what = "写成了目标的形式" if rule.target.quantitative else "对定性指标只填了数字"
            yield Finding("ACTUAL_NOT_VALUE", ind.at("实际完成值"),
                          f"{name}的实际完成值“{ind.actual}”{what}：请填写实际达到的值（如 92%）或完成情况的文字说明。",
                          ind.name, ind.actual)
        if rule.units == "different":
            yield Finding("UNIT_MISMATCH", ind.at("实际完成值"),
                          f"{name}的年度指标值单位为“{rule.target.unit}”，实际完成值单位为“{rule.actual.unit}”，"
                          f"无法换算，不能按数值计分：请统一单位；{standing}。", ind.name, rule.actual.unit,
                          rule.target.unit, level=Severity.ERROR if declared is None else None)
        elif rule.units == "missing" and rule.target.unit:
            yield Finding("UNIT_MISSING", ind.at("实际完成值"),
                          f"{name}的实际完成值“{ind.actual}”没有单位，按年度指标值的单位“{rule.target.unit}”理解。",
                          ind.name, ind.actual, f"{ind.actual}{rule.target.unit}")
        if rule.overshoot is not None:
            yield Finding("OVERSHOOT", ind.at("实际完成值"),
                          f"{name}实际完成值 {ind.actual} 是年度指标值 {ind.target} 的 {rule.overshoot} 倍：如因指标值设定过低，"
                          "按规定应酌情扣分，请在偏差原因中说明。", ind.name)


def _example(rule: RuleScore) -> str:
    value = rule.target.value
    return f"{value.normalize():f}{rule.target.unit}" if value is not None else "92%"


def check_levels(scored: ScoredEvaluation) -> Iterator[Finding]:
    reported: set[tuple[str, str]] = set()
    for item in scored.indicators:
        ind = item.indicator
        if (ind.level1, ind.level2) in reported:
            continue
        reported.add((ind.level1, ind.level2))
        owners = [level1 for level1, children in LEVELS.items() if ind.level2 in children]
        if ind.level1 not in LEVELS:
            yield Finding("UNKNOWN_LEVEL", ind.where,
                          f"一级指标“{ind.level1}”不是标准名称（{'、'.join(LEVELS)}）。", ind.level1)
        elif not owners:
            yield Finding("UNKNOWN_LEVEL", ind.where,
                          f"二级指标“{ind.level2}”不是标准名称（{ind.level1}下为 {'、'.join(LEVELS[ind.level1])}）。",
                          ind.level2)
        elif ind.level1 not in owners:
            yield Finding("LEVEL_MISMATCH", ind.where,
                          f"二级指标“{ind.level2}”应属于一级指标“{'或'.join(owners)}”，却写在“{ind.level1}”之下。",
                          ind.level2, ind.level1, "或".join(owners))


def check_year(scored: ScoredEvaluation) -> Iterator[Finding]:
    ev = scored.evaluation
    if ev.folder_year and "年度" in ev.places and ev.year != ev.folder_year:
        yield Finding("YEAR_MISMATCH", ev.at("年度"),
                      f"年度填为 {ev.year}，但文件位于 {ev.folder_year} 年的文件夹中：请确认年度或移动文件。",
                      published=str(ev.year), expected=str(ev.folder_year))


EXCEL_CELL_LIMIT = 32_767  # characters one Excel cell holds


def check_text_lengths(scored: ScoredEvaluation) -> Iterator[Finding]:
    """A text longer than an Excel cell holds: the workbook cannot show all of it (Word and PDF can)."""
    ev = scored.evaluation
    texts = [(ev.at(key), key, getattr(ev, field)) for key, field in (("预期目标", "planned"), ("实际完成情况", "achieved"))]
    texts += [(ind.at(key), f"“{ind.name}”的{key}", value) for ind in ev.indicators
              for key, value in (("偏差原因分析及改进措施", ind.reason), ("实际完成值", ind.actual), ("年度指标值", ind.target))]
    for where, what, text in texts:
        if len(text) > EXCEL_CELL_LIMIT:
            yield Finding("EXCEL_CELL_LIMIT", where,
                          f"{what}有 {len(text):,} 字，超过 Excel 一个单元格的上限 {EXCEL_CELL_LIMIT:,} 字：Excel 版只能显示前一部分，"
                          "并注明“全文见 Word 或 PDF 版”；Word 和 PDF 为全文。如需 Excel 完整，请精简。", what)


CHECKS: tuple[Callable[[ScoredEvaluation], Iterator[Finding]], ...] = (
    check_blanks, check_weights, check_totals, check_execution, check_funding, check_indicator_scores,
    check_indicator_values, check_levels, check_year, check_text_lengths,
)
# what every stage's form is checked for (the names of its levels, its year, its texts' length)
SHARED_CHECKS: tuple[Callable[[ScoredEvaluation], Iterator[Finding]], ...] = (check_blanks, check_levels, check_year,
                                                                                check_text_lengths)
