"""Country names as a briefing writes them, and pairs of country codes as every command reads them.

No presentation code here: the render pipeline, the command line and the
briefing sections all name countries, and only the sections need matplotlib.
"""
from __future__ import annotations

import re

from ..errors import ParameterError
from .columns import check_country

# Where the ISO short name is not what a briefing says and pycountry has no common name.
_NAMES = {"RUS": "Russia", "PSE": "Palestine"}


def country_name(code: str) -> str:
    """The name a briefing uses: ISO's common name where it has one (``Russia``, ``Iran``)."""
    import pycountry

    if code in _NAMES:
        return _NAMES[code]
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


_PAIR = re.compile(r"^([A-Za-z]{3})-([A-Za-z]{3})$")


def parse_pair(text: str) -> tuple[str, str]:
    """``"IND-BLR"`` → ``("IND", "BLR")``; ParameterError names what is wrong."""

    m = _PAIR.match(str(text).strip())
    if not m:
        raise ParameterError(
            f"parameter 'pair': {text!r} is not two ISO 3166-1 alpha-3 codes joined by '-', like IND-BLR"
        )
    a, b = m.group(1), m.group(2)
    for code in (a, b):
        problem = check_country(code)
        if problem:
            raise ParameterError(f"parameter 'pair': {problem}")
    if a == b:
        raise ParameterError(f"parameter 'pair': {text!r} names the same country twice")
    return a, b
