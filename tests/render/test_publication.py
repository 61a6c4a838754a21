"""The publication set read back: 汇总.xlsx, the department reports and the audit report."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pdfplumber
from docx import Document

from docgen.painters.summary_xlsx import DEPARTMENT_HEADERS, FINDING_HEADERS, PROJECT_HEADERS
from docgen.render.run import RunResult
from tests.conftest import independent_totals

Published = tuple[Path, RunResult]


def test_the_set_is_where_a_reader_expects_it(published: Published) -> None:
    out, result = published
    made = sorted(str(p.relative_to(out)) for p in result.published.written)
    assert "2022/汇总.xlsx" in made and "2022/审核意见.pdf" in made and "2023/审核意见.docx" in made
    assert "2022/绩效自评结果报告/上海市闵行区地区工作办公室(汇总).pdf" in made
    assert "2024/绩效自评结果报告/中共上海市委组织部.docx" in made
    assert len(made) == 3 * 3 + 4 * 2  # per year workbook + audit docx/pdf; per department docx/pdf


def test_summary_workbook(published: Published) -> None:
    out, result = published
    book = openpyxl.load_workbook(out / "2022/汇总.xlsx")
    projects, findings, departments = book["项目汇总"], book["审核意见"], book["按主管部门统计"]
    assert [c.value for c in projects[1]] == list(PROJECT_HEADERS)
    assert projects.freeze_panes == "A2" and projects.auto_filter.ref
    assert projects.max_row == 1 + 19 + 1
    totals = [c.value for c in projects[projects.max_row]]
    expected = independent_totals()
    keys = [k for k in expected if k[0] == 2022]
    for col, column in ((4, "年初预算数"), (5, "全年预算数"), (6, "全年执行数")):
        assert Decimal(str(totals[col - 1])) == sum(expected[k][column] for k in keys)
        assert projects.cell(2, col).number_format == "#,##0.00"
    assert projects.cell(2, 7).number_format == "0.00%" and projects.cell(2, 9).number_format == "0.00"
    assert projects.cell(2, PROJECT_HEADERS.index("Word") + 1).hyperlink.target.endswith(".docx")
    finding_count = sum(len(r.checked.findings) for r in result.rendered
                        if r.checked.scored and r.checked.scored.evaluation.year == 2022)
    assert [c.value for c in findings[1]] == list(FINDING_HEADERS) and findings.max_row == 1 + finding_count
    assert [c.value for c in departments[1]] == list(DEPARTMENT_HEADERS) and departments.max_row == 3


def test_department_report_docx(published: Published) -> None:
    out, result = published
    document = Document(str(out / "2022/绩效自评结果报告/中共上海市委组织部.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "中共上海市委组织部2022年度项目支出绩效自评结果报告" in text
    assert "年初预算数合计5,915.28万元" in text and "总体预算执行率为83.11%" in text  # 5915.2836 → 5,915.28
    assert "评为“优”的9个" in text and "预算执行率低于90%的项目有4个" in text
    assert len(document.inline_shapes) == 2  # the two charts
    appended = [r.layout for r in result.rendered if r.layout is not None
                and "/2022/中共上海市委组织部/" in r.checked.source]
    assert len(appended) == 9  # execution, shortfalls, audit; then each appended table, a Word table a page
    assert len(document.tables) == 3 + sum(len(page) for layout in appended for page in layout.paged)


def test_department_report_pdf_has_vector_charts_and_the_tables(published: Published) -> None:
    out, _ = published
    path = out / "2022/绩效自评结果报告/中共上海市委组织部.pdf"
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0]
        assert not first.images and len(first.curves) + len(first.rects) > 9  # a vector bar per project
        assert "预算执行率（%）" in (first.extract_text() or "")  # the charts' labels are text, not outlines
        pages = len(pdf.pages)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "附：各项目绩效自评表" in text and text.count("财政项目支出绩效自评表") == 9
    assert pages > 9
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])


def test_audit_report_lists_every_finding_with_both_values(published: Published) -> None:
    out, result = published
    findings = [f for r in result.rendered if r.checked.scored and r.checked.scored.evaluation.year == 2022
                for f in r.checked.findings]
    document = Document(str(out / "2022/审核意见.docx"))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert {f.title for f in findings} <= set(cells) and {f.place for f in findings} <= set(cells)
    notes = {cell.split("\n")[0] for cell in cells if "\n" in cell and ".yaml:" in cell}
    assert {f.code for f in findings} == notes  # codes only in the last column, never in the reviewer's text
    assert not any(f.code in cell for cell in cells if ".yaml:" not in cell for f in findings)
    assert "330,000.00" in cells and "0.00" in cells  # published vs right value, side by side
    text = subprocess.run(["pdftotext", str(out / "2022/审核意见.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "上海市闵行区地区工作办公室" in text and "(汇总)" not in text and "中共上海市委组织部" in text


def test_summary_links_resolve_and_inputs_are_named_below_the_input_root(published: Published) -> None:
    """Each Word/Excel/PDF link resolves from the workbook's own folder ("/" only, so Excel, WPS and
    LibreOffice on any system open it); 输入文件 and the findings' 文件 name inputs below the input root,
    never this machine's absolute path (the run was given an absolute path)."""
    out, _ = published
    inputs = Path(__file__).resolve().parents[2] / "inputs"
    for workbook in sorted(out.glob("*/汇总.xlsx")):
        book = openpyxl.load_workbook(workbook)
        projects, findings = book["项目汇总"], book["审核意见"]
        links = [c.hyperlink.target for row in projects.iter_rows(min_row=2) for c in row if c.hyperlink]
        assert links and all("\\" not in link and (workbook.parent / link).is_file() for link in links), links
        named = [row[-1].value for row in projects.iter_rows(min_row=2, max_row=projects.max_row - 1)]
        named += [row[2].value for row in findings.iter_rows(min_row=2)]
        assert named and all(not name.startswith("/") and (inputs / name).is_file() for name in named), named
