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
