"""The input contract as a JSON Schema (draft 7), for editors: completion, hover help and red squiggles.

Every key has a Chinese title and description and every value an example, so VS Code's YAML extension
(yaml-language-server) can offer them. The schema accepts what the loader accepts — numbers or text for
amounts (``"13,414,500"``), the wording variants of keys — and refuses what it refuses (unknown keys,
资金单位 other than 元/万元). It describes a project file; ``_defaults.yaml`` files hold only part of one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docgen.inputs import keys as k
from docgen.inputs.records import (
    ADJUSTED,
    ALL_SOURCE_ROWS,
    EXECUTED,
    FUNDING_ROWS,
    GRADES,
    INITIAL,
    MONEY_UNITS,
    TOTAL_ROW,
)

SCHEMA_URI = "http://json-schema.org/draft-07/schema#"
SCHEMA_FILE = "docgen.schema.json"  # where docgen new and docgen import look for it, from a file's folder up
NUMBER_TEXT = r"^\s*[+-]?[0-9０-９][0-9０-９,，]*([.．][0-9０-９]+)?\s*$"
BLANK = r"^\s*(—|-|－|–|——|/|无)?\s*$"
PERCENT = r"^\s*[0-9０-９]+([.．][0-9０-９]+)?\s*(%|\(%\)|（%）)?\s*$"


def _value(title: str, description: str, examples: list[Any], **schema: Any) -> dict[str, Any]:
    return {"title": title, "description": description, "examples": examples, **schema}


def _number(title: str, description: str, examples: list[Any], blank: bool = False) -> dict[str, Any]:
    text = {"type": "string", "pattern": f"({NUMBER_TEXT})|({BLANK})" if blank else NUMBER_TEXT}
    kinds = [{"type": "number", "minimum": 0}, text, *([{"type": "null"}] if blank else [])]
    return _value(title, description, examples, anyOf=kinds)


def _amount(column: str) -> dict[str, Any]:
    return _number(column, f"{column}，单位为“资金单位”（元或万元）。照表上写：234.00、13414500 或 \"13,414,500\"；"
                           "不适用时写 — 或留空。", [234.00, "13,414,500", "—"], blank=True)


def _object(title: str, description: str, properties: dict[str, Any], required: list[str] | None = None,
            **schema: Any) -> dict[str, Any]:
    result = {"title": title, "description": description, "type": "object", "properties": properties,
              "additionalProperties": False, **schema}
    if required:
        result["required"] = required
    return result


def _alias(key: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "title": f"{key}（同“{k.canonical(key)}”）"}


WEIGHT = _number("分值", "这一项的分值（权重）。各项分值与预算执行率的分值合计应为 100。", [10, 5.00])
SCORE = _number("得分", "填报的得分（可不填：按评分规则计算）。填了就按填报的数值公布，docgen check 会与评分规则核对。",
                [10, 9.32])
REASON = _value("偏差原因分析及改进措施", "未完成年度指标值或扣分时，写明原因和改进措施；扣了分却不写会被审核指出。",
                ["后续纳入处级领导干部任职培训班"], type="string")

METER_UNIT = _value("计量单位", "年度指标值的单位；实际完成值只写数字时也按这个单位（180 → 180人）。",
                    ["人", "%", "小时"], type="string")

ACTUAL = _value(
    "实际完成值", "实际完成的数值或情况，带单位：95%、84.00(件)；定性指标写与目标相同的词（达成），"
                  "或“达成指标”“部分达成指标并具有一定效果”“未达成指标且效果较差”。",
    ["100.00(%)", "131人", "及时", "达成指标", "部分达成指标并具有一定效果"], type=["string", "number"])

SIGN = _value("计算符号", "与“指标值”“计量单位”一起代替“年度指标值”（预算管理一体化系统的写法）："
                         "≥、≤、=、>、<，定性指标写“定性”。", ["≥", "≤", "=", "定性"], type="string")

INDICATOR = _object(
    "三级指标", "一个具体的绩效指标：一行。", {
        k.NAME: _value("三级指标", "指标名称。", ["区域化党建工作完成率", "基层党组织满意度"], type="string"),
        k.TARGET: _value(
            "年度指标值", "表上写的目标。定量：≥90%、=100(%)、\"<=30分钟\"、300-400人（区间）；定性：及时、有效、"
                          "2022年12月底前。运算符可写 >= <= = > < 或 ≥ ≤ ＝；以 > 开头的值必须加引号（\">=90%\"）。",
            ["≥90(%)", "=100(%)", "\">=135人\"", "\"<=30分钟\"", "300-400人", "=0(次)", "及时", "2022年12月底前"],
            type=["string", "number"]),
        k.SIGN: SIGN,
        k.INDEX_VALUE: _value("指标值", "年度指标值的数值（或定性指标的文字），与“计算符号”“计量单位”合起来即"
                                        "表上印出的年度指标值：≥ + 200 + 人 → ≥200人。", [200, "90", "及时"],
                              type=["string", "number"]),
        k.METER_UNIT: METER_UNIT,
        **{alias: _alias(alias, METER_UNIT) for alias in k.aliases(k.METER_UNIT)},
        k.ACTUAL: ACTUAL,
        **{alias: _alias(alias, ACTUAL) for alias in k.aliases(k.ACTUAL)},
        k.WEIGHT: WEIGHT,
        k.SCORE: SCORE,
        k.REASON: REASON,
        **{alias: _alias(alias, REASON) for alias in k.aliases(k.REASON)},
        **{alias: _alias(alias, WEIGHT) for alias in k.aliases(k.WEIGHT)},
        **{alias: _alias(alias, SIGN) for alias in k.aliases(k.SIGN)},
        k.OTHER_FIELDS: {"title": "其他栏目", "description": "这一指标在表上其他栏目中的文字：栏目名 → 内容，"
                                                            "模板的 form.indicator_columns 列出栏目名时印出（如 得分计算方法）。",
                         "type": "object", "additionalProperties": {"type": ["string", "number"]},
                         "examples": [{"得分计算方法": "完成得满分，每少 1% 扣 1 分"}]},
    },
    required=[k.NAME],
    allOf=[{"anyOf": [{"required": [k.ACTUAL]}, *({"required": [alias]} for alias in k.aliases(k.ACTUAL))]},
           {"anyOf": [{"required": [k.WEIGHT]}, *({"required": [alias]} for alias in k.aliases(k.WEIGHT))]},
           {"anyOf": [{"required": [k.TARGET]}, {"required": [k.INDEX_VALUE]}]}],
    defaultSnippets=[{"label": "新的三级指标", "description": "三级指标、年度指标值、实际完成值、分值",
                      "body": {k.NAME: "$1", k.TARGET: "$2", k.ACTUAL: "$3", k.WEIGHT: "$4"}}],
)


def _indicator_list(level2: str) -> dict[str, Any]:
    return {"title": level2, "description": f"{level2}下的三级指标，按表上的顺序逐条写（每条以 - 开头）。",
            "type": "array", "minItems": 1, "items": INDICATOR}


def _level1(level1: str, children: tuple[str, ...]) -> dict[str, Any]:
    return {"title": level1, "description": f"一级指标“{level1}”：其下的二级指标为 {'、'.join(children)}。",
            "type": "object", "minProperties": 1,
            "properties": {level2: _indicator_list(level2) for level2 in children},
            "additionalProperties": _indicator_list("二级指标")}


def _funding_row(name: str) -> dict[str, Any]:
    amounts = {column: _amount(column) for column in (INITIAL, ADJUSTED, EXECUTED)}
    amounts |= {alias: _alias(alias, _amount(k.canonical(alias))) for column in (INITIAL, ADJUSTED, EXECUTED)
                for alias in k.aliases(column)}
    reason = _value("原因", "这一行预算执行的偏差原因（有“原因”一栏的表式，如四川省的自评表）。", ["项目尚未完工"],
                    type="string")
    amounts |= {k.REASON: reason, **{alias: _alias(alias, reason) for alias in k.aliases(k.REASON)}}
    if name != FUNDING_ROWS[0]:
        return _object(name, f"“{name}”一行：年初预算数、全年预算数、全年执行数（不适用的可不写）。", amounts)
    rate = _value("执行率", "填报的执行率（%），可不填：按 全年执行数 ÷ 全年预算数 计算并核对。",
                  [89.61, "89.61%", "89.61(%)"], anyOf=[{"type": "number", "minimum": 0},
                                                        {"type": "string", "pattern": PERCENT}])
    weight = {**WEIGHT, "description": "预算执行率的分值，不写时为 10。", "examples": [10]}
    return _object(name, "年度资金总额一行，也是带分值、执行率、得分的一行。", {
        **amounts, k.WEIGHT: weight, k.RATE: rate, k.SCORE: {**SCORE, "title": "得分（预算执行）"},
        **{alias: _alias(alias, rate) for alias in k.aliases(k.RATE)},
        **{alias: _alias(alias, weight) for alias in k.aliases(k.WEIGHT)},
    })


NARRATIVE_EXAMPLES = {k.CODE: "510000_0013zp", "项目属性": "延续", "项目负责人": "张三", "财务负责人": "李四",
                      "填报日期": "2024年3月1日"}


def _goals() -> dict[str, Any]:
    planned = _value("预期目标", "年初设定的总体目标。", ["1、……\n2、……"], type="string")
    achieved = _value("实际完成情况", "全年实际完成的情况。", ["1、……\n2、……"], type="string")
    return _object("年度总体目标", "年度总体目标：预期目标与实际完成情况，各可写多段（用 | 开始一段多行文字）。", {
        k.PLANNED: planned, k.ACHIEVED: achieved,
        **{alias: _alias(alias, planned) for alias in k.aliases(k.PLANNED)},
        **{alias: _alias(alias, achieved) for alias in k.aliases(k.ACHIEVED)},
        k.OVERVIEW: _value(k.OVERVIEW, "项目实施内容及过程概述（可选；四川等省的表式写在“项目基本情况”中）。", ["……"],
                           type="string"),
    }, allOf=[{"anyOf": [{"required": [key]}, *({"required": [alias]} for alias in k.aliases(key))]}
              for key in (k.PLANNED, k.ACHIEVED)])


def input_schema(profiles: list[str] | None = None) -> dict[str, Any]:
    """The JSON Schema of one evaluation file; ``profiles`` are offered as 模板 values."""
    goals = _goals()
    properties: dict[str, Any] = {
        k.SCHEMA: _value("$schema", "本文件所用 JSON Schema 的路径（供编辑器使用，docgen 不读取）。",
                         ["../../docgen.schema.json"], type="string"),
        k.YEAR: _value("年度", "评价的年度。可写在 _defaults.yaml 中，或由所在文件夹（如 inputs/2024/）给出。",
                       [2024], anyOf=[{"type": "integer", "minimum": 1990, "maximum": 2100},
                                      {"type": "string", "pattern": r"^\s*(19|20)[0-9]{2}\s*(年度?)?\s*$"}]),
        k.PROJECT: _value("项目名称", "项目名称，照表上写。", ["党建服务工作经费"], type="string"),
        k.DEPARTMENT: _value("主管部门", "主管部门（通常写在 _defaults.yaml 中）。", ["中共上海市委组织部"], type="string"),
        k.UNIT: _value("实施单位", "实施单位。", ["上海市党建服务中心"], type="string"),
        k.MONEY_UNIT: _value("资金单位", "本文件所有金额的单位：元 或 万元，不写时为 万元。", ["万元"],
                             enum=list(MONEY_UNITS)),
        k.FUNDING: _object("项目资金", "项目资金表：年度资金总额（必填）及其中的当年财政拨款、上年结转资金、其他资金"
                                       "（四川等省的表式另有财政资金、财政专户管理资金、单位资金）。",
                           {**{name: _funding_row(name) for name in (TOTAL_ROW, *ALL_SOURCE_ROWS)},
                            **{alias: _alias(alias, _funding_row(TOTAL_ROW)) for alias in k.aliases(TOTAL_ROW)}},
                           anyOf=[{"required": [TOTAL_ROW]}, *({"required": [alias]} for alias in k.aliases(TOTAL_ROW))],
                           additionalProperties=_funding_row("资金来源")),  # a province's own source row
        k.GOALS: goals,
        **{alias: {**goals, "title": f"{alias}（同“年度总体目标”）"} for alias in k.aliases(k.GOALS)},
        k.INDICATORS: {"title": "绩效指标", "description": "绩效指标：一级指标 → 二级指标 → 三级指标列表，顺序照表上写。",
                       "type": "object", "minProperties": 1,
                       "properties": {level1: _level1(level1, children) for level1, children in k.LEVELS.items()},
                       "additionalProperties": _level1("一级指标", ())},
        k.TOTAL: _number("总分", "填报的总分（可不填）：docgen 按 预算执行得分 + 各指标得分 计算并核对。", [97.89]),
        k.GRADE: _value("评分等级", "填报的评分等级（可不填）：90 分及以上 优，80–90 良，60–80 中，60 以下 差。", ["优"],
                        enum=list(GRADES)),
        **{key: _value(key, f"{key}（可选；四川等省的表式印出，位置由模板的 form 设置决定）。", [NARRATIVE_EXAMPLES.get(key, "…")],
                       type=["string", "number"]) for key in k.NARRATIVE},
        k.OTHER_FIELDS: {"title": "其他栏目", "description": "表上其他的文字栏目：标签 → 内容，模板的 form 设置按标签印出"
                                                            "（如 审核意见: 同意）。", "type": "object",
                         "additionalProperties": {"type": ["string", "number"]}, "examples": [{"审核意见": "同意"}]},
        k.PROFILE: _value("模板", "用哪个模板（机构的表格样式）生成文档，通常写在 _defaults.yaml 中。"
                                  "可用的模板：docgen profiles。", profiles or ["default"], type="string"),
    }
    return {
        "$schema": SCHEMA_URI,
        "title": "财政项目支出绩效自评表（docgen 输入文件）",
        "description": "一个项目的绩效自评表，键为表上的标签。详见 README 的“输入格式”。",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "required": [k.PROJECT, k.FUNDING, k.INDICATORS],
    }


def schema_modeline(path: Path, root: Path) -> str:
    """``# yaml-language-server: $schema=../../docgen.schema.json`` for the nearest schema file in the
    folders from ``path`` up to ``root``, or an empty string if none was written (``docgen schema -o``)."""
    folder = path.parent
    for candidate in (folder, *folder.parents):
        schema = candidate / SCHEMA_FILE
        if schema.is_file():
            return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}\n"
        if candidate == root or candidate == Path(candidate.anchor):
            break
    return ""
