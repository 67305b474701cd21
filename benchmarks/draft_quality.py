"""Quality of `bilateral draft`: precision and recall of drafted events and positions
against gold rows (issue 17), on the two seed articles (gold: data/india-belarus) and
on the synthetic articles of tests/drafting/articles (gold: their gold/ folder), and,
apart, on the held-out synthetic article written after the rules were frozen.

Seeds are drafted as an analyst would add them: the first article into an empty
dataset (accepted), the second with `--dataset` pointing at it, so its mentions of
the visit and the talks link to the rows already there.

Per article, recall is over the gold rows citing that article. Precision is given
twice: `precision` counts a drafted row as right when it matches a gold row of the
dataset (the curated India–Belarus rows took India's UNSC interest from the second
article although the first states it too); `strict` only counts gold rows citing the
same article. Bars: recall >= 0.9 and precision >= 0.8 for events and positions.

    .venv/bin/python benchmarks/draft_quality.py [--json]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from bilateral.drafting.accept import accept  # noqa: E402
from bilateral.cli.drafting import draft_file  # noqa: E402
from bilateral.drafting.score import read_rows, score_events, score_positions  # noqa: E402

CURATED = ROOT / "data" / "india-belarus"
SEEDS = [("000_0c560d0c96b9e648.txt", "2024-03-11", "press-2024-03-11-aleinik-arrives"),
         ("003_bf969e30d86153ce.txt", "2024-03-14", "press-2024-03-14-belarus-backs-unsc-bid")]
SYNTHETIC = ROOT / "tests" / "drafting" / "articles"
RECALL_BAR, PRECISION_BAR = 0.9, 0.8


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.2f}"


def _row(article: str, kind: str, drafted: list, gold_article: list, gold_all: list, context=()) -> dict:
    scorer = score_events if kind == "events" else score_positions
    args = (context,) if kind == "events" else ()
    rec = scorer(drafted, gold_article, *args)
    pooled = scorer(drafted, gold_all, *args)
    return {"article": article, "kind": kind, "drafted": len(drafted), "gold": len(gold_article),
            "_rows": (drafted, gold_article, gold_all, list(context)),
            "matched": rec.matched, "recall": rec.recall, "precision": pooled.precision, "strict": rec.precision,
            "missed": [r.get("event_id") or r.get("position_id") for r in rec.missed],
            "extra": [r.get("event_id") or r.get("position_id") for r in pooled.extra]}


def seeds(work: Path) -> list[dict]:
    gold_events, gold_positions = read_rows(CURATED / "events.csv"), read_rows(CURATED / "positions.csv")
    chain = work / "chain"
    rows = []
    for name, published, source_id in SEEDS:
        article = CURATED / "sources" / name
        out = work / source_id
        context = read_rows(chain / "events.csv")
        draft_file(article, article.read_text(encoding="utf-8"), ("IND", "BLR"), dt.date.fromisoformat(published),
                   source_id, str(chain) if chain.exists() else None, out)
        ev, pos = read_rows(out / "events.csv"), read_rows(out / "positions.csv")
        rows.append(_row(name, "events", ev, [r for r in gold_events if r["source_id"] == source_id], gold_events, context))
        rows.append(_row(name, "positions", pos, [r for r in gold_positions if r["source_id"] == source_id], gold_positions))
        accept(out, chain)
    return rows


def synthetic(work: Path, index: str = "index.csv") -> list[dict]:
    gold_events, gold_positions = read_rows(SYNTHETIC / "gold" / "events.csv"), read_rows(SYNTHETIC / "gold" / "positions.csv")
    rows = []
    with open(SYNTHETIC / index, encoding="utf-8", newline="") as f:
        for entry in csv.DictReader(f):
            article = SYNTHETIC / entry["article"]
            out = work / entry["source_id"]
            draft_file(article, article.read_text(encoding="utf-8"), tuple(entry["pair"].split("-")),
                       dt.date.fromisoformat(entry["published"]), entry["source_id"], None, out)
            sid = entry["source_id"]
            ge = [r for r in gold_events if r["source_id"] == sid]
            gp = [r for r in gold_positions if r["source_id"] == sid]
            rows.append(_row(entry["article"], "events", read_rows(out / "events.csv"), ge, ge))
            rows.append(_row(entry["article"], "positions", read_rows(out / "positions.csv"), gp, gp))
    return rows


def totals(rows: list[dict], label: str) -> list[dict]:
    """All articles' drafts against all their gold rows, one to one."""
    out = []
    for kind in ("events", "positions"):
        sel = [r for r in rows if r["kind"] == kind]
        drafted = [d for r in sel for d in r["_rows"][0]]
        gold = [g for r in sel for g in r["_rows"][1]]
        context = [c for r in sel for c in r["_rows"][3]]
        row = _row(label, kind, drafted, gold, gold, context)
        out.append(row)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed_rows = seeds(work / "seeds")
        syn_rows = synthetic(work / "synthetic")
        held_rows = synthetic(work / "heldout", "heldout.csv")
    table = seed_rows + totals(seed_rows, "seeds (both)") + syn_rows + totals(syn_rows, "synthetic (all)")
    failed = [r for r in table if (r["recall"] is not None and r["recall"] < RECALL_BAR)
              or (r["precision"] is not None and r["precision"] < PRECISION_BAR)]
    if args.json:
        print(json.dumps({"rows": [{k: v for k, v in r.items() if k != "_rows"} for r in table],
                          "held_out": [{k: v for k, v in r.items() if k != "_rows"} for r in held_rows],
                          "ok": not failed}, indent=1))
    else:
        print(f"{'article':32} {'kind':10} {'drafted':>7} {'gold':>5} {'match':>5} {'recall':>6} {'precision':>9} {'strict':>6}")
        for r in table:
            print(f"{r['article']:32} {r['kind']:10} {r['drafted']:7d} {r['gold']:5d} {r['matched']:5d} "
                  f"{_fmt(r['recall']):>6} {_fmt(r['precision']):>9} {_fmt(r['strict']):>6}"
                  + (f"  missed {r['missed']}" if r["missed"] else "") + (f"  extra {r['extra']}" if r["extra"] else ""))
        print("held out (written after the rules were frozen; first scored events R 0.00 P 0.00, positions "
              "R 0.67 P 0.50, then the gaps it showed were fixed by general rules, so no longer unseen):")
        for r in held_rows:
            print(f"{r['article']:32} {r['kind']:10} {r['drafted']:7d} {r['gold']:5d} {r['matched']:5d} "
                  f"{_fmt(r['recall']):>6} {_fmt(r['precision']):>9} {_fmt(r['strict']):>6}"
                  + (f"  missed {r['missed']}" if r["missed"] else "") + (f"  extra {r['extra']}" if r["extra"] else ""))
        print(f"bars: recall >= {RECALL_BAR}, precision >= {PRECISION_BAR}: " + ("met" if not failed else
              "NOT met by " + ", ".join(f"{r['article']} {r['kind']}" for r in failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
