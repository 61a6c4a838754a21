"""``docgen render`` as a user runs it: output tree, bad files, formats, --strict, atomic replacement."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.files import atomic_path
from tests.conftest import EXAMPLE, INPUTS, CliResult, replace_line

Cli = Callable[..., CliResult]


@pytest.fixture
def tree(write: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write("inputs/2024/部门甲/_defaults.yaml", "主管部门: 中共上海市委组织部\n")
    write("inputs/2024/部门甲/项目 一.yaml", EXAMPLE)
    write("inputs/2024/部门乙/项目二.yaml",
          replace_line(EXAMPLE, "项目名称: 党建服务工作经费", '项目名称: "../../../逃逸/名字"'))
    return tmp_path


def test_render_mirrors_the_input_tree(cli: Cli, tree: Path) -> None:
    result = cli("render", "inputs/2024/", "-o", "out", "--formats", "docx,xlsx", "--no-reports")
    assert result.exit_code == 0, result
    made = sorted(str(p.relative_to(tree / "out")) for p in (tree / "out").rglob("*") if p.is_file())
    assert made == [".docgen-cache.json", "2024/部门乙/项目二.docx", "2024/部门乙/项目二.xlsx", "2024/部门甲/项目 一.docx",
                    "2024/部门甲/项目 一.xlsx"]  # names from the input path, never from the text inside
    # two workers: the files finish in either order
    assert "完成 inputs/2024/部门乙/项目二.yaml\n" in result.out and "完成 inputs/2024/部门甲/项目 一.yaml\n" in result.out
    assert "共 2 个文件：已生成 2，失败 0" in result.out


def test_bad_file_is_reported_and_the_others_rendered(cli: Cli, tree: Path, write: Callable[..., Path]) -> None:
    write("inputs/2024/部门甲/坏.yaml", "年度指标值: >=90%\n")
    result = cli("render", "inputs", "-o", "out", "--formats", "xlsx")
    assert result.exit_code == 2
    assert "inputs/2024/部门甲/坏.yaml:1: 无法读取" in result.out
    assert (tree / "out/2024/部门甲/项目 一.xlsx").is_file() and (tree / "out/2024/部门乙/项目二.xlsx").is_file()
    assert not (tree / "out/2024/部门甲/坏.xlsx").exists()
    assert "失败 1" in result.out


def test_unknown_format_suggests_the_right_one(cli: Cli, tree: Path) -> None:
    result = cli("render", "inputs", "--formats", "docx,xslx")
    assert result.exit_code == 3 and "未知的输出格式“xslx”" in result.err and "是否应为“xlsx”" in result.err


def test_strict_skips_files_with_audit_errors(cli: Cli, tree: Path, write: Callable[..., Path]) -> None:
    write("inputs/2024/部门甲/错.yaml", replace_line(EXAMPLE, "总分: 97.89", "总分: 99.00"))
    result = cli("render", "inputs", "-o", "out", "--formats", "xlsx", "--strict")
    assert result.exit_code == 1
    assert "TOTAL_MISMATCH" in result.out and "按 --strict 未生成文档" in result.out
    assert not (tree / "out/2024/部门甲/错.xlsx").exists() and (tree / "out/2024/部门甲/项目 一.xlsx").exists()


def test_strict_also_skips_a_declared_figure_that_differs_by_rounding(cli: Cli, tree: Path,
                                                                      write: Callable[..., Path]) -> None:
    """The table prints what was declared: under --strict, any printed figure that is not docgen's holds the
    file back, even a difference that rounding explains (1.00 ÷ 3.00 万元 may be 33.11%–33.56%; 33.40 declared)."""
    text = replace_line(EXAMPLE, "{年初预算数: 234.00, 全年预算数: 234.00, 全年执行数: 184.65, 分值: 10, 执行率: 78.91, 得分: 7.89}",
                        "{年初预算数: 3.00, 全年预算数: 3.00, 全年执行数: 1.00, 分值: 10, 执行率: 33.40, 得分: 3.34}")
    text = replace_line(text, "{年初预算数: 234.00, 全年预算数: 234.00, 全年执行数: 184.65}",
                        "{年初预算数: 3.00, 全年预算数: 3.00, 全年执行数: 1.00}")
    write("inputs/2024/部门甲/取整.yaml", replace_line(text, "总分: 97.89", "总分: 93.34"))
    assert cli("render", "inputs", "-o", "loose", "--formats", "xlsx").exit_code == 0
    assert (tree / "loose/2024/部门甲/取整.xlsx").exists()
    result = cli("render", "inputs", "-o", "out", "--formats", "xlsx", "--strict")
    assert result.exit_code == 1 and "ROUNDING_DIFF" in result.out and "按 --strict 未生成文档" in result.out
    assert not (tree / "out/2024/部门甲/取整.xlsx").exists()


def test_failed_render_keeps_the_earlier_document(cli: Cli, tree: Path, write: Callable[..., Path]) -> None:
    assert cli("render", "inputs/2024/部门甲", "-o", "out", "--formats", "pdf").exit_code == 0
    earlier = (tree / "out/2024/部门甲/项目 一.pdf").read_bytes()
    write("inputs/2024/部门甲/项目 一.yaml", replace_line(EXAMPLE, "项目名称: 党建服务工作经费", "项目名称: 经费🙂"))
    result = cli("render", "inputs/2024/部门甲", "-o", "out", "--formats", "pdf")
    assert result.exit_code == 2 and "U+1F642" in result.out
    # its department's report too: its text and its chart would have had an empty box (the chart's own
    # check, where it is drawn: tests/painters/test_chart_glyphs.py)
    assert "报告生成失败" in result.out and result.out.count("U+1F642") == 2
    assert (tree / "out/2024/部门甲/项目 一.pdf").read_bytes() == earlier
    assert not list((tree / "out").rglob(".docgen-*.tmp"))


def test_interrupted_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "table.docx"
    target.parent.mkdir()
    target.write_bytes(b"earlier, complete document")
    with pytest.raises(KeyboardInterrupt), atomic_path(target) as temporary:
        temporary.write_bytes(b"half a docu")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"earlier, complete document"
    assert list(target.parent.iterdir()) == [target]


def test_render_publishes_reports_beside_the_tables(cli: Cli, tree: Path) -> None:
    result = cli("render", "inputs", "-o", "out", "--formats", "docx,xlsx")
    assert result.exit_code == 0, result
    assert (tree / "out/2024/汇总.xlsx").is_file() and (tree / "out/2024/审核意见.docx").is_file()
    assert (tree / "out/2024/绩效自评结果报告/中共上海市委组织部.docx").is_file()
    assert "报告和汇总表 3 份" in result.out


def test_stale_temporaries_are_removed_by_the_next_run(cli: Cli, tree: Path, write: Callable[..., Path]) -> None:
    stale = write("out/2024/部门甲/.docgen-abc.xlsx.tmp", b"left by a killed run")
    assert cli("render", "inputs", "-o", "out", "--formats", "xlsx").exit_code == 0
    assert not stale.exists()


def test_an_output_that_cannot_be_written_is_one_chinese_line(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    (tmp_path / "一个文件").write_text("", encoding="utf-8")
    result = cli("render", str(INPUTS / "2024"), "-o", str(tmp_path / "一个文件" / "sub"), "--formats", "xlsx")
    assert result.exit_code == 3 and "无法写入输出文件夹" in result.err and "路径中有一段是文件" in result.err
    assert "内部错误" not in result.out + result.err and "生成失败" not in result.out
