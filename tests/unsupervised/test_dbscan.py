"""DBSCAN: scikit-learn's DBSCAN as oracle (identical labels), hand-worked golden labels,
moons where k-means fails, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import DBSCAN
from sklearn.datasets import load_iris, make_moons
from sklearn.metrics import adjusted_rand_score

from mlcheatsheet.unsupervised import dbscan as db
from mlcheatsheet.unsupervised import kmeans as km


@pytest.mark.parametrize("eps, min_samples", [(0.05, 3), (0.1, 5), (0.15, 5), (0.2, 10)])
def test_labels_identical_to_sklearn_on_moons(eps, min_samples):
    X, _ = make_moons(400, noise=0.08, random_state=0)
    labels, core = db.dbscan(X, eps, min_samples)
    sk = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    np.testing.assert_array_equal(labels, sk.labels_)
    np.testing.assert_array_equal(np.flatnonzero(core), sk.core_sample_indices_)


@pytest.mark.parametrize("eps, min_samples", [(0.3, 4), (0.45, 5), (0.8, 10)])
def test_labels_identical_to_sklearn_on_iris(eps, min_samples):
    X = load_iris().data
    np.testing.assert_array_equal(db.dbscan(X, eps, min_samples)[0],
                                  DBSCAN(eps=eps, min_samples=min_samples).fit(X).labels_)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), eps=st.floats(0.05, 1.5), min_samples=st.integers(1, 8))
def test_labels_identical_to_sklearn_on_random_blobs(seed, eps, min_samples):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 2)) + rng.integers(0, 3, size=(60, 1)) * 2.5
    np.testing.assert_array_equal(db.dbscan(X, eps, min_samples)[0],
                                  DBSCAN(eps=eps, min_samples=min_samples).fit(X).labels_)


def test_hand_worked_border_and_noise():
    # cores: 0 (neighbours 0, 1), 1 (0, 1, 2), 2 (1, 2); point 3 at 1.5 is within 0.6 of
    # nobody but itself; with min_samples=3 only point 1 is core and 0, 2 are its border
    X = [[0.0], [0.5], [1.0], [2.5]]
    assert db.dbscan(X, 0.6, 2)[0].tolist() == [0, 0, 0, -1]
    labels, core = db.dbscan(X, 0.6, 3)
    assert labels.tolist() == [0, 0, 0, -1] and core.tolist() == [False, True, False, False]
    assert db.dbscan(X, 0.6, 4)[0].tolist() == [-1, -1, -1, -1]


def test_moons_are_found_where_kmeans_fails():
    X, y = make_moons(400, noise=0.08, random_state=0)
    labels, _ = db.dbscan(X, 0.2, 10)
    assert adjusted_rand_score(y, labels) > 0.95 and set(labels) == {0, 1}
    assert adjusted_rand_score(y, km.kmeans(X, 2, rng=0)[0]) < 0.5


@pytest.mark.parametrize("eps", [0, -0.5])
def test_eps_must_be_positive(eps):
    with pytest.raises(ValueError, match="eps must be a finite number > 0"):
        db.dbscan([[0.0], [1.0]], eps)
