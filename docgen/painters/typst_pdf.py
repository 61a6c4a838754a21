"""TableLayout and ReportLayout → PDF through Typst (``pdf.engine: typst``): the same layouts as the
other painters, as JSON into the profile's ``table.typ`` / ``report.typ`` (which share ``docgen.typ``);
one ``Compiler`` per template file and process, reused.

A table PDF is one compile, its footer drawn by Typst; a Typst report compiles its department's tables
in, with one footer, one outline and one structure tree from the start; a WeasyPrint report (a
department of mixed profiles) appends a Typst table compiled without its footer (``body``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.errors import ProfileError
from docgen.fonts import check_glyphs
from docgen.layout.model import (
    DEFAULT_DESIGN,
    PAGE_TOKEN,
    PAGES_TOKEN,
    Design,
    Fonts,
    Grid,
    Page,
    PageBlock,
    Placed,
    ReportLayout,
    TableLayout,
    split_page_tokens,
)
from docgen.painters.base import Painter
from docgen.painters.charts import chart_data
from docgen.painters.reproducible import document_time
from docgen.profiles.load import BUILTIN_TEMPLATES, Profile


def layout_json(layout: TableLayout) -> str:
    return json.dumps(table_data(layout), ensure_ascii=False)


def table_data(layout: TableLayout) -> dict[str, Any]:
    """What ``project-table`` in docgen.typ paints: one table, every text a string."""
    logo = None
    if layout.logo is not None:
        logo = {"data": list(layout.logo.read_bytes()), "width": float(layout.logo_width_mm),
                "alt": f"{layout.tags.get('agency', '')}标志"}
    return {
        "project": layout.project, "agency": layout.tags.get("agency", ""), "title": layout.title,
        "subtitle": layout.subtitle, "page": _page(layout.page), "logo": logo,
        "fonts": _fonts(layout.fonts), "design": design_data(layout.design),
        "pages": [[grid_data(grid, layout.fonts.body_pt, layout.design) for grid in page] for page in layout.paged],
    }


def design_data(design: Design) -> dict[str, Any]:
    """The design as docgen.typ draws with it: every length worked out here in decimals (a float sum in
    Typst would move a glyph by a rounding), colours only where they are not the engines' black."""
    return {"border": float(design.border_pt), "half-border": float(design.border_pt / 2),
            "padding": float(design.padding_mm), "line": float(design.line_height),
            "leading": float(design.leading_em), "half-leading": float(design.leading_em / 2),
            "footer": float(design.footer_pt),
            "text": None if design.text_colour == "#000000" else design.text_colour,
            "stroke": None if design.border_colour == "#000000" else design.border_colour}


def grid_data(grid: Grid, body_pt: Decimal = Decimal("10.5"), design: Design = DEFAULT_DESIGN) -> dict[str, Any]:
    """A grid as ``grid-table`` paints it: the header rows' cells, the body's, each row at the height the
    layout gives it. A page's part of a grid (``Grid.paged``) is drawn whole; a report's table that was
    not cut keeps its header rows apart (``rows_in_groups``)."""
    placed = list(grid.placed_rows())
    head_rows = grid.head_rows
    return {"widths": [float(w) for w in grid.widths_mm],
            "heights": [None if row in grid.splittable_rows else float(h) for row, h in enumerate(grid.heights_pt)],
            "head": _cells([(row, cells) for row, cells in placed if row < head_rows], grid.frame),
            "body": _cells([(row, cells) for row, cells in placed if row >= head_rows], grid.frame),
            "keeps": [(row, 1) for row, _ in placed if row >= head_rows and row not in grid.splittable_rows],
            "design": design_data(design),
            **({} if grid.frame else {"frame": False})}


def _cells(rows: list[tuple[int, list[Placed]]], frame: bool = True) -> list[dict[str, Any]]:
    return [{"row": row, "col": p.cell.col, "rowspan": p.rowspan, "colspan": p.cell.colspan, "text": p.printed,
             "bold": p.cell.look.bold, "left": p.cell.look.align == "left", "wrap": p.cell.look.wrap,
             "note": p.cell.kind == "note", "continues": p.continues, "continued": p.continued,
             **({} if frame else {"frame": False})}
            for row, placed in rows for p in placed]


def report_data(report: ReportLayout) -> dict[str, Any]:
    """What report.typ paints: the report's sections (charts as shapes), then its tables."""
    return {
        "title": report.title, "title-lines": list(report.title_lines or (report.title,)),
        "agency": report.tags.get("agency", ""), "page": _page(report.page),
        "fonts": _fonts(report.fonts), "design": design_data(report.design),
        "sections": [{"heading": section.heading, "paragraphs": list(section.printed_paragraphs),
                      "charts": [chart_data(chart) for chart in section.charts],
                      "grid": grid_data(section.grid, report.fonts.body_pt, report.design)
                      if section.grid is not None else None}
                     for section in report.sections],
        "appendix-heading": report.appendix_heading, "appendix": list(report.printed_appendix or report.appendix),
        "pages": [[_block(block, report.fonts.body_pt, report.design) for block in page] for page in report.pages],
        "tables": [table_data(table) for table in report.tables],
    }


def _block(block: PageBlock, body_pt: Decimal, design: Design) -> dict[str, Any]:
    """One block of a report's page as report.typ draws it."""
    return {"kind": block.kind, "gap": float(block.gap_pt), "text": block.text, "indent": block.indent,
            "chart": chart_data(block.chart) if block.chart is not None else None,
            "grid": grid_data(block.grid, body_pt, design) if block.grid is not None else None}


def _fonts(fonts: Fonts) -> dict[str, Any]:
    return {"families": list(fonts.pdf), "body": float(fonts.body_pt), "title": float(fonts.title_pt),
            "subtitle": float(fonts.subtitle_pt)}


def _page(page: Page) -> dict[str, Any]:
    return {"landscape": page.landscape, "paper": page.size.lower(), "margins": [float(m) for m in page.margins_mm],
            "header": _pieces(page.header), "footer": _pieces(page.footer)}


class TypstPainter(Painter):
    """Tables and reports through Typst; one compiler per template file, reused (a new one costs ~70 ms)."""

    extension = "pdf"
    paints_reports = True

    def __init__(self) -> None:
        self._compilers: dict[Path, Any] = {}

    def compiler(self, profile: Profile, name: str) -> Any:
        import typst

        root = typst_root(profile)
        template = root / name
        if not template.is_file():
            raise ProfileError(f"模板“{profile.name}”没有 {name}：pdf.engine: typst 需要它。")
        if template not in self._compilers:
            self._compilers[template] = typst.Compiler(str(template), root=str(root))
        return self._compilers[template]

    def paint_to(self, layout: TableLayout, path: Path, profile: Profile) -> None:
        path.write_bytes(self.body(layout, profile))

    def body(self, layout: TableLayout, profile: Profile, footer: bool = True) -> bytes:
        """One table's PDF, its page footer drawn by Typst (or left off, for a report that numbers the
        table's pages with its own)."""
        check_glyphs(layout.source, layout.texts(), layout.fonts.pdf)
        refuse_html_template(profile)
        return self.compile(profile, "table.typ", {"layout": layout_json(layout), "footer": "yes" if footer else "no"})

    def paint_report_to(self, report: ReportLayout, path: Path, profile: Profile, tables: tuple[Path, ...]) -> None:
        """The report and its department's tables, compiled together (the table PDFs already written are
        not needed: their layouts are in ``report.tables``)."""
        refuse_html_template(profile, REPORT_HTML)
        check_glyphs(report.title, report.texts(), report.fonts.pdf)
        for table in report.tables:
            check_glyphs(table.source, table.texts(), table.fonts.pdf)
        path.write_bytes(self.compile(profile, "report.typ", {"report": json.dumps(report_data(report),
                                                                                   ensure_ascii=False)}))

    def compile(self, profile: Profile, template: str, inputs: dict[str, str]) -> bytes:
        """A template compiled with ``inputs`` as ``sys.inputs``: PDF/A and tags as the profile says,
        the fixed document time (the same bytes on every run)."""
        settings = profile.settings
        pdf: bytes = self.compiler(profile, template).compile(
            format="pdf", sys_inputs=inputs,
            pdf_standards=[f"a-{settings.pdf_a}"] if settings.pdf_a else [],
            pdf_tags=settings.pdf_tagged, timestamp=int(document_time().timestamp()))
        return pdf


_ROOTS: dict[tuple[Path, ...], tuple[tuple[Any, ...], Path]] = {}


def typst_root(profile: Profile) -> Path:
    """The folder a profile's Typst templates compile in, as its Jinja templates are found: each ``.typ``
    file the nearest along the profile's chain (an agency's own ``docgen.typ`` or ``table.typ`` over
    default's, file by file, and ``table.typ``'s ``#import "docgen.typ"`` then finds the agency's), and
    each profile of the chain in a folder of its name, so a file can build on its parent's
    (``#import "/default/docgen.typ": *``). Named by a hash of the files, so every process and run shares
    it and an edited template gets a new one."""
    paths = [file for folder in profile.search_path for file in sorted(folder.glob("*.typ"))]
    stats = [(file, file.stat()) for file in paths]  # every compile: a stat of each file
    stamp = tuple((file, stat.st_mtime_ns, stat.st_size) for file, stat in stats)
    known = _ROOTS.get(profile.search_path)
    if known is not None and known[0] == stamp and known[1].is_dir():
        return known[1]
    files = [(file.parent.name, file.name, file.read_bytes()) for file in paths]  # read only when changed
    digest = hashlib.sha256(repr([(f, n, hashlib.sha256(b).hexdigest()) for f, n, b in files]).encode()).hexdigest()
    root = Path(tempfile.gettempdir()) / f"docgen-typst-{os.getuid() if hasattr(os, 'getuid') else 0}" / digest[:24]
    if not root.is_dir():
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root.parent))
        for folder, name, content in reversed(files):  # the farthest first: a nearer file replaces it
            (staging / name).write_bytes(content)
            (staging / folder).mkdir(exist_ok=True)
            (staging / folder / name).write_bytes(content)
        try:
            os.replace(staging, root)  # another process may have made the same folder: the same bytes
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    _ROOTS[profile.search_path] = (stamp, root)
    return root


TABLE_HTML, REPORT_HTML = ("table.html.j2", "macros.html.j2"), ("report.html.j2", "macros.html.j2")


def refuse_html_template(profile: Profile, names: tuple[str, ...] = TABLE_HTML) -> None:
    """An agency's own HTML template (``names``: a table's or a report's) customises the WeasyPrint PDF;
    Typst would silently ignore it."""
    builtin = (BUILTIN_TEMPLATES / "default").resolve()
    for folder in profile.search_path:
        for name in names:
            if folder.resolve() != builtin and (folder / name).is_file():
                raise ProfileError(f"模板“{profile.name}”有自己的 {name}（{folder}），它只用于 WeasyPrint 排版；"
                                   "用 Typst 排版（pdf.engine: typst 或 --pdf-engine typst）时不会用到它：请改用 WeasyPrint，"
                                   f"或把 {name} 中的改动移到 labels.j2 / report.j2 / profile.yaml 后删去它。")


def _pieces(text: str) -> list[str]:
    return [{PAGE_TOKEN: "page", PAGES_TOKEN: "pages"}.get(p, p) for p in split_page_tokens(text)]
