"""The published reports read back as a reader would: pypdf for page labels, the outline and the
structure tree, pdftotext for what each page says, pdfplumber for the tables the prose introduces.

Every count in the prose must equal the rows of the table it introduces and the findings docgen
made; page numbers run over the whole PDF, tables included; the outline has the report's sections
and one bookmark per project table, on the page where that table starts.
"""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from docgen.audit.findings import CODES, TITLES, Severity
from docgen.layout.parts import title_lines
from docgen.render.run import RunResult
from docgen.summaries.groups import display_department
from tests.painters.test_pdf_archival import (
    catalog,
    fonts_embedded,
    numbered_over_all_pages,
    page_footers,
    pdfa_id,
)

Published = tuple[Path, RunResult]
SECTIONS = ["一、总体情况", "二、预算执行情况", "三、绩效指标完成情况", "四、审核情况", "附：各项目绩效自评表"]


@pytest.fixture(params=["weasyprint", "typst"])
def reports(request: pytest.FixtureRequest) -> Published:
    """The sample publication set by each PDF engine: both must read back the same way."""
    return request.getfixturevalue("published" if request.param == "weasyprint" else "published_typst")


def page_texts(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def outline(reader: PdfReader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """Top-level bookmarks with their pages (0-based) and their children."""
    items: list[tuple[str, int, list[tuple[str, int]]]] = []
    for entry in reader.outline:
        if isinstance(entry, list):
            items[-1][2].extend((child.title, reader.get_destination_page_number(child)) for child in entry)
        else:
            items.append((entry.title, reader.get_destination_page_number(entry), []))
    return items


def projects_of(result: RunResult, year: int, department: str) -> list:
    return sorted((r for r in result.rendered if r.checked.scored is not None
                   and r.checked.scored.evaluation.year == year and r.checked.scored.evaluation.department == department),
                  key=lambda r: r.checked.source)


def report_tables(path: Path, pages: int) -> dict[str, list[list[str]]]:
    """The report's own tables (before the appended project tables), by their header row, rows
    continued over pages joined."""
    found: dict[str, list[list[str]]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:pages]:
            for table in page.extract_tables():
                header = "|".join((cell or "").replace("\n", "") for cell in table[0])
                rows = [[(cell or "").replace("\n", "") for cell in row] for row in table[1:]]
                if header.startswith("项目名称"):
                    found.setdefault(header, []).extend(rows)
                elif found:  # a table going on over a page break repeats its header row
                    list(found.values())[-1].extend([[(c or "").replace("\n", "") for c in table[0]], *rows])
    return found


def test_department_reports_read_back(reports: Published) -> None:
    out, result = reports
    reports = sorted(out.glob("*/绩效自评结果报告/*.pdf"))
    assert len(reports) == 4
    for path in reports:
        year = int(path.parent.parent.name)
        projects = projects_of(result, year, path.stem)
        names = [r.checked.scored.evaluation.project for r in projects]
        reader = PdfReader(str(path))
        count = len(reader.pages)
        texts = page_texts(path)
        assert len(texts) == count
        assert reader.page_labels == [str(n) for n in range(1, count + 1)], path.name
        assert page_footers(path) == numbered_over_all_pages(path), path.name  # one a page, over the whole PDF

        marks = outline(reader)
        assert [title for title, _, _ in marks] == SECTIONS, path.name
        appendix = marks[-1][2]
        assert [title for title, _ in appendix] == names, path.name
        starts = [page for _, page in appendix]
        assert starts == sorted(starts) and starts[0] > marks[-2][1]
        for (name, page), end in zip(appendix, [*starts[1:], count], strict=True):
            assert name.replace(" ", "") in texts[page].replace(" ", ""), (path.name, name)  # the table starts there
            assert end > page  # and has its pages

        report_pages = starts[0]
        body = "".join(texts[:report_pages]).replace(" ", "")
        for words in ("各项目预算执行率", "预算执行率（%）", "自评等级分布", *names):  # the charts' texts are text
            assert words.replace(" ", "") in body.replace("\n", ""), (path.name, words)
        for text in texts[:report_pages]:  # no page of the report holds only a heading or a few lines
            lines = [line for line in text.splitlines() if line.strip() and "页，共" not in line]
            assert len(lines) > 4, (path.name, lines)
        assert "—）" not in body and "（汇总）" not in body and "(汇总)" not in body
        assert "加快预算执行进度" not in body  # the year has closed

        tables = report_tables(path, report_pages)
        audit = next(rows for header, rows in tables.items() if header.endswith("错误|警告|提示"))
        audit = [row for row in audit if row[0] != "项目名称"]
        flagged = [r for r in projects if r.checked.findings]
        assert len(audit) == len(flagged)
        said = re.search(r"(\d+)个项目有(?:审核意见|提示)", body)
        assert said and int(said.group(1)) == len(audit), path.name
        totals = [sum(int(row[column]) for row in audit) for column in (1, 2, 3)]
        assert totals == [sum(r.checked.count(severity) for r in projects) for severity in Severity]
        if totals[0] or totals[1]:
            assert f"错误{totals[0]}条、警告{totals[1]}条、提示{totals[2]}条" in body, path.name
        else:
            assert "未发现错误或警告" in body and (f"提示共{totals[2]}条" in body or not totals[2]), path.name

        execution = [rows for header, rows in tables.items() if header.endswith("执行率")]
        low = [r for r in projects if r.checked.scored.execution_rate is None  # the rate its table prints
               or r.checked.scored.shown.rate < Decimal(90)]
        rows = [row for row in (execution[0] if execution else []) if row[0] != "项目名称"]
        assert len(rows) == len(low), path.name
        below = re.search(r"预算执行率低于90%的项目有(\d+)个", body)
        zero = re.search(r"有(\d+)个项目全年预算数为0", body)
        assert (int(below.group(1)) if below else 0) + (int(zero.group(1)) if zero else 0) == len(low)
        for row in rows:
            if row[3] in ("", "—"):
                raise AssertionError(f"{path.name}: {row[0]} has no execution rate in words")


def test_zero_budget_is_said_in_words(reports: Published) -> None:
    out, _ = reports
    path = out / "2022/绩效自评结果报告/上海市闵行区地区工作办公室(汇总).pdf"
    body = "".join(page_texts(path)[:3]).replace(" ", "").replace("\n", "")
    assert "有1个项目全年预算数为0（预算已调减或未安排），执行率无法计算：调研经费。" in body
    assert "上海市闵行区地区工作办公室2022年度项目支出绩效自评结果报告" in body


def test_audit_report_reads_back(reports: Published) -> None:
    out, result = reports
    for year in (2022, 2023, 2024):
        path = out / f"{year}/审核意见.pdf"
        reader = PdfReader(str(path))
        count = len(reader.pages)
        assert reader.page_labels == [str(n) for n in range(1, count + 1)]
        assert page_footers(path) == numbered_over_all_pages(path)
        lines = [r for r in result.rendered if r.checked.scored and r.checked.scored.evaluation.year == year]
        departments = sorted({display_department(r.checked.scored.evaluation.department) for r in lines})
        assert [title for title, _, _ in outline(reader)] == ["一、审核概况", *departments]
        with pdfplumber.open(path) as pdf:
            summary = next(t for t in pdf.pages[0].extract_tables() if t[0][0] == "主管部门")
        total = summary[-1]
        assert total[0] == "合计" and int(total[1]) == len(lines)
        assert int(total[2]) == sum(1 for r in lines if r.checked.findings)
        for severity, cell in zip(Severity, total[3:], strict=True):
            assert int(cell) == sum(r.checked.count(severity) for r in lines)
        with pdfplumber.open(path) as pdf:
            cells = [(cell or "").replace("\n", "") for page in pdf.pages for table in page.extract_tables()
                     for row in table for cell in row]
        for r in lines:  # the title for the reviewer; the code whole, with its file:line, in the last column
            for finding in r.checked.findings:
                assert finding.title in cells
                source = f"{finding.code}{Path(finding.where.file).name}:{finding.where.line}"
                assert source in cells, source


def test_every_code_has_a_title() -> None:
    assert set(TITLES) == set(CODES) and all(0 < len(title) <= 16 for title in TITLES.values())


def test_reports_are_archival_and_tagged(reports: Published) -> None:
    out, _ = reports
    for path in [*sorted(out.glob("*/绩效自评结果报告/*.pdf")), *sorted(out.glob("*/审核意见.pdf"))]:
        root, xmp, info = catalog(path)
        assert pdfa_id(xmp) == ("3", "A"), path
        [intent] = root["/OutputIntents"]
        assert intent.get_object()["/S"] == "/GTS_PDFA1"
        assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "zh-CN"
        assert info["/Title"] and info["/Title"] in xmp
        assert all(fonts_embedded(path))
        reader = PdfReader(str(path))
        pages = {page.indirect_reference.idnum for page in reader.pages}
        tree = root["/StructTreeRoot"].get_object()
        nums = tree["/ParentTree"]["/Nums"]
        keys = {int(nums[i]) for i in range(0, len(nums), 2)}
        assert {int(page["/StructParents"]) for page in reader.pages} <= keys  # every page's content is mapped
        document = (tree["/K"][0] if isinstance(tree["/K"], list) else tree["/K"]).get_object()
        kinds: list[str] = []
        stack = list(document["/K"])
        while stack:
            element = stack.pop().get_object()
            if not hasattr(element, "get") or element.get("/Type") == "/MCR" or "/S" not in element:
                continue
            kinds.append(element["/S"])
            assert "/Pg" not in element or element.raw_get("/Pg").idnum in pages  # no element on a page not here
            kids = element.get("/K", [])
            stack.extend(kid for kid in (kids if isinstance(kids, list) else [kids]) if hasattr(kid, "get_object"))
        assert "/H2" in kinds and "/Table" in kinds and "/TH" in kinds
        if "绩效自评结果报告" in str(path):  # the tables are in the same tree, each title a heading
            titles = kinds.count("/H1") - 1 + kinds.count("/H4")  # the report's H1; each table's H1 (WeasyPrint), H4 (Typst)
            assert titles == len(outline(reader)[-1][2])


def test_long_titles_do_not_leave_orphans() -> None:
    for title in ["上海市闵行区地区工作办公室2022年度项目支出绩效自评结果报告",
                  "上海市浦东新区人民政府办公室（区政府研究室）2024年度项目支出绩效自评结果报告",
                  "中共上海市委组织部2022年度项目支出绩效自评结果报告"]:
        lines = title_lines(title, Decimal(170), "Noto Serif CJK SC", Decimal(16))
        assert "".join(lines) == title
        assert all(len(line) >= 4 for line in lines) and not any(re.search(r"\d$", line) for line in lines[:-1])
        if len(lines) > 1:
            assert max(map(len, lines)) - min(map(len, lines)) <= 8  # balanced, not one full line and a stub
