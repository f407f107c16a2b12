"""Reading uploaded CSV: every problem is an error on its row, never an exception."""
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordination import create_app
from coordination.csvfiles import dict_rows, rows


@pytest.fixture(scope="module")
def context():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "CSV_FIELD_MAX_CHARS": 64})
    with app.test_request_context():
        yield


def read(data, **kw):
    return list(rows(io.BytesIO(data), **kw))


def test_good_rows_come_through_with_their_numbers(context):
    assert read(b"\xef\xbb\xbfa,b\r\n1,2\n\n3,\"x,y\"\n") == [
        (1, ["a", "b"], None), (2, ["1", "2"], None), (4, ["3", "x,y"], None)]


def test_a_value_over_the_limit_is_an_error_on_its_row_only(context):
    found = read(b"a,b\n1," + b"x" * 65 + b"\n2,3\n")
    assert found[1][0] == 2 and found[1][1] is None and "64" in found[1][2]
    assert found[2] == (3, ["2", "3"], None)


def test_a_line_over_the_byte_limit_is_skipped_without_being_kept(context):
    found = read(b"a,b\n" + b"y" * 10_000 + b"\n2,3\n", max_line_bytes=1024)
    assert found[1][1] is None and found[1][2]
    assert found[2] == (3, ["2", "3"], None)


def test_bad_utf8_and_nul_are_row_errors(context):
    found = read(b"a,b\n1,\xff\xfe\n2,a\x00b\n3,4\n")
    assert [(n, v is None, bool(e)) for n, v, e in found] == [
        (1, False, False), (2, True, True), (3, True, True), (4, False, False)]


def test_a_value_over_the_limit_across_lines_and_a_lone_surrogate_are_row_errors(context):
    """rows() checks a row's values only when its lines could hold a long or unstorable
    value: a quoted value over two short lines still counts as one value."""
    half = b"x" * 40
    found = read(b"a,b\n1,\"" + half + b"\n" + half + b"\"\n2,3\n")
    assert found[1][0] == 2 and found[1][1] is None and "64" in found[1][2]
    assert found[2] == (3, ["2", "3"], None)
    found = list(rows(["a,b\n", "1,\ud800\n", "2,3\n"]))
    assert found[1][1] is None and found[1][2] and found[2] == (3, ["2", "3"], None)
    stream = io.TextIOWrapper(io.BytesIO(b"a,b\n1,2\n"), encoding="utf-8", newline="")
    assert list(rows(stream)) == [(1, ["a", "b"], None), (2, ["1", "2"], None)]


def test_text_lines_and_text_streams_are_read_too(context):
    assert list(rows(["a,b\n", "1,2\n"])) == [(1, ["a", "b"], None), (2, ["1", "2"], None)]
    found = list(rows(io.StringIO("a,b\n" + "z" * 3000 + "\n2,3\n"), max_line_bytes=1024))
    assert found[1][1] is None and found[1][2] and found[2] == (3, ["2", "3"], None)


def test_dict_rows_name_the_values_and_refuse_unknown_columns(context):
    first, second = dict_rows(io.BytesIO(b"a,b\n1\n1,2,3\n"), columns={"a", "b"})
    assert first == (2, {"a": "1", "b": ""}, None)
    assert second[:2] == (3, None) and "3" in second[2]
    [(number, values, error)] = dict_rows(io.BytesIO(b"a,zz\n1,2\n"), columns={"a", "b"})
    assert (number, values) == (1, None) and "zz" in error
    [(number, values, error)] = dict_rows(io.BytesIO(b""))
    assert (number, values) == (1, None) and error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode("utf-8",
                                                                               "surrogatepass")))
def test_any_bytes_give_rows_or_row_errors(context, data):
    for number, values, error in read(data, max_line_bytes=256):
        assert number >= 1
        assert (values is None) == bool(error)
        if values is not None:
            assert all(len(v) <= 64 and "\x00" not in v for v in values)
