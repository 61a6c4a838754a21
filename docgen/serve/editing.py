"""Edit in place: the values an officer changes on the project page (amounts, 实际完成值, 得分,
偏差原因分析及改进措施, the goal texts), each written back into its YAML file as one scalar — every
other byte of the file (comments, order, quoting of the rest) stays as it was.

PyYAML's composer knows where each scalar starts and ends in the text; the new value replaces that
span only, written plain when it is a plain number and as a double-quoted string otherwise (valid in
a flow mapping ``{…}`` and in a block alike, whatever the text holds).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

import yaml

from docgen.errors import InputError, Problem, Where
from docgen.inputs.keys import canonical
from docgen.inputs.records import GRADES
from docgen.inputs.written_numbers import is_not_applicable, parse_decimal, parse_percent

EDITABLE = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度指标值", "指标值", "实际完成值",
            "偏差原因分析及改进措施", "预期目标", "实际完成情况", "总分", "评分等级",
            # the 申报表's and 监控表's own values
            "中期资金", "中期指标值", "1-N月执行数", "全年预计执行数", "1-N月执行情况", "全年预计完成情况", "完成目标可能性",
            "纠偏措施", "调整原因", "原指标值")  # by the contract's key (aliases too)
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Value:
    """One editable scalar: its path in the file's tree, its label, its text and its line."""

    path: Path_
    label: str
    text: str
    line: int
    multiline: bool

    @property
    def key(self) -> str:
        return json.dumps(list(self.path), ensure_ascii=False)


def version(data: bytes) -> str:
    """What the page was loaded from: a save is refused when the file has changed since."""
    return hashlib.sha256(data).hexdigest()[:16]


def editable_values(text: str) -> list[Value]:
    """Every editable scalar of a file, in the order written."""
    root = yaml.compose(text, Loader=_Loader)
    found: list[Value] = []
    if isinstance(root, yaml.MappingNode):
        _walk(root, (), found)
    return found


def _walk(node: yaml.Node, path: Path_, found: list[Value], named: str = "") -> None:
    """Every editable scalar below ``node``; ``named`` is how the form names the indicator it belongs to
    (its 三级指标: 二级指标 · 三级指标), not its place in a list."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            here = (*path, key.value)
            if isinstance(value, yaml.ScalarNode) and canonical(key.value) in EDITABLE:
                label = f"{named} · {key.value}" if named else _label(here)
                found.append(Value(here, label, value.value, value.start_mark.line + 1,
                                   "\n" in value.value or value.style in ("|", ">")))
            else:  # an indicator's 监控 or 调整 block: named by its indicator too
                _walk(value, here, found, f"{named} · {key.value}" if named else "")
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = next((v.value for k, v in item.value if isinstance(k, yaml.ScalarNode) and k.value == "三级指标"
                         and isinstance(v, yaml.ScalarNode) and v.value), "") if isinstance(item, yaml.MappingNode) else ""
            group = str(path[-1]) if path else ""
            _walk(item, (*path, index), found, f"{group} · {name}" if name else "")


def _label(path: Path_) -> str:
    parts = [str(p) if not isinstance(p, int) else f"第 {p + 1} 项" for p in path]
    return " · ".join(parts)


def _find(node: yaml.Node, path: Path_) -> yaml.ScalarNode | None:
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            node = next((value for key, value in node.value
                         if isinstance(key, yaml.ScalarNode) and key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return None
        if node is None:
            return None
    return node if isinstance(node, yaml.ScalarNode) else None


def scalar_text(value: str) -> str:
    """A value as YAML writes it: a plain number as it is, anything else double-quoted."""
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)


AMOUNTS = ("年初预算数", "全年预算数", "全年执行数")
SCORES = ("分值", "得分", "总分")
LONG_TEXTS = ("偏差原因分析及改进措施", "预期目标", "实际完成情况")


def value_problem(key: str, value: str) -> str | None:
    """What is wrong with ``value`` as the field ``key`` (an amount, a rate, a score, a grade, a one-line
    text, or a text of several lines), in words an officer reads; None when it can be written. The
    checks are the input format's own (``inputs.written_numbers``), so a value written here reads back."""
    if "\n" in value and key not in LONG_TEXTS:
        return f"“{key}”应写在一行内，不能换行。"
    if any(ord(char) < 32 and char not in "\n\t" for char in value):
        return f"“{key}”中有控制字符：请删去后再保存。"
    stripped = value.strip()
    key = canonical(key)  # 权重, 预算执行数 … as their contract key
    if key in AMOUNTS:
        if is_not_applicable(stripped):
            return None
        number = parse_decimal(stripped)
        if number is None or number < 0:
            return f"“{key}”应为金额，如 234.00 或 13,414,500（不适用的写 —），实为“{stripped}”。"
    elif key == "执行率":
        number = parse_percent(stripped)
        if stripped and (number is None or number < 0):
            return f"“执行率”应为百分数，如 89.61 或 89.61%，实为“{stripped}”。"
    elif key in SCORES:
        number = parse_decimal(stripped)
        if stripped and (number is None or number < 0 or "," in stripped):
            return f"“{key}”应为分数，如 9.78（小数点用“.”），实为“{stripped}”。"
    elif key == "评分等级":
        if stripped not in ("", *GRADES):
            return f"“评分等级”只能是 优、良、中、差 之一，实为“{stripped}”。"
    elif key in ("实际完成值", "年度指标值", "指标值") and not stripped:
        return f"“{key}”不能为空：请填写（如 ≥95%、及时）。"
    return None


def replace_values(text: str, changes: dict[Path_, str], file: str) -> str:
    """``text`` with each changed scalar rewritten (only the scalars whose value changed), checked by
    parsing the result again. Every new value is checked as its field's kind first (``value_problem``):
    one that could not be read back is refused, with nothing written."""
    root = yaml.compose(text, Loader=_Loader)
    spans: list[tuple[int, int, str]] = []
    known = {value.path: value for value in editable_values(text)}
    problems = [Problem(Where(file, known[path].line if path in known else 0),
                        f"{known[path].label if path in known else _label(path)}：{problem}")
                for path, new in changes.items()
                if path and canonical(str(path[-1])) in EDITABLE and (problem := value_problem(str(path[-1]), new))]
    if problems:
        raise InputError(problems)
    for path, new in changes.items():
        if not path or canonical(str(path[-1])) not in EDITABLE:
            raise InputError([Problem(Where(file), f"“{_label(path)}”不能在页面上修改：请直接编辑 YAML 文件。")])
        node = _find(root, path)
        if node is None:
            raise InputError([Problem(Where(file), f"文件中没有“{_label(path)}”这一项（可能已被改动）：请刷新页面。")])
        if node.value == new:
            continue
        start, end = node.start_mark.index, node.end_mark.index
        block_end = "\n" if node.style in ("|", ">") and text[end - 1:end] == "\n" else ""  # keep the line break
        spans.append((start, end, scalar_text(new) + block_end))
    for start, end, written in sorted(spans, reverse=True):
        text = text[:start] + written + text[end:]
    check = yaml.compose(text, Loader=_Loader)
    for path, new in changes.items():
        node = _find(check, path)
        if node is None or node.value != new:  # pragma: no cover - scalar_text always round-trips
            raise InputError([Problem(Where(file), f"无法写入“{_label(path)}”：请直接编辑 YAML 文件。")])
    return text
