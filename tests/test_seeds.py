"""The sample inputs are the published seed tables: their numbers reproduce, or the audit explains them.

``PUBLISHED_MISTAKES`` is written by hand from the seed texts in shared/seeds (and domain.md):
each is a mistake that really got published, and the code that must catch it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.audit.checked import Checked
from docgen.pipeline import check_file
from docgen.profiles.load import Profiles
from docgen.scoring.rounding import q2
from tests.conftest import ROOT

INPUTS = ROOT / "inputs"
SAMPLES = sorted(p for p in INPUTS.rglob("*.yaml") if not p.name.startswith("_"))

ZZB22, RSJ23, ZZB24, MH22 = "2022/中共上海市委组织部", "2023/上海市人力资源和社会保障局", "2024/中共上海市委组织部", \
    "2022/上海市闵行区地区工作办公室"

# (file, code, indicator or funding column it concerns, or "" for the whole table)
PUBLISHED_MISTAKES = [
    (f"{ZZB22}/干部教育工作经费.yaml", "EXEC_RATE_MISMATCH", ""),  # 3,138,486 ÷ 6,890,000 = 45.55%, published 45.56%
    (f"{ZZB22}/公务员一件事二期.yaml", "EXEC_RATE_MISMATCH", ""),  # 99.49%, published 99.50%
    (f"{MH22}/社会建设宣传.yaml", "EXEC_RATE_MISMATCH", ""),  # 99.63%, published 99.64%
    (f"{MH22}/社会建设重点工作研究.yaml", "EXEC_RATE_MISMATCH", ""),  # 98.33%, published 98.34%
    (f"{RSJ23}/公务员知识更新.yaml", "EXEC_SCORE_MISMATCH", ""),  # 83.05% × 10 = 8.305 → 8.31, published 8.30
    (f"{RSJ23}/公务员知识更新.yaml", "TOTAL_MISMATCH", ""),
    (f"{MH22}/居村自治共治建设.yaml", "FULL_MARKS_ON_MISS", "区级配送课程材料数"),  # ≥6000份, 5000, 10 of 10
    (f"{MH22}/居村自治共治建设.yaml", "FULL_MARKS_ON_MISS", "区级配送课程时长"),
    (f"{MH22}/居村自治共治建设.yaml", "FULL_MARKS_ON_MISS", "扶持社会治理品牌项目数"),
    (f"{MH22}/居村自治共治建设.yaml", "FULL_MARKS_ON_MISS", "活动参与人数"),
    (f"{MH22}/居村自治共治建设.yaml", "ACTUAL_NOT_VALUE", "邻里中心满意度"),  # actual ">=90%"
    (f"{MH22}/社会建设宣传.yaml", "FULL_MARKS_ON_MISS", "市级媒体专项宣传数"),  # 5次 planned, 2次 done, full marks
    (f"{MH22}/调研经费.yaml", "ZERO_BUDGET", ""),  # 全年预算数 0
    (f"{MH22}/调研经费.yaml", "FULL_MARKS_ON_MISS", "调研工作完成次数"),  # 0 for everything, full marks
    (f"{MH22}/调研经费.yaml", "ACTUAL_NOT_VALUE", "调研研究主题契合度"),  # "0" as a qualitative actual
    (f"{MH22}/闵行区居村民服务自治平台(2022运维).yaml", "FUNDING_SUM", "年初预算数"),  # 71200 ≠ 0 + 0 + 0
    (f"{MH22}/“云邻里”与“社区云”对接方案.yaml", "FUNDING_SUM", "年初预算数"),  # 330000 ≠ 0 + 0 + 0
    (f"{MH22}/“云邻里”与“社区云”对接方案.yaml", "ACTUAL_NOT_VALUE", "基层使用人员满意度"),  # ">=85%"
    (f"{MH22}/培训费.yaml", "ACTUAL_NOT_VALUE", "社会治理培训完成次数"),  # ">=4"
    (f"{RSJ23}/机关事业单位运行保障经费.yaml", "DEDUCTION_NO_REASON", "对外形象好评"),  # 4 of 5, no reason
    (f"{RSJ23}/课题（规划）等研究经费.yaml", "DEDUCTION_NO_REASON", "课题成果指导实践有效情况"),
    (f"{RSJ23}/教育培经费.yaml", "OVERSHOOT", "讲座听讲人数"),  # ≥4000人次, 70680人次
    (f"{ZZB24}/电教远教工作经费.yaml", "SCORE_BELOW_RULE", "基层党组织满意度"),  # 93% ≥ 90%, 9.32 with a reason
]


@pytest.fixture(scope="module")
def checked() -> dict[str, Checked]:
    """Each sample checked as its agency publishes: by the rule variants of its own profile."""
    profiles = Profiles()
    return {str(path.relative_to(INPUTS)): check_file(str(path), profiles) for path in SAMPLES}


def test_every_seed_project_is_here(checked: dict[str, Checked]) -> None:
    counts = {folder: sum(1 for name in checked if name.startswith(folder)) for folder in (ZZB22, RSJ23, ZZB24, MH22)}
    assert counts == {ZZB22: 9, RSJ23: 7, ZZB24: 5, MH22: 10}
    assert all(c.error is None for c in checked.values()), [c.error for c in checked.values() if c.error]


@pytest.mark.parametrize(("name", "code", "subject"), PUBLISHED_MISTAKES)
def test_published_mistake_is_caught(checked: dict[str, Checked], name: str, code: str, subject: str) -> None:
    found = [(f.code, f.subject) for f in checked[name].findings]
    assert any(c == code and (not subject or s == subject) for c, s in found), found


@pytest.mark.parametrize("path", SAMPLES, ids=[str(p.relative_to(INPUTS)) for p in SAMPLES])
def test_published_figures_reproduce_or_are_explained(path: Path) -> None:
    result = check_file(str(path), Profiles())
    assert result.scored is not None
    scored, codes = result.scored, {f.code for f in result.findings}
    total = scored.evaluation.total
    if total.declared_rate is not None and total.declared_rate != scored.execution_rate:
        assert codes & {"EXEC_RATE_MISMATCH", "ROUNDING_DIFF", "ZERO_BUDGET"}
    if total.declared_score is not None and total.declared_score != scored.execution_score:
        assert codes & {"EXEC_SCORE_MISMATCH", "ROUNDING_DIFF"}
    declared_total = scored.evaluation.declared_total
    if declared_total is not None and declared_total != scored.total:
        assert codes & {"TOTAL_MISMATCH", "ROUNDING_DIFF"}
    assert scored.weight_total == 100 or "WEIGHT_SUM" in codes


# Hand-checked against the seed texts: (file, 执行率, 执行得分, 总分) as docgen must compute them.
COMPUTED = [
    (f"{ZZB22}/公务员管理工作经费.yaml", "89.61", "8.96", "94.90"),  # 10,411,006 ÷ 11,618,500
    (f"{ZZB22}/组织部门建设和管理工作经费.yaml", "83.68", "8.37", "95.27"),
    (f"{ZZB22}/干部教育工作经费.yaml", "45.55", "4.56", "90.56"),  # published 45.56%
    (f"{MH22}/政府雇员项目.yaml", "97.05", "9.71", "99.71"),  # 97.05% × 10 = 9.705 → 9.71
    (f"{MH22}/调研经费.yaml", None, "0.00", "90.00"),
    (f"{ZZB24}/党建服务工作经费.yaml", "78.91", "7.89", "97.89"),
    (f"{RSJ23}/委托培训.yaml", "64.33", "6.43", "96.43"),
    # the agency truncates its rates (rules.rate_rounding: truncate): 275.42 ÷ 282.64 = 97.447…% → 97.44,
    # as published (half up would give 97.45)
    (f"{ZZB24}/信息化运维项目.yaml", "97.44", "9.74", "99.74"),
    (f"{RSJ23}/信息化运维项目.yaml", "80.65", "8.07", "98.07"),  # 39.41 ÷ 48.86 = 80.657…%
]


@pytest.mark.parametrize(("name", "rate", "score", "total"), COMPUTED)
def test_computed_figures(checked: dict[str, Checked], name: str, rate: str | None, score: str, total: str) -> None:
    scored = checked[name].scored
    assert scored is not None
    assert (None if scored.execution_rate is None else str(scored.execution_rate)) == rate
    assert (str(q2(scored.execution_score)), str(scored.total)) == (score, total)
