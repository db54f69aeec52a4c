"""Residual diagnostics against statsmodels (test-only oracle) and SciPy's probplot, golden
values by hand, and by simulation: each test's false-positive rate at alpha = 0.05 on data that
meet its assumption, and its power on data that break it."""

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.diagnostic import het_breuschpagan, linear_reset
from statsmodels.stats.outliers_influence import OLSInfluence
from statsmodels.stats.stattools import durbin_watson as sm_durbin_watson
from statsmodels.stats.stattools import jarque_bera as sm_jarque_bera

from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.regression import diagnostics as dg

ALPHA = 0.05
#: Replicates per simulated rate; a rate's Monte-Carlo standard error is
#: sqrt(0.05 * 0.95 / 1000) = 0.0069, and the tolerance below is 4.3 of them.
N_REP = 1000
TOLERANCE = 0.03


def _design(n, rng):
    x = rng.uniform(0, 10, n)
    return x, np.column_stack([np.ones(n), x])


def _ar1(n, rho, rng):
    e = rng.normal(size=n)
    out = np.empty(n)
    out[0] = e[0] / np.sqrt(1 - rho**2)
    for i in range(1, n):
        out[i] = rho * out[i - 1] + e[i]
    return out


def _advertising_tv():
    ads = load_advertising()
    X = np.column_stack([np.ones(200), ads.data[:, 0]])
    return X, ads.target


# --- oracles ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_ols_residuals_match_statsmodels(seed):
    rng = np.random.default_rng(seed)
    x, X = _design(40, rng)
    y = 1 + 0.5 * x + rng.normal(size=40)
    fitted, resid = dg.ols_residuals(X, y)
    result = sm.OLS(y, X).fit()
    np.testing.assert_allclose(fitted, result.fittedvalues, atol=1e-10)
    np.testing.assert_allclose(resid, result.resid, atol=1e-10)


@pytest.mark.parametrize("robust", [True, False])
@pytest.mark.parametrize("seed", range(3))
def test_breusch_pagan_matches_statsmodels(robust, seed):
    rng = np.random.default_rng(seed)
    x, X = _design(60, rng)
    X = np.column_stack([X, rng.normal(size=60)])                 # two regressors
    resid = rng.normal(size=60) * (1 + 0.2 * x)
    lm, p = dg.breusch_pagan(resid, X, robust=robust)
    theirs = het_breuschpagan(resid, X, robust=robust)
    assert lm == pytest.approx(theirs[0], rel=1e-10)
    assert p == pytest.approx(theirs[1], rel=1e-8)


def test_breusch_pagan_on_advertising_matches_statsmodels_and_rejects():
    X, y = _advertising_tv()
    resid = sm.OLS(y, X).fit().resid
    lm, p = dg.breusch_pagan(dg.ols_residuals(X, y)[1], X)
    assert lm == pytest.approx(het_breuschpagan(resid, X)[0], rel=1e-10)
    assert p < 1e-6                                  # the funnel of TV -> sales


@pytest.mark.parametrize("seed", range(3))
def test_durbin_watson_and_jarque_bera_match_statsmodels(seed):
    resid = np.random.default_rng(seed).standard_t(4, size=80)
    assert dg.durbin_watson(resid) == pytest.approx(sm_durbin_watson(resid), rel=1e-12)
    ours, theirs = dg.jarque_bera(resid), sm_jarque_bera(resid)
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)


@pytest.mark.parametrize("power", [2, 3, 4])
def test_reset_matches_statsmodels_linear_reset(power):
    rng = np.random.default_rng(power)
    x, X = _design(70, rng)
    y = 1 + 0.3 * x + 0.02 * x**2 + rng.normal(size=70)
    f, p = dg.reset_test(X, y, power=power)
    theirs = linear_reset(sm.OLS(y, X).fit(), power=power, use_f=True)
    assert f == pytest.approx(float(theirs.fvalue), rel=1e-8)
    assert p == pytest.approx(float(theirs.pvalue), rel=1e-6)


@pytest.mark.parametrize("seed", range(3))
def test_leverage_and_cooks_distance_match_statsmodels(seed):
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(30), rng.normal(size=(30, 2))])
    y = X @ [1.0, 2.0, -1.0] + rng.normal(size=30)
    influence = OLSInfluence(sm.OLS(y, X).fit())
    np.testing.assert_allclose(dg.leverage(X), influence.hat_matrix_diag, atol=1e-12)
    np.testing.assert_allclose(dg.cooks_distance(X, y), influence.cooks_distance[0], rtol=1e-9)


def test_cooks_distance_is_the_leave_one_out_shift_of_the_fit():
    # the definition, by refitting n times: ||yhat - yhat_(i)||^2 / (p s^2)
    rng = np.random.default_rng(7)
    X = np.column_stack([np.ones(15), rng.normal(size=15)])
    y = X @ [0.5, 1.5] + rng.normal(size=15)
    fitted, e = dg.ols_residuals(X, y)
    s2 = e @ e / (15 - 2)
    left_out = [np.linalg.lstsq(np.delete(X, i, 0), np.delete(y, i), rcond=None)[0]
                for i in range(15)]
    direct = [np.sum((fitted - X @ w) ** 2) / (2 * s2) for w in left_out]
    np.testing.assert_allclose(dg.cooks_distance(X, y), direct, rtol=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_normal_qq_matches_scipy_probplot(seed):
    resid = np.random.default_rng(seed).exponential(size=50)
    theoretical, ordered, r = dg.normal_qq(resid)
    (osm, osr), (_, _, r_scipy) = stats.probplot(resid, dist="norm")
    np.testing.assert_allclose(theoretical, osm, atol=1e-12)
    np.testing.assert_allclose(ordered, osr)
    assert r == pytest.approx(r_scipy, abs=1e-12)


# --- golden values and properties ---------------------------------------------------------


def test_durbin_watson_golden_and_limits():
    assert dg.durbin_watson([1.0, 2.0, 3.0]) == pytest.approx(2 / 14)    # (1 + 1) / (1 + 4 + 9)
    x = np.arange(200.0)
    assert dg.durbin_watson(np.sin(x / 20)) < 0.01                      # smooth: near 0
    assert dg.durbin_watson((-1.0) ** x) == pytest.approx(4 * 199 / 200)  # alternating: near 4


def test_jarque_bera_golden():
    # [0, 0, 0, 3]: mean 0.75, deviations -0.75 (three times) and 2.25;
    # m2 = 6.75 / 4 = 1.6875, m3 = 10.125 / 4, m4 = 26.578125 / 4
    # skew = m3 / m2^1.5 = 2 / sqrt(3), kurtosis = m4 / m2^2 = 7 / 3; JB = 4/6 (4/3 + 1/9)
    jb, p, skew, kurt = dg.jarque_bera([0.0, 0.0, 0.0, 3.0])
    assert skew == pytest.approx(2 / np.sqrt(3)) and kurt == pytest.approx(7 / 3)
    assert jb == pytest.approx(4 / 6 * (4 / 3 + 1 / 9))
    assert p == pytest.approx(np.exp(-jb / 2))                   # chi-squared with 2 dof


def test_leverage_golden_for_simple_regression():
    x = np.array([0.0, 1.0, 2.0, 9.0])
    h = dg.leverage(np.column_stack([np.ones(4), x]))
    np.testing.assert_allclose(h, 1 / 4 + (x - 3) ** 2 / 50)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(6, 40), p=st.integers(1, 4), seed=st.integers(0, 10_000))
def test_leverages_lie_between_one_over_n_and_one_and_sum_to_p(n, p, seed):
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.normal(size=(n, p))])
    h = dg.leverage(X)
    assert np.all(h >= 1 / n - 1e-12) and np.all(h <= 1 + 1e-12)
    assert h.sum() == pytest.approx(p + 1)


@settings(max_examples=30, deadline=None)
@given(scale=st.floats(1e-3, 1e3), shift=st.floats(-100, 100), seed=st.integers(0, 10_000))
def test_statistics_do_not_depend_on_the_units_of_y(scale, shift, seed):
    rng = np.random.default_rng(seed)
    x, X = _design(40, rng)
    y = 1 + x + rng.normal(size=40) * (1 + 0.1 * x)
    e1, e2 = dg.ols_residuals(X, y)[1], dg.ols_residuals(X, scale * y + shift)[1]
    assert dg.breusch_pagan(e2, X)[0] == pytest.approx(dg.breusch_pagan(e1, X)[0], rel=1e-6)
    assert dg.durbin_watson(e2) == pytest.approx(dg.durbin_watson(e1), rel=1e-6)
    assert dg.jarque_bera(e2)[0] == pytest.approx(dg.jarque_bera(e1)[0], rel=1e-6)
    assert dg.normal_qq(e2)[2] == pytest.approx(dg.normal_qq(e1)[2], rel=1e-9)


def test_binned_residuals_are_flat_for_a_true_line_and_curved_for_a_missed_curve():
    rng = np.random.default_rng(3)
    x, X = _design(400, rng)
    for y, curved in [(1 + x + rng.normal(size=400), False),
                      (1 + x + 0.1 * (x - 5) ** 2 + rng.normal(size=400), True)]:
        fitted, resid = dg.ols_residuals(X, y)
        _, mean, se = dg.binned_residuals(fitted, resid, n_bins=8)
        assert (np.max(np.abs(mean) / se) > 4) == curved
    assert np.mean(mean[[0, -1]]) > 0 > np.mean(mean[3:5])       # a U: positive at both ends


def _rate(pvalues):
    return float(np.mean(np.fromiter(pvalues, float) < ALPHA))


def test_breusch_pagan_false_positive_rate_and_power():
    rng = np.random.default_rng(10)
    x, X = _design(300, rng)
    null = _rate(dg.breusch_pagan(dg.ols_residuals(X, 1 + 2 * x + rng.normal(size=300))[1], X)[1]
                 for _ in range(N_REP))
    power = _rate(dg.breusch_pagan(dg.ols_residuals(
        X, 1 + 2 * x + rng.normal(size=300) * (0.5 + 0.1 * x))[1], X)[1] for _ in range(N_REP // 4))
    assert abs(null - ALPHA) < TOLERANCE
    assert power > 0.9


def test_reset_false_positive_rate_and_power():
    rng = np.random.default_rng(11)
    x, X = _design(100, rng)
    null = _rate(dg.reset_test(X, 1 + 2 * x + rng.normal(size=100))[1] for _ in range(N_REP))
    power = _rate(dg.reset_test(X, 1 + 2 * x + 0.05 * x**2 + rng.normal(size=100))[1]
                  for _ in range(N_REP // 4))
    assert abs(null - ALPHA) < TOLERANCE
    assert power > 0.85


def test_durbin_watson_test_false_positive_rate_and_power():
    rng = np.random.default_rng(12)
    x, X = _design(100, rng)

    def pvalue(errors):
        return dg.durbin_watson_test(dg.ols_residuals(X, 1 + 2 * x + errors)[1], X, n_sim=199,
                                     rng=rng)[1]

    null = _rate(pvalue(rng.normal(size=100)) for _ in range(N_REP))
    power = _rate(pvalue(_ar1(100, 0.4, rng)) for _ in range(N_REP // 4))
    assert abs(null - ALPHA) < TOLERANCE
    assert power > 0.85


def test_jarque_bera_false_positive_rate_and_power():
    rng = np.random.default_rng(13)
    x, X = _design(300, rng)
    null = _rate(dg.jarque_bera(dg.ols_residuals(X, 1 + x + rng.normal(size=300))[1])[1]
                 for _ in range(N_REP))
    power = _rate(dg.jarque_bera(dg.ols_residuals(X, 1 + x + rng.standard_t(5, size=300))[1])[1]
                  for _ in range(N_REP // 4))
    assert abs(null - ALPHA) < TOLERANCE
    assert power > 0.85


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("call, match", [
    (lambda: dg.ols_residuals(np.ones((3, 1)), [1.0, 2.0]), "same number of samples"),
    (lambda: dg.ols_residuals(np.ones((2, 2)), [1.0, 2.0]), "more rows than columns"),
    (lambda: dg.breusch_pagan([1.0, 2.0, 3.0], np.ones((3, 2))), "full column rank"),
    (lambda: dg.breusch_pagan([1.0, 1.0, 1.0], np.ones((3, 1))), "resid must not be constant"),
    (lambda: dg.durbin_watson([0.0, 0.0]), "resid must not be constant"),
    (lambda: dg.binned_residuals([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], n_bins=2), "at least 4"),
    (lambda: dg.binned_residuals([1.0, 2.0], [1.0], n_bins=1), "same length"),
    (lambda: dg.reset_test(np.column_stack([np.ones(3), [1.0, 2.0, 4.0]]), [1.0, 2.0, 3.0]),
     "needs more than 4 samples"),
    (lambda: dg.leverage(np.ones((2, 3))), "more rows than columns"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
