"""The ``bilateral`` command (DESIGN.md section 4).

User errors (a bad parameter, an invalid dataset, a failed render) end with exit
code 1 and one line per problem, never a traceback.
"""
from __future__ import annotations

import argparse
import atexit
import os
import sys

from . import diff as diff_command, pairs as pairs_command, votes as votes_command
from ..errors import BilateralError, ValidationError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 1, like every other user error
        self.exit(1, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _window_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pair", required=True, help="two ISO alpha-3 codes, e.g. IND-BLR")
    p.add_argument("--start", help="first day of the window, YYYY-MM-DD (default: the pair's first event)")
    p.add_argument("--end", help="last day of the window, YYYY-MM-DD (default: the pair's last event)")
    p.add_argument("--as-of", dest="as_of", help="day 'last contact' is measured to (default: --end)")
    p.add_argument("--data", help="dataset folder (default: data/india-belarus)")


def _engine_options(p: argparse.ArgumentParser, what: str = "read the store on") -> None:
    p.add_argument("--engine", default="duckdb", help=f"{what} duckdb (the default, embedded) or spark")
    p.add_argument("--spark-master", dest="spark_master", help="with --engine spark: the master URL "
                   "(default: $SPARK_MASTER, else local[*]), e.g. spark://HOST:7077")


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="reports folder (default: reports/)")
    p.add_argument("--format", default="html,pdf", help="html, pdf or both (default: html,pdf)")
    p.add_argument("--min-sources", dest="min_sources", default="0", help="imported data: minimum sources per event")
    p.add_argument("--timeout", default="300", help="seconds one notebook cell may run (default: 300)")
    p.add_argument("--force", action="store_true", help="render even when nothing changed")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    _engine_options(p)
    votes_command.add_votes_option(p)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bilateral", description="Briefings on one bilateral relationship from sourced event data.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    r = sub.add_parser("render", help="execute the briefing notebook and publish HTML, PDF and a JSON sidecar")
    _window_options(r)
    _render_options(r)
    r.add_argument("--since", help="the sidecar (.json) of the edition to compare with (default: the latest earlier "
                   "edition of the pair in --out)")

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
    _render_options(b)

    s = sub.add_parser("summary", help="print every figure of the pair")
    _window_options(s)
    s.add_argument("--json", action="store_true", help="as one JSON object (the only format so far)")
    _engine_options(s)
    votes_command.add_votes_option(s)

    votes_command.add_parser(sub)
    pairs_command.add_parser(sub)
    diff_command.add_parser(sub)

    imp = sub.add_parser("import", help="import machine-coded event data (GDELT, ICEWS) or UN General Assembly "
                         "votes (unvotes) into a Parquet store")
    imp.add_argument("kind", choices=["gdelt", "icews", "unvotes"], help="the files' format")
    imp.add_argument("files", nargs="+", help="GDELT exports (.CSV or .CSV.zip), ICEWS .tab files, or the three "
                     "unvotes tables (.rda or CSV)")
    imp.add_argument("--out", required=True, help="the store folder to write (new or empty, unless --replace)")
    imp.add_argument("--replace", action="store_true", help="replace an existing store")
    imp.add_argument("--layout", default="flat", help="the store's events in one file (flat, the default) or "
                     "partitioned by year (year: events/year=YYYY/*.parquet); gdelt and icews")
    _engine_options(imp, "parse the files on")

    v = sub.add_parser("validate", help="check a dataset folder against the data contract")
    v.add_argument("path", nargs="?", help="dataset folder (default: data/india-belarus)")
    from .drafting import add_parsers

    add_parsers(sub)
    return parser


def _progress(args) -> bool:
    """Progress on a terminal; none when --quiet or when stderr is a pipe or a log file."""
    return not args.quiet and sys.stderr.isatty()


def _render(args) -> int:
    from ..render.plan import render

    result = render(args.pair, args.start, args.end, args.as_of, args.data, args.out, args.format,
                    args.min_sources, args.timeout, args.force, progress=_progress(args), since=args.since,
                    store_engine=args.engine, spark_master=args.spark_master, votes=args.votes)
    if result.skipped:
        print(f"up to date, not rendered again (--force renders anyway): {result.files['json']}", file=sys.stderr)
    for kind, path in result.files.items():
        print(f"{kind:5} {path}")
    t = result.seconds
    print("time  " + ", ".join(f"{k} {v:.1f}s" for k, v in t.items()), file=sys.stderr)
    return 0


def _batch(args) -> int:
    from ..render import batch

    start, end = args.start, args.end
    if args.top is not None:
        from ..render import watchlist

        pairs, start, end = watchlist.prepare(args.data, args.top, start, end, args.out, args.engine,
                                              args.spark_master)
    else:
        pairs = batch.read_pairs(args.pairs, args.pairs_file)
    outcomes = batch.run(pairs, args.jobs, progress=_progress(args), start=start, end=end,
                         as_of=args.as_of, data=args.data, out=args.out, formats=args.format,
                         min_sources=args.min_sources, timeout=args.timeout, force=args.force,
                         store_engine=args.engine, spark_master=args.spark_master, votes=args.votes)
    print(batch.table(outcomes))
    return 0 if all(o.ok for o in outcomes) else 1


def _import(args) -> int:
    from .. import importers

    report = importers.run(args.kind, args.files, args.out, args.replace, args.engine, args.spark_master,
                           args.layout)
    print(report.text(args.out))
    return 0


def _summary(args) -> int:
    from ..briefing import params
    from .. import source
    from ..figures import summary

    p = params.check(args.pair, args.start, args.end, args.as_of, args.data, engine=args.engine,
                     spark_master=args.spark_master, votes=args.votes)
    figures = source.summary(p)
    figures["unga"] = source.votes_summary(p.pair, figures["end"], p.votes)
    print(summary.to_json(figures))
    return 0


def _validate(args) -> int:
    from pathlib import Path

    from .. import store
    from ..dataset.load import load
    from ..paths import DEFAULT_DATASET

    folder = Path(args.path or DEFAULT_DATASET)
    if store.is_store(folder):  # checked by its manifest, not row by row
        from ..store.validate import validate_store

        print(validate_store(folder))
        return 0
    ds = load(folder)
    counts = [(len(ds.events), "event"), (len(ds.positions), "position"), (len(ds.facts), "fact"),
              (len(ds.sources), "source"), (len(ds.conflicts), "conflict")]
    print(f"{ds.path}: valid — " + ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .drafting import run_accept, run_draft

    handler = {"render": _render, "batch": _batch, "import": _import, "summary": _summary, "validate": _validate,
               "draft": run_draft, "accept": run_accept, "votes": votes_command.run,
               "pairs": pairs_command.run, "diff": diff_command.run}[args.command]
    try:
        return handler(args)
    except ValidationError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        print(f"bilateral: error: the dataset is invalid ({len(exc.problems)} problem"
              f"{'s' if len(exc.problems) != 1 else ''})", file=sys.stderr)
        return 1
    except BilateralError as exc:
        print(f"bilateral: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say to it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("bilateral: interrupted; nothing was published", file=sys.stderr)
        return 130


def run() -> None:
    """The console script: ``main``, then exit without tearing the interpreter down.

    A render leaves about 2,000 modules loaded (pandas, matplotlib, nbconvert,
    WeasyPrint); freeing them one by one at exit took 0.45 s of a 3.7 s briefing
    (measured with the India–Belarus briefing, 2 cores). Everything a normal exit
    does that anyone can observe still happens: the atexit callbacks run and both
    streams are flushed; only memory the OS frees anyway is left alone. Tests call
    ``main`` and are unaffected.
    """
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say to it
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    run()
