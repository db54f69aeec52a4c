"""t-SNE: scikit-learn's exact t-SNE internals and trustworthiness as oracles.

The gradient is checked by finite differences, P, Q and the gradient by hand.
"""

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import pdist, squareform
from sklearn.datasets import load_digits, load_iris
from sklearn.manifold import trustworthiness as sk_trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities, _kl_divergence

from mlcheatsheet.unsupervised import tsne


def _digits(per_class=20, seed=0):
    d = load_digits()
    rng = np.random.default_rng(seed)
    idx = np.concatenate([rng.choice(np.flatnonzero(d.target == c), per_class, replace=False)
                          for c in range(10)])
    return d.data[idx], d.target[idx]


def _sq(X):
    return squareform(pdist(X, "sqeuclidean"))


DATA = {"iris": lambda: load_iris().data, "digits": lambda: _digits()[0],
        "gaussian": lambda: np.random.default_rng(3).normal(size=(60, 5))}


@pytest.mark.parametrize("perplexity", [5.0, 20.0, 40.0])
@pytest.mark.parametrize("name", DATA)
def test_joint_probabilities_equal_sklearns(name, perplexity):
    # scikit-learn rounds the distances to float32 first: give both the same rounded numbers
    D = _sq(DATA[name]()).astype(np.float32).astype(np.float64)
    theirs = squareform(_joint_probabilities(D, perplexity, 0))   # square in, condensed out
    ours = tsne.joint_probabilities(D, perplexity)
    np.fill_diagonal(theirs, 0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-8)


@pytest.mark.parametrize("perplexity", [2.5, 10.0, 50.0, 140.0])
def test_every_row_reaches_the_target_perplexity(perplexity):
    P, sigma = tsne.conditional_probabilities(_sq(load_iris().data + 0.0), perplexity)
    H = -np.sum(np.where(P > 0, P * np.log2(np.where(P > 0, P, 1)), 0), axis=1)
    np.testing.assert_allclose(2**H, perplexity, rtol=1e-8)
    np.testing.assert_allclose(tsne.row_perplexities(P), 2**H, rtol=1e-12)
    assert np.all(sigma > 0)


def test_the_unit_square_by_hand():
    """From a corner: two neighbours at squared distance 1, one at 2. With beta = ln 2
    (sigma^2 = 1 / (2 ln 2)) the weights are 1/2, 1/2, 1/4, i.e. p = 0.4, 0.4, 0.2."""
    D = np.array([[0, 1, 1, 2], [1, 0, 2, 1], [1, 2, 0, 1], [2, 1, 1, 0]], float)
    p = np.array([0.4, 0.4, 0.2])
    perplexity = 2 ** -(p * np.log2(p)).sum()
    P, sigma = tsne.conditional_probabilities(D, perplexity)
    np.testing.assert_allclose(P[0], [0, 0.4, 0.4, 0.2], atol=1e-9)
    np.testing.assert_allclose(sigma, np.sqrt(1 / (2 * np.log(2))), rtol=1e-8)
    np.testing.assert_allclose(tsne.joint_probabilities(D, perplexity)[0], [0, 0.1, 0.1, 0.05],
                               atol=1e-10)


def test_sigma_is_smaller_where_the_data_are_dense():
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(0, 0.1, (30, 2)), rng.normal(5, 2.0, (30, 2))]
    _, sigma = tsne.conditional_probabilities(_sq(X), 10.0)
    assert sigma[:30].max() < sigma[30:].min()


def test_student_t_probabilities_by_hand():
    """Three points at 0, 1, 2: kernels 1/2, 1/2, 1/5; their sum over ordered pairs is 2.4."""
    Q = tsne.embedding_probabilities([[0.0], [1.0], [2.0]])
    np.testing.assert_allclose(Q, np.array([[0, 5, 2], [5, 0, 5], [2, 5, 0]]) / 24, rtol=1e-14)


def test_gradient_by_hand():
    """grad_1 = 4 [(4/24 - 5/24)(1/2)(-1) + (4/24 - 2/24)(1/5)(-2)] = 4 (1/48 - 1/30) = -1/20."""
    P = (np.ones((3, 3)) - np.eye(3)) / 6
    np.testing.assert_allclose(tsne.kl_gradient(P, [[0.0], [1.0], [2.0]]), [[-0.05], [0], [0.05]],
                               atol=1e-15)


@pytest.mark.parametrize("d", [1, 2, 3])
def test_gradient_matches_finite_differences(d):
    rng = np.random.default_rng(d)
    P = tsne.joint_probabilities(_sq(rng.normal(size=(12, 4))), 4.0)
    Y = rng.normal(size=(12, d))
    numerical = numerical_gradient(lambda y: tsne.kl_divergence(P, y), Y)
    np.testing.assert_allclose(tsne.kl_gradient(P, Y), numerical, rtol=1e-6, atol=1e-9)


def test_kl_and_gradient_equal_sklearns():
    X, _ = _digits(10)
    P = tsne.joint_probabilities(_sq(X), 15.0)
    Y = np.random.default_rng(1).normal(scale=3, size=(len(X), 2))
    kl, grad = _kl_divergence(Y.ravel(), squareform(P, checks=False), 1, len(X), 2)
    assert tsne.kl_divergence(P, Y) == pytest.approx(kl, rel=1e-10)
    np.testing.assert_allclose(tsne.kl_gradient(P, Y), grad.reshape(Y.shape), rtol=1e-9,
                               atol=1e-15)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(4, 25), frac=st.floats(0.05, 0.95))
def test_P_and_Q_are_symmetric_distributions(seed, m, frac):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 3))
    perplexity = 1 + frac * (m - 2)                  # strictly inside (1, m - 1)
    P = tsne.joint_probabilities(_sq(X), perplexity)
    Q = tsne.embedding_probabilities(rng.normal(size=(m, 2)))
    for M in (P, Q):
        np.testing.assert_allclose(M, M.T, atol=1e-15)
        assert M.sum() == pytest.approx(1, abs=1e-12)
        assert np.all(np.diag(M) == 0) and np.all(M >= 0)
    assert tsne.kl_divergence(P, rng.normal(size=(m, 2))) >= 0


def test_kl_is_zero_only_when_P_equals_Q():
    Y = np.random.default_rng(0).normal(size=(8, 2))
    Q = tsne.embedding_probabilities(Y)
    assert tsne.kl_divergence(Q, Y) == pytest.approx(0, abs=1e-14)
    np.testing.assert_allclose(tsne.kl_gradient(Q, Y), 0, atol=1e-15)


@pytest.mark.parametrize("k", [1, 5, 12])
def test_trustworthiness_equals_sklearns(k):
    X, _ = _digits(15)
    rng = np.random.default_rng(k)
    for Y in (X[:, :2] + rng.normal(scale=0.1, size=(len(X), 2)), rng.normal(size=(len(X), 2)),
              tsne.tsne(X, perplexity=10.0, n_iter=150, rng=0).Y):
        assert tsne.trustworthiness(X, Y, k) == sk_trustworthiness(X, Y, n_neighbors=k)


def test_trustworthiness_is_one_for_the_data_itself_and_low_for_noise():
    X = np.random.default_rng(0).normal(size=(80, 3))
    assert tsne.trustworthiness(X, X, 5) == 1.0
    assert tsne.trustworthiness(X, np.random.default_rng(1).normal(size=(80, 2)), 5) < 0.65


def test_tsne_separates_digit_classes_better_than_chance_and_keeps_neighbours():
    X, y = _digits(20)
    Y, kl = tsne.tsne(X, perplexity=20.0, learning_rate=20.0, rng=0)
    assert Y.shape == (200, 2) and kl.shape == (301,)
    assert kl[-1] < kl[100] and kl[-1] == pytest.approx(tsne.kl_divergence(
        tsne.joint_probabilities(_sq(X), 20.0), Y), rel=1e-9)
    assert tsne.trustworthiness(X, Y, 10) > 0.95
    # nearest neighbour in the map has the same class for most points
    D = _sq(Y) + np.diag(np.full(len(Y), np.inf))
    assert np.mean(y[D.argmin(axis=1)] == y) > 0.9


def test_tsne_is_reproducible_from_the_seed_and_differs_across_seeds():
    X, _ = _digits(5)
    a, b, c = (tsne.tsne(X, perplexity=5.0, n_iter=50, rng=s).Y for s in (0, 0, 1))
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_bad_input_is_refused():
    D = _sq(np.random.default_rng(0).normal(size=(10, 2)))
    for p in (10.0, 9.0, 1.0, 0.5):                       # must lie in (1, m - 1) = (1, 9)
        with pytest.raises(ValueError, match="perplexity"):
            tsne.joint_probabilities(D, p)
    for p in (0.0, -3.0, np.nan):
        with pytest.raises(ValueError, match="perplexity"):
            tsne.conditional_probabilities(D, p)
    with pytest.raises(ValueError, match="sq_distances"):
        tsne.joint_probabilities(D[:, :5], 2.0)
    with pytest.raises(ValueError, match="sq_distances"):
        tsne.joint_probabilities(-D, 2.0)
    with pytest.raises(ValueError, match="sq_distances"):
        tsne.joint_probabilities(np.where(np.eye(10) > 0, np.nan, D), 2.0)
    with pytest.raises(ValueError, match="X must have at least 3 rows"):
        tsne.tsne([[0.0, 1.0], [1.0, 0.0]], perplexity=1.5)
    with pytest.raises(ValueError, match="X"):
        tsne.tsne([[0.0, np.nan], [1.0, 0.0], [2.0, 2.0]], perplexity=1.5)
    with pytest.raises(ValueError, match="P must have shape"):
        tsne.kl_gradient(np.eye(3), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="P must be >= 0"):
        tsne.kl_divergence(-np.ones((3, 3)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match="k must be less than"):
        tsne.trustworthiness(np.zeros((10, 2)), np.zeros((10, 2)), k=5)
    with pytest.raises(ValueError, match="Y must have one row per row of X"):
        tsne.trustworthiness(np.zeros((10, 2)), np.zeros((9, 2)), k=2)
    with pytest.raises(TypeError, match="rng"):
        tsne.tsne(np.zeros((5, 2)), perplexity=2.0, rng=None)


def test_squared_distances_equal_scipys():
    X = np.random.default_rng(0).normal(size=(30, 4))
    np.testing.assert_allclose(tsne.squared_distances(X), _sq(X), atol=1e-12)
    D = load_digits().data[:50]                       # integer data: exact
    np.testing.assert_array_equal(tsne.squared_distances(D), _sq(D))
