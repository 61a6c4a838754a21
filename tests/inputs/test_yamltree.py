"""YAML text → located tree: no YAML 1.1 typing, and every slip reported in Chinese with its line."""

from __future__ import annotations

import time

import pytest

from docgen.errors import InputError
from docgen.inputs.yamltree import MapNode, Scalar, decode_source, parse_yaml


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(InputError) as raised:
        parse_yaml(text, "f.yaml")
    return [(p.where.line, p.message) for p in raised.value.problems]


def scalar(tree: MapNode, key: str) -> Scalar:
    value = tree.entries[key].value
    assert isinstance(value, Scalar)
    return value


def test_scalars_stay_text_as_written() -> None:
    tree = parse_yaml("a: 1:30\nb: 2024-01-01\nc: 184.65\nd: 0o17\ne: yes\nf: 1_000\ng: .inf\n", "f.yaml")
    assert [scalar(tree, k).text for k in "abcdefg"] == ["1:30", "2024-01-01", "184.65", "0o17", "yes", "1_000", ".inf"]


def test_every_value_keeps_its_line() -> None:
    tree = parse_yaml("a: 1\n\n# comment\nb:\n  c: x\n", "f.yaml")
    assert scalar(tree, "a").where.line == 1
    inner = tree.entries["b"].value
    assert isinstance(inner, MapNode)
    assert inner.entries["c"].value.where.line == 5
    assert inner.entries["c"].key_where.file == "f.yaml"


def test_repeated_key_is_an_error_naming_both_lines() -> None:
    [(line, message)] = problems("绩效指标: 1\n项目名称: a\n绩效指标: 2\n")
    assert line == 3
    assert "“绩效指标”重复" in message and "第 1 行" in message


def test_unquoted_greater_equal_says_to_quote_or_use_symbol() -> None:
    [(line, message)] = problems("a: 1\n年度指标值: >=90%\nb: 2\n")
    assert line == 2
    assert '">=90%"' in message and "≥90%" in message and "引号" in message


def test_block_scalar_header_is_not_mistaken_for_a_stray_symbol() -> None:
    tree = parse_yaml("a: |\n  第一段\n  第二段\nb: >-\n  折叠\n", "f.yaml")
    assert scalar(tree, "a").text == "第一段\n第二段\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a:\n\tb: 1\n", 2, "Tab"),
        ("a:\n\u3000\u3000b: 1\n", 2, "全角空格"),
        ("年度: 2024\n项目名称：党建\n主管部门: x\n", 2, "全角冒号"),
        ("年度: 2024\n项目名称:党建\n主管部门: x\n", 2, "缺少空格"),
        ('a: "abc\nb: 1\n', 1, "引号没有闭合"),
        ("a: {x: 1, y: 2\nb: 1\n", 1, "没有闭合"),
        ("a:\n  b: 1\n   c: 2\n", 3, "缩进"),
        ("a: x\x0by\n", 1, "控制字符"),
        ("a: x\x0cy\n", 1, "U+000C"),
        ("a: &x 1\nb: *x\n", 2, "锚点"),
        ("a: !!python/object:os.system x\n", 1, "!!python/object:os.system"),
        ("a: !custom 5\n", 1, "!custom"),
        ("", 1, "空的"),
        ("# 只有注释\n\n", 1, "空的"),
        ("- a\n- b\n", 1, "最外层"),
    ],
)
def test_slips_get_a_chinese_message_with_line(text: str, line: int, words: str) -> None:
    found = problems(text)
    assert any(got == line and words in message for got, message in found), found


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1
    assert "锚点" in found[0][1]


def test_utf8_bom_is_accepted() -> None:
    assert decode_source("\ufeff项目名称: x\n".encode(), "f.yaml") == "项目名称: x\n"


def test_gbk_file_is_refused_with_how_to_resave() -> None:
    with pytest.raises(InputError) as raised:
        decode_source("年度: 2024\n项目名称: 党建\n".encode("gbk"), "f.yaml")
    message = raised.value.first.message
    assert "UTF-8" in message and "GBK" in message and "另存为" in message
    assert raised.value.first.where.line == 1


def test_huge_file_is_refused() -> None:
    with pytest.raises(InputError, match="文件过大"):
        decode_source(b"a: 1\n" * 1_000_000, "f.yaml")
