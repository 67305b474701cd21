"""The briefing's sections, each one call from one notebook cell.

``prepare`` checks the parameters and loads the data once; the ``Briefing`` it
returns renders each section of DESIGN.md section 5 from the figures of
``summary.build`` (so the prose, the charts and the sidecar agree). Each section
lives in its own module of ``bilateral.briefing.sections``: a function from the summary and
the dataset to the section's context, rendered through a Jinja2 template with
autoescaping on, so data text is escaped by structure. Only http(s) URLs are linked.
"""
from __future__ import annotations

import datetime as dt
from functools import cached_property
import html

import pandas as pd

from . import claims, params
from ..figures import summary as summary_mod
from ..dataset.load import facts_as_of, for_pair
from ..figures.engagement import Window
from ..errors import ParameterError
from ..contract.names import country_name  # noqa: F401 - re-exported for the sections
from .sections import Inputs, render
from .sections import changes, frequency, framework, friction, glance, intros, sources, stances, timeline, title
from .sections.framework import FACT_TITLES  # noqa: F401
from .text import date_text, day_text, join, number, possessive, safe_url, times, word


def esc(value) -> str:
    """Data text as safe HTML text (missing values as an empty string), for callers outside the templates."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


class Briefing(Inputs):
    """One method per notebook cell; each returns the section as displayable HTML."""

    MACHINE_ROWS = timeline.MACHINE_ROWS

    @staticmethod
    def _html(body: str):
        from IPython.display import HTML

        return HTML(body)

    def _section(self, template: str, context: dict):
        return self._html(render(template, **{"source_labels": self.source_labels, "row_link": self.row_link,
                                              **context}))

    def intro(self, section: str):
        """The sentence under a section's heading, true for the data's kind."""
        return self._section(intros.TEMPLATE, intros.context(self, section))

    # 1. Title block
    def title_block(self):
        return self._section(title.TEMPLATE, title.context(self))

    @cached_property
    def row_labels(self) -> dict[str, dict[str, str]]:
        """Every row the tables show, by kind: id -> footnote label (E1, P2, S1…)."""
        return claims.row_labels(self)

    # 2. At a glance
    def unga_glance(self) -> str:
        """The at-a-glance sentence on UN General Assembly votes: from the summary's figures when the
        render computed them (``bilateral render``), else from the store (run by hand)."""
        if "unga" in self.summary:
            from .sections.votes import UngaSection

            figures = self.summary["unga"]
            return UngaSection(self.pair, self.names, (self.window.start, self.window.end),
                               None if figures is None else {**figures, "pair": "-".join(self.pair)}).glance()
        return self.unga.glance()

    def at_a_glance(self):
        return self._section(glance.TEMPLATE, glance.context(self, self.unga_glance()))

    def sentences(self) -> list:
        """Every generated sentence stating figures, with its claims and rows (the sidecar's ``sentences``)."""
        return claims.all_sentences(self, self.unga_glance())

    # What changed since the last briefing
    def what_changed(self):
        return self._section(changes.TEMPLATE, changes.context(self))

    # 3. Timeline
    def timeline_chart(self):
        return self._section(timeline.CHART_TEMPLATE, timeline.chart_context(self))

    def timeline_table(self):
        return self._section(timeline.TABLE_TEMPLATE, timeline.table_context(self))

    # 4. Engagement frequency
    def frequency_chart(self):
        return self._section(frequency.CHART_TEMPLATE, frequency.chart_context(self))

    def frequency_table(self):
        return self._section(frequency.TABLE_TEMPLATE, frequency.table_context(self))

    def friction(self):
        return self._section(friction.TEMPLATE, friction.context(self))

    def visits_chart(self):
        return self._section(frequency.CHART_TEMPLATE, frequency.visits_context(self))

    def cooperation_chart(self):
        return self._section(frequency.COOPERATION_TEMPLATE, frequency.cooperation_context(self))

    # 5. Alignment
    def alignment_table(self):
        return self._section(stances.TABLE_TEMPLATE, stances.table_context(self))

    def reciprocal_support(self):
        return self._section(stances.RECIPROCAL_TEMPLATE, stances.reciprocal_context(self))

    def topics_chart(self):
        return self._section(stances.CHART_TEMPLATE, stances.chart_context(self))

    # 5b. Voting at the UN General Assembly: its own module and template ----------
    @cached_property
    def unga(self):
        from .sections.votes import UngaSection

        return UngaSection.build(self.pair, self.names, self.window.start, self.window.end, store=self.votes,
                                 figures=self.summary.get("unga"))  # computed by the render's plan

    def unga_votes(self):
        return self._html(self.unga.html())

    # 6. Cooperation framework ---------------------------------------------------
    def framework(self):
        return self._section(framework.TEMPLATE, framework.context(self))

    # 7. Sources and method
    def sources(self):
        return self._section(sources.SOURCES_TEMPLATE, sources.sources_context(self))

    def conflicts(self):
        return self._section(sources.CONFLICTS_TEMPLATE, sources.conflicts_context(self))

    def method(self):
        return self._section(sources.METHOD_TEMPLATE, sources.method_context(self))


class DocumentTitle:
    """The briefing's title as a display: the exporter reads it from the setup cell's output."""

    def __init__(self, title: str):
        self.title = title

    def _repr_mimebundle_(self, include=None, exclude=None):
        from . import TITLE_MIME

        return {"text/plain": self.title, TITLE_MIME: {"title": self.title}}


def document_title(b: "Briefing") -> DocumentTitle:
    a, c = b.pair
    return DocumentTitle(f"{country_name(a)}–{country_name(c)} briefing, {b.summary['start']} to {b.summary['end']}")


def prepare(pair="IND-BLR", start=None, end=None, as_of=None, data=None, min_sources=0,
            today: dt.date | None = None, prepared: str = "", votes: str = "") -> Briefing:
    """Check the parameters; take the rows and figures ``bilateral render`` prepared
    (``prepared``), or, run by hand, load and validate the data and compute every figure.
    ``votes``: the store of UN votes (empty: the shipped one)."""
    p = params.check(pair, start, end, as_of, data, min_sources, votes=votes or None)
    if prepared:
        from .handoff import read_handoff

        from .handoff import read_edition

        ds, figures = read_handoff(prepared)
        if figures["pair"] != p.pair_text:
            raise ParameterError(f"parameter 'prepared': its figures are for {figures['pair']}, not {p.pair_text}")
        day = dt.date.fromisoformat
        window = Window(day(figures["start"]), day(figures["end"]), day(figures["as_of"]))
        return Briefing(ds, p.pair, window, figures, p.min_sources, read_edition(prepared), p.votes)
    ds = for_pair(p.data, p.pair_text, p.min_sources)
    window = summary_mod.window_for(ds, p.pair, p.start, p.end, p.as_of, today)
    figures = summary_mod.build(ds, p.pair, p.start, p.end, p.as_of, today)
    return Briefing(facts_as_of(ds, window.as_of), p.pair, window, figures, p.min_sources, votes=p.votes)
