"""The briefing's prose comes from the data, and data text is never markup."""
import shutil

import pytest
from builders import QUOTE, event, position, write_dataset

from bilateral.briefing import notebook as briefing
from bilateral.contract import vocab
from bilateral.briefing.notebook import esc, safe_url


def glance(root, **kw) -> str:
    return briefing.prepare(pair="IND-BLR", data=root, **kw).at_a_glance().data


def test_curated_at_a_glance(curated_path):
    text = glance(curated_path)
    assert "The last high-level contact began on 11 March 2024, two days before the as-of date of 13 March 2024" in text
    assert "Two engagements from 19 January 2024 to 13 March 2024" in text
    assert "one from Belarus to India, none from India to Belarus" in text
    # reciprocal support is said with the open bids it backs (DESIGN.md: four to six sentences)
    assert "India’s bid for a permanent UN Security Council seat, which Belarus backs" in text
    assert "Belarus’s bid for SCO membership, which India backs (support is reciprocal)" in text
    assert 4 <= text.count("<li>") <= 6


def test_changing_the_data_changes_the_sentences(curated_path, tmp_path):
    data = tmp_path / "ib"
    shutil.copytree(curated_path, data)
    quote = "Jaishankar had met his counterpart on the sidelines of the Non-Aligned Movement Summit (NAM) Summit"
    with open(data / "events.csv", "a", encoding="utf-8") as fh:  # a (test-only) Indian visit to Minsk
        fh.write(f'test-visit,2024-03-01,,visit,IND,S Jaishankar,,BLR,,,minister,Minsk,BLR,,,,'
                 f'Test visit.,press-2024-03-11-aleinik-arrives,"{quote}",,\n')
    text = glance(data)
    assert "one from Belarus to India, one from India to Belarus" in text
    assert "Three engagements" in text
    later = glance(data, as_of="2024-04-12")
    assert "32 days before the as-of date of 12 April 2024" in later


def test_a_window_with_a_covered_previous_window_compares(tmp_path):
    root = write_dataset(tmp_path, events=[event("a", "2024-01-10"), event("b", "2024-02-10"),
                                           event("c", "2024-02-20")])
    text = glance(root, start="2024-02-01", end="2024-02-29")
    assert "Two engagements from 1 February 2024 to 29 February 2024" in text
    assert "up from 1 in the previous window of the same length (3 January 2024 to 31 January 2024)" in text


PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)> $x$ **b**'


def test_data_text_is_escaped_everywhere(tmp_path):
    doc = f"{QUOTE} {PAYLOAD}\n"
    root = write_dataset(tmp_path, doc=doc, events=[
        event("e1", "2024-01-10", summary=PAYLOAD, venue=PAYLOAD, location_city=PAYLOAD, source_quote=PAYLOAD),
    ], positions=[position("p1", "2024-01-10", "IND", "trade", "support", summary=PAYLOAD, source_quote=PAYLOAD)])
    b = briefing.prepare(pair="IND-BLR", data=root)
    for section in ("title_block", "at_a_glance", "timeline_table", "frequency_table", "alignment_table",
                    "reciprocal_support", "framework", "sources", "conflicts", "method"):
        html = getattr(b, section)().data
        assert "<script" not in html and "<img src=x" not in html, section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in b.timeline_table().data


def test_only_http_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url('https://x.org/"onmouseover=1') is None
    assert esc(None) == "" and esc('"<') == "&quot;&lt;"


def test_interest_phrases_cover_the_membership_topics():
    assert vocab.interest_phrase("sco_membership") == "bid for SCO membership"
    assert vocab.interest_phrase("trade") == "interest in trade"
    assert vocab.inline_label("multipolar_order") == "multipolar world order"
    assert vocab.inline_label("unsc_reform") == "UN Security Council reform"


def test_parameter_errors_in_the_notebook_are_the_cli_messages(curated_path):
    from bilateral import ParameterError

    with pytest.raises(ParameterError, match="parameter 'as_of': '2024-02-30' is not a day: February 2024 has 29 days"):
        briefing.prepare(pair="IND-BLR", as_of="2024-02-30", data=curated_path)


def test_sections_build_no_markup_in_python_and_templates_autoescape():
    """Escaping is structural: the section modules hold no HTML tags, and the templates escape by default."""
    import re
    from pathlib import Path

    from bilateral.briefing import sections

    assert sections.environment().autoescape is True
    rendered = sections.render("glance.html.j2", empty=None, sentences=[PAYLOAD])
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    tag = re.compile(r"<(/?)(p|a|td|tr|table|li|ul|strong|span|br|div|blockquote|img|figure|code|h\d)\b")
    modules = list(Path(sections.__file__).parent.glob("*.py"))
    assert len(modules) >= 3  # the sections' modules: the loop below checks something
    for module in modules:
        assert not tag.search(module.read_text(encoding="utf-8")), module.name


def _machine_dataset(tmp_path):
    src = [{"source_id": "src", "title": "GDELT export", "source_type": "machine-coded",
            "url": "https://example.org/export.CSV", "file": "", "sha256": ""}]
    mc = dict(level="unknown", source_quote="", goldstein="1.0", event_type="other")
    rows = [event(f"m{i}", "2024-01-10", cameo_code=code, quad_class=quad, **mc)
            for i, (code, quad) in enumerate([("042", "1"), ("061", "2"), ("112", "3"), ("190", "4"), ("193", "4")])]
    return write_dataset(tmp_path, sources=src, events=rows)


def test_friction_is_shown_beside_engagement_for_machine_coded_data(tmp_path, curated_path):
    b = briefing.prepare(pair="IND-BLR", data=_machine_dataset(tmp_path))
    section = b.friction().data
    assert "Friction, counted apart from the two engagements: three coded events of conflict" in section
    assert "1 verbal conflict and 2 material conflict" in section
    assert "most often fight (2) and disapprove (1)" in section
    assert "<img" in section and "Engagements and friction per quarter: 2024Q1 2 engagements, 3 friction" in section
    assert "Friction, counted apart" in b.at_a_glance().data
    curated = briefing.prepare(pair="IND-BLR", data=curated_path)
    assert curated.friction().data.strip() == "" and "Friction" not in curated.at_a_glance().data


def test_chart_titles_wrap_rather_than_run_past_the_figure():
    import pandas as pd

    from bilateral.briefing import charts

    names = {"USA": "United States of America", "PRK": "Democratic People’s Republic of Korea"}
    table = pd.DataFrame({"traveller": ["USA", "PRK"], "host": ["PRK", "USA"], "visits": [2, 40]})
    title = "United States of America visited Democratic People’s Republic of Korea twice; the other way 40 times"
    fig = charts.visits(table, names, title, "test")
    text = fig.axes[0]._left_title
    assert "\n" in text.get_text() and text.get_text().replace("\n", " ") == title
    assert charts.overflow(fig, text) == 0
    periods = pd.DataFrame({"period": ["2024Q1", "2024Q2"], "events": [3, 4]})
    fig = charts.frequency(periods, 2, 7, title + " and more words to make it longer still", "test", "Previous")
    assert charts.overflow(fig, fig.axes[0]._left_title) == 0
