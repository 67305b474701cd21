"""``bilateral accept``: add a draft's rows to a dataset, validate-then-write.

A proposed row that duplicates one already there (an event of the same type, date
and pair; a position of the same actor, topic, stance, target and date; a fact of
the same category, key and value) is flagged, not added, and rows that pointed at
it point at the existing row instead. The merged tables are written to a staging
folder and loaded there first: if the result would not validate, nothing is
written to the dataset.
"""
from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParameterError
from . import guard
from .writer import TABLES, write_csv

ID = {"events": "event_id", "positions": "position_id", "facts": "fact_id", "conflicts": "conflict_id",
      "sources": "source_id"}
DRAFT_ONLY = {"confidence", "rule", "dataset_event_id", "dataset_part_of"}


@dataclass
class Report:
    into: Path
    added: dict = field(default_factory=dict)          # table -> [ids]
    duplicates: list = field(default_factory=list)     # (table, draft id, existing id)
    renamed: list = field(default_factory=list)        # (table, draft id, new id)
    updated: list = field(default_factory=list)        # (event id, topics added)
    skipped_updates: list = field(default_factory=list)
    left_out: list = field(default_factory=list)       # (table, row id, column) not in the dataset's file
    declared: list = field(default_factory=list)       # pairs a new dataset.json declares
    source_added: str | None = None

    def text(self) -> str:
        lines = [f"{self.into}: added " + ", ".join(f"{len(v)} {k}" for k, v in self.added.items())
                 + (f"; source {self.source_added}" if self.source_added else "; source already there")]
        for table, draft_id, existing in self.duplicates:
            lines.append(f"duplicate, not added: {table} {draft_id} (same as {existing})")
        for event_id, topics in self.updated:
            lines.append(f"topics added to {event_id}: {', '.join(topics)}")
        for update_id, why in self.skipped_updates:
            lines.append(f"not applied: {update_id} ({why})")
        for table, draft_id, new in self.renamed:
            lines.append(f"renamed: {table} {draft_id} -> {new} (the id was taken)")
        if self.left_out:
            by: dict = {}
            for table, rid, col in self.left_out:
                by.setdefault((table, col), []).append(rid)
            for (table, col), ids in by.items():
                lines.append(f"kept in the draft: {col} of {len(ids)} {table} row(s) ({table}.csv has no {col} column; "
                             "existing lines are left as they were)")
        if self.declared:
            lines.append(f"dataset.json written: pairs {', '.join(self.declared)}")
        return "\n".join(lines)


def _read(path: Path) -> tuple[list[str], list[dict]]:
    if not path.exists():
        return [], []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = [dict(r) for r in reader]
        return list(reader.fieldnames or []), rows


def _event_key(r: dict) -> tuple:
    return (r.get("event_type"), r.get("date"), frozenset((r.get("actor1_country"), r.get("actor2_country") or "")))


def _position_key(r: dict) -> tuple:
    return (r.get("actor_country"), r.get("topic"), r.get("stance"), r.get("target_country") or "", r.get("date"))


def _fact_key(r: dict) -> tuple:
    return (r.get("category"), r.get("key"), r.get("value"))


KEYS = {"events": _event_key, "positions": _position_key, "facts": _fact_key,
        "conflicts": lambda r: (r.get("source_id"), r.get("field"))}


def accept(draft_dir: Path, into: Path, rows: str | None = None) -> Report:
    from ..dataset.load import load

    load(draft_dir)  # a draft that does not validate is not accepted
    if into.exists() and not into.is_dir():
        raise ParameterError(f"parameter '--into': {into} is a file, not a dataset folder")
    fresh = not into.exists() or not any(into.iterdir())
    if not fresh:
        load(into)
    draft = {name: _read(draft_dir / f"{name}.csv") for name in TABLES}
    target = {name: _read(into / f"{name}.csv") for name in TABLES}
    pairs = guard.draft_pairs(draft_dir, draft["events"][1], draft["positions"][1])
    declare = guard.check_pairs(into, pairs, target["events"][1], fresh)
    wanted = None
    if rows:
        wanted = {r.strip() for r in rows.split(",") if r.strip()}
        known = {r[ID[n]] for n in ("events", "positions", "facts", "conflicts") for r in draft[n][1]}
        known |= {r["update_id"] for r in _read(draft_dir / "event_topics.csv")[1]}
        unknown = sorted(wanted - known)
        if unknown:
            raise ParameterError(f"parameter '--rows': {unknown[0]!r} is not a row of {draft_dir} (ids are in its events.csv, positions.csv, facts.csv)")

    report = Report(into, declared=declare)
    remap: dict[str, str] = {}
    appended: dict[str, list] = {}
    merged: dict[str, list[dict]] = {}
    for name in ("events", "positions", "facts", "conflicts"):
        _, existing = target[name]
        taken = {r[ID[name]] for r in existing}
        index = {KEYS[name](r): r[ID[name]] for r in existing}
        out = list(existing)
        added = []
        for r in draft[name][1]:
            rid = r[ID[name]]
            if wanted is not None and rid not in wanted:
                continue
            if not r.get("part_of") and r.get("dataset_part_of"):
                r["part_of"] = r["dataset_part_of"]
            if not r.get("event_id") and r.get("dataset_event_id"):
                r["event_id"] = r["dataset_event_id"]
            r = {k: v for k, v in r.items() if k not in DRAFT_ONLY}
            for ref in ("part_of", "event_id"):
                if r.get(ref) in remap:
                    r[ref] = remap[r[ref]]
            key = KEYS[name](r)
            if key in index:
                remap[rid] = index[key]
                report.duplicates.append((name, rid, index[key]))
                continue
            new_id, n = rid, 2
            while new_id in taken:
                new_id, n = f"{rid}-{n}", n + 1
            if new_id != rid:
                remap[rid] = new_id
                report.renamed.append((name, rid, new_id))
                r[ID[name]] = new_id
            taken.add(new_id)
            index[key] = new_id
            out.append(r)
            added.append(new_id)
        merged[name] = out
        appended[name] = out[len(existing):]
        report.added[name] = added

    # Topics the article gives to events already there: merged, with the quote they rest on.
    for u in _read(draft_dir / "event_topics.csv")[1]:
        if wanted is not None and u["update_id"] not in wanted:
            continue
        event = next((r for r in merged["events"] if r.get("event_id") == remap.get(u["event_id"], u["event_id"])), None)
        if event is None:
            continue  # the event is not in the dataset: validation would not find the quote's event either
        if event.get("topics_source_id") and event["topics_source_id"] != u["topics_source_id"]:
            report.skipped_updates.append((u["update_id"], f"topics of {event['event_id']} already rest on {event['topics_source_id']}"))
            continue
        have = [t for t in (event.get("topics") or "").split(";") if t]
        new = [t for t in u["topics"].split(";") if t and t not in have]
        if not new:
            continue
        event["topics"] = ";".join(have + new)
        event["topics_source_id"] = u["topics_source_id"]
        event["topics_quote"] = u["topics_quote"] if not event.get("topics_quote") else event["topics_quote"] + " … " + u["topics_quote"]
        report.updated.append((event["event_id"], new))

    # The source: added once; the same id with other bytes is an error.
    _, sources = target["sources"]
    _, draft_sources = draft["sources"]
    merged["sources"] = list(sources)
    copies = []
    anything = any(report.added.values()) or bool(report.updated)
    for s in draft_sources if anything else []:  # a source none of whose rows is added is not added
        same = next((x for x in sources if x["source_id"] == s["source_id"]), None)
        if same and same.get("sha256") != s.get("sha256"):
            raise ParameterError(f"{into / 'sources.csv'}: source {s['source_id']!r} is already there with another checksum")
        if not same:
            merged["sources"].append(s)
            appended.setdefault("sources", []).append(s)
            report.source_added = s["source_id"]
        if s.get("file"):
            copies.append(s["file"])

    columns = {}
    for name, contract in TABLES.items():
        header = target[name][0] or contract
        extra = [c for r in merged[name] for c in r if c not in header and c not in DRAFT_ONLY]
        columns[name] = list(dict.fromkeys(header + [c for c in contract if c not in header] + extra))

    with tempfile.TemporaryDirectory(prefix=".accept-", dir=into.parent if into.parent.exists() else None) as tmp:
        stage = Path(tmp)
        if (into / "sources").is_dir():
            shutil.copytree(into / "sources", stage / "sources")
        for rel in copies:
            dest = stage / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if dest.exists() and dest.read_bytes() != (draft_dir / rel).read_bytes():
                raise ParameterError(f"{into / rel}: another file of that name is already in the dataset")
            shutil.copyfile(draft_dir / rel, dest)
        changed = {event_id: next(r for r in merged["events"] if r.get("event_id") == event_id) for event_id, _ in report.updated}
        for name in TABLES:
            if (into / f"{name}.csv").exists():  # existing lines byte for byte; new rows appended
                data, left = guard.append(into / f"{name}.csv", ID[name], appended.get(name, []),
                                          changed if name == "events" else {})
                (stage / f"{name}.csv").write_bytes(data)
                report.left_out += [(name, rid, col) for rid, col in left]
            elif merged[name] or name in ("events", "sources"):
                write_csv(stage / f"{name}.csv", columns[name], [{c: r.get(c, "") for c in columns[name]} for r in merged[name]])
        if declare:
            guard.write_metadata(stage, declare)
        elif (into / guard.FILENAME).exists():
            shutil.copyfile(into / guard.FILENAME, stage / guard.FILENAME)
        load(stage)  # raises ValidationError: nothing has been written to the dataset
        into.mkdir(parents=True, exist_ok=True)
        if declare:
            shutil.copyfile(stage / guard.FILENAME, into / guard.FILENAME)
        for rel in copies:
            (into / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(stage / rel, into / rel)
        for name in TABLES:
            if (stage / f"{name}.csv").exists():
                shutil.copyfile(stage / f"{name}.csv", into / f".{name}.csv.new")
                (into / f".{name}.csv.new").replace(into / f"{name}.csv")
    return report
