"""Tests of mlcheatsheet.neural_networks.logic_gates: every gate's truth table against Python's
boolean operators, the margins of the hand-set weights, and XOR's non-separability (a linear
program with no solution, SciPy as the oracle)."""

import numpy as np
import pytest
from scipy.optimize import linprog

from mlcheatsheet.neural_networks import logic_gates as lg
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam

TRUTH = {
    "NOT": lambda a: not a,
    "AND": lambda a, b: a and b,
    "OR": lambda a, b: a or b,
    "NOR": lambda a, b: not (a or b),
    "XNOR": lambda a, b: a == b,
    "XOR": lambda a, b: a != b,
}


def test_every_gate_is_tested():
    assert set(TRUTH) == set(lg.GATES)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_truth_table_matches_boolean_logic_with_a_wide_margin(name):
    X, h = lg.truth_table(name)
    assert len(X) == 2 ** X.shape[1]
    expected = np.array([float(TRUTH[name](*map(bool, row))) for row in X])
    assert np.max(np.abs(h - expected)) < 1e-4   # sigmoid(10) = 1 - 4.5e-5


def test_ng_single_neuron_weights():
    assert lg.GATES["AND"][0].tolist() == [[-30.0, 20.0, 20.0]]
    assert lg.GATES["OR"][0].tolist() == [[-10.0, 20.0, 20.0]]
    assert lg.GATES["NOR"][0].tolist() == [[10.0, -20.0, -20.0]]
    assert lg.GATES["NOT"][0].tolist() == [[10.0, -20.0]]


def test_xnor_hidden_units_are_and_and_nor():
    X, _ = lg.truth_table("XNOR")
    hidden = 1 / (1 + np.exp(-(np.column_stack([np.ones(4), X]) @ lg.GATES["XNOR"][0].T)))
    np.testing.assert_allclose(hidden[:, 0], lg.gate("AND", X), atol=1e-15)
    np.testing.assert_allclose(hidden[:, 1], lg.gate("NOR", X), atol=1e-15)


def separable(X, y):
    """Is there (w, b) with y_i (w.x_i + b) >= 1 for every i? A feasibility LP."""
    s = 2 * y - 1
    A_ub = -s[:, None] * np.column_stack([X, np.ones(len(X))])
    result = linprog(np.zeros(X.shape[1] + 1), A_ub=A_ub, b_ub=-np.ones(len(X)),
                     bounds=[(None, None)] * (X.shape[1] + 1))
    return result.status == 0


@pytest.mark.parametrize("name", ["AND", "OR", "NOR", "XNOR", "XOR"])
def test_only_xor_and_xnor_need_a_hidden_layer(name):
    X, h = lg.truth_table(name)
    assert separable(X, h.round()) == (name not in {"XOR", "XNOR"})
    assert (len(lg.GATES[name]) > 1) == (name in {"XOR", "XNOR"})


def test_a_single_layer_network_cannot_learn_xor_one_hidden_layer_can():
    X, h = lg.truth_table("XOR")
    y = h.round().astype(int)
    linear = nn.Sequential([nn.Dense(2, 2, rng=0)])
    nn.fit(linear, X, y, Adam(lr=0.05), n_epochs=500, batch_size=4, rng=0)
    assert np.mean(linear.predict(X) == y) <= 0.75
    hidden = nn.Sequential([nn.Dense(2, 4, rng=0), nn.Activation("tanh"), nn.Dense(4, 2, rng=1)])
    nn.fit(hidden, X, y, Adam(lr=0.05), n_epochs=500, batch_size=4, rng=0)
    assert np.mean(hidden.predict(X) == y) == 1.0


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="name"):
        lg.truth_table("NAND?")
    with pytest.raises(ValueError, match="X must have 1 column"):
        lg.gate("NOT", np.zeros((2, 2)))
