"""Synthetic datasets for tests and benchmarks, never for briefings on real relations.

Every row is marked ``synthetic=true`` and cites a source of type ``synthetic``
whose file holds the generated sentences, so the dataset passes the same
validation as real data. Run ``python -m bilateral.dataset.synthetic OUT`` to write one
(outside ``data/``: real and synthetic data never share a folder).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import random
from pathlib import Path

from ..contract import vocab

SOURCE_ID = "synthetic-generator"
_CITIES = {"IND": "New Delhi", "BLR": "Minsk", "RUS": "Moscow", "CHN": "Beijing", "FRA": "Paris",
           "DEU": "Berlin", "BRA": "Brasília", "ZAF": "Pretoria", "KAZ": "Astana", "UZB": "Tashkent"}
_VENUES = ["SCO Summit", "BRICS Summit", "UN General Assembly", "NAM Summit"]
_LEVEL_WEIGHTS = {"head_of_state": 1, "head_of_government": 1, "minister": 4, "deputy_minister": 3,
                  "senior_official": 3, "official": 2, "parliament": 1}
# Stances drawn (no outcomes: a synthetic bid is never attained).
_STANCE_WEIGHTS = {"support": 5, "oppose": 2, "neutral": 1, "concern": 1, "interest": 2}
_TYPE_WEIGHTS = {"visit": 4, "meeting": 5, "call": 3, "mechanism": 2, "agreement": 2, "statement": 3,
                 "negotiation": 1, "intent": 1, "ratification": 1}


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def make(root: str | Path, pairs: list[tuple[str, str]] = (("IND", "BLR"),), first_year: int = 2018,
         last_year: int = 2024, events_per_year: int = 10, seed: int = 0) -> Path:
    """Write a synthetic dataset folder at ``root`` and return its path."""
    rng = random.Random(seed)
    root = Path(root)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    sentences: list[str] = []
    events, positions = [], []
    topics = list(vocab.TOPICS)
    for a, b in pairs:
        for year in range(first_year, last_year + 1):
            n = max(0, int(rng.gauss(events_per_year, events_per_year / 4)))
            for i in range(n):
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
                etype = rng.choices(list(_TYPE_WEIGHTS), weights=list(_TYPE_WEIGHTS.values()))[0]
                level = rng.choices(list(_LEVEL_WEIGHTS), weights=list(_LEVEL_WEIGHTS.values()))[0]
                traveller, host = (a, b) if rng.random() < 0.5 else (b, a)
                precision = rng.random()
                date = day.isoformat() if precision > 0.1 else (f"{day:%Y-%m}" if precision > 0.03 else str(year))
                end = ""
                if etype == "visit" and date == day.isoformat() and rng.random() < 0.6:
                    end = (day + dt.timedelta(days=rng.randint(1, 3))).isoformat()
                venue = rng.choice(_VENUES) if etype == "meeting" and rng.random() < 0.4 else ""
                eid = f"syn-{a.lower()}-{b.lower()}-{year}-{i:03d}"
                sentence = f"Synthetic event {eid}: a {etype} between {a} and {b} on {date}."
                sentences.append(sentence)
                chosen = rng.sample(topics, k=rng.randint(0, 3))
                events.append({
                    "event_id": eid, "date": date, "end_date": end, "event_type": etype,
                    "actor1_country": traveller, "actor2_country": host, "level": level,
                    "location_city": _CITIES.get(host, "") if not venue else "",
                    "location_country": host if not venue else "", "venue": venue, "part_of": "",
                    "topics": ";".join(chosen), "summary": f"Synthetic {etype} ({level}).",
                    "source_id": SOURCE_ID, "source_quote": sentence, "synthetic": "true"})
                if etype == "visit" and rng.random() < 0.5:
                    cid = eid + "-talks"
                    s2 = f"Synthetic event {cid}: talks during {eid}."
                    sentences.append(s2)
                    events.append({**events[-1], "event_id": cid, "event_type": "meeting", "end_date": "",
                                   "date": date, "part_of": eid, "summary": "Synthetic talks during a visit.",
                                   "source_quote": s2})
                for side in (a, b):
                    if rng.random() < 0.35:
                        topic = rng.choice(topics)
                        stance = rng.choices(list(_STANCE_WEIGHTS), weights=list(_STANCE_WEIGHTS.values()))[0]
                        target = side if stance == "interest" else (rng.choice([a, b, ""]) if stance == "support" else "")
                        pid = f"{eid}-{side.lower()}-pos"
                        s3 = f"Synthetic position {pid}: {side} {stance} on {topic}."
                        sentences.append(s3)
                        positions.append({
                            "position_id": pid, "date": date, "actor_country": side, "topic": topic,
                            "stance": stance, "target_country": target, "event_id": eid,
                            "summary": f"Synthetic stance: {side} {stance} ({topic}).",
                            "source_id": SOURCE_ID, "source_quote": s3, "synthetic": "true"})
    text = "\n".join(sentences) + "\n"
    (root / "sources" / "synthetic.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _write(root / "sources.csv", ["source_id", "title", "publisher", "published", "source_type", "url",
                                  "file", "accessed", "sha256"],
           [{"source_id": SOURCE_ID, "title": f"Synthetic events (seed {seed})", "publisher": "bilateral.dataset.synthetic",
             "published": f"{last_year}-12-31", "source_type": "synthetic", "url": "",
             "file": "sources/synthetic.txt", "accessed": "", "sha256": sha}])
    ev_cols = ["event_id", "date", "end_date", "event_type", "actor1_country", "actor2_country", "level",
               "location_city", "location_country", "venue", "part_of", "topics", "summary", "source_id",
               "source_quote", "synthetic"]
    _write(root / "events.csv", ev_cols, events)
    _write(root / "positions.csv", ["position_id", "date", "actor_country", "topic", "stance", "target_country",
                                    "event_id", "summary", "source_id", "source_quote", "synthetic"], positions)
    return root


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bilateral.dataset.synthetic", description=__doc__.splitlines()[0])
    p.add_argument("out", help="folder to write (outside data/)")
    p.add_argument("--pairs", default="IND-BLR", help="comma-separated pairs, e.g. IND-BLR,IND-RUS")
    p.add_argument("--years", default="2018-2024", help="first-last year")
    p.add_argument("--per-year", type=int, default=10, help="mean events per pair and year")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    first, last = (int(y) for y in args.years.split("-"))
    pairs = [tuple(x.strip().upper().split("-")) for x in args.pairs.split(",")]
    root = make(args.out, pairs, first, last, args.per_year, args.seed)
    print(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
