"""Tests of mlcheatsheet.neural_networks.concepts: the neuron against a hand computation,
the collapse of two linear layers against the network's layers, one-hot against
scikit-learn's OneHotEncoder, and the training vocabulary against the optimizer's own step
counter."""

import math

import numpy as np
import pytest
from sklearn.preprocessing import OneHotEncoder

from mlcheatsheet.neural_networks import concepts as cc
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import SGD


def test_neuron_by_hand():
    x, w, b = [1.0, -2.0, 0.5], [0.3, 0.1, -0.4], 0.2
    z = 0.3 * 1.0 + 0.1 * -2.0 + -0.4 * 0.5 + 0.2
    assert cc.neuron([x], w, b)[0] == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-15)
    assert cc.neuron([x], w, b, activation="relu")[0] == pytest.approx(max(0.0, z), abs=1e-16)


def test_two_linear_layers_are_one(rng):
    d1, d2 = nn.Dense(4, 6, rng=0), nn.Dense(6, 3, rng=1)
    for layer in (d1, d2):
        layer.params["b"] = rng.normal(size=layer.params["b"].shape)
    net = nn.Sequential([d1, d2], loss="mse")
    W, b = cc.collapse_linear(d1.params["W"], d1.params["b"], d2.params["W"], d2.params["b"])
    X = rng.normal(size=(7, 4))
    np.testing.assert_allclose(X @ W + b, net.forward(X), atol=1e-13)
    assert W.shape == (4, 3) and np.linalg.matrix_rank(W) <= 3


def test_with_an_activation_no_single_affine_layer_fits():
    """ReLU between the layers: the least-squares affine fit of the network leaves an error."""
    X = np.linspace(-2, 2, 41)[:, None]
    net = nn.Sequential([nn.Dense(1, 2, rng=0), nn.Activation("relu"), nn.Dense(2, 1, rng=0)],
                        loss="mse")
    net.params = {"0.W": np.array([[1.0, -1.0]]), "0.b": np.zeros(2),
                  "2.W": np.array([[1.0], [1.0]]), "2.b": np.zeros(1)}   # |x|
    y = net.forward(X)
    A = np.column_stack([X, np.ones(len(X))])
    residual = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
    assert np.allclose(y.ravel(), np.abs(X.ravel()))
    assert np.abs(residual).max() > 0.5


def test_one_hot_matches_scikit_learn(rng):
    y = rng.integers(0, 4, size=30)
    y[:4] = [0, 1, 2, 3]   # every class present, as OneHotEncoder infers them
    expected = OneHotEncoder(sparse_output=False).fit_transform(y[:, None])
    np.testing.assert_array_equal(cc.one_hot(y, 4), expected)


def test_one_hot_refuses_labels_out_of_range():
    with pytest.raises(ValueError, match="y must hold class labels 0 .. 2; got 3"):
        cc.one_hot([0, 3], 3)
    with pytest.raises(ValueError, match="y"):
        cc.one_hot([0.5], 3)


@pytest.mark.parametrize("n, batch, epochs", [(1000, 32, 10), (100, 10, 3), (7, 10, 2),
                                              (1437, 32, 40), (5, 1, 1)])
def test_training_schedule_counts_the_optimizers_steps(n, batch, epochs, rng):
    schedule = cc.training_schedule(n, batch, epochs)
    assert schedule.steps_per_epoch == -(-n // batch)
    assert schedule.examples_seen == n * epochs
    assert 1 <= schedule.last_batch_size <= batch
    assert (schedule.steps_per_epoch - 1) * batch + schedule.last_batch_size == n
    if n <= 200:
        X, y = rng.normal(size=(n, 2)), rng.integers(0, 2, size=n)
        opt = SGD(lr=0.01)
        nn.fit(nn.Sequential([nn.Dense(2, 2, rng=0)]), X, y, opt, n_epochs=epochs,
               batch_size=batch, rng=0)
        assert opt.t == schedule.total_steps
