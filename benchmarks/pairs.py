"""The all-pairs table and a pair's summary on a synthetic store, as ratios measured in one run.

Prints, for a store of N synthetic GDELT rows (default 10,000,000; built once under /tmp
with benchmarks/make_gdelt.py and the importer, then reused):
- the all-pairs table (``store.pairs.table``, what ``bilateral pairs`` runs) on DuckDB,
  against 20 single-pair summaries of the 20 largest pairs (the issue's yardstick: the
  table should cost about what 20 summaries cost, whatever the number of pairs);
- a pair's summary from the store (``store.summary.build``, IND-BLR) against fetching
  that pair's rows (the same pair filter, every column, to Arrow) and against a bare
  ``count(*)`` with that filter.
Times are the best of ``--repeat`` runs in one process after a warm-up; the goals (at
most 2 s for the table, a summary within 2x of the fetch and at most 50 ms) are printed
beside them. No timed test asserts these: the machine's load moves the seconds, the
ratios move much less.

Usage: .venv/bin/python benchmarks/pairs.py [--rows 10000000] [--store DIR] [--repeat 3]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAIR = ("IND", "BLR")


def build_store(rows: int, where: Path) -> Path:
    store = where / f"store-{rows}"
    if (store / "manifest.json").is_file():
        return store
    where.mkdir(parents=True, exist_ok=True)
    export = where / f"gdelt-{rows}.export.CSV"
    subprocess.run([sys.executable, str(HERE / "make_gdelt.py"), str(rows), "--out", str(export), "--seed", "3"],
                   check=True)
    subprocess.run([sys.executable, "-m", "bilateral.cli", "import", "gdelt", str(export), "--out", str(store)],
                   check=True)
    export.unlink()
    return store


def best(fn, repeat: int) -> float:
    fn()  # warm-up: file cache, imports
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--store", help="an existing store to measure (default: build one under /tmp)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from bilateral.store import engines, figures
    from bilateral.store import pairs as pairs_table
    from bilateral.store import summary as store_summary

    root = Path(args.store) if args.store else build_store(args.rows, Path(tempfile.gettempdir()) / "bilateral-bench")
    con = engines.connect("duckdb")
    try:
        window = pairs_table.default_window(pairs_table.store_span(con, root), None, None)
        n_rows = con.to_pyarrow(engines.events_table(con, root).count()).as_py()
        t_table = best(lambda: pairs_table.table(con, root, window), args.repeat)
        table = pairs_table.table(con, root, window)
        largest = table.assign(n=table["total"] + table["previous_total"]).nlargest(20, "n")["pair"]
        twenty = [tuple(p.split("-")) for p in largest]

        def summaries():
            for pair in twenty:
                store_summary.build(root, pair, window.start, window.end, con=con)

        t_twenty = best(summaries, 1)

        def fetch():
            t = engines.events_table(con, root)
            return con.to_pyarrow(t.filter(figures.pair_filter(t, PAIR)))

        def count():
            t = engines.events_table(con, root)
            return con.to_pyarrow(t.filter(figures.pair_filter(t, PAIR)).count())

        pair_rows = fetch().num_rows
        t_fetch = best(fetch, args.repeat)
        t_count = best(count, args.repeat)
        t_summary = best(lambda: store_summary.build(root, PAIR, con=con), args.repeat)
    finally:
        con.disconnect()

    print(f"store {root}: {n_rows:,} events, {len(table)} pairs in the window {window.start} to {window.end}")
    print(f"all-pairs table           {t_table:7.3f} s   (goal <= 2 s)")
    print(f"20 pair summaries         {t_twenty:7.3f} s   table / 20 summaries = {t_table / t_twenty:.2f}x")
    print(f"pair {'-'.join(PAIR)} ({pair_rows:,} rows):")
    print(f"  summary from the store  {t_summary * 1000:7.1f} ms  (goal <= 50 ms)")
    print(f"  fetch of its rows       {t_fetch * 1000:7.1f} ms  summary / fetch = {t_summary / t_fetch:.2f}x (goal <= 2x)")
    print(f"  count(*) of its rows    {t_count * 1000:7.1f} ms  summary / count = {t_summary / t_count:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
