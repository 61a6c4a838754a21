"""TableLayout → Excel (.xlsx) with XlsxWriter: one sheet, the form's merges, print-ready on A4.

Text is always written as text (``write_string``, and formula/number/URL conversion switched
off), so a target like ``=100(%)`` can never become a formula. Money and scores are numbers with
the number format that displays the layout's text; a ``Decimal`` goes into the file as its exact
digits. XlsxWriter rather than openpyxl: it writes the same workbook several times faster, and
its explicit per-type writes make "text stays text" hold by construction.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from docgen.audit.checks import EXCEL_CELL_LIMIT
from docgen.layout.model import (
    PAGE_TOKEN,
    PAGES_TOKEN,
    TITLE_LOOK,
    Grid,
    Look,
    TableLayout,
)
from docgen.painters.base import Painter
from docgen.painters.reproducible import document_time, normalize_zip
from docgen.profiles.load import Profile

MM_PER_CHAR = Decimal("1.9")  # Excel column width unit: one digit of the default font
MM_PER_INCH = Decimal("25.4")
PAPER = {"A4": 9, "A3": 8}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
           "in_memory": True}  # no temporary files per worksheet part: the workbook is small


class XlsxPainter(Painter):
    extension = "xlsx"

    def paint_to(self, layout: TableLayout, path: Path, profile: Profile) -> None:
        workbook = new_workbook(path, layout.title)
        try:
            sheet = workbook.add_worksheet(sheet_name(layout.project))
            _Sheet(workbook, sheet, layout).paint()
        finally:
            workbook.close()
        normalize_zip(path)


def new_workbook(path: Path, title: str) -> Any:
    """A workbook that writes text as text, with fixed document properties (reproducible bytes)."""
    workbook = xlsxwriter.Workbook(str(path), OPTIONS)
    workbook.set_properties({"title": title, "author": "docgen", "created": document_time().replace(tzinfo=None)})
    return workbook


def sheet_name(project: str) -> str:
    """A valid sheet name from the project name: no ``[]:*?/\\``, at most 31 characters."""
    return _SHEET_FORBIDDEN.sub("_", project).strip("'")[:31] or "自评表"


class _Sheet:
    def __init__(self, workbook: Any, sheet: Any, layout: TableLayout) -> None:
        self.workbook, self.sheet, self.layout = workbook, sheet, layout
        self.formats: dict[tuple[object, ...], Any] = {}
        self.columns = max(grid.columns for grid in layout.grids)

    def style(self, look: Look, number_format: str | None = None, size: Decimal | None = None,
              border: bool = True) -> Any:
        key = (look, number_format, size, border)
        if key not in self.formats:
            fonts = self.layout.fonts
            spec: dict[str, object] = {
                "font_name": fonts.cjk, "font_size": float(size or fonts.body_pt), "text_wrap": look.wrap,
                "valign": "vcenter", "align": look.align, "bold": look.bold,
            }
            design = self.layout.design
            if border:
                spec["border"] = excel_border(design.border_pt)
                if design.border_colour != "#000000":
                    spec["border_color"] = design.border_colour
            if design.text_colour != "#000000":
                spec["font_color"] = design.text_colour
            if number_format:
                spec["num_format"] = number_format
            self.formats[key] = self.workbook.add_format(spec)
        return self.formats[key]

    def paint(self) -> None:
        layout, sheet = self.layout, self.sheet
        last_col = self.columns - 1
        title = self.style(TITLE_LOOK, size=layout.fonts.title_pt, border=False)
        sheet.merge_range(0, 0, 0, last_col, "", title)
        sheet.write_string(0, 0, layout.title, title)
        top = 1
        if layout.subtitle:  # no year line (an agency that prints none): no empty row either
            subtitle = self.style(Look(), size=layout.fonts.subtitle_pt, border=False)
            sheet.merge_range(1, 0, 1, last_col, "", subtitle)
            sheet.write_string(1, 0, layout.subtitle, subtitle)
            top = 2
        sheet.set_row(0, float(layout.fonts.title_pt) * 2)
        if layout.logo is not None:
            self.logo(layout.logo, layout.logo_width_mm)
        for grid in layout.grids:
            if grid.header_rows:
                sheet.repeat_rows(top, top + grid.header_rows - 1)
            self.grid(grid, top)
            top += grid.rows
        self.columns_widths()
        self.print_setup(top - 1)

    def logo(self, path: Path, width_mm: Decimal) -> None:
        """The profile's logo at the top left, scaled to its width in millimetres (96 dpi in Excel)."""
        from PIL import Image

        with Image.open(path) as image:
            pixels = image.size[0]
        scale = float(width_mm / MM_PER_INCH * 96 / pixels)
        self.sheet.insert_image(0, 0, str(path), {"x_scale": scale, "y_scale": scale, "object_position": 3})

    def grid(self, grid: Grid, top: int) -> None:
        """The grid's cells from sheet row ``top``; each row holding a single-row cell as tall as its
        wrapped text needs (Excel does not fit merged cells)."""
        needed = grid.row_heights_pt(self.layout.fonts.body_pt)
        heights: dict[int, Decimal] = {}
        for cell in grid.cells:
            row, col = top + cell.row, cell.col
            fmt = self.style(cell.look, cell.number_format, border=grid.frame)
            # the grids share the sheet's columns: a grid with fewer columns than another (the funding
            # block beside an indicator block with a leading column) stretches its last column to the edge
            last_col = self.columns - 1 if cell.last_col == grid.columns - 1 else cell.last_col
            if not grid.frame:  # lines outside the table (signatures): spread evenly over the sheet's columns
                col, last_col = (cell.col * self.columns // grid.columns,
                                 (cell.last_col + 1) * self.columns // grid.columns - 1)
            if cell.rowspan > 1 or last_col > col:
                self.sheet.merge_range(row, col, top + cell.last_row, last_col, "", fmt)
            if cell.value is not None:
                self.sheet.write_number(row, col, cell.value, fmt)
            else:
                self.sheet.write_string(row, col, within_cell_limit(cell.text), fmt)
            if cell.rowspan == 1:
                heights.setdefault(row, needed[cell.row])
        for row, height in heights.items():
            self.sheet.set_row(row, float(height))

    def columns_widths(self) -> None:
        for col in range(self.columns):
            width_mm = max(grid.widths_mm[col] for grid in self.layout.grids if col < grid.columns and grid.frame)
            self.sheet.set_column(col, col, float(width_mm / MM_PER_CHAR))

    def print_setup(self, last_row: int) -> None:
        page, sheet = self.layout.page, self.sheet
        sheet.set_paper(PAPER.get(page.size, 9))
        if page.landscape:
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        top, right, bottom, left = (float(m / MM_PER_INCH) for m in page.margins_mm)
        sheet.set_margins(left=left, right=right, top=top, bottom=bottom)
        sheet.fit_to_pages(1, 0)
        sheet.center_horizontally()
        sheet.print_area(0, 0, last_row, self.columns - 1)
        # the design's header and footer size where it is not Excel's own choice for docgen's default (9 pt)
        size = "" if self.layout.design.footer_pt == 9 else f"&{int(self.layout.design.footer_pt)}"
        if page.header:
            sheet.set_header("&C" + size + _excel_header(page.header))
        if page.footer:
            sheet.set_footer("&C" + size + _excel_header(page.footer))


def excel_border(width_pt: Decimal) -> int:
    """The Excel line nearest a border width: thin (to 0.75 pt), medium (to 1.5 pt) or thick."""
    return 1 if width_pt <= Decimal("0.75") else 2 if width_pt <= Decimal("1.5") else 5


CUT_NOTE = "……（超出 Excel 单元格上限，全文见 Word 或 PDF 版）"


def within_cell_limit(text: str) -> str:
    """A text as one Excel cell can hold it: a longer one is cut visibly, never silently (EXCEL_CELL_LIMIT)."""
    return text if len(text) <= EXCEL_CELL_LIMIT else text[: EXCEL_CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE


def _excel_header(text: str) -> str:
    """Header/footer text in Excel's code: ``&`` doubled, page tokens as ``&P`` and ``&N``."""
    return text.replace("&", "&&").replace(PAGE_TOKEN, "&P").replace(PAGES_TOKEN, "&N")
