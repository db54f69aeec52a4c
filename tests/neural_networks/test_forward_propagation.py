"""Tests of mlcheatsheet.neural_networks.forward_propagation: the scalar and matrix networks
against independent computations and the network module's layers, the computed shape table,
Ng's Theta rule, and regression tests for the 2017 cheatsheet's forward-propagation snippets
(CONTENT.md section 2.1, #40-#48)."""

import types

import numpy as np
import pytest

from mlcheatsheet.neural_networks import forward_propagation as fp
from mlcheatsheet.neural_networks import network as nn

# The 2017 cheatsheet's code, as printed (chapter 12), run here to show what it does.
SNIPPET_SCALAR = '''
def relu(z):
    return max(0, z)

def feed_forward(x, Wh, Wo):
    # Hidden layer
    Zh = x * Wh
    H = relu(Zh)

    # Output layer
    Zo = H * Wo
    output = relu(Zo)
    return output
'''

SNIPPET_FINAL = '''
INPUT_LAYER_SIZE = 1
HIDDEN_LAYER_SIZE = 2
OUTPUT_LAYER_SIZE = 2

def init_weights():
    Wh = np.random.randn(INPUT_LAYER_SIZE, HIDDEN_LAYER_SIZE) * \\
        np.sqrt(2.0/INPUT_LAYER_SIZE)
    Wo = np.random.randn(HIDDEN_LAYER_SIZE, OUTPUT_LAYER_SIZE) * \\
        np.sqrt(2.0/HIDDEN_LAYER_SIZE)

def init_bias():
    Bh = np.full((1, HIDDEN_LAYER_SIZE), 0.1)
    Bo = np.full((1, OUTPUT_LAYER_SIZE), 0.1)
    return Bh, Bo

def relu(Z):
    return np.maximum(0, Z)

def relu_prime(Z):
    Z[Z < 0] = 0
    Z[Z > 0] = 1
    return Z

def feed_forward(X):
    # Hidden layer
    Zh = np.dot(X, Wh) + Bh
    H = relu(Zh)

    # Output layer
    Zo = np.dot(H, Wo) + Bo
    yHat = relu(Zo)
    return yHat
'''

# The 2017 cheatsheet's matrix-dimension table (section 12.2.4), for 3 samples of 1 feature.
TABLE_2017 = {"X": (3, 1), "Wh": (1, 2), "Bh": (1, 2), "Zh": (1, 2), "H": (3, 2), "Wo": (2, 2),
              "Bo": (1, 2), "Zo": (3, 2), "O": (3, 2)}


def run_2017(source, seed=None):
    """Run a quoted snippet; with ``seed``, its ``np.random`` is a seeded legacy generator."""
    shim = np
    if seed is not None:
        shim = types.SimpleNamespace(**{k: getattr(np, k) for k in dir(np) if not k.startswith("_")})
        shim.random = np.random.RandomState(seed)
    namespace = {"np": shim}
    exec(source, namespace)  # noqa: S102 - the quoted snippet, nothing else
    return namespace


def params(rng, n_in=3, n_hidden=4, n_out=2):
    Wh, Wo = fp.init_weights(n_in, n_hidden, n_out, rng)
    return Wh, rng.normal(size=(1, n_hidden)), Wo, rng.normal(size=(1, n_out))


# ------------------------------------------------------------------ the networks


def test_scalar_network_by_hand():
    assert fp.feed_forward_scalar(2.0, 1.5, 0.5) == 1.5        # relu(relu(3.0) * 0.5)
    assert fp.feed_forward_scalar(2.0, 1.5, -0.5) == 0.0       # the output is clipped
    assert fp.feed_forward_scalar(-2.0, 1.5, 0.5) == 0.0       # the hidden neuron is off


def test_matrix_network_equals_the_scalar_one_for_one_neuron_each(rng):
    for x, w_h, w_o in rng.normal(size=(20, 3)):
        out = fp.feed_forward([[x]], [[w_h]], [[0.0]], [[w_o]], [[0.0]])
        assert out.O[0, 0] == pytest.approx(fp.feed_forward_scalar(x, w_h, w_o), abs=1e-15)


def test_matrix_network_equals_the_layers_of_the_network_module(rng):
    Wh, Bh, Wo, Bo = params(rng)
    X = rng.normal(size=(5, 3))
    net = nn.Sequential([nn.Dense(3, 4, rng=0), nn.Activation("relu"), nn.Dense(4, 2, rng=0),
                         nn.Activation("relu")], loss="mse")
    net.params = {"0.W": Wh, "0.b": Bh.ravel(), "2.W": Wo, "2.b": Bo.ravel()}
    np.testing.assert_allclose(fp.feed_forward(X, Wh, Bh, Wo, Bo).O, net.forward(X), atol=1e-14)


def test_matrix_network_entry_by_entry(rng):
    Wh, Bh, Wo, Bo = params(rng, 2, 3, 2)
    X = rng.normal(size=(4, 2))
    out = fp.feed_forward(X, Wh, Bh, Wo, Bo)
    for i in range(4):
        zh = [sum(X[i, k] * Wh[k, j] for k in range(2)) + Bh[0, j] for j in range(3)]
        h = [max(0.0, z) for z in zh]
        o = [max(0.0, sum(h[k] * Wo[k, j] for k in range(3)) + Bo[0, j]) for j in range(2)]
        np.testing.assert_allclose(out.Zh[i], zh, atol=1e-14)
        np.testing.assert_allclose(out.O[i], o, atol=1e-14)


def test_he_scaled_weights_have_variance_two_over_fan_in():
    Wh, Wo = fp.init_weights(50, 400, 300, rng=0)
    assert Wh.var() == pytest.approx(2 / 50, rel=0.05)
    assert Wo.var() == pytest.approx(2 / 400, rel=0.05)


def test_init_is_deterministic_given_the_seed():
    a, b = fp.init_weights(1, 2, 2, rng=3), fp.init_weights(1, 2, 2, rng=3)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))


def test_shape_table_follows_the_architecture_and_the_sample_count():
    for n, d, h, k in [(3, 1, 2, 2), (4, 2, 3, 2), (1, 2, 3, 2), (7, 5, 1, 3)]:
        table = {var: shape for var, _, shape in fp.shape_table(n, d, h, k)}
        assert table == {"X": (n, d), "Wh": (d, h), "Bh": (1, h), "Zh": (n, h), "H": (n, h),
                         "Wo": (h, k), "Bo": (1, k), "Zo": (n, k), "O": (n, k)}


def test_dynamic_resizing_only_the_rows_of_the_layer_matrices_change():
    four = {v: s for v, _, s in fp.shape_table(4, 2, 3, 2)}
    one = {v: s for v, _, s in fp.shape_table(1, 2, 3, 2)}
    for var in four:
        assert four[var][1] == one[var][1]
        assert (four[var] == one[var]) == (var in {"Wh", "Bh", "Wo", "Bo"})


# ------------------------------------------------------------------ Ng's Theta


@pytest.mark.parametrize("sizes", [[2, 4], [3, 5, 2], [400, 25, 10]])
def test_theta_has_s_next_rows_and_s_j_plus_one_columns(sizes):
    for s_j, s_next in zip(sizes, sizes[1:]):
        layer = nn.Dense(s_j, s_next, rng=0)
        assert fp.to_theta(layer.params["W"], layer.params["b"]).shape == (s_next, s_j + 1)


def test_theta_forward_equals_the_dense_sigmoid_network(rng):
    layers = [nn.Dense(3, 5, rng=1), nn.Activation("sigmoid"), nn.Dense(5, 2, rng=2),
              nn.Activation("sigmoid")]
    for layer in layers[::2]:
        layer.params["b"] = rng.normal(size=layer.params["b"].shape)
    net = nn.Sequential(layers, loss="mse")
    thetas = [fp.to_theta(l.params["W"], l.params["b"]) for l in layers[::2]]
    X = rng.normal(size=(6, 3))
    np.testing.assert_allclose(fp.feed_forward_theta(X, thetas), net.forward(X), atol=1e-14)


def test_theta_shapes_are_checked():
    with pytest.raises(ValueError, match=r"thetas\[1\] must have 5 columns"):
        fp.feed_forward_theta(np.zeros((1, 2)), [np.zeros((4, 3)), np.zeros((1, 4))])
    with pytest.raises(ValueError, match="X must have 2 features"):
        fp.feed_forward_theta(np.zeros((1, 3)), [np.zeros((4, 3))])


def test_bad_shapes_name_the_matrix():
    with pytest.raises(ValueError, match="Wh must have 1 rows"):
        fp.feed_forward([[1.0]], [[1.0], [2.0]], [[0.0]], [[1.0]], [[0.0]])
    with pytest.raises(ValueError, match=r"Bh must have shape \(1, 2\)"):
        fp.feed_forward([[1.0]], [[1.0, 2.0]], [[0.0]], [[1.0], [1.0]], [[0.0]])
    with pytest.raises(ValueError, match="X"):
        fp.feed_forward([[np.nan]], [[1.0]], [[0.0]], [[1.0]], [[0.0]])


# ------------------------------------------------------------------ the 2017 snippets


def test_2017_40_scalar_feed_forward_agrees_with_ours(rng):
    old = run_2017(SNIPPET_SCALAR)["feed_forward"]
    for x, w_h, w_o in rng.normal(size=(50, 3)):
        assert fp.feed_forward_scalar(x, w_h, w_o) == old(x, w_h, w_o)


def test_2017_41_layer_sizes_give_the_table_architecture():
    sizes = run_2017(SNIPPET_FINAL)
    table = {v: s for v, _, s in fp.shape_table(3, sizes["INPUT_LAYER_SIZE"],
                                                sizes["HIDDEN_LAYER_SIZE"],
                                                sizes["OUTPUT_LAYER_SIZE"])}
    assert table["Wh"] == TABLE_2017["Wh"] and table["Wo"] == TABLE_2017["Wo"]


def test_2017_42_init_weights_returns_nothing_ours_returns_the_matrices():
    assert run_2017(SNIPPET_FINAL)["init_weights"]() is None
    Wh, Wo = fp.init_weights(1, 2, 2, rng=0)
    assert Wh.shape == (1, 2) and Wo.shape == (2, 2)


def test_2017_42_the_text_says_variance_one_but_the_code_is_he_scaled():
    old = run_2017(SNIPPET_FINAL.replace("        np.sqrt(2.0/HIDDEN_LAYER_SIZE)",
                                         "        np.sqrt(2.0/HIDDEN_LAYER_SIZE)\n    "
                                         "return Wh, Wo"), seed=0)
    old.update(INPUT_LAYER_SIZE=100, HIDDEN_LAYER_SIZE=400, OUTPUT_LAYER_SIZE=300)
    Wh, Wo = old["init_weights"]()
    assert Wh.var() == pytest.approx(2 / 100, rel=0.05)   # not 1, as the text says
    assert Wo.var() == pytest.approx(2 / 400, rel=0.05)


def test_2017_43_unseeded_draws_differ_ours_repeat():
    first, second = np.random.randn(1, 2), np.random.randn(1, 2)
    assert not np.array_equal(first, second)
    assert np.array_equal(fp.init_weights(1, 2, 2, rng=5)[0], fp.init_weights(1, 2, 2, rng=5)[0])


def test_2017_44_the_code_fills_the_biases_with_0_1_not_the_texts_0_2():
    Bh, Bo = run_2017(SNIPPET_FINAL)["init_bias"]()
    assert set(Bh.ravel()) == set(Bo.ravel()) == {0.1}
    assert all(np.array_equal(a, b) for a, b in zip(fp.init_bias(2, 2), (Bh, Bo)))


def test_2017_45_feed_forward_needs_globals_that_nothing_creates():
    old = run_2017(SNIPPET_FINAL)
    with pytest.raises(NameError, match="Wh"):
        old["feed_forward"](np.ones((3, 1)))
    Wh, Wo = fp.init_weights(1, 2, 2, rng=0)
    Bh, Bo = fp.init_bias(2, 2)
    assert fp.feed_forward(np.ones((3, 1)), Wh, Bh, Wo, Bo).O.shape == (3, 2)


def test_2017_46_47_weighted_input_and_matrix_relu_agree_with_ours(rng):
    old = run_2017(SNIPPET_FINAL)
    Wh, Bh, Wo, Bo = params(rng, 1, 2, 2)
    X = rng.normal(size=(3, 1))
    old.update(Wh=Wh, Bh=Bh, Wo=Wo, Bo=Bo)
    np.testing.assert_array_equal(old["feed_forward"](X), fp.feed_forward(X, Wh, Bh, Wo, Bo).O)


def test_2017_48_relu_prime_overwrites_the_cached_weighted_input():
    old = run_2017(SNIPPET_FINAL)["relu_prime"]
    Zh = np.array([[-1.5, 0.3], [2.0, -0.2]])
    cached = Zh.copy()
    old(Zh)
    assert not np.array_equal(Zh, cached)             # the forward pass's Zh is gone
    assert Zh.tolist() == [[0.0, 1.0], [1.0, 0.0]]
    from mlcheatsheet.neural_networks.activations import relu_grad
    Z = cached.copy()
    assert relu_grad(Z).tolist() == [[0.0, 1.0], [1.0, 0.0]]
    assert np.array_equal(Z, cached)                  # ours leaves its input alone


def test_2017_table_row_zh_is_wrong_every_other_row_is_right():
    computed = {v: s for v, _, s in fp.shape_table(3, 1, 2, 2)}
    wrong = {v for v in computed if computed[v] != TABLE_2017[v]}
    assert wrong == {"Zh"}
    assert computed["Zh"] == (3, 2) and TABLE_2017["Zh"] == (1, 2)
    assert (np.zeros(TABLE_2017["X"]) @ np.zeros(TABLE_2017["Wh"])).shape == (3, 2)
