"""The command line's help in Chinese, and never cut.

typer 0.29 carries its own copy of Click and prints help through rich: its words are module constants
(``Arguments``, ``Options``, ``[default: …]``, ``[required]``), Click's ``Usage:`` and ``Show this message
and exit.`` are literals in that copy (no gettext catalog reaches them), the value types are English
(``<list[str]>``, ``<bool>``), and an option's help is set beside its default in rich ``Columns``, which
cut a long help at the terminal's width with "…". typer has no setting for any of these, so they are
replaced here, in one place, once (``install``); tests/test_cli.py reads every command's help.
"""

from __future__ import annotations

import re
from typing import Any

import typer.rich_utils as rich_utils
from rich.columns import Columns
from rich.text import Text
from typer import _click
from typer.core import TyperArgument, _TyperParameter

WORDS = {
    "DEPRECATED_STRING": "（已弃用）",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "运行 '{command_path} {help_option}' 查看帮助。",
}
USAGE = "用法："
HELP_OPTION = "显示本帮助并退出。"
OPTIONS_METAVAR, COMMAND_METAVAR = "[选项]", "命令 [参数]..."
TYPES = {"bool": "", "str": "文字", "int": "整数", "int range": "整数", "float": "数字", "float range": "数字",
         "path": "路径", "file": "文件", "directory": "文件夹", "Path": "路径", "list[str]": "文字…",
         "list[Path]": "路径…"}
_TYPE = re.compile(r"^<(?P<label>.*)>$")

_installed = False


def install() -> None:
    """Put the Chinese words in typer's place (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    for name, words in WORDS.items():
        setattr(rich_utils, name, words)
    help_of = rich_utils._get_parameter_help

    def parameter_help(*args: Any, **kwargs: Any) -> Any:
        """The help, its default and [必填] as one text that wraps (rich Columns cut it with "…")."""
        shown = help_of(*args, **kwargs)
        parts = shown.renderables if isinstance(shown, Columns) else [shown]
        if not all(isinstance(part, Text) for part in parts):
            return shown
        joined = Text(" ").join(parts)
        joined.overflow = "fold"  # a long CJK run has no space to break at: folded, never cut
        return joined

    rich_utils._get_parameter_help = parameter_help  # type: ignore[assignment]
    write_usage = _click.formatting.HelpFormatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    _click.formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]
    help_option = _click.core.Command.get_help_option

    def chinese_help_option(self: Any, ctx: Any) -> Any:
        option = help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    _click.core.Command.get_help_option = chinese_help_option  # type: ignore[method-assign]
    display_type = _TyperParameter.display_type

    def chinese_type(self: Any, ctx: Any) -> str:
        shown = display_type(self, ctx)
        match = _TYPE.match(shown)
        if match is None or match["label"] not in TYPES:
            return shown
        label = TYPES[match["label"]]
        return f"<{label}>" if label else ""

    _TyperParameter.display_type = chinese_type  # type: ignore[method-assign]
    TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
    TyperArgument._rich_display_name = _argument_name  # type: ignore[method-assign]
    command_help = rich_utils._make_command_help

    def folded_command_help(*args: Any, **kwargs: Any) -> Any:
        shown = command_help(*args, **kwargs)
        if isinstance(shown, Text):
            shown.overflow = "fold"
        return shown

    rich_utils._make_command_help = folded_command_help  # type: ignore[assignment]


def _argument_name(self: Any) -> str:
    """An argument as the help lists it: ``路径...`` where several may be given."""
    return self.display_name_raw + ("..." if self.nargs != 1 else "")


def _argument_usage(self: Any) -> str:
    """An argument in the usage line: ``路径...``, in brackets where it may be left out (not typer's
    ``{路径}``)."""
    name = _argument_name(self)
    return name if self.required else f"[{name}]"
