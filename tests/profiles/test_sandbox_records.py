"""The sandbox's fast path for docgen's frozen records refuses what the general path refuses."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from docgen.painters.pdf_pages import Mark
from docgen.profiles.templates import make_environment

RECORD = Mark("标题", 2, (Mark("子", 3),))


@pytest.mark.parametrize("source", [
    "{{ r.__class__ }}",
    "{{ r.__class__.__mro__ }}",
    "{{ r.moved.__func__.__globals__ }}",
    "{{ r.moved.__globals__ }}",
    "{{ r.children.__class__ }}",
    "{{ r.__dataclass_fields__ }}",
    "{{ r._private }}",
])
def test_a_record_gives_nothing_the_sandbox_refuses(tmp_path: Path, source: str) -> None:
    env = make_environment((tmp_path,))
    general = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
    for environment in (env, general):
        with pytest.raises((SecurityError, jinja2.UndefinedError)):
            environment.from_string(source).render(r=RECORD)


def test_a_record_reads_as_it_does_in_the_general_sandbox(tmp_path: Path) -> None:
    source = "{{ r.title }}|{{ r.page }}|{{ r.children[0].title }}|{{ r.moved(5).page }}|{{ r.children | length }}"
    general = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
    assert make_environment((tmp_path,)).from_string(source).render(r=RECORD) == \
        general.from_string(source).render(r=RECORD) == "标题|2|子|7|1"


def test_a_list_from_a_record_stays_immutable(tmp_path: Path) -> None:
    env = make_environment((tmp_path,))
    with pytest.raises(SecurityError):
        env.from_string("{{ r.children.append(1) }}").render(r=Mark("x", 0, [1]))  # type: ignore[arg-type]
