"""The target as the 预算管理一体化 systems store it — 计算符号, 指标值, 计量单位 — beside the free text: read,
scored and printed exactly as the free text would be (``≥`` ``200`` ``人`` → ``≥200人``)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import jsonschema
import yaml

from docgen.inputs.schema import input_schema
from docgen.layout.table import build_table
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile
from tests.conftest import EXAMPLE, replace_line

LINE = '- {三级指标: 工作验收合格率, 年度指标值: "=100(%)", 实际完成值: 100.00(%), 分值: 10}'


def with_indicator(fields: str) -> str:
    text = replace_line(EXAMPLE, LINE, f"- {{三级指标: 工作验收合格率, {fields}, 分值: 10, 偏差原因分析及改进措施: 延期}}")
    return text.replace("总分: 97.89\n", "").replace("评分等级: 优\n", "")


def test_sign_value_and_unit_read_and_print_as_the_free_text(write: Callable[..., Path]) -> None:
    structured = check_file(str(write("a.yaml", with_indicator("计算符号: ≥, 指标值: 200, 计量单位: 人, 实际完成值: 180"))))
    free = check_file(str(write("b.yaml", with_indicator('年度指标值: "≥200人", 实际完成值: 180人'))))
    assert structured.scored is not None and free.scored is not None, structured.error
    [item] = [i for i in structured.scored.indicators if i.indicator.name == "工作验收合格率"]
    assert (item.indicator.target, item.indicator.actual, item.rule.score) == ("≥200人", "180人", Decimal("9.00"))
    assert [f.code for f in structured.findings] == [f.code for f in free.findings]
    assert structured.scored.total == free.scored.total
    table = build_table(structured.scored, load_profile())
    texts = [cell.text for cell in table.grids[1].cells]
    assert "≥200人" in texts and "180人" in texts


def test_reverse_and_qualitative_signs(write: Callable[..., Path]) -> None:
    reverse = check_file(str(write("r.yaml", with_indicator("计算符号: 小于等于, 指标值: 4, 计量单位: 小时, 实际完成值: 5"))))
    assert reverse.scored is not None
    [item] = [i for i in reverse.scored.indicators if i.indicator.name == "工作验收合格率"]
    assert (item.indicator.target, item.rule.kind.value, item.rule.score) == ("≤4小时", "反向", Decimal("8.00"))
    words = check_file(str(write("q.yaml", with_indicator("计算符号: 定性, 指标值: 及时, 实际完成值: 及时"))))
    assert words.scored is not None
    [item] = [i for i in words.scored.indicators if i.indicator.name == "工作验收合格率"]
    assert (item.indicator.target, item.rule.score) == ("及时", Decimal(10))


def test_both_forms_or_an_unknown_sign_are_refused_with_the_line(write: Callable[..., Path]) -> None:
    both = check_file(str(write("c.yaml", with_indicator('年度指标值: "≥200人", 计算符号: ≥, 指标值: 200, 实际完成值: 180'))))
    assert both.error is not None and "二者选一" in both.error.first.message and both.error.first.where.line == 21
    odd = check_file(str(write("d.yaml", with_indicator("计算符号: 约, 指标值: 200, 实际完成值: 180"))))
    assert odd.error is not None and "无法识别" in odd.error.first.message
    missing = check_file(str(write("e.yaml", with_indicator("计算符号: ≥, 计量单位: 人, 实际完成值: 180"))))
    assert missing.error is not None and "指标值" in missing.error.first.message


def test_the_schema_accepts_the_structured_form() -> None:
    data = yaml.safe_load(with_indicator("计算符号: ≥, 指标值: 200, 计量单位: 人, 实际完成值: 180"))
    jsonschema.validate(data, input_schema())
    del data["绩效指标"]["产出指标"]["质量指标"][0]["指标值"]
    try:
        jsonschema.validate(data, input_schema())
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("an indicator with neither 年度指标值 nor 指标值 passed the schema")
