"""``page.size`` and ``page.orientation`` reach every painter: an A3 landscape profile gives A3 landscape
pages in both PDF engines and in Word, with the columns spread over the A3 width."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
from docx import Document

from tests.conftest import CliResult

A3_LANDSCAPE_PT = (1190.6, 841.9)


def test_a3_landscape_reaches_both_pdf_engines_and_word(render_profile: Callable[..., CliResult],
                                                        tmp_path: Path) -> None:
    settings = "page: {size: A3, orientation: landscape}\n"
    for engine in ("weasyprint", "typst"):
        result = render_profile("A3横向", settings, "--pdf-engine", engine, "--formats", "pdf,docx", "--force")
        assert result.exit_code == 0, result.out + result.err
        with pdfplumber.open(tmp_path / "out/2024/部门/项目.pdf") as pdf:
            for page in pdf.pages:
                assert (round(float(page.width), 1), round(float(page.height), 1)) == A3_LANDSCAPE_PT, engine
            lines = [e for e in pdf.pages[0].edges if e["orientation"] == "h"]
            assert max(e["x1"] for e in lines) - min(e["x0"] for e in lines) > 1000, engine  # the A3 width
    section = Document(str(tmp_path / "out/2024/部门/项目.docx")).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (420, 297)


def stroke_widths(path: Path) -> set[float]:
    """The widths of the first page's stroked lines, read off its content stream (``w``; a page that strokes
    without setting one draws at PDF's default, 1 pt)."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        operations = pikepdf.parse_content_stream(pdf.pages[0])
    widths, current = set(), 1.0
    for operation in operations:
        name = str(operation.operator)
        if name == "w":
            current = round(float(operation.operands[0]), 2)
        elif name in ("S", "s", "B", "b"):
            widths.add(current)
    return widths


def test_one_design_in_every_engine(render_profile: Callable[..., CliResult], tmp_path: Path) -> None:
    """The design values of profile.yaml reach all four painters: A3 landscape, 1 pt dark-blue borders and
    2 mm padding give exactly that in both PDF engines, the .docx section and table properties and the
    .xlsx page setup and borders; the columns fill the A3 width."""
    import openpyxl
    from docx.oxml.ns import qn

    settings = ("page: {size: A3, orientation: landscape, margins_mm: {top: 20, right: 18, bottom: 20, left: 18}}\n"
                "table: {border_pt: 1, padding_mm: 2, border_colour: \"#1F3864\"}\n"
                "fonts: {size_pt: {footer: 11}}\n")
    content_pt = (420 - 36) * 72 / 25.4
    for engine in ("weasyprint", "typst"):
        result = render_profile("设计", settings, "--pdf-engine", engine, "--formats", "pdf,docx,xlsx", "--force")
        assert result.exit_code == 0, result.out + result.err
        with pdfplumber.open(tmp_path / "out/2024/部门/项目.pdf") as pdf:
            page = pdf.pages[0]
            assert (round(float(page.width), 1), round(float(page.height), 1)) == A3_LANDSCAPE_PT, engine
            # the borders: 1 pt wide (a stroked line, or a filled rectangle as WeasyPrint draws a border)
            # (Typst leaves PDF's default width of 1 pt unset, which pdfplumber reads as 0)
            widths = stroke_widths(tmp_path / "out/2024/部门/项目.pdf") if engine == "typst" else \
                {round(float(line["linewidth"]), 2) for line in page.lines}
            assert 1.0 in widths and 0.6 not in widths, (engine, widths)
            colours = {tuple(round(c, 2) for c in (obj.get("stroking_color") or obj.get("non_stroking_color") or ()))
                       for obj in [*page.lines, *page.rects]}
            assert (0.12, 0.22, 0.39) in colours, (engine, colours)  # #1F3864
            edges = [e for e in page.edges if e["orientation"] == "h"]
            assert abs(max(e["x1"] for e in edges) - min(e["x0"] for e in edges) - content_pt) < 3, engine
            # 2 mm padding: the project's name starts 2 mm (and half a border) right of its cell's left edge
            name = page.search("党建服务工作经费")[0]
            label = page.search("项目名称")[0]
            verticals = sorted({round(float(e["x0"]), 1) for e in page.edges if e["orientation"] == "v"
                                and e["top"] <= name["top"] <= e["bottom"]})
            left = max(x for x in verticals if x < name["x0"] and x > label["x1"])
            assert abs(name["x0"] - left - (2 * 72 / 25.4 + 0.5)) < 0.6, (engine, name["x0"] - left)
            footer = [c for c in page.chars if c["text"] == "第"][-1]
            assert round(float(footer["size"])) == 11, engine
    document = Document(str(tmp_path / "out/2024/部门/项目.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (420, 297)
    assert section.orientation == 1  # WD_ORIENT.LANDSCAPE
    table = document.tables[0]._tbl
    borders = table.tblPr.find(qn("w:tblBorders"))
    top = borders.find(qn("w:top"))
    assert (top.get(qn("w:sz")), top.get(qn("w:color"))) == ("8", "1F3864")  # eighths of a point
    margin = table.tblPr.find(qn("w:tblCellMar")).find(qn("w:left"))
    assert margin.get(qn("w:w")) == str(int(2 * 56.6929))  # 2 mm in twips
    width = int(table.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    assert abs(width / 56.6929 - (420 - 36)) < 1  # the A3 landscape width less the margins
    sheet = openpyxl.load_workbook(tmp_path / "out/2024/部门/项目.xlsx").active
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (8, "landscape")  # 8: A3
    cell = sheet["A3"]
    assert cell.border.top.style == "medium" and cell.border.top.color.rgb.endswith("1F3864")
