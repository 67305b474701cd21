"""Text from data is untrusted: rendered into the briefing, it shows literally and runs
nothing, checked in a real browser (Debian's chromium, installed by .ci/run)."""
import re
import shutil
import subprocess

import pytest
from builders import event, position, write_dataset

from bilateral import ValidationError, load
from bilateral.render.plan import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed (Debian package 'chromium'; .ci/run installs it)")

PAYLOADS = [
    "<script>document.title='PWNED-script'</script>",
    "<img src=x onerror=\"document.title='PWNED-img'\">",
    "<svg onload=\"document.title='PWNED-svg'\"></svg>",
    "<a href=\"javascript:document.title='PWNED-link'\">click</a>",
    "**bold** _em_ `code` $x^2$ \\(a+b\\) {{ raw }} {% if %}",
]
TEXT = " ".join(PAYLOADS)
DOC = f"Quote one. {TEXT} Quote end.\n"


def browser_dom(html_path) -> str:
    """The DOM after Chromium has loaded the page and run whatever scripts it would."""
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--virtual-time-budget=3000",
         f"--user-data-dir={html_path.parent / 'chromium-profile'}", "--dump-dom", html_path.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@needs_chromium
def test_no_script_runs_and_the_text_shows_literally(tmp_path):
    data = write_dataset(tmp_path / "ds", doc=DOC, events=[
        event("e1", "2024-01-10", summary=TEXT, venue=TEXT, location_city=TEXT, actor1_name=TEXT, source_quote=TEXT,
              topics="trade"),
        event("e2", "2024-02-10", part_of="e1", summary=TEXT, source_quote=TEXT),
    ], positions=[position("p1", "2024-01-10", "BLR", "unsc_reform", "support", "IND", summary=TEXT, source_quote=TEXT),
                  position("p2", "2024-01-10", "IND", "unsc_reform", "interest", "IND", summary=TEXT, source_quote=TEXT)],
        facts=[{"fact_id": "f1", "category": "community", "key": TEXT, "value": TEXT, "unit": TEXT,
                "as_of": "", "source_id": "src", "source_quote": TEXT}],
        conflicts=[{"conflict_id": "c1", "source_id": "src", "field": TEXT, "value_a": TEXT, "value_b": TEXT,
                    "chosen": TEXT, "reason": TEXT}],
        sources=[{"source_id": "src", "title": TEXT, "publisher": TEXT, "published": "2024-02-10", "source_type": "press",
                  "url": "https://example.org/a?q=<b>", "file": "sources/doc.txt", "accessed": "",
                  "sha256": __import__("hashlib").sha256(DOC.encode()).hexdigest(), "notes": TEXT}])
    result = render("IND-BLR", data=data, out=tmp_path / "out", formats="html", progress=False)
    html = result.files["html"].read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    dom = browser_dom(result.files["html"])
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "PWNED" not in title  # no payload's script ran
    tags = re.findall(r"<([a-zA-Z][\w-]*)([^>]*)>", dom)  # real elements; escaped text has &lt; instead
    assert not [t for t, _ in tags if t.lower() in ("script", "iframe", "object", "embed")]
    assert not [a for _, a in tags if re.search(r"\bon\w+\s*=|javascript:", a, re.I)]
    visible = re.sub(r"<[^>]+>", "", dom)
    for payload in ("<script>document.title='PWNED-script'</script>", "**bold** _em_ `code` $x^2$", "{{ raw }}"):
        assert payload.replace("<", "&lt;").replace(">", "&gt;") in visible or payload in visible.replace("&lt;", "<").replace("&gt;", ">")
    links = [m.group(1) for name, attrs in tags if name.lower() == "a"
             for m in [re.search(r'href="([^"]*)"', attrs)] if m]
    assert links and all(link.startswith(("http://", "https://", "#")) for link in links)


def test_non_http_links_never_load(tmp_path):
    for url in ("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "vbscript:x"):
        data = write_dataset(tmp_path / url[:4], sources=[{"source_id": "src", "title": "t", "url": url, "file": "",
                                                           "sha256": "", "source_type": "press"}],
                             events=[event("e1", "2024-01-10", source_quote="", cameo_code="042")])
        with pytest.raises(ValidationError, match="is not an http or https URL"):
            load(data)
