"""``bilateral import gdelt|icews|unvotes FILES --out STORE``: machine-coded events or UN General
Assembly votes into a Parquet store."""
from __future__ import annotations

from .options import engine_options


def add_parsers(sub) -> None:
    imp = sub.add_parser("import", help="import machine-coded event data (GDELT, ICEWS) or UN General Assembly "
                         "votes (unvotes) into a Parquet store")
    imp.add_argument("kind", choices=["gdelt", "icews", "unvotes"], help="the files' format")
    imp.add_argument("files", nargs="+", help="GDELT exports (.CSV or .CSV.zip), ICEWS .tab files, or the three "
                     "unvotes tables (.rda or CSV)")
    imp.add_argument("--out", required=True, help="the store folder to write (new or empty, unless --replace)")
    imp.add_argument("--replace", action="store_true", help="replace an existing store")
    imp.add_argument("--layout", default="flat", help="the store's events in one file (flat, the default) or "
                     "partitioned by year (year: events/year=YYYY/*.parquet); gdelt and icews")
    engine_options(imp, "parse the files on")
    imp.set_defaults(run=run)


def run(args) -> int:
    from .. import importers

    report = importers.run(args.kind, args.files, args.out, args.replace, args.engine, args.spark_master,
                           args.layout)
    print(report.text(args.out))
    return 0
