"""HTML from templates, through one Jinja2 environment factory.

Every page the project writes (the briefing's sections, the reports index, the explorer's
static copy, the drafting review page) is a template under ``templates/`` filled with
autoescaping on, so text from the data is escaped by structure, never by hand. Like
nbconvert's template path list, an environment searches the folders it is given in order
(the first holding a template wins); the briefing's sections and the reports index differ
only in whitespace handling and in whether an unknown variable is an error.
"""
from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Undefined

from .paths import TEMPLATES_DIR


@lru_cache(maxsize=None)
def environment(*folders: str, strict: bool = True, trim: bool = True) -> Environment:
    """The environment reading ``templates/<folder>`` for each folder, in order: autoescaping
    always; ``strict`` makes an undefined variable an error; ``trim`` drops the newline after a
    block tag and the indentation before it (Jinja's ``trim_blocks`` and ``lstrip_blocks``)."""
    return Environment(loader=FileSystemLoader([str(TEMPLATES_DIR / f) for f in folders]), autoescape=True,
                       undefined=StrictUndefined if strict else Undefined, trim_blocks=trim, lstrip_blocks=trim)


def render(folder: str, template: str, **context) -> str:
    """``template`` of ``templates/<folder>`` filled from ``context`` (strict, trimmed)."""
    return environment(folder).get_template(template).render(**context)
