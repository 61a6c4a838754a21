"""Render every sample input once per test session, in all three formats, with the real painters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.layout.build import build_layout
from docgen.layout.model import Layout
from docgen.painters import FORMATS, get_painter
from docgen.pipeline import check_file
from docgen.profiles.load import load_profile
from tests.conftest import ROOT

SAMPLES = sorted(p for p in (ROOT / "inputs").rglob("*.yaml") if not p.name.startswith("_"))


@dataclass(frozen=True)
class Sample:
    name: str
    layout: Layout
    files: dict[str, Path]


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[Sample]:
    out = tmp_path_factory.mktemp("rendered")
    painters = [get_painter(name) for name in FORMATS]
    rendered = []
    for index, path in enumerate(SAMPLES):
        checked = check_file(str(path))
        assert checked.scored is not None
        profile = load_profile(checked.scored.evaluation.profile or "default")  # as docgen render chooses
        layout = build_layout(checked.scored, profile)
        files = {p.extension: p.paint(layout, out / f"{index}.{p.extension}", profile) for p in painters}
        rendered.append(Sample(str(path.relative_to(ROOT)), layout, files))
    return rendered
