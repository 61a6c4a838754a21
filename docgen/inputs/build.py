"""Located YAML tree → ``Evaluation`` record: every key checked, every problem of a file reported at once.

Input: the file's tree merged over its ``_defaults.yaml`` chain (see ``discover``). Output: an
``Evaluation`` whose every value remembers the file and line it came from, or an ``InputError``
listing all problems, each with the line and the fix.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from docgen.errors import InputError, Problem, Where
from docgen.inputs import keys as K
from docgen.inputs.records import (
    ALL_SOURCE_ROWS,
    AMOUNT_COLUMNS,
    DECLARE,
    FORECAST,
    GRADES,
    LIKELIHOODS,
    MONEY_UNITS,
    MONITOR,
    PERIOD,
    SELF,
    SOURCE_ROWS,
    STAGE_COLUMNS,
    TO_DATE,
    TOTAL_ROW,
    Adjustment,
    Approval,
    Blank,
    Declaration,
    Evaluation,
    FundingRow,
    Indicator,
    Monitored,
    Monitoring,
    Step,
    TotalFunding,
)
from docgen.inputs.written_numbers import is_not_applicable, normalise, parse_decimal, parse_percent
from docgen.inputs.yamltree import (
    SPLIT_THOUSANDS,
    THOUSANDS_IN_FLOW,
    Entry,
    MapNode,
    Node,
    Scalar,
    SeqNode,
    describe,
)

_FUNDING_KEYS = (TOTAL_ROW, *ALL_SOURCE_ROWS)
MONEY_UNITS_WRITTEN = ("万元", "元", "万")  # a unit written after an amount (the file's 资金单位 says it)
_ROW_KEYS = (*AMOUNT_COLUMNS, K.REASON, *STAGE_COLUMNS)
_TOTAL_ROW_KEYS = (*AMOUNT_COLUMNS, K.WEIGHT, K.RATE, K.SCORE, K.REASON, *STAGE_COLUMNS, K.TO_DATE_RATE)
_MONEY_COLUMNS = (*AMOUNT_COLUMNS, *STAGE_COLUMNS)
# 完成目标可能性 as people write it → the form's three words
LIKELIHOOD_WORDS = {"确定能": "确定能", "能": "确定能", "确定": "确定能", "能完成": "确定能", "有可能": "有可能",
                    "可能": "有可能", "完全不可能": "完全不可能", "不可能": "完全不可能", "不能": "完全不可能"}
_STAGE_BLOCKS = {K.MONITORING, K.ADJUSTMENT, K.APPROVAL, K.OTHER_FIELDS, K.DECLARATION}


def stage_of(tree: MapNode) -> str:
    """The latest stage a file reaches, by what it writes: any value only a 自评表 holds (实际完成值, 全年执行数,
    实际完成情况, 总分 …) makes it a 自评 file; else a 监控 block or a 1-N月 column a 监控 file; else a 申报 file."""
    found: set[str] = set()

    def walk(node: Node) -> None:
        if isinstance(node, MapNode):
            # an indicator with its 监控表 columns written in it: its 偏差原因分析 is the 监控表's, not the 自评表's
            monitored = any(K.canonical(key) in K.FLAT_MONITORED for key in node.entries)
            for key, entry in node.entries.items():
                name = K.canonical(key)
                if not (monitored and name == K.REASON):
                    found.add(name)
                if name not in _STAGE_BLOCKS:
                    walk(entry.value)
        elif isinstance(node, SeqNode):
            for item in node.items:
                walk(item)

    walk(tree)
    if found & K.SELF_ONLY:
        return SELF
    return MONITOR if found & {K.MONITORING, TO_DATE, FORECAST} else DECLARE


def build_evaluation(tree: MapNode, source: str, folder_year: int | None = None) -> Evaluation:
    """Check the tree against the input contract and turn it into an ``Evaluation``."""
    reader = _Reader(tree.where)
    evaluation = reader.evaluation(tree, source, folder_year)
    if reader.problems:
        raise InputError(reader.problems)
    return evaluation


# 计算符号 as the 一体化 systems and agencies write it → the glyph a table prints ("" for 定性: the value is words).
SIGNS = {"≥": "≥", ">=": "≥", "大于等于": "≥", "≧": "≥", "≤": "≤", "<=": "≤", "小于等于": "≤", "≦": "≤",
         "=": "=", "＝": "=", "等于": "=", ">": ">", "大于": ">", "＞": ">", "<": "<", "小于": "<", "＜": "<",
         "定性": "", "定量": "", "定性指标": "", "正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}
BARE_NUMBER = re.compile(r"^\d+(\.\d+)?$")


class _Reader:
    """Reads values off the tree, noting problems instead of stopping at the first."""

    def __init__(self, root: Where) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.blanks: list[Blank] = []
        self.stage = SELF
        self.months: list[tuple[int, Where]] = []  # each 1-N月 key's month, where it was written

    def problem(self, where: Where, message: str) -> None:
        self.problems.append(Problem(where, message))

    # -- structure -----------------------------------------------------------------------------

    def fields(self, node: MapNode, known: tuple[str, ...], what: str, local: dict[str, str] | None = None
               ) -> dict[str, Entry]:
        """The entries of a mapping by canonical key (``local``: the block's own aliases, read first);
        unknown keys reported with a suggestion."""
        found: dict[str, Entry] = {}
        for key, entry in node.entries.items():
            name = (local or {}).get(key) or K.canonical(key)
            month = K.month_of(key)
            if month is not None and name in known:
                self.months.append((month, entry.key_where))
            if name not in known and SPLIT_THOUSANDS.match(key):
                self.problem(entry.key_where, THOUSANDS_IN_FLOW)
                continue
            if name not in known:
                self.problem(entry.key_where, f"{what}中有未知的键“{key}”{K.suggest(key, known)}。"
                                              f"可用的键：{'、'.join(k for k in known if k != K.SCHEMA)}。")
                continue
            if name in found:
                self.problem(entry.key_where, f"“{key}”与“{name}”是同一个键，重复了：请只保留一个。")
                continue
            found[name] = entry
        return found

    def mapping(self, entry: Entry | None, label: str, example: str) -> MapNode | None:
        if entry is None:
            return None
        if isinstance(entry.value, MapNode):
            return entry.value
        if isinstance(entry.value, Scalar) and entry.value.is_null:
            return None
        self.problem(entry.value.where, f"“{label}”下应为一组“键: 值”，例如 {example}；实为{describe(entry.value)}。")
        return None

    def require(self, entries: dict[str, Entry], key: str, where: Where, example: str) -> Entry | None:
        entry = entries.get(key)
        if entry is None:
            self.problem(where, f"缺少必填项“{key}”：请添加一行，例如 {key}: {example}")
        return entry

    def structured_target(self, row: dict[str, Entry], where: Where, label: str) -> tuple[str, str]:
        """计算符号 + 指标值 + 计量单位 → the target as a table prints it (``≥`` ``200`` ``人`` → ``≥200人``)."""
        if K.TARGET in row:
            self.problem(row[K.TARGET].key_where, f"{label}既写了“{K.TARGET}”，又写了“{K.SIGN}/{K.INDEX_VALUE}/"
                                                  f"{K.METER_UNIT}”：二者选一，例如只写 {K.TARGET}: \"≥200人\"。")
        value = self.text(self.require(row, K.INDEX_VALUE, where, "200"), f"{label}{K.INDEX_VALUE}", True, "200")
        sign = self.text(row.get(K.SIGN), f"{label}{K.SIGN}", False)
        unit = self.text(row.get(K.METER_UNIT), f"{label}{K.METER_UNIT}", False)
        written = SIGNS.get(sign.replace(" ", ""), sign) if sign else ""
        if sign and written == sign and sign not in SIGNS.values():
            self.problem(row[K.SIGN].value.where, f"{label}{K.SIGN}“{sign}”无法识别：请写 ≥、≤、=、>、< 或"
                                                  f"“定性”，例如 {K.SIGN}: ≥")
        return f"{written}{value}{unit}", unit if BARE_NUMBER.match(value) else ""

    # -- scalars -------------------------------------------------------------------------------

    def scalar(self, entry: Entry, label: str) -> Scalar | None:
        if isinstance(entry.value, Scalar):
            return entry.value
        self.problem(entry.value.where, f"“{label}”应为一个值，实为{describe(entry.value)}：如有多段文字，"
                                        f"请写成 {label}: | 后换行缩进书写。")
        return None

    def text(self, entry: Entry | None, label: str, required: bool, example: str = "…") -> str:
        if entry is None:
            return ""
        value = self.scalar(entry, label)
        if value is None:
            return ""
        if value.is_null or not value.text.strip():
            if required:
                self.problem(value.where, f"“{label}”不能为空：请填写，例如 {label}: {example}")
            return ""
        return value.text.strip()

    def number(self, entry: Entry | None, label: str, example: str, *, percent: bool = False,
               blank_ok: bool = True, key: str = "") -> Decimal | None:
        """A number; ``label`` names it in a message, ``key`` is the key to write it under (the label
        itself when that is the key)."""
        key = key or label
        if entry is None:
            return None
        value = self.scalar(entry, label)
        if value is None:
            return None
        if value.is_null or is_not_applicable(value.text):
            if not blank_ok:
                self.problem(value.where, f"“{label}”不能为空：请填写一个数字，例如 {key}: {example}")
            return None
        number = parse_percent(value.text) if percent else parse_decimal(value.text)
        if number is None:
            written = value.text.strip()
            unit = next((u for u in MONEY_UNITS_WRITTEN if written.endswith(u)), "")
            if unit and parse_decimal(written.removesuffix(unit)) is not None:
                bare = written.removesuffix(unit).strip()
                bare = f'"{bare}"' if "," in bare else bare  # a thousands comma needs quotes in { }
                self.problem(value.where, f"“{label}”只写数字，不写单位（实为“{written}”）：金额的单位由文件开头的"
                                          f"“资金单位”决定，请写 {key}: {bare}，"
                                          f"并在文件开头写 资金单位: {'元' if unit == '元' else '万元'}。")
                return None
            self.problem(value.where, f"“{label}”应为数字，实为“{written}”：请只写数字，例如 {key}: {example}")
            return None
        if number < 0:
            self.problem(value.where, f"“{label}”不能为负数（{value.text.strip()}）：请检查后填写。")
            return None
        return number

    # -- the contract ----------------------------------------------------------------------------

    def evaluation(self, tree: MapNode, source: str, folder_year: int | None) -> Evaluation:
        top = self.fields(tree, K.TOP_LEVEL, "文件最外层")
        where = tree.where
        self.stage = stage_of(tree)
        year = self.year(top.get(K.YEAR), folder_year, where)
        project = self.text(self.require(top, K.PROJECT, where, "党建服务工作经费"), K.PROJECT, True)
        department = self.text(self.require(top, K.DEPARTMENT, where, "中共上海市委组织部"), K.DEPARTMENT, True)
        unit = self.text(self.require(top, K.UNIT, where, "上海市党建服务中心"), K.UNIT, True)
        money_unit = self.text(top.get(K.MONEY_UNIT), K.MONEY_UNIT, False) or "万元"
        if money_unit not in MONEY_UNITS:
            self.problem(top[K.MONEY_UNIT].value.where, f"“资金单位”只能是“元”或“万元”，实为“{money_unit}”。")
            money_unit = "万元"
        total, sources = self.funding(self.require(top, K.FUNDING, where, "（见 README 示例）"))
        planned, achieved, overview = self.goals(self.require(top, K.GOALS, where, "（见 README 示例）"))
        indicators = self.indicators(self.require(top, K.INDICATORS, where, "（见 README 示例）"))
        declared_total = self.number(top.get(K.TOTAL), K.TOTAL, "97.89")
        grade = self.text(top.get(K.GRADE), K.GRADE, False) or None
        if grade is not None and grade not in GRADES:
            self.problem(top[K.GRADE].value.where, f"“评分等级”只能是 优、良、中、差 之一，实为“{grade}”。")
            grade = None
        profile = self.text(top.get(K.PROFILE), K.PROFILE, False) or None
        fields = self.narrative(top)
        if overview:
            fields.setdefault(K.OVERVIEW, overview)
        places = {key: entry.key_where for key, entry in top.items()}
        declaration = self.declaration(top.get(K.DECLARATION), top)
        monitoring = self.monitoring(top.get(K.MONITORING))
        approval = self.approval(top.get(K.APPROVAL))
        return Evaluation(
            where=where, places=places, source=source, year=year, project=project, department=department,
            unit=unit, money_unit=money_unit, total=total, sources=sources, planned=planned, achieved=achieved,
            indicators=indicators, declared_total=declared_total, declared_grade=grade, profile=profile,
            folder_year=folder_year, unfilled=tuple(self.blanks), fields=fields, stage=self.stage,
            declaration=declaration, monitoring=monitoring, approval=approval,
        )

    # -- the year's other forms ------------------------------------------------------------------

    def declaration(self, entry: Entry | None, top: dict[str, Entry]) -> Declaration | None:
        """The 申报 block: 主管部门编码, 项目期, the 申报表's texts, 实施进度计划 and 长期目标 (each also
        accepted at the top of the file)."""
        node = self.mapping(entry, K.DECLARATION, "{项目期: 2025年1月-2025年12月, 项目概况: …}")
        found = self.fields(node, K.DECLARATION_KEYS, "“申报”") if node else {}
        for key in K.FLAT_DECLARATION:
            if key in top and key in found:
                self.problem(top[key].key_where, f"“{key}”既写在“申报”中，又写在文件最外层：请只保留一处。")
            elif key in top:
                found[key] = top[key]
        if node is None and not found:
            return None
        texts = {key: self.text(found[key], key, False) for key in K.DECLARATION_TEXTS if key in found}
        return Declaration(
            where=node.where if node else self.root, places={k: e.key_where for k, e in found.items()},
            code=self.text(found.get(K.DEPARTMENT_CODE), K.DEPARTMENT_CODE, False),
            period=self.text(found.get(K.PROJECT_PERIOD), K.PROJECT_PERIOD, False), texts=texts,
            header={key: self.text(found[key], key, False) for key in K.DECLARATION_HEADER if key in found},
            schedule=self.schedule(found.get(K.SCHEDULE)),
            long_term=self.text(found.get(K.LONG_TERM), K.LONG_TERM, False),
            fields=self.narrative(found, K.DECLARATION_KEYS, (), "“申报”"),
        )

    def schedule(self, entry: Entry | None) -> tuple[Step, ...]:
        if entry is None or (isinstance(entry.value, Scalar) and entry.value.is_null):
            return ()
        example = "- {项目实施内容: 完成招标, 开始时间: 2025年1月, 完成时间: 2025年3月}"
        if not isinstance(entry.value, SeqNode):
            self.problem(entry.value.where, f"“{K.SCHEDULE}”应为一个列表，每行一项，例如 {example}")
            return ()
        steps = []
        for item in entry.value.items:
            if not isinstance(item, MapNode):
                self.problem(item.where, f"“{K.SCHEDULE}”的每一项应为一组“键: 值”，例如 {example}")
                continue
            row = self.fields(item, K.STEP_KEYS, f"“{K.SCHEDULE}”")
            steps.append(Step(where=item.where, places={k: e.key_where for k, e in row.items()},
                              content=self.text(self.require(row, K.STEP_CONTENT, item.where, "完成招标"),
                                                K.STEP_CONTENT, True, "完成招标"),
                              start=self.text(row.get(K.STEP_START), K.STEP_START, False),
                              end=self.text(row.get(K.STEP_END), K.STEP_END, False)))
        return tuple(steps)

    def monitoring(self, entry: Entry | None) -> Monitoring | None:
        """The 监控 block: 截至月份 (else the month of its 1-N月 keys, else 7) and the goal's 1-N月执行情况."""
        node = self.mapping(entry, K.MONITORING, "{截至月份: 7, 1-7月执行情况: …}")
        found = self.fields(node, K.MONITORING_KEYS, "“监控”", {"总体目标执行情况": K.TO_DATE_DONE}) if node else {}
        month = self.number(found.get(K.MONTH), K.MONTH, "7")
        if month is not None and (month != month.to_integral_value() or not 1 <= month <= 12):
            self.problem(found[K.MONTH].value.where, f"“{K.MONTH}”应为 1 到 12 的整数，例如 {K.MONTH}: 7")
            month = None
        months = sorted({m for m, _ in self.months})
        if month is None and len(months) > 1:
            self.problem(self.months[0][1], f"“1-N月”各栏写了不同的月份（{'、'.join(f'1-{m}月' for m in months)}）："
                                            f"请统一为同一个月，或在“监控”中写明 {K.MONTH}: {months[-1]}")
        chosen = int(month) if month is not None else (months[-1] if months else 7)
        for written, where in self.months:
            if written != chosen:
                self.problem(where, f"这一栏是 1-{written}月，而监控截至 {chosen} 月：请改为 1-{chosen}月。")
        if node is None and not self.months:
            return None
        return Monitoring(where=node.where if node else self.root,
                          places={k: e.key_where for k, e in found.items()}, month=chosen,
                          progress=self.text(found.get(K.TO_DATE_DONE), "年度总体目标的1-N月执行情况", False),
                          fields=self.narrative(found, K.MONITORING_KEYS, (), "“监控”"))

    def approval(self, entry: Entry | None) -> Approval | None:
        """The 批复 block: the approved 年度指标值 by 三级指标 (``年度指标值: {培训人次: ≥500人}``)."""
        node = self.mapping(entry, K.APPROVAL, "{日期: 2025-03-20, 年度指标值: {培训人次: ≥500人}}")
        if node is None:
            return None
        found = self.fields(node, K.APPROVAL_KEYS, "“批复”", K.APPROVAL_ALIASES)
        targets_node = self.mapping(found.get(K.TARGET), K.TARGET, "{培训人次: ≥500人}")
        targets, places = {}, {}
        for name, item in (targets_node.entries.items() if targets_node else ()):
            if not isinstance(item.value, Scalar):  # the tree written again: each 三级指标 takes one target
                self.problem(item.value.where, f"批复的年度指标值每行写一个三级指标和它的指标值，例如 {name}: ≥500人；"
                                               f"“{name}”下实为{describe(item.value)}。")
                continue
            targets[name] = self.text(item, f"批复的“{name}”", False)
            places[name] = item.key_where
        return Approval(where=node.where, places=places,
                        date=self.text(found.get(K.APPROVAL_DATE), K.APPROVAL_DATE, False),
                        number=self.text(found.get(K.APPROVAL_NUMBER), K.APPROVAL_NUMBER, False), targets=targets)

    def monitored(self, entry: Entry | None, label: str, indicator: dict[str, Entry]) -> Monitored | None:
        """An indicator's 监控 block, or its 监控表 columns written in the indicator itself (1-7月执行情况,
        完成目标可能性 …; then its 偏差原因分析 is the 监控表's, in a file not yet at 自评)."""
        example = "{1-7月执行情况: 320人, 全年预计完成情况: 520人, 完成目标可能性: 确定能}"
        node = self.mapping(entry, K.MONITORING, example)
        flat = {key: indicator[key] for key in K.FLAT_MONITORED if key in indicator}
        if flat and self.stage != SELF and K.REASON in indicator:
            flat[K.CAUSE] = indicator[K.REASON]
        if node is not None and flat:
            self.problem(next(iter(flat.values())).key_where, f"{label}监控各栏既写在“监控”中，又直接写在指标中："
                                                              "请只保留一处。")
        if node is None and not flat:
            return None
        row = self.fields(node, K.MONITORED_KEYS, f"{label}“监控”", K.MONITORED_ALIASES) if node else flat
        likelihood = self.text(row.get(K.LIKELIHOOD), K.LIKELIHOOD, False)
        if likelihood and likelihood not in LIKELIHOOD_WORDS:
            self.problem(row[K.LIKELIHOOD].value.where, f"“{K.LIKELIHOOD}”只能写 {'、'.join(LIKELIHOODS)} 之一，"
                                                        f"实为“{likelihood}”。")
        return Monitored(where=node.where if node else next(iter(flat.values())).key_where,
                         places={k: e.key_where for k, e in row.items()},
                         to_date=self.text(row.get(K.TO_DATE_DONE), K.TO_DATE_DONE, False),
                         forecast=self.text(row.get(K.FORECAST_DONE), K.FORECAST_DONE, False),
                         likelihood=LIKELIHOOD_WORDS.get(likelihood, ""),
                         cause=self.text(row.get(K.CAUSE), K.CAUSE, False),
                         measure=self.text(row.get(K.MEASURE), K.MEASURE, False))

    def adjustment(self, entry: Entry | None, label: str) -> Adjustment | None:
        node = self.mapping(entry, K.ADJUSTMENT, "{原指标值: ≥500人, 调整原因: …}")
        if node is None:
            return None
        row = self.fields(node, K.ADJUSTMENT_KEYS, f"{label}“调整”", K.ADJUSTMENT_ALIASES)
        return Adjustment(where=node.where, places={k: e.key_where for k, e in row.items()},
                          original=self.text(row.get(K.ORIGINAL), K.ORIGINAL, False),
                          reason=self.text(row.get(K.ADJUST_REASON), K.ADJUST_REASON, False))

    def narrative(self, top: dict[str, Entry], known: tuple[str, ...] = K.TOP_LEVEL,
                  listed: tuple[str, ...] = K.NARRATIVE, where: str = "文件最外层") -> dict[str, str]:
        """The optional texts (报表编号, 评价结论, 项目负责人 …) and those under 其他栏目, by label (of a
        file, or of one indicator: ``known`` its keys, ``listed`` none)."""
        found = {key: self.text(top[key], key, False) for key in listed if key in top}
        other = self.mapping(top.get(K.OTHER_FIELDS), K.OTHER_FIELDS, "{审核意见: 同意}")
        for label, entry in (other.entries.items() if other else ()):
            if label in found or K.canonical(label) in known:
                self.problem(entry.key_where, f"“{K.OTHER_FIELDS}”中的“{label}”是{where}的键：请写在{where}，"
                                              f"例如 {label}: …")
                continue
            found[label] = self.text(entry, label, False)
        return found

    def year(self, entry: Entry | None, folder_year: int | None, where: Where) -> int:
        if entry is None:
            if folder_year is None:
                self.problem(where, "缺少“年度”：请在文件或 _defaults.yaml 中写 年度: 2024，或把文件放在名为年份的"
                                    "文件夹中（如 inputs/2024/）。")
                return 0
            return folder_year
        value = self.scalar(entry, K.YEAR)
        text = value.text.strip().removesuffix("年度").removesuffix("年") if value else ""
        number = parse_decimal(text)
        if value is None or number is None or number != number.to_integral_value() or not 1990 <= number <= 2100:
            if value is not None:
                self.problem(value.where, f"“年度”应为四位年份，例如 年度: 2024；实为“{value.text}”。")
            return folder_year or 0
        return int(number)

    def funding(self, entry: Entry | None) -> tuple[TotalFunding, tuple[FundingRow, ...]]:
        node = self.mapping(entry, K.FUNDING, "年度资金总额: {年初预算数: 234.00, 全年预算数: 234.00, 全年执行数: 184.65}")
        where = entry.value.where if entry else self.root
        # a province's own source row (上级补助, 本级安排 …) is a row of its own; a near miss of a known one
        # (当年财政拔款) is a typo, reported with the name it should be
        extra = tuple(key for key in (node.entries if node else ()) if K.canonical(key) not in _FUNDING_KEYS
                      and K.chinese(key) and not difflib.get_close_matches(K.canonical(key), _FUNDING_KEYS, cutoff=0.7))
        rows = self.fields(node, (*_FUNDING_KEYS, *extra), "“项目资金”") if node else {}
        total_entry = rows.get(TOTAL_ROW)
        if node is not None and total_entry is None:
            self.problem(where, "“项目资金”缺少“年度资金总额”：请添加，例如 年度资金总额: {年初预算数: 234.00, "
                                "全年预算数: 234.00, 全年执行数: 184.65}")
        total = self.total_row(total_entry, where)
        # the three rows of the national form always (blank where not written), then the other rows written
        names = (*SOURCE_ROWS, *(name for name in (*ALL_SOURCE_ROWS, *extra) if name in rows and name not in SOURCE_ROWS))
        sources = tuple(self.source_row(rows.get(name), name, where) for name in names)
        return total, sources

    def amounts(self, row: dict[str, Entry], name: str) -> dict[str, Decimal | None]:
        """A funding row's three amounts; one written with nothing after it (``全年预算数:``) is noted as not
        filled in yet (the form is unfinished), unlike one written ``—`` (not applicable) or left out."""
        for column in AMOUNT_COLUMNS:
            entry = row.get(column)
            if entry is not None and isinstance(entry.value, Scalar) and (entry.value.is_null or not entry.value.text.strip()):
                self.blanks.append(Blank(entry.value.where, f"{name}的{column}", f"{column}: 234.00"))
        return {column: self.number(row.get(column), f"{name}的{column}", "234.00", key=column) for column in _MONEY_COLUMNS}

    @staticmethod
    def written(row: dict[str, Entry]) -> dict[str, str]:
        """Each amount's text as the author wrote it (``70,000``, ``71200.00``, ``—``), for printing as written."""
        return {column: normalise(entry.value.text) for column, entry in row.items()
                if column in _MONEY_COLUMNS and isinstance(entry.value, Scalar) and not entry.value.is_null}

    def total_row(self, entry: Entry | None, where: Where) -> TotalFunding:
        node = self.mapping(entry, TOTAL_ROW, "{年初预算数: 234.00, 全年预算数: 234.00, 全年执行数: 184.65}")
        if node is None:
            return TotalFunding(where=where)
        row = self.fields(node, _TOTAL_ROW_KEYS, "“年度资金总额”")
        amounts = self.amounts(row, TOTAL_ROW)
        weight = self.number(row.get(K.WEIGHT), "年度资金总额的分值", "10", blank_ok=False, key=K.WEIGHT)
        return TotalFunding(
            where=node.where, places={k: e.key_where for k, e in row.items()}, name=TOTAL_ROW, written=self.written(row),
            initial=amounts["年初预算数"], adjusted=amounts["全年预算数"], executed=amounts["全年执行数"],
            weight=Decimal(10) if weight is None else weight,
            declared_rate=self.number(row.get(K.RATE), "执行率", "89.61", percent=True),
            declared_score=self.number(row.get(K.SCORE), "执行得分", "8.96", key=K.SCORE),
            reason=self.text(row.get(K.REASON), f"{TOTAL_ROW}的{K.REASON}", False),
            period=amounts[PERIOD], to_date=amounts[TO_DATE], forecast=amounts[FORECAST],
            declared_to_date_rate=self.number(row.get(K.TO_DATE_RATE), "1-N月执行率", "58.30", percent=True),
        )

    def source_row(self, entry: Entry | None, name: str, where: Where) -> FundingRow:
        node = self.mapping(entry, name, "{年初预算数: 0, 全年预算数: 0, 全年执行数: 0}")
        if node is None:
            return FundingRow(where=entry.value.where if entry else where, name=name)
        row = self.fields(node, _ROW_KEYS, f"“{name}”")
        amounts = self.amounts(row, name)
        return FundingRow(where=node.where, places={k: e.key_where for k, e in row.items()}, name=name,
                          written=self.written(row), initial=amounts["年初预算数"], adjusted=amounts["全年预算数"],
                          executed=amounts["全年执行数"], reason=self.text(row.get(K.REASON), f"{name}的{K.REASON}", False),
                          period=amounts[PERIOD], to_date=amounts[TO_DATE], forecast=amounts[FORECAST])

    def goals(self, entry: Entry | None) -> tuple[str, str, str]:
        """预期目标, 实际完成情况, and the 项目实施内容及过程概述 a 项目基本情况 block may hold."""
        node = self.mapping(entry, K.GOALS, "预期目标: …")
        if node is None:
            if entry is not None:
                self.problem(entry.value.where, "“年度总体目标”下应写“预期目标”和“实际完成情况”两项。")
            return "", "", ""
        goals = self.fields(node, K.GOAL_KEYS, "“年度总体目标”")
        planned = self.text(self.require(goals, K.PLANNED, node.where, "…"), K.PLANNED, True)
        achieved = (self.text(self.require(goals, K.ACHIEVED, node.where, "…"), K.ACHIEVED, True)
                    if self.stage == SELF else self.text(goals.get(K.ACHIEVED), K.ACHIEVED, False))
        return planned, achieved, self.text(goals.get(K.OVERVIEW), K.OVERVIEW, False)

    def indicators(self, entry: Entry | None) -> tuple[Indicator, ...]:
        node = self.mapping(entry, K.INDICATORS, "产出指标: {数量指标: [...]}")
        if node is None:
            if entry is not None:
                self.problem(entry.value.where, "“绩效指标”不能为空：请按 一级指标 → 二级指标 → 指标列表 填写。")
            return ()
        found: list[Indicator] = []
        for level1, entry1 in node.entries.items():
            level2_map = self.mapping(entry1, level1, "数量指标: [...]")
            if level2_map is None:
                self.problem(entry1.value.where, f"一级指标“{level1}”下应为二级指标，例如 数量指标: 后接指标列表。")
                continue
            for level2, entry2 in level2_map.entries.items():
                if not isinstance(entry2.value, SeqNode):
                    hint = K.suggest(level2, K.INDICATOR_KEYS)
                    extra = "；看起来少了一级：指标应写在二级指标之下" if hint else ""
                    self.problem(entry2.value.where, f"二级指标“{level2}”下应为指标列表（每项以“- ”开头），"
                                                     f"实为{describe(entry2.value)}{extra}。")
                    continue
                for item in entry2.value.items:
                    indicator = self.indicator(item, level1, level2)
                    if indicator is not None:
                        found.append(indicator)
        if not found and not self.problems:
            self.problem(node.where, "“绩效指标”中没有任何指标：请至少填写一个三级指标。")
        return tuple(found)

    def indicator(self, node: Node, level1: str, level2: str) -> Indicator | None:
        if not isinstance(node, MapNode):
            self.problem(node.where, "每个指标应为一组“键: 值”，例如 - {三级指标: 工作验收合格率, 年度指标值: "
                                     "\"=100(%)\", 实际完成值: 100.00(%), 分值: 10}")
            return None
        row = self.fields(node, K.INDICATOR_KEYS, "指标")
        name = self.text(self.require(row, K.NAME, node.where, "工作验收合格率"), K.NAME, True, "工作验收合格率")
        label = f"指标“{name}”的" if name else ""
        parts = ("", "", "")
        if any(key in row for key in K.STRUCTURED_TARGET):
            target, unit = self.structured_target(row, node.where, label)
            parts = tuple(self.text(row.get(key), key, False) for key in K.STRUCTURED_TARGET)  # type: ignore[assignment]
        else:
            target, unit = self.text(self.require(row, K.TARGET, node.where, '"≥90%"'), f"{label}{K.TARGET}", True,
                                     "≥90%"), ""
        self_stage = self.stage == SELF  # 实际完成值 and 分值 are the 自评表's: a 申报 or 监控 file has none yet
        actual = (self.text(self.require(row, K.ACTUAL, node.where, "95%"), f"{label}{K.ACTUAL}", True, "95%")
                  if self_stage else self.text(row.get(K.ACTUAL), K.ACTUAL, False))
        written_actual = ""
        if unit and BARE_NUMBER.match(actual):
            # 实际完成值: 180 beside 计量单位: 人 reads as 180人 (and prints so, unless the form has a 度量单位 column)
            written_actual, actual = actual, actual + unit
        weight = self.number(self.require(row, K.WEIGHT, node.where, "10") if self_stage else row.get(K.WEIGHT),
                             f"{label}{K.WEIGHT}", "10", blank_ok=not self_stage, key=K.WEIGHT)
        score = self.number(row.get(K.SCORE), f"{label}{K.SCORE}", "9.5", key=K.SCORE)
        reason = self.text(row.get(K.REASON), K.REASON, False)
        return Indicator(
            where=node.where, places={k: e.key_where for k, e in row.items()}, level1=level1, level2=level2,
            name=name, target=target, actual=actual, weight=weight or Decimal(0), declared_score=score,
            reason=reason, sign=parts[0], index_value=parts[1], meter_unit=parts[2], written_actual=written_actual,
            fields=self.narrative(row, K.INDICATOR_KEYS, (), "指标"),
            period_target=self.text(row.get(K.PERIOD_TARGET), K.PERIOD_TARGET, False),
            remark=self.text(row.get(K.REMARK), K.REMARK, False),
            monitored=self.monitored(row.get(K.MONITORING), label, row),
            adjustment=self.adjustment(row.get(K.ADJUSTMENT), label),
        )
