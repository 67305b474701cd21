"""The pieces of store.figures and store.pairs that are plain Python: the exactly rounded mean
and the all-pairs table's default window."""
import datetime as dt
import math
import random
from collections import Counter

from builders import SCORES, SHUFFLED

from bilateral.store import figures
from bilateral.store.pairs import default_window

D = dt.date.fromisoformat


def test_the_mean_of_value_counts_is_fsums_mean_rounded():
    rng = random.Random(3)
    for _ in range(300):
        scores = [rng.choice([-10.0, -4.4, -2.0, 0.1, 1.9, 2.8, 3.4, 7.4]) for _ in range(rng.randint(1, 60))]
        expected = round(math.fsum(scores) / len(scores), 3)
        counts = list(Counter(scores).items())
        rng.shuffle(counts)
        assert figures.exact_mean(counts) == expected
    # the order of the rows never moves the third decimal (the case a plain sum gets wrong)
    assert figures.exact_mean(Counter(SCORES).items()) == figures.exact_mean(Counter(SHUFFLED).items()) == 1.272
    assert figures.exact_mean([]) is None and figures.exact_mean([(None, 3)]) is None


def test_a_share_of_nothing_is_null():
    assert figures.share(3, 4) == 0.75 and figures.share(0, 4) == 0.0 and figures.share(0, 0) is None


def test_the_default_window_of_the_table():
    span = (D("2015-01-01"), D("2024-12-30"))
    w = default_window(span, None, None)
    assert (w.start, w.end, w.days) == (D("2024-01-01"), D("2024-12-30"), 365)
    assert (w.previous().start, w.previous().end) == (D("2023-01-01"), D("2023-12-31"))
    w = default_window(span, D("2024-06-01"), None)  # start alone: to the store's last day
    assert (w.start, w.end) == (D("2024-06-01"), D("2024-12-30"))
    w = default_window(span, None, D("2020-02-29"))  # end alone: the year before it
    assert (w.start, w.end) == (D("2019-03-02"), D("2020-02-29"))
    w = default_window(span, D("2025-03-01"), None)  # a start after the last event: one day
    assert (w.start, w.end) == (D("2025-03-01"), D("2025-03-01"))
    w = default_window(None, None, None, today=D("2026-01-31"))  # an empty store: the year to today
    assert (w.start, w.end) == (D("2025-02-01"), D("2026-01-31"))
