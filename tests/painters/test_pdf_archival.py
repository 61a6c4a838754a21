"""Table PDFs are PDF/A-3a and tagged (a profile may turn either off): read back with pypdf and pdffonts.

Validated here: the PDF/A identification in the XMP metadata, the output intent, the structure tree and
/MarkInfo, /Lang, title and author, every font embedded. Not validated: full ISO 19005 conformance (no
veraPDF on this machine) — the README says so.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import RenderProfile, Sample


def catalog(path: Path) -> tuple[dict, str, dict]:
    reader = PdfReader(str(path))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8") if "/Metadata" in root else ""
    return root, xmp, dict(reader.metadata or {})


def pdfa_id(xmp: str) -> tuple[str, str]:
    """The PDF/A part and conformance an XMP packet declares (as attributes or as elements)."""
    found = {name: re.search(rf'pdfaid:{name}(?:="([^"]*)"|>([^<]*)<)', xmp) for name in ("part", "conformance")}
    return tuple((m.group(1) or m.group(2)) if m else "" for m in found.values())  # type: ignore[return-value]


def fonts_embedded(path: Path) -> list[bool]:
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [line.split()[-5] == "yes" for line in lines]


def page_footers(path: Path) -> list[list[tuple[int, int]]]:
    """Each page's "第 N 页，共 M 页" footers, as pdftotext reads them."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[(int(n), int(m)) for n, m in re.findall(r"第 (\d+) 页，共 (\d+) 页", page)] for page in text.split("\f")[:-1]]


def numbered_over_all_pages(path: Path) -> list[list[tuple[int, int]]]:
    """What ``page_footers`` must read in a PDF numbered over all its N pages: one footer on each."""
    count = len(PdfReader(str(path)).pages)
    return [[(number, count)] for number in range(1, count + 1)]


def test_every_table_pdf_is_archival_and_tagged(samples: list[Sample]) -> None:
    for sample in samples:
        path = sample.files["pdf"]
        root, xmp, info = catalog(path)
        assert pdfa_id(xmp) == ("3", "A"), sample.name
        [intent] = root["/OutputIntents"]
        assert intent.get_object()["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent.get_object()
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert root["/Lang"] == "zh-CN"
        assert info["/Title"] == sample.layout.project and info["/Author"] == sample.layout.tags["agency"]
        embedded = fonts_embedded(path)
        assert embedded and all(embedded), sample.name


def test_a_profile_may_turn_both_off(render_profile: RenderProfile, tmp_path: Path) -> None:
    result = render_profile("简单", "pdf: {archival: false, tagged: false}\n", "--no-reports")
    assert result.exit_code == 0, result.out
    root, xmp, _ = catalog(tmp_path / "out/2024/部门/项目.pdf")
    assert "/OutputIntents" not in root and "/StructTreeRoot" not in root and "pdfaid" not in xmp


def test_reports_follow_the_profile_too(render_profile: RenderProfile, tmp_path: Path) -> None:
    """Archival and tags off: the assembled report is a plain PDF, still numbered over its tables."""
    result = render_profile("简单", "pdf: {archival: false, tagged: false}\n", projects=2)
    assert result.exit_code == 0, result.out
    [report] = (tmp_path / "out/2024/绩效自评结果报告").glob("*.pdf")
    root, xmp, _ = catalog(report)
    assert "/OutputIntents" not in root and "/StructTreeRoot" not in root and "pdfaid" not in xmp
    reader = PdfReader(str(report))
    assert len(reader.pages) >= 3 and page_footers(report) == numbered_over_all_pages(report)
    assert [item.title for item in reader.outline if not isinstance(item, list)][-1] == "附：各项目绩效自评表"


def file_identifier(path: Path) -> list[bytes]:
    """The trailer's /ID: two byte strings, which PDF/A requires."""
    return [bytes(part.original_bytes) for part in PdfReader(str(path)).trailer["/ID"]]


def test_a_table_with_or_without_a_footer_keeps_its_file_identifier(render_profile: RenderProfile,
                                                                     tmp_path: Path) -> None:
    """A table with a page footer is written twice (the footer drawn over it) and gets its /ID from qpdf, so
    WeasyPrint's own is skipped; a table without one keeps WeasyPrint's."""
    assert render_profile("有页脚", "", "--no-reports").exit_code == 0
    footed = file_identifier(tmp_path / "out/2024/部门/项目.pdf")
    no_footer = {"labels.j2": '{% extends "default/labels.j2" %}{% block footer %}{% endblock %}'}
    assert render_profile("无页脚", "", "--no-reports", "--force", files=no_footer).exit_code == 0
    path = tmp_path / "out/2024/部门/项目.pdf"
    assert page_footers(path) == [[]] * len(PdfReader(str(path)).pages)
    bare = file_identifier(path)
    _, xmp, _ = catalog(path)
    assert pdfa_id(xmp) == ("3", "A")
    for identifier in (footed, bare):
        assert len(identifier) == 2 and all(len(part) >= 16 for part in identifier), identifier
    assert footed != bare
