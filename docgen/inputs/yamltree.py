"""YAML text → a tree of located nodes (mapping, sequence, scalar), each with its file and line.

PyYAML is used only to *compose* (parse into nodes); nothing is *constructed*, so no YAML 1.1
typing ever happens: ``1:30`` stays the text ``1:30``, ``2024-01-01`` stays text, ``0.1`` stays the
text ``0.1`` until the model turns it into an exact ``Decimal``. Repeated keys, anchors and
aliases, custom tags, tabs, full-width colons and the other slips an officer makes are reported
in Chinese with the line and what to write instead.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.errors import InputError, Problem, Where

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
# A key like "000" is what is left of "13,414,500" written inside { }: its commas split the mapping.
SPLIT_THOUSANDS = re.compile(r"^\d{3}(\.\d+)?\s*(万元|元|万)?$")  # "234.5万元" left of ``1,234.5万元`` in { }
THOUSANDS_IN_FLOW = ("金额中的千分位逗号写在了 { } 里，被当成了分隔符：请给金额加英文引号（如 \"13,414,500\"），"
                     "或去掉逗号（13414500）；金额后不写单位，单位写在文件开头（资金单位: 万元 或 资金单位: 元）。")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Scalar:
    """A scalar exactly as written (quotes removed, escapes resolved); ``plain`` when unquoted."""

    text: str
    where: Where
    plain: bool

    @property
    def is_null(self) -> bool:
        return self.plain and self.text.strip() in _NULL_WORDS


@dataclass(frozen=True)
class Entry:
    """One key of a mapping: where the key stands, and its value."""

    key_where: Where
    value: Node


@dataclass(frozen=True)
class MapNode:
    entries: dict[str, Entry]
    where: Where


@dataclass(frozen=True)
class SeqNode:
    items: tuple[Node, ...]
    where: Where


Node = Scalar | MapNode | SeqNode

KIND_NAMES = {Scalar: "一个值", MapNode: "一组“键: 值”", SeqNode: "一个列表（以“- ”开头的各项）"}


def describe(node: Node) -> str:
    """The Chinese name of what a node is, for messages like “应为…，实为…”."""
    return KIND_NAMES[type(node)]


def too_large(file: str, size: int) -> InputError:
    """A file over ``MAX_FILE_BYTES``: refused, whether found by its size or by what was read."""
    shown = f"{size // 1024 // 1024} MB" if size >= 1024 * 1024 * 10 else f"{size // 1024} KB"
    return InputError([Problem(Where(file), f"文件过大（{shown}）：一个自评表文件不应超过 "
                                            f"{MAX_FILE_BYTES // 1024 // 1024} MB，请检查是否选错了文件。")])


def decode_source(data: bytes, file: str) -> str:
    """Bytes → text: UTF-8 (a BOM is allowed) or a clear refusal that says how to re-save the file."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(file, len(data))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码（中文 Windows 的默认编码）。"
        except UnicodeDecodeError:
            pass
        raise InputError([Problem(Where(file, line), f"文件不是 UTF-8 编码。{hint}请用记事本或 VS Code "
                                                     "“另存为”UTF-8 编码后重试。")]) from None


def read_tree(path: str) -> MapNode:
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:  # refused before reading: a 3 GB file is not read into memory
            raise too_large(path, size)
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError([Problem(Where(path), f"无法读取文件：{_reason(exc)}。")]) from None
    return parse_yaml(decode_source(data, path), path)


def _reason(error: OSError) -> str:
    return {errno.ELOOP: "符号链接形成了循环，请删除或改正这个链接", errno.EACCES: "没有读取权限",
            errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOENT: "文件不存在（或是指向不存在文件的链接）",
            }.get(error.errno or 0, error.strerror or str(error))


def read_merged(path: str, defaults: list[Path]) -> MapNode:
    """A file's tree over its defaults (``defaults``: nearest folder first), merged key by key: the nearest
    wins, the file over all."""
    tree = read_tree(path)
    chain = [read_tree(str(item)) for item in reversed(defaults)]  # farthest first
    for below in reversed(chain):  # nearest first: each lies under what was merged before it
        tree = merge(below, tree)
    return tree


def merge(base: MapNode, override: MapNode) -> MapNode:
    """Deep-merge two mappings key by key; ``override`` wins, each value keeps its own file and line."""
    entries = dict(base.entries)
    for key, entry in override.entries.items():
        below = entries.get(key)
        if below is not None and isinstance(below.value, MapNode) and isinstance(entry.value, MapNode):
            entries[key] = Entry(entry.key_where, merge(below.value, entry.value))
        else:
            entries[key] = entry
    return MapNode(entries, override.where)


def parse_yaml(text: str, file: str) -> MapNode:
    """Text → the located tree of one YAML document, whose top level must be a mapping."""
    problems = _scan_text(text, file)
    if problems:
        raise InputError(problems)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise InputError([Problem(Where(file, 1), "文件是空的：请按 README 中的示例填写自评表内容。")])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise InputError([_problem_from_yaml_error(exc, text, file)]) from None
    if root is None:
        raise InputError([Problem(Where(file, 1), "文件是空的：请按 README 中的示例填写自评表内容。")])
    builder = _TreeBuilder(file)
    tree = builder.build(root)
    if builder.problems:
        raise InputError(builder.problems)
    if not isinstance(tree, MapNode):
        raise InputError([Problem(tree.where, f"文件的最外层应为“键: 值”（例如 项目名称: …），实为{describe(tree)}。")])
    return tree


def _scan_text(text: str, file: str) -> list[Problem]:
    """Slips that YAML reports badly or not at all, found line by line before parsing."""
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _CONTROL.search(line)
        if match:
            problems.append(Problem(Where(file, number), f"含有不可见的控制字符 U+{ord(match.group()):04X}"
                                                           "（常见于从 Word 粘贴的文字）：请删除它。"))
        indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        if "\t" in indent:
            problems.append(Problem(Where(file, number), "用 Tab 键缩进了：YAML 只接受空格缩进，请把 Tab 换成空格"
                                                           "（每级两个空格）。"))
        elif "\u3000" in indent:
            problems.append(Problem(Where(file, number), "用全角空格缩进了：请换成半角空格（每级两个空格）。"))
    return problems


_KEY_FULLWIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"{}\[\],]+：")
_KEY_NO_SPACE = re.compile(r"^\s*(?:-\s+)?[^\s:#'\"{}\[\],]+:[^\s/\\]")
_BLOCK_HEADER = re.compile(r"^[|>][-+]?\d?[-+]?\s*(#.*)?$")
_INDICATOR_VALUE = re.compile(r"^\s*(?:-\s+)?[^\s:#]+:\s+([>|!&*@%`])")


def _problem_from_yaml_error(exc: yaml.YAMLError, text: str, file: str) -> Problem:
    """Turn PyYAML's English error into a Chinese message naming the culprit line and the fix."""
    lines = text.split("\n")
    context_mark = getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    # The context mark names the culprit for keys, quotes and brackets; for a block mapping or
    # sequence it is only where that block began, so the problem mark is nearer the mistake.
    block_context = "block" in (getattr(exc, "context", "") or "")
    mark = (problem_mark or context_mark) if block_context else (context_mark or problem_mark)
    line_no = (mark.line + 1) if mark else 1
    problem = getattr(exc, "problem", "") or ""
    context = getattr(exc, "context", "") or ""
    last = min(len(lines), (problem_mark.line + 1) if problem_mark else line_no)

    if "single document" in f"{context} {problem}":
        return Problem(Where(file, (problem_mark.line + 1) if problem_mark else line_no),
                       "文件中有多个 YAML 文档（以 --- 分隔）：每个文件只写一个自评表，请把其余部分移到另一个文件。")
    # Search from the reported line back a little: the culprit is usually there or just before.
    for number in range(last, max(0, line_no - 3), -1):
        line = lines[number - 1] if number - 1 < len(lines) else ""
        if line.count('"') % 2 == 1:
            return Problem(Where(file, number), "这一行的引号没有闭合（英文引号 \" 只有一个）：请在值的末尾补上引号，"
                                               "或去掉多余的引号。")
        match = _INDICATOR_VALUE.match(line)
        if match and match.group(1) in "&*":
            return Problem(Where(file, number), "用了 YAML 锚点/别名（& 和 *）：自评表中请直接写出每个值；"
                                               "如果“&”或“*”是文字的一部分，请给整个值加上英文引号。")
        if match and not _BLOCK_HEADER.match(line.split(":", 1)[1].strip()):
            sign = match.group(1)
            value = line.split(":", 1)[1].strip()
            fix = f'"{value}"'
            alt = value.replace(">=", "≥").replace("<=", "≤") if sign == ">" else ""
            alt_text = f"，或改写为 {alt}" if alt and alt != value else ""
            return Problem(Where(file, number), f"值“{value}”以“{sign}”开头，YAML 会把“{sign}”当作语法符号而不是文字。"
                                               f"请给整个值加上英文引号：{fix}{alt_text}。")
        if _KEY_FULLWIDTH_COLON.match(line) and ":" not in line.split("：", 1)[0]:
            key = line.split("：", 1)[0].strip().lstrip("- ").strip()
            return Problem(Where(file, number), f"“{key}”后面用了全角冒号“：”：键和值之间要用英文冒号加一个空格，"
                                               f"例如 {key}: …")
        if _KEY_NO_SPACE.match(line):
            key = line.split(":", 1)[0].strip().lstrip("- ").strip()
            return Problem(Where(file, number), f"“{key}:”后面缺少空格：英文冒号后要有一个空格，例如 {key}: …")

    if "quoted scalar" in context:
        return Problem(Where(file, line_no), "这一行的引号没有闭合：请在值的末尾补上对应的引号。")
    if "flow mapping" in context or "flow sequence" in context:
        bracket = "{ }" if "mapping" in context else "[ ]"
        return Problem(Where(file, line_no), f"这一行的 {bracket} 没有闭合，或其中两项之间缺少英文逗号：请检查括号和逗号。")
    if "mapping values are not allowed" in problem or "expected <block end>" in problem or block_context:
        number = (problem_mark.line + 1) if problem_mark else line_no
        return Problem(Where(file, number), "缩进不一致，或值中含有“: ”：同一级的键要对齐（每级两个空格）；"
                                           "值里有冒号加空格时请给整个值加引号。")
    if "cannot start any token" in problem:
        return Problem(Where(file, line_no), "这一行含有 YAML 不能识别的符号：请给整个值加上英文引号。")
    detail = f"{context} {problem}".strip()
    return Problem(Where(file, line_no), f"YAML 格式有误（{detail}）：请检查缩进、冒号和引号。")


class _TreeBuilder:
    """PyYAML nodes → located nodes, refusing what an evaluation never needs."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._count = 0

    def where(self, node: yaml.Node) -> Where:
        return Where(self.file, node.start_mark.line + 1)

    def build(self, node: yaml.Node, parent: Where | None = None) -> Node:
        self._count += 1
        if self._count > MAX_NODES:
            raise InputError([Problem(self.where(node), "文件内容过多（超过 10 万项）：请检查文件是否正确。")])
        where = self.where(node)
        if id(node) in self._seen:
            # An alias: the same node object reached a second time. Refused outright, which also
            # defuses "billion laughs" documents before anything is expanded.
            raise InputError([Problem(parent or where, "用了 YAML 锚点/别名（& 和 *）：自评表中请直接写出每个值。")])
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(Problem(where, f"不支持 YAML 标签“{tag}”：请删除它，直接写值。"))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return SeqNode(tuple(self.build(item, where) for item in node.value), where)
        match = _CONTROL.search(node.value)
        if match:  # written as an escape ("\u000b"), so the line scan could not see it
            self.problems.append(Problem(where, f"含有不可见的控制字符 U+{ord(match.group()):04X}（可能写成了转义"
                                                "“\\u000b”之类）：请删除它。"))
        return Scalar(node.value, where, plain=node.style is None)

    def _mapping(self, node: yaml.MappingNode, where: Where) -> MapNode:
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key_where = self.where(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(key_where, "键必须是一段文字（例如 项目名称），不能是列表或映射。"))
                continue
            key = key_node.value.strip()
            value = self.build(value_node, key_where)
            if key in entries:
                first = entries[key].key_where.line
                if SPLIT_THOUSANDS.match(key):
                    self.problems.append(Problem(key_where, THOUSANDS_IN_FLOW))
                    continue
                self.problems.append(Problem(key_where, f"键“{key}”重复了（第 {first} 行已有）：同一层中每个键只能出现一次，"
                                                         "请合并或删除其中一个。"))
                continue
            entries[key] = Entry(key_where, value)
        return MapNode(entries, where)
