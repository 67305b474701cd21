"""The briefing section "Voting at the UN General Assembly" (after Alignment).

Its own module and Jinja2 template (``templates/sections/votes.html.j2``, rendered like
every section's, autoescaped): ``UngaSection.build`` opens the store of votes once and
computes every figure through ``unga``/``unga_store``; ``html`` renders the section,
``glance`` the one at-a-glance sentence. The record ends on 14 January 2020 and the
section says so plainly, and that a briefing window after that day is not covered by it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from . import render
from .. import charts
from ..text import day_text, ordinal, whole_percent
from ...figures import votes as unga
from ...store import votes as unga_store
from ...errors import ParameterError

TEMPLATE = "votes.html.j2"
SOURCE = "Voeten, UN General Assembly Voting Data (hdl:1902.1/12379), via the R package unvotes; record to {last}"
MIN_YEAR_JOINT = unga.MIN_JOINT_YEAR  # the chart draws a year from this many joint votes, as the median counts pairs
KAPPA_WORDS = [(0.0, "no agreement beyond what their overall voting habits would produce"),
               (0.2, "slight agreement beyond what their overall voting habits would produce"),
               (0.4, "fair agreement beyond what their overall voting habits would produce"),
               (0.6, "moderate agreement beyond what their overall voting habits would produce"),
               (0.8, "substantial agreement beyond what their overall voting habits would produce"),
               (1.01, "almost perfect agreement beyond what their overall voting habits would produce")]


def _subject(short) -> str:
    """A roll call's short title without the catalogue's trailing ": resolution / adopted by the General Assembly"."""
    return re.sub(r"\s*:\s*resolution\s*/\s*adopted by the General Assembly\.?\s*$", "", short or "",
                  flags=re.I).strip()


def kappa_words(k: float) -> str:
    """Landis and Koch's (1977) bands for kappa."""
    return next(words for bound, words in KAPPA_WORDS if k <= bound)


@dataclass
class UngaSection:
    pair: tuple[str, str]
    names: dict[str, str]
    briefing_window: tuple[dt.date, dt.date]
    figures: dict | None                 # unga_store.figures for the default window; None without a store
    whole: dict | None = None           # by_year and by_issue over the whole record
    median: pd.DataFrame | None = None  # the all-pairs median per year
    problem: str | None = None          # why there are no figures

    @classmethod
    def build(cls, pair, names, briefing_start: dt.date, briefing_end: dt.date, store=None,
              figures: dict | None = None) -> "UngaSection":
        """``store``: the briefing's store of votes (``params.check``'s ``votes``: a folder, or
        None for the shipped one), opened here once and closed; ``figures``: the pair's figures
        as ``source.votes_summary`` gave them to the render (not computed again)."""
        try:
            opened = unga_store.open(store)
        except ParameterError as exc:  # no store of votes: say so in one line, not a failed briefing
            return cls(pair, names, (briefing_start, briefing_end), None, problem=str(exc))
        with opened as s:
            figures = ({**figures, "pair": "-".join(pair)} if figures is not None
                       else s.figures(pair, None, briefing_end))
            first, last = s.record()
            joint = unga.joint_votes(s.read_votes(pair), pair, first, last)
            whole = {"by_year": unga.by_year(joint, pair, first, last),
                     "by_issue": unga.by_issue(joint, s.read_issues(), pair)}
            median = s.read_yearly_median()
        return cls(pair, names, (briefing_start, briefing_end), figures, whole, median)

    # ------------------------------------------------------------------ text
    @property
    def span(self) -> str:
        f = self.figures
        start, end, last = f["start"], f["end"], f["record"]["last"]
        if f["covered"] == "full":
            return f"from {day_text(start)} to {day_text(end)}"
        return f"from {day_text(start)} to the end of the record on {day_text(last)}"

    def record_note(self) -> str:
        last = self.figures["record"]["last"] if self.figures else "2020-01-14"
        b0, b1 = self.briefing_window
        text = f"The voting record ends on {day_text(last)}; nothing after that day is in it."
        if b1 > dt.date.fromisoformat(last):
            part = "lies after it" if b0 > dt.date.fromisoformat(last) else "runs past it"
            text += (f" This briefing’s window ({day_text(b0)} to {day_text(b1)}) {part} and is not covered: "
                     "these figures "
                     "describe earlier years and do not say how the two states vote today.")
        return text

    def sentences(self) -> list[str]:
        f, (a, b) = self.figures, self.pair
        na, nb = self.names[a], self.names[b]
        if not f["joint"]:
            return [f"{na} and {nb} never voted on the same General Assembly roll call {self.span}: "
                    "there is nothing to compare."]
        first = (f"{self.span[0].upper()}{self.span[1:]}, {na} and {nb} cast the same vote on {f['agree']:,} of the "
                 f"{f['joint']:,} General Assembly roll calls on which both voted ({whole_percent(f['agreement'])})")
        if f["kappa"] is not None:
            first += f"; a Cohen’s kappa of {f['kappa']:.2f} means {kappa_words(f['kappa'])}"
        out = [first + "."]
        c = f["context"]
        second = []
        if c["percentile"] is not None:
            second.append(f"That puts the pair at the {ordinal(round(c['percentile']))} percentile of the "
                          f"{c['pairs']:,} pairs of states with at least {c['min_joint']} joint votes in those years, "
                          f"whose median pair voted alike {whole_percent(c['median_agreement'])} of the time")
        issues = [(k, v) for k, v in f["by_issue"].items() if v["joint"] >= 10]
        if len(issues) >= 2:
            top = max(issues, key=lambda kv: kv[1]["agreement"])
            low = min(issues, key=lambda kv: kv[1]["agreement"])
            second.append(f"they agreed most on {unga.ISSUE_PHRASES[top[0]]} "
                          f"({whole_percent(top[1]['agreement'])}) and "
                          f"least on {unga.ISSUE_PHRASES[low[0]]} ({whole_percent(low[1]['agreement'])})")
        if second:
            text = "; ".join(second)
            out.append(text[0].upper() + text[1:] + ".")
        return out

    def glance(self) -> str:
        """The one at-a-glance sentence."""
        if self.figures is None:
            return "No record of UN General Assembly votes is available to this briefing."
        f, (a, b) = self.figures, self.pair
        last = day_text(f["record"]["last"])
        if not f["joint"]:
            return (f"{self.names[a]} and {self.names[b]} share no recorded UN General Assembly vote in the ten "
                    f"years with votes before {day_text(f['end'])} (the record ends on {last}).")
        pct = f["context"]["percentile"]
        rank = f" ({ordinal(round(pct))} percentile of all pairs)" if pct is not None else ""
        return (f"At the UN General Assembly, {self.names[a]} and {self.names[b]} voted alike on "
                f"{whole_percent(f['agreement'])} of the {f['joint']:,} roll calls both voted on from "
                f"{dt.date.fromisoformat(f['start']).year} to the record’s end on {last}{rank}; later votes are "
                "not covered.")

    # ---------------------------------------------------------------- charts
    def _source(self) -> str:
        return SOURCE.format(last=day_text(self.figures["record"]["last"]))

    def year_chart(self) -> str:
        (a, b), f = self.pair, self.figures
        years = pd.DataFrame([{"year": int(y), **v} for y, v in self.whole["by_year"].items()])
        years["agreement"] = years["agreement"].astype(float)
        years = years[years["joint"] >= MIN_YEAR_JOINT]  # a year of one or two roll calls (2020: one) says nothing
        w0, w1 = int(f["start"][:4]), int(min(f["end"], f["record"]["last"])[:4])
        med = self.median.set_index("year")["median"]
        inside = years[(years["year"].between(w0, w1)) & (years["joint"] > 0)]
        below = int(sum(r.agreement < med.get(r.year, float("nan")) for r in inside.itertuples()))
        if len(inside):
            title = (f"Below the median pair in {below} of the {len(inside)} years of the window"
                     if below * 2 > len(inside) else
                     f"At or above the median pair in {len(inside) - below} of the {len(inside)} years of the window")
        else:
            title = "No joint vote in the window"
        label = f"{self.names[a]}–{self.names[b]} (years with {MIN_YEAR_JOINT}+ joint votes)"
        fig = charts.unga_agreement_by_year(years, self.median.dropna(subset=["median"]), (w0, w1), label, title,
                                            self._source())
        alt = (f"Identical votes per year, {label} against the median of all pairs: "
               + "; ".join(f"{r.year} {whole_percent(r.agreement)} of {r.joint}"
                           for r in years.itertuples() if r.joint))
        return charts.to_html(fig, alt)

    def issue_chart(self) -> str:
        f = self.figures
        rows = [{"label": label, "window": f["by_issue"][k]["agreement"], "window_joint": f["by_issue"][k]["joint"],
                 "whole": self.whole["by_issue"][k]["agreement"]} for k, label in unga.ISSUES.items()]
        issues = pd.DataFrame(rows).astype({"window": float, "whole": float})
        known = issues.dropna(subset=["window"])
        if len(known) >= 2:
            top, low = known.loc[known["window"].idxmax()], known.loc[known["window"].idxmin()]
            phrase = {label: unga.ISSUE_PHRASES[k] for k, label in unga.ISSUES.items()}
            title = f"Closest on {phrase[top['label']]}, furthest apart on {phrase[low['label']]}"
        else:
            title = "Identical votes by issue"
        fig = charts.unga_agreement_by_issue(issues, title, self._source())
        alt = "Identical votes by issue, window and whole record: " + "; ".join(
            f"{r['label']} {whole_percent(r['window'])} of {r['window_joint']} "
            f"(whole record {whole_percent(r['whole'])})" for r in rows)
        return charts.to_html(fig, alt)

    # ------------------------------------------------------------------ html
    def html(self) -> str:
        f, (a, b) = self.figures, self.pair
        context = {"names": self.names, "a": a, "b": b, "problem": self.problem, "record_note": self.record_note()}
        if f is None or not f["joint"]:
            context.update(sentences=self.sentences() if f else [], has_votes=False)
            return render(TEMPLATE, **context)
        p5 = [{"name": self.names[s], "cells": [whole_percent(f["context"]["p5"][s].get(m))
                                                 if m in f["context"]["p5"][s]
                                                 else "" for m in unga.P5]} for s in self.pair]
        opposed = [{"date": day_text(r["date"]), "unres": r["unres"] or "", "short": _subject(r["short"]),
                    "votes": [r[a], r[b]]} for r in f["latest_opposed"]]
        context.update(
            has_votes=True, sentences=self.sentences(), year_chart=self.year_chart(), issue_chart=self.issue_chart(),
            p5_names=[{"CHN": "China", "FRA": "France", "GBR": "UK", "RUS": "Russia", "USA": "US"}[m] for m in unga.P5],
            p5=p5, opposed=opposed, span=self.span, joint=f["joint"], opposed_total=f["opposed"])
        return render(TEMPLATE, **context)
