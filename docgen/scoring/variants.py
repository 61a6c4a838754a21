"""The scoring rules' variants an agency may state in its ``profile.yaml`` (``rules:``): how 执行率 is
rounded, the reverse-indicator formula, a deduction for overshooting, a cap on the total by execution
rate. ``NATIONAL`` — every default — is 财预〔2020〕10号 as docgen has always applied it.

Input: the settings a profile states. Output: ``Rules``, read by ``scoring.score`` and ``scoring.rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

HALF_UP, TRUNCATE = "half_up", "truncate"
RATIO, DEVIATION = "ratio", "deviation"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rules:
    """How one agency scores; the defaults are the national rules."""

    rate_rounding: str = HALF_UP  # 执行率 to 2 places: 四舍五入, or 截断 as many Shanghai tables print it
    reverse: str = RATIO  # reverse indicators missed: target ÷ actual, or 1 − (actual − target) ÷ target
    overshoot_percent: Decimal = Decimal(0)  # deduct when the actual exceeds the target by at least this %
    overshoot_deduction: Decimal = Decimal(0)  # … this many points (0: flag only, the national rule)
    total_caps: tuple[tuple[Decimal, Decimal], ...] = ()  # (执行率 below, 总分 at most), e.g. (80, 89)

    def round_rate(self, rate: Decimal) -> Decimal:
        return rate.quantize(CENT, rounding=ROUND_DOWN if self.rate_rounding == TRUNCATE else ROUND_HALF_UP)

    def cap_for(self, rate: Decimal | None) -> Decimal | None:
        """The highest total an execution rate allows (the lowest cap whose threshold it is below)."""
        if rate is None:
            return None
        caps = [cap for below, cap in self.total_caps if rate < below]
        return min(caps) if caps else None

    @property
    def variants(self) -> tuple[str, ...]:
        """The variants in force, as a reviewer reads them (empty for the national rules)."""
        said = []
        if self.rate_rounding == TRUNCATE:
            said.append("执行率截断取两位小数")
        if self.reverse == DEVIATION:
            said.append("反向指标按 (1 − 偏离度) × 分值")
        if self.overshoot_deduction:
            said.append(f"超出年度指标值 {self.overshoot_percent:f}% 及以上扣 {self.overshoot_deduction:f} 分")
        for below, cap in self.total_caps:
            said.append(f"执行率低于 {below:f}% 总分至多 {cap:f}")
        return tuple(said)


NATIONAL = Rules()
