"""Report layouts → .docx and .pdf, through the same pieces the table painters use; atomic writes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from docgen.painters.base import atomic_path
from docgen.painters.docx import add_grid, add_paragraph, add_table_layout, new_document, save
from docgen.painters.pdf import PdfPainter, check_glyphs
from docgen.profiles.load import Profile
from docgen.reports.narrative import ReportLayout

REPORT_TEMPLATE = "report.html.j2"


def report_texts(report: ReportLayout) -> Iterator[str]:
    """Every text the report pages show (charts are drawn as outlines and need no font)."""
    yield report.title
    yield report.appendix_heading
    for section in report.sections:
        yield section.heading
        yield from section.paragraphs
        if section.grid is not None:
            yield from (cell.text for cell in section.grid.cells)


def write_report_docx(report: ReportLayout, target: Path) -> Path:
    with atomic_path(target) as temporary:
        document = new_document(report.page, report.fonts, report.title)
        fonts = report.fonts
        add_paragraph(document, report.title, fonts.title_pt, bold=True)
        for section in report.sections:
            if section.heading:
                add_paragraph(document, section.heading, fonts.subtitle_pt, bold=True, center=False)
            for paragraph in section.paragraphs:
                add_paragraph(document, paragraph, fonts.body_pt, center=False, indent=True)
            for chart in section.charts:
                document.add_picture(io.BytesIO(chart.png), width=Mm(float(chart.width_mm)))
                document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if section.grid is not None:
                add_grid(document, section.grid)
        for index, table in enumerate(report.tables):
            document.add_page_break()
            if index == 0 and report.appendix_heading:
                add_paragraph(document, report.appendix_heading, fonts.subtitle_pt, bold=True)
            add_table_layout(document, table)
        save(document, temporary)
    return target


def write_report_pdf(report: ReportLayout, target: Path, profile: Profile, painter: PdfPainter,
                     table_pdfs: list[Path]) -> Path:
    """The report's pages, then the pages of each project's table PDF (already written by the table
    painter, so nothing is laid out twice), in one PDF."""
    from pypdf import PdfWriter

    check_glyphs(report.title, report_texts(report), report.fonts.pdf)
    document = painter.render_html(REPORT_TEMPLATE, profile, report.fonts.pdf, {"report": report},
                                   report.page.footer)
    writer = PdfWriter()
    writer.append(io.BytesIO(document.write_pdf()))
    for table in table_pdfs:
        writer.append(str(table))
    with atomic_path(target) as temporary, open(temporary, "wb") as handle:
        writer.write(handle)
    return target
