"""Two editions of India–Belarus, rendered from two versions of the dataset (tests/editions_data.py):
what changed, shown in the second; `bilateral diff` on their sidecars; every footnote resolving,
in Chromium for the HTML and with pypdf for the PDF; earlier editions kept."""
import json
import os
import re
from pathlib import Path

import pytest
from conftest import run_main
from editions_data import ADDED_EVENT, BACKGROUND_ID, CHANGED_POSITION, READOUT_ID, STANCE_QUOTE, version1, version2
from pypdf import PdfReader
from truth import check_all

from bilateral.dataset.load import for_pair
from bilateral.render.plan import render

pytestmark = pytest.mark.integration
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("editions")
    os.environ["BILATERAL_BUILD"] = str(root / "build")
    out = root / "reports"
    first = render("IND-BLR", data=version1(root / "v1"), out=out, progress=False)
    # the second edition replaces the first at the report's path; the first is kept under editions/
    first = {kind: path.read_text(encoding="utf-8") for kind, path in first.files.items() if kind != "pdf"}
    second = render("IND-BLR", data=version2(root / "v2"), out=out, progress=False)
    return root, out, first, second


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#34;", '"').replace("&#39;", "'").split())


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start:html.index("<h2", start + 10)]


def test_the_first_edition_says_in_one_line_there_is_nothing_to_compare(editions):
    _, out, first, _ = editions
    part = _section(first["html"], "What-changed-since-the-last-briefing")
    assert part.count("<p>") == 1
    assert "No previous edition of this briefing of India and Belarus was found beside it" in _text(part)
    assert json.loads(first["json"])["edition"] == {"previous": None, "changes": None}
    kept = sorted((out / "IND-BLR" / "editions").glob("*/*.html"))[0].read_text(encoding="utf-8")
    assert kept == first["html"]


def test_the_second_edition_shows_each_change(editions):
    _, _, first, second = editions
    html = second.files["html"].read_text(encoding="utf-8")
    part = _text(_section(html, "What-changed-since-the-last-briefing"))
    before = json.loads(first["json"])["rendered_at"]
    assert f"Compared with the briefing rendered on" in part and before[11:19] in part
    for item in (f"Events added {ADDED_EVENT} (2024-02-15): Synthetic test row: the foreign ministers of Belarus and "
                 "India speak by telephone.",
                 f"Sources added {READOUT_ID}: Synthetic readout of a telephone call (test data)",
                 f"Sources removed {BACKGROUND_ID}: Synthetic background note (test data) (no longer in the data)",
                 f"Stances changed Belarus on UN Security Council reform: support → neutral: “{STANCE_QUOTE}”",
                 "Engagements in the window: 2 → 3", "High-level contacts (ministerial or above): 2 → 3",
                 "Alignment on UN Security Council reform: aligned → other"):
        assert item in part, item
    # the added event and the new stance link to their rows
    assert f'href="#ev-{ADDED_EVENT}"' in _section(html, "What-changed-since-the-last-briefing")
    assert f'href="#pos-{CHANGED_POSITION}"' in _section(html, "What-changed-since-the-last-briefing")
    glance = _text(_section(html, "At-a-glance"))
    assert "Since the briefing rendered on" in glance and \
        "Belarus’s stance on UN Security Council reform has changed from support to neutral" in glance
    assert 4 <= _section(html, "At-a-glance").count("<li>") <= 6


def test_bilateral_diff_on_the_kept_editions(editions):
    _, out, first, second = editions
    kept = sorted((out / "IND-BLR" / "editions").glob("*/*.json"))
    assert len(kept) == 2
    code, stdout, stderr = run_main("diff", str(kept[0]), str(kept[1]))
    assert code == 1 and stderr == ""
    assert f"Stance changed: Belarus on UN Security Council reform: support → neutral: “{STANCE_QUOTE}”" in stdout
    assert f"Source removed: {BACKGROUND_ID}: Synthetic background note (test data)" in stdout
    code, stdout, _ = run_main("diff", str(kept[1]), str(second.files["json"]))
    assert code == 0 and "Nothing changed" in stdout


def test_every_sentence_of_the_sidecar_is_true_for_its_rows(editions):
    root, _, _, second = editions
    side = json.loads(second.files["json"].read_text(encoding="utf-8"))
    ds = for_pair(root / "v2" / "india-belarus", "IND-BLR")
    assert len(side["sentences"]) >= 9
    assert check_all(side["sentences"], ds, ["IND", "BLR"]) == []


def test_every_internal_link_of_the_pdf_resolves(editions):
    _, _, _, second = editions
    reader = PdfReader(second.files["pdf"])
    names = set(reader.named_destinations)
    targets = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                targets.append(str(annot["/Dest"]))
    dead = [t for t in targets if t not in names]
    assert not dead, dead
    assert f"ev-{ADDED_EVENT}" in targets and f"pos-{CHANGED_POSITION}" in targets
    assert sum(t.startswith(("ev-", "pos-")) for t in targets) >= 15  # footnote marks, as internal links
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "E1" in text and "P1" in text  # the same labels as the HTML


def test_every_footnote_resolves_and_its_row_is_highlighted_in_chromium(editions):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (Debian's chromium package) to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api")
    _, _, _, second = editions
    url = second.files["html"].resolve().as_uri()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.goto(url)
            hrefs = page.eval_on_selector_all('a[href^="#"]', "els => els.map(e => e.getAttribute('href'))")
            dead = page.evaluate("hs => hs.filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))",
                                 hrefs)
            assert not dead, dead
            marks = page.eval_on_selector_all("sup.fn a", "els => els.map(e => e.getAttribute('href'))")
            assert len(marks) >= 15 and any(h.startswith("#pos-") for h in marks)
            page.click(f'.glance sup.fn a[href="#pos-{CHANGED_POSITION}"]')
            highlight = page.evaluate(f"getComputedStyle(document.getElementById('pos-{CHANGED_POSITION}'))"
                                      ".backgroundColor")
            assert highlight == "rgb(255, 241, 184)"
            assert page.evaluate("document.querySelector(':target').id") == f"pos-{CHANGED_POSITION}"
        finally:
            browser.close()


def test_rendering_again_keeps_every_edition_and_the_index_links_the_latest(editions):
    root, out, first, second = editions
    again = render("IND-BLR", data=root / "v2" / "india-belarus", out=out, formats="html", progress=False,
                   force=True)
    kept = sorted((out / "IND-BLR" / "editions").glob("*/*.json"))
    assert len(kept) == 3 and all(p.with_suffix(".html").exists() for p in kept)
    assert again.files["html"] == second.files["html"]  # the latest replaces the report a reader opens…
    assert "Nothing has changed" in _text(_section(again.files["html"].read_text(encoding="utf-8"),
                                                   "What-changed-since-the-last-briefing"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="IND-BLR/{again.files["html"].name}"' in index and "latest of 3 editions" in index
    # …and --since can name any kept edition: here the first
    since = render("IND-BLR", data=root / "v2" / "india-belarus", out=out, formats="html", progress=False,
                   since=kept[0])
    assert not since.skipped
    assert "Sources removed" in _text(_section(since.files["html"].read_text(encoding="utf-8"),
                                               "What-changed-since-the-last-briefing"))
