"""Each rendered file's checked evaluation and table layout, set aside on disk until the publication set
is made, so the run's own process holds only a few facts per file however many files there are.

The worker that renders a file writes it here (``Spool.put``); the worker that makes a report reads
its projects back (``Spool.get``). The spool is a folder in the output folder (so workers on other
machines, which see the output folder at the same path, share it), named after the run, removed when
the run ends. Each file is signed with a secret of the run (HMAC-SHA256) and read only if the
signature holds: nothing put there by anyone else is ever unpickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import shutil
from pathlib import Path

from docgen.audit.checked import Checked
from docgen.errors import InternalError
from docgen.layout.model import TableLayout

SPOOL_PREFIX = ".docgen-spool-"


class Spool:
    """One run's spool folder and its signing secret."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self.secret = secret

    def put(self, checked: Checked, layout: TableLayout | None) -> str:
        """Set a file's check and layout aside; returns where (to hand to ``get``)."""
        payload = pickle.dumps((checked, layout), protocol=pickle.HIGHEST_PROTOCOL)
        name = hashlib.sha256(os.path.abspath(checked.source).encode()).hexdigest()[:32]
        path = self.folder / f"{name}.pickle"
        self.folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self._sign(payload) + payload)
        return str(path)

    def get(self, place: str) -> tuple[Checked, TableLayout | None]:
        """A file's check and layout as ``put`` set them aside; refused if the signature does not hold."""
        try:
            data = Path(place).read_bytes()
        except OSError as error:
            raise InternalError(f"找不到本次运行的中间文件 {place}（{error}）：请重新运行。") from None
        signature, payload = data[:32], data[32:]
        if Path(place).parent != self.folder or not hmac.compare_digest(signature, self._sign(payload)):
            raise InternalError(f"本次运行的中间文件 {place} 已被改动，未读取：请重新运行。")
        checked, layout = pickle.loads(payload)
        return checked, layout

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self.secret, payload, hashlib.sha256).digest()


def spool_folder(output: Path, run: str) -> Path:
    return output / f"{SPOOL_PREFIX}{run}"


def remove_spools(output: Path) -> None:
    """Remove the spool folders of this and earlier (interrupted) runs in ``output``."""
    if output.is_dir():
        for folder in output.glob(f"{SPOOL_PREFIX}*"):
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)
