"""The watchlist: the pairs of a store that changed most against their previous window.

``bilateral batch --data STORE --top N`` computes the store's all-pairs table
(``store.pairs``), renders the N pairs that changed most (for the table's window) and
records those N rows in ``reports/watchlists/<store folder name>.json``, beside the
briefings. ``reports/index.html`` reads every such file (``read_all``): the index knows
a store only through what a batch over it recorded, so it never opens a store itself and
stays as quick to rewrite as before. A pair of the watchlist links to its briefing for
the same window where one is published, else to its newest briefing, else to nothing.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..errors import ParameterError
from ..contract.names import country_name
from ..paths import atomic_write

FOLDER = "watchlists"
KIND = "bilateral watchlist"
_FIELDS = ("pair", "total", "previous_total", "change", "change_ratio", "friction", "previous_friction",
           "goldstein_mean", "previous_goldstein_mean")


def _plain(value):
    if value is None:
        return None
    if isinstance(value, (dt.date, str, bool)):
        return value.isoformat() if isinstance(value, dt.date) else value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def prepare(data, top, start=None, end=None, out=None, engine: str = "duckdb", master: str | None = None):
    """The pairs ``batch --top N`` renders and the window it renders them for; records the watchlist.

    Returns ``(pairs, start, end)``: the N pairs that changed most (codes in alphabetical
    order), and the table's window as ISO days."""
    from ..store import check_root
    from ..store.pairs import parse_top
    from ..briefing.params import check_options, check_out_dir
    from ..paths import reports_dir
    from ..store import engines

    n = parse_top(top)
    engines.check_engine(engine)
    s, e, *_ = check_options(start, end, data=data)
    root = check_root(data)
    out_root = Path(out or reports_dir())
    check_out_dir(out_root)
    from ..store import pairs

    table = pairs.compute(root, s, e, engine, master)
    if not len(table):
        raise ParameterError(f"parameter 'top': no pair of {str(root)!r} has an event in the window or the one before it")
    chosen = table.head(n)
    first = chosen.iloc[0]
    record = {"kind": KIND, "store": str(root.resolve()), "name": root.resolve().name,
              "start": _plain(first["start"]), "end": _plain(first["end"]),
              "previous_start": _plain(first["previous_start"]), "previous_end": _plain(first["previous_end"]),
              "pairs_in_table": int(len(table)), "top": n,
              "rows": [{k: _plain(r[k]) for k in _FIELDS} for r in chosen.to_dict("records")]}
    write(out_root, record)
    return list(chosen["pair"]), record["start"], record["end"]


def path_for(out_root: Path, name: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "store"
    return Path(out_root) / FOLDER / f"{safe}.json"


def write(out_root: Path, record: dict) -> Path:
    target = path_for(out_root, record["name"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target) as tmp:
        tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    return target


def read_all(out_root: Path, briefings: list[dict]) -> list[dict]:
    """Every recorded watchlist under ``out_root``, each row linked to a published briefing
    (``index.briefings``' entries) where one exists."""
    out = []
    for f in sorted((Path(out_root) / FOLDER).glob("*.json")):
        try:
            record = json.loads(f.read_text(encoding="utf-8"))
            if record.get("kind") != KIND:
                continue
            rows = [dict(r) for r in record["rows"]]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a watchlist of ours
        for r in rows:
            a, b = r["pair"].split("-")
            r["names"] = f"{country_name(a)}–{country_name(b)}"
            mine = [b for b in briefings if b["pair"] == r["pair"] and "html" in b["files"]]
            same = [b for b in mine if (b["start"], b["end"]) == (record["start"], record["end"])]
            chosen = (same or mine or [None])[0]  # briefings come newest window first
            r["briefing"] = chosen["files"]["html"] if chosen else None
            r["briefing_window"] = None if chosen is None or same else f"{chosen['start']} – {chosen['end']}"
        out.append({**record, "rows": rows})
    return out
