"""Import reads what the sheet shows (issue 15): a formula's rate at the places it is shown, the operator
and unit of a 指标性质 / 度量单位 layout, headings over two rows, a 序号 column, the 其中 rows' rates."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.pipeline import check_file
from tests.conftest import CliResult
from tests.importing.test_handmade import Formula, Row, imported, workbook

HEAD = [
    ["财政项目支出绩效自评表"],
    ["（2024年度）"],
    ["项目名称", "信息化运维"],
    ["主管部门", "某某局", None, None, "实施单位", "某某中心"],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
]


def funding(rate: Any, source_rate: Any) -> list[Row]:
    return [
        [None, "年度资金总额", 120.5, 120.5, 107.98, 10, rate, 8.96],
        [None, "其中：当年财政拨款", 120.5, 120.5, 107.98, "—", source_rate, "—"],
        [None, "上年结转资金", 0, 0, 0, "—", 0, "—"],
        [None, "其他资金", 0, 0, 0, "—", 0, "—"],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "系统稳定运行", None, None, "系统稳定运行"],
    ]


def test_a_formula_rate_reads_as_shown_and_check_agrees(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    rows = [*HEAD, *funding(Formula("=E6/D6"), Formula("=E7/D7")),
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "巡检次数", "≥12次", "12次", 90, 90, None]]
    source = workbook(tmp_path / "a.xlsx", {"表": rows}, formats={"表": {"G6": "0.00%", "G7": "0.00%"}})
    # openpyxl saves no cached value for a formula: put one in, as Excel does when it saves
    _cache_values(source, {"G6": 107.98 / 120.5, "G7": 107.98 / 120.5})
    out = tmp_path / "inputs" / "2024" / "某某局"
    result = cli("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.out
    data = imported(out, "信息化运维")
    assert data["项目资金"]["年度资金总额"]["执行率"] == "89.61"  # 0.89609958… shown as 89.61%
    checked = check_file(str(out / "信息化运维.yaml"))
    assert "EXEC_RATE_MISMATCH" not in {f.code for f in checked.findings}


def test_sign_value_unit_columns_keep_the_operator_and_unit(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    rows = [*HEAD, *funding(0.8961, 0.8961),
            ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "度量单位", "实际完成值", "分值", "得分"],
            ["产出指标", "时效指标", "故障响应时间", "≤", 4, "小时", 5, 50, 50],
            [None, "数量指标", "巡检次数", "≥", 12, "次", 12, 40, 40]]
    source = workbook(tmp_path / "b.xlsx", {"表": rows}, formats={"表": {"G6": "0.00%", "G7": "0.00%"}})
    out = tmp_path / "inputs" / "2024" / "某某局"
    result = cli("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.out
    item = imported(out, "信息化运维")["绩效指标"]["产出指标"]["时效指标"][0]
    assert (item["计算符号"], item["指标值"], item["计量单位"], item["实际完成值"]) == ("≤", "4", "小时", "5")
    checked = check_file(str(out / "信息化运维.yaml"))
    assert checked.scored is not None, checked.error
    [late] = [i for i in checked.scored.indicators if i.indicator.name == "故障响应时间"]
    assert late.indicator.target == "≤4小时" and late.rule.score == Decimal("40.00")  # 4 ÷ 5 × 50, not full marks
    assert "FULL_MARKS_ON_MISS" in {f.code for f in checked.findings}


def test_headings_over_two_rows_and_a_serial_column(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    rows = [*HEAD, *funding(0.8961, 0.8961),
            ["序号", "一级指标", "二级指标", "三级指标", "年度", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            [None, None, None, None, "指标值", None, None, None, None],
            [1, "产出指标", "数量指标", "巡检次数", "≥12次", "11次", 50, 45.83, "设备更换停检一次"],
            [2, None, "质量指标", "验收合格率", "=100%", "100%", 40, 40, None]]
    merges = [f"{col}12:{col}13" for col in "ABCDFGHI"]
    source = workbook(tmp_path / "c.xlsx", {"表": rows}, {"表": merges}, {"表": {"G6": "0.00%", "G7": "0.00%"}})
    out = tmp_path / "inputs" / "2024" / "某某局"
    result = cli("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.out  # no note for 序号 1, 2
    indicators = imported(out, "信息化运维")["绩效指标"]["产出指标"]
    assert indicators["数量指标"][0]["年度指标值"] == "≥12次" and indicators["数量指标"][0]["得分"] == "45.83"
    assert indicators["质量指标"][0]["三级指标"] == "验收合格率"


def test_a_source_rate_that_differs_from_the_amounts_is_listed(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    rows = [*HEAD, *funding(0.8961, 0.95),
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "巡检次数", "≥12次", "12次", 90, 90]]
    source = workbook(tmp_path / "d.xlsx", {"表": rows}, formats={"表": {"G6": "0.00%", "G7": "0.00%"}})
    result = cli("import", str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "表!G7" in result.out and "95.00%" in result.out and "89.61%" in result.out


def _cache_values(path: Path, values: dict[str, float]) -> None:
    """Write the value Excel would have cached for each formula cell (openpyxl cannot compute them)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    sheet = entries["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        sheet = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v>[^<]*</v>|<v/>)?', rf"\g<1>\g<2><v>{value!r}</v>", sheet)
    entries["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)


def test_one_stray_cell_at_the_last_row_costs_nothing(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    import time

    import openpyxl

    rows = [*HEAD, *funding(0.8961, 0.8961),
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "巡检次数", "≥12次", "12次", 90, 90]]
    source = workbook(tmp_path / "e.xlsx", {"表": rows}, formats={"表": {"G6": "0.00%", "G7": "0.00%"}})
    book = openpyxl.load_workbook(source)
    book["表"]["A1048576"] = "x"
    book.save(source)
    started = time.perf_counter()
    result = cli("import", str(source), "-o", str(tmp_path / "out"))
    assert time.perf_counter() - started < 10, "a stray cell should not make import walk a million rows"
    assert "表!A1048576" in result.out  # listed, like every cell that could not be placed


def test_a_group_heading_over_the_level_headings(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """Row 12 绩效指标 (or 指标) merged over 一级/二级/三级, the other headings merged down over both rows;
    column A blank, or holding a label merged down the table; headings over three rows too."""
    for group, first, three in (("绩效指标", None, False), ("指标", "绩效指标", False), ("绩效指标", None, True)):
        heading = [[first, group, None, None, "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
                   [None, "一级指标", "二级指标", "三级指标", None, None, None, None, None]]
        if three:  # 一级指标 itself over two rows: 一级 / 指标
            heading[1][1:3] = ["一级", "二级指标"]
            heading.append([None, "指标", None, None, None, None, None, None, None])
        rows = [*HEAD, *funding(0.8961, 0.8961), *heading,
                [None, "产出指标", "数量指标", "巡检次数", "≥12次", "11次", 50, 45.83, "设备更换停检一次"],
                [None, None, "质量指标", "验收合格率", "=100%", "100%", 40, 40, None]]
        top, bottom = 12, 12 + len(heading) - 1
        merges = [f"B{top}:D{top}", *(f"{col}{top}:{col}{bottom}" for col in "EFGHI")]
        if three:
            merges += [f"C{top + 1}:C{bottom}", f"D{top + 1}:D{bottom}"]
        if first:
            merges.append(f"A{top}:A{bottom + 2}")
        for row in rows:
            row += [None] * (9 - len(row))
        name = f"{group}{first}{three}.xlsx"
        source = workbook(tmp_path / name, {"表": rows}, {"表": merges}, {"表": {"G6": "0.00%", "G7": "0.00%"}})
        out = tmp_path / name.removesuffix(".xlsx")
        result = cli("import", str(source), "-o", str(out))
        assert result.exit_code == 0, (name, result.out)
        indicators = imported(out, "信息化运维")["绩效指标"]
        assert list(indicators) == ["产出指标"] and list(indicators["产出指标"]) == ["数量指标", "质量指标"], name
        item = indicators["产出指标"]["数量指标"][0]
        assert (item["三级指标"], item["年度指标值"], item["得分"]) == ("巡检次数", "≥12次", "45.83"), name
        assert indicators["产出指标"]["质量指标"][0]["三级指标"] == "验收合格率", name
