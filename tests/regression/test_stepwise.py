"""Tests of mlcheatsheet.regression.stepwise: scikit-learn's SequentialFeatureSelector and
statsmodels' OLS information criteria as oracles, exhaustive search on small problems,
planted features, golden values, bad input."""

import itertools

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_diabetes
from sklearn.feature_selection import SequentialFeatureSelector
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, cross_val_score

from mlcheatsheet.model_selection import cross_validation as cv
from mlcheatsheet.regression import stepwise as sw

SETTINGS = settings(max_examples=30, deadline=None, database=None)
X_DIAB, Y_DIAB = load_diabetes(return_X_y=True)


# ------------------------------------------------------------------ oracles


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("k", [1, 2, 4, 6, 9])
def test_stepwise_chooses_what_sequential_feature_selector_chooses(direction, k):
    ours = sw.stepwise(X_DIAB, Y_DIAB, direction, "cv", n_features=k)
    theirs = SequentialFeatureSelector(LinearRegression(), n_features_to_select=k,
                                       direction=direction, scoring="neg_mean_squared_error",
                                       cv=KFold(5)).fit(X_DIAB, Y_DIAB)
    assert sorted(ours.features) == np.flatnonzero(theirs.get_support()).tolist()


def test_cv_criterion_is_cross_val_score_of_linear_regression():
    features = [2, 3, 8]
    ours = sw.subset_criterion(X_DIAB, Y_DIAB, features, "cv")
    theirs = -cross_val_score(LinearRegression(), X_DIAB[:, features], Y_DIAB, cv=KFold(5),
                              scoring="neg_mean_squared_error").mean()
    assert ours == pytest.approx(theirs, rel=1e-10)


@pytest.mark.parametrize("features", [[2], [2, 8, 3], list(range(10))])
def test_aic_and_bic_match_statsmodels_ols(features):
    fit = sm.OLS(Y_DIAB, sm.add_constant(X_DIAB[:, features])).fit()
    assert sw.subset_criterion(X_DIAB, Y_DIAB, features, "aic") == pytest.approx(fit.aic,
                                                                                 rel=1e-10)
    assert sw.subset_criterion(X_DIAB, Y_DIAB, features, "bic") == pytest.approx(fit.bic,
                                                                                 rel=1e-10)


def test_ols_matches_linear_regression():
    m = LinearRegression().fit(X_DIAB[:, [0, 5, 7]], Y_DIAB)
    coef, intercept = sw.ols(X_DIAB, Y_DIAB, [0, 5, 7])
    np.testing.assert_allclose(coef, m.coef_, rtol=1e-9)
    assert intercept == pytest.approx(m.intercept_, rel=1e-12)


def test_first_forward_step_is_the_best_single_feature_by_exhaustive_search():
    singles = [sw.subset_criterion(X_DIAB, Y_DIAB, [j], "bic") for j in range(10)]
    assert sw.stepwise(X_DIAB, Y_DIAB, "forward", "bic", n_features=1).features == \
        [int(np.argmin(singles))]


def test_path_records_the_criterion_of_each_model_on_it():
    r = sw.stepwise(X_DIAB, Y_DIAB, "forward", "aic", n_features=4)
    expected = [sw.subset_criterion(X_DIAB, Y_DIAB, r.features[:i], "aic") for i in range(5)]
    np.testing.assert_allclose(r.path, expected, rtol=1e-12)
    assert r.steps == r.features


# ------------------------------------------------------------------ known truth


def test_bic_recovers_planted_features_most_of_the_time():
    exact = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(200, 12))
        y = X[:, [3, 7]] @ [1.5, -1.0] + rng.normal(size=200)
        exact += set(sw.stepwise(X, y, "forward", "bic").features) == {3, 7}
    assert exact >= 15            # strong effects, n = 200: BIC is consistent


def test_aic_keeps_more_noise_features_than_bic():
    extra = {"aic": 0, "bic": 0}
    for seed in range(20):
        rng = np.random.default_rng(100 + seed)
        X = rng.normal(size=(100, 15))
        y = X[:, 0] + rng.normal(size=100)
        for c in extra:
            extra[c] += len(set(sw.stepwise(X, y, "forward", c).features) - {0})
    assert extra["aic"] > extra["bic"]


# ------------------------------------------------------------------ golden values


def test_golden_information_criterion():
    # RSS = 8, n = 8, k = 3: -2 loglik = 8 (log 2π + 1); AIC adds 6, BIC adds 3 log 8
    base = 8 * (np.log(2 * np.pi) + 1)
    assert sw.information_criterion(8.0, 8, 3, "aic") == pytest.approx(base + 6)
    assert sw.information_criterion(8.0, 8, 3, "bic") == pytest.approx(base + 3 * np.log(8))


def test_golden_stepwise_on_an_exact_problem():
    X = np.array([[1.0, 0.0, 3.0], [2.0, 1.0, 1.0], [3.0, 0.0, 4.0], [4.0, 1.0, 1.0],
                  [5.0, 0.0, 5.0], [6.0, 1.0, 9.0]])
    y = 2 * X[:, 0] + 1.0 + np.array([0.1, -0.1, 0.1, -0.1, 0.1, -0.1])
    r = sw.stepwise(X, y, "forward", "aic", n_features=1)
    assert r.features == [0]


# ------------------------------------------------------------------ properties


@SETTINGS
@given(st.integers(0, 2**31), st.integers(2, 6), st.sampled_from(["aic", "bic", "cv"]))
def test_path_falls_and_forward_never_repeats_a_feature(seed, p, criterion):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, p))
    y = X @ rng.normal(size=p) + rng.normal(size=30)
    r = sw.stepwise(X, y, "forward", criterion)
    assert len(set(r.features)) == len(r.features)
    assert all(b < a for a, b in zip(r.path, r.path[1:]))       # each step lowered it


@SETTINGS
@given(st.integers(0, 2**31), st.integers(2, 5))
def test_forward_with_fixed_size_is_optimal_for_one_feature_and_at_most_exhaustive(seed, p):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(25, p))
    y = X @ rng.normal(size=p) + rng.normal(size=25)
    for k in range(1, p + 1):
        greedy = sw.stepwise(X, y, "forward", "aic", n_features=k).path[-1]
        best = min(sw.subset_criterion(X, y, list(s), "aic")
                   for s in itertools.combinations(range(p), k))
        assert greedy >= best - 1e-9
        if k == 1:
            assert greedy == pytest.approx(best)


# ------------------------------------------------------------------ bad input


def test_bad_input_is_refused():
    X, y = np.ones((10, 3)), np.arange(10.0)
    with pytest.raises(ValueError, match="n_features"):
        sw.stepwise(X, y, n_features=4)
    with pytest.raises(ValueError, match="direction"):
        sw.stepwise(X, y, direction="sideways")
    with pytest.raises(ValueError, match="criterion"):
        sw.stepwise(X, y, criterion="r2")
    with pytest.raises(ValueError, match="features"):
        sw.subset_criterion(X, y, [0, 3])
    with pytest.raises(ValueError, match="features"):
        sw.ols(X, y, [1, 1])
    with pytest.raises(ValueError, match="n_params"):
        sw.information_criterion(1.0, 5, 5)
    with pytest.raises(ValueError, match="rss"):
        sw.information_criterion(0.0, 5, 2)
    with pytest.raises(ValueError, match="folds"):
        sw.stepwise(X, y, folds=cv.kfold(20, 2))
