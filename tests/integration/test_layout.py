"""Layout, measured in a real browser (Debian's chromium driven by Playwright): at 1000 and 390 px
no table, figure or paragraph of a curated or a machine-coded briefing reaches past the page's
text column, and the page never scrolls sideways."""
from pathlib import Path

import pytest
from builders import event, write_dataset

from bilateral.render.plan import render

CHROMIUM = Path("/usr/bin/chromium")
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright (PyPI) is not installed")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (Debian package 'chromium')")

MEASURE = """() => {
  const main = document.querySelector('main.briefing');
  const right = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
  const over = [];
  for (const el of main.querySelectorAll('table, figure, img, p, li, dl, blockquote, h1, h2, h3')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > right + 1) over.push(`${el.tagName}.${el.className} +${Math.round(r.right - right)}px`);
  }
  return {over, scroll: document.documentElement.scrollWidth, width: window.innerWidth,
          tables: main.querySelectorAll('table').length, figures: main.querySelectorAll('figure').length};
}"""


def _machine(tmp_path):
    src = [{"source_id": "gdelt:0", "title": "GDELT 2.0 event export 20240110000000.export.CSV",
            "source_type": "machine-coded", "url": "", "file": "", "sha256": "a" * 64,
            "original_file": "a-rather-long-local-file-name-20240110000000.export.CSV",
            "covers_start": "2024-01-10T00:00:00", "covers_end": "2024-01-10T00:15:00",
            "covers_kind": "GDELT 2.0 15-minute collection"}]
    url = "https://news.example.org/" + "a-very-long-article-path-without-any-break-" * 3
    rows = [event(f"m{i}", "2024-01-10", event_type=t, level="unknown", source_quote="", goldstein="1.0",
                  source_id="gdelt:0", cameo_code=c, quad_class=q, source_url=url, num_mentions=str(i + 1),
                  location_city="Makei, Pskovskaya Oblast', Russia")
            for i, (t, c, q) in enumerate([("visit", "042", "1"), ("meeting", "040", "1"), ("other", "061", "2"),
                                           ("other", "193", "4"), ("statement", "051", "1")])]
    return write_dataset(tmp_path / "machine", sources=src, events=rows)


@needs_chromium
def test_nothing_reaches_past_the_text_column(tmp_path):
    pages = [render("IND-BLR", out=tmp_path / "c", formats="html", progress=False).files["html"],
             render("IND-BLR", data=str(_machine(tmp_path)), out=tmp_path / "m", formats="html",
                    progress=False).files["html"]]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            for path in pages:
                for width in (1000, 390):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(path.as_uri())
                    found = page.evaluate(MEASURE)
                    page.close()
                    assert found["tables"] >= 2 and found["figures"] >= 2, (path.name, width)
                    assert found["over"] == [], (path.name, width, found["over"])
                    assert found["scroll"] <= found["width"], (path.name, width, found)
        finally:
            browser.close()
