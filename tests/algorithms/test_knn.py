"""k-nearest neighbours: golden values, scikit-learn oracles, chunking, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import cdist
from sklearn import datasets
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

from mlcheatsheet.algorithms import knn

LOADERS = {"iris": datasets.load_iris, "wine": datasets.load_wine,
           "breast_cancer": datasets.load_breast_cancer, "digits": datasets.load_digits}
SCIPY = {"euclidean": "euclidean", "manhattan": "cityblock", "cosine": "cosine"}


def _split(name):
    X, y = LOADERS[name](return_X_y=True)
    order = np.random.default_rng(0).permutation(y.size)
    cut = int(0.7 * y.size)
    return X[order[:cut]], y[order[:cut]], X[order[cut:]], y[order[cut:]]


@pytest.mark.parametrize("metric", sorted(SCIPY))
def test_distances_match_scipy(metric):
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(7, 4)), rng.normal(size=(5, 4))
    np.testing.assert_allclose(knn.pairwise_distances(A, B, metric), cdist(A, B, SCIPY[metric]),
                               atol=1e-12)


def test_golden_vote_by_hand():
    # neighbours of 2.6 (k=3): 2 (d .6), 3 (d .4), 4 (d 1.4) with labels 0, 1, 1 -> 1
    X_train, y_train = [[0.0], [1.0], [2.0], [3.0], [4.0]], [0, 0, 0, 1, 1]
    assert knn.knn_classify(X_train, y_train, [[2.6]], k=3).tolist() == [1.0]
    # distance weights: 1/.6 + ... label 0 gets 1/0.6 = 1.67, label 1 gets 1/0.4 + 1/1.4 = 3.21
    assert knn.knn_classify(X_train, y_train, [[2.4]], k=3, weights="distance").tolist() == [0.0]
    assert knn.knn_regress(X_train, [0.0, 1.0, 2.0, 3.0, 4.0], [[2.4]], k=2).tolist() == [2.5]


def test_a_query_on_a_training_point_takes_its_label_with_distance_weights():
    X_train = [[0.0], [1.0], [1.1]]
    assert knn.knn_classify(X_train, [5, 7, 7], [[0.0]], k=3, weights="distance").tolist() == [5.0]


@pytest.mark.parametrize("name", sorted(LOADERS))
@pytest.mark.parametrize("metric", sorted(SCIPY))
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_identical_predictions_to_scikit_learn(name, metric, weights):
    X_tr, y_tr, X_te, _ = _split(name)
    ours = knn.knn_classify(X_tr, y_tr, X_te, k=5, metric=metric, weights=weights)
    sk = KNeighborsClassifier(5, metric=metric, weights=weights, algorithm="brute").fit(X_tr, y_tr)
    np.testing.assert_array_equal(ours, sk.predict(X_te))


@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_regression_matches_scikit_learn_on_diabetes(weights):
    X, y = datasets.load_diabetes(return_X_y=True)
    ours = knn.knn_regress(X[:300], y[:300], X[300:], k=7, weights=weights)
    sk = KNeighborsRegressor(7, weights=weights, algorithm="brute").fit(X[:300], y[:300])
    np.testing.assert_allclose(ours, sk.predict(X[300:]), rtol=1e-10)


def test_neighbours_match_scikit_learn():
    X_tr, y_tr, X_te, _ = _split("wine")
    d, i = knn.kneighbors(X_tr, X_te, k=4)
    d_sk, i_sk = KNeighborsClassifier(4, algorithm="brute").fit(X_tr, y_tr).kneighbors(X_te)
    np.testing.assert_allclose(d, d_sk, rtol=1e-9)
    np.testing.assert_array_equal(i, i_sk)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_chunking_does_not_change_the_answer(chunk_size, seed):
    rng = np.random.default_rng(seed)
    X_tr, X = rng.normal(size=(30, 3)), rng.normal(size=(41, 3))
    y_tr = rng.integers(0, 3, size=30)
    whole = knn.knn_classify(X_tr, y_tr, X, k=3, chunk_size=1000)
    np.testing.assert_array_equal(knn.knn_classify(X_tr, y_tr, X, k=3, chunk_size=chunk_size), whole)


def test_k_equal_to_the_training_set_votes_the_majority():
    y = [0, 1, 1, 1, 0]
    X_tr = np.arange(5.0)[:, None]
    assert knn.knn_classify(X_tr, y, [[100.0], [-100.0]], k=5).tolist() == [1.0, 1.0]


def test_bad_input():
    with pytest.raises(ValueError, match="k must be at most the number of training samples"):
        knn.knn_classify([[0.0], [1.0]], [0, 1], [[0.5]], k=3)
    with pytest.raises(ValueError, match="X_train and X must have the same number of columns"):
        knn.knn_classify([[0.0], [1.0]], [0, 1], [[0.5, 1.0]], k=1)
    with pytest.raises(ValueError, match="all-zero row"):
        knn.pairwise_distances([[0.0, 0.0]], [[1.0, 1.0]], metric="cosine")
    with pytest.raises(ValueError, match="X_train and y_train must have the same number"):
        knn.knn_classify([[0.0], [1.0]], [0, 1, 1], [[0.5]], k=1)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_partial_sort_finds_the_same_neighbours_as_a_full_stable_sort(k, seed):
    """Integer points: many equal distances, so ties at the k-th place are common."""
    rng = np.random.default_rng(seed)
    X_train = rng.integers(0, 3, size=(12, 2)).astype(float)
    X = rng.integers(0, 3, size=(6, 2)).astype(float)
    D = knn.pairwise_distances(X, X_train)
    expected = np.argsort(D, axis=1, kind="stable")[:, :k]
    dist, index = knn.kneighbors(X_train, X, k=k)
    np.testing.assert_array_equal(index, expected)
    np.testing.assert_array_equal(dist, np.take_along_axis(D, expected, axis=1))
