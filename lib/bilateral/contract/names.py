"""Country names as a briefing writes them.

No presentation code here: the render pipeline, the command line and the
briefing sections all name countries, and only the sections need matplotlib.
"""
from __future__ import annotations

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
