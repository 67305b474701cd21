"""The sentence under each section heading, true for the data's kind: a curated dataset quotes
its sources; machine-coded event data (GDELT, ICEWS) codes events from news and quotes nothing."""
from __future__ import annotations

from ..inputs import Inputs

TEMPLATE = "intro.html.j2"

CURATED = {
    "timeline": "Every engagement in the window, with the sentence of the source it rests on. An event that took "
                "place within another (talks during a visit) is drawn hollow and counted through its parent.",
    "frequency": "How often the two sides met, at what level and where, against the previous window of the same length.",
    "alignment": "Where each side stands, topic by topic: its latest recorded stance, with the quote it rests on.",
    "framework": "Mechanisms, agreements by sector and people-to-people ties, as the sources state them.",
}
MACHINE = {
    "timeline": "Every engagement in the window as the event data codes it: who did what to whom, in the words of "
                "the CAMEO codebook, with the article it was coded from where the data gives one. Machine-coded "
                "rows quote no sentence; coded conflict (friction) is counted apart.",
    "frequency": "How often the event data codes an engagement between the two, by type, against the previous "
                 "window of the same length, and how often it codes friction. Counts measure media attention, "
                 "not meetings.",
    "alignment": "Not available from machine-coded data: stances, with the quotes they rest on, come only from "
                 "curated datasets.",
    "framework": "Not available from machine-coded data: mechanisms, agreements and people-to-people ties come "
                 "only from curated datasets.",
}


def machine_only(inp: Inputs, section: str) -> bool:
    """True where the section's text must be the machine-coded one: the data is machine-coded and,
    for alignment and the framework, holds no curated stances or facts to show."""
    if not inp.ds.machine_coded:
        return False
    if section == "alignment":
        return inp.ds.positions.empty
    if section == "framework":
        return inp.ds.facts.empty
    return True


def context(inp: Inputs, section: str) -> dict:
    return {"text": (MACHINE if machine_only(inp, section) else CURATED)[section]}
