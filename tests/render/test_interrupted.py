"""A render killed with SIGKILL in the middle of writing a document (a table's, then a report's): every
document in the output folder still opens, documents from the earlier run are never lost or
truncated, and the next run leaves no temporary file behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pdfplumber
from docx import Document

from tests.conftest import ROOT


def documents(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.suffix in (".docx", ".xlsx", ".pdf") and not p.name.startswith(".")}


def assert_all_open(out: Path) -> None:
    for path in out.rglob("*"):
        if path.name.startswith("."):
            continue
        if path.suffix == ".docx":
            Document(str(path))
        elif path.suffix == ".xlsx":
            openpyxl.load_workbook(path)
        elif path.suffix == ".pdf":
            with pdfplumber.open(path) as pdf:
                assert pdf.pages


def render(tmp_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "docgen", "render", "inputs", "-o", "out", "-j", "1", "--force"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def kill_while_writing(process: subprocess.Popen[bytes], out: Path, nth: int) -> Path | None:
    """Kill the render while its ``nth`` temporary file (a document being written) exists; return it.
    Temporaries an earlier killed run left (this run removes them first) do not count."""
    left = set(out.rglob(".docgen-*.tmp"))
    seen: list[Path] = []
    while process.poll() is None:
        for temporary in out.rglob(".docgen-*.tmp"):
            if temporary not in seen and temporary not in left:
                seen.append(temporary)
        if len(seen) >= nth and seen[nth - 1].exists():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return seen[nth - 1]
        time.sleep(0.002)
    return None


def test_killed_runs_lose_nothing(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "inputs/2024", tmp_path / "inputs/2024")
    assert render(tmp_path).wait(timeout=300) == 0
    out = tmp_path / "out"
    earlier = documents(out)
    assert len(earlier) == 5 * 3 + 2 + 2 + 1  # tables, the department report, the audit report, 汇总.xlsx
    cut = []
    for nth in (1, 3, 7, 11):  # the first table, later ones, the last ones or the publication set
        process = render(tmp_path)
        temporary = kill_while_writing(process, out, nth)
        assert temporary is not None, f"the render finished before its write number {nth}"
        if temporary.exists():  # killed mid-write: the half-written file is left as a temporary only
            cut.append(temporary.name)
        assert_all_open(out)
        assert documents(out) == earlier  # same inputs give the same bytes: nothing truncated or lost
    assert cut, "no write was cut"
    assert render(tmp_path).wait(timeout=300) == 0
    assert not list(out.rglob(".docgen-*.tmp"))
    assert documents(out) == earlier
