"""Spark local[N] against DuckDB on the same synthetic GDELT export and store, with Spark's
start-up measured apart:

- the import (``bilateral import gdelt``) of the file on each engine, and the DuckDB floor
  (benchmarks/importers.py: the kept columns read and written to Parquet, nothing else);
- a grouped query over the whole store (``store.pairs_present``: events per unordered pair,
  one GROUP BY over every row, as the all-pairs table is) on each engine;
- rows per second per core for each, the figures docs/scale.md extrapolates from.

Each engine runs in a fresh process (its peak memory is its own). Spark's start-up is the
time to a running session (JVM and SparkContext); its import and query times exclude it.

Usage: .venv/bin/python benchmarks/spark.py [--rows 10000000] [--master local[2]] [--layout flat|year]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
sys.path.insert(0, str(HERE))
from importers import FLOOR, run  # noqa: E402 - the floor as benchmarks/importers.py measures it

DUCKDB = """
import json, resource, sys, time
from bilateral import importers, store
t = time.perf_counter()
report = importers.run("gdelt", [sys.argv[1]], sys.argv[2], layout=sys.argv[3])
imported = time.perf_counter() - t
t = time.perf_counter()
pairs = store.pairs_present(sys.argv[2])
print(json.dumps({"seconds": imported, "query_seconds": time.perf_counter() - t, "kept": report.kept,
                  "pairs": len(pairs), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

SPARK = """
import json, resource, sys, time
from bilateral import importers, store
from bilateral.store import engines
master = sys.argv[4]
t = time.perf_counter()
with engines.spark_session(master):
    startup = time.perf_counter() - t
    t = time.perf_counter()
    report = importers.run("gdelt", [sys.argv[1]], sys.argv[2], engine="spark", master=master, layout=sys.argv[3])
    imported = time.perf_counter() - t
    t = time.perf_counter()
    pairs = store.pairs_present(sys.argv[2], "spark", master)
    query = time.perf_counter() - t
print(json.dumps({"startup_seconds": startup, "seconds": imported, "query_seconds": query, "kept": report.kept,
                  "pairs": len(pairs), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "jvm_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def cores(master: str) -> int:
    inside = master[master.find("[") + 1:master.find("]")] if "[" in master else "1"
    return (os.cpu_count() or 1) if inside == "*" else int(inside)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--layout", default="flat", choices=["flat", "year"])
    args = ap.parse_args()
    n_cores = cores(args.master)
    print(f"machine: {os.cpu_count()} cores; Spark {args.master}; {args.rows:,} rows; {args.layout} store")
    with tempfile.TemporaryDirectory(prefix="bilateral-spark-bench-") as d:
        tmp = Path(d)
        file = tmp / f"g{args.rows}.export.CSV"
        subprocess.run([PY, str(HERE / "make_gdelt.py"), str(args.rows), "--out", str(file)], check=True,
                       capture_output=True)
        floor = run(FLOOR, str(file), str(tmp / "floor.parquet"))
        duck = run(DUCKDB, str(file), str(tmp / "duck"), args.layout)
        spark = run(SPARK, str(file), str(tmp / "spark"), args.layout, args.master)
        assert duck["kept"] == spark["kept"] and duck["pairs"] == spark["pairs"], (duck, spark)
        n = args.rows
        per_core = os.cpu_count() or 1
        print(f"  DuckDB floor:            {floor['seconds']:7.2f} s  {floor['rss_mb']:7.0f} MB peak")
        print(f"  DuckDB import:           {duck['seconds']:7.2f} s  {duck['rss_mb']:7.0f} MB peak  "
              f"= {duck['seconds'] / floor['seconds']:.2f}x the floor; "
              f"{n / duck['seconds'] / per_core:,.0f} rows/s/core")
        print(f"  Spark start-up:          {spark['startup_seconds']:7.2f} s")
        print(f"  Spark import:            {spark['seconds']:7.2f} s  {spark['jvm_rss_mb']:7.0f} MB peak (the JVM; "
              f"Python {spark['rss_mb']:.0f} MB) = {spark['seconds'] / duck['seconds']:.2f}x DuckDB's time; "
              f"{n / spark['seconds'] / n_cores:,.0f} rows/s/core")
        events = duck["kept"]  # the store's rows, which the query reads
        print(f"  grouped query, DuckDB:   {duck['query_seconds']:7.2f} s  "
              f"({events / duck['query_seconds'] / per_core:,.0f} events/s/core; {duck['pairs']:,} pairs)")
        print(f"  grouped query, Spark:    {spark['query_seconds']:7.2f} s  "
              f"= {spark['query_seconds'] / duck['query_seconds']:.1f}x DuckDB's; "
              f"{events / spark['query_seconds'] / n_cores:,.0f} events/s/core")
        print(json.dumps({"floor": floor, "duckdb": duck, "spark": spark}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
