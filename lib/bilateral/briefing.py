"""The briefing's sections, each one call from one notebook cell.

``prepare`` checks the parameters and loads the data once; the ``Briefing`` it
returns renders each section of DESIGN.md section 5 as HTML built from the
figures of ``summary.build`` (so the prose, the charts and the sidecar agree).
All text that comes from data is escaped here, and only http(s) URLs are linked.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import alignment, charts, engagement, params, vocab
from . import summary as summary_mod
from .dataset import Dataset, load
from .dates import parse_period
from .engagement import Window
from .names import country_name  # noqa: F401 - re-exported for the sections

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


# --------------------------------------------------------------------------- #
# Small text helpers
# --------------------------------------------------------------------------- #
def esc(value) -> str:
    """Data text as safe HTML text (missing values as an empty string)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def safe_url(url) -> str | None:
    """The URL if it is http(s), else None: no other scheme is ever linked."""
    if isinstance(url, str) and re.match(r"^https?://[^\s\"'<>]+$", url.strip()):
        return url.strip()
    return None


def word(n: int) -> str:
    """Small counts in words, as a briefing writes them; larger ones in figures."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{word(n)} times")


def number(n: int, noun: str, plural: str | None = None, capital: bool = False) -> str:
    text = f"{word(n)} {noun if n == 1 else (plural or noun + 's')}"
    return text[0].upper() + text[1:] if capital else text


def day_text(day: dt.date | str) -> str:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day} {day:%B %Y}"


def date_text(text: str, end: str | None = None) -> str:
    """A contract date as a reader writes it: ``11–13 March 2024``, ``March 2024``, ``2024``."""
    p = parse_period(text)
    if p.precision == "year":
        return str(p.first.year)
    if p.precision == "month":
        return f"{p.first:%B %Y}"
    if isinstance(end, str) and end:
        e = parse_period(end).last
        if e != p.first:
            if (e.year, e.month) == (p.first.year, p.first.month):
                return f"{p.first.day}–{e.day} {e:%B %Y}"
            return f"{day_text(p.first)} – {day_text(e)}"
    return day_text(p.first)


def possessive(name: str) -> str:
    return f"{name}’s"


def join(items: list[str], word: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _table(header: list[str], rows: list[list[str]], cls: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# --------------------------------------------------------------------------- #
# At a glance: sentences generated from the figures
# --------------------------------------------------------------------------- #
def at_a_glance_sentences(summary: dict, events: pd.DataFrame, positions: pd.DataFrame,
                          names: dict[str, str]) -> list[str]:
    """Four to six plain-text sentences from the summary figures (escaped later)."""
    eng, ali = summary["engagement"], summary["alignment"]
    a, b = summary["pair"].split("-")
    out: list[str] = []

    last = eng["last_high_level"]
    if last:
        row = events.loc[events["event_id"] == last["event_id"]].iloc[0]
        days = eng["days_since_last_high_level"]
        verb = "began" if row["end_day"] > row["first_day"] else "was"
        when = (f"{number(days, 'day')} before the as-of date of {day_text(summary['as_of'])}" if days
                else "the as-of date itself")
        out.append(f"The last high-level contact {verb} on {day_text(last['date'])}, {when}: "
                   f"{row['summary'].rstrip('.')}.")
    elif eng["high_level"] is None:
        out.append("The data gives no levels (machine-coded events), so no high-level contact can be named.")
    else:
        out.append(f"No high-level contact is recorded on or before {day_text(summary['as_of'])}.")

    prev = eng["previous"]
    window = f"{day_text(summary['start'])} to {day_text(summary['end'])}"
    high = eng["high_level"]
    if high and high == eng["total"]:
        level = f", {'both' if high == 2 else 'all'} at ministerial level or above" if high > 1 else ", at ministerial level"
    else:
        level = f", {number(high, 'of them', 'of them')} at ministerial level or above" if high else ""
    first = f"{number(eng['total'], 'engagement', capital=True)} from {window}{level}"
    if prev["covered"] == "none":
        out.append(f"{first}; the previous {number((dt.date.fromisoformat(prev['end']) - dt.date.fromisoformat(prev['start'])).days + 1, 'day')} "
                   "lie outside the data’s coverage, so there is nothing to compare with.")
    else:
        p = prev["total"]
        trend = ("the same as" if p == eng["total"] else "up from" if eng["total"] > p else "down from")
        out.append(f"{first}, {trend} {p} in the previous window of the same length "
                   f"({day_text(prev['start'])} to {day_text(prev['end'])}).")

    v = eng["visits"]
    ab, ba = v[f"{a}->{b}"], v[f"{b}->{a}"]
    if ab or ba:
        parts = [f"{word(n) if n else 'none'} from {names[t]} to {names[h]}"
                 for (t, h), n in (((b, a), ba), ((a, b), ab))]
        out.append(f"Visits in the window: {parts[0]}, {parts[1]}.")
    elif eng["total"]:
        out.append("Neither side visited the other in the window; contacts took place elsewhere or remotely.")

    topics = ali["topics"]
    if topics:
        label = lambda t: vocab.inline_label(t["topic"])  # noqa: E731
        aligned = [label(t) for t in topics if t["status"] == "aligned"]
        divergent = [label(t) for t in topics if t["status"] == "divergent"]
        one_sided = [t for t in topics if t["status"] == "one-sided"]
        text = (f"The sides align on {number(len(aligned), 'topic')} of the {word(len(topics))} with a recorded stance"
                + (f" ({join(aligned)})" if aligned else ""))
        text += (f"; they diverge on {join(divergent)}" if divergent else "; no divergence is recorded")
        if one_sided:
            only = [f"{label(t)} ({names[a] if t[a] else names[b]})" for t in one_sided]
            text += f"; only one side’s stance is on record on {join(only)}"
        out.append(text + ".")
    for pa_id, pb_id in ali["reciprocal_support"][:1]:
        pa_row = positions.loc[positions["position_id"] == pa_id].iloc[0]
        pb_row = positions.loc[positions["position_id"] == pb_id].iloc[0]
        out.append(
            f"Support is reciprocal: {names[pa_row['actor_country']]} backs {possessive(names[pa_row['target_country']])} "
            f"{vocab.interest_phrase(pa_row['topic'])}, while {names[pb_row['actor_country']]} backs "
            f"{possessive(names[pb_row['target_country']])} {vocab.interest_phrase(pb_row['topic'])}.")

    pending = []
    for t in topics:
        for side in (a, b):
            if t[side] == "interest":
                pending.append(f"{possessive(names[side])} {vocab.interest_phrase(t['topic'])}")
    if pending:
        out.append(f"Open items: {join(pending)}; the sources record no outcome yet.")
    return out[:6]


FACT_TITLES = {"mechanism": "Mechanisms", "agreement_sector": "Agreements and MoUs by sector",
               "community": "People-to-people", "relationship": "The relationship",
               "membership": "Memberships"}


# --------------------------------------------------------------------------- #
# The briefing
# --------------------------------------------------------------------------- #
@dataclass
class Briefing:
    ds: Dataset
    pair: tuple[str, str]
    window: Window
    summary: dict
    min_sources: int = 0

    @cached_property
    def names(self) -> dict[str, str]:
        return {c: country_name(c) for c in self.pair}

    @property
    def title(self) -> str:
        a, b = self.pair
        return f"{self.names[a]}–{self.names[b]} relations"

    @property
    def source_line(self) -> str:
        n = len(self.ds.sources)
        return (f"{self.ds.path.name} dataset ({number(n, 'source')}); "
                f"bilateral, as of {day_text(self.window.as_of)}")

    @cached_property
    def pair_events(self) -> pd.DataFrame:
        return engagement.timeline(self.ds.events, self.pair, self.window)

    def _html(self, body: str):
        from IPython.display import HTML

        return HTML(body)

    def _source_ref(self, source_id: str) -> str:
        return f'<a class="src" href="#src-{esc(source_id)}">{esc(source_id)}</a>'

    def _quote(self, quote, source_id) -> str:
        if quote is None or (not isinstance(quote, str) and pd.isna(quote)):
            return ""
        return (f'<blockquote class="quote">“{esc(quote)}”<span class="cite"> — '
                f'{self._source_ref(source_id)}</span></blockquote>')

    # 1. Title block --------------------------------------------------------
    def title_block(self):
        s, cov = self.summary, self.summary["coverage"]
        types = self.ds.sources["source_type"].fillna("unspecified").value_counts()
        by_type = join([f"{n} {vocab.label(vocab.SOURCE_TYPES, t).lower()}{'s' if n > 1 and not t.endswith('coded') else ''}"
                        for t, n in types.items()])
        covered = s["engagement"]["covered"]
        cover_note = {"full": "", "partial": " — <strong>the window is only partly covered</strong>",
                      "none": " — <strong>the window is not covered by the data</strong>"}[covered]
        coverage = (f"{day_text(cov['start'])} to {day_text(cov['end'])}" if cov else "none")
        synthetic = ('<p class="warning">Synthetic data, generated for tests: not a real relationship.</p>'
                     if (self.ds.events.get("synthetic", pd.Series(dtype=bool)).any()) else "")
        machine = ""
        if self.ds.machine_coded:
            floor = (f" Only events reported by at least {self.min_sources} sources are counted."
                     if self.min_sources else "")
            machine = ('<p class="warning">Imported machine-coded event data (GDELT, ICEWS): counts measure media '
                       f"attention, not meetings; levels and venues are unknown.{floor}</p>")
        return self._html(f"""
<header class="title-block">
<p class="kicker">Bilateral briefing</p>
<h1>{esc(self.title)}</h1>
<dl class="meta">
<dt>Window</dt><dd>{day_text(s['start'])} – {day_text(s['end'])}</dd>
<dt>As of</dt><dd>{day_text(s['as_of'])}</dd>
<dt>Dataset</dt><dd>{esc(self.ds.path.name)} <span class="muted">(checksum {self.ds.checksum[:12]})</span></dd>
<dt>Sources</dt><dd>{esc(by_type) or 'none'}</dd>
<dt>Coverage</dt><dd>{coverage}{cover_note}</dd>
</dl>
{synthetic}{machine}
</header>""")

    # 2. At a glance ------------------------------------------------------------
    def at_a_glance(self):
        if not self.summary["engagement"]["total"] and not self.summary["alignment"]["topics"]:
            return self._html(f'<div class="glance"><p>No engagements or stances of {esc(self.names[self.pair[0]])} '
                              f'and {esc(self.names[self.pair[1]])} are recorded between '
                              f'{day_text(self.summary["start"])} and {day_text(self.summary["end"])} in this dataset.</p></div>')
        sentences = at_a_glance_sentences(self.summary, self.ds.events, self.ds.positions, self.names)
        sentences = sentences + [self.unga.glance()]  # the UN votes' one sentence (unga_section)
        items = "".join(f"<li>{esc(s)}</li>" for s in sentences)
        return self._html(f'<div class="glance"><ul>{items}</ul></div>')

    # 3. Timeline --------------------------------------------------------------
    def timeline_chart(self):
        ev = self.pair_events
        if ev.empty:
            return self._html('<p class="empty">No engagements in this window, so no timeline.</p>')
        e = self.summary["engagement"]
        title = f"{number(e['total'], 'engagement', capital=True)} in the window"
        if e["high_level"]:
            title += f", {word(e['high_level'])} at ministerial level or above"
        fig = charts.timeline(ev, self.window.start, self.window.end, title, self.source_line)
        alt = "Timeline: " + "; ".join(
            f"{date_text(r['date'], r['end_date'])} {r['event_type']} ({r['level']})" for _, r in ev.iterrows())
        return self._html(charts.to_html(fig, alt))

    MACHINE_ROWS = 30  # machine-coded data: the most-mentioned events, not thousands of rows

    def timeline_table(self):
        ev = self.pair_events
        if ev.empty:
            return self._html("")
        intro = ""
        if self.ds.machine_coded and len(ev) > self.MACHINE_ROWS:
            intro = (f"<p>Machine-coded data: the {self.MACHINE_ROWS} most-mentioned of {len(ev):,} events, each "
                     "linked to an article that reported it (machine-coded rows carry no quote).</p>")
            ev = ev.sort_values(["num_mentions", "first_day"], ascending=[False, True], kind="mergesort")
            ev = ev.head(self.MACHINE_ROWS).sort_values("first_day", kind="mergesort")
        rows = []
        for _, r in ev.iterrows():
            place = ", ".join(x for x in (esc(r["location_city"]), esc(country_name(r["location_country"]))
                                          if pd.notna(r["location_country"]) else "") if x)
            when = [f'<strong class="nowrap">{esc(date_text(r["date"], r["end_date"]))}</strong>',
                    esc(vocab.label(vocab.LEVELS, r["level"])), place,
                    f"<span class='muted'>{esc(r['venue'])}</span>" if pd.notna(r["venue"]) else ""]
            event = f"<strong>{esc(vocab.label(vocab.EVENT_TYPES, r['event_type']))}.</strong> {esc(r['summary'])}"
            if not r["counted"]:
                event = f'<span class="within">Within {esc(r["part_of"])} (not counted separately).</span><br>' + event
            event += self._quote(r["source_quote"], r["source_id"])
            if pd.notna(r.get("topics_quote", pd.NA)):
                event += self._quote(r["topics_quote"], r["topics_source_id"])
            if pd.notna(r.get("source_url", pd.NA)) and safe_url(r["source_url"]):
                event += f'<p class="link"><a href="{esc(safe_url(r["source_url"]))}" rel="noopener noreferrer">source article</a></p>'
            topics = [vocab.label(vocab.TOPICS, t.strip()) for t in str(r["topics"]).split(";")] if pd.notna(r["topics"]) else []
            rows.append(["<br>".join(x for x in when if x), event, "<br>".join(esc(t) for t in topics)])
        return self._html(intro + _table(["When, level, where", "Engagement and source", "Topics"], rows, "timeline"))

    # 4. Engagement frequency -----------------------------------------------------
    def frequency_chart(self):
        e = self.summary["engagement"]
        if not e["total"]:
            return self._html('<p class="empty">No engagements in this window.</p>')
        freq = "quarter" if self.window.days <= 3 * 366 else "year"
        periods = engagement.by_period(self.ds.events, self.pair, self.window, freq)
        prev = e["previous"]
        prev_total = None if prev["covered"] == "none" else prev["total"]
        if prev_total is None:
            title = f"{number(e['total'], 'engagement', capital=True)} this window; the previous one is not covered by the data"
        elif prev_total == e["total"]:
            title = f"{number(e['total'], 'engagement', capital=True)} this window, as many as in the previous one"
        else:
            title = (f"{number(e['total'], 'engagement', capital=True)} this window, "
                     f"{'up' if e['total'] > prev_total else 'down'} from {prev_total}")
        fig = charts.frequency(periods, prev_total, e["total"], title, self.source_line,
                               f"Previous\n{prev['start'][:7]}–{prev['end'][:7]}")
        alt = f"Engagements per {freq}: " + ", ".join(f"{p} {n}" for p, n in zip(periods["period"], periods["events"]))
        return self._html(charts.to_html(fig, alt))

    def frequency_table(self):
        e, p = self.summary["engagement"], self.summary["engagement"]["previous"]
        prev_ok = p["covered"] != "none"

        def fmt(v):
            return "—" if v is None else esc(v)

        def prev_fmt(v):
            return fmt(v) if prev_ok else '<span class="muted">not covered</span>'

        rows = [["Engagements", fmt(e["total"]), prev_fmt(p["total"])],
                ["At ministerial level or above", fmt(e["high_level"]), prev_fmt(p["high_level"])]]
        for key, vocabulary, name in (("by_type", vocab.EVENT_TYPES, "Type"), ("by_level", vocab.LEVELS, "Level")):
            for value in vocabulary:
                if value in e[key] or value in p[key]:
                    rows.append([f"{name}: {esc(vocab.label(vocabulary, value))}",
                                 fmt(e[key].get(value, 0)), prev_fmt(p[key].get(value, 0))])
        if e["venues"] is not None:
            rows.append(["Bilateral (no multilateral venue)", fmt(e["venues"]["bilateral"]), prev_fmt(p["venues"]["bilateral"])])
            rows.append(["On the sidelines of a multilateral meeting", fmt(e["venues"]["multilateral"]), prev_fmt(p["venues"]["multilateral"])])
        rows.append(["Dated only to a month or year", fmt(e["undated"]), prev_fmt(p["undated"])])
        if e.get("mentions") is not None:
            rows.append(["Mentions in the media (events weighted by mentions)", fmt(f"{e['mentions']:,}"),
                         prev_fmt(f"{p['mentions']:,}" if p.get("mentions") is not None else None)])
        table = _table(["", f"This window<br><span class='muted'>{e['start']} – {e['end']}</span>",
                        f"Previous window<br><span class='muted'>{p['start']} – {p['end']}</span>"], rows, "figures")
        cadence = []
        if e["median_days_between_high_level"] is not None:
            cadence.append(f"High-level contacts came a median {e['median_days_between_high_level']:g} days apart in the window.")
        else:
            cadence.append("Fewer than two high-level contacts in the window: no cadence to measure.")
        if e["last_high_level"]:
            cadence.append(f"The last was on {day_text(e['last_high_level']['date'])}, "
                           f"{number(e['days_since_last_high_level'], 'day')} before the as-of date.")
        return self._html(table + "<p>" + esc(" ".join(cadence)) + "</p>")

    def visits_chart(self):
        table = engagement.visits(self.ds.events, self.pair, self.window)
        if not self.summary["engagement"]["total"]:
            return self._html("")
        a, b = self.pair
        ab, ba = int(table["visits"].iloc[0]), int(table["visits"].iloc[1])
        phrases = []
        for (t, h), n in (((a, b), ab), ((b, a), ba)):
            if n:
                phrases.append(f"{self.names[t]} visited {self.names[h]} {times(n)}")
        title = ("; ".join(phrases) if phrases else "No visits in either direction") + (
            "" if ab and ba or not phrases else f"; no visit the other way")
        fig = charts.visits(table, self.names, title, self.source_line)
        alt = "Visits: " + ", ".join(f"{self.names[t]} to {self.names[h]} {n}"
                                     for t, h, n in zip(table["traveller"], table["host"], table["visits"]))
        return self._html(charts.to_html(fig, alt))

    def cooperation_chart(self):
        """Machine-coded data only: the monthly Goldstein mean with the events behind it."""
        coop = self.summary["engagement"]["cooperation"]
        if not coop or not any(v["events"] for v in coop.values()):
            return self._html("")
        monthly = pd.DataFrame([{"month": m, **v} for m, v in coop.items()])
        scored = monthly.dropna(subset=["goldstein_mean"])
        weighted = (scored["goldstein_mean"] * scored["events"]).sum() / scored["events"].sum()
        weighted = round(float(weighted), 1) + 0.0  # no "-0.0"
        tone = "lean cooperative" if weighted > 0 else "lean conflictual" if weighted < 0 else "are balanced"
        title = f"Coded events {tone}: mean Goldstein score {weighted:+.1f} over {int(monthly['events'].sum()):,} events"
        fig = charts.cooperation(monthly, title, self.source_line)
        alt = "Cooperation by month: " + "; ".join(
            f"{r['month']} {r['events']} events, Goldstein {r['goldstein_mean']}" for _, r in monthly.iterrows() if r["events"])
        note = ("<p>Machine-coded event data counts media attention, not meetings: a month with more coverage has "
                "more events. The Goldstein scale runs from −10 (most conflictual) to +10 (most cooperative).</p>")
        return self._html(note + charts.to_html(fig, alt))

    # 5. Alignment --------------------------------------------------------------
    def _position(self, position_id):
        if position_id is None or (not isinstance(position_id, str) and pd.isna(position_id)):
            return None
        return self.ds.positions.loc[self.ds.positions["position_id"] == position_id].iloc[0]

    def alignment_table(self):
        table = alignment.topics(self.ds.positions, self.pair, self.window)
        if table.empty:
            return self._html('<p class="empty">No stances of either side are recorded in this window.</p>')
        rows = []
        for r in table.to_dict("records"):
            cells = [f"<strong>{esc(r['label'])}</strong>",
                     f'<span class="status status-{esc(r["status"])}">{esc(r["status"])}</span>']
            for side in self.pair:
                p = self._position(r[f"{side}_position"])
                if p is None:
                    cells.append('<span class="muted">no stance recorded</span>')
                    continue
                stance = vocab.label(vocab.STANCES, p["stance"])
                target = f" ({esc(possessive(self.names.get(p['target_country'], p['target_country'])))})" \
                    if pd.notna(p["target_country"]) and p["target_country"] != side else ""
                cells.append(f"<strong>{esc(stance)}</strong>{target}<br>{esc(p['summary'])}"
                             f"<br><span class='muted'>{esc(date_text(p['date']))}</span>"
                             + self._quote(p["source_quote"], p["source_id"]))
            rows.append(cells)
        a, b = self.pair
        header = ["Topic", "Status", esc(self.names[a]), esc(self.names[b])]
        return self._html(_table(header, rows, "alignment"))

    def reciprocal_support(self):
        pairs = self.summary["alignment"]["reciprocal_support"]
        discussed = self.summary["alignment"]["discussed_without_positions"]
        parts = []
        if pairs:
            items = []
            for p_id, q_id in pairs:
                p, q = self._position(p_id), self._position(q_id)
                items.append(f"<li>{esc(self.names[p['actor_country']])} supports "
                             f"{esc(possessive(self.names[p['target_country']]))} {esc(vocab.interest_phrase(p['topic']))} "
                             f"<span class='muted'>({esc(p_id)})</span>, and {esc(self.names[q['actor_country']])} supports "
                             f"{esc(possessive(self.names[q['target_country']]))} {esc(vocab.interest_phrase(q['topic']))} "
                             f"<span class='muted'>({esc(q_id)})</span>.</li>")
            parts.append("<p><strong>Reciprocal support.</strong></p><ul>" + "".join(items) + "</ul>")
        else:
            parts.append("<p><strong>Reciprocal support.</strong> None recorded in the window: "
                         "neither side is on record backing an interest of the other while the other backs one of its own.</p>")
        if discussed:
            parts.append("<p><strong>Discussed, no stance recorded:</strong> "
                         + esc(join([vocab.inline_label(t) for t in discussed]))
                         + ". The sources say these were discussed but not where either side stands.</p>")
        return self._html("".join(parts))

    def topics_chart(self):
        over_time = self.summary["alignment"]["topics_over_time"]
        if not any(v for q in over_time.values() for v in q.values()):
            return self._html("")
        both = sum(1 for t in vocab.TOPICS
                   if any(t in q[self.pair[0]] for q in over_time.values())
                   and any(t in q[self.pair[1]] for q in over_time.values()))
        n = len({t for q in over_time.values() for v in q.values() for t in v})
        title = f"Stances on {number(n, 'topic')}, {both} of them taken by both sides"
        fig = charts.topics_heat_strip(over_time, self.pair, self.names, title, self.source_line)
        alt = "Topics over time: " + "; ".join(
            f"{q}: " + ", ".join(f"{self.names[s]} {', '.join(v) or 'none'}" for s, v in sides.items())
            for q, sides in over_time.items())
        return self._html(charts.to_html(fig, alt))

    # 5b. Voting at the UN General Assembly: its own module and template ----------
    @cached_property
    def unga(self):
        from .unga_section import UngaSection

        return UngaSection.build(self.pair, self.names, self.window.start, self.window.end)

    def unga_votes(self):
        return self._html(self.unga.html())

    # 6. Cooperation framework ---------------------------------------------------
    def framework(self):
        facts = self.ds.facts
        if facts.empty:
            return self._html('<p class="empty">No facts on the cooperation framework are recorded.</p>')
        titles = FACT_TITLES
        order = list(titles) + sorted(set(facts["category"]) - set(titles))
        parts = []
        for category in order:
            sel = facts[facts["category"] == category]
            if sel.empty:
                continue
            items = []
            if category in vocab.TOPIC_KEYED_FACT_CATEGORIES:
                # One line for all sectors: a list of twelve one-word items reads as padding.
                notes = sorted({str(n) for n in sel["note"].dropna()}) if "note" in sel else []
                items.append("<li>" + esc(join([vocab.label(vocab.TOPICS, k) for k in sel["key"]]))
                             + (f" <span class='muted'>({esc('; '.join(notes))})</span>" if notes else "") + "</li>")
            for _, f in sel.iterrows() if not items else []:
                key = f["label"] if pd.notna(f.get("label", pd.NA)) else str(f["key"]).replace("_", " ").capitalize()
                value = str(f["value"])
                if category == "membership" and len(value) == 3:
                    value = country_name(value)
                unit = f" {f['unit']}" if pd.notna(f["unit"]) else ""
                note = f" ({f['note']})" if "note" in f and pd.notna(f["note"]) else ""
                items.append(f"<li><strong>{esc(key)}:</strong> {esc(value + unit + note)}</li>")
            quotes = []
            for (quote, sid), _ in sel.groupby(["source_quote", "source_id"], sort=False):
                quotes.append(self._quote(quote, sid))
            parts.append(f"<h3>{esc(titles.get(category, category.replace('_', ' ').capitalize()))}</h3>"
                         f"<ul>{''.join(items)}</ul>{''.join(quotes)}")
        return self._html("".join(parts))

    # 7. Sources and method -------------------------------------------------------
    def sources(self):
        rows = []
        for _, s in self.ds.sources.iterrows():
            where = []
            if pd.notna(s["file"]):
                where.append(f"<code>{esc(s['file'])}</code>")
            url = safe_url(s["url"]) if pd.notna(s["url"]) else None
            if url:
                where.append(f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>')
            note = f"<br><span class='muted'>{esc(s['notes'])}</span>" if "notes" in s and pd.notna(s["notes"]) else ""
            rows.append([f'<span id="src-{esc(s["source_id"])}">{esc(s["source_id"])}</span>',
                         f"{esc(s['title'])}{note}",
                         esc(s["publisher"]) or '<span class="muted">not named</span>',
                         esc(s["published"]), esc(vocab.label(vocab.SOURCE_TYPES, s["source_type"]) if pd.notna(s["source_type"]) else ""),
                         " ".join(where) + (f'<br><code class="sha">sha256 {esc(s["sha256"])}</code>' if pd.notna(s["sha256"]) else "")])
        return self._html(_table(["Id", "Title", "Publisher", "Published", "Type", "File, URL and checksum"], rows, "sources"))

    def conflicts(self):
        c = self.ds.conflicts
        if c.empty:
            return self._html("<p>No contradictions between or within sources are recorded.</p>")
        rows = [[esc(r["field"]), esc(r["value_a"]), esc(r["value_b"]), f"<strong>{esc(r['chosen'])}</strong>",
                 esc(r["reason"]) + f"<br>{self._source_ref(r['source_id'])}"] for _, r in c.iterrows()]
        return self._html(_table(["Field", "Reading A", "Reading B", "Chosen", "Why"], rows, "conflicts"))

    def method(self):
        s = self.summary
        cov = s["coverage"]
        gaps = []
        if cov:
            gaps.append(f"The sources span {day_text(cov['start'])} to {day_text(cov['end'])}: nothing before or after "
                        "is known to this briefing, so an empty period outside that span means “not covered”, not “no contact”.")
        gaps.append(f"{number(len(self.ds.sources), 'source', capital=True)} in all; an engagement they do not report is missing here.")
        facts = self.ds.facts
        if "note" in facts:
            missing = facts[facts["note"].fillna("").str.contains("not given")]
            for (category, note), group in missing.groupby(["category", "note"], sort=False):
                what = (group["label"].iloc[0] if len(group) == 1 and pd.notna(group["label"].iloc[0])
                        else FACT_TITLES.get(category, category))
                gaps.append(f"{what}: {note}.")
        definitions = [
            "An engagement is an event between the two countries, either way round; one that took place within another "
            "(talks during a visit, a post about a meeting) is shown but counted through its parent.",
            "The window counts both its first and last day; the previous window has as many days and ends the day before.",
            "High level means heads of state or government and ministers. Days since the last high-level contact run to the as-of date.",
            "A date known only to the month or year counts in the periods it determines and never where a day is needed.",
            "A side’s stance on a topic is its latest recorded position. Aligned: both support, both oppose, or one side’s "
            "bid backed by the other; divergent: support against opposition; one-sided: only one side is on record.",
            "Every event, stance and fact quotes the sentence of its source it rests on; the loader checks each quote against the source file and its checksum.",
        ]
        return self._html("<h3>Definitions</h3><ul>" + "".join(f"<li>{esc(d)}</li>" for d in definitions)
                          + "</ul><h3>What the data does not cover</h3><ul>"
                          + "".join(f"<li>{esc(g)}</li>" for g in gaps) + "</ul>")


def prepare(pair="IND-BLR", start=None, end=None, as_of=None, data=None, min_sources=0,
            today: dt.date | None = None) -> Briefing:
    """Check the parameters, load and validate the data, compute every figure once."""
    p = params.check(pair, start, end, as_of, data, min_sources)
    ds = load(p.data, pair=p.pair_text, min_sources=p.min_sources)
    window = summary_mod.window_for(ds, p.pair, p.start, p.end, p.as_of, today)
    figures = summary_mod.build(ds, p.pair, p.start, p.end, p.as_of, today)
    return Briefing(ds, p.pair, window, figures, p.min_sources)
