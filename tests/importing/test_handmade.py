"""Workbooks docgen did not make, laid out as the seeds' agencies lay them out, built here with openpyxl.

Each is imported through the real command; the YAML must hold the values of the table as published
(compared with figures written by hand from ../shared/seeds) and ``docgen check`` must audit them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import yaml

from docgen.pipeline import check_file
from tests.conftest import CliResult

Row = list[Any]


class Formula(str):
    """A cell written as a formula; every other string is written as text, even one starting with ``=``."""


def workbook(path: Path, sheets: dict[str, list[Row]], merges: dict[str, list[str]] | None = None,
             formats: dict[str, dict[str, str]] | None = None) -> Path:
    """An .xlsx with ``sheets`` (rows of values, None for a blank cell), merged ranges and number formats."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
            for cell, value in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(value, str) and not isinstance(value, Formula):
                    cell.data_type = "s"  # "=100(%)" typed as text, as Excel users do with a leading '
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
        for ref, number_format in (formats or {}).get(name, {}).items():
            sheet[ref].number_format = number_format
    book.save(path)
    return path


def imported(folder: Path, name: str) -> dict[str, Any]:
    """The imported YAML as plain text values (BaseLoader: nothing typed, nothing converted)."""
    return yaml.load((folder / f"{name}.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


# 中共上海市委组织部 2022 (seed 000): amounts in 元 as numbers with a thousands format, the rate as a
# percent-formatted fraction, "—" for blank funding, multi-paragraph goals, merged level cells.
ZZB = [
    ["财政项目支出绩效自评表"] + [None] * 7,
    ["(2022 年度)"] + [None] * 7,
    ["项目名称", "公务员管理工作经费"] + [None] * 6,
    ["主管部门", "中共上海市委组织部", None, None, "实施单位", "中共上海市委组织部", None, None],
    ["项目资金 (元)", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", 13414500, 11618500, 10411006, 10, 0.8961, 8.96],
    [None, "其中：当年财政拨款", 13414500, 11618500, 10411006, "—", None, None],
    [None, "上年结转资金", "—", "—", "—", "—", None, None],
    [None, "其他资金", "—", "—", "—", "—", None, None],
    ["年度总体目标", "预期目标", None, None, "实际完成情况", None, None, None],
    [None, "1、深化公务员分类管理。\n2、开展公务员考试录用工作。", None, None,
     "1、有效强化公务员法律法规实施。\n2、不断完善公务员选拔录用机制。", None, None, None],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "选调生考试录用人数", "300-400人", "343人", 30, 30, None],
    [None, None, "处级领导职务公务员专题培训人数", ">=135人", "131人", 10, 9.7, "做好培训需求调研，进一步精准调训"],
    [None, None, "中组部公务员对口培训人数", ">=75人", 0, 10, 0, "后续根据中组部安排有序开展"],
    [None, "质量指标", "交流、招录、培训基础建设", "健全", "健全", 10, 10, None],
    ["效益指标", "社会效益指标", "公务员队伍能力素质", "提升", "提升", 20, 20, None],
    ["满意度指标", "服务对象满意度指标", "参训学员满意度", ">=90%", "95%", 10, 10, None],
    ["总分", None, None, None, None, 100, 88.66, None],
]
ZZB_MERGES = ["A1:H1", "A2:H2", "B3:H3", "B4:D4", "F4:H4", "A5:A9", "A10:A11", "B10:D10", "E10:H10", "B11:D11",
              "E11:H11", "A13:A16", "B13:B15", "A19:E19"]
ZZB_FORMATS = {"C6": "#,##0", "D6": "#,##0", "E6": "#,##0", "G6": "0.00%", "C7": "#,##0", "D7": "#,##0",
               "E7": "#,##0"}


def test_organisation_department_layout(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    source = workbook(tmp_path / "组织部.xlsx", {"Sheet1": ZZB}, {"Sheet1": ZZB_MERGES}, {"Sheet1": ZZB_FORMATS})
    out = tmp_path / "inputs" / "2022" / "中共上海市委组织部"
    result = cli("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.out
    data = imported(out, "公务员管理工作经费")
    assert list(data) == ["年度", "项目名称", "主管部门", "实施单位", "资金单位", "项目资金", "年度总体目标", "绩效指标", "总分"]
    assert data["年度"] == "2022" and data["资金单位"] == "元"
    assert data["项目资金"]["年度资金总额"] == {"年初预算数": "13,414,500", "全年预算数": "11,618,500",  # as #,##0 shows them
                                          "全年执行数": "10,411,006", "分值": "10", "执行率": "89.61", "得分": "8.96"}
    assert data["项目资金"]["上年结转资金"] == {"年初预算数": "—", "全年预算数": "—", "全年执行数": "—"}
    assert data["年度总体目标"]["预期目标"] == "1、深化公务员分类管理。\n2、开展公务员考试录用工作。\n"
    numbers = data["绩效指标"]["产出指标"]["数量指标"]
    assert [item["三级指标"] for item in numbers] == ["选调生考试录用人数", "处级领导职务公务员专题培训人数", "中组部公务员对口培训人数"]
    assert numbers[1] == {"三级指标": "处级领导职务公务员专题培训人数", "年度指标值": ">=135人", "实际完成值": "131人",
                          "分值": "10", "得分": "9.7", "偏差原因分析及改进措施": "做好培训需求调研，进一步精准调训"}
    assert data["绩效指标"]["产出指标"]["质量指标"][0]["三级指标"] == "交流、招录、培训基础建设"
    text = (out / "公务员管理工作经费.yaml").read_text(encoding="utf-8")
    assert '年度指标值: ">=135人"' in text and "实际完成值: 95%\n" in text  # quoted only where YAML needs it
    checked = check_file(str(out / "公务员管理工作经费.yaml"))
    assert checked.scored is not None, checked.error
    assert checked.scored.evaluation.total.written["年初预算数"] == "13,414,500"  # as_written prints it so
    assert (checked.scored.execution_rate, checked.scored.execution_score, checked.scored.total) == (
        Decimal("89.61"), Decimal("8.96"), Decimal("88.66"))
    assert {f.code for f in checked.findings} <= {"ROUNDING_DIFF", "UNIT_MISSING", "SCORE_BELOW_RULE"}


# 上海市人力资源和社会保障局 2023 (seed 001): 自我评价, no year, 分数, amounts in 万元 (some stored as text),
# rates in every funding row, an unlabelled total row, 评分等级; two forms stacked down one sheet, starting
# in column B after a blank column, with blank rows between them.
def rsj_form(project: str, amounts: tuple[str, str, str], rate: float, execution_score: float,
             indicators: list[Row], total: float) -> list[Row]:
    initial, adjusted, executed = amounts
    return [
        [None, "财政项目支出绩效自我评价"],
        [None],
        [None, "项目名称", None, project],
        [None, "主管部门：", None, "上海市人力资源和社会保障局", "实施 单位", "上海市干部培训中心"],
        [None, "项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分数", "执行率", "得分"],
        [None, None, None, "年度资金总额", initial, adjusted, executed, 10.0, rate, execution_score],
        [None, None, None, "其中：当年财政拨款", initial, adjusted, executed, "-", rate, "-"],
        [None, None, None, "上年结转资金", 0.0, 0.0, 0.0, "-", 0.0, "-"],
        [None, None, None, "其他资金", 0.0, 0.0, 0.0, "-", 0.0, "-"],
        [None, "年度总体目标", None, "预期目标", None, None, "实际完成情况"],
        [None, None, None, "本年度完成全部员工的工作服制作。", None, None, "完成29名员工工作服制作。"],
        [None, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
        *indicators,
        [None, None, None, None, None, None, 100, total],
        [None, "评分等级", None, "优"],
    ]


RSJ = [
    *rsj_form("机关事业单位运行保障经费", ("7.25", "7.25", "7.24"), 99.86, 9.99, [
        [None, "产出指标", "数量指标", "衬衫数量", "≥84.00(件)", "84.00(件)", "45.00", 45.0],
        [None, None, "质量指标", "服装尺码适配率", "≥95(%)", "99.00(%)", 25.0, 25.0],
        [None, "效益指标", "社会效益指标", "对外形象好评", "≥90(%)", "99.00(%)", 10.0, 9.0, "评价标准从严"],
        [None, "满意度指标", "服务对象满意度指标", "员工满意度", "≥95.00(%)", "99.00(%)", 10.0, 10.0],
    ], 98.99),
    [None], [None],
    *rsj_form("课题（规划）等研究经费", ("4.00", "4.00", "4.00"), 100.0, 10.0, [
        [None, "产出指标", "数量指标", "研究课题完成数", "=1(个)", "1.00(个)", 40.0, 40.0],
        [None, "效益指标", "社会效益指标", "研究成果转化", "有效", "有效", 40.0, 40.0],
        [None, "满意度指标", "服务对象满意度指标", "委托方满意度", "≥90(%)", "95(%)", 10.0, 10.0],
    ], 100.0),
]


def test_human_resources_bureau_layout_two_forms_on_one_sheet(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    source = workbook(tmp_path / "人社局.xlsx", {"自评表": RSJ})
    out = tmp_path / "inputs" / "2023" / "上海市人力资源和社会保障局"
    result = cli("import", str(source), "-o", str(out), "--profile", "上海市人社局")
    assert result.exit_code == 0, result.out
    first, second = imported(out, "机关事业单位运行保障经费"), imported(out, "课题（规划）等研究经费")
    assert "年度" not in first  # the form has none: the folder gives it
    assert first["模板"] == "上海市人社局" and first["资金单位"] == "万元"
    assert first["项目资金"]["年度资金总额"] == {"年初预算数": "7.25", "全年预算数": "7.25", "全年执行数": "7.24",
                                           "分值": "10", "执行率": "99.86", "得分": "9.99"}
    assert first["项目资金"]["上年结转资金"] == {"年初预算数": "0", "全年预算数": "0", "全年执行数": "0"}
    assert first["总分"] == "98.99" and first["评分等级"] == "优"
    assert first["绩效指标"]["效益指标"]["社会效益指标"][0]["偏差原因分析及改进措施"] == "评价标准从严"
    assert first["绩效指标"]["产出指标"]["数量指标"][0]["分值"] == "45.00"  # stored as text, kept as written
    assert second["总分"] == "100" and list(second["绩效指标"]) == ["产出指标", "效益指标", "满意度指标"]
    for name in ("机关事业单位运行保障经费", "课题（规划）等研究经费"):
        checked = check_file(str(out / f"{name}.yaml"))
        assert checked.scored is not None, checked.error
        assert checked.scored.evaluation.year == 2023
    assert check_file(str(out / "机关事业单位运行保障经费.yaml")).scored.total == Decimal("98.99")  # type: ignore[union-attr]


# 上海市闵行区地区工作办公室 2022 (seed 004): a leading 绩效指标 column, 年度 / 总体目标 split over two rows,
# "其中:" with an ASCII colon, amounts as text with separators ("70,000"), the rate as text ("98.32%"),
# blank funding cells, ">=85%" targets; and one stray note the importer cannot place.
MH = [
    ["财政项目支出绩效自评表"] + [None] * 8,
    ["(2022 年度)"] + [None] * 8,
    ["项目名称", "闵行区居村民服务自治平台(2022运维)"] + [None] * 7,
    ["主管部门", "上海市闵行区地区工作办公室(汇总)", None, None, None, "实施单位", "上海市闵行区地区工作办公室"],
    ["项目资金 (元)", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", None, "71200.00", "71200.00", "70,000", 10, "98.32%", 9.83],
    [None, "其中:当年财政拨款", None, 0, 0, None, "—"],
    [None, "上年结转资金", None, 0, 0, None, "—"],
    [None, "其他资金", None, 0, 0, None, "—"],
    ["年度", "预期目标", None, None, None, "实际完成情况"],
    ["总体目标", "探索将全区相关部门的服务资源与云邻里平台有效对接。", None, None, None, "开发完成“15分钟生活圈”特色功能模块。"],
    [None],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [None, "产出指标", "数量指标", "系统运维完成率", "18个模块", "19个模块", 15, 15],
    [None, None, "质量指标", "系统运维验收合格率", "100%", "100%", 15, 15],
    [None, None, "时效指标", "应急响应及时性", "24小时", "24小时", 20, 20],
    [None, "效益指标", "社会效益指标", "方便居民掌握社区信息", "有效", "有效", 20, 20],
    [None, None, "可持续影响指标", "平台长效运维机制健全性", "健全有效", "健全有效", 10, 10],
    [None, "满意度指标", "服务对象满意度指标", "基层使用人员满意度", ">=85%", "90%", 5, 5],
    [None, None, None, "使用居民满意度", ">=85%", "88%", 5, 5],
    ["总分", None, None, None, None, None, 100, 99.83],
    [None, None, None, None, None, None, None, None, None, "（本表数据经区财政局复核）"],
]
MH_MERGES = ["A1:I1", "A2:I2", "B3:I3", "B4:E4", "G4:I4", "A5:A9", "A13:A20", "B14:B16", "B17:B18", "B19:B20",
             "C19:C20", "A21:F21"]


def test_minhang_layout_into_the_right_folder(tmp_path: Path, cli: Callable[..., CliResult],
                                              monkeypatch: Any) -> None:
    source = workbook(tmp_path / "闵行.xlsx", {"2022年": MH}, {"2022年": MH_MERGES})
    monkeypatch.chdir(tmp_path)
    assert cli("schema", "-o", "inputs/docgen.schema.json").exit_code == 0
    result = cli("import", str(source))  # no -o: placed by its own year and department, below ./inputs
    assert result.exit_code == 1, result.out  # one cell could not be placed
    assert "2022年!J22" in result.out and "本表数据经区财政局复核" in result.out
    folder = tmp_path / "inputs" / "2022" / "上海市闵行区地区工作办公室(汇总)"
    data = imported(folder, "闵行区居村民服务自治平台(2022运维)")
    assert data["项目资金"]["年度资金总额"] == {"年初预算数": "71200.00", "全年预算数": "71200.00",  # as typed
                                           "全年执行数": "70,000", "分值": "10", "执行率": "98.32", "得分": "9.83"}
    assert data["项目资金"]["当年财政拨款"] == {"年初预算数": "0", "全年预算数": "0"}  # blank cells stay blank
    assert data["年度总体目标"] == {"预期目标": "探索将全区相关部门的服务资源与云邻里平台有效对接。",
                                "实际完成情况": "开发完成“15分钟生活圈”特色功能模块。"}
    satisfaction = data["绩效指标"]["满意度指标"]["服务对象满意度指标"]
    assert [item["三级指标"] for item in satisfaction] == ["基层使用人员满意度", "使用居民满意度"]
    assert data["绩效指标"]["效益指标"]["可持续影响指标"][0]["得分"] == "10"
    text = (folder / "闵行区居村民服务自治平台(2022运维).yaml").read_text(encoding="utf-8")
    assert "2022年!J22" in text  # what could not be placed is listed at the top of the file
    assert text.startswith("# yaml-language-server: $schema=../../docgen.schema.json\n")  # editor help
    checked = check_file(str(folder / "闵行区居村民服务自治平台(2022运维).yaml"))
    assert checked.scored is not None, checked.error
    assert checked.scored.execution_rate == Decimal("98.31")  # 70000 ÷ 71200: the published 98.32% is flagged
    codes = {f.code for f in checked.findings}
    assert {"EXEC_RATE_MISMATCH", "ROUNDING_DIFF"} & codes and "FUNDING_SUM" in codes  # seed 004's mistakes


def test_missing_values_are_reported_never_invented(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    rows = [list(row) for row in ZZB]
    rows[13] = [None, None, "处级领导职务公务员专题培训人数", ">=135人", "131人", None, 9.71, None]  # no 分值
    rows[5][4] = Formula("=C6*0.9")  # a formula never calculated: openpyxl saves no value for it
    source = workbook(tmp_path / "缺值.xlsx", {"表1": rows}, {"表1": ZZB_MERGES}, {"表1": ZZB_FORMATS})
    out = tmp_path / "out"
    result = cli("import", str(source), "-o", str(out))
    assert result.exit_code == 1
    assert "表1!E6" in result.out and "公式" in result.out
    assert "表1!C14" in result.out and "分值为空" in result.out
    data = imported(out, "公务员管理工作经费")
    assert "全年执行数" not in data["项目资金"]["年度资金总额"]
    assert "分值" not in data["绩效指标"]["产出指标"]["数量指标"][1]
    assert check_file(str(out / "公务员管理工作经费.yaml")).error is not None  # check then names the gap


def test_existing_files_are_kept_unless_forced(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    source = workbook(tmp_path / "组织部.xlsx", {"Sheet1": ZZB}, {"Sheet1": ZZB_MERGES}, {"Sheet1": ZZB_FORMATS})
    out = tmp_path / "out"
    (out).mkdir()
    (out / "公务员管理工作经费.yaml").write_text("# 手工修改过的文件\n", encoding="utf-8")
    result = cli("import", str(source), "-o", str(out))
    assert result.exit_code == 1 and "已存在" in result.out and "--force" in result.out
    assert "共导入 0 张表；1 张未导入（原因见上）。" in result.out  # skipped is not imported
    assert "下一步" not in result.out
    assert (out / "公务员管理工作经费.yaml").read_text(encoding="utf-8") == "# 手工修改过的文件\n"
    assert cli("import", str(source), "-o", str(out), "--force").exit_code == 0
    assert "项目名称: 公务员管理工作经费" in (out / "公务员管理工作经费.yaml").read_text(encoding="utf-8")


def test_unreadable_workbooks(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip file")
    (tmp_path / "旧.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    empty = workbook(tmp_path / "空.xlsx", {"Sheet1": [["随便写的表格"]]})
    result = cli("import", str(tmp_path / "坏.xlsx"), str(tmp_path / "旧.xls"), str(empty), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "无法作为 Excel 工作簿" in result.out and "另存为" in result.out
    assert ".xls" in result.out and "没有找到自评表" in result.out
    assert "Traceback" not in result.out + result.err
    missing = cli("import", str(tmp_path / "没有.xlsx"))
    assert missing.exit_code == 3 and "找不到" in missing.err + missing.out


def test_folders_and_unwritable_targets_are_said_in_chinese(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    folder = cli("import", str(tmp_path))
    assert folder.exit_code == 3 and "是文件夹" in folder.err + folder.out
    source = workbook(tmp_path / "组织部.xlsx", {"Sheet1": ZZB}, {"Sheet1": ZZB_MERGES}, {"Sheet1": ZZB_FORMATS})
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("", encoding="utf-8")
    result = cli("import", str(source), "-o", str(blocker / "inputs"))  # its parent is a file
    assert result.exit_code == 1 and "无法写入" in result.out and "Traceback" not in result.out + result.err
    schema = cli("schema", "-o", str(blocker / "docgen.schema.json"))
    assert schema.exit_code == 2 and "无法写入" in schema.err + schema.out
    new = cli("new", "项目", "-d", "部门", "--root", str(blocker))
    assert new.exit_code == 2 and "无法写入" in new.err + new.out
