"""Render speed, as ratios against baselines measured in the same run.

1. One India–Belarus briefing (HTML and PDF, `bilateral render --force`) against the
   floor a user pays anyway: `papermill` on a one-cell empty notebook plus
   `jupyter nbconvert --to html` of it, as two commands. Goal: at most 1.0x.
2. A batch of 20 pairs of a synthetic multi-pair dataset with `--jobs 2` against 20
   sequential `bilateral render` calls on the same data. Goal: at least 2x throughput.

Usage: .venv/bin/python benchmarks/render.py [--repeat N] [--pairs N] [--skip-batch]
Everything is written under a temporary folder; nothing under reports/.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["IND", "BLR", "RUS", "CHN", "FRA", "DEU", "BRA", "ZAF", "KAZ", "UZB"]


def timed(cmd: list[str], **kw) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t


def floor(tmp: Path) -> float:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp / "empty.ipynb")
    return (timed([str(BIN / "papermill"), str(tmp / "empty.ipynb"), str(tmp / "empty-out.ipynb")], cwd=tmp)
            + timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(tmp / "empty-out.ipynb")], cwd=tmp))


def briefing(tmp: Path) -> float:
    return timed([str(BIN / "bilateral"), "render", "--pair", "IND-BLR", "--out", str(tmp / "reports"),
                  "--force", "--quiet"], env={**os.environ, "BILATERAL_BUILD": str(tmp / "build")})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs of the single-briefing comparison (median)")
    ap.add_argument("--pairs", type=int, default=20, help="pairs in the batch comparison")
    ap.add_argument("--skip-batch", action="store_true")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as d:
        tmp = Path(d)
        floor(tmp), briefing(tmp)  # warm the file cache; not counted
        # Alternated, so a slow spell of a shared machine slows both sides alike (the
        # floor alone has measured anywhere from 4.2 s to 5.4 s from one run to the next).
        floors, briefs = [], []
        for _ in range(args.repeat):
            floors.append(floor(tmp))
            briefs.append(briefing(tmp))
        f, b = statistics.median(floors), statistics.median(briefs)
        ratios = sorted(x / y for x, y in zip(briefs, floors))
        print(f"floor (papermill empty notebook + nbconvert html): {f:.2f} s (median of {args.repeat}; "
              f"{min(floors):.2f} to {max(floors):.2f})")
        print(f"India–Belarus briefing, HTML and PDF:               {b:.2f} s (median of {args.repeat}; "
              f"{min(briefs):.2f} to {max(briefs):.2f})")
        print(f"briefing / floor: {b / f:.2f}x   (goal: at most 1.0x; pair by pair {ratios[0]:.2f}x to {ratios[-1]:.2f}x)")
        if args.skip_batch:
            return 0

        sys.path.insert(0, str(ROOT / "lib"))
        from bilateral.dataset.synthetic import make

        pairs = []
        for i, a in enumerate(COUNTRIES):
            for c in COUNTRIES[i + 1:]:
                pairs.append((a, c))
        pairs = pairs[: args.pairs]
        data = make(tmp / "multi", pairs=pairs, first_year=2020, last_year=2024, events_per_year=8, seed=11)
        names = [f"{a}-{c}" for a, c in pairs]
        env = {**os.environ, "BILATERAL_BUILD": str(tmp / "build")}
        t = time.perf_counter()
        for name in names:
            subprocess.run([str(BIN / "bilateral"), "render", "--pair", name, "--data", str(data), "--out",
                            str(tmp / "seq"), "--force", "--quiet"], check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sequential = time.perf_counter() - t
        batch = timed([str(BIN / "bilateral"), "batch", "--pairs", ",".join(names), "--data", str(data),
                       "--out", str(tmp / "batch"), "--jobs", "2", "--force", "--quiet"], env=env)
        print(f"{len(names)} sequential `bilateral render` calls: {sequential:.1f} s "
              f"({len(names) / sequential * 60:.1f} briefings/min)")
        print(f"`bilateral batch --jobs 2` of the same {len(names)}: {batch:.1f} s "
              f"({len(names) / batch * 60:.1f} briefings/min)")
        print(f"batch throughput / sequential: {sequential / batch:.2f}x   (goal: at least 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
