"""Tests of mlcheatsheet.optimization.initializers: promised variances, bounds, orthogonality, sparsity, signal flow.

The statistical checks use fixed seeds, so they are deterministic; each tolerance is
six standard errors of the estimate, computed from the distribution (the kurtosis of a
normal is 3, of a uniform 9/5), so a correct initializer passes with any seed but for
a one-in-a-billion draw, while a wrong scale (a factor 2 in the variance) fails by far.
"""

import numpy as np
import pytest

from mlcheatsheet.optimization import initializers as init
from mlcheatsheet.optimization.initializers import INITIALIZERS

SHAPES = [(400, 250), (250, 400), (3, 3, 64, 96)]

# name -> (keyword arguments, promised variance as a function of (fan_in, fan_out), kurtosis)
PROMISES = {
    "normal": ({"std": 0.2}, lambda fi, fo: 0.04, 3.0),
    "uniform": ({"low": -0.3, "high": 0.3}, lambda fi, fo: 0.6**2 / 12, 1.8),
    "xavier_normal": ({}, lambda fi, fo: 2 / (fi + fo), 3.0),
    "xavier_uniform": ({}, lambda fi, fo: 2 / (fi + fo), 1.8),
    "he_normal": ({}, lambda fi, fo: 2 / fi, 3.0),
    "he_uniform": ({}, lambda fi, fo: 2 / fi, 1.8),
}
BOUNDS = {  # uniform initializers: the promised interval, as a function of (fan_in, fan_out)
    "uniform": lambda fi, fo: 0.3,
    "xavier_uniform": lambda fi, fo: np.sqrt(6 / (fi + fo)),
    "he_uniform": lambda fi, fo: np.sqrt(6 / fi),
}
SPECIAL = {"constant", "orthogonal", "sparse"}  # tested on their own below


def test_every_initializer_is_registered_and_covered():
    public = {n for n in init.__all__ if n not in {"INITIALIZERS", "fans"}}
    assert public == set(INITIALIZERS)
    for name, f in INITIALIZERS.items():
        assert f is getattr(init, name)
    assert set(PROMISES) | SPECIAL == set(INITIALIZERS) and not set(PROMISES) & SPECIAL
    assert set(BOUNDS) < set(PROMISES)


def test_fans_by_hand():
    assert init.fans((784, 128)) == (784, 128)
    assert init.fans((10,)) == (10, 10)
    assert init.fans((5, 5, 3, 16)) == (75, 400)  # 5x5 receptive field, 3 in, 16 out
    assert init.fans(7) == (7, 7)


@pytest.mark.parametrize("name", sorted(PROMISES))
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_empirical_variance_matches_the_promise(name, shape):
    kwargs, variance, kurtosis = PROMISES[name]
    W = INITIALIZERS[name](shape, rng=12345, **kwargs)
    assert W.shape == shape and W.dtype == np.float64
    n, expected = W.size, variance(*init.fans(shape))
    # standard error of the sample variance: var * sqrt((kurtosis - 1) / n)
    assert abs(W.var() - expected) < 6 * expected * np.sqrt((kurtosis - 1) / n)
    assert abs(W.mean()) < 6 * np.sqrt(expected / n)


@pytest.mark.parametrize("name", sorted(BOUNDS))
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_uniform_initializers_stay_inside_their_interval(name, shape):
    kwargs = PROMISES[name][0]
    limit = BOUNDS[name](*init.fans(shape))
    W = INITIALIZERS[name](shape, rng=0, **kwargs)
    assert -limit <= W.min() and W.max() < limit
    # and they use all of it: the extremes come within 1% of the ends
    assert W.min() < -0.99 * limit and W.max() > 0.99 * limit


def test_xavier_normal_uses_both_fans_and_he_only_fan_in():
    wide_out = init.xavier_normal((100, 900), rng=0).var()  # 2 / 1000
    assert wide_out == pytest.approx(0.002, rel=0.02)
    assert init.he_normal((100, 900), rng=0).var() == pytest.approx(0.02, rel=0.02)  # 2 / 100


@pytest.mark.parametrize("name", sorted(set(INITIALIZERS) - {"constant"}))
def test_randomness_comes_only_from_rng(name):
    f = INITIALIZERS[name]
    a = f((30, 20), rng=7)
    b = f((30, 20), rng=np.random.default_rng(7))
    c = f((30, 20), rng=8)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    with pytest.raises(TypeError, match="rng must be a numpy Generator or an integer seed"):
        f((30, 20), rng=None)


def test_constant():
    np.testing.assert_array_equal(init.constant((2, 3), 0.5), np.full((2, 3), 0.5))
    assert init.constant((4,)).tolist() == [0.0] * 4
    with pytest.raises(ValueError, match="value must be a finite number"):
        init.constant((2,), np.nan)


# ------------------------------------------------------------------ orthogonal


@pytest.mark.parametrize("shape", [(6, 6), (9, 4), (4, 9), (3, 3, 8, 16)], ids=str)
def test_orthogonal_is_orthogonal(shape):
    W = init.orthogonal(shape, rng=1, gain=2.0)
    assert W.shape == shape
    M = W.reshape(-1, shape[-1]) / 2.0
    rows, cols = M.shape
    gram = M.T @ M if rows >= cols else M @ M.T
    np.testing.assert_allclose(gram, np.eye(min(rows, cols)), atol=1e-13)


def test_orthogonal_preserves_lengths_through_a_deep_linear_stack(rng):
    x = rng.normal(size=(5, 64))
    h = x
    for layer in range(50):
        h = h @ init.orthogonal((64, 64), rng=layer)
    np.testing.assert_allclose(np.linalg.norm(h, axis=1), np.linalg.norm(x, axis=1), rtol=1e-12)


def test_orthogonal_matrices_are_uniformly_distributed():
    # Under the uniform (Haar) distribution every entry has mean 0 and variance 1/n.
    # A raw QR factor fails this: LAPACK's R has a diagonal of one sign, which makes
    # Q[0, 0] negative for every draw.
    n, draws = 3, 4000
    rng = np.random.default_rng(0)
    corners = np.array([init.orthogonal((n, n), rng)[0, 0] for _ in range(draws)])
    assert abs(corners.mean()) < 6 * np.sqrt(1 / n / draws)
    assert corners.var() == pytest.approx(1 / n, rel=0.1)
    raw = np.array([np.linalg.qr(np.random.default_rng(s).normal(size=(n, n)))[0][0, 0]
                    for s in range(200)])
    assert abs(raw.mean()) > 0.3  # the bias the sign correction removes


# ------------------------------------------------------------------ sparse


def test_sparse_has_exactly_n_nonzero_weights_per_unit():
    W = init.sparse((200, 300), rng=0, n_nonzero=15, std=0.5)
    assert np.count_nonzero(W, axis=0).tolist() == [15] * 300
    nonzero = W[W != 0]
    assert abs(nonzero.var() - 0.25) < 6 * 0.25 * np.sqrt(2 / nonzero.size)
    # different units draw different inputs
    assert len({tuple(np.flatnonzero(W[:, j])) for j in range(300)}) == 300


def test_sparse_keeps_the_input_size_independent_of_width(rng):
    # Each unit sums n_nonzero inputs, whatever the layer's width.
    for width in (50, 500):
        X = rng.normal(size=(2000, width))
        Z = X @ init.sparse((width, 40), rng=1, n_nonzero=15)
        assert Z.var() == pytest.approx(15.0, rel=0.1)


# ------------------------------------------------------------------ signal through a deep network


def mean_square_through(initializer, activation, depth=12, width=400, seed=0):
    rng = np.random.default_rng(seed)
    h = rng.normal(size=(500, width))
    first = None
    for _ in range(depth):
        z = h @ initializer((width, width), rng)
        first = np.mean(z**2) if first is None else first
        h = activation(z)
    return np.mean(z**2) / first


def relu(z):
    return np.maximum(z, 0.0)


def test_he_keeps_a_relu_signal_and_a_fixed_scale_loses_it():
    # He: E[z^2] is the same at every layer in expectation. ReLU outputs have a positive
    # mean, so one random direction carries a share of the signal and the ratio after 11
    # layers scatters with a log-standard deviation of 0.30 (measured over 150 seeds):
    # the bounds below are 6 of those either side. A fixed std of 0.01 multiplies
    # E[z^2] by width * 0.01^2 / 2 = 0.02 per layer.
    band = np.exp(6 * 0.30)
    assert 1 / band < mean_square_through(init.he_normal, relu) < band
    assert mean_square_through(lambda s, r: init.normal(s, r, std=0.01), relu) < 1e-15
    # Xavier's 1 / width is half what a ReLU needs: the signal halves at every layer
    xavier = mean_square_through(init.xavier_normal, relu)
    assert 0.5**11 / band < xavier < 0.5**11 * band


def test_xavier_keeps_a_tanh_signal_alive():
    # tanh is contracting, so even Xavier's signal decays, but only slowly: for a small
    # mean square q, E[tanh(z)^2] = q - 2 q^2 + ..., so q falls like 1 / (2 L), about
    # 1 / 22 = 0.045 after 11 layers (0.047 measured, log-std 0.024 over 150 seeds);
    # with a fixed std of 0.01 it falls by a factor of 0.04 per layer.
    ratio = mean_square_through(init.xavier_normal, np.tanh)
    small = mean_square_through(lambda s, r: init.normal(s, r, std=0.01), np.tanh)
    assert 0.03 < ratio < 0.07 and small < 1e-15


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: init.he_normal("3x3", rng=0), TypeError,
     "shape must be an integer or a non-empty tuple of integers; got str '3x3'"),
    (lambda: init.he_normal((3, 0), rng=0), ValueError, r"shape\[1\] must be >= 1; got 0"),
    (lambda: init.he_normal((), rng=0), ValueError, "shape must have at least one axis"),
    (lambda: init.he_normal((2.5, 3), rng=0), TypeError, r"shape\[0\] must be an integer; got float 2.5"),
    (lambda: init.normal((3, 3), rng=0, std=0), ValueError, "std must be a finite number > 0"),
    (lambda: init.uniform((3, 3), rng=0, low=1.0, high=0.0), ValueError, "high must be a finite number > 1"),
    (lambda: init.orthogonal((5,), rng=0), ValueError, "at least two axes"),
    (lambda: init.sparse(5, rng=0), ValueError, r"shape must have at least two axes .*; got \(5,\)"),
    (lambda: init.uniform((3, 3), rng=0, low=-1e308, high=1e308), ValueError,
     "high - low must be finite"),
    (lambda: init.constant((2,), 10**400), ValueError, "value must be a finite number"),
    (lambda: init.sparse((10, 4), rng=0, n_nonzero=11), ValueError,
     r"n_nonzero must be at most the number of inputs \(10\)"),
    (lambda: init.xavier_uniform((3, 3), rng="seed"), TypeError, "rng must be a numpy Generator"),
])
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ------------------------------------------------------------------ huge shapes


def test_fans_use_python_integers_and_do_not_overflow():
    # the receptive field used to be an int64 product: 2**32 * 2**32 wrapped around to 0
    assert init.fans((3, 3, 16, 32)) == (144, 288)
    assert all(type(f) is int for f in init.fans((3, 3, 16, 32)))
    with pytest.raises(ValueError, match=r"shape \(4294967296, 4294967296, 3, 4\) has "
                                         "221360928884514619392 entries, more than can be allocated"):
        init.fans((2**32, 2**32, 3, 4))


@pytest.mark.parametrize("name", sorted(INITIALIZERS))
def test_a_shape_of_2_to_the_40_entries_is_refused_before_allocating(name):
    kwargs = {} if name == "constant" else {"rng": 0}
    with pytest.raises(ValueError, match=r"shape \(1048576, 1048576\) has 1099511627776 entries, "
                                         r"more than can be allocated \(at most 1073741824\)"):
        INITIALIZERS[name]((2**20, 2**20), **kwargs)


# --- the variance formulas of the page ----------------------------------------------------


def test_pre_activation_variance_is_fan_in_times_weight_variance_times_mean_square_input():
    """Var(z) = n_in Var(w) E[x^2] for zero-mean independent weights (x need not be centred)."""
    rng = np.random.default_rng(0)
    n_in, n_out, var_w = 64, 4000, 0.02
    x = rng.uniform(0.0, 2.0, size=n_in)            # E[x^2] = 4/3, not centred
    W = rng.normal(0.0, np.sqrt(var_w), size=(n_in, n_out))
    z = x @ W
    assert z.var() == pytest.approx(n_in * var_w * np.mean(x**2), rel=0.05)


def test_relu_keeps_half_the_second_moment_of_a_symmetric_input():
    """E[relu(z)^2] = Var(z) / 2 for z symmetric about 0: the factor He's initialization doubles."""
    import sympy as sp

    z, s = sp.symbols("z sigma", positive=True)
    density = sp.exp(-z**2 / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))
    assert sp.simplify(sp.integrate(z**2 * density, (z, 0, sp.oo)) - s**2 / 2) == 0
    samples = np.random.default_rng(1).normal(0, 1.7, size=1_000_000)
    assert np.mean(np.maximum(samples, 0) ** 2) == pytest.approx(1.7**2 / 2, rel=0.01)
