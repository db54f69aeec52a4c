"""Attention: against a direct NumPy einsum formulation written here (torch is not a
dependency), one case worked by hand, every gradient (the attention function, every
parameter and the input of the layer) against finite differences, the properties (rows of
weights sum to 1, masked weights are 0, permutation equivariance without positions,
causality), the positional encodings against their formula, bad input."""

import math
import warnings

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcheatsheet.deep_learning import attention as at
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import Adam

TOL = 1e-6  # relative error of analytic against central-difference gradients


def _rel(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


# --------------------------------------------------------------------------
# The oracle: attention written out with einsum, head by head
# --------------------------------------------------------------------------


def _oracle_attention(Q, K, V, mask=None):
    """Scores by einsum, masked entries dropped from a softmax done with exp/sum over the
    allowed keys only (no -inf trick), then the weighted sum by einsum."""
    d = Q.shape[-1]
    S = np.einsum("...qd,...kd->...qk", Q, K) / math.sqrt(d)
    allowed = np.ones(S.shape, bool) if mask is None else np.broadcast_to(mask, S.shape)
    E = np.where(allowed, np.exp(S - np.max(np.where(allowed, S, S.min()), -1, keepdims=True)),
                 0.0)
    A = E / E.sum(-1, keepdims=True)
    return np.einsum("...qk,...kv->...qv", A, V), A


def _oracle_mha(X, params, n_heads, causal):
    """Multi-head self-attention for X (N, T, D): a Python loop over the heads, each head's
    projections as column blocks of the weight matrices."""
    N, T, D = X.shape
    dk = D // n_heads
    mask = np.tril(np.ones((T, T), bool)) if causal else None
    heads = []
    for j in range(n_heads):
        cols = slice(j * dk, (j + 1) * dk)
        Q = np.einsum("ntd,de->nte", X, params["Wq"][:, cols])
        K = np.einsum("ntd,de->nte", X, params["Wk"][:, cols])
        V = np.einsum("ntd,de->nte", X, params["Wv"][:, cols])
        heads.append(_oracle_attention(Q, K, V, mask)[0])
    return np.einsum("nte,ef->ntf", np.concatenate(heads, axis=-1), params["Wo"]) + params["bo"]


@st.composite
def attention_cases(draw):
    batch = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    tq, tk, d, dv = (draw(st.integers(1, 5)) for _ in range(4))
    g = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    Q, K = g.normal(size=batch + (tq, d)), g.normal(size=batch + (tk, d))
    V = g.normal(size=batch + (tk, dv))
    mask = g.random((tq, tk)) < 0.6
    mask[np.arange(tq), g.integers(tk, size=tq)] = True  # every query reads a key
    return Q, K, V, mask


@settings(max_examples=60, deadline=None)
@given(attention_cases())
def test_attention_matches_the_einsum_oracle_with_and_without_mask(case):
    Q, K, V, mask = case
    for m in (None, mask):
        out, A = at.scaled_dot_product_attention(Q, K, V, mask=m)
        want_out, want_A = _oracle_attention(Q, K, V, m)
        np.testing.assert_allclose(A, want_A, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(out, want_out, rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(A.sum(axis=-1), 1.0, rtol=0, atol=1e-14)  # rows sum to 1
        assert np.all(A >= 0)
    assert np.all(A[..., ~mask] == 0.0)  # masked positions get weight exactly 0


def test_one_query_worked_by_hand():
    # q.k1 / sqrt(2) = ln 3, q.k2 = 0: weights 3/4 and 1/4; out = 3/4 * 1 + 1/4 * 5 = 2
    s = math.sqrt(2) * math.log(3)
    Q = np.array([[s, 0.0]])
    K = np.array([[1.0, 0.0], [0.0, 1.0]])
    V = np.array([[1.0], [5.0]])
    out, A = at.scaled_dot_product_attention(Q, K, V)
    np.testing.assert_allclose(A, [[0.75, 0.25]], rtol=1e-14)
    assert out[0, 0] == pytest.approx(2.0, rel=1e-14)


def test_softmax_is_stable_for_huge_scores():
    Q = np.array([[1e4, 0.0], [-1e4, 0.0]])
    K = np.array([[1e4, 0.0], [0.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, A = at.scaled_dot_product_attention(Q, K, np.eye(2))
    assert np.all(np.isfinite(A)) and A.tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_causal_mask_is_the_lower_triangle():
    assert at.causal_mask(4).tolist() == (np.tril(np.ones((4, 4))) > 0).tolist()


# --------------------------------------------------------------------------
# Gradients against finite differences
# --------------------------------------------------------------------------


@pytest.mark.parametrize("masked", [False, True])
def test_attention_backward_against_finite_differences(masked):
    g = np.random.default_rng(1)
    Q, K, V = g.normal(size=(2, 3, 4)), g.normal(size=(2, 5, 4)), g.normal(size=(2, 5, 3))
    G = g.normal(size=(2, 3, 3))  # L = sum(G * out)
    mask = np.array([[1, 0, 1, 1, 0], [0, 1, 0, 0, 0], [1, 1, 1, 1, 0]], bool) if masked else None
    out, A = at.scaled_dot_product_attention(Q, K, V, mask)
    dQ, dK, dV = at.attention_backward(G, Q, K, V, A)
    def loss(q, k, v):
        return np.sum(G * at.scaled_dot_product_attention(q, k, v, mask)[0])
    assert _rel(dQ, numerical_gradient(lambda q: loss(q, K, V), Q)) < TOL
    assert _rel(dK, numerical_gradient(lambda k: loss(Q, k, V), K)) < TOL
    assert _rel(dV, numerical_gradient(lambda v: loss(Q, K, v), V)) < TOL
    if masked:  # key 4 is masked for every query: it gets no gradient at all
        assert np.all(dK[:, 4] == 0.0) and np.all(dV[:, 4] == 0.0)


LAYER_CASES = [(1, False), (2, False), (2, True), (4, True)]


@pytest.mark.parametrize("n_heads, causal", LAYER_CASES)
def test_layer_gradients_of_every_parameter_and_the_input(n_heads, causal):
    g = np.random.default_rng(2)
    T, D = 4, 4
    layer = at.MultiHeadAttention((T, D), n_heads, causal=causal, rng=3)
    layer.params["bo"][...] = g.normal(size=D)
    X = g.normal(size=(2, T, D))
    G = g.normal(size=(2, T, D))  # L = sum(G * Y)
    layer.forward(X)
    dX = layer.backward(G)
    analytic = {k: v.copy() for k, v in layer.grads.items()}
    assert set(analytic) == set(layer.params) == {"Wq", "Wk", "Wv", "Wo", "bo"}
    for name, w in layer.params.items():
        def loss(value, name=name):
            saved = layer.params[name].copy()
            layer.params[name][...] = value
            try:
                return np.sum(G * layer.forward(X, training=False))
            finally:
                layer.params[name][...] = saved
        assert _rel(analytic[name], numerical_gradient(loss, w)) < TOL, name
    assert _rel(dX, numerical_gradient(lambda x: np.sum(G * layer.forward(x)), X)) < TOL


def test_the_network_gradient_check_passes_through_the_layer():
    g = np.random.default_rng(4)
    net = nn.Sequential([at.MultiHeadAttention((3, 4), 2, rng=0), nn.Dense(12, 3, rng=1)])
    errors = nn.gradient_check(net, g.normal(size=(5, 12)), [0, 1, 2, 1, 0])
    assert max(errors.values()) < TOL
    assert len(errors) == 7


@pytest.mark.parametrize("n_heads, causal", LAYER_CASES)
def test_layer_matches_the_head_by_head_oracle(n_heads, causal):
    g = np.random.default_rng(5)
    layer = at.MultiHeadAttention((6, 8), n_heads, causal=causal, rng=6)
    layer.params["bo"][...] = g.normal(size=8)
    X = g.normal(size=(3, 6, 8))
    np.testing.assert_allclose(layer.forward(X), _oracle_mha(X, layer.params, n_heads, causal),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.forward(X.reshape(3, 48)),
                               layer.forward(X).reshape(3, 48), rtol=0, atol=0)


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 4]))
def test_self_attention_without_positions_is_permutation_equivariant(seed, n_heads):
    g = np.random.default_rng(seed)
    layer = at.MultiHeadAttention((5, 4), n_heads, rng=seed)
    X = g.normal(size=(2, 5, 4))
    perm = g.permutation(5)
    if np.array_equal(perm, np.arange(5)):       # one draw in 120 changes nothing
        perm = perm[::-1]
    np.testing.assert_allclose(layer.forward(X[:, perm]), layer.forward(X)[:, perm],
                               rtol=1e-12, atol=1e-12)
    pe = at.positional_encoding(5, 4)  # with positions added, the order matters
    assert not np.allclose(layer.forward((X + pe)[:, perm]), layer.forward(X[:, perm] + pe))


def test_causal_layer_output_at_t_ignores_later_steps():
    g = np.random.default_rng(7)
    layer = at.MultiHeadAttention((6, 4), 2, causal=True, rng=0)
    X = g.normal(size=(2, 6, 4))
    Y = layer.forward(X)
    X2 = X.copy()
    X2[:, 3:] = g.normal(size=(2, 3, 4))
    np.testing.assert_allclose(layer.forward(X2)[:, :3], Y[:, :3], rtol=0, atol=1e-15)
    assert np.all(np.triu(layer.attention[0, 0], k=1) == 0.0)


def test_positional_encoding_against_its_formula_and_the_offset_property():
    for T, d in [(3, 5), (20, 10)]:  # an odd width too
        pe = at.positional_encoding(T, d)
        assert pe.shape == (T, d)
        for p in range(T):
            for i in range(d):
                angle = p / 10000 ** (2 * (i // 2) / d)
                want = math.sin(angle) if i % 2 == 0 else math.cos(angle)
                assert pe[p, i] == pytest.approx(want, abs=1e-15)
    assert np.all(np.abs(pe) <= 1)
    for k in (1, 3, 7):  # PE_p . PE_{p+k} depends only on the offset k
        dots = np.sum(pe[:-k] * pe[k:], axis=1)
        np.testing.assert_allclose(dots, dots[0], rtol=1e-12)


def test_the_retrieval_task_is_what_its_docstring_says():
    X, y, (T, D) = at.make_retrieval_task(300, n_items=5, n_keys=7, n_values=3, rng=0)
    S = X.reshape(300, T, D)
    assert (T, D) == (6, 10) and set(np.unique(y)) == {0, 1, 2}
    for seq, target in zip(S, y):  # a loop over the sequences, by the definition
        items, query = seq[:-1], seq[-1]
        assert np.all(items[:, :7].sum(axis=1) == 1) and np.all(items[:, 7:].sum(axis=1) == 1)
        assert len(set(items[:, :7].argmax(axis=1))) == 5          # distinct keys
        assert query.sum() == 1 and query[7:].sum() == 0           # a key, no value
        match = np.flatnonzero(items[:, query.argmax()])
        assert len(match) == 1 and items[match[0], 7:].argmax() == target
    with pytest.raises(ValueError, match="n_keys must be at least n_items"):
        at.make_retrieval_task(10, n_items=5, n_keys=4)


def test_a_tiny_model_learns_to_retrieve_by_key():
    X, y, (T, D) = at.make_retrieval_task(600, n_items=4, n_keys=6, n_values=3, rng=0)
    net = nn.Sequential([at.MultiHeadAttention((T, D), 1, rng=0), nn.Dense(T * D, 3, rng=1)])
    nn.fit(net, X[:500], y[:500], Adam(lr=1e-2), n_epochs=20, batch_size=50, rng=0)
    assert np.mean(net.predict(X[500:]) == y[500:]) > 0.95


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------


def test_bad_input_is_refused_naming_the_argument():
    Q, K, V = np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2))
    with pytest.raises(ValueError, match="K must have the width of Q"):
        at.scaled_dot_product_attention(Q, np.ones((4, 2)), V)
    with pytest.raises(ValueError, match="V must have one row per key"):
        at.scaled_dot_product_attention(Q, K, np.ones((3, 2)))
    with pytest.raises(ValueError, match="same leading"):
        at.scaled_dot_product_attention(np.ones((2, 2, 3)), K, V)
    with pytest.raises(ValueError, match="mask must have shape"):
        at.scaled_dot_product_attention(Q, K, V, mask=np.ones((2, 3), bool))
    with pytest.raises(ValueError, match="mask must let every query"):
        at.scaled_dot_product_attention(Q, K, V, mask=np.array([[1, 1, 0, 0], [0, 0, 0, 0]],
                                                               bool))
    with pytest.raises(TypeError, match="mask must be a boolean array"):
        at.scaled_dot_product_attention(Q, K, V, mask=np.ones((2, 4)))
    with pytest.raises(ValueError, match="Q must contain only finite"):
        at.scaled_dot_product_attention(np.full((2, 3), np.nan), K, V)
    with pytest.raises(ValueError, match="Q must have at least 2 dimensions"):
        at.scaled_dot_product_attention(np.ones(3), K, V)
    out, A = at.scaled_dot_product_attention(Q, K, V)
    with pytest.raises(ValueError, match="dout must have the shape of the output"):
        at.attention_backward(np.ones((2, 3)), Q, K, V, A)
    with pytest.raises(ValueError, match="weights must have the shape of the scores"):
        at.attention_backward(np.ones((2, 2)), Q, K, V, A.T)
    with pytest.raises(ValueError, match="n_heads must divide"):
        at.MultiHeadAttention((4, 6), n_heads=4)
    layer = at.MultiHeadAttention((4, 6), n_heads=2)
    with pytest.raises(ValueError, match="X must have 24 columns"):
        layer.forward(np.ones((2, 20)))
    with pytest.raises(RuntimeError, match="needs a training-mode forward"):
        layer.backward(np.ones((2, 24)))
