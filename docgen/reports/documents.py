"""Report layouts → .docx and .pdf, through the same pieces the table painters use; atomic writes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from docgen.painters.base import atomic_path
from docgen.painters.docx import add_grid, add_paragraph, add_table_layout, new_document, save
from docgen.painters.fonts import check_glyphs
from docgen.painters.pdf import PdfPainter
from docgen.profiles.load import Profile
from docgen.reports.narrative import ReportLayout, Section

REPORT_TEMPLATE = "report.html.j2"
FOOTERS_TEMPLATE = "report_pages.html.j2"
PART_ROWS = 400  # table rows laid out at once: about 40 pages, about 100 MB of WeasyPrint boxes
CHART_ROWS = 8  # a chart takes about as much of a page as this many rows


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
                     table_pdfs: list[Path], part_rows: int = PART_ROWS) -> Path:
    """The report's pages, then the pages of each project's table PDF (already written by the table
    painter, so nothing is laid out twice), in one PDF.

    A long report (the 审核意见 of a whole year) is laid out part by part, each part written and
    dropped before the next, so memory stays flat however many projects there are; a part starts on
    a new page. The page footers ("第 1 页，共 243 页") are drawn last, over the parts' pages."""
    from pypdf import PdfReader, PdfWriter

    check_glyphs(report.title, report_texts(report), report.fonts.pdf)
    writer = PdfWriter()
    for part in report_parts(report, part_rows):
        document = painter.render_html(REPORT_TEMPLATE, profile, report.fonts.pdf, {"report": part}, "")
        writer.append(io.BytesIO(document.write_pdf()))
        del document  # the laid-out boxes are what costs memory
    if report.page.footer:
        footers = painter.render_html(FOOTERS_TEMPLATE, profile, report.fonts.pdf,
                                      {"report": replace(report, sections=()), "pages": len(writer.pages)},
                                      report.page.footer)
        for page, footer in zip(writer.pages, PdfReader(io.BytesIO(footers.write_pdf())).pages, strict=True):
            page.merge_page(footer)
    for table in table_pdfs:
        writer.append(str(table))
    with atomic_path(target) as temporary, open(temporary, "wb") as handle:
        writer.write(handle)
    return target


def report_parts(report: ReportLayout, part_rows: int) -> Iterator[ReportLayout]:
    """The report cut into parts of about ``part_rows`` table rows: the title opens the first, the
    appendix heading closes the last; a long table goes on in the next part under its heading + （续）."""
    parts: list[list[Section]] = [[]]
    rows = 0
    for section in report.sections:
        pieces = section.grid.pieces(part_rows) if section.grid is not None else (None,)
        for index, grid in enumerate(pieces):
            piece = replace(section, grid=grid) if index == 0 else \
                Section(f"{section.heading}（续）" if section.heading else "", (), grid)
            size = (grid.rows if grid is not None else 0) + len(piece.paragraphs) + CHART_ROWS * len(piece.charts)
            if parts[-1] and rows + size > part_rows:
                parts.append([])
                rows = 0
            parts[-1].append(piece)
            rows += size
    for index, sections in enumerate(parts):
        yield replace(report, title=report.title if index == 0 else "", sections=tuple(sections),
                      appendix_heading=report.appendix_heading if index == len(parts) - 1 else "")
