"""Every profile setting reaches Word, Excel and PDF alike: render the example with the default profile
and with a profile changing that one setting, read all three outputs back, and compare."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from docgen.layout.table import build_table
from docgen.painters import FORMATS, get_painter
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile, template_roots
from tests.conftest import EXAMPLE

Files = dict[str, Path]


def docx_text(path: Path) -> str:
    document = Document(str(path))
    section = document.sections[0]
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def xlsx_text(path: Path) -> str:
    sheet = openpyxl.load_workbook(path).active
    parts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    return "\n".join([*parts, sheet.oddHeader.center.text or "", sheet.oddFooter.center.text or ""])


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


TEXT = {"docx": docx_text, "xlsx": xlsx_text, "pdf": pdf_text}


def has_text(words: str) -> Callable[[Files], dict[str, bool]]:
    return lambda files: {fmt: words in "".join(TEXT[fmt](path).split()) for fmt, path in files.items()}


def lacks_text(words: str) -> Callable[[Files], dict[str, bool]]:
    return lambda files: {fmt: not ok for fmt, ok in has_text(words)(files).items()}


def rate_as_number(files: Files) -> dict[str, bool]:
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == 78.91 and c.number_format == "0.00"]
    return {"docx": "78.91%" not in docx_text(files["docx"]) and "78.91" in docx_text(files["docx"]),
            "xlsx": bool(cells),
            "pdf": "78.91%" not in pdf_text(files["pdf"]) and "78.91" in pdf_text(files["pdf"])}


def yuan_with_separators(files: Files) -> dict[str, bool]:
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == 2340000 and c.number_format == "#,##0"]
    return {"docx": "2,340,000" in docx_text(files["docx"]) and "项目资金（元）" in docx_text(files["docx"]),
            "xlsx": bool(cells) and "项目资金（元）" in xlsx_text(files["xlsx"]),
            "pdf": "2,340,000" in pdf_text(files["pdf"]) and "（元）" in pdf_text(files["pdf"])}  # the label wraps


def blank_not_applicable(files: Files) -> dict[str, bool]:
    table = Document(str(files["docx"])).tables[0]
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    return {"docx": table.cell(5, 5).text == "" and table.cell(5, 7).text == "",
            "xlsx": sheet.cell(2 + 5 + 1, 6).value in (None, "") and sheet.cell(2 + 5 + 1, 8).value in (None, ""),
            "pdf": "—" not in pdf_text(files["pdf"])}


def fonts_changed(files: Files) -> dict[str, bool]:
    document = Document(str(files["docx"]))
    east_asia = document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia"))
    title_run = document.paragraphs[0].runs[0]
    a1 = openpyxl.load_workbook(files["xlsx"]).active["A1"]
    fonts = subprocess.run(["pdffonts", str(files["pdf"])], capture_output=True, text=True, check=True).stdout
    with pdfplumber.open(files["pdf"]) as pdf:
        title_sizes = {round(c["size"]) for c in pdf.pages[0].chars if c["text"] == "财"}
    return {"docx": east_asia == "黑体" and title_run.font.size.pt == 20,
            "xlsx": a1.font.name == "黑体" and a1.font.size == 20,
            "pdf": "NotoSansCJK" in fonts.replace("-", "") and 20 in title_sizes}


def landscape_narrow_margins(files: Files) -> dict[str, bool]:
    section = Document(str(files["docx"])).sections[0]
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    with pdfplumber.open(files["pdf"]) as pdf:
        page = pdf.pages[0]
        left = min(line["x0"] for line in page.lines) if page.lines else min(c["x0"] for c in page.chars)
        wide = page.width > page.height
    return {"docx": section.orientation == WD_ORIENT.LANDSCAPE and round(section.left_margin.mm) == 10,
            "xlsx": sheet.page_setup.orientation == "landscape" and round(sheet.page_margins.left * 25.4) == 10,
            "pdf": wide and abs(left - 28.35) < 2}


def logo_shown(files: Files) -> dict[str, bool]:
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    with pdfplumber.open(files["pdf"]) as pdf:
        images = len(pdf.pages[0].images)
    return {"docx": len(Document(str(files["docx"])).inline_shapes) == 1, "xlsx": len(sheet._images) == 1,
            "pdf": images == 1}


@dataclass
class Case:
    name: str
    settings: str = ""
    labels: str = ""
    probe: Callable[[Files], dict[str, bool]] = field(default=has_text(""))
    logo: bool = False


CASES = [
    Case("title", labels="{% block title %}财政项目支出绩效自我评价{% endblock %}", probe=has_text("财政项目支出绩效自我评价")),
    Case("year line", labels="{% block subtitle %}{{ year }}年度 决算{% endblock %}", probe=has_text("2024年度决算")),
    Case("column labels", labels="{% block weight %}分数{% endblock %}{% block rate %}执行率(%){% endblock %}"
         "{% block reason %}偏差原因分析{% endblock %}", probe=has_text("分数执行率(%)得分")),
    Case("money unit and format", settings="numbers: {money_unit: 元, money: {元: '#,##0'}}",
         probe=yuan_with_separators),
    Case("not applicable text", settings="numbers: {not_applicable: 不适用}", probe=has_text("不适用")),
    Case("not applicable blank", settings="numbers: {not_applicable: ''}", probe=blank_not_applicable),
    Case("undefined rate", settings="numbers: {undefined_rate: 无执行率}", probe=has_text("无执行率")),
    Case("grade row off", settings="rows: {grade: false}", probe=lacks_text("评分等级")),
    Case("leading column", settings="rows: {leading_column: true}", probe=has_text("绩效指标")),
    Case("rate as number", settings="numbers: {rate: number}", probe=rate_as_number),
    Case("fonts", settings="fonts: {cjk: 黑体, latin: Arial, pdf: [Noto Sans CJK SC], size_pt: {title: 20}}",
         probe=fonts_changed),
    Case("orientation and margins",
         settings="page: {orientation: landscape, margins_mm: {top: 10, right: 10, bottom: 10, left: 10}}",
         probe=landscape_narrow_margins),
    Case("header and footer", settings="agency: 测试局",
         labels="{% block header %}{{ agency }}·{{ project }}{% endblock %}"
                "{% block footer %}{{ agency }}第{{ page }}页{% endblock %}",
         probe=has_text("测试局·党建服务工作经费")),
    Case("logo", settings="logo: {file: 徽标.png, width_mm: 15}", probe=logo_shown, logo=True),
]


def render(tmp_path: Path, name: str, roots: tuple[Path, ...]) -> Files:
    example = tmp_path / "x.yaml"
    example.write_text(EXAMPLE, encoding="utf-8")
    checked = check_file(str(example))
    assert checked.scored is not None
    profile = load_profile(name, roots)
    layout = build_table(checked.scored, profile)
    return {fmt: get_painter(fmt).paint(layout, tmp_path / name / f"x.{fmt}", profile) for fmt in FORMATS}


@pytest.fixture(scope="module")
def default_files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    return render(tmp_path_factory.mktemp("default"), "default", template_roots())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_setting_reaches_all_three_formats(case: Case, tmp_path: Path, default_files: Files) -> None:
    folder = tmp_path / "templates" / "测试"
    folder.mkdir(parents=True)
    (folder / "profile.yaml").write_text(f"extends: default\n{case.settings}\n", encoding="utf-8")
    (folder / "labels.j2").write_text('{% extends "default/labels.j2" %}' + case.labels, encoding="utf-8")
    if case.logo:
        from PIL import Image

        Image.new("RGB", (120, 60), (200, 30, 30)).save(folder / "徽标.png")
    files = render(tmp_path, "测试", template_roots((str(tmp_path / "templates"),)))
    assert case.probe(files) == {"docx": True, "xlsx": True, "pdf": True}
    assert case.probe(default_files) == {"docx": False, "xlsx": False, "pdf": False}
