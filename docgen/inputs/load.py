"""Paths → evaluation files → ``Evaluation`` records, each merged over its ``_defaults.yaml`` chain.

A folder is searched recursively for ``*.yaml``/``*.yml``; files whose names start with ``_`` or
``.`` are not evaluations. A file's defaults are every ``_defaults.yaml`` from its ``inputs`` folder
(or the file system root) down to the file's own folder, merged key by key, the nearest folder
winning; the file itself wins over all.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docgen.errors import InputError, Problem, UsageError, Where
from docgen.inputs.build import build_evaluation
from docgen.inputs.records import Evaluation
from docgen.inputs.yamltree import read_merged

DEFAULTS_NAME = "_defaults.yaml"
DEFAULTS_NAMES = (DEFAULTS_NAME, "_defaults.yml")
SUFFIXES = (".yaml", ".yml")
_YEAR_FOLDER = re.compile(r"^((?:19|20)\d{2})(?:年|年度)?$")


class InputPath(str):
    """A found input's path; ``escapes`` when it is a link leading out of the folder it was found in."""

    escapes: bool = False


def find_inputs(paths: list[str]) -> list[str]:
    """Every evaluation file named or found under the given paths, in a stable order. A file found in
    a folder that is a symbolic link to somewhere outside that folder is marked, and refused on load."""
    found: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            root = p.resolve()
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if _is_evaluation(name):
                        item = InputPath(os.path.join(dirpath, name))
                        try:
                            item.escapes = not Path(item).resolve().is_relative_to(root)
                        except (OSError, RuntimeError):  # a link loop: reported when the file is read
                            item.escapes = False
                        found.append(item)
        elif p.is_file():
            if _is_evaluation(p.name):  # a shell glob may name _defaults.yaml too
                found.append(str(p))
        else:
            raise UsageError(f"找不到“{path}”：请检查路径是否正确。")
    unique: dict[str, str] = {}
    for item in found:  # one file reached by two paths (a link, ./x and x) is one project, not two
        unique.setdefault(os.path.realpath(item), item)
    if not unique:
        raise UsageError(f"在 {'、'.join(paths)} 中没有找到自评表文件（*.yaml 或 *.yml，名字不以 _ 开头）："
                         "请检查路径，或用 docgen new 新建一个。")
    return list(unique.values())


def _is_evaluation(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and not name.startswith(("_", "."))  # 项目.YAML too


def load_evaluation(path: str) -> Evaluation:
    """Read one evaluation file with its defaults chain; ``InputError`` lists every problem found."""
    if getattr(path, "escapes", False):
        target = Path(path).resolve()
        raise InputError([Problem(Where(path), f"是指向输入文件夹以外（{target}）的符号链接，已拒绝：请把文件本身"
                                               "复制到输入文件夹中。")])
    year, chain = folder_year(path), defaults_chain(path)
    return build_evaluation(read_merged(path, chain), source=path, folder_year=year)


def defaults_chain(path: str) -> list[Path]:
    """The ``_defaults.yaml`` files that apply to ``path``, nearest folder first."""
    return list(_defaults_for_folder(Path(path).absolute().parent, Path.cwd()))


def _defaults_for_folder(folder: Path, top: Path) -> tuple[Path, ...]:
    """Every ``_defaults.yaml`` from ``folder`` up to the ``inputs`` folder it is in (or the file system
    root): where the command is run from changes nothing (``cd 部门A && docgen render x.yaml`` still
    reads the 资金单位 of ``2024/_defaults.yaml``). ``top`` only shortens the paths shown."""
    chain: list[Path] = []
    for candidate in (folder, *folder.parents):
        for name in DEFAULTS_NAMES:  # _defaults.yml is read too; both in one folder: .yaml first, then .yml
            defaults = candidate / name
            if defaults.is_file():
                chain.append(_display(defaults, top))
        if candidate.name == "inputs":
            break
    return tuple(chain)


def _display(path: Path, top: Path) -> Path:
    try:
        return path.relative_to(top)
    except ValueError:
        return path


def folder_year(path: str) -> int | None:
    """The year named by the nearest folder called like ``2024``, ``2024年`` or ``2024年度``."""
    for parent in Path(path).absolute().parents:
        match = _YEAR_FOLDER.match(parent.name)
        if match:
            return int(match.group(1))
    return None
