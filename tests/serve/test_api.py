"""docgen serve's HTTP side, through the ASGI test client: every endpoint, bad and hostile requests,
the edit that rewrites one scalar and nothing else, the bounded render queue, the token, the watcher."""

from __future__ import annotations

import difflib
import io
import re
import shutil
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import openpyxl
import pdfplumber
import pytest
from docx import Document
from fastapi.testclient import TestClient
from pypdf import PdfReader

from docgen.audit.listing import as_json
from docgen.pipeline import check_file
from docgen.serve import editing
from docgen.serve.app import create_app
from docgen.serve.workspace import Workspace
from docgen.summaries.groups import ProjectLine, by_year
from tests.conftest import EXAMPLE, INPUTS

PROJECT = "0/2024/中共上海市委组织部/党建服务工作经费.yaml"


@pytest.fixture
def served(tmp_path: Path) -> tuple[Path, Any]:
    folder = tmp_path / "inputs"
    shutil.copytree(INPUTS / "2024", folder / "2024")
    app = create_app(Workspace((folder,)), workers=2, queue=2, watch=False)
    return folder, app


@pytest.fixture
def client(served: tuple[Path, Any]) -> TestClient:
    return TestClient(served[1])


def test_check_gives_what_docgen_check_json_gives(client: TestClient, tmp_path: Path) -> None:
    response = client.post("/api/check", content=EXAMPLE.encode())
    assert response.status_code == 200
    path = tmp_path / "请求.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    expected = as_json(check_file(str(path)))
    got = response.json()
    assert got["file"] == "请求" and {k: v for k, v in got.items() if k != "file"} == \
        {k: v for k, v in expected.items() if k != "file"}


def test_check_reads_json_too(client: TestClient) -> None:
    import json

    import yaml

    data = yaml.load(EXAMPLE, Loader=yaml.BaseLoader)  # every scalar a string, as written
    response = client.post("/api/check", content=json.dumps(data, ensure_ascii=False).encode(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and response.json()["项目名称"] == "党建服务工作经费"


def test_bad_yaml_is_a_chinese_message_with_its_line(client: TestClient) -> None:
    response = client.post("/api/check", content="项目名称: 测试\n项目资金: {年度资金总额: [\n".encode())
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["line"] >= 2 and "YAML" in error["message"] and "请" in error["message"]
    response = client.post("/api/render?format=pdf", content=b"\xff\xfe not utf-8")
    assert response.status_code == 422 and "UTF-8" in response.json()["error"]["message"]


def test_oversized_bodies_are_refused(client: TestClient) -> None:
    big = b"#" * (2 * 1024 * 1024 + 1)
    assert client.post("/api/check", content=big).status_code == 413

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(3):
            yield b"#" * (1024 * 1024)

    assert client.post("/api/check", content=chunks()).status_code == 413


def test_render_each_format(client: TestClient) -> None:
    pdf = client.post("/api/render?format=pdf", content=EXAMPLE.encode())
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        assert "党建服务工作经费" in (document.pages[0].extract_text() or "")
    docx = client.post("/api/render?format=docx", content=EXAMPLE.encode())
    assert docx.status_code == 200
    assert any("党建服务工作经费" in c.text for t in Document(io.BytesIO(docx.content)).tables
               for r in t.rows for c in r.cells)
    xlsx = client.post("/api/render?format=xlsx&profile=上海市人社局", content=EXAMPLE.encode())
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert any(cell.value == "党建服务工作经费" for row in sheet.iter_rows() for cell in row)
    assert client.post("/api/render?format=odt", content=EXAMPLE.encode()).status_code == 400
    unknown = client.post("/api/render?format=pdf&profile=没有这个模板", content=EXAMPLE.encode())
    assert unknown.status_code == 422 and "模板" in unknown.json()["error"]["message"]


def test_render_with_either_pdf_engine(client: TestClient) -> None:
    """?engine= chooses the PDF engine per request, as --pdf-engine does per run: the same table either way."""
    texts = {}
    for engine, maker in (("typst", "Typst"), ("weasyprint", "WeasyPrint")):
        pdf = client.post(f"/api/render?format=pdf&engine={engine}", content=EXAMPLE.encode())
        assert pdf.status_code == 200, pdf.text
        metadata = PdfReader(io.BytesIO(pdf.content)).metadata or {}
        assert maker in metadata.get("/Producer", "") + metadata.get("/Creator", "")
        with pdfplumber.open(io.BytesIO(pdf.content)) as document:
            texts[engine] = "".join((page.extract_text() or "") for page in document.pages)
    for figure in ("党建服务工作经费", "100.00"):
        assert figure in texts["typst"] and figure in texts["weasyprint"]
    wrong = client.post("/api/render?format=pdf&engine=latex", content=EXAMPLE.encode())
    assert wrong.status_code == 400 and "weasyprint" in wrong.json()["error"]["message"]


def test_year_summary(client: TestClient, served: tuple[Path, Any]) -> None:
    folder, _ = served
    response = client.get("/api/years/2024/summary")
    assert response.status_code == 200
    body = response.json()
    lines = [ProjectLine(check_file(str(p))) for p in sorted(folder.rglob("*.yaml")) if not p.name.startswith("_")]
    summary = by_year(lines)[2024]
    assert body["项目数"] == len(summary.projects) == len(body["项目"])
    assert body["执行率"] == f"{summary.execution_rate:.2f}"
    assert client.get("/api/years/1999/summary").status_code == 404


def test_pages(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "党建服务工作经费" in page.text and "中共上海市委组织部" in page.text
    project = client.get(f"/project/{PROJECT}")
    assert project.status_code == 200 and "data-key" in project.text and "审核意见" in project.text
    table = client.get(f"/project/{PROJECT}/table")
    assert table.status_code == 200 and "党建服务工作经费" in table.text and "<table" in table.text
    other = client.get(f"/project/{PROJECT}/table?profile=上海市人社局")
    assert other.status_code == 200 and other.text != table.text
    download = client.get(f"/project/{PROJECT}/download/xlsx")
    assert download.status_code == 200 and download.content[:2] == b"PK"


@pytest.mark.parametrize("name", ["0/../../etc/passwd", "0/2024/../../outside.yaml", "/etc/passwd", "0//etc/passwd",
                                  "1/2024/中共上海市委组织部/党建服务工作经费.yaml", "0/2024/中共上海市委组织部/_defaults.yaml"])
def test_paths_outside_the_served_files_are_refused(client: TestClient, name: str) -> None:
    assert client.get(f"/project/{name}").status_code == 404
    assert client.post(f"/project/{name}/edit", json={"version": "", "changes": {}}).status_code == 404


def test_a_link_out_of_the_served_folder_is_not_served(served: tuple[Path, Any], tmp_path: Path) -> None:
    folder, app = served
    outside = tmp_path / "secret.yaml"
    outside.write_text(EXAMPLE, encoding="utf-8")
    (folder / "2024/link.yaml").symlink_to(outside)
    client = TestClient(app)
    assert client.get("/project/0/2024/link.yaml").status_code == 404
    response = client.post("/project/0/2024/link.yaml/edit",
                           json={"version": editing.version(outside.read_bytes()), "changes": {}})
    assert response.status_code == 404 and outside.read_text(encoding="utf-8") == EXAMPLE


def test_edit_rewrites_exactly_that_scalar(client: TestClient, served: tuple[Path, Any]) -> None:
    folder, _ = served
    path = folder / "2024/中共上海市委组织部/党建服务工作经费.yaml"
    before = path.read_bytes()
    [value] = [v for v in editing.editable_values(before.decode()) if v.path[-1] == "实际完成值"][:1]
    response = client.post(f"/project/{PROJECT}/edit", json={"version": editing.version(before),
                                                              "changes": {value.key: "96.5(%)"}})
    assert response.status_code == 200, response.text
    after = path.read_bytes()
    changed = [line for line in difflib.ndiff(before.decode().splitlines(), after.decode().splitlines())
               if line[:1] in "+-"]
    old_line = before.decode().splitlines()[value.line - 1]
    new_line = old_line.replace(f"实际完成值: {value.text}", '实际完成值: "96.5(%)"')
    assert changed == [f"- {old_line}", f"+ {new_line}"]
    assert len(after) - len(before) == len('"96.5(%)"') - len(value.text)
    stale = client.post(f"/project/{PROJECT}/edit", json={"version": editing.version(before),
                                                           "changes": {value.key: "1"}})
    assert stale.status_code == 409 and "刷新" in stale.json()["error"]["message"]
    assert path.read_bytes() == after


@pytest.mark.slow
def test_renders_run_in_a_bounded_queue(served: tuple[Path, Any]) -> None:
    _, app = served
    client = TestClient(app)
    with ThreadPoolExecutor(20) as threads:
        responses = list(threads.map(lambda _: client.post("/api/render?format=pdf", content=EXAMPLE.encode()),
                                     range(20)))
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {200, 503} and statuses[200] >= 4  # 2 workers + 2 waiting at least
    for response in responses:
        if response.status_code == 503:
            assert response.headers["Retry-After"] and "稍后" in response.json()["error"]["message"]
        else:
            with pdfplumber.open(io.BytesIO(response.content)) as document:
                assert "党建服务工作经费" in (document.pages[0].extract_text() or "")


@pytest.mark.slow
def test_twenty_parallel_renders_all_correct_with_room(tmp_path: Path) -> None:
    app = create_app(Workspace((INPUTS / "2024",)), workers=2, queue=20, watch=False)
    client = TestClient(app)
    texts = [EXAMPLE.replace("党建服务工作经费", f"项目{i:02d}") for i in range(20)]
    with ThreadPoolExecutor(20) as threads:
        responses = list(threads.map(lambda t: client.post("/api/render?format=pdf", content=t.encode()), texts))
    assert [r.status_code for r in responses] == [200] * 20
    for i, response in enumerate(responses):
        with pdfplumber.open(io.BytesIO(response.content)) as document:
            assert f"项目{i:02d}" in (document.pages[0].extract_text() or "")


def test_token(served: tuple[Path, Any]) -> None:
    folder, _ = served
    app = create_app(Workspace((folder,)), token="s3cret", watch=False)
    client = TestClient(app)
    assert client.get("/").status_code == 401
    assert client.post("/api/check", content=EXAMPLE.encode()).status_code == 401
    assert client.get("/api/years/2024/summary", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    first = client.get("/?token=s3cret")
    assert first.status_code == 200 and "docgen_token" in first.headers["set-cookie"]
    assert client.get("/api/years/2024/summary").status_code == 200  # the cookie from now on


def test_saving_a_file_is_seen_within_a_second(served: tuple[Path, Any]) -> None:
    folder, _ = served
    app = create_app(Workspace((folder,)), watch=True)
    workspace = app.app.state.workspace
    with TestClient(app) as client:
        before = client.get(f"/project/{PROJECT}").text
        assert "97.89" in before
        time.sleep(0.3)  # the watcher is up
        version = workspace.version
        path = folder / "2024/中共上海市委组织部/党建服务工作经费.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n# saved\n", encoding="utf-8")
        started = time.perf_counter()
        while workspace.version == version and time.perf_counter() - started < 3:
            time.sleep(0.02)
        assert workspace.version > version and time.perf_counter() - started < 1.0
        path.write_text("项目名称: [\n", encoding="utf-8")  # stops parsing: the error in place of the table
        time.sleep(0.3)
        page = client.get(f"/project/{PROJECT}").text
        assert 'id="error"' in page and "YAML" in page


def test_findings_mark_the_cells_they_concern(client: TestClient) -> None:
    """公务员知识更新 (2023) has an EXEC_SCORE_MISMATCH on 年度资金总额 · 得分 and a TOTAL_MISMATCH on 总分."""
    app = create_app(Workspace((INPUTS / "2023",)), watch=False)
    page = TestClient(app).get("/project/0/上海市人力资源和社会保障局/公务员知识更新.yaml/table").text
    assert 'td[data-cell="summary-3-7"]' in page  # 项目资金 · 年度资金总额 · 得分
    assert '<td data-cell="summary-3-7"' in page
    marked = re.findall(r'td\[data-cell="(indicators-\d+-\d+)"\]', page)
    assert marked and all(f'data-cell="{cell}"' in page.replace(f'td[data-cell="{cell}"]', "") for cell in marked)


def test_a_malformed_edit_is_a_message(client: TestClient, served: tuple[Path, Any]) -> None:
    folder, _ = served
    path = folder / "2024/中共上海市委组织部/党建服务工作经费.yaml"
    before = path.read_bytes()
    for body in (b"not json", b'{"version": "x", "changes": {"not a path": "1"}}', b"[1, 2]"):
        response = client.post(f"/project/{PROJECT}/edit", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 422 and "请求格式" in response.json()["error"]["message"]
    unknown = client.post(f"/project/{PROJECT}/edit", json={"version": editing.version(before),
                                                             "changes": {'["项目名称"]': "改名"}})
    assert unknown.status_code == 422 and "不能在页面上修改" in unknown.json()["error"]["message"]
    assert path.read_bytes() == before


def test_an_edit_that_could_not_be_read_back_is_refused_and_nothing_written(client: TestClient,
                                                                            served: tuple[Path, Any]) -> None:
    folder, _ = served
    path = folder / "2024/中共上海市委组织部/党建服务工作经费.yaml"
    before = path.read_bytes()
    values = {v.path[-1]: v for v in editing.editable_values(before.decode()) if len(v.path) > 3}
    score, actual = values["得分"], values["实际完成值"]
    for changes, words in (({score.key: "9,78"}, "应为分数"), ({actual.key: "95%\n另有说明"}, "不能换行"),
                           ({score.key: "很多", actual.key: ""}, "不能为空")):
        response = client.post(f"/project/{PROJECT}/edit", json={"version": editing.version(before),
                                                                  "changes": changes})
        message = response.json()["error"]["message"]
        assert response.status_code == 422 and words in message, message
        assert score.label.split(" · ")[1] in message  # the indicator by its name, not 第 n 项
        assert path.read_bytes() == before  # nothing written
    grouped = next(v for v in editing.editable_values(before.decode()) if v.path[-1] == "全年执行数")
    ok = client.post(f"/project/{PROJECT}/edit", json={"version": editing.version(before),
                                                        "changes": {grouped.key: "1,184.65"}})
    assert ok.status_code == 200, ok.text
    checked = check_file(str(path))  # what was written reads back
    assert checked.scored is not None and str(checked.scored.evaluation.total.executed) == "1184.65"


def test_the_edit_form_names_each_indicator() -> None:
    text = (INPUTS / "2024/中共上海市委组织部/党建服务工作经费.yaml").read_text(encoding="utf-8")
    labels = [v.label for v in editing.editable_values(text) if v.path[0] == "绩效指标"]
    assert labels and not any("第 " in label for label in labels)
    assert "数量指标 · 区域化党建工作完成率 · 实际完成值" in labels


def test_every_error_is_a_chinese_message(client: TestClient) -> None:
    for method, address, status, words in (
            ("get", "/没有这个/地址", 404, "没有这个地址"), ("get", "/api/check", 405, "不接受 GET 请求"),
            ("get", "/api/years/abc/summary", 422, "参数“年度”应为整数"), ("get", "/api/years/1999/summary", 404, "1999")):
        response = getattr(client, method)(address)
        message = response.json()["error"]["message"]
        assert response.status_code == status and words in message, (address, message)
        assert not re.search(r"[A-Za-z]{5,}", re.sub(r"/\S*|POST|GET", "", message)), message  # no English words
    assert client.get("/api/check").headers["allow"] == "POST"


def test_the_api_documentation_needs_no_internet(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert links and all(link.startswith("/docs-assets/") for link in links), links  # no CDN
    for link in links:
        assert client.get(link).status_code == 200, link
    assert "/api/check" in client.get("/openapi.json").json()["paths"]


def test_pages_name_files_and_departments_as_a_person_reads_them(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    shutil.copytree(INPUTS / "2022", folder / "2022")
    broken = folder / "2022/坏表.yaml"
    broken.write_text("项目名称: [\n", encoding="utf-8")
    client = TestClient(create_app(Workspace((folder,)), workers=1, watch=False))
    page = client.get("/").text
    visible = re.sub(r"<[^>]+>", " ", page)  # the text a reader sees, not the links
    assert "0/2022" not in visible and str(tmp_path) not in page
    assert "2022/坏表.yaml" in visible
    assert "(汇总)" not in visible and "上海市闵行区地区工作办公室" in visible
    project = client.get("/project/0/2022/坏表.yaml").text
    assert str(tmp_path) not in project and "2022/坏表.yaml" in project
    assert 'toLocaleTimeString("zh-CN", {hour12: false})' in page  # 13:39:15, not 1:39:15 PM


def test_a_file_broken_outside_keeps_its_table_and_the_form_to_fix_it(client: TestClient,
                                                                      served: tuple[Path, Any]) -> None:
    folder, _ = served
    path = folder / "2024/中共上海市委组织部/党建服务工作经费.yaml"
    assert client.get(f"/project/{PROJECT}").status_code == 200  # read once, as it was
    text = path.read_text(encoding="utf-8")
    broken = text.replace("得分: 7.89}", '得分: "9,78"}', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")  # saved in an editor: no longer readable
    page = client.get(f"/project/{PROJECT}").text
    assert 'id="error"' in page and "得分" in page  # the error, with its line
    assert 'class="broken"' in page and 'value="9,78"' in page  # the form, the broken value marked
    assert f"/project/{PROJECT}/table" in page
    table = client.get(f"/project/{PROJECT}/table").text
    assert "上次能读取" in table and "党建服务工作经费" in table and "7.89" in table  # the last readable table
    value = next(v for v in editing.editable_values(broken) if v.text == "9,78")
    fixed = client.post(f"/project/{PROJECT}/edit", json={"version": editing.version(path.read_bytes()),
                                                           "changes": {value.key: "7.89"}})
    assert fixed.status_code == 200, fixed.text
    assert path.read_text(encoding="utf-8") == text.replace("得分: 7.89}", '得分: 7.89}', 1)
    assert 'id="error"' not in client.get(f"/project/{PROJECT}").text
