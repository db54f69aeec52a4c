"""Anomaly detection: SciPy's densities, scikit-learn's f1_score and IsolationForest as oracles,
c(n) by hand, the F1-chosen threshold against a brute-force scan, bad input."""

import numpy as np
import pytest
from scipy.stats import multivariate_normal, norm
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import IsolationForest
from sklearn.metrics import f1_score, roc_auc_score

from mlcheatsheet.unsupervised import anomaly_detection as ad


def _planted(n_features, seed=0):
    rng = np.random.default_rng(seed)
    inliers = rng.normal(size=(1000, n_features))
    outliers = rng.uniform(-6, 6, size=(50, n_features))
    return np.vstack([inliers, outliers]), np.r_[np.zeros(1000), np.ones(50)]


def test_independent_density_matches_scipy():
    X = load_breast_cancer().data[:, :5]
    mu, var = ad.fit_gaussian(X)
    np.testing.assert_allclose(var, X.var(axis=0))
    expected = np.prod(norm(mu, np.sqrt(var)).pdf(X), axis=1)
    np.testing.assert_allclose(ad.gaussian_density(X, mu, var), expected, rtol=1e-10)


def test_multivariate_density_matches_scipy_and_reduces_to_the_product_when_diagonal():
    X = load_breast_cancer().data[:, :4]
    mu, Sigma = ad.fit_multivariate_gaussian(X)
    np.testing.assert_allclose(Sigma, np.cov(X.T, bias=True), rtol=1e-12)
    np.testing.assert_allclose(ad.multivariate_density(X, mu, Sigma),
                               multivariate_normal(mu, Sigma).pdf(X), rtol=1e-9)
    var = np.diag(Sigma)
    np.testing.assert_allclose(ad.multivariate_density(X, mu, np.diag(var)),
                               ad.gaussian_density(X, mu, var), rtol=1e-10)


def test_selected_threshold_is_the_best_of_a_brute_force_scan():
    rng = np.random.default_rng(3)
    p = rng.uniform(size=200)
    y = (rng.uniform(size=200) < 0.6 * (1 - p) ** 4).astype(float)
    eps, best = ad.select_threshold(p, y)
    assert best == pytest.approx(f1_score(y, p < eps))
    grid = np.r_[np.sort(p), 1.01] + 1e-12   # every achievable flagged set
    assert best >= max(f1_score(y, p < e, zero_division=0.0) for e in grid) - 1e-12


def test_average_path_length_by_hand():
    # c(n) = 2 H(n - 1) - 2 (n - 1) / n with H(i) ~ ln i + gamma
    assert ad.average_path_length(1) == 0.0 and ad.average_path_length(2) == 1.0
    n = 256
    assert ad.average_path_length(n) == pytest.approx(2 * (np.log(n - 1) + 0.5772156649)
                                                      - 2 * (n - 1) / n, rel=1e-10)


@pytest.mark.parametrize("n_features", [2, 5])
def test_isolation_forest_auc_within_two_hundredths_of_sklearn(n_features):
    X, y = _planted(n_features)
    ours = roc_auc_score(y, ad.isolation_scores(ad.fit_isolation_forest(X, 100, 256, rng=0), X))
    theirs = roc_auc_score(y, -IsolationForest(n_estimators=100, max_samples=256, random_state=0)
                           .fit(X).score_samples(X))
    assert abs(ours - theirs) <= 0.02
    assert ours > 0.9


def test_isolation_scores_match_sklearns_definition_in_range():
    X, _ = _planted(3)
    s = ad.isolation_scores(ad.fit_isolation_forest(X, 50, 128, rng=1), X)
    assert np.all((s > 0) & (s < 1))
    sk = -IsolationForest(n_estimators=50, max_samples=128, random_state=1).fit(X).score_samples(X)
    assert np.corrcoef(s, sk)[0, 1] > 0.95                     # the same score, other trees


def test_isolation_forest_is_reproducible():
    X, _ = _planted(2)
    a = ad.isolation_scores(ad.fit_isolation_forest(X, 20, 64, rng=5), X)
    b = ad.isolation_scores(ad.fit_isolation_forest(X, 20, 64, rng=5), X)
    np.testing.assert_array_equal(a, b)


# --- bad input -----------------------------------------------------------------------


def test_constant_feature_is_refused():
    with pytest.raises(ValueError, match="no constant column"):
        ad.fit_gaussian([[1.0, 2.0], [3.0, 2.0]])


def test_singular_covariance_is_refused():
    X = np.c_[np.arange(5.0), 2 * np.arange(5.0)]               # linearly dependent features
    mu, Sigma = ad.fit_multivariate_gaussian(X)
    with pytest.raises(ValueError, match="Sigma is singular"):
        ad.multivariate_density(X, mu, Sigma)


def test_validation_labels_must_be_both_classes():
    with pytest.raises(ValueError, match="both present"):
        ad.select_threshold([0.1, 0.2], [0, 0])


def test_forest_width_is_checked():
    forest = ad.fit_isolation_forest([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], 5, 3)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        ad.isolation_scores(forest, [[0.0]])
