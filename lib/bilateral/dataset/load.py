"""A dataset folder, loaded and validated (DESIGN.md section 2).

``load`` reads every table (``tables``), checks each value against the contract
(``contract``) and then across rows and tables (``crosschecks``), and raises one
``ValidationError`` that lists every problem as ``file:line:column: message``,
sorted by file and line. ``for_pair`` is the one place that decides where a
pair's rows come from: a curated folder of CSV files or an importer's store.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import store
from ..contract.checksums import sha256_of
from ..contract.columns import EVENTS, POSITIONS, TABLES, Table
from .crosschecks import cross_checks
from ..contract.dates import parse_period
from ..errors import ParameterError, ValidationError
from .metadata import FILENAME as METADATA, pair_key, read_metadata
from ..contract import vocab
from ..contract.names import parse_pair
from ..contract.problems import Problems, display_path
from .tables import check_values, from_parquet, read_csv

__all__ = ["Dataset", "load", "for_pair", "dataset_checksum", "restrict_to_pair", "EVENTS", "POSITIONS", "TABLES"]

# --------------------------------------------------------------------------- #
# The loaded dataset
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Dataset:
    """A validated dataset: one DataFrame per table, empty where a table is absent.

    Text columns hold strings, empty cells are missing (``pd.NA``). Events and
    positions gain ``first_day``/``last_day`` (the period their date stands for)
    and ``precision`` (``day``, ``month`` or ``year``); events also ``end_day``,
    the last day of a multi-day event.
    """

    path: Path
    events: pd.DataFrame
    positions: pd.DataFrame
    facts: pd.DataFrame
    sources: pd.DataFrame
    conflicts: pd.DataFrame
    checksum: str
    machine_coded: bool = False
    extra: dict = field(default_factory=dict)
    pairs: tuple[str, ...] = ()   # the pairs dataset.json declares ("IND-BLR"), in its order
    title: str | None = None      # dataset.json's title

    def declares(self, pair: tuple[str, str]) -> bool:
        return pair_key(*pair) in {pair_key(*p.split("-")) for p in self.pairs}

    def source_of(self, source_id: str) -> dict:
        row = self.sources.loc[self.sources["source_id"] == source_id]
        return row.iloc[0].to_dict() if len(row) else {}

    def replace(self, **changes) -> "Dataset":
        return dataclasses.replace(self, **changes)



def _with_periods(frame: pd.DataFrame, end_column: str | None = None) -> pd.DataFrame:
    periods = [parse_period(d) for d in frame["date"]]
    frame = frame.copy()
    frame["first_day"] = pd.to_datetime(pd.Series([p.first for p in periods], dtype="object"))
    frame["last_day"] = pd.to_datetime(pd.Series([p.last for p in periods], dtype="object"))
    frame["precision"] = pd.Series([p.precision for p in periods], dtype="string")
    if end_column:
        ends = [parse_period(e).last if pd.notna(e) else p.last
                for e, p in zip(frame[end_column], periods)]
        frame["end_day"] = pd.to_datetime(pd.Series(ends, dtype="object"))
    if frame.empty:
        for c in ("first_day", "last_day") + (("end_day",) if end_column else ()):
            frame[c] = pd.Series([], dtype="datetime64[ns]")
    return frame


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    if table is EVENTS:
        for c in ("goldstein", "avg_tone"):
            frame[c] = pd.to_numeric(frame[c]).astype("Float64")
        for c in ("quad_class", "num_mentions", "num_sources", "num_articles"):
            frame[c] = pd.to_numeric(frame[c]).astype("Int64")
        frame = _with_periods(frame, "end_date")
    elif table is POSITIONS:
        frame = _with_periods(frame)
    if "synthetic" in frame.columns:
        frame["synthetic"] = frame["synthetic"].fillna("false").str.lower().eq("true").astype(bool)
    return frame


MANIFEST = store.MANIFEST


def dataset_checksum(root: Path) -> str:
    """SHA-256 over the dataset's tables and source documents (names and bytes).

    A Parquet store's importer records each file's SHA-256 and size in
    ``manifest.json``; those are trusted while the size matches, so a briefing on a
    store of millions of rows does not re-read all of it to name its data.
    """
    import json

    recorded = {}
    if (root / MANIFEST).exists():
        recorded = json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    digest = hashlib.sha256()
    files = [p for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".") and p.name != MANIFEST]
    for p in files:
        name = p.relative_to(root).as_posix()
        digest.update(name.encode())
        digest.update(b"\0")
        known = recorded.get(name)
        if known and known.get("bytes") == p.stat().st_size:
            digest.update(bytes.fromhex(known["sha256"]))
        else:
            digest.update(bytes.fromhex(sha256_of(p)))
    return digest.hexdigest()


def load(path: str | os.PathLike, pair: str | None = None,
         start: str | None = None, end: str | None = None, min_sources: int = 0,
         engine: str | None = None, spark_master: str | None = None) -> Dataset:
    """Read and validate the dataset folder at ``path``.

    Raises ``ValidationError`` listing every problem. With ``pair`` (``IND-BLR``),
    only that pair's events (either actor order, with the events part of them)
    and the two sides' positions are kept. ``start``/``end`` keep the rows whose
    period overlaps that window (the analyses need the previous window too, so the
    briefing loads without them). A store's tables are read on ``engine`` (``store.engines``:
    the command's open ``Session``, or an engine's name: DuckDB by default, or Spark at
    ``spark_master``); a curated folder is read by pandas.
    """
    root = Path(path)
    shown_root = display_path(root)
    if not root.exists():
        raise ValidationError([f"{shown_root}: dataset folder does not exist"])
    if not root.is_dir():
        raise ValidationError([f"{shown_root}: not a folder: a dataset is a folder holding events.csv and sources.csv"])

    try:
        checksum = dataset_checksum(root)
    except OSError:  # an unreadable file: the validation below names it
        checksum = None

    problems = Problems()
    meta = read_metadata(root, problems, display_path(root / METADATA))
    raw = {}
    pair_codes = parse_pair(pair) if pair else None
    from_store = store.is_store(root)
    for spec in TABLES:
        file = root / spec.filename
        parquet = store.table_location(root, spec.name)  # the events in either layout
        if from_store and parquet.exists():
            try:
                table = from_parquet(spec, parquet, pair_codes, engine, spark_master)
            except Exception as exc:  # noqa: BLE001 - DuckDB/Ibis/Arrow errors: a damaged store
                problems.add(display_path(parquet), 1, 1,
                             f"not a readable Parquet table of the contract ({str(exc).splitlines()[0]})")
                continue
            check_values(table, problems)
            raw[spec.name] = table
            continue
        if not file.exists():
            if spec.required:
                problems.add(display_path(file), 1, 1, f"required file {spec.filename} (or {spec.name}.parquet) is missing")
            continue
        table = read_csv(spec, file, problems)
        if table is not None:
            check_values(table, problems)
            raw[spec.name] = table
    cross_checks(root, raw, problems)
    if problems.items:
        raise ValidationError(problems.lines())

    frames = {}
    for spec in TABLES:
        if spec.name in raw:
            frames[spec.name] = _typed(spec, raw[spec.name].frame)
        else:
            empty = pd.DataFrame({c.name: pd.Series([], dtype="string") for c in spec.columns})
            frames[spec.name] = _typed(spec, empty)
    events = frames["events"]
    machine_sources = vocab.machine_coded_sources(frames["sources"]["source_id"], frames["sources"]["source_type"])
    events["machine_coded"] = events["source_id"].isin(machine_sources).astype(bool)
    machine = bool(events["machine_coded"].any())
    ds = Dataset(root, events, frames["positions"], frames["facts"], frames["sources"],
                 frames["conflicts"], checksum or dataset_checksum(root), machine,
                 pairs=meta.get("pairs", ()), title=meta.get("title"))
    if pair_codes:
        present = None if from_store else pairs_present(ds)  # a store's pair query read the pair's rows only
        ds = restrict_to_pair(ds, pair_codes)
        ds.extra.update(pairs_present=present, pair_has_rows=bool(len(ds.events)) or ds.declares(pair_codes))
    ds = with_min_sources(ds, min_sources)
    if start or end:
        ds = _restrict_to_window(ds, start, end)
    return ds




def with_min_sources(ds: Dataset, min_sources: int = 0) -> Dataset:
    """``ds`` without the machine-coded events reported by fewer than ``min_sources`` sources
    (a curated row, which has no count, always stays)."""
    if not min_sources:
        return ds
    ev = ds.events
    keep = ev["num_sources"].isna() | (ev["num_sources"] >= int(min_sources))
    return ds.replace(events=ev[keep.fillna(True).astype(bool)].reset_index(drop=True))


def pairs_present(ds: Dataset) -> list[str]:
    """The pairs a dataset holds: those it declares, then those of its events (most events first)."""
    ev = ds.events.dropna(subset=["actor2_country"])
    keys = ev["actor1_country"].where(ev["actor1_country"] < ev["actor2_country"], ev["actor2_country"]) + "-" + \
        ev["actor2_country"].where(ev["actor1_country"] < ev["actor2_country"], ev["actor1_country"])
    declared = {pair_key(*p.split("-")) for p in ds.pairs}
    counted = [k for k in keys.value_counts().index if pair_key(*k.split("-")) not in declared]
    return list(ds.pairs) + counted


def restrict_to_pair(ds: Dataset, pair: tuple[str, str]) -> Dataset:
    """The dataset as one pair's: its events, the two sides' positions, the facts that
    belong to it, and only the sources and conflicts those rows rest on.

    Machine-coded sources (an importer's files) are kept whatever the pair: they define
    what the data covers. A fact belongs to the pair its ``pair`` column names (either order), or, with none,
    to the dataset's declared pair when it declares exactly one; positions belong to the
    declared pairs when the dataset declares any. Nothing of another pair is ever kept.
    """
    a, b = pair
    ev = ds.events
    in_pair = ((ev["actor1_country"] == a) & (ev["actor2_country"] == b)) | (
        (ev["actor1_country"] == b) & (ev["actor2_country"] == a))
    pos = ds.positions
    sides = pos["actor_country"].isin([a, b]) & (pos["target_country"].isna() | pos["target_country"].isin([a, b]))
    if ds.pairs and not ds.declares(pair):
        sides = sides & False
    facts = ds.facts
    own = facts["pair"].map(lambda p: isinstance(p, str) and pair_key(*p.split("-")) == pair_key(a, b)) \
        if "pair" in facts and len(facts) else pd.Series(False, index=facts.index)
    undeclared = facts["pair"].isna() if "pair" in facts else pd.Series(True, index=facts.index)
    single = len(ds.pairs) == 1 and ds.declares(pair)
    facts = facts[(own | (undeclared & single)).astype(bool)].reset_index(drop=True)
    events = ev[in_pair.fillna(False)].reset_index(drop=True)
    positions = pos[sides.fillna(False)].reset_index(drop=True)
    cited = set()
    for frame, columns in ((events, ("source_id", "topics_source_id")), (positions, ("source_id",)),
                           (facts, ("source_id",))):
        for column in columns:
            cited |= set(frame[column].dropna())
    # The files of machine-coded data stay whatever the pair: they say what the data covers.
    machine = vocab.machine_coded_sources(ds.sources["source_id"], ds.sources["source_type"])
    sources = ds.sources[ds.sources["source_id"].isin(cited | machine)].reset_index(drop=True)
    conflicts = ds.conflicts[ds.conflicts["source_id"].isin(cited)].reset_index(drop=True)
    return ds.replace(events=events, positions=positions, facts=facts, sources=sources, conflicts=conflicts,
                      extra=dict(ds.extra))


def facts_as_of(ds: Dataset, as_of) -> Dataset:
    """Only the facts known on the as-of day: a fact whose source was published later is not shown."""
    if not len(ds.facts):
        return ds
    published = {}
    for sid, text in zip(ds.sources["source_id"], ds.sources["published"]):
        if isinstance(text, str):
            published[sid] = parse_period(text).first
    known = ds.facts["source_id"].map(lambda sid: published.get(sid) is None or published[sid] <= as_of)
    return ds.replace(facts=ds.facts[known.astype(bool)].reset_index(drop=True))


def _restrict_to_window(ds: Dataset, start: str | None, end: str | None) -> Dataset:
    lo = pd.Timestamp(start) if start else pd.Timestamp.min
    hi = pd.Timestamp(end) if end else pd.Timestamp.max

    def overlaps(frame: pd.DataFrame) -> pd.DataFrame:
        keep = (frame["last_day"] >= lo) & (frame["first_day"] <= hi)
        return frame[keep].reset_index(drop=True)

    return ds.replace(events=overlaps(ds.events), positions=overlaps(ds.positions))


def for_pair(path: str | os.PathLike, pair: str, min_sources: int = 0, engine: str | None = None,
             spark_master: str | None = None) -> Dataset:
    """The pair's validated rows, from a curated folder of CSV files or an importer's
    store (its Parquet tables are read with the pair filter pushed down): the one place
    a briefing, a summary or a batch gets its data.

    A pair the data neither declares nor has events of is a ParameterError naming the
    pairs the data holds: a briefing never shows another relationship's rows."""
    ds = load(path, pair=pair, min_sources=min_sources, engine=engine, spark_master=spark_master)
    if not ds.extra["pair_has_rows"]:
        present = ds.extra["pairs_present"]
        if present is None:
            present = store.pairs_present(path, engine, spark_master)
        raise missing_pair(path, pair, present)
    return ds


def missing_pair(path, pair: str, present: list[str]) -> ParameterError:
    shown = ", ".join(present[:8]) + (f" and {len(present) - 8:,} more" if len(present) > 8 else "")
    return ParameterError(f"parameter 'pair': {display_path(Path(path))} holds no rows of {pair}; "
                          f"the pairs it holds: {shown or 'none'}")
