"""Naive Bayes: golden values, scikit-learn oracles, log-space properties, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm
from sklearn import datasets
from sklearn.naive_bayes import BernoulliNB, GaussianNB, MultinomialNB

from mlcheatsheet.algorithms import naive_bayes as nb

LOADERS = {"iris": datasets.load_iris, "wine": datasets.load_wine,
           "breast_cancer": datasets.load_breast_cancer, "digits": datasets.load_digits}


def _split(name):
    X, y = LOADERS[name](return_X_y=True)
    order = np.random.default_rng(0).permutation(y.size)
    cut = int(0.7 * y.size)
    return X[order[:cut]], y[order[:cut]], X[order[cut:]], y[order[cut:]]


def test_gaussian_golden_with_scipy_densities():
    X, y = np.array([[0.0], [2.0], [4.0], [6.0]]), np.array([0, 0, 1, 1])
    model = nb.fit_gaussian_nb(X, y, var_smoothing=0.0)
    # class 0: mean 1, var 1; class 1: mean 5, var 1; priors 1/2
    p0, p1 = 0.5 * norm.pdf(2.5, 1, 1), 0.5 * norm.pdf(2.5, 5, 1)
    np.testing.assert_allclose(nb.predict_proba(model, [[2.5]]), [[p0 / (p0 + p1), p1 / (p0 + p1)]],
                               rtol=1e-12)


def test_laplace_smoothing_by_hand():
    # class 0 counts (3, 0), class 1 counts (0, 2), alpha 1: theta_0 = (4/5, 1/5), theta_1 = (1/4, 3/4)
    model = nb.fit_multinomial_nb([[3, 0], [0, 2]], [0, 1])
    np.testing.assert_allclose(np.exp(model.params[0]), [[0.8, 0.2], [0.25, 0.75]], rtol=1e-14)


NB = {"gaussian": (nb.fit_gaussian_nb, GaussianNB, {}),
      "multinomial": (nb.fit_multinomial_nb, MultinomialNB, {}),
      "bernoulli": (nb.fit_bernoulli_nb, BernoulliNB, {"binarize": 4.0})}


@pytest.mark.parametrize("name", sorted(LOADERS))
@pytest.mark.parametrize("kind", sorted(NB))
def test_identical_predictions_and_probabilities_to_scikit_learn(name, kind):
    X_tr, y_tr, X_te, _ = _split(name)
    fit, Sk, kwargs = NB[kind]
    model, sk = fit(X_tr, y_tr, **kwargs), Sk(**kwargs).fit(X_tr, y_tr)
    np.testing.assert_array_equal(nb.predict(model, X_te), sk.predict(X_te))
    np.testing.assert_allclose(nb.predict_proba(model, X_te), sk.predict_proba(X_te), atol=1e-10)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(sorted(NB)))
def test_probabilities_sum_to_one(seed, kind):
    rng = np.random.default_rng(seed)
    X = rng.poisson(3.0, size=(40, 5)).astype(float)
    y = rng.integers(0, 3, size=40)
    y[:2] = [0, 1]
    fit, _, kwargs = NB[kind]
    P = nb.predict_proba(fit(X, y, **kwargs), X)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)


@pytest.mark.parametrize("kind", sorted(NB))
def test_ten_thousand_features_do_not_underflow(kind):
    rng = np.random.default_rng(1)
    X = rng.poisson(2.0, size=(60, 10_000)).astype(float)
    y = np.repeat([0, 1], 30)
    X[y == 1, :100] += 3
    fit, _, kwargs = NB[kind]
    model = fit(X, y, **kwargs)
    jll = nb.joint_log_likelihood(model, X)
    assert np.all(np.exp(jll) == 0)                  # the raw product underflows...
    P = nb.predict_proba(model, X)
    assert np.all(np.isfinite(P)) and np.allclose(P.sum(axis=1), 1)   # ...the posterior does not
    assert np.mean(nb.predict(model, X) == y) > 0.9


def test_bad_input():
    with pytest.raises(ValueError, match="y must hold at least two classes"):
        nb.fit_gaussian_nb([[0.0], [1.0]], [1, 1])
    with pytest.raises(ValueError, match="zero variance"):
        nb.fit_gaussian_nb([[1.0, 0.0], [1.0, 1.0], [2.0, 5.0], [3.0, 6.0]], [0, 0, 1, 1],
                           var_smoothing=0.0)
    with pytest.raises(ValueError, match="counts >= 0"):
        nb.fit_multinomial_nb([[1.0], [-1.0]], [0, 1])
    with pytest.raises(TypeError, match="model must be a NaiveBayes"):
        nb.predict("model", [[1.0]])
    model = nb.fit_gaussian_nb([[0.0, 1.0], [1.0, 0.0]], [0, 1])
    with pytest.raises(ValueError, match="X must have 2 columns"):
        nb.predict(model, [[1.0]])
