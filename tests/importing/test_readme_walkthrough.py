"""The README's 新用户 walkthrough, run as written: its commands are cut out of README.md and run in a
folder holding last year's tables as an office keeps them — a workbook whose indicator heading takes two
rows (绩效指标 merged over 一级 / 二级 / 三级, the other headings merged down) and a Word document —
both built here by hand (openpyxl, python-docx), never by docgen's writers."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliResult
from tests.importing.test_handmade import workbook
from tests.importing.test_trust import HEAD, funding
from tests.importing.test_word import word_table

README = (ROOT / "README.md").read_text(encoding="utf-8")


def walkthrough() -> list[list[str]]:
    """The docgen commands of the 新用户 section's first code block, as argument lists."""
    section = README.split("## 新用户", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block
    commands = []
    for line in block.group(1).splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith(".venv/bin/docgen "):
            commands.append(shlex.split(line)[1:])
    return commands


def two_row_workbook(path: Path) -> Path:
    heading = [[None, "绩效指标", None, None, "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
               [None, "一级指标", "二级指标", "三级指标", None, None, None, None, None]]
    rows = [*HEAD, *funding(0.8961, 0.8961), *heading,
            [None, "产出指标", "数量指标", "巡检次数", "≥12次", "12次", 50, 50, None],
            [None, None, "质量指标", "验收合格率", "=100%", "100%", 40, 40, None],
            [None, "总分", None, None, None, None, 100, 98.96, None]]
    for row in rows:
        row += [None] * (9 - len(row))
    merges = ["B12:D12", *(f"{col}12:{col}13" for col in "EFGHI"), "B14:B15", "B16:F16"]
    return workbook(path, {"表": rows}, {"表": merges}, {"表": {"G6": "0.00%", "G7": "0.00%"}})


def test_the_new_users_walkthrough_works_with_a_two_row_heading_and_a_word_file(
        tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    two_row_workbook(tmp_path / "去年的自评表.xlsx")
    word_table(tmp_path / "去年的自评表.docx", closing=False)
    commands = walkthrough()
    assert [command[0] for command in commands] == ["schema", "import", "check", "render"]
    for command in commands:
        result = cli(*command)
        if command[0] == "check":
            assert result.exit_code in (0, 1), result.out + result.err  # 1: the audit found something to fix
        else:
            assert result.exit_code == 0, (command, result.out + result.err)
        if command[0] == "import":
            assert "共导入 2 张表" in result.out and "跳过" not in result.out.replace("跳过 0", ""), result.out
    for year, department, project in (("2024", "某某局", "信息化运维"), ("2022", "中共上海市委组织部", "公务员管理工作经费")):
        folder = tmp_path / "outputs" / year / department
        assert {path.suffix for path in folder.glob(f"{project}.*")} == {".docx", ".xlsx", ".pdf"}, list(folder.iterdir())
        text = (tmp_path / "inputs" / year / department / f"{project}.yaml").read_text(encoding="utf-8")
        assert "模板: 上海市委组织部-2022" in text
