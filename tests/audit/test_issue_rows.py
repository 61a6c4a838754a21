"""The wordings other agencies publish, through the whole check: each row of issue 15's table scores and is
audited the way a reviewer at a 财政局 would (the score worked out by hand; weight 10)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.audit.findings import Severity
from docgen.pipeline import check_file
from tests.conftest import EXAMPLE, replace_line

LINE = '- {三级指标: 工作验收合格率, 年度指标值: "=100(%)", 实际完成值: 100.00(%), 分值: 10}'


def checked_with(write: Callable[..., Path], target: str, actual: str, declared: str | None = None) -> object:
    score = f", 得分: {declared}" if declared is not None else ""
    new = (f'- {{三级指标: 工作验收合格率, 年度指标值: "{target}", 实际完成值: "{actual}", 分值: 10{score}, '
           f'偏差原因分析及改进措施: 说明}}')
    checked = check_file(str(write("x.yaml", replace_line(EXAMPLE, LINE, new).replace("总分: 97.89\n", "")
                                   .replace("评分等级: 优\n", ""))))
    assert checked.scored is not None, checked.error
    return checked


@pytest.mark.parametrize(
    ("target", "actual", "declared", "score", "present", "absent"),
    [
        ("≤5‰", "0.8%", None, "6.25", set(), {"UNIT_MISMATCH"}),
        ("≥100%", "980‰", None, "9.80", set(), {"UNIT_MISMATCH"}),
        ("=12个月", "1年", "10", "10", set(), {"FULL_MARKS_ON_MISS", "UNIT_MISMATCH"}),
        ("1万", "9000", None, "9.00", set(), {"OVERSHOOT"}),
        ("≥2.5万", "24500人次", None, "9.80", set(), {"OVERSHOOT", "UNIT_MISMATCH"}),
        ("控制在5%以内", "8%", None, "6.25", set(), set()),
        ("300人-400人", "240人", None, "8.00", set(), set()),
        ("300—400人", "240人", None, "8.00", set(), set()),
        ("90%-95%", "81%", None, "9.00", set(), set()),
        ("90%及以上", "95%", None, "10", set(), {"UNIT_MISMATCH"}),
        ("≥50人", "40人（含线上）", None, "8.00", set(), {"ACTUAL_NOT_VALUE"}),
        ("≥50人", "约40人", None, "8.00", set(), {"ACTUAL_NOT_VALUE"}),
        ("≥50人", "40余人", None, "8.00", set(), {"ACTUAL_NOT_VALUE"}),
        ("≥200人", "180人（部分延期）", None, "9.00", set(), {"ACTUAL_NOT_VALUE"}),
        ("≥200人", "180人（部分延期）", "10", "9.00", {"FULL_MARKS_ON_MISS"}, set()),
        ("及时", "不及时", None, "0.00", {"QUAL_SCORE_MISSING"}, set()),
        ("是", "否", None, "0.00", {"QUAL_SCORE_MISSING"}, set()),
        ("2024年12月底前", "2025年3月", None, "0.00", {"QUAL_SCORE_MISSING"}, set()),
        ("及时", "不及时", "10", "5.99", {"FULL_MARKS_ON_MISS"}, set()),
        ("及时", "不及时", "5", "5", set(), {"QUAL_TIER", "QUAL_SCORE_MISSING"}),
        ("═100%", "98%", None, "9.80", set(), set()),
        ("≥90%", "较好", None, "0", {"ACTUAL_NOT_VALUE"}, set()),
        ("≤5个工作日", "6天", None, "0", {"UNIT_MISMATCH"}, set()),
    ],
)
def test_issue_table_rows(write: Callable[..., Path], target: str, actual: str, declared: str | None, score: str,
                          present: set[str], absent: set[str]) -> None:
    checked = checked_with(write, target, actual, declared)
    [item] = [i for i in checked.scored.indicators if i.indicator.name == "工作验收合格率"]  # type: ignore[attr-defined]
    assert item.rule.score == Decimal(score)
    codes = {f.code for f in checked.findings if f.subject == "工作验收合格率"}  # type: ignore[attr-defined]
    assert present <= codes and not absent & codes, codes


def test_what_cannot_be_scored_is_an_error_until_a_score_is_declared(write: Callable[..., Path]) -> None:
    for target, actual, code in (("≥90%", "较好", "ACTUAL_NOT_VALUE"), ("≤5个工作日", "6天", "UNIT_MISMATCH")):
        bare = [f for f in checked_with(write, target, actual).findings if f.code == code]  # type: ignore[attr-defined]
        assert bare and bare[0].severity is Severity.ERROR and "暂按 0 计" in bare[0].message
        declared = [f for f in checked_with(write, target, actual, "7").findings  # type: ignore[attr-defined]
                    if f.code == code]
        assert declared and "按填报的得分 7.00 计" in declared[0].message
        assert (code == "ACTUAL_NOT_VALUE") == (declared[0].severity is Severity.ERROR)


def test_declared_rate_and_score_are_checked_when_the_budget_is_zero(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "全年预算数: 234.00, 全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89",
                        "全年预算数: 0, 全年执行数: 184.65, 分值: 10, 执行率: 100, 得分: 10")
    checked = check_file(str(write("x.yaml", text)))
    codes = {f.code for f in checked.findings}
    assert {"ZERO_BUDGET", "EXEC_RATE_MISMATCH", "EXEC_SCORE_MISMATCH"} <= codes
    blank = replace_line(EXAMPLE, "全年预算数: 234.00, 全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89",
                         "全年预算数: 0, 全年执行数: 0, 分值: 10, 执行率: 0, 得分: 0")
    codes = {f.code for f in check_file(str(write("y.yaml", blank))).findings}
    assert "ZERO_BUDGET" in codes and not {"EXEC_RATE_MISMATCH", "EXEC_SCORE_MISMATCH"} & codes
