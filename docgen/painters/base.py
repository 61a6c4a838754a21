"""What every painter shares: its file extension, and writing through a temporary file.

A document is written to a hidden temporary file in the target folder and renamed into place
only when complete, so an interrupted run never leaves a truncated document and never loses
the file an earlier run wrote.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import OutputError
from docgen.layout.model import Layout
from docgen.profiles.load import Profile

TEMP_PREFIX = ".docgen-"


class Painter:
    """Base of the format painters: subclasses set ``extension`` and implement ``paint_to``."""

    extension = ""

    def paint(self, layout: Layout, target: Path, profile: Profile) -> Path:
        """Paint ``layout`` into ``target`` atomically and return the path written."""
        with atomic_path(target) as temporary:
            self.paint_to(layout, temporary, profile)
        return target

    def paint_to(self, layout: Layout, path: Path, profile: Profile) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it if the block succeeds, removed if not."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix + ".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_text(target: Path, text: str) -> Path:
    """Write a UTF-8 text file atomically; a failure is an ``OutputError`` saying so in Chinese."""
    try:
        with atomic_path(target) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(f"无法写入 {target}：{error.strerror or error}。请检查文件夹是否存在、是否有写入权限、"
                          "磁盘是否已满。") from None
    return target


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files an interrupted run left below ``folder``; returns how many."""
    removed = 0
    for stale in folder.rglob(f"{TEMP_PREFIX}*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed += 1
    return removed
