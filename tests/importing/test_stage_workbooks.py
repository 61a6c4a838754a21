"""Last year's 申报表 and 监控表 workbooks imported: docgen's own forms read back to the same evaluation, and
a 监控表 built by hand with openpyxl the way a city's template lays it out (1-6月, 项目执行单位, 纠偏措施/备注)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl

from docgen.importing import import_workbook
from docgen.inputs.load import load_evaluation
from docgen.inputs.records import Indicator
from tests.audit.test_stages import DECLARED, MONITORED
from tests.conftest import CliResult


def _imported(cli: Callable[..., CliResult], tmp_path: Path, text: str, stage: str) -> tuple[Path, Path]:
    source = tmp_path / "inputs/2025/部门/项目.yaml"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    result = cli("render", str(source), "-o", str(tmp_path / "out"), "--formats", "xlsx", "--no-reports", "-j", "1")
    assert result.exit_code == 0, result.out + result.err
    written = import_workbook(tmp_path / f"out/2025/部门/项目-{stage}表.xlsx", tmp_path / "back")
    assert written.error is None and [note for item in written.forms for note in item.notes] == []
    return source, written.forms[0].target  # type: ignore[return-value]


def test_a_monitoring_workbook_imports_back_to_the_same_monitoring(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    source, back = _imported(cli, tmp_path, MONITORED, "监控")
    before, after = load_evaluation(str(source)), load_evaluation(str(back))
    assert after.stage == "监控" and after.monitoring is not None and after.monitoring.month == 7
    assert after.monitoring.progress == before.monitoring.progress  # type: ignore[union-attr]
    assert [(r.name, r.initial, r.to_date, r.forecast) for r in after.funding_rows if r.initial is not None] == \
        [(r.name, r.initial, r.to_date, r.forecast) for r in before.funding_rows if r.initial is not None]
    def watched(indicator: Indicator) -> tuple[str, ...]:
        m = indicator.monitored
        return () if m is None else (m.to_date, m.forecast, m.likelihood, m.cause, m.measure)

    assert [(i.level1, i.level2, i.name, i.target, watched(i)) for i in after.indicators] == \
        [(i.level1, i.level2, i.name, i.target, watched(i)) for i in before.indicators]


def test_a_declaration_workbook_imports_back_to_the_same_declaration(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    source, back = _imported(cli, tmp_path, DECLARED, "申报")
    before, after = load_evaluation(str(source)), load_evaluation(str(back))
    assert after.stage == "申报" and after.planned == before.planned
    assert after.declaration is not None and before.declaration is not None
    assert (after.declaration.period, after.declaration.long_term, after.declaration.texts) == \
        (before.declaration.period, before.declaration.long_term, before.declaration.texts)
    assert [(s.content, s.start, s.end) for s in after.declaration.schedule] == \
        [(s.content, s.start, s.end) for s in before.declaration.schedule]
    assert (after.total.initial, after.total.period) == (Decimal(200), Decimal(600))
    assert [(i.name, i.target, i.period_target) for i in after.indicators] == \
        [(i.name, i.target, i.period_target) for i in before.indicators]


def test_a_city_monitoring_workbook_built_by_hand(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [
        ["2024年项目支出绩效运行监控表（2024年1-6月）"],
        ["项目名称", "社区养老服务补贴"],
        ["主管部门", "某区民政局", "项目执行单位", "某区养老服务中心"],
        ["项目资金（万元）", "", "全年预算数", "1-6月执行数", "1-6月执行率", "全年预计执行数"],
        ["", "年度资金总额", 300, 90, "30.00%", 300],
        ["", "其中：当年财政拨款", 300, 90, "30.00%", 300],
        ["年度总体目标", "年度目标", "", "1-6月执行情况"],
        ["", "为1200名老人发放补贴。", "", "已为700名老人发放补贴。"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "1-6月执行情况", "全年预计完成情况", "完成目标可能性",
         "偏差原因分析", "纠偏措施/备注"],
        ["产出指标", "数量指标", "补贴发放人数", "≥1200人", "700人", "1200人", "确定能", "", ""],
        ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "尚未测评", "≥90%", "有可能", "经费保障：测评经费未到位",
         "追加测评经费"],
    ]
    for row in rows:
        sheet.append(row)
    path = tmp_path / "监控表.xlsx"
    book.save(path)
    written = import_workbook(path, tmp_path / "back")
    assert written.error is None and [note.message for item in written.forms for note in item.notes] == []
    ev = load_evaluation(str(written.forms[0].target))
    assert (ev.stage, ev.year, ev.unit, ev.monitoring.month) == ("监控", 2024, "某区养老服务中心", 6)  # type: ignore[union-attr]
    assert (ev.total.adjusted, ev.total.to_date, ev.total.forecast) == (Decimal(300), Decimal(90), Decimal(300))
    watched = ev.indicators[1].monitored
    assert watched is not None and (watched.likelihood, watched.cause, watched.measure) == (
        "有可能", "经费保障：测评经费未到位", "追加测评经费")
