"""pdf.engine: typst — the same table layout painted by Typst: the same cell texts as the WeasyPrint PDF
(pdfplumber per cell), page count within one, every font embedded, PDF/A-3a and tags, page numbers
drawn over the pages like WeasyPrint's (so reports number appended Typst tables too), the same bytes
twice."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

from docgen.painters.typst_pdf import TypstPainter
from docgen.profiles.load import load_profile
from tests.conftest import EXAMPLE, INPUTS, CliResult, RenderProfile, Sample
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


def test_a_profile_chooses_typst_and_reports_number_its_tables(render_profile: RenderProfile, tmp_path: Path) -> None:
    result = render_profile("快", "pdf: {engine: typst}\n", projects=2)
    assert result.exit_code == 0, result.out
    table = tmp_path / "out/2024/部门/项目.pdf"
    assert "Typst" in (PdfReader(str(table)).metadata or {}).get("/Creator", "")
    [report] = (tmp_path / "out/2024/绩效自评结果报告").glob("*.pdf")
    assert page_footers(report) == numbered_over_all_pages(report)


def test_an_unknown_engine_is_refused(render_profile: RenderProfile) -> None:
    result = render_profile("错", "pdf: {engine: latex}\n")
    assert result.exit_code != 0 and "weasyprint" in result.err and "typst" in result.err


def test_an_agency_html_template_with_typst_is_refused(render_profile: RenderProfile, tmp_path: Path) -> None:
    result = render_profile("自定", "pdf: {engine: typst}\n", "--no-reports",
                            files={"table.html.j2": '{% extends "default/table.html.j2" %}\n'})
    assert result.exit_code != 0 and "table.html.j2" in result.out + result.err and "typst" in result.out + result.err
    assert not (tmp_path / "out/2024/部门/项目.pdf").exists()


def test_the_logo_is_drawn_by_typst_too(render_profile: RenderProfile, tmp_path: Path) -> None:
    """A profile's logo: beside the title of the table PDF and of each table in the report, at its width."""
    from PIL import Image

    logo = io.BytesIO()
    Image.new("RGB", (120, 60), (200, 30, 30)).save(logo, format="PNG")
    result = render_profile("标", "pdf: {engine: typst}\nlogo: {file: 徽标.png, width_mm: 15}\n",
                            files={"徽标.png": logo.getvalue()})
    assert result.exit_code == 0, result.out + result.err
    [report] = (tmp_path / "out/2024/绩效自评结果报告").glob("*.pdf")
    for path, page in ((tmp_path / "out/2024/部门/项目.pdf", 1), (report, len(PdfReader(str(report)).pages))):
        listed = subprocess.run(["pdfimages", "-list", "-f", str(page), "-l", str(page), str(path)],
                                capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        sizes = [(int(line.split()[3]), int(line.split()[4])) for line in listed]
        assert (120, 60) in sizes, (path.name, listed)
        with pdfplumber.open(path) as pdf:
            [image] = [i for i in pdf.pages[page - 1].images if (i["srcsize"]) == (120, 60)]
            assert abs((image["x1"] - image["x0"]) / 72 * 25.4 - 15) < 0.2  # 15 mm wide
            assert image["top"] < min(w["top"] for w in pdf.pages[page - 1].extract_words() if "绩效" in w["text"]) + 20


def test_the_engine_chosen_per_run(write: Callable[..., Path], tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """--pdf-engine overrides every profile's pdf.engine; anything else is refused before any work."""
    write("inputs/2024/部门/项目.yaml", EXAMPLE)
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--formats", "pdf",
                 "--pdf-engine", "typst")
    assert result.exit_code == 0, result.out + result.err
    for path in (tmp_path / "out/2024/部门/项目.pdf", *(tmp_path / "out/2024").glob("*/*.pdf"), tmp_path / "out/2024/审核意见.pdf"):
        assert "Typst" in (PdfReader(str(path)).metadata or {}).get("/Creator", ""), path
    wrong = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "bad"), "--pdf-engine", "latex")
    assert wrong.exit_code == 3 and "--pdf-engine" in wrong.err and not (tmp_path / "bad").exists()


def test_typst_documents_are_the_same_bytes_with_any_worker_count(tmp_path: Path) -> None:
    from docgen.inputs.load import find_inputs
    from docgen.render.run import Run, render_files

    files = find_inputs([str(INPUTS / "2024")])
    for jobs in (1, 2):
        render_files(files, Run(tmp_path / str(jobs), ("pdf",), pdf_engine="typst"), jobs)
    one = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*.pdf"))
    assert len(one) == len(files) + 2  # the tables, the department's report, the 审核意见
    assert one == sorted(p.relative_to(tmp_path / "2") for p in (tmp_path / "2").rglob("*.pdf"))
    for path in one:
        assert (tmp_path / "1" / path).read_bytes() == (tmp_path / "2" / path).read_bytes(), path


def test_a_weasyprint_report_numbers_a_typst_table_once(write: Callable[..., Path], tmp_path: Path,
                                                       cli: Callable[..., CliResult]) -> None:
    """A department of mixed profiles: the report (its first project's profile) is WeasyPrint's, one table is
    Typst's with its footer drawn by Typst: appended without it, every page has one footer, numbered over all."""
    write("模板/快/profile.yaml", "extends: default\npdf: {engine: typst}\n")
    write("inputs/2024/部门/项目一.yaml", EXAMPLE)
    write("inputs/2024/部门/项目二.yaml", EXAMPLE.replace("党建服务工作经费", "第二个项目") + "模板: 快\n")
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "模板"),
                 "--formats", "pdf")
    assert result.exit_code == 0, result.out + result.err
    table = tmp_path / "out/2024/部门/项目二.pdf"
    assert "Typst" in (PdfReader(str(table)).metadata or {}).get("/Creator", "")
    assert page_footers(table) == numbered_over_all_pages(table)
    [report] = (tmp_path / "out/2024/绩效自评结果报告").glob("*.pdf")
    assert "WeasyPrint" in (PdfReader(str(report)).metadata or {}).get("/Producer", "")
    assert page_footers(report) == numbered_over_all_pages(report)


def test_an_agency_report_html_template_with_typst_is_refused(render_profile: RenderProfile, tmp_path: Path) -> None:
    result = render_profile("自定", "pdf: {engine: typst}\n",
                            files={"report.html.j2": '{% extends "default/report.html.j2" %}\n'})
    assert result.exit_code != 0 and "report.html.j2" in result.out + result.err
    assert not (tmp_path / "out/2024/审核意见.pdf").exists()


def test_an_agency_overrides_a_typst_template_file_by_file(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                           tmp_path: Path) -> None:
    """The README's example: an agency's own docgen.typ, built on default's, is what default's table.typ and
    report.typ import — the table and the department report print its line; WeasyPrint is unaffected."""
    import re as regex

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = regex.search(r"```typst\n// 我的模板/我的机构/docgen.typ\n(.*?)```", readme, regex.S)
    assert block
    write("模板/我的机构/profile.yaml", "extends: default\npdf: {engine: typst}\n")
    write("模板/我的机构/docgen.typ", block.group(1))
    write("inputs/2024/部门/项目.yaml", EXAMPLE)
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "模板"),
                 "--profile", "我的机构", "--formats", "pdf")
    assert result.exit_code == 0, result.out + result.err
    for pdf in (tmp_path / "out/2024/部门/项目.pdf", *(tmp_path / "out/2024/绩效自评结果报告").glob("*.pdf")):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "内部资料" in text and "党建服务工作经费" in text, pdf
    plain = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "plain"), "--templates",
                str(tmp_path / "模板"), "--profile", "我的机构", "--formats", "pdf", "--pdf-engine", "weasyprint",
                "--no-reports")
    assert plain.exit_code == 0, plain.out + plain.err
    text = subprocess.run(["pdftotext", str(tmp_path / "plain/2024/部门/项目.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "内部资料" not in text
