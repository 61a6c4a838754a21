"""The scoring rules of one indicator: positive, reverse, range, zero target, qualitative tiers, and
what cannot be scored from what was written.

Input: an ``Indicator``. Output: a ``RuleScore`` — what the rules give, whether the target was
met, and for a qualitative indicator the tier and the band of scores that tier allows. A score is
never above the weight nor below 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum

from docgen.inputs.records import Indicator
from docgen.inputs.written_numbers import normalise
from docgen.scoring.measures import (
    BARE,
    COMPARISONS,
    EQ,
    GT,
    LE,
    LT,
    RANGE,
    Comparison,
    Measure,
    comparable,
    date_of,
    deadline,
    later_than,
    parse_measure,
    same_words,
)
from docgen.scoring.rounding import q2
from docgen.scoring.variants import DEVIATION, NATIONAL, Rules

OVERSHOOT_FACTOR = Decimal(3)
CENT = Decimal("0.01")
TIER_WORDS = {
    "PARTIAL": ("部分达成", "部分完成", "部分实现", "基本达成", "基本完成", "基本实现", "基本达到"),
    "FAILED": ("未达成", "未完成", "未实现", "未达到", "没有达成", "没有完成", "没有实现", "尚未完成", "未按时", "未能"),
    "ACHIEVED": ("达成", "已达成", "完成", "已完成", "全部达成", "全部完成", "已实现", "实现", "达到"),
}
# An actual that says no: 否, 不及时, 无法…, 没有…; not 不断提升, 不少于… (those say more, not no).
_NEGATION = ("否", "不", "未", "没有", "没", "无法", "尚未")
_NOT_NEGATION = ("不断", "不少", "不低", "不超", "不高", "不小", "不大", "不多", "不错", "不仅", "不止")
_NEGATIVE_TARGET = ("不", "无", "零", "未", "没有", "杜绝", "避免", "防止")


class Kind(Enum):
    POSITIVE = "正向"
    REVERSE = "反向"
    RANGE = "区间"
    ZERO = "零目标"
    QUALITATIVE = "定性"


class Tier(Enum):
    """Qualitative tiers and the share of the weight each allows: 达成 80%(含)–100%, 部分达成 60%(含)–80%,
    未达成 0–60% (the upper bounds of the lower tiers excluded)."""

    ACHIEVED = ("达成年度指标", Decimal("0.8"), Decimal(1))
    PARTIAL = ("部分达成年度指标并具有一定效果", Decimal("0.6"), Decimal("0.8"))
    FAILED = ("未达成年度指标且效果较差", Decimal(0), Decimal("0.6"))
    DESCRIBED = ("以文字说明完成情况", Decimal(0), Decimal(1))

    @property
    def label(self) -> str:
        return self.value[0]

    def band(self, weight: Decimal) -> tuple[Decimal, Decimal]:
        """The declared scores this tier allows, to the cent."""
        low, high = q2(weight * self.value[1]), q2(weight * self.value[2])
        if self in (Tier.PARTIAL, Tier.FAILED):
            high = max(low, high - CENT)  # 80% of the weight belongs to 达成, 60% to 部分达成
        return low, high


@dataclass(frozen=True)
class RuleScore:
    """What the rules say about one indicator.

    ``unscorable`` says why the rules could not score it from what was written (``units``: the units
    do not convert; ``actual``: a numeric target whose actual is not a value): the declared score
    stands, and without one the indicator scores 0 until the author writes one."""

    kind: Kind
    score: Decimal
    met: bool
    target: Measure
    actual: Measure
    tier: Tier | None = None
    band: tuple[Decimal, Decimal] | None = None
    units: str = "same"
    overshoot: Decimal | None = None
    unscorable: str = ""
    honest: frozenset[Decimal] = frozenset()  # the scores other legitimate orders of rounding give (``_honest``)

    @property
    def actual_not_value(self) -> bool:
        """An actual written as a target (``>=85%``), a numeric target's actual that is not a value, or a
        bare number given for a qualitative target."""
        if self.unscorable == "actual":
            return True
        if self.target.quantitative:
            return self.actual.quantitative and self.actual.op in COMPARISONS
        return self.actual.quantitative and self.actual.unit == "" and self.actual.op == BARE


def score_indicator(indicator: Indicator, year: int | None = None, rules: Rules = NATIONAL) -> RuleScore:
    """Apply the rules to one indicator, honouring a declared score only where the rules leave a choice.
    ``year`` is the evaluation's: a deadline written without a year (``12月31日前``) falls in it."""
    target, actual = parse_measure(indicator.target), parse_measure(indicator.actual)
    weight, declared = indicator.weight, indicator.declared_score
    if same_words(indicator.target, indicator.actual):
        kind = _kind(target) if target.quantitative else Kind.QUALITATIVE
        if kind is Kind.QUALITATIVE:
            return _qualitative(target, actual, weight, declared, year)
        return RuleScore(kind, weight, True, target, actual)
    numbers = comparable(target, actual)
    if numbers is not None:
        if numbers.units == "different":  # 天 against 个工作日: the raw numbers say nothing
            return _unscorable(target, actual, weight, declared, "units")
        return _quantitative(target, actual, weight, numbers, rules)
    if target.quantitative and _tier_of_words(normalise(actual.text)) is None:
        return _unscorable(target, actual, weight, declared, "actual")  # never full marks by default
    return _qualitative(target, actual, weight, declared, year)


def _kind(target: Measure) -> Kind:
    if target.op == RANGE:
        return Kind.RANGE
    if target.value == 0 and target.op in (EQ, BARE, LE, LT):
        return Kind.ZERO
    if target.op in (LE, LT):
        return Kind.REVERSE
    return Kind.POSITIVE


def _unscorable(target: Measure, actual: Measure, weight: Decimal, declared: Decimal | None,
                why: str) -> RuleScore:
    score = Decimal(0) if declared is None else declared
    return RuleScore(_kind(target), _clamp(score, weight), False, target, actual, units="different"
                     if why == "units" else "same", unscorable=why)


def _quantitative(target: Measure, actual: Measure, weight: Decimal, numbers: Comparison,
                  rules: Rules = NATIONAL) -> RuleScore:
    kind = _kind(target)
    t, a = numbers.target, numbers.actual
    overshoot = None
    fraction: Decimal | None = None  # the share of the weight a missed target earns, before rounding
    if kind is Kind.ZERO:
        met = a == 0
        score = weight if met else Decimal(0)
    elif kind is Kind.REVERSE:
        met = a < t if target.op == LT else a <= t
        if met:
            score = weight
        elif rules.reverse == DEVIATION:  # 1 − (actual − target) ÷ target
            fraction = max(Decimal(1) - (a - t) / t, Decimal(0))
            score = q2(fraction * weight)
        else:
            fraction = t / a
            score = q2(fraction * weight)
    elif kind is Kind.RANGE:
        low, high = t, numbers.upper or t
        met = a >= low
        fraction = None if met or low == 0 else a / low
        score = weight if fraction is None else q2(fraction * weight)
        if high > 0 and a >= high * OVERSHOOT_FACTOR:
            overshoot = q2(a / high)
    else:
        met = (a > t if target.op == GT else a >= t) or t == 0
        fraction = None if met else a / t
        score = weight if fraction is None else q2(fraction * weight)
        if t > 0 and a >= t * OVERSHOOT_FACTOR and target.unit not in ("%", "‰"):
            overshoot = q2(a / t)
        if rules.overshoot_deduction and t > 0 and a >= t * (1 + rules.overshoot_percent / 100) and a > t:
            score = weight - rules.overshoot_deduction  # the agency's rule: overshooting costs points
    return RuleScore(kind, _clamp(score, weight), met, target, actual, units=numbers.units, overshoot=overshoot,
                     honest=_honest(fraction, weight) if fraction is not None else frozenset())


def _honest(fraction: Decimal, weight: Decimal) -> frozenset[Decimal]:
    """The scores a missed target earns under each legitimate order of rounding: the completion rate not
    rounded, or rounded first to a percent with two places (四舍五入 or 截断), then × 分值 四舍五入."""
    percent = fraction * 100
    rates = (fraction, *(percent.quantize(CENT, rounding=mode) / 100 for mode in (ROUND_HALF_UP, ROUND_DOWN)))
    return frozenset(_clamp(q2(rate * weight), weight) for rate in rates)


def _qualitative(target: Measure, actual: Measure, weight: Decimal, declared: Decimal | None,
                 year: int | None = None) -> RuleScore:
    tier = _tier(target, actual, year)
    low, high = tier.band(weight)
    if declared is None:
        score = weight if tier in (Tier.ACHIEVED, Tier.DESCRIBED) else low
    else:
        score = min(max(declared, low), high)
    met = tier in (Tier.ACHIEVED, Tier.DESCRIBED)
    return RuleScore(Kind.QUALITATIVE, _clamp(score, weight), met, target, actual, tier=tier, band=(low, high))


def _tier(target: Measure, actual: Measure, year: int | None) -> Tier:
    words = normalise(actual.text)
    if same_words(target.text, actual.text):
        return Tier.ACHIEVED
    worded = _tier_of_words(words)
    if worded is not None:
        return worded
    if _negates(words) and not normalise(target.text).startswith(_NEGATIVE_TARGET):
        return Tier.FAILED  # 不及时 against 及时, 否 against 是
    limit, done = deadline(target.text), date_of(actual.text)
    if limit is not None and done is not None:
        limit = (limit[0] or year, limit[1], limit[2])
        return Tier.FAILED if later_than(done, limit) else Tier.ACHIEVED
    return Tier.DESCRIBED


def _tier_of_words(words: str) -> Tier | None:
    """The tier an actual names in the ministry's words (达成…, 部分达成…, 基本完成, 未达成…), if any."""
    for name in ("PARTIAL", "FAILED", "ACHIEVED"):
        if words.startswith(TIER_WORDS[name]):
            return Tier[name]
    return None


def _negates(words: str) -> bool:
    return words.startswith(_NEGATION) and not words.startswith(_NOT_NEGATION)


def _clamp(score: Decimal, weight: Decimal) -> Decimal:
    return min(max(score, Decimal(0)), weight)
