"""profile.yaml is checked like an input (issue 16): unknown keys with the nearest known one, sections of
the wrong kind, numbers out of bounds, an empty font list; docgen profiles --check checks every profile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.profiles.load import load_profile, template_roots
from tests.conftest import CliResult


@pytest.mark.parametrize(
    ("settings", "line", "words"),
    [
        ("pag:\n  size: A4\n", 2, "未知的设置“pag”：是否应为“page”"),
        ("page:\n  sise: A3\n", 3, "是否应为“page.size”"),
        ("fonts: [1, 2]\n", 2, "“fonts”应为一组“键: 值”"),
        ("fonts:\n  size_pt: {body: 1000}\n", 3, "超出合理范围 5–36"),
        ("fonts:\n  pdf: []\n", 3, "“fonts.pdf”不能为空"),
        ("extends: [default]\n", 1, "“extends”应为一个值"),
        ("rules:\n  rate_rounding: 截断\n", 3, "half_up / truncate"),
    ],
)
def test_profile_settings_are_checked(write: Callable[..., Path], tmp_path: Path, settings: str, line: int,
                                      words: str) -> None:
    write("tpl/x/profile.yaml", ("extends: default\n" if not settings.startswith("extends") else "") + settings)
    with pytest.raises(InputError) as raised:
        load_profile("x", template_roots((str(tmp_path / "tpl"),)))
    problems = [p for p in raised.value.problems if words in p.message]
    assert problems and problems[0].where.line == line, raised.value.problems


def test_a_list_where_a_value_belongs_is_said_once(write: Callable[..., Path], tmp_path: Path) -> None:
    write("tpl/x/profile.yaml", "extends: default\npage: {size: [A4]}\nnumbers:\n  empty: {sources: {weight: []}}\n"
                                "rules: {total_caps: [{rate_below: [80], cap: 89}]}\n")
    with pytest.raises(InputError) as raised:
        load_profile("x", template_roots((str(tmp_path / "tpl"),)))
    said = [(p.where.line, p.message) for p in raised.value.problems]
    assert [line for line, _ in said] == [2, 4, 5], said
    assert "实为一个列表" in said[0][1] and "实为一个列表" in said[1][1] and "“rate_below”应为一个值" in said[2][1]


def test_profiles_check_validates_every_profile(write: Callable[..., Path], cli: Callable[..., CliResult],
                                               tmp_path: Path) -> None:
    write("tpl/好/profile.yaml", "extends: default\n")
    write("tpl/坏设置/profile.yaml", "extends: default\npag: {}\n")
    write("tpl/坏模板/profile.yaml", "extends: default\n")
    write("tpl/坏模板/labels.j2", '{% extends "default/labels.j2" %}\n{% block title %}{{ year }{% endblock %}\n')
    write("tpl/无标志/profile.yaml", "extends: default\nlogo: {file: logo.png}\n")
    result = cli("profiles", "--check", "--templates", str(tmp_path / "tpl"))
    assert result.exit_code == 2, result.out
    lines = result.out.splitlines()
    assert any(line.startswith("好") and "正常" in line for line in lines)
    assert "未知的设置“pag”" in result.out and "labels.j2:2" in result.out and "logo.png" in result.out
    assert any(line.startswith("default") and "正常" in line for line in lines)
    listed = cli("profiles", "--templates", str(tmp_path / "tpl"))
    assert listed.exit_code == 0 and "坏设置" in listed.out and "default" in listed.out  # one broken does not hide the rest
    missing = cli("profiles", "--templates", str(tmp_path / "没有这个文件夹"))
    assert missing.exit_code == 3 and "没有这个文件夹" in missing.err


def test_an_error_in_an_agency_template_names_its_own_file_and_line(write: Callable[..., Path],
                                                                   tmp_path: Path) -> None:
    from docgen.errors import TemplateError
    from docgen.profiles.templates import render_blocks

    write("tpl/机构/profile.yaml", "extends: default\n")
    write("tpl/机构/labels.j2", '{% extends "default/labels.j2" %}\n{% block title %}{{ no_such_var }}{% endblock %}\n')
    profile = load_profile("机构", template_roots((str(tmp_path / "tpl"),)))
    with pytest.raises(TemplateError) as raised:
        render_blocks(profile.jinja, "labels.j2", {"year": 2024})
    assert "机构/labels.j2 第 2 行" in raised.value.message and "no_such_var" in raised.value.message


def test_a_folder_name_render_would_refuse_is_flagged(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                      tmp_path: Path) -> None:
    write("tpl/机构#1/profile.yaml", "extends: default\n")
    listed = cli("profiles", "--templates", str(tmp_path / "tpl"))
    [line] = [line for line in listed.out.splitlines() if line.startswith("机构#1")]
    assert "名称无效" in line
    checked = cli("profiles", "--check", "--templates", str(tmp_path / "tpl"))
    assert checked.exit_code == 2 and "模板名“机构#1”无效" in checked.out
