"""The data README documents exactly the vocabularies the loader enforces."""
import re
from pathlib import Path

from bilateral.contract import vocab

README = (Path(__file__).resolve().parents[2] / "data" / "README.md").read_text(encoding="utf-8")


def test_every_topic_is_documented_and_nothing_else():
    documented = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| [^|]+ \|$", README.split("## Topics", 1)[1], re.M)
    assert documented == list(vocab.TOPICS)


def test_event_types_levels_and_stances_are_documented():
    for value in list(vocab.EVENT_TYPES) + list(vocab.LEVELS) + list(vocab.STANCES) + list(vocab.SOURCE_TYPES):
        assert f"`{value}`" in README, value
