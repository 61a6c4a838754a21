"""What a project's figures may be: never impossible (a score above its weight, a total above 100), honest
rounding never an error, an unfinished form never graded, a rate at the places its profile prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
from docx import Document

from tests.conftest import EXAMPLE, CliResult, replace_line
from tests.golden.readers import xlsx_rows

QUALITY = '- {三级指标: 工作验收合格率, 年度指标值: "=100(%)", 实际完成值: 100.00(%), 分值: 10}'
FUNDING = "全年预算数: 234.00, 全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89"
CORPUS = Path(__file__).parent.parent / "corpus"


def checked(cli: Callable[..., CliResult], path: Path, *extra: str) -> tuple[int, dict]:
    result = cli("check", "--json", *extra, str(path))
    return result.exit_code, json.loads(result.out)[0]


def codes(entry: dict) -> dict[str, str]:
    return {f["code"]: f["severity"] for f in entry["findings"]}


# -- (2) no impossible figure ------------------------------------------------------------------------

def test_a_declared_score_above_its_weight_publishes_the_weight_everywhere(
        write: Callable[..., Path], cli: Callable[..., CliResult], tmp_path: Path) -> None:
    text = replace_line(EXAMPLE, QUALITY, QUALITY.replace("分值: 10}", "分值: 10, 得分: 15}"))
    text = replace_line(text, "总分: 97.89", "总分: 102.89")
    path = write("inputs/2024/部门/项目.yaml", text)
    write("inputs/2024/部门/另一个.yaml", EXAMPLE.replace("党建服务工作经费", "另一个"))
    status, entry = checked(cli, path)
    assert status == 1
    assert [i["得分"] for i in entry["指标"] if i["三级指标"] == "工作验收合格率"] == ["10.00"]
    assert entry["总分"] == "100.00" and entry["按规则"]["总分"] == "97.89"  # never 102.89 nor 102.89 − 10 + 15
    found = {f["code"]: f["message"] for f in entry["findings"]}
    assert "至多为分值，表和各出版物按 10.00 计" in found["SCORE_ABOVE_WEIGHT"]
    assert "总分至多 100.00" in found["TOTAL_MISMATCH"]
    assert cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "-j", "1", "--formats", "docx").exit_code == 0
    report = "".join(p.text for p in Document(str(tmp_path / "out/2024/绩效自评结果报告/中共上海市委组织部.docx")).paragraphs)
    assert "自评平均得分98.95分" in report  # (100.00 + 97.89) ÷ 2, never above 100
    rows = [[c.text for c in row.cells] for t in Document(str(tmp_path / "out/2024/部门/项目.docx")).tables
            for row in t.rows]
    quality = next(row for row in rows if "工作验收合格率" in row)
    assert quality[quality.index("工作验收合格率") + 3:][:2] == ["10.00", "10.00"]  # 分值, 得分
    cells = [cell for row in rows for cell in row]
    assert "102.89" not in cells and "100.00" in cells


def test_a_total_never_exceeds_100_whatever_the_weights(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    text = replace_line(EXAMPLE, QUALITY, QUALITY.replace("分值: 10}", "分值: 30}"))  # weights add up to 120
    text = replace_line(text, "总分: 97.89\n", "")
    _, entry = checked(cli, write("x.yaml", text))
    assert "WEIGHT_SUM" in codes(entry)
    assert Decimal(entry["总分"]) == Decimal(100) and Decimal(entry["按规则"]["总分"]) == Decimal(100)


def test_a_declared_execution_score_above_its_weight_is_capped(write: Callable[..., Path],
                                                               cli: Callable[..., CliResult]) -> None:
    text = replace_line(EXAMPLE, "得分: 7.89}", "得分: 12}")
    _, entry = checked(cli, write("x.yaml", text))
    assert entry["执行得分"] == "10.00"
    assert "高于其分值 10.00" in next(f["message"] for f in entry["findings"] if f["code"] == "EXEC_SCORE_MISMATCH")


# -- (3) honest rounding is at most a note ----------------------------------------------------------

HONEST = ('全年预算数: "1,180,000", 全年执行数: "1,003,560", 分值: 10, 执行率: {rate}, 得分: {score}')


def honest(write: Callable[..., Path], cli: Callable[..., CliResult], rate: str, score: str, total: str,
           *extra: str) -> tuple[int, dict]:
    text = replace_line(EXAMPLE, "资金单位: 万元", "资金单位: 元")
    text = replace_line(text, FUNDING, HONEST.format(rate=rate, score=score))
    text = replace_line(text, "当年财政拨款: {年初预算数: 234.00, 全年预算数: 234.00, 全年执行数: 184.65}",
                        '当年财政拨款: {年初预算数: 234.00, 全年预算数: "1,180,000", 全年执行数: "1,003,560"}')
    text = replace_line(text, "总分: 97.89", f"总分: {total}")
    return checked(cli, write("x.yaml", text), *extra)


def test_rate_rounded_first_is_the_rule(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    status, entry = honest(write, cli, "85.05", "8.51", "98.51")  # 85.05% × 10 = 8.505 → 8.51
    assert status == 0 and "ROUNDING_DIFF" not in codes(entry) and "EXEC_SCORE_MISMATCH" not in codes(entry)


def test_rate_not_rounded_first_is_a_note(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    status, entry = honest(write, cli, "85.05", "8.50", "98.50")  # 85.047…% × 10 = 8.5047 → 8.50
    assert status == 0 and codes(entry) == {"ROUNDING_DIFF": "提示"}
    assert (entry["执行得分"], entry["总分"]) == ("8.50", "98.50")  # as declared, everywhere
    assert (entry["按规则"]["执行得分"], entry["按规则"]["总分"]) == ("8.51", "98.51")  # and the rule's beside


def test_a_truncated_rate_is_a_note(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    status, entry = honest(write, cli, "85.04", "8.50", "98.50")  # 85.047… truncated: 85.04; × 10 → 8.50
    assert status == 0 and codes(entry) == {"ROUNDING_DIFF": "提示"}


def test_a_rate_written_with_fewer_places_is_a_note(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    status, entry = honest(write, cli, "85.0", "8.50", "98.50")  # 85.047…% to one place: 85.0
    assert status == 0 and codes(entry) == {"ROUNDING_DIFF": "提示"}


def test_the_agencys_truncation_is_the_rule(write: Callable[..., Path], cli: Callable[..., CliResult],
                                           tmp_path: Path) -> None:
    write("tpl/截断/profile.yaml", "extends: default\nrules: {rate_rounding: truncate}\n")
    status, entry = honest(write, cli, "85.04", "8.50", "98.50", "--templates", str(tmp_path / "tpl"), "--profile", "截断")
    assert status == 0 and "ROUNDING_DIFF" not in codes(entry), entry["findings"]  # 85.04% × 10 = 8.504 → 8.50


def test_a_wrong_execution_score_is_still_an_error(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    status, entry = honest(write, cli, "85.05", "8.60", "98.60")
    assert status == 1 and codes(entry)["EXEC_SCORE_MISMATCH"] == "错误"


def test_an_indicator_ratio_rounded_first_is_a_note(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    # 6 ÷ 11 = 54.5454…%: × 10 = 5.4545 → 5.45; rounded first to 54.55% × 10 = 5.455 → 5.46
    line = '- {三级指标: 工作验收合格率, 年度指标值: "≥11次", 实际完成值: 6次, 分值: 10, 得分: 5.46, 偏差原因分析及改进措施: 略}'
    text = replace_line(replace_line(EXAMPLE, QUALITY, line), "总分: 97.89", "总分: 93.35")
    status, entry = checked(cli, write("x.yaml", text))
    assert status == 0 and codes(entry) == {"ROUNDING_DIFF": "提示"}, entry["findings"]
    text = replace_line(replace_line(EXAMPLE, QUALITY, line.replace("5.46", "5.56")), "总分: 97.89", "总分: 93.45")
    assert codes(checked(cli, write("y.yaml", text))[1])["SCORE_ABOVE_RULE"] == "错误"  # beyond any rounding


def test_the_corpus_case_of_two_roundings_passes(cli: Callable[..., CliResult]) -> None:
    status, entry = checked(cli, CORPUS / "good" / "取整顺序不同.yaml")
    assert status == 0 and set(codes(entry)) == {"ROUNDING_DIFF"}


# -- (4) an unfinished form is never graded ------------------------------------------------------------

def test_blank_amounts_are_listed_and_the_form_is_not_graded(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                             tmp_path: Path) -> None:
    blank = (CORPUS / "bad" / "金额未填.yaml").read_text(encoding="utf-8")
    write("inputs/2024/部门/未填完.yaml", blank)
    write("inputs/2024/部门/填完的.yaml", EXAMPLE.replace("党建服务工作经费", "填完的"))
    result = cli("check", str(tmp_path / "inputs/2024/部门/未填完.yaml"))
    assert result.exit_code == 1
    lines = [line for line in result.out.splitlines() if "[BLANK_VALUE]" in line]
    assert [line.split(":")[1] for line in lines] == ["8", "9", "10", "12", "12", "12"]
    assert all("错误" in line and "例如" in line for line in lines)
    assert "评分等级 未完成" in result.out and "ZERO_BUDGET" not in result.out
    _, entry = checked(cli, tmp_path / "inputs/2024/部门/未填完.yaml")
    assert entry["评分等级"] == "未完成" and entry["按规则"]["评分等级"] == "未完成" and entry["未完成"] is True

    rendered = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "-j", "1", "--formats", "xlsx,docx")
    assert rendered.exit_code == 0
    table = [cell for row in xlsx_rows(tmp_path / "out/2024/部门/未填完.xlsx") for cell in row]
    assert "未完成" in table and not {"优", "良", "中", "差"} & set(table)
    report = "".join(p.text for p in Document(str(tmp_path / "out/2024/绩效自评结果报告/中共上海市委组织部.docx")).paragraphs)
    assert "自评平均得分97.89分" in report  # the finished form only
    assert "另有1个项目的自评表尚未填写完整（党建服务工作经费），未评定等级，不计入平均分" in report
    sheet = openpyxl.load_workbook(tmp_path / "out/2024/汇总.xlsx")["按主管部门统计"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("未完成") + 1).value == 1 and sheet.cell(2, header.index("优") + 1).value == 1


# -- (7) rates at any places ----------------------------------------------------------------------------

def test_a_rate_at_one_place_truncated(write: Callable[..., Path], cli: Callable[..., CliResult],
                                       tmp_path: Path) -> None:
    write("tpl/一位/profile.yaml", 'extends: default\nnumbers: {rate: "0.0%"}\nrules: {rate_rounding: truncate}\n')
    write("tpl/一位数字/profile.yaml", 'extends: default\nnumbers: {rate: "0.0"}\n')
    # 204.68 ÷ 234 = 87.470…%: one place truncated 87.4%, 四舍五入 87.5
    text = replace_line(EXAMPLE, FUNDING, "全年预算数: 234.00, 全年执行数: 204.68, 分值: 10")
    text = replace_line(text, "全年执行数: 184.65}", "全年执行数: 204.68}").replace("总分: 97.89\n", "")
    path = write("inputs/2024/部门/项目.yaml", text)
    templates = str(tmp_path / "tpl")
    _, entry = checked(cli, path, "--templates", templates, "--profile", "一位")
    assert Decimal(entry["执行率"]) == Decimal("87.4") and entry["执行得分"] == "8.74"  # 87.4% × 10
    assert "执行率截断取一位小数" in entry["评分规则"]
    assert cli("render", str(path), "-o", str(tmp_path / "out"), "--templates", templates, "--profile", "一位",
               "--formats", "xlsx,docx").exit_code == 0
    assert "87.4%" in [cell for row in xlsx_rows(tmp_path / "out/2024/部门/项目.xlsx") for cell in row]
    assert "87.4%" in [c.text for t in Document(str(tmp_path / "out/2024/部门/项目.docx")).tables
                       for row in t.rows for c in row.cells]
    _, entry = checked(cli, path, "--templates", templates, "--profile", "一位数字")
    assert Decimal(entry["执行率"]) == Decimal("87.5") and entry["执行得分"] == "8.75"
    assert cli("render", str(path), "-o", str(tmp_path / "out2"), "--templates", templates, "--profile", "一位数字",
               "--formats", "xlsx").exit_code == 0
    assert "87.5" in [cell for row in xlsx_rows(tmp_path / "out2/2024/部门/项目.xlsx") for cell in row]


def test_a_rate_format_that_is_not_one_is_refused(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                  tmp_path: Path) -> None:
    write("tpl/坏/profile.yaml", 'extends: default\nnumbers: {rate: "0.0#"}\n')
    result = cli("profiles", "--check", "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 2 and "numbers.rate" in result.out + result.err
