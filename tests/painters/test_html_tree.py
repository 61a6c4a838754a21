"""docgen's quick HTML tree builder (painters/html_tree.py) gives exactly the tree WeasyPrint's own
parser, tinyhtml5, builds — or declines, and tinyhtml5 builds it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
import tinyhtml5
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.painters import html_tree
from docgen.painters.pdf import PdfPainter
from docgen.pipeline import check_file, lay_out
from docgen.profiles.load import Profiles
from tests.conftest import EXAMPLE, CliResult

ROOT = Path(__file__).parents[2]


def reference(text: str) -> Element:
    tree: Element = tinyhtml5.parse(text, namespace_html_elements=False)
    return tree


def difference(a: Element, b: Element, path: str = "html") -> str | None:
    """Where two trees differ (tag, attributes and their order, text, tail, children), or None."""
    if (a.tag, list(a.attrib.items()), a.text or "", a.tail or "", len(a)) != \
            (b.tag, list(b.attrib.items()), b.text or "", b.tail or "", len(b)):
        return f"{path}: {a.tag!r} {a.attrib} {a.text!r} {a.tail!r} ≠ {b.tag!r} {b.attrib} {b.text!r} {b.tail!r}"
    for index, (x, y) in enumerate(zip(a, b, strict=True)):
        found = difference(x, y, f"{path}/{x.tag}[{index}]")
        if found:
            return found
    return None


@pytest.mark.slow  # renders two years and both stage forms in one process (~12 s)
def test_every_document_docgen_lays_out_gets_the_tree_tinyhtml5_builds(
        cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables, department reports, the 审核意见, the footer layers, the 申报表 and 监控表 and their 汇总,
    with the Shanghai agencies' and the Sichuan profile's templates."""
    seen: list[str] = []
    parse = html_tree.parse

    def recorded(text: str) -> Element | None:
        seen.append(text)
        return parse(text)

    monkeypatch.setattr(html_tree, "parse", recorded)
    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs" / "2024", inputs / "2024")
    shutil.copytree(ROOT / "inputs" / "2022", inputs / "2022")
    assert cli("render", str(inputs), "-o", str(tmp_path / "out")).exit_code in (0, 1)
    sample = inputs / "2024" / "中共上海市委组织部" / "党建服务工作经费.yaml"
    for stage in ("申报", "监控"):
        assert cli("render", str(sample), "--stage", stage, "-o", str(tmp_path / stage)).exit_code in (0, 1)
    sichuan = tmp_path / "sichuan"
    shutil.copytree(ROOT / "examples" / "四川省" / "inputs", sichuan)
    assert cli("render", str(sichuan), "-o", str(tmp_path / "sc")).exit_code in (0, 1)
    assert len(seen) > 30
    for text in seen:
        tree = parse(text)
        assert tree is not None, text[:300]
        assert difference(reference(text), tree) is None


# Markup the builder must decline (HTML5 would move, close or imply something), or build as tinyhtml5.
TRICKY = [
    "<p>a<div>b</div></p>",                     # a block closes <p>
    "<table>x<tr><td>1</td></tr></table>",      # text in a table is moved out
    "<table><td>1</td></table>",                # a cell implies a row
    "<table><col></table>",                     # a col implies a colgroup
    "<div>unclosed",                            # an end tag left out
    "<b><i>x</b></i>",                          # misnested formatting
    "<div/>text</div>",                         # the slash of a non-void element is ignored
    "<pre>\nx</pre>",                           # the newline after <pre> is dropped
    "<svg><rect/></svg>",                       # foreign content
    '<a href="?a=1&copy=2">x</a>',              # a reference without ";" stays in an attribute
    '<a title="x &amp; y &#39;z&#x27;">x</a>',
    "<h1>a<h2>b</h2></h1>",
    "<ul><li>a<li>b</ul>",
    "<table>\n <tr>\n <td>1\n2</td>\n </tr>\n</table>\n<p>x &amp;&lt; &notin; &not y</p>",
    "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>",
    "<table><tr><td>1</td></tr></tbody></table>",
    "<p><span>x</span><br><img src='a.png' alt></p>",
    "<!-- a comment --><div>x</div>",
    "<td>x</td>",
    "x\r\ny\rz",
]


@pytest.mark.parametrize("body", TRICKY)
def test_tricky_markup_is_declined_or_built_as_tinyhtml5_builds_it(body: str) -> None:
    text = f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n' \
           f"<style>td {{ color: red; }}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    tree = html_tree.parse(text)
    if tree is not None:
        assert difference(reference(text), tree) is None


@pytest.mark.parametrize("text", [
    "<html><head></head><body>x</body></html>",                          # no doctype: quirks mode
    "<!DOCTYPE html><html><head><base href='x/'></head><body></body></html>",
    "<!DOCTYPE html><html><head></head><body></body></html><p>late</p>",
    "<!DOCTYPE html><html><head><p>x</p></head><body></body></html>",
])
def test_documents_outside_the_subset_are_left_to_tinyhtml5(text: str) -> None:
    assert html_tree.parse(text) is None


PIECES = ["<div>", "</div>", "<p>", "</p>", "<span class='a'>", "</span>", "<table>", "</table>", "<tbody>",
          "</tbody>", "<thead>", "</thead>", "<tr>", "</tr>", "<td colspan=2>", "</td>", "<th>", "</th>",
          "<colgroup>", "</colgroup>", "<col style='width: 1mm'>", "<br>", "<b>", "</b>", "<h1>", "</h1>",
          "<ul>", "</ul>", "<li>", "</li>", "<img src=x>", "<!-- c -->", " ", "\n", "  \n ", "文字", "a &amp; b",
          "&lt;", "&copy", "1\r\n2", "<a href='&amp;'>", "</a>", "</body>", "</html>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_any_sequence_of_pieces_is_declined_or_built_as_tinyhtml5_builds_it(pieces: list[str]) -> None:
    text = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset='utf-8'>\n</head>\n<body>\n" + "".join(pieces)
    tree = html_tree.parse(text)
    if tree is not None:
        assert difference(reference(text), tree) is None, text


def test_both_routes_write_the_same_pdf_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "example.yaml"
    source.write_text(EXAMPLE, encoding="utf-8")
    checked = check_file(source)
    assert checked.scored is not None
    layout, profile = lay_out(checked.scored, Profiles())
    PdfPainter().paint(layout, tmp_path / "quick.pdf", profile)
    monkeypatch.setattr(html_tree, "parse", lambda text: None)  # every document parsed by tinyhtml5
    PdfPainter().paint(layout, tmp_path / "tinyhtml5.pdf", profile)
    assert (tmp_path / "quick.pdf").read_bytes() == (tmp_path / "tinyhtml5.pdf").read_bytes()
