"""review.html: the article, each sentence beside the rows it produced or the reason it produced none.

Rendered from a Jinja2 template with autoescape on: article text is untrusted.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .pipeline import Draft

_FIELDS = {
    "event": [("type", "event_type"), ("date", "date"), ("until", "end_date"), ("actor 1", "actor1_country"),
              ("actor 2", "actor2_country"), ("level", "level"), ("venue", "venue"), ("place", "location_city"),
              ("part of", "part_of"), ("in dataset", "dataset_part_of"), ("topics", "topics"), ("CAMEO", "cameo_code"),
              ("rule", "rule")],
    "position": [("actor", "actor_country"), ("stance", "stance"), ("topic", "topic"), ("target", "target_country"),
                 ("date", "date"), ("event", "event_id"), ("dataset event", "dataset_event_id"), ("rule", "rule")],
    "fact": [("category", "category"), ("key", "key"), ("value", "value"), ("unit", "unit"), ("note", "note"),
             ("rule", "rule")],
}


@lru_cache(maxsize=1)
def _template():
    from ..html import environment

    return environment("drafting", strict=False).get_template("review.html.j2")


def context(d: Draft, draft_dir: str) -> dict:
    rows = {("event", r["event_id"]): r for r in d.events}
    rows.update({("position", r["position_id"]): r for r in d.positions})
    rows.update({("fact", r["fact_id"]): r for r in d.facts})
    paragraphs: dict[int, list] = {}
    first_shown: dict = {}
    for s in d.sentences:
        ann = d.annotations.get(s.index, {"rows": [], "skips": [], "notes": []})
        shown = []
        for kind, ident in ann["rows"]:
            r = rows[(kind, ident)]
            if (kind, ident) in first_shown:  # a row resting on several sentences: shown in full once
                shown.append({"kind": kind, "id": ident, "confidence": r.get("confidence", ""),
                              "fields": [("quoted too", f"shown beside sentence {first_shown[(kind, ident)]}")]})
                continue
            first_shown[(kind, ident)] = s.index
            shown.append({"kind": kind, "id": ident, "confidence": r.get("confidence", ""),
                          "fields": [(label, r[col]) for label, col in _FIELDS[kind] if r.get(col)]})
        status = "produced" if shown else "linked" if ann["notes"] and not ann["skips"] else "skipped" if ann["skips"] else "plain"
        paragraphs.setdefault(s.paragraph, []).append({
            "index": s.index, "text": s.text, "heading": s.heading, "status": status, "rows": shown,
            "skips": ann["skips"] if not shown else [], "notes": ann["notes"]})
    return {"source_id": d.source_id, "pair": "-".join(d.pair), "published": d.published.isoformat(),
            "synthetic": d.synthetic, "draft_dir": draft_dir, "paragraphs": list(paragraphs.values()),
            "conflicts": d.conflicts,
            "counts": {"events": len(d.events), "positions": len(d.positions), "facts": len(d.facts),
                       "conflicts": len(d.conflicts)}}


def write_review(d: Draft, text: str, path: Path) -> Path:
    html = _template().render(**context(d, str(path.parent)))
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path
