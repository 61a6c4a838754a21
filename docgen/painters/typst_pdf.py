"""TableLayout → PDF through Typst (prototype): the same layout as the other painters, as JSON into
the profile's ``table.typ``; one ``Compiler`` per process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docgen.errors import ProfileError
from docgen.fonts import check_glyphs
from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, TableLayout, split_page_tokens
from docgen.painters.base import Painter
from docgen.painters.pdf_pages import write_with_footers
from docgen.painters.reproducible import document_time
from docgen.profiles.load import BUILTIN_TEMPLATES, Profile


def layout_json(layout: TableLayout) -> str:
    return json.dumps({
        "project": layout.project, "agency": layout.tags.get("agency", ""), "title": layout.title,
        "subtitle": layout.subtitle,
        "page": {"landscape": layout.page.landscape, "margins": [float(m) for m in layout.page.margins_mm],
                 "header": _pieces(layout.page.header), "footer": []},
        "fonts": {"families": list(layout.fonts.pdf), "body": float(layout.fonts.body_pt),
                  "title": float(layout.fonts.title_pt), "subtitle": float(layout.fonts.subtitle_pt)},
        "grids": [{"widths": [float(w) for w in grid.widths_mm], "header_rows": grid.header_rows,
                   "cells": [{"row": row, "col": p.cell.col, "rowspan": p.rowspan, "colspan": p.cell.colspan,
                              "text": p.text, "bold": p.cell.look.bold, "left": p.cell.look.align == "left",
                              "continues": p.continues, "continued": p.continued}
                             for row, placed in grid.rows_in_groups() for p in placed]}
                  for grid in layout.grids],
    }, ensure_ascii=False)


class TypstPainter(Painter):
    """Tables through Typst; one compiler per template file, reused (a new one costs ~70 ms)."""

    extension = "pdf"

    def __init__(self) -> None:
        self._compilers: dict[Path, Any] = {}

    def compiler(self, profile: Profile, name: str) -> Any:
        import typst

        template = next((folder / name for folder in profile.search_path if (folder / name).is_file()), None)
        if template is None:
            raise ProfileError(f"模板“{profile.name}”没有 {name}：pdf.engine: typst 需要它。")
        if template not in self._compilers:
            self._compilers[template] = typst.Compiler(str(template))
        return self._compilers[template]

    def paint_to(self, layout: TableLayout, path: Path, profile: Profile) -> None:
        check_glyphs(layout.source, layout.texts(), layout.fonts.pdf)
        _refuse_html_template(profile)
        if layout.logo is not None:
            raise ProfileError(f"模板“{profile.name}”设置了标志（logo），Typst 排版暂不支持标志：请删去 pdf.engine: typst，"
                               "或删去 logo。")
        settings = profile.settings
        body = self.compiler(profile, "table.typ").compile(
            format="pdf", sys_inputs={"layout": layout_json(layout)},
            pdf_standards=[f"a-{settings.pdf_a}"] if settings.pdf_a else [],
            pdf_tags=settings.pdf_tagged, timestamp=int(document_time().timestamp()))
        write_with_footers(body, path, (lambda pages: self.footers(layout, pages, profile))
                           if layout.page.footer else None)

    def footers(self, layout: TableLayout, pages: int, profile: Profile) -> bytes:
        page = layout.page
        data = {"pages": [{"landscape": page.landscape, "margins": [float(m) for m in page.margins_mm]}] * pages,
                "footer": _pieces(page.footer), "families": list(layout.fonts.pdf)}
        footers: bytes = self.compiler(profile, "footers.typ").compile(
            format="pdf", sys_inputs={"footers": json.dumps(data, ensure_ascii=False)}, pdf_tags=False)
        return footers


def _refuse_html_template(profile: Profile) -> None:
    """An agency's own table.html.j2 customises the WeasyPrint table; Typst would silently ignore it."""
    builtin = (BUILTIN_TEMPLATES / "default").resolve()
    for folder in profile.search_path:
        if folder.resolve() != builtin and (folder / "table.html.j2").is_file():
            raise ProfileError(f"模板“{profile.name}”有自己的 table.html.j2（{folder}），它只用于 WeasyPrint 排版；"
                               "设置了 pdf.engine: typst 时不会用到它：请删去 pdf.engine: typst，"
                               "或把 table.html.j2 中的改动移到 labels.j2 / profile.yaml 后删去它。")


def _pieces(text: str) -> list[str]:
    return [{PAGE_TOKEN: "page", PAGES_TOKEN: "pages"}.get(p, p) for p in split_page_tokens(text)]
