"""A Word document's tables as one grid of cells, for the same form finder as a workbook's sheets.

Many offices keep their 自评表 only in Word. Read with python-docx: the document's body in order, each
paragraph outside a table one row (the title, the year line), each table's rows below it, a merged cell
once at its top-left position (``w:gridSpan`` across, ``w:vMerge`` down) — as Excel keeps a merged range.
The rows are numbered down the whole document, so a note's ``Word!C12`` is the twelfth row counted that
way and its third column.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docgen.errors import InputError, Problem, Where
from docgen.importing.sheets import Sheet, SheetCell

SHEET = "Word"


def read_document(path: Path) -> list[Sheet]:
    """The tables (and the lines around them) of a .docx file as one sheet; a file that is not one is
    refused in Chinese."""
    from docx import Document
    from docx.oxml.ns import qn

    shown = str(path)
    if path.suffix.lower() == ".doc":
        raise InputError([Problem(Where(shown), "这是旧版 Word 97-2003 文档（.doc）：请在 Word 或 WPS 中“另存为”"
                                                  "Word 文档（.docx）后再导入。")])
    try:
        with zipfile.ZipFile(path) as probe:
            probe.getinfo("word/document.xml")
        document = Document(str(path))
    except Exception as exc:  # python-docx and its XML parser raise many kinds for a damaged file
        raise InputError([Problem(Where(shown), f"无法作为 Word 文档（.docx）打开（{type(exc).__name__}）："
                                                  "请确认文件完整，并在 Word 或 WPS 中另存为 .docx 后再导入。")]) from None
    cells: dict[tuple[int, int], SheetCell] = {}
    row = 0
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            text = "".join(t.text or "" for t in block.iter(qn("w:t"))).strip()
            if text:
                row += 1
                cells[(row, 1)] = SheetCell(SHEET, row, 1, text)
        elif block.tag == qn("w:tbl"):
            for tr in block.iter(qn("w:tr")):
                row += 1
                col = 1
                for tc in tr.iter(qn("w:tc")):
                    properties = tc.find(qn("w:tcPr"))
                    span = properties.find(qn("w:gridSpan")) if properties is not None else None
                    merge = properties.find(qn("w:vMerge")) if properties is not None else None
                    continued = merge is not None and merge.get(qn("w:val")) in (None, "continue")
                    text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
                    text = text.strip()
                    if text and not continued:
                        cells[(row, col)] = SheetCell(SHEET, row, col, text)
                    col += int(span.get(qn("w:val"))) if span is not None else 1
    return [Sheet(SHEET, cells, [])]
