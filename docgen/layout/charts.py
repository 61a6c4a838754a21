"""Summary → the charts of a department report: execution rate per project and the grade distribution, as SVG (vector, for the
PDF) and PNG (for Word), with Chinese labels in the PDF's CJK font.

The SVG keeps its labels as text, not as glyph outlines: WeasyPrint draws and embeds them like the
rest of the page (searchable, no empty boxes whatever the reader has installed), and an SVG of
text draws in half the time of one of thousands of outline paths."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from docgen.fonts import check_glyphs
from docgen.layout.model import Chart
from docgen.printed import rate_text
from docgen.summaries.groups import Summary

CHART_WIDTH_MM = Decimal(160)
_BAR, _LOW, _LINE = "#4472C4", "#C00000", "#7F7F7F"


def _figure(height_in: float) -> object:
    from matplotlib.figure import Figure

    return Figure(figsize=(6.3, height_in), dpi=150, layout="constrained")


def _save(figure: object, title: str) -> Chart:
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "docgen", "svg.fonttype": "none"}):
        svg, png = io.StringIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})  # type: ignore[attr-defined]
        figure.savefig(png, format="png", metadata={"Software": None})  # type: ignore[attr-defined]
    return Chart(title, svg.getvalue(), png.getvalue(), CHART_WIDTH_MM)


def _style(font: str) -> dict[str, object]:
    return {"font.family": [font], "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}


@dataclass(frozen=True)
class ChartWords:
    """A chart's wording, from the profile's ``report.j2``: title, value axis, the label of a bar
    without a value (a project whose budget was cut to nothing), the unit after a count."""

    title: str
    axis: str
    no_value: str = ""
    count_unit: str = ""


def execution_chart(summary: Summary, words: ChartWords, font: str) -> Chart:
    """Horizontal bars of each project's execution rate, below-threshold ones in red; a project
    without a budget gets no bar, only ``words.no_value``."""
    import matplotlib

    title = words.title
    projects = sorted(summary.projects, key=lambda p: p.scored.execution_rate or Decimal(0))
    names = [p.scored.evaluation.project for p in projects]
    check_glyphs(f"{summary.department}的图表", [title, words.axis, words.no_value, *names], (font,))
    rates = [float(p.scored.execution_rate or 0) for p in projects]  # drawing only: no figure is read back
    with matplotlib.rc_context(_style(font)):
        figure = _figure(max(1.6, 0.32 * len(names) + 0.9))
        axes = figure.add_subplot()  # type: ignore[attr-defined]
        colours = [_LOW if rate < float(summary.low_execution_percent) else _BAR for rate in rates]
        bars = axes.barh(names, rates, color=colours, height=0.6)
        labels = [rate_text(p.scored.execution_rate) if p.scored.execution_rate is not None else words.no_value
                  for p in projects]
        axes.bar_label(bars, labels=labels, padding=2, fontsize=8)
        axes.axvline(float(summary.low_execution_percent), color=_LINE, linestyle="--", linewidth=0.8)
        axes.set_xlim(0, max([110.0, *[rate + 12 for rate in rates]]))
        axes.set_xlabel(words.axis)
        axes.set_title(title)
        return _save(figure, title)


def grade_chart(summary: Summary, words: ChartWords, font: str) -> Chart:
    """Columns of how many projects got each grade (优, 良, 中, 差)."""
    import matplotlib

    title = words.title
    grades = summary.grades
    check_glyphs(f"{summary.department}的图表", [title, words.axis, words.count_unit, *grades], (font,))
    with matplotlib.rc_context(_style(font)):
        figure = _figure(2.2)
        axes = figure.add_subplot()  # type: ignore[attr-defined]
        bars = axes.bar(list(grades), list(grades.values()), color=_BAR, width=0.5)
        axes.bar_label(bars, labels=[f"{count} {words.count_unit}".strip() for count in grades.values()], padding=2, fontsize=8)
        axes.set_ylim(0, max(grades.values()) * 1.25 + 1)
        axes.set_ylabel(words.axis)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.set_title(title)
        return _save(figure, title)
