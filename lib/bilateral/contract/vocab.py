"""The controlled vocabularies of the data contract (DESIGN.md section 2).

The data README documents the same lists in prose; a unit test keeps the two in
step. Topic ids are never renamed; new ones are added as data needs them.
"""
from __future__ import annotations

EVENT_TYPES: dict[str, str] = {
    "visit": "Visit",
    "meeting": "Meeting",
    "call": "Call",
    "negotiation": "Negotiation",
    "mechanism": "Mechanism session",
    "agreement": "Agreement",
    "ratification": "Ratification",
    "statement": "Statement",
    "intent": "Intent",
    "other": "Other",
}

# Ordered from the highest office down: charts draw one lane per level in this order.
LEVELS: dict[str, str] = {
    "head_of_state": "Head of state",
    "head_of_government": "Head of government",
    "minister": "Minister",
    "deputy_minister": "Deputy minister",
    "senior_official": "Senior official",
    "official": "Official",
    "parliament": "Parliament",
    "other": "Other",
    "unknown": "Unknown",
}
HIGH_LEVELS = frozenset({"head_of_state", "head_of_government", "minister"})

STANCES: dict[str, str] = {
    "support": "Supports",
    "oppose": "Opposes",
    "neutral": "Neutral",
    "concern": "Concerned",
    "interest": "Seeks",
    # The outcome of a side's own bid or membership: it closes the "interest" it follows.
    "attained": "Attained",
}

MACHINE_CODED = "machine-coded"  # the source type of machine-coded event data (GDELT, ICEWS)


def machine_coded_sources(source_ids, source_types) -> set[str]:
    """Which sources are machine-coded, decided once: those whose source type says so (a row
    is machine-coded when its source is; such rows carry no level, venue or quote)."""
    return {sid for sid, kind in zip(source_ids, source_types) if isinstance(kind, str) and kind == MACHINE_CODED}


SOURCE_TYPES: dict[str, str] = {
    "official": "Official readout or statement",
    "press": "Press report",
    "machine-coded": "Machine-coded event data",
    "synthetic": "Synthetic (generated for tests)",
}

TOPICS: dict[str, str] = {
    "unsc_reform": "UN Security Council reform",
    "sco_membership": "SCO membership",
    "brics_membership": "BRICS membership",
    "multipolar_order": "Multipolar world order",
    "ukraine_conflict": "Russia–Ukraine conflict",
    "un_cooperation": "Cooperation at the UN",
    "trade": "Trade",
    "investment": "Investment",
    "taxation": "Taxation",
    "agriculture": "Agriculture",
    "defence": "Defence",
    "science_technology": "Science and technology",
    "education": "Education",
    "culture": "Culture",
    "media": "Media",
    "sports": "Sports",
    "health": "Health",
    "energy": "Energy",
    "development_partnership": "Development partnership",
    "people_to_people": "People-to-people ties",
    # Added for the India–Belarus seeds: both sides speak of raising relations to
    # a "strategic partnership", which no topic above covers.
    "strategic_partnership": "Strategic partnership",
}

# What an `interest` stance on a topic means, for prose ("India's bid for ...").
INTEREST_PHRASES: dict[str, str] = {
    "unsc_reform": "bid for a permanent UN Security Council seat",
    "sco_membership": "bid for SCO membership",
    "brics_membership": "bid to join BRICS",
}


def interest_phrase(topic: str) -> str:
    return INTEREST_PHRASES.get(topic, f"interest in {inline_label(topic)}")


# Labels that start with a proper noun or an acronym keep their capital inside a sentence.
_PROPER_START = ("UN ", "SCO", "BRICS", "Russia")


def inline_label(topic: str) -> str:
    """A topic label inside a sentence: lower case unless it starts with a name or acronym."""
    text = TOPICS.get(topic, topic.replace("_", " "))
    return text if text.startswith(_PROPER_START) else text[0].lower() + text[1:]


# Fact categories whose `key` must be a topic id (the sector an agreement covers).
TOPIC_KEYED_FACT_CATEGORIES = frozenset({"agreement_sector"})


def label(vocabulary: dict[str, str], value: str) -> str:
    """The reader-facing label of a vocabulary value (the value itself if unknown)."""
    return vocabulary.get(value, value.replace("_", " "))
