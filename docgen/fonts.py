"""The fonts a PDF embeds: whether the machine has them, what they can draw, and a cut-down copy of
each face that WeasyPrint can subset quickly.

WeasyPrint subsets every face a document uses, once per document, from the whole font file. For the
Noto CJK collections (20–27 MB, 65,000 glyphs) that costs about 80 ms per face and per table:
HarfBuzz parses the collection, keeps the original glyph ids, and the copy is compressed. So each
face is first cut, once per machine, to the characters Chinese finance tables are written in
(GB 2312, ASCII, Latin-1, punctuation and common symbols: about 14,000 glyphs with their variants)
and cached as a small OpenType file. The PDF's font list names that copy first and the installed
face second, so a character outside the copy is still drawn, from the full face — never a blank.

Why by hand: HarfBuzz's subsetter is what WeasyPrint itself calls, through C; fontTools would take
30 s per face. The few ctypes calls below are the whole of it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docgen.errors import FontError

INSTALL_HINT = "请安装：sudo apt-get install fonts-noto-cjk（或运行 ./quickstart.sh，它会自动安装）"
COMMON_SET_VERSION = "1"  # bump when COMMON_RANGES or the GB 2312 rule changes
COMMON_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x24F),  # Latin-1 and Latin Extended
    (0x2000, 0x206F),  # general punctuation: — ‘’ “” … ‰
    (0x2100, 0x22FF),  # letterlike ℃ №, number forms Ⅰ, arrows, mathematical operators ≥ ≤ ±
    (0x2460, 0x25FF),  # enclosed ①, box drawing, shapes ■ △
    (0x3000, 0x303F),  # CJK symbols and punctuation 、。《》【】
    (0x3200, 0x33FF),  # enclosed CJK ㈠, CJK compatibility ㎡
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms （）：％
)
WEIGHTS = (("normal", 80), ("bold", 200))  # CSS weight, fontconfig weight


def pdf_support(engine: str | None = None) -> tuple[list[str], list[str]]:
    """What stops PDF output (errors) and what slows it (warnings), in Chinese, with the fix. Typst
    (``--pdf-engine typst``) subsets fonts itself: HarfBuzz's subsetter matters only to WeasyPrint."""
    errors, warnings = [], []
    if shutil.which("fc-list") is None or not subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout.strip():
        errors.append(f"本机没有中文字体，PDF 会缺字。{INSTALL_HINT}")
    if engine == "typst":
        return errors, warnings
    from weasyprint.text.ffi import harfbuzz_subset

    if harfbuzz_subset is None or ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.append("未找到 HarfBuzz 字体子集库（libharfbuzz-subset0），PDF 生成会慢很多（每份约数秒）。"
                        "请安装：sudo apt-get install libharfbuzz-subset0")
    return errors, warnings


@dataclass(frozen=True)
class InstalledFace:
    path: str
    index: int
    families: tuple[str, ...]
    weight: int

    def is_family(self, family: str) -> bool:
        return family.lower() in {name.lower() for name in self.families}


@cache
def installed_face(pattern: str) -> InstalledFace:
    """The face fontconfig uses for ``pattern`` (``"Noto Serif CJK SC"``, ``"…:weight=200"``)."""
    done = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}|%{weight}", pattern],
                          capture_output=True, text=True, check=False)
    path, index, families, weight = [*done.stdout.split("|", 3), "", "0", "", "0"][:4]
    return InstalledFace(path, int(index or 0), tuple(name.strip() for name in families.split(",") if name.strip()),
                         int(float(weight or 0)))


@cache
def covered_codepoints(families: tuple[str, ...]) -> frozenset[int]:
    """Every code point the given font families can draw (their cmaps, united)."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for family in families:
        face = installed_face(family)
        if not face.path or not face.is_family(family):
            raise FontError(f"PDF 字体“{family}”未安装（fontconfig 找到的是“{', '.join(face.families) or '无'}”）。"
                            f"{INSTALL_HINT}，或在模板的 profile.yaml 中把 fonts.pdf 改为本机已安装的字体。")
        font = TTFont(face.path, fontNumber=face.index, lazy=True)
        covered.update(font.getBestCmap())
        font.close()
    return frozenset(covered)


def check_glyphs(source: str, texts: Iterable[str], fonts: tuple[str, ...]) -> None:
    """Refuse text that no embedded font can draw: it would print as empty boxes."""
    covered = covered_codepoints(tuple(fonts))
    missing = sorted({char for text in texts for char in text if not char.isspace() and ord(char) not in covered})
    if missing:
        shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in missing[:10])
        raise FontError(f"{source}: 这些字符在 PDF 字体中没有字形，会显示为空框：{shown}。"
                        "请改用常见字符，或在 profile.yaml 的 fonts.pdf 中加入含这些字符的字体。")


@dataclass(frozen=True)
class CommonFace:
    """A cut-down copy of an installed face, for ``@font-face``."""

    family: str  # "Noto Serif CJK SC docgen"
    weight: str  # "normal" or "bold"
    path: Path


@cache
def common_faces(families: tuple[str, ...]) -> tuple[CommonFace, ...]:
    """The cut-down copies of the regular and bold faces of ``families``; none where a copy cannot be
    made (no HarfBuzz subsetter, no writable cache): the PDF then uses the installed faces only."""
    faces = []
    for family in families:
        for css_weight, fc_weight in WEIGHTS:
            face = installed_face(f"{family}:weight={fc_weight}")
            if not face.path or not face.is_family(family) or face.weight != fc_weight:
                continue  # not installed in that weight: the installed faces serve as before
            path = common_copy(face)
            if path is not None:
                faces.append(CommonFace(copy_family(family), css_weight, path))
    return tuple(faces)


def copy_family(family: str) -> str:
    """The family name of the copy: "Noto Serif CJK SC" → "Noto Serif CJK SC docgen"."""
    return f"{family} docgen"


def font_family_list(families: tuple[str, ...]) -> list[str]:
    """The CSS font families for ``families``: each one's copy first, where there is one."""
    copies = {face.family for face in common_faces(families)}
    return [name for family in families for name in (copy_family(family), family) if name == family or name in copies]


def common_copy(face: InstalledFace) -> Path | None:
    """The cached copy of ``face`` cut to the common characters; made the first time it is asked for."""
    library = _harfbuzz()
    if library is None:
        return None
    hb, subset = library
    stat = os.stat(face.path)
    version = hb.hb_version_string().decode()
    key = f"{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}|{COMMON_SET_VERSION}|{version}"
    name = hashlib.sha256(key.encode()).hexdigest()[:24] + ".otf"
    folders = _cache_folders()
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    try:
        data = _subset(hb, subset, Path(face.path).read_bytes(), face.index, common_codepoints())
    except OSError:
        return None
    if data is None:
        return None
    for folder in folders:  # the first that can be written
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".docgen-", suffix=".tmp", dir=folder)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)  # a shared DOCGEN_FONT_CACHE serves every user
            os.replace(temporary, folder / name)  # workers racing write the same bytes; the rename is atomic
            return folder / name
        except OSError:
            continue
    return None


@cache
def common_codepoints() -> tuple[int, ...]:
    """GB 2312 and ``COMMON_RANGES``, sorted."""
    points: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                points.add(ord(bytes((high, low)).decode("gb2312")))
    for first, last in COMMON_RANGES:
        points.update(range(first, last + 1))
    return tuple(sorted(points))


def _cache_folders() -> list[Path]:
    """Where cut-down fonts are kept, in order of preference."""
    folders = []
    if os.environ.get("DOCGEN_FONT_CACHE"):
        folders.append(Path(os.environ["DOCGEN_FONT_CACHE"]))
    with contextlib.suppress(RuntimeError):  # no home folder
        base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
        folders.append(Path(base) / "docgen" / "fonts")
    folders.append(Path(tempfile.gettempdir()) / f"docgen-fonts-{os.getuid()}")
    return folders


@cache
def _harfbuzz() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    """libharfbuzz and libharfbuzz-subset with the signatures used here, or None if either is missing."""
    names = ctypes.util.find_library("harfbuzz"), ctypes.util.find_library("harfbuzz-subset")
    if None in names:
        return None
    try:
        hb, subset = (ctypes.CDLL(name) for name in names)
        pointer, uint = ctypes.c_void_p, ctypes.c_uint
        signatures = {
            (hb, "hb_blob_create"): ([ctypes.c_char_p, uint, ctypes.c_int, pointer, pointer], pointer),
            (hb, "hb_blob_destroy"): ([pointer], None),
            (hb, "hb_blob_get_data"): ([pointer, ctypes.POINTER(uint)], pointer),
            (hb, "hb_face_create"): ([pointer, uint], pointer),
            (hb, "hb_face_destroy"): ([pointer], None),
            (hb, "hb_face_reference_blob"): ([pointer], pointer),
            (hb, "hb_set_add"): ([pointer, uint], None),
            (hb, "hb_version_string"): ([], ctypes.c_char_p),
            (subset, "hb_subset_input_create_or_fail"): ([], pointer),
            (subset, "hb_subset_input_destroy"): ([pointer], None),
            (subset, "hb_subset_input_unicode_set"): ([pointer], pointer),
            (subset, "hb_subset_or_fail"): ([pointer, pointer], pointer),
        }
        for (library, name), (arguments, result) in signatures.items():
            function = getattr(library, name)
            function.argtypes, function.restype = arguments, result
    except (OSError, AttributeError):  # too old a HarfBuzz (hb_subset_or_fail is 2.9)
        return None
    return hb, subset


def _subset(hb: ctypes.CDLL, subset: ctypes.CDLL, font: bytes, index: int, codepoints: tuple[int, ...]) -> bytes | None:
    """``font``'s face ``index`` cut to ``codepoints`` by HarfBuzz (default options: layout features kept,
    glyphs renumbered), as OpenType bytes; None if HarfBuzz refuses."""
    blob = hb.hb_blob_create(font, len(font), 1, None, None)  # 1: HB_MEMORY_MODE_READONLY, ``font`` outlives it
    face = hb.hb_face_create(blob, index)
    request = subset.hb_subset_input_create_or_fail()
    result = result_blob = None
    try:
        if not request:
            return None
        unicodes = subset.hb_subset_input_unicode_set(request)
        for point in codepoints:
            hb.hb_set_add(unicodes, point)
        result = subset.hb_subset_or_fail(face, request)
        if not result:
            return None
        result_blob = hb.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        data = hb.hb_blob_get_data(result_blob, ctypes.byref(length))
        return ctypes.string_at(data, length.value) if data and length.value else None
    finally:
        if result_blob:
            hb.hb_blob_destroy(result_blob)
        if result:
            hb.hb_face_destroy(result)
        if request:
            subset.hb_subset_input_destroy(request)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


@cache
def advance_widths(family: str) -> tuple[dict[int, int], int]:
    """Each code point's advance width in the family's font units, and its units per em (for measuring
    how wide a text is drawn: column widths that never break a number)."""
    from fontTools.ttLib import TTFont

    face = installed_face(family)
    if not face.path or not face.is_family(family):
        return {}, 1000
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    try:
        metrics = font["hmtx"].metrics
        widths = {point: metrics[name][0] for point, name in font.getBestCmap().items() if name in metrics}
        return widths, int(font["head"].unitsPerEm)
    finally:
        font.close()
