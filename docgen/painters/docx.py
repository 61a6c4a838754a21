"""TableLayout → Word (.docx) with python-docx: real tables with the form's merges.

For Word, WPS and LibreOffice alike: table and column widths are set both in ``w:tblW`` and in
``w:gridCol`` (WPS reads the grid, Word the table width) and on every cell; the East Asian font
is set in ``w:eastAsia``; the indicator header row is flagged ``w:tblHeader`` so it repeats on
each page, and its rows ``w:cantSplit``; the footer carries PAGE and NUMPAGES fields.
"""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips

from docgen.layout.model import (
    DEFAULT_DESIGN,
    PAGE_TOKEN,
    PAGES_TOKEN,
    Cell,
    Design,
    Fonts,
    Grid,
    Page,
    ReportLayout,
    TableLayout,
    split_page_tokens,
)
from docgen.painters.base import Painter
from docgen.painters.charts import chart_png
from docgen.painters.docx_reference import paint_into_reference
from docgen.painters.reproducible import document_time, freeze, normalize_zip, save_docx
from docgen.profiles.load import Profile
from docgen.profiles.reference import reference_docx

TWIPS_PER_MM = Decimal("56.6929")


class DocxPainter(Painter):
    extension = "docx"
    paints_reports = True

    def paint_to(self, layout: TableLayout, path: Path, profile: Profile) -> None:
        reference = reference_docx(profile)
        if reference is not None:  # the agency's own Word document, its tags filled, the table in it
            paint_into_reference(reference, layout.tags, lambda document: add_table_layout(document, layout), path)
            normalize_zip(path)
            return
        document = new_document(layout.page, layout.fonts, layout.title, layout.design)
        add_table_layout(document, layout)
        save(document, path)

    def paint_report_to(self, report: ReportLayout, path: Path, profile: Profile, tables: tuple[Path, ...]) -> None:
        """The report, then its project tables painted into the same document (Word cannot append files)."""
        reference = reference_docx(profile)
        if reference is not None:
            paint_into_reference(reference, report.tags, lambda document: add_report(document, report), path)
            normalize_zip(path)
            return
        document = new_document(report.page, report.fonts, report.title, report.design)
        add_report(document, report)
        save(document, path)


def add_report(document: Any, report: ReportLayout) -> None:
    """A report's title, sections and appended tables."""
    fonts = report.fonts
    add_paragraph(document, "\n".join(report.title_lines or (report.title,)), fonts.title_pt, bold=True)
    for section in report.sections:
        if section.heading:
            add_paragraph(document, section.heading, fonts.subtitle_pt, bold=True, center=False)
        for paragraph in section.paragraphs:
            add_paragraph(document, paragraph, fonts.body_pt, center=False, indent=True)
        for chart in section.charts:
            document.add_picture(io.BytesIO(chart_png(chart)), width=Mm(float(chart.width_mm)))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if section.grid is not None:
            add_grid(document, section.grid, design=report.design)
    if report.tables and report.appendix_heading:
        add_paragraph(document, report.appendix_heading, fonts.subtitle_pt, bold=True, center=False)
        for paragraph in report.appendix:
            add_paragraph(document, paragraph, fonts.body_pt, center=False)
    for table in report.tables:
        document.add_page_break()
        add_table_layout(document, table)


def save(document: Any, path: Path) -> None:
    """Save with fixed timestamps, so the same table always gives the same bytes (zipped once)."""
    save_docx(document, path)


def new_document(page: Page, fonts: Fonts, title: str = "", design: Design = DEFAULT_DESIGN) -> Any:
    """An empty A4 (or as set) document with the profile's fonts, header and footer: a copy of one made
    once per page set-up and fonts, sharing the parts no document changes (styles, theme, header,
    footer: ``_shared``); only the document part and the core properties are copied."""
    blank = _blank(page, fonts, design)
    document = copy.deepcopy(blank, {id(part): part for part in _shared(blank)})
    _STYLE_IDS[document.part] = _grid_style_id(blank)
    properties = document.core_properties
    properties.title = title
    properties.created = properties.modified = properties.last_printed = document_time()  # SOURCE_DATE_EPOCH now
    return document


def _shared(blank: Any) -> list[Any]:
    """The blank document's parts that its copies share (frozen: saved from bytes compressed once)."""
    from docx.opc.parts.coreprops import CorePropertiesPart

    return [part for part in blank.part.package.parts
            if part is not blank.part and not isinstance(part, CorePropertiesPart)]


@lru_cache(maxsize=8)
def _blank(page: Page, fonts: Fonts, design: Design = DEFAULT_DESIGN) -> Any:
    document = Document()
    properties = document.core_properties
    properties.created = properties.modified = document_time()
    properties.last_printed = document_time()
    properties.revision = 1
    properties.author = properties.last_modified_by = "docgen"
    _page_setup(document, page)
    _fonts(document, fonts)
    section = document.sections[0]
    _fields_paragraph(section.header.paragraphs[0], page.header, design)
    _fields_paragraph(section.footer.paragraphs[0], page.footer, design)
    freeze(_shared(document))
    return document


def add_table_layout(document: Any, layout: TableLayout) -> None:
    """One table as published: logo, title lines and its grids."""
    if layout.logo is not None:
        document.add_paragraph().add_run().add_picture(str(layout.logo), width=Mm(float(layout.logo_width_mm)))
    add_paragraph(document, layout.title, layout.fonts.title_pt, bold=True)
    if layout.subtitle:  # no year line: no empty paragraph either
        add_paragraph(document, layout.subtitle, layout.fonts.subtitle_pt)
    for number, page in enumerate(layout.paged):  # the pages the PDFs have (layout/paging.py)
        for index, grid in enumerate(page):
            if index or number:
                _joint(document, new_page=number > 0 and index == 0)
            add_grid(document, grid, layout.fonts.body_pt if layout.pages else None, layout.design)


def _joint(document: Any, new_page: bool = False) -> None:
    """A paragraph one twip high between two grids: Word would merge adjacent tables into one (and lose
    the indicator block's repeating header row); this keeps them apart without a visible gap. With
    ``new_page`` it starts the next of the table's pages."""
    paragraph = document.add_paragraph()
    properties = paragraph._p.get_or_add_pPr()
    if new_page:
        properties.append(parse_xml(f'<w:pageBreakBefore {nsdecls("w")}/>'))
    properties.append(parse_xml(
        f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'))
    run = paragraph.add_run()
    run.font.size = Pt(1)


def _page_setup(document: Any, page: Page) -> None:
    section = document.sections[0]
    if page.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(float(page.width_mm)), Mm(float(page.height_mm))  # A4 or A3
    top, right, bottom, left = (Mm(float(m)) for m in page.margins_mm)
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = top, right, bottom, left


def _fonts(document: Any, fonts: Fonts) -> None:
    style = document.styles["Normal"]
    style.font.name = fonts.latin
    style.font.size = Pt(float(fonts.body_pt))
    names = style.element.get_or_add_rPr().get_or_add_rFonts()
    names.set(qn("w:eastAsia"), fonts.cjk)
    names.set(qn("w:hAnsi"), fonts.latin)
    paragraph = style.paragraph_format
    paragraph.space_before = paragraph.space_after = Pt(0)


def add_paragraph(document: Any, text: str, size: Decimal, bold: bool = False, center: bool = True,
                  indent: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(4)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(float(size) * 2)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(float(size))


def add_grid(document: Any, grid: Grid, body_pt: Decimal | None = None, design: Design = DEFAULT_DESIGN) -> None:
    """A grid as a Word table; with ``body_pt`` (a table's page, as the PDFs print it) each row at least as
    high as the PDFs draw it, its lines as far apart, so Word fills the page as they do."""
    table = document.add_table(rows=0, cols=grid.columns)
    table._tbl.tblStyle_val = _grid_style_id(document)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    twips = [int(w * TWIPS_PER_MM) for w in grid.widths_mm]
    _table_width(table, sum(twips), grid.frame, design)
    for column, width in zip(table.columns, twips, strict=True):
        column.width = Twips(width)
    pitch = int(body_pt * design.line_height * 20) if body_pt is not None and grid.heights_pt else None
    colour = "" if design.text_colour == "#000000" else f'<w:color w:val="{design.text_colour[1:]}"/>'
    rows = "".join(_row_xml(grid, row, cells, twips, pitch, colour) for row, cells in _rows_with_continuations(grid))
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>"):
        table._tbl.append(tr)


_STYLE_IDS: WeakKeyDictionary[Any, str | None] = WeakKeyDictionary()


def _grid_style_id(document: Any) -> str | None:
    """The id of the document's "Table Grid" style, what ``table.style = "Table Grid"`` sets, found once
    per document (python-docx reads through every style to find it, for each table)."""
    part = document.part
    if part not in _STYLE_IDS:
        _STYLE_IDS[part] = part.get_style_id(document.styles["Table Grid"], WD_STYLE_TYPE.TABLE)
    return _STYLE_IDS[part]


def _rows_with_continuations(grid: Grid) -> list[tuple[int, list[tuple[Cell, bool]]]]:
    """Each row's cells left to right, with the cells of a vertical merge continuing into it
    (marked ``True``): Word needs a ``w:tc`` with ``w:vMerge`` in every row a merge spans."""
    rows: list[list[tuple[Cell, bool]]] = [[] for _ in range(grid.rows)]
    for cell in grid.cells:
        for row in range(cell.row, cell.last_row + 1):
            rows[row].append((cell, cell.row != row))
    return [(row, sorted(present, key=lambda item: item[0].col)) for row, present in enumerate(rows)]


def _row_xml(grid: Grid, row: int, cells: list[tuple[Cell, bool]], twips: list[int], pitch: int | None = None,
             colour: str = "") -> str:
    properties = ""
    if row < grid.header_rows and not grid.paged:
        properties += '<w:tblHeader w:val="true"/>'
    if row not in grid.splittable_rows:
        properties += '<w:cantSplit w:val="true"/>'
    if pitch is not None:
        properties += f'<w:trHeight w:val="{int(grid.heights_pt[row] * 20)}" w:hRule="atLeast"/>'
    cells_xml = "".join(_cell_xml(c, cont, twips, pitch if c.kind != "note" else None, colour) for c, cont in cells)
    return f"<w:tr><w:trPr>{properties}</w:trPr>{cells_xml}</w:tr>"


def _cell_xml(cell: Cell, continuation: bool, twips: list[int], pitch: int | None = None, colour: str = "") -> str:
    width = sum(twips[cell.col: cell.last_col + 1])
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge = ("<w:vMerge/>" if continuation else '<w:vMerge w:val="restart"/>') if cell.rowspan > 1 else ""
    look = cell.look
    no_wrap = "" if look.wrap else "<w:noWrap/>"
    head = f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}{no_wrap}<w:vAlign w:val="center"/></w:tcPr>'
    if continuation:
        return f"{head}<w:p/></w:tc>"
    bold = f"<w:rPr>{'<w:b/>' if look.bold else ''}{colour}</w:rPr>" if look.bold or colour else ""
    spacing = f'<w:spacing w:line="{pitch}" w:lineRule="exact"/>' if pitch is not None else ""
    paragraphs = "".join(
        f'<w:p><w:pPr>{spacing}<w:jc w:val="{look.align}"/></w:pPr>'
        + (f'<w:r>{bold}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else "")
        + "</w:p>"
        for text in cell.paragraphs
    )
    return f"{head}{paragraphs}</w:tc>"


def _table_width(table: Any, twips: int, frame: bool = True, design: Design = DEFAULT_DESIGN) -> None:
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:w"), str(twips))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    # borders on the table itself, not only from the "Table Grid" style: an agency's reference.docx may
    # not have that style, and the table must keep its frame in it
    # (none on the lines outside the frame: 报表编号 above it, the signatures under it)
    # the design's width in eighths of a point (Word's unit, at least 2), its colour
    size = max(2, int(design.border_pt * 8))
    border = f'w:val="single" w:sz="{size}" w:space="0" w:color="{design.border_colour[1:]}"' if frame else 'w:val="nil"'
    properties.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>" + "".join(
        f'<w:{side} {border}/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(design.padding_mm * TWIPS_PER_MM)))  # as the PDF pads its cells
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)


def _fields_paragraph(paragraph: Any, text: str, design: Design = DEFAULT_DESIGN) -> None:
    """Header or footer text with PAGE / NUMPAGES fields where the page tokens stand."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for chunk in split_page_tokens(text):
        if chunk in (PAGE_TOKEN, PAGES_TOKEN):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), " PAGE " if chunk == PAGE_TOKEN else " NUMPAGES ")
            run = OxmlElement("w:r")
            text_element = OxmlElement("w:t")
            text_element.text = "1"
            run.append(text_element)
            field.append(run)
            paragraph._p.append(field)
        else:
            run = paragraph.add_run(chunk)
            run.font.size = Pt(float(design.footer_pt))
            if design.text_colour != "#000000":
                run.font.color.rgb = RGBColor.from_string(design.text_colour[1:])
