"""What changed between two editions, in words: the lines of the briefing's "What changed"
section and of ``bilateral diff``, and its at-a-glance sentence, from the comparison
``figures.editions.compare`` makes."""
from __future__ import annotations

from ..figures.editions import counts, most_important
from .text import number


def _day(iso: str | None) -> str:
    import datetime as dt

    if not iso:
        return "an unknown day"
    d = dt.date.fromisoformat(iso[:10])
    return f"{d.day} {d:%B %Y}"


def edition_name(edition: dict) -> str:
    """How a reader names an edition: by the time it was rendered (UTC)."""
    at = edition.get("rendered_at") or ""
    return f"the briefing rendered on {_day(at)}" + (f" at {at[11:19]} UTC" if len(at) >= 19 else "")


def stance_word(stance: str | None) -> str:
    return "no stance" if stance is None else stance


def not_comparable_line(item: dict) -> str:
    what = {"window": "The window differs", "as_of": "The as-of date differs", "dataset": "The dataset differs",
            "kind of data": "The kind of data differs"}[item["what"]]
    return (f"{what} ({item['old']} then, {item['new']} now): figures that moved may have moved for that "
            "reason alone and are not comparable.")


def stance_line(item: dict, names: dict[str, str]) -> str:
    from ..contract import vocab

    side = names.get(item["side"], item["side"])
    text = (f"{side} on {vocab.inline_label(item['topic'])}: {stance_word(item['old'])} → "
            f"{stance_word(item['new'])}")
    return text + (f": “{item['quote']}”" if item.get("quote") else "")


def figure_line(item: dict, names: dict[str, str]) -> str:
    from ..contract import vocab

    def value(v):
        if v is None:
            return "none"
        if item["figure"] == "unga.agreement":
            return f"{100 * v:.1f}%"
        if item["figure"] == "engagement.last_high_level":
            return _day(v)
        return str(v)

    label = item["label"]
    if item["figure"].startswith("alignment."):
        label = f"alignment on {vocab.inline_label(item['figure'].split('.', 1)[1])}"
    elif item["figure"].startswith("engagement.visits."):
        t, h = item["figure"].rsplit(".", 1)[1].split("->")
        label = f"visits from {names.get(t, t)} to {names.get(h, h)}"
    return f"{label[0].upper()}{label[1:]}: {value(item['old'])} → {value(item['new'])}"


def row_line(item: dict) -> str:
    """An event or a source by id with its one-line summary (or title)."""
    text = item.get("summary") if "summary" in item else item.get("title")
    when = f" ({item['date']})" if item.get("date") else ""
    return f"{item['id']}{when}: {text or ''}".rstrip(": ")


def lines(c: dict, names: dict[str, str]) -> list[str]:
    """The comparison as plain text, one change a line (``bilateral diff``)."""
    out = [f"{c['pair']}: {edition_name(c['old'])} → {edition_name(c['new'])}"]
    if not c["changed"]:
        return out + ["Nothing changed: the same window, data, events, sources, stances and figures."]
    out += [not_comparable_line(i) for i in c["not_comparable"]]
    for kind in ("events", "sources"):
        if c[kind].get("unknown"):
            out.append(f"The {kind} cannot be compared: a sidecar records none (written before editions were kept).")
        out += [f"{kind[:-1].capitalize()} added: {row_line(i)}" for i in c[kind]["added"]]
        out += [f"{kind[:-1].capitalize()} removed: {row_line(i)}" for i in c[kind]["removed"]]
    out += [f"Stance changed: {stance_line(i, names)}" for i in c["stances"]]
    out += [f"Figure moved: {figure_line(i, names)}" for i in c["figures"]]
    return out


def _n(n: int, noun: str) -> str:
    return number(n, noun)


def glance_sentence(c: dict, names: dict[str, str]) -> str | None:
    """The at-a-glance sentence on the most important change (None: no previous edition)."""
    top = most_important(c)
    since = f"Since {edition_name(c['old'])}"
    if top is None:
        return f"{since}, nothing has changed: the same events, sources, stances and figures."
    kind, item = top
    others = sum(counts(c).values()) - 1
    rest = f" ({_n(others, 'other change')} under “What changed since the last briefing”)" if others else ""
    if kind == "not_comparable":
        what = not_comparable_line(item).split(" (")[0].lower()
        return f"{since}, {what}, so its figures are not comparable with this one’s{rest}."
    if kind == "stance":
        from ..contract import vocab

        side = names.get(item["side"], item["side"])
        return (f"{since}, {side}’s stance on {vocab.inline_label(item['topic'])} has changed from "
                f"{stance_word(item['old'])} to {stance_word(item['new'])}{rest}.")
    if kind in ("event_added", "event_removed"):
        verb = "is new" if kind == "event_added" else "is no longer in the data"
        return f"{since}, one engagement {verb}: {item['summary'].rstrip('.')}{rest}."
    if kind in ("source_added", "source_removed"):
        verb = "one source is new" if kind == "source_added" else "one source was removed"
        return f"{since}, {verb}: {item['title'].rstrip('.')}{rest}."
    return f"{since}, {figure_line(item, names)[0].lower()}{figure_line(item, names)[1:]}{rest}."
