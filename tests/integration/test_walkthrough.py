"""The README's "Adding a source article" walkthrough, followed on a copy of the project with a
third, synthetic, test-only article: the data validates, the new outcome closes the open item,
and the suite's figure tests still pass (they run on their own frozen dataset, not on data/)."""
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.integration

ARTICLE = ("SYNTHETIC TEST ARTICLE, written for the test suite; not a real source.\n"
           "Minsk, 5 July 2024. Belarus was admitted as the organisation's tenth full member at the SCO summit.\n"
           "The Belarusian foreign minister spoke to his Indian counterpart by telephone on 6 July 2024.\n")
FIGURE_TESTS = ["tests/unit/test_curated_figures.py", "tests/unit/test_briefing_text.py",
                "tests/unit/test_alignment.py", "tests/unit/test_load.py"]


def _append(path: Path, row: dict) -> None:
    """Add a row as a spreadsheet would: every existing column kept, new ones added at the end."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    columns = list(dict.fromkeys([*rows[0].keys(), *row.keys()]))
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows([*rows, row])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    copy = tmp_path_factory.mktemp("clone")
    for name in ("lib", "tests", "data", "notebooks"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    data = copy / "data" / "india-belarus"
    # 1. the article, unchanged, and its checksum
    (data / "sources" / "synthetic-third.txt").write_text(ARTICLE, encoding="utf-8")
    sha = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    # 2. its row in sources.csv
    _append(data / "sources.csv", {"source_id": "synthetic-2024-07-05-sco", "title": "Synthetic test article",
                                   "published": "2024-07-05", "source_type": "synthetic",
                                   "file": "sources/synthetic-third.txt", "accessed": "2026-11-30", "sha256": sha,
                                   "notes": "synthetic, test-only"})
    # 3. what it reports, each row with its verbatim sentence
    _append(data / "events.csv", {"event_id": "blr-ind-2024-07-06-call", "date": "2024-07-06", "event_type": "call",
                                  "actor1_country": "BLR", "actor2_country": "IND", "level": "minister",
                                  "summary": "The foreign ministers spoke by telephone.",
                                  "source_id": "synthetic-2024-07-05-sco", "synthetic": "true",
                                  "source_quote": "The Belarusian foreign minister spoke to his Indian counterpart "
                                                  "by telephone on 6 July 2024."})
    _append(data / "positions.csv", {"position_id": "pos-blr-sco-admitted", "date": "2024-07-05",
                                     "actor_country": "BLR", "topic": "sco_membership", "stance": "attained",
                                     "target_country": "BLR", "summary": "Belarus was admitted to the SCO.",
                                     "source_id": "synthetic-2024-07-05-sco", "synthetic": "true",
                                     "source_quote": "Belarus was admitted as the organisation's tenth full member"})
    env = {**os.environ, "PYTHONPATH": str(copy / "lib"), "BILATERAL_DATASET": str(data),
           "BILATERAL_REPORTS": str(copy / "reports"), "BILATERAL_BUILD": str(copy / "build")}
    return copy, env


def _run(project, *args):
    copy, env = project
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=copy, env=env, timeout=900)


def test_the_new_article_validates_and_its_outcome_closes_the_open_item(project):
    # 4. validate
    checked = _run(project, "-m", "bilateral.cli", "validate")
    assert checked.returncode == 0, checked.stderr
    assert "5 events, 12 positions" in checked.stdout
    summary = json.loads(_run(project, "-m", "bilateral.cli", "summary", "--pair", "IND-BLR", "--json").stdout)
    sco = next(t for t in summary["alignment"]["topics"] if t["topic"] == "sco_membership")
    assert sco["BLR"] == "attained" and sco["status"] == "aligned"
    assert summary["engagement"]["by_type"].get("call") == 1


def test_the_figure_tests_still_pass_after_the_new_article(project):
    copy, env = project
    env = {k: v for k, v in env.items() if k != "BILATERAL_DATASET"}  # as `make test` would run
    # The guard that synthetic rows never enter data/ fires here, as it must: this copy's
    # third article is synthetic on purpose. Every other figure and sentence test runs.
    guard = "tests/unit/test_load.py::test_the_real_dataset_holds_no_synthetic_rows"
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FIGURE_TESTS,
                          "--deselect", guard],
                         capture_output=True, text=True, cwd=copy, env=env, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
