"""The ground floor for files: where documents go, and writing them so that none is ever half-written.

A file is written to a hidden temporary file in the target folder and renamed into place only when
complete, so an interrupted run never leaves a truncated document and never loses the file an
earlier run wrote; ``remove_stale_temporaries`` clears what a killed run left. Names come from the
input path (``output_path``) or are made safe (``safe_name``), never taken raw from text in a file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import OutputError

TEMP_PREFIX = ".docgen-"
INPUT_ROOT_NAME = "inputs"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]|\.\.')
_YEAR_FOLDER = re.compile(r"^(?:19|20)\d{2}(?:年|年度)?$")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it if the block succeeds, removed if not. A file
    that cannot be written (no permission, a full disk, a name too long) is an ``OutputError`` in Chinese."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix + ".tmp", dir=target.parent)
    except OSError as error:
        raise cannot_write(target, error) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it 0600: give it the permissions of any new file
        os.replace(temporary, target)
    except OSError as error:
        raise cannot_write(target, error) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def cannot_write(target: Path, error: OSError) -> OutputError:
    """Why a file cannot be written, in Chinese, and what to do."""
    reasons = {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.EROFS: "文件夹是只读的",
               errno.ENOSPC: "磁盘已满", errno.ENAMETOOLONG: "文件名太长（超过 255 字节）",
               errno.ENOTDIR: "路径中有一段是文件而不是文件夹", errno.EEXIST: "同名的文件已存在",
               errno.EISDIR: "同名的文件夹已存在"}
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    fix = "请缩短输入文件或文件夹的名称" if error.errno == errno.ENAMETOOLONG else \
        "请检查输出文件夹（-o）是否可写、磁盘是否已满"
    return OutputError(f"无法写入 {target}：{reason}。{fix}。")


def _umask() -> int:
    """The process's umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(target: Path, text: str) -> Path:
    """Write a UTF-8 text file atomically; a failure is an ``OutputError`` saying so in Chinese."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
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


def output_path(source: str, output: Path, extension: str, stage: str = "自评") -> Path:  # 自评: records.SELF
    """Where a document of ``source`` goes, mirrored under ``output``: its path below the nearest
    ``inputs`` folder; else from the nearest year folder down (``~/自评表/2024/部门A/x.yaml`` →
    ``2024/部门A/x``); else below the working directory; else its own folder and name. The 申报表 and
    监控表 of a file say so in their names (``x-申报表.pdf``); its 自评表 is ``x.pdf``."""
    stem = relative_stem(source)
    if stage != "自评":
        stem = stem.with_name(f"{stem.stem}-{stage}表{stem.suffix}")
    return output / stem.with_suffix(f".{extension}")


def relative_stem(source: str) -> Path:
    """The part of an input's path its documents keep (see ``output_path``), never leading out."""
    path = Path(os.path.abspath(source))  # normalised: "../" cannot survive into the relative path
    for parent in path.parents:
        if parent.name == INPUT_ROOT_NAME:
            return path.relative_to(parent)
    for parent in path.parents:
        if _YEAR_FOLDER.match(parent.name):
            return path.relative_to(parent.parent)
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return Path(path.parent.name, path.name) if path.parent.name else Path(path.name)
