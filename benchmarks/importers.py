"""Import and pair-query speed on synthetic GDELT files, as ratios against the baseline a
user would write today, measured in the same run:

    pandas.read_csv(file, sep="\\t", header=None), a boolean filter on the two actor
    country columns, and a groupby month.

For each size (default 1,000,000 and 10,000,000 rows) it prints:
- import (the whole file into a Parquet store) against the baseline: time and peak memory;
- the DuckDB floor: the file's kept columns read and written to Parquet, nothing else;
- a pair summary on the store (``store.summary.build``, what ``bilateral summary`` runs on
  a store) against the baseline, and against a bare DuckDB count(*) with the same pair
  filter on the same store, both timed in-process after imports (best of 5);
- with --render, a briefing rendered from the store: peak memory against the baseline's.
Each step runs in a fresh process, so peak memory (max RSS) is that step's alone.

Usage: .venv/bin/python benchmarks/importers.py [--sizes 1000000,10000000] [--render]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
PAIR = ("IND", "BLR")

BASELINE = """
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1], sep="\\t", header=None)
pair = df[((df[7] == "IND") & (df[17] == "BLR")) | ((df[7] == "BLR") & (df[17] == "IND"))]
by_month = pair.groupby(pair[2]).size()
print(json.dumps({"seconds": time.perf_counter() - t, "rows": int(len(pair)),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

IMPORT = """
import json, resource, sys, time
from bilateral import importers
t = time.perf_counter()
report = importers.run("gdelt", [sys.argv[1]], sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - t, "kept": report.kept,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# The least any DuckDB import can do: read the file's kept columns and write them to
# Parquet, with no check, mapping, de-duplication or sort, under the importer's memory limit.
FLOOR = """
import json, resource, sys, time
import duckdb
from bilateral.importers import import_memory
from bilateral.importers.gdelt import COLUMNS_V2, KEPT, _read_csv_sql
con = duckdb.connect()
con.execute(f"SET memory_limit = '{import_memory()}'")
t = time.perf_counter()
con.execute(f"COPY ({_read_csv_sql(COLUMNS_V2, ', '.join(KEPT))}) TO '{sys.argv[2]}' (FORMAT parquet, COMPRESSION zstd)",
            [sys.argv[1]])
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

QUERY = """
import json, sys, time
import duckdb
from bilateral import load
from bilateral.figures import summary
from bilateral.store import engines, summary as store_summary
store = sys.argv[1]
con = duckdb.connect()
ibis_con = engines.connect("duckdb")  # the store summary runs Ibis expressions on an Ibis backend
pair_filter = ("(actor1_country = 'IND' AND actor2_country = 'BLR') OR (actor1_country = 'BLR' AND actor2_country = 'IND')")
# warm: imports and the file cache, not timed
assert store_summary.build(store, ("IND", "BLR"), con=ibis_con) is not None
con.execute(f"SELECT count(*) FROM '{store}/events.parquet' WHERE {pair_filter}").fetchone()
summary.build(load(store, pair="IND-BLR"), ("IND", "BLR"))

def best(f, n=5):
    times = []
    for _ in range(n):
        t = time.perf_counter(); out = f(); times.append(time.perf_counter() - t)
    return min(times), out

summary_s, s = best(lambda: store_summary.build(store, ("IND", "BLR"), con=ibis_con))
count_s, n = best(lambda: con.execute(f"SELECT count(*) FROM '{store}/events.parquet' WHERE {pair_filter}").fetchone()[0])
loaded_s, full = best(lambda: summary.build(load(store, pair="IND-BLR"), ("IND", "BLR")), 1)
assert s == full, "the store summary and the loaded one differ"
print(json.dumps({"summary_seconds": summary_s, "count_seconds": count_s, "loaded_seconds": loaded_s, "rows": n,
                  "total": s["engagement"]["total"]}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([PY, "-c", code, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"benchmark step failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_run(repeat: int, code: str, *args: str, before=None) -> dict:
    """The run of median time out of ``repeat`` (time and memory vary from run to run on a shared machine)."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run(code, *args))
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def render_rss(store: Path, out: Path) -> float:
    """Peak RSS (MB) of the largest process of a briefing render from the store (the kernel included)."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    exe = str(Path(PY).parent / "bilateral")
    res = subprocess.run([PY, "-c", code, exe, "render", "--pair", "IND-BLR", "--data", str(store), "--out", str(out),
                          "--force", "--quiet"], check=True, capture_output=True, text=True)
    return float(res.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,10000000")
    ap.add_argument("--render", action="store_true", help="also render a briefing from each store")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the baseline, floor and import at sizes up to "
                                                         "1,000,000 rows (median); larger sizes run once")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bilateral-bench-") as d:
        tmp = Path(d)
        for n in [int(s) for s in args.sizes.split(",")]:
            file = tmp / f"g{n}.export.CSV"
            subprocess.run([PY, str(HERE / "make_gdelt.py"), str(n), "--out", str(file)], check=True,
                           capture_output=True)
            print(f"\n{n:,} rows ({file.stat().st_size / 1e6:,.0f} MB)")
            repeat = args.repeat if n <= 1_000_000 else 1
            store = tmp / f"store{n}"
            base = median_run(repeat, BASELINE, str(file))
            floor = median_run(repeat, FLOOR, str(file), str(tmp / "floor.parquet"))
            imp = median_run(repeat, IMPORT, str(file), str(store),
                             before=lambda: subprocess.run(["rm", "-rf", str(store)], check=True))
            q = run(QUERY, str(tmp / f"store{n}"))
            print(f"  baseline (pandas read, filter, groupby): {base['seconds']:7.2f} s  {base['rss_mb']:8.0f} MB peak")
            print(f"  import into the store:                   {imp['seconds']:7.2f} s  {imp['rss_mb']:8.0f} MB peak")
            print(f"  DuckDB floor (read the kept columns, write Parquet, nothing else): {floor['seconds']:5.2f} s "
                  f"{floor['rss_mb']:8.0f} MB peak = {base['seconds'] / floor['seconds']:.2f}x the baseline's speed, "
                  f"{floor['rss_mb'] / base['rss_mb']:.2f} of its memory")
            print(f"  import speed vs baseline:   {base['seconds'] / imp['seconds']:6.2f}x  (goal: at least 3x)")
            print(f"  import memory vs baseline:  {imp['rss_mb'] / base['rss_mb']:6.2f}   (goal: at most 0.25)")
            print(f"  pair summary on the store:  {q['summary_seconds']:7.3f} s; bare DuckDB count(*): {q['count_seconds']:.3f} s"
                  f"  ({q['rows']:,} pair rows; baseline found {base['rows']:,})")
            print(f"  (the same summary through load() and pandas, as a render computes it: {q['loaded_seconds']:.3f} s)")
            print(f"  summary speed vs baseline:  {base['seconds'] / q['summary_seconds']:6.1f}x  (goal: at least 50x)")
            print(f"  summary / count(*):         {q['summary_seconds'] / q['count_seconds']:6.1f}x  (goal: at most 2x)")
            if args.render:
                rss = render_rss(tmp / f"store{n}", tmp / f"reports{n}")
                print(f"  briefing from the store:    {rss:8.0f} MB peak; vs baseline {rss / base['rss_mb']:.2f} (goal: at most 0.25)")
            file.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
