"""No number, percentage or short value is broken across lines — in the PDF, and in the .docx as
LibreOffice draws it (with whatever fonts it substitutes for 宋体 and Times New Roman)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from docgen.layout.parts import unbreakable_runs
from tests.conftest import Sample

ONE_PER_AGENCY = ("2022/中共上海市委组织部/公务员管理工作经费", "2023/上海市人力资源和社会保障局/委托培训",
                  "2024/中共上海市委组织部/上海市党员干部现代远程教育网络体系运维（非信息化项目）",
                  "2022/上海市闵行区地区工作办公室/培训费")


def words(pdf: Path) -> str:
    """Every line's words, one per line of the joined text: a run broken across lines is not in it."""
    with pdfplumber.open(pdf) as document:
        return "\n".join(w["text"] for page in document.pages for w in page.extract_words())


def runs(sample: Sample) -> set[str]:
    return {run for grid in sample.layout.grids for cell in grid.cells if cell.colspan == 1 and cell.kind != "text"
            for run in unbreakable_runs(cell.text)}


def chosen(samples: list[Sample]) -> list[Sample]:
    picked = [s for s in samples if any(s.name.endswith(f"{name}.yaml") for name in ONE_PER_AGENCY)]
    assert len(picked) == len(ONE_PER_AGENCY)
    return picked


def test_the_pdf_never_breaks_a_number(samples: list[Sample]) -> None:
    for sample in samples:
        shown = words(sample.files["pdf"])
        assert not [run for run in runs(sample) if run not in shown], sample.name


@pytest.mark.libreoffice
def test_libreoffice_never_breaks_a_number_in_the_docx(samples: list[Sample], libreoffice_pdfs: dict[Path, Path]
                                                       ) -> None:
    picked = chosen(samples)
    for sample in picked:
        shown = words(libreoffice_pdfs[sample.files["docx"]])
        assert not [run for run in runs(sample) if run not in shown], sample.name
