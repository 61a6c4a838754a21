"""Each scoring rule of 财预〔2020〕10号 on one indicator, and the bounds every score keeps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.errors import Where
from docgen.inputs.records import Indicator
from docgen.scoring.rules import Kind, Tier, score_indicator


def indicator(target: str, actual: str, weight: str = "10", declared: str | None = None) -> Indicator:
    return Indicator(Where("t.yaml", 1), name="指标", target=target, actual=actual, weight=Decimal(weight),
                     declared_score=Decimal(declared) if declared is not None else None)


@pytest.mark.parametrize(
    ("target", "actual", "weight", "kind", "score", "met"),
    [
        (">=135人", "131人", "2", Kind.POSITIVE, "1.94", False),  # seed 000
        (">=50期", "35期", "3", Kind.POSITIVE, "2.10", False),  # seed 000
        (">=4000人", "4234人", "3", Kind.POSITIVE, "3", True),
        ("=100%", "60%", "3", Kind.POSITIVE, "1.80", False),
        ("100%", "100%", "5", Kind.POSITIVE, "5", True),
        ("<=30分钟", "20分钟", "5", Kind.REVERSE, "5", True),
        ("<=30分钟", "40分钟", "5", Kind.REVERSE, "3.75", False),
        ("≤1小时", "30分钟", "5", Kind.REVERSE, "5", True),
        ("≤1小时", "90分钟", "6", Kind.REVERSE, "4.00", False),
        ("=0%", "2.5%", "5", Kind.ZERO, "0", False),  # a published table: =0% target, 2.5% actual → 0
        ("=0(次)", "0(次)", "10", Kind.ZERO, "10", True),
        ("300-400人", "343人", "3", Kind.RANGE, "3", True),
        ("300-400人", "240人", "3", Kind.RANGE, "2.40", False),
        ("300-400人", "500人", "3", Kind.RANGE, "3", True),
        (">=45人", "0", "2", Kind.POSITIVE, "0", False),
    ],
)
def test_quantitative_rules(target: str, actual: str, weight: str, kind: Kind, score: str, met: bool) -> None:
    rule = score_indicator(indicator(target, actual, weight))
    assert (rule.kind, rule.score, rule.met) == (kind, Decimal(score), met)


def test_overshoot_is_flagged_not_penalised() -> None:
    rule = score_indicator(indicator("≥4000.00(人次)", "70680.00(人次)", "7"))  # seed 001
    assert rule.score == Decimal(7) and rule.overshoot == Decimal("17.67")
    assert score_indicator(indicator(">=450人", "635人")).overshoot is None
    assert score_indicator(indicator("300-400人", "900人")).overshoot is None  # above the range: met
    assert score_indicator(indicator("300-400人", "1200人")).overshoot == Decimal("3.00")  # 3× the upper bound


@pytest.mark.parametrize(
    ("target", "actual", "declared", "tier", "score", "band"),
    [
        ("及时", "及时", None, Tier.ACHIEVED, "10", ("8.00", "10.00")),
        ("有效", "达成指标", None, Tier.ACHIEVED, "10", ("8.00", "10.00")),
        ("有效", "达成指标", "9", Tier.ACHIEVED, "9", ("8.00", "10.00")),
        ("续评成功", "部分达成指标并具有一定效果", "7", Tier.PARTIAL, "7", ("6.00", "7.99")),
        ("续评成功", "部分达成指标并具有一定效果", None, Tier.PARTIAL, "6.00", ("6.00", "7.99")),
        ("续评成功", "部分达成指标并具有一定效果", "9", Tier.PARTIAL, "7.99", ("6.00", "7.99")),  # 8 is 达成
        ("提升", "未达成年度指标且效果较差", "2", Tier.FAILED, "2", ("0.00", "5.99")),
        ("提升", "未达成年度指标且效果较差", None, Tier.FAILED, "0.00", ("0.00", "5.99")),
        ("符合重点工作方向", "0", "10", Tier.DESCRIBED, "10", ("0.00", "10.00")),  # seed 004: a bare number, declared stands
        ("合理", "安排设计合理", None, Tier.DESCRIBED, "10", ("0.00", "10.00")),
        ("6月底前", "年底前完成", "6", Tier.DESCRIBED, "6", ("0.00", "10.00")),
    ],
)
def test_qualitative_tiers(target: str, actual: str, declared: str | None, tier: Tier, score: str,
                           band: tuple[str, str]) -> None:
    rule = score_indicator(indicator(target, actual, "10", declared))
    assert rule.kind is Kind.QUALITATIVE
    assert (rule.tier, rule.score, rule.band) == (tier, Decimal(score), (Decimal(band[0]), Decimal(band[1])))


def test_numeric_target_with_words_actual_is_judged_qualitatively() -> None:
    rule = score_indicator(indicator("=11月前", "及时", "5"))
    assert (rule.kind, rule.score, rule.met) == (Kind.QUALITATIVE, Decimal(5), True)


def test_actual_written_as_target_is_recognised() -> None:
    assert score_indicator(indicator(">=85%", ">=85%")).actual_not_value
    assert score_indicator(indicator("10人次", "≥10人次")).actual_not_value
    assert score_indicator(indicator("有效", "0")).actual_not_value
    assert not score_indicator(indicator("1-12月", "1-12月")).actual_not_value
    assert not score_indicator(indicator(">=85%", "90%")).actual_not_value


MEASURE = st.builds(
    lambda op, n, unit: f"{op}{n}{unit}",
    st.sampled_from(["", "≥", ">=", "=", "≤", "<=", "<", ">", "＞", "不少于"]),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "%", "(%)", "人", "人次", "小时", "分钟", "天", "万页", "页"]),
)
WORDS = st.sampled_from(["及时", "达成指标", "部分达成指标并具有一定效果", "未达成", "有效", "0", "提升", ""])


@given(
    target=st.one_of(MEASURE, WORDS, st.text(max_size=20)),
    actual=st.one_of(MEASURE, WORDS, st.text(max_size=20)),
    weight=st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    declared=st.one_of(st.none(), st.decimals(min_value=0, max_value=120, places=2, allow_nan=False,
                                              allow_infinity=False)),
)
def test_rule_score_is_never_above_weight_nor_below_zero(target: str, actual: str, weight: Decimal,
                                                         declared: Decimal | None) -> None:
    rule = score_indicator(Indicator(Where("t.yaml", 1), target=target, actual=actual, weight=weight,
                                     declared_score=declared))
    assert Decimal(0) <= rule.score <= weight
    assert rule.score == rule.score.quantize(Decimal("0.01")) or rule.score in (weight, declared)
