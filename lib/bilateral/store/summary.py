"""The summary of one pair read straight from a Parquet store: Ibis expressions, no pandas.

``summary.build`` works on a loaded dataset; for a pair of a few thousand events of a
store, loading it (the pair query, pandas frames, the per-value checks) and the pandas
figures take about 0.3 s. Here the figures are the Ibis expressions of ``store.figures``
(the same ones the all-pairs table groups by pair), run on the backend the store is
opened with (``engines.connect``): the pair's rows are read once (the pair filter and
the column projection pushed down to the Parquet scan) and kept by the backend, then
three queries (two when the window is given) compute every figure; Python only shapes the result. They are the same
figures: ``summary.build`` is the definition, and a test compares the two, figure by
figure, on random stores and windows.

Only a store this path can vouch for takes it: one an importer wrote (its manifest
lists ``events.parquet`` and ``sources.parquet`` with their sizes, and nothing else),
whose rows hold contract values. Anything else — no manifest, a size that changed, a
positions table, a value outside the vocabularies — returns ``None`` and the caller
loads the dataset in full, which validates it and names any problem.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from statistics import median

from ..contract import vocab
from ..figures.alignment import STATUSES
from ..figures.coverage import from_sources
from ..contract.dates import parse_period
from ..figures.engagement import FRICTION_QUAD_CLASSES, Pair, Window, month_labels, quarter_labels, window_from_span, year_labels
from . import MANIFEST, engines, event_files, figures, is_store

_EVENT_COLUMNS = ("event_id", "date", "end_date", "event_type", "level", "actor1_country", "actor2_country",
                  "venue", "part_of", "topics", "num_mentions", "goldstein", "quad_class", "source_id", "num_sources",
                  "cameo_code")


def eligible(root: Path) -> bool:
    """An importer's store, unchanged since (sizes as in its manifest), of events and sources only."""
    if not is_store(root):
        return False
    try:
        files = json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        return False
    events = {p.relative_to(root).as_posix() for p in event_files(root)}  # either layout
    if set(files) != events | {"sources.parquet"}:
        return False
    tables = {p.name for p in root.iterdir() if p.suffix in (".parquet", ".csv")} | events
    if tables != set(files):
        return False
    return all((root / name).stat().st_size == info.get("bytes") for name, info in files.items())



def read_sources(root: Path) -> list[tuple]:
    """``(source_id, source_type, published, covers_start, covers_end, covers_kind)`` of every source
    (a small table: read by pyarrow, whatever engine runs the events)."""
    import pyarrow.parquet as pq

    table = pq.read_table(root / "sources.parquet")
    names = set(table.column_names)
    columns = [table.column(c).to_pylist() if c in names else [None] * table.num_rows
               for c in ("source_id", "source_type", "published", "covers_start", "covers_end", "covers_kind")]
    return list(zip(*columns))


def machine_sources(sources: list[tuple]) -> list[str]:
    return sorted(vocab.machine_coded_sources((s[0] for s in sources), (s[1] for s in sources)))


def _one_row(con, expr) -> dict:
    return con.to_pyarrow(expr).to_pylist()[0]


def _as_date(value) -> dt.date | None:
    return None if value is None else value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _window_engagement(row: dict, prefix: str, pair: Pair, window: Window, periods: list[dict],
                       high_days: list, last: str | None, coop_any: bool) -> dict:
    g = {k[len(prefix):]: v for k, v in row.items() if k.startswith(prefix)}
    total = g["total"]
    a, b = pair
    years = {p["key"]: p["n"] for p in periods if p["kind"] == "year"}
    quarters = {p["key"]: p["n"] for p in periods if p["kind"] == "quarter"}
    days = sorted({_as_date(d) for d in high_days or []})
    gaps = [(y - x).days for x, y in zip(days, days[1:])]
    top = None
    if last is not None:
        day, event_id = last.split("|", 1)
        top = {"date": _as_date(day).isoformat(), "event_id": event_id}
    return {
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "total": total,
        "by_type": {t: g[f"type_{t}"] for t in vocab.EVENT_TYPES if g[f"type_{t}"]},
        "by_level": {lv: g[f"level_{lv}"] for lv in vocab.LEVELS if g[f"level_{lv}"]},
        "by_year": {y: years.get(y, 0) for y in year_labels(window)},
        "by_quarter": {q: quarters.get(q, 0) for q in quarter_labels(window)},
        "high_level": g["high_level"] if not total or g["levels_known"] else None,
        "visits": {f"{a}->{b}": g["visits_out"], f"{b}->{a}": g["visits_in"]},
        "venues": ({"bilateral": total - g["multilateral"], "multilateral": g["multilateral"]}
                   if not total or g["not_machine"] else None),
        "last_high_level": top,
        "days_since_last_high_level": (window.as_of - dt.date.fromisoformat(top["date"])).days if top else None,
        "median_days_between_high_level": float(median(gaps)) if gaps else None,
        "undated": g["undated"],
        "mentions": None if g["mentions"] is None else int(g["mentions"]),
        "cooperation": _cooperation(periods, window) if coop_any else None,
    }


def _cooperation(periods: list[dict], window: Window) -> dict:
    months: dict[str, list[dict]] = {}
    for p in periods:
        if p["kind"] == "month":
            months.setdefault(p["key"], []).append(p)
    out = {}
    for m in month_labels(window):
        rows = months.get(m, [])
        out[m] = {"events": sum(p["n"] for p in rows),
                  "goldstein_mean": figures.exact_mean((p["gold"], p["n"]) for p in rows),
                  "cooperative_share": figures.share(sum(p["cooperative"] for p in rows),
                                                     sum(p["quad_known"] for p in rows))}
    return out


def _friction(row: dict, prefix: str, window: Window, periods: list[dict]) -> dict:
    roots = {p["key"]: p["n"] for p in periods if p["kind"] == "root"}
    return {"start": window.start.isoformat(), "end": window.end.isoformat(), "total": row[prefix + "friction"],
            "by_quad_class": {str(q): row[f"{prefix}friction_{q}"] for q in FRICTION_QUAD_CLASSES},
            "by_cameo_root": {r: roots[r] for r in sorted(roots)}}


def _alignment(topic_values, pair: Pair, window: Window) -> dict | None:
    """An importer's store records no positions: no topic has a stance; topics its events
    touch on (if any) are discussed without one. ``None`` for a topic outside the vocabulary."""
    order = list(vocab.TOPICS)
    discussed = {t.strip() for v in topic_values or [] if v for t in str(v).split(";") if t.strip()}
    if any(t not in order for t in discussed):
        return None
    return {
        "topics": [],
        "counts": {s: 0 for s in STATUSES},
        "reciprocal_support": [],
        "topics_over_time": {q: {side: [] for side in pair} for q in quarter_labels(window)},
        "discussed_without_positions": sorted(discussed, key=order.index),
    }


def _valid_published(sources: list[tuple]) -> bool:
    try:
        for _, _, published, *_ in sources:
            if published is not None:
                parse_period(published)  # a bad publication date: the full load names it
    except (TypeError, ValueError):
        return False
    return True


def build(path, pair: Pair, start: dt.date | None = None, end: dt.date | None = None,
          as_of: dt.date | None = None, today: dt.date | None = None, min_sources: int = 0,
          con=None, engine: str = engines.DEFAULT_ENGINE, master: str | None = None) -> dict | None:
    """``summary.build(load(path, pair), pair, ...)`` for a store, or ``None`` where unsure.

    ``con``: an Ibis backend to run on; else ``engine``: the command's open session
    (``engines.Session``), or an engine's name (one opened and closed here)."""
    from ..figures.summary import assemble

    root = Path(path)
    if not eligible(root):
        return None
    sources = read_sources(root)
    if not _valid_published(sources):
        return None
    if con is not None:
        return _build(con, root, pair, sources, start, end, as_of, today, min_sources, assemble)
    with engines.reading(engine, master) as session:  # closed when opened here: no DuckDB thread for a later fork
        return _build(session.con, root, pair, sources, start, end, as_of, today, min_sources, assemble)


def _kept(con, expr):
    """The pair's rows, read once and kept by the backend: on DuckDB a temporary table (gone
    with the connection; Ibis's cache() cannot release one on this Ibis and sqlglot), on
    Spark a cached DataFrame (``cache``)."""
    if con.name == "duckdb":
        return con.create_table(f"pair_rows_{uuid.uuid4().hex}", expr, temp=True)
    return expr.cache()


def _build(con, root, pair, sources, start, end, as_of, today, min_sources, assemble):
    t = engines.events_table(con, root)
    t = t.filter(figures.pair_filter(t, pair))
    t = t.select(*[c for c in _EVENT_COLUMNS if c in t.columns])
    rows = _kept(con, figures.prepared(t, machine_sources(sources), min_sources))
    fact_exprs = dict(machine_coded=rows.machine.any(), bad=rows.count(where=rows.kept & rows.bad),
                      coop_any=(rows.kept & rows.counted & (rows.gold.notnull() | rows.quad.notnull())).any(),
                      **figures.span(rows))
    known = bool(start and end)  # the window does not depend on the rows: one query fewer
    if known:
        window = window_from_span(None, start, end, as_of, today)
    else:
        facts = _one_row(con, rows.aggregate(**fact_exprs))
        if facts["bad"]:
            return None
        counted_span = ((_as_date(facts["span_first"]), _as_date(facts["span_last"]))
                        if facts["span_first"] is not None else None)
        window = window_from_span(counted_span, start, end, as_of, today)
    prev = window.previous()
    row = _one_row(con, rows.aggregate(
        **figures.window_figures(rows, window, pair[0], "w_"), **figures.window_figures(rows, prev, pair[0], "p_"),
        w_last=figures.last_high_level(rows, window.as_of), p_last=figures.last_high_level(rows, prev.as_of),
        w_days=figures.high_level_days(rows, window), p_days=figures.high_level_days(rows, prev),
        topics=rows.topics.collect(where=rows.kept & figures.in_window(rows, window), distinct=True),
        **(fact_exprs if known else {})))
    if known:
        facts = {k: row[k] for k in fact_exprs}
        if facts["bad"]:
            return None
    periods = con.to_pyarrow(figures.periods(rows, {"w": window, "p": prev})).to_pylist()
    alignment = _alignment(row["topics"], pair, window)
    if alignment is None:
        return None
    by_window = {w: [p for p in periods if p["window"] == w] for w in ("w", "p")}
    coop_any = bool(facts["coop_any"])
    eng = _window_engagement(row, "w_", pair, window, by_window["w"], row["w_days"], row["w_last"], coop_any)
    eng["previous"] = _window_engagement(row, "p_", pair, prev, by_window["p"], row["p_days"], row["p_last"],
                                         coop_any)
    eng["friction"] = {**_friction(row, "w_", window, by_window["w"]),
                       "previous": _friction(row, "p_", prev, by_window["p"])}
    all_span = ((_as_date(facts["all_first"]), _as_date(facts["all_last"]))
                if facts["all_first"] is not None else None)
    coverage = from_sources([tuple(s[2:]) for s in sources], all_span)
    return assemble(pair, window, coverage, bool(facts["machine_coded"]), eng, alignment)
