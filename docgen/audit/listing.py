"""Checked files → the ``docgen check`` listing, as lines of text or as one JSON-ready list."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from docgen.audit.checked import Checked
from docgen.audit.findings import Severity
from docgen.audit.stages import month_of, progress_status, time_progress, to_date_rate
from docgen.inputs.records import FORM_NAMES, MONITOR, SELF
from docgen.printed import amount_text, rate_text, score_text
from docgen.scoring.score import Printed, ScoredEvaluation


def num(value: Decimal | None) -> str | None:
    """A Decimal as the 2-place string JSON consumers get (``"89.13"``)."""
    return None if value is None else score_text(value)


def text_lines(checked: Checked) -> Iterator[str]:
    """``path:line: 级别 [CODE] message`` per finding, then one summary line for the file."""
    if checked.error is not None:
        for problem in checked.error.problems:
            yield f"{problem.where}: 无法读取 {problem.message}"
        return
    for finding in checked.findings:
        yield str(finding)
    scored = checked.scored
    assert scored is not None
    if checked.stage != SELF:
        counts = "，".join(f"{s.value} {checked.count(s)}" for s in Severity)
        said = "，".join(f"{name} {value}" for name, value in stage_figures(checked).items())
        yield f"{checked.source}: 《{scored.evaluation.project}》 {FORM_NAMES[checked.stage]}：{said}（{counts}）"
        return
    shown, rule = figures(scored, scored.shown), figures(scored, scored.by_rule)
    counts = "，".join(f"{s.value} {checked.count(s)}" for s in Severity)
    said = "，".join(f"{name} {shown[name]}" for name in shown)
    beside = "，".join(f"{name} {rule[name]}" for name in rule if rule[name] != shown[name])
    yield (f"{checked.source}: 《{scored.evaluation.project}》 {said}{f'（按规则：{beside}）' if beside else ''}"
           f"（{counts}）")


def figures(scored: ScoredEvaluation, printed: Printed) -> dict[str, str]:
    """执行率, 执行得分, 总分 and 评分等级 as one set of figures gives them (the listing's words)."""
    rate = "无法计算" if printed.rate is None else rate_text(printed.rate, scored.rules.rate_places)
    return {"执行率": rate, "执行得分": score_text(printed.execution_score), "总分": score_text(printed.total),
            "评分等级": printed.grade}


def stage_figures(checked: Checked) -> dict[str, str]:
    """What a 申报表 or 监控表 is summed up by: its funds and indicators; the 监控表's execution against time
    progress and its status (正常 / 关注 / 预警)."""
    assert checked.scored is not None
    ev = checked.scored.evaluation
    figures = {"年度资金": amount_text(ev.total.initial), "三级指标": f"{len(ev.indicators)} 项"}
    if checked.stage == MONITOR:
        rate = to_date_rate(ev.total)
        month = month_of(ev)
        figures = {f"1-{month}月执行率": "无法计算" if rate is None else f"{rate}%",
                   "时间进度": f"{time_progress(month)}%", "状态": progress_status(ev, checked.scored.rules)}
    return figures


def summary_line(results: list[Checked], seconds: float) -> str:
    unreadable = sum(1 for c in results if c.error is not None)
    counts = "，".join(f"{s.value} {sum(c.count(s) for c in results)}" for s in Severity)
    return (f"共 {len(results)} 个文件：已检查 {len(results) - unreadable}，无法读取 {unreadable}；{counts}；"
            f"用时 {seconds:.2f} 秒。")


def as_json(checked: Checked) -> dict[str, Any]:
    """One file as the ``docgen check --json`` object (numbers as 2-place Decimal strings)."""
    if checked.error is not None:
        first = checked.error.first
        return {
            "file": checked.source,
            "error": {"message": first.message, "line": first.where.line,
                      "problems": [{"file": p.where.file, "line": p.where.line, "message": p.message}
                                   for p in checked.error.problems]},
        }
    scored = checked.scored
    assert scored is not None
    ev = scored.evaluation
    if checked.stage != SELF:
        return stage_json(checked)
    shown, rule = scored.shown, scored.by_rule
    return {
        "file": checked.source,
        "年度": ev.year,
        "项目名称": ev.project,
        "主管部门": ev.department,
        "实施单位": ev.unit,
        "印出口径": scored.printing,
        "执行率": num(shown.rate),
        "执行得分": num(shown.execution_score),
        "总分": num(shown.total),
        "评分等级": shown.grade,
        "按规则": {"执行率": num(rule.rate), "执行得分": num(rule.execution_score), "总分": num(rule.total),
                 "评分等级": rule.grade},
        "规则总分": num(rule.total),
        "未完成": scored.unfinished,
        "分值合计": num(scored.weight_total),
        "评分规则": list(scored.rules.variants) or ["全国规则（财预〔2020〕10号）"],
        "指标": [
            {
                "一级指标": item.indicator.level1,
                "二级指标": item.indicator.level2,
                "三级指标": item.indicator.name,
                "年度指标值": item.indicator.target,
                "实际完成值": item.indicator.actual,
                "分值": num(item.indicator.weight),
                "得分": num(shown.indicator_scores[index]),
                "规则得分": num(rule.indicator_scores[index]),
                "指标类型": item.rule.kind.value,
                "line": item.indicator.where.line,
            }
            for index, item in enumerate(scored.indicators)
        ],
        "findings": findings_json(checked),
    }


def findings_json(checked: Checked) -> list[dict[str, Any]]:
    return [{"code": f.code, "severity": f.severity.value, "title": f.title, "place": f.place,
             "file": f.where.file, "line": f.where.line, "message": f.message, "published": f.published,
             "expected": f.expected} for f in checked.findings]


def stage_json(checked: Checked) -> dict[str, Any]:
    """A 申报表 or 监控表 as ``docgen check --json`` gives it: its stage, figures, indicators and findings."""
    assert checked.scored is not None
    ev = checked.scored.evaluation
    indicators = []
    for indicator in ev.indicators:
        item = {"一级指标": indicator.level1, "二级指标": indicator.level2, "三级指标": indicator.name,
                "年度指标值": indicator.target, "line": indicator.where.line}
        if indicator.period_target:
            item["中期指标值"] = indicator.period_target
        if checked.stage == MONITOR and indicator.monitored is not None:
            watched = indicator.monitored
            item |= {"1-N月执行情况": watched.to_date, "全年预计完成情况": watched.forecast,
                     "完成目标可能性": watched.likelihood, "偏差原因分析": watched.cause, "纠偏措施": watched.measure}
        indicators.append(item)
    return {"file": checked.source, "阶段": checked.stage, "表": FORM_NAMES[checked.stage], "年度": ev.year,
            "项目名称": ev.project, "主管部门": ev.department, "实施单位": ev.unit, **stage_figures(checked),
            "指标": indicators, "findings": findings_json(checked)}
