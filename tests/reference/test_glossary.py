"""The glossary's formulas, each checked: symbolically (sympy), against an oracle, or by simulation."""

import math

import numpy as np
import pytest
import sympy as sp
from scipy import stats
from sklearn.metrics import r2_score

from mlcheatsheet.algorithms.decision_trees import entropy, information_gain
from mlcheatsheet.model_selection.bias_variance import decompose, simulate_predictions
from mlcheatsheet.optimization.optimizers import minibatches


def test_bayes_rule_for_a_diagnostic_test_matches_counting_a_population():
    """P(disease | +) = s pi / (s pi + f (1 - pi)), against counts of a simulated population."""
    s, f, prevalence = 0.9, 0.08, 0.01
    rng = np.random.default_rng(0)
    sick = rng.uniform(size=2_000_000) < prevalence
    positive = np.where(sick, rng.uniform(size=sick.size) < s, rng.uniform(size=sick.size) < f)
    formula = s * prevalence / (s * prevalence + f * (1 - prevalence))
    assert sick[positive].mean() == pytest.approx(formula, abs=0.005)
    assert formula < 0.11   # far below the sensitivity: the point of the entry


def test_bias_variance_terms_sum_to_the_expected_squared_error():
    """Bias^2 + Var + sigma^2 equals the simulated expected error at test points (Monte Carlo)."""
    rng = np.random.default_rng(1)
    f = np.sin
    sigma = 0.3

    def sample(r):
        x = r.uniform(0, 3, 30)
        return x, f(x) + sigma * r.standard_normal(30)

    def fit_predict(x, y, x_test):
        return np.polyval(np.polyfit(x, y, 2), x_test)

    x_test = np.linspace(0.2, 2.8, 7)
    predictions = simulate_predictions(fit_predict, sample, x_test, n_datasets=3000, rng=2)
    terms = decompose(predictions, f(x_test))          # averaged over the test points
    noisy = f(x_test) + sigma * rng.standard_normal(predictions.shape)
    simulated = ((predictions - noisy) ** 2).mean()
    assert terms.bias2 > 0 and terms.variance > 0
    assert terms.bias2 + terms.variance + sigma**2 == pytest.approx(simulated, rel=0.03)


def test_r_squared_formula_is_scikit_learns_and_can_be_negative():
    rng = np.random.default_rng(2)
    y, y_hat = rng.normal(size=50), rng.normal(size=50)
    r2 = 1 - np.sum((y - y_hat) ** 2) / np.sum((y - y.mean()) ** 2)
    assert r2 == pytest.approx(r2_score(y, y_hat), rel=1e-12)
    assert r2 < 0                                            # worse than the mean: below 0
    assert r2_score(y, np.full_like(y, y.mean())) == 0       # always predicting the mean: 0


def test_cosine_similarity_is_the_cosine_of_the_angle_and_lies_in_minus_one_one():
    a, b = np.array([1.0, 0.0]), np.array([1.0, 1.0])
    assert a @ b / (np.linalg.norm(a) * np.linalg.norm(b)) == pytest.approx(math.cos(math.pi / 4))
    rng = np.random.default_rng(3)
    u, v = rng.normal(size=(2, 1000, 5))
    cos = np.sum(u * v, axis=1) / (np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1))
    assert np.all(np.abs(cos) <= 1 + 1e-12)


def test_bagging_the_mean_of_n_independent_predictions_has_variance_sigma2_over_n():
    rng = np.random.default_rng(4)
    sigma, n = 2.0, 25
    means = rng.normal(0, sigma, size=(200_000, n)).mean(axis=1)
    assert means.var() == pytest.approx(sigma**2 / n, rel=0.02)
    # correlated models (correlation rho) reduce it less: rho sigma^2 + (1 - rho) sigma^2 / n
    rho = 0.5
    common = rng.normal(0, sigma, size=(200_000, 1))
    correlated = np.sqrt(rho) * common + np.sqrt(1 - rho) * rng.normal(0, sigma, size=(200_000, n))
    assert correlated.mean(axis=1).var() == pytest.approx(rho * sigma**2 + (1 - rho) * sigma**2 / n,
                                                          rel=0.02)


def test_inverted_dropout_scaling_keeps_the_expected_value():
    rng = np.random.default_rng(5)
    p, h = 0.3, 2.5
    kept = rng.uniform(size=1_000_000) >= p
    assert (kept * h / (1 - p)).mean() == pytest.approx(h, rel=0.005)
    P = sp.symbols("p", positive=True)
    assert sp.simplify((1 - P) * 1 / (1 - P) + P * 0 - 1) == 0   # E[mask / (1 - p)] = 1


@pytest.mark.parametrize("eps, K", [(0.1, 3), (0.2, 10)])
def test_label_smoothing_targets_sum_to_one_and_keep_the_true_class_largest(eps, K):
    y = np.eye(K)[1]
    smoothed = (1 - eps) * y + eps / K
    assert smoothed.sum() == pytest.approx(1.0)
    assert smoothed[1] == pytest.approx(1 - eps + eps / K) and smoothed.argmax() == 1


def test_information_gain_formula_on_egg_s_example_and_against_scipy():
    parent, children = [16, 14], [[12, 1], [4, 13]]
    by_hand = stats.entropy(parent, base=2) - sum(
        sum(c) / sum(parent) * stats.entropy(c, base=2) for c in children)
    assert information_gain(parent, children) == pytest.approx(by_hand, rel=1e-12)
    assert entropy(parent) == pytest.approx(stats.entropy(parent, base=2), rel=1e-12)


def test_poisson_maximum_likelihood_estimate_is_the_sample_mean():
    lam = sp.symbols("lambda", positive=True)
    xs = [3, 0, 2, 5, 1]
    log_likelihood = sum(x * sp.log(lam) - lam - sp.log(sp.factorial(x)) for x in xs)
    assert sp.solve(sp.diff(log_likelihood, lam), lam) == [sp.Rational(sum(xs), len(xs))]
    assert sp.diff(log_likelihood, lam, 2).subs(lam, sp.Rational(11, 5)) < 0   # a maximum


@pytest.mark.parametrize("N, B", [(100, 32), (96, 32), (1, 8), (1797, 64)])
def test_an_epoch_takes_ceil_n_over_b_iterations(N, B):
    batches = list(minibatches(N, B, rng=0))
    assert len(batches) == math.ceil(N / B)
    assert sorted(np.concatenate(batches).tolist()) == list(range(N))
