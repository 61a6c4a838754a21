"""HTML text → the element tree WeasyPrint lays out, for the well-formed HTML docgen's templates write.

WeasyPrint parses every document with tinyhtml5, a pure-Python HTML5 parser: about 30 ms for one
table's 28 KB, a tenth of the table's whole cost and more than the rest of docgen's own work on it.
Python's ``html.parser`` tokenises the same text in about 3 ms. Its tokens are turned here into the
tree tinyhtml5 would build — for the part of HTML5's tree construction that explicit, well-nested
markup needs: implied ``<tbody>`` before a table's rows, whitespace placed where HTML5 puts it
(dropped before ``<head>``, kept in the head, after it, and after ``</body>`` inside the body),
void elements, the first of repeated attributes, character references decoded as HTML5 decodes them.

Anything beyond that subset — a missing or mismatched end tag, an element HTML5 would close or move
by itself (a block inside ``<p>``, text directly in a table), foreign content, a ``<base>``, quirks
mode — is left to tinyhtml5 (``parse`` returns None), so an agency's template always gets the tree a
browser would build. tests/painters/test_html_tree.py compares both trees over every shipped
template and sample, and the PDF bytes of both routes.

Why by hand: the fast HTML5 parsers (html5-parser, selectolax) either build no ElementTree or need
an lxml built against their own libxml2 (html5-parser refuses lxml's wheels).
"""

from __future__ import annotations

import re
from html.entities import html5
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Comment, Element

VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
HEAD = frozenset({"meta", "title", "style", "link"})
PHRASING = frozenset({"a", "abbr", "b", "br", "cite", "code", "em", "i", "img", "kbd", "q", "s", "samp",
                      "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "mark", "bdi", "bdo"})
FLOW = PHRASING | frozenset({"address", "article", "aside", "blockquote", "div", "dl", "dt", "dd", "figcaption",
                             "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                             "main", "nav", "ol", "p", "section", "table", "ul"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_ITEMS = frozenset({"li", "dt", "dd"})
TABLE_PARTS = frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"})
TABLE_CHILDREN = {  # what each table part may hold directly (anything else HTML5 moves or implies)
    "table": frozenset({"caption", "colgroup", "thead", "tbody", "tfoot", "tr"}),
    "colgroup": frozenset({"col"}),
    "thead": frozenset({"tr"}), "tbody": frozenset({"tr"}), "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
}
_WHITESPACE = re.compile(r"[ \t\n\f]*")
_AMPERSAND = re.compile(r"&(#[0-9]+;|#[xX][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)?")


class Unsure(Exception):
    """Markup outside the subset built here: tinyhtml5 builds the tree."""


def parse(text: str) -> Element | None:
    """The tree tinyhtml5 builds from ``text`` (``namespace_html_elements=False``), or None where the
    markup needs more of HTML5's tree construction than is done here."""
    if "\x00" in text:
        return None
    builder = _Builder()
    try:
        builder.feed(text.replace("\r\n", "\n").replace("\r", "\n"))
        builder.close()
        return builder.finish()
    except Unsure:
        return None


def _attribute_references_safe(raw: str) -> bool:
    """Whether every ``&`` of a start tag begins a reference HTML5 decodes in an attribute as
    ``html.unescape`` does: numeric, or a named one written whole with its ``;`` (a name without it,
    or ``&ampx;``, is decoded in text but not in an attribute)."""
    for match in _AMPERSAND.finditer(raw):
        reference = match.group(1)
        if reference is None or (not reference.startswith("#") and reference not in html5):
            return False
    return True


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doctype = False
        self.root: Element | None = None
        self.head: Element | None = None
        self.body: Element | None = None
        self.stack: list[Element] = []
        self.implied: set[int] = set()  # ids of <tbody> elements HTML5 inserted (closed with their table)
        self.after_body = False

    # -- tokens ------------------------------------------------------------------------------------
    def handle_decl(self, decl: str) -> None:
        if decl.strip().lower() != "doctype html" or self.root is not None or self.doctype:
            raise Unsure
        self.doctype = True

    def unknown_decl(self, data: str) -> None:
        raise Unsure

    def handle_pi(self, data: str) -> None:
        raise Unsure

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:  # HTML5 ignores the slash: the element stays open
            raise Unsure
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        if "&" in raw and not _attribute_references_safe(raw):
            raise Unsure
        attributes: dict[str, str] = {}
        for name, value in attrs:
            attributes.setdefault(name, "" if value is None else value)
        if not self.doctype or self.after_body:
            raise Unsure
        if tag == "html":
            if self.root is not None:
                raise Unsure
            self.root = Element("html", attributes)
            self.stack = [self.root]
            return
        if tag == "head":
            if self.root is None or self.head is not None:
                raise Unsure
            self.head = self._open("head", attributes)
            return
        if tag == "body":
            if self.head is None or self.body is not None or len(self.stack) != 1:
                raise Unsure
            self.body = self._open("body", attributes)
            return
        current = self.stack[-1] if self.stack else None
        if current is None or current is self.root:
            raise Unsure
        if current is self.head:
            if tag not in HEAD:
                raise Unsure
        elif self.body is None or not self._in_body() or tag not in FLOW | TABLE_PARTS:
            raise Unsure
        else:
            self._check_nesting(tag, current)
            if current.tag == "table" and tag == "tr":  # HTML5 inserts the row group
                tbody = self._open("tbody", {})
                self.implied.add(id(tbody))
        if tag in VOID:
            self._append(Element(tag, attributes))
        else:
            self._open(tag, attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            raise Unsure
        if tag == "html":
            if self.body is None or (self.stack[-1] is not self.body and not self.after_body):
                raise Unsure
            self.after_body = True
            return
        if tag == "body":
            if self.stack[-1] is not self.body or self.after_body:
                raise Unsure
            self.after_body = True  # HTML5 keeps <body> open: what follows is its content
            return
        if tag == "table" and id(self.stack[-1]) in self.implied:
            self.stack.pop()
        current = self.stack[-1]
        if current.tag != tag or current is self.root or self.after_body:
            raise Unsure
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not data:
            return
        blank = _WHITESPACE.fullmatch(data) is not None
        if self.root is None or (len(self.stack) == 1 and self.head is None):
            if not blank:
                raise Unsure
            return  # before <head>: dropped
        if self.after_body:
            if not blank:
                raise Unsure
            self._text(self.body, data)  # type: ignore[arg-type]
            return
        current = self.stack[-1]
        if not blank and (current.tag in TABLE_CHILDREN or current is self.root or current is self.head):
            raise Unsure
        if current.tag == "title" and "<" in data:
            raise Unsure
        self._text(current, data)

    def handle_comment(self, data: str) -> None:
        if self.after_body or len(self.stack) < 2:
            raise Unsure
        self._append(Comment(data))

    # -- the tree ----------------------------------------------------------------------------------
    def finish(self) -> Element:
        if self.root is None or self.body is None or self.head is None:
            raise Unsure
        if self.stack[-1] is not self.body or len(self.stack) != 2:
            raise Unsure
        return self.root

    def _in_body(self) -> bool:
        return len(self.stack) >= 2 and self.stack[1] is self.body

    def _check_nesting(self, tag: str, current: Element) -> None:
        """Refuse what HTML5 would close, move or imply by itself."""
        if current.tag in TABLE_CHILDREN:
            if tag not in TABLE_CHILDREN[current.tag]:
                raise Unsure
            return
        if tag in TABLE_PARTS:
            raise Unsure  # a table part outside its table
        open_tags = {element.tag for element in self.stack}
        if "p" in open_tags and tag not in PHRASING:
            raise Unsure  # a block closes an open <p>
        if tag in HEADINGS and open_tags & HEADINGS:
            raise Unsure
        if tag in LIST_ITEMS and open_tags & LIST_ITEMS:
            raise Unsure
        if tag == "a" and "a" in open_tags:
            raise Unsure

    def _open(self, tag: str, attributes: dict[str, str]) -> Element:
        element = Element(tag, attributes)
        self._append(element)
        self.stack.append(element)
        return element

    def _append(self, element: Any) -> None:
        self.stack[-1].append(element)

    @staticmethod
    def _text(parent: Element, data: str) -> None:
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data
