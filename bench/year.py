"""Benchmark a whole year: docgen check, per-format milliseconds per table beside bare WeasyPrint on the
same HTML, the full render (tables and the publication set) with 1 and 2 workers, a re-run with
nothing changed, and peak memory of the docgen process and of its workers.

    .venv/bin/python bench/year.py            # 1000 projects (takes several minutes)
    .venv/bin/python bench/year.py -n 200
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
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
inputs, out, jobs, force = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "force"
result = render_files(find_inputs([inputs]), Run(out, force=force), jobs)
print(json.dumps({"tables": result.seconds, "reports": result.report_seconds, "failed": len(result.failed)}))
"""


BARE, BARE_COPIES = "bare WeasyPrint", "bare, font copies"
PEAKS: dict[str, float] = {"main": 0.0, "worker": 0.0}  # MB, the largest seen in any run


LAST_SPLIT: dict[str, float] = {}  # the last full render's own split of its time (RunResult's figures)


def wall(*args: str) -> float:
    """Seconds a docgen command takes; meanwhile the peak memory (VmHWM) of its process and of each of
    its worker processes is sampled from /proc, so the two can be told apart."""
    return _watched([DOCGEN, *args])[0]


def render_wall(inputs: str, out: Path, jobs: int, force: bool) -> float:
    """Seconds a full render takes, as ``docgen render`` runs it; its own split lands in LAST_SPLIT."""
    seconds, printed = _watched([sys.executable, "-c", RENDER, inputs, str(out), str(jobs),
                                 "force" if force else "reuse"])
    LAST_SPLIT.clear()
    LAST_SPLIT.update(json.loads(printed.splitlines()[-1]))
    return seconds


def _watched(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output, subprocess.Popen(
            command, stdout=output, stderr=subprocess.DEVNULL) as process:
        while process.poll() is None:
            for pid, mb in _family_peaks(process.pid).items():
                role = "main" if pid == process.pid else "worker"
                PEAKS[role] = max(PEAKS[role], mb)
            time.sleep(0.1)
        output.seek(0)
        return time.perf_counter() - started, output.read()


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
    profiles = Profiles()
    samples: dict[str, list[float]] = {name: [] for name in (*FORMATS, BARE, BARE_COPIES)}
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
            samples[painter.extension].append((time.perf_counter() - started) * 1000)
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
    args = parser.parse_args(argv)
    errors, warnings = pdf_support()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, args.n, max(1, args.n // 20))
        inputs = str(root / "inputs")
        files = find_inputs([inputs])
        print(f"docgen year benchmark: {args.n} projects, {max(1, args.n // 20)} departments; "
              f"HarfBuzz subsetter {'MISSING' if warnings else 'present'}; CJK font {'MISSING' if errors else 'present'}")
        check = wall("check", inputs)
        print(f"docgen check: {check:.2f} s ({check / args.n * 1000:.1f} ms per project)")
        (root / "sample").mkdir()
        times = per_table(files[: args.sample], root / "sample")
        bare = times[BARE]
        print(f"per table (median of {args.sample}, warm):")
        for name, ms in times.items():
            print(f"  {name:<18}{ms:8.1f} ms   {ms / bare:5.2f} × bare WeasyPrint   "
                  f"{ms / times[BARE_COPIES]:5.2f} × bare with the font copies")
        print(f"  docx + xlsx        {times['docx'] + times['xlsx']:8.1f} ms   "
              f"{(times['docx'] + times['xlsx']) / times['pdf']:5.1%} of the PDF")
        counts = [int(j) for j in args.jobs.split(",")]
        for jobs in counts:
            seconds = render_wall(inputs, root / f"out{jobs}", jobs, force=True)
            print(f"full publication set, -j {jobs}: {seconds:.1f} s wall ({seconds / args.n * 1000:.0f} ms per project)"
                  f"; docgen's own split: tables {LAST_SPLIT['tables']:.1f} s, reports and summary workbook "
                  f"{LAST_SPLIT['reports']:.1f} s")
        last = root / f"out{counts[-1]}"
        rerun = [render_wall(inputs, last, counts[-1], force=False) for _ in range(3)]
        print(f"re-run, nothing changed: {statistics.median(rerun):.2f} s wall (median of 3)")
        if len(counts) > 1:
            same = subprocess.run(["diff", "-rq", "-x", ".docgen-cache.json", str(root / f"out{counts[0]}"),
                                   str(last)], capture_output=True, text=True, check=False)
            print(f"outputs of -j {counts[0]} and -j {counts[-1]} byte-identical: "
                  f"{'yes' if same.returncode == 0 else 'NO: ' + same.stdout[:200]}")
        print(f"peak memory: largest worker process {PEAKS['worker']:.0f} MB; the docgen process itself "
              f"{PEAKS['main']:.0f} MB (it holds the year's results; with -j 1 it also does all the work)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
