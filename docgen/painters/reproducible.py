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
