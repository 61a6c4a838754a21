"""Stage 6: layouts → files. Each painter paints a ``TableLayout`` (and Word and PDF a ``ReportLayout``)
as it is and computes nothing.

``get_painter(name)`` is the registry; an unknown name answers with the known ones. The ``pdf`` painter
lays out with the engine each profile names (``pdf.engine``): WeasyPrint (painters/pdf.py) or Typst
(painters/typst_pdf.py, ``PdfPainter.typst``), so one run can serve agencies of both.
"""

from __future__ import annotations

import difflib

from docgen.errors import UsageError
from docgen.painters.base import Painter

FORMATS = ("docx", "xlsx", "pdf")


def get_painter(name: str) -> Painter:
    """The painter for a format name: ``docx``, ``xlsx`` or ``pdf``."""
    if name == "docx":
        from docgen.painters.docx import DocxPainter

        return DocxPainter()
    if name == "xlsx":
        from docgen.painters.xlsx import XlsxPainter

        return XlsxPainter()
    if name == "pdf":
        from docgen.painters.pdf import PdfPainter

        return PdfPainter()
    close = difflib.get_close_matches(name, FORMATS, n=1)
    hint = f"是否应为“{close[0]}”？" if close else ""
    raise UsageError(f"未知的输出格式“{name}”。{hint}可用的格式：{'、'.join(FORMATS)}。")
