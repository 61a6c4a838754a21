"""The incremental cache: which inputs are unchanged since the last run, so nothing is redone twice.

Kept in the output folder (``.docgen-cache.json``). A file's key covers docgen's version, the
render settings, the file's bytes and its ``_defaults.yaml`` chain; its profile is remembered with
a hash of every file along the profile's chain, so editing a template re-renders what uses it.
A damaged or foreign cache is ignored, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from docgen import __version__
from docgen.files import atomic_path
from docgen.inputs.load import defaults_chain

CACHE_NAME = ".docgen-cache.json"


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """What the last run made of one input."""

    key: str
    profile: str
    profile_key: str
    outputs: tuple[str, ...]
    year: int
    department: str


def file_key(path: str, settings: str) -> str:
    """Hash of what one input's documents depend on, apart from its profile."""
    digest = hashlib.sha256(f"{__version__}\0{settings}\0".encode())
    for part in (Path(path), *reversed(defaults_chain(path))):
        digest.update(str(part).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(Path(part).read_bytes())
    return digest.hexdigest()


def folder_key(folders: tuple[Path, ...]) -> str:
    """Hash of every file in a profile's folders (its settings, templates, logo)."""
    digest = hashlib.sha256()
    for folder in folders:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(file.relative_to(folder)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


class Cache:
    """The last runs' entries (by absolute input path: a run from another folder finds them), report
    keys, and the manifest of every file docgen wrote here: its size and modification time when written,
    so a stale one is removed only if it is still docgen's own."""

    def __init__(self, output: Path, stage: str | None = None) -> None:
        # a --stage run keeps its own record: the 申报表 of a run never counts as stale in the next 自评 run
        self.path = output / (CACHE_NAME if stage is None else CACHE_NAME.replace(".json", f"-{stage}.json"))
        self.entries: dict[str, CacheEntry] = {}
        self.reports: dict[str, str] = {}
        self.report_files: dict[str, list[str]] = {}  # a year ("2024") or department ("2024/部门") → its files
        self.written: dict[str, list[int]] = {}  # path → [size, mtime_ns] as written
        self.unreadable: dict[str, str] = {}  # an input that could not be read → its key: listed in its year
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == __version__:
                self.entries = {os.path.abspath(k): CacheEntry(**{**v, "outputs": tuple(v["outputs"])})
                                for k, v in data["files"].items()}
                self.reports = dict(data["reports"])
                self.report_files = {k: list(v) for k, v in data.get("report_files", {}).items()}
                self.written = {k: list(v) for k, v in data.get("written", {}).items()}
                self.unreadable = {os.path.abspath(k): str(v) for k, v in data.get("unreadable", {}).items()}

    def wrote(self, paths: list[Path] | tuple[str, ...]) -> None:
        """Remember files docgen has just written."""
        for path in paths:
            with contextlib.suppress(OSError):
                stat = os.stat(path)
                self.written[str(path)] = [stat.st_size, stat.st_mtime_ns]

    def remove_stale(self, current: set[str]) -> list[str]:
        """Delete the files docgen wrote that nothing current produces — only those still as docgen left
        them (a file someone replaced or edited is kept) — and forget them; returns those deleted."""
        removed = []
        for path in sorted(set(self.written) - current):
            size, mtime = self.written.pop(path)
            with contextlib.suppress(OSError):
                stat = os.stat(path)
                if [stat.st_size, stat.st_mtime_ns] == [size, mtime]:
                    os.unlink(path)
                    removed.append(path)
        return removed

    def current_files(self) -> set[str]:
        """Every file the current entries and reports stand for."""
        files = {output for entry in self.entries.values() for output in entry.outputs}
        return files | {path for paths in self.report_files.values() for path in paths}

    def fresh(self, path: str, key: str, profile_key: dict[str, str]) -> CacheEntry | None:
        """The last run's entry for ``path`` if its documents are still current."""
        entry = self.entries.get(os.path.abspath(path))
        if entry is None or entry.key != key or profile_key.get(entry.profile) != entry.profile_key:
            return None
        if not all(os.path.exists(output) for output in entry.outputs):
            return None
        return entry

    def save(self) -> None:
        """Write the cache, streamed: each entry becomes JSON only as it is written, so saving a year of
        thousands of files never holds the whole text (or a second copy of every entry) in memory."""
        data = {"version": __version__, "files": dict(sorted(self.entries.items())),
                "reports": dict(sorted(self.reports.items())),
                "report_files": dict(sorted(self.report_files.items())), "written": dict(sorted(self.written.items())),
                "unreadable": dict(sorted(self.unreadable.items()))}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(self.path) as temporary, temporary.open("w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=1, default=asdict)
