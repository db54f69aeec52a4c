"""The shipped data sets: shape, provenance checksum, known rows."""

import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest

from mlcheatsheet.datasets import load_advertising, load_student_exams

DATA = Path(__file__).resolve().parents[1] / "mlcheatsheet" / "data"


def test_advertising_matches_the_file():
    ads = load_advertising()
    with open(DATA / "advertising.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["TV", "Radio", "Newspaper", "Sales"]
    table = np.array(rows[1:], dtype=float)
    np.testing.assert_array_equal(ads.data, table[:, :3])
    np.testing.assert_array_equal(ads.target, table[:, 3])
    # ISLR's first market: TV 230.1, Radio 37.8, Newspaper 69.2, Sales 22.1.
    assert ads.data[0].tolist() == [230.1, 37.8, 69.2] and ads.target[0] == 22.1


def test_student_exams_matches_the_file():
    exams = load_student_exams()
    with open(DATA / "student_exams.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Studied", "Slept", "Passed"]
    assert exams.data.shape == (len(rows) - 1, 2) == (100, 2)
    assert set(np.unique(exams.target)) == {0, 1}
    assert exams.target.dtype.kind == "i"


@pytest.mark.parametrize(("name", "md5"), [("advertising.csv", "b07cc23b338c7a39b49f4200651b2995"),
                                           ("student_exams.csv", "1afad752edb8668146f5f240098ed126")])
def test_checksums_match_the_provenance_readme(name, md5):
    assert hashlib.md5((DATA / name).read_bytes()).hexdigest() == md5
    assert md5 in (DATA / "README.md").read_text()


def test_unknown_column_is_a_clear_error():
    with pytest.raises(KeyError, match="no feature named 'Tv'"):
        load_advertising().column("Tv")


@pytest.mark.parametrize("name", [0, None, b"TV", ["TV"]])
def test_a_column_name_that_is_not_a_string_is_a_type_error(name):
    with pytest.raises(TypeError, match="name must be a string, the name of a feature"):
        load_advertising().column(name)


def test_columns_are_the_data_columns():
    exams = load_student_exams()
    for j, name in enumerate(exams.feature_names):
        np.testing.assert_array_equal(exams.column(name), exams.data[:, j])
