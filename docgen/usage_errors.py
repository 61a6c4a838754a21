"""Click's usage errors → what to tell the user, in Chinese, with the ``--help`` to read.

Input: an exception typer raised while parsing a command line (typer carries its own copy of Click, so the
classes are told apart by name). Output: one sentence; ``cli.py`` prints it and exits with ``EXIT_USAGE``.
"""

from __future__ import annotations

import re


def usage_message(error: Exception) -> str:
    """Click's usage errors (typer carries its own copy of Click), which it words in English, said in
    Chinese with where to look. Told apart by name: the classes are typer's, not click's."""
    kind = type(error).__name__
    context = getattr(error, "ctx", None)
    name = getattr(context, "info_name", None)
    command = f"docgen {name}" if name and name != "docgen" else "docgen"
    see = f"运行 {command} --help 查看用法。"
    message = str(getattr(error, "message", error))
    param = getattr(error, "param", None)
    which = getattr(error, "param_hint", None) or (" / ".join(getattr(param, "opts", []) or [])
                                                  or getattr(param, "name", "")) or "参数"
    if kind == "NoSuchOption":
        possible = sorted(getattr(error, "possibilities", None) or [])
        close = f"是否应为 {'、'.join(possible)}？" if possible else ""
        return f"没有“{getattr(error, 'option_name', '')}”这个选项。{close}{see}"
    if kind == "MissingParameter":
        opts = [opt for opt in getattr(param, "opts", None) or [] if opt.startswith("-")]
        if opts:
            return f"缺少选项 {' / '.join(opts)}：请写上，例如 {opts[0]} 值。{see}"
        shown = getattr(param, "metavar", None) or getattr(param, "name", "")  # the name the help shows (路径)
        return f"缺少{('参数 ' + shown) if param else '参数'}：请写上。{see}"
    if kind == "BadParameter":
        for pattern, chinese in ((r"greater than or equal to (\S+)", "应不小于 {}"), (r"less than or equal to (\S+)", "应不大于 {}"),
                                 (r"not in the range (.*)\.", "不在允许的范围 {} 内"), (r"not a valid integer", "应为整数")):
            match = re.search(pattern, message)
            if match:
                return f"选项 {which} 的值无效：{chinese.format(*match.groups())}。{see}"
        return f"选项 {which} 的值无效（{message}）。{see}"
    match = re.match(r"No such command '([^']*)'\.(?: Did you mean '([^']*)'\?)?", message)
    if match:
        return f"没有“{match.group(1)}”这个命令。" + (f"是否应为“{match.group(2)}”？" if match.group(2) else "") + see
    match = re.match(r"Option '([^']*)' requires an argument", message)
    if match:
        return f"选项 {match.group(1)} 后面要写一个值。{see}"
    match = re.match(r"Option '([^']*)' does not take a value", message)
    if match:
        return f"选项 {match.group(1)} 后面不写值（写上它就是“是”）。{see}"
    if "unexpected extra argument" in message:
        return f"多出了参数（{message.split('(', 1)[-1].rstrip(')')}）。{see}"
    return f"用法有误（{message}）。{see}"
