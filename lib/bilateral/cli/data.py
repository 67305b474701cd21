"""``bilateral summary`` (every figure of a pair as JSON) and ``bilateral validate`` (a dataset
or a store against the data contract)."""
from __future__ import annotations

from .options import engine_options, window_options
from .votes import add_votes_option


def add_parsers(sub) -> None:
    s = sub.add_parser("summary", help="print every figure of the pair")
    window_options(s)
    s.add_argument("--json", action="store_true", help="as one JSON object (the only format so far)")
    engine_options(s)
    add_votes_option(s)
    s.set_defaults(run=run_summary)

    v = sub.add_parser("validate", help="check a dataset folder against the data contract")
    v.add_argument("path", nargs="?", help="dataset folder (default: data/india-belarus)")
    v.set_defaults(run=run_validate)


def run_summary(args) -> int:
    from .. import source
    from ..briefing import params
    from ..figures import summary

    p = params.check(args.pair, args.start, args.end, args.as_of, args.data, engine=args.engine,
                     spark_master=args.spark_master, votes=args.votes)
    figures = source.summary(p)
    figures["unga"] = source.votes_summary(p.pair, figures["end"], p.votes)
    print(summary.to_json(figures))
    return 0


def run_validate(args) -> int:
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
