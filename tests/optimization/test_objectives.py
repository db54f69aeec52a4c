"""Tests of mlcheatsheet.optimization.objectives: values, gradients and Hessians against scipy, sympy and finite differences."""

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import rosen, rosen_der, rosen_hess

from _gradcheck import numerical_gradient, numerical_jacobian
from mlcheatsheet.optimization import objectives as obj
from mlcheatsheet.optimization.objectives import OBJECTIVES


def test_registry():
    assert set(OBJECTIVES) == {"rosenbrock", "beale", "quadratic"}
    for o in OBJECTIVES.values():
        assert isinstance(o, obj.Objective)
        assert o.fun(o.x_min) == o.f_min == 0.0
        np.testing.assert_allclose(o.grad(o.x_min), 0.0, atol=1e-15)
        assert np.all(np.linalg.eigvalsh(o.hess(o.x_min)) > 0)  # a strict minimum
        (x_lo, x_hi), (y_lo, y_hi) = o.window
        for point in (o.x0, o.x_min):
            assert x_lo <= point[0] <= x_hi and y_lo <= point[1] <= y_hi


@pytest.mark.parametrize("n", [2, 3, 6])
def test_rosenbrock_matches_scipy(n, rng):
    for x in rng.uniform(-2, 2, size=(5, n)):
        assert obj.rosenbrock(x) == pytest.approx(rosen(x), rel=1e-14)
        np.testing.assert_allclose(obj.rosenbrock_grad(x), rosen_der(x), rtol=1e-13, atol=1e-12)
        np.testing.assert_allclose(obj.rosenbrock_hess(x), rosen_hess(x), rtol=1e-13, atol=1e-12)


def test_beale_matches_sympy(rng):
    x, y = sp.symbols("x y")
    f = (sp.Rational(3, 2) - x + x * y) ** 2 + (sp.Rational(9, 4) - x + x * y**2) ** 2 \
        + (sp.Rational(21, 8) - x + x * y**3) ** 2
    fun = sp.lambdify((x, y), f)
    grad = sp.lambdify((x, y), [sp.diff(f, v) for v in (x, y)])
    hess = sp.lambdify((x, y), sp.hessian(f, (x, y)))
    for point in rng.uniform(-2, 3, size=(6, 2)):
        assert obj.beale(point) == pytest.approx(fun(*point), rel=1e-13)
        np.testing.assert_allclose(obj.beale_grad(point), grad(*point), rtol=1e-12, atol=1e-10)
        np.testing.assert_allclose(obj.beale_hess(point), np.array(hess(*point), dtype=float),
                                   rtol=1e-12, atol=1e-10)


@pytest.mark.parametrize("name", sorted(OBJECTIVES))
def test_derivatives_match_finite_differences(name, rng):
    o = OBJECTIVES[name]
    for point in rng.uniform(-1.5, 1.5, size=(4, 2)):
        np.testing.assert_allclose(o.grad(point), numerical_gradient(o.fun, point),
                                   rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(o.hess(point), numerical_jacobian(o.grad, point),
                                   rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("name", sorted(OBJECTIVES))
def test_functions_evaluate_a_grid_at_once(name):
    o = OBJECTIVES[name]
    X, Y = np.meshgrid(np.linspace(-1, 2, 4), np.linspace(0, 1, 3))
    grid = o.fun(np.stack([X, Y]))
    assert grid.shape == (3, 4)
    assert grid[1, 2] == pytest.approx(o.fun([X[1, 2], Y[1, 2]]), rel=1e-15)


def test_the_quadratic_is_ill_conditioned_and_tilted():
    q = OBJECTIVES["quadratic"]
    A = q.hess(q.x0)
    assert np.linalg.cond(A) == pytest.approx(50.0)
    assert abs(A[0, 1]) > 1  # its axes are not the coordinate axes


def test_make_quadratic_by_hand():
    q = obj.make_quadratic([[2.0, 0.0], [0.0, 8.0]], x_min=[1.0, -1.0])
    assert q.fun([0.0, 0.0]) == 5.0  # (2 * 1 + 8 * 1) / 2
    assert q.grad([0.0, 0.0]).tolist() == [-2.0, 8.0]
    assert q.x0.tolist() == [0.0, -2.0]


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: obj.rosenbrock([1.0]), ValueError, "x must have at least 2 coordinates"),
    (lambda: obj.beale([1.0, 2.0, 3.0]), ValueError, "x must have 2 coordinates"),
    (lambda: obj.beale_hess(np.zeros((2, 3))), ValueError, r"x must be one point, of shape \(n,\)"),
    (lambda: obj.rosenbrock([np.nan, 1.0]), ValueError, "x must contain only finite numbers"),
    (lambda: obj.make_quadratic([[1.0, 2.0], [0.0, 1.0]], [0.0, 0.0]), ValueError, "A must be symmetric"),
    (lambda: obj.make_quadratic([[1.0, 0.0], [0.0, -1.0]], [0.0, 0.0]), ValueError,
     "A must be positive definite"),
    (lambda: obj.make_quadratic(np.eye(3), [0.0, 0.0]), ValueError, r"A must have shape \(2, 2\)"),
    # name and window used to be stored whatever they were
    (lambda: obj.make_quadratic(np.eye(2), [0.0, 0.0], name=3), TypeError, "name must be a string"),
    (lambda: obj.make_quadratic(np.eye(2), [0.0, 0.0], name=" "), ValueError, "name must not be empty"),
    (lambda: obj.make_quadratic(np.eye(2), [0.0, 0.0], window="wide"), TypeError,
     "window must be an array of numbers"),
    (lambda: obj.make_quadratic(np.eye(2), [0.0, 0.0], window=((1, -1), (0, 1))), ValueError,
     "window must be \\(low, high\\) pairs with low < high"),
    (lambda: obj.make_quadratic(np.eye(2), [0.0, 0.0], window=((-1, 1),)), ValueError,
     r"window must have 2 \(low, high\) pair\(s\)"),
    (lambda: obj.make_quadratic(np.eye(2), [0.0, 0.0], x0=[1.0]), ValueError,
     r"x0 must have shape \(2,\) to match x_min"),
])
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_make_quadratic_stores_the_window_as_float_pairs():
    q = obj.make_quadratic(np.eye(2), [0.0, 0.0], window=np.array([[-1, 1], [-2, 2]]))
    assert q.window == ((-1.0, 1.0), (-2.0, 2.0)) and isinstance(q.window[0][0], float)
