"""Tests of mlcheatsheet.model_selection.bias_variance: the decomposition's terms sum to the
expected squared error within its Monte-Carlo tolerance, and OLS's variance matches theory."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcheatsheet.model_selection import bias_variance as bv

SETTINGS = settings(max_examples=40, deadline=None, database=None)
SIGMA = 0.3
X_TEST = np.linspace(0.05, 0.95, 15)


def _sample(rng, n=20):
    x = rng.uniform(size=n)
    return x, np.sin(2 * np.pi * x) + SIGMA * rng.standard_normal(n)


def _poly(degree):
    def fit_predict(x, y, x_test):
        w = np.polyfit(x, y, degree)
        return np.polyval(w, x_test)
    return fit_predict


@pytest.mark.parametrize("degree", [0, 1, 3, 6])
def test_terms_sum_to_the_expected_squared_error_within_four_standard_errors(degree):
    preds = bv.simulate_predictions(_poly(degree), _sample, X_TEST, n_datasets=2000, rng=1)
    f = np.sin(2 * np.pi * X_TEST)
    parts = bv.decompose(preds, f)
    mean, se = bv.expected_test_error(preds, f, SIGMA, rng=2)
    assert abs(SIGMA**2 + parts.bias2 + parts.variance - mean) < 4 * se


def test_bias_falls_with_the_degree_and_a_flexible_fit_has_the_largest_variance():
    # (below degree 3 the variance is not monotone here: with x random, the mean of 20
    # noisy sine values varies by (Var sin + sigma^2) / 20, more than a cubic fit does)
    f = np.sin(2 * np.pi * X_TEST)
    parts = [bv.decompose(bv.simulate_predictions(_poly(d), _sample, X_TEST, 500, rng=0), f)
             for d in (0, 1, 3, 6)]
    assert parts[0].bias2 > parts[1].bias2 > parts[2].bias2
    assert parts[3].variance > 2 * parts[2].variance
    assert parts[3].variance == max(p.variance for p in parts)


def test_ols_variance_matches_sigma2_x_xtx_inv_x_for_a_fixed_design():
    # fixed design, linear truth: bias 0, Var f_hat(x0) = sigma^2 x0^T (X^T X)^-1 x0
    x = np.linspace(0, 1, 12)
    X = np.c_[np.ones_like(x), x]
    sample = lambda r: (x, 1.0 + 2.0 * x + SIGMA * r.standard_normal(12))  # noqa: E731
    preds = bv.simulate_predictions(_poly(1), sample, X_TEST, n_datasets=20000, rng=3)
    parts = bv.decompose(preds, 1.0 + 2.0 * X_TEST)
    X0 = np.c_[np.ones_like(X_TEST), X_TEST]
    theory = SIGMA**2 * np.mean(np.einsum("ij,jk,ik->i", X0, np.linalg.inv(X.T @ X), X0))
    assert parts.variance == pytest.approx(theory, rel=0.03)       # 20000 draws: ~1% error
    assert parts.bias2 < 1e-3 * theory


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(2, 30), n=st.integers(1, 10))
def test_bias2_plus_variance_is_the_mean_squared_distance_from_f(seed, d, n):
    rng = np.random.default_rng(seed)
    preds, f = rng.normal(size=(d, n)), rng.normal(size=n)
    parts = bv.decompose(preds, f)
    assert parts.bias2 + parts.variance == pytest.approx(np.mean((preds - f) ** 2), rel=1e-12)
    np.testing.assert_allclose(parts.mean_prediction, preds.mean(axis=0))


def test_without_noise_the_expected_error_is_the_mean_squared_distance():
    preds = np.array([[1.0, 2.0], [3.0, 6.0]])
    mean, _ = bv.expected_test_error(preds, [1.0, 2.0], noise_sd=0.0)
    assert mean == pytest.approx((0 + 0 + 4 + 16) / 4)


def test_f_true_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="f_true"):
        bv.decompose(np.zeros((3, 2)), [0.0, 1.0, 2.0])


def test_a_sample_returning_x_and_y_of_different_lengths_is_refused():
    with pytest.raises(ValueError, match="sample"):
        bv.simulate_predictions(_poly(1), lambda r: (np.zeros(3), np.zeros(4)), X_TEST)
