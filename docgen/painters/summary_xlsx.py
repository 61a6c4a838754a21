"""Year summary → ``汇总.xlsx``: every project, every finding, statistics by 主管部门.

Painted from the ``Summary`` model; no figure is computed here. Amounts are in 万元.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.audit.checked import Checked
from docgen.audit.findings import Severity
from docgen.files import atomic_path, relative_stem
from docgen.inputs.records import GRADES
from docgen.painters.reproducible import normalize_zip
from docgen.painters.xlsx import new_workbook
from docgen.scoring.score import UNFINISHED
from docgen.summaries.groups import ProjectLine, Summary, summarize

WORKBOOK_NAME = "汇总.xlsx"
MONEY, RATE, SCORE = "#,##0.00", "0.00%", "0.00"
SEVERITIES = tuple(Severity)


class _Writer:
    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.formats: dict[tuple[str | None, bool], Any] = {}

    def style(self, number_format: str | None = None, bold: bool = False) -> Any:
        key = (number_format, bold)
        if key not in self.formats:
            spec: dict[str, object] = {"font_name": "宋体", "font_size": 10.5, "valign": "vcenter", "bold": bold}
            if number_format:
                spec["num_format"] = number_format
            self.formats[key] = self.workbook.add_format(spec)
        return self.formats[key]

    def cell(self, sheet: Any, row: int, col: int, value: object, number_format: str | None = None,
             bold: bool = False) -> None:
        """Numbers as numbers, everything else as text (never a formula)."""
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            sheet.write_number(row, col, value, self.style(number_format, bold))
        elif value is None:
            sheet.write_blank(row, col, None, self.style(number_format, bold))
        else:
            sheet.write_string(row, col, str(value), self.style(None, bold))

    def table(self, sheet: Any, headers: Sequence[str], widths: Sequence[int]) -> None:
        header = self.workbook.add_format({"font_name": "宋体", "bold": True, "bg_color": "#DDEBF7", "border": 1,
                                           "text_wrap": True, "valign": "vcenter", "align": "center"})
        for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.write_string(0, col, title, header)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)


def _rate(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / 100


def _rate_format(places: int) -> str:
    """A project's rate at the places its table prints it with (``0.0%`` at one place)."""
    return f"0.{'0' * places}%" if places else "0%"


def write_workbook(summary: Summary, target: Path, documents_root: Path, unreadable: tuple[Checked, ...] = (),
                   others: tuple[ProjectLine, ...] = ()) -> Path:
    """Write the year's summary workbook atomically and return its path; files that could not be read are
    listed among the projects (评分等级 无法读取) and their problems among the findings; ``others`` (the
    year's projects at their 申报 or 监控 stage) have their findings listed too."""
    with atomic_path(target) as temporary:
        workbook = new_workbook(temporary, f"{summary.year}年度绩效自评汇总")
        try:
            writer = _Writer(workbook)
            _projects(writer, workbook.add_worksheet("项目汇总"), summary, documents_root, unreadable)
            _findings(writer, workbook.add_worksheet("审核意见"), (*summary.projects, *others), unreadable)
            _departments(writer, workbook.add_worksheet("按主管部门统计"), summary)
        finally:
            workbook.close()
        normalize_zip(temporary, _forward_slashes)
    return target


def _forward_slashes(name: str, data: bytes) -> bytes:
    r"""XlsxWriter writes a relative link's target with ``\``, which only Windows resolves: use ``/``."""
    if not name.startswith("xl/worksheets/_rels/"):
        return data
    text = data.decode("utf-8")
    return re.sub(r'Target="([^"]*)" TargetMode="External"',
                  lambda m: f'Target="{m.group(1).replace(chr(92), "/")}" TargetMode="External"', text).encode("utf-8")


PROJECT_HEADERS = ("主管部门", "实施单位", "项目名称", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）",
                   "执行率", "执行得分", "总分", "评分等级", "执行率（按规则）", "执行得分（按规则）", "总分（按规则）",
                   "评分等级（按规则）", "错误", "警告", "提示", "Word", "Excel", "PDF", "输入文件")
# 执行率 … 评分等级: as each project's table prints them (its profile's ``printing``); the （按规则） columns hold
# docgen's own figure only where it differs from the printed one.


def _projects(writer: _Writer, sheet: Any, summary: Summary, root: Path, unreadable: tuple[Checked, ...]) -> None:
    writer.table(sheet, PROJECT_HEADERS, (24, 24, 30, 14, 14, 14, 10, 10, 10, 9, 10, 10, 10, 9, 7, 7, 7, 8, 8, 8, 40))
    row = 0
    for row, project in enumerate(summary.projects, start=1):
        ev, shown, rule = project.scored.evaluation, project.figures, project.scored.by_rule
        rate_format = _rate_format(project.scored.rules.rate_places)
        values: list[tuple[object, str | None]] = [
            (ev.department, None), (ev.unit, None), (ev.project, None),
            (project.amount("年初预算数"), MONEY), (project.amount("全年预算数"), MONEY),
            (project.amount("全年执行数"), MONEY), (_rate(shown.rate), rate_format), (shown.execution_score, SCORE),
            (shown.total, SCORE), (shown.grade, None),
            (_rate(rule.rate) if rule.rate != shown.rate else None, rate_format),
            (rule.execution_score if rule.execution_score != shown.execution_score else None, SCORE),
            (rule.total if rule.total != shown.total else None, SCORE),
            (rule.grade if rule.grade != shown.grade else None, None),
            *((project.count(s), None) for s in SEVERITIES),
        ]
        for col, (value, number_format) in enumerate(values):
            writer.cell(sheet, row, col, value, number_format)
        _document_links(sheet, row, len(values), project, root)
        writer.cell(sheet, row, len(PROJECT_HEADERS) - 1, input_name(project.checked.source))
    for checked in unreadable:  # a project that could not be read is still one of the year's
        row += 1
        name = Path(checked.source).stem
        errors = len(checked.error.problems) if checked.error else 0
        for col, value in enumerate(("（无法读取）", "", name, *[None] * 6, "无法读取", *[None] * 4, errors, 0, 0)):
            writer.cell(sheet, row, col, value)
        writer.cell(sheet, row, len(PROJECT_HEADERS) - 1, input_name(checked.source))
    total_row = row + 1
    unread = f"，另 {len(unreadable)} 个文件无法读取" if unreadable else ""
    totals: list[tuple[object, str | None]] = [
        ("合计", None), (f"{len(summary.projects)} 个项目{unread}", None), ("", None),
        (summary.initial, MONEY), (summary.adjusted, MONEY), (summary.executed, MONEY),
        (_rate(summary.execution_rate), RATE), ("", None), (summary.average_total, SCORE), ("平均分（各表所印总分）", None),
        *(("", None) for _ in range(4)), *((summary.count(s), None) for s in SEVERITIES),
    ]
    for col, (value, number_format) in enumerate(totals):
        writer.cell(sheet, total_row, col, value, number_format, bold=True)
    sheet.autofilter(0, 0, max(row, 1), len(PROJECT_HEADERS) - 1)


def input_name(source: str) -> str:
    """An input file as the workbook names it: below the input root, with "/" (``2024/部门/项目.yaml``),
    never this machine's absolute path."""
    return relative_stem(source).as_posix() if source else source


def _document_links(sheet: Any, row: int, first_col: int, project: ProjectLine, root: Path) -> None:
    by_extension = {Path(p).suffix.lstrip("."): p for p in project.documents}
    for offset, extension in enumerate(("docx", "xlsx", "pdf")):
        document = by_extension.get(extension)
        if document is not None:  # relative to the workbook, with "/": it opens wherever the folder is copied
            link = Path(os.path.relpath(os.path.abspath(document), os.path.abspath(root))).as_posix()
            sheet.write_url(row, first_col + offset, f"external:{link}", string=extension.upper())


FINDING_HEADERS = ("主管部门", "项目名称", "文件", "行", "代码", "级别", "标题", "位置", "问题", "填报值", "正确值")


def _findings(writer: _Writer, sheet: Any, projects: tuple[ProjectLine, ...], unreadable: tuple[Checked, ...]) -> None:
    writer.table(sheet, FINDING_HEADERS, (24, 30, 40, 6, 22, 6, 24, 30, 80, 14, 14))
    row = 0
    for checked in unreadable:
        for problem in checked.error.problems if checked.error else ():
            row += 1
            values = ("（无法读取）", Path(checked.source).stem, input_name(problem.where.file), problem.where.line, "UNREADABLE",
                      Severity.ERROR.value, "无法读取", "", problem.message, "", "")
            for col, value in enumerate(values):
                writer.cell(sheet, row, col, value)
    for project in projects:
        for finding in project.findings:
            row += 1
            values = (project.scored.evaluation.department, project.scored.evaluation.project,
                      input_name(finding.where.file),
                      finding.where.line, finding.code, finding.severity.value, finding.title, finding.place,
                      finding.message,
                      finding.published or "", finding.expected or "")
            for col, value in enumerate(values):
                writer.cell(sheet, row, col, value)
    sheet.autofilter(0, 0, max(row, 1), len(FINDING_HEADERS) - 1)


DEPARTMENT_HEADERS = ("主管部门", "项目数", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率",
                      "平均分（各表所印总分）", *GRADES, UNFINISHED, "错误", "警告", "提示")


def _departments(writer: _Writer, sheet: Any, summary: Summary) -> None:
    writer.table(sheet, DEPARTMENT_HEADERS, (30, 8, 14, 14, 14, 10, 10, 6, 6, 6, 6, 8, 7, 7, 7))
    groups = summarize(list(summary.projects))
    for row, group in enumerate(groups, start=1):
        values: list[tuple[object, str | None]] = [
            (group.department, None), (len(group.projects), None), (group.initial, MONEY), (group.adjusted, MONEY),
            (group.executed, MONEY), (_rate(group.execution_rate), RATE), (group.average_total, SCORE),
            *((group.grades.get(grade, 0), None) for grade in (*GRADES, UNFINISHED)),
            *((group.count(s), None) for s in SEVERITIES),
        ]
        for col, (value, number_format) in enumerate(values):
            writer.cell(sheet, row, col, value, number_format)
    sheet.autofilter(0, 0, max(len(groups), 1), len(DEPARTMENT_HEADERS) - 1)
