"""Briefing parameters: every mistake is a ParameterError naming the parameter."""
import datetime as dt

import pytest

from bilateral.briefing import params
from bilateral.errors import ParameterError


@pytest.mark.parametrize("text,message", [
    ("IND BLR", "'IND BLR' is not two ISO 3166-1 alpha-3 codes joined by '-'"),
    ("IND-IND", "names the same country twice"),
    ("ind-BLR", "country codes are upper case: IND"),
    ("IN-BLR", "is not two ISO 3166-1 alpha-3 codes"),
    ("XXX-BLR", "'XXX' is not an ISO 3166-1 alpha-3 country code"),
])
def test_a_bad_pair_is_named(text, message):
    with pytest.raises(ParameterError, match="parameter 'pair'") as info:
        params.parse_pair(text)
    assert message in str(info.value)


def test_a_pair_keeps_its_order():
    assert params.parse_pair(" BLR-IND ") == ("BLR", "IND")


def test_dates_are_days_and_start_comes_before_end(tmp_path):
    s, e, a, folder, n = params.check_options("2024-01-01", "2024-03-31", None, tmp_path, "2")
    assert (s, e, a, folder, n) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31), None, tmp_path, 2)
    with pytest.raises(ParameterError, match="parameter 'start': 2024-04-01 is after end 2024-03-31"):
        params.check_options("2024-04-01", "2024-03-31", None, tmp_path)
    with pytest.raises(ParameterError, match="parameter 'end'"):
        params.check_options(None, "2024-02-30", None, tmp_path)


@pytest.mark.parametrize("value", ["-1", "two", True, "1.5"])
def test_min_sources_is_a_whole_number(tmp_path, value):
    with pytest.raises(ParameterError, match="parameter 'min_sources'"):
        params.check_options(data=tmp_path, min_sources=value)


def test_the_data_folder_must_exist_and_be_a_folder(tmp_path):
    with pytest.raises(ParameterError, match="parameter 'data': dataset folder .* does not exist"):
        params.check_options(data=tmp_path / "nowhere")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ParameterError, match="is not a folder"):
        params.check_options(data=tmp_path / "file")


def test_formats_in_a_fixed_order_and_nothing_unknown():
    assert params.parse_formats("pdf, HTML") == ("html", "pdf")
    for bad in ("docx", "", "html,png"):
        with pytest.raises(ParameterError, match="parameter 'format'"):
            params.parse_formats(bad)


@pytest.mark.parametrize("value,ok", [("30", 30.0), (0.5, 0.5), ("0", None), ("soon", None), (None, None)])
def test_timeout_is_a_positive_number_of_seconds(value, ok):
    if ok is None:
        with pytest.raises(ParameterError, match="parameter 'timeout'"):
            params.parse_timeout(value)
    else:
        assert params.parse_timeout(value) == ok


def test_the_out_folder_is_created_and_a_file_refused(tmp_path):
    params.check_out_dir(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "f").write_text("x")
    with pytest.raises(ParameterError, match="parameter 'out': .* is a file, not a folder"):
        params.check_out_dir(tmp_path / "f")


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
