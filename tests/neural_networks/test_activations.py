"""Tests of mlcheatsheet.neural_networks.activations: registry, derivatives, oracles, properties, stability.

Every activation in ``ACTIVATIONS`` goes through the generic tests below; the first
test makes sure a new one cannot be added without its oracle, its symbolic
derivative and its property entries.
"""

import warnings

import numpy as np
import pytest
import scipy.special as sc
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from _bad_values import NOT_REAL_ARRAYS
from _gradcheck import numerical_gradient, numerical_jacobian
from mlcheatsheet.neural_networks import activations as act
from mlcheatsheet.neural_networks.activations import ACTIVATIONS, ELEMENTWISE

SETTINGS = settings(max_examples=60, deadline=None, database=None)
VECTOR = sorted(set(ACTIVATIONS) - ELEMENTWISE)
PARAMS = {"leaky_relu": {"alpha": 0.1}, "elu": {"alpha": 1.5}}  # non-default values on purpose
FINITE = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)
EXTREME = np.array([-1e4, -1e3, -745.0, -710.0, -50.0, -1.0, 0.0, 1.0, 50.0, 710.0, 745.0,
                    1e3, 1e4])


def call(name, z, derivative=False):
    return ACTIVATIONS[name][derivative](z, **PARAMS.get(name, {}))


# ------------------------------------------------------------------ oracles and formulas
# Independent references: scipy.special where it has the function, else plain numpy
# formulas that are fine on the moderate inputs they are used on.

ORACLES = {
    "sigmoid": sc.expit,
    "tanh": np.tanh,
    "relu": lambda z: np.where(z > 0, z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.1 * z),
    "elu": lambda z: np.where(z > 0, z, 1.5 * (np.exp(np.minimum(z, 0)) - 1)),
    "softplus": lambda z: -sc.log_expit(-z),
    "gelu": lambda z: z * sc.ndtr(z),
    "silu": lambda z: z * sc.expit(z),
    "softmax": sc.softmax,
    "log_softmax": sc.log_softmax,
}

_z = sp.Symbol("z", real=True)
SYMPY_FORMULAS = {
    "sigmoid": 1 / (1 + sp.exp(-_z)),
    "tanh": (sp.exp(_z) - sp.exp(-_z)) / (sp.exp(_z) + sp.exp(-_z)),
    "relu": sp.Piecewise((_z, _z > 0), (0, True)),
    "leaky_relu": sp.Piecewise((_z, _z > 0), (sp.Rational(1, 10) * _z, True)),
    "elu": sp.Piecewise((_z, _z > 0), (sp.Rational(3, 2) * (sp.exp(_z) - 1), True)),
    "softplus": sp.log(1 + sp.exp(_z)),
    "gelu": _z * (1 + sp.erf(_z / sp.sqrt(2))) / 2,
    "silu": _z / (1 + sp.exp(-_z)),
}

MONOTONIC = {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus"}
RANGES = {  # closed bounds that hold in float64 for every finite input
    "sigmoid": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "relu": (0.0, np.inf),
    "leaky_relu": (-np.inf, np.inf),
    "elu": (-1.5, np.inf),
    "softplus": (0.0, np.inf),
    "gelu": (-0.17, np.inf),   # minimum -0.16997 at z = -0.7518
    "silu": (-0.2785, np.inf),  # minimum -0.27846 at z = -1.2785
}


def test_every_activation_is_registered_and_covered():
    public = {name for name in act.__all__ if callable(getattr(act, name))}
    functions = {n for n in public if not n.endswith(("_grad", "_vjp"))}
    assert functions == set(ACTIVATIONS)
    for name, (f, df) in ACTIVATIONS.items():
        assert f is getattr(act, name) and df is getattr(act, f"{name}_grad")
    assert {n for n in public if n.endswith("_vjp")} == {f"{n}_vjp" for n in VECTOR}
    assert ELEMENTWISE < set(ACTIVATIONS) and VECTOR == ["log_softmax", "softmax"]
    assert set(ORACLES) == set(ACTIVATIONS)
    assert set(SYMPY_FORMULAS) == set(RANGES) == ELEMENTWISE
    assert MONOTONIC < ELEMENTWISE


# ------------------------------------------------------------------ finite differences

GRID = np.linspace(-6.0, 6.0, 49) + 0.0123  # steps over 0 and every kink


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_derivative_matches_finite_differences(name):
    jac = numerical_jacobian(lambda v: call(name, v), GRID)
    np.testing.assert_allclose(call(name, GRID, derivative=True), np.diag(jac), rtol=1e-6,
                               atol=1e-9)
    assert np.count_nonzero(jac - np.diag(np.diag(jac))) == 0  # elementwise: a diagonal Jacobian


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("axis", [-1, 0])
def test_jacobian_matches_finite_differences(name, axis, rng):
    z = rng.normal(scale=3.0, size=(3, 4))
    f, df = ACTIVATIONS[name]
    numeric = numerical_jacobian(lambda v: f(v, axis=axis), z)  # shape (3, 4, 3, 4)
    jac = df(z, axis=axis)
    if axis == 0:  # the softmax axis goes last: jac[column, i, j] = d f[i, column] / d z[j, column]
        expected = np.stack([numeric[:, c, :, c] for c in range(4)])
    else:
        expected = np.stack([numeric[r, :, r, :] for r in range(3)])
    assert jac.shape == expected.shape
    np.testing.assert_allclose(jac, expected, rtol=1e-6, atol=1e-9)
    # entries that couple different softmax vectors are exactly zero
    off = numeric.copy()
    for k in range(3 if axis == -1 else 4):
        if axis == -1:
            off[k, :, k, :] = 0
        else:
            off[:, k, :, k] = 0
    assert np.abs(off).max() < 1e-9


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("axis", [-1, 0])
def test_vjp_is_gradient_of_weighted_output(name, axis, rng):
    z, g = rng.normal(scale=3.0, size=(2, 3, 4)), rng.normal(size=(2, 3, 4))
    f = ACTIVATIONS[name][0]
    vjp = getattr(act, f"{name}_vjp")
    numeric = numerical_gradient(lambda v: np.sum(g * f(v, axis=axis)), z)
    np.testing.assert_allclose(vjp(z, g, axis=axis), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", VECTOR)
def test_vjp_equals_jacobian_transpose_times_vector(name, rng):
    z, g = rng.normal(size=(5, 6)), rng.normal(size=(5, 6))
    jac = ACTIVATIONS[name][1](z)
    expected = np.einsum("nij,ni->nj", jac, g)
    np.testing.assert_allclose(getattr(act, f"{name}_vjp")(z, g), expected, rtol=1e-12, atol=1e-14)


# ------------------------------------------------------------------ oracles

WIDE = np.concatenate([np.linspace(-40, 40, 161), [-700.0, -100.0, 100.0, 700.0]])


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_matches_oracle(name):
    # rtol 1e-12: far in the left tail Phi(z) has condition number ~z^2, so even two
    # correct GELUs differ by ~1e-13 (both checked against 50-digit mpmath)
    np.testing.assert_allclose(call(name, WIDE), ORACLES[name](WIDE), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_vector_activation_matches_scipy(name, axis, rng):
    z = rng.normal(scale=10.0, size=(4, 5))
    np.testing.assert_allclose(ACTIVATIONS[name][0](z, axis=axis), ORACLES[name](z, axis=axis),
                               rtol=1e-13, atol=1e-15)


def test_sigmoid_grad_matches_scipy():
    s = sc.expit(WIDE)
    # expit(z) * expit(-z) is sigma (1 - sigma) without the cancellation of 1 - expit(z)
    np.testing.assert_allclose(act.sigmoid_grad(WIDE), s * sc.expit(-WIDE), rtol=1e-13, atol=1e-300)


# ------------------------------------------------------------------ sympy

SYMPY_GRID = np.linspace(-5.0, 5.0, 41) + 0.0377  # avoids the kink at 0


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_function_and_derivative_match_sympy(name):
    expr = SYMPY_FORMULAS[name]
    f = sp.lambdify(_z, expr, modules=["scipy", "numpy"])
    df = sp.lambdify(_z, sp.diff(expr, _z), modules=["scipy", "numpy"])
    np.testing.assert_allclose(call(name, SYMPY_GRID), f(SYMPY_GRID), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(call(name, SYMPY_GRID, derivative=True), df(SYMPY_GRID),
                               rtol=1e-12, atol=1e-14)


def test_softmax_jacobians_match_sympy(rng):
    z = sp.symbols("z0:3", real=True)
    denom = sum(sp.exp(v) for v in z)
    s = sp.Matrix([sp.exp(v) / denom for v in z])
    log_s = sp.Matrix([v - sp.log(denom) for v in z])
    jac_s = sp.lambdify(z, s.jacobian(z), modules="numpy")
    jac_log = sp.lambdify(z, log_s.jacobian(z), modules="numpy")
    for point in rng.normal(scale=2.0, size=(5, 3)):
        np.testing.assert_allclose(act.softmax_grad(point), jac_s(*point), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(act.log_softmax_grad(point), jac_log(*point), rtol=1e-12,
                                   atol=1e-15)


# ------------------------------------------------------------------ properties (hypothesis)


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@SETTINGS
@given(z=arrays(np.float64, array_shapes(max_dims=2, max_side=6), elements=FINITE))
def test_range_and_shape(name, z):
    low, high = RANGES[name]
    out, grad = call(name, z), call(name, z, derivative=True)
    assert out.shape == grad.shape == z.shape
    assert np.all((out >= low) & (out <= high))
    assert np.all(np.isfinite(grad))


@pytest.mark.parametrize("name", sorted(MONOTONIC))
@SETTINGS
@given(a=FINITE, b=FINITE)
def test_monotonic(name, a, b):
    lo, hi = min(a, b), max(a, b)
    assert call(name, lo) <= call(name, hi)
    assert call(name, lo, derivative=True) >= 0


@SETTINGS
@given(z=FINITE)
def test_sigmoid_and_tanh_identities(z):
    assert act.sigmoid(-z) == pytest.approx(1 - act.sigmoid(z), abs=1e-15)
    assert act.tanh(-z) == -act.tanh(z)
    assert act.tanh(z) == pytest.approx(2 * act.sigmoid(2 * z) - 1, abs=1e-15)
    assert act.softplus(z) - act.softplus(-z) == pytest.approx(z, abs=1e-12, rel=1e-15)
    assert act.silu(z) == pytest.approx(z * act.sigmoid(z), rel=1e-15, abs=1e-300)
    assert 0 <= act.sigmoid_grad(z) <= 0.25 * (1 + 2**-52)  # one ulp of rounding in s(1 - s)
    assert 0 <= act.tanh_grad(z) <= 1 + 2**-52  # one ulp of rounding


vectors = arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=5),
                 elements=st.floats(-1e3, 1e3))


@SETTINGS
@given(z=vectors, shift=st.floats(-1e3, 1e3), axis=st.integers(-1, 0))
def test_softmax_properties(z, shift, axis):
    s = act.softmax(z, axis=axis)
    assert s.shape == z.shape
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(s.sum(axis=axis), 1.0, rtol=1e-12)
    np.testing.assert_allclose(act.softmax(z + shift, axis=axis), s, rtol=1e-9, atol=1e-12)
    log_s = act.log_softmax(z, axis=axis)
    assert np.all(log_s <= 0) and np.all(np.isfinite(log_s))
    np.testing.assert_allclose(np.exp(log_s), s, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(log_s, act.log_softmax(z + shift, axis=axis), atol=1e-9)
    # the largest score gets the largest probability
    top = np.expand_dims(np.argmax(z, axis=axis), axis)
    np.testing.assert_array_equal(np.take_along_axis(s, top, axis=axis).squeeze(axis),
                                  s.max(axis=axis))


@SETTINGS
@given(z=vectors)
def test_softmax_jacobian_rows_sum_to_zero(z):
    jac = act.softmax_grad(z)
    np.testing.assert_allclose(jac.sum(axis=-1), 0.0, atol=1e-12)
    np.testing.assert_allclose(jac, np.swapaxes(jac, -1, -2), atol=1e-15)


# ------------------------------------------------------------------ extreme inputs


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_extreme_inputs_are_finite_and_silent(name):
    z = EXTREME if name in ELEMENTWISE else np.stack([EXTREME, EXTREME[::-1]])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        out, grad = call(name, z), call(name, z, derivative=True)
        if name in VECTOR:
            vjp = getattr(act, f"{name}_vjp")(z, np.ones_like(z))
            assert np.all(np.isfinite(vjp))
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(grad))


def test_extreme_limits():
    lo, hi = -1e4, 1e4
    assert (act.sigmoid(lo), act.sigmoid(hi)) == (0.0, 1.0)
    assert (act.softplus(lo), act.softplus(hi)) == (0.0, hi)
    assert (act.relu(lo), act.gelu(lo), act.silu(lo)) == (0.0, 0.0, 0.0)
    assert (act.gelu(hi), act.silu(hi), act.elu(hi)) == (hi, hi, hi)
    assert act.elu(lo) == -1.0
    np.testing.assert_array_equal(act.softmax([hi, lo, 0.0]), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(act.log_softmax([hi, lo]), [0.0, -2e4])
    assert act.sigmoid_grad(hi) == act.tanh_grad(hi) == act.gelu_grad(lo) == 0.0


def test_gelu_grad_is_silent_far_beyond_1e4():
    # the normal density squared z: exp(-z * z / 2) overflowed in z * z for |z| > 1.3e154
    z = np.array([-1e300, -1e155, 1e155, 1e300])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        assert act.gelu_grad(z).tolist() == [0.0, 0.0, 1.0, 1.0]
        assert act.gelu(z).tolist() == [-0.0, -0.0, 1e155, 1e300]


# ------------------------------------------------------------------ the seeds' mistakes


def test_relu_grad_does_not_mutate_or_return_its_input():
    # a common fix-up of the 2017 scalar relu_prime for arrays was
    # `z[z > 0] = 1; z[z <= 0] = 0; return z`, which overwrites the caller's
    # pre-activations; another returned z itself.
    z = np.array([-2.0, 0.0, 3.0])
    g = act.relu_grad(z)
    assert z.tolist() == [-2.0, 0.0, 3.0]
    assert g.tolist() == [0.0, 0.0, 1.0]
    assert not np.shares_memory(g, z)
    assert act.relu_grad(3.0) == 1.0  # the derivative, not z


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_inputs_are_never_modified(name):
    z = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0]])
    before = z.copy()
    for result in (call(name, z), call(name, z, derivative=True)):
        assert not np.shares_memory(result, z)
    np.testing.assert_array_equal(z, before)


def test_sigmoid_is_silent_where_the_seed_formula_overflows():
    z = np.array([-1000.0, 0.0, 1000.0])
    with pytest.warns(RuntimeWarning, match="overflow"):
        1.0 / (1 + np.exp(-z))  # the 2017 code
    assert act.sigmoid(z).tolist() == [0.0, 0.5, 1.0]  # and no warning (warnings are errors)


def test_tanh_tails_are_minus_one_and_one():
    # "Mathematics for ML" says tanh's gradients vanish "at the tails of 0 and 1".
    assert act.tanh(-20.0) == -1.0 and act.tanh(20.0) == 1.0
    assert act.tanh_grad(20.0) < 1e-16


def test_gelu_and_silu_are_not_monotonic():
    # "Activation functions are monotonic" (Mathematics for ML) is over-general.
    assert act.gelu(-3.0) > act.gelu(-1.0)
    assert act.silu(-4.0) > act.silu(-1.5)
    assert act.gelu_grad(-1.0) < 0 and act.silu_grad(-2.0) < 0


def test_hand_worked_values():
    assert act.sigmoid(0.0) == 0.5 and act.sigmoid_grad(0.0) == 0.25
    assert act.sigmoid(np.log(3.0)) == pytest.approx(0.75)  # 1 / (1 + 1/3)
    assert act.tanh_grad(0.0) == 1.0
    assert act.softplus(0.0) == pytest.approx(np.log(2.0))
    assert act.elu(-np.log(2.0), alpha=2.0) == pytest.approx(-1.0)  # 2 * (1/2 - 1)
    assert act.leaky_relu(-10.0, alpha=0.2) == pytest.approx(-2.0)
    assert act.gelu(1.0) == pytest.approx(0.8413447460685429)  # Phi(1), statistical tables
    assert act.softmax([0.0, np.log(3.0)]).tolist() == pytest.approx([0.25, 0.75])
    assert act.log_softmax([0.0, 0.0]).tolist() == pytest.approx([-np.log(2)] * 2)


# ------------------------------------------------------------------ types and errors


def test_scalars_give_floats_and_lists_give_arrays():
    assert type(act.sigmoid(1)) is float
    assert type(act.relu_grad(-1)) is float
    assert isinstance(act.tanh([1, 2]), np.ndarray)
    assert act.softmax([[1, 2], [3, 4]]).shape == (2, 2)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize("bad, error, match", [
    ("abc", TypeError, "z must be an array of numbers"),
    ([1.0, np.nan], ValueError, "z must contain only finite numbers"),
    ([], ValueError, "z must not be empty"),
])
def test_bad_input_names_the_argument(name, bad, error, match):
    with pytest.raises(error, match=match):
        call(name, bad)
    with pytest.raises(error, match=match):
        call(name, bad, derivative=True)


NOT_NUMBERS = NOT_REAL_ARRAYS


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize("kind", sorted(NOT_NUMBERS))
def test_non_numbers_are_refused_naming_the_argument(name, kind):
    # sigmoid(["1", "2"]) and a complex z are refused, never converted or truncated
    for derivative in (False, True):
        with pytest.raises((TypeError, ValueError), match="^z (must|holds)"):
            call(name, NOT_NUMBERS[kind], derivative=derivative)
    if name in VECTOR:
        with pytest.raises((TypeError, ValueError), match="^upstream (must|holds)"):
            getattr(act, f"{name}_vjp")([1.0], NOT_NUMBERS[kind])


@pytest.mark.parametrize("name", ["sigmoid", "sigmoid_grad", "softmax", "log_softmax"])
def test_unchecked_versions_for_loops_are_the_same_computation(name):
    # library loops (logistic regression) call these without re-validating every step
    z = np.array([[-3.0, 0.0, 2.0], [1e4, -1e4, 0.5]])
    args = (z,) if name.startswith("sigmoid") else (z, 0)
    np.testing.assert_array_equal(getattr(act, f"_{name}")(*args), getattr(act, name)(*args))
    assert getattr(act, f"_{name}") is getattr(act, name).__wrapped__


@pytest.mark.parametrize("f", [act.leaky_relu, act.leaky_relu_grad, act.elu, act.elu_grad])
def test_bad_alpha(f):
    with pytest.raises(ValueError, match="alpha must be a finite number > 0; got -1"):
        f(1.0, alpha=-1)
    with pytest.raises(TypeError, match="alpha must be a real number"):
        f(1.0, alpha="0.1")


@pytest.mark.parametrize("f", [act.softmax, act.log_softmax, act.softmax_grad,
                               act.log_softmax_grad])
def test_softmax_argument_errors(f):
    with pytest.raises(ValueError, match="z must have at least one dimension"):
        f(1.0)
    with pytest.raises(ValueError,
                       match=r"axis must be in \[-2, 1\] for z of shape \(2, 3\); got 2"):
        f(np.ones((2, 3)), axis=2)
    with pytest.raises(TypeError, match="axis must be an integer; got float 0.0"):
        f([1.0, 2.0], axis=0.0)


def test_vjp_checks_upstream_shape():
    with pytest.raises(ValueError,
                       match=r"z and upstream must have the same shape; got \(3,\) and \(2,\)"):
        act.softmax_vjp([1.0, 2.0, 3.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="upstream must contain only finite numbers"):
        act.log_softmax_vjp([1.0, 2.0], [1.0, np.inf])


def test_the_tanh_approximation_of_gelu_is_within_five_ten_thousandths_on_the_page_range():
    z = np.linspace(-5, 5, 200_001)
    approx = 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))
    error = np.abs(approx - act.gelu(z)).max()
    assert 1e-4 < error < 5e-4          # small, but not zero: it is an approximation


@settings(max_examples=200, deadline=None)
@given(st.floats(-700, 700))
def test_softplus_exceeds_relu_by_at_most_log_two_with_equality_at_zero(z):
    gap = act.softplus(z) - max(0.0, z)
    assert -1e-12 <= gap <= np.log(2) + 1e-12
