"""Targets and actuals as written → operator, number(s), unit and note, or qualitative text.

What is read how (domain.md, "Reading targets and actuals"):

- operators in every glyph and wording of published tables, before or after the number: ``≥ ≧ >= ＞＝``,
  ``不低于 不少于 不小于 至少 达到 大于等于``, ``≤ ≦ <= 不高于 不超过 不多于 不大于 至多 小于等于 控制在…``,
  ``> 大于 高于 超过 多于``, ``< 小于 低于 少于``, ``= ＝ ═ == 等于``; suffixes ``及以上 以上`` (≥),
  ``及以下 以下 以内 之内 内`` (≤). No operator: a positive target (``=``).
- ``万`` and ``亿`` multiply the number whether or not a unit follows (``1万``, ``2.5万人次``, ``3亿元``);
  in a range written ``1-2万人次`` the multiplier applies to both bounds.
- ranges ``a-b a—b a–b a～b a~b a至b a到b``, the unit on either or both bounds;
- an actual with a note (``约40人``, ``近40人``, ``共40人``, ``累计40人``, ``40余人``, ``40人（含线上）``) reads as
  its number; the note is kept (``Measure.note``);
- ``(%)`` and ``（件）`` right after the number are the unit.

Anything that is not one number (or one range) with a short unit is qualitative — ``及时``,
``2022年12月底前``, ``0.5小时内响应，2小时内抵达现场`` — never an error here; ``deadline`` and ``date_of``
read the dates qualitative targets and actuals are written in.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from docgen.inputs.written_numbers import normalise

GE, GT, EQ, LE, LT, RANGE, BARE = "≥", ">", "=", "≤", "<", "-", ""
COMPARISONS = (GE, GT, LE, LT)

_SYMBOLS = ((">=", GE), ("=>", GE), ("≧", GE), ("≥", GE), ("<=", LE), ("=<", LE), ("≦", LE), ("≤", LE),
            ("==", EQ), ("═", EQ), ("=", EQ), (">", GT), ("<", LT))
_WORD_OPS = tuple(sorted((
    ("大于等于", GE), ("大于或等于", GE), ("不低于", GE), ("不少于", GE), ("不小于", GE), ("至少", GE), ("达到", GE),
    ("小于等于", LE), ("小于或等于", LE), ("不高于", LE), ("不超过", LE), ("不多于", LE), ("不大于", LE),
    ("至多", LE), ("最多", LE), ("控制在", LE), ("控制", LE),
    ("大于", GT), ("高于", GT), ("超过", GT), ("多于", GT), ("小于", LT), ("低于", LT), ("少于", LT),
    ("等于", EQ),
), key=lambda pair: -len(pair[0])))
_SUFFIX_OPS = (("及以上", GE), ("或以上", GE), ("以上", GE), ("及以下", LE), ("或以下", LE), ("以下", LE),
               ("以内", LE), ("之内", LE), ("内", LE))
_NOTE_PREFIXES = ("约", "近", "共计", "共", "累计", "总计", "合计", "计", "实际", "全年", "完成", "已完成", "达")
_NOTE_SUFFIXES = ("余", "多")  # 40余人, 40多人
_NUMBER = r"\d+(?:\.\d+)?"
_SCALE = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_RANGE_SEPARATORS = "-—–~～至到－"
_BOUND = re.compile(rf"^(?P<num>{_NUMBER})(?P<note>余|多)?(?P<scale>[万亿])?(?P<unit>.*)$")
_UNIT_FORBIDDEN = re.compile(r"[\d，,、。；;:：]|前|后|底|初|末|之")
_MAX_UNIT = 8
_NOT_A_UNIT = ("含", "包括", "其中", "部分", "延期", "线上", "线下", "不含", "已", "未", "约", "预计", "累计")

# Units that convert into one another: family and factor to the family's smallest unit.
_CONVERTIBLE = {
    "秒": ("时长", Decimal(1)), "秒钟": ("时长", Decimal(1)), "分钟": ("时长", Decimal(60)),
    "小时": ("时长", Decimal(3600)), "天": ("时长", Decimal(86400)), "日": ("时长", Decimal(86400)),
    "周": ("时长", Decimal(604800)), "星期": ("时长", Decimal(604800)),
    "月": ("月份", Decimal(1)), "个月": ("月份", Decimal(1)), "季度": ("月份", Decimal(3)),
    "个季度": ("月份", Decimal(3)), "年": ("月份", Decimal(12)),
    "%": ("比率", Decimal(10)), "‰": ("比率", Decimal(1)),
}


@dataclass(frozen=True)
class Measure:
    """One target or actual: the text as written and, when quantitative, what it says.

    ``value`` and ``upper`` already carry a ``万``/``亿`` multiplier; ``unit`` is what follows it."""

    text: str
    op: str | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str = ""
    note: str = ""

    @property
    def quantitative(self) -> bool:
        return self.value is not None


def parse_measure(text: str) -> Measure:
    """Parse a target or actual; never raises."""
    compact = normalise(text)
    compact = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", compact)
    compact = compact.replace("(含)", "")  # 90%(含)以上 is 90%及以上
    compact, note = _strip_notes(compact)
    op = BARE
    for written, symbol in _SYMBOLS:
        if compact.startswith(written):
            compact, op = compact[len(written):], symbol
            break
    else:
        for word, symbol in _WORD_OPS:
            if compact.startswith(word) and compact[len(word):][:1].isdigit():
                compact, op = compact[len(word):], symbol
                break
    parsed = _numbers(compact)
    if parsed is None:
        return Measure(text)
    value, upper, unit = parsed
    approximate = _BOUND.match(compact)
    if approximate and approximate.group("note"):
        note = f"{note}{approximate.group('note')}"
    for word, symbol in _SUFFIX_OPS:
        if unit.endswith(word):
            unit = unit[: -len(word)]
            if op in (BARE, symbol) or (op == EQ and upper is None):
                op = symbol
            break
    cleaned = _clean_unit(unit)
    if cleaned is None:
        return Measure(text)
    if upper is not None:
        if op not in (BARE, EQ) or upper < value:
            return Measure(text)
        op = RANGE
    return Measure(text, op, value, upper, cleaned, note)


def _strip_notes(compact: str) -> tuple[str, str]:
    """``约40人`` → ``40人``, ``40人(含线上)`` → ``40人``: the reading and the note; ``100(%)`` keeps its unit."""
    notes = []
    match = re.search(r"\(([^()]*)\)$", compact)
    if match and match.start() > 0:
        inside, before = match.group(1), compact[: match.start()]
        if before[-1].isdigit() and _clean_unit(inside) is not None and not inside.startswith(_NOT_A_UNIT):
            compact = before + inside  # the unit in brackets: 100(%) → 100%
        elif re.search(r"\d", before):
            compact, notes = before, [f"（{inside}）"]
    for prefix in _NOTE_PREFIXES:
        if compact.startswith(prefix) and compact[len(prefix):][:1].isdigit():
            return compact[len(prefix):], prefix + "".join(notes)
    return compact, "".join(notes)


def _numbers(compact: str) -> tuple[Decimal, Decimal | None, str] | None:
    """``300-400人`` → (300, 400, 人); ``2.5万人次`` → (25000, None, 人次); None when it is not numbers."""
    match = _BOUND.match(compact)
    if not match:
        return None
    value = Decimal(match.group("num")) * _SCALE.get(match.group("scale") or "", Decimal(1))
    rest = match.group("unit")
    for position, char in enumerate(rest):
        if char in _RANGE_SEPARATORS:
            high = _BOUND.match(rest[position + 1:])
            first_unit = rest[:position]
            if high is None or (first_unit and first_unit != high.group("unit")):
                return None
            scale = _SCALE.get(high.group("scale") or "", Decimal(1))
            if not match.group("scale"):
                value *= scale  # 1-2万人次: the multiplier of the upper bound applies to both
            return value, Decimal(high.group("num")) * scale, high.group("unit")
    return value, None, rest


def _clean_unit(unit: str) -> str | None:
    """``(%)`` → ``%``, ``（件）`` → ``件``; None when the rest is not a unit but more text."""
    if unit.startswith("(") and unit.endswith(")"):
        unit = unit[1:-1]
    if len(unit) > _MAX_UNIT or _UNIT_FORBIDDEN.search(unit) or "(" in unit or ")" in unit:
        return None
    if any(char in _RANGE_SEPARATORS for char in unit):
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

    The relation is ``same`` (or the target has none), ``converted`` (分钟 and 小时, 年 and 个月, % and ‰),
    ``missing`` (the actual has no unit; taken as the target's) or ``different`` (not convertible: the
    numbers cannot be compared).
    """
    if target.value is None or actual.value is None:
        return None
    t_factor = a_factor = Decimal(1)
    if target.unit == actual.unit or not target.unit:
        units = "same"
    elif not actual.unit:
        units = "missing"
    else:
        t_family, a_family = _family(target.unit), _family(actual.unit)
        if t_family and a_family and t_family[0] == a_family[0]:
            t_factor, a_factor = t_family[1], a_family[1]
            units = "converted"
        else:
            units = "different"
    upper = target.upper * t_factor if target.upper is not None else None
    return Comparison(target.value * t_factor, upper, actual.value * a_factor, units)


def _family(unit: str) -> tuple[str, Decimal] | None:
    return _CONVERTIBLE.get(unit) or (_CONVERTIBLE.get(unit[1:]) if unit.startswith("个") else None)


def same_words(target: str, actual: str) -> bool:
    """The actual repeats the target (spaces, width and a final 。 aside)."""
    return normalise(target).rstrip("。.") == normalise(actual).rstrip("。.")


_DATE = re.compile(r"(?:(?P<year>\d{4})年|本?年)?(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号])?|(?P<yearend>底|末))")
_DEADLINE = re.compile(rf"^[=≤<]?(?:在|于)?{_DATE.pattern}(?:份)?(?:底|末)?(?:前|之前|以前)(?:完成)?$")
_ACTUAL_DATE = re.compile(rf"^(?:已?于|在)?{_DATE.pattern}(?:份)?(?:底|末|中旬|下旬|上旬)?(?:已)?(?:完成|办结|实施|上线|交付)?$")


def deadline(text: str) -> tuple[int | None, int, int] | None:
    """``2024年12月底前`` → (2024, 12, 31); ``12月31日前`` → (None, 12, 31); ``年底前`` → (None, 12, 31)."""
    match = _DEADLINE.match(normalise(text))
    return _date_parts(match) if match else None


def date_of(text: str) -> tuple[int | None, int, int] | None:
    """An actual written as a date: ``2025年3月`` → (2025, 3, 31) (a month alone means its end)."""
    match = _ACTUAL_DATE.match(normalise(text))
    return _date_parts(match) if match else None


def _date_parts(match: re.Match[str]) -> tuple[int | None, int, int] | None:
    year = int(match.group("year")) if match.group("year") else None
    if match.group("yearend"):
        return year, 12, 31
    month = int(match.group("month"))
    if not 1 <= month <= 12:
        return None
    day = int(match.group("day")) if match.group("day") else 31  # a month alone means its end
    return (year, month, day) if 1 <= day <= 31 else None


def later_than(actual: tuple[int | None, int, int], limit: tuple[int | None, int, int]) -> bool:
    """Whether a date comes after a deadline; a year missing on one side is taken from the other."""
    year_a, year_l = actual[0] or limit[0] or 2000, limit[0] or actual[0] or 2000
    return _as_date(year_a, actual[1], actual[2]) > _as_date(year_l, limit[1], limit[2])


def _as_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))
