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
# Source rows other provinces' forms print instead (四川: 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金);
# a file writes the rows its form has, and the profile's ``form.funding_rows`` says which are printed.
OTHER_SOURCE_ROWS = ("财政资金", "财政专户管理资金", "单位资金")
ALL_SOURCE_ROWS = (*SOURCE_ROWS, *OTHER_SOURCE_ROWS)
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
    reason: str = ""  # 原因: why the row's execution fell short (a column of some provinces' forms)

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
    # the target in the three fields some forms print apart (指标性质 | 指标值 | 度量单位), as written;
    # empty where the file wrote one 年度指标值 (the layout splits that when a form asks for the parts)
    sign: str = ""
    index_value: str = ""
    meter_unit: str = ""
    written_actual: str = ""  # 实际完成值 as written, where the unit was added to it (180 beside 计量单位 人)
    fields: dict[str, str] = field(default_factory=dict)  # its 其他栏目 (得分计算方法 …), printed by label


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
    # the optional texts other provinces' forms carry (报表编号, 评价结论, 项目负责人 …, and 其他栏目), by label
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def funding_rows(self) -> tuple[FundingRow, ...]:
        return (self.total, *self.sources)

    def funding_row(self, name: str) -> FundingRow | None:
        """A funding row by its name (``财政资金``, ``年度资金总额``); None where the file has no such row."""
        return next((row for row in self.funding_rows if row.name == name), None)
