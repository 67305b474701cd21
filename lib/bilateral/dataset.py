"""Loading and validating a dataset folder (DESIGN.md section 2).

``load`` reads every table, checks it against the contract and raises one
``ValidationError`` that lists every problem as ``file:line:column: message``.
Per-value checks run through pandera schemas built from the column specs below;
checks that span rows or tables (unique ids, foreign keys, checksums, quotes) run
after them, and all problems are reported together, sorted by file and line.
"""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd

from . import vocab
from .dates import parse_period
from .errors import ValidationError

# A quoted field may be large (a long quote) but never unbounded.
MAX_FIELD_CHARS = 100_000
# Fragments of one quote, in order, separated by an ellipsis between spaces.
QUOTE_FRAGMENT_SEPARATOR = " … "


# --------------------------------------------------------------------------- #
# Value checks: each returns None when the value is fine, else the message.
# --------------------------------------------------------------------------- #
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_BOOL = {"true", "false"}


def _check_id(value: str) -> str | None:
    if _ID.match(value):
        return None
    return f"{value!r} is not a valid id (letters, digits and . _ : - only, no spaces)"


def _check_date(value: str) -> str | None:
    try:
        parse_period(value)
    except ValueError as exc:
        return str(exc)
    return None


@lru_cache(maxsize=1)
def _alpha3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _alpha2_to_3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def _check_country(value: str) -> str | None:
    if value in _alpha3():
        return None
    hint = ""
    if value.upper() in _alpha3():
        hint = f" (country codes are upper case: {value.upper()})"
    elif value.upper() in _alpha2_to_3():
        hint = f" ({value!r} is alpha-2; the alpha-3 code is {_alpha2_to_3()[value.upper()]})"
    return f"{value!r} is not an ISO 3166-1 alpha-3 country code{hint}"


def _vocabulary(name: str, values: dict[str, str]) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value in values:
            return None
        return f"{value!r} is not a {name} (one of: {', '.join(values)})"

    check.__name__ = f"in_{name.replace(' ', '_')}"
    return check


def _check_topics(value: str) -> str | None:
    unknown = [t for t in value.split(";") if t.strip() not in vocab.TOPICS]
    if not unknown:
        return None
    return (
        f"unknown topic id {unknown[0].strip()!r} (topic ids are listed in data/README.md; "
        "separate several with ';')"
    )


def _check_url(value: str) -> str | None:
    if re.match(r"^https?://[^\s]+$", value):
        return None
    return f"{value!r} is not an http or https URL (other schemes are never linked)"


def _check_number(value: str) -> str | None:
    try:
        float(value)
    except ValueError:
        return f"{value!r} is not a number"
    return None


def _check_integer(value: str) -> str | None:
    if re.match(r"^-?\d+$", value):
        return None
    return f"{value!r} is not a whole number"


def _check_bool(value: str) -> str | None:
    if value.lower() in _BOOL:
        return None
    return f"{value!r} is not true or false"


def _check_sha256(value: str) -> str | None:
    if _SHA256.match(value):
        return None
    return f"{value!r} is not a SHA-256 checksum (64 lower-case hex digits)"


def _check_relative_path(value: str) -> str | None:
    path = Path(value)
    if path.is_absolute() or ".." in path.parts:
        return f"{value!r} must be a path inside the dataset folder (no absolute path, no '..')"
    return None


def _check_text(value: str) -> str | None:
    return None


# --------------------------------------------------------------------------- #
# Table specs
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Col:
    name: str
    required: bool
    check: Callable[[str], str | None] = _check_text


@dataclass(frozen=True)
class Table:
    name: str
    required: bool
    id_column: str
    columns: tuple[Col, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


_event_type = _vocabulary("event type", vocab.EVENT_TYPES)
_level = _vocabulary("level", vocab.LEVELS)

EVENTS = Table("events", True, "event_id", (
    Col("event_id", True, _check_id),
    Col("date", True, _check_date),
    Col("end_date", False, _check_date),
    Col("event_type", True, _event_type),
    Col("actor1_country", True, _check_country),
    Col("actor2_country", False, _check_country),
    Col("actor1_name", False), Col("actor1_role", False),
    Col("actor2_name", False), Col("actor2_role", False),
    Col("level", True, _level),
    Col("location_city", False),
    Col("location_country", False, _check_country),
    Col("venue", False),
    Col("part_of", False, _check_id),
    Col("topics", False, _check_topics),
    Col("summary", True),
    Col("source_id", True, _check_id),
    Col("source_quote", False),  # required unless cameo_code: checked across columns
    Col("source_url", False, _check_url),
    # Digits as a rule; ICEWS has a few invalid codes (`13y`), kept as `other` with the raw code.
    Col("cameo_code", False, lambda v: None if re.match(r"^[0-9][0-9A-Za-z]{1,3}$", v) else f"{v!r} is not a CAMEO code (2 to 4 digits)"),
    Col("goldstein", False, _check_number),
    Col("quad_class", False, lambda v: None if v in {"1", "2", "3", "4"} else f"{v!r} is not a quad class (1 to 4)"),
    Col("num_mentions", False, _check_integer),
    Col("num_sources", False, _check_integer),
    Col("num_articles", False, _check_integer),
    Col("avg_tone", False, _check_number),
    Col("synthetic", False, _check_bool),
    # Extension: when an event's topics rest on another source than the event
    # itself (the talks are dated by one article, their agenda told by another).
    Col("topics_source_id", False, _check_id),
    Col("topics_quote", False),
))

POSITIONS = Table("positions", False, "position_id", (
    Col("position_id", True, _check_id),
    Col("date", True, _check_date),
    Col("actor_country", True, _check_country),
    Col("topic", True, _check_topics),
    Col("stance", True, _vocabulary("stance", vocab.STANCES)),
    Col("target_country", False, _check_country),
    Col("event_id", False, _check_id),
    Col("summary", True),
    Col("source_id", True, _check_id),
    Col("source_quote", True),
    Col("synthetic", False, _check_bool),
))

FACTS = Table("facts", False, "fact_id", (
    Col("fact_id", True, _check_id),
    Col("category", True, _check_id),
    Col("key", True),
    Col("label", False),  # extension: how the briefing names the key
    Col("value", True),
    Col("unit", False),
    Col("as_of", False, _check_date),
    Col("source_id", True, _check_id),
    Col("source_quote", True),
    Col("synthetic", False, _check_bool),
))

SOURCES = Table("sources", True, "source_id", (
    Col("source_id", True, _check_id),
    Col("title", True),
    Col("publisher", False),
    Col("published", False, _check_date),
    Col("source_type", False, _vocabulary("source type", vocab.SOURCE_TYPES)),
    Col("url", False, _check_url),
    Col("file", False, _check_relative_path),
    Col("accessed", False, _check_date),
    Col("sha256", False, _check_sha256),
))

CONFLICTS = Table("conflicts", False, "conflict_id", (
    Col("conflict_id", True, _check_id),
    Col("source_id", True, _check_id),
    Col("field", True),
    Col("value_a", True),
    Col("value_b", True),
    Col("chosen", True),
    Col("reason", True),
))

TABLES = (EVENTS, POSITIONS, FACTS, SOURCES, CONFLICTS)


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

    def source_of(self, source_id: str) -> dict:
        row = self.sources.loc[self.sources["source_id"] == source_id]
        return row.iloc[0].to_dict() if len(row) else {}

    def replace(self, **changes) -> "Dataset":
        return dataclasses.replace(self, **changes)

    def shallow_copy(self) -> "Dataset":
        """New frame objects over the same data: with pandas' copy-on-write, a caller
        that changes its copy never changes another's."""
        frames = {name: getattr(self, name).copy(deep=not _COPY_ON_WRITE)
                  for name in ("events", "positions", "facts", "sources", "conflicts")}
        return dataclasses.replace(self, extra=dict(self.extra), **frames)


@dataclass
class _Problems:
    items: list[tuple[str, int, int, str]] = field(default_factory=list)

    def add(self, file: str, line: int, column: int, message: str) -> None:
        self.items.append((file, line, column, message))

    def lines(self) -> list[str]:
        seen = []
        for f, ln, col, msg in sorted(self.items, key=lambda p: (p[0], p[1], p[2])):
            text = f"{f}:{ln}:{col}: {msg}"
            if text not in seen:
                seen.append(text)
        return seen


@dataclass
class _RawTable:
    spec: Table
    shown: str              # the file name as shown in messages
    header: list[str]
    frame: pd.DataFrame     # all columns as str / NA; index 0..n-1
    lines: list[int]        # line on which each record starts

    def line(self, i: int) -> int:
        return self.lines[i]

    def col(self, name: str) -> int:
        return self.header.index(name) + 1 if name in self.header else 1


def _display(path: Path) -> str:
    # Relative to where the user stands when inside it, else as an absolute path.
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(Path(path).resolve()) if rel.startswith("..") else rel


def _read_csv(spec: Table, path: Path, problems: _Problems) -> _RawTable | None:
    shown = _display(path)
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add(shown, line, column,
                     f"not UTF-8 (byte 0x{raw[exc.start]:02X}); save the file as UTF-8")
        return None
    if not text.strip():
        problems.add(shown, 1, 1, f"empty file: expected a header row ({', '.join(c.name for c in spec.columns if c.required)})")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(shown, line, 1, "contains a NUL byte: not a text CSV file")
        return None

    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    starts: list[int] = []
    header: list[str] | None = None
    last_line = 0
    try:
        for record in reader:
            start = last_line + 1
            last_line = reader.line_num
            if header is None:
                header = [h.strip() for h in record]
                continue
            if not any(cell.strip() for cell in record):
                continue  # blank line
            if len(record) != len(header):
                problems.add(shown, start, min(len(record), len(header)) + 1,
                             f"expected {len(header)} fields as in the header, found {len(record)}")
                continue
            rows.append(record)
            starts.append(start)
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = f"a field is longer than {MAX_FIELD_CHARS:,} characters"
        problems.add(shown, last_line + 1, 1, f"unreadable CSV: {message}")
        return None
    assert header is not None

    known = {c.name for c in spec.columns}
    lowered = {h.lower(): h for h in header}
    missing = False
    for col in spec.columns:
        if col.required and col.name not in header:
            hint = ""
            if col.name in lowered:
                hint = f" (found {lowered[col.name]!r}: column names are lower case)"
            problems.add(shown, 1, 1, f"missing required column {col.name!r}{hint}")
            missing = True
    dupes = {h for h in header if header.count(h) > 1 and h in known}
    for h in sorted(dupes):
        problems.add(shown, 1, header.index(h) + 1, f"column {h!r} appears more than once")
    if missing or dupes:
        return None

    frame = pd.DataFrame(rows, columns=header, dtype="string") if rows else pd.DataFrame(
        {h: pd.Series([], dtype="string") for h in header})
    frame = frame.loc[:, ~frame.columns.duplicated()]
    for h in frame.columns:
        stripped = frame[h].str.strip()
        frame[h] = stripped.mask(stripped == "")
    for col in spec.columns:  # optional columns absent from the file: all empty
        if col.name not in frame.columns:
            frame[col.name] = pd.Series([pd.NA] * len(frame), dtype="string")
    return _RawTable(spec, shown, header, frame.reset_index(drop=True), starts)


def _from_parquet(spec: Table, path: Path, pair: tuple[str, str] | None) -> _RawTable:
    """A Parquet table as the same all-text frame a CSV gives (only the pair's events)."""
    from . import store

    frame = store.read_events(path, pair) if spec is EVENTS else store.read_table(path)
    text = pd.DataFrame(index=frame.index)
    # An integer column with missing values can arrive as floats (NaN for NULL): 5.0 is still 5.
    integers = {c.name for c in spec.columns if c.check is _check_integer} | {"quad_class"}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            values = values.map({True: "true", False: "false"})
        elif column in integers and pd.api.types.is_float_dtype(values):
            values = values.map(lambda v: None if pd.isna(v) else (str(int(v)) if float(v).is_integer() else repr(v)))
        elif pd.api.types.is_float_dtype(values):
            values = values.map(lambda v: None if pd.isna(v) else repr(float(v)))
        elif pd.api.types.is_integer_dtype(values):
            values = values.map(lambda v: None if pd.isna(v) else str(int(v)))
        text[column] = values.astype("string")
    for col in spec.columns:
        if col.name not in text.columns:
            text[col.name] = pd.Series([pd.NA] * len(text), dtype="string")
    text = text.reset_index(drop=True)
    # Parquet has no lines: problems name the row (1-based) of what was read.
    return _RawTable(spec, _display(path), list(frame.columns), text, list(range(1, len(text) + 1)))


def _check_values(table: _RawTable, problems: _Problems) -> None:
    """Run the per-value checks as one pandera schema; map failures to lines."""
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

    spec = table.spec
    columns = {}
    for col in spec.columns:
        checks = []
        if col.check is not _check_text:
            fn = col.check
            checks.append(pa.Check(lambda v, fn=fn: fn(v) is None, element_wise=True,
                                   name=col.name, ignore_na=True))
        columns[col.name] = pa.Column(None, nullable=not col.required, checks=checks,
                                      required=False)
    schema = pa.DataFrameSchema(columns, strict=False)
    try:
        schema.validate(table.frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        for _, case in cases.iterrows():
            name = case["column"]
            index = case["index"]
            if name not in table.frame.columns or pd.isna(index):
                continue
            i = int(index)
            value = table.frame.at[i, name]
            if pd.isna(value):
                message = f"required value {name!r} is empty"
            else:
                spec_col = next(c for c in spec.columns if c.name == name)
                message = spec_col.check(str(value)) or f"invalid value {value!r}"
            problems.add(table.shown, table.line(i), table.col(name), message)


def _file_checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fold(text: str) -> str:
    return " ".join(text.split())


def _quote_missing(quote: str, document: str) -> str | None:
    """None when every fragment of the quote is in the document, in order."""
    position = 0
    for fragment in _fold(quote).split(QUOTE_FRAGMENT_SEPARATOR.strip()):
        fragment = fragment.strip()
        if not fragment:
            continue
        found = document.find(fragment, position)
        if found < 0:
            shown = fragment if len(fragment) <= 60 else fragment[:57] + "..."
            return f"quote not found verbatim in its source file: {shown!r}"
        position = found + len(fragment)
    return None


def _cross_checks(root: Path, tables: dict[str, _RawTable], problems: _Problems) -> None:
    # Unique ids.
    for t in tables.values():
        ids = t.frame[t.spec.id_column]
        repeated = ids.duplicated() & ids.notna()
        for i in ids.index[repeated]:
            first = int(ids.index[(ids == ids[i]).fillna(False)][0])
            problems.add(t.shown, t.line(i), t.col(t.spec.id_column),
                         f"duplicate {t.spec.id_column} {ids[i]!r} (first on line {t.line(first)})")

    sources = tables.get("sources")
    events = tables.get("events")
    source_ids = set(sources.frame["source_id"].dropna()) if sources else set()
    event_ids = set(events.frame["event_id"].dropna()) if events else set()

    def foreign(t: _RawTable, column: str, known: set, what: str) -> None:
        values = t.frame[column]
        for i in values.index[values.notna() & ~values.isin(list(known))]:
            problems.add(t.shown, t.line(i), t.col(column), f"{column} {values[i]!r} is not {what}")

    for name, t in tables.items():
        if sources is not None and "source_id" in t.frame and name != "sources":
            foreign(t, "source_id", source_ids, "a source_id of sources.csv")
    if events is not None:
        foreign(events, "topics_source_id", source_ids, "a source_id of sources.csv")
        foreign(events, "part_of", event_ids, "an event_id of events.csv")
        ev = events.frame
        # Vectorised: a store's pair can hold hundreds of thousands of rows; only the
        # failing rows are visited one by one.
        for i in ev.index[(ev["part_of"] == ev["event_id"]).fillna(False)]:
            problems.add(events.shown, events.line(i), events.col("part_of"), "an event cannot be part_of itself")
        for i in ev.index[ev["source_quote"].isna() & ev["cameo_code"].isna()]:
            problems.add(events.shown, events.line(i), events.col("source_quote"),
                         "required value 'source_quote' is empty (only machine-coded rows with a cameo_code may omit it)")
        for i in ev.index[ev["topics_quote"].notna() & ev["topics_source_id"].isna()]:
            problems.add(events.shown, events.line(i), events.col("topics_source_id"),
                         "topics_quote needs a topics_source_id")
        for i in ev.index[ev["date"].notna() & ev["end_date"].notna()]:
            date, end = ev.at[i, "date"], ev.at[i, "end_date"]
            try:
                if parse_period(end).last < parse_period(date).first:
                    problems.add(events.shown, events.line(i), events.col("end_date"),
                                 f"end_date {end} is before date {date}")
            except ValueError:
                pass  # already reported as a bad date
    positions = tables.get("positions")
    if positions is not None and events is not None:
        foreign(positions, "event_id", event_ids, "an event_id of events.csv")
    facts = tables.get("facts")
    if facts is not None:
        fr = facts.frame
        for i in range(len(fr)):
            if fr.at[i, "category"] in vocab.TOPIC_KEYED_FACT_CATEGORIES and pd.notna(fr.at[i, "key"]):
                msg = _check_topics(str(fr.at[i, "key"]))
                if msg:
                    problems.add(facts.shown, facts.line(i), facts.col("key"),
                                 f"{fr.at[i, 'category']} key: {msg}")

    # Sources: a url or a file; a file exists, matches its checksum; quotes are in it.
    documents: dict[str, str] = {}
    if sources is not None:
        sf = sources.frame
        for i in range(len(sf)):
            sid, url, file, sha = (sf.at[i, c] for c in ("source_id", "url", "file", "sha256"))
            machine_file = (pd.notna(sf.at[i, "source_type"]) and sf.at[i, "source_type"] == "machine-coded" and pd.notna(sha)
                            and "original_file" in sf.columns and pd.notna(sf.at[i, "original_file"]))
            if pd.isna(url) and pd.isna(file) and not machine_file:
                problems.add(sources.shown, sources.line(i), sources.col("url"),
                             "a source needs a url or a file (or, machine-coded, its original_file and sha256)")
            if pd.isna(file) or _check_relative_path(str(file)):
                continue
            doc = root / str(file)
            if not doc.is_file():
                problems.add(sources.shown, sources.line(i), sources.col("file"),
                             f"source file {file!r} does not exist in the dataset folder")
                continue
            if pd.isna(sha):
                problems.add(sources.shown, sources.line(i), sources.col("sha256"),
                             f"sha256 is required when a file is given (it is {_file_checksum(doc)})")
            elif not _check_sha256(str(sha)) and _file_checksum(doc) != sha:
                problems.add(sources.shown, sources.line(i), sources.col("sha256"),
                             f"checksum does not match {file} (the file's is {_file_checksum(doc)}): "
                             "the source changed after it was coded")
                continue
            try:
                documents[sid] = _fold(doc.read_text(encoding="utf-8-sig"))
            except UnicodeDecodeError:
                problems.add(sources.shown, sources.line(i), sources.col("file"),
                             f"source file {file!r} is not UTF-8 text")

    quote_columns = [("events", "source_id", "source_quote"), ("events", "topics_source_id", "topics_quote"),
                     ("positions", "source_id", "source_quote"), ("facts", "source_id", "source_quote")]
    for name, sid_col, quote_col in quote_columns:
        t = tables.get(name)
        if t is None:
            continue
        for i, (sid, quote) in enumerate(zip(t.frame[sid_col], t.frame[quote_col])):
            if pd.isna(sid) or pd.isna(quote) or sid not in documents:
                continue
            msg = _quote_missing(str(quote), documents[sid])
            if msg:
                problems.add(t.shown, t.line(i), t.col(quote_col), msg)


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


MANIFEST = "manifest.json"


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
            digest.update(hashlib.sha256(p.read_bytes()).digest())
    return digest.hexdigest()


def load(path: str | os.PathLike, pair: str | None = None,
         start: str | None = None, end: str | None = None, min_sources: int = 0) -> Dataset:
    """Read and validate the dataset folder at ``path``.

    Raises ``ValidationError`` listing every problem. With ``pair`` (``IND-BLR``),
    only that pair's events (either actor order, with the events part of them)
    and the two sides' positions are kept. ``start``/``end`` keep the rows whose
    period overlaps that window (the analyses need the previous window too, so the
    briefing loads without them).
    """
    root = Path(path)
    shown_root = _display(root)
    if not root.exists():
        raise ValidationError([f"{shown_root}:1:1: dataset folder does not exist"])
    if not root.is_dir():
        raise ValidationError([f"{shown_root}:1:1: not a folder: a dataset is a folder holding events.csv and sources.csv"])

    # The same folder, bytes and arguments as the last load: the same dataset. The
    # render validates the data, then the notebook loads it again (in the render's
    # fork, see fork_engine), so the second load costs a checksum, not a validation.
    try:
        key = (str(root.resolve()), dataset_checksum(root), pair, start, end, min_sources)
    except OSError:  # an unreadable file: the validation below names it
        key = None
    if key and _last_loaded and _last_loaded[0] == key:
        return _last_loaded[1].shallow_copy()

    problems = _Problems()
    raw: dict[str, _RawTable] = {}
    from .params import parse_pair

    pair_codes = parse_pair(pair) if pair else None
    for spec in TABLES:
        file = root / spec.filename
        parquet = root / f"{spec.name}.parquet"
        if parquet.exists():
            try:
                table = _from_parquet(spec, parquet, pair_codes)
            except Exception as exc:  # noqa: BLE001 - DuckDB/Ibis/Arrow errors: a damaged store
                problems.add(_display(parquet), 1, 1,
                             f"not a readable Parquet table of the contract ({str(exc).splitlines()[0]})")
                continue
            _check_values(table, problems)
            raw[spec.name] = table
            continue
        if not file.exists():
            if spec.required:
                problems.add(_display(file), 1, 1, f"required file {spec.filename} (or {spec.name}.parquet) is missing")
            continue
        table = _read_csv(spec, file, problems)
        if table is not None:
            _check_values(table, problems)
            raw[spec.name] = table
    _cross_checks(root, raw, problems)
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
    # A row is machine-coded when its source is: such rows carry no level or venue.
    machine_sources = set(frames["sources"].loc[frames["sources"]["source_type"] == "machine-coded", "source_id"])
    events["machine_coded"] = events["source_id"].isin(machine_sources).astype(bool)
    machine = bool(events["machine_coded"].any())
    ds = Dataset(root, events, frames["positions"], frames["facts"], frames["sources"],
                 frames["conflicts"], key[1] if key else dataset_checksum(root), machine)
    if pair_codes:
        ds = restrict_to_pair(ds, pair_codes)
    if min_sources:
        ev = ds.events
        keep = ev["num_sources"].isna() | (ev["num_sources"] >= int(min_sources))
        ds = ds.replace(events=ev[keep.fillna(True).astype(bool)].reset_index(drop=True))
    if start or end:
        ds = _restrict_to_window(ds, start, end)
    if key:
        _last_loaded[:] = [key, ds]
    return ds.shallow_copy()


_last_loaded: list = []  # [key, Dataset] of the last successful load
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3  # pandas 2 shares data on a shallow copy


def validate_store(path: str | os.PathLike) -> str:
    """Check a Parquet store without loading it into memory: its files against the
    checksums its importer recorded, and its tables' columns against the contract.
    Returns a one-line summary; raises ValidationError."""
    import json

    import duckdb

    root = Path(path)
    shown = _display(root)
    manifest = root / MANIFEST
    problems = _Problems()
    if not manifest.exists():
        raise ValidationError([f"{shown}/{MANIFEST}:1:1: a Parquet store needs the manifest its importer writes"])
    recorded = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
    for name, meta in recorded.items():
        f = root / name
        if not f.exists():
            problems.add(f"{shown}/{MANIFEST}", 1, 1, f"{name} is listed but missing")
        elif _file_checksum(f) != meta.get("sha256"):
            problems.add(_display(f), 1, 1, "checksum does not match the manifest: the store changed after its import")
    counts = {}
    con = duckdb.connect()
    for spec in (EVENTS, SOURCES):
        f = root / f"{spec.name}.parquet"
        if not f.exists():
            problems.add(_display(f), 1, 1, f"required file {spec.name}.parquet is missing")
            continue
        try:
            columns = [r[0] for r in con.execute("SELECT name FROM parquet_schema(?)", [str(f)]).fetchall()]
            counts[spec.name] = con.execute("SELECT count(*) FROM read_parquet(?)", [str(f)]).fetchone()[0]
        except duckdb.Error as exc:
            problems.add(_display(f), 1, 1, f"not a readable Parquet file ({str(exc).splitlines()[0]})")
            continue
        for col in spec.columns:
            if col.required and col.name not in columns:
                problems.add(_display(f), 1, 1, f"missing required column {col.name!r}")
    if problems.items:
        raise ValidationError(problems.lines())
    return (f"{root}: valid Parquet store — {counts.get('events', 0):,} events, {counts.get('sources', 0)} sources; "
            "checksums match the manifest")


def restrict_to_pair(ds: Dataset, pair: tuple[str, str]) -> Dataset:
    """The dataset with only the pair's events and the two sides' positions."""
    a, b = pair
    ev = ds.events
    in_pair = ((ev["actor1_country"] == a) & (ev["actor2_country"] == b)) | (
        (ev["actor1_country"] == b) & (ev["actor2_country"] == a))
    pos = ds.positions
    sides = pos["actor_country"].isin([a, b]) & (pos["target_country"].isna() | pos["target_country"].isin([a, b]))
    return ds.replace(events=ev[in_pair.fillna(False)].reset_index(drop=True),
                      positions=pos[sides.fillna(False)].reset_index(drop=True))


def _restrict_to_window(ds: Dataset, start: str | None, end: str | None) -> Dataset:
    lo = pd.Timestamp(start) if start else pd.Timestamp.min
    hi = pd.Timestamp(end) if end else pd.Timestamp.max

    def overlaps(frame: pd.DataFrame) -> pd.DataFrame:
        keep = (frame["last_day"] >= lo) & (frame["first_day"] <= hi)
        return frame[keep].reset_index(drop=True)

    return ds.replace(events=overlaps(ds.events), positions=overlaps(ds.positions))
