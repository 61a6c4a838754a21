"""How targets and actuals are read and scored, over every wording of published tables (domain.md,
"Reading targets and actuals"; issue 15). Each expected score was worked out by hand from the rules:
positive actual ÷ target × weight, reverse target ÷ actual × weight, range actual ÷ lower bound × weight,
half up to 2 places; never from running docgen. The wordings are crossed with the cases, so every
operator wording meets every case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.errors import Where
from docgen.inputs.records import Indicator
from docgen.scoring.rules import Kind, RuleScore, Tier, score_indicator


def rule_of(target: str, actual: str, weight: str = "10", declared: str | None = None) -> RuleScore:
    """One indicator of a 2024 evaluation, scored."""
    return score_indicator(Indicator(Where("t.yaml", 1), name="指标", target=target, actual=actual,
                                     weight=Decimal(weight), declared_score=None if declared is None else Decimal(declared)),
                           2024)


# --- operators: each wording × each case ------------------------------------------------------------------

GE_WORDINGS = ["≥{n}{u}", "{n}{u}（含）以上", "≧{n}{u}", ">={n}{u}", "＞＝{n}{u}", "不低于{n}{u}", "不少于{n}{u}", "不小于{n}{u}",
               "至少{n}{u}", "达到{n}{u}", "大于等于{n}{u}", "{n}{u}以上", "{n}{u}及以上", "{n}{u}或以上"]
GE_CASES = [  # n, unit, actual, weight, score, met
    ("90", "%", "95%", "10", "10", True),
    ("90", "%", "81%", "10", "9.00", False),
    ("50", "人", "40人", "10", "8.00", False),
    ("50", "人", "约40人", "10", "8.00", False),
    ("50", "人", "40余人", "10", "8.00", False),
    ("50", "人", "40人（含线上）", "10", "8.00", False),
    ("200", "人", "180人（部分延期）", "10", "9.00", False),
    ("135", "人", "131", "2", "1.94", False),
]
LE_WORDINGS = ["≤{n}{u}", "≦{n}{u}", "<={n}{u}", "不高于{n}{u}", "不超过{n}{u}", "不多于{n}{u}", "不大于{n}{u}",
               "小于等于{n}{u}", "控制在{n}{u}以内", "控制在{n}{u}", "{n}{u}以内", "{n}{u}以下", "{n}{u}及以下",
               "{n}{u}之内"]
LE_CASES = [
    ("5", "%", "8%", "10", "6.25", False),
    ("5", "%", "4%", "10", "10", True),
    ("30", "分钟", "40分钟", "5", "3.75", False),
    ("1", "小时", "90分钟", "6", "4.00", False),
    ("5", "‰", "0.8%", "10", "6.25", False),
    ("5", "‰", "0.3%", "10", "10", True),
]
EQ_WORDINGS = ["={n}{u}", "＝{n}{u}", "═{n}{u}", "=={n}{u}", "等于{n}{u}", "{n}{u}"]
EQ_CASES = [
    ("100", "%", "98%", "10", "9.80", False),
    ("100", "%", "100%", "10", "10", True),
    ("12", "个月", "1年", "5", "5", True),
    ("100", "%", "980‰", "10", "9.80", False),
    ("135", "人", "131人", "2", "1.94", False),
    ("1", "万", "9000", "10", "9.00", False),
]
GT_WORDINGS = [">{n}{u}", "大于{n}{u}", "高于{n}{u}", "超过{n}{u}", "多于{n}{u}"]
GT_CASES = [("90", "%", "80%", "9", "8.00", False), ("90", "%", "95%", "9", "9", True)]
LT_WORDINGS = ["<{n}{u}", "小于{n}{u}", "低于{n}{u}", "少于{n}{u}"]
LT_CASES = [("5", "次", "10次", "10", "5.00", False), ("5", "次", "3次", "10", "10", True)]

OPERATOR_ROWS = [
    (wording.format(n=n, u=u), actual, weight, kind, score, met)
    for wordings, cases, kind in ((GE_WORDINGS, GE_CASES, Kind.POSITIVE), (LE_WORDINGS, LE_CASES, Kind.REVERSE),
                                  (EQ_WORDINGS, EQ_CASES, Kind.POSITIVE), (GT_WORDINGS, GT_CASES, Kind.POSITIVE),
                                  (LT_WORDINGS, LT_CASES, Kind.REVERSE))
    for wording in wordings for n, u, actual, weight, score, met in cases
]


@pytest.mark.parametrize(("target", "actual", "weight", "kind", "score", "met"), OPERATOR_ROWS)
def test_operators_in_every_wording(target: str, actual: str, weight: str, kind: Kind, score: str, met: bool) -> None:
    rule = rule_of(target, actual, weight)
    assert (rule.kind, rule.score, rule.met) == (kind, Decimal(score), met)
    assert rule.units != "different" and not rule.unscorable


# --- ranges: each separator, the unit on one or both bounds ------------------------------------------------

SEPARATORS = ["-", "—", "–", "～", "~", "至", "到", "－"]
RANGE_CASES = [  # low, high, unit, actual, weight, score, met, overshoot
    ("300", "400", "人", "240人", "3", "2.40", False, None),
    ("300", "400", "人", "350人", "3", "3", True, None),
    ("300", "400", "人", "500人", "3", "3", True, None),
    ("300", "400", "人", "1200人", "3", "3", True, "3.00"),
    ("90", "95", "%", "81%", "10", "9.00", False, None),
]
RANGE_ROWS = [
    (layout.format(a=a, b=b, u=u, s=s), actual, weight, score, met, overshoot)
    for s in SEPARATORS for layout in ("{a}{u}{s}{b}{u}", "{a}{s}{b}{u}")
    for a, b, u, actual, weight, score, met, overshoot in RANGE_CASES
]


@pytest.mark.parametrize(("target", "actual", "weight", "score", "met", "overshoot"), RANGE_ROWS)
def test_ranges(target: str, actual: str, weight: str, score: str, met: bool, overshoot: str | None) -> None:
    rule = rule_of(target, actual, weight)
    assert (rule.kind, rule.score, rule.met) == (Kind.RANGE, Decimal(score), met)
    assert rule.overshoot == (Decimal(overshoot) if overshoot else None)


# --- scale, units, zero targets ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("target", "actual", "weight", "kind", "score", "met"),
    [
        ("1万", "9000", "10", Kind.POSITIVE, "9.00", False),
        ("≥2.5万", "24500人次", "10", Kind.POSITIVE, "9.80", False),
        ("≥2.5万人次", "24500人次", "10", Kind.POSITIVE, "9.80", False),
        ("≥2.5万人次", "2.45万人次", "10", Kind.POSITIVE, "9.80", False),
        ("≥1万人", "12000人", "10", Kind.POSITIVE, "10", True),
        ("≥3亿元", "2.7亿元", "10", Kind.POSITIVE, "9.00", False),
        ("≥3亿元", "270000000元", "10", Kind.POSITIVE, "9.00", False),
        ("≥300万元", "270万元", "10", Kind.POSITIVE, "9.00", False),
        ("≥45万页", "450000页", "5", Kind.POSITIVE, "5", True),
        ("1-2万人次", "5000人次", "10", Kind.RANGE, "5.00", False),
        ("1-2万人次", "15000人次", "10", Kind.RANGE, "10", True),
        ("≥90,000次", "81,000次", "10", Kind.POSITIVE, "9.00", False),
        ("≤1天", "20小时", "5", Kind.REVERSE, "5", True),
        ("≤24小时", "2天", "5", Kind.REVERSE, "2.50", False),
        ("≤2小时", "150分钟", "5", Kind.REVERSE, "4.00", False),
        ("≥12个月", "1年", "4", Kind.POSITIVE, "4", True),
        ("≥1年", "9个月", "4", Kind.POSITIVE, "3.00", False),
        ("=4个季度", "1年", "4", Kind.POSITIVE, "4", True),
        ("≤1周", "10天", "7", Kind.REVERSE, "4.90", False),
        ("≥100%", "980‰", "10", Kind.POSITIVE, "9.80", False),
        ("≤5‰", "0.8%", "10", Kind.REVERSE, "6.25", False),
        ("=0次", "0次", "10", Kind.ZERO, "10", True),
        ("=0", "0", "10", Kind.ZERO, "10", True),
        ("=0次", "1次", "10", Kind.ZERO, "0", False),
        ("=0%", "2.5%", "5", Kind.ZERO, "0", False),
        ("≤0起", "1起", "4", Kind.ZERO, "0", False),
        ("≤0起", "0起", "4", Kind.ZERO, "4", True),
        ("0", "0.0", "4", Kind.ZERO, "4", True),
        ("<1次", "0次", "4", Kind.REVERSE, "4", True),
        ("=100(%)", "100.00(%)", "10", Kind.POSITIVE, "10", True),
        ("≥90(%)", "93(%)", "10", Kind.POSITIVE, "10", True),
        ("≥ 95 %", "９０％", "10", Kind.POSITIVE, "9.47", False),
        ("≥4000.00(人次)", "70680.00(人次)", "7", Kind.POSITIVE, "7", True),
    ],
)
def test_scale_units_and_zero(target: str, actual: str, weight: str, kind: Kind, score: str, met: bool) -> None:
    rule = rule_of(target, actual, weight)
    assert (rule.kind, rule.score, rule.met) == (kind, Decimal(score), met)
    assert rule.units != "different" and not rule.unscorable


# --- what cannot be scored from the numbers -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("target", "actual", "weight", "declared", "why", "score"),
    [
        ("≤5个工作日", "3天", "5", None, "units", "0"),
        ("≤5个工作日", "3天", "5", "5", "units", "5"),
        ("≥100人", "98人次", "10", None, "units", "0"),
        ("≥100人", "120人次", "10", "10", "units", "10"),
        ("≥10次", "10场", "10", None, "units", "0"),
        ("≥10篇", "12份", "4", "4", "units", "4"),
        ("≥90%", "较好", "10", None, "actual", "0"),
        ("≥90%", "较好", "10", "9", "actual", "9"),
        ("≥90%", "良好", "10", "10", "actual", "10"),
        ("≥50人", "按计划完成培训", "10", None, "actual", "0"),
        ("≤2小时", "及时响应", "5", None, "actual", "0"),
        ("300-400人", "若干", "5", None, "actual", "0"),
        ("=100%", "好", "5", "4", "actual", "4"),
        ("≥95%", "", "5", None, "actual", "0"),
    ],
)
def test_a_numeric_target_is_never_full_marks_by_default(target: str, actual: str, weight: str, declared: str | None,
                                                         why: str, score: str) -> None:
    rule = rule_of(target, actual, weight, declared)
    assert (rule.unscorable, rule.score, rule.met) == (why, Decimal(score), False)
    assert rule.kind is not Kind.QUALITATIVE
    assert rule.actual_not_value == (why == "actual")


@pytest.mark.parametrize(
    ("target", "actual", "declared", "tier", "score"),
    [
        ("≥50人", "达成指标", None, Tier.ACHIEVED, "10"),
        ("≥50人", "部分达成", "7", Tier.PARTIAL, "7"),
        ("≥50人", "未完成", None, Tier.FAILED, "0.00"),
        ("=100%", "完成", None, Tier.ACHIEVED, "10"),
        ("≥90%", "基本完成", None, Tier.PARTIAL, "6.00"),
    ],
)
def test_a_numeric_target_with_a_tier_wording_is_scored_by_the_tiers(target: str, actual: str, declared: str | None,
                                                                     tier: Tier, score: str) -> None:
    rule = rule_of(target, actual, "10", declared)
    assert (rule.kind, rule.tier, rule.score) == (Kind.QUALITATIVE, tier, Decimal(score))


# --- qualitative: negations, deadlines, the ministry's tiers ------------------------------------------------

QUALITATIVE_ROWS = [  # target, actual, weight, declared, tier, score
    ("及时", "及时", "5", None, Tier.ACHIEVED, "5"),
    ("及时", "不及时", "5", None, Tier.FAILED, "0.00"),
    ("及时", "不及时", "5", "2", Tier.FAILED, "2"),
    ("及时", "未及时完成", "5", None, Tier.FAILED, "0.00"),
    ("及时", "没有按时完成", "5", None, Tier.FAILED, "0.00"),
    ("是", "否", "4", None, Tier.FAILED, "0.00"),
    ("是", "是", "4", None, Tier.ACHIEVED, "4"),
    ("有效", "无法评估", "4", None, Tier.FAILED, "0.00"),
    ("有效", "基本达成", "10", "7", Tier.PARTIAL, "7"),
    ("有效", "基本完成", "10", None, Tier.PARTIAL, "6.00"),
    ("提升", "未达到预期", "10", None, Tier.FAILED, "0.00"),
    ("提升", "未实现", "10", "3", Tier.FAILED, "3"),
    ("提升", "没有完成", "10", None, Tier.FAILED, "0.00"),
    ("提升", "不断提升", "10", None, Tier.DESCRIBED, "10"),
    ("不发生安全事故", "未发生安全事故", "5", None, Tier.DESCRIBED, "5"),
    ("无重大事故", "无重大事故", "5", None, Tier.ACHIEVED, "5"),
    ("2024年12月底前", "2025年3月", "6", None, Tier.FAILED, "0.00"),
    ("2024年12月底前", "2024年11月", "6", None, Tier.ACHIEVED, "6"),
    ("2024年12月底前", "2024年12月20日", "6", None, Tier.ACHIEVED, "6"),
    ("2024年12月底前", "2024年12月", "6", None, Tier.ACHIEVED, "6"),
    ("12月31日前", "2025年1月5日", "6", "3", Tier.FAILED, "3"),
    ("年底前", "2024年10月完成", "6", None, Tier.ACHIEVED, "6"),
    ("2024年6月底前", "2024年7月", "6", None, Tier.FAILED, "0.00"),
    ("2024年6月30日前", "2024年6月30日", "6", None, Tier.ACHIEVED, "6"),
    ("6月底前", "年底前完成", "6", "6", Tier.DESCRIBED, "6"),
    ("=11月前", "及时", "5", None, Tier.DESCRIBED, "5"),
    ("有效", "达成指标", "10", "8", Tier.ACHIEVED, "8"),
    ("有效", "达成指标", "10", "7.99", Tier.ACHIEVED, "8.00"),
    ("有效", "部分达成指标并具有一定效果", "10", "8", Tier.PARTIAL, "7.99"),
    ("有效", "部分达成指标并具有一定效果", "10", "6", Tier.PARTIAL, "6"),
    ("有效", "未达成年度指标且效果较差", "10", "6", Tier.FAILED, "5.99"),
    ("有效", "未达成年度指标且效果较差", "10", "5.99", Tier.FAILED, "5.99"),
    ("有效", "完成", "10", None, Tier.ACHIEVED, "10"),
    ("健全", "已完成", "3", None, Tier.ACHIEVED, "3"),
    ("符合", "100%", "5", None, Tier.DESCRIBED, "5"),
    ("符合", "0", "5", "5", Tier.DESCRIBED, "5"),
    ("合理", "安排设计合理", "10", None, Tier.DESCRIBED, "10"),
    ("提升", "部分完成", "5", None, Tier.PARTIAL, "3.00"),
    ("提升", "尚未完成", "5", None, Tier.FAILED, "0.00"),
    ("按时", "未按时完成", "5", "1", Tier.FAILED, "1"),
]


@pytest.mark.parametrize(("target", "actual", "weight", "declared", "tier", "score"), QUALITATIVE_ROWS)
def test_qualitative_readings(target: str, actual: str, weight: str, declared: str | None, tier: Tier,
                              score: str) -> None:
    rule = rule_of(target, actual, weight, declared)
    assert (rule.kind, rule.tier, rule.score) == (Kind.QUALITATIVE, tier, Decimal(score))
    assert rule.met == (tier in (Tier.ACHIEVED, Tier.DESCRIBED))


def test_the_corpus_is_large_enough() -> None:
    assert len(OPERATOR_ROWS) + len(RANGE_ROWS) + len(QUALITATIVE_ROWS) + 33 + 14 + 5 >= 400
    assert len(OPERATOR_ROWS) == 14 * 8 + 14 * 6 + 6 * 6 + 5 * 2 + 4 * 2


# --- properties ---------------------------------------------------------------------------------------------

NUMBERS = st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False, allow_infinity=False)
OPS = st.sampled_from(["≥", "≤", "=", "", "不少于", "不超过"])
UNITS = st.sampled_from(["人", "人次", "%", "次", "小时", "天", "", "件"])
WEIGHTS = st.decimals(min_value=0, max_value=30, places=2, allow_nan=False, allow_infinity=False)


@given(op=OPS, target=NUMBERS, actual=NUMBERS, unit=UNITS, weight=WEIGHTS)
def test_the_same_value_in_wan_scores_the_same(op: str, target: Decimal, actual: Decimal, unit: str,
                                               weight: Decimal) -> None:
    plain = rule_of(f"{op}{target * 10000:f}{unit}", f"{actual * 10000:f}{unit}", f"{weight}")
    in_wan = rule_of(f"{op}{target:f}万{unit}", f"{actual:f}万{unit}", f"{weight}")
    assert (plain.score, plain.met, plain.kind) == (in_wan.score, in_wan.met, in_wan.kind)


@given(op=OPS, target=NUMBERS, actual=NUMBERS, weight=WEIGHTS)
def test_percent_and_permille_score_the_same(op: str, target: Decimal, actual: Decimal, weight: Decimal) -> None:
    percent = rule_of(f"{op}{target:f}%", f"{actual:f}%", f"{weight}")
    permille = rule_of(f"{op}{target:f}%", f"{actual * 10:f}‰", f"{weight}")
    assert (percent.score, percent.met) == (permille.score, permille.met)


@given(op=OPS, target=NUMBERS, actual=NUMBERS, unit=UNITS, weight=WEIGHTS,
       note=st.sampled_from(["约{}", "共{}", "{}（含线上）", "累计{}", "近{}"]))
def test_a_note_does_not_change_the_score(op: str, target: Decimal, actual: Decimal, unit: str, weight: Decimal,
                                          note: str) -> None:
    bare = rule_of(f"{op}{target:f}{unit}", f"{actual:f}{unit}", f"{weight}")
    noted = rule_of(f"{op}{target:f}{unit}", note.format(f"{actual:f}{unit}"), f"{weight}")
    assert (bare.score, bare.met) == (noted.score, noted.met)


@given(op=OPS, target=NUMBERS, actual=NUMBERS, unit=UNITS, weight=WEIGHTS,
       declared=st.one_of(st.none(), st.decimals(min_value=0, max_value=40, places=2, allow_nan=False,
                                                 allow_infinity=False)))
def test_never_above_the_weight_nor_below_zero_and_a_miss_is_never_full_by_default(
        op: str, target: Decimal, actual: Decimal, unit: str, weight: Decimal, declared: Decimal | None) -> None:
    rule = rule_of(f"{op}{target:f}{unit}", f"{actual:f}{unit}", f"{weight}", None if declared is None else f"{declared}")
    assert Decimal(0) <= rule.score <= weight
    if op in ("≥", "不少于") and actual < target and target > 0:
        assert not rule.met
        if weight >= 1 and actual <= target * Decimal("0.99"):  # a miss the rounding to cents cannot hide
            assert rule.score < weight
