"""A chart's texts are checked against its own font where it is drawn, as a table's are: SVG (WeasyPrint
and the dashboard), Typst's data and Word's PNG all refuse a label the font cannot draw, naming whose
chart it is, rather than print an empty box."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from docgen.errors import FontError
from docgen.layout.model import Chart, ChartText
from docgen.painters.charts import chart_data, chart_png, chart_svg
from docgen.profiles.load import load_profile


def _chart(label: str) -> Chart:
    font = load_profile().settings.font_pdf[0]
    return Chart("各项目预算执行率", Decimal(160), Decimal(40), font,
                 texts=(ChartText(80.0, 6.0, "各项目预算执行率", 10.0, "middle"), ChartText(20.0, 20.0, label, 9.0)),
                 owner="部门甲的图表")


@pytest.mark.parametrize("draw", [chart_svg, chart_data, chart_png])
def test_a_label_the_font_lacks_is_refused_in_every_format(draw: Callable[[Chart], object]) -> None:
    with pytest.raises(FontError, match=r"^部门甲的图表: .*U\+1F642"):
        draw(_chart("经费🙂"))


def test_a_label_the_font_has_is_drawn() -> None:
    assert "党建服务工作经费" in chart_svg(_chart("党建服务工作经费"))
    assert chart_png(_chart("党建服务工作经费")).startswith(b"\x89PNG")
