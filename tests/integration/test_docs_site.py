"""The documentation site builds, its internal links hold, and the README keeps its shape.

`mkdocs build --strict` (what `make docs` runs) fails on a link to a missing page or heading
(mkdocs.yml's `validation` settings make those warnings, `--strict` makes warnings fatal): the
build is run into a temporary folder and must succeed, and a copy of the docs with one broken
anchor must fail, so the check cannot quietly be switched off. README.md and data/README.md
are not pages of the site: their relative links are checked here against the checkout.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"   # installed by the `docs` extra (Makefile's set-up)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _build(project: Path, site: Path) -> subprocess.CompletedProcess:
    assert MKDOCS.exists(), "mkdocs is not installed: `make test` installs the `docs` extra (pyproject.toml)"
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=300)


def test_the_site_builds_strictly_with_every_page(tmp_path):
    built = _build(ROOT, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    pages = {p.stem for p in (ROOT / "docs").glob("*.md")}
    assert pages <= {p.stem for p in (tmp_path / "site").glob("*.html")}
    # the data contract page is data/README.md, included whole (its vocabulary tables with it)
    contract = (tmp_path / "site" / "data-contract.html").read_text(encoding="utf-8")
    assert "strategic_partnership" in contract and "The one rule" in contract
    # nothing is fetched from the network when a page is opened (no web fonts)
    assert "fonts.googleapis.com" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_broken_anchor_fails_the_build(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "data").mkdir()
    shutil.copy(ROOT / "data" / "README.md", project / "data" / "README.md")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    page = project / "docs" / "editions.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](design.md#no-such-heading)\n", encoding="utf-8")
    built = _build(project, tmp_path / "site")
    assert built.returncode != 0
    assert "no-such-heading" in built.stdout + built.stderr


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("name", ["README.md", "data/README.md"])
def test_relative_links_outside_the_site_resolve(name):
    page = ROOT / name
    links = [t for t in LINK.findall(page.read_text(encoding="utf-8")) if not re.match(r"[a-z]+:", t)]
    assert links or name != "README.md", "the README links nowhere"
    for target in links:
        path = target.split("#", 1)[0]
        assert (page.parent / path).exists(), f"{name}: link to {target} goes nowhere"


def test_the_readme_opens_with_the_two_commands_and_stays_short():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"^```sh\n(.*?)^```", text, re.S | re.M).group(1)
    # the project's rule: the README's first lines give these two commands, after one paragraph
    assert [line.split()[:2] for line in first_block.splitlines()] == [["make", "briefing"], ["make", "test"]]
    before = [chunk for chunk in text.split("```sh", 1)[0].split("\n\n") if chunk.strip()]
    assert len(before) == 2 and before[0].startswith("# "), "the title and one paragraph before the commands"
    assert "shared folder" not in text
    assert len(text.split()) < 800, len(text.split())
