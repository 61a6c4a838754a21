"""The ``docgen`` command as a user runs it: output lines, JSON, exit codes, no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import EXAMPLE, INPUTS, ROOT, CliResult

Cli = Callable[..., CliResult]


def test_check_clean_file_prints_summary_and_exits_0(cli: Cli, write: Callable[..., Path]) -> None:
    path = write("a.yaml", EXAMPLE)
    result = cli("check", str(path))
    assert result.exit_code == 0, result
    assert f"{path}: 《党建服务工作经费》 执行率 78.91%，执行得分 7.89，总分 97.89，评分等级 优" in result.out
    assert "共 1 个文件：已检查 1，无法读取 0；错误 0，警告 0，提示 0" in result.out


def test_check_sample_inputs_lists_findings_with_file_and_line(cli: Cli) -> None:
    result = cli("check", str(ROOT / "inputs"))
    assert result.exit_code == 1  # the samples keep the published tables' errors
    assert re.search(r"调研经费\.yaml:\d+: 错误 \[FULL_MARKS_ON_MISS\] “调研工作完成次数”", result.out)
    assert re.search(r"\.yaml:\d+: 警告 \[ZERO_BUDGET\]", result.out)
    assert "共 31 个文件：已检查 31，无法读取 0" in result.out


def test_check_json(cli: Cli, write: Callable[..., Path]) -> None:
    good = write("a.yaml", EXAMPLE.replace("实际完成值: 100.00(%), 分值: 10}", "实际完成值: 90.00(%), 分值: 10, 得分: 10}", 1))
    bad = write("b.yaml", "年度: 2024\n项目名称：x\n")
    result = cli("check", "--json", str(good), str(bad))
    assert result.exit_code == 2
    [first, second] = json.loads(result.out)
    assert first["file"] == str(good) and first["项目名称"] == "党建服务工作经费"
    assert (first["执行率"], first["执行得分"], first["总分"], first["规则总分"], first["评分等级"]) == (
        "78.91", "7.89", "97.89", "96.89", "优")
    quality = first["指标"][2]
    assert quality == {**quality, "三级指标": "工作验收合格率", "年度指标值": "=100(%)", "实际完成值": "90.00(%)",
                       "分值": "10.00", "得分": "10.00", "规则得分": "9.00"}
    [finding] = [f for f in first["findings"] if f["code"] == "FULL_MARKS_ON_MISS"]
    assert (finding["severity"], finding["line"], finding["published"], finding["expected"]) == ("错误", 21, "10.00", "9.00")
    assert second["file"] == str(bad) and second["error"]["line"] == 2 and "全角冒号" in second["error"]["message"]


def test_one_bad_file_never_stops_the_others(cli: Cli, write: Callable[..., Path]) -> None:
    write("d/1.yaml", "年度指标值: >=90%\n")
    write("d/2.yaml", EXAMPLE)
    write("d/3.yaml", b"\xb0\xa1\xb0\xa1: 1\n")
    result = cli("check", str(write("d/2.yaml", EXAMPLE).parent))
    assert result.exit_code == 2
    assert "1.yaml:1: 无法读取 值“>=90%”以“>”开头" in result.out
    assert "2.yaml: 《党建服务工作经费》" in result.out
    assert "3.yaml:1: 无法读取 文件不是 UTF-8 编码" in result.out
    assert "Traceback" not in result.out + result.err


def test_missing_path_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", str(tmp_path / "没有这个文件夹"))
    assert result.exit_code == 3
    assert "找不到" in result.err and "Traceback" not in result.err


def test_console_script_runs_without_traceback(write: Callable[..., Path]) -> None:
    bad = write("x.yaml", "a:\n\tb: 1\n")
    done = subprocess.run([sys.executable, "-m", "docgen", "check", str(bad)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2
    assert "Tab" in done.stdout and "Traceback" not in done.stdout + done.stderr


def test_usage_errors_are_said_in_chinese(cli: Callable[..., CliResult]) -> None:
    for args, words in ((("render", "x", "--jobs", "0"), "--jobs 的值无效：应不小于 1"),
                        (("render", "x", "--formt", "a"), "没有“--formt”这个选项。是否应为 --force、--formats"),
                        (("rendr",), "没有“rendr”这个命令。是否应为“render”"),
                        (("check",), "缺少参数 路径"),
                        (("render", "-o"), "选项 -o 后面要写一个值"),
                        (("new", "项目"), "缺少选项 --department / -d"),
                        (("render", "x", "--strict=1"), "选项 --strict 后面不写值")):
        result = cli(*args)
        assert result.exit_code == 3 and words in result.err, (args, result.err)
        assert "No such" not in result.err and "Missing" not in result.err and "Input should" not in result.err


def test_a_busy_port_is_one_chinese_line_and_exit_3(cli: Callable[..., CliResult]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", str(INPUTS / "2024"), "--port", str(port))
    assert result.exit_code == 3
    assert "端口已被占用" in result.err and "Errno" not in result.out + result.err
    assert "docgen 工作台" not in result.out  # no banner for a server that never started


def test_a_token_that_cannot_travel_in_a_header_is_refused(cli: Callable[..., CliResult]) -> None:
    result = cli("serve", str(INPUTS / "2024"), "--token", "令牌")
    assert result.exit_code == 3 and "--token 只能用英文字母" in result.err


ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this message|\[default|\[required|<bool>|<str>|<int|"
                     r"<list|<path>|\{paths\}")


def test_every_commands_help_is_chinese_and_whole(cli: Callable[..., CliResult], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``--help`` of docgen and of each command: Chinese words where Click's and typer's English stood, and
    every option's help shown whole at any width (rich used to cut one with "…" at 80 columns)."""
    import typer.main

    from docgen.cli import app

    group = typer.main.get_command(app)
    commands = {"": group, **group.commands}  # type: ignore[attr-defined]
    for width in ("60", "80", "120"):
        monkeypatch.setenv("COLUMNS", width)
        for name, command in commands.items():
            result = cli(*([name] if name else []), "--help")
            assert result.exit_code == 0, (name, result.err)
            shown = result.out
            assert not ENGLISH.search(shown), (name, width, ENGLISH.search(shown))
            flat = "".join(re.sub(r"[\s│╭╮╰╯─]", "", line) for line in shown.splitlines())
            assert "用法：" in flat and "显示本帮助并退出。" in flat and "选项" in flat, (name, shown)
            for param in command.params if width != "60" else ():  # (at 60 the type column wraps beside it)
                if param.help:
                    assert re.sub(r"\s", "", param.help) in flat, (name, width, param.help)
            if name == "render":
                assert "[默认：outputs]" in flat and "[必填]" in flat and "<整数>" in flat
