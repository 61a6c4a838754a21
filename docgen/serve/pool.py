"""Renders for the HTTP API in a pool of worker processes with a bounded queue: a request that would
wait behind more than ``queue`` others is turned away at once (503 with Retry-After) instead of
piling up; each worker keeps its profiles and painters (fonts, layout caches) between requests.

A request carries the whole evaluation, so any instance behind a load balancer can serve it.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docgen.audit.listing import as_json

REQUEST_NAME = "请求.yaml"
_state: dict[str, Any] = {}


class Busy(Exception):
    """Every worker is busy and the queue is full."""


@contextmanager
def _request_file(text: str) -> Iterator[str]:
    """A request's evaluation as a file of its own (请求.yaml in a temporary folder), for the pipeline."""
    with tempfile.TemporaryDirectory(prefix="docgen-") as folder:
        path = Path(folder) / REQUEST_NAME
        path.write_text(text, encoding="utf-8")
        yield str(path)


def check_text(text: str, profile: str | None, templates: tuple[str, ...], stage: str | None = None
               ) -> tuple[bool, dict[str, Any]]:
    """One evaluation's text → (readable, the ``docgen check --json`` object), named 请求; ``stage``: the
    form of the year to check it as (else its latest)."""
    from docgen.pipeline import check_file

    with _request_file(text) as path:
        checked = check_file(path, _profiles(templates), profile, stage)
        return checked.scored is not None, _renamed(as_json(checked), path)


def render_text(text: str, fmt: str, profile: str | None, templates: tuple[str, ...], pdf_engine: str | None = None,
                stage: str | None = None) -> tuple[bool, bytes | dict[str, Any]]:
    """One evaluation's text → (True, the document's bytes), or (False, why) as JSON."""
    with _request_file(text) as path:
        ok, result = render_path(path, fmt, profile, templates, pdf_engine, stage)
        return ok, result if ok else _renamed(result, path)


def render_path(path: str, fmt: str, profile: str | None, templates: tuple[str, ...], pdf_engine: str | None = None,
                stage: str | None = None) -> tuple[bool, bytes | dict[str, Any]]:
    """A served file (with its folder's _defaults.yaml and year) → its document's bytes, or why not;
    ``pdf_engine`` overrides the profile's ``pdf.engine`` as ``--pdf-engine`` does."""
    from docgen.painters import get_painter
    from docgen.pipeline import render_file

    painter = _state.setdefault(f"painter:{fmt}", get_painter(fmt))
    with tempfile.TemporaryDirectory(prefix="docgen-") as folder:
        rendered = render_file(path, Path(folder), _profiles(templates, pdf_engine), [painter], profile,
                               target=lambda extension: Path(folder) / f"document.{extension}",  # the one route
                               stage=stage)
        if rendered.checked.scored is None:
            return False, as_json(rendered.checked)
        if rendered.failures:
            return False, {"file": path, "error": {"message": rendered.failures[0].format_message(), "line": 0,
                                                   "problems": []}}
        return True, rendered.outputs[0].read_bytes()


def _profiles(templates: tuple[str, ...], pdf_engine: str | None = None) -> Any:
    from docgen.profiles.load import Profiles

    key = f"profiles:{templates}:{pdf_engine}"
    if key not in _state:
        _state[key] = Profiles(templates, pdf_engine)
    return _state[key]


def _renamed(value: Any, path: str) -> Any:
    """The temporary file's path → 请求 in every message."""
    if isinstance(value, str):
        return value.replace(path, "请求")
    if isinstance(value, dict):
        return {key: _renamed(item, path) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, path) for item in value]
    return value


class RenderPool:
    """``workers`` processes, at most ``queue`` requests waiting; ``run`` awaits a worker's result."""

    def __init__(self, workers: int, queue: int) -> None:
        self.workers = max(1, workers)
        self.limit = self.workers + max(0, queue)
        self._pending = 0
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    @property
    def pending(self) -> int:
        return self._pending

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            from docgen.render.executors import process_pool

            self._executor = process_pool(self.workers)  # the one pool docgen render uses too
        return self._executor

    async def run(self, function: Any, *args: Any) -> Any:
        with self._lock:
            if self._pending >= self.limit:
                raise Busy
            self._pending += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.executor(), function, *args)
        finally:
            with self._lock:
                self._pending -= 1

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
