"""Layout → PDF through WeasyPrint, from the profile's ``table.html.j2``.

One ``FontConfiguration`` serves every table a painter paints. Before painting, every character
of the table is checked against the fonts the PDF embeds: a PDF with a missing glyph (an empty
box) is never written.
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from markupsafe import Markup

from docgen.errors import DocgenError
from docgen.layout.model import PAGE_TOKEN, PAGES_TOKEN, Layout, split_page_tokens
from docgen.painters.base import Painter
from docgen.profiles.load import Profile
from docgen.profiles.templates import render

TABLE_TEMPLATE = "table.html.j2"
INSTALL_HINT = "请安装：sudo apt-get install fonts-noto-cjk（或运行 ./quickstart.sh，它会自动安装）"


class FontError(DocgenError):
    """The PDF cannot be made without empty boxes: a font is missing, or lacks some characters."""

    exit_code = 2


def pdf_support() -> tuple[list[str], list[str]]:
    """What stops PDF output (errors) and what slows it (warnings), in Chinese, with the fix."""
    errors, warnings = [], []
    if shutil.which("fc-list") is None or not subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout.strip():
        errors.append(f"本机没有中文字体，PDF 会缺字。{INSTALL_HINT}")
    from weasyprint.text.ffi import harfbuzz_subset

    if harfbuzz_subset is None or ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.append("未找到 HarfBuzz 字体子集库（libharfbuzz-subset0），PDF 生成会慢很多（每份约数秒）。"
                        "请安装：sudo apt-get install libharfbuzz-subset0")
    return errors, warnings


@cache
def font_file(family: str) -> tuple[str, int, str]:
    """The font file, face index and family fontconfig uses for ``family``."""
    done = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}", family], capture_output=True,
                          text=True, check=False)
    path, index, found = [*done.stdout.split("|", 2), "", "0", ""][:3]
    return path, int(index or 0), found


@cache
def covered_codepoints(families: tuple[str, ...]) -> frozenset[int]:
    """Every code point the given font families can draw (their cmaps, united)."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for family in families:
        path, index, found = font_file(family)
        if not path or family.lower() not in {name.strip().lower() for name in found.split(",")}:
            raise FontError(f"PDF 字体“{family}”未安装（fontconfig 找到的是“{found or '无'}”）。{INSTALL_HINT}，"
                            "或在模板的 profile.yaml 中把 fonts.pdf 改为本机已安装的字体。")
        font = TTFont(path, fontNumber=index, lazy=True)
        covered.update(font.getBestCmap())
        font.close()
    return frozenset(covered)


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


class PdfPainter(Painter):
    """Paints tables to PDF; keeps one font configuration for all the tables it paints."""

    extension = "pdf"

    def __init__(self) -> None:
        self._font_config: Any = None

    def paint_to(self, layout: Layout, path: Path, profile: Profile) -> None:
        self.write([self.render_table(layout, profile)], path)

    @property
    def font_config(self) -> Any:
        if self._font_config is None:
            from weasyprint.text.fonts import FontConfiguration

            self._font_config = FontConfiguration()
        return self._font_config

    def render_table(self, layout: Layout, profile: Profile) -> Any:
        """One table laid out into pages (a WeasyPrint document), refused if a glyph is missing."""
        check_glyphs(layout.source, layout.texts(), layout.fonts.pdf)
        return self.render_html(TABLE_TEMPLATE, profile, layout.fonts.pdf, {
            "layout": layout,
            "css_page_header": Markup(css_string(layout.page.header)),
            "logo_url": layout.logo.as_uri() if layout.logo is not None else "",
        }, layout.page.footer)

    def render_html(self, template: str, profile: Profile, fonts: tuple[str, ...], context: dict[str, Any],
                    footer: str) -> Any:
        from weasyprint import HTML

        html = render(profile.env, template, {  # CSS values are CSS-escaped, so safe in <style>
            **context,
            "css_page_footer": Markup(css_string(footer)),
            "font_families": Markup(", ".join(css_quote(family) for family in fonts)),
        })
        document = HTML(string=html, base_url=str(profile.search_path[0]),
                        url_fetcher=_local_fetcher(profile.search_path))
        return document.render(font_config=self.font_config)

    @staticmethod
    def write(documents: list[Any], path: Path) -> None:
        """Rendered documents → one PDF, pages in order."""
        first = documents[0]
        pages = [page for document in documents for page in document.pages]
        (first.copy(pages) if len(documents) > 1 else first).write_pdf(path)


def check_glyphs(source: str, texts: Any, fonts: tuple[str, ...]) -> None:
    """Refuse text that no embedded font can draw: it would print as empty boxes."""
    covered = covered_codepoints(tuple(fonts))
    missing = sorted({char for text in texts for char in text if not char.isspace() and ord(char) not in covered})
    if missing:
        shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in missing[:10])
        raise FontError(f"{source}: 这些字符在 PDF 字体中没有字形，会显示为空框：{shown}。"
                        "请改用常见字符，或在 profile.yaml 的 fonts.pdf 中加入含这些字符的字体。")


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
