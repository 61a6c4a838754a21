"""Pouring a table or report into a profile's ``reference.docx`` (see ``profiles/reference.py``).

The table is painted into a docxtpl sub-document by the same code as a plain .docx, and goes where the
document has a ``{{p table }}`` paragraph, else after its content; the other tags are filled in the
sandbox (autoescaped: a project name with ``<`` or ``&`` stays text).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import TemplateError as JinjaError

from docgen.errors import TemplateError
from docgen.profiles.reference import TAGS, open_reference


def paint_into_reference(reference: Path, context: dict[str, Any], fill: Callable[[Any], None], path: Path) -> None:
    """Render ``reference`` with ``context``, ``fill`` painting the content into a sub-document; save to ``path``."""
    template, environment, used = open_reference(reference)
    body = template.new_subdoc()
    fill(body.subdocx)
    try:
        template.render({**context, "table": body}, environment)
    except JinjaError as error:  # the sandbox refused something (an attribute, a call)
        raise TemplateError(f"{reference}: 模板标签无法执行（{error}）：只能使用这些标签：{'、'.join(TAGS)}。") from None
    if "table" not in used:
        _append(template.docx, body.subdocx)
    template.save(str(path))


def _append(document: Any, sub: Any) -> None:
    """The sub-document's content after the document's own, before its final section properties."""
    target = document.element.body
    anchor = target.sectPr
    for element in list(sub.element.body):
        if element.tag.endswith("}sectPr"):
            continue
        if anchor is not None:
            anchor.addprevious(element)
        else:
            target.append(element)
