"""The incremental cache: nothing unchanged is redone; a changed input or template redoes what uses it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, CliResult, replace_line

Cli = Callable[..., CliResult]


@pytest.fixture
def tree(write: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write("templates/机构/profile.yaml", "extends: default\n")
    write("templates/机构/labels.j2", '{% extends "default/labels.j2" %}{% block title %}甲{% endblock %}')
    write("inputs/2024/甲/a.yaml", replace_line(EXAMPLE, "年度: 2024\n", "年度: 2024\n模板: 机构\n"))
    write("inputs/2024/甲/b.yaml", replace_line(EXAMPLE, "项目名称: 党建服务工作经费", "项目名称: 另一个项目"))
    write("inputs/2024/乙/c.yaml", replace_line(EXAMPLE, "主管部门: 中共上海市委组织部", "主管部门: 另一个部门"))
    return tmp_path


def render(cli: Cli, *extra: str) -> CliResult:
    result = cli("render", "inputs", "-o", "out", "--formats", "xlsx,docx", "-j", "1", "--templates", "templates",
                 *extra)
    assert result.exit_code == 0, result
    return result


def stamps(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root / "out")): p.stat().st_mtime_ns for p in (root / "out").rglob("*") if p.is_file()}


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp} - {".docgen-cache.json"}


def test_nothing_changed_nothing_redone(cli: Cli, tree: Path) -> None:
    render(cli)
    before = stamps(tree)
    result = render(cli)
    assert "已生成 0，未改变而跳过 3" in result.out and "报告和汇总表 0 份" in result.out
    assert changed(before, stamps(tree)) == set()


def test_one_changed_input_redoes_its_documents_and_its_reports(cli: Cli, tree: Path) -> None:
    render(cli)
    before = stamps(tree)
    (tree / "inputs/2024/甲/b.yaml").write_text(EXAMPLE.replace("项目名称: 党建服务工作经费", "项目名称: 改了名字"),
                                                encoding="utf-8")
    render(cli)
    assert changed(before, stamps(tree)) == {
        "2024/甲/b.xlsx", "2024/甲/b.docx", "2024/绩效自评结果报告/中共上海市委组织部.docx",
        "2024/汇总.xlsx", "2024/审核意见.docx"}  # not a.*, not c.*, not the other department's report


def test_a_changed_template_redoes_what_uses_it(cli: Cli, tree: Path) -> None:
    render(cli)
    before = stamps(tree)
    (tree / "templates/机构/labels.j2").write_text('{% extends "default/labels.j2" %}{% block title %}乙{% endblock %}',
                                                 encoding="utf-8")
    render(cli)
    redone = changed(before, stamps(tree))
    assert {name for name in redone if name.startswith("2024/甲/")} == {"2024/甲/a.xlsx", "2024/甲/a.docx"}
    assert "2024/绩效自评结果报告/中共上海市委组织部.docx" in redone  # it appends table a
    assert not any(name.startswith("2024/乙/") for name in redone)


def test_defaults_force_deleted_outputs_and_a_damaged_cache(cli: Cli, tree: Path) -> None:
    render(cli)
    (tree / "inputs/2024/乙/_defaults.yaml").write_text("资金单位: 万元\n", encoding="utf-8")
    assert "已生成 1，未改变而跳过 2" in render(cli).out  # c.yaml's defaults chain changed
    (tree / "out/2024/甲/a.docx").unlink()
    assert "已生成 1，未改变而跳过 2" in render(cli).out and (tree / "out/2024/甲/a.docx").exists()
    assert "已生成 3，失败 0" in render(cli, "--force").out
    (tree / "out/.docgen-cache.json").write_text("{not json", encoding="utf-8")
    assert "已生成 3，失败 0" in render(cli).out


def test_tables_made_without_reports_are_remembered_and_the_reports_come_later(cli: Cli, tree: Path) -> None:
    render(cli, "--no-reports")
    tables = stamps(tree)
    assert "已生成 0，未改变而跳过 3" in render(cli, "--no-reports").out
    result = render(cli)  # the reports were never made: only they are made now
    assert "已生成 0，未改变而跳过 3" in result.out and "报告和汇总表 0 份" not in result.out
    assert {name for name in changed(tables, stamps(tree))} == {
        "2024/绩效自评结果报告/中共上海市委组织部.docx", "2024/绩效自评结果报告/另一个部门.docx",
        "2024/汇总.xlsx", "2024/审核意见.docx"}
