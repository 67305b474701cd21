"""The briefing's sections: one module per section, each a function from the summary figures
and the dataset (``Inputs``) to the section's context, rendered by ``render`` through a Jinja2
template of ``templates/sections`` with autoescaping on, so data text is escaped by structure.

Modules: ``title`` (title block), ``glance`` (at a glance), ``changes`` (what changed),
``timeline``, ``frequency`` (engagement frequency, visits, cooperation), ``friction``,
``stances`` (alignment), ``votes`` (UN General Assembly), ``framework`` (cooperation
framework), ``sources`` (sources, conflicts, method), ``intros`` (each section's opening).
"""
from __future__ import annotations

from functools import lru_cache

from ..footnotes import anchor
from ..inputs import Inputs  # noqa: F401 - the sections' one argument
from ...html import environment as html_environment


@lru_cache(maxsize=1)
def environment():
    env = html_environment("sections")
    env.globals.update(row_anchor=anchor, row_link=lambda kind, row_id: None)  # a briefing passes its own row_link
    return env


def render(template: str, **context) -> str:
    """The section's HTML: ``template`` filled from ``context``, every value escaped unless Markup."""
    return environment().get_template(template).render(**context)
