"""Word output read back with python-docx: every cell's text, every merge, fonts, repeat header, fields."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.conftest import Sample


def test_every_cell_and_merge_matches_the_layout(samples: list[Sample]) -> None:
    for sample in samples:
        document = Document(str(sample.files["docx"]))
        pieces = [grid for page in sample.layout.paged for grid in page]  # a table a page, as the PDF has them
        assert len(document.tables) == len(pieces) >= len(sample.layout.grids), sample.name
        for table, grid in zip(document.tables, pieces, strict=True):
            assert (len(table.rows), len(table.columns)) == (grid.rows, grid.columns), sample.name
            positions = table._cells  # python-docx resolves gridSpan and vMerge to the merged cell
            for cell in grid.cells:
                origin = positions[cell.row * grid.columns + cell.col]
                assert origin.text == cell.text, (sample.name, cell)
                spanned = {index for index, found in enumerate(positions) if found._tc is origin._tc}
                expected = {row * grid.columns + col for row in range(cell.row, cell.last_row + 1)
                            for col in range(cell.col, cell.last_col + 1)}
                assert spanned == expected, (sample.name, cell)


def test_title_page_fonts_and_compatibility_markup(samples: list[Sample]) -> None:
    sample = samples[0]
    document = Document(str(sample.files["docx"]))
    assert [p.text for p in document.paragraphs[:2]] == [sample.layout.title, sample.layout.subtitle]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == sample.layout.fonts.cjk == "宋体"
    assert fonts.get(qn("w:ascii")) == "Times New Roman"
    for table in document.tables:
        width = table._tbl.tblPr.find(qn("w:tblW"))
        grid_cols = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert width.get(qn("w:type")) == "dxa" and int(width.get(qn("w:w"))) == sum(grid_cols)
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert all(row._tr.trPr.find(qn("w:trHeight")).get(qn("w:hRule")) == "atLeast" for row in table.rows)
    longest = max(samples, key=lambda s: len(s.layout.pages))
    paged = Document(str(longest.files["docx"]))
    indicators = [table for table in paged.tables if "三级指标" in [c.text for c in table.rows[0].cells]]
    assert len(indicators) >= 2  # the indicators run over pages: each page's part opens with the header row
    breaks = [p for p in paged.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None]
    assert len(breaks) == len(longest.layout.pages) - 1 >= 2  # a page break where the PDF starts a page
    instructions = [f.get(qn("w:instr")).strip() for f in section.footer._element.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("第 ")


@pytest.mark.libreoffice
def test_libreoffice_opens_and_converts_the_docx(samples: list[Sample], libreoffice_pdfs: dict[Path, Path]) -> None:
    sample = max(samples, key=lambda s: s.layout.grids[1].rows)
    text = subprocess.run(["pdftotext", str(libreoffice_pdfs[sample.files["docx"]]), "-"], capture_output=True,
                          text=True, check=True).stdout
    compact = "".join(text.split())
    assert sample.layout.title in compact and "一级指标" in compact and sample.layout.project in compact


def test_saved_once_gives_the_bytes_of_python_docx_save(samples: list[Sample], tmp_path: Path) -> None:
    """Documents share their blank's unchanging parts, compressed once: the file is still exactly what
    python-docx's own save (then fixed entry times) writes, and no document leaks into the next."""
    from docgen.painters.docx import add_table_layout, new_document
    from docgen.painters.reproducible import normalize_zip, save_docx

    first, second = samples[0].layout, samples[1].layout
    for layout in (first, second, first):
        ours, theirs = tmp_path / "ours.docx", tmp_path / "theirs.docx"
        document = new_document(layout.page, layout.fonts, layout.title)
        add_table_layout(document, layout)
        save_docx(document, ours)
        document.save(str(theirs))
        normalize_zip(theirs)
        assert ours.read_bytes() == theirs.read_bytes(), layout.title
        again = Document(str(ours))
        assert again.core_properties.title == layout.title
        assert [p.text for p in again.paragraphs[:1]] == [layout.title]
        assert len(again.tables) == sum(len(page) for page in layout.paged)
