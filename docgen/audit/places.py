"""Where in the published table a finding is: the words a reviewer, who reads the table and not the
YAML, uses to find a cell — ``项目资金 · 年度资金总额 · 执行率``, ``绩效指标 · 第 3 行 · 得分``.

A finding knows the file and line it concerns; the evaluation knows where each of its values was
written. The place is the record and key written at that line (the first indicator row is 第 1 行),
or, for a finding about a whole record, the column its code concerns.
"""

from __future__ import annotations

from docgen.audit.findings import Finding
from docgen.inputs.records import Evaluation, Indicator

SEPARATOR = " · "
FUNDING = "项目资金"
INDICATORS = "绩效指标"
GOALS = "总体目标"

# the column a code concerns when its finding points at a whole record
_COLUMNS = {
    "EXEC_RATE_MISMATCH": "执行率", "EXEC_SCORE_MISMATCH": "得分", "ZERO_BUDGET": "全年预算数",
    "OVER_EXECUTED": "全年执行数", "SCORE_ABOVE_WEIGHT": "得分", "FULL_MARKS_ON_MISS": "得分", "QUAL_TIER": "得分",
    "SCORE_ABOVE_RULE": "得分", "SCORE_BELOW_RULE": "得分", "QUAL_SCORE_MISSING": "得分",
    "DEDUCTION_NO_REASON": "偏差原因分析及改进措施", "ACTUAL_NOT_VALUE": "实际完成值", "UNIT_MISMATCH": "实际完成值",
    "UNIT_MISSING": "实际完成值", "OVERSHOOT": "实际完成值", "LEVEL_MISMATCH": "二级指标",
    # the 申报表's, 监控表's and the 批复's
    "TARGET_VAGUE": "年度指标值", "PERIOD_TARGET_MISMATCH": "中期指标值", "PROGRESS_BEHIND": "1-N月执行数",
    "TO_DATE_RATE_MISMATCH": "1-N月执行率", "FORECAST_OVER_BUDGET": "全年预计执行数", "AT_RISK_NO_MEASURE": "完成目标可能性",
    "TO_DATE_BEYOND_TARGET": "1-N月执行情况", "TARGET_CHANGED": "年度指标值", "TARGET_ADJUSTED": "年度指标值",
}
_TOP = {"总分": "总分", "评分等级": "评分等级", "年度": "年度", "预期目标": f"{GOALS}{SEPARATOR}预期目标",
        "实际完成情况": f"{GOALS}{SEPARATOR}实际完成情况", "绩效指标": f"{INDICATORS}{SEPARATOR}分值合计"}


def table_place(finding: Finding, evaluation: Evaluation) -> str:
    """The finding's place in the table, in the table's own words; "" when it has none."""
    where = finding.where
    column = _COLUMNS.get(finding.code, "")
    if finding.code == "ROUNDING_DIFF":  # a rate (…%) or a score: both may be written on one line
        column = "执行率" if (finding.published or "").endswith("%") else "得分"
    for row in evaluation.funding_rows:
        keys = [key for key, at in row.places.items() if at == where]
        if finding.code == "FUNDING_SUM" and finding.subject:
            keys = [finding.subject] if row is evaluation.total else []
        if keys or row.where == where:
            key = column or (keys[0] if keys else "")
            return SEPARATOR.join(part for part in (FUNDING, row.name, key) if part)
    for number, indicator in enumerate(evaluation.indicators, start=1):
        keys = [key for key, at in indicator.places.items() if at == where]
        if keys or indicator.where == where:
            return _indicator_place(number, indicator, finding, column or (keys[0] if keys else ""))
    keys = [key for key, at in evaluation.places.items() if at == where and key in _TOP]
    if finding.code in ("TOTAL_MISMATCH", "TOTAL_CAPPED", "ROUNDING_DIFF") and "总分" in keys:
        return _TOP["总分"]
    if keys:
        return _TOP[keys[0]]
    if finding.code == "WEIGHT_SUM":
        return _TOP["绩效指标"]
    return ""


def _indicator_place(number: int, indicator: Indicator, finding: Finding, column: str) -> str:
    if finding.code == "UNKNOWN_LEVEL":
        column = "一级指标" if finding.subject == indicator.level1 else "二级指标"
    return SEPARATOR.join(part for part in (INDICATORS, f"第 {number} 行", column) if part)
