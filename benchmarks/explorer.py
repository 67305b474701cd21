"""The explorer's speed on the curated data, in-process and without a browser, as ratios
against ``summary.build`` measured in the same run.

- first figures, cold: a fresh process that imports the explorer and builds it (figures,
  charts, table), against a fresh process that imports the library, loads the dataset
  and runs ``summary.build``; both from interpreter start (what "run all" costs the kernel);
- first figures, warm: ``Explorer()`` with imports done, against load + ``summary.build``;
- a control change (the pair's other order; a window start), against ``summary.build`` on
  rows already loaded, split into the figures (``Data.select``), the charts and the table.
Best of N runs each (N=5 by default). Targets of issue 15: first figures <= 3 s, a change <= 0.5 s.

Usage: .venv/bin/python benchmarks/explorer.py [--data data/india-belarus] [--pair IND-BLR] [--runs 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COLD_EXPLORER = """
import time, sys
t = time.perf_counter()
from bilateral.explorer.widgets import Explorer
Explorer(data=sys.argv[1], pair=sys.argv[2])
print(time.perf_counter() - t)
"""
COLD_SUMMARY = """
import time, sys
t = time.perf_counter()
from bilateral.figures import summary
from bilateral.dataset.load import for_pair
from bilateral.contract.names import parse_pair
summary.build(for_pair(sys.argv[1], sys.argv[2]), parse_pair(sys.argv[2]))
print(time.perf_counter() - t)
"""


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def cold(code: str, data: str, pair: str, runs: int) -> float:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code, data, pair], capture_output=True, text=True, check=True)
        out.append(time.perf_counter() - t)  # interpreter start included
        float(proc.stdout.strip().splitlines()[-1])
    return min(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "data" / "india-belarus"))
    ap.add_argument("--pair", default="IND-BLR")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    data, pair, runs = args.data, args.pair, args.runs
    reverse = "-".join(reversed(pair.split("-")))

    cold_summary = cold(COLD_SUMMARY, data, pair, max(2, runs // 2))
    cold_explorer = cold(COLD_EXPLORER, data, pair, max(2, runs // 2))

    from bilateral.explorer import widgets as explorer
    from bilateral.figures import summary
    from bilateral.dataset.load import for_pair, load
    from bilateral.contract.names import parse_pair

    codes = parse_pair(pair)
    warm_summary = best(lambda: summary.build(for_pair(data, pair), codes), runs)
    warm_explorer = best(lambda: explorer.Explorer(data=data, pair=pair), runs)
    rows = explorer.pair_rows(load(data), codes)
    build_only = best(lambda: summary.build(rows, codes), runs)

    ex = explorer.Explorer(data=data, pair=pair)
    pairs = iter([reverse, pair] * runs)
    change_pair = best(lambda: setattr(ex.pair, "value", next(pairs)), runs)
    first = dt.date.fromisoformat(ex.selection.summary["start"])
    starts = iter([first + dt.timedelta(days=1), first] * runs)
    change_window = best(lambda: setattr(ex.start, "value", next(starts)), runs)
    select = best(lambda: ex.data.select(data, reverse), runs)
    charts = best(lambda: explorer.charts_html(ex.selection), runs)
    table = best(lambda: explorer.rows_html(ex.selection, "all"), runs)

    print(f"explorer benchmark on {data} ({pair}), best of {runs}; ratios against summary.build in this run")
    print(f"  first figures, cold process:  {cold_explorer:6.3f} s  = {cold_explorer / cold_summary:5.2f}x "
          f"a cold process running load + summary.build ({cold_summary:.3f} s)   [target 3 s]")
    print(f"  first figures, warm imports:  {warm_explorer:6.3f} s  = {warm_explorer / warm_summary:5.2f}x "
          f"load + summary.build ({warm_summary:.3f} s)")
    print(f"  control change, pair:         {change_pair:6.3f} s  = {change_pair / build_only:5.2f}x "
          f"summary.build on loaded rows ({build_only:.3f} s)   [target 0.5 s]")
    print(f"  control change, window start: {change_window:6.3f} s  = {change_window / build_only:5.2f}x")
    print(f"    of which figures (select):  {select:6.3f} s  = {select / build_only:5.2f}x")
    print(f"    of which charts:            {charts:6.3f} s  = {charts / build_only:5.2f}x")
    print(f"    of which table:             {table:6.3f} s  = {table / build_only:5.2f}x")


if __name__ == "__main__":
    main()
