"""Checked files → the ``docgen check`` listing, as lines of text or as one JSON-ready list."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from docgen.audit.checked import Checked
from docgen.audit.findings import Severity
from docgen.printed import rate_text, score_text
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
        "findings": [
            {"code": f.code, "severity": f.severity.value, "title": f.title, "place": f.place,
             "file": f.where.file, "line": f.where.line,
             "message": f.message, "published": f.published, "expected": f.expected}
            for f in checked.findings
        ],
    }
