"""The command line: the only module that prints or exits. Errors become Chinese messages and exit codes."""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Annotated

import typer

from docgen import __version__
from docgen.audit.findings import Severity
from docgen.errors import EXIT_AUDIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, DocgenError
from docgen.pipeline import check_paths
from docgen.reports.check import as_json, summary_line, text_lines

EXIT_INTERNAL = 4

app = typer.Typer(
    help="docgen：财政项目支出绩效自评表的校验、评分、审核与出版。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"docgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本号后退出。")] = False,
) -> None:
    """docgen：财政项目支出绩效自评表的校验、评分、审核与出版。"""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="自评表 YAML 文件或文件夹（递归查找）。", show_default=False)],
    as_json_output: Annotated[bool, typer.Option("--json", help="以 JSON 输出全部结果。")] = False,
) -> None:
    """校验、评分并审核自评表：逐条列出问题（文件:行），并给出执行率、总分和评分等级。

    退出码：0 无错误；1 审核发现错误；2 有文件无法读取。
    """
    started = time.perf_counter()
    results = check_paths(paths)
    if as_json_output:
        typer.echo(json.dumps([as_json(c) for c in results], ensure_ascii=False, indent=2))
    else:
        for checked in results:
            for line in text_lines(checked):
                typer.echo(line)
        typer.echo(summary_line(results, time.perf_counter() - started))
    if any(c.error is not None for c in results):
        raise typer.Exit(EXIT_UNREADABLE)
    if any(c.count(Severity.ERROR) for c in results):
        raise typer.Exit(EXIT_AUDIT_ERRORS)
    raise typer.Exit(EXIT_OK)


def main() -> None:
    """Console entry point: run the app, turning every error into a message and an exit code."""
    try:
        # Without standalone mode Click returns a command's exit code instead of exiting.
        code = app(standalone_mode=False)
    except DocgenError as error:
        typer.echo(f"docgen: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except typer.TyperException as error:  # wrong options or arguments (Click's usage errors)
        show = getattr(error, "show", None)
        if show is not None:
            show()
        else:
            typer.echo(f"docgen: {error}", err=True)
        sys.exit(EXIT_OK if type(error).__name__ == "NoArgsIsHelpError" else EXIT_USAGE)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("docgen: 已中断。", err=True)
        sys.exit(130)
    except Exception as error:  # a bug of ours: say so plainly, no traceback unless asked for
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        typer.echo(f"docgen: 内部错误（{type(error).__name__}: {error}）。请设置 DOCGEN_DEBUG=1 重试，"
                   "并把输出和输入文件报告给维护者。", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
