"""Tests of mlcheatsheet.model_selection.learning_curves: curves against a direct computation,
the interpolation regime of least squares, Ng's diagnosis rules, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error

from mlcheatsheet.model_selection import learning_curves as lc

SETTINGS = settings(max_examples=40, deadline=None, database=None)


def _ols(X, y):
    m = LinearRegression().fit(X, y)
    return np.r_[m.intercept_, m.coef_]


def _mse(w, X, y):
    return float(np.mean((w[0] + X @ w[1:] - y) ** 2))


def test_learning_curve_matches_fitting_each_prefix_with_sklearn():
    rng = np.random.default_rng(0)
    X, Xv = rng.normal(size=(40, 3)), rng.normal(size=(30, 3))
    beta = np.array([1.0, -2.0, 0.5])
    y, yv = X @ beta + rng.normal(size=40), Xv @ beta + rng.normal(size=30)
    sizes = [5, 10, 20, 40]
    tr, va = lc.learning_curve(_ols, _mse, X, y, Xv, yv, sizes)
    for i, m in enumerate(sizes):
        model = LinearRegression().fit(X[:m], y[:m])
        assert tr[i] == pytest.approx(mean_squared_error(y[:m], model.predict(X[:m])), rel=1e-9)
        assert va[i] == pytest.approx(mean_squared_error(yv, model.predict(Xv)), rel=1e-9)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), p=st.integers(1, 5))
def test_least_squares_fits_p_plus_one_points_exactly(seed, p):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(p + 1, p)), rng.normal(size=p + 1)
    tr, _ = lc.learning_curve(_ols, _mse, X, y, X, y, sizes=[p + 1])
    assert tr[0] < 1e-12


def test_the_validation_error_of_a_correct_model_falls_towards_the_noise():
    rng = np.random.default_rng(1)
    X, Xv = rng.normal(size=(400, 5)), rng.normal(size=(2000, 5))
    y, yv = X.sum(axis=1) + rng.normal(size=400), Xv.sum(axis=1) + rng.normal(size=2000)
    tr, va = lc.learning_curve(_ols, _mse, X, y, Xv, yv, sizes=[10, 50, 400])
    assert va[0] > va[1] > va[2] and va[2] == pytest.approx(1.0, abs=0.1)
    assert tr[0] < tr[2] < va[2]


@pytest.mark.parametrize("train, val, expected", [
    (0.30, 0.32, "high bias"), (0.11, 0.40, "high variance"),
    (0.30, 0.60, "high bias and high variance"), (0.11, 0.13, "neither")])
def test_diagnose_by_ngs_rules(train, val, expected):
    assert lc.diagnose(train, val, target_error=0.1) == expected


def test_sizes_beyond_the_training_set_are_refused():
    X = np.zeros((5, 1))
    with pytest.raises(ValueError, match="sizes"):
        lc.learning_curve(_ols, _mse, X, np.zeros(5), X, np.zeros(5), sizes=[2, 6])


def test_sizes_that_do_not_increase_are_refused():
    X = np.zeros((5, 1))
    with pytest.raises(ValueError, match="sizes"):
        lc.learning_curve(_ols, _mse, X, np.zeros(5), X, np.zeros(5), sizes=[3, 2])
