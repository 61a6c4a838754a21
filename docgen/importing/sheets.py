"""A workbook's sheets as grids of cells, read with openpyxl: text as shown, numbers as exact decimals.

Excel keeps a number as a binary double and shows at most 15 significant digits; a cell's number is
read back as those 15 digits (``184.65`` stays 184.65), then at the places its number format shows,
rounded half up as Excel rounds what it displays (``0.00`` → ``234.00``; a formula ``=E7/D7`` shown as
``89.61%`` is 89.61, not 89.607143779317500). ``General`` keeps every digit. A percent format gives
percentage points (``0.8961`` shown as ``89.61%`` → 89.61). Merged cells are one cell at their
top-left corner.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path

from openpyxl.utils import get_column_letter

from docgen.errors import InputError, Problem, Where
from docgen.inputs.written_numbers import normalise

HUNDRED = Decimal(100)


def cell_ref(sheet: str, row: int, col: int) -> str:
    """``Sheet1!C17``, as Excel names a cell."""
    return f"{sheet}!{get_column_letter(col)}{row}"


@dataclass(frozen=True)
class SheetCell:
    """One non-empty cell: where it is, its text as shown, and its exact number if it holds one."""

    sheet: str
    row: int
    col: int
    text: str
    number: Decimal | None = None
    percent: bool = False
    grouped: bool = False  # its number format shows thousands separators (#,##0)

    @property
    def ref(self) -> str:
        return cell_ref(self.sheet, self.row, self.col)

    @property
    def label(self) -> str:
        """The text as a label: full-width forms folded, spaces, line breaks and a closing colon removed
        (``项 目 名 称：`` → ``项目名称``)."""
        return normalise(self.text).rstrip(":")


@dataclass
class Sheet:
    """The non-empty cells of one worksheet, by (row, column)."""

    name: str
    cells: dict[tuple[int, int], SheetCell]
    formulas: list[tuple[int, int]]  # (row, column) of formulas whose value was never saved

    @property
    def last_row(self) -> int:
        return max((row for row, _ in self.cells), default=0)

    def row(self, row: int) -> list[SheetCell]:
        """The cells of one row, left to right."""
        return self._rows.get(row, [])

    @cached_property
    def _rows(self) -> dict[int, list[SheetCell]]:  # indexed once: a sheet may stack hundreds of forms
        rows: dict[int, list[SheetCell]] = {}
        for (row, _), cell in sorted(self.cells.items()):
            rows.setdefault(row, []).append(cell)
        return rows

    def at(self, row: int, col: int) -> SheetCell | None:
        return self.cells.get((row, col))


def read_workbook(path: Path) -> list[Sheet]:
    """Every visible worksheet of an .xlsx file; a file that is not one is refused in Chinese."""
    import openpyxl

    shown = str(path)
    if path.suffix.lower() == ".xls":
        raise InputError([Problem(Where(shown), "这是旧版 Excel 97-2003 工作簿（.xls）：请在 Excel 或 WPS 中"
                                                  "“另存为”Excel 工作簿（.xlsx）后再导入。")])
    if path.suffix.lower() in (".csv", ".txt"):
        raise InputError([Problem(Where(shown), "这是文本表格（.csv），没有合并单元格和格式，无法按自评表识别：请在 "
                                                  "Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再导入。")])
    try:
        with zipfile.ZipFile(path) as probe:  # openpyxl refuses a name without .xlsx: it is checked here instead
            probe.getinfo("xl/workbook.xml")
        with open(path, "rb") as handle:  # a handle: openpyxl would refuse a name without .xlsx
            values = openpyxl.load_workbook(handle, data_only=True)
        with open(path, "rb") as handle:
            formulas = openpyxl.load_workbook(handle, data_only=False)
    except Exception as exc:  # openpyxl and its XML parsers raise many kinds for a damaged file
        raise InputError([Problem(Where(shown), f"无法作为 Excel 工作簿（.xlsx）打开（{type(exc).__name__}）："
                                                  "请确认文件完整，并在 Excel 或 WPS 中另存为 .xlsx 后再导入。")]) from None
    return [_sheet(sheet, formulas[sheet.title]) for sheet in values.worksheets if sheet.sheet_state == "visible"]


def _sheet(values: object, formulas: object) -> Sheet:
    cells: dict[tuple[int, int], SheetCell] = {}
    unsaved: list[tuple[int, int]] = []
    # Only the cells that exist, row by row: iter_rows would walk every row up to the last one, a million
    # empty rows for one stray cell at A1048576.
    for _, cell in sorted(values._cells.items()):  # type: ignore[attr-defined]
        if cell.value is None:
            formula = formulas._cells.get((cell.row, cell.column))  # type: ignore[attr-defined]
            if formula is not None and isinstance(formula.value, str) and formula.value.startswith("="):
                unsaved.append((cell.row, cell.column))
            continue
        read = read_cell(values.title, cell.row, cell.column, cell.value, cell.number_format)  # type: ignore[attr-defined]
        if read is not None:
            cells[(cell.row, cell.column)] = read
    return Sheet(values.title, cells, unsaved)  # type: ignore[attr-defined]


def read_cell(sheet: str, row: int, col: int, value: object, number_format: str) -> SheetCell | None:
    """One openpyxl value → a cell with its shown text and exact number; blank text → None."""
    if isinstance(value, bool):
        return SheetCell(sheet, row, col, "是" if value else "否")
    if isinstance(value, int | float):
        number, percent = shown_number(value, number_format)
        grouped = "," in re.sub(r'"[^"]*"', "", number_format.split(";", 1)[0])
        return SheetCell(sheet, row, col, f"{number:f}" + ("%" if percent else ""), number, percent, grouped)
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return SheetCell(sheet, row, col, f"{day.year}年{day.month}月{day.day}日")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return SheetCell(sheet, row, col, text) if text else None


def shown_number(value: int | float, number_format: str) -> tuple[Decimal, bool]:
    """A cell's number as Excel shows it: 15 significant digits, percent as points, format's places."""
    number = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    section = number_format.split(";", 1)[0]
    percent = "%" in section
    if percent:
        number *= HUNDRED
    places = _places(section)
    if places is not None:  # what the cell shows, not the digits behind it
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value() and number.as_tuple().exponent > 0:  # type: ignore[operator]
        number = number.quantize(Decimal(1))
    return number, percent


def _places(section: str) -> int | None:
    """How many decimals a number format shows (``#,##0.00`` → 2), None for ``General``."""
    match = re.search(r"0(?:\.(0+))?(?![^\"]*\")", section.replace("\\", ""))
    if match is None:
        return None
    return len(match.group(1) or "")

