"""docgen import reads a Word document's tables (many offices keep the 自评表 only in Word): built by hand
with python-docx — merged cells across (gridSpan) and down (vMerge), amounts as text — and read with the
same rules and notes as a workbook."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from docx import Document

from docgen.pipeline import check_file
from tests.conftest import CliResult
from tests.importing.test_handmade import imported

ROWS = [
    ["项目名称", "公务员管理工作经费", None, None, None, None, None, None],
    ["主管部门", "中共上海市委组织部", None, None, "实施单位", "中共上海市委组织部", None, None],
    ["项目资金（元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", "13,414,500", "11,618,500", "10,411,006", "10", "89.61%", "8.96"],
    [None, "其中：当年财政拨款", "13,414,500", "11,618,500", "10,411,006", "—", "—", "—"],
    [None, "上年结转资金", "—", "—", "—", "—", "—", "—"],
    [None, "其他资金", "—", "—", "—", "—", "—", "—"],
    ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None, None],
    [None, "深化公务员分类管理。", None, None, "有效强化公务员法律法规实施。", None, None, None],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "选调生考试录用人数", "300-400人", "343人", "40", "40", None],
    [None, None, "处级领导职务公务员专题培训人数", ">=135人", "131人", "10", "9.7", "做好培训需求调研"],
    [None, "质量指标", "交流、招录、培训基础建设", "健全", "健全", "20", "20", None],
    ["效益指标", "社会效益指标", "公务员队伍能力素质", "提升", "提升", "10", "10", None],
    ["满意度指标", "服务对象满意度指标", "参训学员满意度", ">=90%", "95%", "10", "10", None],
    ["总分", None, None, None, None, "100", "98.66", None],
]
ACROSS = [(0, 1, 7), (1, 1, 3), (1, 5, 7), (7, 1, 3), (7, 4, 7), (8, 1, 3), (8, 4, 7), (15, 0, 4)]  # row, first, last
DOWN = [(2, 6, 0), (7, 8, 0), (10, 12, 0), (10, 11, 1)]  # first row, last row, column


def word_table(path: Path, closing: bool = True) -> Path:
    """The form as a Word table between a title and (with ``closing``) a sentence docgen cannot place."""
    document = Document()
    document.add_paragraph("财政项目支出绩效自评表")
    document.add_paragraph("（2022年度）")
    table = document.add_table(rows=len(ROWS), cols=8)
    for row, values in enumerate(ROWS):
        for col, value in enumerate(values):
            if value is not None:
                table.cell(row, col).text = value
    for row, first, last in ACROSS:
        table.cell(row, first).merge(table.cell(row, last))
    for first, last, col in DOWN:
        table.cell(first, col).merge(table.cell(last, col))
    if closing:
        document.add_paragraph("本表数据经部门复核。")
    document.save(str(path))
    return path


def test_a_word_table_imports_like_a_workbook(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    source = word_table(tmp_path / "自评表.docx")
    out = tmp_path / "inputs" / "2022" / "中共上海市委组织部"
    result = cli("import", str(source), "-o", str(out))
    assert result.exit_code == 1, result.out  # the closing sentence could not be placed: listed, not dropped
    assert "Word!A19" in result.out  # 2 lines above the table, its 16 rows, then this line and "本表数据经部门复核" in result.out
    data = imported(out, "公务员管理工作经费")
    assert data["年度"] == "2022" and data["资金单位"] == "元"
    assert data["项目资金"]["年度资金总额"] == {"年初预算数": "13,414,500", "全年预算数": "11,618,500",
                                          "全年执行数": "10,411,006", "分值": "10", "执行率": "89.61", "得分": "8.96"}
    indicators = data["绩效指标"]
    assert list(indicators) == ["产出指标", "效益指标", "满意度指标"]
    assert [i["三级指标"] for i in indicators["产出指标"]["数量指标"]] == ["选调生考试录用人数", "处级领导职务公务员专题培训人数"]
    assert indicators["产出指标"]["质量指标"][0]["年度指标值"] == "健全"
    assert data["总分"] == "98.66"
    checked = check_file(str(out / "公务员管理工作经费.yaml"))
    assert checked.scored is not None, checked.error
    assert (checked.scored.execution_rate, checked.scored.shown.total) == (Decimal("89.61"), Decimal("98.66"))


def test_an_old_word_file_is_refused_in_chinese(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    old = tmp_path / "旧表.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 not a docx")
    result = cli("import", str(old), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "另存为" in result.out and ".docx" in result.out
