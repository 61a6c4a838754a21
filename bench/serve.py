"""Benchmark of docgen serve: preview latency (a YAML file saved → the open page's event → the page
fetched again with the new figure), and API renders per second per core.

    .venv/bin/python bench/serve.py            # 10 saves, 24 PDF renders through POST /api/render
    .venv/bin/python bench/serve.py -n 20 --renders 48
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "2024/中共上海市委组织部/党建服务工作经费.yaml"


def main(argv: list[str]) -> int:
    import uvicorn

    from docgen.serve.app import create_app
    from docgen.serve.workspace import Workspace

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10, help="how many saves to time (default 10)")
    parser.add_argument("--renders", type=int, default=24, help="how many API renders (default 24)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs"
        shutil.copytree(ROOT / "inputs/2024", inputs / "2024")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(Workspace((inputs,)), workers=cores, queue=4 * cores),
                                               host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        page = f"{base}/project/0/{quote(PROJECT)}"
        urllib.request.urlopen(page).read()  # warm: the first check of the file
        latencies = preview_latencies(base, page, inputs / PROJECT, args.n)
        rate = renders_per_second(base, (ROOT / "tests/data/example.yaml").read_bytes(), args.renders, 2 * cores)
        server.should_exit = True
    print(f"docgen serve benchmark ({cores} cores)")
    print(f"preview latency, save → updated page: median {statistics.median(latencies) * 1000:.0f} ms "
          f"(min {min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f}; {args.n} saves)")
    print(f"API renders (PDF of tests/data/example.yaml, 10 indicators): {rate:.2f}/s, {rate / cores:.2f}/s per core "
          f"({args.renders} requests, {2 * cores} at a time)")
    return 0


def preview_latencies(base: str, page: str, path: Path, count: int) -> list[float]:
    """Time from writing the file to having the page with the new value, through the event stream."""
    stream = urllib.request.urlopen(f"{base}/events")
    stream.readline()  # retry:
    stream.readline()  # data: the current version
    stream.readline()
    original = path.read_text(encoding="utf-8")
    latencies = []
    for index in range(count):
        days = 300 + index
        started = time.perf_counter()
        path.write_text(original.replace("实际完成值: 365(天)", f"实际完成值: {days}(天)"), encoding="utf-8")
        while not stream.readline().startswith(b"data:"):
            pass
        html = urllib.request.urlopen(page).read().decode("utf-8")
        latencies.append(time.perf_counter() - started)
        assert f"{days}(天)" in html
        time.sleep(0.2)
    path.write_text(original, encoding="utf-8")
    return latencies


def renders_per_second(base: str, body: bytes, count: int, parallel: int) -> float:
    def post(_: int) -> int:
        request = urllib.request.Request(f"{base}/api/render?format=pdf", data=body, method="POST")
        with urllib.request.urlopen(request) as response:
            return len(response.read())

    post(0)  # start the workers
    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as threads:
        sizes = list(threads.map(post, range(count)))
    assert all(sizes)
    return count / (time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
