"""``bilateral pairs --data STORE [--start D] [--end D] [--engine duckdb|spark] [--spark-master URL]
[--out FILE.parquet|FILE.csv] [--top N]``: every pair of a store for a window and the one
before it (``store.pairs``), printed as a table sorted by change or written to a file.

Every parameter is checked before the store is read, and a file is written whole or not
at all (a temporary file beside it, renamed over it at the end).
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ParameterError
from ..paths import atomic_write

OUT_FORMATS = (".parquet", ".csv")
_SHOWN = [("pair", "pair"), ("total", "total"), ("previous_total", "previous"), ("change", "change"),
          ("change_ratio", "ratio"), ("visits_a_to_b", "visits a>b"), ("visits_b_to_a", "visits b>a"),
          ("goldstein_mean", "goldstein"), ("cooperative_share", "coop"), ("friction", "friction"),
          ("previous_friction", "prev fric"), ("first_event", "first"), ("last_event", "last")]


def add_parsers(sub) -> None:
    p = sub.add_parser("pairs", help="every pair of a store at once, for a window and the previous one, "
                       "sorted by change")
    p.add_argument("--data", required=True, help="a store folder written by 'bilateral import'")
    p.add_argument("--start", help="first day of the window, YYYY-MM-DD (default: 364 days before the end)")
    p.add_argument("--end", help="last day of the window, YYYY-MM-DD (default: the day of the store's last event)")
    p.add_argument("--engine", default="duckdb", help="duckdb (default) or spark")
    p.add_argument("--spark-master", dest="spark_master", help="Spark master URL (default: $SPARK_MASTER, "
                   "else local[*])")
    p.add_argument("--out", help="write the table to FILE.parquet or FILE.csv instead of printing it")
    p.add_argument("--top", help="only the N pairs that changed most")
    p.set_defaults(run=run)


def check_out(out) -> Path | None:
    if out is None:
        return None
    path = Path(out)
    if path.suffix.lower() not in OUT_FORMATS:
        raise ParameterError(f"parameter 'out': {str(path)!r} must end in .parquet or .csv")
    if path.is_dir():
        raise ParameterError(f"parameter 'out': {str(path)!r} is a folder, not a file")
    if not path.parent.is_dir():
        raise ParameterError(f"parameter 'out': folder {str(path.parent)!r} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise ParameterError(f"parameter 'out': folder {str(path.parent)!r} is not writable")
    return path


def write(frame, path: Path) -> None:
    """``frame`` to ``path`` (Parquet or CSV by its suffix), atomically."""
    with atomic_write(path) as tmp:
        if path.suffix.lower() == ".parquet":
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_csv(tmp, index=False)


def text_table(frame) -> str:
    """The table as aligned text, one pair a line (the columns of ``_SHOWN``)."""
    def cell(v) -> str:
        if v is None or (not isinstance(v, str) and v != v) or str(v) == "<NA>":
            return "-"
        return str(v)

    rows = [[label for _, label in _SHOWN]]
    for rec in frame.to_dict("records"):
        rows.append([(f"{rec[c]:+d}" if c == "change" else cell(rec[c])) for c, _ in _SHOWN])
    widths = [max(len(r[i]) for r in rows) for i in range(len(_SHOWN))]
    lines = ["  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))).rstrip()
             for r in rows]
    return "\n".join(lines)


def run(args) -> int:
    from ..briefing.params import check_options
    from ..store import check_root, engines
    from ..store.pairs import parse_top

    engines.check_engine(args.engine)
    top = parse_top(args.top)
    out = check_out(args.out)
    start, end, _, _, _ = check_options(args.start, args.end, data=args.data)
    root = check_root(args.data)
    from ..store import pairs

    frame = pairs.compute(root, start, end, args.engine, args.spark_master)
    if top is not None:
        frame = frame.head(top)
    if out is not None:
        write(frame, out)
        print(f"{len(frame)} pair{'' if len(frame) == 1 else 's'}, {frame['start'].iloc[0] if len(frame) else '-'}"
              f" to {frame['end'].iloc[0] if len(frame) else '-'}: {out}")
        return 0
    if not len(frame):
        print("no pair has an event in the window or the previous one")
        return 0
    first = frame.iloc[0]
    print(f"window {first['start']} to {first['end']}, previous {first['previous_start']} to {first['previous_end']}")
    print(text_table(frame))
    return 0
