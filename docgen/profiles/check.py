"""``docgen profiles --check``: whether a profile is ready to use — its settings, every template it holds,
its logo and its Word reference document — each problem said with its file and line.

Apart from ``load`` because it reads what sits above it (the Word reference, the templates' errors).
"""

from __future__ import annotations

from pathlib import Path

from docgen.errors import DocgenError
from docgen.profiles.load import load_profile, logo_file
from docgen.profiles.reference import check_reference
from docgen.profiles.templates import template_errors


def check_profile(name: str, roots: tuple[Path, ...]) -> list[str]:
    """Everything wrong with one profile, in Chinese: its settings, each template it can load (compiled),
    its logo, its Word reference document. Empty when it is ready to use."""
    try:
        profile = load_profile(name, roots)
    except DocgenError as error:
        return [error.format_message()]
    problems = []
    for template in sorted({t for t in profile.jinja.list_templates() if t.endswith(".j2") and "/" not in t}):
        try:
            with template_errors(template):
                profile.jinja.get_template(template)
        except DocgenError as error:
            problems.append(error.format_message())
    try:
        logo_file(profile)
    except DocgenError as error:
        problems.append(error.format_message())
    return problems + check_reference(profile)
