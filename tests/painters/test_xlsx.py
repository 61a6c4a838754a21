"""Excel output read back with openpyxl: texts stay text, numbers are numbers with formats, merges, print set-up."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from docgen.layout.table import build_table
from docgen.painters.xlsx import XlsxPainter
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile
from tests.conftest import EXAMPLE, Sample, replace_line

TITLE_ROWS = 2


def title_rows(sample: Sample) -> int:
    """The title, and the year line when the table has one (an agency without one gets no empty row)."""
    return 2 if sample.layout.subtitle else 1


def test_every_cell_and_merge_matches_the_layout(samples: list[Sample]) -> None:
    for sample in samples:
        sheet = openpyxl.load_workbook(sample.files["xlsx"]).active
        assert sheet["A1"].value == sample.layout.title
        columns = max(grid.columns for grid in sample.layout.grids)
        last = get_column_letter(columns)
        expected_merges = {f"A1:{last}1"}
        if sample.layout.subtitle:
            assert sheet["A2"].value == sample.layout.subtitle
            expected_merges.add(f"A2:{last}2")
        top = title_rows(sample)
        for grid in sample.layout.grids:
            for cell in grid.cells:
                found = sheet.cell(top + cell.row + 1, cell.col + 1)
                if cell.value is not None:
                    assert isinstance(found.value, int | float) and found.data_type == "n", (sample.name, cell)
                    assert Decimal(str(found.value)) == cell.value, (sample.name, cell)
                    assert found.number_format == cell.number_format
                else:
                    assert (found.value or "") == cell.text and found.data_type == "s", (sample.name, cell)
                # a grid narrower than the sheet (funding block beside a leading 绩效指标 column) reaches its
                # right edge: its last column's cells stretch to the sheet's last column
                last_col = columns - 1 if cell.last_col == grid.columns - 1 else cell.last_col
                if cell.rowspan > 1 or last_col > cell.col:
                    first = found.coordinate
                    last = sheet.cell(top + cell.last_row + 1, last_col + 1).coordinate
                    expected_merges.add(f"{first}:{last}")
            top += grid.rows
        assert {str(r) for r in sheet.merged_cells.ranges} == expected_merges, sample.name


def test_print_setup(samples: list[Sample]) -> None:
    sample = samples[0]
    sheet = openpyxl.load_workbook(sample.files["xlsx"]).active
    header_row = title_rows(sample) + sample.layout.grids[0].rows + 1
    last_row = title_rows(sample) + sum(g.rows for g in sample.layout.grids)
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "portrait"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    last = get_column_letter(max(grid.columns for grid in sample.layout.grids))
    assert sheet.print_area == f"'{sheet.title}'!$A$1:${last}${last_row}"
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    assert all(sheet.column_dimensions[c].width > 5 for c in "ABCDEFGH")


def test_nothing_typed_becomes_a_formula(write: Callable[..., Path], tmp_path: Path) -> None:
    text = replace_line(EXAMPLE, "项目名称: 党建服务工作经费", '项目名称: "=HYPERLINK(\\"http://x\\",\\"点我\\")"')
    text = replace_line(text, "实际完成值: 100.00(%), 分值: 10}", "实际完成值: \"+1+1\", 分值: 10, 偏差原因分析及改进措施: \"@SUM(A1)\"}")
    checked = check_file(str(write("x.yaml", text)))
    assert checked.scored is not None
    profile = load_profile()
    path = XlsxPainter().paint(build_table(checked.scored, profile), tmp_path / "x.xlsx", profile)
    sheet = openpyxl.load_workbook(path).active
    texts = {c.value: c.data_type for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for value in ('=HYPERLINK("http://x","点我")', "=100(%)", "+1+1", "@SUM(A1)"):
        assert texts.get(value) == "s", value


def test_a_text_longer_than_an_excel_cell_is_cut_visibly_and_reported(write: Callable[..., Path],
                                                                       tmp_path: Path) -> None:
    reason = "延期原因说明。" * 6000  # 42,000 characters
    text = replace_line(EXAMPLE, "实际完成值: 100.00(%), 分值: 10}",
                        f"实际完成值: 100.00(%), 分值: 10, 偏差原因分析及改进措施: {reason}}}")
    checked = check_file(str(write("x.yaml", text)))
    assert checked.scored is not None
    [finding] = [f for f in checked.findings if f.code == "EXCEL_CELL_LIMIT"]
    assert "42,000 字" in finding.message and finding.where.line == 21
    profile = load_profile()
    path = XlsxPainter().paint(build_table(checked.scored, profile), tmp_path / "x.xlsx", profile)
    cells = [c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("延期原因说明。")]
    assert len(cells) == 1 and len(cells[0]) == 32_767 and cells[0].endswith("全文见 Word 或 PDF 版）")
