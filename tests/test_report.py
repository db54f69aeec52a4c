"""Tests of mlcheatsheet.report.markdown_table: cell formatting, headers, rows, bad input."""

import decimal
import fractions

import numpy as np
import pytest

from mlcheatsheet.report import markdown_table


def body(table):
    """The cells of a table's rows (after the header and the rule), as lists of str."""
    lines = table.split("\n")
    return [line[2:-2].split(" | ") for line in lines[2:]]


# ---------------------------------------------------------------- layout


def test_layout_header_rule_and_rows():
    table = markdown_table(["a", "b", "c"], [[1, 2, 3], [4, 5, 6]])
    assert table == "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |"


def test_no_rows_gives_the_header_alone():
    assert markdown_table(["only"], []) == "| only |\n|---|"


@pytest.mark.parametrize("headers", [["x", "y"], ("x", "y"), np.array(["x", "y"]),
                                     (h for h in "xy"), {"x": 0, "y": 1}.keys()])
def test_headers_may_be_any_sequence_of_strings(headers):
    assert markdown_table(headers, [[1, 2]]).split("\n")[0] == "| x | y |"


@pytest.mark.parametrize("rows", [
    [[1, 2], [3, 4]], ((1, 2), (3, 4)), np.array([[1, 2], [3, 4]]),
    (row for row in [[1, 2], [3, 4]]), {1: 2, 3: 4}.items(), zip([1, 3], [2, 4])])
def test_rows_may_be_any_iterable_of_sequences(rows):
    assert body(markdown_table(["k", "v"], rows)) == [["1", "2"], ["3", "4"]]


def test_empty_strings_and_unicode_pass_through():
    table = markdown_table(["", "Σ w²"], [["–", "α"]])
    assert table.split("\n")[0] == "|  | Σ w² |" and body(table) == [["–", "α"]]


# ---------------------------------------------------------------- cell formatting


def test_floats_use_floatfmt_and_ints_are_printed_as_they_are():
    table = markdown_table(["f", "i"], [[3.14159, 3], [2.0, -7]], floatfmt=".2f")
    assert body(table) == [["3.14", "3"], ["2.00", "-7"]]


@pytest.mark.parametrize(("value", "text"), [
    (1234.5678, "1235"), (0.000123456, "0.0001235"), (1e20, "1e+20"), (2.0, "2"),
    (float("nan"), "nan"), (float("inf"), "inf"), (-0.0, "-0")])
def test_default_format_is_four_significant_digits(value, text):
    assert body(markdown_table(["v"], [[value]])) == [[text]]


@pytest.mark.parametrize(("value", "text"), [
    (np.float64(0.5), "0.500"), (np.float32(0.25), "0.250"), (fractions.Fraction(1, 3), "0.333"),
    (np.int64(7), "7"), (10**30, "1" + "0" * 30), (True, "True"), (np.bool_(False), "False"),
    ("1.5", "1.5"), (decimal.Decimal("1.5"), "1.5"), (None, "None")])
def test_numpy_scalars_fractions_integers_and_other_cells(value, text):
    # Non-integral reals are floats to format; integers, booleans and anything else print with str.
    assert body(markdown_table(["v"], [[value]], floatfmt=".3f")) == [[text]]


@pytest.mark.parametrize(("floatfmt", "text"), [
    (".1e", "1.2e+03"), (".3g", "1.23e+03"), (",.1f", "1,234.6"), ("+.0f", "+1235"),
    (".0%", "123457%"), ("8.2f", " 1234.57"), ("E", "1.234568E+03")])
def test_any_float_presentation_type(floatfmt, text):
    assert body(markdown_table(["v"], [[1234.5678]], floatfmt=floatfmt)) == [[text]]


# ---------------------------------------------------------------- bad headers


@pytest.mark.parametrize(("headers", "error", "match"), [
    ("name", TypeError, "headers must be a list of column titles .strings., not one string"),
    (b"ab", TypeError, "headers must be a list of column titles .strings., not one string"),
    (3, TypeError, "headers must be a list of column titles .strings.; got int 3"),
    (None, TypeError, "headers must be a list of column titles"),
    ([], ValueError, "headers must name at least one column"),
    (["a", 2], TypeError, r"headers\[1\] must be a string \(a column title\); got int 2"),
    (np.array([1 + 5j, 2.0]), TypeError, r"headers\[0\] must be a string"),
    (np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]"), TypeError,
     r"headers\[0\] must be a string"),
])
def test_bad_headers_are_named(headers, error, match):
    with pytest.raises(error, match=match):
        markdown_table(headers, [[1, 2]])


# ---------------------------------------------------------------- bad rows


@pytest.mark.parametrize(("rows", "error", "match"), [
    ("12", TypeError, "rows must be an iterable of rows .lists of cells., not one string"),
    (5, TypeError, r"rows must be an iterable of rows \(lists of cells\); got int 5"),
    (None, TypeError, "rows must be an iterable of rows"),
    (["12", "34"], TypeError, r"rows\[0\] must be a row: a list or tuple of cells, not one string"),
    ([[1, 2], 3], TypeError, r"rows\[1\] must be a row: a list or tuple of cells; got int 3"),
    (np.array([1 + 5j, 2.0]), TypeError, r"rows\[0\] must be a row"),
    ([[1, 2], [3]], ValueError, r"rows\[1\] must have 2 cells, one per header; got 1: \[3\]"),
    ([[1, 2, 3]], ValueError, r"rows\[0\] must have 2 cells, one per header; got 3"),
    ([[1, fractions.Fraction(10**400, 3)]], ValueError,
     r"rows\[0\]\[1\] is a number too large for float64"),
])
def test_bad_rows_are_named(rows, error, match):
    with pytest.raises(error, match=match):
        markdown_table(["a", "b"], rows)


# ---------------------------------------------------------------- bad floatfmt


@pytest.mark.parametrize(("floatfmt", "error", "match"), [
    ("4", ValueError, "floatfmt must be a format specification for floats ending in a "
                      r"presentation type \(e, E, f, F, g, G, n, %\), such as '.4g' or '.2f'; "
                      "got str '4'"),
    ("", ValueError, "floatfmt must be a format specification for floats"),
    ("d", ValueError, "floatfmt must be a format specification for floats"),
    ("x", ValueError, "floatfmt must be a format specification for floats"),
    ("gg", ValueError, "floatfmt must be a format specification for floats"),
    (".4q", ValueError, "floatfmt must be a format specification for floats"),
    (4, TypeError, "floatfmt must be a format specification string such as '.4g'; got int 4"),
    (None, TypeError, "floatfmt must be a format specification string"),
])
def test_bad_floatfmt_is_named(floatfmt, error, match):
    with pytest.raises(error, match=match):
        markdown_table(["v"], [[1.0]], floatfmt=floatfmt)


def test_floatfmt_is_checked_even_without_float_cells():
    with pytest.raises(ValueError, match="floatfmt"):
        markdown_table(["v"], [[1]], floatfmt="4")


def test_a_pipe_in_a_title_or_a_cell_is_text_not_a_column_break():
    from markdown_it import MarkdownIt

    table = markdown_table(["rate", "shrink max |1 - a L|"], [["1/L", "|x| = 2"]])
    html = MarkdownIt("commonmark").enable("table").render(table)
    assert html.count("<th>") == 2 and html.count("<td>") == 2
    assert "<th>shrink max |1 - a L|</th>" in html and "<td>|x| = 2</td>" in html
