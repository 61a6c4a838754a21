"""A profile's ``reference.docx``: the agency's own Word document with Jinja tags (``{{ project }}``),
found along the profile's extends chain and checked before anything is poured into it.

docxtpl (python-docx-template) reads the tags — in the body, headers, footers and document
properties — in a sandboxed Jinja environment with autoescaping and no unknown names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.oxml.ns import nsmap
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2 import TemplateError as JinjaError
from jinja2.sandbox import SandboxedEnvironment

from docgen.errors import TemplateError
from docgen.profiles.load import Profile

# Importing docxtpl imports docxcompose, which rebinds python-docx's process-wide "cp" prefix to the
# custom-properties namespace: every .docx written afterwards, in this process, gets core properties Word
# calls unreadable (docxcompose issue #101; docxtpl PR #657 does the same as here). Put it back, once,
# at import: docxcompose keeps its own namespace table for what it does itself.
nsmap["cp"] = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

REFERENCE = "reference.docx"
TAGS = ("agency", "project", "year", "department", "unit", "title", "table")


def reference_docx(profile: Profile) -> Path | None:
    """The profile's reference.docx, looked up along its extends chain (an agency inherits its parent's)."""
    for folder in profile.search_path:
        candidate = folder / REFERENCE
        if candidate.is_file():
            return candidate
    return None


def open_reference(reference: Path) -> tuple[Any, SandboxedEnvironment, set[str]]:
    """The reference as a docxtpl template, the sandbox to render it in, and the tags it uses. A malformed
    .docx, a tag that does not parse or an unknown tag is a ``TemplateError`` naming the file."""
    template = DocxTemplate(str(reference))
    try:
        template.init_docx()
    except Exception as error:  # an untrusted file: not a zip, no document part, broken XML…
        raise TemplateError(f"{reference}: 不是有效的 Word 文档（.docx）：请在 Word 或 WPS 中打开后“另存为”"
                            f".docx 格式（{type(error).__name__}）。") from None
    environment = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    try:
        used = set(template.get_undeclared_template_variables(environment))
    except JinjaError as error:
        raise TemplateError(f"{reference}: 文档中的标签有误（{error}）：标签写成 {{{{ project }}}} 这样，"
                            "表格写成单独一段 {{p table }}。") from None
    unknown = sorted(used - set(TAGS))
    if unknown:
        raise TemplateError(f"{reference}: 未知的标签 {'、'.join(unknown)}：可用的标签为 "
                            f"{'、'.join(TAGS)}（表格写成单独一段 {{{{p table }}}}）。")
    return template, environment, used


def check_reference(profile: Profile) -> list[str]:
    """What is wrong with the profile's reference.docx, for ``docgen profiles --check``."""
    reference = reference_docx(profile)
    if reference is None:
        return []
    try:
        open_reference(reference)
    except TemplateError as error:
        return [error.format_message()]
    return []
