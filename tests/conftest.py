"""Shared helpers: write evaluation files, load and score them, run the real CLI entry point."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
EXAMPLE = (DATA / "example.yaml").read_text(encoding="utf-8")


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


@pytest.fixture(autouse=True)
def no_library_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail any test during which WeasyPrint (or another library) logs a warning: a dropped CSS rule
    or a missing resource is a bug even when the document still comes out."""
    with caplog.at_level(logging.WARNING):
        yield
    stray = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING and r.name != "docgen"]
    assert not stray, [f"{r.name}: {r.getMessage()}" for r in stray]
