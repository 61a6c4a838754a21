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
    FORECAST,
    FUNDING_ROWS,
    GRADES,
    INITIAL,
    LIKELIHOODS,
    MONEY_UNITS,
    PERIOD,
    TOTAL_ROW,
)

TO_DATE_PATTERN = r"^1\s*[-—–~～至]\s*[0-9]{1,2}\s*月\s*(执行数|执行率|执行情况)$"


def _month_key(column: str) -> str:
    """The pattern of a 1-N月 key of one column (执行数 → 1-7月执行数, 1至6月执行数 …)."""
    return TO_DATE_PATTERN.replace("(执行数|执行率|执行情况)", column)


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

# an indicator's 监控表 columns: in its 监控 block, or in the indicator itself
MONITORED: dict[str, Any] = {
    k.TO_DATE_DONE: _value("1-N月执行情况", "截至监控月份的完成情况，键中写明月份，如 1-7月执行情况: 320人。",
                           ["320人", "60%"], type=["string", "number"]),
    k.FORECAST_DONE: _value("全年预计完成情况", "预计全年能完成的数值或情况。", ["520人"], type=["string", "number"]),
    k.LIKELIHOOD: _value("完成目标可能性", "确定能、有可能 或 完全不可能。后两者须写偏差原因分析和纠偏措施。",
                         ["确定能"], enum=[*LIKELIHOODS, "能", "可能", "不可能"]),
    k.CAUSE: _value("偏差原因分析", "经费保障、制度保障、人员保障、硬件条件保障 或 其他，并写明原因。",
                    ["经费保障：第二批资金尚未下达"], type="string"),
    k.MEASURE: _value("纠偏措施", "为完成目标采取的措施（或备注）。", ["加快资金拨付"], type="string"),
    **{alias: {**_value(f"{alias}（同“{key}”）", f"同“{key}”。", ["……"], type=["string", "number"])}
       for alias, key in k.MONITORED_ALIASES.items() if alias not in k.MONITORED_KEYS},
}


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
        k.PERIOD_TARGET: _value("中期指标值", "申报表：整个项目期的目标（多年项目），如 ≥1500人。", ["≥1500人"],
                                type=["string", "number"]),
        k.REMARK: _value("备注", "申报表中这一指标的备注。", ["……"], type="string"),
        k.MONITORING: _object("监控", "监控表中这一指标的各栏（年中填写）。", MONITORED, patternProperties={_month_key("执行情况"):
                              _value("1-N月执行情况", "截至监控月份的完成情况。", ["320人"], type=["string", "number"])}),
        # the same columns written in the indicator itself (完成目标可能性: 确定能)
        **{key: MONITORED[key] for key in k.FLAT_MONITORED},
        k.ADJUSTMENT: _object("调整", "自评时年度指标值与批复的不同：写明原指标值和调整原因（经批准的调整）。", {
            k.ORIGINAL: _value("原指标值", "批复的年度指标值。", ["≥500人"], type=["string", "number"]),
            k.ADJUST_REASON: _value("调整原因", "为什么调整，及批准的文件。", ["预算调减，经财政局批准（沪财绩〔2025〕12号）"],
                                    type="string"),
            "原因": _value("原因（同“调整原因”）", "为什么调整。", ["……"], type="string"),
        }),
    },
    patternProperties={_month_key("执行情况"):
                       _value("1-N月执行情况", "截至监控月份的完成情况（也可写在 监控 中）。", ["320人"],
                              type=["string", "number"])},
    required=[k.NAME],
    # 分值 and 实际完成值 are the 自评表's: a 申报 or 监控 file has neither yet, a 自评 file both
    allOf=[{"anyOf": [{"required": [k.TARGET]}, {"required": [k.INDEX_VALUE]}]},
           *({"if": {"required": [actual]}, "then": {"anyOf": [{"required": [weight]} for weight in
                                                              (k.WEIGHT, *k.aliases(k.WEIGHT))]}}
             for actual in (k.ACTUAL, *k.aliases(k.ACTUAL)))],
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
    amounts |= {PERIOD: _amount(PERIOD) | {"description": "申报表：整个项目期的金额（多年项目）。"},
                FORECAST: _amount(FORECAST) | {"description": "监控表：预计全年能执行的金额。"}}
    months = {_month_key("执行数"): _amount("1-N月执行数")}
    if name != FUNDING_ROWS[0]:
        return _object(name, f"“{name}”一行：年初预算数、全年预算数、全年执行数（不适用的可不写）；监控表另有"
                             f" 1-N月执行数、全年预计执行数，申报表另有中期资金。", amounts, patternProperties=months)
    rate = _value("执行率", "填报的执行率（%），可不填：按 全年执行数 ÷ 全年预算数 计算并核对。",
                  [89.61, "89.61%", "89.61(%)"], anyOf=[{"type": "number", "minimum": 0},
                                                        {"type": "string", "pattern": PERCENT}])
    weight = {**WEIGHT, "description": "预算执行率的分值，不写时为 10。", "examples": [10]}
    return _object(name, "年度资金总额一行，也是带分值、执行率、得分的一行。", {
        **amounts, k.WEIGHT: weight, k.RATE: rate, k.SCORE: {**SCORE, "title": "得分（预算执行）"},
        **{alias: _alias(alias, rate) for alias in k.aliases(k.RATE)},
        **{alias: _alias(alias, weight) for alias in k.aliases(k.WEIGHT)},
    }, patternProperties={**months, _month_key("执行率"): rate})


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
              for key in (k.PLANNED,)])


def _stages() -> dict[str, Any]:
    """The 申报, 监控 and 批复 blocks: what the year's other forms hold beyond the shared project."""
    text = {"type": ["string", "number", "null"]}  # a 申报 skeleton's texts are blank until written
    step = _object("实施进度计划的一行", "项目实施内容、开始时间、完成时间。", {
        k.STEP_CONTENT: _value(k.STEP_CONTENT, "这一阶段做什么。", ["完成招标采购"], type="string"),
        k.STEP_START: _value(k.STEP_START, "开始时间：2025年3月、2025-03 或 2025-03-15。", ["2025年3月"], **text),
        k.STEP_END: _value(k.STEP_END, "完成时间，须在项目期内。", ["2025年6月"], **text)}, required=[k.STEP_CONTENT])
    declaration = _object("申报", "申报表（绩效目标申报，年初填写）的栏目；项目、资金、年度总体目标和绩效指标与自评表共用。", {
        k.DEPARTMENT_CODE: _value(k.DEPARTMENT_CODE, "主管部门编码。", ["101"], **text),
        k.PROJECT_PERIOD: _value(k.PROJECT_PERIOD, "项目起止时间，如 2025年1月-2025年12月、2024-2026年；不写时为年度。",
                                 ["2025年1月-2025年12月"], **text),
        **{alias: _value(f"{alias}（同“{k.PROJECT_PERIOD}”）", "项目起止时间。", ["2025年1月-2025年12月"], **text)
           for alias in k.aliases(k.PROJECT_PERIOD)},
        **{key: _value(key, f"申报表的“{key}”。", ["……"], type=["string", "null"]) for key in k.DECLARATION_TEXTS},
        **{key: _value(key, f"申报表表头的“{key}”（不写时用文件最外层的同名栏目）。", [NARRATIVE_EXAMPLES.get(key, "…")],
                       **text) for key in k.DECLARATION_HEADER},
        k.SCHEDULE: {"title": k.SCHEDULE, "description": "项目实施进度计划：每行一项。", "type": "array", "items": step},
        k.LONG_TERM: _value(k.LONG_TERM, "长期（中期）绩效目标。", ["……"], type="string"),
        **{alias: _value(f"{alias}（同“{k.LONG_TERM}”）", "长期（中期）绩效目标。", ["……"], type="string")
           for alias in k.aliases(k.LONG_TERM)},
        k.OTHER_FIELDS: {"title": "其他栏目", "description": "申报表上其他的文字栏目（如 主管部门审核意见）。",
                         "type": "object", "additionalProperties": text, "examples": [{"主管部门审核意见": "同意"}]},
    })
    monitoring = _object("监控", "监控表（绩效运行监控，年中填写）的栏目：截至月份和年度总体目标的执行情况。", {
        k.MONTH: _value(k.MONTH, "监控截至的月份（1–12）：1-7月执行数 等各栏的 7。", [7, 6],
                        type="integer", minimum=1, maximum=12),
        "总体目标执行情况": _value("总体目标执行情况", "年度总体目标截至监控月份的执行情况。", ["……"], type="string"),
        k.OTHER_FIELDS: {"title": "其他栏目", "description": "监控表上其他的文字栏目。", "type": "object",
                         "additionalProperties": text, "examples": [{"备注": "……"}]},
    }, patternProperties={_month_key("执行情况"):
                          _value("1-N月执行情况", "年度总体目标截至监控月份的执行情况。", ["……"], type="string")})
    approval = _object("批复", "批复的年度指标值：自评时每个年度指标值与之核对，改了而未写“调整”即为错误。", {
        k.APPROVAL_DATE: _value("日期", "批复日期。", ["2025-03-20"], **text),
        k.APPROVAL_NUMBER: _value("文号", "批复文号。", ["沪财预〔2025〕8号"], **text),
        k.TARGET: {"title": "年度指标值", "description": "三级指标 → 批复的年度指标值。", "type": "object",
                   "additionalProperties": text, "examples": [{"培训人次": "≥500人"}]},
    })
    return {k.DECLARATION: declaration, k.MONITORING: monitoring, k.APPROVAL: approval}


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
        **(stages := _stages()),
        **{key: stages[k.DECLARATION]["properties"][key] for key in k.FLAT_DECLARATION},
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
