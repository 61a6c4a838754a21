"""The 申报表 and 监控表 of one hand-written project, rendered and read back cell by cell with python-docx,
openpyxl and pdftotext (both PDF engines). The expected cells are written out here by hand from the
ministry's forms (forms.md), never produced by docgen."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl

from tests.audit.test_stages import DECLARED, EVALUATED, MONITORED
from tests.conftest import CliResult
from tests.golden.readers import docx_rows, xlsx_rows

SIGNED = DECLARED.replace("实施单位: 某市干部教育中心", "实施单位: 某市干部教育中心\n填表人: 李四\n填报日期: 2025年2月10日")

DECLARATION_ROWS = [
    ["项目名称", "基层干部培训项目"],
    ["主管部门及代码", "某市委组织部", "实施单位", "某市干部教育中心"],
    ["项目属性", "新增", "项目期", "2025年1月-2027年12月"],
    ["项目资金（万元）", "", "中期金额", "年度金额"],
    ["", "年度资金总额", "600.00", "200.00"],
    ["", "其中：当年财政拨款", "600.00", "200.00"],
    ["项目概况", "三年内轮训全市基层干部。"],
    ["项目实施进度计划", "项目实施内容", "开始时间", "完成时间"],
    ["", "制定培训计划", "2025年1月", "2025年2月"],
    ["", "分批开展培训", "2025年3月", "2027年11月"],
    ["长期目标", "三年轮训基层干部1500人次。"],
    ["年度目标", "全年培训基层干部500人次，学员满意度不低于90%。"],
    ["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值", "备注"],
    ["产出指标", "数量指标", "培训人次", "≥1500人次", "≥500人次", ""],
    ["", "质量指标", "培训合格率", "", "≥95%", ""],
    ["效益指标", "社会效益指标", "干部履职能力", "", "达到培训大纲要求", ""],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "", "≥90%", ""],
    ["填表人：李四", "填报日期：2025年2月10日"],
]

MONITORING_ROWS = [
    ["项目名称", "基层干部培训项目"],
    ["主管部门", "某市委组织部", "实施单位", "某市干部教育中心"],
    ["项目资金（万元）", "", "年初预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数"],
    ["", "年度资金总额", "200.00", "120.00", "60.00%", "195.00"],
    ["", "其中：当年财政拨款", "200.00", "120.00", "60.00%", "195.00"],
    ["年度总体目标", "年度目标", "1-7月执行情况"],
    ["", "全年培训基层干部500人次，学员满意度不低于90%。", "已培训320人次。"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况", "完成目标可能性",
     "偏差原因分析", "纠偏措施"],
    ["产出指标", "数量指标", "培训人次", "≥500人次", "320人次", "520人次", "确定能", "", ""],
    ["", "质量指标", "培训合格率", "≥95%", "96%", "96%", "确定能", "", ""],
    ["效益指标", "社会效益指标", "干部履职能力", "达到培训大纲要求", "按大纲推进", "达到", "确定能", "", ""],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%", "≥90%", "确定能", "", ""],
]


def _render(cli: Callable[..., CliResult], tmp_path: Path, *extra: str) -> Path:
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "-j", "1", *extra)
    assert result.exit_code == 0, result.out + result.err
    return tmp_path / "out/2025"


def _words(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def _filled(rows: list[list[str]]) -> list[list[str]]:
    return [cells for cells in ([text for text in row if text] for row in rows) if cells]


def test_each_file_renders_its_latest_stage_in_every_format(write: Callable[..., Path], tmp_path: Path,
                                                             cli: Callable[..., CliResult]) -> None:
    write("inputs/2025/部门/申报.yaml", SIGNED)
    write("inputs/2025/部门/监控.yaml", MONITORED)
    out = _render(cli, tmp_path)
    assert docx_rows(out / "部门/申报-申报表.docx") == DECLARATION_ROWS
    assert docx_rows(out / "部门/监控-监控表.docx") == MONITORING_ROWS
    sheet = _filled(xlsx_rows(out / "部门/申报-申报表.xlsx"))
    assert sheet[:2] == [["项目支出绩效目标申报表"], ["（2025年度）"]] and sheet[2:] == _filled(DECLARATION_ROWS)
    sheet = _filled(xlsx_rows(out / "部门/监控-监控表.xlsx"))
    assert sheet[:2] == [["项目支出绩效目标执行监控表"], ["（2025年1-7月）"]] and sheet[2:] == _filled(MONITORING_ROWS)
    words = _words(out / "部门/监控-监控表.pdf")
    for shown in ("项目支出绩效目标执行监控表", "1-7月执行率", "60.00%", "195.00", "确定能", "已培训320人次。"):
        assert shown in words, shown
    words = _words(out / "部门/申报-申报表.pdf")
    for shown in ("项目支出绩效目标申报表", "中期指标值", "≥1500人次", "分批开展培训", "李四"):
        assert shown in words, shown
    # no 自评 publication of projects not yet evaluated; the year's 监控汇总 and 申报汇总 instead
    assert not (out / "汇总.xlsx").exists() and not (out / "绩效自评结果报告").exists()
    monitored = _filled(xlsx_rows(out / "监控汇总.xlsx"))
    assert monitored[0] == ["2025年项目支出绩效运行监控汇总表"]
    assert ["正常", "某市委组织部", "基层干部培训项目", "200.00", "120.00", "60.00%", "58.33%", "0.00", "195.00"] in monitored
    assert ["某市委组织部合计", "200.00", "120.00", "60.00%", "58.33%", "195.00"] in monitored
    declared = _filled(xlsx_rows(out / "申报汇总.xlsx"))
    assert ["基层干部培训项目", "产出指标", "数量指标", "培训人次", "≥500人次", "≥1500人次"] in declared
    assert "申报汇总" in _words(out / "申报汇总.pdf") or "申报汇总表" in _words(out / "申报汇总.pdf")


def test_the_same_forms_through_typst(write: Callable[..., Path], tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    write("inputs/2025/部门/监控.yaml", MONITORED)
    out = _render(cli, tmp_path, "--formats", "pdf", "--pdf-engine", "typst")
    words = _words(out / "部门/监控-监控表.pdf")
    for shown in ("1-7月执行数", "120.00", "60.00%", "320人次", "确定能"):
        assert shown in words, shown
    opinion = (out / "审核意见.pdf").read_bytes()
    out = _render(cli, tmp_path, "--formats", "pdf", "--pdf-engine", "typst", "--stage", "申报")
    assert "基层干部培训项目" in _words(out / "部门/监控-申报表.pdf") and (out / "申报汇总.pdf").exists()
    # a --stage run makes its 汇总 only: the year's 审核意见 stays the one the run of every file made …
    assert (out / "审核意见.pdf").read_bytes() == opinion
    # … and the next run of every file keeps the 申报表: a --stage run's files are its own, never stale
    _render(cli, tmp_path, "--formats", "pdf", "--pdf-engine", "typst")
    assert (out / "部门/监控-申报表.pdf").exists() and (out / "部门/监控-监控表.pdf").exists()


def test_a_monitoring_summary_marks_and_sorts_the_projects(write: Callable[..., Path], tmp_path: Path,
                                                          cli: Callable[..., CliResult]) -> None:
    write("inputs/2025/部门/正常.yaml", MONITORED)
    write("inputs/2025/部门/落后.yaml", MONITORED.replace("项目名称: 基层干部培训项目", "项目名称: 落后的项目")
          .replace("1-7月执行数: 120", "1-7月执行数: 60"))
    write("inputs/2025/部门/风险.yaml", MONITORED.replace("项目名称: 基层干部培训项目", "项目名称: 有风险的项目")
          .replace("完成目标可能性: 确定能}}\n    质量", "完成目标可能性: 有可能, 偏差原因分析: 经费保障, 纠偏措施: 追加}}\n    质量"))
    out = _render(cli, tmp_path, "--formats", "xlsx,docx")
    sheet = openpyxl.load_workbook(out / "监控汇总.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows() if row[0].value in ("正常", "关注", "预警")]
    assert [(row[0], row[2]) for row in rows] == [("预警", "落后的项目"), ("关注", "有风险的项目"),
                                                 ("正常", "基层干部培训项目")]
    assert "培训人次（有可能）" in rows[1][9]
    assert "执行进度落后于时间进度" in rows[0][10]
    # the year's 审核意见 lists the 监控表's findings too, with their title and place
    opinion = " ".join(cell for row in docx_rows(out / "审核意见.docx") for cell in row)
    assert "执行进度落后于时间进度" in opinion and "落后的项目" in opinion and "项目资金·年度资金总额·1-N月执行数" in opinion


def test_an_agency_words_the_forms_in_its_labels(write: Callable[..., Path], tmp_path: Path,
                                                 cli: Callable[..., CliResult]) -> None:
    write("templates/某市/profile.yaml", "extends: default\n")
    write("templates/某市/labels.j2", '{% extends "default/labels.j2" %}\n'
          "{% block monitoring_title %}某市项目支出绩效运行监控表{% endblock %}\n"
          "{% block likelihood %}能否完成{% endblock %}\n")
    write("inputs/2025/部门/监控.yaml", MONITORED + "模板: 某市\n")
    out = _render(cli, tmp_path, "--formats", "docx,xlsx", "--templates", str(tmp_path / "templates"), "--no-reports")
    sheet = _filled(xlsx_rows(out / "部门/监控-监控表.xlsx"))
    assert sheet[0] == ["某市项目支出绩效运行监控表"]
    assert "能否完成" in docx_rows(out / "部门/监控-监控表.docx")[7]


def test_the_year_workbook_lists_every_stage_findings(write: Callable[..., Path], tmp_path: Path,
                                                      cli: Callable[..., CliResult]) -> None:
    write("inputs/2025/部门/自评.yaml", EVALUATED)
    write("inputs/2025/部门/监控.yaml", MONITORED.replace("1-7月执行数: 120", "1-7月执行数: 40"))
    out = _render(cli, tmp_path, "--formats", "xlsx")
    findings = [[cell.value for cell in row] for row in openpyxl.load_workbook(out / "汇总.xlsx")["审核意见"].iter_rows()]
    behind = [row for row in findings if "PROGRESS_BEHIND" in row]
    assert len(behind) == 1 and "执行进度落后于时间进度" in behind[0] and "项目资金 · 年度资金总额 · 1-N月执行数" in behind[0]
    projects = [[cell.value for cell in row] for row in openpyxl.load_workbook(out / "汇总.xlsx")["项目汇总"].iter_rows()]
    assert len(projects) == 2 + 1  # the heading, the 自评 project, 合计: the 监控 project has no 自评 figures yet
