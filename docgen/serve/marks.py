"""A finding's table place (``项目资金 · 年度资金总额 · 执行率``, ``绩效指标 · 第 3 行 · 得分``) → the cell of
the table layout that shows it, so the project page can mark that cell (the grid macro gives every
cell a ``data-cell="grid-row-col"`` attribute)."""

from __future__ import annotations

from docgen.layout.model import TableLayout

_FUNDING_ROWS = {"年度资金总额": 3, "当年财政拨款": 4, "上年结转资金": 5, "其他资金": 6}
_FUNDING_COLUMNS = {"年初预算数": 2, "全年预算数": 3, "全年执行数": 4, "分值": 5, "执行率": 6, "得分": 7}
_INDICATOR_COLUMNS = {"一级指标": 0, "二级指标": 1, "三级指标": 2, "年度指标值": 3, "实际完成值": 4, "分值": 5, "得分": 6,
                      "偏差原因分析及改进措施": 7}


def cell_of(layout: TableLayout, place: str) -> str | None:
    """``grid-row-col`` of the cell showing ``place``; None when the place is no single cell."""
    parts = place.split(" · ")
    grids = {grid.key: grid for grid in layout.grids}
    indicators = grids.get("indicators")
    lead = 1 if indicators is not None and any(c.row == 0 and c.col == 0 and c.rowspan > 1
                                               for c in indicators.cells) else 0
    if parts[0] == "项目资金" and len(parts) == 3 and parts[1] in _FUNDING_ROWS and parts[2] in _FUNDING_COLUMNS:
        return f"summary-{_FUNDING_ROWS[parts[1]]}-{_FUNDING_COLUMNS[parts[2]]}"
    if parts[0] == "总体目标" and len(parts) == 2:
        return f"summary-8-{1 if parts[1] == '预期目标' else 4}"
    if parts[0] == "绩效指标" and len(parts) == 3 and parts[1].startswith("第 ") and parts[2] in _INDICATOR_COLUMNS:
        row = int(parts[1].removeprefix("第 ").removesuffix(" 行"))
        column = lead + _INDICATOR_COLUMNS[parts[2]]
        if indicators is not None:  # a level label spans rows: mark the cell that covers this row
            for cell in indicators.cells:
                if cell.col == column and cell.row <= row < cell.row + cell.rowspan:
                    return f"indicators-{cell.row}-{column}"
        return f"indicators-{row}-{column}"
    if parts[0] in ("总分", "评分等级") and indicators is not None:
        rows = sorted({c.row for c in indicators.cells if c.kind == "total"})
        if parts[0] == "总分":
            return f"indicators-{rows[0]}-{lead + 6}"
        grade = [c for c in indicators.cells if c.row == rows[-1] and c.col > 0]
        return f"indicators-{grade[-1].row}-{grade[-1].col}" if len(rows) > 1 and grade else None
    return None
