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

# Columns of the year's other forms: the 申报表's whole-period amount, the 监控表's executed-to-date and forecast.
PERIOD, TO_DATE, FORECAST = "中期资金", "1-N月执行数", "全年预计执行数"
STAGE_COLUMNS = (PERIOD, TO_DATE, FORECAST)

# The stages of a project's year, in order: the 申报表 in spring, the 监控表 at mid-year, the 自评表 at year end.
DECLARE, MONITOR, SELF = "申报", "监控", "自评"
STAGES = (DECLARE, MONITOR, SELF)
FORM_NAMES = {DECLARE: "申报表", MONITOR: "监控表", SELF: "自评表"}
LIKELIHOODS = ("确定能", "有可能", "完全不可能")

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
    period: Decimal | None = None  # 中期资金: the whole project period's amount (申报表, multi-year projects)
    to_date: Decimal | None = None  # 1-N月执行数 (监控表)
    forecast: Decimal | None = None  # 全年预计执行数 (监控表)

    def amount(self, column: str) -> Decimal | None:
        return {INITIAL: self.initial, ADJUSTED: self.adjusted, EXECUTED: self.executed, PERIOD: self.period,
                TO_DATE: self.to_date, FORECAST: self.forecast}[column]


@dataclass(frozen=True)
class TotalFunding(FundingRow):
    """The 年度资金总额 row, which also holds the weight and the declared rate and score."""

    weight: Decimal = Decimal(10)
    declared_rate: Decimal | None = None
    declared_score: Decimal | None = None
    declared_to_date_rate: Decimal | None = None  # 1-N月执行率 as the 监控表 declares it


@dataclass(frozen=True)
class Monitored(Located):
    """An indicator's columns of the 监控表: 1-N月执行情况, 全年预计完成情况, 完成目标可能性, 偏差原因分析, 纠偏措施."""

    to_date: str = ""
    forecast: str = ""
    likelihood: str = ""  # one of LIKELIHOODS, or "" when not written
    cause: str = ""
    measure: str = ""


@dataclass(frozen=True)
class Adjustment(Located):
    """A declared change of an approved 年度指标值 (调整): the target it replaces, and why."""

    original: str = ""
    reason: str = ""


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
    period_target: str = ""  # 中期指标值: the whole period's target (申报表)
    remark: str = ""  # 备注 (申报表)
    monitored: Monitored | None = None  # its 监控 block
    adjustment: Adjustment | None = None  # its 调整 block


@dataclass(frozen=True)
class Step(Located):
    """One row of the 申报表's 项目实施进度计划: what, from when, until when (as written)."""

    content: str = ""
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Declaration(Located):
    """The 申报 block: what the 申报表 holds beyond the shared project, funds, goal and indicators."""

    code: str = ""  # 主管部门编码
    period: str = ""  # 项目期 (项目起止时间), as written
    header: dict[str, str] = field(default_factory=dict)  # 项目属性, 项目负责人, 联系电话 (else the file's own)
    texts: dict[str, str] = field(default_factory=dict)  # 单位职能概述, 项目概况, 立项依据
    schedule: tuple[Step, ...] = ()
    long_term: str = ""  # 长期目标 (中期目标)
    fields: dict[str, str] = field(default_factory=dict)  # 其他栏目 (主管部门审核意见 …)


@dataclass(frozen=True)
class Monitoring(Located):
    """The 监控 block: the month the 监控表 runs to, and the year's goal as executed so far."""

    month: int = 7
    progress: str = ""  # 年度总体目标's 1-N月执行情况
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Approval(Located):
    """The 批复 block: the approved 年度指标值 of each 三级指标 (the 自评表's targets are checked against them)."""

    date: str = ""
    number: str = ""  # 批复文号
    targets: dict[str, str] = field(default_factory=dict)  # 三级指标 → approved target, in the order written


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
    stage: str = SELF  # the latest stage the file reaches (申报, 监控, 自评): what it has written
    declaration: Declaration | None = None
    monitoring: Monitoring | None = None
    approval: Approval | None = None

    @property
    def funding_rows(self) -> tuple[FundingRow, ...]:
        return (self.total, *self.sources)

    def reaches(self, stage: str) -> bool:
        """Whether the file holds a stage's form: every file its 申报表; a 监控表 once it writes a 监控 block,
        an indicator's 监控 columns or 1-N月执行数; a 自评表 once it is a 自评 file."""
        if stage == MONITOR:
            return self.monitoring is not None or self.total.to_date is not None or \
                any(indicator.monitored is not None for indicator in self.indicators)
        return stage == DECLARE or self.stage == SELF

    def funding_row(self, name: str) -> FundingRow | None:
        """A funding row by its name (``财政资金``, ``年度资金总额``); None where the file has no such row."""
        return next((row for row in self.funding_rows if row.name == name), None)
