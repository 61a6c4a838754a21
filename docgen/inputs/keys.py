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

TOP_LEVEL = (YEAR, PROJECT, DEPARTMENT, UNIT, MONEY_UNIT, FUNDING, GOALS, INDICATORS, TOTAL, GRADE, PROFILE,
             SCHEMA, *NARRATIVE, OTHER_FIELDS)
GOAL_KEYS = (PLANNED, ACHIEVED, OVERVIEW)  # 项目基本情况 may hold the overview beside the two goals
INDICATOR_KEYS = (NAME, TARGET, *STRUCTURED_TARGET, ACTUAL, WEIGHT, SCORE, REASON, OTHER_FIELDS)

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
}


_CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character: a label of the form (上级补助, 得分计算方法), not a typo of an
    English setting or a number."""
    return _CJK.search(text) is not None


def aliases(key: str) -> tuple[str, ...]:
    """The wording variants accepted for a contract key (``aliases("分值")`` → ``("分数",)``)."""
    return tuple(alias for alias, canonical_key in ALIASES.items() if canonical_key == key)


def canonical(key: str) -> str:
    """A key as the contract spells it (aliases resolved)."""
    return ALIASES.get(key, key)


def suggest(key: str, known: tuple[str, ...] | list[str]) -> str:
    """ “（您是否想写“三级指标”？）” for the nearest known key, or an empty string."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.4)
    if not close:
        close = [k for k in known if set(k) & set(key) and len(set(k) & set(key)) >= max(1, len(k) // 2)][:1]
    return f"（是否应为“{close[0]}”？）" if close else ""
