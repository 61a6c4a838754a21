"""Scored evaluation → layout: the form's cells, spans, wording and formatted numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, Cell, Grid, TableLayout
from docgen.layout.table import build_table
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile
from tests.conftest import EXAMPLE, replace_line


def layout_of(write: Callable[..., Path], text: str = EXAMPLE, printing: str = "declared") -> TableLayout:
    checked = check_file(str(write("x.yaml", text)))
    assert checked.scored is not None
    profile = load_profile()  # scored, as pipeline.check_file scores it, under the profile's printing policy
    return build_table(replace(checked.scored, printing=printing),
                       replace(profile, settings=replace(profile.settings, printing=printing)))


def at(grid: Grid, row: int, col: int) -> Cell:
    [cell] = [c for c in grid.cells if c.row == row and c.col == col]
    return cell


def test_title_and_wording_come_from_the_default_templates(write: Callable[..., Path]) -> None:
    layout = layout_of(write)
    assert (layout.title, layout.subtitle) == ("财政项目支出绩效自评表", "（2024年度）")
    summary, indicators = layout.grids
    assert at(summary, 2, 0).text == "项目资金（万元）" and at(summary, 2, 0).rowspan == 5
    assert [at(indicators, 0, c).text for c in range(8)] == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert layout.page.footer == f"第 {PAGE_TOKEN} 页，共 {PAGES_TOKEN} 页"


def test_funding_block_numbers(write: Callable[..., Path]) -> None:
    summary = layout_of(write).grids[0]
    row = [at(summary, 3, c) for c in range(1, 8)]
    assert [c.text for c in row] == ["年度资金总额", "234.00", "234.00", "184.65", "10.00", "78.91%", "7.89"]
    assert (row[3].value, row[3].number_format) == (Decimal("184.65"), "0.00")
    assert (row[5].value, row[5].number_format) == (Decimal("0.7891"), "0.00%")
    source = [at(summary, 5, c).text for c in range(1, 8)]
    assert source == ["上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"]  # 0 budget: no rate


def test_yuan_amounts_use_thousands_and_keep_cents(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "资金单位: 万元", "资金单位: 元")
    text = replace_line(text, "全年预算数: 234.00, 全年执行数: 184.65, 分值",
                        '全年预算数: "1,234,567", 全年执行数: "1,000,000.50", 分值')
    summary = layout_of(write, text).grids[0]
    assert at(summary, 2, 0).text == "项目资金（元）"
    assert [at(summary, 3, c).text for c in (2, 3, 4)] == ["234", "1,234,567", "1,000,000.50"]
    assert at(summary, 3, 4).number_format == "#,##0.00" and at(summary, 3, 3).number_format == "#,##0"


def test_indicator_levels_are_merged_down(write: Callable[..., Path]) -> None:
    indicators = layout_of(write).grids[1]
    assert (at(indicators, 1, 0).text, at(indicators, 1, 0).rowspan) == ("产出指标", 5)
    assert (at(indicators, 1, 1).text, at(indicators, 1, 1).rowspan) == ("数量指标", 2)
    assert (at(indicators, 3, 1).text, at(indicators, 3, 1).rowspan) == ("质量指标", 1)
    assert (at(indicators, 6, 0).text, at(indicators, 6, 0).rowspan) == ("效益指标", 3)
    assert indicators.header_rows == 1 and indicators.rows == 1 + 10 + 2


def test_published_scores_totals_and_grade(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "实际完成值: 100.00(%), 分值: 10}", "实际完成值: 90.00(%), 分值: 10, 得分: 10}")
    text = replace_line(text, "实际完成值: 100.00(%), 分值: 15}\n      - {三级指标: 管理",
                        "实际完成值: 80.00(%), 分值: 15}\n      - {三级指标: 管理")
    indicators = layout_of(write, text).grids[1]
    assert at(indicators, 3, 6).text == "10.00"  # declared full marks are what gets published
    assert at(indicators, 9, 6).text == "13.33"  # no declared score: the rule's 80 ÷ 90 × 15
    total_row = indicators.rows - 2
    # the author declared 总分 97.89 (and 评分等级 优): the table prints what was declared, the audit says
    # it should be 96.22 (TOTAL_MISMATCH)
    assert [at(indicators, total_row, c).text for c in (0, 5, 6)] == ["总分", "100.00", "97.89"]
    assert [at(indicators, total_row + 1, c).text for c in (0, 5)] == ["评分等级", "优"]
    computed = layout_of(write, text, printing="computed").grids[1]
    assert [at(computed, total_row, c).text for c in (0, 5, 6)] == ["总分", "100.00", "95.22"]
    assert at(computed, 3, 6).text == "9.00"  # the rule's 90 ÷ 100 × 10, not the declared full marks
    assert at(computed, 9, 6).text == "13.33"


def test_declared_rate_and_score_are_printed_as_declared(write: Callable[..., Path]) -> None:
    text = replace_line(EXAMPLE, "执行率: 78.91, 得分: 7.89", "执行率: 78.92, 得分: 7.90")
    assert [at(layout_of(write, text).grids[0], 3, c).text for c in (6, 7)] == ["78.92%", "7.90"]
    assert [at(layout_of(write, text, "computed").grids[0], 3, c).text for c in (6, 7)] == ["78.91%", "7.89"]


def test_every_position_is_covered_exactly_once(write: Callable[..., Path]) -> None:
    for grid in layout_of(write).grids:
        covered = [(r, c) for cell in grid.cells for r in range(cell.row, cell.last_row + 1)
                   for c in range(cell.col, cell.last_col + 1)]
        assert sorted(covered) == [(r, c) for r in range(grid.rows) for c in range(grid.columns)]


def test_a_group_too_long_for_the_page_is_split_with_its_labels_once_on_the_next(write: Callable[..., Path]) -> None:
    rows = "".join(f"      - {{三级指标: 数量{i}, 年度指标值: ≥90%, 实际完成值: 95%, 分值: 0.5}}\n" for i in range(30))
    text = replace_line(EXAMPLE, "    质量指标:\n", f"    质量指标:\n{rows}")
    layout = layout_of(write, text)
    assert len(layout.pages) == 2
    for page in layout.pages:
        indicators = page[-1]
        assert indicators.key == "indicators" and at(indicators, 0, 2).text == "三级指标"  # the header on each page
        assert [c.text for c in indicators.cells if c.col == 0 and c.row > 0][:1] in (["产出指标"], [])
    second = layout.pages[1][0]
    first_level = [c for c in second.cells if c.col == 0 and c.row > 0 and c.kind == "label"]
    assert first_level[0].text == "产出指标" and first_level[0].row == 1  # repeated once, merged over its rows
    assert first_level[0].rowspan == len([c for c in second.cells if c.col == 2 and c.row >= 1
                                          and c.row <= first_level[0].last_row])
    names = [c.text for page in layout.pages for grid in page if grid.key == "indicators"
             for c in sorted(grid.cells, key=lambda c: c.row) if c.col == 2 and c.row > 0]
    assert names == [c.text for c in sorted(layout.grids[1].cells, key=lambda c: c.row) if c.col == 2 and c.row > 0]


def test_a_row_taller_than_a_page_is_split_between_its_lines(write: Callable[..., Path]) -> None:
    from docgen.layout.paging import heading_pt, page_pt

    long = "因疫情影响调减预算。" * 400  # a reason of 4,000 characters: taller than any page
    text = replace_line(EXAMPLE, "实际完成值: 100.00(%), 分值: 10}", f"实际完成值: 100.00(%), 分值: 10, 偏差原因分析及改进措施: {long}}}")
    layout = layout_of(write, text)
    assert len(layout.pages) >= 3
    for number, page in enumerate(layout.pages):  # every page holds what it is given
        used = sum((sum(grid.heights_pt, Decimal(0)) for grid in page), Decimal(0))
        assert used <= page_pt(layout.page) - (heading_pt(layout) if number == 0 else 0), number
    home = next(c.row for c in layout.grids[1].cells if c.text == long)
    reason = [c.text for page in layout.pages for grid in page if grid.key == "indicators"
              for c in grid.cells if c.home == (home, 7)]
    assert len(reason) >= 3 and "".join(part.replace("\n", "") for part in reason) == long  # all of it, in order
