"""What ``accept`` checks and keeps: the pairs a dataset declares, and its lines as they were.

- A draft holds rows of one pair (its ``dataset.json``, written by ``draft``). A dataset whose
  ``dataset.json`` does not declare that pair refuses them: its briefings would show another
  relationship's stances as its own. A dataset without ``dataset.json`` accepts rows only of a pair
  its events already hold; a new dataset is created declaring the draft's pair.
- Rows are appended to a table's file as it is: every existing line is left byte for byte (line
  ends, quoting, a BOM); an existing row is rewritten only when the draft changes it (topics added
  to an event of the dataset). A value in a column the file does not have stays in the draft.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..contract.names import country_name
from ..contract.problems import Problems
from ..dataset.metadata import FILENAME, read_metadata
from ..errors import ParameterError


def _pairs_of_rows(events: list[dict], positions: list[dict]) -> set[str]:
    found = set()
    for r in events:
        a, b = r.get("actor1_country"), r.get("actor2_country")
        if a and b and a != b:
            found.add("-".join((a, b)))
    for r in positions:
        a, b = r.get("actor_country"), r.get("target_country")
        if a and b and a != b:
            found.add("-".join((a, b)))
    return found


def _same(p: str, q: str) -> bool:
    return set(p.split("-")) == set(q.split("-"))


def draft_pairs(draft_dir: Path, events: list[dict], positions: list[dict]) -> list[str]:
    meta = read_metadata(draft_dir, Problems(), FILENAME)
    declared = list(meta.get("pairs", ()))
    out: list[str] = list(declared)
    for p in sorted(_pairs_of_rows(events, positions)):
        if not any(_same(p, q) for q in out):
            out.append(p)
    return out


def check_pairs(into: Path, pairs: list[str], target_events: list[dict], fresh: bool) -> list[str]:
    """Raise ParameterError (one line) when ``into`` does not declare a pair of the draft; returns the
    pairs a new dataset's ``dataset.json`` should declare (empty when it exists already)."""
    if fresh:
        return pairs
    path = into / FILENAME
    if path.exists():
        declared = list(read_metadata(into, Problems(), FILENAME).get("pairs", ()))
        for p in pairs:
            if not any(_same(p, q) for q in declared):
                raise ParameterError(
                    f"{path}: declares {', '.join(declared) or 'no pair'}, not {p}: add \"{p}\" to its \"pairs\" "
                    f"to accept these rows, or accept them into a dataset of {p}")
        return []
    held = _pairs_of_rows(target_events, [])
    for p in pairs:
        if not any(_same(p, q) for q in held):
            raise ParameterError(
                f"{into}: has no {FILENAME} and no event of {p}: create {path} with "
                f"{{\"pairs\": [\"{p}\"]}} to accept these rows")
    return []


def write_metadata(folder: Path, pairs: list[str]) -> None:
    title = ", ".join("–".join(country_name(c) for c in p.split("-")) for p in pairs)
    (folder / FILENAME).write_text(json.dumps({"title": title, "pairs": pairs}, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")


def _records(text: str) -> list[str]:
    """The file's records as their raw text (a quoted field may span lines)."""
    out, buf = [], ""
    for line in text.splitlines(keepends=True):
        buf += line
        if buf.count('"') % 2 == 0:
            out.append(buf)
            buf = ""
    if buf:
        out.append(buf)
    return out


def _line(header: list[str], row: dict, end: str) -> str:
    s = io.StringIO()
    csv.writer(s, lineterminator=end).writerow(["" if row.get(c) is None else row.get(c, "") for c in header])
    return s.getvalue()


def append(path: Path, id_column: str, new_rows: list[dict], changed: dict[str, dict]) -> tuple[bytes, list[tuple]]:
    """The bytes of ``path`` with ``new_rows`` appended and the rows of ``changed`` (id -> row)
    rewritten, every other line as it was; and (id, column) of values left out (no such column)."""
    text = path.read_bytes().decode("utf-8")
    records = _records(text)
    header = next(csv.reader([records[0].lstrip("\ufeff")])) if records else []
    end = "\r\n" if records and records[0].endswith("\r\n") else "\n"
    id_at = header.index(id_column) if id_column in header else None
    if changed and id_at is not None:
        for i, rec in enumerate(records[1:], start=1):
            if not rec.strip():
                continue
            fields = next(csv.reader([rec]))
            if id_at < len(fields) and fields[id_at] in changed:
                records[i] = _line(header, changed[fields[id_at]], rec[len(rec.rstrip("\r\n")):] or end)
    body = "".join(records)
    if body and not body.endswith(("\n", "\r")):
        body += end
    left_out = []
    for r in new_rows:
        left_out += [(r.get(id_column), c) for c, v in r.items() if v not in (None, "") and c not in header]
        body += _line(header, r, end)
    return body.encode("utf-8"), left_out
