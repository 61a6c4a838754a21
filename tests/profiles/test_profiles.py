"""Profiles: found on a search path, settings merged down the extends chain, templates overridden by
block, untrusted templates sandboxed, names unable to leave the profile folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.errors import TemplateError, UsageError
from docgen.profiles.load import BUILTIN_TEMPLATES, describe_profiles, load_profile, template_roots
from docgen.profiles.templates import LABELS, render_blocks
from tests.conftest import EXAMPLE, CliResult, replace_line

CONTEXT = {"year": 2024, "money_unit": "万元", "project": "项目", "department": "部门", "unit": "单位",
           "agency": "机构", "page": "1", "pages": "2"}


def make_profile(root: Path, name: str, settings: str = "", labels: str | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.yaml").write_text(settings, encoding="utf-8")
    if labels is not None:
        (folder / LABELS).write_text(labels, encoding="utf-8")
    return folder


def labels_of(name: str, roots: tuple[Path, ...] | None = None) -> dict[str, str]:
    profile = load_profile(name, roots)
    return render_blocks(profile.jinja, LABELS, CONTEXT)


def test_shipped_profiles_and_their_chains() -> None:
    chains = {name: chain for name, _, chain in describe_profiles(template_roots())}
    assert chains == {
        "default": [], "上海市委组织部-2022": ["default"], "上海市委组织部-2024": ["default"],
        "上海市人社局": ["default"], "上海市人社局-自评价": ["上海市人社局", "default"],
        "闵行区地区工作办公室": ["default"], "四川省": ["default"],
    }


def test_settings_merge_key_by_key_and_labels_override_block_by_block() -> None:
    profile = load_profile("上海市人社局-自评价")
    assert profile.search_path == (BUILTIN_TEMPLATES / "上海市人社局-自评价", BUILTIN_TEMPLATES / "上海市人社局",
                                   BUILTIN_TEMPLATES / "default")
    settings = profile.settings
    assert (settings.rate_style, settings.not_applicable, settings.money_formats["万元"]) == ("number", "-", "0.00")
    assert settings.money_formats["元"] == "#,##0" and settings.font_cjk == "宋体"  # from default, untouched
    labels = labels_of("上海市人社局-自评价")
    assert labels["title"] == "财政项目支出绩效自评价"  # its own block
    assert labels["reason"] == "偏差原因分析" and labels["weight"] == "分数"  # its parent's blocks
    assert labels["level1"] == "一级指标" and labels["footer"] == "第 1 页，共 2 页"  # the default's


def test_extra_template_folder_comes_first(tmp_path: Path) -> None:
    make_profile(tmp_path, "我的机构", "extends: 上海市委组织部-2024\nnumbers: {not_applicable: 无}\n",
                 '{% extends "上海市委组织部-2024/labels.j2" %}{% block footer %}{{ agency }} 第{{ page }}页{% endblock %}')
    make_profile(tmp_path, "上海市人社局", "numbers: {rate: percent}\n")  # shadows the shipped one
    roots = template_roots((str(tmp_path),))
    profile = load_profile("我的机构", roots)
    assert profile.settings.not_applicable == "无" and profile.settings.rate_style == "number"
    assert labels_of("我的机构", roots)["footer"] == "机构 第1页"
    assert labels_of("我的机构", roots)["rate"] == "执行率(%)"
    shadowed = load_profile("上海市人社局", roots)
    assert shadowed.search_path == (tmp_path / "上海市人社局", BUILTIN_TEMPLATES / "default")
    assert shadowed.settings.rate_style == "percent" and labels_of("上海市人社局", roots)["title"] == "财政项目支出绩效自评表"


@pytest.mark.parametrize("name", ["../../etc", "..", "a/b", "/etc/passwd", "default/../default", "C:\\x"])
def test_profile_names_cannot_leave_the_profile_folders(name: str) -> None:
    with pytest.raises(UsageError, match=r"模板名.*无效"):
        load_profile(name)


def test_unknown_profile_suggests_known_ones() -> None:
    with pytest.raises(UsageError, match="是否应为：上海市人社局"):
        load_profile("上海市人社")


def test_extends_cycle_is_refused(tmp_path: Path) -> None:
    make_profile(tmp_path, "甲", "extends: 乙\n")
    make_profile(tmp_path, "乙", "extends: 甲\n")
    with pytest.raises(UsageError, match="循环"):
        load_profile("甲", template_roots((str(tmp_path),)))


def test_wrong_setting_names_file_line_and_allowed_values(tmp_path: Path) -> None:
    make_profile(tmp_path, "x", "numbers:\n  rate: 百分比\n")
    with pytest.raises(Exception, match=r"profile.yaml:2: 设置“numbers.rate”只能是 percent / number"):
        load_profile("x", template_roots((str(tmp_path),)))


@pytest.mark.parametrize(
    ("labels", "words"),
    [
        ('{% extends "default/labels.j2" %}{% block title %}x{% endblok %}', "labels.j2:1: 模板语法错误"),
        ('{% extends "default/labels.j2" %}\n{% block title %}{{ yaer }}{% endblock %}', "不存在的变量"),
        ('{% extends "default/labels.j2" %}{% block title %}{{ "".__class__.__mro__ }}{% endblock %}', "不允许"),
        ('{% extends "default/labels.j2" %}{% block title %}{{ cycler.__init__.__globals__ }}{% endblock %}',
         "不允许"),
        ('{% extends "default/labels.j2" %}{% block title %}{% include "/etc/passwd" %}{% endblock %}', "找不到模板"),
        ('{% extends "default/labels.j2" %}{% block title %}{% include "../default/labels.j2" %}{% endblock %}',
         "找不到模板"),
        ('{% extends "/etc/passwd" %}', "找不到模板"),
    ],
)
def test_broken_or_hostile_templates_get_a_clear_message(tmp_path: Path, labels: str, words: str) -> None:
    make_profile(tmp_path, "x", "", labels)
    with pytest.raises(TemplateError) as raised:
        labels_of("x", template_roots((str(tmp_path),)))
    assert words in raised.value.message, raised.value.message


def test_file_choosing_a_path_as_profile_is_refused_at_its_line(cli: Callable[..., CliResult],
                                                                 write: Callable[..., Path], tmp_path: Path) -> None:
    path = write("inputs/2024/x.yaml", replace_line(EXAMPLE, "年度: 2024\n", "年度: 2024\n模板: ../../etc\n"))
    result = cli("render", str(path), "-o", str(tmp_path / "out"), "--formats", "xlsx")
    assert result.exit_code == 2
    assert f"{path}:2: 无法读取 模板名“../../etc”无效" in result.out  # found when the file is checked
    tables = [p for p in (tmp_path / "out").rglob("*.xlsx") if p.name != "汇总.xlsx"]
    assert not tables


def test_profiles_command_lists_where_each_comes_from(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    make_profile(tmp_path, "外部机构", "extends: 上海市人社局\n")
    result = cli("profiles", "--templates", str(tmp_path))
    assert result.exit_code == 0
    assert f"外部机构\t{tmp_path / '外部机构'}（来自 {tmp_path}，继承 上海市人社局 → default）" in result.out
    assert "上海市人社局-自评价\t" in result.out and "（内置，继承 上海市人社局 → default）" in result.out
