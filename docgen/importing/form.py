"""Find 自评表 forms on a sheet by their labels and read each into the input contract's keys.

Nothing depends on fixed cell addresses: a form starts at its 项目名称 label, the funding block at
the row naming 年初预算数, the goals at 预期目标 / 实际完成情况 and the indicators at 三级指标 /
年度指标值; each column is found by its heading, under any of the wording variants of domain.md.
Merged cells, blank rows and columns, a leading 绩效指标 column and stacked forms follow from that.
Every non-empty cell is either placed or reported with its address; no value is ever made up.

Longer than most modules (about 350 lines) for a reason: it is one reader walking one form from top to
bottom, and its parts (heading, funding, goals, indicators) share the reader's state — the cells
already placed and the notes — so they stay together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docgen.errors import Problem, Where
from docgen.importing.sheets import Sheet, SheetCell, cell_ref
from docgen.inputs import keys as k
from docgen.inputs.records import (
    ALL_SOURCE_ROWS,
    AMOUNT_COLUMNS,
    FORECAST,
    MONEY_UNITS,
    PERIOD,
    STAGE_COLUMNS,
    TO_DATE,
    TOTAL_ROW,
)
from docgen.inputs.written_numbers import is_not_applicable, normalise, parse_decimal, parse_percent
from docgen.scoring.variants import NATIONAL

# The columns of the funding block and of the indicator table; a heading names one in any wording the
# input contract accepts for its key (分数 for 分值, 执行率(%), 偏差原因分析 …: keys.canonical).
LEVEL1, LEVEL2 = "一级指标", "二级指标"
FUNDING_COLUMNS = (*AMOUNT_COLUMNS, k.WEIGHT, k.RATE, k.SCORE, k.REASON, *STAGE_COLUMNS, k.TO_DATE_RATE)
MONEY_COLUMNS = (*AMOUNT_COLUMNS, PERIOD, TO_DATE, FORECAST)
# the 监控表's columns of an indicator (its 监控 block) and the 申报表's
MONITORED_COLUMNS = (k.TO_DATE_DONE, k.FORECAST_DONE, k.LIKELIHOOD, k.MEASURE)
FUNDING_NAMES = (TOTAL_ROW, *ALL_SOURCE_ROWS)
FUNDING_LABELS = (k.FUNDING, "单位", "预算执行情况", "资金情况")  # the block's label, which may carry the unit
INDICATOR_COLUMNS = (LEVEL1, LEVEL2, *k.INDICATOR_KEYS, *MONITORED_COLUMNS)
TABLE_HEADINGS = set(INDICATOR_COLUMNS) - {k.REASON}  # a row naming one of these ends the goal texts
GOAL_LABELS = {k.GOALS, *k.aliases(k.GOALS), "年度"}  # the label may be split: 年度 / 总体目标
TOTAL_LABELS = {"总分", "合计", "总计"}
GRADE_LABELS = {"评分等级", "等级", "自评等级"}
SECTION_LABEL = "绩效指标"
SERIAL, SERIAL_LABELS = "序号", {"序号", "编号", "No.", "NO."}
_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_TITLE = re.compile(r"绩效自评|自我评价|自评价|自评表|申报表|监控表|目标表")
_MONTHS = re.compile(r"(?:19|20)\d{2}年1\s*[-—–~～至]\s*\d{1,2}月")  # （2025年1-7月）: a 监控表's year


@dataclass
class Form:
    """One form read from a sheet: the contract's keys in order, and what could not be placed."""

    sheet: str
    first_row: int
    last_row: int
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)  # what could not be placed, at its cell

    @property
    def project(self) -> str:
        return str(self.data.get(k.PROJECT, ""))


def find_forms(sheet: Sheet) -> list[Form]:
    """Every form on the sheet, top to bottom; a sheet without a 项目名称 label has none."""
    starts = sorted({cell.row for cell in sheet.cells.values() if cell.label == k.PROJECT})
    forms: list[Form] = []
    previous_end = 0
    for index, start in enumerate(starts):
        end = (starts[index + 1] - 1) if index + 1 < len(starts) else sheet.last_row
        reader = _FormReader(sheet, previous_end + 1, start, end, last_on_sheet=index + 1 == len(starts))
        form = reader.read()
        forms.append(form)
        previous_end = form.last_row
    return forms


class _FormReader:
    """Reads one form: the heading rows above ``start`` and the body from ``start`` to ``end``."""

    def __init__(self, sheet: Sheet, head: int, start: int, end: int, last_on_sheet: bool) -> None:
        self.sheet, self.head, self.start, self.end = sheet, head, start, end
        self.last_on_sheet = last_on_sheet  # then what follows it is its own, not the next form's heading
        self.used: set[tuple[int, int]] = set()
        self.notes: list[Problem] = []
        self.last = start
        self.headings: dict[str, str] = {}  # a column's key → its heading as printed (1-7月执行数)
        self.texts: dict[int, str] = {}  # the indicator table's columns of texts docgen has no key for, by column
        self.total_row = 0  # the indicators' 总分 (合计) row, once found

    # -- helpers --------------------------------------------------------------------------------
    def use(self, cell: SheetCell | None) -> SheetCell | None:
        if cell is not None:
            self.used.add((cell.row, cell.col))
            self.last = max(self.last, cell.row)
        return cell

    def note(self, cell: SheetCell | None, message: str, row: int = 0) -> None:
        """Report at ``cell``, or at the start of ``row`` when the trouble is that no cell was found."""
        ref = cell.ref if cell is not None else cell_ref(self.sheet.name, row, 1)
        self.notes.append(Problem(Where(ref), message))

    def value_after(self, label: SheetCell, stop_labels: set[str]) -> SheetCell | None:
        """The first cell right of ``label`` on its row, unless another label comes first."""
        for cell in self.sheet.row(label.row):
            if cell.col <= label.col:
                continue
            if cell.label in stop_labels:
                return None
            return self.use(cell)
        return None

    # -- the form -------------------------------------------------------------------------------
    def read(self) -> Form:
        data: dict[str, Any] = {}
        self._heading(data)
        body = [cell for row in range(self.start, self.end + 1) for cell in self.sheet.row(row)]
        labels = {cell.label: cell for cell in reversed(body)}  # first occurrence wins
        labels |= {k.canonical(cell.label): cell for cell in reversed(body)  # 项目执行单位 for 实施单位 …
                   if k.canonical(cell.label) not in labels and k.canonical(cell.label) != cell.label}
        heading_ends = self._first_row_with({"年初预算数", "全年预算数", TO_DATE, "预期目标", k.NAME})
        for key in (k.PROJECT, k.DEPARTMENT, k.UNIT):
            label = labels.get(key) or (labels.get(DEPARTMENT_AND_CODE) if key == k.DEPARTMENT else None)
            if label is None or label.row > heading_ends:
                self.note(None, f"没有找到“{key}”，请在导入后的 YAML 中补写 {key}。", self.start)
                continue
            self.use(label)
            value = self.value_after(label, {k.PROJECT, k.DEPARTMENT, k.UNIT})
            if value is None:
                self.note(label, f"“{key}”右侧没有内容，请在导入后的 YAML 中补写 {key}。")
            else:
                data[key] = value.text
        code = re.fullmatch(r"(.+?)\s*[（(]\s*([\w-]+)\s*[)）]", str(data.get(k.DEPARTMENT, "")))
        if code and DEPARTMENT_AND_CODE in labels:  # 主管部门及代码: 某市委组织部（007）
            data[k.DEPARTMENT] = code[1]
            data.setdefault(k.DECLARATION, {})[k.DEPARTMENT_CODE] = code[2]
        self._funding(data)
        self._goals(data)
        self._declaration(data)
        self._indicators(data)
        self._narrative(data)
        self._unplaced()
        return Form(self.sheet.name, self.start, self.last, _ordered(data), self.notes)

    def _first_row_with(self, labels: set[str]) -> int:
        """The first row of the form with one of ``labels`` (contract keys, in any accepted wording)."""
        for row in range(self.start, self.end + 1):
            if any(_key_of(cell.label) in labels for cell in self.sheet.row(row)):
                return row
        return self.end + 1

    def _heading(self, data: dict[str, Any]) -> None:
        """The title and the year above 项目名称 (``（2024年度）`` or in the title itself)."""
        for row in range(self.head, self.start):
            for cell in self.sheet.row(row):
                match = _YEAR.search(cell.label)
                if match and ("年度" in cell.label or _TITLE.search(cell.label) or _MONTHS.search(cell.label)):
                    data.setdefault(k.YEAR, int(match.group(1)))
                    self.used.add((cell.row, cell.col))
                elif _TITLE.search(cell.label):
                    self.used.add((cell.row, cell.col))

    def _funding(self, data: dict[str, Any]) -> None:
        header_row = self._first_row_with({"年初预算数", "全年预算数", TO_DATE})  # a 监控表 may have no 年初预算数
        if header_row > self.end:
            self.note(None, "没有找到项目资金表（“年初预算数”一行），请在导入后的 YAML 中补写 项目资金。", self.start)
            return
        columns = self._columns(header_row, FUNDING_COLUMNS)
        unit = self._money_unit(header_row)
        if unit:
            data[k.MONEY_UNIT] = unit
        funding: dict[str, dict[str, Any]] = {}
        first_source = 0
        for row in range(header_row + 1, self.end + 1):
            names = [cell for cell in self.sheet.row(row) if _funding_name(cell.label)]
            if not names:
                if any(k.canonical(cell.label) in {"预期目标", k.NAME} for cell in self.sheet.row(row)):
                    break
                continue
            name = _funding_name(self.use(names[0]).label)  # type: ignore[union-attr]
            if name in funding:  # a 合计 further down (the indicators' total) is not the funding block's
                break
            funding[name] = self._funding_row(row, columns, carries_score=name == TOTAL_ROW)
            first_source = first_source or row
        if TOTAL_ROW not in funding and funding and first_source:
            funding[TOTAL_ROW] = self._total_of_sources(funding, first_source, columns)
        if TOTAL_ROW not in funding:
            self.note(None, "没有找到“年度资金总额”一行，请在导入后的 YAML 中补写。", header_row)
        data[k.FUNDING] = {name: funding[name] for name in FUNDING_NAMES if name in funding}

    def _total_of_sources(self, funding: dict[str, dict[str, Any]], first: int, columns: dict[str, int]
                          ) -> dict[str, Any]:
        """A form without a total row (its weight and score merged down beside the sources): the total is
        the sources' amounts added up — each column only where every source has a number — with the
        weight and score printed beside them."""
        total: dict[str, Any] = {}
        for key in AMOUNT_COLUMNS:
            amounts = [row.get(key) for row in funding.values()]
            numbers = [parse_decimal(str(a)) for a in amounts if a not in (None, "—")]
            if numbers and all(n is not None for n in numbers):
                total[key] = sum(numbers, Decimal(0))  # type: ignore[arg-type]
        for key in (k.WEIGHT, k.SCORE):
            cell = self.use(self.sheet.at(first, columns[key])) if key in columns else None
            number = _number(cell) if cell is not None else None
            if number is not None:
                total[key] = number
        return total

    def _money_unit(self, header_row: int) -> str | None:
        for row in range(self.start, header_row + 1):
            for cell in self.sheet.row(row):
                if cell.label.startswith(FUNDING_LABELS):
                    self.use(cell)
                    for unit in sorted(MONEY_UNITS, key=len, reverse=True):
                        if f"({unit})" in cell.label or cell.label.endswith(f":{unit}") \
                                or cell.label.endswith(unit):
                            return unit
        self.note(None, "没有找到资金单位（如“项目资金（万元）”），没有写 资金单位：导入后请核对并补写（元 或 万元）。",
                  header_row)
        return None

    def _columns(self, row: int, wanted: tuple[str, ...]) -> dict[str, int]:
        """The column of each wanted contract key whose heading (in any accepted wording) is on ``row``."""
        columns: dict[str, int] = {}
        for cell in self.sheet.row(row):
            key = _key_of(cell.label)
            if key in wanted and key not in columns:
                columns[key] = self.use(cell).col  # type: ignore[union-attr]
                self.headings[key] = cell.label  # 1-7月执行数 is written back with its month
        return columns

    def _funding_row(self, row: int, columns: dict[str, int], carries_score: bool) -> dict[str, Any]:
        values: dict[str, Any] = {}
        reason = self.use(self.sheet.at(row, columns[k.REASON])) if k.REASON in columns else None
        if reason is not None:
            values[k.REASON] = reason.text
        for key in MONEY_COLUMNS:
            cell = self.use(self.sheet.at(row, columns[key])) if key in columns else None
            if cell is None:
                continue
            amount = _number(cell)
            written = self.headings.get(key, key) if key == TO_DATE else key
            if amount is not None:
                values[written] = _as_written(cell, amount)
            elif is_not_applicable(cell.text):
                values[written] = "—"
            else:
                self.note(cell, f"{key}“{cell.text}”不是金额，没有导入。")
        if k.TO_DATE_RATE in columns:  # the 监控表's 1-N月执行率: docgen computes it from the amounts
            self.use(self.sheet.at(row, columns[k.TO_DATE_RATE]))
        for key in (k.WEIGHT, k.RATE, k.SCORE):
            cell = self.use(self.sheet.at(row, columns[key])) if key in columns else None
            if cell is None or is_not_applicable(cell.text):
                continue
            if not carries_score:  # 当年财政拨款 … : docgen computes their 执行率 from the amounts
                if key == k.RATE:
                    self._source_rate(cell, values)
                continue
            number = _percent(cell) if key == k.RATE else _number(cell)
            if number is None:
                self.note(cell, f"{key}“{cell.text}”不是数字，没有导入。")
            else:
                values[key] = number
        return values

    def _source_rate(self, cell: SheetCell, amounts: dict[str, Any]) -> None:
        """A funding source's printed 执行率: docgen prints its own from the amounts; a different one is listed."""
        shown = _percent(cell)
        executed, budget = amounts.get(AMOUNT_COLUMNS[2]), amounts.get(AMOUNT_COLUMNS[1])
        computed = NATIONAL.execution_rate(executed, budget) if isinstance(budget, Decimal) and isinstance(
            executed, Decimal | type(None)) else None
        if shown != computed and not (computed is None and shown == 0):  # 0 where no rate can be computed: as printed
            self.note(cell, f"资金来源行的执行率“{cell.text}”与按金额计算的"
                            f"“{'无法计算' if computed is None else f'{computed}%'}”不同，没有导入：docgen 印出按金额计算的值。")

    def _goals(self, data: dict[str, Any]) -> None:
        header_row = self._first_row_with({"预期目标"})
        if header_row > self.end and (self._monitored_goals(data) or self._year_goal(data)):
            return
        if header_row > self.end:
            self.note(None, "没有找到“预期目标”，请在导入后的 YAML 中补写 年度总体目标。", self.start)
            return
        header = {k.canonical(cell.label): cell for cell in self.sheet.row(header_row)}
        planned_col = self.use(header["预期目标"]).col  # type: ignore[union-attr]
        achieved = header.get(k.ACHIEVED)
        achieved_col = self.use(achieved).col if achieved is not None else 10**6  # type: ignore[union-attr]
        if achieved is None:
            self.note(header["预期目标"], "这一行没有“实际完成情况”，实际完成情况没有导入。")
        planned: list[str] = []
        done: list[str] = []
        for row in range(header_row - 1, self.end + 1):
            cells = self.sheet.row(row)
            if row > header_row and any(k.canonical(cell.label) in TABLE_HEADINGS | {AMOUNT_COLUMNS[0]}
                                        or _funding_name(cell.label) for cell in cells):
                break  # the indicators, or the funding block where a form has it under the goals
            if row > header_row and any(cell.label in k.NARRATIVE for cell in cells):
                continue  # 项目实施内容及过程概述 under the goals: read with the other texts (_narrative)
            for cell in cells:
                if cell.label in GOAL_LABELS and cell.col < planned_col:
                    self.use(cell)
                elif row > header_row and cell.col >= planned_col:
                    (planned if cell.col < achieved_col else done).append(self.use(cell).text)  # type: ignore[union-attr]
        data[k.GOALS] = {k.PLANNED: "\n".join(planned)}
        if achieved is not None:
            data[k.GOALS][k.ACHIEVED] = "\n".join(done)

    def _year_goal(self, data: dict[str, Any]) -> bool:
        """A 申报表's 年度目标: its label, its text beside it."""
        for cell in (c for row in range(self.start, self.end + 1) for c in self.sheet.row(row)):
            if cell.label == "年度目标":
                value = self.value_after(self.use(cell), set())  # type: ignore[arg-type]
                data[k.GOALS] = {k.PLANNED: self.use(value).text if value is not None else ""}  # type: ignore[union-attr]
                return True
        return False

    def _declaration(self, data: dict[str, Any]) -> None:
        """A 申报表's own rows: 项目期, 项目概况, 立项依据, 长期目标 (a label, its text beside it) and the
        项目实施进度计划 (项目实施内容 | 开始时间 | 完成时间, a row each)."""
        found: dict[str, Any] = {}
        steps: list[dict[str, str]] = []
        for row in range(self.start, self.end + 1):
            cells = self.sheet.row(row)
            for cell in cells:
                key = k.canonical(cell.label)
                if key in (k.PROJECT_PERIOD, *k.DECLARATION_TEXTS, k.LONG_TERM) and (cell.row, cell.col) not in self.used:
                    value = self.value_after(self.use(cell), set())  # type: ignore[arg-type]
                    if value is not None:
                        found[key] = self.use(value).text  # type: ignore[union-attr]
            heads = {cell.label: cell.col for cell in cells if cell.label in k.STEP_KEYS}
            if len(heads) == len(k.STEP_KEYS):
                for cell in cells:
                    self.use(cell)  # the headings, and the 项目实施进度计划 label merged down beside them
                for below in range(row + 1, self.end + 1):
                    step = {key: self.sheet.at(below, col) for key, col in heads.items()}
                    if step[k.STEP_CONTENT] is None or any(cell.col < heads[k.STEP_CONTENT]
                                                           for cell in self.sheet.row(below)):
                        break  # the next row of the form (长期目标 …) has its label left of the steps
                    steps.append({key: self.use(cell).text for key, cell in step.items() if cell is not None})  # type: ignore[union-attr]
        if steps:
            found[k.SCHEDULE] = steps
        if found:
            data.setdefault(k.DECLARATION, {}).update(found)

    def _monitored_goals(self, data: dict[str, Any]) -> bool:
        """A 监控表's goals: 年度目标 | 1-N月执行情况 headings, their texts on the row under them."""
        for row in range(self.start, self.end + 1):
            cells = self.sheet.row(row)
            year_goal = next((c for c in cells if c.label == "年度目标"), None)
            progress = next((c for c in cells if k.canonical(c.label) == k.TO_DATE_DONE), None)
            if year_goal is None or progress is None:
                continue
            below = self.sheet.row(row + 1)
            for cell in (year_goal, progress, *(c for c in cells + below if c.label in GOAL_LABELS)):
                self.use(cell)
            planned = [self.use(c).text for c in below if year_goal.col <= c.col < progress.col]  # type: ignore[union-attr]
            done = [self.use(c).text for c in below if c.col >= progress.col]  # type: ignore[union-attr]
            data[k.GOALS] = {k.PLANNED: "\n".join(planned)}
            data.setdefault(k.MONITORING, {})[progress.label] = "\n".join(done)
            return True
        return False

    def _indicators(self, data: dict[str, Any]) -> None:
        found = self._indicator_header()
        if found is None:
            self.note(None, "没有找到绩效指标表（“三级指标”“年度指标值”一行），请在导入后的 YAML 中补写 绩效指标。",
                      self.start)
            return
        header_row, columns = found
        tree: dict[str, dict[str, list[dict[str, Any]]]] = {}
        level1 = level2 = ""
        level1_cell: SheetCell | None = None
        level2_cell: SheetCell | None = None
        for row in range(header_row + 1, self.end + 1):
            cells = self.sheet.row(row)
            if not cells:
                continue
            if SERIAL in columns:  # 序号: the row's number, not part of the form
                self.use(self.sheet.at(row, columns[SERIAL]))
            if self._closing_row(row, cells, columns, data):
                continue
            name = self.sheet.at(row, columns.get(k.NAME, 0))
            for cell in cells:
                if cell.label == SECTION_LABEL or (cell.label.startswith(SECTION_LABEL)
                                                   and cell.col < columns.get(LEVEL1, 0)):
                    self.use(cell)
            first = self.sheet.at(row, columns.get(LEVEL1, 0))
            if first is not None:  # placed once an indicator stands under it: a stray cell is listed instead
                level1, level1_cell = first.label.removeprefix(SECTION_LABEL), first
                level2 = ""
            second = self.sheet.at(row, columns.get(LEVEL2, 0))
            if second is not None:
                level2, level2_cell = second.label, second
            if name is None:
                continue
            self.use(name)
            if not level1 or not level2:
                self.note(name, f"指标“{name.text}”上方没有一级或二级指标，没有导入。")
                continue
            self.use(level1_cell)
            self.use(level2_cell)
            tree.setdefault(level1, {}).setdefault(level2, []).append(self._indicator(row, name, columns))
        data[k.INDICATORS] = tree

    def _indicator_header(self) -> tuple[int, dict[str, int]] | None:
        """The indicator table's heading: its last row and the column of each key. A heading may take two
        rows (``年度`` over ``指标值``, the other headings merged across both); a 序号 column is noted."""
        for start in range(self.start, self.end + 1):
            if not any(_group_heading(cell.label) or _heading_key([cell.label]) is not None
                       for cell in self.sheet.row(start)):
                continue  # a heading starts on a row of headings, not under the text above it
            found = []  # the heading read over one, two and three rows from here: the one naming most columns wins
            for height in (1, 2, 3):
                rows = tuple(range(start, min(start + height, self.end + 1)))
                columns = self._heading_columns(rows)
                if k.NAME in columns and (k.TARGET in columns or k.INDEX_VALUE in columns):
                    found.append((len(columns), -height, rows, columns))
            if found:
                _, _, rows, columns = max(found, key=lambda item: (item[0], item[1]))
                first = min(columns.values())
                for part in rows:
                    for cell in self.sheet.row(part):
                        if cell.col in columns.values() or _group_heading(cell.label):
                            self.use(cell)
                        elif cell.col > first and k.chinese(cell.label) and cell.label not in self.texts.values():
                            self.texts[cell.col] = cell.label  # a column of its own (得分计算方法): 其他栏目
                            self.use(cell)
                return rows[-1], columns
        return None

    def _heading_columns(self, rows: tuple[int, ...]) -> dict[str, int]:
        """The indicator columns the heading over ``rows`` names, by column (see ``_heading_key``)."""
        parts: dict[int, list[str]] = {}
        for part in rows:
            for cell in self.sheet.row(part):
                parts.setdefault(cell.col, []).append(cell.label)
        columns: dict[str, int] = {}
        for col, labels in sorted(parts.items()):
            key = _heading_key(labels)
            if key is not None and key not in columns:
                columns[key] = col
                self.headings[key] = labels[-1]
        return columns

    def _closing_row(self, row: int, cells: list[SheetCell], columns: dict[str, int], data: dict[str, Any]) -> bool:
        """The 总分 row (labelled, or just the two sums under 分值 and 得分) and the 评分等级 row."""
        labels = {cell.label for cell in cells}
        if labels & GRADE_LABELS:
            label = next(cell for cell in cells if cell.label in GRADE_LABELS)
            self.use(label)
            value = self.value_after(label, set())
            if value is None:
                self.note(label, "评分等级右侧没有内容，没有导入。")
            else:
                data[k.GRADE] = value.text
            return True
        named = k.NAME in columns and self.sheet.at(row, columns[k.NAME]) is not None
        unlabeled_sums = not named and all(cell.col in {columns.get(k.WEIGHT), columns.get(k.SCORE)}
                                           or cell.label in TOTAL_LABELS for cell in cells)
        if not (labels & TOTAL_LABELS) and not unlabeled_sums:
            return False
        for cell in cells:
            if cell.label in TOTAL_LABELS or cell.col == columns.get(k.WEIGHT):
                self.use(cell)  # the weights' sum: docgen adds them itself
        self.total_row = row
        score = self.use(self.sheet.at(row, columns[k.SCORE])) if k.SCORE in columns else None
        if score is not None:
            total = _number(score)
            if total is None:
                self.note(score, f"总分“{score.text}”不是数字，没有导入。")
            else:
                data[k.TOTAL] = total
        return True

    def _indicator(self, row: int, name: SheetCell, columns: dict[str, int]) -> dict[str, Any]:
        item: dict[str, Any] = {k.NAME: name.text}
        # A 指标性质 (计算符号) or 度量单位 column beside the value: the target in three fields, so the
        # operator and the unit are kept (≤ | 4 | 小时 is ≤4小时, never 4).
        structured = k.SIGN in columns or k.METER_UNIT in columns
        value_key = k.TARGET if k.TARGET in columns else k.INDEX_VALUE
        monitored = any(key in columns for key in MONITORED_COLUMNS)  # a 监控表: 偏差原因分析 is its column
        stage_form = monitored or k.ACTUAL not in columns  # a 申报表 or 监控表: no 实际完成值 or 分值 to miss
        for key in (value_key, k.SIGN, k.METER_UNIT, k.ACTUAL, k.REASON, k.PERIOD_TARGET, k.REMARK):
            if key in (k.SIGN, k.METER_UNIT) and not structured:
                continue
            cell = self.use(self.sheet.at(row, columns[key])) if key in columns else None
            written = k.INDEX_VALUE if key == value_key and structured else key
            if cell is not None and monitored and key in (k.REASON, k.REMARK):
                item.setdefault(k.MONITORING, {})[k.CAUSE if key == k.REASON else k.MEASURE] = cell.text
            elif cell is not None:
                item[written] = cell.text
            elif key == value_key or (key == k.ACTUAL and not stage_form):
                self.note(name, f"指标“{name.text}”的{key}为空，没有导入：请在 YAML 中补写。")
        for key in MONITORED_COLUMNS:
            cell = self.use(self.sheet.at(row, columns[key])) if key in columns else None
            if cell is not None:
                item.setdefault(k.MONITORING, {})[self.headings.get(key, key)] = cell.text
        for key in (k.WEIGHT, k.SCORE):
            cell = self.use(self.sheet.at(row, columns[key])) if key in columns else None
            if cell is None:
                if key == k.WEIGHT and not stage_form:
                    self.note(name, f"指标“{name.text}”的分值为空，没有导入：请在 YAML 中补写。")
                continue
            number = _number(cell)
            if number is None:
                self.note(cell, f"{key}“{cell.text}”不是数字，没有导入。")
            else:
                item[key] = number
        for col, label in self.texts.items():
            cell = self.use(self.sheet.at(row, col))
            if cell is not None:
                item.setdefault(k.OTHER_FIELDS, {})[label] = cell.text
        return {key: item[key] for key in k.INDICATOR_KEYS if key in item}

    def _narrative(self, data: dict[str, Any]) -> None:
        """The texts other provinces' forms carry, anywhere on the form: a label (报表编号, 评价结论,
        项目负责人 …) with its text beside it, or both in one cell (``项目负责人：王某``)."""
        for row in range(self.head, self.end + 1):
            for cell in self.sheet.row(row):
                if (cell.row, cell.col) in self.used:
                    continue
                label, colon, rest = normalise(cell.text).partition(":")
                label = label.strip()
                if label not in k.NARRATIVE or label in data:
                    continue
                if colon and rest.strip():
                    data[label] = rest.strip()
                    self.use(cell)
                elif cell.label == label:
                    self.use(cell)
                    value = self.value_after(cell, set(k.NARRATIVE))
                    if value is not None:
                        data[label] = value.text
        self._other_texts(data)

    def _other_texts(self, data: dict[str, Any]) -> None:
        """Rows under the indicators that are a short label and its text (审核意见 | 同意): 其他栏目."""
        if not self.total_row:
            return
        for row in range(self.total_row + 1, self.end + 1):
            cells = [cell for cell in self.sheet.row(row) if (cell.row, cell.col) not in self.used]
            if len(cells) == 2 and len(self.sheet.row(row)) == 2 and k.chinese(cells[0].label) \
                    and len(cells[0].label) <= 12 and cells[0].label not in k.TOP_LEVEL:
                data.setdefault(k.OTHER_FIELDS, {})[cells[0].label] = cells[1].text
                self.use(cells[0])
                self.use(cells[1])

    def _unplaced(self) -> None:
        for row in range(self.head, (self.end if self.last_on_sheet else self.last) + 1):
            for cell in self.sheet.row(row):
                if (cell.row, cell.col) not in self.used and cell.label not in {"其中", "其中:"}:
                    self.note(cell, f"无法确定“{_short(cell.text)}”属于表中哪一项，没有导入。")


def _funding_name(label: str) -> str | None:
    name = k.canonical(label.removeprefix("其中:").removeprefix("其中"))
    return name if name in FUNDING_NAMES else None


def _number(cell: SheetCell) -> Decimal | None:
    return cell.number if cell.number is not None and not cell.percent else parse_decimal(cell.text)


# the headings docgen's 申报表 prints for its amounts (中期金额 | 年度金额), and 纠偏措施's other name
STAGE_HEADINGS = {"中期金额": PERIOD, "年度金额": AMOUNT_COLUMNS[0], "中期资金总额": PERIOD, "纠偏措施": k.MEASURE,
                  "纠偏措施/备注": k.MEASURE, "纠偏措施或备注": k.MEASURE}
DEPARTMENT_AND_CODE = "主管部门及代码"


def _key_of(label: str) -> str:
    """The contract key a heading names: the stage forms' own words first (年度金额 …), then any accepted wording."""
    return STAGE_HEADINGS.get(label) or k.canonical(label)

GROUP_HEADINGS = {SECTION_LABEL, "指标", "绩效指标", "项目资金"}  # a heading merged over sub-headings below it
_POINTS = re.compile(r"(\([^()]*\))+$")  # 绩效指标(90分), 项目资金(万元)


def _group_heading(label: str) -> bool:
    """A group heading, also with its points or unit after it (``绩效指标（90分）``)."""
    return label in GROUP_HEADINGS or _POINTS.sub("", label) in GROUP_HEADINGS


def _heading_key(labels: list[str]) -> str | None:
    """The indicator column a heading names, its labels top to bottom (one per heading row): all of them
    read together (``年度`` over ``指标值``), then fewer from the bottom (``一级指标`` under a ``绩效指标``
    merged over three columns), then each alone (a heading merged down over the rows)."""
    tried = ["".join(labels[start:]) for start in range(len(labels))] + labels[::-1]
    for label in tried:
        key = SERIAL if label in SERIAL_LABELS else _key_of(label)
        if key in (*INDICATOR_COLUMNS, SERIAL):
            return key
    return None


def _as_written(cell: SheetCell, amount: Decimal) -> Decimal | str:
    """An amount as the office wrote it: with its thousands separators, whether typed as text
    ("1,250,000") or shown by the cell's number format (#,##0), so ``numbers.money: as_written`` prints it
    as published; a plain number stays a number."""
    if cell.number is not None:
        return f"{amount:,f}" if cell.grouped else amount
    written = normalise(cell.text)
    return written if "," in written else amount


def _percent(cell: SheetCell) -> Decimal | None:
    return cell.number if cell.number is not None else parse_percent(cell.text)


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in k.TOP_LEVEL if key in data}
