"""The run's spool: a rendered file's check and layout wait there for the publication set, so the run's
own process keeps only facts. Read back only with the run's signature; gone when the run ends; the
publication set is the same bytes whether the run keeps its results or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.audit.findings import Severity
from docgen.errors import InternalError
from docgen.inputs.load import find_inputs
from docgen.pipeline import check_file, lay_out
from docgen.profiles.load import Profiles
from docgen.render.run import Run, render_files
from docgen.render.spool import SPOOL_PREFIX, Spool
from tests.conftest import INPUTS


def test_a_spool_file_is_read_only_with_the_run_signature(tmp_path: Path) -> None:
    [path] = find_inputs([str(INPUTS / "2024/中共上海市委组织部/党建服务工作经费.yaml")])
    checked = check_file(path)
    assert checked.scored is not None
    layout, _ = lay_out(checked.scored, Profiles())
    spool = Spool(tmp_path / "spool", b"s" * 32)
    place = spool.put(checked, layout)
    again, laid = spool.get(place)
    assert again.scored == checked.scored and again.findings == checked.findings and laid == layout
    with pytest.raises(InternalError, match="已被改动"):
        Spool(tmp_path / "spool", b"t" * 32).get(place)  # another run's secret
    data = bytearray(Path(place).read_bytes())
    data[-5] ^= 1
    Path(place).write_bytes(bytes(data))
    with pytest.raises(InternalError, match="已被改动"):
        spool.get(place)  # a changed byte
    outside = tmp_path / "elsewhere.pickle"
    outside.write_bytes(Path(spool.put(checked, layout)).read_bytes())
    with pytest.raises(InternalError, match="已被改动"):
        spool.get(str(outside))  # signed, but not in this run's folder


def test_the_set_is_the_same_whether_the_run_keeps_its_results_or_not(tmp_path: Path) -> None:
    files = find_inputs([str(INPUTS / "2024")])
    kept = render_files(files, Run(tmp_path / "kept", ("xlsx", "pdf"), pdf_engine="typst"), 2)
    light = render_files(files, Run(tmp_path / "light", ("xlsx", "pdf"), pdf_engine="typst", keep=False), 2)
    assert all(r.checked.scored is not None and r.layout is not None for r in kept.rendered)
    assert all(r.checked.scored is None and not r.checked.findings and r.layout is None and r.facts
               for r in light.rendered)  # only facts and counts are kept
    assert [[r.count(s) for s in Severity] for r in kept.rendered] == [[r.count(s) for s in Severity]
                                                                       for r in light.rendered]
    assert sum(r.count(Severity.INFO) for r in light.rendered) == light.count(Severity.INFO) > 0
    written = sorted(p.relative_to(tmp_path / "kept") for p in (tmp_path / "kept").rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(tmp_path / "light") for p in (tmp_path / "light").rglob("*") if p.is_file())
    assert Path("2024/汇总.xlsx") in written and Path("2024/审核意见.pdf") in written
    for path in written:
        if path.name != ".docgen-cache.json":
            assert (tmp_path / "kept" / path).read_bytes() == (tmp_path / "light" / path).read_bytes(), path
    assert not list((tmp_path / "light").glob(f"{SPOOL_PREFIX}*")) and not list((tmp_path / "kept").glob(f"{SPOOL_PREFIX}*"))
