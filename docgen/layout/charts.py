"""Summary → the charts of a department report: execution rate per project and the grade distribution,
laid out here as shapes (bars, lines, texts at positions in millimetres) that every painter draws as
they are: WeasyPrint as SVG with its texts as text, Typst natively, Word as a picture Typst draws.

Drawn by hand rather than by matplotlib: a chart is a few dozen rectangles and labels, and
matplotlib took 0.5–0.9 s to draw each (most of a department report's time, ~70 CPU-seconds for the
50 departments of a 1000-project year); laid out here it is a millisecond, and the texts are
measured with the PDF font's own advance widths like every other text of the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from docgen.layout.model import Chart, ChartLine, ChartRect, ChartText
from docgen.layout.parts import text_width_mm
from docgen.summaries.groups import Summary

CHART_WIDTH_MM = Decimal(160)
_BAR, _LOW, _LINE, _AXIS = "#4472C4", "#C00000", "#7F7F7F", "#000000"
TITLE_PT, LABEL_PT, TICK_PT = 10.0, 9.0, 8.0
_ROW_MM, _BAR_SHARE = 7.0, 0.6  # a project's row, and how much of it its bar fills
_TOP_MM, _BOTTOM_MM, _RIGHT_MM = 10.0, 13.0, 4.0  # title above, ticks and axis label below, room right


@dataclass(frozen=True)
class ChartWords:
    """A chart's wording, from the profile's ``report.j2``: title, value axis, the label of a bar
    without a value (a project whose budget was cut to nothing), the unit after a count."""

    title: str
    axis: str
    no_value: str = ""
    count_unit: str = ""


def _width(text: str, font: str, size_pt: float) -> float:
    return float(text_width_mm(text, font, Decimal(str(size_pt))))


def _ticks(top: float, step: float) -> list[float]:
    count = int(top // step)
    return [step * index for index in range(count + 1)]


def execution_chart(summary: Summary, words: ChartWords, font: str) -> Chart:
    """Horizontal bars of each project's execution rate, highest at the top, below-threshold ones in red,
    a dashed line at the threshold; a project without a budget gets no bar, only ``words.no_value``."""
    projects = sorted(summary.projects, key=lambda p: p.rate if p.budgeted and p.rate is not None else Decimal(0),
                      reverse=True)
    names = [p.scored.evaluation.project for p in projects]
    labels = [p.rate_text if p.budgeted else words.no_value for p in projects]
    rates = [float(p.rate or 0) if p.budgeted else 0.0 for p in projects]  # drawing only: no figure is read back
    threshold = float(summary.low_execution_percent)
    width = float(CHART_WIDTH_MM)
    room = width * 0.45  # a long project name gets at most this much, in a smaller size
    left = min(max((_width(name, font, LABEL_PT) for name in names), default=0.0), room) * 1.06 + 4.0  # Typst spaces CJK from Latin
    top_value = max([110.0, *[rate + 12 for rate in rates]])
    plot = width - left - _RIGHT_MM
    scale = plot / top_value
    axis_y = _TOP_MM + _ROW_MM * len(names)
    rects, lines, texts = [], [], [ChartText(width / 2, 6.0, words.title, TITLE_PT, "middle")]
    for index, (name, rate, label) in enumerate(zip(names, rates, labels, strict=True)):
        middle = _TOP_MM + _ROW_MM * (index + 0.5)
        size = min(LABEL_PT, LABEL_PT * room / max(_width(name, font, LABEL_PT), 0.1))
        texts.append(ChartText(left - 1.5, middle + size * 0.12, name, round(size, 2), "end"))
        length = rate * scale
        if length > 0:
            rects.append(ChartRect(left, middle - _ROW_MM * _BAR_SHARE / 2, length, _ROW_MM * _BAR_SHARE,
                                   _LOW if rate < threshold else _BAR))
        texts.append(ChartText(left + length + 1.0, middle + TICK_PT * 0.12, label, TICK_PT))
    lines.append(ChartLine(left + threshold * scale, _TOP_MM - 2, left + threshold * scale, axis_y, _LINE, True))
    lines += [ChartLine(left, _TOP_MM - 2, left, axis_y, _AXIS), ChartLine(left, axis_y, left + plot, axis_y, _AXIS)]
    for value in _ticks(top_value, 20.0):
        x = left + value * scale
        lines.append(ChartLine(x, axis_y, x, axis_y + 1.2, _AXIS))
        texts.append(ChartText(x, axis_y + 4.5, f"{value:.0f}", TICK_PT, "middle"))
    texts.append(ChartText(left + plot / 2, axis_y + 10.5, words.axis, LABEL_PT, "middle"))
    return Chart(words.title, CHART_WIDTH_MM, Decimal(str(round(axis_y + _BOTTOM_MM, 1))), font,
                 tuple(rects), tuple(lines), tuple(texts), owner=f"{summary.department}的图表")


def grade_chart(summary: Summary, words: ChartWords, font: str) -> Chart:
    """Columns of how many projects got each grade (优, 良, 中, 差), each with its count above it."""
    grades = summary.grades
    width, height = float(CHART_WIDTH_MM), 56.0
    left, bottom = 16.0, height - 9.0
    plot_w, plot_h = width - left - _RIGHT_MM, bottom - _TOP_MM - 2
    top_value = max(grades.values()) * 1.25 + 1
    scale = plot_h / top_value
    slot = plot_w / len(grades)
    rects, lines, texts = [], [], [ChartText(width / 2, 6.0, words.title, TITLE_PT, "middle")]
    for index, (grade, count) in enumerate(grades.items()):
        middle = left + slot * (index + 0.5)
        height_mm = count * scale
        if height_mm > 0:
            rects.append(ChartRect(middle - slot * 0.25, bottom - height_mm, slot * 0.5, height_mm, _BAR))
        texts.append(ChartText(middle, bottom - height_mm - 1.2, f"{count} {words.count_unit}".strip(), TICK_PT,
                               "middle"))
        texts.append(ChartText(middle, bottom + 4.5, grade, LABEL_PT, "middle"))
    lines += [ChartLine(left, _TOP_MM, left, bottom, _AXIS), ChartLine(left, bottom, left + plot_w, bottom, _AXIS)]
    step = max(1, int(top_value // 5) or 1)
    for value in _ticks(top_value, float(step)):
        y = bottom - value * scale
        lines.append(ChartLine(left - 1.2, y, left, y, _AXIS))
        texts.append(ChartText(left - 2.0, y + TICK_PT * 0.12, f"{value:.0f}", TICK_PT, "end"))
    texts.append(ChartText(4.5, _TOP_MM + plot_h / 2, words.axis, LABEL_PT, "middle", rotate=True))
    return Chart(words.title, CHART_WIDTH_MM, Decimal(str(height)), font, tuple(rects), tuple(lines), tuple(texts),
                 owner=f"{summary.department}的图表")
