"""Briefing parameters: every mistake is a ParameterError naming the parameter, with the
exact one-line message the command prints after ``bilateral: error:``.

This is the one place each parameter message is checked; tests/bad_inputs/ keeps the
parameter cases that need the command itself (a dataset's pairs, batch, summary, import)
and one per command proving it prints these errors as one line and writes nothing."""
import datetime as dt
from pathlib import Path

import pytest

from bilateral.briefing import params
from bilateral.errors import ParameterError

NOT_A_PAIR = "is not two ISO 3166-1 alpha-3 codes joined by '-', like IND-BLR"


@pytest.mark.parametrize("text,message", [
    ("IND BLR", f"'IND BLR' {NOT_A_PAIR}"),
    ("IND", f"'IND' {NOT_A_PAIR}"),
    ("IN-BLR", f"'IN-BLR' {NOT_A_PAIR}"),
    ("IN-BY", f"'IN-BY' {NOT_A_PAIR}"),
    ("../../etc", f"'../../etc' {NOT_A_PAIR}"),
    ("IND-IND", "'IND-IND' names the same country twice"),
    ("ind-BLR", "'ind' is not an ISO 3166-1 alpha-3 country code (country codes are upper case: IND)"),
    ("XXX-BLR", "'XXX' is not an ISO 3166-1 alpha-3 country code"),
    ("IND-XYZ", "'XYZ' is not an ISO 3166-1 alpha-3 country code"),
])
def test_a_bad_pair_is_named(text, message):
    with pytest.raises(ParameterError) as info:
        params.parse_pair(text)
    assert str(info.value) == f"parameter 'pair': {message}"


def test_a_pair_keeps_its_order():
    assert params.parse_pair(" BLR-IND ") == ("BLR", "IND")


def _message(**options) -> str:
    with pytest.raises(ParameterError) as info:
        params.check_options(**options)
    return str(info.value)


def test_dates_are_days_and_start_comes_before_end(tmp_path):
    s, e, a, folder, n = params.check_options("2024-01-01", "2024-03-31", None, tmp_path, "2")
    assert (s, e, a, folder, n) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31), None, tmp_path, 2)
    assert _message(start="2024-03-01", end="2024-01-01", data=tmp_path) == \
        "parameter 'start': 2024-03-01 is after end 2024-01-01"
    assert _message(start="2024-13-01", data=tmp_path) == \
        "parameter 'start': '2024-13-01' is not a day: month 13 does not exist"
    assert _message(end="12/03/2024", data=tmp_path) == "parameter 'end': '12/03/2024' is not a day: write YYYY-MM-DD"
    assert _message(end="2024-02-30", data=tmp_path) == \
        "parameter 'end': '2024-02-30' is not a day: February 2024 has 29 days"


@pytest.mark.parametrize("value", ["-1", "two", True, "1.5"])
def test_min_sources_is_a_whole_number(tmp_path, value):
    assert _message(data=tmp_path, min_sources=value) == \
        f"parameter 'min_sources': {value!r} is not a whole number of 0 or more"


def test_the_data_folder_must_exist_and_be_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative path is shown as given
    assert _message(data=Path("no/such/folder")) == "parameter 'data': dataset folder 'no/such/folder' does not exist"
    (tmp_path / "file").write_text("x")
    assert "is not a folder" in _message(data=tmp_path / "file")


def test_formats_in_a_fixed_order_and_nothing_unknown():
    assert params.parse_formats("pdf, HTML") == ("html", "pdf")
    with pytest.raises(ParameterError) as info:
        params.parse_formats("docx")
    assert str(info.value) == "parameter 'format': 'docx' is not a format (one or more of: html, pdf, comma-separated)"
    for bad, named in (("", "nothing"), ("html,png", "png")):
        with pytest.raises(ParameterError) as info:
            params.parse_formats(bad)
        assert str(info.value) == f"parameter 'format': '{named}' is not a format (one or more of: html, pdf, comma-separated)"


@pytest.mark.parametrize("value,ok", [("30", 30.0), (0.5, 0.5),
                                      (None, "parameter 'timeout': None is not a number of seconds"),
                                      ("0", "parameter 'timeout': 0 must be more than 0 seconds"),
                                      ("-5", "parameter 'timeout': -5 must be more than 0 seconds"),
                                      ("soon", "parameter 'timeout': 'soon' is not a number of seconds")])
def test_timeout_is_a_positive_number_of_seconds(value, ok):
    if isinstance(ok, str):
        with pytest.raises(ParameterError) as info:
            params.parse_timeout(value)
        assert str(info.value) == ok
    else:
        assert params.parse_timeout(value) == ok


def test_the_out_folder_is_created_and_a_file_refused(tmp_path):
    params.check_out_dir(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "f").write_text("keep me")
    with pytest.raises(ParameterError) as info:
        params.check_out_dir(tmp_path / "f")
    assert str(info.value) == f"parameter 'out': '{tmp_path / 'f'}' is a file, not a folder"
    assert (tmp_path / "f").read_text() == "keep me"


def test_votes_is_a_parameter_checked_and_resolved(tmp_path, monkeypatch):
    import json
    import shutil

    from bilateral.store import votes as votes_store

    assert params.check("IND-BLR").votes == votes_store.DEFAULT_STORE.resolve()  # left out: the shipped store
    other = tmp_path / "other"
    shutil.copytree(votes_store.DEFAULT_STORE, other)
    monkeypatch.chdir(tmp_path)
    assert params.check("IND-BLR", votes="other").votes == other.resolve()  # resolved: a kernel elsewhere finds it
    for bad, message in ((tmp_path / "nowhere", "is not a store of UN votes"),
                         (tmp_path, "is not a store of UN votes")):
        with pytest.raises(ParameterError) as info:
            params.check("IND-BLR", votes=bad)
        assert str(info.value).startswith("parameter 'votes': ") and message in str(info.value)
        assert "\n" not in str(info.value)
    m = json.loads((other / "manifest.json").read_text())
    (other / "manifest.json").write_text(json.dumps({**m, "importer": "gdelt"}))
    with pytest.raises(ParameterError, match="parameter 'votes': .* is a store of 'gdelt' data, not of UN votes"):
        params.check("IND-BLR", votes=other)


def test_without_the_shipped_store_votes_is_an_error_naming_it(tmp_path, monkeypatch):
    from bilateral.store import votes as votes_store

    monkeypatch.setattr(votes_store, "DEFAULT_STORE", tmp_path / "absent")
    with pytest.raises(ParameterError, match=f"parameter 'votes': the shipped store of UN votes "
                                             f"'{tmp_path / 'absent'}' is missing"):
        params.check("IND-BLR")
    with pytest.raises(ParameterError, match="parameter 'votes'"):  # given, it must be a store
        params.check("IND-BLR", votes=tmp_path / "absent")
