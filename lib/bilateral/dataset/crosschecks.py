"""Checks that span rows or tables: unique ids, foreign keys, source files and
their checksums, quotes found verbatim in their sources."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..contract import vocab
from ..contract.checksums import sha256_of
from ..contract.columns import QUOTE_FRAGMENT_SEPARATOR, check_relative_path, check_sha256, check_topics
from ..contract.dates import parse_period
from ..contract.problems import Problems
from .tables import RawTable

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


def cross_checks(root: Path, tables: dict[str, RawTable], problems: Problems) -> None:
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

    def foreign(t: RawTable, column: str, known: set, what: str) -> None:
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
                msg = check_topics(str(fr.at[i, "key"]))
                if msg:
                    problems.add(facts.shown, facts.line(i), facts.col("key"),
                                 f"{fr.at[i, 'category']} key: {msg}")

    undeclared_pairs(root, tables, problems)

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
            if pd.isna(file) or check_relative_path(str(file)):
                continue
            doc = root / str(file)
            if not doc.is_file():
                problems.add(sources.shown, sources.line(i), sources.col("file"),
                             f"source file {file!r} does not exist in the dataset folder")
                continue
            if pd.isna(sha):
                problems.add(sources.shown, sources.line(i), sources.col("sha256"),
                             f"sha256 is required when a file is given (it is {sha256_of(doc)})")
            elif not check_sha256(str(sha)) and sha256_of(doc) != sha:
                problems.add(sources.shown, sources.line(i), sources.col("sha256"),
                             f"checksum does not match {file} (the file's is {sha256_of(doc)}): "
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



def undeclared_pairs(root: Path, tables: dict[str, RawTable], problems: Problems) -> None:
    """Positions and facts of a pair ``dataset.json`` does not declare (when it declares pairs): a
    stance between two other countries would be shown as one of the declared relationship's."""
    from .metadata import read_metadata

    declared = {frozenset(p.split("-")) for p in read_metadata(root, Problems(), "dataset.json").get("pairs", ())}
    if not declared:
        return
    shown = ", ".join(sorted("-".join(sorted(p)) for p in declared))
    countries = set().union(*declared)
    positions = tables.get("positions")
    if positions is not None:
        pf = positions.frame
        for i in range(len(pf)):
            actor, target = pf.at[i, "actor_country"], pf.at[i, "target_country"]
            if pd.isna(actor):
                continue
            pair = frozenset((actor, target)) if pd.notna(target) and target != actor else None
            if (pair is not None and pair not in declared) or (pair is None and actor not in countries):
                what = f"{actor}-{target}" if pair is not None else str(actor)
                problems.add(positions.shown, positions.line(i), positions.col("actor_country"),
                             f"a position of {what}, not of a pair dataset.json declares ({shown}): "
                             f"declare the pair in dataset.json's \"pairs\" or move the row to that pair's dataset")
    facts = tables.get("facts")
    if facts is not None and "pair" in facts.frame.columns:
        ff = facts.frame
        for i in ff.index[ff["pair"].notna()]:
            codes = frozenset(str(ff.at[i, "pair"]).split("-"))
            if codes not in declared:
                problems.add(facts.shown, facts.line(i), facts.col("pair"),
                             f"a fact of {ff.at[i, 'pair']}, not of a pair dataset.json declares ({shown}): "
                             f"declare the pair in dataset.json's \"pairs\" or move the row to that pair's dataset")
