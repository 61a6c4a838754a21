"""A long report is laid out in parts, so memory stays flat over a year of any size; read back, it must
be the same report: every row once, headers repeated, page footers numbered across all the parts."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from docgen.layout.report import audit_report, report_parts
from docgen.painters.pdf import PdfPainter
from docgen.pipeline import check_paths
from docgen.profiles.load import load_profile
from docgen.summaries.groups import ProjectLine
from tests.conftest import ROOT


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
