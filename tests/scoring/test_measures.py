"""Targets and actuals → operator, numbers, unit; anything else is qualitative and never an error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.scoring.measures import comparable, parse_measure


@pytest.mark.parametrize(
    ("text", "op", "value", "upper", "unit"),
    [
        ("≥90(%)", "≥", "90", None, "%"),
        (">=135人", "≥", "135", None, "人"),
        ("＞＝90％", "≥", "90", None, "%"),
        ("=100.00(%)", "=", "100.00", None, "%"),
        ("=100 (%)", "=", "100", None, "%"),
        ("≥ 85", "≥", "85", None, ""),
        ("300-400人", "-", "300", "400", "人"),
        ("=1期/月", "=", "1", None, "期/月"),
        ("<=30分钟", "≤", "30", None, "分钟"),
        ("≤1小时", "≤", "1", None, "小时"),
        ("<5次", "<", "5", None, "次"),
        ("=0(次)", "=", "0", None, "次"),
        ("100%", "", "100", None, "%"),
        ("18个模块", "", "18", None, "个模块"),
        ("不少于5次", "≥", "5", None, "次"),
        ("24小时以内", "≤", "24", None, "小时"),
        ("≥90,000次", "≥", "90000", None, "次"),
        ("84.00(件)", "", "84.00", None, "件"),
    ],
)
def test_quantitative(text: str, op: str, value: str, upper: str | None, unit: str) -> None:
    measure = parse_measure(text)
    assert (measure.op, measure.value, measure.upper, measure.unit) == (
        op, Decimal(value), Decimal(upper) if upper else None, unit)


@pytest.mark.parametrize(
    "text",
    ["及时", "2022年12月底前", "0.5小时内响应，2小时内抵达现场", "=11月前", "14个街镇、工业区", "达成指标",
     "部分达成指标并具有一定效果", "高危漏洞不多于2天，中危漏洞不多于5天", "", "有效"],
)
def test_qualitative(text: str) -> None:
    assert not parse_measure(text).quantitative


def test_time_units_convert() -> None:
    numbers = comparable(parse_measure("≤1小时"), parse_measure("30分钟"))
    assert numbers is not None
    assert (numbers.target, numbers.actual, numbers.units) == (Decimal(3600), Decimal(1800), "converted")


def test_wan_is_a_multiplier_not_a_unit() -> None:
    numbers = comparable(parse_measure(">=45万页"), parse_measure("450000页"))
    assert numbers is not None and numbers.target == numbers.actual == 450000 and numbers.units == "same"


def test_unit_relations() -> None:
    def units(target: str, actual: str) -> str:
        numbers = comparable(parse_measure(target), parse_measure(actual))
        assert numbers is not None
        return numbers.units

    assert units(">=45人", "50人") == "same"
    assert units(">=45人", "50") == "missing"
    assert units(">=45人", "50人次") == "different"


@given(st.text(max_size=60))
def test_any_text_parses_without_error(text: str) -> None:
    measure = parse_measure(text)
    assert measure.text == text
    if measure.quantitative:
        assert measure.value is not None and measure.value >= 0
