"""Byte-identical output: the same inputs, templates and docgen version give the same files.

Documents carry the time given by ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), or a
fixed date when it is not set, never the clock; the ZIP containers of .docx and .xlsx get fixed
entry times and a fixed order.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

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

    def write(self, pack_uri: Any, blob: bytes, deflated: bytes | None = None) -> None:
        """One entry; ``deflated``, when given, is ``blob`` already compressed as zipfile compresses it."""
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        if deflated is None:
            self._zip.writestr(info, blob)
            return
        info.file_size = len(blob)  # what writestr does, with the compressor handing back the stored bytes
        with self._zip.open(info, "w") as entry:
            if hasattr(entry, "_compressor"):
                entry._compressor = _Deflated(deflated)
            entry.write(blob)

    def close(self) -> None:
        self._zip.close()


class _Deflated:
    """A stand-in for zipfile's compressor that returns bytes compressed earlier (see ``freeze``)."""

    def __init__(self, deflated: bytes) -> None:
        self._deflated = deflated

    def compress(self, _data: bytes) -> bytes:
        return self._deflated

    def flush(self) -> bytes:
        return b""


# Parts that no document ever changes (a blank document's styles, theme, header and footer, shared by
# every document copied from it), with their bytes and those bytes compressed once: a blank's two
# style parts are 0.8 MB of XML, which compressing again for every table took ~10 ms.
_FROZEN: WeakKeyDictionary[Any, tuple[bytes, bytes] | None] = WeakKeyDictionary()


def freeze(parts: Any) -> None:
    """Mark python-docx parts as never changing again (their bytes are worked out once, when first saved)."""
    for part in parts:
        _FROZEN.setdefault(part, None)


def _frozen(part: Any) -> tuple[bytes, bytes] | None:
    if part not in _FROZEN:
        return None
    known = _FROZEN[part]
    if known is None:
        blob = part.blob
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile's
        known = _FROZEN[part] = (blob, compressor.compress(blob) + compressor.flush())
    return known


def save_docx(document: Any, path: Path) -> None:
    """A python-docx document written once, with fixed entry times: the bytes ``save`` then
    ``normalize_zip`` give, without compressing the package twice (nor a frozen part ever again)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        if part not in _FROZEN:
            part.before_marshal()
    writer = _FixedDateZip(path)
    try:
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        for part in parts:  # PackageWriter._write_parts, frozen parts as they were compressed once
            frozen = _frozen(part)
            if frozen is None:
                writer.write(part.partname, part.blob)
            else:
                writer.write(part.partname, *frozen)
            if len(part.rels):
                writer.write(part.partname.rels_uri, part.rels.xml)
    finally:
        writer.close()
