"""Tests of mlcheatsheet.optimization.second_order: Newton, conjugate gradients and BFGS against scipy and by hand."""

import numpy as np
import pytest
import scipy.optimize
import scipy.sparse.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcheatsheet.optimization import second_order as so
from mlcheatsheet.optimization.objectives import OBJECTIVES, make_quadratic
from mlcheatsheet.optimization.optimizers import SGD, minimize

SETTINGS = settings(max_examples=60, deadline=None, database=None)


def spd(seed, n, low=1.0, high=100.0):
    """A random symmetric positive definite matrix with eigenvalues in [low, high]."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return Q @ np.diag(rng.uniform(low, high, n)) @ Q.T, rng.normal(size=n)


# ------------------------------------------------------------------ agreement with scipy.optimize

METHODS = {
    # ours, scipy's method and the derivatives it is given
    "newton": (lambda o: so.newton(o.fun, o.grad, o.hess, o.x0, safeguarded=True), "Newton-CG"),
    "nonlinear_cg": (lambda o: so.nonlinear_conjugate_gradient(o.fun, o.grad, o.x0), "CG"),
    "fletcher_reeves": (lambda o: so.nonlinear_conjugate_gradient(
        o.fun, o.grad, o.x0, method="fletcher-reeves", n_iter=5000), "CG"),
    "bfgs": (lambda o: so.bfgs(o.fun, o.grad, o.x0), "BFGS"),
}


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("problem", sorted(OBJECTIVES))
def test_agrees_with_scipy_optimize(method, problem):
    o = OBJECTIVES[problem]
    ours, scipy_method = METHODS[method]
    res = ours(o)
    extra = {"hess": o.hess} if scipy_method == "Newton-CG" else {}
    options = {"xtol": 1e-12} if scipy_method == "Newton-CG" else {"gtol": 1e-9}
    ref = scipy.optimize.minimize(o.fun, o.x0, jac=o.grad, method=scipy_method,
                                  options=options, **extra)
    assert ref.success and res.converged
    np.testing.assert_allclose(res.x, ref.x, atol=1e-6)
    np.testing.assert_allclose(res.x, o.x_min, atol=1e-6)
    assert res.cost == pytest.approx(ref.fun, abs=1e-12)
    assert res.history[-1] == pytest.approx(o.fun(res.x)) and len(res.path) == res.n_iter + 1


def test_pure_newton_agrees_with_scipy_where_it_converges():
    for name in ("rosenbrock", "quadratic"):
        o = OBJECTIVES[name]
        res = so.newton(o.fun, o.grad, o.hess, o.x0)
        ref = scipy.optimize.minimize(o.fun, o.x0, jac=o.grad, hess=o.hess, method="trust-exact")
        np.testing.assert_allclose(res.x, ref.x, atol=1e-7)


# ------------------------------------------------------------------ Newton


def test_newton_solves_a_quadratic_in_one_step():
    # f = 1/2 x'Ax - b'x with A = [[3, 1], [1, 2]], b = (1, 1): x* = A^-1 b = (1/5, 2/5)
    A, b = np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([1.0, 1.0])
    res = so.newton(lambda x: 0.5 * x @ A @ x - b @ x, lambda x: A @ x - b, lambda x: A,
                    [7.0, -3.0])
    assert res.n_iter == 1 and res.converged
    np.testing.assert_allclose(res.x, [0.2, 0.4], rtol=1e-14)


def test_newton_in_one_dimension_is_the_tangent_rule():
    # f(x) = x^4 / 4 - x, f' = x^3 - 1, f'' = 3x^2: from 2, x1 = 2 - 7/12, x2 = x1 - (x1^3 - 1)/(3 x1^2)
    res = so.newton(lambda x: float(x[0] ** 4 / 4 - x[0]), lambda x: x**3 - 1,
                    lambda x: np.array([[3 * x[0] ** 2]]), [2.0], n_iter=2, gtol=0.0)
    x1 = 2 - 7 / 12
    np.testing.assert_allclose(res.path[:, 0], [2.0, x1, x1 - (x1**3 - 1) / (3 * x1**2)],
                               rtol=1e-15)


def test_newton_converges_quadratically():
    o = OBJECTIVES["rosenbrock"]
    res = so.newton(o.fun, o.grad, o.hess, o.x0)
    errors = np.linalg.norm(res.path - o.x_min, axis=1)
    assert res.n_iter <= 8
    # the last steps: e_{k+1} <= C e_k^2 (the number of correct digits doubles)
    assert np.all(errors[-3:] / errors[-4:-1] ** 2 < 1.0)
    assert errors[-1] < 1e-10


def test_pure_newton_stops_at_a_saddle_point_of_beale():
    # From (1, 1.4) the pure method heads for the stationary point (0, 1), where the
    # Hessian has eigenvalues of both signs; the safeguarded method finds the minimum.
    o = OBJECTIVES["beale"]
    pure = so.newton(o.fun, o.grad, o.hess, o.x0)
    assert pure.converged
    np.testing.assert_allclose(pure.x, [0.0, 1.0], atol=1e-8)
    low, high = np.linalg.eigvalsh(o.hess(pure.x))
    assert low < 0 < high
    safe = so.newton(o.fun, o.grad, o.hess, o.x0, safeguarded=True)
    np.testing.assert_allclose(safe.x, o.x_min, atol=1e-8)
    assert np.all(np.diff(safe.history) <= 0)  # every safeguarded step goes downhill
    assert np.any(np.diff(so.newton(*(getattr(OBJECTIVES["rosenbrock"], a) for a in
                                      ("fun", "grad", "hess", "x0"))).history) > 0)


def test_newton_beats_gradient_descent_on_an_ill_conditioned_bowl():
    o = OBJECTIVES["quadratic"]
    gd = minimize(o.fun, o.grad, o.x0, SGD(lr=1 / 50), n_iter=5000, gtol=1e-8)
    assert so.newton(o.fun, o.grad, o.hess, o.x0).n_iter == 1 and gd.n_iter > 500


def test_newton_reports_a_singular_hessian():
    with pytest.raises(ValueError, match="the Hessian is singular at x = \\[0.0, 0.0\\]"):
        so.newton(lambda x: float(x[0] ** 2), lambda x: np.array([2 * x[0], 1.0]),
                  lambda x: np.array([[2.0, 0.0], [0.0, 0.0]]), [0.0, 0.0])


# ------------------------------------------------------------------ linear conjugate gradient


def test_linear_cg_by_hand():
    # A = [[4, 1], [1, 3]], b = (1, 2), x0 = 0: r0 = p0 = (1, 2), A p0 = (6, 7),
    # alpha0 = 5 / 20, x1 = (0.25, 0.5); the second step ends at A^-1 b = (1/11, 7/11).
    res = so.conjugate_gradient([[4.0, 1.0], [1.0, 3.0]], [1.0, 2.0])
    np.testing.assert_allclose(res.path, [[0.0, 0.0], [0.25, 0.5], [1 / 11, 7 / 11]], rtol=1e-14)
    assert res.n_iter == 2 and res.converged


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 8))
def test_linear_cg_matches_numpy_and_scipy_within_n_steps(seed, n):
    A, b = spd(seed, n)
    res = so.conjugate_gradient(A, b)
    # n steps in exact arithmetic; with condition numbers <= 100 rounding (~1e-14)
    # stays far below the 1e-10 tolerance
    assert res.converged and res.n_iter <= n
    np.testing.assert_allclose(res.x, np.linalg.solve(A, b), rtol=1e-8, atol=1e-10)
    ref, info = scipy.sparse.linalg.cg(A, b, rtol=1e-12, atol=0.0)
    assert info == 0
    np.testing.assert_allclose(res.x, ref, rtol=1e-8, atol=1e-10)
    assert np.all(np.diff(res.history) <= 1e-12 * (1 + np.abs(res.history[:-1])))  # f falls


def test_linear_cg_needs_as_many_steps_as_distinct_eigenvalues():
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(12, 12)))
    A = Q @ np.diag([1.0] * 4 + [5.0] * 4 + [20.0] * 4) @ Q.T  # 3 distinct eigenvalues
    res = so.conjugate_gradient(A, rng.normal(size=12))
    assert res.n_iter == 3 and res.converged


def test_linear_cg_steps_are_conjugate():
    A, b = spd(3, 6)
    steps = np.diff(so.conjugate_gradient(A, b).path, axis=0)
    gram = steps @ A @ steps.T
    off = gram - np.diag(np.diag(gram))
    assert np.abs(off).max() < 1e-9 * np.abs(np.diag(gram)).max()


def test_linear_cg_with_b_zero_measures_against_the_first_residual():
    # a tolerance relative to |b| = 0 could never be met; the solution is x = 0
    A, _ = spd(5, 4)
    res = so.conjugate_gradient(A, np.zeros(4), x0=np.ones(4))
    assert res.converged and res.n_iter <= 4
    np.testing.assert_allclose(res.x, 0.0, atol=1e-9)
    assert so.conjugate_gradient(A, np.zeros(4)).n_iter == 0  # x0 = 0 is already the solution


def test_linear_cg_refuses_bad_matrices():
    with pytest.raises(ValueError, match="A must be symmetric"):
        so.conjugate_gradient([[1.0, 2.0], [0.0, 1.0]], [1.0, 1.0])
    with pytest.raises(ValueError, match="A must be positive definite: found a direction p"):
        so.conjugate_gradient([[1.0, 0.0], [0.0, -1.0]], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"b must have shape \(2,\) to match A"):
        so.conjugate_gradient(np.eye(2), [1.0, 2.0, 3.0])


# ------------------------------------------------------------------ BFGS


def test_bfgs_update_by_hand():
    # H = I, s = (1, 0), y = (2, 0): rho = 1/2, V = I - s y'/2 = diag(0, 1),
    # V H V' + s s'/2 = diag(1/2, 1): the curvature 2 seen along x is learned, y is untouched.
    H = so.bfgs_update(np.eye(2), [1.0, 0.0], [2.0, 0.0])
    np.testing.assert_allclose(H, [[0.5, 0.0], [0.0, 1.0]], rtol=1e-15)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 6))
def test_bfgs_update_keeps_the_secant_equation_symmetry_and_positive_definiteness(seed, n):
    H, s = spd(seed, n, 0.5, 2.0)
    B, _ = spd(seed + 1, n, 0.5, 2.0)
    y = B @ s  # the change in gradient along s of a quadratic with Hessian B: y's >= |s|^2 / 2
    H_new = so.bfgs_update(H, s, y)
    np.testing.assert_allclose(H_new @ y, s, rtol=1e-10, atol=1e-12 * np.abs(s).max())
    np.testing.assert_allclose(H_new, H_new.T, rtol=0, atol=1e-13 * np.abs(H_new).max())
    assert np.linalg.eigvalsh(H_new).min() > 0


def test_bfgs_converges_superlinearly():
    o = OBJECTIVES["rosenbrock"]
    res = so.bfgs(o.fun, o.grad, o.x0)
    errors = np.linalg.norm(res.path - o.x_min, axis=1)
    assert errors[-1] / errors[-2] < 0.01  # the ratio of successive errors goes to 0


def test_bfgs_update_refuses_negative_curvature():
    with pytest.raises(ValueError, match="the curvature condition y @ s > 0 fails"):
        so.bfgs_update(np.eye(2), [1.0, 0.0], [-1.0, 0.0])


# ------------------------------------------------------------------ line search


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), c2=st.sampled_from([0.1, 0.9]))
def test_line_search_steps_satisfy_the_strong_wolfe_conditions(seed, c2):
    o, rng = OBJECTIVES["rosenbrock"], np.random.default_rng(seed)
    x = rng.uniform(-2, 2, size=2)
    d = -o.grad(x) * rng.uniform(1e-4, 1.0) + 0.1 * rng.normal(size=2) * np.linalg.norm(o.grad(x))
    if o.grad(x) @ d >= 0:
        d = -o.grad(x)
    alpha = so.line_search(o.fun, o.grad, x, d, c1=1e-4, c2=c2)
    assert alpha is not None and alpha > 0
    slope = o.grad(x) @ d
    assert o.fun(x + alpha * d) <= o.fun(x) + 1e-4 * alpha * slope
    assert abs(o.grad(x + alpha * d) @ d) <= c2 * abs(slope)


def test_line_search_by_hand_and_failure():
    q = make_quadratic(np.diag([2.0]), [0.0])  # f = x^2: from 1 along -1, the minimum is at 1
    assert so.line_search(q.fun, q.grad, [1.0], [-1.0], c2=0.1) == 1.0
    # f = -x is unbounded below: no step satisfies the curvature condition
    assert so.line_search(lambda x: float(-x[0]), lambda x: np.array([-1.0]), [0.0], [1.0]) is None
    with pytest.raises(ValueError, match="direction must be a descent direction"):
        so.line_search(q.fun, q.grad, [1.0], [1.0])
    with pytest.raises(ValueError, match=r"c2 must be a number in \(0.0001, 1\)"):
        so.line_search(q.fun, q.grad, [1.0], [-1.0], c2=1e-5)


@pytest.mark.parametrize("call", [
    lambda: so.newton(None, lambda x: x, lambda x: x, [1.0]),
    lambda: so.bfgs(lambda x: 0.0, "grad", [1.0]),
    lambda: so.nonlinear_conjugate_gradient(3, lambda x: x, [1.0]),
])
def test_callables_are_checked(call):
    with pytest.raises(TypeError, match=r"(fun|grad) must be a function; got (NoneType|str|int)"):
        call()


def test_other_bad_input():
    o = OBJECTIVES["rosenbrock"]
    with pytest.raises(ValueError, match="method must be one of 'polak-ribiere', 'fletcher-reeves'; got str 'hestenes'"):
        so.nonlinear_conjugate_gradient(o.fun, o.grad, o.x0, method="hestenes")
    with pytest.raises(ValueError, match="x0 must be 1-dimensional"):
        so.bfgs(o.fun, o.grad, [[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"grad\(x\) must have the shape of x0"):
        so.bfgs(o.fun, lambda x: np.ones(3), o.x0)
    with pytest.raises(ValueError, match="fun\\(x0\\) must be finite"):
        so.bfgs(lambda x: np.inf, o.grad, o.x0)
    with pytest.raises(ValueError, match=r"hess\(x\) must have shape \(2, 2\)"):
        so.newton(o.fun, o.grad, lambda x: np.eye(3), o.x0)


# ------------------------------------------------------------------ what the user's functions return


def test_a_nan_hessian_is_refused_naming_hess():
    # it used to make newton return NaN without a word
    o = OBJECTIVES["rosenbrock"]
    for safeguarded in (False, True):
        with pytest.raises(ValueError, match="the value returned by hess must contain only finite"):
            so.newton(o.fun, o.grad, lambda x: np.full((2, 2), np.nan), o.x0,
                      safeguarded=safeguarded)


def test_a_nan_objective_is_refused_naming_fun():
    # line_search used to return the step 1.0 for a function that is NaN everywhere
    nan = lambda x: float("nan")  # noqa: E731
    with pytest.raises(ValueError, match=r"fun\(x\) must be finite; got nan"):
        so.line_search(nan, lambda x: 2 * x, [1.0], [-1.0])
    for minimize in (so.bfgs, so.nonlinear_conjugate_gradient):
        with pytest.raises(ValueError, match=r"fun\(x0\) must be finite; got nan"):
            minimize(nan, lambda x: 2 * x, [1.0])


@pytest.mark.parametrize("returned", ["not a number", 1 + 2j, None, [1.0, "2"]])
def test_what_grad_and_fun_return_must_be_numbers(returned):
    # a string used to give "could not convert string to float", naming nothing
    o = OBJECTIVES["beale"]
    with pytest.raises(TypeError, match="the value returned by grad must be"):
        so.bfgs(o.fun, lambda x: returned, o.x0)
    with pytest.raises(TypeError, match="the value returned by fun must be a real number"):
        so.bfgs(lambda x: returned, o.grad, o.x0)


def test_inf_or_nan_at_a_trial_point_means_too_far():
    # f = x^2 on (-2, 2), undefined (NaN) or infinite beyond: from 1 along -4 the full step
    # lands at -3, outside; the search shortens the step to the minimum at 0 instead.
    for outside in (np.inf, np.nan):
        f = lambda x, outside=outside: float(x @ x) if abs(x[0]) < 2 else outside  # noqa: E731
        alpha = so.line_search(f, lambda x: 2 * x, [1.0], [-4.0], c2=0.1)
        assert alpha is not None and abs(1 - 4 * alpha) <= 0.1  # |f'(x + a d)| <= 0.1 |f'(x)|


def test_a_singular_to_rounding_hessian_is_refused_by_pure_newton():
    H = np.diag([1.0, 1e-17])  # cond 1e17: the Newton step would be noise
    with pytest.raises(ValueError, match=r"the Hessian is singular at x = \[1.0, 1.0\].*"
                                         "use safeguarded=True"):
        so.newton(lambda x: 0.5 * x @ H @ x, lambda x: H @ x, lambda x: H, [1.0, 1.0])


def test_flags_must_be_booleans():
    # safeguarded="no" used to run the safeguarded method
    o = OBJECTIVES["beale"]
    for value in ("no", 1, None):
        with pytest.raises(TypeError, match="safeguarded must be True or False"):
            so.newton(o.fun, o.grad, o.hess, o.x0, safeguarded=value)


# ------------------------------------------------------------------ the line search at the edges


@pytest.mark.parametrize("alpha0", [1e-200, 1e-320, 5e-324])
def test_line_search_survives_a_tiny_first_step(alpha0):
    # f = x^2 from 1 along -1: doubling a tiny first step 30 times cannot reach the
    # minimum, and the function does not change in floating point: no step, no error
    # (a bracket narrower than 1e-162 used to divide by its squared width, 0.0).
    assert so.line_search(lambda x: float(x @ x), lambda x: 2 * x, [1.0], [-1.0],
                          alpha0=alpha0) is None
    # a first step of 1e-3 is doubled until it brackets the exact step 1
    alpha = so.line_search(lambda x: float(x @ x), lambda x: 2 * x, [1.0], [-1.0], alpha0=1e-3)
    assert abs(2 * (1 - alpha)) <= 0.9 * 2


@pytest.mark.parametrize("scale", [1e-300, 1e-170, 1e-100, 1.0, 1e100, 1e170, 1e300])
def test_line_search_steps_scale_with_the_direction(scale):
    # Along d * scale the step is alpha / scale, however tiny the bracket: from 1 along
    # -scale the exact step to the minimum of x^2 is 1 / scale, and the interpolation in
    # the zoom finds it exactly from a first trial ten times too long.
    f, g = (lambda x: float(x @ x)), (lambda x: 2 * x)
    alpha = so.line_search(f, g, [1.0], [-scale], alpha0=10 / scale, c2=0.1)
    assert alpha == pytest.approx(1 / scale, rel=1e-12)


def test_bfgs_update_refuses_curvature_lost_in_rounding():
    # y @ s = 1e-17 > 0, but |y| |s| = 1: its sign is rounding noise, and rho = 1e17
    with pytest.raises(ValueError, match="y @ s = 1e-17, which is zero to rounding"):
        so.bfgs_update(np.eye(2), [1.0, 0.0], [1e-17, 1.0])


def test_conjugate_gradient_refuses_an_indefinite_matrix_before_iterating():
    A = np.diag([1.0, 2.0, -1e-3])  # the first steps would not notice the negative eigenvalue
    with pytest.raises(ValueError, match=r"A must be positive definite: .* = -0.001 <= 0"):
        so.conjugate_gradient(A, [1.0, 1.0, 1e-9])


# --- the second-order test: what the Hessian does and does not decide --------------------

import sympy as sp

from mlcheatsheet.optimization.second_order import second_order_test

_x, _y, _z = sp.symbols("x y z", real=True)


def _hessian_at_origin(f, variables):
    H = sp.hessian(f, variables).subs({v: 0 for v in variables})
    return np.array(H.tolist(), dtype=float)


def _values_near_origin(f, variables, radius=1e-2, n=2000, seed=0):
    """f(p) - f(0) at random points p of norm ``radius``."""
    points = np.random.default_rng(seed).normal(size=(n, len(variables)))
    points *= radius / np.linalg.norm(points, axis=1, keepdims=True)
    fn = sp.lambdify(variables, f - f.subs({v: 0 for v in variables}), "numpy")
    return np.asarray(fn(*points.T), dtype=float) * np.ones(n)


@pytest.mark.parametrize("f, variables, verdict, truth", [
    (_x**2 + 3 * _y**2, (_x, _y), "minimum", "minimum"),
    (-_x**2 - _y**2, (_x, _y), "maximum", "maximum"),
    (_x**2 - _y**2, (_x, _y), "saddle", "saddle"),
    # singular AND indefinite: still a saddle (the page's old "says nothing" was wrong)
    (_x**2 - _y**2 + _z**4, (_x, _y, _z), "saddle", "saddle"),
    # positive semidefinite, singular: x**4 is a minimum although the Hessian is not definite,
    # so positive definiteness is sufficient but not necessary
    (_x**4 + _y**2, (_x, _y), "inconclusive", "minimum"),
    # semidefinite saddles: x**2 + y**3 and the monkey saddle (Hessian 0), so "a saddle's
    # Hessian is indefinite" (the glossary's old entry) is false
    (_x**2 + _y**3, (_x, _y), "inconclusive", "saddle"),
    (_x**3 - 3 * _x * _y**2, (_x, _y), "inconclusive", "saddle"),
])
def test_second_order_test_against_the_function_near_the_point(f, variables, verdict, truth):
    assert all(sp.diff(f, v).subs({w: 0 for w in variables}) == 0 for v in variables)
    assert second_order_test(_hessian_at_origin(f, variables)) == verdict
    change = _values_near_origin(f, variables)
    observed = ("minimum" if change.min() > 0 else "maximum" if change.max() < 0
                else "saddle" if change.min() < 0 < change.max() else "?")
    assert observed == truth


@pytest.mark.parametrize("hessian, message", [
    ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], r"hessian must be square; got shape \(2, 3\)"),
    ([[1.0, 2.0], [0.0, 1.0]], "hessian must be symmetric"),
    ([[1.0, np.nan], [np.nan, 1.0]], "hessian"),
])
def test_second_order_test_refuses_a_matrix_that_is_not_a_hessian(hessian, message):
    with pytest.raises(ValueError, match=message):
        second_order_test(hessian)


@pytest.mark.parametrize("entry", [-np.inf, -1e308, np.nan])
def test_the_modified_hessian_shift_falls_back_to_steepest_descent_instead_of_looping(entry):
    from mlcheatsheet.optimization.second_order import _positive_definite

    np.testing.assert_array_equal(_positive_definite(np.array([[1.0, 0.0], [0.0, entry]])),
                                  np.eye(2))
