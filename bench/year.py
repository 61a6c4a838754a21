"""Benchmark a whole year with both PDF engines side by side: docgen check, per-format milliseconds per
table (WeasyPrint and Typst, and bare WeasyPrint on the same HTML), then per engine the full render
(tables and the publication set) with 1 and 2 workers, a re-run with nothing changed, whether -j 1 and
-j 2 wrote the same bytes, and the peak memory of the docgen process and of its workers; each stage
with the ratio Typst / WeasyPrint.

    .venv/bin/python bench/year.py                 # 1000 projects (takes about 15 minutes)
    .venv/bin/python bench/year.py -n 200 --jobs 2
    .venv/bin/python bench/year.py -n 1000 --jobs 2 --engines typst --stages 自评,监控   # the 监控 stage beside the 自评

With ``--stages``, the same projects are generated at each stage and each stage's full publication set is
rendered side by side (the 监控 set: its 监控表 and the year's 监控汇总), with the ratio to the first stage.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from docgen.fonts import pdf_support
from docgen.inputs.load import find_inputs
from docgen.painters import FORMATS, get_painter
from docgen.painters.pdf import PdfPainter, font_face_rules
from docgen.pipeline import check_file, lay_out
from docgen.profiles.load import Profiles

DOCGEN = str(Path(sys.executable).parent / "docgen")
# A full render exactly as ``docgen render`` runs it (render.run.render_files), in a process of its own so
# its memory can be watched; it prints the run's own timing split as JSON.
RENDER = """
import json, sys
from pathlib import Path
from docgen.inputs.load import find_inputs
from docgen.render.run import Run, render_files
inputs, out, jobs, force, engine = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "force", sys.argv[5]
result = render_files(find_inputs([inputs]), Run(out, force=force, pdf_engine=engine, keep=False), jobs)
print(json.dumps({"tables": result.seconds, "reports": result.report_seconds, "failed": len(result.failed)}))
"""


BARE, BARE_COPIES = "bare WeasyPrint", "bare, font copies"
PDF_WEASY, PDF_TYPST = "pdf (WeasyPrint)", "pdf (Typst)"
ENGINES = ("weasyprint", "typst")


@dataclass
class Watched:
    """A command's wall time, what it printed, and the peak memory (VmHWM, MB) of its own process and of
    its largest worker process."""

    seconds: float
    printed: str
    main_mb: float = 0.0
    worker_mb: float = 0.0


def render_run(inputs: str, out: Path, jobs: int, force: bool, engine: str) -> tuple[Watched, dict[str, float]]:
    """A full render as ``docgen render`` runs it, in a process of its own; with the run's own split."""
    watched = _watched([sys.executable, "-c", RENDER, inputs, str(out), str(jobs), "force" if force else "reuse",
                        engine])
    return watched, json.loads(watched.printed.splitlines()[-1])


def _watched(command: list[str]) -> Watched:
    """Run a command; meanwhile sample from /proc the peak memory of its process and of each of its
    worker processes, so the two can be told apart."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output, subprocess.Popen(
            command, stdout=output, stderr=subprocess.DEVNULL) as process:
        watched = Watched(0.0, "")
        while process.poll() is None:
            for pid, mb in _family_peaks(process.pid).items():
                if pid == process.pid:
                    watched.main_mb = max(watched.main_mb, mb)
                else:
                    watched.worker_mb = max(watched.worker_mb, mb)
            time.sleep(0.1)
        output.seek(0)
        watched.seconds, watched.printed = time.perf_counter() - started, output.read()
        return watched


def _family_peaks(root: int) -> dict[int, float]:
    """VmHWM in MB of ``root`` and of every process below it."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    family, changed = {root}, True
    while changed:
        grown = family | {pid for pid, parent in parents.items() if parent in family}
        changed, family = grown != family, grown
    peaks = {}
    for pid in family:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks[pid] = int(line.split()[1]) / 1024
    return peaks


def per_table(files: list[str], out: Path) -> dict[str, float]:
    """Median milliseconds per table for each format, and for bare WeasyPrint on the same HTML: with
    the installed fonts (what a plain ``HTML(string=...).write_pdf()`` does), and with docgen's cut-down
    font copies (``painters.fonts``) declared the same way docgen declares them."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    painters = [get_painter(name) for name in FORMATS]
    profiles, typst_profiles = Profiles(), Profiles(pdf_engine="typst")
    typst = PdfPainter()
    samples: dict[str, list[float]] = {name: [] for name in ("docx", "xlsx", PDF_WEASY, PDF_TYPST, BARE, BARE_COPIES)}
    bare_fonts, copy_fonts = FontConfiguration(), FontConfiguration()
    copies: dict[tuple[str, ...], CSS] = {}
    for index, path in enumerate(files):
        checked = check_file(path)
        if checked.scored is None:
            continue
        layout, profile = lay_out(checked.scored, profiles)
        for painter in painters:
            started = time.perf_counter()
            painter.paint(layout, out / f"{index}.{painter.extension}", profile)
            samples[PDF_WEASY if painter.extension == "pdf" else painter.extension].append(
                (time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        typst.paint(layout, out / f"{index}.typst.pdf", typst_profiles.get(profile.name))
        samples[PDF_TYPST].append((time.perf_counter() - started) * 1000)
        html = PdfPainter.table_html(layout, profile)  # exactly the HTML the painter lays out
        started = time.perf_counter()
        HTML(string=html).write_pdf(out / f"{index}.bare.pdf", font_config=bare_fonts)
        samples[BARE].append((time.perf_counter() - started) * 1000)
        if layout.fonts.pdf not in copies:
            copies[layout.fonts.pdf] = CSS(string=font_face_rules(layout.fonts.pdf), font_config=copy_fonts)
        started = time.perf_counter()
        HTML(string=html).write_pdf(out / f"{index}.copies.pdf", font_config=copy_fonts,
                                    stylesheets=[copies[layout.fonts.pdf]])
        samples[BARE_COPIES].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values[2:] or values) for name, values in samples.items()}  # warm


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1000, help="projects (default 1000)")
    parser.add_argument("--sample", type=int, default=20, help="tables timed one by one (default 20)")
    parser.add_argument("--jobs", default="1,2", help="worker counts for the full render (default 1,2)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="PDF engines (default weasyprint,typst)")
    parser.add_argument("--stages", default="", help="compare whole publication sets of these stages, e.g. 自评,监控")
    args = parser.parse_args(argv)
    if args.stages:
        return compare_stages(args.n, [s for s in args.stages.split(",") if s], [e for e in args.engines.split(",") if e],
                              int(args.jobs.split(",")[-1]))
    engines = [e for e in args.engines.split(",") if e]
    errors, warnings = pdf_support()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, args.n, max(1, args.n // 20))
        inputs = str(root / "inputs")
        files = find_inputs([inputs])
        print(f"docgen year benchmark: {args.n} projects, {max(1, args.n // 20)} departments, {os.cpu_count()} cores; "
              f"HarfBuzz subsetter {'MISSING' if warnings else 'present'}; CJK font {'MISSING' if errors else 'present'}")
        check = _watched([DOCGEN, "check", inputs]).seconds
        print(f"docgen check: {check:.2f} s ({check / args.n * 1000:.1f} ms per project)")
        (root / "sample").mkdir()
        times = per_table(files[: args.sample], root / "sample")
        bare = times[BARE]
        print(f"per table (median of {args.sample}, warm):")
        for name, ms in times.items():
            print(f"  {name:<18}{ms:8.1f} ms   {ms / bare:5.2f} × bare WeasyPrint")
        print(f"  Typst / WeasyPrint: {times[PDF_TYPST] / times[PDF_WEASY]:.3f} ×")
        counts = [int(j) for j in args.jobs.split(",")]
        rows: dict[str, dict[str, str]] = {}
        figures: dict[str, dict[str, float]] = {}

        def put(stage: str, engine: str, value: float, unit: str) -> None:
            rows.setdefault(stage, {})[engine] = f"{value:.1f} {unit}"
            figures.setdefault(stage, {})[engine] = value

        for engine in engines:
            for jobs in counts:
                watched, split = render_run(inputs, root / f"{engine}{jobs}", jobs, True, engine)
                put(f"-j {jobs} whole publication set", engine, watched.seconds, "s")
                put(f"-j {jobs}   tables", engine, split["tables"], "s")
                put(f"-j {jobs}   reports and 汇总.xlsx", engine, split["reports"], "s")
                put(f"-j {jobs}   main process peak", engine, watched.main_mb, "MB")
                put(f"-j {jobs}   largest worker peak", engine, watched.worker_mb, "MB")
            last = root / f"{engine}{counts[-1]}"
            rerun = [render_run(inputs, last, counts[-1], False, engine)[0].seconds for _ in range(3)]
            put("re-run, nothing changed (median of 3)", engine, statistics.median(rerun), "s")
            if len(counts) > 1:
                same = subprocess.run(["diff", "-rq", "-x", ".docgen-cache.json", str(root / f"{engine}{counts[0]}"),
                                       str(last)], capture_output=True, text=True, check=False)
                rows.setdefault(f"-j {counts[0]} and -j {counts[-1]} byte-identical", {})[engine] = \
                    "yes" if same.returncode == 0 else "NO: " + same.stdout[:60]
        print(f"\n{'stage':<40}" + "".join(f"{engine:>14}" for engine in engines)
              + ("   Typst / WeasyPrint" if len(engines) == 2 else ""))
        for stage, values in rows.items():
            ratio = ""
            if len(engines) == 2 and stage in figures and all(figures[stage].get(e) for e in engines):
                ratio = f"{figures[stage]['typst'] / figures[stage]['weasyprint']:>12.2f} ×"
            print(f"{stage:<40}" + "".join(f"{values.get(engine, ''):>14}" for engine in engines) + ratio)
    return 0


def compare_stages(n: int, stages: list[str], engines: list[str], jobs: int) -> int:
    """The same projects at each stage, each stage's whole publication set rendered (median of 3) with each
    engine, side by side: seconds and the ratio to the first stage."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print(f"docgen stage benchmark: {n} projects, {max(1, n // 20)} departments, -j {jobs}, {os.cpu_count()} cores")
        for stage in stages:
            generate(root / stage, n, max(1, n // 20), stage=stage)
        print(f"{'engine':<12}" + "".join(f"{stage:>12}" for stage in stages)
              + "".join(f"{stage + ' / ' + stages[0]:>16}" for stage in stages[1:]))
        for engine in engines:
            seconds = {}
            for stage in stages:
                runs = [render_run(str(root / stage / "inputs"), root / f"out-{stage}-{engine}-{i}", jobs, True,
                                   engine)[0].seconds for i in range(3)]
                seconds[stage] = statistics.median(runs)
            print(f"{engine:<12}" + "".join(f"{seconds[stage]:>10.1f} s" for stage in stages)
                  + "".join(f"{seconds[stage] / seconds[stages[0]]:>14.2f} ×" for stage in stages[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
