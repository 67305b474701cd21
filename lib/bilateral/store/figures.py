"""The figures of a store, written once as Ibis expressions (DESIGN.md section 3).

Every function here takes an Ibis table and returns Ibis expressions; the backend the
table lives on (DuckDB, Spark: ``engines.connect``) runs them. ``store.summary`` runs
them over one pair's rows (the pair filter pushed down to the scan), ``store.pairs``
over every pair at once, grouped by the unordered pair (least, greatest of the two actor
countries): the same expressions, so a pair's row of the all-pairs table equals its
summary figure by figure.

Definitions (as ``engagement``, the reference on pandas):
- a row's date stands for a period (``YYYY-MM-DD`` a day, ``YYYY-MM`` a month, ``YYYY``
  a year): ``first`` and ``last`` are its first and last day, ``end`` the last day of
  ``end_date`` (else ``last``); a row is in a window when ``first >= start`` and
  ``last <= end``;
- ``counted``: no ``part_of``; ``kept``: ``num_sources`` unknown or at least
  ``min_sources``; ``machine``: its source is machine-coded; ``friction``: machine-coded
  and of quad class 3 or 4 (``engagement.FRICTION_QUAD_CLASSES``); an engagement is a
  counted, kept row that is not friction;
- a mean of Goldstein scores is exactly rounded (``math.fsum`` on pandas): the backend
  returns each distinct score with its count (``value_counts``) and ``exact_mean`` sums
  them as fractions, so no row order and no engine can change the third decimal.
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import ibis

from ..contract import vocab
from ..figures.engagement import FRICTION_QUAD_CLASSES, Window

HIGH_LEVELS = sorted(vocab.HIGH_LEVELS)
COOPERATIVE_QUAD_CLASSES = (1, 2)
_DATE_SHAPE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _period_first(text):
    n = text.length()
    day = ibis.cases((n == 10, text), (n == 7, text.concat("-01")), else_=text.concat("-01-01"))
    return day.try_cast("date")


def _period_last(text, first):
    n = text.length()
    return ibis.cases((n == 10, first),
                      (n == 7, first + ibis.interval(months=1) - ibis.interval(days=1)),
                      else_=first + ibis.interval(years=1) - ibis.interval(days=1))


def _bad_date(text, first):
    """A date the contract does not allow (the full load names it): not YYYY[-MM[-DD]], no such day, year 0."""
    return text.isnull() | ~text.re_search(_DATE_SHAPE) | first.isnull() | text.startswith("0000")


def prepared(t, machine_sources: list[str], min_sources: int = 0):
    """The events of ``t`` with the columns every figure reads (see the module's definitions)."""
    # columns a writer may have left without a type when every value is missing
    t = t.mutate(**{c: t[c].cast("string") for c in ("end_date", "venue", "part_of", "topics") if c in t.columns})
    first = _period_first(t.date)
    end_first = _period_first(t.end_date)
    cameo = t.cameo_code.cast("string") if "cameo_code" in t.columns else ibis.null("string")
    quad = t.quad_class.cast("int64")
    machine = t.source_id.isin(list(machine_sources)) if machine_sources else ibis.literal(False)
    bad = (_bad_date(t.date, first) | (t.end_date.notnull() & _bad_date(t.end_date, end_first))
           | t.event_type.isnull() | ~t.event_type.isin(list(vocab.EVENT_TYPES))
           | t.level.isnull() | ~t.level.isin(list(vocab.LEVELS)))
    kept = t.num_sources.isnull() | (t.num_sources >= min_sources) if min_sources else ibis.literal(True)
    n = t.date.length()
    r = t.mutate(
        first=first,
        last=_period_last(t.date, first),
        precision=ibis.cases((n == 10, "day"), (n == 7, "month"), else_="year"),
        counted=t.part_of.isnull(),
        kept=kept,
        machine=machine,
        friction=machine & quad.notnull() & quad.isin(list(FRICTION_QUAD_CLASSES)),
        quad=quad,
        gold=t.goldstein.cast("float64"),
        mentions=t.num_mentions.cast("int64"),
        cameo_root=cameo.substr(0, 2),
        multilateral=t.venue.notnull(),
        bad=bad.fill_null(True),
    )
    return r.mutate(end=ibis.ifelse(r.end_date.notnull(), _period_last(r.end_date, _period_first(r.end_date)),
                                    r.last))


def pair_filter(t, pair: tuple[str, str]):
    a, b = pair
    return ((t.actor1_country == a) & (t.actor2_country == b)) | ((t.actor1_country == b) & (t.actor2_country == a))


def in_window(r, window: Window):
    return (r.first >= window.start) & (r.last <= window.end)


def coded(r, window: Window):
    """Counted, kept rows of the window, friction included (the cooperation figures)."""
    return r.kept & r.counted & in_window(r, window)


def engaged(r, window: Window):
    """The window's engagements: the rows ``total`` counts."""
    return coded(r, window) & ~r.friction


def _count(r, where):
    """Rows matching ``where``: of a table of rows, or of a ``cube`` (its ``n`` rows each)."""
    return r.n.sum(where=where).fill_null(0) if "n" in r.columns else r.count(where=where)


def window_figures(r, window: Window | str, traveller, prefix: str = "") -> dict:
    """The figures of one window that are one number each, as named aggregates.

    ``r`` is a table of prepared rows (``window`` a ``Window``) or a ``cube`` of them
    (``window`` the name of one of its windows). ``traveller`` is the country whose
    delegations ``visits_out`` counts (the pair's first code: a literal for one pair, the
    least code when grouped by pair)."""
    co = (r.window == window) if isinstance(window, str) else coded(r, window)
    eng = co & ~r.friction
    fr = co & r.friction
    visit = eng & (r.event_type == "visit")
    first, last = (r.first_min, r.first_max) if "n" in r.columns else (r.first, r.first)
    out = {
        "total": _count(r, eng),
        **{f"type_{t}": _count(r, eng & (r.event_type == t)) for t in vocab.EVENT_TYPES},
        **{f"level_{lv}": _count(r, eng & (r.level == lv)) for lv in vocab.LEVELS},
        "high_level": _count(r, eng & r.level.isin(HIGH_LEVELS)),
        "levels_known": _count(r, eng & (r.level != "unknown")),
        "visits_out": _count(r, visit & (r.actor1_country == traveller)),
        "visits_in": _count(r, visit & (r.actor1_country != traveller)),
        "multilateral": _count(r, eng & r.multilateral),
        "not_machine": _count(r, eng & ~r.machine),
        "undated": _count(r, eng & (r.precision != "day")),
        "mentions": r.mentions.sum(where=eng),
        "first_event": first.min(where=eng),
        "last_event": last.max(where=eng),
        "cooperative": _count(r, co & r.quad.isin(list(COOPERATIVE_QUAD_CLASSES))),
        "quad_known": _count(r, co & r.quad.notnull()),
        "friction": _count(r, fr),
        **{f"friction_{q}": _count(r, fr & (r.quad == q)) for q in FRICTION_QUAD_CLASSES},
    }
    return {prefix + k: v for k, v in out.items()}


CUBE_KEYS = ("event_type", "level", "actor1_country", "multilateral", "machine", "friction", "precision", "quad",
             "gold")


def cube(r, windows: dict[str, Window], keys=()):
    """The counted, kept rows of ``windows`` reduced to one row per window, ``keys`` and
    every value the figures read (``CUBE_KEYS``): ``n`` rows, their ``mentions``, the first
    and last day (``first_min``, ``first_max``). ``window_figures`` reads a cube as it reads
    rows; millions of rows become thousands, so the many figures of the all-pairs table
    are cheap to aggregate."""
    which = ibis.cases(*((coded(r, w), name) for name, w in windows.items()), else_=ibis.null("string"))
    r = r.mutate(window=which)
    r = r.filter(r.window.notnull())
    return r.group_by(*keys, "window", *CUBE_KEYS).aggregate(
        n=r.count(), mentions=r.mentions.sum(), first_min=r.first.min(), first_max=r.first.max())


def last_high_level(r, as_of: dt.date):
    """The latest day-dated high-level engagement on or before ``as_of``, any window, as
    ``YYYY-MM-DD|event_id`` (the day sorts first, then the id: the maximum is the latest)."""
    eligible = (r.kept & r.counted & ~r.friction & r.level.isin(HIGH_LEVELS) & (r.precision == "day")
                & (r.first <= as_of))
    return r.first.cast("string").concat("|", r.event_id.cast("string")).max(where=eligible)


def high_level_days(r, window: Window):
    """The distinct days of the window's day-dated high-level engagements."""
    return r.first.collect(where=engaged(r, window) & r.level.isin(HIGH_LEVELS) & (r.precision == "day"),
                           distinct=True)


def span(r) -> dict:
    """The first and last day of the kept rows (coverage), and of the counted ones (the default window)."""
    return {"all_first": r.first.min(where=r.kept), "all_last": r.end.max(where=r.kept),
            "span_first": r.first.min(where=r.kept & r.counted), "span_last": r.end.max(where=r.kept & r.counted)}


def periods(r, windows: dict[str, Window]):
    """Counts per period, one table: ``kind`` (``year``, ``quarter``, ``root`` of the window's
    friction by CAMEO root, ``month`` of its cooperation), ``window`` (the key of ``windows``),
    ``key`` (``2024``, ``2024Q1``, ``17``, ``2024-01``), ``gold`` (a Goldstein score, months
    only), ``n`` rows, ``cooperative`` and ``quad_known`` (months only)."""
    parts = []
    for name, window in windows.items():
        eng, co = engaged(r, window), coded(r, window)
        coop_rows = co & (r.precision != "year") & (r.gold.notnull() | r.quad.notnull())
        for kind, where in (("year", eng), ("quarter", eng & (r.precision != "year")),
                            ("root", co & r.friction & r.cameo_root.notnull()), ("month", coop_rows)):
            sel = r.filter(where)
            year = sel.first.year().cast("string")
            key = {"year": year,
                   "quarter": year.concat("Q", ((sel.first.month() - 1) // 3 + 1).cast("string")),
                   "root": sel.cameo_root,
                   "month": year.concat("-", sel.first.month().cast("string").lpad(2, "0"))}[kind]
            gold = sel.gold if kind == "month" else ibis.null("float64")
            q = sel.quad
            parts.append(sel.group_by(kind=ibis.literal(kind), window=ibis.literal(name), key=key, gold=gold)
                         .aggregate(n=sel.count(), cooperative=sel.count(where=q.isin(list(COOPERATIVE_QUAD_CLASSES))),
                                    quad_known=sel.count(where=q.notnull())))
    return ibis.union(*parts)


def coded_goldstein(r, window: Window):
    """Goldstein scores of the window's coded rows (the cooperation figures), for ``value_counts``."""
    return coded(r, window) & r.gold.notnull()


def exact_mean(value_counts) -> float | None:
    """The mean of scores given as ``(score, count)``, as ``math.fsum(scores) / len(scores)``
    rounded to 3 places (the exact sum, rounded once)."""
    value_counts = [(v, int(c)) for v, c in value_counts if v is not None and c]
    n = sum(c for _, c in value_counts)
    if not n:
        return None
    return round(float(sum(Fraction(v) * c for v, c in value_counts)) / n, 3)


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
