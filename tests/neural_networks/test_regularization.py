"""Tests of mlcheatsheet.neural_networks.regularization: every penalty's gradient by finite
differences, weight decay against L2 (equal for SGD, not for Adam), max-norm, noise, label
smoothing, augmentation against scipy.ndimage.shift, ensembles, and the regularized training
loop against network.fit."""

import numpy as np
import pytest
from scipy import ndimage

from _gradcheck import numerical_gradient
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.neural_networks import regularization as rg
from mlcheatsheet.optimization.optimizers import SGD, Adam, AdamW


@pytest.mark.parametrize("name", sorted(rg.PENALTIES))
def test_penalty_gradients_by_finite_differences(name, rng):
    f, grad = rg.PENALTIES[name]
    W = rng.normal(size=(4, 3))
    W[np.abs(W) < 0.05] = 0.3                       # keep away from |w|'s kink
    numeric = numerical_gradient(lambda v: f(v, 0.7), W)
    np.testing.assert_allclose(grad(W, 0.7), numeric, atol=1e-8)


def test_penalties_against_numpy_norms(rng):
    W = rng.normal(size=(5, 2))
    assert rg.l1_penalty(W, 2.0) == pytest.approx(2.0 * np.linalg.norm(W.ravel(), 1))
    assert rg.l2_penalty(W, 2.0) == pytest.approx(np.linalg.norm(W) ** 2)
    assert rg.elastic_net_penalty(W, 2.0, 1.0) == pytest.approx(rg.l1_penalty(W, 2.0))
    assert rg.elastic_net_penalty(W, 2.0, 0.0) == pytest.approx(rg.l2_penalty(W, 2.0))
    np.testing.assert_allclose(rg.elastic_net_penalty_grad(W, 2.0, 0.0), rg.l2_penalty_grad(W, 2.0))


def test_weight_decay_equals_l2_for_sgd():
    """w - lr (g + lam w) = (1 - lr lam) w - lr g: the same numbers, step after step."""
    A, b, lam, lr = np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([1.0, -1.0]), 0.3, 0.1
    grad = lambda w: A @ w - b  # noqa: E731 - a quadratic loss
    opt, w_l2, w_decay = SGD(lr=lr), np.array([2.0, -1.0]), np.array([2.0, -1.0])
    for _ in range(20):
        w_l2 = opt.step(w_l2, grad(w_l2) + rg.l2_penalty_grad(w_l2[None, :], lam)[0])
        w_decay = (1 - lr * lam) * w_decay - lr * grad(w_decay)
    np.testing.assert_allclose(w_l2, w_decay, rtol=1e-13)


def test_weight_decay_is_not_l2_for_adam():
    """Adam rescales the penalty's gradient with everything else; AdamW decays outside."""
    A, b, lam = np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([1.0, -1.0]), 0.3
    grad = lambda w: A @ w - b  # noqa: E731
    adam, adamw = Adam(lr=0.1), AdamW(lr=0.1, weight_decay=lam)
    w_l2, w_w = np.array([2.0, -1.0]), np.array([2.0, -1.0])
    manual, m_adam = np.array([2.0, -1.0]), Adam(lr=0.1)
    for _ in range(50):
        w_l2 = adam.step(w_l2, grad(w_l2) + lam * w_l2)
        w_w = adamw.step(w_w, grad(w_w))
        manual = m_adam.step(manual, grad(manual)) - 0.1 * lam * manual
    np.testing.assert_allclose(w_w, manual, rtol=1e-12)  # AdamW: Adam's step, then decay
    assert np.linalg.norm(w_l2 - w_w) > 1e-2
    # and the two reach different points: the L2 minimizer (A + lam I)^-1 b is only Adam+L2's
    ridge = np.linalg.solve(A + lam * np.eye(2), b)
    for _ in range(3000):
        w_l2 = adam.step(w_l2, grad(w_l2) + lam * w_l2)
        w_w = adamw.step(w_w, grad(w_w))
    assert np.linalg.norm(w_l2 - ridge) < 0.05 < np.linalg.norm(w_w - ridge)


def test_max_norm_caps_columns_and_keeps_directions(rng):
    W = rng.normal(size=(6, 5)) * np.array([0.1, 1, 3, 0.2, 5])
    capped = rg.max_norm(W, 1.0)
    norms, before = np.linalg.norm(capped, axis=0), np.linalg.norm(W, axis=0)
    assert np.all(norms <= 1.0 + 1e-12)
    small = before <= 1.0
    np.testing.assert_array_equal(capped[:, small], W[:, small])
    cos = np.sum(capped * W, axis=0) / (norms * before)
    np.testing.assert_allclose(cos, 1.0, rtol=1e-12)


def test_gaussian_noise_layer(rng):
    layer = rg.GaussianNoise(0.2, rng=0)
    X = rng.normal(size=(4000, 3))
    noise = layer.forward(X) - X
    assert abs(noise.mean()) < 0.01 and noise.std() == pytest.approx(0.2, rel=0.03)
    np.testing.assert_array_equal(layer.forward(X, training=False), X)
    G = rng.normal(size=X.shape)
    np.testing.assert_array_equal(layer.backward(G), G)
    again = rg.GaussianNoise(0.2, rng=0).forward(X)
    np.testing.assert_array_equal(again - X, noise)


def test_smooth_labels(rng):
    y = rng.integers(0, 5, size=20)
    T = rg.smooth_labels(y, 5, eps=0.1)
    np.testing.assert_allclose(T.sum(axis=1), 1.0)
    assert np.all(T.argmax(axis=1) == y)
    assert np.allclose(T.max(axis=1), 0.9 + 0.1 / 5) and np.allclose(T.min(axis=1), 0.1 / 5)
    np.testing.assert_array_equal(rg.smooth_labels(y, 5, eps=0.0), np.eye(5)[y])


def test_soft_cross_entropy_gradient_and_hard_labels(rng):
    Z, y = rng.normal(size=(6, 4)), rng.integers(0, 4, size=6)
    T = rg.smooth_labels(y, 4, eps=0.2)
    loss, d = rg._soft_cross_entropy(Z, T)
    np.testing.assert_allclose(d, numerical_gradient(lambda z: rg._soft_cross_entropy(z, T)[0], Z),
                               atol=1e-9)
    hard, d_hard = nn.softmax_cross_entropy(Z, y)
    assert rg._soft_cross_entropy(Z, np.eye(4)[y])[0] == pytest.approx(hard, rel=1e-14)


def test_augment_digits_shifts_like_scipy(rng):
    X = rng.uniform(size=(10, 64))
    out = rg.augment_digits(X, rng=np.random.default_rng(5), max_shift=2)
    offsets = np.random.default_rng(5).integers(-2, 3, size=(10, 2))
    for image, moved, (dy, dx) in zip(X.reshape(-1, 8, 8), out.reshape(-1, 8, 8), offsets):
        np.testing.assert_array_equal(moved, ndimage.shift(image, (dy, dx), order=0, cval=0.0))


def test_augment_digits_flip_noise_and_identity(rng):
    X = rng.uniform(size=(200, 64))
    np.testing.assert_array_equal(rg.augment_digits(X, rng=0, max_shift=0), X)
    flipped = rg.augment_digits(X, rng=0, max_shift=0, flip=True).reshape(-1, 8, 8)
    images = X.reshape(-1, 8, 8)
    mirrored = np.all(flipped == images[:, :, ::-1], axis=(1, 2))
    same = np.all(flipped == images, axis=(1, 2))
    assert np.all(mirrored | same) and 60 < mirrored.sum() < 140
    noisy = rg.augment_digits(X, rng=0, max_shift=0, noise=0.1) - X
    assert noisy.std() == pytest.approx(0.1, rel=0.05)
    with pytest.raises(ValueError, match="64 columns"):
        rg.augment_digits(np.zeros((2, 10)), rng=0)


def test_ensemble_is_the_mean_of_the_probabilities(rng):
    nets = [nn.Sequential([nn.Dense(3, 4, rng=s), nn.Activation("tanh"), nn.Dense(4, 2, rng=s + 9)])
            for s in range(3)]
    X = rng.normal(size=(5, 3))
    expected = np.mean([n.predict_proba(X) for n in nets], axis=0)
    np.testing.assert_allclose(rg.ensemble_proba(nets, X), expected, atol=1e-15)
    with pytest.raises(ValueError, match="nets must share"):
        rg.ensemble_proba([nets[0], nn.Sequential([nn.Dense(2, 2, rng=0)])], X)


def blobs(rng, n=40):
    X = np.vstack([rng.normal(-1, 1, size=(n // 2, 2)), rng.normal(1, 1, size=(n // 2, 2))])
    return X, np.repeat([0, 1], n // 2)


def small_net():
    return nn.Sequential([nn.Dense(2, 5, rng=0), nn.Activation("relu"), nn.Dense(5, 2, rng=1)])


def test_without_regularization_it_is_network_fit(rng):
    X, y = blobs(rng)
    a, b = small_net(), small_net()
    ha = nn.fit(a, X, y, Adam(lr=0.01), n_epochs=5, batch_size=8, rng=3)
    hb = rg.fit_regularized(b, X, y, Adam(lr=0.01), n_epochs=5, batch_size=8, rng=3)
    for k in a.params:
        np.testing.assert_allclose(a.params[k], b.params[k], atol=1e-13)
    np.testing.assert_allclose(ha.train_loss, hb.train_loss, atol=1e-13)


def test_l2_penalty_is_network_fits_l2_with_its_per_batch_scaling(rng):
    """fit adds alpha/(2n) ||W||^2 per batch of n; lam = alpha / n gives the same steps."""
    X, y = blobs(rng)
    a, b = small_net(), small_net()
    nn.fit(a, X, y, SGD(lr=0.1), n_epochs=4, batch_size=8, l2=0.8, rng=3)
    rg.fit_regularized(b, X, y, SGD(lr=0.1), n_epochs=4, batch_size=8, rng=3, penalty="l2",
                       lam=0.8 / 8)
    for k in a.params:
        np.testing.assert_allclose(a.params[k], b.params[k], atol=1e-12)


def test_l1_makes_weights_smaller_and_max_norm_holds_after_training(rng):
    X, y = blobs(rng)
    plain, l1, capped = small_net(), small_net(), small_net()
    for net, kw in [(plain, {}), (l1, dict(penalty="l1", lam=0.05)), (capped, dict(c=0.5))]:
        rg.fit_regularized(net, X, y, Adam(lr=0.05), n_epochs=30, batch_size=8, rng=3, **kw)
    assert np.abs(l1.params["0.W"]).sum() < 0.7 * np.abs(plain.params["0.W"]).sum()
    assert np.linalg.norm(capped.params["0.W"], axis=0).max() <= 0.5 + 1e-12


def test_fit_regularized_refuses_a_regression_network(rng):
    X, y = blobs(rng)
    with pytest.raises(ValueError, match="net must be a classifier"):
        rg.fit_regularized(nn.Sequential([nn.Dense(2, 1, rng=0)], loss="mse"), X, y.astype(float),
                           SGD(lr=0.1))
