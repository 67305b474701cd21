"""The explorer in a real JupyterLab, driven by Playwright with Debian's Chromium.

Starts JupyterLab on a free loopback port (a token, temporary config, settings, runtime
and workspace folders, rooted at the project), opens notebooks/explore.ipynb, runs all
cells, changes the pair and the window through the widgets and checks the figures shown
against `bilateral summary --json` for the new selection, clicks a figure and checks the
rows shown, renders and follows the link; then shuts the server down and checks that no
process it started is left. Screenshots go to build/explorer-screens/.
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import CURATED, ROOT, run_cli

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (Debian package 'chromium'; .ci/run installs it)"),
]
SCREENS = ROOT / "build" / "explorer-screens"
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
TIMEOUT_MS = 120_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server; yields (base url, token, reports folder); shut down and checked after."""
    import psutil

    port, token = free_port(), secrets.token_hex(16)
    # Reports under the project (git-ignored build/) so that the server can serve the link.
    reports = ROOT / "build" / f"explorer-test-{os.getpid()}" / "reports"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"), "BILATERAL_DATASET": str(CURATED),
           "BILATERAL_REPORTS": str(reports), "BILATERAL_BUILD": str(tmp_path / "build")}
    # the project's kernel: this venv's python3 kernelspec
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(tmp_path / "data-prefix"),
                    "--name", "python3"], check=True, capture_output=True, env=env)
    env["JUPYTER_PATH"] = str(tmp_path / "data-prefix" / "share" / "jupyter")
    # No autosave: the browser must never write the committed notebook (checked below).
    plugin = tmp_path / "settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(json.dumps({"autosave": False}))
    notebook_bytes = NOTEBOOK.read_bytes()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(tmp_path / "lab.log", "wb")
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    started: dict[int, psutil.Process] = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("JupyterLab did not start: " + (tmp_path / "lab.log").read_text()[-3000:])
                time.sleep(0.5)
        yield base, token, reports, lambda: started.update(
            {p.pid: p for p in psutil.Process(server.pid).children(recursive=True)})
    finally:
        started.update({p.pid: p for p in psutil.Process(server.pid).children(recursive=True)}
                       if server.poll() is None else {})
        try:
            req = urllib.request.Request(f"{base}/api/shutdown", method="POST",
                                         headers={"Authorization": f"token {token}"})
            urllib.request.urlopen(req, timeout=30).read()
        except OSError:
            pass
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
        log.close()
        shutil.rmtree(reports.parent, ignore_errors=True)
        time.sleep(1)
        left = [p for p in started.values() if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        for p in left:
            p.kill()
        changed = NOTEBOOK.read_bytes() != notebook_bytes
        if changed:
            NOTEBOOK.write_bytes(notebook_bytes)
        assert not left, f"processes left behind: {[(p.pid, p.cmdline()) for p in left]}"
        assert not changed, "the browser session wrote notebooks/explore.ipynb (restored)"


def figures_shown(page) -> dict[str, str]:
    """Each figure button's key (its tooltip) and value (after the last ': ')."""
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.bilateral-figure'))
        .map(b => [b.getAttribute('title'), b.textContent.trim().split(': ').pop()]))""")


def expected_figures(pair, *options) -> tuple[dict, dict]:
    from bilateral.explorer import drilldown

    code, out, err = run_cli("summary", "--pair", pair, "--data", str(CURATED), *options, "--json")
    assert code == 0, err
    figures = json.loads(out)
    return {f.key: str(f.value) for f in drilldown.figure_list(figures)}, figures


def wait_for(page, check, what: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            page.screenshot(path=str(SCREENS / "failed.png"), full_page=True)
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)


def shoot(page, name: str) -> None:
    """The explorer's cell scrolled to the top of the (tall) window, then the window."""
    page.locator(".bilateral-explorer").evaluate("e => e.closest('.jp-Cell').scrollIntoView()")
    time.sleep(0.5)
    page.screenshot(path=str(SCREENS / name))


def accept_kernel_dialog(page, seconds: float = 15) -> None:
    """JupyterLab may ask which kernel to start: the notebook's own (Python 3, this venv's)."""
    try:
        page.wait_for_selector(".jp-Dialog button.jp-mod-accept", timeout=seconds * 1000)
    except Exception:  # noqa: BLE001 - no dialog: the kernel started by itself
        return
    page.click(".jp-Dialog button.jp-mod-accept")


def test_explorer_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    base, token, reports, note_processes = lab
    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 3400})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{base}/lab/tree/notebooks/explore.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=TIMEOUT_MS)
            accept_kernel_dialog(page, 5)
            # the kernel connected and idle (the status bar names it), before running anything
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT_MS)
            wait_for(page, lambda: "Idle" in page.inner_text(".jp-StatusBar-Widget") or
                     page.locator(".jp-StatusBar-TextItem:has-text('Idle')").count(), "the kernel to be idle")
            time.sleep(2)
            # Run ▸ Run All Cells, through the menu an analyst uses
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            accept_kernel_dialog(page)
            page.wait_for_selector(".bilateral-explorer .bilateral-figure", timeout=TIMEOUT_MS)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT_MS)
            note_processes()
            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            assert not page.locator(".jp-OutputArea-output .ansi-red-fg, .jp-RenderedText[data-mime-type*='error']").count()
            expected, _ = expected_figures("IND-BLR")
            wait_for(page, lambda: figures_shown(page) == expected, "the default pair's figures")
            shoot(page, "1-explorer-default.png")

            # another pair (the other order) and a window through the widgets
            page.select_option(".bilateral-pair select", label="BLR-IND (Belarus–India)")
            page.fill(".bilateral-start input[type=date]", "2024-03-01")
            page.locator(".bilateral-start input[type=date]").dispatch_event("change")
            expected, figures = expected_figures("BLR-IND", "--start", "2024-03-01")
            assert figures["start"] == "2024-03-01" and figures["pair"] == "BLR-IND"
            wait_for(page, lambda: figures_shown(page) == expected, "BLR-IND's figures from 2024-03-01")
            assert "BLR-IND: 2024-03-01 to" in page.inner_text(".bilateral-status")
            shoot(page, "2-explorer-blr-ind-march.png")

            # a figure: the table shows the rows it counts, with quotes and links
            visits = figures["engagement"]["by_type"]["visit"]
            page.click(".bilateral-figure[title='type:visit']")
            wait_for(page, lambda: "Visit" in page.inner_text(".bilateral-rows-caption"), "the visits' rows")
            rows = page.locator(".bilateral-rows-table tbody tr")
            assert rows.count() == visits >= 1
            for i in range(rows.count()):
                assert rows.nth(i).locator("td").nth(1).inner_text().startswith("Visit")
                assert rows.nth(i).locator("blockquote").count() == 1
                assert rows.nth(i).locator("a").get_attribute("href")
            page.locator(".bilateral-table").screenshot(path=str(SCREENS / "3-figure-rows.png"))

            # render the briefing of the selection and find the link
            page.click(".bilateral-render-button")
            link = page.wait_for_selector(".bilateral-render-link a", timeout=600_000)
            note_processes()
            name = link.inner_text()
            assert name.startswith("BLR-IND_india-belarus_2024-03-01_") and name.endswith(".html")
            assert (reports / "BLR-IND" / name).is_file()
            shoot(page, "4-rendered.png")
        except Exception:
            page.screenshot(path=str(SCREENS / "failed.png"), full_page=True)
            raise
        finally:
            browser.close()
