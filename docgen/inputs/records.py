"""The evaluation as read from YAML: plain frozen records, every value with the place it was written.

Nothing here is computed; scoring reads these records and never changes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from docgen.errors import Where

# Funding rows, in the order of the form; the first carries weight, rate and score.
TOTAL_ROW = "年度资金总额"
SOURCE_ROWS = ("当年财政拨款", "上年结转资金", "其他资金")
FUNDING_ROWS = (TOTAL_ROW, *SOURCE_ROWS)
# Funding columns.
INITIAL, ADJUSTED, EXECUTED = "年初预算数", "全年预算数", "全年执行数"
AMOUNT_COLUMNS = (INITIAL, ADJUSTED, EXECUTED)

MONEY_UNITS = ("元", "万元")
GRADES = ("优", "良", "中", "差")


@dataclass(frozen=True)
class Located:
    """Base of records: where the record starts and where each of its keys was written."""

    where: Where
    places: dict[str, Where] = field(default_factory=dict, compare=False, repr=False)

    def at(self, key: str) -> Where:
        """Where the value of ``key`` was written, or where the record starts if it was not."""
        return self.places.get(key, self.where)


@dataclass(frozen=True)
class FundingRow(Located):
    """One row of the 项目资金 block; amounts are None where the form leaves the cell blank (—)."""

    name: str = TOTAL_ROW
    written: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # column → text as written
    initial: Decimal | None = None
    adjusted: Decimal | None = None
    executed: Decimal | None = None

    def amount(self, column: str) -> Decimal | None:
        return {INITIAL: self.initial, ADJUSTED: self.adjusted, EXECUTED: self.executed}[column]


@dataclass(frozen=True)
class TotalFunding(FundingRow):
    """The 年度资金总额 row, which also holds the weight and the declared rate and score."""

    weight: Decimal = Decimal(10)
    declared_rate: Decimal | None = None
    declared_score: Decimal | None = None


@dataclass(frozen=True)
class Indicator(Located):
    """One 三级指标 row, with the two levels above it."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    target: str = ""
    actual: str = ""
    weight: Decimal = Decimal(0)
    declared_score: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True)
class Blank:
    """A required value left blank (``全年预算数:`` with nothing after it): where, which, and an example."""

    where: Where
    label: str
    example: str


@dataclass(frozen=True)
class Evaluation(Located):
    """One project's self-evaluation as its author wrote it."""

    source: str = ""
    year: int = 0
    project: str = ""
    department: str = ""
    unit: str = ""
    money_unit: str = "万元"
    total: TotalFunding = field(default_factory=lambda: TotalFunding(Where("")))
    sources: tuple[FundingRow, ...] = ()
    planned: str = ""
    achieved: str = ""
    indicators: tuple[Indicator, ...] = ()
    declared_total: Decimal | None = None
    declared_grade: str | None = None
    profile: str | None = None
    folder_year: int | None = None
    unfilled: tuple[Blank, ...] = ()  # required values the author has not written yet (the form is unfinished)

    @property
    def funding_rows(self) -> tuple[FundingRow, ...]:
        return (self.total, *self.sources)
