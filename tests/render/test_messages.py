"""Where docgen used to stop with an internal error or an English one, a Chinese message naming the file
and what to do, and the other files still made (issue 16)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tests.conftest import EXAMPLE, CliResult, replace_line


def no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.out + result.err and "内部错误" not in result.out + result.err


def test_output_naming_a_file(write: Callable[..., Path], cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = write("inputs/2024/部/x.yaml", EXAMPLE)
    write("out.txt", "不是文件夹")
    result = cli("render", str(path), "-o", str(tmp_path / "out.txt"))
    assert result.exit_code == 3 and "是一个文件，不是文件夹" in result.err
    no_traceback(result)


def test_an_output_folder_that_cannot_be_written(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                tmp_path: Path) -> None:
    path = write("inputs/2024/部/x.yaml", EXAMPLE)
    write("out/2024", "一个文件挡住了文件夹")  # root writes anywhere: a file where a folder must go
    result = cli("render", str(path), "-o", str(tmp_path / "out"), "--formats", "docx")
    assert result.exit_code == 2 and "无法写入" in result.out and "不是文件夹" in result.out
    no_traceback(result)


def test_a_name_too_long_for_its_document(write: Callable[..., Path], cli: Callable[..., CliResult],
                                          tmp_path: Path) -> None:
    stem = "项" * 83 + "ab"  # 251 bytes: .yml fits in 255, .docx does not
    path = write(f"inputs/2024/部/{stem}.yml", EXAMPLE)
    good = write("inputs/2024/部/好.yaml", EXAMPLE)
    result = cli("render", str(path), str(good), "-o", str(tmp_path / "out"), "--formats", "docx")
    assert result.exit_code == 2 and "文件名太长" in result.out and "请缩短" in result.out
    assert (tmp_path / "out/2024/部/好.docx").is_file()
    no_traceback(result)


def test_a_template_expression_that_cannot_be_computed(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                        tmp_path: Path) -> None:
    write("tpl/坏/profile.yaml", "extends: default\n")
    write("tpl/坏/labels.j2", '{% extends "default/labels.j2" %}\n{% block title %}{{ year + "x" }}{% endblock %}\n')
    path = write("inputs/2024/部/x.yaml", EXAMPLE)
    result = cli("render", str(path), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "tpl"),
                 "--profile", "坏", "--formats", "docx")
    assert result.exit_code == 2 and "labels.j2" in result.out and "无法计算" in result.out
    no_traceback(result)


def test_a_symlink_loop_is_one_unreadable_file(write: Callable[..., Path], cli: Callable[..., CliResult],
                                               tmp_path: Path) -> None:
    folder = write("inputs/2024/部/好.yaml", EXAMPLE).parent
    os.symlink(folder / "b.yaml", folder / "a.yaml")
    os.symlink(folder / "a.yaml", folder / "b.yaml")
    result = cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--formats", "docx")
    assert result.exit_code == 2 and "符号链接形成了循环" in result.out
    assert (tmp_path / "out/2024/部/好.docx").is_file()
    no_traceback(result)


def test_a_huge_file_is_refused_before_it_is_read(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    path = write("inputs/2024/部/大.yaml", "")
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse: nothing is really written
    result = cli("check", str(path))
    assert result.exit_code == 2 and "文件过大（3072 MB）" in result.out
    no_traceback(result)


def test_a_yaml_line_breaking_the_template_is_not_a_bug(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                        tmp_path: Path) -> None:
    text = replace_line(EXAMPLE, "项目名称: 党建服务工作经费", "项目名称: 党建服务工作经费{{ 7*7 }}")
    result = cli("render", str(write("inputs/2024/部/x.yaml", text)), "-o", str(tmp_path / "out"), "--formats", "docx")
    assert result.exit_code == 0  # a value is text, never a template
    no_traceback(result)


def test_nothing_to_do_is_said_not_silently_succeeded(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                      tmp_path: Path) -> None:
    (tmp_path / "空").mkdir()
    result = cli("render", str(tmp_path / "空"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 3 and "没有找到自评表文件" in result.err
    path = write("inputs/2024/部/x.yaml", EXAMPLE)
    result = cli("render", str(path), "-o", str(tmp_path / "out"), "--formats", "")
    assert result.exit_code == 3 and "没有给出任何格式" in result.err


def test_upper_case_suffix_and_defaults_yml(write: Callable[..., Path], cli: Callable[..., CliResult]) -> None:
    write("inputs/2024/部/_defaults.yml", "主管部门: 来自默认值的部门\n")
    path = write("inputs/2024/部/项目.YAML", EXAMPLE.replace("主管部门: 中共上海市委组织部\n", ""))
    result = cli("check", "--json", str(path.parent))
    assert result.exit_code == 0, result.out
    assert "项目.YAML" in result.out and "来自默认值的部门" in result.out


def test_import_refuses_what_is_not_a_workbook_in_chinese(write: Callable[..., Path],
                                                          cli: Callable[..., CliResult], tmp_path: Path) -> None:
    for name, content in (("表.csv", "项目名称,甲\n".encode()), ("表", b"PK\x03\x04 broken"),
                          ("坏.xlsx", b"not a zip at all")):
        result = cli("import", str(write(name, content)), "-o", str(tmp_path / "out"))
        assert result.exit_code == 2, (name, result.out)
        assert "无法" in result.out or ".csv" in result.out, (name, result.out)
        no_traceback(result)
        assert "InvalidFileException" not in result.out


def test_a_logo_that_is_not_a_usable_picture(write: Callable[..., Path], cli: Callable[..., CliResult],
                                             tmp_path: Path) -> None:
    from PIL import Image

    write("tpl/文字标志/profile.yaml", "extends: default\nlogo: {file: logo.png}\n")
    write("tpl/文字标志/logo.png", "<svg>这不是 PNG</svg>")
    write("tpl/大标志/profile.yaml", "extends: default\nlogo: {file: logo.png}\n")
    Image.new("1", (5000, 10)).save(tmp_path / "tpl/大标志/logo.png")
    path = write("inputs/2024/部/x.yaml", EXAMPLE)
    for profile, words in (("文字标志", "不是 PNG、JPEG"), ("大标志", "5000×10 像素，过大")):
        result = cli("render", str(path), "-o", str(tmp_path / profile), "--templates", str(tmp_path / "tpl"),
                     "--profile", profile, "--formats", "docx,xlsx")
        assert result.exit_code == 2 and words in result.out, result.out
        no_traceback(result)
        assert "错误 0" not in result.out or "共 1 个文件" in result.out


def test_a_template_linking_outside_its_folder_is_refused(write: Callable[..., Path], cli: Callable[..., CliResult],
                                                          tmp_path: Path) -> None:
    secret = write("secret.txt", "机密")
    write("tpl/链接/profile.yaml", "extends: default\n")
    write("tpl/链接/labels.j2", '{% extends "default/labels.j2" %}\n{% block title %}{% include "x.j2" %}{% endblock %}\n')
    os.symlink(secret, tmp_path / "tpl/链接/x.j2")
    path = write("inputs/2024/部/x.yaml", EXAMPLE)
    result = cli("render", str(path), "-o", str(tmp_path / "out"), "--templates", str(tmp_path / "tpl"),
                 "--profile", "链接", "--formats", "docx")
    assert result.exit_code == 2 and "模板文件夹以外" in result.out and "机密" not in result.out
    assert not list((tmp_path / "out").rglob("x.docx"))
    no_traceback(result)


def test_a_folder_named_like_an_input_is_not_an_input(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    result = cli("render", str(tmp_path / "x.yaml"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 3 and "没有找到自评表文件" in result.err
