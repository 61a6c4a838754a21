"""One process's share of a run: its profiles and painters (one PDF font configuration), reused for
every file and report it is given. It never touches the cache; the run does.

``render_unit`` and ``report_unit`` are the work units: plain functions of plain data, so any
``concurrent.futures.Executor`` (a process pool, a Dask cluster) or this process can run them.
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from docgen.audit.checked import Checked
from docgen.errors import DocgenError, InternalError
from docgen.files import safe_name
from docgen.layout.model import ReportLayout, TableLayout
from docgen.layout.report import department_report
from docgen.painters import FORMATS, get_painter
from docgen.pipeline import Rendered, render_file
from docgen.profiles.load import Profiles
from docgen.summaries.groups import ProjectLine, Summary

REPORTS_FOLDER = "绩效自评结果报告"
AUDIT_NAME = "审核意见"


@dataclass(frozen=True)
class RunConfig:
    """Everything a worker needs to make documents the way the run asked: plain, hashable data."""

    output: Path
    formats: tuple[str, ...] = FORMATS
    profile: str | None = None
    templates: tuple[str, ...] = ()
    strict: bool = False
    run: str = ""  # a long-lived worker (Dask) must not reuse one run's profiles in the next run
    pdf_engine: str | None = None  # --pdf-engine: overrides every profile's pdf.engine


@dataclass(frozen=True)
class ReportJob:
    """One report to make: a department's (its projects and table layouts), or a year's audit report
    (already laid out: its findings are all it needs, a fraction of the memory of the year's evaluations)."""

    kind: str
    year: int
    department: str
    lines: tuple[ProjectLine, ...]
    tables: tuple[TableLayout, ...]
    profile: str
    layout: ReportLayout | None = None
    size: int = 0  # how long it takes, roughly: the longest jobs start first
    name: str = ""  # the department report's file name (safe, and unique within its year)

    @property
    def group(self) -> str:
        """The cache's name for what this report belongs to: a year, or a year's department."""
        return str(self.year) if self.kind == "audit" else f"{self.year}/{self.department}"


@dataclass
class Made:
    """What a piece of publication work wrote, and why any of it could not be written."""

    written: list[Path] = field(default_factory=list)
    failures: list[DocgenError] = field(default_factory=list)


class Worker:
    """Renders files and reports with one set of profiles and painters."""

    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self.profiles = Profiles(config.templates, config.pdf_engine)
        self.painters = [get_painter(name) for name in config.formats]

    def render(self, path: str) -> Rendered:
        """One input file → its documents; a bug of ours costs this file, never the rest of the run."""
        config = self.config
        try:
            return render_file(path, config.output, self.profiles, self.painters, config.profile, config.strict)
        except Exception as error:
            return Rendered(Checked(path), failures=[InternalError(
                f"docgen 内部错误（{type(error).__name__}: {error}），请把该文件报告给维护者。")])

    def report(self, job: ReportJob) -> Made:
        """One report in every document format asked for (Word before PDF)."""
        made = Made()
        try:
            profile = self.profiles.get(job.profile)
            report = job.layout or department_report(Summary(job.year, job.department, job.lines), profile,
                                                     job.tables)
        except DocgenError as error:
            made.failures.append(error)
            return made
        folder = self.config.output / str(job.year)
        stem = folder / AUDIT_NAME if job.kind == "audit" else folder / REPORTS_FOLDER / (job.name or safe_name(job.department))
        for painter in sorted((p for p in self.painters if p.paints_reports), key=lambda p: p.extension):
            tables = tuple(Path(d) for p in job.lines for d in p.documents if d.endswith(f".{painter.extension}"))
            try:
                made.written.append(painter.paint_report(report, stem.with_name(f"{stem.name}.{painter.extension}"),
                                                         profile, tables))
            except DocgenError as error:
                made.failures.append(error)
        return made


@lru_cache(maxsize=4)
def worker_for(config: RunConfig) -> Worker:
    """One Worker per process and configuration: its profiles and PDF font configuration are reused."""
    return Worker(config)


# Let the workers go while the interpreter is whole: WeasyPrint's font configuration cleans up in __del__.
atexit.register(worker_for.cache_clear)


def render_unit(config: RunConfig, path: str) -> Rendered:
    return worker_for(config).render(path)


def report_unit(config: RunConfig, job: ReportJob) -> Made:
    return worker_for(config).report(job)
