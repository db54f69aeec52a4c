"""SVMs: the kernel trick, a golden SMO step, scikit-learn oracles (SVC, LinearSVC), bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn import datasets
from sklearn.metrics.pairwise import pairwise_kernels
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC

from mlcheatsheet.algorithms import svm

FINITE = st.floats(-10, 10, allow_nan=False)


@settings(max_examples=50, deadline=None)
@given(arrays(float, (5, 2), elements=FINITE), arrays(float, (4, 2), elements=FINITE))
def test_kernel_trick_quadratic_kernel_is_an_inner_product_of_phi(X, Z):
    K = svm.kernel_matrix(X, Z, kernel="polynomial", degree=2, gamma=1.0, coef0=0.0)
    phi = svm.quadratic_features(X) @ svm.quadratic_features(Z).T
    np.testing.assert_allclose(K, phi, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(K, (X @ Z.T) ** 2, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("kernel, sk_kernel, kw", [
    ("linear", "linear", {}), ("polynomial", "poly", dict(degree=3, gamma=0.5, coef0=1.0)),
    ("rbf", "rbf", dict(gamma=0.3)), ("sigmoid", "sigmoid", dict(gamma=0.2, coef0=0.5))])
def test_kernels_match_scikit_learn(kernel, sk_kernel, kw):
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(6, 3)), rng.normal(size=(4, 3))
    np.testing.assert_allclose(svm.kernel_matrix(A, B, kernel=kernel, **kw),
                               pairwise_kernels(A, B, metric=sk_kernel, **kw), rtol=1e-12)


def test_one_smo_step_by_hand():
    """x = 0 (y = -1), x = 2 (y = +1), linear kernel. alpha = 0, gradient -1 for both.
    The violating pair is (i = 1, j = 0); the step t = (1 - (-1)) / (K11 + K00 - 2K01) = 2/4
    gives alpha = (0.5, 0.5), w = 0.5 * 2 = 1, b = -1: the boundary at x = 1, margin 2/|w| = 2."""
    model = svm.fit_kernel_svm([[0.0], [2.0]], [-1, 1], kernel="linear", C=10.0, max_iter=1)
    np.testing.assert_allclose(model.dual_coef, [-0.5, 0.5])
    assert model.b == pytest.approx(-1.0)
    assert svm.margin_width(model) == pytest.approx(2.0)
    assert svm.fit_kernel_svm([[0.0], [2.0]], [-1, 1], kernel="linear", C=10.0).n_iter == 2


def _cancer():
    X, y = datasets.load_breast_cancer(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    order = np.random.default_rng(0).permutation(y.size)
    return X[order[:398]], y[order[:398]], X[order[398:]], y[order[398:]]


@pytest.mark.parametrize("kernel, sk_kernel, kw", [
    ("linear", "linear", {}), ("rbf", "rbf", dict(gamma=0.05)),
    ("polynomial", "poly", dict(degree=2, gamma=0.1, coef0=1.0))])
def test_smo_matches_scikit_learn_svc(kernel, sk_kernel, kw):
    X_tr, y_tr, X_te, _ = _cancer()
    ours = svm.fit_kernel_svm(X_tr, y_tr, C=1.0, kernel=kernel, **kw)
    sk = SVC(C=1.0, kernel=sk_kernel, **kw).fit(X_tr, y_tr)
    np.testing.assert_array_equal(np.sort(ours.support), np.sort(sk.support_))
    f_ours, f_sk = svm.decision_function(ours, X_te), sk.decision_function(X_te)
    # both solvers stop at a KKT violation of 1e-3: the functions agree to that order
    tol = 0.05
    assert np.max(np.abs(f_ours - f_sk)) < tol
    # so the labels agree wherever scikit-learn's decision value is clear of that tolerance;
    # a point within it may fall either side (it does with another BLAS summation order)
    clear = np.abs(f_sk) > tol
    assert clear.mean() > 0.95
    np.testing.assert_array_equal(svm.predict(ours, X_te)[clear], sk.predict(X_te)[clear])


def test_pegasos_within_one_point_of_linear_svc():
    X_tr, y_tr, X_te, y_te = _cancer()
    C = 1.0
    ours = svm.fit_linear_svm(X_tr, y_tr, lam=1 / (C * y_tr.size), n_iter=5000, batch_size=64,
                              rng=0)
    sk = LinearSVC(C=C, loss="hinge", dual=True, max_iter=100_000).fit(X_tr, y_tr)
    acc_ours = np.mean(svm.predict(ours, X_te) == y_te)
    acc_sk = np.mean(sk.predict(X_te) == y_te)
    assert abs(acc_ours - acc_sk) <= 0.01


def test_hard_margin_width_is_the_gap_between_the_classes():
    # classes at x1 <= 0 and x1 >= 3 (any x2): the widest street is 3 wide
    X = np.array([[0.0, 0.0], [0.0, 2.0], [-1.0, 1.0], [3.0, 0.0], [3.0, 1.5], [4.0, 1.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = svm.fit_kernel_svm(X, y, kernel="linear", C=1e6, tol=1e-9)
    assert svm.margin_width(model) == pytest.approx(3.0, rel=1e-6)
    np.testing.assert_allclose(np.abs(svm.decision_function(model, X[model.support])), 1.0,
                               atol=1e-6)   # support vectors sit on the margin: the closest points


def test_bad_input():
    with pytest.raises(ValueError, match="y must hold exactly two classes"):
        svm.fit_kernel_svm([[0.0], [1.0], [2.0]], [0, 1, 2])
    with pytest.raises(ValueError, match="degree must be >= 1"):
        svm.kernel_matrix([[1.0]], [[1.0]], kernel="polynomial", degree=-2)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        svm.quadratic_features([[1.0, 2.0, 3.0]])
    rbf = svm.fit_kernel_svm([[0.0], [2.0]], [0, 1])
    with pytest.raises(ValueError, match="linear kernel"):
        svm.margin_width(rbf)
    with pytest.raises(TypeError, match="model must be a LinearSVM or KernelSVM"):
        svm.predict("svm", [[1.0]])
