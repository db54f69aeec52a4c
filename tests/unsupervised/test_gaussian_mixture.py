"""Gaussian mixtures: scikit-learn's GaussianMixture from the same start as oracle, SciPy's
densities, EM's monotone log-likelihood, a golden two-cluster fit, singular covariances."""

import warnings

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from scipy.stats import multivariate_normal
from sklearn.datasets import load_iris, load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture as SkGMM

from mlcheatsheet.unsupervised import gaussian_mixture as gm


def _start(X, k, seed):
    return np.random.default_rng(seed).dirichlet(np.ones(k), size=len(X))


def _sklearn_from(model, covariance_type, max_iter, X):
    """scikit-learn's EM started from exactly our starting parameters."""
    cov = model.covariances
    precisions = 1 / cov if covariance_type == "diag" else np.linalg.inv(cov)
    sk = SkGMM(len(model.weights), covariance_type=covariance_type, weights_init=model.weights,
               means_init=model.means, precisions_init=precisions, max_iter=max_iter, tol=0,
               reg_covar=1e-6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return sk.fit(X)


@pytest.mark.parametrize("covariance_type", ["full", "diag"])
@pytest.mark.parametrize("load, k", [(load_iris, 3), (load_wine, 3)], ids=["iris", "wine"])
def test_final_log_likelihood_matches_sklearn_from_the_same_start(load, k, covariance_type):
    X = load().data
    X = (X - X.mean(0)) / X.std(0)
    resp = _start(X, k, seed=1)
    start = gm.m_step(X, resp, covariance_type)
    ours = gm.fit_gmm(X, k, covariance_type, max_iter=60, tol=0.0, resp=resp)
    sk = _sklearn_from(start, covariance_type, len(ours.history) - 1, X)
    assert abs(ours.history[-1] - sk.score(X)) <= 1e-6 * abs(sk.score(X))
    np.testing.assert_allclose(ours.weights, sk.weights_, atol=1e-6)
    np.testing.assert_allclose(ours.means, sk.means_, atol=1e-5)


def test_log_densities_match_scipy():
    X = load_iris().data
    for covariance_type in ("full", "diag"):
        model = gm.m_step(X, _start(X, 2, 0), covariance_type)
        _, resp = gm.e_step(model, X)
        cov = [np.diag(c) if covariance_type == "diag" else c for c in model.covariances]
        joint = np.column_stack([w * multivariate_normal(mu, c).pdf(X)
                                 for w, mu, c in zip(model.weights, model.means, cov)])
        np.testing.assert_allclose(resp, joint / joint.sum(1, keepdims=True), atol=1e-10)
        np.testing.assert_allclose(gm.score(model, X), np.log(joint.sum(1)).mean(), rtol=1e-12)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), k=st.integers(1, 4),
       covariance_type=st.sampled_from(["full", "diag"]))
def test_log_likelihood_never_decreases(seed, k, covariance_type):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(80, 2)) + rng.integers(0, 3, size=(80, 1)) * 3.0
    try:  # exact EM (no reg_covar) is monotone; a component may collapse, which is refused
        model = gm.fit_gmm(X, k, covariance_type, max_iter=40, tol=0.0, reg_covar=0.0,
                           resp=_start(X, k, seed))
    except ValueError as err:
        assert "is singular" in str(err)
        reject()
    assert np.all(np.diff(model.history) >= -1e-12 * np.abs(model.history).max())


def test_two_separated_clusters_are_recovered():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(200, 2)) * 0.5, rng.normal(size=(200, 2)) * [1.0, 0.2]
    a, b = a - a.mean(0) + [-5, 0], b - b.mean(0) + [5, 3]
    X = np.vstack([a, b])
    model = gm.fit_gmm(X, 2, reg_covar=0.0, rng=0)
    order = np.argsort(model.means[:, 0])
    np.testing.assert_allclose(model.means[order], [[-5, 0], [5, 3]], atol=1e-6)
    np.testing.assert_allclose(model.weights, [0.5, 0.5], atol=1e-6)
    np.testing.assert_allclose(model.covariances[order[1]], np.cov(b.T, bias=True), atol=1e-5)


def test_one_component_is_the_sample_mean_and_covariance():
    X = load_wine().data
    model = gm.fit_gmm(X, 1, reg_covar=0.0)
    np.testing.assert_allclose(model.means[0], X.mean(0), rtol=1e-12)
    np.testing.assert_allclose(model.covariances[0], np.cov(X.T, bias=True), rtol=1e-10)
    assert model.history[-1] == pytest.approx(multivariate_normal(X.mean(0), np.cov(X.T, bias=True))
                                              .logpdf(X).mean(), rel=1e-10)


# --- bad input -------------------------------------------------------------------------


def test_a_singular_covariance_raises_unless_regularized():
    X = np.c_[np.arange(10.0), np.full(10, 3.0)]          # a constant feature
    with pytest.raises(ValueError, match="covariance of component 0 is singular.*reg_covar > 0"):
        gm.fit_gmm(X, 1, reg_covar=0.0)
    model = gm.fit_gmm(X, 1, reg_covar=1e-6)
    assert model.covariances[0][1, 1] == pytest.approx(1e-6)


def test_diagonal_zero_variance_raises():
    with pytest.raises(ValueError, match="singular"):
        gm.m_step([[0.0, 1.0], [1.0, 1.0]], [[1.0], [1.0]], "diag", reg_covar=0.0)


def test_responsibilities_must_be_a_distribution_per_row():
    with pytest.raises(ValueError, match="each row summing to 1"):
        gm.m_step([[0.0], [1.0]], [[0.5, 0.4], [0.5, 0.5]])
    with pytest.raises(ValueError, match="no weight"):
        gm.m_step([[0.0], [1.0]], [[1.0, 0.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match="resp must have k=3 columns"):
        gm.fit_gmm([[0.0], [1.0], [2.0]], 3, resp=[[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])


def test_more_components_than_distinct_points_are_refused():
    with pytest.raises(ValueError, match=r"distinct points in X \(2\)"):
        gm.fit_gmm([[0.0], [0.0], [1.0]], 3)


def test_wrong_width_is_refused():
    model = gm.m_step([[0.0], [1.0]], [[1.0], [1.0]])
    with pytest.raises(ValueError, match="X must have 1 columns"):
        gm.score(model, [[0.0, 1.0]])


def test_ellipse_axes_follow_the_eigenvectors():
    angle = np.radians(30)
    R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    cov = R @ np.diag([9.0, 1.0]) @ R.T
    width, height, degrees = gm.ellipse(cov, n_std=2)
    assert (width, height) == pytest.approx((12.0, 4.0))
    assert degrees == pytest.approx(30.0)
    with pytest.raises(ValueError, match="2 x 2"):
        gm.ellipse(np.eye(3))
