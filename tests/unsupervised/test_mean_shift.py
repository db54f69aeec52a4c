"""Mean shift: scikit-learn's MeanShift and KernelDensity as oracles, the step as a density gradient."""

import numpy as np
import pytest
from _gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import MeanShift, estimate_bandwidth
from sklearn.datasets import load_iris, load_wine, make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import KernelDensity

from mlcheatsheet.unsupervised import mean_shift as ms


def _iris():
    return load_iris().data


def _iris_petals():
    return load_iris().data[:, 2:]


def _wine_standardized():
    X = load_wine().data
    return (X - X.mean(axis=0)) / X.std(axis=0)


def _blobs():
    return make_blobs(300, centers=[[0, 0], [4, 0], [2, 3]], cluster_std=[0.6, 0.9, 0.5],
                      random_state=0)[0]


DATA = {"iris": _iris, "iris-petals": _iris_petals, "wine": _wine_standardized, "blobs": _blobs}


@pytest.mark.parametrize("scale", [0.6, 0.8, 1.0])
@pytest.mark.parametrize("name", DATA)
def test_flat_kernel_centres_and_labels_equal_sklearns_meanshift(name, scale):
    X = DATA[name]()
    h = scale * estimate_bandwidth(X, random_state=0)
    labels, centres = ms.mean_shift(X, h)
    sk = MeanShift(bandwidth=h).fit(X)
    assert centres.shape == sk.cluster_centers_.shape
    np.testing.assert_allclose(centres, sk.cluster_centers_, atol=1e-12)
    np.testing.assert_array_equal(labels, sk.labels_)


@pytest.mark.parametrize("kernel", ["gaussian", "epanechnikov"])
@pytest.mark.parametrize("h", [0.3, 1.0])
def test_density_matches_sklearns_kernel_density(kernel, h):
    X = _iris_petals()
    points = np.random.default_rng(0).uniform([1, 0], [7, 2.5], size=(20, 2))
    theirs = np.exp(KernelDensity(kernel=kernel, bandwidth=h).fit(X).score_samples(points))
    np.testing.assert_allclose(ms.density(X, points, h, kernel), theirs, rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize("h", [0.3, 0.7])
def test_gaussian_step_is_h_squared_times_the_gradient_of_log_density(h):
    X = _iris_petals()
    for y in np.random.default_rng(1).uniform([1, 0], [7, 2.5], size=(5, 2)):
        grad = numerical_gradient(lambda p: np.log(ms.density(X, p[None], h)[0]), y)
        step = ms.shift(X, y[None], h, "gaussian")[0] - y
        np.testing.assert_allclose(step, h**2 * grad, rtol=1e-6, atol=1e-9)


def test_flat_step_points_up_the_gradient_of_the_epanechnikov_density():
    """grad f_E(y) = 2 c n_in (m(y) - y) / (m h^(n+2)), with c = (n + 2) / (2 V_n)."""
    X, h = _iris_petals(), 0.8
    m, n = X.shape
    c = (n + 2) / (2 * np.pi)                 # V_2 = pi, the area of the unit disc
    for y in np.random.default_rng(2).uniform([1, 0], [7, 2.5], size=(5, 2)):
        inside = (((X - y) ** 2).sum(axis=1) <= h**2).sum()
        if inside == 0:
            continue
        grad = numerical_gradient(lambda p: ms.density(X, p[None], h, "epanechnikov")[0], y)
        step = ms.shift(X, y[None], h)[0] - y
        np.testing.assert_allclose(step, m * h ** (n + 2) * grad / (2 * c * inside), rtol=1e-6,
                                   atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), h=st.floats(0.2, 2.0))
def test_a_gaussian_step_never_lowers_the_density(seed, h):
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=(4, 2)) * 2
    before = ms.density(X, y, h)
    after = ms.density(X, ms.shift(X, y, h, "gaussian"), h)
    assert np.all(after >= before * (1 - 1e-12))


def test_gaussian_centres_are_modes_where_the_step_is_tiny():
    X, h = _iris_petals(), 0.2
    labels, centres = ms.mean_shift(X, h, "gaussian")
    steps = np.linalg.norm(ms.shift(X, centres, h, "gaussian") - centres, axis=1)
    assert np.all(steps <= 1e-3 * h)
    assert len(centres) == len(set(labels)) == 4


def test_two_symmetric_groups_have_their_centres_as_modes():
    X = np.array([[-1.0], [0.0], [1.0], [99.0], [100.0], [101.0]])
    for kernel, h in [("flat", 1.5), ("gaussian", 1.0)]:
        labels, centres = ms.mean_shift(X, h, kernel)
        np.testing.assert_allclose(sorted(centres.ravel()), [0, 100], atol=1e-3 * h)
        assert labels.tolist() in ([0, 0, 0, 1, 1, 1], [1, 1, 1, 0, 0, 0])


def test_both_kernels_find_the_three_blobs():
    X, y = make_blobs(300, centers=[[0, 0], [4, 0], [2, 3]], cluster_std=[0.6, 0.9, 0.5],
                      random_state=0)
    for kernel, h in [("flat", 1.5), ("gaussian", 0.7)]:
        labels, centres = ms.mean_shift(X, h, kernel)
        assert len(centres) == 3 and adjusted_rand_score(y, labels) > 0.8


def test_the_bandwidth_sets_the_number_of_clusters():
    X = _iris_petals()
    counts = [len(ms.mean_shift(X, h)[1]) for h in (0.2, 0.4, 0.6, 1.0)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_a_point_with_no_neighbours_stays_put():
    np.testing.assert_array_equal(ms.shift([[0.0], [1.0]], [[10.0]], 1.0), [[10.0]])


def test_bad_bandwidth_kernel_and_width_are_refused():
    with pytest.raises(ValueError, match="bandwidth"):
        ms.mean_shift([[0.0], [1.0]], 0)
    with pytest.raises(ValueError, match="kernel"):
        ms.mean_shift([[0.0], [1.0]], 1.0, kernel="triangle")
    with pytest.raises(ValueError, match="points must have 2 columns"):
        ms.shift([[0.0, 0.0]], [[0.0]], 1.0)
