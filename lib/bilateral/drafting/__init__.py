"""Drafting rows from a news article, each anchored to its sentence, for an analyst to accept.

Rule-based (no model weights): sentences (pysbd), dates resolved against the
publication date, countries and demonyms (pycountry, country_converter's data),
offices to levels, trigger phrases to event types with CAMEO codes (a data
table), negation and modality, stances, facts. ``draft`` proposes; ``writer``
writes a draft folder the loader validates; ``accept`` adds chosen rows to a
dataset.
"""
from .pipeline import Draft, draft

__all__ = ["Draft", "draft"]
