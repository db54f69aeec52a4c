"""Tests of mlcheatsheet.neural_networks.vanishing_gradients: gradient norms against finite
differences, dead units against a brute-force count (and their zero gradients), and the
measured claims of the page (sigmoid vanishes, ReLU with He initialization keeps the scale,
too large a scale explodes, too large a learning rate kills ReLUs)."""

import numpy as np
import pytest
from sklearn.datasets import load_digits

from _gradcheck import numerical_gradient
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.neural_networks import vanishing_gradients as vg
from mlcheatsheet.optimization.optimizers import SGD


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    X = X[:256] / 16
    return (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-8), y[:256]


def test_gradient_norms_are_the_norms_of_finite_difference_gradients(rng):
    net = vg.deep_mlp(3, 4, 3, 2, activation="sigmoid", init="xavier_normal", rng=0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=6)
    norms = vg.gradient_norms(net, X, y)
    dense = [layer for layer in net.layers if isinstance(layer, nn.Dense)]
    assert len(norms) == len(dense) == 4
    for norm, layer in zip(norms, dense):
        W = layer.params["W"]

        def loss(v, W=W):
            saved = W.copy()
            W[...] = v
            value = net.loss(X, y)
            W[...] = saved
            return value

        assert norm == pytest.approx(np.linalg.norm(numerical_gradient(loss, W.copy())), rel=1e-6)


def test_gain_scales_every_weight_matrix():
    one = vg.deep_mlp(5, 6, 2, 3, gain=1.0, rng=4)
    two = vg.deep_mlp(5, 6, 2, 3, gain=2.0, rng=4)
    for a, b in zip(one.layers[::2], two.layers[::2]):
        np.testing.assert_allclose(b.params["W"], 2 * a.params["W"], rtol=1e-15)


def test_dead_units_against_a_brute_force_count_and_their_gradients_are_zero(rng):
    net = vg.deep_mlp(4, 6, 2, 3, rng=1)
    net.layers[0].params["b"][[1, 4]] = -50.0        # two units that never fire
    X, y = rng.uniform(size=(30, 4)), rng.integers(0, 3, size=30)
    counts = vg.dead_units(net, X)
    H1 = np.maximum(X @ net.layers[0].params["W"] + net.layers[0].params["b"], 0)
    H2 = np.maximum(H1 @ net.layers[2].params["W"] + net.layers[2].params["b"], 0)
    assert counts.tolist() == [int(np.all(H1 == 0, axis=0).sum()), int(np.all(H2 == 0, axis=0).sum())]
    assert counts[0] >= 2
    net.loss_and_grads(X, y)
    dead = np.all(H1 == 0, axis=0)
    assert np.all(net.grads["0.W"][:, dead] == 0) and np.all(net.grads["0.b"][dead] == 0)
    assert np.all(net.grads["2.W"][dead, :] == 0)    # and nothing flows out of them


def test_sigmoid_gradients_vanish_towards_the_input(digits):
    X, y = digits
    for init in ("normal", "xavier_normal"):
        norms = vg.gradient_norms(vg.deep_mlp(64, 64, 10, 10, "sigmoid", init, rng=0), X, y)
        assert norms[0] < 1e-3 * norms[-1]
        assert np.all(np.diff(np.log(norms)) > 0)     # smaller at every layer going back


def test_relu_with_he_initialization_keeps_the_scale(digits):
    X, y = digits
    norms = vg.gradient_norms(vg.deep_mlp(64, 64, 10, 10, "relu", "he_normal", rng=0), X, y)
    assert 0.1 < norms[0] / norms[-1] < 10 and 0.1 < norms.min() and norms.max() < 10


def test_too_small_weights_vanish_too_large_explode(digits):
    X, y = digits
    he = vg.gradient_norms(vg.deep_mlp(64, 64, 10, 10, "relu", "he_normal", rng=0), X, y)
    small = vg.gradient_norms(vg.deep_mlp(64, 64, 10, 10, "relu", "normal", rng=0), X, y)
    large = vg.gradient_norms(vg.deep_mlp(64, 64, 10, 10, "relu", "he_normal", gain=1.5,
                                          rng=0), X, y)
    assert small.max() < 1e-8 * he.min()
    assert large.min() > 10 * he.max()


def test_a_large_learning_rate_kills_relus():
    X, y = load_digits(return_X_y=True)
    X = X / 16
    dead = {}
    for lr in (0.01, 1.0):
        net = vg.deep_mlp(64, 32, 4, 10, rng=0)
        nn.fit(net, X, y, SGD(lr=lr), n_epochs=3, batch_size=32, rng=0)
        dead[lr] = vg.dead_units(net, X).sum()
    assert dead[0.01] <= 8 and dead[1.0] > 0.5 * 4 * 32


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="X must have 4 features"):
        vg.dead_units(vg.deep_mlp(4, 3, 1, 2, rng=0), np.zeros((2, 5)))
    with pytest.raises(ValueError, match="activation"):
        vg.deep_mlp(4, 3, 1, 2, activation="softmax")
