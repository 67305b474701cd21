"""The command line: validate, summary and the parameter checks of render."""
import json
import subprocess
import sys

import jsonschema
import pytest
from conftest import ROOT, run_cli, tree

from bilateral.figures import summary

from conftest import CURATED as _FROZEN

CURATED = str(_FROZEN)


def test_validate_curated():
    code, out, err = run_cli("validate", CURATED)
    assert code == 0, err
    assert "valid — 4 events, 11 positions, 18 facts, 2 sources, 1 conflict" in out


def test_validate_bad_dataset(tmp_path):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(CURATED, bad)
    text = (bad / "events.csv").read_text(encoding="utf-8").replace("2024-01-19,,meeting", "2024-02-30,,meeting", 1)
    (bad / "events.csv").write_text(text, encoding="utf-8")
    code, out, err = run_cli("validate", str(bad))
    assert code == 1
    assert f"{bad}/events.csv:4:2: '2024-02-30' is not a date: February 2024 has 29 days" in err.splitlines()
    assert "Traceback" not in err


def test_summary_json_is_valid_and_pair_order_only_changes_labels():
    code, out, err = run_cli("summary", "--pair", "IND-BLR", "--json")
    assert code == 0, err
    ab = json.loads(out)
    jsonschema.validate(ab, summary.schema())
    code, out, _ = run_cli("summary", "--pair", "BLR-IND", "--json")
    ba = json.loads(out)
    assert ab["pair"] == "IND-BLR" and ba["pair"] == "BLR-IND"
    assert {k: v for k, v in ab.items() if k != "pair"} == {k: v for k, v in ba.items() if k != "pair"}
    assert ab["engagement"]["total"] == 2


BAD_PARAMETERS = [
    (["--pair", "../../etc"], "parameter 'pair': '../../etc' is not two ISO 3166-1 alpha-3 codes joined by '-', like IND-BLR"),
    (["--pair", "IND-IND"], "parameter 'pair': 'IND-IND' names the same country twice"),
    (["--pair", "IND"], "parameter 'pair': 'IND' is not two ISO 3166-1 alpha-3 codes joined by '-', like IND-BLR"),
    (["--pair", "IND-XYZ"], "parameter 'pair': 'XYZ' is not an ISO 3166-1 alpha-3 country code"),
    (["--pair", "IND-BLR", "--start", "2024-13-01"], "parameter 'start': '2024-13-01' is not a day: month 13 does not exist"),
    (["--pair", "IND-BLR", "--end", "12/03/2024"], "parameter 'end': '12/03/2024' is not a day: write YYYY-MM-DD"),
    (["--pair", "IND-BLR", "--start", "2024-03-01", "--end", "2024-01-01"], "parameter 'start': 2024-03-01 is after end 2024-01-01"),
    (["--pair", "IND-BLR", "--data", "no/such/folder"], "parameter 'data': dataset folder 'no/such/folder' does not exist"),
    (["--pair", "IND-BLR", "--format", "docx"], "parameter 'format': 'docx' is not a format (one or more of: html, pdf, comma-separated)"),
    (["--pair", "IND-BLR", "--timeout", "-5"], "parameter 'timeout': -5 must be more than 0 seconds"),
]


@pytest.mark.parametrize("args,message", BAD_PARAMETERS, ids=[" ".join(a) for a, _ in BAD_PARAMETERS])
def test_render_rejects_bad_parameters_before_running(tmp_path, args, message):
    out = tmp_path / "out"
    code, stdout, err = run_cli("render", *args, "--out", str(out))
    assert code == 1
    assert err.strip().splitlines() == [f"bilateral: error: {message}"]
    assert tree(out) == {}


def test_render_rejects_an_out_that_is_a_file(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    code, _, err = run_cli("render", "--pair", "IND-BLR", "--out", str(out))
    assert code == 1
    assert err.strip() == f"bilateral: error: parameter 'out': '{out}' is a file, not a folder"
    assert out.read_text() == "keep me"


def test_render_rejects_an_invalid_dataset(tmp_path):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(CURATED, bad)
    (bad / "sources" / "003_bf969e30d86153ce.txt").write_text("tampered", encoding="utf-8")
    code, _, err = run_cli("render", "--pair", "IND-BLR", "--data", str(bad), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "sources.csv:3:9: checksum does not match sources/003_bf969e30d86153ce.txt" in err
    assert "Traceback" not in err
    assert tree(tmp_path / "out") == {}


def test_unknown_option_is_one_line_and_exit_1():
    code, _, err = run_cli("render", "--pair", "IND-BLR", "--colour", "red")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "unrecognized arguments: --colour red" in err


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
