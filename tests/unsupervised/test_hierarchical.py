"""Agglomerative clustering: SciPy's linkage and fcluster as oracles, a hand-worked table,
monotone merge heights, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import fcluster
from scipy.cluster.hierarchy import linkage as scipy_linkage
from sklearn.datasets import load_wine
from sklearn.metrics import adjusted_rand_score

from mlcheatsheet.unsupervised import hierarchical as hc


def _wine():
    X = load_wine().data
    return (X - X.mean(0)) / X.std(0)


def test_every_linkage_is_covered():
    assert set(hc.LINKAGES) == {"single", "complete", "average", "ward"}


@pytest.mark.parametrize("method", hc.LINKAGES)
def test_merge_table_is_scipys_on_wine(method):
    ours, theirs = hc.linkage(_wine(), method), scipy_linkage(_wine(), method)
    np.testing.assert_array_equal(ours[:, [0, 1, 3]], theirs[:, [0, 1, 3]])
    np.testing.assert_allclose(ours[:, 2], theirs[:, 2], rtol=1e-12, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(2, 40), method=st.sampled_from(hc.LINKAGES))
def test_merge_table_is_scipys_on_random_data(seed, m, method):
    X = np.random.default_rng(seed).normal(size=(m, 3))       # continuous: no ties
    ours, theirs = hc.linkage(X, method), scipy_linkage(X, method)
    np.testing.assert_array_equal(ours[:, [0, 1, 3]], theirs[:, [0, 1, 3]])
    np.testing.assert_allclose(ours[:, 2], theirs[:, 2], rtol=1e-10, atol=1e-12)
    assert np.all(np.diff(ours[:, 2]) >= -1e-12)              # merge heights never fall


@pytest.mark.parametrize("method", hc.LINKAGES)
@pytest.mark.parametrize("k", [1, 2, 3, 7])
def test_cut_is_scipys_fcluster(method, k):
    Z = hc.linkage(_wine(), method)
    labels = hc.cut(Z, k)
    assert len(set(labels)) == k
    assert adjusted_rand_score(labels, fcluster(Z, k, criterion="maxclust")) == 1.0


def test_hand_worked_table_on_four_points():
    # points 0, 1, 4, 10 on a line: merge {0,1} at 1; then single links {0,1} with 4 at 3,
    # complete at 4, average at (4 + 3) / 2; the last merge joins 10
    X = [[0.0], [1.0], [4.0], [10.0]]
    assert hc.linkage(X, "single").tolist() == [[0, 1, 1, 2], [2, 4, 3, 3], [3, 5, 6, 4]]
    assert hc.linkage(X, "complete").tolist() == [[0, 1, 1, 2], [2, 4, 4, 3], [3, 5, 10, 4]]
    assert hc.linkage(X, "average")[1].tolist() == [2, 4, 3.5, 3]
    # Ward's height for two points is their distance; for {0,1} with {4}:
    # sqrt(2 * n_a n_b / (n_a + n_b)) * |centroid gap| = sqrt(4 / 3) * 3.5
    assert hc.linkage(X, "ward")[1, 2] == pytest.approx(np.sqrt(4 / 3) * 3.5)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="at least 2 rows"):
        hc.linkage([[1.0, 2.0]])
    with pytest.raises(ValueError, match="k at most m"):
        hc.cut(hc.linkage([[0.0], [1.0]]), 3)
    with pytest.raises(ValueError, match="method must be one of"):
        hc.linkage([[0.0], [1.0]], "centroid")
