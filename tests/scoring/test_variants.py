"""An agency's variants of the scoring rules (profile.yaml ``rules:``), each worked out by hand, and the
national rules unchanged where a profile says nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from docgen.errors import Where
from docgen.inputs.records import Indicator
from docgen.scoring.rules import score_indicator
from docgen.scoring.variants import NATIONAL, Rules
from tests.conftest import EXAMPLE, CliResult, replace_line

CAPS = ((Decimal(60), Decimal(69)), (Decimal(70), Decimal(79)), (Decimal(80), Decimal(89)))


def rule(target: str, actual: str, rules: Rules, weight: str = "10") -> Decimal:
    indicator = Indicator(Where("t.yaml", 1), name="指标", target=target, actual=actual, weight=Decimal(weight))
    return score_indicator(indicator, 2024, rules).score


def test_rate_truncated_or_half_up() -> None:
    assert NATIONAL.execution_rate(Decimal(806599), Decimal(1000000)) == Decimal("80.66")
    assert Rules(rate_rounding="truncate").execution_rate(Decimal(806599), Decimal(1000000)) == Decimal("80.65")
    assert Rules(rate_rounding="truncate").execution_rate(Decimal(3013900), Decimal(3029320)) == Decimal("99.49")


def test_reverse_formula() -> None:
    assert rule("≤5%", "8%", NATIONAL) == Decimal("6.25")  # 5 ÷ 8 × 10
    assert rule("≤5%", "8%", Rules(reverse="deviation")) == Decimal("4.00")  # (1 − 3 ÷ 5) × 10
    assert rule("≤5%", "12%", Rules(reverse="deviation")) == Decimal("0.00")  # never below 0
    assert rule("≤5%", "4%", Rules(reverse="deviation")) == Decimal(10)


def test_overshoot_deduction() -> None:
    rules = Rules(overshoot_percent=Decimal(50), overshoot_deduction=Decimal(1))
    assert rule("≥100人", "160人", rules) == Decimal(9)
    assert rule("≥100人", "149人", rules) == Decimal(10)
    assert rule("≥100人", "160人", NATIONAL) == Decimal(10)  # the national rule only flags it


def test_total_caps() -> None:
    rules = Rules(total_caps=CAPS)
    assert rules.cap_for(Decimal("75.00")) == Decimal(89)  # 70–80% → at most 89
    assert rules.cap_for(Decimal("65.00")) == Decimal(79)
    assert rules.cap_for(Decimal("59.99")) == Decimal(69)
    assert rules.cap_for(Decimal("80.00")) is None and NATIONAL.cap_for(Decimal(10)) is None


PROFILE = """extends: default
rules:
  rate_rounding: truncate
  reverse: deviation
  overshoot: {over_percent: 50, deduct: 1}
  total_caps:
    - {rate_below: 80, cap: 89}
    - {rate_below: 70, cap: 79}
"""


def test_a_profile_states_its_variants_and_check_applies_them(write: Callable[..., Path],
                                                               cli: Callable[..., CliResult]) -> None:
    folder = write("tpl/严格/profile.yaml", PROFILE).parent.parent
    text = replace_line(EXAMPLE, "全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89",
                        "全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89")
    path = write("x.yaml", text)
    national = json.loads(cli("check", "--json", str(path)).out)[0]
    result = cli("check", "--json", "--templates", str(folder), "--profile", "严格", str(path))
    strict = json.loads(result.out)[0]
    assert national["执行率"] == "78.91" and strict["执行率"] == "78.91"  # 184.65 ÷ 234 = 78.9102…
    assert national["总分"] == "97.89" and strict["总分"] == "89.00"  # capped: 执行率 below 80
    codes = {f["code"] for f in strict["findings"]}
    assert "TOTAL_CAPPED" in codes and "TOTAL_MISMATCH" in codes
    assert any("总分至多 89" in rule for rule in strict["评分规则"]) and national["评分规则"][0].startswith("全国")


def test_a_wrong_rules_value_names_its_line(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    folder = write("tpl/坏/profile.yaml", "extends: default\nrules:\n  rate_rounding: 银行家\n").parent.parent
    result = cli("check", "--templates", str(folder), "--profile", "坏", str(write("x.yaml", EXAMPLE)))
    assert result.exit_code == 2 and "profile.yaml:3" in result.err and "half_up / truncate" in result.err
