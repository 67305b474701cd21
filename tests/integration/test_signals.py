"""Stopping a render: Ctrl-C (SIGINT) and SIGTERM both unwind the same way. The render's scratch
folder is removed, nothing is published, the notebook's process ends with it, and the command
says so in one line with the shell's exit code (130, 143)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


@pytest.mark.parametrize("signum, code, word", [(signal.SIGINT, 130, "interrupted"),
                                                (signal.SIGTERM, 143, "terminated")])
def test_a_stopped_render_leaves_nothing_behind(tmp_path, signum, code, word):
    build, reports = tmp_path / "build", tmp_path / "reports"
    env = {**os.environ, "BILATERAL_BUILD": str(build), "BILATERAL_REPORTS": str(reports)}
    proc = subprocess.Popen([sys.executable, "-m", "bilateral.cli", "render", "--pair", "IND-BLR", "--format", "html"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (_children(proc.pid) and list(build.glob("render-*"))):  # the notebook is running in its fork
        assert proc.poll() is None and time.monotonic() < deadline, "the render ended before it could be stopped"
        time.sleep(0.05)
    child = _children(proc.pid)[0]
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert err.strip().splitlines()[-1] == f"bilateral: {word}; nothing was published"
    assert "Traceback" not in err
    assert list(build.glob("render-*")) == []
    assert not list(reports.glob("IND-BLR/*.html"))
    time.sleep(0.5)
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
