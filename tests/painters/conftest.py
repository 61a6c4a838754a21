"""The sample inputs as the painters' tests read them: each table's layout beside the files painted from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.layout.model import TableLayout
from docgen.render.run import RunResult
from tests.conftest import ROOT


@dataclass(frozen=True)
class Sample:
    name: str
    layout: TableLayout
    files: dict[str, Path]


@pytest.fixture(scope="session")
def samples(published: tuple[Path, RunResult]) -> list[Sample]:
    """The session's one render of the samples (``published``), table by table, in input order."""
    _, result = published
    rendered = []
    for item in sorted(result.rendered, key=lambda r: Path(r.checked.source)):
        assert item.layout is not None
        files = {path.suffix.lstrip("."): path for path in item.outputs}
        rendered.append(Sample(str(Path(item.checked.source).relative_to(ROOT)), item.layout, files))
    return rendered
