"""``docgen render``: every input file → its documents, one file's failure never stopping the others.

Per file: check (load → score → audit), choose its profile, build the layout once, and let each
painter paint it. Outputs mirror the input tree: ``inputs/2024/A/B.yaml`` →
``<output>/2024/A/B.docx`` (paths come from the input path, never from text inside the file).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from docgen.audit.findings import Severity
from docgen.cache import Cache, Entry, file_key, folder_key
from docgen.errors import DocgenError
from docgen.layout.build import build_layout
from docgen.layout.model import Layout
from docgen.painters import FORMATS, get_painter
from docgen.painters.base import Painter, remove_stale_temporaries
from docgen.painters.pdf import PdfPainter
from docgen.pipeline import Checked, check_file
from docgen.profiles.load import DEFAULT_PROFILE, Profile, load_profile, template_roots
from docgen.reports.documents import write_report_docx, write_report_pdf
from docgen.reports.narrative import ReportLayout, audit_report, department_report
from docgen.reports.summary import ProjectLine, Summary, by_year, summarize
from docgen.reports.workbook import WORKBOOK_NAME, write_workbook

INPUT_ROOT_NAME = "inputs"
REPORTS_FOLDER = "绩效自评结果报告"
AUDIT_NAME = "审核意见"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]|\.\.')
T = TypeVar("T")


@dataclass
class Rendered:
    """What became of one input file."""

    checked: Checked
    outputs: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped: bool = False
    layout: Layout | None = None

    @property
    def failed(self) -> bool:
        return self.checked.error is not None or bool(self.failures)


@dataclass
class BatchResult:
    rendered: list[Rendered]
    seconds: float  # the tables
    report_seconds: float = 0.0  # the publication set beside them
    reports: list[Path] = field(default_factory=list)
    report_failures: list[str] = field(default_factory=list)
    unchanged: dict[str, Entry] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(r.checked.count(severity) for r in self.rendered)


def output_path(source: str, output: Path, extension: str) -> Path:
    """Where a document of ``source`` goes: its path below the nearest ``inputs`` folder (or the
    working directory), mirrored under ``output``."""
    path = Path(os.path.abspath(source))  # normalised: "../" cannot survive into the relative path
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
    target = output / relative.with_suffix(f".{extension}")
    if not Path(os.path.abspath(target)).is_relative_to(os.path.abspath(output)):
        target = output / Path(path.name).with_suffix(f".{extension}")
    return target


@dataclass(frozen=True)
class BatchConfig:
    """Everything a worker needs to render a file the way the batch asked: plain, hashable data."""

    output: Path
    formats: tuple[str, ...] = FORMATS
    profile: str | None = None
    templates: tuple[str, ...] = ()
    strict: bool = False
    run: str = ""  # a long-lived worker (Dask) must not reuse one run's profiles in the next run


@lru_cache(maxsize=4)
def _batch_for(config: BatchConfig) -> Batch:
    """One Batch per process and configuration: its profiles and PDF font configuration are reused."""
    return Batch(config.output, config.formats, config.profile, config.templates, config.strict)


@dataclass(frozen=True)
class ReportJob:
    """One report to make: a department's (its projects and table layouts), or a year's audit report
    (already laid out: its findings are all it needs, a fraction of the memory of the year's evaluations)."""

    kind: str
    year: int
    department: str
    lines: tuple[ProjectLine, ...]
    tables: tuple[Layout, ...]
    profile: str
    layout: ReportLayout | None = None
    size: int = 0  # how long it takes, roughly: the longest jobs start first


def report_unit(config: BatchConfig, job: ReportJob) -> tuple[list[Path], list[str]]:
    """The report work unit, like ``render_unit``: plain data in, the paths written and failures out."""
    return _batch_for(config).make_report(job)


def render_unit(config: BatchConfig, path: str) -> Rendered:
    """The work unit: one evaluation file → its documents. A plain function of plain data, so any
    ``concurrent.futures.Executor`` (a process pool, a Dask cluster) can run it."""
    return _batch_for(config).render_safely(path)


class Batch:
    """Renders files with shared profiles and painters (one PDF font configuration per batch)."""

    def __init__(self, output: Path, formats: tuple[str, ...] = FORMATS, profile: str | None = None,
                 templates: tuple[str, ...] = (), strict: bool = False, force: bool = False) -> None:
        self.config = BatchConfig(output, tuple(formats), profile, tuple(templates), strict, uuid.uuid4().hex)
        self.output = output
        self.formats = formats
        self.painters: list[Painter] = [get_painter(name) for name in formats]
        self.profile_override = profile
        self.roots = template_roots(templates)
        self.strict = strict
        self._profiles: dict[str, Profile] = {}
        self.force = force
        self.cache = Cache(output)
        self._keys_of_profiles: dict[str, str] = {}
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
            layout = result.layout = build_layout(checked.scored, profile)
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

    def render_safely(self, path: str) -> Rendered:
        try:
            return self.render_file(path)
        except Exception as error:  # a bug of ours must not cost the rest of the batch
            return Rendered(Checked(path), failures=[f"docgen 内部错误（{type(error).__name__}: {error}），"
                                                     "请把该文件报告给维护者。"])

    def run(self, files: list[str], progress: Callable[[Rendered], None] | None = None,
            executor: Executor | None = None) -> BatchResult:
        """Render the given input files (see ``find_inputs``), reporting each to ``progress`` as it
        finishes; with an executor, in its workers. Results keep the order of ``files``."""
        started = time.perf_counter()
        if self.output.is_dir():
            remove_stale_temporaries(self.output)
        keys = {path: file_key(path, self._settings) for path in files}
        profile_keys = {} if self.force else self._profile_keys()
        unchanged = {} if self.force else {
            path: entry for path in files if (entry := self.cache.fresh(path, keys[path], profile_keys)) is not None}
        todo = [path for path in files if path not in unchanged]
        if executor is None:
            rendered = []
            for path in todo:
                rendered.append(self.render_safely(path))
                if progress is not None:
                    progress(rendered[-1])
        else:
            rendered = self._run_on(executor, todo, progress)
        for item in rendered:
            self._remember(item, keys[item.checked.source])
        self.cache.save()  # the tables are done, whether or not reports follow (--no-reports)
        return BatchResult(rendered, time.perf_counter() - started, unchanged=unchanged, keys=keys)

    def _run_on(self, executor: Executor, files: list[str], progress: Callable[[Rendered], None] | None
                ) -> list[Rendered]:
        futures = {executor.submit(render_unit, self.config, path): index for index, path in enumerate(files)}
        done: dict[int, Rendered] = {}
        for future in as_completed(futures):
            index = futures[future]
            try:
                done[index] = future.result()
            except Exception as error:  # a worker that died (killed, out of memory)
                done[index] = Rendered(Checked(files[index]), failures=[f"处理进程异常退出（{error}）。"])
            if progress is not None:
                progress(done[index])
        return [done[index] for index in range(len(files))]

    @property
    def _settings(self) -> str:  # what the cache key covers: the run id is not part of it
        config = self.config
        return json.dumps([config.formats, config.profile, config.templates, config.strict, str(config.output)])

    def _profile_key(self, name: str) -> str:
        """Content hash of a profile's folders, once per run ("" for one that no longer loads)."""
        if name not in self._keys_of_profiles:
            try:
                self._keys_of_profiles[name] = folder_key(self.profile(name).search_path)
            except DocgenError:
                self._keys_of_profiles[name] = ""
        return self._keys_of_profiles[name]

    def _profile_keys(self) -> dict[str, str]:
        """Content hash of every profile the cache mentions."""
        return {name: self._profile_key(name) for name in {entry.profile for entry in self.cache.entries.values()}}

    def _remember(self, item: Rendered, key: str) -> None:
        source = item.checked.source
        if item.failed or item.skipped or item.layout is None or item.checked.scored is None:
            self.cache.entries.pop(source, None)
            return
        evaluation = item.checked.scored.evaluation
        profile_key = self._profile_key(item.layout.profile)
        self.cache.entries[source] = Entry(key, item.layout.profile, profile_key,
                                           tuple(str(p) for p in item.outputs), evaluation.year,
                                           evaluation.department)

    def publish(self, result: BatchResult, executor: Executor | None = None) -> None:
        """The publication set beside the tables: per year 汇总.xlsx and 审核意见, per department
        its 绩效自评结果报告 with its tables appended — only for the years and departments that changed.
        The reports are work units too, run on the executor when there is one."""
        started = time.perf_counter()
        stale = _StaleGroups(self, result)
        lines = stale.lines
        default = self.profile_override or DEFAULT_PROFILE
        jobs: list[ReportJob] = []
        for year, summary in by_year(lines).items():
            if year not in stale.years:
                continue
            if "xlsx" in self.formats:
                folder = self.output / str(year)
                self._report(result, lambda s=summary, f=folder: write_workbook(s, f / WORKBOOK_NAME, f))
            profile = self._report(result, lambda: self.profile(default))
            layout = self._report(result, lambda s=summary, p=profile: audit_report(list(s.projects), s.year, p)) \
                if profile is not None else None
            if layout is not None:
                jobs.append(ReportJob("audit", year, "", (), (), default, layout, 3 * len(summary.projects)))
        for summary in summarize(lines):
            if (summary.year, summary.department) in stale.departments:
                first = summary.projects[0].scored.evaluation
                tables = tuple(stale.layouts[p.checked.source] for p in summary.projects
                               if p.checked.source in stale.layouts)
                jobs.append(ReportJob("department", summary.year, summary.department, summary.projects, tables,
                                      self.profile_override or first.profile or DEFAULT_PROFILE,
                                      size=len(summary.projects)))
        jobs = [job for job in jobs if any(f in self.formats for f in ("docx", "pdf"))]
        jobs.sort(key=lambda job: -job.size)  # longest first
        if executor is None:
            outcomes = [self.make_report(job) for job in jobs]
        else:
            outcomes = []
            for future in as_completed([executor.submit(report_unit, self.config, job) for job in jobs]):
                try:
                    outcomes.append(future.result())
                except Exception as error:  # a worker that died
                    outcomes.append(([], [f"处理进程异常退出（{error}）。"]))
        for reports, failures in outcomes:
            result.reports += reports
            result.report_failures += failures
        stale.remember()
        self.cache.save()
        result.report_seconds += time.perf_counter() - started

    def make_report(self, job: ReportJob) -> tuple[list[Path], list[str]]:
        """Write one report in every document format asked for; returns what was written and what failed."""
        outcome = BatchResult([], 0)
        profile = self._report(outcome, lambda: self.profile(job.profile))
        if profile is None:
            return outcome.reports, outcome.report_failures
        folder = self.output / str(job.year)
        if job.kind == "audit":
            report = job.layout
            stem = folder / AUDIT_NAME
            table_pdfs: list[Path] = []
        else:
            summary = Summary(job.year, job.department, job.lines)
            report = self._report(outcome, lambda: department_report(summary, profile, job.tables))
            stem = folder / REPORTS_FOLDER / safe_name(job.department)
            table_pdfs = [Path(d) for p in job.lines for d in p.documents if d.endswith(".pdf")]
        pdf = next((p for p in self.painters if isinstance(p, PdfPainter)), None)
        for extension in [f for f in ("docx", "pdf") if f in self.formats] if report is not None else []:
            target = stem.with_name(f"{stem.name}.{extension}")
            if extension == "docx":
                self._report(outcome, lambda t=target: write_report_docx(report, t))
            elif pdf is not None:
                self._report(outcome, lambda t=target: write_report_pdf(report, t, profile, pdf, table_pdfs))
        return outcome.reports, outcome.report_failures

    @staticmethod
    def _report(result: BatchResult, make: Callable[[], T]) -> T | None:
        """Make one report; a failure is recorded and the other reports still get made."""
        try:
            made = make()
        except DocgenError as error:
            result.report_failures.append(error.format_message())
            return None
        if isinstance(made, Path):
            result.reports.append(made)
        return made


class _StaleGroups:
    """Which years and departments need their reports made again, and the projects of those groups.

    A group is stale when a member's key changed, a member was added or removed, or a report of it
    is missing. Unchanged members of a stale group are checked again (cheap) rather than rendered.
    """

    def __init__(self, batch: Batch, result: BatchResult) -> None:
        self.batch = batch
        self.lines: list[ProjectLine] = []
        self.layouts: dict[str, Layout] = {}
        members: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for path, entry in result.unchanged.items():
            members[(entry.year, entry.department)].append((path, entry.key + entry.profile_key))
        for item in result.rendered:
            if item.checked.scored is not None:
                evaluation = item.checked.scored.evaluation
                members[(evaluation.year, evaluation.department)].append((item.checked.source, "changed"))
        self.members = {group: [path for path, _ in items] for group, items in members.items()}
        self.group_keys = {group: _digest(sorted(items)) for group, items in members.items()}
        year_items: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for (year, _), items in members.items():
            year_items[year] += items
        self.year_keys = {year: _digest(sorted(items)) for year, items in year_items.items()}
        self.departments = {g for g, key in self.group_keys.items() if self._stale(f"{g[0]}/{g[1]}", key)}
        self.years = {y for y, key in self.year_keys.items() if self._stale(str(y), key)}
        self.years |= {year for year, _ in self.departments}
        needed = {path for group in self.departments for path, _ in members[group]}
        needed |= {path for (year, _), items in members.items() if year in self.years for path, _ in items}
        for item in result.rendered:
            if item.checked.scored is not None and item.checked.source in needed:
                self.lines.append(ProjectLine(item.checked, tuple(str(p) for p in item.outputs)))
                if item.layout is not None:
                    self.layouts[item.checked.source] = item.layout
        for path, entry in result.unchanged.items():
            if path in needed:
                self._recheck(path, entry)

    def _stale(self, name: str, key: str) -> bool:
        return self.batch.force or "changed" in key or self.batch.cache.reports.get(name) != key

    def _recheck(self, path: str, entry: Entry) -> None:
        checked = check_file(path)
        if checked.scored is None:
            return
        self.lines.append(ProjectLine(checked, entry.outputs))
        with contextlib.suppress(DocgenError):
            self.layouts[path] = build_layout(checked.scored, self.batch.profile(entry.profile))

    def remember(self) -> None:
        """Record each group's key as the next run will compute it: from its members' cache entries."""
        entries, reports = self.batch.cache.entries, self.batch.cache.reports
        by_year: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for (year, department), paths in self.members.items():
            items = sorted((path, entries[path].key + entries[path].profile_key if path in entries else "missing")
                           for path in paths)
            reports[f"{year}/{department}"] = _digest(items)
            by_year[year] += items
        for year, items in by_year.items():
            reports[str(year)] = _digest(sorted(items))


def _digest(items: list[tuple[str, str]]) -> str:
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()


def safe_name(text: str) -> str:
    """A department name as a file name: no path separators, reserved or control characters."""
    cleaned = _UNSAFE.sub("_", text).strip(" .")
    return cleaned[:80] or "未命名"
