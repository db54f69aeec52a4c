"""Tests of the generic gradient-descent minimizer."""

import decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

from _bad_values import NOT_REAL_NUMBERS
from mlcheatsheet.basics.gradient_descent import DivergenceError, gradient_descent, gradient_step


def quadratic(A, c):
    """J(x) = 1/2 (x - c)^T A (x - c), gradient A (x - c)."""
    return (lambda x: float(0.5 * (x - c) @ A @ (x - c))), (lambda x: A @ (x - c))


def test_two_steps_by_hand():
    # J = x^2, grad 2x, x0 = 1, lr = 0.25: x1 = 1 - 0.5 = 0.5, x2 = 0.25; costs 1, .25, .0625.
    res = gradient_descent(lambda x: float(x[0] ** 2), lambda x: 2 * x, [1.0], lr=0.25,
                           n_iter=2, tol=0.0)
    np.testing.assert_allclose(res.path[:, 0], [1.0, 0.5, 0.25])
    np.testing.assert_allclose(res.history, [1.0, 0.25, 0.0625])
    assert res.n_iter == 2 and not res.converged


def test_gradient_step_is_simultaneous():
    x = np.array([1.0, 2.0])
    np.testing.assert_allclose(gradient_step(x, np.array([2.0, -4.0]), lr=0.5), [0.0, 4.0])
    np.testing.assert_array_equal(x, [1.0, 2.0])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0.1, 10.0), min_size=2, max_size=4),
       st.integers(0, 2**32 - 1))
def test_reaches_minimum_of_convex_quadratic_and_agrees_with_scipy(eigs, seed):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(len(eigs), len(eigs))))
    A = Q @ np.diag(eigs) @ Q.T
    c = rng.normal(size=len(eigs))
    f, g = quadratic(A, c)
    res = gradient_descent(f, g, np.zeros(len(eigs)), lr=1.0 / max(eigs), n_iter=20_000,
                           tol=1e-16)
    ref = minimize(f, np.zeros(len(eigs)), jac=g, method="BFGS", tol=1e-12).x
    np.testing.assert_allclose(res.x, c, atol=1e-5)
    np.testing.assert_allclose(res.x, ref, atol=1e-5)
    assert np.all(np.diff(res.history) <= 1e-15)  # monotone below 2/L
    assert res.history[-1] == pytest.approx(f(res.x))


@pytest.mark.parametrize("factor", [2.05, 3.0, 10.0])
def test_learning_rate_above_two_over_L_diverges(factor):
    f, g = quadratic(np.diag([1.0, 4.0]), np.zeros(2))
    with pytest.raises(DivergenceError, match="try a smaller learning rate") as info:
        gradient_descent(f, g, [1.0, 1.0], lr=factor * 2 / 4.0, n_iter=10_000)
    partial = info.value.result
    assert partial.history[-1] > partial.history[0]
    assert len(partial.path) == len(partial.history) == partial.n_iter + 1


@pytest.mark.parametrize("factor", [0.5, 1.0, 1.9])
def test_learning_rate_below_two_over_L_converges(factor):
    f, g = quadratic(np.diag([1.0, 4.0]), np.array([2.0, -1.0]))
    res = gradient_descent(f, g, [0.0, 0.0], lr=factor * 2 / 4.0 / 2, n_iter=50_000, tol=1e-15)
    assert res.converged
    np.testing.assert_allclose(res.x, [2.0, -1.0], atol=1e-6)


def test_overflow_is_reported_as_divergence():
    with pytest.raises(DivergenceError, match="overflowed"):
        gradient_descent(lambda x: float(x[0] ** 2), lambda x: 1e300 * x, [1.0], lr=1.0,
                         n_iter=10)


def test_tol_zero_runs_every_update():
    res = gradient_descent(lambda x: float(x @ x), lambda x: 2 * x, [1.0], lr=0.01,
                           n_iter=37, tol=0.0)
    assert res.n_iter == 37 and not res.converged


def test_x0_is_not_modified():
    x0 = np.array([3.0, 4.0])
    gradient_descent(lambda x: float(x @ x), lambda x: 2 * x, x0, lr=0.1, n_iter=5)
    np.testing.assert_array_equal(x0, [3.0, 4.0])


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"lr": 0}, ValueError, "lr must be a finite number > 0; got 0"),
    ({"lr": float("nan")}, ValueError, "lr must be a finite number > 0"),
    ({"lr": None}, TypeError, "lr must be a real number"),
    ({"n_iter": -1}, ValueError, "n_iter must be >= 0"),
    ({"n_iter": 1.5}, TypeError, "n_iter must be an integer"),
    ({"tol": -1.0}, ValueError, "tol must be a finite number >= 0"),
    ({"x0": [np.nan]}, ValueError, "x0 must contain only finite numbers"),
    ({"x0": []}, ValueError, "x0 must not be empty"),
    ({"fun": "x**2"}, TypeError, "fun must be a function; got str"),
    ({"grad": lambda x: np.zeros(3)}, ValueError, r"grad\(x\) must have the shape of x0"),
])
def test_bad_input_is_reported_clearly(kwargs, error, match):
    args = {"fun": lambda x: float(x @ x), "grad": lambda x: 2 * x, "x0": [1.0]} | kwargs
    with pytest.raises(error, match=match):
        gradient_descent(**args)


# ---------------------------------------------------------------- what fun and grad return


def _square(x):
    return float(x @ x)


def _double(x):
    return 2 * x


@pytest.mark.parametrize(("grad", "error", "match"), [
    (lambda x: x + np.nan, ValueError, "the value returned by grad must contain only finite"),
    (lambda x: np.full_like(x, np.inf), ValueError, "the value returned by grad must contain only"),
    (lambda x: "not a number", TypeError, "the value returned by grad must be an array of numbers"),
    (lambda x: np.array(["1.0"]), TypeError, "the value returned by grad must be an array of real"),
    (lambda x: x + 1j, TypeError, "the value returned by grad must be an array of real numbers; got complex"),
    (lambda x: None, TypeError, "the value returned by grad must be an array of numbers"),
    (lambda x: 2.0, ValueError, r"grad\(x\) must have the shape of x0 \(1,\); got \(\)"),
])
def test_what_grad_returns_is_checked_and_named(grad, error, match):
    # The old code turned these into an unnamed float() error, a "divergence" or a
    # silently truncated complex gradient.
    with pytest.raises(error, match=match):
        gradient_descent(_square, grad, [1.0], lr=0.1)


@pytest.mark.parametrize(("fun", "error", "match"), [
    (lambda x: float("nan"), ValueError, r"fun\(x0\) must be finite; got nan"),
    (lambda x: float("inf"), ValueError, r"fun\(x0\) must be finite; got inf"),
    (lambda x: "0.5", TypeError, "the value returned by fun must be a real number; got str"),
    (lambda x: 1 + 5j, TypeError, "the value returned by fun must be a real number; got complex"),
    (lambda x: 10**400, ValueError, "the value returned by fun must be a finite number"),
    (lambda x: None, TypeError, "the value returned by fun must be a real number"),
    (lambda x: np.array([1.0, 2.0]), TypeError, "the value returned by fun must be a real number"),
])
def test_what_fun_returns_is_checked_and_named(fun, error, match):
    with pytest.raises(error, match=match):
        gradient_descent(fun, _double, [1.0], lr=0.1)


def test_a_cost_that_turns_bad_midway_is_named():
    calls = []

    def fun(x):
        calls.append(1)
        return float(x @ x) if len(calls) < 4 else "oops"

    with pytest.raises(TypeError, match="the value returned by fun must be a real number"):
        gradient_descent(fun, _double, [1.0], lr=0.1)


def test_numpy_scalar_and_zero_dimensional_costs_are_accepted():
    for fun in (lambda x: np.float64(x @ x), lambda x: np.array(x @ x), lambda x: np.float32(x @ x)):
        res = gradient_descent(fun, _double, [1.0], lr=0.1, n_iter=3, tol=0.0)
        assert res.history.dtype == float and len(res.history) == 4
    # An integer cost is a real number too (a constant one stops at once: no decrease).
    res = gradient_descent(lambda x: 1, _double, [1.0], lr=0.1)
    assert res.history.tolist() == [1.0, 1.0] and res.converged


def test_an_overflowing_cost_is_still_divergence_not_bad_input():
    # fun returns inf after the steps overshoot: that is the run diverging.
    with pytest.raises(DivergenceError, match="overflowed at update 1") as info:
        gradient_descent(lambda x: float(x[0]) ** 2 if abs(x[0]) < 1e200 else float("inf"),
                         lambda x: 1e300 * x, [1.0], lr=1.0)
    assert info.value.result.n_iter == 1 and np.isinf(info.value.result.history[-1])


def test_a_matrix_x0_keeps_its_shape():
    # Used by softmax regression: the parameters are a matrix.
    target = np.arange(6.0).reshape(2, 3)
    res = gradient_descent(lambda W: float(np.sum((W - target) ** 2)), lambda W: 2 * (W - target),
                           np.zeros((2, 3)), lr=0.5)
    np.testing.assert_allclose(res.x, target)
    assert res.path.shape[1:] == (2, 3)


# ---------------------------------------------------------------- values that are not real numbers




@pytest.mark.parametrize("value", NOT_REAL_NUMBERS.values(), ids=NOT_REAL_NUMBERS.keys())
@pytest.mark.parametrize("name", ["x0", "lr", "n_iter", "tol", "max_increases"])
def test_numbers_that_are_not_real_floats_are_refused(name, value):
    args = {"fun": _square, "grad": _double, "x0": [1.0]} | {name: value}
    with pytest.raises((TypeError, ValueError), match=rf"^{name} "):
        gradient_descent(**args)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"x": [1.0, 2.0], "grad": [1.0]}, ValueError, "x and grad must have the same shape"),
    ({"x": [1.0], "grad": [np.nan]}, ValueError, "grad must contain only finite numbers"),
    ({"x": ["1"], "grad": [1.0]}, TypeError, "x must be an array of real numbers; got strings"),
    ({"x": [1.0], "grad": [1 + 1j]}, TypeError, "grad must be an array of real numbers"),
    ({"x": [1.0], "grad": [1.0], "lr": 10**400}, ValueError, "lr must be a finite number"),
    ({"x": [1.0], "grad": [1.0], "lr": decimal.Decimal("0.1")}, TypeError, "lr must be a real"),
])
def test_gradient_step_refuses_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        gradient_step(**({"lr": 0.1} | kwargs))


# --- the learning-rate claims of the page -------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.floats(0.01, 1.0), st.floats(1.5, 100.0))
def test_two_over_L_plus_mu_is_the_best_worst_case_rate(mu, L):
    """max_i |1 - a lambda_i| over [mu, L] is smallest at a = 2/(L+mu), where it is (L-mu)/(L+mu)."""
    rates = np.linspace(1e-3, 2 / L, 20_001)
    worst = np.maximum(np.abs(1 - rates * mu), np.abs(1 - rates * L))
    best = 2 / (L + mu)
    assert rates[worst.argmin()] == pytest.approx(best, abs=2 / L / 20_000)
    assert worst.min() >= (L - mu) / (L + mu) - 1e-12
    assert max(abs(1 - best * mu), abs(1 - best * L)) == pytest.approx((L - mu) / (L + mu))
    # and it beats the "safe" 1/L, whose worst direction shrinks by only 1 - mu/L
    assert (L - mu) / (L + mu) < 1 - mu / L


def test_the_error_of_a_quadratic_shrinks_by_the_predicted_factor_per_step():
    """Measured: after many steps the error ratio is max |1 - a lambda| (the page's table column)."""
    eigs = np.array([0.03, 0.2, 1.0])
    A, c = np.diag(eigs), np.ones(3)
    f, g = quadratic(A, c)
    for rate in (1.0, 1.9, 2 / (1.0 + 0.03)):
        run = gradient_descent(f, g, np.zeros(3), lr=rate, n_iter=200, tol=0.0)
        err = np.linalg.norm(run.path - c, axis=1)
        assert err[-1] / err[-2] == pytest.approx(np.abs(1 - rate * eigs).max(), rel=1e-6)


def test_above_two_over_L_a_non_quadratic_can_cycle_instead_of_diverging():
    """The docstring's note: log cosh (L = 1) at lr = 2.5 settles into a bounded 2-cycle."""
    res = gradient_descent(lambda x: float(np.log(np.cosh(x[0]))), np.tanh, [1.0], lr=2.5,
                           n_iter=200, tol=0.0)
    tail = res.path[-6:, 0]  # the iterates approach the cycle geometrically
    np.testing.assert_allclose(tail[::2], tail[0], atol=1e-8)   # period two...
    np.testing.assert_allclose(tail[1::2], -tail[0], atol=1e-8)  # ...symmetric about 0
    assert 0.5 < abs(tail[0]) < 1.0                              # bounded, not at the minimum
    # the cycle point solves x = -(x - 2.5 tanh x), i.e. 2x = 2.5 tanh x
    assert 2 * abs(tail[0]) == pytest.approx(2.5 * np.tanh(abs(tail[0])), abs=1e-7)
