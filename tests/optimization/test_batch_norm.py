"""Tests of mlcheatsheet.optimization.batch_norm: finite-difference gradients, scikit-learn oracle, running statistics."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.preprocessing import StandardScaler

from _gradcheck import numerical_gradient
from mlcheatsheet.optimization import batch_norm as bn
from mlcheatsheet.optimization.optimizers import Adam

SETTINGS = settings(max_examples=60, deadline=None, database=None)


# ------------------------------------------------------------------ forward


def test_forward_by_hand():
    # (0, 1, 2): mean 1, variance 2/3, so x_hat = (-sqrt(3/2), 0, sqrt(3/2)); then 2 x_hat + 1
    Y, cache = bn.batch_norm_forward([[0.0], [1.0], [2.0]], gamma=[2.0], beta=[1.0], eps=1e-300)
    r = np.sqrt(1.5)
    np.testing.assert_allclose(Y[:, 0], [1 - 2 * r, 1.0, 1 + 2 * r], rtol=1e-15)
    assert cache.mean.tolist() == [1.0] and cache.var.tolist() == pytest.approx([2 / 3])


def test_forward_matches_standard_scaler(rng):
    X = rng.normal(loc=[5.0, -3.0, 0.0], scale=[10.0, 0.1, 1.0], size=(64, 3))
    Y, _ = bn.batch_norm_forward(X, gamma=np.ones(3), beta=np.zeros(3), eps=1e-300)
    np.testing.assert_allclose(Y, StandardScaler().fit_transform(X), rtol=1e-12, atol=1e-13)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), shift=st.floats(-1e3, 1e3), scale=st.floats(1e-2, 1e2))
def test_forward_ignores_the_shift_and_scale_of_each_feature(seed, shift, scale):
    rng = np.random.default_rng(seed)
    X, gamma, beta = rng.normal(size=(16, 4)), rng.normal(size=4), rng.normal(size=4)
    Y, _ = bn.batch_norm_forward(X, gamma, beta, eps=1e-300)
    Y2, _ = bn.batch_norm_forward(scale * X + shift, gamma, beta, eps=1e-300)
    np.testing.assert_allclose(Y2, Y, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(Y.mean(axis=0), beta, atol=1e-12)
    np.testing.assert_allclose(Y.std(axis=0), np.abs(gamma), rtol=1e-12)


# Powers of two, so that c * X is exact and only the normalization is under test.
SCALES = [2.0**-990, 2.0**-530, 2.0**-300, 1.0, 2.0**300, 2.0**505, 2.0**700, 2.0**1015]


@pytest.mark.parametrize("eps", [1e-5, 1e-300, 5e-324])
@pytest.mark.parametrize("c", SCALES, ids=lambda c: f"2**{np.log2(c):.0f}")
def test_forward_keeps_the_scale_near_the_float_limits(c, eps, rng):
    # The variance used to be computed from (x - mean)**2: inf near 1e300 (an overflow and
    # a NaN-free but useless output), subnormal and imprecise near 1e-160. With the
    # scaled computation the output is StandardScaler's on the moderate X, shrunk by eps
    # exactly as the formula says: x_hat = z * sigma c / sqrt((sigma c)^2 + eps).
    X = rng.normal(loc=[5.0, -3.0, 0.0], scale=[10.0, 0.1, 1.0], size=(64, 3))
    sigma_c = X.std(axis=0) * c
    # a variance beyond float64 (sigma_c > 1e154) is inf in the cache, silently
    Y, cache = bn.batch_norm_forward(c * X, np.ones(3), np.zeros(3), eps=eps)
    expected = StandardScaler().fit_transform(X) / np.hypot(1.0, np.sqrt(eps) / sigma_c)
    np.testing.assert_allclose(Y, expected, rtol=1e-12, atol=1e-12 * np.abs(expected).max())
    np.testing.assert_allclose(cache.mean, c * X.mean(axis=0), rtol=1e-12)
    with np.errstate(over="ignore"):
        np.testing.assert_allclose(cache.var, sigma_c**2, rtol=1e-12)


def test_a_variance_beyond_float64_overflows_but_not_the_output(rng):
    X = rng.normal(size=(16, 2))
    Y, cache = bn.batch_norm_forward(2.0**1000 * X, np.ones(2), np.zeros(2))  # and no warning
    np.testing.assert_allclose(Y, StandardScaler().fit_transform(X), rtol=1e-12, atol=1e-14)
    assert np.all(cache.var == np.inf) and np.all(np.isfinite(cache.inv_std))


@pytest.mark.parametrize("c", [2.0**-400, 2.0**400])
def test_backward_scales_like_the_formula(c, rng):
    # d x_hat / dX scales like 1 / c when X scales by c and eps by c^2
    X, G = rng.normal(size=(10, 3)), rng.normal(size=(10, 3))
    gamma, beta = rng.normal(size=3), rng.normal(size=3)
    _, reference = bn.batch_norm_forward(X, gamma, beta, eps=1e-5)
    _, scaled = bn.batch_norm_forward(c * X, gamma, beta, eps=1e-5 * c * c)
    dX, dgamma, dbeta = bn.batch_norm_backward(G, reference)
    dX_c, dgamma_c, dbeta_c = bn.batch_norm_backward(G, scaled)
    np.testing.assert_allclose(dX_c * c, dX, rtol=1e-12, atol=1e-14 * np.abs(dX).max())
    np.testing.assert_allclose(dgamma_c, dgamma, rtol=1e-12)
    np.testing.assert_array_equal(dbeta_c, dbeta)


def test_eps_keeps_a_constant_feature_finite():
    Y, cache = bn.batch_norm_forward(np.full((5, 1), 3.0), [1.0], [0.5])
    np.testing.assert_array_equal(Y, np.full((5, 1), 0.5))
    assert cache.inv_std.tolist() == [1 / np.sqrt(1e-5)]


# ------------------------------------------------------------------ backward


@pytest.mark.parametrize("shape", [(2, 1), (5, 3), (17, 4)])
def test_gradients_match_finite_differences(shape, rng):
    X = rng.normal(loc=2.0, scale=3.0, size=shape)
    gamma, beta = rng.normal(size=shape[1]), rng.normal(size=shape[1])
    G = rng.normal(size=shape)  # dL/dY of the loss L = sum(G * Y)

    def loss(X=X, gamma=gamma, beta=beta):
        return float(np.sum(G * bn.batch_norm_forward(X, gamma, beta)[0]))

    _, cache = bn.batch_norm_forward(X, gamma, beta)
    dX, dgamma, dbeta = bn.batch_norm_backward(G, cache)
    np.testing.assert_allclose(dX, numerical_gradient(lambda v: loss(X=v), X), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(dgamma, numerical_gradient(lambda v: loss(gamma=v), gamma),
                               rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dbeta, numerical_gradient(lambda v: loss(beta=v), beta),
                               rtol=1e-6, atol=1e-8)


def test_backward_by_hand():
    # X = (0, 1, 2), gamma = 1, dY = (1, 0, 0); with r = sqrt(3/2): x_hat = (-r, 0, r),
    # sum(dY) = 1, sum(dY x_hat) = -r, dX = r/3 ((3, 0, 0) - (1, 1, 1) - x_hat (-r))
    #   = r/3 ((2, -1, -1) - (3/2, 0, -3/2)) = r/3 (1/2, -1, 1/2)
    _, cache = bn.batch_norm_forward([[0.0], [1.0], [2.0]], [1.0], [0.0], eps=1e-300)
    dX, dgamma, dbeta = bn.batch_norm_backward([[1.0], [0.0], [0.0]], cache)
    r = np.sqrt(1.5)
    np.testing.assert_allclose(dX[:, 0], [r / 6, -r / 3, r / 6], rtol=1e-14)
    assert dgamma.tolist() == pytest.approx([-r]) and dbeta.tolist() == [1.0]


def test_two_samples_normalize_to_minus_one_and_one_in_the_eps_to_zero_limit():
    # with eps -> 0 no change of X can change the output, and dX is zero (at eps > 0, see below)
    _, cache = bn.batch_norm_forward([[4.0, 0.0], [7.0, -1.0]], [1.0, 1.0], [0.0, 0.0], eps=1e-300)
    dX, _, _ = bn.batch_norm_backward([[0.3, -2.0], [1.1, 0.4]], cache)
    np.testing.assert_allclose(dX, 0.0, atol=1e-15)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_dx_has_no_component_along_the_directions_normalization_removes(seed):
    rng = np.random.default_rng(seed)
    X, G = rng.normal(size=(12, 3)), rng.normal(size=(12, 3))
    _, cache = bn.batch_norm_forward(X, rng.normal(size=3), np.zeros(3), eps=1e-300)
    dX, _, _ = bn.batch_norm_backward(G, cache)
    scale = np.abs(dX).max() * 12
    np.testing.assert_allclose(dX.sum(axis=0), 0.0, atol=1e-13 * scale)              # a shift
    np.testing.assert_allclose((dX * cache.x_hat).sum(axis=0), 0.0, atol=1e-13 * scale)  # a scaling


# ------------------------------------------------------------------ inference and running statistics


def test_inference_by_hand():
    Y = bn.batch_norm_inference([[3.0, 0.0]], [2.0, 1.0], [0.0, 1.0], running_mean=[1.0, 2.0],
                                running_var=[4.0, 1.0], eps=1e-300)
    assert Y.tolist() == [[2.0, -1.0]]  # 2 (3 - 1) / 2 + 0 and 1 (0 - 2) / 1 + 1


def test_running_statistics_estimate_the_population():
    rng = np.random.default_rng(0)
    layer = bn.BatchNorm(2, momentum=0.01)
    for _ in range(3000):
        layer.forward(rng.normal(loc=[3.0, -1.0], scale=[2.0, 0.5], size=(32, 2)))
    # An exponential average with weight m has the variance of a plain average of
    # (2 - m) / m = 199 batches, 6368 samples: standard errors sigma / 80 for the mean
    # and var * sqrt(2 / 6368) = 0.018 var for the variance. Allow 6 of them.
    sigma = np.array([2.0, 0.5])
    assert np.all(np.abs(layer.running_mean - [3.0, -1.0]) < 6 * sigma / 80)
    np.testing.assert_allclose(layer.running_var, sigma**2, rtol=6 * 0.018)


def test_running_variance_is_unbiased_and_follows_the_momentum():
    layer = bn.BatchNorm(1, momentum=1.0)  # keep only the newest batch
    X = np.array([[1.0], [2.0], [6.0]])
    layer.forward(X)
    assert layer.running_mean.tolist() == [3.0]
    assert layer.running_var.tolist() == [7.0]  # ((-2)^2 + (-1)^2 + 3^2) / (3 - 1)
    layer = bn.BatchNorm(1, momentum=0.25)
    layer.forward(X)
    assert layer.running_mean.tolist() == [0.75] and layer.running_var.tolist() == [2.5]
    # (1 - 0.25) * 1 + 0.25 * 7 = 2.5


def test_inference_depends_on_each_sample_alone(rng):
    layer = bn.BatchNorm(3)
    for _ in range(20):
        layer.forward(rng.normal(size=(8, 3)))
    X = rng.normal(size=(10, 3))
    whole = layer.forward(X, training=False)
    one_by_one = np.vstack([layer.forward(X[i:i + 1], training=False) for i in range(10)])
    np.testing.assert_array_equal(whole, one_by_one)
    trained = layer.forward(X)  # training mode: the batch statistics, so a different output
    assert not np.allclose(whole, trained)


def test_the_layer_plugs_into_an_optimizer(rng):
    layer, adam = bn.BatchNorm(3), Adam(lr=0.1)
    X, target = rng.normal(size=(16, 3)), rng.normal(size=(16, 3))
    losses = []
    for _ in range(100):
        Y = layer.forward(X)
        losses.append(float(np.mean((Y - target) ** 2)))
        layer.backward(2 * (Y - target) / Y.size)
        layer.params = adam.step(layer.params, layer.grads)
    assert losses[-1] < 0.9 * losses[0]
    assert set(adam.state) == {"gamma", "beta"}


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: bn.batch_norm_forward([[1.0, 2.0]], [1.0, 1.0], [0.0, 0.0]), ValueError,
     "X must have at least 2 samples"),
    (lambda: bn.batch_norm_forward(np.ones((4, 3)), np.ones(2), np.zeros(3)), ValueError,
     r"gamma must have shape \(3,\), one entry per feature of X; got \(2,\)"),
    (lambda: bn.batch_norm_forward(np.ones(4), np.ones(1), np.zeros(1)), ValueError,
     "X must be 2-dimensional"),
    (lambda: bn.batch_norm_forward(np.ones((4, 1)), [1.0], [0.0], eps=0.0), ValueError,
     "eps must be a finite number > 0"),
    (lambda: bn.batch_norm_backward(np.ones((2, 1)), "cache"), TypeError,
     "cache must be the BatchNormCache"),
    (lambda: bn.batch_norm_backward(np.ones((3, 1)), bn.batch_norm_forward(np.eye(2)[:, :1], [1.0],
                                                                            [0.0])[1]),
     ValueError, r"dY must have the shape of the forward output \(2, 1\)"),
    (lambda: bn.batch_norm_inference(np.ones((1, 2)), np.ones(2), np.zeros(2), np.zeros(2),
                                     -np.ones(2)), ValueError, "running_var must be >= 0"),
    (lambda: bn.BatchNorm(0), ValueError, "n_features must be >= 1"),
    (lambda: bn.BatchNorm(2, momentum=1.5), ValueError, r"momentum must be a number in \[0, 1\]"),
    (lambda: bn.BatchNorm(2).backward(np.ones((2, 2))), RuntimeError,
     r"backward\(\) needs a training-mode forward\(\) first"),
    # flags given as strings used to train: training="no" normalized with batch statistics
    (lambda: bn.BatchNorm(1).forward(np.ones((2, 1)), training="no"), TypeError,
     "training must be True or False; got str 'no'"),
    (lambda: bn.BatchNorm(1).forward(np.ones((2, 1)), training=0), TypeError,
     "training must be True or False"),
    (lambda: bn.BatchNorm(3).forward(np.ones((4, 2))), ValueError,
     r"X must have 3 features \(columns\), as the layer was built with; got shape \(4, 2\)"),
    (lambda: bn.batch_norm_forward(np.ones((2, 1)) * (1 + 1j), [1.0], [0.0]), TypeError,
     "X must be an array of real numbers; got complex numbers"),
    (lambda: bn.BatchNorm(2**62), ValueError, "n_features must be <= 1073741824"),
])
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize("x1, x2", [(4.0, 7.0), (0.0, -1.0), (1.0, 1.002)])
def test_two_samples_normalize_to_plus_minus_d_over_sqrt_d2_plus_eps_not_exactly_one(x1, x2):
    """The batch-norm page's pitfall, at the default eps: outputs +-d/sqrt(d^2+eps), gradient not 0."""
    gamma, eps = 1.5, 1e-5
    d = (x1 - x2) / 2
    Y, cache = bn.batch_norm_forward([[x1], [x2]], [gamma], [0.0])
    np.testing.assert_allclose(Y[:, 0], gamma * np.array([d, -d]) / np.sqrt(d**2 + eps), rtol=1e-12)
    assert np.all(np.abs(Y) < gamma)          # never exactly +-gamma: the old text said +-1
    dX, _, _ = bn.batch_norm_backward([[1.0], [0.0]], cache)
    slope = gamma * eps / (d**2 + eps) ** 1.5
    np.testing.assert_allclose(dX[:, 0], [slope / 2, -slope / 2], rtol=1e-6)
    assert np.all(dX != 0)
