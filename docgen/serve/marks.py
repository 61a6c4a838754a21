"""A finding's table place (``项目资金 · 年度资金总额 · 执行率``, ``绩效指标 · 第 3 行 · 得分``) → the cell of
the table layout that shows it, so the project page can mark that cell (the grid macro gives every
cell a ``data-cell="grid-row-col"`` attribute). The layout names each cell's places (``Cell.places``),
whatever the profile's form: nothing here knows where a column is."""

from __future__ import annotations

from docgen.layout.model import TableLayout


def cell_of(layout: TableLayout, place: str) -> str | None:
    """``grid-row-col`` of the cell showing ``place``; None when the place is no single cell."""
    for grid in layout.grids:
        for cell in grid.cells:
            if place in cell.places:
                return f"{grid.key}-{cell.key}"
    return None
