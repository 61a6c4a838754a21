"""PDF output read back with pdfplumber and poppler: every character there, fonts embedded, pages and headers."""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from docgen.fonts import (
    WEIGHTS,
    FontError,
    common_copy,
    common_faces,
    font_family_list,
    installed_face,
)
from docgen.layout.model import TableLayout
from docgen.layout.table import build_table
from docgen.painters.pdf import PdfPainter
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile
from tests.conftest import EXAMPLE, Sample, replace_line


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def characters(texts: list[str] | str) -> Counter[str]:
    return Counter(char for text in ([texts] if isinstance(texts, str) else texts) for char in text
                   if not char.isspace())


def test_every_character_of_the_table_is_in_the_pdf(samples: list[Sample]) -> None:
    for sample in samples:
        expected = characters(list(sample.layout.texts()))
        found = characters(pdf_text(sample.files["pdf"]))
        missing = expected - found
        assert not missing, (sample.name, missing)


def test_every_font_is_embedded(samples: list[Sample]) -> None:
    for sample in samples:
        lines = subprocess.run(["pdffonts", str(sample.files["pdf"])], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert lines, sample.name
        assert all(line.split()[-5] == "yes" for line in lines), (sample.name, lines)


def test_a4_with_page_numbers(samples: list[Sample]) -> None:
    sample = samples[0]
    with pdfplumber.open(sample.files["pdf"]) as pdf:
        pages = len(pdf.pages)
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)
        footers = [page.extract_text() or "" for page in pdf.pages]
    for number, text in enumerate(footers, start=1):
        assert f"第 {number} 页，共 {pages} 页" in text


def render_pdf(write: Callable[..., Path], text: str, tmp_path: Path) -> tuple[TableLayout, Path]:
    checked = check_file(str(write("x.yaml", text)))
    assert checked.scored is not None
    profile = load_profile()
    layout = build_table(checked.scored, profile)
    return layout, PdfPainter().paint(layout, tmp_path / "x.pdf", profile)


def test_long_texts_flow_onto_further_pages_with_the_header_repeated(write: Callable[..., Path],
                                                                    tmp_path: Path) -> None:
    long_goal = "打造功能全面提升的党群服务阵地体系，稳步推进居村党群服务阵地建设。" * 40
    text = replace_line(EXAMPLE, "  预期目标: 打造与城市基层党建相匹配的党群服务阵地体系和党建宣传阵地体系。",
                        f"  预期目标: {long_goal}")
    rows = "".join(f"      - {{三级指标: 指标{i}, 年度指标值: ≥90%, 实际完成值: 95%, 分值: 0.5, "
                   f"偏差原因分析及改进措施: {'说明' * 30}}}\n" for i in range(40))
    text = replace_line(text, "    质量指标:\n", f"    质量指标:\n{rows}")
    layout, path = render_pdf(write, text, tmp_path)
    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    assert len(texts) >= 4
    first = next(index for index, text in enumerate(texts) if "一级指标" in text)
    assert first < len(texts) - 2  # the indicators run over several pages
    for text in texts[first:]:  # and every one of them starts with the header row
        assert "一级指标" in text and "三级指标" in text, text
    assert not characters(list(layout.texts())) - characters(pdf_text(path))


def test_a_character_no_font_can_draw_is_refused(write: Callable[..., Path], tmp_path: Path) -> None:
    text = replace_line(EXAMPLE, "项目名称: 党建服务工作经费", "项目名称: 党建服务工作经费🙂")
    with pytest.raises(FontError, match="U\\+1F642"):
        render_pdf(write, text, tmp_path)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".docgen-*.tmp"))


def test_characters_outside_the_common_copy_come_from_the_installed_face(write: Callable[..., Path],
                                                                         tmp_path: Path) -> None:
    # 堃 and 喆 are not in GB 2312, so not in the cut-down copy of the font: the full face draws them
    text = replace_line(EXAMPLE, "项目名称: 党建服务工作经费", "项目名称: 王堃喆工作室经费")
    _, path = render_pdf(write, text, tmp_path)
    assert "王堃喆工作室经费" in pdf_text(path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+", 1)[1] for line in fonts.splitlines()[2:]}
    assert names == {"Noto-Serif-CJK-SC-docgen", "Noto-Serif-CJK-SC-docgen-Bold", "Noto-Serif-CJK-SC"}, names


def test_the_common_copy_is_made_once_and_much_smaller_than_the_installed_face() -> None:
    faces = common_faces(("Noto Serif CJK SC",))
    assert [face.weight for face in faces] == ["normal", "bold"]
    for face in faces:
        installed = installed_face(f"Noto Serif CJK SC:weight={dict(WEIGHTS)[face.weight]}")
        assert face.path.stat().st_size * 3 < Path(installed.path).stat().st_size
        assert common_copy(installed) == face.path  # found in the cache, not made again
    assert font_family_list(("Noto Serif CJK SC",)) == ["Noto Serif CJK SC docgen", "Noto Serif CJK SC"]


def test_pages_break_between_groups_and_never_leave_only_the_total(samples: list[Sample]) -> None:
    """Every page's table text lies inside its cells (nothing hangs below a frame), and the last page holds
    an indicator row beside 总分."""
    from tests.golden.seed_tables import normal, records

    for sample in samples:
        with pdfplumber.open(sample.files["pdf"]) as pdf:
            for page in pdf.pages:
                for table in page.find_tables():
                    cells = [cell for cell in table.cells if cell]
                    x0, top, x1, bottom = table.bbox
                    inside = [c for c in page.chars if x0 <= c["x0"] < x1 and top - 2 <= c["top"] < bottom + 20]
                    outside = [c["text"] for c in inside if not any(
                        a <= (c["x0"] + c["x1"]) / 2 <= b and t <= (c["top"] + c["bottom"]) / 2 <= u for a, t, b, u in cells)]
                    # the lines a form prints outside its frame (signatures under it) are not table text
                    unframed = "".join(c.text for g in sample.layout.grids if not g.frame for c in g.cells)
                    assert not [c for c in outside if c not in unframed], (sample.name, page.page_number, "".join(outside))
            last = [[normal(cell) for cell in row] for table in pdf.pages[-1].extract_tables() for row in table]
            found = records([["三级指标"], *last])
            assert any(key.startswith("指标:") for key in found), (sample.name, found)
