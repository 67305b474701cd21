"""The house-style charts: what they draw is what they were given, and the HTML is self-contained."""
import base64
import re

import pandas as pd

from bilateral.briefing import charts


def _svg(html_text: str) -> str:
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html_text).group(1)
    return base64.b64decode(data).decode("utf-8")


def _visits():
    table = pd.DataFrame({"traveller": ["IND", "BLR"], "host": ["BLR", "IND"], "visits": [0, 3]})
    return charts.visits(table, {"IND": "India", "BLR": "Belarus"}, "Belarus visited India 3 times", "test rows")


def test_frequency_bars_are_the_counts_given_and_the_previous_window_beside_them():
    periods = pd.DataFrame({"period": ["2024Q1", "2024Q2", "2025Q1"], "events": [2, 0, 5]})
    fig = charts.frequency(periods, 4, 7, "Seven engagements", "test rows", "Previous window")
    bars, compare = fig.axes
    assert [p.get_height() for p in bars.patches] == [2, 0, 5]
    assert [t.get_text() for t in bars.get_xticklabels()] == ["Q1\n2024", "Q2", "Q1\n2025"]
    assert [p.get_height() for p in compare.patches] == [4, 7]
    assert compare.patches[0].get_hatch() is None


def test_an_uncovered_previous_window_is_hatched_and_says_so_not_zero():
    periods = pd.DataFrame({"period": ["2024"], "events": [1]})
    fig = charts.frequency(periods, None, 1, "One engagement", "test rows", "Previous window")
    compare = fig.axes[1]
    assert compare.patches[0].get_hatch() == "//"
    assert "not\ncovered" in [t.get_text() for t in compare.texts]


def test_visits_draw_one_bar_per_direction_even_a_zero():
    ax = _visits().axes[0]
    assert [p.get_width() for p in ax.patches] == [0, 3]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["India → Belarus", "Belarus → India"]


def test_to_html_is_one_self_contained_image_with_escaped_alt_text():
    text = charts.to_html(_visits(), 'visits <script>alert("x")</script>')
    assert text.startswith('<figure class="chart"><img src="data:image/svg+xml;base64,')
    assert "<script>" not in text and "&lt;script&gt;" in text
    svg = _svg(text)
    assert "Belarus visited India 3 times" in svg  # text stays text (svg.fonttype none)
    assert not re.search(r'(href|src)="(https?:)?//', svg)  # nothing loaded from elsewhere


def test_the_same_chart_gives_the_same_bytes():
    assert charts.to_html(_visits(), "a") == charts.to_html(_visits(), "a")
