"""A cell's look (bold, alignment, wrapping) is decided once, by the layout, and every format shows the
same: read back from the Word, Excel and PDF files of every sample table."""

from __future__ import annotations

import openpyxl
import pdfplumber
from docx import Document
from docx.oxml.ns import qn

from docgen.layout.model import Cell, Grid
from tests.conftest import Sample
from tests.painters.test_xlsx import title_rows

WORD_ALIGN = {"left": "left", "center": "center"}


def _leading(sample: Sample) -> Cell | None:
    indicators = sample.layout.grids[1]
    return next((c for c in indicators.cells if c.col == 0 and c.row == 0 and c.rowspan > 1), None)


def test_word_and_excel_show_each_cells_look(samples: list[Sample]) -> None:
    for sample in samples:
        sheet = openpyxl.load_workbook(sample.files["xlsx"]).active
        tables = Document(str(sample.files["docx"])).tables
        top = title_rows(sample)
        for grid in sample.layout.grids:
            for cell in grid.cells:
                look = cell.look
                found = sheet.cell(top + cell.row + 1, cell.col + 1)
                assert bool(found.font.b) == look.bold, (sample.name, cell)
                assert found.alignment.horizontal == look.align and bool(found.alignment.wrap_text) == look.wrap
            top += grid.rows
        pieces = [grid for page in sample.layout.paged for grid in page]  # Word has the PDF's pages
        for table, grid in zip(tables, pieces, strict=True):
            for cell in grid.cells:
                look = cell.look
                word = _word_cell(table, grid, cell)
                no_wrap = word.find(f"{qn('w:tcPr')}/{qn('w:noWrap')}") is not None
                assert no_wrap == (not look.wrap), (sample.name, cell)
                for paragraph in word.iter(qn("w:p")):
                    assert paragraph.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == WORD_ALIGN[look.align]
                    for run in paragraph.iter(qn("w:r")):
                        assert (run.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None) == look.bold, (sample.name, cell)


def _word_cell(table: object, grid: Grid, cell: Cell) -> object:
    """The ``w:tc`` where a layout cell starts (Word lists merged cells once per row they span)."""
    row = table.rows[cell.row]._tr  # type: ignore[attr-defined]
    column = 0
    for tc in row.iter(qn("w:tc")):
        if column == cell.col:
            return tc
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        column += int(span.get(qn("w:val"))) if span is not None else 1
    raise AssertionError((grid.key, cell))


def test_the_pdf_draws_bold_cells_bold_the_leading_column_included(samples: list[Sample]) -> None:
    leading = [s for s in samples if _leading(s) is not None]
    assert leading, "no sample has the leading 绩效指标 column"
    for sample in leading:
        cell = _leading(sample)
        assert cell is not None and cell.look.bold
        with pdfplumber.open(sample.files["pdf"]) as pdf:
            chars = [c for page in pdf.pages for c in page.chars]
        left = min(c["x0"] for c in chars if c["text"].strip())
        column = [c for c in chars if c["x0"] < left + 15 and c["text"] in cell.text]  # the leading column's text
        assert column and all("Bold" in c["fontname"] for c in column), (sample.name, {c["fontname"] for c in column})
        names = [c for c in chars if c["text"] in "0123456789." and c["x0"] > left + 100]
        assert any("Bold" not in c["fontname"] for c in names)  # numbers are not bold
