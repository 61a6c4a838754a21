"""Finding codes, their severities, and the finding record. The README lists the same codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from docgen.errors import Where


class Severity(Enum):
    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

# code → (severity, what it means). Stable: codes are never renamed or reused.
CODES: dict[str, tuple[Severity, str]] = {
    "BLANK_VALUE": (E, "必填的金额还没有填写：这张表未完成，不评定等级"),
    "WEIGHT_SUM": (E, "分值合计（含预算执行率的分值）不等于 100"),
    "TOTAL_MISMATCH": (E, "填报的总分与各项得分之和不符，或高于 100"),
    "TOTAL_CAPPED": (N, "按模板的评分规则（rules.total_caps），执行率偏低，总分封顶"),
    "GRADE_MISMATCH": (E, "填报的评分等级与总分不符"),
    "EXEC_RATE_MISMATCH": (E, "填报的执行率与 全年执行数 ÷ 全年预算数 不符"),
    "EXEC_SCORE_MISMATCH": (E, "填报的预算执行得分与 执行率 × 分值 不符，或高于分值"),
    "ROUNDING_DIFF": (N, "填报的执行率或得分与计算结果略有出入，可由取整解释（四舍五入或截断、先取整或后取整、金额的取整）"),
    "ZERO_BUDGET": (W, "全年预算数为 0 或未填，执行率无法计算，执行得分按 0 计"),
    "FUNDING_SUM": (E, "年度资金总额不等于 当年财政拨款 + 上年结转资金 + 其他资金"),
    "OVER_EXECUTED": (W, "全年执行数超过全年预算数"),
    "SCORE_ABOVE_WEIGHT": (E, "指标得分高于分值"),
    "FULL_MARKS_ON_MISS": (E, "未完成年度指标值却给了满分"),
    "SCORE_ABOVE_RULE": (E, "指标得分高于按评分规则计算的得分"),
    "SCORE_BELOW_RULE": (N, "指标得分低于按评分规则计算的得分（主动扣分）"),
    "DEDUCTION_NO_REASON": (W, "指标扣了分，但没有填写偏差原因分析及改进措施"),
    "QUAL_TIER": (E, "定性指标的得分不在其完成档次的分数区间内"),
    "QUAL_SCORE_MISSING": (E, "定性指标部分达成或未达成，但没有填写得分"),
    "ACTUAL_NOT_VALUE": (W, "实际完成值不是一个实际值（写成了目标形式，或对定性指标只填了数字）；年度指标值是数值而"
                            "实际完成值不是数值时为错误：无法按规则计分，按填报的得分计，未填得分暂按 0 计"),
    "UNIT_MISMATCH": (W, "年度指标值与实际完成值的计量单位不同且无法换算：不按数值计分，按填报的得分计；"
                         "未填得分时为错误，暂按 0 计"),
    "UNIT_MISSING": (N, "实际完成值没有写计量单位"),
    "OVERSHOOT": (N, "实际完成值远超年度指标值，需说明是否指标值设定过低"),
    "LEVEL_MISMATCH": (W, "二级指标不属于其所在的一级指标"),
    "UNKNOWN_LEVEL": (N, "一级或二级指标名称不是标准名称"),
    "YEAR_MISMATCH": (W, "文件中的年度与所在文件夹的年份不一致"),
    "EXCEL_CELL_LIMIT": (W, "文字超过 Excel 一个单元格的上限（32,767 字），Excel 版只显示前一部分并注明"),
    # 申报表 (the year's targets, set in spring)
    "TARGET_VAGUE": (E, "年度指标值没有可衡量的数值或定义的定性标准（只写了“提高”“较好”之类）"),
    "CATEGORY_MISSING": (E, "缺少模板要求的一级指标（产出、效益、满意度，要求时还有成本）"),
    "PERIOD_TARGET_MISMATCH": (W, "年度指标值高于整个项目期的中期指标值"),
    "SCHEDULE_OUTSIDE": (E, "实施进度计划的时间不在项目期内，或完成早于开始"),
    # 监控表 (mid-year)
    "MONITOR_MISSING": (W, "监控表的执行数或指标的监控情况还没有填写"),
    "PROGRESS_BEHIND": (W, "1-N月预算执行率低于时间进度（超过模板 rules.progress 允许的百分点）"),
    "TO_DATE_RATE_MISMATCH": (E, "填报的1-N月执行率与 1-N月执行数 ÷ 预算 不符"),
    "FORECAST_OVER_BUDGET": (W, "全年预计执行数超过预算"),
    "AT_RISK_NO_MEASURE": (E, "完成目标可能性为“有可能”或“完全不可能”，但没有写偏差原因分析和纠偏措施"),
    "TO_DATE_BEYOND_TARGET": (N, "1-N月执行情况已超过全年的年度指标值"),
    # 自评表 against the 批复 (approved targets)
    "TARGET_CHANGED": (E, "年度指标值与批复的不同，且没有写明调整（调整原因）"),
    "TARGET_ADJUSTED": (N, "年度指标值按写明的调整与批复不同"),
    "INDICATOR_DROPPED": (W, "批复的指标不在自评表中"),
    "INDICATOR_ADDED": (W, "自评表中的指标不在批复中（写明调整原因时为提示）"),
}


# code → a short title a reviewer reads (审核意见, the summary workbook); one per code, tested.
TITLES: dict[str, str] = {
    "BLANK_VALUE": "必填值未填写",
    "WEIGHT_SUM": "分值合计不为100",
    "TOTAL_MISMATCH": "总分与各项得分之和不符",
    "TOTAL_CAPPED": "执行率偏低，总分封顶",
    "GRADE_MISMATCH": "评分等级与总分不符",
    "EXEC_RATE_MISMATCH": "执行率与金额不符",
    "EXEC_SCORE_MISMATCH": "预算执行得分与执行率不符",
    "ROUNDING_DIFF": "与计算结果略有出入（取整）",
    "ZERO_BUDGET": "全年预算数为0，执行率无法计算",
    "FUNDING_SUM": "资金总额与各来源之和不符",
    "OVER_EXECUTED": "执行数超过预算数",
    "SCORE_ABOVE_WEIGHT": "得分高于分值",
    "FULL_MARKS_ON_MISS": "未完成指标值却给满分",
    "SCORE_ABOVE_RULE": "得分高于按规则计算的得分",
    "SCORE_BELOW_RULE": "得分低于按规则计算的得分",
    "DEDUCTION_NO_REASON": "扣分未说明原因",
    "QUAL_TIER": "定性指标得分与完成档次不符",
    "QUAL_SCORE_MISSING": "定性指标未填得分",
    "ACTUAL_NOT_VALUE": "实际完成值不是实际值",
    "UNIT_MISMATCH": "计量单位不一致",
    "UNIT_MISSING": "实际完成值缺少单位",
    "OVERSHOOT": "实际完成值远超指标值",
    "LEVEL_MISMATCH": "二级指标归属不符",
    "UNKNOWN_LEVEL": "指标名称不是标准名称",
    "YEAR_MISMATCH": "年度与所在文件夹不符",
    "EXCEL_CELL_LIMIT": "文字超过Excel单元格上限",
    "TARGET_VAGUE": "指标值不可衡量",
    "CATEGORY_MISSING": "缺少要求的一级指标",
    "PERIOD_TARGET_MISMATCH": "年度指标值高于中期指标值",
    "SCHEDULE_OUTSIDE": "进度计划不在项目期内",
    "MONITOR_MISSING": "监控情况未填写",
    "PROGRESS_BEHIND": "执行进度落后于时间进度",
    "TO_DATE_RATE_MISMATCH": "1-N月执行率与金额不符",
    "FORECAST_OVER_BUDGET": "预计执行数超过预算",
    "AT_RISK_NO_MEASURE": "目标有风险但无原因和措施",
    "TO_DATE_BEYOND_TARGET": "已超过全年指标值",
    "TARGET_CHANGED": "指标值与批复不同且未说明调整",
    "TARGET_ADJUSTED": "指标值已按调整改变",
    "INDICATOR_DROPPED": "批复的指标被删去",
    "INDICATOR_ADDED": "新增了批复外的指标",
}


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer would point out, with the published value and the right one side by side."""

    code: str
    where: Where
    message: str
    subject: str = ""
    published: str | None = None
    expected: str | None = None
    level: Severity | None = None  # when this case is graver than the code's usual severity
    place: str = ""  # where a reader of the table finds it: 项目资金 · 年度资金总额 · 执行率

    @property
    def title(self) -> str:
        return TITLES[self.code]

    @property
    def severity(self) -> Severity:
        return self.level or CODES[self.code][0]

    def sort_key(self) -> tuple[int, str, int, str]:
        return (self.severity.rank, self.where.file, self.where.line, self.code)

    def __str__(self) -> str:
        return f"{self.where}: {self.severity.value} [{self.code}] {self.message}"
