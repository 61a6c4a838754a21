"""What docgen's files show, as rows of cell texts, read with the real readers (openpyxl, python-docx's
XML, pdfplumber). Excel numbers are shown by their number format with a formatter written here, apart
from docgen's own."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
import pdfplumber
from docx.oxml.ns import qn

from tests.golden.seed_tables import normal


def excel_text(value: object, number_format: str) -> str:
    """The text Excel shows for a cell value under the few formats a table uses."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    number, suffix = Decimal(str(value)), ""
    if number_format.endswith("%"):
        number, number_format, suffix = number * 100, number_format[:-1], "%"
    if number_format == "General":
        return format(number.normalize(), "f") + suffix
    places = len(number_format.split(".")[1]) if "." in number_format else 0
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return (f"{rounded:,.{places}f}" if "," in number_format else f"{rounded:.{places}f}") + suffix


def xlsx_rows(path: Path) -> list[list[str]]:
    sheet = openpyxl.load_workbook(path).active
    return [[normal(excel_text(cell.value, cell.number_format)) for cell in row] for row in sheet.iter_rows()]


def docx_rows(path: Path) -> list[list[str]]:
    rows = []
    for table in docx.Document(str(path)).tables:
        for tr in table._tbl.iter(qn("w:tr")):
            rows.append([normal("".join(t.text or "" for t in tc.iter(qn("w:t")))) for tc in tr.iter(qn("w:tc"))])
    return rows


def docx_paragraphs(path: Path) -> list[str]:
    return [normal(p.text) for p in docx.Document(str(path)).paragraphs]


def pdf_rows(path: Path) -> list[list[str]]:
    rows = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[normal(cell) for cell in row] for row in table]
    return rows


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return normal("".join(page.extract_text() or "" for page in pdf.pages))
