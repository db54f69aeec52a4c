"""PCA: scikit-learn's PCA and KernelPCA as oracles, the worked 10 x 2 example by hand,
reconstruction error = discarded eigenvalues, whitening, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.decomposition import PCA as SkPCA
from sklearn.decomposition import KernelPCA

from mlcheatsheet.unsupervised import pca

LOADERS = [load_iris, load_wine, load_breast_cancer, load_digits]
IDS = ["iris", "wine", "breast_cancer", "digits"]


def _separated(variance, rel_gap=1e-6):
    """Components whose eigenvalue is non-zero and apart from its neighbours' (so defined)."""
    scale = variance[0]
    gaps = np.abs(np.diff(variance))
    left = np.r_[np.inf, gaps]
    right = np.r_[gaps, np.inf]
    return (variance > 1e-10 * scale) & (np.minimum(left, right) > rel_gap * scale)


def _align(A, B):
    """Flip the sign of each row of B to match A (components are defined up to sign)."""
    return B * np.sign((A * B).sum(axis=1))[:, None]


@pytest.mark.parametrize("load", LOADERS, ids=IDS)
def test_components_and_variance_ratio_match_sklearn(load):
    X = load().data
    ours, theirs = pca.fit_pca(X), SkPCA(svd_solver="full").fit(X)
    keep = _separated(ours.explained_variance)
    assert keep[:2].all()
    A, B = ours.components[keep], _align(ours.components[keep], theirs.components_[keep])
    assert np.abs(A - B).max() <= 1e-10
    assert np.abs(ours.explained_variance_ratio - theirs.explained_variance_ratio_).max() <= 1e-12
    np.testing.assert_allclose(ours.explained_variance, theirs.explained_variance_,
                               rtol=1e-10, atol=1e-10 * ours.explained_variance[0])


@pytest.mark.parametrize("whiten", [False, True], ids=["plain", "whitened"])
@pytest.mark.parametrize("load", [load_iris, load_wine], ids=["iris", "wine"])
def test_projection_and_reconstruction_match_sklearn(load, whiten):
    X, k = load().data, 2
    ours = pca.fit_pca(X)
    sk = SkPCA(n_components=k, whiten=whiten, svd_solver="full").fit(X)
    Z = pca.project(ours, X, k, whiten=whiten)
    Zs = sk.transform(X)
    Zs = Zs * np.sign((Z * Zs).sum(axis=0))
    np.testing.assert_allclose(Z, Zs, atol=1e-9)
    np.testing.assert_allclose(pca.reconstruct(ours, Z, whiten=whiten), sk.inverse_transform(sk.transform(X)),
                               atol=1e-9)


def test_whitened_training_coordinates_have_identity_covariance():
    X = load_wine().data
    Z = pca.project(pca.fit_pca(X), X, 5, whiten=True)
    np.testing.assert_allclose(np.cov(Z, rowvar=False), np.eye(5), atol=1e-10)


@pytest.mark.parametrize("load", LOADERS, ids=IDS)
def test_components_for_99_percent_match_sklearn(load):
    X = load().data
    assert pca.components_for_variance(pca.fit_pca(X), 0.99) == \
        SkPCA(n_components=0.99, svd_solver="full").fit(X).n_components_


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(3, 30), n=st.integers(1, 8), data=st.data())
def test_reconstruction_error_is_the_sum_of_the_discarded_eigenvalues(seed, m, n, data):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) @ rng.normal(size=(n, n)) + rng.normal(size=n) * 5
    model = pca.fit_pca(X)
    k = data.draw(st.integers(1, len(model.components)))
    error = ((X - pca.reconstruct(model, pca.project(model, X, k))) ** 2).sum()
    discarded = (len(X) - 1) * model.explained_variance[k:].sum()
    assert error == pytest.approx(discarded, rel=1e-8, abs=1e-9 * (X**2).sum())


def test_components_are_orthonormal_and_signed():
    model = pca.fit_pca(load_breast_cancer().data)
    V = model.components
    np.testing.assert_allclose(V @ V.T, np.eye(len(V)), atol=1e-12)
    assert np.all(V[np.arange(len(V)), np.abs(V).argmax(axis=1)] > 0)


# --- the worked example of Ng's course notes, by hand ----------------------------------------


def test_worked_10x2_example_by_hand():
    X = pca.WORKED_EXAMPLE
    model = pca.fit_pca(X)
    # the numbers Ng's course notes kept: means, the first centred row, the eigenpairs
    np.testing.assert_allclose(model.mean, [1.81, 1.91], atol=1e-12)
    np.testing.assert_allclose(X[0] - model.mean, [0.69, 0.49], atol=1e-12)
    np.testing.assert_allclose(sorted(model.explained_variance), [0.0490833989, 1.28402771],
                               atol=1e-9)
    np.testing.assert_allclose(model.components[0], [0.677873399, 0.735178656], atol=1e-9)
    # the covariance by hand: sums of products of the centred columns over m - 1 = 9
    Xc = X - [1.81, 1.91]
    cov = [[(Xc[:, 0] ** 2).sum() / 9, (Xc[:, 0] * Xc[:, 1]).sum() / 9],
           [(Xc[:, 0] * Xc[:, 1]).sum() / 9, (Xc[:, 1] ** 2).sum() / 9]]
    np.testing.assert_allclose(cov, [[5.549 / 9, 5.539 / 9], [5.539 / 9, 6.449 / 9]], atol=1e-12)
    # the eigenvalues of a symmetric 2 x 2 matrix [[a, b], [b, d]] in closed form
    a, b, d = 5.549 / 9, 5.539 / 9, 6.449 / 9
    root = np.sqrt(((a - d) / 2) ** 2 + b**2)
    np.testing.assert_allclose(model.explained_variance, [(a + d) / 2 + root, (a + d) / 2 - root],
                               rtol=1e-12)
    # the projection the notes lost, as Smith's tutorial prints it (with the opposite sign)
    smith = [-0.827970186, 1.77758033, -0.992197494, -0.274210416, -1.67580142,
             -0.912949103, 0.0991094375, 1.14457216, 0.438046137, 1.22382056]
    np.testing.assert_allclose(-pca.project(model, X, 1).ravel(), smith, atol=1e-8)


def test_covariance_has_units_unlike_the_correlation():
    """Ng's course notes call the covariance unitless; rescaling a feature rescales it."""
    X = pca.WORKED_EXAMPLE
    scaled = X * [100.0, 1.0]                   # "learn" in other units
    assert np.cov(scaled, rowvar=False)[0, 1] == pytest.approx(100 * np.cov(X, rowvar=False)[0, 1])
    assert np.corrcoef(scaled, rowvar=False)[0, 1] == pytest.approx(np.corrcoef(X, rowvar=False)[0, 1])


# --- kernel PCA ----------------------------------------------------------------------------


@pytest.mark.parametrize("kernel, params", [("rbf", {"gamma": 0.5}), ("linear", {}),
                                            ("polynomial", {"gamma": 0.1, "degree": 2})],
                         ids=["rbf", "linear", "polynomial"])
def test_kernel_pca_matches_sklearn(kernel, params):
    X = load_iris().data[::3]
    Z = pca.kernel_pca(X, 3, kernel=kernel, **params)
    sk = KernelPCA(3, kernel="poly" if kernel == "polynomial" else kernel, coef0=1.0,
                   eigen_solver="dense", **params).fit_transform(X)
    sk = sk * np.sign((Z * sk).sum(axis=0))
    np.testing.assert_allclose(Z, sk, atol=1e-8)


def test_linear_kernel_pca_is_pca():
    X = load_wine().data[:60]
    Z = pca.kernel_pca(X, 3, kernel="linear")
    P = pca.project(pca.fit_pca(X), X, 3)
    np.testing.assert_allclose(np.abs(Z), np.abs(P), atol=1e-8)


# --- bad input -----------------------------------------------------------------------------


def test_one_row_has_no_covariance():
    with pytest.raises(ValueError, match="at least 2 rows"):
        pca.fit_pca([[1.0, 2.0]])


def test_k_beyond_the_components_is_refused():
    model = pca.fit_pca(pca.WORKED_EXAMPLE)
    with pytest.raises(ValueError, match=r"k must be at most the number of components \(2\); got k=3"):
        pca.project(model, pca.WORKED_EXAMPLE, 3)


def test_whitening_a_zero_variance_component_is_refused():
    model = pca.fit_pca([[0, 0], [1, 1], [2, 2]])
    with pytest.raises(ValueError, match="component 1 has zero variance"):
        pca.project(model, [[0, 0]], 2, whiten=True)


def test_wrong_width_is_refused():
    model = pca.fit_pca(pca.WORKED_EXAMPLE)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        pca.project(model, [[1.0, 2.0, 3.0]], 1)
    with pytest.raises(ValueError, match="Z must have at most 2 columns"):
        pca.reconstruct(model, [[1.0, 2.0, 3.0]])
