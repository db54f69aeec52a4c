"""Tests of mlcheatsheet.basics.linear_regression: gradients, oracles, golden values, the seed's numbers."""

import decimal
import fractions

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.linear_model import LinearRegression

from _gradcheck import numerical_gradient
from _bad_values import NOT_REAL_NUMBERS
from mlcheatsheet.basics import linear_regression as lr
from mlcheatsheet.datasets import load_advertising
from mlcheatsheet.basics.gradient_descent import DivergenceError


@pytest.fixture(scope="module")
def ads():
    return load_advertising()


# ---------------------------------------------------------------- gradients


@pytest.mark.parametrize("seed", range(5))
def test_simple_gradient_matches_finite_differences(seed):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=30), rng.normal(size=30)
    w, b = rng.normal(size=2)
    analytic = np.array(lr.mse_simple_gradient(x, y, w, b))
    numeric = numerical_gradient(lambda p: lr.mse_simple(x, y, p[0], p[1]), [w, b])
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("seed", range(5))
def test_vectorized_gradient_matches_finite_differences(seed):
    rng = np.random.default_rng(seed)
    X, y, w = rng.normal(size=(40, 4)), rng.normal(size=40), rng.normal(size=4)
    numeric = numerical_gradient(lambda v: lr.cost(X, y, v), w)
    np.testing.assert_allclose(lr.cost_gradient(X, y, w), numeric, rtol=1e-6, atol=1e-8)


def test_vectorized_gradient_equals_per_weight_sums(rng):
    # The seed's per-weight version broadcast (N,) * (N, 1) to (N, N) and never
    # moved the weights on normalized data; the vectorized form must equal the
    # per-weight sums (1/N) sum_i x_ij (yhat_i - y_i).
    X, y, w = rng.normal(size=(25, 3)), rng.normal(size=25), rng.normal(size=3)
    residual = X @ w - y
    per_weight = [np.mean(X[:, j] * residual) for j in range(3)]
    np.testing.assert_allclose(lr.cost_gradient(X, y, w), per_weight, rtol=1e-12)


def test_seed_broadcasting_bug_is_not_reproduced(ads):
    # With the seed's shapes, a mean-normalized feature gets a ~0 derivative.
    X = lr.normalize_features(ads.data)[0]
    targets = ads.target[:, None]
    seed_style = np.mean(-X[:, 0] * (targets - 0.0))  # (200,) * (200, 1) -> (200, 200)
    assert abs(seed_style) < 1e-12
    assert abs(lr.cost_gradient(X, ads.target, np.zeros(3))[0]) > 0.1
    w = lr.update_weights(X, ads.target, np.zeros(3), lr=0.1)
    assert np.all(np.abs(w) > 1e-3)


def test_simple_and_vectorized_costs_differ_by_the_half_convention(rng):
    x, y = rng.normal(size=20), rng.normal(size=20)
    w, b = 0.7, -0.3
    X = lr.add_bias_column(x[:, None])
    assert lr.mse_simple(x, y, w, b) == pytest.approx(2 * lr.cost(X, y, [b, w]))
    dw, db = lr.mse_simple_gradient(x, y, w, b)
    np.testing.assert_allclose([db, dw], 2 * lr.cost_gradient(X, y, [b, w]))


# ---------------------------------------------------------------- golden values, worked by hand


def test_one_simple_update_by_hand():
    # x = [1, 2], y = [3, 5], w = b = 0: residuals 3 and 5.
    # dMSE/dw = mean(-2 x r) = (-6 - 20) / 2 = -13; dMSE/db = mean(-2 r) = (-6 - 10) / 2 = -8.
    # With lr = 0.1: w = 1.3, b = 0.8.
    assert lr.mse_simple_gradient([1.0, 2.0], [3.0, 5.0], 0.0, 0.0) == (-13.0, -8.0)
    w, b = lr.update_simple([1.0, 2.0], [3.0, 5.0], 0.0, 0.0, lr=0.1)
    assert (w, b) == pytest.approx((1.3, 0.8))


def test_one_vectorized_update_by_hand():
    # X = [[1, 1], [1, 2]], y = [3, 5], w = 0: X^T (Xw - y) / N = [-(3+5), -(3+10)] / 2.
    X = [[1.0, 1.0], [1.0, 2.0]]
    np.testing.assert_allclose(lr.cost_gradient(X, [3.0, 5.0], [0.0, 0.0]), [-4.0, -6.5])
    np.testing.assert_allclose(lr.update_weights(X, [3.0, 5.0], [0.0, 0.0], lr=0.2), [0.8, 1.3])
    assert lr.cost(X, [3.0, 5.0], [0.0, 0.0]) == pytest.approx((9 + 25) / 4)


def test_normal_equation_recovers_noiseless_line():
    x = np.arange(6.0)
    np.testing.assert_allclose(lr.normal_equation(lr.add_bias_column(x[:, None]), 4 - 3 * x),
                               [4.0, -3.0], atol=1e-12)


# ---------------------------------------------------------------- oracles


def test_normal_equation_matches_lstsq_and_sklearn(ads):
    X = lr.add_bias_column(ads.data)
    ours = lr.normal_equation(X, ads.target)
    lstsq = np.linalg.lstsq(X, ads.target, rcond=None)[0]
    skl = LinearRegression().fit(ads.data, ads.target)
    np.testing.assert_allclose(ours, lstsq, rtol=1e-8)
    np.testing.assert_allclose(ours, [skl.intercept_, *skl.coef_], rtol=1e-8)


def test_gradient_descent_converges_to_least_squares(ads):
    X = lr.add_bias_column(lr.normalize_features(ads.data)[0])
    rate = 1.0 / np.linalg.eigvalsh(X.T @ X / len(X)).max()
    w, costs = lr.train(X, ads.target, lr=rate, n_iter=20_000, tol=1e-14)
    np.testing.assert_allclose(w, np.linalg.lstsq(X, ads.target, rcond=None)[0], atol=1e-4)
    assert np.all(np.diff(costs) <= 1e-12)


def test_normal_equation_singular_gives_minimum_norm_solution(rng):
    X = rng.normal(size=(30, 2))
    X_dup = np.column_stack([X, X[:, 1]])
    y = rng.normal(size=30)
    w = lr.normal_equation(X_dup, y)
    np.testing.assert_allclose(w, np.linalg.pinv(X_dup) @ y, rtol=1e-8)
    assert w[1] == pytest.approx(w[2])


# Entries on a 0.1 grid: rank-deficient and ill-conditioned X still occur, but not
# entries like 1e-155 whose X^T X underflows to subnormals (pinv then overflows).
TENTHS = st.integers(-1000, 1000).map(lambda v: v / 10)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, (12, 3), elements=TENTHS), arrays(np.float64, 12, elements=TENTHS))
def test_normal_equation_solves_the_normal_equations(X, y):
    w = lr.normal_equation(X, y)
    # The gradient of the cost vanishes at the least-squares solution.
    scale = 1 + np.abs(X).max() ** 2 * (1 + np.abs(y).max())
    assert np.all(np.abs(X.T @ (X @ w - y)) <= 1e-7 * scale * len(y))


# ---------------------------------------------------------------- normalization


@settings(max_examples=100, deadline=None)
@given(arrays(np.int64, (10, 3), elements=st.integers(-1000, 1000)))
def test_normalize_range_properties(X):
    original = X.copy()
    Z, mean, scale = lr.normalize_features(X)
    np.testing.assert_array_equal(X, original)  # the seed mutated its argument
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    spread = Z.max(axis=0) - Z.min(axis=0)
    constant = X.max(axis=0) == X.min(axis=0)
    np.testing.assert_allclose(spread[~constant], 1.0)
    np.testing.assert_array_equal(Z[:, constant], 0.0)
    assert np.all(np.abs(Z) < 1)
    np.testing.assert_allclose(Z * scale + mean, X, atol=1e-9)


def test_normalize_std_matches_sklearn(ads):
    from sklearn.preprocessing import StandardScaler

    np.testing.assert_allclose(lr.normalize_features(ads.data, method="std")[0],
                               StandardScaler().fit_transform(ads.data), atol=1e-12)


def test_normalized_advertising_does_not_fill_minus_one_to_one(ads):
    # The seed says the values end up "in the range -1 to 1"; they span 1, not 2.
    Z = lr.normalize_features(ads.data)[0]
    assert Z.min() > -0.6 and Z.max() < 0.8


# ---------------------------------------------------------------- the seed's worked numbers


SEED_LOG = [  # (updates, weight, bias, cost) as printed by the 2017 page, truncated
    (1, 0.03, 0.0014, 197.25), (11, 0.28, 0.0116, 74.65), (21, 0.39, 0.0177, 49.48),
    (31, 0.44, 0.0219, 44.31), (40, 0.46, 0.0249, 43.28)]


@pytest.mark.parametrize(("updates", "w_seed", "b_seed", "cost_seed"), SEED_LOG)
def test_seed_simple_log_reproduces_with_lr_5e_5(ads, updates, w_seed, b_seed, cost_seed):
    w, b, costs = lr.train_simple(ads.column("Radio"), ads.target, lr=5e-5, n_iter=updates)
    assert len(costs) == updates
    # Agreement to the digits the seed printed (it truncated some values and rounded others).
    assert abs(w - w_seed) < 0.01
    assert abs(b - b_seed) < 1e-4
    assert abs(costs[-1] - cost_seed) < 0.01


def test_seed_multivariable_result_needs_lr_0_005(ads):
    X = lr.add_bias_column(lr.normalize_features(ads.data)[0])
    w, costs = lr.train(X, ads.target, lr=0.005, n_iter=1000)
    np.testing.assert_allclose(w, [13.9, 4.7, 3.5, 0.81], atol=0.08)
    assert costs[1] == pytest.approx(110.86, abs=0.01)
    assert costs[-1] == pytest.approx(6.25, abs=0.01)
    w_stated, costs_stated = lr.train(X, ads.target, lr=0.0005, n_iter=1000)
    assert costs_stated[-1] > 40  # the stated rate does not reproduce the seed


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: lr.mse_simple([1, 2, 3], [1, 2], 0, 0), ValueError, "x and y must have the same"),
    (lambda: lr.mse_simple([[1, 2]], [1], 0, 0), ValueError, "x must be 1-dimensional"),
    (lambda: lr.mse_simple([], [], 0, 0), ValueError, "x must not be empty"),
    (lambda: lr.mse_simple([1, np.nan], [1, 2], 0, 0), ValueError, "x must contain only finite"),
    (lambda: lr.mse_simple([1, 2], [1, np.inf], 0, 0), ValueError, "y must contain only finite"),
    (lambda: lr.mse_simple("abc", [1], 0, 0), TypeError, "x must be an array of numbers"),
    (lambda: lr.predict_simple([1, 2], [1, 2], 0), TypeError, r"w must be a real number; got list \[1, 2\]"),
    (lambda: lr.update_simple([1.0], [1.0], 0, 0, lr=-1), ValueError, "lr must be a finite number > 0"),
    (lambda: lr.update_simple([1.0], [1.0], 0, 0, lr="big"), TypeError, "lr must be a real number"),
    (lambda: lr.train_simple([1.0], [1.0], n_iter=0), ValueError, "n_iter must be >= 1"),
    (lambda: lr.train_simple([1.0], [1.0], n_iter=2.5), TypeError, "n_iter must be an integer"),
    (lambda: lr.predict([[1, 2]], [1, 2, 3]), ValueError, r"one weight per column of X \(2\); got 3"),
    (lambda: lr.cost([[1, 2], [3, 4]], [1], [0, 0]), ValueError, "X and y must have the same"),
    (lambda: lr.cost([1, 2], [1, 2], [0]), ValueError, "X must be 2-dimensional"),
    (lambda: lr.normalize_features([[1.0]], method="minmax"), ValueError,
     "method must be one of 'range', 'std'; got str 'minmax'"),
    (lambda: lr.add_bias_column([1.0, 2.0]), ValueError, "X must be 2-dimensional"),
    (lambda: lr.normal_equation([[1.0]], [1.0, 2.0]), ValueError, "X and y must have the same"),
])
def test_bad_input_is_reported_clearly(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_divergent_learning_rate_is_signalled(ads):
    with pytest.raises(DivergenceError, match="try a smaller learning rate"):
        lr.train_simple(ads.column("Radio"), ads.target, lr=0.01, n_iter=100)


def test_inputs_are_not_modified(rng):
    X, y, w = rng.normal(size=(10, 2)), rng.normal(size=10), rng.normal(size=2)
    copies = X.copy(), y.copy(), w.copy()
    lr.update_weights(X, y, w, lr=0.1)
    lr.train(X, y, w, lr=0.1, n_iter=5)
    for before, after in zip(copies, (X, y, w)):
        np.testing.assert_array_equal(before, after)


# ---------------------------------------------------------------- numerical edges


@pytest.mark.parametrize("unit", [1e-200, 1e-300, 1e200, 1e300])
def test_normal_equation_does_not_form_XtX_at_extreme_scales(unit):
    # X^T X has entries near unit**2: 1e-400 underflows to 0 (the old code returned
    # [0, 0]) and 1e400 overflows (it returned NaN). The weights do not depend on
    # the common scale of X and y.
    x = np.arange(6.0)
    X, y = lr.add_bias_column(x[:, None]) * unit, (4 - 3 * x) * unit
    np.testing.assert_allclose(lr.normal_equation(X, y), [4.0, -3.0], rtol=1e-12)


def test_normal_equation_keeps_the_digits_the_normal_equations_lose():
    # A polynomial fit: cond(X) ~ 2e7, so forming X^T X (cond ~ 4e14) leaves ~1 digit;
    # solving with X itself keeps ~8. The data are exact, so the true weights are known.
    t = np.linspace(0, 1, 40)
    X = np.vander(t, 11, increasing=True)
    w_true = np.arange(1.0, 12.0)
    y = X @ w_true
    cond = np.linalg.cond(X)
    assert cond > 1e7
    w = lr.normal_equation(X, y)
    assert np.abs(w - w_true).max() <= 100 * cond * np.finfo(float).eps * np.abs(w_true).max()
    np.testing.assert_allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-6)
    via_XtX = np.linalg.pinv(X.T @ X) @ (X.T @ y)  # what the code used to do
    assert np.abs(w - w_true).max() < 1e-3 * np.abs(via_XtX - w_true).max()


@pytest.mark.parametrize("unit", [1e300, 1e-300, 1e305, 1e-305])
@pytest.mark.parametrize("method", ["std", "range"])
def test_normalize_gives_the_same_values_at_any_scale(unit, method, rng):
    # Squares of 1e300 overflow and squares of 1e-300 underflow: the old "std"
    # returned zeros (or the raw values with scale 1). The standardized values
    # must not depend on the units of the data.
    from sklearn.preprocessing import MinMaxScaler, StandardScaler

    X = rng.normal(size=(20, 3)) * [1.0, 10.0, 100.0] + [5.0, -3.0, 50.0]
    Z, mean, scale = lr.normalize_features(X * unit, method=method)
    Z_ref, mean_ref, scale_ref = lr.normalize_features(X, method=method)
    np.testing.assert_allclose(Z, Z_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(mean, mean_ref * unit, rtol=1e-12)
    np.testing.assert_allclose(scale, scale_ref * unit, rtol=1e-12)
    if method == "std":
        np.testing.assert_allclose(Z, StandardScaler().fit_transform(X), atol=1e-12)
    else:  # the range scaling is min-max scaling shifted by the mean
        shifted = MinMaxScaler().fit_transform(X) - (X.mean(axis=0) - X.min(axis=0)) / np.ptp(X, axis=0)
        np.testing.assert_allclose(Z, shifted, atol=1e-12)


def test_normalize_near_the_largest_float():
    # The sum behind the mean of 1.5e308..1.7e308 overflows; the statistics of the
    # rescaled column do not.
    X = np.array([[1.7e308], [1.6e308], [1.5e308]])
    Z, mean, scale = lr.normalize_features(X, method="std")
    np.testing.assert_allclose(Z[:, 0], [np.sqrt(1.5), 0.0, -np.sqrt(1.5)], atol=1e-12)
    np.testing.assert_allclose(mean, [1.6e308], rtol=1e-12)
    np.testing.assert_allclose(scale, [np.sqrt(2 / 3) * 1e307], rtol=1e-12)


def test_normalize_rescaling_is_exact_for_moderate_input(rng):
    # Dividing by a power of two is exact: the results are the plain formula's, bit for bit.
    X = rng.normal(size=(50, 4)) * [0.1, 3.0, 700.0, 1e-3] + [1.0, -2.0, 1e4, 0.0]
    Z, mean, scale = lr.normalize_features(X, method="std")
    np.testing.assert_array_equal(mean, X.mean(axis=0))
    np.testing.assert_array_equal(scale, X.std(axis=0))
    np.testing.assert_array_equal(Z, (X - X.mean(axis=0)) / X.std(axis=0))
    _, _, spread = lr.normalize_features(X)
    np.testing.assert_array_equal(spread, X.max(axis=0) - X.min(axis=0))


# ---------------------------------------------------------------- values that are not real numbers




@pytest.mark.parametrize("value", NOT_REAL_NUMBERS.values(), ids=NOT_REAL_NUMBERS.keys())
@pytest.mark.parametrize(("call", "name"), [
    (lambda v: lr.predict_simple([1.0, 2.0], v, 0.0), "w"),
    (lambda v: lr.mse_simple([1.0, 2.0], [1.0, 2.0], 0.0, v), "b"),
    (lambda v: lr.update_simple([1.0, 2.0], [1.0, 2.0], 0.0, 0.0, lr=v), "lr"),
    (lambda v: lr.train_simple([1.0, 2.0], [1.0, 2.0], w=v), "w"),
    (lambda v: lr.train([[1.0], [2.0]], [1.0, 2.0], tol=v), "tol"),
    (lambda v: lr.update_weights([[1.0], [2.0]], [1.0, 2.0], [0.0], lr=v), "lr"),
])
def test_numbers_that_are_not_real_floats_are_refused(call, name, value):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        call(value)


@pytest.mark.parametrize("value", [
    [10**400, 1], [fractions.Fraction(10**400, 3), 1], [decimal.Decimal("1.5"), 1],
    [1 + 5j, 2], ["1", "2"], np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")],
    ids=["huge int", "huge Fraction", "Decimal", "complex", "digit strings", "datetime64"])
@pytest.mark.parametrize(("call", "name"), [
    (lambda v: lr.mse_simple(v, [1.0, 2.0], 0.0, 0.0), "x"),
    (lambda v: lr.train_simple([1.0, 2.0], v), "y"),
    (lambda v: lr.normalize_features(np.column_stack([v, v])), "X"),
    (lambda v: lr.normal_equation([[1.0], [2.0]], v), "y"),
    (lambda v: lr.cost([[1.0, 0.0], [0.0, 1.0]], [1.0, 2.0], v), "w"),
])
def test_arrays_that_are_not_real_floats_are_refused(call, name, value):
    with pytest.raises((TypeError, ValueError), match=rf"\b{name}\b"):
        call(value)


def test_the_halved_cost_has_hessian_XtX_over_N():
    """The gradient-descent page's L is the top eigenvalue of X^T X / N: check that Hessian."""
    rng = np.random.default_rng(3)
    X, y, w = rng.normal(size=(40, 3)), rng.normal(size=40), rng.normal(size=3)
    h = 1e-5
    columns = [(lr.cost_gradient(X, y, w + h * e) - lr.cost_gradient(X, y, w - h * e)) / (2 * h)
               for e in np.eye(3)]
    np.testing.assert_allclose(np.column_stack(columns), X.T @ X / len(y), rtol=1e-8, atol=1e-10)
