"""The package as a user installs it: a wheel built from the checkout, installed apart from it
(``pip install --target``; the dependencies come from the test's own environment), renders the
India–Belarus briefing, prints a pair's UN votes and validates the example dataset from a folder
that is not the checkout, reading the copies of data/ and notebooks/ the wheel ships."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    wheels, target = tmp_path_factory.mktemp("wheels"), tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("bilateral-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    return target


def _run(installed, cwd, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILATERAL_")}
    env["PYTHONPATH"] = str(installed)  # before the checkout's editable install on sys.path
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_installed_package_is_the_wheels(installed, tmp_path):
    out = _run(installed, tmp_path, "-c", "import bilateral, bilateral.paths as p; print(bilateral.__file__); "
               "print(p.CHECKOUT); print(p.BRIEFING_NOTEBOOK.is_file())").stdout.split()
    assert out == [str(installed / "bilateral" / "__init__.py"), "None", "True"]


def test_validate_and_votes_run_from_any_folder(installed, tmp_path):
    checked = _run(installed, tmp_path, "-m", "bilateral.cli", "validate")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(str(installed / "bilateral" / "shipped" / "data" / "india-belarus"))
    assert "4 events" in checked.stdout
    votes = _run(installed, tmp_path, "-m", "bilateral.cli", "votes", "--pair", "IND-BLR", "--json")
    assert votes.returncode == 0, votes.stderr
    assert '"joint"' in votes.stdout


def test_render_from_any_folder(installed, tmp_path):
    done = _run(installed, tmp_path, "-m", "bilateral.cli", "render", "--pair", "IND-BLR", "--format", "html")
    assert done.returncode == 0, done.stderr
    (html,) = (tmp_path / "reports" / "IND-BLR").glob("IND-BLR_*.html")
    text = html.read_text(encoding="utf-8")
    assert "India–Belarus relations" in text and "Voting at the UN General Assembly" in text
