"""Summary figures equal an independent computation from the inputs; odd departments read sensibly."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from docgen.layout.report import department_report
from docgen.pipeline import check_file, check_paths
from docgen.profiles.load import load_profile
from docgen.scoring.rounding import q2
from docgen.summaries.groups import ProjectLine, summarize
from tests.conftest import EXAMPLE, INPUTS, independent_totals, replace_line


def test_department_totals_are_exact_sums_of_the_inputs() -> None:
    expected = independent_totals()
    summaries = summarize([ProjectLine(c) for c in check_paths([str(INPUTS)])])
    assert {(s.year, s.department) for s in summaries} == set(expected)
    for summary in summaries:
        sums = expected[(summary.year, summary.department)]
        assert (summary.initial, summary.adjusted, summary.executed) == (
            sums["年初预算数"], sums["全年预算数"], sums["全年执行数"]), summary.department
        assert len(summary.projects) == sums["projects"]
        assert summary.execution_rate == q2(sums["全年执行数"] / sums["全年预算数"] * 100)


def test_known_department_figures() -> None:
    [zzb22] = [s for s in summarize([ProjectLine(c) for c in check_paths([str(INPUTS / "2022/中共上海市委组织部")])])]
    assert (zzb22.initial, zzb22.executed) == (Decimal("5915.2836"), Decimal("3828.3646"))  # 元 → 万元, exact
    assert zzb22.execution_rate == Decimal("83.11") and zzb22.grades == {"优": 9, "良": 0, "中": 0, "差": 0}
    assert [p.scored.evaluation.project for p in zzb22.low_execution] == [
        "干部教育工作经费", "党组织建设和党员教育管理工作经费", "组织部门建设和管理工作经费", "公务员管理工作经费"]


def one(write: Callable[..., Path], text: str) -> list[str]:
    checked = check_file(str(write("x.yaml", text)))
    [summary] = summarize([ProjectLine(checked)])
    report = department_report(summary, load_profile(), ())
    return [p for section in report.sections for p in section.paragraphs]


def test_one_project_all_full_marks_nothing_short(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89",
                        "全年执行数: 234.00, 分值: 10, 执行率: 100, 得分: 10")
    text = replace_line(text, "全年执行数: 184.65}", "全年执行数: 234.00}")
    paragraphs = one(write, replace_line(text, "总分: 97.89", "总分: 100"))
    assert any("共对1个项目" in p for p in paragraphs)
    assert any("全部1个项目的预算执行率均达到90%以上" in p for p in paragraphs)
    assert any("全部绩效指标均完成了年度指标值，并取得满分" in p for p in paragraphs)
    assert any("经审核，未发现问题" in p for p in paragraphs)


def test_shortfalls_and_low_execution_are_named(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "实际完成值: 100.00(%), 分值: 10}", "实际完成值: 90.00(%), 分值: 10}")
    paragraphs = one(write, text)
    assert any("预算执行率低于90%的项目有1个：党建服务工作经费（78.91%）" in p for p in paragraphs)
    assert any("共有1项绩效指标未完成" in p for p in paragraphs)
