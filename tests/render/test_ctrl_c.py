"""Ctrl-C in the middle of a render (issue 16): it stops within a few seconds, says 已中断 and what was
made, keeps the finished documents in the cache, and the next run goes on from there."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_soon_and_keeps_what_was_made(tmp_path: Path, jobs: str) -> None:
    shutil.copytree(ROOT / "inputs/2022", tmp_path / "inputs/2022")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "docgen", "render", "inputs", "-o", "out", "-j", jobs],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.pdf"))) < 2 and time.monotonic() < deadline:  # some documents are done
        time.sleep(0.05)
    time.sleep(0.5)  # and their results are back in the main process
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C, to the whole group
    interrupted = time.monotonic()
    stdout, stderr = process.communicate(timeout=60)
    assert time.monotonic() - interrupted < 5, "took too long to stop"
    assert process.returncode == 130, (stdout, stderr)
    assert "已中断" in stdout and "Traceback" not in stdout + stderr
    assert not list(out.rglob(".docgen-*.tmp"))  # what the stopped workers were writing is swept at once
    cache = json.loads((out / ".docgen-cache.json").read_text(encoding="utf-8"))
    assert 0 < len(cache["files"]) < 19
    again = subprocess.run([sys.executable, "-m", "docgen", "render", "inputs", "-o", "out", "-j", jobs],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and f"未改变而跳过 {len(cache['files'])}" in again.stdout
    assert not list(out.rglob(".docgen-*.tmp"))
