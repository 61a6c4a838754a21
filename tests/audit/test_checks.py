"""Every finding code, triggered by the smallest change to a clean evaluation, at the right line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.audit.findings import CODES, Finding, Severity
from docgen.pipeline import check_file
from tests.audit.test_stages import CASES as STAGE_CASES
from tests.conftest import EXAMPLE, ROOT, replace_line


def findings_for(write: Callable[..., Path], text: str, name: str = "x.yaml") -> list[Finding]:
    checked = check_file(str(write(name, text)))
    assert checked.error is None, checked.error
    return list(checked.findings)


def test_clean_example_has_no_findings(write: Callable[..., Path]) -> None:
    assert findings_for(write, EXAMPLE) == []


# (code, replacements applied to the example, line of the finding, words in the message)
CASES: list[tuple[str, list[tuple[str, str]], int, str]] = [
    ("BLANK_VALUE", [("全年预算数: 234.00, 全年执行数: 184.65, 分值", "全年预算数: , 全年执行数: 184.65, 分值")], 7,
     "还没有填写"),
    ("WEIGHT_SUM", [("分值: 15}\n  ", "分值: 14}\n  ")], 15, "99.00"),
    ("TOTAL_MISMATCH", [("总分: 97.89", "总分: 98.89")], 34, "应为 97.89"),
    ("GRADE_MISMATCH", [("评分等级: 优", "评分等级: 良")], 35, "应为“优”"),
    ("EXEC_RATE_MISMATCH", [("执行率: 78.91", "执行率: 79.91")], 7, "184.65 ÷ 234.00 = 78.91%"),
    ("EXEC_SCORE_MISMATCH", [("得分: 7.89}", "得分: 8.89}"), ("总分: 97.89", "总分: 98.89")], 7, "= 7.89"),
    ("ROUNDING_DIFF", [("全年预算数: 234.00, 全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89",
                        "全年预算数: 282.64, 全年执行数: 275.42, 分值: 10, 执行率: 97.44, 得分: 9.74"),
                       ("总分: 97.89", "总分: 99.74")], 7, "取整"),
    ("ZERO_BUDGET", [("全年预算数: 234.00, 全年执行数: 184.65, 分值", "全年预算数: 0, 全年执行数: 0, 分值"),
                     ("执行率: 78.91, 得分: 7.89", "执行率: 0, 得分: 0"), ("总分: 97.89", "总分: 90.00")], 7,
     "按 0 计"),
    ("FUNDING_SUM", [("其他资金: {年初预算数: 0,", "其他资金: {年初预算数: 10,")], 7, "年初预算数"),
    ("OVER_EXECUTED", [("上年结转资金: {年初预算数: 0, 全年预算数: 0, 全年执行数: 0}",
                        "上年结转资金: {年初预算数: 0, 全年预算数: 0, 全年执行数: 5}")], 9, "超过"),
    ("SCORE_ABOVE_WEIGHT", [("实际完成值: 100.00(%), 分值: 10}", "实际完成值: 100.00(%), 分值: 10, 得分: 11}")], 21,
     "高于其分值"),
    ("FULL_MARKS_ON_MISS", [("实际完成值: 100.00(%), 分值: 10}", "实际完成值: 90.00(%), 分值: 10, 得分: 10}")], 21,
     "应为 9.00"),
    ("SCORE_ABOVE_RULE", [("实际完成值: 100.00(%), 分值: 10}", "实际完成值: 90.00(%), 分值: 10, 得分: 9.5}")], 21,
     "应为 9.00"),
    ("SCORE_BELOW_RULE", [("实际完成值: 100.00(%), 分值: 10}",
                           "实际完成值: 100.00(%), 分值: 10, 得分: 9, 偏差原因分析及改进措施: 主动扣分}")], 21, "10.00"),
    ("DEDUCTION_NO_REASON", [("实际完成值: 100.00(%), 分值: 10}", "实际完成值: 90.00(%), 分值: 10}")], 21,
     "偏差原因"),
    ("QUAL_TIER", [("年度指标值: \"=100(%)\", 实际完成值: 100.00(%), 分值: 10}",
                    "年度指标值: 有效, 实际完成值: 部分达成指标并具有一定效果, 分值: 10, 得分: 9, 偏差原因分析及改进措施: 略}")],
     21, "6.00–7.99"),
    ("QUAL_SCORE_MISSING", [("年度指标值: \"=100(%)\", 实际完成值: 100.00(%), 分值: 10}",
                             "年度指标值: 有效, 实际完成值: 未达成, 分值: 10, 偏差原因分析及改进措施: 略}")], 21,
     "0.00–5.99"),
    ("ACTUAL_NOT_VALUE", [("实际完成值: 100.00(%), 分值: 15}\n      - {三级指标: 管理", "实际完成值: \">=90%\", 分值: 15}\n"
                                                                             "      - {三级指标: 管理")], 32, ">=90%"),
    ("UNIT_MISMATCH", [("实际完成值: 365(天)", "实际完成值: 365(次)")], 29, "“天”"),
    ("UNIT_MISSING", [("实际完成值: 365(天)", "实际完成值: 365")], 29, "“天”"),
    ("OVERSHOOT", [("年度指标值: \"=365(天)\"", "年度指标值: \"=100(天)\"")], 29, "3.65 倍"),
    ("LEVEL_MISMATCH", [("  满意度指标:\n    服务对象满意度指标:", "  满意度指标:\n    社会效益指标:")], 32, "效益指标"),
    ("UNKNOWN_LEVEL", [("    质量指标:", "    品质指标:")], 21, "品质指标"),
]


@pytest.mark.parametrize(("code", "changes", "line", "words"), CASES, ids=[case[0] for case in CASES])
def test_each_code(write: Callable[..., Path], code: str, changes: list[tuple[str, str]], line: int,
                   words: str) -> None:
    text = EXAMPLE
    for old, new in changes:
        text = replace_line(text, old, new)
    found = [f for f in findings_for(write, text) if f.code == code]
    assert found, f"{code} not reported"
    assert found[0].where.line == line, found[0]
    assert words in found[0].message, found[0].message


def test_year_mismatch(write: Callable[..., Path]) -> None:
    found = findings_for(write, EXAMPLE, "2023/x.yaml")
    assert [(f.code, f.where.line) for f in found] == [("YEAR_MISMATCH", 1)]


def test_every_code_has_a_test_and_a_readme_entry() -> None:
    tested = {case[0] for case in CASES} | {"YEAR_MISMATCH"}
    tested |= {"TOTAL_CAPPED", "EXCEL_CELL_LIMIT"}  # tests/scoring/test_variants.py, tests/painters/test_xlsx.py
    tested |= {case[0] for case in STAGE_CASES}  # the 申报表's, 监控表's and 批复's: tests/audit/test_stages.py
    assert tested == set(CODES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, (severity, _) in CODES.items():
        assert f"`{code}`" in readme and severity in Severity, code


def test_findings_are_sorted_by_severity(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "实际完成值: 365(天)", "实际完成值: 365")
    text = replace_line(text, "评分等级: 优", "评分等级: 良")
    found = findings_for(write, text)
    assert [f.severity for f in found] == sorted((f.severity for f in found), key=lambda s: s.rank)
