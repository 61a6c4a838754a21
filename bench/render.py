"""Benchmark: render N copies of a realistic evaluation and report, per stage and format, the median
milliseconds per table, and the peak memory of the process.

    .venv/bin/python bench/render.py              # 20 copies of the largest sample (27 indicators)
    .venv/bin/python bench/render.py -n 50 --input inputs/2024/中共上海市委组织部/党建服务工作经费.yaml
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docgen.fonts import pdf_support
from docgen.painters import FORMATS, get_painter
from docgen.pipeline import check_file, lay_out
from docgen.profiles.load import Profiles

DEFAULT_INPUT = "inputs/2022/中共上海市委组织部/公务员管理工作经费.yaml"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20, help="how many tables to render (default 20)")
    parser.add_argument("--input", default=DEFAULT_INPUT, help="the evaluation to render")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args(argv)
    formats = [name for name in args.formats.split(",") if name]
    errors, warnings = pdf_support()
    profiles = Profiles()
    painters = [get_painter(name) for name in formats]
    samples: dict[str, list[float]] = {"check": [], "layout": [], **{name: [] for name in formats}}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        checked = check_file(args.input)
        if checked.scored is None:
            print(f"cannot read {args.input}: {checked.error}", file=sys.stderr)
            return 2
        indicators = len(checked.scored.indicators)
        scored = checked.scored
        layout, profile = lay_out(scored, profiles)  # in its own profile, as docgen render does
        for painter in painters:  # warm up: fonts loaded, templates compiled, imports done
            painter.paint(layout, out / f"warm.{painter.extension}", profile)
        for index in range(args.n):
            samples["check"].append(timed(lambda: check_file(args.input)))
            samples["layout"].append(timed(lambda: lay_out(scored, profiles)))
            for painter in painters:
                target = out / f"{index}.{painter.extension}"
                samples[painter.extension].append(timed(lambda p=painter, t=target: p.paint(layout, t, profile)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"docgen render benchmark: {args.n} tables of {args.input} ({indicators} indicators)")
    print(f"HarfBuzz subsetter: {'missing — ' + warnings[0] if warnings else 'present'}; "
          f"CJK font: {'missing' if errors else 'present'}")
    print(f"{'stage':<8}{'median ms':>11}{'min ms':>9}{'max ms':>9}")
    for stage, values in samples.items():
        print(f"{stage:<8}{statistics.median(values):>11.1f}{min(values):>9.1f}{max(values):>9.1f}")
    per_table = sum(statistics.median(v) for v in samples.values())
    print(f"{'total':<8}{per_table:>11.1f}   per table, all stages")
    print(f"peak memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
