"""Shared helpers: write evaluation files, run the real CLI entry point, and the sample inputs
rendered once per test session (tables and the publication set) by the real run, read back by the
painters' and the publication's tests."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from docgen.cli import main
from docgen.inputs.load import find_inputs
from docgen.layout.model import TableLayout
from docgen.render.run import Run, RunResult, render_files

# Property tests draw the same examples on every run, so CI is repeatable; no deadline on a busy machine.
settings.register_profile("docgen", derandomize=True, deadline=None)
settings.load_profile("docgen")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
EXAMPLE = (DATA / "example.yaml").read_text(encoding="utf-8")
INPUTS = ROOT / "inputs"


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a file below tmp_path (text as UTF-8, bytes as given) and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@dataclass
class CliResult:
    exit_code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``docgen`` through its real entry point, as a user's shell would."""

    def _run(*args: str) -> CliResult:
        if args[:1] == ("render",) and not {"-j", "--jobs"} & set(args) and not any(a.startswith("--jobs=") for a in args):
            args = ("render", "-j", "1", *args[1:])  # one process: a pool of every core only for parallelism tests
        monkeypatch.setattr(sys, "argv", ["docgen", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        captured = capsys.readouterr()
        code = exited.value.code
        return CliResult(code if isinstance(code, int) else 1, captured.out, captured.err)

    return _run


def replace_line(text: str, old: str, new: str) -> str:
    """The example with one exact piece of it replaced (the piece must exist)."""
    assert old in text, old
    return text.replace(old, new, 1)


# What `pytest -m "not slow"` leaves out: tests on the session's renders of every sample, LibreOffice,
# the browser, a wheel build, runs interrupted in fresh interpreters.
SLOW_FIXTURES = {"published", "published_typst", "samples", "libreoffice_pdfs"}
SLOW_MODULES = {"test_interrupted", "test_package", "test_browser", "test_published_tables", "test_fuzz", "test_ctrl_c",
                "test_report_readback", "test_dask", "test_long_reports", "test_spool", "test_one_figure_per_fact"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "libreoffice_pdfs" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.libreoffice)
        module = getattr(item, "module", None)
        name = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
        if (SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or name in SLOW_MODULES
                or item.get_closest_marker("libreoffice") or item.get_closest_marker("browser")):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def no_library_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail any test during which WeasyPrint (or another library) logs a warning: a dropped CSS rule
    or a missing resource is a bug even when the document still comes out."""
    with caplog.at_level(logging.WARNING):
        yield
    stray = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING and r.name != "docgen"]
    assert not stray, [f"{r.name}: {r.getMessage()}" for r in stray]


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult]:
    """Every sample input rendered once, in all three formats, with its publication set, by ``docgen
    render``'s own run (in this process, so its layouts can be compared with what was painted)."""
    out = tmp_path_factory.mktemp("published")
    result = render_files(find_inputs([str(INPUTS)]), Run(out))
    assert not result.published.failures, [f.format_message() for f in result.published.failures]
    assert not result.failed, [r.checked.source for r in result.failed]
    return out, result


RenderProfile = Callable[..., CliResult]


@pytest.fixture
def render_profile(write: Callable[..., Path], cli: Callable[..., CliResult], tmp_path: Path) -> RenderProfile:
    """``docgen render --formats pdf`` of the example (``projects``: 1 or 2, one department) with a profile
    ``name`` that extends default with ``settings`` (and holds ``files``), into tmp_path/out."""

    def _render(name: str, settings: str, *extra: str, projects: int = 1,
                files: dict[str, str | bytes] | None = None) -> CliResult:
        write(f"模板/{name}/profile.yaml", "extends: default\n" + settings)
        for file, content in (files or {}).items():
            write(f"模板/{name}/{file}", content)
        write("inputs/2024/部门/项目.yaml", EXAMPLE)
        if projects > 1:
            write("inputs/2024/部门/项目二.yaml", EXAMPLE.replace("党建服务工作经费", "第二个项目"))
        return cli("render", str(tmp_path / "inputs"), "-o", str(tmp_path / "out"), "--templates",
                   str(tmp_path / "模板"), "--profile", name, "--formats", "pdf", *extra)

    return _render


@pytest.fixture(scope="session")
def published_typst(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult]:
    """Every sample input's PDFs and publication set through Typst (``--pdf-engine typst``)."""
    out = tmp_path_factory.mktemp("published-typst")
    result = render_files(find_inputs([str(INPUTS)]), Run(out, ("pdf",), pdf_engine="typst"))
    assert not result.published.failures, [f.format_message() for f in result.published.failures]
    assert not result.failed, [r.checked.source for r in result.failed]
    return out, result


@dataclass(frozen=True)
class Sample:
    name: str
    layout: TableLayout
    files: dict[str, Path]


@pytest.fixture(scope="session")
def libreoffice_pdfs(published: tuple[Path, RunResult], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every sample .docx converted to PDF by LibreOffice, in one start for the session: the PDF of each
    .docx (by its path)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is installed by ./quickstart.sh test")
    _, result = published
    folder = tmp_path_factory.mktemp("libreoffice")
    copies = {}
    for index, item in enumerate(result.rendered):
        docx = next(path for path in item.outputs if path.suffix == ".docx")
        copy = folder / "in" / f"{index}.docx"  # two samples share a name in different years
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(docx, copy)
        copies[docx] = folder / "out" / f"{index}.pdf"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder / "out"), *sorted(str(p) for p in (folder / "in").iterdir())],
                   capture_output=True, check=True, timeout=600)
    return copies


@pytest.fixture(scope="session")
def samples(published: tuple[Path, RunResult]) -> list[Sample]:
    """The session's one render of the samples (``published``), table by table, in input order."""
    _, result = published
    rendered = []
    for item in sorted(result.rendered, key=lambda r: Path(r.checked.source)):
        assert item.layout is not None
        files = {path.suffix.lstrip("."): path for path in item.outputs}
        rendered.append(Sample(str(Path(item.checked.source).relative_to(ROOT)), item.layout, files))
    return rendered


def independent_totals() -> dict[tuple[int, str], dict[str, Decimal]]:
    """Sum the sample inputs' 年度资金总额 per (year, 主管部门) in 万元, without docgen: PyYAML's BaseLoader
    (every scalar a string), the defaults file beside each input, commas dropped, 元 ÷ 10000."""
    totals: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for path in sorted(INPUTS.rglob("*.yaml")):
        if path.name.startswith("_"):
            continue
        defaults = yaml.load((path.parent / "_defaults.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        data = {**defaults, **yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)}
        divisor = Decimal(10000) if data.get("资金单位", "万元") == "元" else Decimal(1)
        key = (int(path.parent.parent.name), data["主管部门"])
        for column, written in data["项目资金"]["年度资金总额"].items():
            if column in ("年初预算数", "全年预算数", "全年执行数") and written not in ("", "—", "-"):
                totals[key][column] += Decimal(written.replace(",", "")) / divisor
        totals[key]["projects"] += 1
    return totals
