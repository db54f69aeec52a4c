"""Imputation against scikit-learn's SimpleImputer and MissingIndicator, correlations against
numpy.corrcoef and scipy.stats (pearsonr, spearmanr) on pairwise-complete rows, hand-worked
values, properties of mean imputation, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.datasets import load_diabetes, load_wine
from sklearn.impute import MissingIndicator
from sklearn.impute import SimpleImputer as SkImputer
from sklearn.metrics import mutual_info_score

from mlcheatsheet.features import encoding as en
from mlcheatsheet.features import missing_values as mv

SETTINGS = settings(max_examples=60, deadline=None, database=None)


def _with_holes(X, share, seed):
    rng = np.random.default_rng(seed)
    X = np.array(X, dtype=float)
    X[rng.uniform(size=X.shape) < share] = np.nan
    return X


WINE = _with_holes(load_wine().data, 0.15, 0)
ROUNDED = np.round(_with_holes(load_diabetes().data[:, :4] * 20, 0.2, 1))  # ties for the mode


@pytest.mark.parametrize("strategy", ["mean", "median", "most_frequent", "constant"])
@pytest.mark.parametrize("add_indicator", [False, True])
@pytest.mark.parametrize("data", ["wine", "rounded diabetes"])
def test_imputer_matches_sklearn_on_train_and_new_rows(strategy, add_indicator, data):
    X = WINE if data == "wine" else ROUNDED
    train, test = X[: len(X) // 2], X[len(X) // 2:]
    ours = mv.SimpleImputer(strategy, fill_value=-7.0, add_indicator=add_indicator).fit(train)
    theirs = SkImputer(strategy=strategy, fill_value=-7.0, add_indicator=add_indicator).fit(train)
    np.testing.assert_allclose(ours.statistics_, theirs.statistics_.astype(float), rtol=1e-13)
    np.testing.assert_allclose(ours.transform(test), theirs.transform(test), rtol=1e-13)


def test_indicator_matches_missing_indicator_including_columns_without_holes():
    X = WINE.copy()
    X[:, 3] = load_wine().data[:, 3]                   # a column with nothing missing
    mask, features = mv.missing_indicator(X)
    sk = MissingIndicator().fit(X)
    np.testing.assert_array_equal(features, sk.features_)
    np.testing.assert_array_equal(mask, sk.transform(X))
    assert 3 not in features


def test_golden_values_by_hand():
    X = [[1.0, 7.0], [np.nan, 7.0], [4.0, np.nan], [10.0, 5.0]]
    # column 0 observed 1, 4, 10: mean 5, median 4; column 1 observed 7, 7, 5: mean 19/3, mode 7
    assert mv.SimpleImputer().fit(X).statistics_.tolist() == pytest.approx([5.0, 19 / 3])
    assert mv.SimpleImputer("median").fit(X).statistics_.tolist() == [4.0, 7.0]
    assert mv.SimpleImputer("most_frequent").fit(X).statistics_.tolist() == [1.0, 7.0]  # tie: smallest
    assert mv.SimpleImputer("median", add_indicator=True).fit_transform(X).tolist() == \
        [[1.0, 7.0, 0.0, 0.0], [4.0, 7.0, 1.0, 0.0], [4.0, 7.0, 0.0, 1.0], [10.0, 5.0, 0.0, 0.0]]


def test_a_column_missing_in_test_but_not_in_train_is_filled_without_an_indicator():
    imputer = mv.SimpleImputer(add_indicator=True).fit([[1.0, np.nan], [3.0, 2.0]])
    assert imputer.indicator_features_.tolist() == [1]
    assert imputer.transform([[np.nan, np.nan]]).tolist() == [[2.0, 2.0, 1.0]]


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), share=st.floats(0.05, 0.6))
def test_mean_imputation_keeps_the_mean_and_shrinks_the_variance(seed, share):
    # filling n - m holes of a column with its observed mean keeps the mean and multiplies the
    # (population) variance by m / n: the filled entries add no spread
    x = np.random.default_rng(seed).normal(size=(30, 1))
    holes = _with_holes(x, share, seed)
    observed = holes[~np.isnan(holes)]
    if observed.size < 2:
        return
    filled = mv.SimpleImputer().fit_transform(holes)[:, 0]
    assert filled.mean() == pytest.approx(observed.mean(), abs=1e-12)
    assert filled.var() == pytest.approx(observed.var() * observed.size / 30, rel=1e-10)
    np.testing.assert_array_equal(filled[~np.isnan(holes[:, 0])], observed)   # observed untouched


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), strategy=st.sampled_from(["mean", "median", "most_frequent"]))
def test_an_imputer_fitted_on_train_never_sees_test(seed, strategy):
    rng = np.random.default_rng(seed)
    train = _with_holes(rng.normal(size=(10, 3)), 0.2, seed)
    train[0] = 1.0                                     # every column observed somewhere
    imputer = mv.SimpleImputer(strategy).fit(train)
    before = imputer.statistics_.copy()
    imputer.transform(_with_holes(rng.normal(size=(4, 3)) * 1e6, 0.5, seed + 1))
    np.testing.assert_array_equal(imputer.statistics_, before)


def test_correlation_matrix_equals_numpy_and_scipy_on_complete_data():
    X = load_wine().data
    np.testing.assert_allclose(mv.correlation_matrix(X), np.corrcoef(X, rowvar=False), atol=1e-12)
    np.testing.assert_allclose(mv.correlation_matrix(X, "spearman"), stats.spearmanr(X).statistic,
                               atol=1e-12)


@pytest.mark.parametrize("method, oracle", [("pearson", stats.pearsonr), ("spearman", stats.spearmanr)])
def test_correlation_with_holes_uses_each_pairs_complete_rows(method, oracle):
    X = WINE[:, :5]
    R = mv.correlation_matrix(X, method)
    for j in range(5):
        for k in range(5):
            both = ~(np.isnan(X[:, j]) | np.isnan(X[:, k]))
            assert R[j, k] == pytest.approx(oracle(X[both, j], X[both, k]).statistic, abs=1e-12)


def test_correlation_golden_and_undefined_pairs():
    # complete rows of the pair: (1, 2), (3, 6), (4, 8)... here x and y are exactly linear
    X = [[1.0, 2.0, 5.0], [2.0, np.nan, 5.0], [3.0, 6.0, 5.0], [4.0, 8.0, np.nan]]
    R = mv.correlation_matrix(X)
    assert R[0, 1] == pytest.approx(np.corrcoef([1, 3, 4], [2, 6, 8])[0, 1])
    assert np.isnan(R[0, 2]) and np.isnan(R[2, 2])     # a constant column has no correlation


def test_zero_correlation_with_the_target_does_not_mean_useless():
    # the MLCC notes keep only features "strongly correlated to the target": a feature whose
    # effect changes sign has Pearson r near 0 and still predicts well (XOR: r of each is 0)
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(2000, 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(float)
    R = mv.correlation_matrix(np.column_stack([x, y]))
    assert abs(R[0, 2]) < 0.05 and abs(R[1, 2]) < 0.05
    assert np.mean((np.sign(x[:, 0]) * np.sign(x[:, 1]) > 0) == y) == 1.0


@pytest.mark.parametrize("call, message", [
    (lambda: mv.SimpleImputer("mode"), "strategy must be one of"),
    (lambda: mv.SimpleImputer().fit([[np.nan, 1.0], [np.nan, 2.0]]), r"X\[:, 0\] has no observed"),
    (lambda: mv.SimpleImputer().transform([[1.0]]), "call fit"),
    (lambda: mv.SimpleImputer().fit([[1.0, 2.0]]).transform([[1.0]]), "X must have 2 columns"),
    (lambda: mv.missing_indicator([[1.0, np.inf]]), "infinities"),
    (lambda: mv.missing_indicator([1.0, np.nan]), "2-D"),
    (lambda: mv.correlation_matrix([[1.0, 2.0]], method="kendall"), "method must be one of"),
])
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_constant_strategy_fills_an_all_missing_column():
    assert mv.SimpleImputer("constant", fill_value=3.0).fit_transform([[np.nan], [np.nan]]).tolist() \
        == [[3.0], [3.0]]


# --- mutual information -------------------------------------------------------------------------


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), kx=st.integers(1, 6), ky=st.integers(1, 6),
       n=st.integers(1, 80))
def test_mutual_information_matches_sklearn(seed, kx, ky, n):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, kx, size=n)
    y = np.where(rng.uniform(size=n) < 0.5, x % ky, rng.integers(0, ky, size=n)) * 10 - 3
    assert mv.mutual_information_score(x, y) == pytest.approx(mutual_info_score(x, y),
                                                              rel=1e-12, abs=1e-12)


def test_mutual_information_matches_sklearn_on_binned_wine_features():
    wine = load_wine()
    for j in range(wine.data.shape[1]):
        bins = en.bin_index(wine.data[:, j], en.bin_edges(wine.data[:, j], 8, "quantile"))
        assert mv.mutual_information_score(bins, wine.target) == pytest.approx(
            mutual_info_score(bins, wine.target), rel=1e-12, abs=1e-12)


def test_mutual_information_golden_values_and_bounds():
    # a copy shares its whole entropy: ln 3 for three equally frequent values
    x = np.repeat([0, 1, 2], 4)
    assert mv.mutual_information_score(x, x) == pytest.approx(np.log(3), rel=1e-14)
    assert mv.mutual_information_score(x, 7 - 2 * x) == pytest.approx(np.log(3), rel=1e-14)
    # a product table is independence: exactly 0
    assert mv.mutual_information_score([0, 0, 1, 1, 0, 0, 1, 1], [0, 1, 0, 1, 0, 1, 0, 1]) == 0.0
    # XOR: each input alone tells nothing, the pair tells one bit (ln 2 nats)
    a, b = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    assert mv.mutual_information_score(a, a ^ b) == 0.0
    assert mv.mutual_information_score(2 * a + b, a ^ b) == pytest.approx(np.log(2), rel=1e-14)


def test_mutual_information_bias_for_independent_features_by_simulation():
    # E[I] of independent features ~ (Kx - 1)(Ky - 1) / (2n): 6 x 3 values, n = 150 -> 1/30
    rng = np.random.default_rng(1)
    values = [mv.mutual_information_score(rng.integers(0, 6, 150), rng.integers(0, 3, 150))
              for _ in range(400)]
    assert np.mean(values) == pytest.approx(10 / 300, rel=0.1)


@pytest.mark.parametrize("call, message", [
    (lambda: mv.mutual_information_score([0, 1], [0, 1, 1]), "same number of samples"),
    (lambda: mv.mutual_information_score([[0, 1]], [0, 1]), "x"),
    (lambda: mv.mutual_information_score([0, 1], [0, np.nan]), "y"),
])
def test_mutual_information_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
