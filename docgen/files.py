"""The ground floor for files: where documents go, and writing them so that none is ever half-written.

A file is written to a hidden temporary file in the target folder and renamed into place only when
complete, so an interrupted run never leaves a truncated document and never loses the file an
earlier run wrote; ``remove_stale_temporaries`` clears what a killed run left. Names come from the
input path (``output_path``) or are made safe (``safe_name``), never taken raw from text in a file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import OutputError

TEMP_PREFIX = ".docgen-"
INPUT_ROOT_NAME = "inputs"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]|\.\.')


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


def safe_name(text: str) -> str:
    """A department name as a file name: no path separators, reserved or control characters."""
    cleaned = _UNSAFE.sub("_", text).strip(" .")
    return cleaned[:80] or "未命名"


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
