"""docgen as a package: a wheel built from the repository, installed into a fresh virtual environment,
finds its built-in templates (they travel inside it as docgen/templates) and renders the samples."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.conftest import INPUTS, ROOT


def test_a_wheel_installs_and_renders(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path / "wheel")],
                   check=True, capture_output=True, timeout=300)
    [wheel] = (tmp_path / "wheel").glob("docgen-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, timeout=120)
    python = tmp_path / "venv" / "bin" / "python"
    clean = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}  # else pip may find docgen there
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True,
                   capture_output=True, timeout=300, env=clean)
    # the libraries docgen needs, from this environment's site-packages (a path: its .pth files, among them
    # the editable install of this checkout, are not read, so docgen itself comes from the wheel)
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    where = subprocess.run([str(python), "-c", "import docgen, docgen.profiles.load as p; print(docgen.__file__); "
                            "print(p.BUILTIN_TEMPLATES)"], env=env, capture_output=True, text=True, check=True,
                           cwd=tmp_path)
    installed, templates = where.stdout.split()
    assert str(tmp_path / "venv") in installed and templates.endswith("site-packages/docgen/templates"), where.stdout
    profiles = subprocess.run([str(python), "-m", "docgen", "profiles"], env=env, capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)
    assert profiles.returncode == 0 and "上海市人社局" in profiles.stdout and "default" in profiles.stdout
    render = subprocess.run([str(python), "-m", "docgen", "render", str(INPUTS / "2024"), "-o", str(tmp_path / "out"),
                             "-j", "1", "--formats", "docx,xlsx,pdf", "--pdf-engine", "typst"], env=env,
                            capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert render.returncode == 0, render.stdout + render.stderr
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 5 + 1 + 1  # 5 tables, a department report, 审核意见
