"""What changed since the last briefing: the comparison with the previous edition
(``bilateral.figures.editions``), near the top of the briefing."""
from __future__ import annotations

from .. import what_changed
from ..inputs import Inputs

TEMPLATE = "changes.html.j2"


def context(inp: Inputs) -> dict:
    edition = inp.edition or {}
    c = edition.get("comparison")
    if c is None:
        # One line, the same from `bilateral render` and from the notebook run by hand (which is given
        # none), and without the folder searched: the same inputs give the same page wherever published.
        line = (f"No previous edition of this briefing of {inp.names[inp.pair[0]]} and {inp.names[inp.pair[1]]} "
                "was found beside it: this is the first, so nothing can be compared.")
        return {"nothing": line, "intro": None, "groups": []}
    names = inp.names
    intro = (f"Compared with {what_changed.edition_name(c['old'])} (window {c['old']['start']} to {c['old']['end']}, "
             f"as of {c['old']['as_of']}, dataset {c['old']['dataset'] or 'not named'}).")
    if not c["changed"]:
        return {"nothing": None, "intro": intro + " Nothing has changed: the same window, data, events, sources, "
                "stances and figures.", "groups": []}
    groups = []

    def group(title, items):
        if items:
            groups.append({"title": title, "items": items})

    group("Not comparable", [{"text": what_changed.not_comparable_line(i)} for i in c["not_comparable"]])
    for kind, noun, cite in (("events", "Events", "events"), ("sources", "Sources", "sources")):
        if c[kind].get("unknown"):
            group(noun, [{"text": f"The previous edition records no {kind}: they cannot be compared."}])
        group(f"{noun} added", [{"text": what_changed.row_line(i), "cite": (cite, i["id"])} for i in c[kind]["added"]])
        group(f"{noun} removed", [{"text": what_changed.row_line(i) + " (no longer in the data)"}
                                  for i in c[kind]["removed"]])
    group("Stances changed", [{"text": what_changed.stance_line(i, names),
                               "cite": ("positions", i["position_id"]) if i["position_id"] else None}
                              for i in c["stances"]])
    group("Figures moved", [{"text": what_changed.figure_line(i, names)} for i in c["figures"]])
    return {"nothing": None, "intro": intro, "groups": groups}
