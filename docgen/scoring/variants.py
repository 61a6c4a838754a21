"""The scoring rules' variants an agency may state in its ``profile.yaml`` (``rules:``): how 执行率 is
rounded, the reverse-indicator formula, a deduction for overshooting, a cap on the total by execution
rate. ``NATIONAL`` — every default — is 财预〔2020〕10号 as docgen has always applied it.

Input: the settings a profile states. Output: ``Rules``, read by ``scoring.score`` and ``scoring.rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from docgen.scoring.rounding import HUNDRED

HALF_UP, TRUNCATE = "half_up", "truncate"
RATIO, DEVIATION = "ratio", "deviation"
DECLARED, COMPUTED = "declared", "computed"  # the printing policies (profile.yaml ``printing``): which figures print
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rules:
    """How one agency scores; the defaults are the national rules."""

    rate_rounding: str = HALF_UP  # 执行率 to 2 places: 四舍五入, or 截断 as many Shanghai tables print it
    reverse: str = RATIO  # reverse indicators missed: target ÷ actual, or 1 − (actual − target) ÷ target
    overshoot_percent: Decimal = Decimal(0)  # deduct when the actual exceeds the target by at least this %
    overshoot_deduction: Decimal = Decimal(0)  # … this many points (0: flag only, the national rule)
    total_caps: tuple[tuple[Decimal, Decimal], ...] = ()  # (执行率 below, 总分 at most), e.g. (80, 89)
    rate_places: int = 2  # 执行率's decimal places (in percent), as the profile's ``numbers.rate`` prints it
    # the year's other forms: the 一级指标 a 申报表 must have; how far (percentage points) the 监控表's execution
    # may lag time progress before it is 关注 (a warning), and before it is 预警
    required_categories: tuple[str, ...] = ("产出指标", "效益指标", "满意度指标")
    attention_points: Decimal = Decimal(0)
    alert_points: Decimal = Decimal(15)

    def round_rate(self, rate: Decimal, places: int | None = None) -> Decimal:
        """A rate in percent at the profile's places (or ``places``), 四舍五入 or 截断 as the agency does."""
        unit = Decimal(1).scaleb(-(self.rate_places if places is None else places))
        return rate.quantize(unit, rounding=ROUND_DOWN if self.rate_rounding == TRUNCATE else ROUND_HALF_UP)

    def execution_rate(self, executed: Decimal | None, budget: Decimal | None) -> Decimal | None:
        """全年执行数 ÷ 全年预算数 in percent, rounded as this agency rounds it (``round_rate``); None when the
        budget is blank or 0."""
        if budget is None or budget == 0:
            return None
        return self.round_rate((executed or Decimal(0)) / budget * HUNDRED)

    def rate_range(self, executed: Decimal | None, budget: Decimal | None) -> tuple[Decimal, Decimal] | None:
        """The rates the amounts could give if each was rounded where it was written (万元 to 2 places)."""
        if executed is None or budget is None or budget == 0:
            return None
        e, b = half_unit(executed), half_unit(budget)
        low = self.round_rate(max(executed - e, Decimal(0)) / (budget + b) * HUNDRED)
        high = self.round_rate((executed + e) / (budget - b) * HUNDRED) if budget > b else low
        return low, high

    def honest_rates(self, rate: Decimal, places: int | None = None) -> frozenset[Decimal]:
        """Every legitimate rounding of an exact rate (percent): 四舍五入 and 截断 at the profile's places and at
        ``places`` (those a declared rate was written with): a table that rounds either way is not wrong."""
        wanted = {self.rate_places, 2 if places is None else places}
        return frozenset(rate.quantize(Decimal(1).scaleb(-p), rounding=mode)
                         for p in wanted for mode in (ROUND_HALF_UP, ROUND_DOWN))

    def cap_for(self, rate: Decimal | None) -> Decimal | None:
        """The highest total an execution rate allows (the lowest cap whose threshold it is below)."""
        if rate is None:
            return None
        caps = [cap for below, cap in self.total_caps if rate < below]
        return min(caps) if caps else None

    @property
    def rate_variant(self) -> str:
        """How this agency's 执行率 differs from 四舍五入 to two places (``截断取两位小数``), or ``""``."""
        places = {0: "整数", 1: "一位小数", 2: "两位小数"}.get(self.rate_places, f"{self.rate_places} 位小数")
        if self.rate_rounding == TRUNCATE:
            return f"截断取{places}"
        return f"四舍五入取{places}" if self.rate_places != 2 else ""

    @property
    def variants(self) -> tuple[str, ...]:
        """The variants in force, as a reviewer reads them (empty for the national rules)."""
        said = []
        if self.rate_variant:
            said.append(f"执行率{self.rate_variant}")
        if self.reverse == DEVIATION:
            said.append("反向指标按 (1 − 偏离度) × 分值")
        if self.overshoot_deduction:
            said.append(f"超出年度指标值 {self.overshoot_percent:f}% 及以上扣 {self.overshoot_deduction:f} 分")
        for below, cap in self.total_caps:
            said.append(f"执行率低于 {below:f}% 总分至多 {cap:f}")
        return tuple(said)


def half_unit(amount: Decimal) -> Decimal:
    """Half of the last digit written: 184.65 → 0.005, 13414500 → 0.5 (how far a rounded figure may be off)."""
    exponent = amount.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)


NATIONAL = Rules()
