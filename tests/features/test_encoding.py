"""Encoders against scikit-learn (OneHotEncoder, OrdinalEncoder, FeatureHasher, KBinsDiscretizer),
MurmurHash3 against sklearn.utils.murmurhash3_32, hand-worked values, the XOR cross, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_diabetes, load_wine
from sklearn.feature_extraction import FeatureHasher
from sklearn.preprocessing import KBinsDiscretizer
from sklearn.preprocessing import OneHotEncoder as SkOneHot
from sklearn.preprocessing import FunctionTransformer
from sklearn.preprocessing import OrdinalEncoder as SkOrdinal
from sklearn.utils import murmurhash3_32 as sk_murmur

from mlcheatsheet.basics.linear_regression import add_bias_column
from mlcheatsheet.classification import logistic_regression as logreg
from mlcheatsheet.features import encoding as en

SETTINGS = settings(max_examples=80, deadline=None, database=None)


def _mixed_categories(seed, n=40):
    rng = np.random.default_rng(seed)
    colours = rng.choice(["red", "green", "blue", "teal"], size=n)
    sizes = rng.choice(["S", "M", "L"], size=n)
    return np.column_stack([colours, sizes]).astype(object)


@pytest.mark.parametrize("drop_first", [False, True])
def test_one_hot_matches_sklearn(drop_first):
    X = _mixed_categories(0)
    ours = en.OneHotEncoder(drop_first=drop_first).fit(X)
    theirs = SkOneHot(sparse_output=False, drop="first" if drop_first else None).fit(X)
    assert ours.categories_ == [c.tolist() for c in theirs.categories_]
    np.testing.assert_array_equal(ours.transform(X), theirs.transform(X))


def test_one_hot_ignore_unknown_matches_sklearn():
    X, new = _mixed_categories(1), np.array([["purple", "M"], ["red", "XL"]], dtype=object)
    ours = en.OneHotEncoder(handle_unknown="ignore").fit(X)
    theirs = SkOneHot(sparse_output=False, handle_unknown="ignore").fit(X)
    np.testing.assert_array_equal(ours.transform(new), theirs.transform(new))
    assert ours.transform(new)[0, :4].sum() == 0        # purple: zeros in the colour block


def test_one_hot_integer_categories_and_golden():
    # 3 distinct values in column 0 -> 3 columns, in sorted order 1, 3, 7
    enc = en.OneHotEncoder().fit([[7], [1], [3], [7]])
    assert enc.categories_ == [[1, 3, 7]]
    assert enc.transform([[3], [7]]).tolist() == [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_one_hot_rows_have_one_one_per_feature(seed):
    X = _mixed_categories(seed, n=15)
    Z = en.OneHotEncoder().fit_transform(X)
    n_colours = len(set(X[:, 0]))
    assert np.all(Z[:, :n_colours].sum(axis=1) == 1) and np.all(Z[:, n_colours:].sum(axis=1) == 1)


def test_ordinal_matches_sklearn_and_unknown_value():
    X = _mixed_categories(2)
    ours = en.OrdinalEncoder(unknown_value=-1).fit(X)
    theirs = SkOrdinal(handle_unknown="use_encoded_value", unknown_value=-1).fit(X)
    new = np.array([["red", "XL"], ["teal", "S"]], dtype=object)
    np.testing.assert_array_equal(ours.transform(X), theirs.transform(X))
    np.testing.assert_array_equal(ours.transform(new), theirs.transform(new))


STRINGS = st.text(min_size=0, max_size=30)


@SETTINGS
@given(text=STRINGS, seed=st.integers(0, 2**32 - 1))
def test_murmurhash_matches_sklearn_on_any_text(text, seed):
    data = text.encode("utf-8")
    assert en.murmurhash3_32(data, seed=seed) == sk_murmur(data, seed=seed)


def test_murmurhash_golden_reference_values():
    # Published MurmurHash3_x86_32 test vectors (seed 0): "" -> 0, and seed 1 of "" -> 0x514E28B7
    assert en.murmurhash3_32(b"") == 0
    assert en.murmurhash3_32(b"", seed=1) == 0x514E28B7
    # "Hello, world!" with seed 1234 -> 0xFAF6CDB3, as an int32
    assert en.murmurhash3_32(b"Hello, world!", seed=1234) == 0xFAF6CDB3 - 2**32


@pytest.mark.parametrize("n_features", [1, 2, 7, 16, 2**10])
@pytest.mark.parametrize("alternate_sign", [True, False])
def test_hashing_matches_sklearn_feature_hasher(n_features, alternate_sign):
    X = _mixed_categories(3, n=30)
    X[:, 1] = np.arange(30) % 4          # integers are categories too (hashed as text)
    ours = en.hash_features(X, n_features=n_features, alternate_sign=alternate_sign)
    rows = [{str(j): str(v) for j, v in enumerate(row)} for row in X]
    theirs = FeatureHasher(n_features, input_type="dict", alternate_sign=alternate_sign)
    np.testing.assert_array_equal(ours, theirs.transform(rows).toarray())


def test_hashing_collisions_follow_the_birthday_formula():
    # K distinct tokens in m columns occupy m (1 - (1 - 1/m)^K) columns on average
    words = sorted(set(load_wine().DESCR.lower().split()))
    K = len(words)
    X = np.array(words, dtype=object)[:, None]
    for m in (64, 256, 1024):
        occupied = np.count_nonzero(np.abs(en.hash_features(X, m, alternate_sign=False)).sum(axis=0))
        expected = m * (1 - (1 - 1 / m) ** K)
        sd = np.sqrt(m * (1 - 1 / m) ** K * (1 - (1 - 1 / m) ** K))  # a generous bound
        assert abs(occupied - expected) < 4 * sd + 2


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
@pytest.mark.parametrize("n_bins", [2, 4, 7])
def test_binning_matches_kbins_discretizer(strategy, n_bins):
    X = load_diabetes().data[:, [2, 3, 8]]           # bmi, bp, s5: continuous, few ties
    train, test = X[:300], X[300:]
    sk = KBinsDiscretizer(n_bins=n_bins, encode="ordinal", strategy=strategy,
                          quantile_method="linear").fit(train)
    for j in range(X.shape[1]):
        edges = en.bin_edges(train[:, j], n_bins, strategy)
        np.testing.assert_allclose(edges, sk.bin_edges_[j], rtol=1e-12)
        np.testing.assert_array_equal(en.bin_index(test[:, j], edges), sk.transform(test)[:, j])


def test_quantile_boundaries_are_the_mlcc_notes_function():
    # get_quantile_based_boundaries: the quantiles at k / K, k = 1 .. K-1 (pandas' default
    # quantile is numpy's linear one); they are the inner edges of 7 quantile bins
    x = load_diabetes().data[:, 2]
    notes = np.quantile(x, np.arange(1.0, 7) / 7)
    np.testing.assert_allclose(en.bin_edges(x, 7, "quantile")[1:-1], notes, rtol=1e-13)  # k/K rounding


def test_binning_golden_and_ties():
    assert en.bin_edges([0.0, 10.0], 4).tolist() == [0.0, 2.5, 5.0, 7.5, 10.0]
    # 0, 0, 0, 0, 1: the 1/4, 2/4 and 3/4 quantiles are all 0 -> merged, two bins remain
    assert en.bin_edges([0.0, 0.0, 0.0, 0.0, 1.0], 4, "quantile").tolist() == [0.0, 1.0]
    # an inner edge goes right; values beyond the training range go to the end bins
    assert en.bin_index([-1.0, 2.5, 2.4, 11.0], [0.0, 2.5, 5.0, 7.5, 10.0]).tolist() == [0, 1, 0, 3]


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n_bins=st.integers(1, 9))
def test_quantile_bins_hold_about_equal_counts(seed, n_bins):
    x = np.random.default_rng(seed).lognormal(size=90)       # no ties
    counts = np.bincount(en.bin_index(x, en.bin_edges(x, n_bins, "quantile")), minlength=n_bins)
    assert counts.max() - counts.min() <= 2


def test_cross_is_every_pairwise_product():
    rng = np.random.default_rng(4)
    A, B = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    C = en.cross(A, B)
    for j in range(3):
        for k in range(2):
            np.testing.assert_array_equal(C[:, j * 2 + k], A[:, j] * B[:, k])


def test_crossed_one_hot_blocks_are_the_one_hot_of_the_pair():
    X = _mixed_categories(5)
    colour = en.OneHotEncoder().fit_transform(X[:, :1])
    size = en.OneHotEncoder().fit_transform(X[:, 1:])
    pairs = np.array([[f"{c}&{s}"] for c, s in X], dtype=object)
    crossed = en.cross(colour, size)
    kept = crossed[:, crossed.any(axis=0)]              # pairs that occur
    np.testing.assert_array_equal(kept, en.OneHotEncoder().fit_transform(pairs))


def test_xor_needs_the_cross():
    # Egg's glossary: XOR is no linear function of x1, x2 but is of x1 x2 (measured)
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(400, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    plain = add_bias_column(X)
    crossed = add_bias_column(np.column_stack([X, en.cross(X[:, :1], X[:, 1:])]))
    w_plain, _ = logreg.train(plain, y, lr=1.0, n_iter=2000)
    w_cross, _ = logreg.train(crossed, y, lr=1.0, n_iter=2000)
    assert np.mean(logreg.predict(plain, w_plain) == y) < 0.65
    assert np.mean(logreg.predict(crossed, w_cross) == y) > 0.95


def test_cyclical_matches_scikit_learns_sin_cos_transformers():
    # scikit-learn's time-related feature engineering example: FunctionTransformer(sin/cos(x/P 2pi))
    hours = np.arange(24.0).repeat(3)
    for period, x in ((24, hours), (12, np.arange(1.0, 13) - 1), (7, np.arange(7.0))):
        sin = FunctionTransformer(lambda v: np.sin(v / period * 2 * np.pi))
        cos = FunctionTransformer(lambda v: np.cos(v / period * 2 * np.pi))
        expected = np.column_stack([sin.fit_transform(x[:, None]), cos.fit_transform(x[:, None])])
        np.testing.assert_allclose(en.cyclical(x, period), expected, rtol=0, atol=1e-15)


def test_cyclical_golden_distances():
    # Egg's glossary wants 23:00 next to 00:00: the chord is 2 sin(pi/24) = 0.2611, and 0 to 12 is 2
    P = en.cyclical([23.0, 0.0, 12.0, 1.0], period=24)
    assert np.linalg.norm(P[0] - P[1]) == pytest.approx(0.26105238444010315, rel=1e-14)
    assert np.linalg.norm(P[1] - P[2]) == pytest.approx(2.0, rel=1e-15)
    assert np.linalg.norm(P[0] - P[3]) == pytest.approx(2 * np.sin(np.pi / 12), rel=1e-14)
    # the months: (month - 1) * 2 pi / 12, as in the glossary's (correct) month lines
    months = en.cyclical(np.arange(12.0), period=12)
    np.testing.assert_allclose(months[0], [0.0, 1.0], atol=1e-15)
    np.testing.assert_allclose(months[3], [1.0, 0.0], atol=1e-15)      # April, a quarter turn


@SETTINGS
@given(a=st.floats(-1e3, 1e3), b=st.floats(-1e3, 1e3), period=st.floats(0.5, 500.0),
       turns=st.integers(-5, 5))
def test_cyclical_is_periodic_on_the_unit_circle_with_chord_distances(a, b, period, turns):
    P = en.cyclical([a, b, a + turns * period], period)
    np.testing.assert_allclose(np.linalg.norm(P, axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(P[2], P[0], atol=1e-9)
    chord = 2 * abs(np.sin(np.pi * (a - b) / period))
    assert np.linalg.norm(P[0] - P[1]) == pytest.approx(chord, abs=1e-9)


def test_a_daily_cycle_is_linear_in_sin_and_cos_not_in_the_hour():
    # y = 10 + 5 cos(2 pi (h - 15) / 24) exactly: least squares on (sin, cos) recovers it
    hours = np.arange(0.0, 24.0, 0.5)
    y = 10 + 5 * np.cos(2 * np.pi * (hours - 15) / 24)
    design = add_bias_column(en.cyclical(hours, 24))
    w, *_ = np.linalg.lstsq(design, y, rcond=None)
    np.testing.assert_allclose(design @ w, y, atol=1e-12)
    assert np.hypot(w[1], w[2]) == pytest.approx(5.0, rel=1e-12)        # the amplitude
    raw = add_bias_column(hours[:, None])
    residual = y - raw @ np.linalg.lstsq(raw, y, rcond=None)[0]
    assert 1 - residual.var() / y.var() < 0.5                          # a line misses most of it


@pytest.mark.parametrize("call, error, message", [
    (lambda: en.cyclical([1.0], period=0), ValueError, "period"),
    (lambda: en.cyclical([[1.0]], period=24), ValueError, "x"),
    (lambda: en.OneHotEncoder().fit([["a"]]).transform([["b"]]), ValueError, "fit never saw"),
    (lambda: en.OrdinalEncoder().fit([["a"]]).transform([["b"]]), ValueError, "fit never saw"),
    (lambda: en.OneHotEncoder().transform([["a"]]), ValueError, "call fit"),
    (lambda: en.OneHotEncoder().fit([["a", "b"]]).transform([["a"]]), ValueError, "2 columns"),
    (lambda: en.OneHotEncoder().fit(["a", "b"]), ValueError, "2-D array"),
    (lambda: en.OneHotEncoder().fit([[1.5]]), TypeError, "strings or integers"),
    (lambda: en.OneHotEncoder(handle_unknown="infrequent"), ValueError, "handle_unknown"),
    (lambda: en.murmurhash3_32("cat"), TypeError, "data must be bytes"),
    (lambda: en.murmurhash3_32(b"cat", seed=-1), ValueError, "seed"),
    (lambda: en.hash_features([["a"]], n_features=0), ValueError, "n_features"),
    (lambda: en.bin_edges([1.0, 2.0], n_bins=0), ValueError, "n_bins"),
    (lambda: en.bin_index([1.0], [0.0, 0.0]), ValueError, "strictly increasing"),
    (lambda: en.cross(np.ones((2, 1)), np.ones((3, 1))), ValueError, "same number of rows"),
])
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
