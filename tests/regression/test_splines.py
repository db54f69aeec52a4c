"""B-splines against scikit-learn's SplineTransformer and SciPy's BSpline, partition of unity,
the truncated-power and B-spline fits spanning one space, natural splines against SciPy's
CubicSpline, and the knot count chosen by cross-validation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.interpolate import BSpline, CubicSpline
from sklearn.preprocessing import SplineTransformer

from mlcheatsheet.regression import polynomial as poly
from mlcheatsheet.regression import splines as sp


@pytest.mark.parametrize("degree", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("n_knots", [2, 3, 6])
def test_bspline_matches_sklearn_spline_transformer(degree, n_knots):
    x = np.random.default_rng(degree).uniform(-2, 5, 60)
    x_new = np.r_[np.linspace(-4, 7, 50), x.min(), x.max()]      # beyond the data too
    t = sp.uniform_knots(x, n_knots, degree)
    transformer = SplineTransformer(n_knots=n_knots, degree=degree, knots="uniform",
                                    extrapolation="continue").fit(x[:, None])
    np.testing.assert_allclose(t, transformer.bsplines_[0].t, atol=1e-12)
    np.testing.assert_allclose(sp.bspline_basis(x_new, t, degree),
                               transformer.transform(x_new[:, None]), atol=1e-12)


@pytest.mark.parametrize("degree", [1, 2, 3, 5])
def test_bspline_matches_scipy_on_clamped_and_repeated_knots(degree):
    # a clamped knot vector (boundary knots repeated) and a doubled interior knot
    t = np.r_[[0.0] * (degree + 1), 0.3, 0.5, 0.5, 0.8, [1.0] * (degree + 1)]
    x = np.linspace(-0.2, 1.2, 71)
    ours = sp.bspline_basis(x, t, degree)
    theirs = BSpline.design_matrix(x, t, degree, extrapolate=True).toarray()
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_bspline_golden_quadratic_on_unit_knots():
    # uniform quadratic B-spline on knots 0,1,2,3 at x = 1.5: 1/8, 6/8, 1/8 of its three pieces
    B = sp.bspline_basis([1.5, 2.5], t=[-1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0], degree=2)
    np.testing.assert_allclose(B, [[0.125, 0.75, 0.125, 0.0], [0.0, 0.125, 0.75, 0.125]])


@settings(max_examples=60, deadline=None)
@given(knots=st.lists(st.floats(-10, 10), min_size=2, max_size=8, unique=True),
       degree=st.integers(0, 4),
       x=st.lists(st.floats(-30, 30), min_size=1, max_size=20))
def test_partition_of_unity_and_nonnegativity(knots, degree, x):
    base = np.sort(knots)
    if np.min(np.diff(base)) < 1e-3:
        return
    t = np.r_[[base[0]] * degree, base, [base[-1]] * degree]       # clamped
    x = np.asarray(x)
    B = sp.bspline_basis(x, t, degree)
    inside = (x >= base[0]) & (x <= base[-1])
    np.testing.assert_allclose(B[inside].sum(axis=1), 1.0, atol=1e-9)
    # beyond the knots the end polynomials continue; their terms grow like (distance /
    # spacing)^degree, so the round-off of their sum does too
    reach = np.maximum(base[0] - x, x - base[-1]).clip(0) / np.min(np.diff(base))
    assert np.all(np.abs(B.sum(axis=1) - 1) <= 64 * np.finfo(float).eps * (1 + reach) ** degree)
    assert np.all(B[inside] >= -1e-12)
    assert np.all(np.count_nonzero(np.abs(B) > 1e-14, axis=1) <= degree + 1)


@pytest.mark.parametrize("degree", [1, 2, 3])
@pytest.mark.parametrize("n_knots", [1, 4, 8])
def test_truncated_power_and_bspline_fits_are_the_same_function(degree, n_knots):
    rng = np.random.default_rng(n_knots)
    x = np.sort(rng.uniform(0, 10, 80))
    y = np.sin(x) + 0.3 * rng.normal(size=80)
    x_new = np.linspace(-1, 11, 40)
    fits = {b: sp.fit_spline(x, y, n_knots, degree, b) for b in ("bspline", "truncated_power")}
    values = [sp.predict_spline(x_new, *fits[b], n_knots, degree, b) for b in fits]
    np.testing.assert_allclose(values[0], values[1], atol=1e-8)
    # same column space: projecting either basis on the other leaves nothing
    T = sp.truncated_power_basis(x, np.linspace(x.min(), x.max(), n_knots + 2)[1:-1], degree)
    B = sp.bspline_basis(x, sp.uniform_knots(x, n_knots + 2, degree), degree)
    assert T.shape == B.shape
    residual = T - B @ np.linalg.lstsq(B, T, rcond=None)[0]
    assert np.abs(residual).max() < 1e-6 * np.abs(T).max()


def test_no_knots_is_a_global_polynomial():
    x, y = poly.sine_data(30, noise=0.2, rng=2)
    fitted = sp.predict_spline(x, *sp.fit_spline(x, y, 0, 3), 0, 3)
    np.testing.assert_allclose(fitted, poly.predict_polynomial(x, poly.fit_polynomial(x, y, 3)),
                               atol=1e-9)


def test_truncated_power_golden():
    T = sp.truncated_power_basis([3.0], knots=[1.0, 2.0], degree=2)
    assert T.tolist() == [[1.0, 3.0, 9.0, 4.0, 1.0]]


def test_natural_spline_interpolant_matches_scipy_natural_cubic_spline():
    rng = np.random.default_rng(5)
    knots = np.sort(rng.uniform(0, 5, 9))
    y = rng.normal(size=9)
    N = sp.natural_cubic_basis(knots, knots)                # square: interpolation
    w = np.linalg.solve(N, y)
    x = np.linspace(knots[0], knots[-1], 101)
    np.testing.assert_allclose(sp.natural_cubic_basis(x, knots) @ w,
                               CubicSpline(knots, y, bc_type="natural")(x), atol=1e-9)


def test_natural_spline_is_linear_beyond_the_boundary_knots():
    knots = np.array([0.0, 1.0, 2.5, 4.0])
    left, right = np.linspace(-5, 0, 7), np.linspace(4, 9, 7)
    for part in (left, right):
        N = sp.natural_cubic_basis(part, knots)
        np.testing.assert_allclose(np.diff(N, n=2, axis=0), 0.0, atol=1e-9)


def test_cv_picks_knots_for_a_kink_and_beats_the_polynomial_there():
    x = np.linspace(-1, 1, 60)
    y = np.abs(x) + 0.01 * np.random.default_rng(0).normal(size=60)
    best, cv_mse = sp.choose_n_knots(x, y, [0, 1, 2, 4], degree=1, n_splits=5, rng=0)
    assert best == 1 and cv_mse[1] < cv_mse[0] / 50


def test_cv_choice_ignores_candidate_order():
    x, y = poly.sine_data(60, noise=0.3, rng=1)
    a = sp.choose_n_knots(x, y, [0, 2, 4, 8], rng=3)
    b = sp.choose_n_knots(x, y, [8, 4, 0, 2], rng=3)
    assert a[0] == b[0]
    np.testing.assert_allclose(a[1], b[1][[2, 3, 1, 0]])


def test_spline_tames_runge_at_the_edges():
    # Runge's function on 21 equally spaced points: the degree-20 interpolant blows up
    # near +-1, the cubic spline with the same 21 parameters does not
    x = np.linspace(-1, 1, 21)
    f = lambda z: 1 / (1 + 25 * z**2)                       # noqa: E731
    grid = np.linspace(-1, 1, 2001)
    edge = np.abs(grid) > 0.8
    p = poly.predict_polynomial(grid, poly.fit_polynomial(x, f(x), 20))
    s = sp.predict_spline(grid, *sp.fit_spline(x, f(x), 17, 3), 17, 3)
    assert np.abs(p - f(grid))[edge].max() > 10
    assert np.abs(s - f(grid))[edge].max() < 0.05


@pytest.mark.parametrize("call, match", [
    (lambda: sp.truncated_power_basis([1.0], [2.0, 1.0]), "knots must be strictly increasing"),
    (lambda: sp.bspline_basis([1.0], [0.0, 1.0, 2.0], 1),
     "t must have at least 2 \\* degree \\+ 2 = 4"),
    (lambda: sp.bspline_basis([1.0], [0.0, 2.0, 1.0, 3.0], 1), "non-decreasing"),
    (lambda: sp.fit_spline([0.0, 1.0, 2.0], [0.0, 1.0, 2.0], 2, 3), "needs 6 distinct"),
    (lambda: sp.predict_spline([0.0], [0.0, 1.0], [1.0], 1, 3), "w must have 5 weights"),
    (lambda: sp.fit_spline([0.0, 1.0], [0.0, 1.0], basis="cubic"), "basis must be one of"),
    (lambda: sp.choose_n_knots(np.arange(10.0), np.arange(10.0), [6], n_splits=5),
     "need 10 training points"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
