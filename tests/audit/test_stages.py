"""The year's other forms, checked as a reviewer would: a hand-written 申报 file, a 监控 file and a 自评 file
with its 批复, each finding triggered by the smallest change at the right line; the stage each file is at;
existing 自评 files unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.audit.checked import Checked
from docgen.pipeline import check_file
from tests.conftest import EXAMPLE, ROOT

# A 2025 training project in spring: the 申报表 (written by hand for these tests).
DECLARED = """\
年度: 2025
项目名称: 基层干部培训项目
主管部门: 某市委组织部
实施单位: 某市干部教育中心
资金单位: 万元
申报:
  项目属性: 新增
  项目期: 2025年1月-2027年12月
  项目概况: 三年内轮训全市基层干部。
  实施进度计划:
    - {项目实施内容: 制定培训计划, 开始时间: 2025年1月, 完成时间: 2025年2月}
    - {项目实施内容: 分批开展培训, 开始时间: 2025年3月, 完成时间: 2027年11月}
  长期目标: 三年轮训基层干部1500人次。
项目资金:
  年度资金总额: {中期资金: 600, 年初预算数: 200}
  当年财政拨款: {中期资金: 600, 年初预算数: 200}
年度总体目标:
  预期目标: 全年培训基层干部500人次，学员满意度不低于90%。
绩效指标:
  产出指标:
    数量指标:
      - {三级指标: 培训人次, 年度指标值: ≥500人次, 中期指标值: ≥1500人次}
    质量指标:
      - {三级指标: 培训合格率, 年度指标值: ≥95%}
  效益指标:
    社会效益指标:
      - {三级指标: 干部履职能力, 年度指标值: 达到培训大纲要求}
  满意度指标:
    服务对象满意度指标:
      - {三级指标: 学员满意度, 年度指标值: ≥90%}
"""

# The same project at mid-year: the 监控 columns added (1-7月).
MONITORED = DECLARED.replace(
    "  年度资金总额: {中期资金: 600, 年初预算数: 200}\n  当年财政拨款: {中期资金: 600, 年初预算数: 200}",
    "  年度资金总额: {年初预算数: 200, 1-7月执行数: 120, 全年预计执行数: 195}\n"
    "  当年财政拨款: {年初预算数: 200, 1-7月执行数: 120, 全年预计执行数: 195}",
).replace(", 中期资金: 600", "").replace(
    "      - {三级指标: 培训人次, 年度指标值: ≥500人次, 中期指标值: ≥1500人次}",
    "      - {三级指标: 培训人次, 年度指标值: ≥500人次, 监控: {1-7月执行情况: 320人次, 全年预计完成情况: 520人次, "
    "完成目标可能性: 确定能}}",
).replace(
    "      - {三级指标: 培训合格率, 年度指标值: ≥95%}",
    "      - {三级指标: 培训合格率, 年度指标值: ≥95%, 监控: {1-7月执行情况: 96%, 全年预计完成情况: 96%, "
    "完成目标可能性: 确定能}}",
).replace(
    "      - {三级指标: 干部履职能力, 年度指标值: 达到培训大纲要求}",
    "      - {三级指标: 干部履职能力, 年度指标值: 达到培训大纲要求, 监控: {1-7月执行情况: 按大纲推进, "
    "全年预计完成情况: 达到, 完成目标可能性: 确定能}}",
).replace(
    "      - {三级指标: 学员满意度, 年度指标值: ≥90%}",
    "      - {三级指标: 学员满意度, 年度指标值: ≥90%, 监控: {1-7月执行情况: 93%, 全年预计完成情况: ≥90%, "
    "完成目标可能性: 确定能}}",
) + "监控:\n  截至月份: 7\n  1-7月执行情况: 已培训320人次。\n"

# At year end: the 自评 columns, and the 批复 the targets are checked against.
EVALUATED = """\
年度: 2025
项目名称: 基层干部培训项目
主管部门: 某市委组织部
实施单位: 某市干部教育中心
项目资金:
  年度资金总额: {年初预算数: 200, 全年预算数: 200, 全年执行数: 190, 分值: 10}
  当年财政拨款: {年初预算数: 200, 全年预算数: 200, 全年执行数: 190}
年度总体目标:
  预期目标: 全年培训基层干部500人次。
  实际完成情况: 全年培训510人次。
绩效指标:
  产出指标:
    数量指标:
      - {三级指标: 培训人次, 年度指标值: ≥500人次, 实际完成值: 510人次, 分值: 30}
    质量指标:
      - {三级指标: 培训合格率, 年度指标值: ≥95%, 实际完成值: 97%, 分值: 30}
  满意度指标:
    服务对象满意度指标:
      - {三级指标: 学员满意度, 年度指标值: ≥90%, 实际完成值: 94%, 分值: 30}
批复:
  日期: 2025年3月20日
  年度指标值:
    培训人次: ≥500人次
    培训合格率: ≥95%
    学员满意度: ≥90%
"""


def checked(write: Callable[..., Path], text: str, stage: str | None = None) -> Checked:
    result = check_file(str(write("p.yaml", text)), stage=stage)
    assert result.error is None, result.error
    return result


def codes(result: Checked) -> list[str]:
    return [finding.code for finding in result.findings]


def line_of(text: str, words: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if words in line)


def test_each_stage_of_the_hand_written_project_is_clean_and_at_its_stage(write: Callable[..., Path]) -> None:
    for text, stage in ((DECLARED, "申报"), (MONITORED, "监控"), (EVALUATED, "自评")):
        result = checked(write, text)
        assert result.stage == stage
        assert result.scored is not None and result.scored.evaluation.stage == stage
        assert codes(result) == [], [str(f) for f in result.findings]


def test_existing_self_evaluations_stay_valid_and_unchanged() -> None:
    for path in sorted((ROOT / "inputs").rglob("*.yaml")):
        if path.name.startswith("_"):
            continue
        result = check_file(str(path))
        assert result.error is None and result.stage == "自评", path


# (code, text, replacements, the words on the finding's line (after the change), words in the message)
CASES: list[tuple[str, str, list[tuple[str, str]], str, str]] = [
    ("TARGET_VAGUE", DECLARED, [("年度指标值: 达到培训大纲要求", "年度指标值: 明显提高")], "明显提高", "没有可衡量"),
    ("CATEGORY_MISSING", DECLARED, [("  满意度指标:\n    服务对象满意度指标:\n      - {三级指标: 学员满意度, "
                                     "年度指标值: ≥90%}\n", "")], "绩效指标:", "满意度指标"),
    ("PERIOD_TARGET_MISMATCH", DECLARED, [("年度指标值: ≥500人次, 中期指标值: ≥1500人次",
                                           "年度指标值: ≥2000人次, 中期指标值: ≥1500人次")], "≥2000人次", "高于"),
    ("SCHEDULE_OUTSIDE", DECLARED, [("完成时间: 2027年11月", "完成时间: 2028年3月")], "2028年3月", "不在项目期"),
    ("FUNDING_SUM", DECLARED, [("当年财政拨款: {中期资金: 600, 年初预算数: 200}",
                                "当年财政拨款: {中期资金: 600, 年初预算数: 180}")], "年度资金总额", "年初预算数"),
    ("PROGRESS_BEHIND", MONITORED, [("1-7月执行数: 120", "1-7月执行数: 80"), ("1-7月执行数: 120", "1-7月执行数: 80")],
     "年度资金总额", "58.33%"),
    ("FORECAST_OVER_BUDGET", MONITORED, [("全年预计执行数: 195}\n  当年", "全年预计执行数: 230}\n  当年"),
                                         ("全年预计执行数: 195}\n年度", "全年预计执行数: 230}\n年度")],
     "年度资金总额", "超过预算"),
    ("AT_RISK_NO_MEASURE", MONITORED, [("全年预计完成情况: 96%, 完成目标可能性: 确定能",
                                        "全年预计完成情况: 90%, 完成目标可能性: 有可能")], "有可能", "纠偏措施"),
    ("TO_DATE_BEYOND_TARGET", MONITORED, [("1-7月执行情况: 320人次", "1-7月执行情况: 560人次")], "560人次",
     "已超过全年指标值"),
    ("MONITOR_MISSING", MONITORED, [(", 监控: {1-7月执行情况: 93%, 全年预计完成情况: ≥90%, 完成目标可能性: 确定能}", "")],
     "{三级指标: 学员满意度", "还没有填写监控情况"),
    ("TO_DATE_RATE_MISMATCH", MONITORED, [("1-7月执行数: 120, 全年预计执行数: 195}\n  当年",
                                           "1-7月执行数: 120, 1-7月执行率: 50, 全年预计执行数: 195}\n  当年")],
     "1-7月执行率", "应为 60.00%"),
    ("TARGET_CHANGED", EVALUATED, [("年度指标值: ≥95%, 实际完成值: 97%", "年度指标值: ≥90%, 实际完成值: 97%")],
     "培训合格率, 年度指标值: ≥90%", "与批复的“≥95%”不同"),
    ("TARGET_ADJUSTED", EVALUATED, [("年度指标值: ≥95%, 实际完成值: 97%, 分值: 30}",
                                     "年度指标值: ≥90%, 实际完成值: 97%, 分值: 30, 调整: {原指标值: ≥95%, "
                                     "调整原因: 考核办法修订，经财政局批准}}")], "调整原因", "考核办法修订"),
    ("INDICATOR_DROPPED", EVALUATED, [("    质量指标:\n      - {三级指标: 培训合格率, 年度指标值: ≥95%, 实际完成值: 97%, "
                                       "分值: 30}\n", ""), ("分值: 30}\n  满意度", "分值: 60}\n  满意度")],
     "    培训合格率: ≥95%", "不在自评表中"),
    ("INDICATOR_ADDED", EVALUATED, [("培训合格率, 年度指标值", "结业考试合格率, 年度指标值")],
     "结业考试合格率", "不在批复"),
]


@pytest.mark.parametrize(("code", "text", "changes", "at", "words"), CASES, ids=[case[0] for case in CASES])
def test_each_stage_finding_at_its_line(write: Callable[..., Path], code: str, text: str,
                                         changes: list[tuple[str, str]], at: str, words: str) -> None:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    found = sorted((f for f in checked(write, text).findings if f.code == code), key=lambda f: f.where.line)
    assert found, [str(f) for f in checked(write, text).findings]
    assert found[0].where.line == line_of(text, at), str(found[0])
    assert words in found[0].message, found[0].message


def test_a_qualitative_target_with_its_standard_is_not_vague(write: Callable[..., Path]) -> None:
    text = DECLARED.replace("年度指标值: 达到培训大纲要求}", "年度指标值: 明显提高, 备注: 以年度考核优良率较上年提高5个百分点为标准}")
    assert "TARGET_VAGUE" not in codes(checked(write, text))


def test_cost_indicators_when_the_profile_requires_them(write: Callable[..., Path]) -> None:
    templates = write("t/成本/profile.yaml", "extends: default\nrules:\n  required_categories: [产出指标, 效益指标, "
                                             "满意度指标, 成本指标]\n").parent.parent
    from docgen.profiles.load import Profiles
    result = check_file(str(write("p.yaml", DECLARED + "模板: 成本\n")), Profiles((str(templates),)))
    assert [f.subject for f in result.findings if f.code == "CATEGORY_MISSING"] == ["成本指标"]


def test_an_undeclared_target_change_is_an_error_and_a_declared_one_only_noted(write: Callable[..., Path]) -> None:
    changed = EVALUATED.replace("年度指标值: ≥500人次, 实际完成值", "年度指标值: ≥450人次, 实际完成值")
    assert checked(write, changed).count(__import__("docgen.audit.findings").audit.findings.Severity.ERROR) == 1
    declared = changed.replace("实际完成值: 510人次, 分值: 30}", "实际完成值: 510人次, 分值: 30, 调整: {原因: 年中预算调减}}")
    result = checked(write, declared)
    assert codes(result) == ["TARGET_ADJUSTED"]


def test_equal_targets_written_differently_are_not_a_change(write: Callable[..., Path]) -> None:
    text = EVALUATED.replace("学员满意度: ≥90%", '学员满意度: ">=90.00%"')
    assert codes(checked(write, text)) == []


def test_a_stage_the_file_has_not_reached_is_refused_in_chinese(write: Callable[..., Path]) -> None:
    result = check_file(str(write("p.yaml", DECLARED)), stage="自评")
    assert result.error is not None and "还在“申报”阶段" in result.error.first.message
    result = check_file(str(write("p.yaml", DECLARED)), stage="监控")
    assert result.error is not None and "没有监控表的内容" in result.error.first.message
    # an earlier stage of a later file is there: the 申报表 of a 监控 file, and of an existing 自评 file
    assert check_file(str(write("p.yaml", MONITORED)), stage="申报").error is None
    assert check_file(str(write("p.yaml", EXAMPLE)), stage="申报").error is None


def test_a_month_written_two_ways_is_an_input_error(write: Callable[..., Path]) -> None:
    text = MONITORED.replace("1-7月执行情况: 320人次", "1-6月执行情况: 320人次")
    result = check_file(str(write("p.yaml", text)))
    assert result.error is not None
    assert any("1-6月" in p.message and "1-7月" in p.message for p in result.error.problems)


def test_an_unknown_likelihood_names_the_three_words(write: Callable[..., Path]) -> None:
    text = MONITORED.replace("完成目标可能性: 确定能}}\n    质量", "完成目标可能性: 大概吧}}\n    质量")
    result = check_file(str(write("p.yaml", text)))
    assert result.error is not None and "确定能、有可能、完全不可能" in result.error.first.message
    assert result.error.first.where.line == line_of(text, "大概吧")


def test_the_monitoring_columns_written_in_the_indicator_itself(write: Callable[..., Path]) -> None:
    """As the 监控表 prints them, in the indicator's own line: the same 监控 (its 偏差原因分析 the 监控表's, so
    the file stays at 监控)."""
    text = MONITORED.replace(
        "监控: {1-7月执行情况: 320人次, 全年预计完成情况: 520人次, 完成目标可能性: 确定能}",
        "1-7月执行情况: 320人次, 全年预计完成情况: 480人次, 完成目标可能性: 有可能, 偏差原因分析: 经费保障：第二批资金未到, "
        "纠偏措施: 申请追加")
    result = checked(write, text)
    assert result.stage == "监控" and codes(result) == []
    assert result.scored is not None
    watched = result.scored.evaluation.indicators[0].monitored
    assert watched is not None and (watched.to_date, watched.forecast, watched.likelihood, watched.cause, watched.measure) \
        == ("320人次", "480人次", "有可能", "经费保障：第二批资金未到", "申请追加")
    missing = text.replace(", 偏差原因分析: 经费保障：第二批资金未到, 纠偏措施: 申请追加", "")
    assert codes(checked(write, missing)) == ["AT_RISK_NO_MEASURE"]


def test_the_declaration_keys_at_the_top_of_the_file(write: Callable[..., Path]) -> None:
    text = DECLARED.replace("申报:\n  项目属性: 新增\n  项目期: 2025年1月-2027年12月\n  项目概况: 三年内轮训全市基层干部。\n"
                            "  实施进度计划:\n    - ", "项目属性: 新增\n项目期: 2025年1月-2027年12月\n项目概况: 三年内轮训全市基层干部。\n"
                                                "实施进度计划:\n  - ").replace(
        "\n    - {项目实施内容: 分批开展培训", "\n  - {项目实施内容: 分批开展培训").replace("  长期目标: 三年", "长期目标: 三年")
    result = checked(write, text)
    assert result.scored is not None
    declaration = result.scored.evaluation.declaration
    assert declaration is not None and declaration.period == "2025年1月-2027年12月" and len(declaration.schedule) == 2
    assert codes(result) == []
    late = text.replace("完成时间: 2027年11月", "完成时间: 2028年2月")
    assert codes(checked(write, late)) == ["SCHEDULE_OUTSIDE"]


def test_an_approval_written_as_a_tree_is_refused_with_what_to_write(write: Callable[..., Path]) -> None:
    text = EVALUATED.replace("    培训人次: ≥500人次\n", "    培训人次: {年度指标值: ≥500人次}\n")
    result = check_file(str(write("p.yaml", text)))
    assert result.error is not None
    assert any("例如 培训人次: ≥500人" in p.message and p.where.line == line_of(text, "{年度指标值: ≥500人次}")
               for p in result.error.problems)
