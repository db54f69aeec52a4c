"""Embeddings: the lookup against the one-hot product it stands for, the scatter-add gradient
against the one-hot transpose product and finite differences (with repeated ids), through a
network's gradient check, an optimizer step that touches only the rows used, the task's
definition, bad input."""

import math

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st

from mlcheatsheet.deep_learning import embeddings as em
from mlcheatsheet.neural_networks import network as nn
from mlcheatsheet.optimization.optimizers import SGD, Adam

TOL = 1e-6


def _rel(a, b):
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def _one_hot(ids, n_tokens):
    """(N, T) ids -> (N, T, n_tokens), by comparison with every id."""
    return (ids[..., None] == np.arange(n_tokens)).astype(float)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 6), st.integers(1, 4), st.integers(1, 5), st.integers(1, 4),
       st.integers(0, 2**32 - 1))
def test_lookup_and_scatter_add_equal_the_one_hot_products(n_tokens, dim, n_steps, n, seed):
    g = np.random.default_rng(seed)
    layer = em.Embedding(n_tokens, dim, n_steps=n_steps, rng=seed)
    X = g.integers(n_tokens, size=(n, n_steps)).astype(float)  # repeats are likely
    H = _one_hot(X.astype(int), n_tokens)
    E = layer.params["E"]
    np.testing.assert_allclose(layer.forward(X), np.einsum("ntk,kd->ntd", H, E).reshape(n, -1),
                               rtol=0, atol=0)
    dY = g.normal(size=(n, n_steps * dim))
    dX = layer.backward(dY)
    want = np.einsum("ntk,ntd->kd", H, dY.reshape(n, n_steps, dim))  # onehot^T dY
    np.testing.assert_allclose(layer.grads["E"], want, rtol=1e-12, atol=1e-12)
    assert dX.shape == X.shape and np.all(dX == 0)


def test_gradient_with_repeated_ids_against_finite_differences():
    g = np.random.default_rng(0)
    layer = em.Embedding(5, 3, n_steps=4, rng=1)
    X = np.array([[2, 2, 0, 2], [4, 0, 0, 2], [2, 4, 4, 4]], float)  # 1 and 3 never appear
    G = g.normal(size=(3, 12))
    layer.forward(X)
    layer.backward(G)
    def loss(E):
        saved = layer.params["E"].copy()
        layer.params["E"][...] = E
        try:
            return np.sum(G * layer.forward(X, training=False))
        finally:
            layer.params["E"][...] = saved
    numeric = numerical_gradient(loss, layer.params["E"])
    assert _rel(layer.grads["E"], numeric) < TOL
    assert np.all(layer.grads["E"][[1, 3]] == 0)
    # row 2 appears five times: its gradient is the sum of the five output gradients
    rows = G.reshape(3, 4, 3)[X == 2]
    np.testing.assert_allclose(layer.grads["E"][2], rows.sum(axis=0), rtol=1e-12)


def test_the_network_gradient_check_passes_through_the_embedding():
    g = np.random.default_rng(2)
    net = nn.Sequential([em.Embedding(6, 3, n_steps=2, rng=0), nn.Dense(6, 4, rng=1),
                         nn.Activation("tanh"), nn.Dense(4, 2, rng=2)])
    X = np.array([[0, 0], [5, 1], [1, 5], [3, 3], [0, 2]], float)
    errors = nn.gradient_check(net, X, [0, 1, 1, 0, 1])
    assert max(errors.values()) < TOL and "0.E" in errors


def test_an_optimizer_step_moves_only_the_rows_that_were_used():
    net = nn.Sequential([em.Embedding(6, 2, n_steps=2, rng=0), nn.Dense(4, 2, rng=1)])
    before = net.params["0.E"].copy()
    net.loss_and_grads(np.array([[1, 4], [4, 4]], float), [0, 1])
    net.params = SGD(lr=0.5).step(net.params, net.grads)
    moved = np.flatnonzero(np.any(net.params["0.E"] != before, axis=1))
    assert moved.tolist() == [1, 4]


def test_the_same_group_task_is_what_its_docstring_says():
    X, y, group = em.make_same_group_task(30, 3, rng=0)
    assert np.bincount(group).tolist() == [10, 10, 10]
    same_pairs = [(i, j) for i in range(30) for j in range(30) if group[i] == group[j]]
    got = {(int(i), int(j)) for (i, j), label in zip(X, y) if label == 1}
    assert got == set(same_pairs) and len(y) == 2 * len(same_pairs)
    assert len({(int(i), int(j)) for i, j in X}) == len(X)          # no pair twice
    for (i, j), label in zip(X.astype(int), y):
        assert label == int(group[i] == group[j])


def test_a_two_dimensional_embedding_learns_the_hidden_groups():
    X, y, group = em.make_same_group_task(20, 2, rng=0)
    n = len(y) // 2
    net = nn.Sequential([em.Embedding(20, 2, n_steps=2, rng=0), nn.Dense(4, 16, rng=1),
                         nn.Activation("relu"), nn.Dense(16, 2, rng=2)])
    nn.fit(net, X[:n], y[:n], Adam(lr=1e-2), n_epochs=60, batch_size=32, rng=0)
    assert np.mean(net.predict(X[n:]) == y[n:]) > 0.95  # pairs never seen in training
    E = net.layers[0].params["E"]
    centroids = np.array([E[group == k].mean(axis=0) for k in range(2)])
    nearest = np.argmin(((E[:, None] - centroids[None]) ** 2).sum(axis=2), axis=1)
    assert np.all(nearest == group)  # every token sits nearest its own group's centre


def test_bad_input_is_refused_naming_the_argument():
    layer = em.Embedding(5, 2, n_steps=2)
    with pytest.raises(ValueError, match="X must hold integer token ids in"):
        layer.forward(np.array([[0.0, 1.5]]))
    with pytest.raises(ValueError, match=r"X must hold integer token ids in \[0, 5\)"):
        layer.forward(np.array([[-1.0, 1.0]]))
    with pytest.raises(ValueError, match="X must have 2 columns"):
        layer.forward(np.zeros((1, 3)))
    with pytest.raises(RuntimeError, match="needs a training-mode forward"):
        em.Embedding(5, 2).backward(np.ones((1, 2)))
    with pytest.raises(ValueError, match="n_groups must be between 2 and n_tokens"):
        em.make_same_group_task(3, 4)
    with pytest.raises(ValueError, match="dim"):
        em.Embedding(5, 0)


# --------------------------------------------------------------------------
# Skip-gram with negative sampling
# --------------------------------------------------------------------------


def test_sgns_gradients_against_finite_differences_with_repeated_ids():
    g = np.random.default_rng(0)
    W_in, W_out = g.normal(size=(6, 3)), g.normal(size=(6, 3))
    centers, contexts = np.array([0, 2, 2, 5]), np.array([1, 0, 3, 2])
    negatives = np.array([[4, 4], [1, 2], [0, 5], [2, 2]])  # repeats, and a center as negative
    loss, d_in, d_out = em.sgns_loss(W_in, W_out, centers, contexts, negatives)
    f_in = lambda W: em.sgns_loss(W, W_out, centers, contexts, negatives)[0]  # noqa: E731
    f_out = lambda W: em.sgns_loss(W_in, W, centers, contexts, negatives)[0]  # noqa: E731
    assert _rel(d_in, numerical_gradient(f_in, W_in)) < TOL
    assert _rel(d_out, numerical_gradient(f_out, W_out)) < TOL


def test_sgns_loss_against_a_direct_loop():
    g = np.random.default_rng(1)
    W_in, W_out = g.normal(size=(5, 4)), g.normal(size=(5, 4))
    centers, contexts, negatives = [0, 3, 4], [1, 1, 0], [[2, 3, 4], [0, 0, 2], [1, 3, 3]]
    want = 0.0
    for c, o, ns in zip(centers, contexts, negatives):
        want -= math.log(1 / (1 + math.exp(-W_out[o] @ W_in[c])))
        for n in ns:
            want -= math.log(1 / (1 + math.exp(W_out[n] @ W_in[c])))
    assert em.sgns_loss(W_in, W_out, centers, contexts, negatives)[0] == pytest.approx(want / 3)


def test_nearest_words_against_scikit_learn_cosine_similarity():
    from sklearn.metrics.pairwise import cosine_similarity
    g = np.random.default_rng(2)
    W = g.normal(size=(8, 3))
    vocab = [f"w{chr(97 + i)}" for i in range(8)]
    sims = cosine_similarity(W)
    got = em.nearest_words(W, vocab, ["wd"], k=7)["wd"]
    want = sorted((j for j in range(8) if j != 3), key=lambda j: -sims[3, j])
    assert [w for w, _ in got] == [vocab[j] for j in want]
    np.testing.assert_allclose([s for _, s in got], sims[3, want], rtol=1e-12)


def test_markdown_words_vocabulary_and_pairs():
    page = ("---\nfile_format: mystnb\n---\n# Title\nThe {term}`Loss function <loss>` "
            "of $w$:\n```{code-cell} ipython3\nx = 1\n```\nSee [the page](x.md), `code`.")
    assert em.markdown_words(page) == ["title", "the", "loss", "function", "of", "see",
                                       "the", "page"]
    vocab, ids, counts = em.build_vocabulary(["b", "a", "b", "c", "a", "b"], 2)
    assert vocab == ["b", "a"] and ids.tolist() == [0, 1, 0, 1, 0] and counts.tolist() == [3, 2]
    c, o = em.skipgram_pairs(np.arange(10), window=3)
    pairs = {(int(a), int(b)) for a, b in zip(c, o)}
    assert pairs == {(i, j) for i in range(10) for j in range(10) if 0 < abs(i - j) <= 3}
    assert len(c) == len(pairs)


def test_sgns_learns_which_words_share_contexts():
    # two "topics": words 0-3 only appear next to each other, words 4-7 likewise
    g = np.random.default_rng(3)
    text = np.concatenate([g.integers(0, 4, 50) if k % 2 == 0 else g.integers(4, 8, 50)
                           for k in range(40)])
    c, o = em.skipgram_pairs(text, window=2)
    W, losses = em.train_sgns(c, o, np.bincount(text), dim=8, n_epochs=5, batch_size=128,
                              lr=0.02, rng=0)
    assert losses[-1] < losses[0]
    vocab = list("abcdefgh")
    for i in range(8):
        neighbours = [vocab.index(w) for w, _ in em.nearest_words(W, vocab, [vocab[i]], k=3)[vocab[i]]]
        assert all((n < 4) == (i < 4) for n in neighbours)


def test_sgns_bad_input_is_refused_naming_the_argument():
    W = np.zeros((3, 2))
    with pytest.raises(ValueError, match="W_out must have the shape of W_in"):
        em.sgns_loss(W, np.zeros((4, 2)), [0], [1], [[2]])
    with pytest.raises(ValueError, match="negatives must hold ids below 3"):
        em.sgns_loss(W, W, [0], [1], [[3]])
    with pytest.raises(ValueError, match="centers must hold non-negative integer ids"):
        em.sgns_loss(W, W, [0.5], [1], [[2]])
    with pytest.raises(ValueError, match="contexts and negatives must have one row per center"):
        em.sgns_loss(W, W, [0, 1], [1], [[2], [2]])
    with pytest.raises(ValueError, match="words must be in the vocabulary; got 'dog'"):
        em.nearest_words(W, ["a", "b", "c"], ["dog"])
    with pytest.raises(ValueError, match="counts must have one entry per word id"):
        em.train_sgns([0, 5], [1, 0], np.ones(3))
    with pytest.raises(TypeError, match="text must be a string"):
        em.markdown_words(3)
    with pytest.raises(ValueError, match="W"):
        em.sgns_loss(np.full((3, 2), np.nan), W, [0], [1], [[2]])
