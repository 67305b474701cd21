"""The command line: validate and summary, through the dispatcher the console script calls
(``cli_main``, in this process); the console script's own exit in a subprocess.

Render's parameter messages are checked in tests/unit/test_params.py, render on a bad
dataset and an unknown option in test_bad_inputs.py."""
import json
import subprocess
import sys

import jsonschema
import pytest
from conftest import ROOT

from bilateral.figures import summary

from conftest import CURATED as _FROZEN

CURATED = str(_FROZEN)


def test_validate_curated(cli_main):
    code, out, err = cli_main("validate", CURATED)
    assert code == 0, err
    assert "valid — 4 events, 11 positions, 18 facts, 2 sources, 1 conflict" in out


def test_validate_bad_dataset(tmp_path, cli_main):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(CURATED, bad)
    text = (bad / "events.csv").read_text(encoding="utf-8").replace("2024-01-19,,meeting", "2024-02-30,,meeting", 1)
    (bad / "events.csv").write_text(text, encoding="utf-8")
    code, out, err = cli_main("validate", str(bad))
    assert code == 1
    assert f"{bad}/events.csv:4:2: '2024-02-30' is not a date: February 2024 has 29 days" in err.splitlines()
    assert "Traceback" not in err


def test_summary_json_is_valid_and_pair_order_only_changes_labels(cli_main):
    code, out, err = cli_main("summary", "--pair", "IND-BLR", "--json")
    assert code == 0, err
    ab = json.loads(out)
    jsonschema.validate(ab, summary.schema())
    code, out, _ = cli_main("summary", "--pair", "BLR-IND", "--json")
    ba = json.loads(out)
    assert ab["pair"] == "IND-BLR" and ba["pair"] == "BLR-IND"
    assert {k: v for k, v in ab.items() if k != "pair"} == {k: v for k, v in ba.items() if k != "pair"}
    assert ab["engagement"]["total"] == 2


def test_the_console_script_exit_keeps_atexit_output_and_exit_codes(tmp_path):
    """``cli.run`` skips interpreter teardown: callbacks, buffered output and the code survive."""
    script = ("import atexit, sys\n"
              "from bilateral.cli import main as cli\n"
              "atexit.register(lambda: print('atexit callback ran'))\n"
              "sys.argv = ['bilateral', *sys.argv[1:]]\n"
              "cli.run()\n")
    ok = subprocess.run([sys.executable, "-c", script, "validate"], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0
    # stdout is a pipe, so block-buffered: both lines arrive only if run() flushed it
    lines = ok.stdout.splitlines()
    assert ": valid — " in lines[-2] and lines[-1] == "atexit callback ran"
    bad = subprocess.run([sys.executable, "-c", script, "summary", "--pair", "IND-XXX", "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1
    assert bad.stderr.strip() == ("bilateral: error: parameter 'pair': 'XXX' is not an ISO 3166-1 alpha-3 "
                                  "country code")
    assert bad.stdout == "atexit callback ran\n"
