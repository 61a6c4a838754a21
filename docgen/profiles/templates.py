"""The sandboxed Jinja environment of a profile, and the wording of a table rendered from ``labels.j2``.

Agency templates are untrusted: they run in Jinja's ``ImmutableSandboxedEnvironment`` with
``StrictUndefined`` (a misspelt variable is an error, not an empty string), and HTML templates
are autoescaped.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Mapping, MutableMapping, MutableSequence, MutableSet
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from docgen.errors import TemplateError

LABELS = "labels.j2"


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, reading the public fields of docgen's own frozen records (the layout a
    template paints: grids, cells, looks, pages) without its general checks per access.

    For such an object those checks come down to the test made here: ``is_internal_attribute`` looks
    deeper only into functions, methods, types, code, frames and generators, ``modifies_known_mutable``
    only into lists, dicts, sets and deques, and no record holds a ``str.format``; every name starting
    with "_" is refused as before. What a record gives out is checked again at the template's next step
    (a list's ``append``, a method's ``__func__``). The general path costs a table's HTML two thirds of
    its time (~5,000 reads), hence this one (tests/profiles/test_sandbox_records.py tries the escapes)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute[:1] != "_" and _plain_record(type(obj)):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


@cache
def _plain_record(kind: type) -> bool:
    """Whether ``kind`` is one of docgen's frozen dataclasses (and no container the sandbox guards)."""
    params = getattr(kind, "__dataclass_params__", None)
    return params is not None and params.frozen and kind.__module__.startswith("docgen.") \
        and not issubclass(kind, (MutableSet, MutableMapping, MutableSequence, deque))


def make_environment(search_path: tuple[Path, ...]) -> ImmutableSandboxedEnvironment:
    """One environment per profile. ``labels.j2`` finds the most specific file along the chain
    (the profile's folder first, then those it extends); ``default/labels.j2`` names one profile's
    file, so an override can ``{% extends %}`` the file it replaces. Nothing outside the chain loads."""
    folders = [str(p) for p in search_path]
    by_profile = {p.name: _ContainedLoader(str(p), encoding="utf-8") for p in search_path}
    return Sandbox(
        loader=jinja2.ChoiceLoader([_ContainedLoader(folders, encoding="utf-8"),
                                    jinja2.PrefixLoader(by_profile)]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml", "html.j2"),
                                            default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )


class _ContainedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, refusing a template that is a link to somewhere outside its folder: an
    ``{% include %}`` can no more read outside the template folders than a logo can."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real.startswith(os.path.realpath(folder) + os.sep) for folder in self.searchpath):
            raise TemplateError(f"模板“{template}”是指向模板文件夹以外（{real}）的链接，已拒绝：请把文件本身复制到模板文件夹中。")
        return source, filename, uptodate


def render_blocks(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> dict[str, str]:
    """Every block of template ``name`` as its most-derived override renders it, stripped.

    Rendering the whole template once lets each ``{% extends %}`` register its parent's blocks
    in the context; each block is then rendered on its own, so an agency template can override
    any single label.
    """
    with template_errors(name):
        template = env.get_template(name)
        ctx = template.new_context(dict(context))
        try:
            for _ in template.root_render_func(ctx):
                pass
            return {block: "".join(funcs[0](ctx)).strip() for block, funcs in ctx.blocks.items()}
        except Exception:
            env.handle_exception()  # re-raised with the traceback at the template's own file and line
            raise  # pragma: no cover - handle_exception always raises


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    with template_errors(name):
        return env.get_template(name).render(context)


@contextmanager
def template_errors(name: str) -> Iterator[None]:
    """Turn Jinja's exceptions into ``TemplateError`` with the template file and line, in Chinese."""
    try:
        yield
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"找不到模板“{error.name}”：请检查模板文件名，或它所在的模板文件夹。") from None
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name or name}:{error.lineno}"
        raise TemplateError(f"{where}: 模板语法错误（{error.message}）：请检查 {{% %}} 和 {{{{ }}}} 是否成对。") from None
    except SecurityError as error:
        raise TemplateError(f"模板“{name}”试图访问不允许的内容（{error}），已拒绝：模板只能使用提供的变量。") from None
    except jinja2.UndefinedError as error:
        line = _template_line(error.__traceback__)
        raise TemplateError(f"{name}{line}: 模板使用了不存在的变量（{error.message}）：请检查变量名拼写。") from None
    except jinja2.TemplateError as error:
        line = _template_line(error.__traceback__)
        raise TemplateError(f"{name}{line}: 模板出错（{error}）。") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as error:  # {{ year + "x" }}
        line = _template_line(error.__traceback__)
        raise TemplateError(f"{name}{line}: 模板中的表达式无法计算（{type(error).__name__}: {error}）：请检查这一行用到的"
                            "变量和运算，如数字与文字不能相加。") from None


def _template_line(tb: TracebackType | None) -> str:
    """The template file and line a render error happened on (the innermost template frame of the
    traceback Jinja rewrites): an agency's own file, not the default it extends."""
    line = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            line = f"（{_shown(filename)} 第 {tb.tb_lineno} 行）"
        tb = tb.tb_next
    return line


def _shown(filename: str) -> str:
    """A template's path as a user finds it: its profile folder and name (``上海市人社局/labels.j2``)."""
    path = Path(filename)
    return f"{path.parent.name}/{path.name}"
