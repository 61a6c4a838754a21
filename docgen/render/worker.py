"""One process's share of a run: its profiles and painters (one PDF font configuration), reused for
every file and report it is given. It never touches the cache; the run does.

``render_unit``, ``check_unit`` and ``report_unit`` are the work units: plain functions of plain data, so
any ``concurrent.futures.Executor`` (a process pool, a Dask cluster) or this process can run them.
A rendered file's check and layout are set aside in the run's spool (``render/spool.py``), and so is
the check of a file the run did not render but a report lists (``check_unit``, once for all the reports
that list it); a report reads its projects back from there only, so the run's own process never holds
a year's evaluations and a report never checks a file itself.
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from docgen.audit.checked import Checked
from docgen.errors import DocgenError, InternalError
from docgen.files import safe_name
from docgen.inputs.records import DECLARE, MONITOR, SELF
from docgen.layout.model import TableLayout
from docgen.layout.report import audit_report, department_report
from docgen.layout.stage_summary import SUMMARY_NAMES, stage_summary
from docgen.painters import FORMATS, get_painter
from docgen.painters.summary_xlsx import WORKBOOK_NAME, write_workbook
from docgen.pipeline import Facts, Rendered, check_file, lay_out, render_file
from docgen.profiles.load import Profiles
from docgen.render.spool import Spool, spool_folder
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
    keep: bool = True  # results come back whole (the Python API, tests); docgen render keeps only facts
    secret: bytes = b""  # signs the run's spool files
    stage: str | None = None  # --stage: the form of the year to make (申报, 监控, 自评); None: each file's latest

    @property
    def spool(self) -> Spool:
        return Spool(spool_folder(self.output, self.run), self.secret)


@dataclass(frozen=True, slots=True)
class Member:
    """A project of a report: its input, its documents, and where its check and layout wait (``spool``;
    "" until a file this run did not render is checked, or when its check failed)."""

    source: str
    documents: tuple[str, ...]
    spool: str = ""


@dataclass(frozen=True)
class ReportJob:
    """One piece of the publication set: a department's report (``department``), or a year's 审核意见
    and 汇总.xlsx (``audit``, with the files of the year that could not be read)."""

    kind: str
    year: int
    department: str
    members: tuple[Member, ...]
    profile: str
    size: int = 0  # how long it takes, roughly: the longest jobs start first
    name: str = ""  # the department report's file name (safe, and unique within its year)
    unreadable: tuple[Checked, ...] = ()
    workbook: bool = False  # write the year's 汇总.xlsx

    @property
    def group(self) -> str:
        """The cache's name for what this report belongs to: a year, or a year's department."""
        return str(self.year) if self.kind == "audit" else f"{self.year}/{self.department}"


@dataclass(frozen=True)
class Spooled:
    """Where ``check_unit`` set a file's check aside (``spool``), or why it could not (``failure``)."""

    source: str
    spool: str = ""
    failure: DocgenError | None = None


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
        """One input file → its documents; a bug of ours costs this file, never the rest of the run.
        Its check and layout are set aside for the publication set; unless the run keeps its results,
        only their facts come back."""
        config = self.config
        try:
            rendered = render_file(path, config.output, self.profiles, self.painters, config.profile, config.strict,
                                   stage=config.stage)
            scored = rendered.checked.scored
            if scored is None:
                return rendered
            evaluation = scored.evaluation
            rendered.facts = Facts(evaluation.year, evaluation.department, rendered.checked.profile,
                                   rendered.layout is not None,
                                   config.spool.put(rendered.checked, rendered.layout))
        except Exception as error:
            return Rendered(Checked(path), failures=[InternalError(
                f"docgen 内部错误（{type(error).__name__}: {error}），请把该文件报告给维护者。")])
        if not config.keep:
            checked = rendered.checked
            rendered.checked, rendered.layout = Checked(checked.source, findings=checked.findings), None
        return rendered

    def check(self, path: str, laid_out: bool) -> Spooled:
        """A file a report lists that this run did not render: checked, and laid out when a department's
        report appends its table, then set aside in the spool; a bug of ours costs this file only."""
        config = self.config
        try:
            checked, layout = check_file(path, self.profiles, config.profile, config.stage), None
            if checked.scored is not None and laid_out:
                try:
                    layout, _ = lay_out(checked.scored, self.profiles, config.profile, checked.profile, checked.stage)
                except DocgenError:
                    layout = None  # its documents stand from an earlier run; the report lists it without a table
            return Spooled(path, config.spool.put(checked, layout))
        except Exception as error:
            return Spooled(path, failure=InternalError(
                f"{path}: docgen 内部错误（{type(error).__name__}: {error}），请把该文件报告给维护者。"))

    def report(self, job: ReportJob) -> Made:
        """One piece of the publication set: its projects read back, then the year's 汇总.xlsx (when
        asked for) and the report in every document format asked for (Word before PDF)."""
        made = Made()
        painters = sorted((p for p in self.painters if p.paints_reports), key=lambda p: p.extension)
        folder = self.config.output / str(job.year)
        try:
            lines, layouts = self.projects(job.members)
            if job.kind == "audit":  # the year's 监控汇总 and 申报汇总 of the projects at those stages
                for stage in (DECLARE, MONITOR):
                    at_stage = [line for line in lines if line.checked.stage == stage]
                    if at_stage:
                        self.stage_summary(at_stage, stage, job, folder, made)
            every = sorted(lines, key=lambda p: p.checked.source)  # the 审核意见 lists every stage's findings
            lines = [line for line in every if line.checked.stage == SELF]  # the 自评 publications' projects
            if not lines and (job.kind == "department" or not every):
                return made
            if self.config.stage in (DECLARE, MONITOR):  # a --stage 申报|监控 run makes its 汇总 only: the
                return made  # year's 审核意见 and 汇总.xlsx are the whole year's, made by the run of every file
            summary = Summary(job.year, job.department, tuple(lines))
            if job.workbook and lines:
                try:
                    others = tuple(line for line in every if line.checked.stage != SELF)
                    made.written.append(write_workbook(summary, folder / WORKBOOK_NAME, folder, job.unreadable, others))
                except DocgenError as error:
                    made.failures.append(error)
            if not painters:
                return made
            profile = self.profiles.get(job.profile)
            if job.kind == "audit":
                report = audit_report(every, job.year, profile, job.unreadable)
            else:
                tables = tuple(layouts[p.checked.source] for p in summary.projects if p.checked.source in layouts)
                report = department_report(summary, profile, tables)
        except DocgenError as error:
            made.failures.append(error)
            return made
        stem = folder / AUDIT_NAME if job.kind == "audit" else folder / REPORTS_FOLDER / (job.name or safe_name(job.department))
        appended = () if job.kind == "audit" else summary.projects  # a department's tables follow its report
        for painter in painters:
            tables = tuple(Path(d) for p in appended for d in p.documents if d.endswith(f".{painter.extension}"))
            try:
                made.written.append(painter.paint_report(report, stem.with_name(f"{stem.name}.{painter.extension}"),
                                                         profile, tables))
            except DocgenError as error:
                made.failures.append(error)
        return made

    def stage_summary(self, lines: list[ProjectLine], stage: str, job: ReportJob, folder: Path, made: Made) -> None:
        """The year's 监控汇总 or 申报汇总 as a workbook and a PDF (the formats of the run among those two)."""
        layout = stage_summary(lines, stage, job.year, self.profiles.get(job.profile))
        for painter in self.painters:
            if painter.extension in ("xlsx", "pdf"):
                try:
                    target = folder / f"{SUMMARY_NAMES[stage]}.{painter.extension}"
                    made.written.append(painter.paint(layout, target, self.profiles.get(job.profile)))
                except DocgenError as error:
                    made.failures.append(error)

    def projects(self, members: tuple[Member, ...]) -> tuple[list[ProjectLine], dict[str, TableLayout]]:
        """A report's projects, read back from the spool (their tables' layouts where they were laid out);
        a file that no longer reads is left out, as it is from a fresh run's reports, and so is one whose
        check failed (that failure is the run's)."""
        lines, layouts = [], {}
        for member in members:
            if not member.spool:
                continue
            checked, layout = self.config.spool.get(member.spool)
            if checked.scored is None:
                continue
            lines.append(ProjectLine(checked, member.documents))
            if layout is not None:
                layouts[member.source] = layout
        return lines, layouts


@lru_cache(maxsize=4)
def worker_for(config: RunConfig) -> Worker:
    """One Worker per process and configuration: its profiles and PDF font configuration are reused."""
    return Worker(config)


# Let the workers go while the interpreter is whole: WeasyPrint's font configuration cleans up in __del__.
atexit.register(worker_for.cache_clear)


def render_unit(config: RunConfig, path: str) -> Rendered:
    return worker_for(config).render(path)


def check_unit(config: RunConfig, batch: tuple[tuple[str, bool], ...]) -> tuple[Spooled, ...]:
    """A few files at once (``run.CHECK_BATCH``): a check takes milliseconds, a unit's round trip about as long."""
    worker = worker_for(config)
    return tuple(worker.check(path, laid_out) for path, laid_out in batch)


def report_unit(config: RunConfig, job: ReportJob) -> Made:
    return worker_for(config).report(job)
