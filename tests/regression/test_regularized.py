"""Ridge, lasso and elastic net against scikit-learn on standardized diabetes data, the KKT
conditions of the lasso, the soft-thresholding operator and bad input."""

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, Ridge, enet_path

from mlcheatsheet.basics.linear_regression import normalize_features
from mlcheatsheet.regression import regularized as reg


@pytest.fixture(scope="module")
def diabetes():
    X, y = load_diabetes(return_X_y=True, scaled=False)
    return normalize_features(X, method="std")[0], y


def test_soft_threshold_golden():
    # S_1(z) by hand: shrink by 1 towards zero, zero inside [-1, 1]
    z = np.array([-2.5, -1.0, -0.3, 0.0, 0.7, 1.0, 4.0])
    expected = [-1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0]
    assert reg.soft_threshold(z, 1.0).tolist() == expected
    assert reg.soft_threshold(z, 0.0).tolist() == z.tolist()


def test_soft_threshold_is_the_proximal_minimizer():
    z, t = 0.8, 0.3
    grid = np.linspace(-2, 2, 400_001)
    best = grid[np.argmin(0.5 * (grid - z) ** 2 + t * np.abs(grid))]
    assert reg.soft_threshold(z, t) == pytest.approx(best, abs=1e-5)


@pytest.mark.parametrize("alpha", [0.0, 0.1, 1.0, 10.0, 100.0])
def test_ridge_matches_sklearn(diabetes, alpha):
    X, y = diabetes
    coef, intercept = reg.ridge(X, y, alpha)
    model = Ridge(alpha=alpha, solver="svd").fit(X, y)
    np.testing.assert_allclose(coef, model.coef_, atol=1e-6)
    assert intercept == pytest.approx(model.intercept_, abs=1e-6)


def test_ridge_intercept_is_not_penalized():
    # shifting y shifts only the intercept, whatever the penalty
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 3)), rng.normal(size=30)
    c0, b0 = reg.ridge(X, y, 5.0)
    c1, b1 = reg.ridge(X, y + 100.0, 5.0)
    np.testing.assert_allclose(c0, c1, atol=1e-10)
    assert b1 - b0 == pytest.approx(100.0)


@pytest.mark.parametrize("alpha", [0.01, 0.1, 1.0, 5.0, 20.0])
def test_lasso_matches_sklearn(diabetes, alpha):
    X, y = diabetes
    coef, intercept = reg.lasso(X, y, alpha)
    model = Lasso(alpha=alpha, tol=1e-12, max_iter=200_000).fit(X, y)
    np.testing.assert_allclose(coef, model.coef_, atol=1e-6)
    assert intercept == pytest.approx(model.intercept_, abs=1e-6)
    np.testing.assert_array_equal(coef == 0, model.coef_ == 0)


@pytest.mark.parametrize("l1_ratio", [0.0, 0.2, 0.5, 0.9])
@pytest.mark.parametrize("alpha", [0.05, 1.0])
def test_elastic_net_matches_sklearn(diabetes, alpha, l1_ratio):
    X, y = diabetes
    coef, intercept = reg.elastic_net(X, y, alpha, l1_ratio)
    model = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=200_000).fit(X, y)
    np.testing.assert_allclose(coef, model.coef_, atol=1e-6)
    assert intercept == pytest.approx(model.intercept_, abs=1e-6)


def test_elastic_net_with_no_l1_part_is_ridge_with_alpha_times_n(diabetes):
    # (1/2n)|r|^2 + (alpha/2)|w|^2  is  (1/2n)(|r|^2 + n alpha |w|^2)
    X, y = diabetes
    coef, _ = reg.elastic_net(X, y, alpha=0.3, l1_ratio=0.0)
    np.testing.assert_allclose(coef, reg.ridge(X, y, 0.3 * len(y))[0], atol=1e-6)


@pytest.mark.parametrize("alpha", [0.1, 1.0, 5.0])
def test_lasso_kkt_conditions(diabetes, alpha):
    X, y = diabetes
    coef, intercept = reg.lasso(X, y, alpha)
    gradient = X.T @ (y - X @ coef - intercept) / len(y)
    zero = coef == 0
    assert zero.any() or alpha == 0.1
    assert np.all(np.abs(gradient[zero]) <= alpha + 1e-8)          # zeros: |x_j' r / n| <= alpha
    np.testing.assert_allclose(gradient[~zero], alpha * np.sign(coef[~zero]), atol=1e-7)


def test_alpha_max_is_where_the_lasso_becomes_zero(diabetes):
    X, y = diabetes
    top = reg.alpha_max(X, y)
    assert np.all(reg.lasso(X, y, top * 1.0001)[0] == 0)
    assert np.any(reg.lasso(X, y, top * 0.99)[0] != 0)
    assert reg.alpha_max(X, y, l1_ratio=0.5) == pytest.approx(2 * top)


def test_path_matches_sklearn_enet_path(diabetes):
    X, y = diabetes
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    alphas = np.geomspace(0.01, 50, 12)
    for l1_ratio in (1.0, 0.5):
        ours = reg.elastic_net_path(X, y, alphas, l1_ratio=l1_ratio)
        a_sk, theirs, _ = enet_path(Xc, yc, l1_ratio=l1_ratio, alphas=alphas[::-1],
                                    tol=1e-13, max_iter=200_000)
        np.testing.assert_allclose(ours[::-1], theirs.T, atol=1e-6)


def test_path_is_each_fit_in_any_order(diabetes):
    X, y = diabetes
    alphas = np.array([1.0, 0.1, 10.0])
    path = reg.elastic_net_path(X, y, alphas, l1_ratio=0.7)
    for a, row in zip(alphas, path):
        np.testing.assert_allclose(row, reg.elastic_net(X, y, a, 0.7)[0], atol=1e-7)
    ridge_rows = reg.ridge_path(X, y, alphas)
    for a, row in zip(alphas, ridge_rows):
        np.testing.assert_allclose(row, Ridge(alpha=a).fit(X, y).coef_, atol=1e-6)


def test_lasso_zeros_grow_with_alpha(diabetes):
    X, y = diabetes
    alphas = np.geomspace(0.01, 1.01 * reg.alpha_max(X, y), 20)
    zeros = (reg.elastic_net_path(X, y, alphas) == 0).sum(axis=1)
    assert zeros[0] == 0 and zeros[-1] == X.shape[1]
    assert zeros[-2] < X.shape[1]


def test_constant_column_gets_zero_weight():
    X = np.column_stack([np.ones(5), np.arange(5.0)])
    coef, intercept = reg.lasso(X, 2 * np.arange(5.0) + 1, alpha=0.0)
    np.testing.assert_allclose(coef, [0.0, 2.0], atol=1e-8)
    assert intercept == pytest.approx(1.0)


@pytest.mark.parametrize("call, message", [
    (lambda X, y: reg.ridge(X, y, alpha=-1.0), "alpha"),
    (lambda X, y: reg.lasso(X, y, alpha=-0.1), "alpha"),
    (lambda X, y: reg.elastic_net(X, y, alpha=1.0, l1_ratio=1.5), "l1_ratio"),
    (lambda X, y: reg.elastic_net(X, y, alpha=1.0, l1_ratio=-0.1), "l1_ratio"),
    (lambda X, y: reg.alpha_max(X, y, l1_ratio=0.0), "l1_ratio"),
    (lambda X, y: reg.elastic_net_path(X, y, [1.0, -1.0]), "alphas"),
    (lambda X, y: reg.ridge_path(X, y, [-1.0]), "alphas"),
    (lambda X, y: reg.ridge(X, y[:-1]), "y"),
    (lambda X, y: reg.soft_threshold(y, -1.0), "t"),
])
def test_bad_input(call, message):
    X, y = np.eye(3), np.arange(3.0)
    with pytest.raises(ValueError, match=message):
        call(X, y)
