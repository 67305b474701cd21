"""Every claim sentence of the briefing appears only where it is true for the data's kind:
a curated dataset quotes its sources; machine-coded event data quotes nothing, gives no levels or
venues, and can hold no stances, framework facts or recorded contradictions."""
import re

import pytest
from builders import event, write_dataset

from bilateral.briefing import notebook as briefing

SECTIONS = ["title_block", "at_a_glance", "timeline_chart", "timeline_table", "frequency_chart", "frequency_table",
            "friction", "visits_chart", "cooperation_chart", "alignment_table", "reciprocal_support", "topics_chart",
            "framework", "sources", "conflicts", "method"]
INTROS = ["timeline", "frequency", "alignment", "framework"]

# claim -> the kinds of data it is true for
CLAIMS = {
    "with the sentence of the source it rests on": {"curated"},
    "quotes the sentence of its source it rests on; the loader checks each quote": {"curated"},
    "Every claim above cites its source and the sentence it rests on": {"curated"},
    "with the quote it rests on.": {"curated"},
    "as the sources state them": {"curated"},
    "How often the two sides met, at what level and where": {"curated"},
    "contacts took place elsewhere or remotely": set(),  # neither fixture has engagements without visits and venues known
    "Reciprocal support.": {"curated"},
    "No facts on the cooperation framework are recorded": set(),
    "No contradictions between or within sources are recorded": set(),  # the curated fixture records some
    "it records no contradictions between sources": {"machine"},
    "Not available from machine-coded data": {"machine"},
    "Machine-coded rows quote no sentence": {"machine"},
    "machine geocoding": {"machine"},
    "no sentence of a source is quoted for them": {"machine"},
    "are friction, counted apart": {"machine"},
    "Friction, counted apart from": {"machine"},
}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&#34;", '"')


def whole(b) -> str:
    parts = [getattr(b, s)().data for s in SECTIONS] + [b.intro(s).data for s in INTROS]
    return _text(" ".join(parts))


def machine_dataset(tmp_path, rows=None):
    src = [{"source_id": "gdelt:0", "title": "GDELT 2.0 event export 20240110000000.export.CSV",
            "source_type": "machine-coded", "url": "", "file": "", "sha256": "0" * 64,
            "original_file": "/somewhere/local/20240110000000.export.CSV"}]
    mc = dict(level="unknown", source_quote="", goldstein="1.0", source_id="gdelt:0",
              location_city="Makei, Pskovskaya Oblast', Russia",
              source_url="https://news.example.org/article")
    rows = rows if rows is not None else [
        event("m0", "2024-01-10", event_type="visit", actor1_country="BLR", actor2_country="IND", cameo_code="042", quad_class="1", **mc),
        event("m1", "2024-01-11", event_type="other", cameo_code="061", quad_class="2", **mc),
        event("m2", "2024-01-12", event_type="other", cameo_code="193", quad_class="4", **mc),
    ]
    return write_dataset(tmp_path, sources=src, events=rows)


@pytest.fixture(scope="module")
def kinds(tmp_path_factory):
    from pathlib import Path

    curated = Path(__file__).resolve().parents[1] / "fixtures" / "india-belarus"  # frozen (tests/conftest.py)
    return {"curated": whole(briefing.prepare(pair="IND-BLR", data=curated)),
            "machine": whole(briefing.prepare(pair="IND-BLR", data=machine_dataset(tmp_path_factory.mktemp("m"))))}


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_each_claim_appears_only_where_true(kinds, claim):
    for kind, text in kinds.items():
        assert (claim in text) == (kind in CLAIMS[claim]), (kind, claim)


def test_machine_rows_say_who_did_what_to_whom_and_link_only_articles(tmp_path):
    b = briefing.prepare(pair="IND-BLR", data=machine_dataset(tmp_path))
    table = _text(b.timeline_table().data)
    assert "Belarus → India: make a visit." in table
    assert "India → Belarus: cooperate economically." in table
    assert "fight" not in table  # 193 is friction, not an engagement row
    assert "machine geocoding: Makei, Pskovskaya Oblast', Russia" in table
    sources = b.sources().data
    assert "20240110000000.export.CSV" in sources and "/somewhere/local" not in sources
    assert "href" not in sources.split("20240110000000")[0].rsplit("<tr>", 1)[-1] + sources.split("20240110000000")[1]
    assert re.findall(r'href="(http[^"]+)"', b.timeline_table().data) == ["https://news.example.org/article"] * 2


def test_unknown_stays_unknown_without_events(tmp_path):
    root = machine_dataset(tmp_path)
    b = briefing.prepare(pair="IND-BLR", data=root, start="2025-01-01", end="2025-01-31")
    e = b.summary["engagement"]
    assert e["total"] == 0 and e["high_level"] is None and e["venues"] is None
    assert e["previous"]["high_level"] is None
    table = _text(b.frequency_table().data)
    assert "At ministerial level or above — " in table
    assert "No engagement of India and Belarus is coded between 1 January 2025 and 31 January 2025" in _text(b.at_a_glance().data)
