"""Two versions of the India–Belarus dataset for the editions tests, made from the frozen
fixture (tests/fixtures/india-belarus), never written into data/.

- version 1: the fixture plus one synthetic source and the one synthetic fact citing it
  (a briefing lists the sources its rows cite).
- version 2: version 1 with one event added (a synthetic telephone call on 15 February
  2024, inside the fixture's window so that the two editions share it), one stance
  changed (a synthetic later position: Belarus neutral on UN Security Council reform) and
  the synthetic source of version 1 removed (with its fact); the new rows cite a new
  synthetic source.

Every added row is synthetic: ``synthetic`` is true on the event and the position, the
sources' type is ``synthetic`` and their documents say so in their first line.

Run as a script to write both under a folder: ``python tests/editions_data.py OUT``.
"""
from __future__ import annotations

import csv
import hashlib
import shutil
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "india-belarus"
NAME = "india-belarus"  # both versions keep the dataset's name: the same dataset, changed

BACKGROUND_ID = "synthetic-background-note"
BACKGROUND_DOC = "SYNTHETIC test document, not a real source: background reading for the editions tests.\n"
READOUT_ID = "synthetic-2024-03-13-readout"
READOUT_DOC = ("SYNTHETIC test document, not a real source: made by tests/editions_data.py.\n"
               "The foreign ministers of Belarus and India spoke by telephone on 15 February 2024. "
               "Belarus now describes itself as neutral on the reform of the UN Security Council.\n")
CALL_QUOTE = "The foreign ministers of Belarus and India spoke by telephone on 15 February 2024."
STANCE_QUOTE = "Belarus now describes itself as neutral on the reform of the UN Security Council."
ADDED_EVENT = "synthetic-2024-02-15-fm-call"
CHANGED_POSITION = "synthetic-pos-blr-unsc-neutral"


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})


def _source(root: Path, source_id: str, title: str, doc: str) -> dict:
    name = f"sources/{source_id}.txt"
    (root / name).write_text(doc, encoding="utf-8")
    return {"source_id": source_id, "title": title, "publisher": "", "published": "2024-03-13",
            "source_type": "synthetic", "url": "", "file": name, "accessed": "",
            "sha256": hashlib.sha256(doc.encode("utf-8")).hexdigest(),
            "notes": "Synthetic: written by tests/editions_data.py for the editions tests; not a real source."}


def version1(out: Path) -> Path:
    root = Path(out) / NAME
    shutil.copytree(FIXTURE, root)
    columns, sources = _read(root / "sources.csv")
    sources.append(_source(root, BACKGROUND_ID, "Synthetic background note (test data)", BACKGROUND_DOC))
    _write(root / "sources.csv", columns, sources)
    columns, facts = _read(root / "facts.csv")
    facts.append({"fact_id": "synthetic-fact-background", "category": "relationship", "key": "test_background",
                  "label": "Synthetic test fact", "value": "background reading (synthetic)",
                  "source_id": BACKGROUND_ID, "source_quote": "background reading for the editions tests.",
                  "note": "synthetic"})
    _write(root / "facts.csv", columns, facts)
    return root


def version2(out: Path) -> Path:
    root = Path(out) / NAME
    shutil.copytree(FIXTURE, root)
    columns, sources = _read(root / "sources.csv")
    sources.append(_source(root, READOUT_ID, "Synthetic readout of a telephone call (test data)", READOUT_DOC))
    _write(root / "sources.csv", columns, sources)  # the background note of version 1 is not there: removed

    columns, events = _read(root / "events.csv")
    events.append({"event_id": ADDED_EVENT, "date": "2024-02-15", "event_type": "call", "actor1_country": "BLR",
                   "actor1_name": "Sergei Aleinik", "actor1_role": "Minister of Foreign Affairs",
                   "actor2_country": "IND", "level": "minister", "topics": "unsc_reform",
                   "summary": "Synthetic test row: the foreign ministers of Belarus and India speak by telephone.",
                   "source_id": READOUT_ID, "source_quote": CALL_QUOTE, "synthetic": "true"})
    _write(root / "events.csv", columns + ["synthetic"], events)

    columns, positions = _read(root / "positions.csv")
    positions.append({"position_id": CHANGED_POSITION, "date": "2024-03-13", "actor_country": "BLR",
                      "topic": "unsc_reform", "stance": "neutral", "target_country": "",
                      "summary": "Synthetic test row: Belarus is neutral on UN Security Council reform.",
                      "source_id": READOUT_ID, "source_quote": STANCE_QUOTE, "synthetic": "true"})
    _write(root / "positions.csv", columns + ["synthetic"], positions)
    return root


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "build/editions-data")
    print(version1(out / "v1"))
    print(version2(out / "v2"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
