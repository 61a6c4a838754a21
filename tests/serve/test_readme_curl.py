"""The README's curl examples, run exactly as written (only the address is this test's server): each
answers what the README says — the check as JSON, the documents as files, the year's figures."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from docgen.serve.app import create_app
from docgen.serve.workspace import Workspace
from tests.conftest import EXAMPLE, INPUTS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl 未安装")


def readme_curls() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("#### 生成 API", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.startswith("curl ")]


def serving(app: object) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[str, str]]:
    folder = tmp_path / "inputs"
    shutil.copytree(INPUTS / "2024", folder / "2024")
    open_app = create_app(Workspace((folder,)), workers=1, watch=False)
    token_app = create_app(Workspace((folder,)), token="s3cr3t", workers=1, watch=False)
    plain, guarded = serving(open_app), serving(token_app)
    yield next(plain), next(guarded)
    for server in (plain, guarded):
        next(server, None)


def test_the_readme_curl_examples_work_as_written(servers: tuple[str, str], tmp_path: Path) -> None:
    plain, guarded = servers
    work = tmp_path / "work"
    work.mkdir()
    (work / "项目.yaml").write_text(EXAMPLE, encoding="utf-8")
    (work / "项目.json").write_text(json.dumps(yaml.safe_load(EXAMPLE), ensure_ascii=False, default=str),
                                   encoding="utf-8")
    commands = readme_curls()
    assert len(commands) == 6
    for command in commands:
        address = guarded if "Authorization" in command else plain
        (work / "项目.pdf").unlink(missing_ok=True)
        done = subprocess.run(command.replace("http://localhost:8000", address), shell=True, cwd=work,
                              capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, (command, done.stderr)
        if "-o 项目.pdf" in command:
            assert (work / "项目.pdf").read_bytes().startswith(b"%PDF"), command
        elif "/api/check" in command:
            assert json.loads(done.stdout)["总分"] == "97.89", command
        else:
            summary = json.loads(done.stdout)
            assert summary["年度"] == 2024 and summary["项目数"] == 5, command
    assert re.search(r'--url-query "profile=上海市人社局"', " ".join(commands))
