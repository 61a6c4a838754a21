"""A long report is laid out in parts, so memory stays flat over a year of any size; read back, it must
be the same report: every row once, headers repeated, page footers numbered across all the parts."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pdfplumber

from docgen.layout.model import Cell, Grid
from docgen.layout.report import audit_report, report_parts
from docgen.painters.pdf import PdfPainter
from docgen.pipeline import check_paths
from docgen.profiles.load import load_profile
from docgen.summaries.groups import ProjectLine
from tests.conftest import ROOT


def grid_with_spans() -> Grid:
    """A header row, then 10 projects of 3 findings each: the project cell spans its 3 rows."""
    cells = [Cell("项目", 0, 0, kind="header"), Cell("问题", 0, 1, kind="header")]
    for project in range(10):
        first = 1 + 3 * project
        cells.append(Cell(f"项目{project}", first, 0, rowspan=3, kind="label"))
        cells += [Cell(f"问题{project}-{n}", first + n, 1) for n in range(3)]
    return Grid("findings", (Decimal(30), Decimal(100)), 31, tuple(cells), header_rows=1)


def test_grid_pieces_cut_only_between_row_spans() -> None:
    grid = grid_with_spans()
    pieces = grid.pieces(4)
    assert len(pieces) == 5  # 4 rows asked, but a project's 3 rows never part: 6 rows a piece
    seen = []
    for piece in pieces:
        assert [c.text for c in piece.cells if c.row == 0] == ["项目", "问题"]  # the header again
        assert piece.rows == 1 + max(c.last_row for c in piece.cells)
        assert all(c.last_row < piece.rows for c in piece.cells)
        seen += [c.text for c in piece.cells if c.row > 0]
    assert seen == [c.text for c in grid.cells if c.row > 0]  # every row once, in order
    assert grid.pieces(100) == (grid,)


def test_audit_report_in_parts_is_numbered_across_them(tmp_path: Path) -> None:
    lines = [ProjectLine(checked) for checked in check_paths([str(ROOT / "inputs" / "2022")])]
    profile = load_profile("default")
    report = audit_report(lines, 2022, profile)
    parts = list(report_parts(report, 30))
    assert len(parts) > 3
    assert parts[0].title == report.title and not any(part.title for part in parts[1:])
    assert tuple(page for part in parts for page in part.pages) == report.pages  # cut between whole pages
    target = PdfPainter(part_rows=30).paint_report(report, tmp_path / "审核意见.pdf", profile, ())
    whole = PdfPainter(part_rows=10**6).paint_report(report, tmp_path / "一次排版.pdf", profile, ())
    with pdfplumber.open(target) as pdf, pdfplumber.open(whole) as once:
        pages = [page.extract_text() or "" for page in pdf.pages]
        total = len(pages)
        assert total == len(once.pages)  # the parts are runs of the report's pages: no page more
        for number, text in enumerate(pages, start=1):
            footers = re.findall(r"第 (\d+) 页，共 (\d+) 页", text)
            assert footers == [(str(number), str(total))], (number, text[-80:])
        text = re.sub(r"\s+", "", "".join(pages))  # a long code or message wraps inside its cell
        once_text = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in once.pages))
    assert text == once_text  # the same pages, whether laid out in parts or at once
    for finding in (f for line in lines for f in line.findings):
        for laid_out in (text, once_text):
            assert finding.code[:15] in laid_out  # a cell's first line: lines of cells side by side interleave
            assert re.sub(r"\s+", "", finding.message)[:10] in laid_out
