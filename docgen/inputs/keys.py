"""The input contract's keys (the form's own labels), with the variants we accept for each."""

from __future__ import annotations

import difflib
import re

YEAR, PROJECT, DEPARTMENT, UNIT = "年度", "项目名称", "主管部门", "实施单位"
MONEY_UNIT, FUNDING, GOALS, INDICATORS = "资金单位", "项目资金", "年度总体目标", "绩效指标"
TOTAL, GRADE, PROFILE, SCHEMA = "总分", "评分等级", "模板", "$schema"
PLANNED, ACHIEVED = "预期目标", "实际完成情况"
WEIGHT, RATE, SCORE = "分值", "执行率", "得分"
NAME, TARGET, ACTUAL, REASON = "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"
# The target as the 预算管理一体化 systems store it, in three fields (COMPUTESIGN, INDEXVAL, METERUNIT).
SIGN, INDEX_VALUE, METER_UNIT = "计算符号", "指标值", "计量单位"
STRUCTURED_TARGET = (SIGN, INDEX_VALUE, METER_UNIT)

# Optional texts other provinces' forms carry (四川 510000_0013zp, 湖北, 安徽 …): printed where the profile's
# ``form`` settings place them; any other label goes under OTHER_FIELDS (其他栏目: {标签: 内容}).
CODE, OVERVIEW = "报表编号", "项目实施内容及过程概述"
NARRATIVE = (CODE, "项目属性", OVERVIEW, "评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人", "填表人",
             "联系电话", "填报日期", "填报单位")
OTHER_FIELDS = "其他栏目"

# The year's other forms (forms.md): a 申报 block (the 申报表's own fields), a 监控 block (the 监控表's month and
# the goal's progress), the 批复 (approved targets) and, per indicator, its 监控 columns and a declared 调整.
DECLARATION, MONITORING, APPROVAL, ADJUSTMENT = "申报", "监控", "批复", "调整"
DEPARTMENT_CODE, PROJECT_PERIOD, LONG_TERM, SCHEDULE = "主管部门编码", "项目期", "长期目标", "实施进度计划"
DECLARATION_TEXTS = ("单位职能概述", "项目概况", "立项依据")
STEP_CONTENT, STEP_START, STEP_END = "项目实施内容", "开始时间", "完成时间"
DECLARATION_HEADER = ("项目属性", "项目负责人", "联系电话")  # the 申报表's header texts (also top-level keys)
DECLARATION_KEYS = (DEPARTMENT_CODE, PROJECT_PERIOD, *DECLARATION_HEADER, *DECLARATION_TEXTS, SCHEDULE, LONG_TERM,
                    OTHER_FIELDS)
STEP_KEYS = (STEP_CONTENT, STEP_START, STEP_END)
# 1-7月执行数 (1至6月 …) is one key whatever the month: the month is read off it (``month_of``)
TO_DATE_SPENT, TO_DATE_RATE, TO_DATE_DONE = "1-N月执行数", "1-N月执行率", "1-N月执行情况"
MONTH = "截至月份"
MONITORING_KEYS = (MONTH, TO_DATE_DONE, OTHER_FIELDS)
FORECAST_DONE, LIKELIHOOD, CAUSE, MEASURE = "全年预计完成情况", "完成目标可能性", "偏差原因分析", "纠偏措施"
MONITORED_KEYS = (TO_DATE_DONE, FORECAST_DONE, LIKELIHOOD, CAUSE, MEASURE)
MONITORED_ALIASES = {"偏差原因": CAUSE, "偏差原因分析": CAUSE, "备注": MEASURE, "纠偏措施/备注": MEASURE,
                     "全年预计": FORECAST_DONE, "执行情况": TO_DATE_DONE}
ORIGINAL, ADJUST_REASON = "原指标值", "调整原因"
ADJUSTMENT_KEYS = (ORIGINAL, ADJUST_REASON)
ADJUSTMENT_ALIASES = {"原因": ADJUST_REASON, "批复指标值": ORIGINAL, "调整前指标值": ORIGINAL}
APPROVAL_DATE, APPROVAL_NUMBER = "日期", "文号"
APPROVAL_KEYS = (APPROVAL_DATE, APPROVAL_NUMBER, TARGET)
APPROVAL_ALIASES = {"批复日期": APPROVAL_DATE, "批复文号": APPROVAL_NUMBER}
PERIOD_TARGET, REMARK = "中期指标值", "备注"

# the 申报 block's keys may also stand at the top of the file (项目期: …), its monitoring columns in an indicator
FLAT_DECLARATION = (DEPARTMENT_CODE, PROJECT_PERIOD, *DECLARATION_TEXTS, SCHEDULE, LONG_TERM)
FLAT_MONITORED = (TO_DATE_DONE, FORECAST_DONE, LIKELIHOOD, MEASURE)
TOP_LEVEL = (YEAR, PROJECT, DEPARTMENT, UNIT, MONEY_UNIT, FUNDING, GOALS, INDICATORS, TOTAL, GRADE, PROFILE,
             SCHEMA, *NARRATIVE, OTHER_FIELDS, DECLARATION, MONITORING, APPROVAL, *FLAT_DECLARATION)
GOAL_KEYS = (PLANNED, ACHIEVED, OVERVIEW)  # 项目基本情况 may hold the overview beside the two goals
INDICATOR_KEYS = (NAME, TARGET, *STRUCTURED_TARGET, ACTUAL, WEIGHT, SCORE, REASON, OTHER_FIELDS, PERIOD_TARGET,
                  REMARK, MONITORING, ADJUSTMENT, *FLAT_MONITORED)
# What only a 自评表 holds: a file that writes any of these is at the 自评 stage (and must complete it).
SELF_ONLY = {ACTUAL, SCORE, REASON, ACHIEVED, TOTAL, GRADE, "全年执行数", RATE}

# The standard 一级 → 二级 indicator names (domain.md).
LEVELS: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}

# Wording variants seen on published forms, accepted as the contract's key.
ALIASES = {
    "偏差原因分析": REASON,
    "偏差原因": REASON,
    "分数": WEIGHT,
    "执行率(%)": RATE,
    "执行率（%）": RATE,
    "年度目标": GOALS,
    "总体目标": GOALS,
    "度量单位": METER_UNIT,
    "指标性质": SIGN,
    "运算符号": SIGN,
    "年度指标值单位": METER_UNIT,
    # 四川 and other provinces' wording
    "项目基本情况": GOALS,
    "项目年度目标": PLANNED,
    "年度目标完成情况": ACHIEVED,
    "完成值": ACTUAL,
    "未完成原因分析": REASON,
    "原因": REASON,
    "权重": WEIGHT,
    "预算执行率": RATE,
    "年初预算": "年初预算数",
    "调整后预算数": "全年预算数",
    "调整后预算": "全年预算数",
    "预算执行数": "全年执行数",
    "执行数": "全年执行数",
    "资金总额": "年度资金总额",
    "合计": "年度资金总额",
    # the 申报表's and 监控表's wording
    "项目起止时间": PROJECT_PERIOD,
    "项目执行单位": UNIT,
    "项目实施单位": UNIT,
    "项目周期": PROJECT_PERIOD,
    "中期目标": LONG_TERM,
    "长期目标（中期目标）": LONG_TERM,
    "立项依据及必要性": "立项依据",
    "中期预算数": "中期资金",
    "全年预算执行数预计": "全年预计执行数",
}

_TO_DATE = re.compile(r"^1\s*[-—–~～至]\s*(\d{1,2})\s*月\s*(执行数|执行率|执行情况)$")


def month_of(key: str) -> int | None:
    """The month a 监控表 column runs to: 7 for ``1-7月执行数`` (``1至6月执行情况`` → 6); None for another key."""
    match = _TO_DATE.match(key.strip())
    return int(match[1]) if match else None


_CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character: a label of the form (上级补助, 得分计算方法), not a typo of an
    English setting or a number."""
    return _CJK.search(text) is not None


def aliases(key: str) -> tuple[str, ...]:
    """The wording variants accepted for a contract key (``aliases("分值")`` → ``("分数",)``)."""
    return tuple(alias for alias, canonical_key in ALIASES.items() if canonical_key == key)


def canonical(key: str) -> str:
    """A key as the contract spells it (aliases resolved; ``1-7月执行数`` → ``1-N月执行数``)."""
    match = _TO_DATE.match(key.strip())
    if match:
        return f"1-N月{match[2]}"
    return ALIASES.get(key, key)


def suggest(key: str, known: tuple[str, ...] | list[str]) -> str:
    """ “（您是否想写“三级指标”？）” for the nearest known key, or an empty string."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.4)
    if not close:
        close = [k for k in known if set(k) & set(key) and len(set(k) & set(key)) >= max(1, len(k) // 2)][:1]
    return f"（是否应为“{close[0]}”？）" if close else ""
