"""``bilateral render`` (one briefing) and ``bilateral batch`` (many pairs, N at a time)."""
from __future__ import annotations

import sys

from .options import progress, render_options, window_options


def add_parsers(sub) -> None:
    r = sub.add_parser("render", help="execute the briefing notebook and publish HTML, PDF and a JSON sidecar")
    window_options(r)
    render_options(r)
    r.add_argument("--since", help="the sidecar (.json) of the edition to compare with (default: the latest earlier "
                   "edition of the pair in --out)")
    r.set_defaults(run=run_render)

    b = sub.add_parser("batch", help="render many pairs from one dataset, N at a time")
    pairs = b.add_mutually_exclusive_group(required=True)
    pairs.add_argument("--pairs", help="comma-separated pairs: IND-BLR,IND-RUS")
    pairs.add_argument("--pairs-file", dest="pairs_file", help="a file with one pair per line (# comments)")
    pairs.add_argument("--top", help="the N pairs of the store (--data) that changed most against their previous "
                       "window (bilateral pairs), for its window; recorded as the index's watchlist")
    b.add_argument("--jobs", type=int, default=None, help="pairs rendered at once (default: the number of cores)")
    for name, help_text in (("--start", "first day of every window"), ("--end", "last day of every window"),
                            ("--as-of", "day 'last contact' is measured to"), ("--data", "dataset folder")):
        b.add_argument(name, dest=name[2:].replace("-", "_"), help=help_text)
    render_options(b)
    b.set_defaults(run=run_batch)


def run_render(args) -> int:
    from ..render.plan import render

    result = render(args.pair, args.start, args.end, args.as_of, args.data, args.out, args.format,
                    args.min_sources, args.timeout, args.force, progress=progress(args), since=args.since,
                    store_engine=args.engine, spark_master=args.spark_master, votes=args.votes)
    if result.skipped:
        print(f"up to date, not rendered again (--force renders anyway): {result.files['json']}", file=sys.stderr)
    for kind, path in result.files.items():
        print(f"{kind:5} {path}")
    t = result.seconds
    print("time  " + ", ".join(f"{k} {v:.1f}s" for k, v in t.items()), file=sys.stderr)
    return 0


def run_batch(args) -> int:
    from ..render import batch

    start, end = args.start, args.end
    if args.top is not None:
        from ..render import watchlist

        pairs, start, end = watchlist.prepare(args.data, args.top, start, end, args.out, args.engine,
                                              args.spark_master)
    else:
        pairs = batch.read_pairs(args.pairs, args.pairs_file)
    outcomes = batch.run(pairs, args.jobs, progress=progress(args), start=start, end=end,
                         as_of=args.as_of, data=args.data, out=args.out, formats=args.format,
                         min_sources=args.min_sources, timeout=args.timeout, force=args.force,
                         store_engine=args.engine, spark_master=args.spark_master, votes=args.votes)
    print(batch.table(outcomes))
    return 0 if all(o.ok for o in outcomes) else 1
