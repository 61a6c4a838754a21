"""A real browser (Debian's Chromium, driven by Playwright) against a real ``docgen serve``: the
dashboard and a project page open, a YAML file saved on disk changes the score on the open page
without a reload, and a value edited in the page changes exactly that scalar in the file."""

from __future__ import annotations

import difflib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from docgen.serve.app import create_app
from docgen.serve.workspace import Workspace
from tests.conftest import INPUTS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROJECT = "0/2024/中共上海市委组织部/党建服务工作经费.yaml"
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium 未安装（./quickstart.sh test 以 root 运行时会安装）")]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    import uvicorn

    folder = tmp_path / "inputs"
    shutil.copytree(INPUTS / "2024", folder / "2024")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Workspace((folder,)), workers=1)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", folder
    server.should_exit = True
    thread.join(10)


def test_live_preview_and_edit_in_a_real_browser(server: tuple[str, Path], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    address, folder = server
    path = folder / "2024/中共上海市委组织部/党建服务工作经费.yaml"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(address + "/")
        assert page.locator("#projects tbody tr").count() == 5
        page.fill("#filter", "党建服务")
        assert page.locator("#projects tbody tr:visible").count() == 1

        page.goto(f"{address}/project/{PROJECT}")
        page.wait_for_selector("#table")
        before = page.inner_text("#total")
        page.evaluate("window.notReloaded = true")
        time.sleep(0.5)  # the page's event stream is open
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("全年执行数: 184.65, 分值", "全年执行数: 220.00, 分值"), encoding="utf-8")
        page.wait_for_selector("#by-rule", timeout=5000)  # the amounts no longer give the declared 执行率 and 得分
        assert page.evaluate("window.notReloaded") is True  # updated in place, no reload
        assert page.inner_text("#total") == before  # the table prints the declared 总分 (printing: declared) …
        assert "执行率 94.01" in page.inner_text("#by-rule")  # 220 ÷ 234 = 94.017…%, truncated by the profile  # … and the rule's figures stand beside it, labelled

        field = page.locator("input[data-key*='实际完成值']").first
        key = field.get_attribute("data-key")
        original = path.read_bytes()
        field.fill("99.5(%)")
        page.click("#edit button[type=submit]")
        page.wait_for_function("document.getElementById('status').textContent.startsWith('已保存')", timeout=5000)
        changed = [line for line in difflib.ndiff(original.decode().splitlines(), path.read_text("utf-8").splitlines())
                   if line[:1] in "+-"]
        assert len(changed) == 2 and '"99.5(%)"' in changed[1], (key, changed)
        assert changed[0][2:].replace(changed[0][2:].split("实际完成值: ")[1].split(",")[0], '"99.5(%)"') == changed[1][2:]
        shot = tmp_path / "project.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 20_000

        # a value that cannot be read back (9,78 for a score) is refused in Chinese, the file untouched
        saved = path.read_bytes()
        score = page.locator("input[data-key*='得分']").first
        score.fill("9,78")
        page.click("#edit button[type=submit]")
        page.wait_for_function("document.getElementById('status').className === 'err'", timeout=5000)
        assert "得分" in page.inner_text("#status") and "9,78" in page.inner_text("#status")
        assert path.read_bytes() == saved
        # a file broken outside the workspace still shows its last table, the error, and the form to fix it
        broken_text = saved.decode().replace("分值: 10.00, 执行率", "分值: 1O, 执行率", 1)
        assert broken_text != saved.decode()
        path.write_text(broken_text, encoding="utf-8")
        for _ in range(50):  # until the workspace has seen the change
            page.reload()
            if page.locator("#error").count():
                break
            time.sleep(0.2)
        assert "1O" in page.inner_text("#error") and page.locator("#table").count() == 1
        broken = page.locator("#edit .broken")  # (the eight fields of its line are all marked, 1-7月执行数 and 全年预计执行数 among them)
        wrong = page.locator("#edit .broken[data-key*='分值']")
        assert broken.count() == 8 and wrong.count() == 1 and wrong.input_value() == "1O"
        wrong.fill("10.00")
        page.click("#edit button[type=submit]")
        page.wait_for_function("document.getElementById('status').textContent.startsWith('已保存')", timeout=5000)
        assert path.read_bytes() == saved
        browser.close()


def test_the_api_documentation_works_without_internet(server: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    address, _ = server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])  # no internet at all
        page = browser.new_page()
        outside: list[str] = []
        page.on("request", lambda request: outside.append(request.url)
                if not request.url.startswith(address) else None)
        page.goto(address + "/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=10000)
        assert "docgen" in page.inner_text(".swagger-ui .info .title")
        page.wait_for_selector('[data-path="/api/check"]', state="attached", timeout=10000)  # the operations, from /openapi.json
        assert outside == []  # nothing fetched from anywhere but docgen
        browser.close()
