"""A draft folder: the proposed tables, the article under ``sources/``, its
``sources.csv`` row with the checksum, and ``review.html``. The folder is itself
a dataset: ``bilateral.load`` validates it (quotes checked verbatim)."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

from ..errors import ParameterError
from . import guard
from .pipeline import Draft
from ..paths import atomic_write

EVENT_COLUMNS = ["event_id", "date", "end_date", "event_type", "actor1_country", "actor1_name", "actor1_role",
                 "actor2_country", "actor2_name", "actor2_role", "level", "location_city", "location_country",
                 "venue", "part_of", "topics", "summary", "source_id", "source_quote", "cameo_code"]
POSITION_COLUMNS = ["position_id", "date", "actor_country", "topic", "stance", "target_country", "event_id",
                    "summary", "source_id", "source_quote"]
FACT_COLUMNS = ["fact_id", "category", "key", "label", "value", "unit", "as_of", "source_id", "source_quote", "note"]
CONFLICT_COLUMNS = ["conflict_id", "source_id", "field", "value_a", "value_b", "chosen", "reason"]
# Draft-only: topics an article gives to events already in the dataset (``accept`` merges them).
EVENT_TOPIC_COLUMNS = ["update_id", "event_id", "topics", "topics_source_id", "topics_quote", "rule"]
SOURCE_COLUMNS = ["source_id", "title", "publisher", "published", "source_type", "url", "file", "accessed",
                  "sha256", "notes"]
# Draft-only columns: why a row was proposed, and links to events of the dataset
# the draft is for (``accept`` moves them into part_of / event_id).
DRAFT_EXTRA = ["synthetic", "confidence", "rule", "dataset_event_id", "dataset_part_of"]
TABLES = {"events": EVENT_COLUMNS, "positions": POSITION_COLUMNS, "facts": FACT_COLUMNS,
          "conflicts": CONFLICT_COLUMNS, "sources": SOURCE_COLUMNS}


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write atomically (a temporary file renamed over the target)."""
    extra = [c for c in DRAFT_EXTRA if any(r.get(c) for r in rows) and c not in columns]
    with atomic_write(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns + extra, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})


def default_source_id(published: dt.date, article: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", article.stem.lower()).strip("-")[:40] or "article"
    return f"press-{published.isoformat()}-{slug}"


def source_row(d: Draft, article: Path, text: str) -> dict:
    first = next((s.text for s in d.sentences if not (d.synthetic and s.start == 0)), article.stem)
    title = first if len(first) <= 110 else first[:107].rsplit(" ", 1)[0] + "…"
    return {"source_id": d.source_id, "title": title, "publisher": "", "published": d.published.isoformat(),
            "source_type": "synthetic" if d.synthetic else "press", "url": "", "file": f"sources/{article.name}",
            "accessed": dt.date.today().isoformat(), "sha256": hashlib.sha256(article.read_bytes()).hexdigest(),
            "notes": "Drafted by `bilateral draft`; title is the article's first sentence (check it).",
            **({"synthetic": "true"} if d.synthetic else {})}


def write(d: Draft, article: Path, out: Path) -> dict[str, Path]:
    """Write the draft folder and check it with the loader; returns the files written."""
    from ..dataset.load import load

    if out.exists() and not out.is_dir():
        raise ParameterError(f"parameter '--out': {out} is a file, not a folder")
    (out / "sources").mkdir(parents=True, exist_ok=True)
    text = article.read_text(encoding="utf-8")
    copy = out / "sources" / article.name
    copy.write_bytes(article.read_bytes())
    files = {}
    tables = {"events": d.events, "positions": d.positions, "facts": d.facts, "conflicts": d.conflicts,
              "sources": [source_row(d, article, text)]}
    for name, columns in TABLES.items():
        files[name] = out / f"{name}.csv"
        if tables[name] or name in ("events", "sources"):
            write_csv(files[name], columns, tables[name])
        elif files[name].exists():  # optional and empty: absent (a rerun leaves no stale rows)
            files[name].unlink()
    topics_file = out / "event_topics.csv"
    if d.event_topics:
        write_csv(topics_file, EVENT_TOPIC_COLUMNS, d.event_topics)
    elif topics_file.exists():
        topics_file.unlink()
    guard.write_metadata(out, ["-".join(d.pair)])  # the draft's pair: ``accept`` checks the dataset declares it
    from .review import write_review

    files["review"] = write_review(d, text, out / "review.html")
    load(out)  # the drafts pass the loader curated data passes (quotes verbatim, ids, vocabularies)
    return files
