"""The README's worked example of a new agency's profile, run as written: its profile.yaml and labels.j2
are cut out of README.md, so the README cannot drift from what docgen does with them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import EXAMPLE, ROOT, CliResult, replace_line
from tests.golden.readers import xlsx_rows
from tests.golden.seed_tables import records

README = (ROOT / "README.md").read_text(encoding="utf-8")


def heredoc(path: str) -> str:
    match = re.search(rf"cat > {re.escape(path)} <<'(\w+)'\n(.*?)\n\1\n", README, re.S)
    assert match, path
    return match.group(2) + "\n"


def test_the_readme_example_profile_prints_the_agencys_table(write: Callable[..., Path], tmp_path: Path,
                                                             cli: Callable[..., CliResult]) -> None:
    write("我的模板/办公厅-2024/profile.yaml", heredoc("我的模板/办公厅-2024/profile.yaml"))
    write("我的模板/办公厅-2024/labels.j2", heredoc("我的模板/办公厅-2024/labels.j2"))
    text = replace_line(EXAMPLE, "  上年结转资金: {年初预算数: 0, 全年预算数: 0, 全年执行数: 0}\n"
                                 "  其他资金: {年初预算数: 0, 全年预算数: 0, 全年执行数: 0}\n", "")
    text = replace_line(text, '实际完成值: 100.00(%), 分值: 10}', '实际完成值: 75.00(%), 分值: 10, 得分: 7.5}')
    text = replace_line(text, "实际完成值: 0(次), 分值: 10}", "实际完成值: 2(次), 分值: 10, 得分: 0}")
    text = replace_line(text, "总分: 97.89\n评分等级: 优", "总分: 85.39")
    write("inputs/2024/办公厅/项目.yaml", text)
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates",
                 str(tmp_path / "我的模板"), "--profile", "办公厅-2024", "--formats", "xlsx", "--no-reports")
    assert result.exit_code == 0, result.out + result.err
    rows = xlsx_rows(tmp_path / "out/2024/办公厅/项目.xlsx")
    shown = records(rows)
    assert shown["项目资金"] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分"]
    assert shown["年度资金总额"] == ["234.00", "234.00", "184.65", "10", "78.91", "7.89"]
    assert shown["上年结转资金"] == shown["其他资金"] == []  # whole rows left blank
    assert shown["指标:工作验收合格率"] == ["=100(%)", "75.00(%)", "10", "7.5"]
    assert shown["指标:平台故障发生数"] == ["=0(次)", "2(次)", "10", "0"]
    assert shown["总分"] == ["100", "85.39"] and "评分等级" not in shown
    assert any(row[0] == "绩效指标" for row in rows)  # the leading column
