"""One figure per fact across the whole publication set, under both printing policies.

For every sample project, its 执行率, 执行得分, each indicator's 得分, 总分 and 评分等级 are read back from
every output that shows them — the table as Word and Excel cells, the table PDFs of both engines
(pdftotext), 汇总.xlsx, the department report (prose and its Word tables), the serve dashboard's
HTML, the API's year summary and check, and ``docgen check --json`` — and each fact has one value.
The reference is what the Excel table shows; two anchors come from the published seed (001) itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document
from fastapi.testclient import TestClient

from docgen.inputs.load import find_inputs
from docgen.layout.model import TableLayout
from docgen.render.run import Run, RunResult, render_files
from docgen.serve.app import create_app
from docgen.serve.workspace import Workspace
from tests.conftest import INPUTS, ROOT, CliResult
from tests.golden.readers import docx_rows, xlsx_rows
from tests.golden.seed_tables import normal

Facts = dict[str, Any]  # rate, execution, scores (tuple), total, grade: Decimal or str


def number(text: str) -> Decimal | None:
    """A figure as written in a cell or a sentence (``85.05%``, ``8.30``, ``97.3``); None for ``—``."""
    cleaned = text.replace(",", "").replace("%", "").strip()
    return Decimal(cleaned) if re.fullmatch(r"-?\d+(\.\d+)?", cleaned) else None


def labels_of(layout: TableLayout) -> tuple[str, str | None]:
    """The words this table's profile uses for the 年度资金总额 row and the 评分等级 row (None: no such row),
    as the readers give texts (no whitespace)."""
    summary, indicators = layout.grids
    row_total = next(c.text for c in summary.cells if c.row == 3 and c.col == 1)
    last = [c for c in indicators.cells if c.row == indicators.rows - 1]
    has_grade = all(c.kind == "total" for c in last) and not any(c.kind == "number" for c in last)
    return normal(row_total), normal(last[0].text) if has_grade else None


def indicator_names(layout: TableLayout) -> list[str]:
    grid = layout.grids[1]
    column = max(c.col for c in grid.cells if c.row == 0) - 5  # 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因
    return [normal(c.text) for c in sorted(grid.cells, key=lambda c: c.row)
            if c.col == column and c.row > 0 and c.text and c.kind != "total"]


def table_texts(rows: list[list[str]], layout: TableLayout) -> dict[str, Any]:
    """The figures' texts a table shows, found by its labels and indicator names in rows of cell texts:
    the funding row after its label, each indicator's 得分 four cells after its name, the total row right
    after the last indicator (its second number), the grade row after it."""
    row_total, grade_label = labels_of(layout)
    funding = next(row for row in rows if row_total in row)
    values = funding[funding.index(row_total) + 1:][:6]
    scores, start = [], 0
    for name in indicator_names(layout):
        index = next(i for i in range(start, len(rows)) if name in rows[i])
        scores.append(rows[index][rows[index].index(name) + 4])
        start = index + 1
    total = [cell for cell in rows[start] if number(cell) is not None][1]
    grade = None
    if grade_label is not None:
        grade = next(cell for cell in rows[start + 1] if cell and cell != grade_label)
    return {"rate": values[4], "execution": values[5], "scores": scores, "total": total, "grade": grade}


def table_facts(rows: list[list[str]], layout: TableLayout) -> Facts:
    texts = table_texts(rows, layout)
    return {"rate": number(texts["rate"]), "execution": number(texts["execution"]),
            "scores": tuple(number(t) for t in texts["scores"]), "total": number(texts["total"]), "grade": texts["grade"]}


def pdf_words(path: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.split()


def shows_all(wanted: list[str], words: list[str]) -> bool:
    """Whether each wanted figure stands as a word of the PDF, as many times as wanted (pdftotext's reading
    order across merged cells and pages is its own, so the order is not compared)."""
    return not Counter(wanted) - Counter(words)


def printed_texts(rows: list[list[str]], layout: TableLayout) -> list[str]:
    """The figures' texts as the Word table prints them, in reading order (for the PDFs' word streams)."""
    texts = table_texts(rows, layout)
    wanted = [texts["rate"], texts["execution"]] if number(texts["rate"]) is not None else [texts["execution"]]
    wanted += [*texts["scores"], texts["total"]]
    return wanted + ([texts["grade"]] if texts["grade"] else [])


def computed_templates(folder: Path) -> Path:
    """Every shipped profile again, each saying ``printing: computed`` (same names: they take precedence)."""
    shutil.copytree(ROOT / "templates", folder)  # a folder of the same name replaces a built-in one whole
    for profile in folder.glob("*/profile.yaml"):
        profile.write_text(profile.read_text(encoding="utf-8") + "\nprinting: computed\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def computed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult, Path]:
    """The samples with every profile printing docgen's own figures, in all three formats."""
    base = tmp_path_factory.mktemp("computed")
    templates = computed_templates(base / "templates")
    out = base / "out"
    result = render_files(find_inputs([str(INPUTS)]), Run(out, templates=(str(templates),)))
    assert not result.failed and not result.published.failures
    return out, result, templates


def key(source: str) -> str:
    return Path(source).resolve().relative_to(INPUTS).as_posix()


def views_agree(out: Path, result: RunResult, pdf_outs: list[Path], templates: Path | None,
                cli: Callable[..., CliResult]) -> dict[str, Facts]:
    """Read every view of every project and assert one value per fact; return the facts by input."""
    facts: dict[str, Facts] = {}
    for item in result.rendered:
        assert item.layout is not None
        paths = {p.suffix: p for p in item.outputs}
        reference = table_facts(xlsx_rows(paths[".xlsx"]), item.layout)
        assert table_facts(docx_rows(paths[".docx"]), item.layout) == reference, item.checked.source
        texts = printed_texts(docx_rows(paths[".docx"]), item.layout)
        for root in pdf_outs:
            pdf = root / paths[".pdf"].relative_to(out)
            assert shows_all(texts, pdf_words(pdf)), (pdf, texts)
        facts[key(item.checked.source)] = {**reference, "project": item.layout.project,
                                           "department": item.checked.scored.evaluation.department,
                                           "year": item.checked.scored.evaluation.year,
                                           "names": [i.indicator.name for i in item.checked.scored.indicators]}

    # 汇总.xlsx: one row per project
    for year in {f["year"] for f in facts.values()}:
        sheet = openpyxl.load_workbook(out / str(year) / "汇总.xlsx")["项目汇总"]
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            name = row[header.index("输入文件")]
            if not name or name not in facts:
                continue
            fact = facts[name]
            rate = row[header.index("执行率")]
            assert (None if rate is None else (Decimal(str(rate)) * 100).normalize()) == \
                (None if fact["rate"] is None else fact["rate"].normalize()), name
            assert Decimal(str(row[header.index("执行得分")])) == fact["execution"], name
            assert Decimal(str(row[header.index("总分")])) == fact["total"], name
            if fact["grade"] is not None:
                assert row[header.index("评分等级")] == fact["grade"], name

    # department reports: the average and the grades of the prose, the low-execution list, the Word tables
    by_department: dict[tuple[int, str], list[Facts]] = {}
    for fact in facts.values():
        by_department.setdefault((fact["year"], fact["department"]), []).append(fact)
    for (year, department), members in by_department.items():
        report = next((out / str(year) / "绩效自评结果报告").glob(f"{department}.docx"))
        text = "".join(p.text for p in Document(str(report)).paragraphs)
        mean = (sum(f["total"] for f in members) / len(members)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert f"自评平均得分{mean:.2f}分（各项目自评表所列总分的平均）" in text, (report, mean)
        if all(f["grade"] is not None for f in members):
            grades = Counter(f["grade"] for f in members)
            assert f"评为“优”的{grades['优']}个，“良”的{grades['良']}个，“中”的{grades['中']}个，“差”的{grades['差']}个" \
                in text, report
        low = re.search(r"预算执行率低于90%的项目有\d+个：(.*?)。", text)
        for said in (low.group(1).split("、") if low else []):
            name, rate = re.fullmatch(r"(.*)（(.*)）", said).groups()  # type: ignore[union-attr]
            assert number(rate) == next(f["rate"] for f in members if f["project"] == name), (report, said)
        for table in Document(str(report)).tables:
            head = [c.text for c in table.rows[0].cells]
            for row in table.rows[1:]:
                cells = [c.text for c in row.cells]
                fact = next((f for f in members if f["project"] == cells[0]), None)
                if fact is None:
                    continue
                if head[-1].startswith("执行率") and number(cells[-1]) is not None:
                    assert number(cells[-1]) == fact["rate"], (report, cells)
                if len(head) == 7:  # 项目名称|三级指标|年度指标值|实际完成值|分值|得分|偏差原因
                    assert number(cells[5]) == fact["scores"][fact["names"].index(cells[1])], (report, cells)

    # docgen check --json
    extra = ("--templates", str(templates)) if templates else ()
    listing = json.loads(cli("check", "--json", *extra, str(INPUTS)).out)
    for entry in listing:
        fact = facts[key(entry["file"])]
        assert number(entry["执行率"] or "") == fact["rate"] and Decimal(entry["执行得分"]) == fact["execution"]
        assert Decimal(entry["总分"]) == fact["total"], entry["file"]
        assert tuple(Decimal(i["得分"]) for i in entry["指标"]) == fact["scores"], entry["file"]
        if fact["grade"] is not None:
            assert entry["评分等级"] == fact["grade"]

    # the serve dashboard and the API
    app = create_app(Workspace((INPUTS,), templates=(str(templates),) if templates else ()), workers=1, watch=False)
    client = TestClient(app)
    page = client.get("/").text
    for row in re.findall(r'<tr data-project="0/([^"]+)">(.*?)</tr>', page, re.S):
        fact = facts[row[0]]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
        assert number(cells[3]) == fact["rate"] and number(re.sub(r"<small.*", "", cells[4])) == fact["total"], row[0]
        if fact["grade"] is not None:
            assert cells[5] == fact["grade"], row[0]
    for year in {f["year"] for f in facts.values()}:
        summary = client.get(f"/api/years/{year}/summary").json()
        for project in summary["项目"]:
            fact = facts[project["name"].removeprefix("0/")]
            assert number(project["执行率"] or "") == fact["rate"] and Decimal(project["执行得分"]) == fact["execution"]
            assert Decimal(project["总分"]) == fact["total"] and project["评分等级"] == (fact["grade"] or
                                                                                    project["评分等级"])
        for department in summary["主管部门"]:
            members = [f for f in facts.values() if f["year"] == year and f["department"] == department["名称"]]
            mean = (sum(f["total"] for f in members) / len(members)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            assert Decimal(department["平均分"]) == mean, department["名称"]
    return facts


def test_one_figure_per_fact_as_declared(published: tuple[Path, RunResult], published_typst: tuple[Path, RunResult],
                                         cli: Callable[..., CliResult]) -> None:
    out, result = published
    facts = views_agree(out, result, [out, published_typst[0]], None, cli)
    anchor = facts["2023/上海市人力资源和社会保障局/公务员知识更新.yaml"]  # seed 001 prints 8.30 and 97.3
    assert (anchor["execution"], anchor["total"]) == (Decimal("8.30"), Decimal("97.30"))


def test_one_figure_per_fact_as_computed(computed: tuple[Path, RunResult, Path], cli: Callable[..., CliResult]) -> None:
    out, result, templates = computed
    facts = views_agree(out, result, [out], templates, cli)
    anchor = facts["2023/上海市人力资源和社会保障局/公务员知识更新.yaml"]
    # 115.21 ÷ 138.71 = 83.058…%, truncated by the profile: 83.05% × 10 = 8.305 → 8.31; 课件开发完成及时率
    # 90% of =100% × 5 = 4.50 where 4.00 was declared: 97.30 − 8.30 + 8.31 − 4.00 + 4.50 = 97.81
    assert (anchor["execution"], anchor["total"]) == (Decimal("8.31"), Decimal("97.81"))
