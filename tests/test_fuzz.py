"""Fuzzing: generated evaluations, valid and broken, through the whole pipeline. docgen either gives
its result or a DocgenError with a message — never another exception; scores stay within their
weights; the figures of an unbroken file equal what the generator knows it wrote (worked out here, half
up, not by docgen's formulas); and what the Word, Excel and PDF painters write matches the layout."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.errors import DocgenError, FontError
from docgen.layout.table import build_table
from docgen.painters.docx import DocxPainter
from docgen.painters.pdf import PdfPainter
from docgen.painters.xlsx import XlsxPainter
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile

TEXT = st.one_of(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
                st.text(st.sampled_from("文字\x0b\x0c\x00\x1f\x7f\u2028\ufeff\\\"'"), max_size=8))
CJK = st.text(st.sampled_from("党建服务工作经费完成率满意度及时有效提升（）、，。“”《》{}<>&=%#:- "), min_size=1, max_size=20)
NUMBER = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
MEASURE = st.one_of(
    st.builds(lambda op, n, unit: f"{op}{n}{unit}", st.sampled_from(["", "≥", ">=", "=", "≤", "<=", "<", "不少于"]),
              NUMBER, st.sampled_from(["", "%", "(%)", "人", "人次", "小时", "分钟", "万页"])),
    st.sampled_from(["及时", "达成指标", "部分达成指标并具有一定效果", "未达成", "有效", "0", "1-12月"]), CJK, TEXT)


def quoted(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


@dataclass(frozen=True)
class Written:
    """What the generator wrote, to check docgen's figures against (None where the text was mutated)."""

    budget: Decimal
    executed: Decimal
    weights: tuple[int, ...]
    declared: tuple[Decimal | None, ...]


@st.composite
def evaluation(draw: st.DrawFn) -> tuple[str, Written | None]:
    weights = draw(st.lists(st.integers(0, 30), min_size=1, max_size=12))
    lines = ["年度: 2024", f"项目名称: {quoted(draw(st.one_of(CJK, TEXT)))}", f"主管部门: {quoted(draw(CJK))}",
             f"实施单位: {quoted(draw(CJK))}", f"资金单位: {draw(st.sampled_from(['元', '万元']))}", "项目资金:"]
    budget, executed = draw(NUMBER), draw(NUMBER)
    lines.append(f"  年度资金总额: {{年初预算数: {budget}, 全年预算数: {budget}, 全年执行数: {executed}, 分值: 10}}")
    lines += ["年度总体目标:", f"  预期目标: {quoted(draw(TEXT) or '目标')}", f"  实际完成情况: {quoted(draw(TEXT) or '完成')}",
              "绩效指标:", "  产出指标:", "    数量指标:"]
    declareds = []
    for index, weight in enumerate(weights):
        declared = draw(st.one_of(st.none(), st.decimals(0, 40, places=2, allow_nan=False, allow_infinity=False)))
        declareds.append(declared)
        score = "" if declared is None else f", 得分: {declared}"
        lines.append(f"      - {{三级指标: {quoted(f'指标{index}' + draw(CJK))}, 年度指标值: {quoted(draw(MEASURE) or '及时')}, "
                     f"实际完成值: {quoted(draw(MEASURE) or '及时')}, 分值: {weight}{score}, "
                     f"偏差原因分析及改进措施: {quoted(draw(TEXT))}}}")
    text = "\n".join(lines) + "\n"
    mutation = draw(st.sampled_from(["none", "none", "cut", "drop", "tab", "colon", "gt", "bytes"]))
    if mutation == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif mutation == "drop":
        parts = text.splitlines(keepends=True)
        del parts[draw(st.integers(0, len(parts) - 1))]
        text = "".join(parts)
    elif mutation == "tab":
        text = text.replace("  ", "\t", 1)
    elif mutation == "colon":
        text = text.replace(": ", "：", 1)
    elif mutation == "gt":
        text = text.replace('年度指标值: "', "年度指标值: >", 1)
    elif mutation == "bytes":
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(TEXT) + text[position:]
    written = Written(budget, executed, tuple(weights), tuple(declareds)) if mutation == "none" else None
    return text, written


def half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def run(text: str) -> tuple[object, Path]:
    folder = Path(tempfile.mkdtemp())
    path = folder / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(str(path)), folder


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evaluation())
def test_pipeline_gives_a_result_or_a_message(generated: tuple[str, Written | None]) -> None:
    text, written = generated
    checked, _ = run(text)
    if checked.error is not None:  # type: ignore[attr-defined]
        assert checked.error.problems and all(p.message for p in checked.error.problems)  # type: ignore[attr-defined]
        return
    scored = checked.scored  # type: ignore[attr-defined]
    for item in scored.indicators:
        assert Decimal(0) <= item.rule.score <= item.indicator.weight
    if written is not None:  # the rules of domain.md, worked out from what was written
        rate = None if written.budget == 0 else half_up(written.executed / written.budget * 100)
        execution = Decimal(0) if rate is None else half_up(min(rate, Decimal(100)) / 100 * 10)
        assert (scored.execution_rate, scored.execution_score) == (rate, execution)
        assert [item.indicator.weight for item in scored.indicators] == list(written.weights)
        assert scored.weight_total == 10 + sum(written.weights)
        for item, declared in zip(scored.indicators, written.declared, strict=True):
            assert declared is None or item.published == declared
        if all(declared is not None for declared in written.declared):
            assert scored.total == half_up(execution + sum(d for d in written.declared if d is not None))
    try:
        build_table(scored, load_profile())
    except DocgenError as error:
        assert error.format_message()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evaluation())
def test_word_and_excel_contents_match_the_layout(generated: tuple[str, Written | None]) -> None:
    checked, folder = run(generated[0])
    if checked.scored is None:  # type: ignore[attr-defined]
        return
    profile = load_profile()
    layout = build_table(checked.scored, profile)  # type: ignore[attr-defined]
    try:
        pdf = PdfPainter().paint(layout, folder / "x.pdf", profile)
    except FontError:
        assert not (folder / "x.pdf").exists()  # refused whole, never written with empty boxes
    else:
        extracted = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        wanted = Counter(c for t in layout.texts() for c in t if not c.isspace() and c.isprintable())
        assert not wanted - Counter(extracted), wanted - Counter(extracted)
    docx = DocxPainter().paint(layout, folder / "x.docx", profile)
    xlsx = XlsxPainter().paint(layout, folder / "x.xlsx", profile)
    tables = Document(str(docx)).tables
    sheet = openpyxl.load_workbook(xlsx).active
    top = 2
    for table, grid in zip(tables, layout.grids, strict=True):
        cells = table._cells
        for cell in grid.cells:
            assert cells[cell.row * grid.columns + cell.col].text == cell.text
            found = sheet.cell(top + cell.row + 1, cell.col + 1).value
            assert (found if cell.value is None else Decimal(str(found))) in ((cell.text, None) if cell.value is None
                                                                             else (cell.value,)) or found == ""
        top += grid.rows
