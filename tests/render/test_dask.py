"""``--executor dask://``: the same work units on a Dask cluster give the same bytes as a local run.
Runs when the optional extra is installed (``pip install 'dask[distributed]'``)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, CliResult, replace_line

pytest.importorskip("dask.distributed")


def test_render_on_a_local_cluster_matches_a_local_run(cli: Callable[..., CliResult], write: Callable[..., Path],
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dask.distributed import LocalCluster

    monkeypatch.chdir(tmp_path)
    write("inputs/2024/甲/a.yaml", EXAMPLE)
    write("inputs/2024/甲/b.yaml", replace_line(EXAMPLE, "项目名称: 党建服务工作经费", "项目名称: 乙项目"))
    local = cli("render", "inputs", "-o", "local", "--formats", "docx,xlsx", "-j", "1")
    assert local.exit_code == 0, local
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        remote = cli("render", "inputs", "-o", "remote", "--formats", "docx,xlsx", "--executor", f"dask://{address}")
    assert remote.exit_code == 0, remote
    same = subprocess.run(["diff", "-rq", "-x", ".docgen-cache.json", "local", "remote"], capture_output=True,
                          text=True, check=False)
    assert same.returncode == 0, same.stdout


def test_unknown_executor_scheme_is_refused(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(EXAMPLE, encoding="utf-8")
    result = cli("render", str(tmp_path), "--executor", "spark://x:1")
    assert result.exit_code == 3 and "dask://" in result.err
