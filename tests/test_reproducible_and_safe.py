"""Reproducible bytes, and text from YAML that stays text in every format and never leads an output
out of the output folder."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from docgen.files import output_path
from tests.conftest import EXAMPLE, CliResult, replace_line

Cli = Callable[..., CliResult]
HOSTILE = '"{{ 7*7 }} <b>粗</b> &amp; =1+1 {% raw %}"'


@pytest.fixture
def tree(write: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write("inputs/2024/甲/a.yaml", replace_line(EXAMPLE, "项目名称: 党建服务工作经费", f"项目名称: {HOSTILE}"))
    write("inputs/2024/甲/b.yaml", replace_line(EXAMPLE, "  预期目标: 打造", "  预期目标: </td></tr></table><script>x</script>打造"))
    return tmp_path


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".docgen-cache.json"}


@pytest.mark.slow
def test_same_inputs_same_bytes_whatever_the_workers(cli: Cli, tree: Path) -> None:
    for folder, jobs in (("one", "1"), ("two", "2"), ("again", "1")):
        assert cli("render", "inputs", "-o", folder, "-j", jobs).exit_code == 0
    one = files(tree / "one")
    assert len(one) == 2 * 3 + 2 + 2 + 1
    assert files(tree / "two") == one and files(tree / "again") == one


def test_source_date_epoch_is_the_time_inside_documents(cli: Cli, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    assert cli("render", "inputs", "-o", "out", "--formats", "docx,xlsx", "--no-reports").exit_code == 0
    document = Document(str(tree / "out/2024/甲/a.docx"))
    assert document.core_properties.created.year == 2025
    with zipfile.ZipFile(tree / "out/2024/甲/a.xlsx") as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2025, 1, 1)}
        assert b"2025-01-01T00:00:00Z" in archive.read("docProps/core.xml")


def test_yaml_text_stays_text_in_every_format(cli: Cli, tree: Path) -> None:
    assert cli("render", "inputs", "-o", "out", "--no-reports").exit_code == 0
    written = "{{ 7*7 }} <b>粗</b> &amp; =1+1 {% raw %}"
    docx_texts = [c.text for t in Document(str(tree / "out/2024/甲/a.docx")).tables for r in t.rows for c in r.cells]
    assert written in docx_texts
    sheet = openpyxl.load_workbook(tree / "out/2024/甲/a.xlsx").active
    [cell] = [c for row in sheet.iter_rows() for c in row if c.value == written]
    assert cell.data_type == "s"
    pdf = subprocess.run(["pdftotext", str(tree / "out/2024/甲/a.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "{{ 7*7 }}" in pdf and "<b>粗</b>" in pdf and "49" not in pdf.split("预期目标")[0]
    other = subprocess.run(["pdftotext", str(tree / "out/2024/甲/b.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "</td></tr></table><script>x</script>打造" in "".join(other.split())


@pytest.mark.parametrize("source", ["/etc/passwd.yaml", "../../x.yaml", "inputs/../../y.yaml", "/tmp/inputs/../z.yaml"])
def test_outputs_never_leave_the_output_folder(source: str, tmp_path: Path) -> None:
    target = output_path(source, tmp_path / "out", "pdf").resolve()
    assert target.is_relative_to((tmp_path / "out").resolve()), target
