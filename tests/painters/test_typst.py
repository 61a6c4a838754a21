"""pdf.engine: typst — the same table layout painted by Typst: the same cell texts as the WeasyPrint PDF
(pdfplumber per cell), page count within one, every font embedded, PDF/A-3a and tags, page numbers
drawn over the pages like WeasyPrint's (so reports number appended Typst tables too), the same bytes
twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from docgen.painters.typst_pdf import TypstPainter
from docgen.profiles.load import load_profile
from tests.conftest import EXAMPLE, CliResult, Sample
from tests.golden.readers import pdf_rows
from tests.golden.seed_tables import normal
from tests.painters.test_pdf_archival import catalog, fonts_embedded, numbered_over_all_pages, page_footers


def test_every_sample_table_through_typst(samples: list[Sample], tmp_path: Path) -> None:
    painter = TypstPainter()
    for sample in samples:
        profile = load_profile(sample.layout.profile)
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.pdf"
        painter.paint_to(sample.layout, path, profile)
        expected = {normal(cell.text) for grid in sample.layout.grids for cell in grid.cells if cell.text.strip()}
        typst_cells = {normal(cell) for row in pdf_rows(path) for cell in row}
        weasy_cells = {normal(cell) for row in pdf_rows(sample.files["pdf"]) for cell in row}
        assert expected & weasy_cells <= typst_cells, (sample.name, sorted((expected & weasy_cells) - typst_cells)[:5])
        pages, weasy_pages = len(PdfReader(str(path)).pages), len(PdfReader(str(sample.files["pdf"])).pages)
        assert abs(pages - weasy_pages) <= 1, sample.name
        assert page_footers(path) == numbered_over_all_pages(path), sample.name
        assert all(fonts_embedded(path)), sample.name
        root, xmp, info = catalog(path)
        assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp, sample.name
        assert "/StructTreeRoot" in root and root["/Lang"] == "zh-CN" and info["/Title"] == sample.layout.project
    again = tmp_path / "again.pdf"
    painter.paint_to(samples[0].layout, again, load_profile())
    first = tmp_path / "first.pdf"
    TypstPainter().paint_to(samples[0].layout, first, load_profile())
    assert again.read_bytes() == first.read_bytes()  # a fresh compiler gives the same bytes


def test_a_profile_chooses_typst_and_reports_number_its_tables(write: Callable[..., Path], tmp_path: Path,
                                                                cli: Callable[..., CliResult]) -> None:
    write("模板/快/profile.yaml", "extends: default\npdf: {engine: typst}\n")
    write("inputs/2024/部门/项目.yaml", EXAMPLE)
    write("inputs/2024/部门/项目二.yaml", EXAMPLE.replace("党建服务工作经费", "第二个项目"))
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "模板"),
                 "--profile", "快", "--formats", "pdf")
    assert result.exit_code == 0, result.out
    table = tmp_path / "out/2024/部门/项目.pdf"
    assert "Typst" in (PdfReader(str(table)).metadata or {}).get("/Producer", "") or b"Typst" in table.read_bytes()
    [report] = (tmp_path / "out/2024/绩效自评结果报告").glob("*.pdf")
    assert page_footers(report) == numbered_over_all_pages(report)


def test_an_unknown_engine_is_refused(write: Callable[..., Path], tmp_path: Path,
                                      cli: Callable[..., CliResult]) -> None:
    write("模板/错/profile.yaml", "extends: default\npdf: {engine: latex}\n")
    write("inputs/2024/部门/项目.yaml", EXAMPLE)
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "模板"),
                 "--profile", "错", "--formats", "pdf")
    assert result.exit_code != 0 and "weasyprint" in result.err and "typst" in result.err


def test_an_agency_html_template_with_typst_is_refused(write: Callable[..., Path], tmp_path: Path,
                                                       cli: Callable[..., CliResult]) -> None:
    write("模板/自定/profile.yaml", "extends: default\npdf: {engine: typst}\n")
    write("模板/自定/table.html.j2", '{% extends "default/table.html.j2" %}\n')
    write("inputs/2024/部门/项目.yaml", EXAMPLE)
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "模板"),
                 "--profile", "自定", "--formats", "pdf", "--no-reports")
    assert result.exit_code != 0 and "table.html.j2" in result.out + result.err and "typst" in result.out + result.err
    assert not (tmp_path / "out/2024/部门/项目.pdf").exists()


def test_a_logo_with_typst_is_refused_not_dropped(write: Callable[..., Path], tmp_path: Path,
                                                  cli: Callable[..., CliResult]) -> None:
    from PIL import Image

    write("模板/标/profile.yaml", "extends: default\npdf: {engine: typst}\nlogo: {file: 徽标.png, width_mm: 15}\n")
    Image.new("RGB", (120, 60), (200, 30, 30)).save(tmp_path / "模板/标/徽标.png")
    write("inputs/2024/部门/项目.yaml", EXAMPLE)
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "模板"),
                 "--profile", "标", "--formats", "pdf", "--no-reports")
    assert result.exit_code != 0 and "logo" in result.out + result.err
    assert not (tmp_path / "out/2024/部门/项目.pdf").exists()
