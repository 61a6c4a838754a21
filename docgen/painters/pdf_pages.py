"""PDF pages put together (pikepdf, i.e. qpdf): one document out of laid-out parts and already
written tables, with one structure tree, one outline, continuous page footers and page labels.

WeasyPrint lays out and tags each part (a report is laid out in parts so that memory stays flat; a
department report appends its projects' table PDFs instead of laying them out again). qpdf copies
the pages and, with them, the parts' structure elements, grafted under one ``Document`` element with
their parent-tree keys renumbered; the catalog entries that make the file PDF/A (XMP metadata,
output intent) and tagged (``MarkInfo``, ``Lang``) come from the first part. No PDF library merges
structure trees (pypdf and qpdf copy pages only), hence this module; qpdf because it copies a
table's thousands of structure elements in C++ (pypdf took ~250 ms per table).

Page footers ("第 N 页，共 M 页") are drawn last, over the assembled pages, each as a form XObject in
a content stream of its own marked as a pagination artifact (``/Artifact <</Type /Pagination
/Subtype /Footer>>``): screen readers skip it, and a table PDF's footer can be taken off when the
table is appended to a report.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOOTER_BEGIN = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
_CATALOG_KEYS = ("/Metadata", "/OutputIntents", "/Lang", "/MarkInfo", "/ViewerPreferences")


@dataclass(frozen=True)
class Mark:
    """One bookmark of the outline: its title, the page it opens (0-based) and its children."""

    title: str
    page: int
    children: tuple[Mark, ...] = ()

    def moved(self, offset: int) -> Mark:
        return Mark(self.title, self.page + offset, tuple(child.moved(offset) for child in self.children))


def marks_of(document: Any) -> tuple[Mark, ...]:
    """A laid-out WeasyPrint document's bookmarks (from its headings' ``bookmark-level``)."""
    def mark(node: Any) -> Mark:
        label, (page, _x, _y), children, _state = node
        return Mark(label, page, tuple(mark(child) for child in children))

    return tuple(mark(node) for node in document.make_bookmark_tree())


@dataclass
class Assembly:
    """Pages collected from PDFs, with their structure trees; then footers, outline, labels, written."""

    marks: list[Mark] = field(default_factory=list)
    _pdf: Any = None
    _document: Any = None  # the StructElem /Document every part's elements hang under
    _nums: Any = None  # the parent tree's number array
    _next_key: int = 0
    _first: Any = None  # the first part: its catalog and document information
    _sources: list[Any] = field(default_factory=list)  # open until written (qpdf copies lazily)

    def __post_init__(self) -> None:
        import pikepdf

        self._pdf = pikepdf.new()

    @property
    def pages(self) -> int:
        return len(self._pdf.pages)

    def add(self, pdf: bytes | Path | Any, marks: Iterable[Mark] = (), without_footer: bool = False) -> int:
        """Append every page of ``pdf`` (bytes, a file, or one opened with ``open_pdf``), its structure
        tree, and ``marks`` (pages counted in ``pdf``); ``without_footer`` takes off the footers this module
        drew on it. Returns the index of its first page here."""
        source = pdf if not isinstance(pdf, bytes | Path) else open_pdf(pdf)
        self._sources.append(source)
        offset = self.pages
        if self._first is None:
            self._first = source
        keys = self._parent_keys(source)
        self._pdf.pages.extend(source.pages)
        for page in self._pdf.pages[offset:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = keys[int(page.obj.StructParents)]
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = keys[int(annotation.StructParent)]
            if without_footer:
                _take_off_footer(page)
        self._graft_structure(source, keys)
        self.marks.extend(mark.moved(offset) for mark in marks)
        return offset

    def _parent_keys(self, source: Any) -> dict[int, int]:
        """The part's parent-tree keys → keys after those of the parts before it."""
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return {}
        nums = tree.ParentTree.get("/Nums", [])
        old = sorted(int(nums[i]) for i in range(0, len(nums), 2))
        keys = {key: self._next_key + index for index, key in enumerate(old)}
        self._next_key += len(old)
        return keys

    def _graft_structure(self, source: Any, keys: dict[int, int]) -> None:
        from pikepdf import Array, Dictionary, Name

        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            return
        pdf = self._pdf
        if self._document is None:
            root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot,
                                                ParentTree=pdf.make_indirect(Dictionary(Nums=Array()))))
            self._document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array(), P=root))
            root.K = Array([self._document])
            self._nums = root.ParentTree.Nums  # the array as stored in the tree (pikepdf copies on assignment)
            pdf.Root.StructTreeRoot = root
        kids = tree.K if isinstance(tree.K, Array) else [tree.K]
        children = []
        for top in kids:  # WeasyPrint's /Document element: its children move under ours
            top_kids = top.get("/K", Array())
            children += [kid for kid in (top_kids if isinstance(top_kids, Array) else [top_kids])
                         if isinstance(kid, Dictionary)]
            del top.P  # so that copying a child's parent link does not copy the source's tree
        for child in children:
            copied = _copy(pdf, source, child)
            copied.P = self._document
            self._document.K.append(copied)
        nums = tree.ParentTree.get("/Nums", [])
        for i in range(0, len(nums), 2):
            self._nums.append(keys[int(nums[i])])
            value = nums[i + 1]
            self._nums.append(_copy(pdf, source, value))

    def draw_footers(self, footers: bytes) -> None:
        """Draw each page of ``footers`` (one per page here, the footer text only) over the page, as
        a form XObject in a content stream of its own, marked as a pagination artifact."""
        import pikepdf

        overlay = pikepdf.open(io.BytesIO(footers))
        self._sources.append(overlay)
        for page, footer in zip(self._pdf.pages, overlay.pages, strict=True):
            form = self._pdf.copy_foreign(footer.as_form_xobject())
            taken = page.obj.get("/Resources", {}).get("/XObject", {}).keys()
            name = next(pikepdf.Name(f"/Footer{n}") for n in range(len(taken) + 1) if f"/Footer{n}" not in taken)
            page.add_resource(form, pikepdf.Name.XObject, name=name)
            # the page's own content leaves its coordinates changed (WeasyPrint flips them): isolate it
            page.contents_add(pikepdf.Stream(self._pdf, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(self._pdf, b"\nQ\n"), prepend=False)
            page.contents_add(pikepdf.Stream(self._pdf, FOOTER_BEGIN + b"\nq " + bytes(name) + b" Do Q\nEMC\n"),
                              prepend=False)

    def write(self, path: Path | io.BytesIO, outline: Sequence[Mark] | None = None) -> None:
        """The assembled PDF: catalog entries and document information from the first part, the
        outline (``marks`` unless given), page labels 1…N, a file identifier from the content."""
        import pikepdf

        pdf = self._pdf
        first = self._first
        if first is not None:
            for key in _CATALOG_KEYS:
                if key in first.Root:
                    pdf.Root[key] = _copy(pdf, first, first.Root[key])
            pdf.docinfo = _copy(pdf, first, first.docinfo)
        marks = list(outline if outline is not None else self.marks)
        if marks:
            with pdf.open_outline() as tree:
                tree.root.extend(_outline_items(marks))
            pdf.Root.PageMode = pikepdf.Name.UseOutlines
        if self.pages:
            pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D)]))
        version = first.pdf_version if first is not None else "1.7"
        pdf.save(path, deterministic_id=True, fix_metadata_version=False, min_version=version,
                 compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        for source in self._sources:
            source.close()
        self._sources.clear()


def write_with_footers(body: bytes, path: Path, footers: Callable[[int], bytes] | None,
                       marks: Iterable[Mark] = ()) -> None:
    """A one-part PDF written with its page footers drawn over it (``footers(pages)`` gives the footer
    layer for that many pages), or as it is when it has none: a WeasyPrint table."""
    if footers is None:
        Path(path).write_bytes(body)
        return
    assembly = Assembly()
    assembly.add(body, marks)
    assembly.draw_footers(footers(assembly.pages))
    assembly.write(path)


def open_pdf(pdf: bytes | Path) -> Any:
    """A PDF opened for ``Assembly.add`` (which closes it when the assembly is written)."""
    import pikepdf

    return pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else Path(pdf))


def made_by_typst(pdf: Any) -> bool:
    """Whether an opened PDF was written by Typst (its page footers are part of its pages)."""
    return str(pdf.docinfo.get("/Creator", "")).startswith("Typst")


def _copy(pdf: Any, source: Any, value: Any) -> Any:
    """``value`` of ``source`` (any object, direct or not) as an object of ``pdf``."""
    from pikepdf import Array, Dictionary, Stream

    if not isinstance(value, (Array, Dictionary, Stream)):
        return value
    return pdf.copy_foreign(value if value.is_indirect else source.make_indirect(value))


def _outline_items(marks: Sequence[Mark]) -> list[Any]:
    from pikepdf import OutlineItem

    items = []
    for mark in marks:
        item = OutlineItem(mark.title, mark.page)
        item.children.extend(_outline_items(mark.children))
        items.append(item)
    return items


def _take_off_footer(page: Any) -> None:
    """Remove the footer streams this module drew on ``page`` (its other content untouched)."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if not isinstance(contents, pikepdf.Array):
        return
    kept = [stream for stream in contents if not stream.read_bytes().startswith(FOOTER_BEGIN)]
    if len(kept) != len(contents):
        page.obj.Contents = pikepdf.Array(kept)
        forms = page.obj.Resources.get("/XObject", {})
        for name in [name for name in forms if name.startswith("/Footer")]:
            del forms[name]
