"""Profile name → ``Profile``: its folder and the chain it ``extends``, merged settings, one Jinja environment.

Like MkDocs' ``custom_dir``: a profile's folder comes first on the template search path, then
the folders of the profiles it extends, so a profile holds only the files it overrides.
Settings (``profile.yaml``) merge key by key down the same chain.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from docgen.errors import DocgenError, InputError, Problem, ProfileError, TemplateError, Where
from docgen.inputs.yamltree import MapNode, Scalar, decode_source, merge, parse_yaml
from docgen.profiles.settings import Settings, read_settings
from docgen.profiles.templates import make_environment


def _builtin_templates() -> Path:
    """The built-in templates: inside the installed package (a wheel's docgen/templates), or the
    repository's templates/ beside the package (a checkout, an editable install)."""
    packaged = Path(__file__).resolve().parents[1] / "templates"
    return packaged if (packaged / DEFAULT_PROFILE / "profile.yaml").is_file() else \
        Path(__file__).resolve().parents[2] / "templates"


DEFAULT_PROFILE = "default"
BUILTIN_TEMPLATES = _builtin_templates()
SETTINGS_FILE = "profile.yaml"
_NAME = re.compile(r"^[\w\u3000-\u9fff（）()\-. ]+$")
_MAX_CHAIN = 10


@dataclass(frozen=True)
class Profile:
    """A profile ready to render: its name, template search path, settings and sandboxed environment."""

    name: str
    search_path: tuple[Path, ...]
    settings: Settings
    jinja: jinja2.Environment  # the sandboxed environment that loads its templates along search_path


def choose_profile(override: str | None, written: str | None) -> str:
    """The profile a document is made with: ``--profile`` first, then the file's 模板, then ``default``."""
    return override or written or DEFAULT_PROFILE


class Profiles:
    """The profiles of one run, each loaded once: from the ``--templates`` folders, then the built-in ones."""

    def __init__(self, templates: tuple[str, ...] = (), pdf_engine: str | None = None) -> None:
        self.roots = template_roots(templates)
        self.pdf_engine = pdf_engine  # --pdf-engine: every profile's pdf.engine, for this run
        self._loaded: dict[str, Profile] = {}

    def get(self, name: str) -> Profile:
        if name not in self._loaded:
            profile = load_profile(name, self.roots)
            if self.pdf_engine is not None:
                profile = replace(profile, settings=replace(profile.settings, pdf_engine=self.pdf_engine))
            self._loaded[name] = profile
        return self._loaded[name]


def profile_file(profile: Profile, name: str) -> Path:
    """A file a profile names (its logo): looked up along its search path, never outside it."""
    for folder in profile.search_path:
        candidate = (folder / name).resolve()
        if not candidate.is_relative_to(folder.resolve()):
            break
        if candidate.is_file():
            return candidate
    raise ProfileError(f"模板“{profile.name}”设置的文件“{name}”不在模板文件夹中：请把它放进模板文件夹，"
                     "并只写文件名（不能含 .. 或绝对路径）。")


LOGO_FORMATS = ("PNG", "JPEG", "GIF", "BMP")
MAX_LOGO_PIXELS = 4000


def logo_file(profile: Profile) -> Path | None:
    """The profile's logo, checked to be a picture Word, Excel and the PDF all draw: PNG, JPEG, GIF or
    BMP, at most 4000 pixels a side (a larger one only makes every document heavy)."""
    if not profile.settings.logo:
        return None
    path = profile_file(profile, profile.settings.logo)
    from PIL import Image

    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
    except Exception:  # not a picture at all: text, SVG, a damaged file
        kind, width, height = None, 0, 0
    if kind not in LOGO_FORMATS:  # a broken template asset, as a template that does not compile
        raise TemplateError(f"模板“{profile.name}”的标志图片 {path.name} 不是 PNG、JPEG、GIF 或 BMP 图片（SVG 和其他格式"
                           "Word、Excel 不能通用）：请另存为 PNG。")
    if max(width, height) > MAX_LOGO_PIXELS:
        raise TemplateError(f"模板“{profile.name}”的标志图片 {path.name} 为 {width}×{height} 像素，过大：请缩小到每边不超过 "
                           f"{MAX_LOGO_PIXELS} 像素（印在表上约 2 厘米宽，几百像素就足够清晰）。")
    return path


def template_roots(extra: tuple[str, ...] = ()) -> tuple[Path, ...]:
    """Where profile folders are looked for: folders given with ``--templates`` first, then ours."""
    missing = [folder for folder in extra if not Path(folder).is_dir()]
    if missing:
        raise ProfileError(f"--templates 指定的文件夹不存在：{'、'.join(missing)}。请检查路径。")
    return (*(Path(p) for p in extra), BUILTIN_TEMPLATES)


def available_profiles(roots: tuple[Path, ...]) -> dict[str, Path]:
    """Every profile folder (one holding ``profile.yaml``) found, the first root winning a name."""
    found: dict[str, Path] = {}
    for root in roots:
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                if (folder / SETTINGS_FILE).is_file():
                    found.setdefault(folder.name, folder)
    return found


def describe_profiles(roots: tuple[Path, ...]) -> list[tuple[str, Path, list[str]]]:
    """Every profile found: its name, its folder, and the chain of profiles it extends."""
    known = available_profiles(roots)
    described = []
    for name, folder in known.items():
        chain: list[str] = []
        try:
            current = _parent(_read_settings(folder / SETTINGS_FILE), name)
            while current is not None and current not in chain and len(chain) < _MAX_CHAIN:
                chain.append(current)
                parent = known.get(current)
                current = _parent(_read_settings(parent / SETTINGS_FILE), current) if parent else None
        except DocgenError:  # a broken profile is still listed (profiles --check says what is wrong)
            chain.append("（profile.yaml 无法读取）")
        if not _NAME.match(name):
            chain.append("（名称无效，不能使用：模板名只能含中文、字母、数字、空格、-、.、括号）")
        described.append((name, folder, chain))
    return described



def load_profile(name: str = DEFAULT_PROFILE, roots: tuple[Path, ...] | None = None) -> Profile:
    """Find a profile by name and resolve its ``extends`` chain."""
    roots = roots or template_roots()
    known = available_profiles(roots)
    chain: list[tuple[Path, MapNode]] = []
    current: str | None = name
    while current is not None:
        folder = _find(current, known)
        tree = _read_settings(folder / SETTINGS_FILE)
        chain.append((folder, tree))
        current = _parent(tree, current)
        if current is not None and (len(chain) >= _MAX_CHAIN or any(f.name == current for f, _ in chain)):
            raise ProfileError(f"模板“{name}”的 extends 链过长或形成了循环（{' → '.join(f.name for f, _ in chain)}）。")
    merged = chain[-1][1]
    for _, tree in reversed(chain[:-1]):
        merged = merge(merged, tree)
    search_path = tuple(folder for folder, _ in chain)
    return Profile(name, search_path, read_settings(merged), make_environment(search_path))


def _find(name: str, known: dict[str, Path]) -> Path:
    if not _NAME.match(name) or name in (".", "..") or "/" in name or "\\" in name:
        raise ProfileError(f"模板名“{name}”无效：模板名只能是模板文件夹的名字，不能含路径（/、\\ 或 ..）。")
    if name not in known:
        close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.3)
        hint = f"是否应为：{'、'.join(close)}？" if close else ""
        raise ProfileError(f"找不到模板“{name}”。{hint}可用的模板：{'、'.join(known) or '（无）'}。")
    return known[name]


def _read_settings(path: Path) -> MapNode:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(Where(str(path)), f"无法读取模板设置：{error.strerror}。")]) from None
    text = decode_source(data, str(path))
    if not text.strip():
        return MapNode({}, Where(str(path), 1))
    return parse_yaml(text, str(path))


def _parent(tree: MapNode, name: str) -> str | None:
    entry = tree.entries.get("extends")
    if entry is None:
        return None if name == DEFAULT_PROFILE else DEFAULT_PROFILE
    if not isinstance(entry.value, Scalar) or entry.value.is_null:
        return None
    return entry.value.text.strip()
