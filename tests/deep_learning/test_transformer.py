"""Transformer block: layer norm against scipy's z-score and against batch norm of the
transposed batch, a case worked by hand, its gradients (gamma, beta, input) against finite
differences; the block against an independent forward written here from the equations,
every parameter and the input of the block (post- and pre-norm, causal or not) against
finite differences, properties (each position's output normalized, permutation
equivariance), a tiny training run, bad input."""

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import zscore

from mlcheatsheet.deep_learning import attention as at
from mlcheatsheet.deep_learning import transformer as tf
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.batch_norm import batch_norm_forward
from mlcheatsheet.optimization.optimizers import Adam

TOL = 1e-6


def _rel(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


# --------------------------------------------------------------------------
# Layer norm
# --------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(2, 6), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_layer_norm_is_scipy_zscore_of_every_step(n, d, steps, seed):
    g = np.random.default_rng(seed)
    X = g.normal(3.0, 2.0, size=(n, steps * d))
    layer = tf.LayerNorm(d, n_steps=steps, eps=1e-12)
    gamma, beta = g.normal(size=d), g.normal(size=d)
    layer.params = {"gamma": gamma, "beta": beta}
    steps_3d = X.reshape(n, steps, d)
    v = steps_3d.var(axis=2, keepdims=True)              # eps shrinks a near-constant step a little
    want = gamma * zscore(steps_3d, axis=2) * np.sqrt(v / (v + 1e-12)) + beta  # ddof=0, per step
    np.testing.assert_allclose(layer.forward(X), want.reshape(n, -1), rtol=1e-8, atol=1e-9)


def test_layer_norm_is_batch_norm_of_the_transposed_batch():
    g = np.random.default_rng(0)
    X = g.normal(size=(4, 7))
    Y_bn = batch_norm_forward(X.T, np.ones(4), np.zeros(4), eps=1e-5)[0].T
    np.testing.assert_allclose(tf.LayerNorm(7).forward(X), Y_bn, rtol=1e-12, atol=1e-12)


def test_layer_norm_worked_by_hand():
    # x = (1, 2, 3): mean 2, variance 2/3, x_hat = (-1, 0, 1) * sqrt(3/2)
    layer = tf.LayerNorm(3, eps=1e-12)
    layer.params = {"gamma": np.array([2.0, 1.0, 1.0]), "beta": np.array([0.0, 5.0, 0.0])}
    s = np.sqrt(1.5)
    np.testing.assert_allclose(layer.forward(np.array([[1.0, 2.0, 3.0]])),
                               [[-2 * s, 5.0, s]], rtol=1e-10)


@pytest.mark.parametrize("steps", [1, 3])
def test_layer_norm_gradients_against_finite_differences(steps):
    g = np.random.default_rng(steps)
    layer = tf.LayerNorm(4, n_steps=steps)
    layer.params = {"gamma": g.normal(size=4), "beta": g.normal(size=4)}
    X, G = g.normal(size=(5, 4 * steps)), g.normal(size=(5, 4 * steps))
    layer.forward(X)
    dX = layer.backward(G)
    analytic = {k: v.copy() for k, v in layer.grads.items()}
    assert _rel(dX, numerical_gradient(lambda x: np.sum(G * layer.forward(x)), X)) < TOL
    for name in ("gamma", "beta"):
        def loss(w, name=name):
            saved = layer.params[name]
            layer.params[name] = w
            try:
                return np.sum(G * layer.forward(X, training=False))
            finally:
                layer.params[name] = saved
        assert _rel(analytic[name], numerical_gradient(loss, layer.params[name])) < TOL, name


def test_layer_norm_output_has_zero_mean_unit_variance_and_ignores_shift_and_scale():
    g = np.random.default_rng(3)
    X = g.normal(size=(6, 10))
    layer = tf.LayerNorm(5, n_steps=2, eps=1e-12)
    Y = layer.forward(X).reshape(6, 2, 5)
    np.testing.assert_allclose(Y.mean(axis=2), 0, atol=1e-12)
    np.testing.assert_allclose(Y.var(axis=2), 1, rtol=1e-9)
    shifted = X.reshape(6, 2, 5) * 7.0 + g.normal(size=(6, 2, 1))  # per step scale and shift
    np.testing.assert_allclose(layer.forward(shifted.reshape(6, 10)).reshape(6, 2, 5), Y,
                               rtol=1e-8, atol=1e-9)


# --------------------------------------------------------------------------
# The block
# --------------------------------------------------------------------------


def _ln(Z, gamma, beta, eps=1e-5):
    mu = Z.mean(-1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(((Z - mu) ** 2).mean(-1, keepdims=True) + eps) + beta


def _oracle_block(X, p, n_heads, norm, causal):
    """The block from the equations, for X of shape (N, T, D): the attention with the
    head-by-head einsum of the attention tests' style, the feed-forward by einsum."""
    N, T, D = X.shape
    dk = D // n_heads

    def mha(Z):
        heads = []
        for j in range(n_heads):
            c = slice(j * dk, (j + 1) * dk)
            Q, K, V = (np.einsum("ntd,de->nte", Z, p[w][:, c]) for w in ("attn.Wq", "attn.Wk",
                                                                          "attn.Wv"))
            S = np.einsum("nqd,nkd->nqk", Q, K) / np.sqrt(dk)
            if causal:
                S = np.where(np.tril(np.ones((T, T), bool)), S, -np.inf)
            A = np.exp(S - S.max(-1, keepdims=True))
            heads.append(np.einsum("nqk,nkv->nqv", A / A.sum(-1, keepdims=True), V))
        return np.einsum("nte,ef->ntf", np.concatenate(heads, -1), p["attn.Wo"]) + p["attn.bo"]

    def ffn(Z):
        hidden = np.maximum(0, np.einsum("ntd,df->ntf", Z, p["ff1.W"]) + p["ff1.b"])
        return np.einsum("ntf,fd->ntd", hidden, p["ff2.W"]) + p["ff2.b"]

    ln1 = lambda Z: _ln(Z, p["norm1.gamma"], p["norm1.beta"])  # noqa: E731
    ln2 = lambda Z: _ln(Z, p["norm2.gamma"], p["norm2.beta"])  # noqa: E731
    if norm == "post":
        H = ln1(X + mha(X))
        return ln2(H + ffn(H))
    H = X + mha(ln1(X))
    return H + ffn(ln2(H))


def _randomized(block, seed):
    """Random gammas and betas too, so that the norms' parameters matter."""
    g = np.random.default_rng(seed)
    block.params = {k: (g.normal(size=v.shape) if "norm" in k or k.endswith(".b") else v)
                    for k, v in block.params.items()}
    return block


@pytest.mark.parametrize("norm", ["post", "pre"])
@pytest.mark.parametrize("n_heads,causal", [(1, False), (2, True)])
def test_block_matches_the_equations(norm, n_heads, causal):
    block = _randomized(tf.TransformerBlock((5, 4), n_heads=n_heads, d_ff=6, norm=norm,
                                            causal=causal, rng=0), 1)
    X = np.random.default_rng(2).normal(size=(3, 5, 4))
    want = _oracle_block(X, block.params, n_heads, norm, causal)
    np.testing.assert_allclose(block.forward(X), want, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(block.forward(X.reshape(3, 20)), want.reshape(3, 20),
                               rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("norm", ["post", "pre"])
@pytest.mark.parametrize("n_heads,causal", [(1, False), (2, True)])
def test_block_gradients_of_every_parameter_and_the_input(norm, n_heads, causal):
    g = np.random.default_rng(4)
    block = _randomized(tf.TransformerBlock((3, 4), n_heads=n_heads, d_ff=5, norm=norm,
                                            causal=causal, rng=3), 5)
    X, G = g.normal(size=(2, 12)), g.normal(size=(2, 12))
    block.forward(X)
    dX = block.backward(G)
    analytic = {k: v.copy() for k, v in block.grads.items()}
    assert sorted(analytic) == sorted(block.params) and len(analytic) == 13
    for name, w in block.params.items():  # perturbed in place: the parts hold the same arrays
        def loss(v, w=w):
            saved = w.copy()
            w[...] = v
            try:
                return np.sum(G * block.forward(X, training=False))
            finally:
                w[...] = saved
        assert _rel(analytic[name], numerical_gradient(loss, w.copy())) < TOL, name
    assert _rel(dX, numerical_gradient(lambda x: np.sum(G * block.forward(x)), X)) < TOL


def test_the_network_gradient_check_passes_through_the_block():
    net = nn.Sequential([tf.TransformerBlock((3, 4), n_heads=2, d_ff=5, rng=0),
                         nn.Dense(12, 3, rng=1)])
    errors = nn.gradient_check(net, np.random.default_rng(0).normal(size=(4, 12)), [0, 1, 2, 1])
    assert max(errors.values()) < TOL and "0.attn.Wq" in errors and "0.norm2.gamma" in errors


def test_post_norm_output_is_normalized_at_every_position():
    block = tf.TransformerBlock((6, 8), n_heads=2, rng=0)
    Y = block.forward(np.random.default_rng(1).normal(size=(4, 6, 8)))  # gamma 1, beta 0
    np.testing.assert_allclose(Y.mean(axis=2), 0, atol=1e-12)
    np.testing.assert_allclose(Y.var(axis=2), 1, rtol=1e-3)  # eps = 1e-5 in the variance


@pytest.mark.parametrize("norm", ["post", "pre"])
def test_block_without_positions_is_permutation_equivariant(norm):
    block = _randomized(tf.TransformerBlock((6, 4), n_heads=2, norm=norm, rng=0), 1)
    X = np.random.default_rng(2).normal(size=(3, 6, 4))
    perm = np.random.default_rng(3).permutation(6)
    np.testing.assert_allclose(block.forward(X[:, perm]), block.forward(X)[:, perm],
                               rtol=1e-10, atol=1e-12)


def test_an_optimizer_step_reaches_the_parts():
    net = nn.Sequential([tf.TransformerBlock((7, 12), rng=0), nn.Dense(84, 4, rng=1)])
    X, y, _ = at.make_retrieval_task(16, rng=0)
    net.loss_and_grads(X, y)
    before = net.params["0.ff1.W"].copy()
    net.params = Adam(lr=0.1).step(net.params, net.grads)
    block = net.layers[0]
    block.forward(X)  # the parts are handed the new arrays
    assert block.ff1.params["W"] is net.params["0.ff1.W"]
    assert not np.allclose(block.ff1.params["W"], before)


def test_a_one_block_transformer_learns_to_retrieve_by_key():
    X, y, (T, D) = at.make_retrieval_task(2000, rng=1)
    X_test, y_test, _ = at.make_retrieval_task(500, rng=2)
    net = nn.Sequential([tf.TransformerBlock((T, D), d_ff=16, norm="pre", rng=0),
                         nn.Dense(T * D, 4, rng=1)])
    nn.fit(net, X, y, Adam(lr=1e-2), n_epochs=15, batch_size=64, rng=0)
    assert np.mean(net.predict(X_test) == y_test) > 0.9  # chance: 0.25


def test_bad_input_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match="n_heads must divide the width d_model = 4; got 3"):
        tf.TransformerBlock((5, 4), n_heads=3)
    with pytest.raises(ValueError, match="norm must be one of"):
        tf.TransformerBlock((5, 4), norm="both")
    with pytest.raises(ValueError, match="d_ff"):
        tf.TransformerBlock((5, 4), d_ff=0)
    with pytest.raises(TypeError, match="input_shape must be a tuple"):
        tf.TransformerBlock(20)
    block = tf.TransformerBlock((5, 4), rng=0)
    with pytest.raises(ValueError, match="X must have 20 columns"):
        block.forward(np.zeros((2, 21)))
    with pytest.raises(ValueError, match="X"):
        block.forward(np.full((2, 20), np.nan))
    with pytest.raises(RuntimeError, match="needs a training-mode forward"):
        tf.TransformerBlock((5, 4), rng=0).backward(np.ones((1, 20)))
    with pytest.raises(ValueError, match="X must have 6 columns"):
        tf.LayerNorm(3, n_steps=2).forward(np.zeros((1, 5)))
    with pytest.raises(ValueError, match="X"):
        tf.LayerNorm(3).forward(np.array([[1.0, np.inf, 0.0]]))
    with pytest.raises(ValueError, match="eps"):
        tf.LayerNorm(3, eps=0.0)
    with pytest.raises(RuntimeError, match="needs a training-mode forward"):
        tf.LayerNorm(3).backward(np.ones((1, 3)))
