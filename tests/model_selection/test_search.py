"""Tests of mlcheatsheet.model_selection.search: GridSearchCV and scipy's loguniform as
oracles, Ng's λ grid, the samplers' ranges and reproducibility, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, KFold

from mlcheatsheet.model_selection import cross_validation as cv
from mlcheatsheet.model_selection import search
from mlcheatsheet.regression import regularized

SETTINGS = settings(max_examples=50, deadline=None, database=None)


def _ridge_fit(X, y, alpha):
    return regularized.ridge(X, y, alpha)


def _neg_mse(m, X, y):
    return -float(np.mean((X @ m[0] + m[1] - y) ** 2))


# ------------------------------------------------------------------ oracles


def test_ng_lambda_grid_is_the_notes_grid():
    # Ng's course notes: "try λ = 0, 0.01, 0.02, 0.04, 0.08, ..., 10.24" (twelve values)
    notes = [0, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24]
    assert search.doubling_grid() == pytest.approx(notes, abs=1e-15)
    assert len(search.doubling_grid()) == 12


@pytest.mark.parametrize("shuffle", [False, True])
def test_grid_search_on_diabetes_matches_grid_search_cv(shuffle):
    X, y = load_diabetes(return_X_y=True)
    grid = search.doubling_grid() + [30.0, 100.0]
    folds = cv.kfold(len(y), 5, shuffle=shuffle, rng=0)
    ours = search.grid_search(_ridge_fit, _neg_mse, X, y, folds, {"alpha": grid})
    theirs = GridSearchCV(Ridge(), {"alpha": grid}, cv=folds,
                          scoring="neg_mean_squared_error").fit(X, y)
    assert ours.best_params == theirs.best_params_
    np.testing.assert_allclose(ours.mean_test_scores, theirs.cv_results_["mean_test_score"],
                               rtol=1e-9)


def test_grid_search_cv_agrees_on_a_problem_where_a_penalty_wins():
    # degree-2 products of the diabetes columns: an interior optimum of alpha
    X, y = load_diabetes(return_X_y=True)
    i, j = np.triu_indices(10)
    P = np.hstack([X, X[:, i] * X[:, j]])
    grid = [0.001, 0.01, 0.03, 0.1, 0.3, 1.0]
    ours = search.grid_search(_ridge_fit, _neg_mse, P, y, cv.kfold(len(y), 5), {"alpha": grid})
    theirs = GridSearchCV(Ridge(), {"alpha": grid}, cv=KFold(5),
                          scoring="neg_mean_squared_error").fit(P, y)
    assert ours.best_params == theirs.best_params_
    assert 0 < grid.index(ours.best_params["alpha"]) < len(grid) - 1   # not at an end
    np.testing.assert_allclose(ours.mean_test_scores, theirs.cv_results_["mean_test_score"],
                               rtol=1e-9)


def test_log_uniform_sampler_passes_ks_against_scipy_loguniform():
    draws = search.log_uniform(1e-3, 1e3).sample(20_000, rng=12345)
    result = stats.kstest(draws, stats.loguniform(1e-3, 1e3).cdf)
    assert result.pvalue > 0.01            # seed 12345: a fixed, reproducible draw
    assert draws.min() >= 1e-3 and draws.max() <= 1e3


def test_log_uniform_cdf_and_ppf_match_scipy():
    ours, theirs = search.log_uniform(0.05, 400.0), stats.loguniform(0.05, 400.0)
    x = np.geomspace(0.01, 1000.0, 41)
    np.testing.assert_allclose(ours.cdf(x), theirs.cdf(x), atol=1e-14)
    u = np.linspace(0, 1, 21)
    np.testing.assert_allclose(ours.ppf(u), theirs.ppf(u), rtol=1e-12)


def test_uniform_and_int_uniform_match_scipy():
    x = np.linspace(-3, 8, 45)
    np.testing.assert_allclose(search.uniform(-1.0, 5.0).cdf(x), stats.uniform(-1, 6).cdf(x),
                               atol=1e-14)
    k = np.arange(-2, 10)
    np.testing.assert_allclose(search.int_uniform(1, 6).cdf(k), stats.randint(1, 7).cdf(k),
                               atol=1e-14)
    draws = search.int_uniform(1, 6).sample(6000, rng=1)
    counts = np.bincount(draws, minlength=7)[1:]
    assert stats.chisquare(counts).pvalue > 0.01 and draws.dtype.kind == "i"


def test_random_search_scores_equal_cross_validate_at_the_drawn_settings():
    X, y = load_diabetes(return_X_y=True)
    folds = cv.kfold(len(y), 4)
    r = search.random_search(_ridge_fit, _neg_mse, X, y, folds,
                             {"alpha": search.log_uniform(1e-3, 10.0)}, n_iter=6, rng=3)
    expected = [cv.cross_validate(_ridge_fit, _neg_mse, X, y, folds, **p)[1].mean()
                for p in r.params]
    np.testing.assert_allclose(r.mean_test_scores, expected, rtol=1e-12)
    assert r.best_score == max(expected)
    assert r.params == search.sample_params({"alpha": search.log_uniform(1e-3, 10.0)}, 6, rng=3)


# ------------------------------------------------------------------ golden values


def test_golden_log_uniform_quantiles():
    d = search.log_uniform(1.0, 1e4)            # four decades: a quarter each
    np.testing.assert_allclose(d.ppf([0.0, 0.25, 0.5, 1.0]), [1.0, 10.0, 100.0, 1e4])
    np.testing.assert_allclose(d.cdf([0.5, 1000.0, 2e4]), [0.0, 0.75, 1.0])


def test_golden_choice_and_int_uniform():
    assert search._choice(["a", "b", "c"]).ppf([0.0, 0.34, 0.99]).tolist() == ["a", "b", "c"]
    assert search.int_uniform(0, 1).ppf([0.49, 0.5]).tolist() == [0, 1]


# ------------------------------------------------------------------ properties


@SETTINGS
@given(st.floats(1e-6, 1e3), st.floats(1.01, 1e6), st.integers(0, 2**31))
def test_log_uniform_draws_stay_in_range(low, ratio, seed):
    d = search.log_uniform(low, low * ratio)
    draws = d.sample(200, rng=seed)
    assert np.all(draws >= low * (1 - 1e-12)) and np.all(draws <= low * ratio * (1 + 1e-12))


@SETTINGS
@given(st.integers(1, 30), st.integers(0, 2**31))
def test_sample_params_is_reproducible_and_in_range(n, seed):
    space = {"a": search.uniform(0, 1), "k": [1, 2, 3]}
    first = search.sample_params(space, n, rng=seed)
    assert first == search.sample_params(space, n, rng=seed)
    assert all(0 <= p["a"] <= 1 and p["k"] in (1, 2, 3) for p in first)
    assert all(type(p["a"]) is float and type(p["k"]) is int for p in first)


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("make, args", [
    (search.log_uniform, (0.0, 1.0)),
    (search.log_uniform, (2.0, 1.0)),
    (search.uniform, (1.0, 1.0)),
    (search.int_uniform, (3, 2)),
])
def test_bad_distribution_arguments_raise(make, args):
    with pytest.raises((ValueError, TypeError)):
        make(*args)


def test_random_search_refuses_a_space_that_is_not_distributions():
    X, y = np.zeros((4, 1)), np.zeros(4)
    with pytest.raises(TypeError, match=r"distributions\['alpha'\]"):
        search.random_search(_ridge_fit, _neg_mse, X, y, cv.kfold(4, 2), {"alpha": 3.0})
    with pytest.raises(TypeError, match=r"distributions\['alpha'\]"):
        search.random_search(_ridge_fit, _neg_mse, X, y, cv.kfold(4, 2), {"alpha": []})
    with pytest.raises(ValueError, match="n_iter"):
        search.random_search(_ridge_fit, _neg_mse, X, y, cv.kfold(4, 2),
                             {"alpha": search.uniform(0, 1)}, n_iter=0)
