"""A report's charts (``layout.model.Chart``: bars, lines and texts at positions in mm) as each format
draws them: SVG with its texts as text (WeasyPrint embeds it, so the labels are searchable), the
same shapes natively in Typst (``chart`` in docgen.typ), and a PNG for Word drawn by Typst from them.
Nothing is computed here: every position and text comes from the layout. Like a table's texts, a chart's
are checked against its font where it is drawn: a label the font lacks would print as an empty box."""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docgen.fonts import check_glyphs
from docgen.layout.model import PT_PER_MM, Chart
from docgen.profiles.load import BUILTIN_TEMPLATES

PNG_PPI = 150


def drawable(chart: Chart) -> Chart:
    """The chart, once its font is known to draw every text of it (else ``FontError``, naming whose chart)."""
    check_glyphs(chart.owner or chart.title, (text.text for text in chart.texts), (chart.font,))
    return chart


def chart_svg(chart: Chart) -> str:
    """The chart as an SVG document, in millimetres."""
    drawable(chart)
    width, height = float(chart.width_mm), float(chart.height_mm)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
             f'viewBox="0 0 {width} {height}">']
    parts += [f'<rect x="{r.x:.2f}" y="{r.y:.2f}" width="{r.width:.2f}" height="{r.height:.2f}" fill="{r.fill}"/>'
              for r in chart.rects]
    dash = ' stroke-dasharray="1.5 1"'
    parts += [f'<line x1="{line.x1:.2f}" y1="{line.y1:.2f}" x2="{line.x2:.2f}" y2="{line.y2:.2f}" '
              f'stroke="{line.colour}" stroke-width="0.21"{dash if line.dashed else ""}/>' for line in chart.lines]
    family = quoteattr(chart.font)
    for text in chart.texts:
        turn = f' transform="rotate(-90 {text.x:.2f} {text.y:.2f})"' if text.rotate else ""
        parts.append(f'<text x="{text.x:.2f}" y="{text.y:.2f}" font-family={family} '
                     f'font-size="{text.size_pt / float(PT_PER_MM):.3f}" text-anchor="{text.anchor}"{turn}>'
                     f"{escape(text.text)}</text>")
    parts.append("</svg>")
    return "\n".join(parts)


def chart_data_uri(chart: Chart) -> str:
    """The SVG inline, for an HTML page or the WeasyPrint PDF (vector, texts as text)."""
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(chart).encode("utf-8")).decode("ascii")


def chart_data(chart: Chart) -> dict[str, Any]:
    """The chart as docgen.typ's ``chart`` draws it."""
    drawable(chart)
    return {"title": chart.title, "width": float(chart.width_mm), "height": float(chart.height_mm),
            "font": chart.font,
            "rects": [{"x": r.x, "y": r.y, "width": r.width, "height": r.height, "fill": r.fill} for r in chart.rects],
            "lines": [{"x1": line.x1, "y1": line.y1, "x2": line.x2, "y2": line.y2, "colour": line.colour,
                       "dashed": line.dashed} for line in chart.lines],
            "texts": [{"x": t.x, "y": t.y, "text": t.text, "size": t.size_pt, "anchor": t.anchor, "rotate": t.rotate}
                      for t in chart.texts]}


@lru_cache(maxsize=1)
def _png_compiler() -> Any:
    import typst

    return typst.Compiler(str(BUILTIN_TEMPLATES / "default" / "chart.typ"))


def chart_png(chart: Chart) -> bytes:
    """The chart as a PNG at 150 pixels per inch, for Word (drawn by Typst from the same shapes)."""
    png: bytes = _png_compiler().compile(format="png", ppi=PNG_PPI,
                                         sys_inputs={"chart": json.dumps(chart_data(chart), ensure_ascii=False)})
    return png
