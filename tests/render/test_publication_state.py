"""The year's publication set follows all that year's inputs, whatever one run is given (issue 16): a
partial render keeps the whole year in 汇总.xlsx and the reports; a deleted report comes back; the
documents of a deleted, renamed, moved or --strict-held input are removed — only files docgen wrote and
nobody changed since."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.conftest import EXAMPLE, CliResult, replace_line

Render = Callable[..., CliResult]


def project(name: str, department: str) -> str:
    text = replace_line(EXAMPLE, "项目名称: 党建服务工作经费", f"项目名称: {name}")
    return replace_line(text, "主管部门: 中共上海市委组织部", f"主管部门: {department}")


@pytest.fixture
def year(write: Callable[..., Path], tmp_path: Path) -> Path:
    write("inputs/2024/部门A/甲.yaml", project("甲", "部门A"))
    write("inputs/2024/部门A/乙.yaml", project("乙", "部门A"))
    write("inputs/2024/部门B/丙.yaml", project("丙", "部门B"))
    return tmp_path / "inputs" / "2024"


@pytest.fixture
def render(cli: Callable[..., CliResult], tmp_path: Path) -> Render:
    def _render(*paths: Path | str, extra: tuple[str, ...] = ()) -> CliResult:
        return cli("render", *map(str, paths), "-o", str(tmp_path / "out"), "--formats", "docx,xlsx", "-j", "1",
                   *extra)
    return _render


def projects_in_workbook(out: Path) -> list[str]:
    sheet = openpyxl.load_workbook(out / "2024/汇总.xlsx")["项目汇总"]
    return [row[2].value for row in sheet.iter_rows(min_row=2) if row[0].value != "合计"]


def test_a_partial_render_keeps_the_whole_year(year: Path, render: Render, tmp_path: Path) -> None:
    assert render(year).exit_code == 0
    out = tmp_path / "out"
    result = render(year / "部门B")
    assert result.exit_code == 0, result.out
    assert sorted(projects_in_workbook(out)) == ["丙", "乙", "甲"]
    single = render(year / "部门A" / "甲.yaml")
    assert "未改变而跳过 1" in single.out and sorted(projects_in_workbook(out)) == ["丙", "乙", "甲"]
    assert (out / "2024/绩效自评结果报告/部门A.docx").is_file() and (out / "2024/绩效自评结果报告/部门B.docx").is_file()


def test_a_deleted_publication_is_made_again(year: Path, render: Render, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert render(year).exit_code == 0
    (out / "2024/汇总.xlsx").unlink()
    (out / "2024/绩效自评结果报告/部门B.docx").unlink()
    result = render(year)
    assert result.exit_code == 0 and "报告和汇总表 0 份" not in result.out
    assert (out / "2024/汇总.xlsx").is_file() and (out / "2024/绩效自评结果报告/部门B.docx").is_file()


def test_deleted_renamed_and_moved_inputs_leave_no_stale_documents(year: Path, render: Render, tmp_path: Path,
                                                                   write: Callable[..., Path]) -> None:
    out = tmp_path / "out"
    assert render(year).exit_code == 0
    (year / "部门B/丙.yaml").unlink()  # the only project of 部门B
    (year / "部门A/乙.yaml").rename(year / "部门A/乙二.yaml")
    result = render(year)
    assert result.exit_code == 0, result.out
    assert not (out / "2024/部门B/丙.docx").exists() and not (out / "2024/部门A/乙.xlsx").exists()
    assert (out / "2024/部门A/乙二.docx").is_file()
    assert not (out / "2024/绩效自评结果报告/部门B.docx").exists()  # 部门B has no project left
    assert "删除过期文件 5 份" in result.out  # 丙 ×2, 乙 ×2, 部门B's report
    assert sorted(projects_in_workbook(out)) == ["乙", "甲"]
    write("inputs/2024/部门A/甲.yaml", project("甲", "部门C"))  # its 主管部门 changes
    assert render(year).exit_code == 0
    assert (out / "2024/绩效自评结果报告/部门C.docx").is_file()
    assert (out / "2024/绩效自评结果报告/部门A.docx").is_file()  # 乙二 is still 部门A's


def test_an_input_held_back_by_strict_loses_its_old_documents(year: Path, render: Render, tmp_path: Path,
                                                             write: Callable[..., Path]) -> None:
    out = tmp_path / "out"
    assert render(year).exit_code == 0
    write("inputs/2024/部门B/丙.yaml", replace_line(project("丙", "部门B"), "总分: 97.89", "总分: 90.00"))
    result = render(year, extra=("--strict",))
    assert result.exit_code == 1 and not (out / "2024/部门B/丙.docx").exists()


def test_files_docgen_did_not_write_or_that_were_changed_are_kept(year: Path, render: Render, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert render(year).exit_code == 0
    mine = out / "2024/部门B/说明.txt"
    mine.write_text("自己的文件", encoding="utf-8")
    edited = out / "2024/部门B/丙.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # someone changed it after docgen wrote it
    (year / "部门B/丙.yaml").unlink()
    assert render(year).exit_code == 0
    assert mine.is_file() and edited.is_file() and not (out / "2024/部门B/丙.xlsx").exists()


def test_departments_whose_names_clash_as_file_names_get_a_report_each(write: Callable[..., Path],
                                                                      render: Render, tmp_path: Path) -> None:
    write("inputs/2024/一/甲.yaml", project("甲", "部门/A"))
    write("inputs/2024/二/乙.yaml", project("乙", "部门_A"))
    assert render(tmp_path / "inputs").exit_code == 0
    reports = sorted(p.name for p in (tmp_path / "out/2024/绩效自评结果报告").glob("*.docx"))
    assert len(reports) == 2 and all(name.startswith("部门_A") for name in reports)


def test_an_unreadable_input_is_listed_in_the_years_publications(year: Path, render: Render, tmp_path: Path,
                                                                 write: Callable[..., Path]) -> None:
    write("inputs/2024/部门B/坏.yaml", "项目名称: 坏\n年度指标值: >=90%\n")
    result = render(year)
    assert result.exit_code == 2
    out = tmp_path / "out"
    book = openpyxl.load_workbook(out / "2024/汇总.xlsx")
    rows = [[c.value for c in row] for row in book["项目汇总"].iter_rows(min_row=2)]
    [bad] = [row for row in rows if row[2] == "坏"]
    assert bad[9] == "无法读取" and bad[-1].endswith("坏.yaml")
    assert "另 1 个文件无法读取" in rows[-1][1]
    problems = [[c.value for c in row] for row in book["审核意见"].iter_rows(min_row=2) if row[4].value == "UNREADABLE"]
    assert problems and all(p[1] == "坏" and p[6] == "无法读取" and p[8] for p in problems)

    text = "\n".join(p.text for p in Document(str(out / "2024/审核意见.docx")).paragraphs)
    cells = [c.text for t in Document(str(out / "2024/审核意见.docx")).tables for r in t.rows for c in r.cells]
    assert "无法读取的文件" in text and any(c.endswith("坏.yaml") for c in cells)


def test_a_partial_render_from_another_folder_removes_nothing(year: Path, cli: Callable[..., CliResult],
                                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    assert cli("render", "inputs", "-o", str(out), "--formats", "docx,xlsx", "-j", "1").exit_code == 0
    before = sorted(p.name for p in out.rglob("*.*") if not p.name.startswith("."))
    monkeypatch.chdir(year)  # the same inputs, named from somewhere else
    result = cli("render", "部门B", "-o", str(out), "--formats", "docx,xlsx", "-j", "1")
    assert result.exit_code == 0 and "删除过期文件" not in result.out, result.out
    assert sorted(p.name for p in out.rglob("*.*") if not p.name.startswith(".")) == before
    assert sorted(projects_in_workbook(out)) == ["丙", "乙", "甲"]


def test_a_run_with_fewer_formats_keeps_the_other_formats(year: Path, render: Render, tmp_path: Path,
                                                          cli: Callable[..., CliResult]) -> None:
    out = tmp_path / "out"
    assert render(year).exit_code == 0  # docx and xlsx
    result = cli("render", str(year), "-o", str(out), "--formats", "docx", "-j", "1", "--force")
    assert result.exit_code == 0 and "删除过期文件" not in result.out, result.out
    assert (out / "2024/部门A/甲.xlsx").is_file() and (out / "2024/汇总.xlsx").is_file()


def test_an_unreadable_input_does_not_remake_the_year_until_it_changes(year: Path, render: Render, tmp_path: Path,
                                                                      write: Callable[..., Path]) -> None:
    """Listed once; a run with nothing changed leaves 审核意见 and 汇总.xlsx as they are (a 1000-project year's
    审核意见 takes a minute); editing the unreadable file, fixing it or removing it makes them again."""
    write("inputs/2024/部门B/坏.yaml", "项目名称: 坏\n年度指标值: >=90%\n")
    assert render(year).exit_code == 2
    audit, book = tmp_path / "out/2024/审核意见.docx", tmp_path / "out/2024/汇总.xlsx"
    before = (audit.stat().st_mtime_ns, book.stat().st_mtime_ns)
    again = render(year)
    assert again.exit_code == 2 and "报告和汇总表 0 份" in again.out, again.out
    assert (audit.stat().st_mtime_ns, book.stat().st_mtime_ns) == before
    write("inputs/2024/部门B/坏.yaml", "项目名称: 坏\n年度指标值: >=95%\n")  # still unreadable, but not the same
    assert "报告和汇总表 0 份" not in render(year).out
    write("inputs/2024/部门B/坏.yaml", project("坏", "部门B"))  # fixed
    assert render(year).exit_code == 0
    assert "坏" in projects_in_workbook(tmp_path / "out")


def test_a_partial_render_keeps_the_years_unreadable_inputs_listed(year: Path, render: Render, tmp_path: Path,
                                                                   write: Callable[..., Path]) -> None:
    """A file that could not be read stays in its year's 汇总.xlsx and 审核意见 when a later run is given only
    another department: the year's publications list what a run over the whole year lists."""
    write("inputs/2024/部门B/坏.yaml", "项目名称: 坏\n年度指标值: >=90%\n")
    assert render(year).exit_code == 2
    out = tmp_path / "out"
    write("inputs/2024/部门A/甲.yaml", project("甲改", "部门A"))  # an edit elsewhere in the year
    partial = render(year / "部门A")
    assert partial.exit_code == 0 and "报告和汇总表 0 份" not in partial.out, partial.out
    assert sorted(projects_in_workbook(out)) == ["丙", "乙", "坏", "甲改"]
    book = openpyxl.load_workbook(out / "2024/汇总.xlsx")
    assert any(row[4].value == "UNREADABLE" for row in book["审核意见"].iter_rows(min_row=2))
    assert "报告和汇总表 0 份" in render(year / "部门A").out  # nothing changed: nothing made again
    (year / "部门B" / "坏.yaml").unlink()
    assert render(year / "部门A").exit_code == 0
    assert sorted(projects_in_workbook(out)) == ["丙", "乙", "甲改"]


def test_an_unchanged_project_is_checked_once_for_all_the_reports_that_list_it(
        year: Path, render: Render, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """甲 changes: 部门A's report and the year's 审核意见 and 汇总.xlsx are made again, and list 乙 (unchanged,
    not rendered) and 丙 (its department unchanged): each is checked once for them all, not once per report."""
    import docgen.render.worker as worker

    assert render(year).exit_code == 0
    (year / "部门A/甲.yaml").write_text(project("甲", "部门A") + "# 修订\n", encoding="utf-8")
    checked: list[str] = []
    real = worker.check_file

    def counted(path: str, *args: object, **kwargs: object) -> object:
        checked.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(worker, "check_file", counted)
    result = render(year)
    assert result.exit_code == 0 and "未改变而跳过 2" in result.out, result.out
    assert sorted(checked) == ["丙.yaml", "乙.yaml"]  # once each (甲 is rendered: its check is its render's)
    out = tmp_path / "out"
    assert sorted(projects_in_workbook(out)) == ["丙", "乙", "甲"]
    department = "\n".join(p.text for p in Document(str(out / "2024/绩效自评结果报告/部门A.docx")).paragraphs)
    assert "乙" in department and "甲" in department


def test_a_project_whose_check_fails_is_a_failure_of_the_run_not_left_out_silently(
        year: Path, render: Render, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docgen.render.worker as worker

    assert render(year).exit_code == 0
    (year / "部门A/甲.yaml").write_text(project("甲", "部门A") + "# 修订\n", encoding="utf-8")
    real = worker.check_file

    def broken_for_b(path: str, *args: object, **kwargs: object) -> object:
        if Path(path).name == "乙.yaml":
            raise RuntimeError("模拟的程序错误")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(worker, "check_file", broken_for_b)
    result = render(year)
    assert result.exit_code != 0 and "乙.yaml: docgen 内部错误（RuntimeError: 模拟的程序错误）" in result.out, result.out
