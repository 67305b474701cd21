"""UN General Assembly votes: the measures issue 13 sets, printed against their goals.

1. `bilateral votes --pair IND-BLR` (percentile included), wall time of the command:
   goal at most 1.5 s; the all-pairs percentile query inside it: goal at most 0.5 s.
2. `bilateral import unvotes` of the three shipped .rda files, wall time of the
   command: goal at most 3 s; the store it writes: goal at most 5 MB. pyreadr's
   reading of the files alone is printed beside it (the floor this import can reach).
3. The India–Belarus briefing with the new section against the floor of
   benchmarks/render.py (papermill on an empty notebook plus nbconvert), alternated:
   goal at most 1.0x.

Medians of --repeat runs. Usage: .venv/bin/python benchmarks/unga.py [--repeat N] [--skip-render]
Everything is written under a temporary folder.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
RDA = [ROOT / "data" / "unga" / f"{t}.rda" for t in ("un_votes", "un_roll_calls", "un_roll_call_issues")]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "lib"))


def timed(cmd: list[str], **kw) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
    return time.perf_counter() - t


def median_of(fn, n: int) -> tuple[float, float, float]:
    xs = [fn() for _ in range(n)]
    return statistics.median(xs), min(xs), max(xs)


def line(label: str, m: tuple[float, float, float], goal: str) -> None:
    print(f"{label:<52} {m[0]:6.2f} s  ({m[1]:.2f} to {m[2]:.2f})   goal: {goal}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-render", action="store_true")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
          f"load average {os.getloadavg()[0]:.1f}")
    from bilateral.store import votes as unga_store

    votes = [str(BIN / "bilateral"), "votes", "--pair", "IND-BLR"]
    timed(votes)  # warm the file cache
    line("bilateral votes --pair IND-BLR (percentile included)", median_of(lambda: timed(votes), args.repeat),
         "at most 1.5 s")
    start, end = unga_store.window(None, None)
    unga_store.all_pairs(("IND", "BLR"), start, end)  # DuckDB loaded, not counted

    def query():
        t = time.perf_counter()
        unga_store.all_pairs(("IND", "BLR"), start, end)
        return time.perf_counter() - t
    line(f"  all-pairs percentile query ({start.year}-{end.year})", median_of(query, args.repeat), "at most 0.5 s")

    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as d:
        tmp = Path(d)
        imp = [str(BIN / "bilateral"), "import", "unvotes", *map(str, RDA), "--out", str(tmp / "store"), "--replace"]
        line("bilateral import unvotes (three .rda files)", median_of(lambda: timed(imp), args.repeat),
             "at most 3 s")

        def read_only():
            return timed([sys.executable, "-c", "import pyreadr, sys\n"
                          "for f in sys.argv[1:]: pyreadr.read_r(f)", *map(str, RDA)])
        line("  of which pyreadr reading the files alone (a floor)", median_of(read_only, args.repeat), "-")
        size = sum(f.stat().st_size for f in (tmp / "store").iterdir())
        print(f"{'store size':<52} {size / 1e6:6.2f} MB                 goal: at most 5 MB")

        if args.skip_render:
            return 0
        from render import briefing, floor

        floor(tmp), briefing(tmp)  # warm
        floors, briefs = [], []
        for _ in range(args.repeat):
            floors.append(floor(tmp))
            briefs.append(briefing(tmp))
        f, b = statistics.median(floors), statistics.median(briefs)
        print(f"{'floor (papermill empty notebook + nbconvert html)':<52} {f:6.2f} s")
        print(f"{'India–Belarus briefing with the UNGA section':<52} {b:6.2f} s")
        ratios = sorted(x / y for x, y in zip(briefs, floors))
        print(f"briefing / floor: {b / f:.2f}x   (goal: at most 1.0x; run by run {ratios[0]:.2f}x to {ratios[-1]:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
