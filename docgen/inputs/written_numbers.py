"""Numbers as officers type them → exact ``Decimal``: full-width digits, thousands separators, percents.

Never a binary float: the text is normalised and handed to ``Decimal`` as written.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PERCENT_SUFFIX = re.compile(r"(\(%\)|%)$")
NOT_APPLICABLE = {"", "—", "-", "－", "–", "――", "——", "/", "无"}


def normalise(text: str) -> str:
    """Full-width digits, letters and punctuation → ASCII (NFKC); surrounding and inner spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_decimal(text: str) -> Decimal | None:
    """``"13,414,500"``, ``"１２３.５"``, ``"184.65"`` → Decimal; anything else → None."""
    cleaned = normalise(text)
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN.match(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes it
        return None


def parse_percent(text: str) -> Decimal | None:
    """``"89.61"``, ``"89.61%"``, ``"89.61(%)"`` → Decimal('89.61') (percentage points)."""
    return parse_decimal(_PERCENT_SUFFIX.sub("", normalise(text)))


def is_not_applicable(text: str) -> bool:
    """Blank, ``—`` or ``-``: how the form marks a funding cell that does not apply."""
    return normalise(text) in NOT_APPLICABLE
