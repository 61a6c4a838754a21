"""The year's forms in the workspace and the API: each project's stage on the dashboard (filtered by stage
and by 预警), each stage's fields editable in place, and any stage checked and rendered through the API."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from fastapi.testclient import TestClient

from docgen.serve import editing
from docgen.serve.app import create_app
from docgen.serve.workspace import Workspace
from tests.audit.test_stages import DECLARED, MONITORED

BEHIND = MONITORED.replace("项目名称: 基层干部培训项目", "项目名称: 落后的项目").replace("1-7月执行数: 120", "1-7月执行数: 40")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("served") / "inputs/2025/部门"
    folder.mkdir(parents=True)
    (folder / "申报.yaml").write_text(DECLARED, encoding="utf-8")
    (folder / "监控.yaml").write_text(MONITORED, encoding="utf-8")
    (folder / "落后.yaml").write_text(BEHIND, encoding="utf-8")
    with TestClient(create_app(Workspace((folder.parent.parent,)), workers=1, queue=2, watch=False)) as served:
        yield served


def test_the_dashboard_shows_each_stage_and_filters_by_it(client: TestClient) -> None:
    page = client.get("/").text
    found = sorted(re.findall(r'data-stage="([^"]*)" data-status="([^"]*)">.*?<a [^>]*>([^<]*)</a>', page, re.S))
    assert found == [("申报", "", "基层干部培训项目"), ("监控", "正常", "基层干部培训项目"), ("监控", "预警", "落后的项目")]
    assert '<select id="stage"' in page and 'id="alert"' in page


def test_the_api_checks_and_renders_any_stage(client: TestClient) -> None:
    result = client.post("/api/check", content=MONITORED.encode()).json()
    assert result["阶段"] == "监控" and result["状态"] == "正常" and result["1-7月执行率"] == "60.00%"
    declared = client.post("/api/check?stage=申报", content=MONITORED.encode()).json()
    assert declared["阶段"] == "申报" and declared["年度资金"] == "200.00"
    refused = client.post("/api/check?stage=自评", content=MONITORED.encode())
    assert refused.status_code == 422 and "还在“监控”阶段" in refused.text
    assert client.post("/api/check?stage=年终", content=MONITORED.encode()).status_code == 422
    pdf = client.post("/api/render?format=pdf&stage=申报", content=MONITORED.encode())
    assert pdf.status_code == 200
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        assert "项目支出绩效目标申报表" in document.pages[0].extract_text().replace(" ", "")
    page = client.get("/project/0/2025/部门/监控.yaml/download/docx?stage=监控")
    assert page.status_code == 200 and "%E7%9B%91%E6%8E%A7%E8%A1%A8.docx" in page.headers["content-disposition"]


def test_each_stage_field_is_editable_in_place() -> None:
    labels = {value.label for value in editing.editable_values(MONITORED)}
    assert "数量指标 · 培训人次 · 监控 · 1-7月执行情况" in labels
    assert "数量指标 · 培训人次 · 监控 · 完成目标可能性" in labels
    assert any(label.endswith("1-7月执行数") for label in labels)
    labels = {value.label for value in editing.editable_values(DECLARED)}
    assert "数量指标 · 培训人次 · 中期指标值" in labels


def test_the_year_summary_counts_only_evaluated_projects(client: TestClient) -> None:
    summary = client.get("/api/years/2025/summary").json()
    assert summary["项目数"] == 0 and {row["阶段"] for row in summary["项目"]} == {"申报", "监控"}



def test_a_projects_page_names_its_stage(client: TestClient) -> None:
    page = client.get("/project/0/2025/部门/落后.yaml").text
    assert '阶段 <b id="stage">监控</b>（预警）' in page and 'id="total"' not in page
    assert "download/pdf?stage=申报" in page
    assert client.get("/project/0/2025/部门/落后.yaml/table").status_code == 200
