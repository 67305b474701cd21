"""The explorer's pure parts: which datasets and pairs it offers, which figures it shows,
and which rows each figure counts (so that every number traces to its rows and quotes).

No widgets and no I/O beyond listing folders: ``explorer`` draws what these return.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..figures import alignment, engagement
from .. import paths, store
from ..contract import vocab
from ..contract.dates import quarter_label
from ..figures.engagement import Pair, Window
from ..contract.names import country_name


# --------------------------------------------------------------------------- #
# Options of the controls
# --------------------------------------------------------------------------- #
def stores_dir() -> Path:
    """Where importers' stores are looked for (``BILATERAL_STORES`` moves it)."""
    return Path(os.environ.get("BILATERAL_STORES", paths.PROJECT_ROOT / "stores"))


def is_curated(folder: Path) -> bool:
    return (folder / "events.csv").is_file() and (folder / "sources.csv").is_file()


def dataset_options(data_dir: Path | None = None, stores: Path | None = None,
                    default: Path | None = None) -> list[tuple[str, Path]]:
    """``(label, folder)`` of every dataset found: the default first, then the curated
    folders under ``data/`` and the importers' stores under ``stores/`` (and ``data/``)."""
    data_dir = paths.DATA_DIR if data_dir is None else Path(data_dir)
    stores = stores_dir() if stores is None else Path(stores)
    default = paths.DEFAULT_DATASET if default is None else Path(default)
    found: list[Path] = []
    for parent in (data_dir, stores):
        if parent.is_dir():
            found += [f for f in sorted(parent.iterdir()) if f.is_dir() and (is_curated(f) or store.is_store(f))]
    if default.is_dir() and (is_curated(default) or store.is_store(default)):
        found = [default] + [f for f in found if f.resolve() != default.resolve()]
    return [(dataset_label(f), f) for f in found]


def dataset_label(folder: Path) -> str:
    try:
        shown = folder.resolve().relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:
        shown = str(folder)
    return f"{shown} ({'imported store' if store.is_store(folder) else 'curated'})"


def pair_options(present: list[str], limit: int = 500) -> list[tuple[str, str]]:
    """``(label, pair)`` for the pairs present, each in both orders (``IND-BLR``, ``BLR-IND``)."""
    out, seen = [], set()
    for pair in present[:limit]:
        a, b = pair.split("-")
        if a == b:  # machine-coded data holds domestic events (USA-USA): not a bilateral pair
            continue
        for x, y in ((a, b), (b, a)):
            if (x, y) not in seen:
                seen.add((x, y))
                out.append((f"{x}-{y} ({country_name(x)}–{country_name(y)})", f"{x}-{y}"))
    return out


# --------------------------------------------------------------------------- #
# The figures shown, and the rows each counts
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Figure:
    group: str              # "Engagements", "By type", ...
    kind: str               # what rows_for understands: "total", "type", "quarter", "topic"...
    value_key: str          # the type, quarter, topic... ("" for a single figure)
    label: str
    value: int | str        # a count, or a topic's status

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value_key}" if self.value_key else self.kind


def figure_list(summary: dict) -> list[Figure]:
    """Every figure the explorer shows, from ``summary.build``'s dict, in display order."""
    e, al = summary["engagement"], summary["alignment"]
    a, b = summary["pair"].split("-")
    out = [Figure("Engagements", "total", "", "Engagements", e["total"])]
    if e["high_level"] is not None:
        out.append(Figure("Engagements", "high_level", "", "Ministerial or above", e["high_level"]))
    out.append(Figure("Engagements", "undated", "", "Dated to a month or year", e["undated"]))
    if e["venues"] is not None:
        out += [Figure("Engagements", "venue", v, label, e["venues"][v])
                for v, label in (("bilateral", "Bilateral"), ("multilateral", "Multilateral sidelines"))]
    out += [Figure("By type", "type", t, vocab.label(vocab.EVENT_TYPES, t), n) for t, n in e["by_type"].items()]
    out += [Figure("By level", "level", lv, vocab.label(vocab.LEVELS, lv), n) for lv, n in e["by_level"].items()]
    out += [Figure("By quarter", "quarter", q, q, n) for q, n in e["by_quarter"].items() if n]
    out += [Figure("Visits", "visits", d, f"{country_name(d.split('->')[0])} → {country_name(d.split('->')[1])}", n)
            for d, n in e["visits"].items()]
    out += [Figure("Alignment", "status", s, f"{s.capitalize()} topics", n) for s, n in al["counts"].items() if n]
    out += [Figure("Topics", "topic", t["topic"], vocab.label(vocab.TOPICS, t["topic"]), t["status"])
            for t in al["topics"]]
    out += [Figure("Discussed, no stance", "discussed", t, vocab.label(vocab.TOPICS, t), "no stance")
            for t in al["discussed_without_positions"]]
    return out


def rows_for(events: pd.DataFrame, positions: pd.DataFrame, pair: Pair, window: Window, kind: str,
             value: str = "") -> pd.DataFrame:
    """The rows a figure counts: events for engagement figures, positions for alignment ones.

    ``kind`` and ``value`` as in ``Figure``; ``"all"`` is every event of the window's
    timeline (counted or not), what the table shows before a figure is chosen.
    """
    if kind == "all":
        return engagement.timeline(events, pair, window)
    if kind in ("topic", "status"):
        table = alignment.topics(positions, pair, window)
        table = table[table["topic"] == value] if kind == "topic" else table[table["status"] == value]
        ids = [i for evidence in table["evidence"] for i in evidence]
        pos = positions[positions["position_id"].isin(ids)]
        return pos.sort_values(["first_day", "position_id"], kind="mergesort").reset_index(drop=True)
    if kind == "discussed":
        ev = engagement.in_window(engagement.pair_events(events, pair), window)
        has = ev["topics"].fillna("").map(lambda ts: value in {t.strip() for t in str(ts).split(";")})
        return ev[has.astype(bool)].sort_values(["first_day", "event_id"], kind="mergesort").reset_index(drop=True)
    ev = engagement.window_events(events, pair, window)
    if kind == "total":
        keep = pd.Series(True, index=ev.index)
    elif kind == "high_level":
        keep = ev["level"].isin(vocab.HIGH_LEVELS)
    elif kind == "undated":
        keep = ev["precision"] != "day"
    elif kind == "venue":
        keep = ev["venue"].notna() if value == "multilateral" else ev["venue"].isna()
    elif kind == "type":
        keep = ev["event_type"] == value
    elif kind == "level":
        keep = ev["level"] == value
    elif kind == "quarter":
        quarters = pd.Series([quarter_label(d.date()) for d in ev["first_day"]], index=ev.index, dtype="object")
        keep = (ev["precision"] != "year") & (quarters == value)
    elif kind == "visits":
        traveller, host = value.split("->")
        keep = (ev["event_type"] == "visit") & (ev["actor1_country"] == traveller) & (ev["actor2_country"] == host)
    else:
        raise ValueError(f"unknown figure kind {kind!r}")
    return ev[keep.fillna(False).astype(bool)].reset_index(drop=True)


def table_rows(rows: pd.DataFrame, sources: pd.DataFrame, data_dir: Path, link_base: Path) -> list[dict]:
    """The table's rows as plain dicts (for the template): date, what, who, summary, the
    verbatim quote and a link to the source (its URL, else its document relative to ``link_base``)."""
    by_id = {r["source_id"]: r for r in sources.to_dict("records")}
    is_position = "position_id" in rows.columns
    out = []
    for r in rows.to_dict("records"):
        src = by_id.get(r["source_id"], {})
        url = r.get("source_url") if isinstance(r.get("source_url"), str) else None
        url = url or (src.get("url") if isinstance(src.get("url"), str) else None)
        if not (url and url.startswith(("http://", "https://"))):
            url = None
            if isinstance(src.get("file"), str):
                url = Path(os.path.relpath(Path(data_dir) / src["file"], link_base)).as_posix()
        if is_position:
            what = f"{vocab.label(vocab.STANCES, r['stance'])}: {vocab.label(vocab.TOPICS, r['topic'])}"
            who, row_id = country_name(r["actor_country"]), r["position_id"]
        else:
            what = vocab.label(vocab.EVENT_TYPES, r["event_type"])
            who, row_id = vocab.label(vocab.LEVELS, r["level"]), r["event_id"]
            if not r.get("counted", True):
                what += f" (within {r['part_of']})"
        end = r.get("end_date")
        out.append({"id": row_id, "date": r["date"] + (f" – {end}" if isinstance(end, str) else ""),
                    "what": what, "who": who, "summary": _text(r.get("summary")),
                    "quote": _text(r.get("source_quote")), "source_id": r["source_id"], "href": url})
    return out


def _text(value) -> str:
    return value if isinstance(value, str) else ""
