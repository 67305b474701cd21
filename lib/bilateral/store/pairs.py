"""The all-pairs table: every pair of countries of a store, for a window and the one before it.

One grouped query over the store (``store.figures``' expressions grouped by the unordered
pair: least and greatest of the two actor countries), on whichever backend the store is
opened with, never a loop over pairs. A pair's row holds the figures of its summary
(``bilateral summary --json``) for the same window, figure by figure:

- ``pair`` (``A-B``, the codes in alphabetical order), ``start``, ``end`` and
  ``previous_start``, ``previous_end`` (DESIGN.md section 3: the previous window has as
  many days and ends the day before ``start``);
- per window (the previous window's columns are prefixed ``previous_``): ``total``
  engagements, ``type_<event type>`` for every event type (zeros included),
  ``visits_a_to_b`` (delegations of the pair's first code to the second) and
  ``visits_b_to_a``, ``mentions`` (null without mention counts), ``goldstein_mean`` and
  ``cooperative_share`` (quad classes 1 and 2) over the window's coded rows (friction
  included, as the summary's ``cooperation``; null without scores), ``first_event`` and
  ``last_event`` (the first and last day of the window's engagements), ``friction``,
  ``friction_quad_3`` and ``friction_quad_4`` (machine-coded conflict, counted apart), and
  ``covered`` (``full``, ``partial``, ``none``: how much of the window the data covers);
- ``change``: ``total - previous_total``; ``change_ratio``: ``total / previous_total``
  rounded to 3 places, and null when the previous window has no engagement (a ratio to 0
  means nothing; such a pair still sorts by its absolute change).

A pair is listed when it has a counted event (engagement or friction) in either window;
rows are sorted by the size of the change (largest first, rises before falls of the same
size), then by pair.

The default window (the table has no pair to take a default from): ``end`` is the day of
the store's last counted event, ``start`` 364 days earlier (a year); with ``--start``
alone, ``end`` is still the store's last day; with ``--end`` alone, ``start`` is 364 days
before it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import ibis
import pandas as pd

from ..contract import vocab
from ..errors import ParameterError
from ..figures.coverage import from_sources
from ..figures.engagement import FRICTION_QUAD_CLASSES, Window
from . import engines, figures
from .summary import machine_sources, read_sources

_DEFAULT_DAYS = 365
_PER_WINDOW = (["total"] + [f"type_{t}" for t in vocab.EVENT_TYPES]
               + ["visits_a_to_b", "visits_b_to_a", "mentions", "goldstein_mean", "cooperative_share",
                  "first_event", "last_event", "friction"] + [f"friction_quad_{q}" for q in FRICTION_QUAD_CLASSES]
               + ["covered"])
COLUMNS = (["pair", "start", "end", "previous_start", "previous_end", "change", "change_ratio"] + _PER_WINDOW
           + [f"previous_{c}" for c in _PER_WINDOW])


def _pair_rows(con, root: Path, sources: list[tuple]):
    t = engines.events_table(con, root)
    t = t.filter(t.actor2_country.notnull() & (t.actor1_country != t.actor2_country))
    r = figures.prepared(t, machine_sources(sources))
    return r.mutate(a=ibis.least(r.actor1_country, r.actor2_country), b=ibis.greatest(r.actor1_country, r.actor2_country))


def store_span(con, root: Path) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the store's counted events (of any pair)."""
    r = _pair_rows(con, root, read_sources(Path(root)))
    row = con.to_pyarrow(r.aggregate(first=r.first.min(where=r.counted), last=r.end.max(where=r.counted))).to_pylist()[0]
    return None if row["first"] is None else (row["first"], row["last"])


def default_window(span: tuple[dt.date, dt.date] | None, start: dt.date | None, end: dt.date | None,
                   today: dt.date | None = None) -> Window:
    """The window of the table; see the module's docstring."""
    last = end or (span[1] if span else today or dt.date.today())
    if start and not end and last < start:
        last = start  # a start after the store's last event: a one-day window, not an inverted one
    first = start or last - dt.timedelta(days=_DEFAULT_DAYS - 1)
    return Window(first, last, last)


def expression(con, root: Path, window: Window, sources: list[tuple]):
    """The grouped query: one row per pair with counted events in ``window`` or the previous one."""
    prev = window.previous()
    r = _pair_rows(con, root, sources)
    spans = r.group_by("a", "b").aggregate(all_first=r.first.min(), all_last=r.end.max())
    c = figures.cube(r, {"w": window, "p": prev}, keys=("a", "b"))
    counts = c.group_by("a", "b").aggregate(
        **figures.window_figures(c, "w", c.a, "w_"), **figures.window_figures(c, "p", c.a, "p_"))
    counts = counts.filter((counts.w_total + counts.p_total + counts.w_friction + counts.p_friction) > 0)
    scored = c.filter(c.gold.notnull())
    values = scored.group_by("a", "b", "window", "gold").aggregate(n=scored.n.sum())
    score = ibis.struct({"gold": values.gold, "n": values.n})
    golds = values.group_by(ga="a", gb="b").aggregate(w_golds=score.collect(where=values.window == "w"),
                                                      p_golds=score.collect(where=values.window == "p"))
    joined = counts.left_join(golds, (counts.a == golds.ga) & (counts.b == golds.gb)).drop("ga", "gb")
    spans = spans.rename(sa="a", sb="b")
    joined = joined.left_join(spans, (joined.a == spans.sa) & (joined.b == spans.sb))
    return joined.drop("sa", "sb")


def _window_columns(row: dict, prefix: str, cov, window: Window) -> dict:
    g = {k[len(prefix):]: v for k, v in row.items() if k.startswith(prefix)}
    return {
        "total": g["total"],
        **{f"type_{t}": g[f"type_{t}"] for t in vocab.EVENT_TYPES},
        "visits_a_to_b": g["visits_out"], "visits_b_to_a": g["visits_in"],
        "mentions": None if g["mentions"] is None else int(g["mentions"]),
        "goldstein_mean": figures.exact_mean((s["gold"], s["n"]) for s in g["golds"] or []),
        "cooperative_share": figures.share(g["cooperative"], g["quad_known"]),
        "first_event": g["first_event"], "last_event": g["last_event"],
        "friction": g["friction"], **{f"friction_quad_{q}": g[f"friction_{q}"] for q in FRICTION_QUAD_CLASSES},
        "covered": "none" if cov is None else cov.status(window.start, window.end),
    }


def table(con, root, window: Window) -> pd.DataFrame:
    """The all-pairs table of the store at ``root`` on the backend ``con``, sorted by change."""
    root = Path(root)
    sources = read_sources(root)
    prev = window.previous()
    rows = con.to_pyarrow(expression(con, root, window, sources)).to_pylist()
    records = [tuple(s[2:]) for s in sources]
    shared = from_sources(records, None) if all(s and e for _, s, e, _ in records) else False
    out = []
    for row in rows:
        cov = shared if shared is not False else from_sources(records, (row["all_first"], row["all_last"]))
        w, p = _window_columns(row, "w_", cov, window), _window_columns(row, "p_", cov, prev)
        change = w["total"] - p["total"]
        out.append({"pair": f"{row['a']}-{row['b']}", "start": window.start, "end": window.end,
                    "previous_start": prev.start, "previous_end": prev.end, "change": change,
                    "change_ratio": round(w["total"] / p["total"], 3) if p["total"] else None,
                    **w, **{f"previous_{k}": v for k, v in p.items()}})
    out.sort(key=lambda r: (-abs(r["change"]), -r["change"], r["pair"]))
    frame = pd.DataFrame(out, columns=COLUMNS)
    for c in ("mentions", "previous_mentions"):
        frame[c] = frame[c].astype("Int64")
    for c in ("goldstein_mean", "cooperative_share", "change_ratio", "previous_goldstein_mean",
              "previous_cooperative_share"):
        frame[c] = frame[c].astype("Float64")
    return frame


def compute(root, start: dt.date | None = None, end: dt.date | None = None, engine: str = engines.DEFAULT_ENGINE,
            master: str | None = None) -> pd.DataFrame:
    """The table for ``bilateral pairs``: the store read on ``engine`` (the command's open session,
    or an engine's name), the default window filled in."""
    with engines.reading(engine, master) as session:
        con = session.con
        span = None if start and end else store_span(con, Path(root))
        return table(con, root, default_window(span, start, end))


def parse_top(value) -> int | None:
    """The ``--top N`` parameter: how many rows of the table to keep (None: all)."""
    if value is None:
        return None
    try:
        n = int(str(value))
    except ValueError:
        raise ParameterError(f"parameter 'top': {value!r} is not a whole number") from None
    if n < 1:
        raise ParameterError(f"parameter 'top': {n} must be 1 or more")
    return n
