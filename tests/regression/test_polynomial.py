"""Polynomial features against scikit-learn, polynomial fits against numpy.polyfit, R² against
r2_score, adjusted R² by its formula, and the degree chosen by cross-validation."""

import numpy as np
import pytest
from sklearn.metrics import r2_score as sk_r2
from sklearn.model_selection import KFold
from sklearn.preprocessing import PolynomialFeatures

from mlcheatsheet.regression import polynomial as poly


@pytest.mark.parametrize("n_features", [1, 2, 3])
@pytest.mark.parametrize("degree", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("interaction_only", [False, True])
@pytest.mark.parametrize("include_bias", [False, True])
def test_features_match_sklearn_including_column_order(n_features, degree, interaction_only,
                                                       include_bias):
    X = np.random.default_rng(n_features).normal(size=(7, n_features))
    ours = poly.polynomial_features(X, degree, interaction_only, include_bias)
    if degree == 0 and not include_bias:      # scikit-learn refuses an empty feature set
        assert ours.shape == (7, 0)
        return
    theirs = PolynomialFeatures(degree, interaction_only=interaction_only,
                                include_bias=include_bias).fit_transform(X)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)


def test_feature_order_golden():
    # x1 = 2, x2 = 3: 1, x1, x2, x1^2, x1 x2, x2^2, x1^3, x1^2 x2, x1 x2^2, x2^3
    row = poly.polynomial_features([[2.0, 3.0]], 3)[0]
    assert row.tolist() == [1, 2, 3, 4, 6, 9, 8, 12, 18, 27]


def test_xor_is_linear_in_the_interaction_feature():
    # 003's basis-function example: x1 x2 separates XOR, which no line in (x1, x2) does
    X = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    xor = np.array([-1.0, 1.0, 1.0, -1.0])
    features = poly.polynomial_features(X, 2, interaction_only=True, include_bias=False)
    np.testing.assert_array_equal(-features[:, 2], xor)


@pytest.mark.parametrize("degree", [0, 1, 2, 3, 4])
def test_fit_matches_numpy_polyfit(degree):
    x, y = poly.sine_data(25, noise=0.3, rng=4)
    ours = poly.fit_polynomial(x, y, degree)
    np.testing.assert_allclose(ours, np.polyfit(x, y, degree)[::-1], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(poly.predict_polynomial(x, ours),
                               np.polyval(np.polyfit(x, y, degree), x), atol=1e-9)


def test_training_error_never_rises_with_degree():
    x, y = poly.sine_data(20, noise=0.2, rng=0)
    errors = [np.mean((y - poly.predict_polynomial(x, poly.fit_polynomial(x, y, d))) ** 2)
              for d in range(1, 8)]
    assert np.all(np.diff(errors) <= 1e-12)


def test_sine_data_is_reproducible_and_noisy_around_sine():
    x1, y1 = poly.sine_data(200, noise=0.2, rng=3)
    x2, y2 = poly.sine_data(200, noise=0.2, rng=3)
    np.testing.assert_array_equal(y1, y2)
    assert x1.min() >= 0 and x1.max() <= 2 * np.pi
    assert np.std(y1 - np.sin(x1)) == pytest.approx(0.2, rel=0.15)


@pytest.mark.parametrize("seed", range(5))
def test_r2_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    y, y_hat = rng.normal(size=30), rng.normal(size=30)
    assert poly.r2_score(y, y_hat) == pytest.approx(sk_r2(y, y_hat), abs=1e-12)
    assert poly.r2_score(y, 0.8 * y + 0.1) == pytest.approx(sk_r2(y, 0.8 * y + 0.1), abs=1e-12)


def test_r2_of_constant_target_follows_sklearn():
    assert poly.r2_score([2.0, 2.0], [2.0, 2.0]) == sk_r2([2.0, 2.0], [2.0, 2.0]) == 1.0
    assert poly.r2_score([2.0, 2.0], [1.0, 2.0]) == sk_r2([2.0, 2.0], [1.0, 2.0]) == 0.0


def test_adjusted_r2_by_the_formula():
    rng = np.random.default_rng(0)
    y, y_hat = rng.normal(size=40), rng.normal(size=40)
    n, p = 40, 3
    r2 = sk_r2(y, y_hat)
    assert poly.adjusted_r2(y, y_hat, p) == pytest.approx(1 - (1 - r2) * (n - 1) / (n - p - 1))
    assert poly.adjusted_r2(y, y_hat, 0) == pytest.approx(r2)


def test_adjusted_r2_penalizes_useless_degrees():
    x, y = poly.sine_data(20, noise=0.2, rng=0)
    r2, adj = [], []
    for d in (3, 9):
        fitted = poly.predict_polynomial(x, poly.fit_polynomial(x, y, d))
        r2.append(poly.r2_score(y, fitted))
        adj.append(poly.adjusted_r2(y, fitted, d))
    assert r2[1] >= r2[0] and adj[1] < adj[0]


def test_choose_degree_agrees_with_a_direct_sklearn_kfold_computation():
    x, y = poly.sine_data(20, noise=0.2, rng=0)
    degrees = list(range(1, 8))
    best, cv_mse, train_mse = poly.choose_degree(x, y, degrees, n_splits=5, rng=0)
    # the folds of a shuffled kfold partition the data like sklearn's KFold would; recompute
    from mlcheatsheet.model_selection import cross_validation as cv
    folds = cv.kfold(20, 5, shuffle=True, rng=0)
    assert sorted(np.concatenate([te for _, te in folds]).tolist()) == list(range(20))
    expected = [np.mean([np.mean((y[te] - np.polyval(np.polyfit(x[tr], y[tr], d), x[te])) ** 2)
                         for tr, te in folds]) for d in degrees]
    np.testing.assert_allclose(cv_mse, expected, rtol=1e-6)
    assert best == degrees[int(np.argmin(expected))]
    assert np.all(train_mse <= cv_mse + 1e-12)


def test_choose_degree_finds_a_known_polynomial_and_keeps_the_given_order():
    x = np.linspace(-1, 1, 30)
    y = 1 - 2 * x + 0.5 * x**3
    best, cv_mse, _ = poly.choose_degree(x, y, [5, 1, 3, 2], n_splits=5)
    assert best == 3
    assert cv_mse[2] < 1e-20 and cv_mse[1] > 1e-3          # order of the given list


def test_sklearn_kfold_on_the_same_degrees_picks_the_same_degree():
    x, y = poly.sine_data(20, noise=0.2, rng=0)
    degrees = [1, 2, 3, 4]
    errors = [np.mean([np.mean((y[te] - np.polyval(np.polyfit(x[tr], y[tr], d), x[te])) ** 2)
                       for tr, te in KFold(5, shuffle=True, random_state=0).split(x)])
              for d in degrees]
    assert poly.choose_degree(x, y, degrees)[0] == degrees[int(np.argmin(errors))]


@pytest.mark.parametrize("call, message", [
    (lambda: poly.polynomial_features([[1.0]], degree=-1), "degree"),
    (lambda: poly.polynomial_features(np.ones((2, 30)), degree=6), "degree"),
    (lambda: poly.fit_polynomial([1.0, 2.0], [1.0], 1), "y"),
    (lambda: poly.adjusted_r2([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], n_features=2), "n_features"),
    (lambda: poly.choose_degree(np.arange(5.0), np.arange(5.0), [1], n_splits=6), "n_splits"),
    (lambda: poly.choose_degree(np.arange(6.0), np.arange(6.0), [4], n_splits=3), "degree"),
    (lambda: poly.choose_degree(np.arange(6.0), np.arange(6.0), [1, 1]), "degrees"),
    (lambda: poly.sine_data(1), "n_samples"),
])
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_r2_is_negative_off_the_training_data():
    # Egg's glossary: "0 is worst, 1 is best"; a model worse than the mean scores below 0
    x, y = poly.sine_data(20, noise=0.2, rng=0)
    w9 = poly.fit_polynomial(x, y, 9)
    x_out = np.linspace(2 * np.pi, 2.2 * np.pi, 20)
    score = poly.r2_score(np.sin(x_out), poly.predict_polynomial(x_out, w9))
    assert score < -100
    assert score == pytest.approx(sk_r2(np.sin(x_out), poly.predict_polynomial(x_out, w9)))
