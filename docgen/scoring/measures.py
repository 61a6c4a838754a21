"""Targets and actuals as written → operator, number(s) and unit, or qualitative text.

``≥90(%)``, ``=100.00(%)``, ``300-400人``, ``1期/月``, ``<=30分钟``, ``不少于5次``, ``24小时以内``… are
quantitative; anything that is not one number (or one range) followed by a short unit is
qualitative — ``及时``, ``2022年12月底前``, ``0.5小时内响应，2小时内抵达现场`` — never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from docgen.inputs.written_numbers import normalise

GE, GT, EQ, LE, LT, RANGE, BARE = "≥", ">", "=", "≤", "<", "-", ""
COMPARISONS = (GE, GT, LE, LT)

_SYMBOLS = ((">=", GE), ("=>", GE), ("≧", GE), ("<=", LE), ("=<", LE), ("≦", LE), ("==", EQ))
_WORD_OPS = (
    ("大于等于", GE), ("不低于", GE), ("不少于", GE), ("不小于", GE), ("至少", GE), ("达到", GE),
    ("小于等于", LE), ("不高于", LE), ("不超过", LE), ("不多于", LE), ("不大于", LE), ("至多", LE),
    ("大于", GT), ("高于", GT), ("超过", GT), ("多于", GT), ("小于", LT), ("低于", LT), ("少于", LT),
    ("等于", EQ),
)
_SUFFIX_OPS = (("以上", GE), ("及以上", GE), ("以下", LE), ("及以下", LE), ("以内", LE), ("内", LE))
_NUMBER = r"\d+(?:\.\d+)?"
_PATTERN = re.compile(rf"^(?P<op>[≥≤><=])?(?P<num>{_NUMBER})(?:(?:-|~|至|到)(?P<hi>{_NUMBER}))?(?P<unit>.*)$")
_UNIT_FORBIDDEN = re.compile(r"[\d，,、。；;:：]|前|后|底|初|末|之")
_MAX_UNIT = 8

# Units that convert into one another: family and factor to the smallest unit.
_CONVERTIBLE = {"秒": ("时间", 1), "分钟": ("时间", 60), "小时": ("时间", 3600), "天": ("时间", 86400),
                "日": ("时间", 86400), "周": ("时间", 604800)}


@dataclass(frozen=True)
class Measure:
    """One target or actual: the text as written and, when quantitative, what it says."""

    text: str
    op: str | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str = ""

    @property
    def quantitative(self) -> bool:
        return self.value is not None


def parse_measure(text: str) -> Measure:
    """Parse a target or actual; never raises."""
    compact = normalise(text)
    compact = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", compact)
    for written, symbol in _SYMBOLS:
        if compact.startswith(written):
            compact = symbol + compact[len(written):]
            break
    else:
        for word, symbol in _WORD_OPS:
            if compact.startswith(word) and compact[len(word):][:1].isdigit():
                compact = symbol + compact[len(word):]
                break
    match = _PATTERN.match(compact)
    if not match:
        return Measure(text)
    op = match.group("op") or BARE
    unit = match.group("unit")
    for word, symbol in _SUFFIX_OPS:
        if unit.endswith(word) and op == BARE:
            unit, op = unit[: -len(word)], symbol
            break
    unit = _clean_unit(unit)
    if unit is None:
        return Measure(text)
    value = Decimal(match.group("num"))
    upper = Decimal(match.group("hi")) if match.group("hi") else None
    if upper is not None:
        if op != BARE or upper < value:
            return Measure(text)
        op = RANGE
    return Measure(text, op, value, upper, unit)


def _clean_unit(unit: str) -> str | None:
    """``(%)`` → ``%``, ``（件）`` → ``件``; None when the rest is not a unit but more text."""
    if unit.startswith("(") and unit.endswith(")"):
        unit = unit[1:-1]
    if len(unit) > _MAX_UNIT or _UNIT_FORBIDDEN.search(unit) or "(" in unit or ")" in unit:
        return None
    return unit


@dataclass(frozen=True)
class Comparison:
    """A target and an actual brought into one unit."""

    target: Decimal
    upper: Decimal | None
    actual: Decimal
    units: str


def comparable(target: Measure, actual: Measure) -> Comparison | None:
    """The target's (and range's upper) and actual's numbers in one unit, and how their units relate.

    The relation is ``same``, ``converted`` (分钟 and 小时, 万页 and 页), ``missing`` (the actual
    has no unit; taken as the target's) or ``different`` (not convertible; compared as written).
    """
    if target.value is None or actual.value is None:
        return None
    t_scale, t_unit = _scaled(target.unit)
    a_scale, a_unit = _scaled(actual.unit)
    t_factor = a_factor = Decimal(1)
    if target.unit == actual.unit:
        units = "same"
    elif not actual.unit:
        units = "missing"
    else:
        t_family, a_family = _CONVERTIBLE.get(t_unit), _CONVERTIBLE.get(a_unit)
        if t_unit == a_unit or (t_family and a_family and t_family[0] == a_family[0]):
            t_factor = t_scale * (t_family[1] if t_family else 1)
            a_factor = a_scale * (a_family[1] if a_family else 1)
            units = "converted"
        else:
            units = "different"
    upper = target.upper * t_factor if target.upper is not None else None
    return Comparison(target.value * t_factor, upper, actual.value * a_factor, units)


def _scaled(unit: str) -> tuple[Decimal, str]:
    for prefix, factor in (("万", Decimal(10_000)), ("亿", Decimal(100_000_000))):
        if unit.startswith(prefix) and len(unit) > 1:
            return factor, unit[1:]
    return Decimal(1), unit


def same_words(target: str, actual: str) -> bool:
    """The actual repeats the target (spaces, width and a final 。 aside)."""
    return normalise(target).rstrip("。.") == normalise(actual).rstrip("。.")
