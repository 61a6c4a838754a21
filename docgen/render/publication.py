"""The publication set beside the tables: per year 汇总.xlsx and 审核意见, per department its
绩效自评结果报告 with its tables appended — planned only for the years and departments that changed.

Input: the facts of the run's rendered files and the cache's entries of unchanged ones. Output:
``ReportJob``s for the workers, each naming its projects (``Member``s), never carrying them: the
workers read them back from the run's spool, so this process stays small however large the year.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict

from docgen.audit.checked import Checked
from docgen.files import safe_name
from docgen.inputs.load import folder_year
from docgen.pipeline import Rendered
from docgen.profiles.load import choose_profile
from docgen.render.cache import Cache, CacheEntry
from docgen.render.worker import Member, ReportJob, RunConfig

REPORT_FORMATS = ("docx", "pdf")


def plan_publication(config: RunConfig, groups: StaleGroups) -> list[ReportJob]:
    """The pieces of the publication set to make, longest first: each stale year's 汇总.xlsx and
    审核意见 in one job, each stale department's report in one."""
    reports = any(f in config.formats for f in REPORT_FORMATS)
    jobs: list[ReportJob] = []
    if reports or "xlsx" in config.formats:
        for year in sorted(groups.years):
            members = groups.members_of(year)
            if members:
                jobs.append(ReportJob("audit", year, "", members, choose_profile(config.profile, None),
                                      3 * len(members), unreadable=groups.unreadable_in(year),
                                      workbook="xlsx" in config.formats))
    if reports:
        names = report_names(groups.members)
        for year, department in sorted(groups.departments):
            members = groups.members_of(year, department)
            if members:
                jobs.append(ReportJob("department", year, department, members, groups.profiles[members[0].source],
                                      len(members), names[(year, department)]))
    return sorted(jobs, key=lambda job: -job.size)


def report_names(members: dict[tuple[int, str], list[str]]) -> dict[tuple[int, str], str]:
    """Each department's report file name: ``safe_name`` of it, unless two departments of a year would
    share one (``部门/A``, ``部门_A``): then each of those gets a short mark of its full name."""
    names = {group: safe_name(group[1]) for group in members}
    clashes = Counter((year, name.casefold()) for (year, _), name in names.items())
    return {group: name if clashes[(group[0], name.casefold())] == 1
            else f"{name}-{hashlib.sha256(group[1].encode()).hexdigest()[:6]}" for group, name in names.items()}


class StaleGroups:
    """Which years and departments need their reports made again, and the projects of those groups.

    A group is stale when a member's key changed, a member was added or removed, or a report of it
    is missing. Unchanged members of a stale group are checked (cheap) rather than rendered, once for all
    the reports that list them (``Run.publish``). ``unreadable``: the files an earlier run could not read
    and this one was not given (listed in their year beside this run's own unreadable files).
    """

    def __init__(self, cache: Cache, force: bool, rendered: list[Rendered], unchanged: dict[str, CacheEntry],
                 keys: dict[str, str] | None = None, unreadable: tuple[Checked, ...] = ()) -> None:
        self.cache, self.force = cache, force
        self.unreadable = tuple(item.checked for item in rendered if item.checked.error is not None) + unreadable
        # an unreadable file counts in its year's key by its content: listed once, again when it changes
        self.unreadable_keys = {checked.source: (keys or {}).get(checked.source, "") for checked in self.unreadable}
        members: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        self.known: dict[str, Member] = {}  # every member's source → its documents and spool
        self.profiles: dict[str, str] = {}  # every member's source → the profile its documents are made with
        for path, entry in unchanged.items():
            members[(entry.year, entry.department)].append((path, entry.key + entry.profile_key))
            self.known[path] = Member(path, entry.outputs)
            self.profiles[path] = entry.profile
        for item in rendered:
            if item.facts is not None:
                source = item.checked.source
                members[(item.facts.year, item.facts.department)].append((source, "changed"))
                entry = None if item.failed else cache.entries.get(os.path.abspath(source))
                documents = entry.outputs if entry is not None else tuple(str(p) for p in item.outputs)
                self.known[source] = Member(source, documents, item.facts.spool)  # the entry's strings, not copies
                self.profiles[source] = item.facts.profile
        self.members = {group: [path for path, _ in items] for group, items in members.items()}
        group_keys = {group: _digest(sorted(items)) for group, items in members.items()}
        year_items: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for (year, _), items in members.items():
            year_items[year] += items
        for year in year_items:
            year_items[year] += self._unreadable_items(year)
        year_keys = {year: _digest(sorted(items)) for year, items in year_items.items()}
        self.departments = {g for g, key in group_keys.items() if self._stale(f"{g[0]}/{g[1]}", key)}
        self.years = {y for y, key in year_keys.items() if self._stale(str(y), key)}
        self.years |= {year for year, _ in self.departments}

    def members_of(self, year: int, department: str | None = None) -> tuple[Member, ...]:
        """The projects of a year (or of one of its departments), in the order of their sources."""
        paths = [path for (y, d), paths in self.members.items() if y == year and department in (None, d)
                 for path in paths]
        return tuple(self.known[path] for path in sorted(paths))

    def unreadable_in(self, year: int) -> tuple[Checked, ...]:
        """The files of a year that could not be read: by their year folder (every year, without one)."""
        return tuple(checked for checked in self.unreadable if folder_year(checked.source) in (year, None))

    def _unreadable_items(self, year: int) -> list[tuple[str, str]]:
        return [(checked.source, f"unreadable {self.unreadable_keys[checked.source]}")
                for checked in self.unreadable_in(year)]

    def _stale(self, name: str, key: str) -> bool:
        missing = any(not os.path.exists(path) for path in self.cache.report_files.get(name, ()))
        return self.force or missing or "changed" in key or self.cache.reports.get(name) != key

    def remember(self) -> None:
        """Record each group's key as the next run will compute it: from its members' cache entries."""
        entries, reports = self.cache.entries, self.cache.reports
        by_year: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for (year, department), paths in self.members.items():
            found = {path: entries.get(os.path.abspath(path)) for path in paths}
            items = sorted((path, entry.key + entry.profile_key if entry is not None else "missing")
                           for path, entry in found.items())
            reports[f"{year}/{department}"] = _digest(items)
            by_year[year] += items
        for year, items in by_year.items():
            reports[str(year)] = _digest(sorted(items + self._unreadable_items(year)))


def _digest(items: list[tuple[str, str]]) -> str:
    """SHA-256 of ``json.dumps(items, ensure_ascii=False)``, fed item by item: a year of thousands of
    projects is never one string."""
    digest = hashlib.sha256(b"[")
    for index, item in enumerate(items):
        digest.update((", " if index else "").encode() + json.dumps(item, ensure_ascii=False).encode())
    digest.update(b"]")
    return digest.hexdigest()
