"""Byte-identical output: the same inputs, templates and docgen version give the same files.

Documents carry the time given by ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), or a
fixed date when it is not set, never the clock; the ZIP containers of .docx and .xlsx get fixed
entry times and a fixed order.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z


def document_time() -> datetime:
    """The timestamp written into documents."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    except ValueError:
        epoch = DEFAULT_EPOCH
    return datetime.fromtimestamp(max(epoch, 315532800), tz=UTC)  # ZIP cannot hold dates before 1980


def normalize_zip(path: Path, edit: Callable[[str, bytes], bytes] | None = None) -> None:
    """Rewrite a ZIP container with every entry's time set to ``document_time()``, order kept; ``edit``
    may change an entry's bytes on the way (by its name)."""
    stamp = document_time().timetuple()[:6]
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    if edit is not None:
        entries = [(name, edit(name, data)) for name, data in entries]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)


class _FixedDateZip:
    """python-docx's physical package writer, with every entry as ``normalize_zip`` writes it."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self._stamp = document_time().timetuple()[:6]

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def save_docx(document: Any, path: Path) -> None:
    """A python-docx document written once, with fixed entry times: the bytes ``save`` then
    ``normalize_zip`` give, without compressing the package twice."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    writer = _FixedDateZip(path)
    try:
        PackageWriter._write_content_types_stream(writer, package.parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, package.parts)
    finally:
        writer.close()

