"""Where documents go and how they are written, for any folder layout (issue 16): a year folder outside
``inputs/`` keeps year and department; two inputs never write to one place; one file reached twice counts
once; files get the umask's permissions; 汇总.xlsx links are relative to the workbook; the ``_defaults.yaml``
above the working directory still applies."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from docgen.inputs.load import load_evaluation
from tests.conftest import EXAMPLE, CliResult, replace_line

AMOUNTS = "全年预算数: 234.00, 全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89"


def project(name: str, executed: str = "184.65") -> str:
    text = replace_line(EXAMPLE, "项目名称: 党建服务工作经费", f"项目名称: {name}")
    text = replace_line(text, AMOUNTS, f"全年预算数: 234.00, 全年执行数: {executed}, 分值: 10")
    return text.replace("总分: 97.89\n", "").replace("评分等级: 优\n", "")


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_same_named_projects_of_two_departments_outside_inputs(write: Callable[..., Path],
                                                                cli: Callable[..., CliResult], tmp_path: Path) -> None:
    write("自评表/2024/部门A/信息化运维项目.yaml", replace_line(project("信息化运维项目", "100.00"),
                                                       "主管部门: 中共上海市委组织部", "主管部门: 部门A"))
    write("自评表/2024/部门B/信息化运维项目.yaml", replace_line(project("信息化运维项目", "200.00"),
                                                       "主管部门: 中共上海市委组织部", "主管部门: 部门B"))
    out = tmp_path / "out"
    result = cli("render", str(tmp_path / "自评表" / "2024"), "-o", str(out), "--formats", "xlsx", "-j", "1")
    assert result.exit_code == 0, result.out
    a = openpyxl.load_workbook(out / "2024/部门A/信息化运维项目.xlsx").active
    b = openpyxl.load_workbook(out / "2024/部门B/信息化运维项目.xlsx").active
    executed = [[c.value for c in row if isinstance(c.value, float | int)] for row in (a[6], b[6])]
    assert executed[0] != executed[1] and 100 in executed[0] and 200 in executed[1]
    links = openpyxl.load_workbook(out / "2024/汇总.xlsx")["项目汇总"]
    targets = sorted(cell.hyperlink.target for row in links.iter_rows(min_row=2) for cell in row if cell.hyperlink)
    assert targets == ["部门A/信息化运维项目.xlsx", "部门B/信息化运维项目.xlsx"]  # relative to the workbook, "/"


def test_two_inputs_for_one_place_stop_the_run_before_anything_is_written(
        write: Callable[..., Path], cli: Callable[..., CliResult], tmp_path: Path) -> None:
    write("inputs/2024/部门/项目.yaml", project("甲"))
    write("inputs/2024/部门/项目.yml", project("乙"))
    out = tmp_path / "out"
    result = cli("render", str(tmp_path / "inputs"), "-o", str(out))
    assert result.exit_code == 3
    assert "项目.yaml" in result.err and "项目.yml" in result.err and "没有生成任何文件" in result.err
    assert not out.exists() or not any(out.rglob("*.*"))


def test_one_file_reached_by_two_paths_counts_once(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                   tmp_path: Path) -> None:
    path = write("inputs/2024/部门/项目.yaml", project("甲"))
    (tmp_path / "inputs/2024/link").symlink_to(tmp_path / "inputs/2024/部门")
    out = tmp_path / "out"
    result = cli("render", str(tmp_path / "inputs"), str(path), "-o", str(out), "--formats", "xlsx")
    assert result.exit_code == 0, result.out
    assert "共 1 个文件" in result.out
    projects = openpyxl.load_workbook(out / "2024/汇总.xlsx")["项目汇总"]
    assert projects.max_row == 1 + 1 + 1  # heading, the project, the total
    assert Decimal(str(projects.cell(3, 6).value)) == Decimal("184.65")


def test_files_get_the_umask_permissions(write: Callable[..., Path], cli: Callable[..., CliResult], tmp_path: Path,
                                         umask_022: None) -> None:
    write("inputs/2024/部门/项目.yaml", project("甲"))
    out = tmp_path / "out"
    assert cli("render", str(tmp_path / "inputs"), "-o", str(out), "--formats", "docx,xlsx").exit_code == 0
    modes = {oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()}
    assert modes == {"0o644"}


def test_documents_outside_the_year_folder_are_linked_from_the_workbook(
        write: Callable[..., Path], cli: Callable[..., CliResult], tmp_path: Path) -> None:
    write("inputs/部门/项目.yaml", project("甲"))  # no year folder: the file's 年度 says 2024
    out = tmp_path / "out"
    assert cli("render", str(tmp_path / "inputs"), "-o", str(out), "--formats", "xlsx").exit_code == 0
    projects = openpyxl.load_workbook(out / "2024/汇总.xlsx")["项目汇总"]
    [target] = [c.hyperlink.target for row in projects.iter_rows(min_row=2) for c in row if c.hyperlink]
    assert target == "../部门/项目.xlsx" and (out / "2024" / target).resolve().is_file()


def test_defaults_above_the_working_directory_apply(write: Callable[..., Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write("自评表/inputs/2024/_defaults.yaml", "资金单位: 元\n")
    path = write("自评表/inputs/2024/部门A/x.yaml", project("甲").replace("资金单位: 万元\n", ""))
    monkeypatch.chdir(path.parent)
    assert load_evaluation("x.yaml").money_unit == "元"


def test_a_template_that_does_not_exist_is_caught_by_check_new_and_import(
        write: Callable[..., Path], cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = write("inputs/2024/部门/项目.yaml", "模板: 不存在的模板\n" + project("甲"))
    result = cli("check", str(path))
    assert result.exit_code == 2 and f"{path}:1: 无法读取 找不到模板“不存在的模板”" in result.out
    assert cli("new", "项目", "-d", "部门", "--profile", "不存在", "--root", str(tmp_path / "n")).exit_code == 3
    assert not (tmp_path / "n").exists()
    workbook = write("x.xlsx", b"not a workbook")
    result = cli("import", str(workbook), "--profile", "不存在", "-o", str(tmp_path / "i"))
    assert result.exit_code == 3 and "找不到模板“不存在”" in result.err
