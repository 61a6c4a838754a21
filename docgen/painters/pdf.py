"""TableLayout → PDF through WeasyPrint, from the profile's ``table.html.j2``.

One ``FontConfiguration`` serves every table a painter paints, with the cut-down copies of the
fonts (``fonts.common_faces``) declared once in a stylesheet of their own. Before painting, every
character of the table is checked against the installed fonts: a PDF with a missing glyph (an
empty box) is never written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from markupsafe import Markup

from docgen.fonts import check_glyphs, common_faces, font_family_list
from docgen.layout.model import (
    PAGE_TOKEN,
    PAGES_TOKEN,
    Design,
    Fonts,
    Page,
    ReportLayout,
    TableLayout,
    split_page_tokens,
)
from docgen.layout.report import PART_ROWS, report_parts
from docgen.painters import html_tree
from docgen.painters.base import Painter
from docgen.painters.charts import chart_data_uri
from docgen.painters.pdf_pages import Assembly, Mark, made_by_typst, marks_of, open_pdf, write_with_footers
from docgen.profiles.load import Profile
from docgen.profiles.templates import render

TABLE_TEMPLATE = "table.html.j2"
REPORT_TEMPLATE = "report.html.j2"
if TYPE_CHECKING:
    from docgen.painters.typst_pdf import TypstPainter

FOOTERS_TEMPLATE = "footers.html.j2"
FOOTER_LAYERS = 64  # footer layers kept per painter (one per page count and page set-up in use)


def css_string(text: str) -> str:
    """Header or footer text → a CSS ``content`` value, page tokens as counters."""
    if not text:
        return '""'
    counters = {PAGE_TOKEN: "counter(page)", PAGES_TOKEN: "counter(pages)"}
    return " ".join(counters.get(piece) or css_quote(piece) for piece in split_page_tokens(text))


def css_quote(text: str) -> str:
    """A CSS string literal; ``<`` escaped too, so nothing can close the ``<style>`` element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return f'"{escaped}"'


def font_face_rules(families: tuple[str, ...]) -> str:
    """The ``@font-face`` rules declaring the cut-down copies of ``families`` (empty if there are none)."""
    return "".join(f"@font-face {{ font-family: {css_quote(face.family)}; src: url({css_quote(face.path.as_uri())}); "
                   f"font-weight: {face.weight}; }}\n" for face in common_faces(families))


class PdfPainter(Painter):
    """Paints tables and reports to PDF; keeps one font configuration for everything it paints."""

    extension = "pdf"
    paints_reports = True

    def __init__(self, part_rows: int = PART_ROWS) -> None:
        self._font_config: Any = None
        self._font_faces: dict[tuple[str, ...], Any] = {}
        self.part_rows = part_rows
        self._typst: TypstPainter | None = None  # for profiles with pdf.engine: typst
        self._footers: dict[tuple[Any, ...], bytes] = {}  # footer layers made, by what they depend on

    def paint_to(self, layout: TableLayout, path: Path, profile: Profile) -> None:
        """One table: laid out without its footer, which is drawn over the pages afterwards (so that a
        report can take it off and number the table's pages with its own)."""
        if profile.settings.pdf_engine == "typst":
            self.typst.paint_to(layout, path, profile)
            return
        document = self.render_table(layout, profile)
        footers = (lambda pages: self.footers([layout.page] * pages, layout.page.footer, layout.fonts, profile,
                                              layout.design)) \
            if layout.page.footer else None
        # with footers, write_with_footers writes it again (through Assembly), which sets the /ID
        body, marks = document.write_pdf(**pdf_options(profile, identified=footers is None)), marks_of(document)
        del document  # the laid-out boxes are what costs memory
        write_with_footers(body, path, footers, marks)

    def paint_report_to(self, report: ReportLayout, path: Path, profile: Profile, tables: tuple[Path, ...]) -> None:
        """The report's pages, then the pages of each project's table PDF (already written by this
        painter, so nothing is laid out twice; their footers taken off), in one PDF/A with one
        structure tree, one outline (the report's headings, then a bookmark per table under the
        appendix heading) and page numbers running over the whole document.

        A long report (the 审核意见 of a whole year) is laid out part by part, each part written and
        dropped before the next, so memory stays flat however many projects there are; a part starts
        on a new page."""
        if profile.settings.pdf_engine == "typst":
            self.typst.paint_report_to(report, path, profile, tables)
            return
        check_glyphs(report.title, report.texts(), report.fonts.pdf)
        assembly = Assembly()
        setups = []
        for part in report_parts(report, self.part_rows):
            document = self.render_html(REPORT_TEMPLATE, profile, report.fonts.pdf,
                                        {"report": part, "chart_uri": chart_data_uri}, "")
            assembly.add(document.write_pdf(**pdf_options(profile, identified=False)), marks_of(document))
            setups += [report.page] * len(document.pages)
            del document  # the laid-out boxes are what costs memory
        marks = list(assembly.marks)
        table_marks = []
        layouts = report.tables if len(report.tables) == len(tables) else (None,) * len(tables)
        for table, layout in zip(tables, layouts, strict=True):
            source: Any = open_pdf(table)
            if layout is not None and made_by_typst(source):  # its footer is part of its pages: compile it without
                source.close()
                source = self.typst.body(layout, profile, footer=False)
            first = assembly.add(source, without_footer=True)
            table_marks.append(Mark(layout.project if layout else table.stem, first))
            setups += [layout.page if layout else report.page] * (assembly.pages - first)
        if table_marks:
            if marks and marks[-1].title == report.appendix_heading:
                marks[-1] = Mark(marks[-1].title, marks[-1].page, (*marks[-1].children, *table_marks))
            else:
                marks += table_marks
        if report.page.footer:
            assembly.draw_footers(self.footers(setups, report.page.footer, report.fonts, profile, report.design))
        assembly.write(path, marks)

    def footers(self, pages: list[Page], footer: str, fonts: Fonts, profile: Profile, design: Design) -> bytes:
        """A PDF of ``footer`` alone, one page for each of ``pages`` (each its own paper and margins),
        the page counters running over all of them: drawn over a document's pages by ``Assembly``.
        Made once for each such set of pages: the tables of a year share a few (第 1 页，共 2 页 …), so
        a table's PDF costs one layout, its own (the bytes are the same as a layer made afresh)."""
        loader = profile.jinja.loader
        sources = tuple(loader.get_source(profile.jinja, name)[0] for name in (FOOTERS_TEMPLATE, "macros.html.j2")) \
            if loader is not None else ()  # an agency's template edited while docgen serve runs: a new layer
        setups = tuple((page.size, page.landscape, page.margins_mm) for page in pages)  # (not the header)
        key = (profile.search_path, sources, setups, footer, fonts, design)
        made = self._footers.get(key)
        if made is None:
            if len(self._footers) >= FOOTER_LAYERS:
                self._footers.pop(next(iter(self._footers)))  # the oldest
            made = self._footers[key] = self._footer_layer(pages, footer, fonts, profile, design)
        return made

    def _footer_layer(self, pages: list[Page], footer: str, fonts: Fonts, profile: Profile, design: Design) -> bytes:
        names: dict[tuple[str, bool, tuple[Any, ...]], str] = {}
        setups = [{"name": names.setdefault((page.size, page.landscape, page.margins_mm), f"p{len(names)}"),
                   "page": page} for page in pages]
        document = self.render_html(FOOTERS_TEMPLATE, profile, fonts.pdf, {"pages": setups, "fonts": fonts,
                                                                            "design": design}, footer)
        footers: bytes = document.write_pdf()
        return footers

    @property
    def typst(self) -> TypstPainter:
        """The Typst painter, for profiles with ``pdf.engine: typst`` (made on first use: its compiler is
        imported only where a profile asks for it)."""
        if self._typst is None:
            from docgen.painters.typst_pdf import TypstPainter

            self._typst = TypstPainter()
        return self._typst

    @property
    def font_config(self) -> Any:
        if self._font_config is None:
            from weasyprint.text.fonts import FontConfiguration

            self._font_config = FontConfiguration()
        return self._font_config

    def font_faces(self, fonts: tuple[str, ...]) -> Any:
        """The ``@font-face`` stylesheet of the copies of ``fonts``, parsed once per painter."""
        if fonts not in self._font_faces:
            from weasyprint import CSS

            self._font_faces[fonts] = CSS(string=font_face_rules(fonts), font_config=self.font_config)
        return self._font_faces[fonts]

    def render_table(self, layout: TableLayout, profile: Profile) -> Any:
        """One table laid out into pages (a WeasyPrint document), refused if a glyph is missing."""
        check_glyphs(layout.source, layout.texts(), layout.fonts.pdf)
        return self.lay_out(self.table_html(layout, profile), profile, layout.fonts.pdf)  # on docgen's pages

    @staticmethod
    def table_html(layout: TableLayout, profile: Profile) -> str:
        """The HTML of one table, from the profile's ``table.html.j2``."""
        return PdfPainter.html(TABLE_TEMPLATE, profile, layout.fonts.pdf, {
            "layout": layout,
            "css_page_header": Markup(css_string(layout.page.header)),
            "logo_url": layout.logo.as_uri() if layout.logo is not None else "",
        }, "")  # the footer is drawn over the pages afterwards (paint_to)

    @staticmethod
    def html(template: str, profile: Profile, fonts: tuple[str, ...], context: dict[str, Any], footer: str) -> str:
        """A profile's HTML template filled in, with the page footer and font list every template gets."""
        return render(profile.jinja, template, {  # CSS values are CSS-escaped, so safe in <style>
            **context,
            "css_page_footer": Markup(css_string(footer)),
            "font_families": Markup(", ".join(css_quote(family) for family in font_family_list(fonts))),
        })

    def render_html(self, template: str, profile: Profile, fonts: tuple[str, ...], context: dict[str, Any],
                    footer: str) -> Any:
        return self.lay_out(self.html(template, profile, fonts, context, footer), profile, fonts)

    def lay_out(self, html: str, profile: Profile, fonts: tuple[str, ...]) -> Any:
        """HTML → pages (a WeasyPrint document), resources only from the profile's folders."""
        document = parsed_html(html, str(profile.search_path[0]), _local_fetcher(profile.search_path))
        return document.render(font_config=self.font_config, stylesheets=[self.font_faces(fonts)])


def pdf_options(profile: Profile, identified: bool = True) -> dict[str, Any]:
    """WeasyPrint's options for a table PDF: PDF/A-3a when archival and tagged (3b when only archival),
    tags for screen readers; a profile may turn either off (``pdf: {archival: false, tagged: false}``).

    Not ``identified``: a PDF that ``Assembly`` writes again, with the /ID qpdf computes from its
    content, is written without WeasyPrint's own /ID (an MD5 of every object: PDF/A asks for one, and
    pydyf serialises and compresses every object a second time to make it — a fifth of the write)."""
    settings = profile.settings
    options: dict[str, Any] = {"pdf_tags": settings.pdf_tagged}
    if settings.pdf_a:
        options["pdf_variant"] = f"pdf/a-{settings.pdf_a}"
    if not identified:
        options["pdf_identifier"] = False
    return options


def parsed_html(html: str, base_url: str, url_fetcher: Any) -> Any:
    """A WeasyPrint ``HTML`` of ``html``: its tree built by ``html_tree`` where the markup allows (the
    tree tinyhtml5 builds, in a tenth of the time), else parsed by WeasyPrint itself."""
    import cssselect2  # with WeasyPrint, only where a PDF is made
    from weasyprint import HTML

    tree = html_tree.parse(html)
    if tree is None:
        return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    document = HTML(string=_EMPTY_HTML, base_url=base_url, url_fetcher=url_fetcher)  # what __init__ sets
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
    document.etree_element = document.wrapper_element.etree_element  # (no <base>: base_url stays)
    return document


_EMPTY_HTML = "<!DOCTYPE html><html><head></head><body></body></html>"


def _local_fetcher(allowed: tuple[Path, ...]) -> Any:
    """A URL fetcher that serves only files inside the profile's folders (a logo, a stylesheet)."""
    from weasyprint.urls import URLFetcher

    roots = [folder.resolve() for folder in allowed]

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            target = Path(unquote(parsed.path)).resolve()
            inline = parsed.scheme == "data"  # charts, embedded in the page itself
            if not inline and (parsed.scheme != "file" or not any(target.is_relative_to(r) for r in roots)):
                raise ValueError(f"模板引用了模板文件夹以外的资源，已拒绝：{url[:80]}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"}, fail_on_errors=False)
