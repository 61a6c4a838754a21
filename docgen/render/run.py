"""``docgen render`` as a run: every input file → its documents, then the publication set, one file's
failure never stopping the others.

The run reads the cache (what is unchanged since last time is not redone), fans the files out to the
workers (``render/worker.py``) on an executor (``render/executors.py``), remembers what they made,
and plans the reports (``render/publication.py``). Outputs mirror the input tree:
``inputs/2024/A/B.yaml`` → ``<output>/2024/A/B.docx`` (paths come from the input path, never from
text inside the file). ``RunResult`` holds every figure the command's summary line prints.
"""

from __future__ import annotations

import json
import os
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from docgen.audit.checked import Checked
from docgen.audit.findings import Severity
from docgen.errors import EXIT_AUDIT_ERRORS, EXIT_OK, DocgenError, InternalError, Interrupted, UsageError
from docgen.files import relative_stem, remove_stale_temporaries
from docgen.painters import FORMATS, get_painter
from docgen.pipeline import Rendered, check_file
from docgen.profiles.load import Profiles
from docgen.profiles.settings import PDF_ENGINES
from docgen.render.cache import Cache, CacheEntry, file_key, folder_key
from docgen.render.executors import executor_for, fan_out
from docgen.render.publication import StaleGroups, plan_publication
from docgen.render.spool import remove_spools
from docgen.render.worker import Made, ReportJob, RunConfig, Spooled, check_unit, render_unit, report_unit


@dataclass
class RunResult:
    """What a run did: each file rendered, those skipped as unchanged, the publication set, the time."""

    rendered: list[Rendered]
    seconds: float  # the tables
    report_seconds: float = 0.0  # the publication set beside them
    published: Made = field(default_factory=Made)
    unchanged: dict[str, CacheEntry] = field(default_factory=dict)
    others: dict[str, CacheEntry] = field(default_factory=dict)  # the year's other inputs, from earlier runs
    removed: list[str] = field(default_factory=list)  # stale files docgen wrote earlier and removed
    keys: dict[str, str] = field(default_factory=dict)  # the cache key of each file this run was given
    others_unreadable: list[str] = field(default_factory=list)  # the year's unreadable inputs from earlier runs

    def count(self, severity: Severity) -> int:
        return sum(r.count(severity) for r in self.rendered)

    @property
    def made(self) -> list[Rendered]:
        return [r for r in self.rendered if not r.failed and not r.skipped]

    @property
    def failed(self) -> list[Rendered]:
        return [r for r in self.rendered if r.failed]

    @property
    def skipped(self) -> list[Rendered]:
        return [r for r in self.rendered if r.skipped]

    @property
    def files(self) -> int:
        return len(self.rendered) + len(self.unchanged)

    @property
    def exit_code(self) -> int:
        """The most serious failure's exit code; else 1 when --strict held files back; else 0."""
        failures = [f for r in self.rendered for f in r.failures] + self.published.failures
        codes = [f.exit_code for f in failures] + [r.checked.error.exit_code for r in self.failed
                                                   if r.checked.error is not None]
        if codes:
            return max(codes)
        return EXIT_AUDIT_ERRORS if self.skipped else EXIT_OK


def writable(output: Path) -> None:
    """The output folder can be made and written in, or the run stops before any work, in one Chinese line
    (exit 3): a read-only disk, a folder without permission, a path through a file."""
    import errno

    reasons = {errno.EROFS: "所在的磁盘是只读的", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
               errno.ENOTDIR: "路径中有一段是文件而不是文件夹", errno.ENOSPC: "磁盘已满"}
    try:
        output.mkdir(parents=True, exist_ok=True)
        probe = output / f".docgen-write-test-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        why = reasons.get(error.errno or 0, error.strerror or "无法写入")
        raise UsageError(f"无法写入输出文件夹 {output}：{why}。请用 -o 指定一个可以写入的文件夹。") from None


CHECK_BATCH = 16  # files checked by one check unit: ~0.2 s of work, so its round trip costs little


class Run:
    """One ``docgen render``: its settings, its profiles (for the reports' layouts) and the cache."""

    def __init__(self, output: Path, formats: tuple[str, ...] = FORMATS, profile: str | None = None,
                 templates: tuple[str, ...] = (), strict: bool = False, force: bool = False,
                 pdf_engine: str | None = None, keep: bool = True, stage: str | None = None) -> None:
        if output.exists() and not output.is_dir():
            raise UsageError(f"输出位置 {output} 是一个文件，不是文件夹：请用 -o 指定一个文件夹（不存在时会自动创建）。")
        if pdf_engine is not None and pdf_engine not in PDF_ENGINES:
            raise UsageError(f"--pdf-engine 只能是 {' 或 '.join(PDF_ENGINES)}，实为“{pdf_engine}”。")
        writable(output)  # the last check: a run refused for its options leaves no folder behind
        self.config = RunConfig(output, tuple(formats), profile, tuple(templates), strict, uuid.uuid4().hex, pdf_engine,
                                keep, secrets.token_bytes(32), stage)
        self.force = force
        self.profiles = Profiles(self.config.templates, pdf_engine)
        self.cache = Cache(output, stage)
        self._profile_keys: dict[str, str] = {}
        for name in formats:
            get_painter(name)  # an unknown format or --profile stops the run before any work
        if profile is not None:
            self.profiles.get(profile)

    def tables(self, files: list[str], progress: Callable[[Rendered], None] | None = None,
               executor: Executor | None = None) -> RunResult:
        """Render the given input files (see ``find_inputs``), reporting each to ``progress`` as it
        finishes; with an executor, in its workers. Results keep the order of ``files``."""
        started = time.perf_counter()
        output = self.config.output
        refuse_collisions(files, output)
        if output.is_dir():
            remove_stale_temporaries(output)
        keys = {path: file_key(path, self._settings) for path in files}
        profile_keys = {} if self.force else {name: self._profile_key(name)
                                              for name in {entry.profile for entry in self.cache.entries.values()}}
        unchanged = {} if self.force else {
            path: entry for path in files if (entry := self.cache.fresh(path, keys[path], profile_keys)) is not None}
        todo = [path for path in files if path not in unchanged]
        others, others_unreadable = self._others(files), self._others_unreadable(files)

        def done(item: Rendered) -> None:  # each file as it finishes: reported, then remembered
            if progress is not None:
                progress(item)
            if not self.config.keep:
                item.trim()  # reported: its findings are let go, their counts kept
            self._remember(item, keys[item.checked.source])
            if not self.config.keep and not item.failed:
                item.outputs = []  # remembered: its documents are named by its cache entry from now on

        try:
            rendered = fan_out(executor, render_unit, self.config, todo, _died_rendering, done)
        except Interrupted as stopped:  # keep what was finished: the next run goes on from there
            self.cache.save()
            stopped.done = RunResult(list(stopped.done or []), time.perf_counter() - started, unchanged=unchanged,
                                     others=others)
            raise
        self.cache.save()  # the tables are done, whether or not reports follow (--no-reports)
        return RunResult(rendered, time.perf_counter() - started, unchanged=unchanged, others=others, keys=keys,
                         others_unreadable=others_unreadable)

    def _others(self, files: list[str]) -> dict[str, CacheEntry]:
        """The inputs earlier runs rendered here that this run was not given: still-existing ones stay in
        their year's publications; the entries of deleted (or renamed) ones are dropped, so their
        documents become stale and are removed."""
        return {source: self.cache.entries[source] for source in _not_given(self.cache.entries, files)}

    def _others_unreadable(self, files: list[str]) -> list[str]:
        """The inputs earlier runs could not read that this run was not given and that are still there:
        still listed in their year's 审核意见 and 汇总.xlsx (read again when those are made)."""
        return list(_not_given(self.cache.unreadable, files))

    def clean(self, result: RunResult) -> None:
        """Remove the documents and reports docgen wrote that nothing current stands for any more."""
        result.removed = self.cache.remove_stale(self.cache.current_files())
        self.cache.save()

    def publish(self, result: RunResult, executor: Executor | None = None) -> None:
        """The publication set of the years and departments that changed; reports run on the executor."""
        started = time.perf_counter()
        again = [check_file(path, self.profiles, self.config.profile, self.config.stage)
                 for path in result.others_unreadable]
        unreadable = tuple(checked for checked in again if checked.error is not None)  # a few files at most
        keys = {**result.keys, **{checked.source: file_key(checked.source, self._settings) for checked in unreadable}}
        groups = StaleGroups(self.cache, self.force, result.rendered, {**result.others, **result.unchanged},
                             keys, unreadable)
        jobs = self._spooled(plan_publication(self.config, groups), executor, result)
        files = self.cache.report_files
        for job, made in zip(jobs, fan_out(executor, report_unit, self.config, jobs, _died_reporting), strict=True):
            result.published.written += made.written
            result.published.failures += made.failures
            files[job.group] = sorted({*files.get(job.group, []), *map(str, made.written)})
        self.cache.wrote(result.published.written)
        current = {str(year) for year, _ in groups.members} | {f"{y}/{d}" for y, d in groups.members}
        for group in [group for group in files if group not in current]:
            del files[group]  # a department (or year) with no project left: its reports are stale
        groups.remember()
        self.cache.save()
        result.report_seconds += time.perf_counter() - started

    def _spooled(self, jobs: list[ReportJob], executor: Executor | None, result: RunResult) -> list[ReportJob]:
        """The jobs with every project in the spool: a file this run did not render is checked on the executor
        once for all the reports that list it (and laid out when a department's report appends its table)."""
        pending: dict[str, bool] = {}
        for job in jobs:
            for member in job.members:
                if not member.spool:
                    pending[member.source] = pending.get(member.source, False) or job.kind == "department"
        items = list(pending.items())
        batches = [tuple(items[start:start + CHECK_BATCH]) for start in range(0, len(items), CHECK_BATCH)]
        spools = {}
        for batch in fan_out(executor, check_unit, self.config, batches, _died_checking):
            for item in batch:
                spools[item.source] = item.spool
                if item.failure is not None:
                    result.published.failures.append(item.failure)
        return [replace(job, members=tuple(replace(member, spool=spools.get(member.source, member.spool))
                                           for member in job.members)) for job in jobs]

    @property
    def _settings(self) -> str:  # what the cache key covers: the run id is not part of it
        config = self.config
        return json.dumps([config.formats, config.profile, config.templates, config.strict, str(config.output),
                           *([config.pdf_engine] if config.pdf_engine else [])])

    def _profile_key(self, name: str) -> str:
        """Content hash of a profile's folders, once per run ("" for one that no longer loads)."""
        if name not in self._profile_keys:
            try:
                self._profile_keys[name] = folder_key(self.profiles.get(name).search_path)
            except DocgenError:
                self._profile_keys[name] = ""
        return self._profile_keys[name]

    def _remember(self, item: Rendered, key: str) -> None:
        source = os.path.abspath(item.checked.source)
        self.cache.wrote(item.outputs)
        if item.checked.error is not None:
            self.cache.unreadable[source] = key
        else:
            self.cache.unreadable.pop(source, None)
        if item.failed and not item.skipped:
            entry = self.cache.entries.get(source)
            if entry is not None:  # the last good documents stay until the file reads again; redone next run
                self.cache.entries[source] = replace(entry, key="")
            return
        facts = item.facts
        if item.skipped or facts is None or not facts.laid_out:
            self.cache.entries.pop(source, None)  # --strict held it back: its old documents are stale
            return
        made = [str(path) for path in item.outputs]
        previous = self.cache.entries.get(source)
        kept = [] if previous is None else [  # a run with fewer --formats leaves the other formats' documents
            path for path in previous.outputs
            if Path(path).suffix not in {Path(m).suffix for m in made} and os.path.exists(path)]
        self.cache.entries[source] = CacheEntry(key, facts.profile, self._profile_key(facts.profile),
                                                tuple(made + kept), facts.year, facts.department)


_T = TypeVar("_T")


def _not_given(remembered: dict[str, _T], files: list[str]) -> Iterator[str]:
    """The inputs ``remembered`` (by absolute path) that ``files`` do not name and that still exist; those
    that are gone, or now named under another path, are forgotten."""
    given = {os.path.realpath(path) for path in files}
    named = {os.path.abspath(path) for path in files}
    for source in list(remembered):
        if source in named:
            continue
        if os.path.realpath(source) in given or not os.path.isfile(source):
            del remembered[source]  # the same file under another name now, or gone
        else:
            yield source


def refuse_collisions(files: list[str], output: Path) -> None:
    """Two inputs whose documents would be written to one place stop the run before anything is written."""
    seen: dict[str, str] = {}
    clashes = []
    for path in files:
        place = relative_stem(path).with_suffix("")
        stem = str(place).casefold()  # Windows and macOS do not tell 项目.YAML from 项目.yaml
        if stem in seen:
            clashes.append(f"{seen[stem]} 与 {path} → {output / place}.*")
        else:
            seen[stem] = path
    if clashes:
        raise UsageError("这些输入文件的文档会写到同一处，为免互相覆盖，没有生成任何文件：\n  " + "\n  ".join(clashes)
                         + "\n请给其中一个改名（或放进各自的年度/主管部门文件夹）后重试。")


def render_files(files: list[str], run: Run, jobs: int = 1, cluster: str | None = None, reports: bool = True,
                 progress: Callable[[Rendered], None] | None = None) -> RunResult:
    """The tables of ``files``, then (unless ``reports`` is off) the publication set, on ``jobs``
    processes or a Dask cluster: what ``docgen render`` and the benchmark run."""
    try:
        with executor_for(jobs, cluster, len(files)) as executor:
            result = run.tables(files, progress, executor)
            if reports:
                try:
                    run.publish(result, executor)
                except Interrupted as stopped:
                    stopped.done = result  # the tables are all there; the reports are made next run
                    raise
    except Interrupted:  # the workers are stopped: what they were writing is only a temporary, swept now
        if run.config.output.is_dir():
            remove_stale_temporaries(run.config.output)
        raise
    finally:
        remove_spools(run.config.output)
    run.clean(result)
    return result


def _died_rendering(path: str, error: Exception) -> Rendered:
    return Rendered(Checked(path), failures=[InternalError(f"处理进程异常退出（{error}）。")])


def _died_checking(batch: tuple[tuple[str, bool], ...], error: Exception) -> tuple[Spooled, ...]:
    return tuple(Spooled(path, failure=InternalError(f"{path}: 处理进程异常退出（{error}）。")) for path, _ in batch)


def _died_reporting(_job: object, error: Exception) -> Made:
    return Made(failures=[InternalError(f"处理进程异常退出（{error}）。")])
