"""A profile's reference.docx: the agency's Word document, its tags filled, every .docx poured into it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from tests.conftest import EXAMPLE, CliResult, replace_line


def reference(path: Path, body: list[str], header: str = "{{ agency }} 绩效自评") -> None:
    """A Word document as an office would write it: a letterhead header, paragraphs with tags."""
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Mm(25)
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = "{{ department }} 印发"
    for text in body:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


@pytest.fixture
def agency(write: Callable[..., Path], tmp_path: Path) -> Path:
    write("模板/函件/profile.yaml", "extends: 上海市委组织部-2024\nagency: 上海市某某局\n")
    write("inputs/2024/部门/项目.yaml", replace_line(EXAMPLE, "项目名称: 党建服务工作经费", "项目名称: 党建 & <服务> 经费"))
    return tmp_path


def render(cli: Callable[..., CliResult], root: Path, *extra: str) -> CliResult:
    return cli("render", str(root / "inputs"), "-o", str(root / "out"), "--templates", str(root / "模板"),
               "--profile", "函件", "--formats", "docx", *extra)


def test_tags_are_filled_and_the_table_goes_where_the_document_says(agency: Path, cli: Callable[..., CliResult]
                                                                     ) -> None:
    reference(agency / "模板/函件/reference.docx", ["关于{{ project }}的自评（{{ year }}年度）", "{{p table }}", "（完）"])
    result = render(cli, agency, "--no-reports")
    assert result.exit_code == 0, result.out
    document = docx.Document(str(agency / "out/2024/部门/项目.docx"))
    assert document.sections[0].header.paragraphs[0].text == "上海市某某局 绩效自评"
    assert document.sections[0].footer.paragraphs[0].text == "中共上海市委组织部 印发"
    assert abs(document.sections[0].left_margin - Mm(25)) < Mm(0.1)  # the agency's page set-up, not docgen's
    body = [child.tag.rsplit("}", 1)[1] for child in document.element.body]
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于党建 & <服务> 经费的自评（2024年度）"  # autoescaped: text stays text
    assert texts[-1] == "（完）" and body.count("tbl") == 2  # the funding and indicator blocks, before 完
    assert "{{" not in "".join(texts)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"执行率(%)", "78.91", "97.89", "优"} <= cells


def test_without_a_table_tag_the_table_follows_the_letterhead(agency: Path, cli: Callable[..., CliResult]) -> None:
    reference(agency / "模板/函件/reference.docx", ["{{ agency }}"])
    assert render(cli, agency).exit_code == 0
    document = docx.Document(str(agency / "out/2024/部门/项目.docx"))
    assert document.paragraphs[0].text == "上海市某某局" and len(document.tables) == 2
    for report in (agency / "out/2024/绩效自评结果报告/中共上海市委组织部.docx", agency / "out/2024/审核意见.docx"):
        opened = docx.Document(str(report))  # reports are poured into the same letterhead
        assert opened.paragraphs[0].text == "上海市某某局", report
        assert opened.sections[0].header.paragraphs[0].text == "上海市某某局 绩效自评"


@pytest.mark.parametrize(("body", "said"), [
    (["{{ project.__class__.__mro__ }}"], "无法执行"),
    (["{{ secret }}"], "未知的标签 secret"),
    (["{% for %}"], "标签有误"),
])
def test_refused_tags_are_named_in_chinese(agency: Path, cli: Callable[..., CliResult], body: list[str], said: str
                                           ) -> None:
    reference(agency / "模板/函件/reference.docx", body)
    result = render(cli, agency, "--no-reports")
    assert result.exit_code != 0 and "reference.docx" in result.out and said in result.out, result.out
    assert "Traceback" not in result.out + result.err


def test_a_malformed_reference_is_named(agency: Path, cli: Callable[..., CliResult], write: Callable[..., Path]
                                        ) -> None:
    write("模板/函件/reference.docx", b"not a word document")
    result = render(cli, agency, "--no-reports")
    assert result.exit_code != 0 and "reference.docx: 不是有效的 Word 文档" in result.out, result.out


def test_profiles_check_names_a_bad_reference(agency: Path, cli: Callable[..., CliResult]) -> None:
    reference(agency / "模板/函件/reference.docx", ["{{ secret }}"])
    result = cli("profiles", "--check", "--templates", str(agency / "模板"))
    assert result.exit_code == 2 and "未知的标签 secret" in result.out, result.out


def test_core_properties_stay_in_their_namespace(agency: Path, cli: Callable[..., CliResult]) -> None:
    """docxcompose (under docxtpl) rebinds python-docx's "cp" prefix; docgen puts it back, so neither the
    reference documents nor any .docx written later in the same process get properties Word rejects."""
    import zipfile

    reference(agency / "模板/函件/reference.docx", ["{{p table }}"])
    assert render(cli, agency, "--no-reports").exit_code == 0
    plain = cli("render", str(agency / "inputs"), "-o", str(agency / "plain"), "--formats", "docx", "--no-reports")
    assert plain.exit_code == 0
    for made in (agency / "out/2024/部门/项目.docx", agency / "plain/2024/部门/项目.docx"):
        core = zipfile.ZipFile(made).read("docProps/core.xml").decode()
        assert "custom-properties" not in core, core
