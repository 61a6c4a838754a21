"""The scoring rules of one indicator: positive, reverse, range, zero target, qualitative tiers.

Input: an ``Indicator``. Output: a ``RuleScore`` — what the rules give, whether the target was
met, and for a qualitative indicator the tier and the band of scores that tier allows. A score is
never above the weight nor below 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from docgen.inputs.records import Indicator
from docgen.inputs.written_numbers import normalise
from docgen.scoring.measures import (
    BARE,
    COMPARISONS,
    EQ,
    LE,
    LT,
    RANGE,
    Comparison,
    Measure,
    comparable,
    parse_measure,
    same_words,
)
from docgen.scoring.rounding import q2

OVERSHOOT_FACTOR = Decimal(3)


class Kind(Enum):
    POSITIVE = "正向"
    REVERSE = "反向"
    RANGE = "区间"
    ZERO = "零目标"
    QUALITATIVE = "定性"


class Tier(Enum):
    """Qualitative tiers and the share of the weight each allows."""

    ACHIEVED = ("达成年度指标", Decimal("0.8"), Decimal(1))
    PARTIAL = ("部分达成年度指标并具有一定效果", Decimal("0.6"), Decimal("0.8"))
    FAILED = ("未达成年度指标且效果较差", Decimal(0), Decimal("0.6"))
    DESCRIBED = ("以文字说明完成情况", Decimal(0), Decimal(1))

    @property
    def label(self) -> str:
        return self.value[0]


@dataclass(frozen=True)
class RuleScore:
    """What the rules say about one indicator."""

    kind: Kind
    score: Decimal
    met: bool
    target: Measure
    actual: Measure
    tier: Tier | None = None
    band: tuple[Decimal, Decimal] | None = None
    units: str = "same"
    overshoot: Decimal | None = None

    @property
    def actual_not_value(self) -> bool:
        """An actual written as a target (``>=85%``) or a bare number given for a qualitative target."""
        if self.target.quantitative:
            return self.actual.quantitative and self.actual.op in COMPARISONS
        return self.actual.quantitative and self.actual.unit == "" and self.actual.op == BARE


def score_indicator(indicator: Indicator) -> RuleScore:
    """Apply the rules to one indicator, honouring a declared score only where the rules leave a choice."""
    target, actual = parse_measure(indicator.target), parse_measure(indicator.actual)
    weight = indicator.weight
    numbers = comparable(target, actual)
    if numbers is not None and not same_words(indicator.target, indicator.actual):
        return _quantitative(target, actual, weight, numbers)
    if same_words(indicator.target, indicator.actual) and target.quantitative:
        kind = _kind(target)
        return RuleScore(kind, weight, True, target, actual)
    return _qualitative(target, actual, weight, indicator.declared_score)


def _kind(target: Measure) -> Kind:
    if target.op == RANGE:
        return Kind.RANGE
    if target.value == 0 and target.op in (EQ, BARE, LE, LT):
        return Kind.ZERO
    if target.op in (LE, LT):
        return Kind.REVERSE
    return Kind.POSITIVE


def _quantitative(target: Measure, actual: Measure, weight: Decimal, numbers: Comparison) -> RuleScore:
    kind = _kind(target)
    t, a = numbers.target, numbers.actual
    overshoot = None
    if kind is Kind.ZERO:
        met = a == 0
        score = weight if met else Decimal(0)
    elif kind is Kind.REVERSE:
        met = a <= t
        score = weight if met else q2(t / a * weight)
    elif kind is Kind.RANGE:
        low, high = t, numbers.upper or t
        met = a >= low
        score = weight if met or low == 0 else q2(a / low * weight)
        if a > high:
            overshoot = q2(a / high) if high else None
    else:
        met = a >= t or t == 0
        score = weight if met else q2(a / t * weight)
        if t > 0 and a >= t * OVERSHOOT_FACTOR and target.unit != "%":
            overshoot = q2(a / t)
    return RuleScore(kind, _clamp(score, weight), met, target, actual, units=numbers.units, overshoot=overshoot)


def _qualitative(target: Measure, actual: Measure, weight: Decimal, declared: Decimal | None) -> RuleScore:
    tier = _tier(target, actual)
    low, high = (q2(weight * tier.value[1]), q2(weight * tier.value[2]))
    if declared is None:
        score = weight if tier in (Tier.ACHIEVED, Tier.DESCRIBED) else low
    else:
        score = min(max(declared, low), high)
    met = tier in (Tier.ACHIEVED, Tier.DESCRIBED)
    return RuleScore(Kind.QUALITATIVE, _clamp(score, weight), met, target, actual, tier=tier, band=(low, high))


def _tier(target: Measure, actual: Measure) -> Tier:
    words = normalise(actual.text)
    if same_words(target.text, actual.text):
        return Tier.ACHIEVED
    if words.startswith(("部分达成", "部分完成", "基本达成", "基本完成")):
        return Tier.PARTIAL
    if words.startswith(("未达成", "未完成", "没有达成", "未实现")):
        return Tier.FAILED
    if words.startswith(("达成", "已达成", "完成", "已完成", "全部达成", "全部完成")):
        return Tier.ACHIEVED
    if actual.quantitative and actual.value == 0 and not target.quantitative:
        return Tier.FAILED
    return Tier.DESCRIBED


def _clamp(score: Decimal, weight: Decimal) -> Decimal:
    return min(max(score, Decimal(0)), weight)

