"""Time series: statsmodels' AutoReg, ar_select_order, acf and pacf as oracles; golden AR fits."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.tsa.ar_model import AutoReg, ar_select_order
from statsmodels.tsa.stattools import acf as sm_acf
from statsmodels.tsa.stattools import pacf as sm_pacf

from mlcheatsheet.applications import time_series as ts
from mlcheatsheet.math import statistics

SERIES = {
    "ar1": dict(phi=[0.7], c=0.0, n=200, rng=0),
    "ar2": dict(phi=[0.6, -0.3], c=1.0, n=300, rng=1),
    "ar2-cycle": dict(phi=[1.5, -0.75], c=2.0, n=500, rng=2),
    "ar3": dict(phi=[0.4, 0.2, -0.3], c=-0.5, n=150, rng=3),
}


def _series(name):
    spec = dict(SERIES[name])
    return ts.simulate_ar(spec.pop("phi"), spec.pop("n"), **spec)


@pytest.mark.parametrize("p", [0, 1, 2, 3, 6])
@pytest.mark.parametrize("name", SERIES)
def test_ar_fit_equals_statsmodels_autoreg(name, p):
    x = _series(name)
    res = AutoReg(x, p, trend="c").fit()
    params, sigma2 = ts.ar_fit(x, p)
    np.testing.assert_allclose(params, res.params, rtol=0, atol=1e-10)
    np.testing.assert_allclose(sigma2, res.sigma2, rtol=1e-10)
    np.testing.assert_allclose(ts.ar_aic(x, p), res.aic, rtol=1e-10)
    np.testing.assert_allclose(ts.ar_predict(x, params), res.fittedvalues, atol=1e-10)


@pytest.mark.parametrize("hold_back", [4, 10])
def test_hold_back_drops_the_first_targets_as_statsmodels_does(hold_back):
    x = _series("ar2")
    res = AutoReg(x, 2, trend="c", hold_back=hold_back).fit()
    params, sigma2 = ts.ar_fit(x, 2, hold_back=hold_back)
    np.testing.assert_allclose(params, res.params, atol=1e-10)
    np.testing.assert_allclose(ts.ar_aic(x, 2, hold_back=hold_back), res.aic, rtol=1e-10)


@pytest.mark.parametrize("name", SERIES)
def test_select_order_equals_statsmodels_ar_select_order(name):
    x = _series(name)
    sel = ar_select_order(x, 8, ic="aic", trend="c")
    p, aic = ts.select_order(x, 8)
    assert sel.ar_lags == (list(range(1, p + 1)) if p else None)
    theirs = {0 if lags == 0 else len(lags): value for lags, value in sel.aic.items()}
    # ar_select_order counts p + 1 parameters (its OLS fits leave out sigma^2), AutoReg's
    # results p + 2 as ar_aic does: a constant 2 apart, the same ranking of the orders.
    np.testing.assert_allclose(aic - 2, [theirs[k] for k in range(9)], rtol=1e-10)


@pytest.mark.parametrize("name", SERIES)
def test_acf_and_both_pacfs_equal_statsmodels(name):
    x = _series(name)
    np.testing.assert_allclose(statistics.acf(x, 12), sm_acf(x, nlags=12), atol=1e-12)
    np.testing.assert_allclose(statistics.pacf(x, 12), sm_pacf(x, nlags=12, method="ldb"),
                               atol=1e-10)
    np.testing.assert_allclose(ts.pacf_ols(x, 12), sm_pacf(x, nlags=12, method="ols"),
                               atol=1e-10)


@pytest.mark.parametrize("name", SERIES)
def test_forecasts_equal_statsmodels(name):
    x = _series(name)
    res = AutoReg(x, 3, trend="c").fit()
    np.testing.assert_allclose(ts.ar_forecast(x, res.params, 25), res.forecast(25), atol=1e-10)
    start = len(x) - 40
    model = AutoReg(x, 3, trend="c")
    np.testing.assert_allclose(ts.ar_predict(x, res.params, start=start),
                               model.predict(res.params, start=start, end=len(x) - 1),
                               atol=1e-10)


def test_golden_ar1_fit_on_a_noiseless_recursion():
    x = [0.0]
    for _ in range(7):
        x.append(1.0 + 0.5 * x[-1])                   # x_t = 1 + x_{t-1}/2, mean 2
    params, sigma2 = ts.ar_fit(x, 1)
    np.testing.assert_allclose(params, [1.0, 0.5], atol=1e-12)
    assert sigma2 < 1e-25
    # hand-worked forecasts from 4: 1 + 2 = 3, 1 + 1.5 = 2.5, 1 + 1.25 = 2.25
    assert ts.ar_forecast([4.0], [1.0, 0.5], 3).tolist() == [3.0, 2.5, 2.25]


def test_golden_lag_matrix_and_one_step_forecasts():
    X, y = ts.lag_matrix([1.0, 2.0, 3.0, 5.0, 8.0, 13.0], 2)
    assert X.tolist() == [[1, 2, 1], [1, 3, 2], [1, 5, 3], [1, 8, 5]]
    assert y.tolist() == [3, 5, 8, 13]
    # Fibonacci: x_t = x_{t-1} + x_{t-2}, exactly
    np.testing.assert_allclose(ts.ar_predict([1.0, 2.0, 3.0, 5.0, 8.0], [0.0, 1.0, 1.0]),
                               [3.0, 5.0, 8.0])


def test_fit_recovers_known_coefficients_of_a_long_simulation():
    x = ts.simulate_ar([0.6, -0.3], 20_000, c=1.0, sigma=0.5, rng=7)
    params, sigma2 = ts.ar_fit(x, 2)
    # standard errors are about 1/sqrt(n) ~ 0.007 for the phis
    np.testing.assert_allclose(params[1:], [0.6, -0.3], atol=0.03)
    np.testing.assert_allclose(params[0] / (1 - params[1:].sum()), 1.0 / 0.7, atol=0.03)
    np.testing.assert_allclose(sigma2, 0.25, rtol=0.03)


def test_simulation_moments_match_the_stationary_process():
    phi = 0.8
    x = ts.simulate_ar([phi], 50_000, c=0.4, sigma=1.0, rng=11)
    assert abs(x.mean() - 0.4 / (1 - phi)) < 0.05            # c / (1 - phi) = 2
    assert abs(x.var() - 1 / (1 - phi**2)) < 0.15            # 2.78
    assert abs(statistics.acf(x, 2)[2] - phi**2) < 0.02


def test_simulation_is_reproducible_and_seeded():
    a = ts.simulate_ar([0.5, 0.2], 50, rng=3)
    b = ts.simulate_ar([0.5, 0.2], 50, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, ts.simulate_ar([0.5, 0.2], 50, rng=4))


def test_multi_step_forecasts_tend_to_the_process_mean():
    x = ts.simulate_ar([1.5, -0.75], 300, c=2.0, rng=5)
    params = ts.ar_fit(x, 2)[0]
    far = ts.ar_forecast(x, params, 400)[-1]
    np.testing.assert_allclose(far, params[0] / (1 - params[1:].sum()), rtol=1e-8)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 4))
def test_pacf_ols_last_value_is_the_last_coefficient_and_aic_minimum_is_reported(seed, p):
    x = ts.simulate_ar([0.3], 80, rng=seed)
    assert ts.pacf_ols(x, p)[-1] == pytest.approx(ts.ar_fit(x, p)[0][-1], abs=1e-12)
    best, aic = ts.select_order(x, 4)
    assert aic[best] == aic.min() and aic.shape == (5,)


def test_one_step_forecast_of_the_first_time_uses_the_true_past():
    x = np.array([1.0, -2.0, 4.0, 0.5])
    got = ts.ar_predict(x, [0.5, 2.0, -1.0], start=2)
    assert got.tolist() == [0.5 + 2 * -2.0 - 1 * 1.0, 0.5 + 2 * 4.0 - 1 * -2.0]


@pytest.mark.parametrize("call, message", [
    (lambda: ts.ar_fit([1.0, 2.0, 3.0, 4.0], 3), "at least hold_back \\+ p \\+ 2"),
    (lambda: ts.ar_fit(np.ones(20), 1), "x must not be constant"),
    (lambda: ts.ar_fit(np.arange(20.0), 3, hold_back=2), "hold_back must be >= p"),
    (lambda: ts.ar_fit(np.arange(20.0), -1), "p must be"),
    (lambda: ts.ar_fit([1.0, np.nan, 3.0, 4.0, 5.0], 1), "x"),
    (lambda: ts.select_order(np.arange(20.0), 0), "max_p must be >= 1"),
    (lambda: ts.ar_forecast([1.0], [0.0, 0.5, 0.2], 3), "x must have at least p = 2"),
    (lambda: ts.ar_forecast([1.0, 2.0], [0.0, 0.5], 0), "steps"),
    (lambda: ts.ar_predict([1.0, 2.0, 3.0], [0.0, 0.5], start=0), "start must be in"),
    (lambda: ts.ar_predict([1.0, 2.0, 3.0], [0.0, 0.5], start=3), "start must be in"),
    (lambda: ts.simulate_ar([0.5, 0.6], 10), "stationary"),
    (lambda: ts.simulate_ar([1.0], 10), "stationary"),
    (lambda: ts.simulate_ar([0.5], 10, sigma=0), "sigma"),
    (lambda: ts.pacf_ols([1.0, 2.0, 1.0, 3.0], 2), "at least"),
])
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
