"""k-means: scikit-learn's KMeans, MiniBatchKMeans and silhouette as oracles, distortion monotone, golden clusters, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import load_digits, load_iris, load_wine
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics import silhouette_samples as sk_silhouette
from sklearn.metrics import silhouette_score as sk_silhouette_score

from mlcheatsheet.unsupervised import kmeans as km


@pytest.mark.parametrize("load, k", [(load_iris, 3), (load_wine, 3), (load_digits, 10)],
                         ids=["iris", "wine", "digits"])
def test_inertia_within_a_tenth_of_a_percent_of_sklearn(load, k):
    X = load().data
    ours = km.kmeans(X, k, n_init=10, rng=0)[2][-1]
    theirs = KMeans(k, init="k-means++", n_init=10, random_state=0).fit(X).inertia_
    assert abs(ours - theirs) <= 1e-3 * theirs


@pytest.mark.parametrize("load, k", [(load_iris, 3), (load_wine, 4)], ids=["iris", "wine"])
def test_same_partition_as_sklearn_from_the_same_centroids(load, k):
    X = load().data
    start = X[np.random.default_rng(1).choice(len(X), k, replace=False)]
    labels, centroids, _ = km.lloyd(X, start.copy())
    sk = KMeans(k, init=start, n_init=1, tol=0, max_iter=300).fit(X)
    assert adjusted_rand_score(labels, sk.labels_) == 1.0
    np.testing.assert_allclose(km.distortion(X, centroids), sk.inertia_, rtol=1e-10)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), k=st.integers(1, 6))
def test_distortion_never_increases(seed, k):
    X = np.random.default_rng(seed).normal(size=(40, 3))
    history = km.lloyd(X, km.kmeans_plusplus(X, k, rng=seed))[2]
    assert np.all(np.diff(history) <= 1e-9 * history[0])


def test_two_well_separated_clusters_have_their_known_centroids():
    rng = np.random.default_rng(0)
    offsets = rng.normal(size=(50, 2))
    offsets -= offsets.mean(axis=0)                     # each blob's mean is exactly its centre
    X = np.vstack([offsets + [-20, 0], offsets + [20, 5]])
    labels, centroids, _ = km.kmeans(X, 2, n_init=3, rng=0)
    np.testing.assert_allclose(sorted(centroids.tolist()), [[-20, 0], [20, 5]], atol=1e-12)
    assert len(set(labels[:50])) == 1 and len(set(labels[50:])) == 1


def test_kmeans_plusplus_picks_distinct_rows_and_is_reproducible():
    X = load_iris().data
    a, b = km.kmeans_plusplus(X, 5, rng=3), km.kmeans_plusplus(X, 5, rng=3)
    np.testing.assert_array_equal(a, b)
    assert len(np.unique(a, axis=0)) == 5 and all((row == X).all(1).any() for row in a)


def test_silhouette_matches_sklearn_and_lies_in_minus_one_one():
    X = load_iris().data
    labels = km.kmeans(X, 4, rng=0)[0]
    s = km.silhouette_samples(X, labels)
    np.testing.assert_allclose(s, sk_silhouette(X, labels), atol=1e-10)
    assert np.all((-1 <= s) & (s <= 1))


def test_elbow_is_decreasing_and_starts_at_the_total_sum_of_squares():
    X = load_iris().data
    J = km.elbow(X, 6, n_init=3, rng=0)
    np.testing.assert_allclose(J[0], ((X - X.mean(axis=0)) ** 2).sum())
    assert np.all(np.diff(J) < 0)


def test_k_larger_than_the_distinct_points_is_refused():
    with pytest.raises(ValueError, match=r"k must be at most the number of distinct points in X \(2\)"):
        km.kmeans([[0, 0], [0, 0], [1, 1]], 3)


def test_centroids_of_the_wrong_width_are_refused():
    with pytest.raises(ValueError, match="centroids must have shape"):
        km.lloyd([[0, 0], [1, 1]], [[0, 0, 0]])


def test_labels_must_name_two_clusters():
    with pytest.raises(ValueError, match="labels must name at least 2 clusters"):
        km.silhouette_samples([[0.0], [1.0], [2.0]], [0, 0, 0])


def test_data_far_from_the_origin_give_the_same_partition_and_distortion():
    """lloyd centres the data, so the ||x||^2 - 2 x.mu + ||mu||^2 form loses no digits."""
    X = load_iris().data
    start = X[[0, 50, 100]] + np.random.default_rng(0).uniform(0, 0.1, size=(3, 4))  # no ties
    labels, centroids, history = km.lloyd(X, start.copy())
    far_labels, far_centroids, far_history = km.lloyd(X + 1e6, start + 1e6)
    np.testing.assert_array_equal(far_labels, labels)
    np.testing.assert_allclose(far_centroids - 1e6, centroids, atol=1e-8)
    np.testing.assert_allclose(far_history, history, rtol=1e-9)


def test_history_is_the_distortion_of_each_assignment():
    """The history's closed form equals the direct sum of squared distances."""
    X = load_wine().data
    start = X[np.random.default_rng(2).choice(len(X), 4, replace=False)]
    *_, history = km.lloyd(X, start.copy(), max_iter=1)
    direct = ((X[:, None, :] - start[None]) ** 2).sum(-1).min(1).sum()
    np.testing.assert_allclose(history[0], direct, rtol=1e-12)


# --- bisecting k-means ---------------------------------------------------------------------


@pytest.mark.parametrize("load, k", [(load_iris, 3), (load_wine, 3), (load_digits, 10)],
                         ids=["iris", "wine", "digits"])
def test_bisecting_is_no_worse_than_sklearns_biggest_inertia_strategy(load, k):
    from sklearn.cluster import BisectingKMeans

    X = load().data
    labels, centroids, history = km.bisecting_kmeans(X, k, rng=0)
    theirs = BisectingKMeans(k, random_state=0, bisecting_strategy="biggest_inertia").fit(X)
    assert history[-1] <= 1.01 * theirs.inertia_
    assert len(set(labels)) == k and len(history) == k
    partition_sse = sum(((X[labels == c] - centroids[c]) ** 2).sum() for c in range(k))
    np.testing.assert_allclose(history[-1], partition_sse, rtol=1e-9)   # J of the tree's split
    assert km.distortion(X, centroids) <= history[-1] + 1e-9           # nearest centroid: lower
    assert np.all(np.diff(history) < 0)


def test_bisecting_splits_the_cluster_that_gains_most():
    # a wide pair of blobs (splitting it gains a lot) and a tight single blob
    rng = np.random.default_rng(0)
    wide = np.vstack([rng.normal(size=(30, 2)) * 0.1 + [-10, 0], rng.normal(size=(30, 2)) * 0.1 + [10, 0]])
    tight = rng.normal(size=(30, 2)) * 0.1 + [0, 50]
    X = np.vstack([wide, tight])
    labels = km.bisecting_kmeans(X, 3, rng=0)[0]
    assert len({*labels[:30]}) == len({*labels[30:60]}) == len({*labels[60:]}) == 1
    assert len({labels[0], labels[30], labels[60]}) == 3


def _wine_standardized():
    X = load_wine().data
    return (X - X.mean(axis=0)) / X.std(axis=0)


def _iris():
    return load_iris().data


def _digits():
    return load_digits().data


# --- choosing K: silhouette score, elbow, variance explained ------------------------------


@pytest.mark.parametrize("load, k", [(_iris, 2), (_wine_standardized, 3), (_digits, 10)],
                         ids=["iris", "wine", "digits"])
def test_silhouette_score_matches_sklearn(load, k):
    X = load()
    labels = km.kmeans(X, k, n_init=3, rng=0)[0]
    np.testing.assert_allclose(km.silhouette_score(X, labels), sk_silhouette_score(X, labels),
                               atol=1e-10)
    np.testing.assert_allclose(km.silhouette_score(X, labels),
                               km.silhouette_samples(X, labels).mean(), rtol=1e-15)


def test_silhouette_of_a_point_by_hand():
    # the point 0 has a = mean(1, 2) = 1.5 in its cluster and b = mean(10, 11) = 10.5
    X, labels = [[0.0], [1.0], [2.0], [10.0], [11.0]], [0, 0, 0, 1, 1]
    assert km.silhouette_samples(X, labels)[0] == pytest.approx((10.5 - 1.5) / 10.5)


@pytest.mark.parametrize("load", [_iris, _wine_standardized], ids=["iris", "wine"])
def test_elbow_matches_sklearn_inertia_at_every_k(load):
    X = load()
    J = km.elbow(X, 8, n_init=10, rng=0)
    sk = np.array([KMeans(k, n_init=10, random_state=0).fit(X).inertia_ for k in range(1, 9)])
    np.testing.assert_allclose(J[:3], sk[:3], rtol=1e-3)   # both find the same optimum
    np.testing.assert_allclose(J, sk, rtol=0.015)          # larger K: nearby local optima


def test_variance_explained_is_one_minus_inertia_over_total_and_grows():
    X = _wine_standardized()
    R = km.variance_explained(X, 6, n_init=5, rng=0)
    total = ((X - X.mean(axis=0)) ** 2).sum()
    np.testing.assert_allclose(R, 1 - km.elbow(X, 6, n_init=5, rng=0) / total, rtol=1e-12)
    assert R[0] == 0 and np.all(np.diff(R) > 0) and R[-1] < 1


def test_silhouette_prefers_three_clusters_on_the_standardized_wine_data():
    X = _wine_standardized()
    scores = [km.silhouette_score(X, km.kmeans(X, k, rng=0)[0]) for k in range(2, 9)]
    assert int(np.argmax(scores)) + 2 == 3
    assert adjusted_rand_score(load_wine().target, km.kmeans(X, 3, rng=0)[0]) > 0.85


def test_variance_explained_refuses_constant_data():
    with pytest.raises(ValueError, match="X must have at least two distinct rows"):
        km.variance_explained([[1.0, 2.0], [1.0, 2.0]], 1)


# --- mini-batch k-means --------------------------------------------------------------------


def _sculley_one_point_at_a_time(X, k, batch_size, n_iter, seed):
    """Sculley's Algorithm 1 literally: per-point updates with eta = 1 / v[c]."""
    rng = np.random.default_rng(seed)
    C = km.kmeans_plusplus(X, k, rng=rng).astype(float)
    v = np.zeros(k)
    for _ in range(n_iter):
        M = X[rng.integers(len(X), size=batch_size)]
        d = [int(np.argmin(((C - x) ** 2).sum(axis=1))) for x in M]    # cache the centres
        for x, c in zip(M, d):
            v[c] += 1
            eta = 1 / v[c]
            C[c] = (1 - eta) * C[c] + eta * x
    return C


@pytest.mark.parametrize("batch_size, n_iter", [(1, 200), (10, 30), (100, 20)])
def test_minibatch_is_sculleys_per_point_update_with_rate_one_over_count(batch_size, n_iter):
    X = load_iris().data
    ours = km.minibatch_kmeans(X, 3, batch_size=batch_size, n_iter=n_iter, rng=4)[1]
    np.testing.assert_allclose(ours, _sculley_one_point_at_a_time(X, 3, batch_size, n_iter, 4),
                               rtol=1e-12, atol=1e-12)


def test_minibatch_centroid_is_the_mean_of_every_point_it_was_given():
    # two far-apart blobs: each batch point goes to its own blob's centroid, so after
    # the updates a centroid is the plain mean of all the points it has been handed
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(40, 2)) + [-50, 0], rng.normal(size=(40, 2)) + [50, 0]])
    labels, C, _ = km.minibatch_kmeans(X, 2, batch_size=80, n_iter=1, rng=1)
    draw = np.random.default_rng(1)
    km.kmeans_plusplus(X, 2, rng=draw)                  # the same stream: seeds, then the batch
    batch = X[draw.integers(len(X), size=80)]
    for c in C:
        side = np.sign(c[0])
        np.testing.assert_allclose(c, batch[np.sign(batch[:, 0]) == side].mean(axis=0), rtol=1e-12)


@pytest.mark.parametrize("load, k", [(_iris, 3), (_wine_standardized, 3), (_digits, 10)],
                         ids=["iris", "wine", "digits"])
def test_minibatch_inertia_close_to_full_kmeans_and_to_sklearns_minibatch(load, k):
    """Tolerances: mean over five seeds within 5 % of full k-means, within 3 % of sklearn."""
    X = load()
    full = KMeans(k, n_init=10, random_state=0).fit(X).inertia_
    ours = np.mean([km.distortion(X, km.minibatch_kmeans(X, k, 100, 100, rng=s)[1])
                    for s in range(5)])
    theirs = np.mean([MiniBatchKMeans(k, batch_size=100, max_iter=100, n_init=1,
                                      random_state=s).fit(X).inertia_ for s in range(5)])
    assert full <= ours <= 1.05 * full
    assert abs(ours - theirs) <= 0.03 * full


def test_minibatch_is_reproducible_and_labels_are_the_nearest_centroid():
    X = load_iris().data
    a, b = km.minibatch_kmeans(X, 3, rng=7), km.minibatch_kmeans(X, 3, rng=7)
    np.testing.assert_array_equal(a[1], b[1])
    labels, C, history = a
    np.testing.assert_array_equal(labels, ((X[:, None] - C[None]) ** 2).sum(-1).argmin(1))
    assert len(history) == 100 and all(h >= 0 for h in history)
