"""The briefing's sections: one module per section, each a function from the summary figures
and the dataset (``Inputs``) to the section's context, rendered by ``render`` through a Jinja2
template of ``templates/sections`` with autoescaping on, so data text is escaped by structure.

Modules: ``title`` (title block), ``glance`` (at a glance), ``timeline``, ``frequency``
(engagement frequency, visits, cooperation), ``stances`` (alignment), ``framework``
(cooperation framework), ``sources`` (sources, conflicts, method).
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from ..inputs import Inputs  # noqa: F401 - the sections' one argument


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from ..footnotes import anchor

    env = Environment(loader=PackageLoader("bilateral", "templates/sections"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(row_anchor=anchor, row_link=lambda kind, row_id: None)  # a briefing passes its own row_link
    return env


def render(template: str, **context) -> str:
    """The section's HTML: ``template`` filled from ``context``, every value escaped unless Markup."""
    return environment().get_template(template).render(**context)


def chart(fig, alt: str) -> Markup:
    """A chart as a self-contained figure element with its SVG inline as a data URI, and its alt text."""
    from ..charts import svg_data_uri

    return Markup(render("chart.html.j2", src=svg_data_uri(fig), alt=alt))
