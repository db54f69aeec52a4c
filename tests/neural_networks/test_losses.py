"""Tests of mlcheatsheet.neural_networks.losses: registry, gradients, oracles, properties, stability, seed bugs.

``CASES`` builds valid inputs for every loss in ``LOSSES``; the first test makes sure
a new loss cannot be added without a case (and so without the generic tests),
an oracle and a symbolic gradient.
"""

import re
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.special as sc
import scipy.stats as stats
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays
from sklearn.metrics import hinge_loss, log_loss, mean_absolute_error, mean_squared_error

from _bad_values import NOT_REAL_ARRAYS
from _gradcheck import numerical_gradient
from mlcheatsheet.neural_networks import losses as L
from mlcheatsheet.neural_networks.activations import log_softmax, softmax
from mlcheatsheet.neural_networks.losses import LOSSES

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=60, deadline=None, database=None)
REGRESSION = ["mse", "mae", "l2", "huber", "log_cosh"]
MARGIN = ["hinge", "squared_hinge"]
CLASSES = ["categorical_cross_entropy", "negative_log_likelihood", "kl_divergence"]
KWARGS = {"huber": {"delta": 0.7}}  # a non-default value on purpose


# ------------------------------------------------------------------ valid inputs for every loss


def _away(values, points, gap=0.05):
    """Push values at least ``gap`` away from each kink in ``points``."""
    for p in points:
        near = np.abs(values - p) < gap
        values = np.where(near, p + np.where(values >= p, gap, -gap), values)
    return values


def _regression(rng, shape, kinks=(0.0,)):
    y = rng.normal(scale=2.0, size=shape)
    return y, y + _away(rng.normal(scale=1.5, size=shape), kinks)


def _margin(rng, shape):
    y = rng.choice([-1.0, 1.0], size=shape)
    return y, y * _away(rng.uniform(-2.0, 3.0, size=shape), [1.0])


def _classes(rng, shape, one_hot):
    n, k = shape if len(shape) == 2 else (1, shape[0])
    labels = rng.integers(0, k, size=shape[:-1])
    return (np.eye(k)[labels] if one_hot else labels), softmax(rng.normal(size=shape))


CASES = {
    "mse": lambda rng, shape: _regression(rng, shape),
    "mae": lambda rng, shape: _regression(rng, shape),
    "l2": lambda rng, shape: _regression(rng, shape),
    "huber": lambda rng, shape: _regression(rng, shape, kinks=(-0.7, 0.7)),
    "log_cosh": lambda rng, shape: _regression(rng, shape),
    "hinge": _margin,
    "squared_hinge": _margin,
    "binary_cross_entropy": lambda rng, shape: (rng.integers(0, 2, size=shape).astype(float),
                                                rng.uniform(0.05, 0.95, size=shape)),
    "binary_cross_entropy_with_logits": lambda rng, shape: (
        rng.integers(0, 2, size=shape).astype(float), rng.normal(scale=3.0, size=shape)),
    "categorical_cross_entropy": lambda rng, shape: _classes(rng, shape, one_hot=False),
    "negative_log_likelihood": lambda rng, shape: (
        lambda y, p: (y, np.log(p)))(*_classes(rng, shape, one_hot=True)),
    "kl_divergence": lambda rng, shape: (softmax(rng.normal(size=shape)),
                                         softmax(rng.normal(size=shape))),
}
SHAPES = [(6,), (4, 3)]


def call(name, y_true, y_pred, grad=False, **kwargs):
    return LOSSES[name][grad](y_true, y_pred, **KWARGS.get(name, {}), **kwargs)


def n_samples(name, y_pred):
    return y_pred.size // y_pred.shape[-1] if name in CLASSES else y_pred.size


# ------------------------------------------------------------------ oracles and formulas

def _nll_oracle(y, log_p):
    return log_loss(y, np.exp(log_p), labels=range(log_p.shape[-1]))


ORACLES = {  # mean loss from an independent implementation
    "mse": mean_squared_error,
    "mae": mean_absolute_error,
    "l2": lambda y, p: mean_squared_error(y, p) * y.size,
    "huber": lambda y, p: sc.huber(0.7, p - y).mean(),
    "log_cosh": lambda y, p: np.log(np.cosh(p - y)).mean(),
    "hinge": lambda y, p: hinge_loss(y.ravel(), p.ravel()),
    "squared_hinge": lambda y, p: np.mean(np.clip(1 - y * p, 0, None) ** 2),
    "binary_cross_entropy": lambda y, p: log_loss(y.ravel(), p.ravel(), labels=[0, 1]),
    "binary_cross_entropy_with_logits": lambda y, z: log_loss(y.ravel(), sc.expit(z).ravel(),
                                                              labels=[0, 1]),
    "categorical_cross_entropy": lambda y, p: log_loss(np.atleast_1d(y), np.atleast_2d(p),
                                                       labels=range(p.shape[-1])),
    "negative_log_likelihood": lambda y, log_p: _nll_oracle(np.atleast_1d(y.argmax(axis=-1)),
                                                            np.atleast_2d(log_p)),
    "kl_divergence": lambda p, q: np.mean(np.atleast_2d(sc.rel_entr(p, q).sum(axis=-1))),
}

_y, _f, _d = sp.symbols("y yhat delta", real=True)
_r = _f - _y
SYMPY_ELEMENTWISE = {  # loss of one element, as a function of y (label) and yhat (prediction)
    "mse": _r**2,
    "mae": sp.Abs(_r),
    "l2": _r**2,
    "huber": sp.Piecewise((_r**2 / 2, sp.Abs(_r) <= _d), (_d * (sp.Abs(_r) - _d / 2), True)),
    "log_cosh": sp.log(sp.cosh(_r)),
    "hinge": sp.Piecewise((1 - _y * _f, _y * _f < 1), (0, True)),
    "squared_hinge": sp.Piecewise(((1 - _y * _f) ** 2, _y * _f < 1), (0, True)),
    "binary_cross_entropy": -(_y * sp.log(_f) + (1 - _y) * sp.log(1 - _f)),
    # the definition, in terms of sigma(z): the code uses log(1 + e^z) - y z instead
    "binary_cross_entropy_with_logits": -(_y * sp.log(1 / (1 + sp.exp(-_f)))
                                          + (1 - _y) * sp.log(1 - 1 / (1 + sp.exp(-_f)))),
}
_t, _q = sp.symbols("t0:3", real=True), sp.symbols("q0:3", positive=True)
SYMPY_CLASSES = {  # loss of one row of 3 classes: targets t, predictions q
    "categorical_cross_entropy": -sum(t * sp.log(q) for t, q in zip(_t, _q)),
    "negative_log_likelihood": -sum(t * q for t, q in zip(_t, _q)),
    "kl_divergence": sum(t * sp.log(t / q) for t, q in zip(_t, _q)),
}


def test_every_loss_is_registered_and_covered():
    public = {n for n in L.__all__ if callable(getattr(L, n))}
    assert {n for n in public if not n.endswith("_grad")} == set(LOSSES)
    for name, (loss, grad) in LOSSES.items():
        assert loss is getattr(L, name) and grad is getattr(L, f"{name}_grad")
    assert set(CASES) == set(ORACLES) == set(LOSSES)
    assert set(SYMPY_ELEMENTWISE) | set(SYMPY_CLASSES) == set(LOSSES)
    assert set(REGRESSION + MARGIN + CLASSES) < set(LOSSES)


# ------------------------------------------------------------------ gradients


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_gradient_matches_finite_differences(name, shape, reduction, rng):
    y_true, y_pred = CASES[name](rng, shape)
    numeric = numerical_gradient(lambda p: call(name, y_true, p, reduction=reduction), y_pred)
    analytic = call(name, y_true, y_pred, grad=True, reduction=reduction)
    assert analytic.shape == y_pred.shape
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_none_gradient_is_per_sample_derivative(name, rng):
    y_true, y_pred = CASES[name](rng, (4, 3))
    np.testing.assert_array_equal(call(name, y_true, y_pred, grad=True, reduction="none"),
                                  call(name, y_true, y_pred, grad=True, reduction="sum"))


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_reductions_agree(name, rng):
    y_true, y_pred = CASES[name](rng, (4, 3))
    per_sample = call(name, y_true, y_pred, reduction="none")
    assert per_sample.shape == ((4,) if name in CLASSES else (4, 3))
    total = call(name, y_true, y_pred, reduction="sum")
    assert total == pytest.approx(per_sample.sum(), rel=1e-14)
    assert call(name, y_true, y_pred, reduction="mean") == pytest.approx(
        total / n_samples(name, y_pred), rel=1e-14)
    mean_grad = call(name, y_true, y_pred, grad=True, reduction="mean")
    sum_grad = call(name, y_true, y_pred, grad=True, reduction="sum")
    np.testing.assert_allclose(mean_grad * n_samples(name, y_pred), sum_grad, rtol=1e-14)


# ------------------------------------------------------------------ oracles


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_matches_oracle(name, shape, rng):
    y_true, y_pred = CASES[name](rng, shape)
    assert call(name, y_true, y_pred) == pytest.approx(ORACLES[name](y_true, y_pred), rel=1e-12)


def test_integer_and_one_hot_labels_agree(rng):
    labels, p = _classes(rng, (5, 4), one_hot=False)
    one_hot = np.eye(4)[labels]
    for name in ("categorical_cross_entropy", "negative_log_likelihood"):
        pred = p if name.startswith("categorical") else np.log(p)
        for grad in (False, True):
            np.testing.assert_array_equal(call(name, labels, pred, grad=grad),
                                          call(name, one_hot, pred, grad=grad))


def test_cross_entropy_equals_nll_of_log_probabilities_and_kl_plus_entropy(rng):
    labels, p = _classes(rng, (5, 4), one_hot=True)
    assert L.categorical_cross_entropy(labels, p) == pytest.approx(
        L.negative_log_likelihood(labels, np.log(p)), rel=1e-14)
    soft, q = softmax(rng.normal(size=(5, 4))), softmax(rng.normal(size=(5, 4)))
    cross_entropy = -(soft * np.log(q)).sum(axis=-1)
    assert L.kl_divergence(soft, q, reduction="none") == pytest.approx(
        cross_entropy - stats.entropy(soft, axis=-1), rel=1e-12)
    np.testing.assert_allclose(L.kl_divergence(soft, q, reduction="none"),
                               stats.entropy(soft, q, axis=-1), rtol=1e-12)


# Maximum likelihood: the page derives each loss as a negative log-likelihood.


def test_gaussian_likelihood_gives_squared_error(rng):
    y, mu, sigma = rng.normal(size=20), rng.normal(size=20), 0.7
    nll = -stats.norm.logpdf(y, loc=mu, scale=sigma).sum()
    const = 20 / 2 * np.log(2 * np.pi * sigma**2)
    assert nll == pytest.approx(const + L.l2(y, mu) / (2 * sigma**2), rel=1e-13)


def test_laplace_likelihood_gives_absolute_error(rng):
    y, mu, b = rng.normal(size=20), rng.normal(size=20), 0.7
    nll = -stats.laplace.logpdf(y, loc=mu, scale=b).sum()
    assert nll == pytest.approx(20 * np.log(2 * b) + L.mae(y, mu, reduction="sum") / b, rel=1e-13)


def test_bernoulli_likelihood_gives_binary_cross_entropy(rng):
    y, p = rng.integers(0, 2, size=20), rng.uniform(0.01, 0.99, size=20)
    nll = -stats.bernoulli.logpmf(y, p).sum()
    assert nll == pytest.approx(L.binary_cross_entropy(y, p, reduction="sum"), rel=1e-13)


def test_categorical_likelihood_gives_cross_entropy(rng):
    labels, p = _classes(rng, (8, 3), one_hot=True)
    nll = -sum(stats.multinomial.logpmf(t, n=1, p=row) for t, row in zip(labels, p))
    assert nll == pytest.approx(L.categorical_cross_entropy(labels, p, reduction="sum"), rel=1e-12)


# ------------------------------------------------------------------ sympy


@pytest.mark.parametrize("name", sorted(SYMPY_ELEMENTWISE))
def test_elementwise_loss_and_gradient_match_sympy(name, rng):
    y_true, y_pred = CASES[name](rng, (12,))
    expr = SYMPY_ELEMENTWISE[name].subs(_d, sp.Rational(7, 10))
    loss = sp.lambdify((_y, _f), expr, modules="numpy")
    grad = sp.lambdify((_y, _f), sp.diff(expr, _f), modules="numpy")
    np.testing.assert_allclose(call(name, y_true, y_pred, reduction="none"),
                               loss(y_true, y_pred), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(call(name, y_true, y_pred, grad=True, reduction="sum"),
                               grad(y_true, y_pred) * np.ones_like(y_pred), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("name", sorted(SYMPY_CLASSES))
def test_class_loss_and_gradient_match_sympy(name, rng):
    expr = SYMPY_CLASSES[name]
    loss = sp.lambdify(_t + _q, expr, modules="numpy")
    grad = sp.lambdify(_t + _q, [sp.diff(expr, q) for q in _q], modules="numpy")
    for _ in range(4):
        y_true, y_pred = CASES[name](rng, (3,))
        target = np.eye(3)[int(y_true)] if np.ndim(y_true) == 0 else y_true
        assert call(name, y_true, y_pred) == pytest.approx(loss(*target, *y_pred), rel=1e-12)
        np.testing.assert_allclose(call(name, y_true, y_pred, grad=True),
                                   grad(*target, *y_pred), rtol=1e-12, atol=1e-15)


# ------------------------------------------------------------------ properties (hypothesis)

values = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)


@st.composite
def regression_pairs(draw):
    shape = draw(array_shapes(max_dims=2, max_side=5))
    return draw(arrays(np.float64, shape, elements=values)), draw(arrays(np.float64, shape,
                                                                         elements=values))


@pytest.mark.parametrize("name", REGRESSION)
@SETTINGS
@given(pair=regression_pairs())
def test_regression_losses_are_nonnegative_symmetric_and_zero_at_the_target(name, pair):
    y, p = pair
    loss = call(name, y, p, reduction="none")
    assert np.all(loss >= 0) and np.all(np.isfinite(loss))
    assert np.all(call(name, y, y, reduction="none") == 0)
    np.testing.assert_allclose(call(name, y, 2 * y - p, reduction="none"), loss, rtol=1e-9,
                               atol=1e-9)  # depends on |y_pred - y| only


@SETTINGS
@given(pair=regression_pairs())
def test_huber_and_log_cosh_bounds(pair):
    y, p = pair
    r = np.abs(p - y)
    h = L.huber(y, p, delta=0.7, reduction="none")
    assert np.all(h <= 0.5 * r**2 + 1e-9) and np.all(h <= 0.7 * r + 1e-9)
    lc = L.log_cosh(y, p, reduction="none")
    assert np.all(lc <= 0.5 * r**2 * (1 + 1e-12) + 1e-300)
    assert np.all(lc >= r - np.log(2) - 1e-9 * (1 + r))


@st.composite
def margin_pairs(draw):
    shape = draw(array_shapes(max_dims=2, max_side=5))
    labels = draw(arrays(np.float64, shape, elements=st.sampled_from([-1.0, 1.0])))
    return labels, draw(arrays(np.float64, shape, elements=values))


@pytest.mark.parametrize("name", MARGIN)
@SETTINGS
@given(pair=margin_pairs())
def test_margin_losses(name, pair):
    y, score = pair
    loss = call(name, y, score, reduction="none")
    assert np.all(loss >= 0) and np.all(np.isfinite(loss))
    assert np.all(loss[y * score >= 1] == 0)  # beyond the margin: no loss
    assert np.all(loss[y * score <= 0] >= 1)  # a mistake costs at least 1: bounds the 0-1 loss
    assert call(name, y, 3 * y) == 0.0


@st.composite
def binary_pairs(draw, low=0.0, high=1.0):
    shape = draw(array_shapes(max_dims=2, max_side=5))
    labels = draw(arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0])))
    return labels, draw(arrays(np.float64, shape, elements=st.floats(low, high)))


@SETTINGS
@given(pair=binary_pairs())
def test_binary_cross_entropy_properties(pair):
    y, p = pair
    loss = L.binary_cross_entropy(y, p, reduction="none")
    assert np.all(loss >= 0) and np.all(loss <= 34.54)  # -ln(1e-15) = 34.539: the eps clip
    assert L.binary_cross_entropy(y, y) < 1e-14  # perfect prediction (up to the eps clip)
    # the loss is the negative log of the probability given to the observed label
    p_observed = np.where(y == 1, p, 1 - p)
    np.testing.assert_allclose(np.exp(-loss), np.clip(p_observed, 1e-15, 1), rtol=1e-9,
                               atol=1e-15)


@SETTINGS
@given(pair=binary_pairs(-1e4, 1e4))
def test_binary_cross_entropy_with_logits_properties(pair):
    y, z = pair
    loss = L.binary_cross_entropy_with_logits(y, z, reduction="none")
    assert np.all(loss >= 0) and np.all(np.isfinite(loss))
    assert L.binary_cross_entropy_with_logits(y, np.where(y == 1, 40.0, -40.0)) < 1e-17
    # through probabilities only while 1 - sigmoid(|z|) keeps its digits: beyond, the
    # probability route loses them (the reason this function exists)
    moderate = np.abs(z) < 10
    if moderate.any():
        np.testing.assert_allclose(loss[moderate], L.binary_cross_entropy(
            y[moderate], sc.expit(z[moderate]), reduction="none"), rtol=1e-9, atol=1e-12)


@st.composite
def distributions(draw):
    n, k = draw(st.integers(1, 4)), draw(st.integers(2, 5))
    logits = draw(arrays(np.float64, (2, n, k), elements=st.floats(-30, 30)))
    return softmax(logits[0]), softmax(logits[1])


@SETTINGS
@given(pair=distributions())
def test_class_losses_are_nonnegative_and_zero_when_right(pair):
    p, q = pair
    assert np.all(L.kl_divergence(p, q, reduction="none") >= -1e-12)  # Gibbs' inequality
    assert L.kl_divergence(p, p) == pytest.approx(0, abs=1e-12)
    labels = q.argmax(axis=-1)
    assert np.all(L.categorical_cross_entropy(labels, q, reduction="none") >= 0)
    one_hot = np.eye(q.shape[-1])[labels]
    assert L.categorical_cross_entropy(labels, one_hot) == pytest.approx(0, abs=1e-14)
    assert L.negative_log_likelihood(labels, np.log(np.clip(one_hot, 1e-300, 1))) == 0.0
    nll = L.negative_log_likelihood(labels, log_softmax(np.log(q)), reduction="none")
    assert np.all(nll >= 0)


# ------------------------------------------------------------------ extreme inputs

EXTREME_CASES = {
    "mse": ([0.0, 1e4], [1e4, -1e4]),
    "mae": ([0.0, 1e4], [1e4, -1e4]),
    "l2": ([0.0, 1e4], [1e4, -1e4]),
    "huber": ([0.0, 1e4], [1e4, -1e4]),
    "log_cosh": ([0.0, 1e4], [1e4, -1e4]),
    "hinge": ([1.0, -1.0], [-1e4, -1e4]),
    "squared_hinge": ([1.0, -1.0], [-1e4, 1e4]),
    "binary_cross_entropy": ([1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0]),
    "binary_cross_entropy_with_logits": ([1.0, 0.0, 1.0, 0.0], [-1e4, 1e4, 1e4, -1e4]),
    "categorical_cross_entropy": ([0, 1], [[0.0, 1.0], [1.0, 0.0]]),
    "negative_log_likelihood": ([0, 1], log_softmax([[-1e4, 1e4], [1e4, -1e4]])),
    "kl_divergence": ([[0.5, 0.5], [1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]),
}


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_extreme_inputs_are_finite_and_silent(name):
    assert set(EXTREME_CASES) == set(LOSSES)
    y_true, y_pred = EXTREME_CASES[name]
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        for reduction in ("mean", "sum", "none"):
            loss = call(name, y_true, y_pred, reduction=reduction)
            grad = call(name, y_true, y_pred, grad=True, reduction=reduction)
            assert np.all(np.isfinite(loss)) and np.all(np.isfinite(grad))


def test_extreme_values():
    assert L.binary_cross_entropy_with_logits(0, 1e4) == 1e4  # a confident mistake costs z
    assert L.binary_cross_entropy_with_logits(1, 1e4) == 0.0
    assert L.binary_cross_entropy(1, 0.0) == pytest.approx(-np.log(1e-15))  # clipped, finite
    assert L.log_cosh(0.0, -1e4) == pytest.approx(1e4 - np.log(2), rel=1e-15)
    assert L.log_cosh(0.0, 1e-8) == pytest.approx(5e-17, rel=1e-12)  # r^2/2 - r^4/12 + ...
    assert L.negative_log_likelihood(0, log_softmax([-1e4, 1e4])) == 2e4


TINY = np.finfo(np.float64).tiny  # the smallest eps allowed


@pytest.mark.parametrize("eps", [1e-15, 1e-17, 1e-20, 1e-100, TINY, 0.4])
def test_binary_cross_entropy_is_exact_for_every_eps(eps):
    # Below 1.1e-16, 1 - eps rounds to 1.0: clipping p to [eps, 1 - eps] left p = 1 and
    # log(1 - p) = log 0, so a confident right answer (y = 1, p = 1) gave nan and a
    # confident mistake (y = 0, p = 1) infinity. Closed forms, p~ = clip(p, eps, 1 - eps):
    y, p = [1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0]
    expected_loss = [-np.log(eps), -np.log(eps), -np.log1p(-eps), -np.log1p(-eps)]
    expected_grad = [-1 / eps, 1 / eps, -1 / (1 - eps), 1 / (1 - eps)]  # (1-y)/(1-p~) - y/p~
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        loss = L.binary_cross_entropy(y, p, eps=eps, reduction="none")
        grad = L.binary_cross_entropy_grad(y, p, eps=eps, reduction="none")
    np.testing.assert_allclose(loss, expected_loss, rtol=1e-15, atol=0)
    np.testing.assert_allclose(grad, expected_grad, rtol=1e-15, atol=0)


def test_binary_cross_entropy_keeps_its_digits_near_both_ends():
    # the smaller of p and 1 - p is the one clipped and logged; the other goes through log1p
    p = np.array([1e-10, 1.0 - 2.0**-40, 2.0**-40, 0.5])
    assert L.binary_cross_entropy(np.zeros(4), p, reduction="none").tolist() == pytest.approx(
        (-np.log1p(-p)).tolist(), rel=1e-15)
    assert L.binary_cross_entropy(np.ones(4), p, reduction="none").tolist() == pytest.approx(
        [-np.log(1e-10), 2.0**-40 * (1 + 2.0**-41), -np.log(2.0**-40), np.log(2.0)], rel=1e-15)
    # the gradient: (p - y) / (p (1 - p)) would round p - y to 0 for y = 1, p = 1 - 1e-17
    assert L.binary_cross_entropy_grad(1.0, 1.0, eps=1e-17) == pytest.approx(-1.0, rel=1e-15)


@pytest.mark.parametrize("eps", [1e-20, 1e-300, TINY])
def test_class_losses_and_gradients_are_finite_for_every_eps(eps):
    # categorical cross-entropy and KL clip only below, so 1 - eps never appears; their
    # gradients hold 1 / eps, which is why eps may not be subnormal (1 / 1e-320 = inf).
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        ce = L.categorical_cross_entropy([0], [[0.0, 1.0]], eps=eps)
        ce_grad = L.categorical_cross_entropy_grad([0], [[0.0, 1.0]], eps=eps)
        kl = L.kl_divergence([[1.0, 0.0]], [[0.0, 1.0]], eps=eps)
        kl_grad = L.kl_divergence_grad([[1.0, 0.0]], [[0.0, 1.0]], eps=eps)
    assert ce == pytest.approx(-np.log(eps), rel=1e-15)
    assert kl == pytest.approx(-np.log(eps), rel=1e-15)
    np.testing.assert_allclose(ce_grad, [[-1 / eps, 0.0]], rtol=1e-15)
    np.testing.assert_allclose(kl_grad, [[-1 / eps, 0.0]], rtol=1e-15)


def test_huber_of_a_huge_error_is_linear_and_silent():
    # 0.5 * a**2 was evaluated for every element, also where the linear branch is used:
    # an overflow warning for errors beyond 1.3e154, though the loss is finite.
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        assert L.huber(0.0, 1e200) == 1e200 - 0.5  # delta (|r| - delta / 2), delta = 1
        assert L.huber_grad(0.0, -1e200) == -1.0


NOT_NUMBERS = NOT_REAL_ARRAYS


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("kind", sorted(NOT_NUMBERS))
def test_non_numbers_are_refused_naming_the_argument(name, kind):
    # mse([1+5j], [1]) used to be the question: an imaginary part is never dropped
    bad = NOT_NUMBERS[kind]
    y_true, y_pred = EXTREME_CASES[name]
    for grad in (False, True):
        with pytest.raises((TypeError, ValueError), match="y_pred"):
            call(name, y_true, bad, grad=grad)
        with pytest.raises((TypeError, ValueError), match="y_true"):
            call(name, bad, y_pred, grad=grad)
    with pytest.raises(TypeError, match="y_true must be an array of real numbers; got complex"):
        L.mse([1 + 5j], [1])


# ------------------------------------------------------------------ the seeds' mistakes


def test_cross_entropy_roles_are_not_swapped():
    # 2017: `if yHat == 1: return -log(y) else: return -log(1 - y)` branched on the
    # prediction and took the log of the label: CE(0.9, 1) raised a math domain error
    # and CE(0.9, 0) returned -0.0.
    assert L.binary_cross_entropy(1, 0.9) == pytest.approx(0.1053605156578263)  # -ln 0.9
    assert L.binary_cross_entropy(0, 0.9) == pytest.approx(2.302585092994046)  # -ln 0.1
    assert L.binary_cross_entropy(1, 0.012) == pytest.approx(4.422848629194137)  # -ln 0.012
    with pytest.raises(ValueError, match=r"y_true must contain only the labels 0 and 1; got 0.9 "
                                         r"\(the argument order is \(y_true, y_pred\)"):
        L.binary_cross_entropy(0.9, 1)


def test_hinge_is_elementwise():
    # 2017: `np.max(0, 1 - yHat * y)` passes the array as np.max's *axis*: TypeError.
    # Hand-worked: max(0, 1 - 0.5) = 0.5, max(0, 1 + 0.3) = 1.3, max(0, 1 - 2) = 0.
    y, score = [1.0, -1.0, 1.0], [0.5, 0.3, 2.0]
    assert L.hinge(y, score, reduction="none").tolist() == pytest.approx([0.5, 1.3, 0.0])
    assert L.hinge(y, score) == pytest.approx(0.6)


def test_l1_is_absolute_error_not_squared():
    # 2017: the L1 section showed `def L2(yHat, y): return np.sum((yHat - y)**2)`.
    y, p = [0.0, 0.0, 0.0], [1.0, -3.0, 0.5]
    assert L.mae(y, p, reduction="sum") == 4.5  # |1| + |-3| + |0.5|; squared would be 10.25
    assert L.l2(y, p) == 10.25
    page = (ROOT / "docs" / "neural_networks" / "losses.md").read_text(encoding="utf-8")
    l1 = re.search(r"^#{2,3} L1\b.*?(?=^#{2,3} )", page, re.MULTILINE | re.DOTALL)
    assert l1, "the losses page has an L1 section"
    code = re.findall(r"mlcheatsheet\.neural_networks\.losses\.(\w+)", l1.group(0))
    assert "mae" in code and "l2" not in code and "mse" not in code


def test_mse_gradient_is_two_over_n_times_error():
    # 2017: MSE_prime returned yHat - y, which is not the derivative of MSE = sum(...)/N.
    # Hand-worked: N = 4, errors 1..4, so the gradient is 2/4 * (1, 2, 3, 4).
    y, p = np.zeros(4), np.array([1.0, 2.0, 3.0, 4.0])
    assert L.mse_grad(y, p).tolist() == [0.5, 1.0, 1.5, 2.0]
    numeric = numerical_gradient(lambda v: L.mse(y, v), p)
    np.testing.assert_allclose(L.mse_grad(y, p), numeric, rtol=1e-8)
    assert not np.allclose(numeric, p - y)


def test_shape_mismatch_is_not_broadcast():
    # the (n,) against (n, 1) trap of the 2017 linear-regression code
    with pytest.raises(ValueError, match=r"y_true and y_pred must have the same shape; "
                                         r"got \(3,\) and \(3, 1\)"):
        L.mse([1.0, 2.0, 3.0], [[1.0], [2.0], [3.0]])


# ------------------------------------------------------------------ errors and conventions


@pytest.mark.parametrize("name", sorted(LOSSES))
@pytest.mark.parametrize("reduction", ["avg", None, "MEAN"])
def test_unknown_reduction(name, reduction, rng):
    y_true, y_pred = CASES[name](rng, (3,))
    for grad in (False, True):
        with pytest.raises(ValueError, match="reduction must be one of 'mean', 'sum' or 'none'"):
            call(name, y_true, y_pred, grad=grad, reduction=reduction)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_nan_and_shape_errors_name_the_argument(name, rng):
    y_true, y_pred = CASES[name](rng, (4, 3))
    bad = y_pred.copy()
    bad[0, 0] = np.nan
    for grad in (False, True):
        with pytest.raises(ValueError, match="y_pred must contain only finite numbers"):
            call(name, y_true, bad, grad=grad)
        with pytest.raises(ValueError, match="y_true .*shape"):
            call(name, y_true[:-1], y_pred, grad=grad)
        with pytest.raises(TypeError, match="y_pred must be an array of numbers"):
            call(name, y_true, "0.5", grad=grad)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_inputs_are_never_modified(name, rng):
    y_true, y_pred = CASES[name](rng, (4, 3))
    before = (np.copy(y_true), np.copy(y_pred))
    for grad in (False, True):
        call(name, y_true, y_pred, grad=grad, reduction="none")
    np.testing.assert_array_equal(y_true, before[0])
    np.testing.assert_array_equal(y_pred, before[1])


@pytest.mark.parametrize("name, y_true, y_pred, match", [
    ("binary_cross_entropy", [0.0, 1.0], [0.5, 1.5],
     r"y_pred must contain probabilities in \[0, 1\]; got 1 value\(s\) outside, e.g. 1.5"),
    ("binary_cross_entropy_with_logits", [0.0, 2.0], [0.5, 1.5], "labels 0 and 1; got 2.0"),
    ("hinge", [0.0, 1.0], [0.5, 1.5], r"labels -1 and \+1; got 0.0 \(convert 0/1 labels"),
    ("squared_hinge", [3.0, 1.0], [0.5, 1.5], r"labels -1 and \+1; got 3.0$"),
    ("categorical_cross_entropy", [0, 3], [[0.5, 0.5], [0.5, 0.5]],
     r"integer class labels in 0..1; got 3.0"),
    ("categorical_cross_entropy", [0.5, 1], [[0.5, 0.5], [0.5, 0.5]], "integer class labels"),
    ("categorical_cross_entropy", [[0.5, 0.5]], [[0.5, 0.5]], "must be one-hot"),
    ("categorical_cross_entropy", [0], [[0.5, 0.6]], "y_pred must sum to 1 .* summing to 1.1"),
    ("categorical_cross_entropy", [0, 1], [[0.5, 0.5]], r"integer labels of shape \(1,\)"),
    ("categorical_cross_entropy", 0, 0.5, "y_pred must have a class axis"),
    ("negative_log_likelihood", [0], [[0.5, -2.0]], r"log-probabilities \(<= 0\); got 0.5"),
    ("negative_log_likelihood", [0], [[-1.0, -1.0]], r"exp\(y_pred\) must sum to 1"),
    ("kl_divergence", [[0.5, 0.6]], [[0.5, 0.5]], "y_true must sum to 1"),
    ("kl_divergence", [[-0.5, 1.5]], [[0.5, 0.5]], r"y_true must contain probabilities"),
    ("kl_divergence", 1.0, 1.0, "must have a class axis"),
])
def test_invalid_values(name, y_true, y_pred, match):
    for grad in (False, True):
        with pytest.raises(ValueError, match=match):
            call(name, y_true, y_pred, grad=grad)


@pytest.mark.parametrize("loss", [L.huber, L.huber_grad])
def test_bad_delta(loss):
    with pytest.raises(ValueError, match="delta must be a finite number > 0; got 0"):
        loss([1.0], [2.0], delta=0)


@pytest.mark.parametrize("loss", [L.binary_cross_entropy, L.categorical_cross_entropy_grad,
                                  L.kl_divergence])
def test_bad_eps(loss):
    # eps lies in [smallest normal float, 1/2): [eps, 1 - eps] is not empty, 1 / eps is finite
    for eps in (0.5, -1.0, 1e-320):
        with pytest.raises(ValueError,
                           match=rf"eps must be a number in \[2.22507e-308, 0.5\); got {eps!r}$"):
            loss([1.0, 0.0], [1.0, 0.0], eps=eps)


def test_scalars_and_single_samples():
    assert type(L.mse(1, 3)) is float and L.mse(1, 3) == 4.0
    assert type(L.mse_grad(1, 3)) is float and L.mse_grad(1, 3) == 4.0
    assert type(L.mse(1, 3, reduction="none")) is float
    assert L.categorical_cross_entropy(1, [0.25, 0.75]) == pytest.approx(-np.log(0.75))
    assert type(L.kl_divergence([0.5, 0.5], [0.5, 0.5], reduction="none")) is float


@pytest.mark.parametrize("z", [40.0, 200.0, 700.0])
def test_bce_with_logits_keeps_the_tiny_loss_of_a_confident_right_answer(z):
    # log(1 + e^-z) for y = 1: the form log(1 + e^z) - y z rounded it to 0
    expected = float(np.log1p(np.exp(-z)))
    assert expected > 0
    assert L.binary_cross_entropy_with_logits([1.0], [z]) == pytest.approx(expected, rel=1e-14)
    assert L.binary_cross_entropy_with_logits([0.0], [-z]) == pytest.approx(expected, rel=1e-14)


def test_chaining_the_clipped_cross_entropy_gradient_through_softmax_loses_it():
    """Why the docstring points to the logits form: at z = (0, 40), y = 0 the chain gives ~0.004."""
    from mlcheatsheet.neural_networks import activations as act
    from mlcheatsheet.neural_networks.network import softmax_cross_entropy

    z = np.array([[0.0, 40.0]])
    p = act.softmax(z)
    chained = act.softmax_vjp(z, L.categorical_cross_entropy_grad([0], p))
    _, direct = softmax_cross_entropy(z, [0])
    np.testing.assert_allclose(direct, p - [[1.0, 0.0]], atol=1e-15)   # p - y, exactly
    assert np.abs(direct).max() == pytest.approx(1.0)
    assert np.abs(chained).max() < 0.01                                 # the gradient is gone


_SIG = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
#: The page's "At a glance" table, one sample: (y, prediction, loss, gradient), from the formulas.
_TABLE = {
    "mse": (0.3, 1.1, lambda y, q: (q - y) ** 2, lambda y, q: 2 * (q - y)),
    "mae": (0.3, 1.1, lambda y, q: abs(q - y), lambda y, q: np.sign(q - y)),
    "l2": (0.3, 1.1, lambda y, q: (q - y) ** 2, lambda y, q: 2 * (q - y)),
    "log_cosh": (0.3, 1.1, lambda y, q: np.log(np.cosh(q - y)), lambda y, q: np.tanh(q - y)),
    "hinge": (1.0, 0.4, lambda y, z: max(0, 1 - y * z), lambda y, z: -y if y * z < 1 else 0),
    "squared_hinge": (-1.0, 0.4, lambda y, z: max(0, 1 - y * z) ** 2,
                      lambda y, z: -2 * y * max(0, 1 - y * z)),
    "binary_cross_entropy": (1.0, 0.7, lambda y, p: -y * np.log(p) - (1 - y) * np.log(1 - p),
                             lambda y, p: (p - y) / (p * (1 - p))),
    "binary_cross_entropy_with_logits": (1.0, 0.7, lambda y, z: np.log1p(np.exp(z)) - y * z,
                                         lambda y, z: _SIG(z) - y),
}


@pytest.mark.parametrize("name", sorted(_TABLE))
def test_the_at_a_glance_table_per_sample_and_its_mean_divides_by_N(name):
    loss, grad = LOSSES[name]
    y, q, formula, gradient = _TABLE[name]
    assert loss([y], [q]) == pytest.approx(formula(y, q), rel=1e-12)
    assert grad([y], [q])[0] == pytest.approx(gradient(y, q), rel=1e-12)
    if name != "l2":  # over N copies the mean's gradient is the per-sample one over N
        assert grad([y] * 4, [q] * 4)[0] == pytest.approx(gradient(y, q) / 4, rel=1e-12)
