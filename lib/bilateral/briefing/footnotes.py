"""Footnotes: every generated sentence names the rows it was computed from.

A ``Sentence`` is its text, the ``claims`` it makes (each a figure, its value, the
words that state it and the row ids it was computed from) and, where a claim rests on
no row (a count of zero), the table that was searched. The rows are the events,
positions, facts, sources and conflicts of the briefing's tables, each with a stable
anchor (``anchor``) and a label numbered in its table's order: E1… in the timeline,
P1… in the alignment table, F1… in the framework, S1… in the sources, C1… among the
recorded conflicts. A footnote mark is that label, linking to the row (an internal
link in the PDF too). The sidecar records every sentence with its claims, so that a
test can recompute each figure from exactly the rows cited.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

KINDS = {  # kind: (label prefix, anchor prefix, the table a reader finds it in)
    "events": ("E", "ev", "the timeline table"),
    "positions": ("P", "pos", "the alignment table"),
    "facts": ("F", "fact", "the cooperation framework"),
    "sources": ("S", "src", "the sources table"),
    "conflicts": ("C", "conf", "the recorded conflicts"),
}
TABLE_ANCHORS = {"events": "timeline-rows", "positions": "alignment-rows", "facts": "framework-rows",
                 "sources": "source-rows", "conflicts": "conflict-rows"}
MAX_MARKS = 12  # more rows of one kind than this: the first few, then how many more


def anchor(kind: str, row_id: str) -> str:
    """A row's stable anchor: its id when that is a safe fragment, else a digest of it."""
    row_id = str(row_id)
    prefix = KINDS[kind][1]
    if re.fullmatch(r"[A-Za-z0-9._:-]{1,120}", row_id):
        return f"{prefix}-{row_id}"
    return f"{prefix}-h{hashlib.sha256(row_id.encode()).hexdigest()[:16]}"


@dataclass
class Claim:
    figure: str                 # what is stated: "engagements", "high_level", "visits", ...
    value: object               # the figure's value (a count, a date, a list of ids)
    rows: dict[str, list[str]]  # kind -> ids the value was computed from
    said: str = ""              # the words of the sentence that state it
    searched: str | None = None  # the table searched when ``rows`` is empty
    params: dict = field(default_factory=dict)  # what else the figure depends on (a direction, a window)
    basis: dict | None = None   # a figure from outside the dataset's tables: {"text", "href"}

    def as_json(self) -> dict:
        return {"figure": self.figure, "value": self.value, "said": self.said, "rows": self.rows,
                "searched": self.searched, "basis": self.basis, "params": self.params}


@dataclass
class Sentence:
    text: str
    section: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def rows(self) -> dict[str, list[str]]:
        """Every row the sentence cites, by kind, in order of first citation."""
        out: dict[str, list[str]] = {}
        for c in self.claims:
            for kind, ids in c.rows.items():
                seen = out.setdefault(kind, [])
                seen += [i for i in ids if i not in seen]
        return {k: v for k, v in out.items() if v}

    @property
    def searched(self) -> list[str]:
        return list(dict.fromkeys(c.searched for c in self.claims
                                  if c.searched and not any(c.rows.values()) and not c.basis))

    @property
    def bases(self) -> list[dict]:
        return [c.basis for c in self.claims if c.basis]

    def as_json(self) -> dict:
        return {"section": self.section, "text": self.text, "rows": self.rows, "searched": self.searched,
                "claims": [c.as_json() for c in self.claims]}


def claim(figure: str, value, rows: dict[str, list[str]], said: str = "", searched: str | None = None,
          basis: dict | None = None, **params) -> Claim:
    rows = {k: [str(i) for i in v] for k, v in rows.items()}
    if not any(rows.values()) and searched is None and basis is None:
        searched = KINDS[next(iter(rows))][2] if rows else None
    return Claim(figure, value, rows, said, searched, params, basis)


def _runs(numbered: list[tuple[int, str, str]]) -> list[list[tuple[int, str, str]]]:
    runs: list[list] = []
    for item in sorted(numbered):
        if runs and item[0] == runs[-1][-1][0] + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def marks(sentence: Sentence, labels: dict[str, dict[str, str]]) -> dict:
    """The footnote marks of a sentence: links to its rows (runs of three or more shown as
    ``E1–E5``), how many cited rows this briefing does not list, and the tables searched."""
    links, unlisted = [], 0
    for kind, ids in sentence.rows.items():
        prefix = KINDS[kind][0]
        numbered = []
        for i in ids:
            label = labels.get(kind, {}).get(i)
            if label is None:
                unlisted += 1
            else:
                numbered.append((int(label[len(prefix):]), label, anchor(kind, i)))
        shown = 0
        for run in _runs(numbered):
            if shown >= MAX_MARKS:
                unlisted += len(run)
                continue
            if len(run) >= 3:
                links.append({"label": run[0][1], "href": run[0][2], "to": {"label": run[-1][1], "href": run[-1][2]}})
            else:
                links += [{"label": label, "href": href, "to": None} for _, label, href in run]
            shown += len(run)
    searched = [{"prefix": "none in", "table": t, "href": next((TABLE_ANCHORS[k] for k, v in KINDS.items() if v[2] == t), None)}
                for t in sentence.searched]
    searched += [{"prefix": "from", "table": b["text"], "href": b.get("href")} for b in sentence.bases]
    return {"text": sentence.text, "links": links, "unlisted": unlisted, "searched": searched}
