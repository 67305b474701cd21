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
