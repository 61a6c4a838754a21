"""``docgen render``: every input file → its documents, one file's failure never stopping the others.

Per file: check (load → score → audit), choose its profile, build the layout once, and let each
painter paint it. Outputs mirror the input tree: ``inputs/2024/A/B.yaml`` →
``<output>/2024/A/B.docx`` (paths come from the input path, never from text inside the file).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docgen.audit.findings import Severity
from docgen.errors import DocgenError
from docgen.layout.build import build_layout
from docgen.painters import FORMATS, get_painter
from docgen.painters.base import Painter, remove_stale_temporaries
from docgen.pipeline import Checked, check_file
from docgen.profiles.load import DEFAULT_PROFILE, Profile, load_profile, template_roots

INPUT_ROOT_NAME = "inputs"


@dataclass
class Rendered:
    """What became of one input file."""

    checked: Checked
    outputs: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped: bool = False

    @property
    def failed(self) -> bool:
        return self.checked.error is not None or bool(self.failures)


@dataclass
class BatchResult:
    rendered: list[Rendered]
    seconds: float

    def count(self, severity: Severity) -> int:
        return sum(r.checked.count(severity) for r in self.rendered)


def output_path(source: str, output: Path, extension: str) -> Path:
    """Where a document of ``source`` goes: its path below the nearest ``inputs`` folder (or the
    working directory), mirrored under ``output``."""
    path = Path(source).absolute()
    relative: Path | None = None
    for parent in path.parents:
        if parent.name == INPUT_ROOT_NAME:
            relative = path.relative_to(parent)
            break
    if relative is None:
        try:
            relative = path.relative_to(Path.cwd())
        except ValueError:
            relative = Path(path.name)
    return output / relative.with_suffix(f".{extension}")


class Batch:
    """Renders files with shared profiles and painters (one PDF font configuration per batch)."""

    def __init__(self, output: Path, formats: tuple[str, ...] = FORMATS, profile: str | None = None,
                 templates: tuple[str, ...] = (), strict: bool = False) -> None:
        self.output = output
        self.painters: list[Painter] = [get_painter(name) for name in formats]
        self.profile_override = profile
        self.roots = template_roots(templates)
        self.strict = strict
        self._profiles: dict[str, Profile] = {}
        if profile is not None:
            self.profile(profile)  # an unknown --profile stops the batch before any work

    def profile(self, name: str) -> Profile:
        if name not in self._profiles:
            self._profiles[name] = load_profile(name, self.roots)
        return self._profiles[name]

    def render_file(self, path: str) -> Rendered:
        checked = check_file(path)
        result = Rendered(checked)
        if checked.scored is None:
            return result
        if self.strict and checked.count(Severity.ERROR):
            result.skipped = True
            return result
        evaluation = checked.scored.evaluation
        try:
            name = self.profile_override or evaluation.profile or DEFAULT_PROFILE
            profile = self.profile(name)
            layout = build_layout(checked.scored, profile)
        except DocgenError as error:
            chosen_in_file = self.profile_override is None and evaluation.profile is not None
            where = f"{evaluation.at('模板')}: " if chosen_in_file else ""
            result.failures.append(f"{where}{error.format_message()}")
            return result
        for painter in self.painters:
            target = output_path(path, self.output, painter.extension)
            try:
                result.outputs.append(painter.paint(layout, target, profile))
            except DocgenError as error:
                result.failures.append(f"{painter.extension.upper()}: {error.format_message()}")
        return result

    def run(self, files: list[str], progress: Callable[[Rendered], None] | None = None) -> BatchResult:
        """Render the given input files (see ``find_inputs``), reporting each to ``progress``."""
        started = time.perf_counter()
        if self.output.is_dir():
            remove_stale_temporaries(self.output)
        rendered = []
        for path in files:
            try:
                result = self.render_file(path)
            except Exception as error:  # a bug of ours must not cost the rest of the batch
                result = Rendered(Checked(path), failures=[f"docgen 内部错误（{type(error).__name__}: {error}），"
                                                           "请把该文件报告给维护者。"])
            rendered.append(result)
            if progress is not None:
                progress(result)
        return BatchResult(rendered, time.perf_counter() - started)
