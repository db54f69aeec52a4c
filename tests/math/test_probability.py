"""Distributions against scipy.stats, Bayes' rule, events, MLE/MAP (SymPy and scipy.optimize),
the limit laws, and EM for a two-component mixture (scikit-learn's GaussianMixture from the same
start as oracle, a monotone log-likelihood as a hypothesis property)."""

import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss
from sklearn.mixture import GaussianMixture

from mlcheatsheet.math import probability as pr

# --- distributions: every pmf/pdf, log-pmf/pdf and sampler against scipy.stats ------------------

# name -> (logpmf, pmf, sampler, scipy frozen distribution, points, sampler args, discrete)
DISTRIBUTIONS = {
    "bernoulli": (lambda k: pr.bernoulli_logpmf(k, 0.3), lambda k: pr.bernoulli_pmf(k, 0.3),
                  lambda n, rng: pr.sample_bernoulli(0.3, n, rng), stats.bernoulli(0.3),
                  np.array([0, 1]), True),
    "binomial": (lambda k: pr.binomial_logpmf(k, 12, 0.35), lambda k: pr.binomial_pmf(k, 12, 0.35),
                 lambda n, rng: pr.sample_binomial(12, 0.35, n, rng), stats.binom(12, 0.35),
                 np.arange(13), True),
    "poisson": (lambda k: pr.poisson_logpmf(k, 4.2), lambda k: pr.poisson_pmf(k, 4.2),
                lambda n, rng: pr.sample_poisson(4.2, n, rng), stats.poisson(4.2),
                np.arange(30), True),
    "gaussian": (lambda x: pr.gaussian_logpdf(x, -1.5, 2.25), lambda x: pr.gaussian_pdf(x, -1.5, 2.25),
                 lambda n, rng: pr.sample_gaussian(-1.5, 2.25, n, rng), stats.norm(-1.5, 1.5),
                 np.linspace(-8, 5, 27), False),
}


def test_every_distribution_is_in_the_registry():
    samplers = {name for name in pr.__all__ if name.startswith("sample_")} - {"sample_means"}
    assert samplers == {f"sample_{d}" for d in DISTRIBUTIONS} | {"sample_multivariate_gaussian"}


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_log_probability_and_probability_against_scipy(name):
    logp, p, _, oracle, points, discrete = DISTRIBUTIONS[name]
    want_log = oracle.logpmf(points) if discrete else oracle.logpdf(points)
    np.testing.assert_allclose(logp(points), want_log, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(p(points), np.exp(want_log), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_sampler_matches_the_distribution(name):
    _, _, sample, oracle, points, discrete = DISTRIBUTIONS[name]
    draws = sample(20_000, np.random.default_rng(1))
    assert draws.shape == (20_000,)
    if discrete:  # chi-square goodness of fit over the support (tail lumped into the last cell)
        observed = np.array([np.sum(draws == k) for k in points], dtype=float)
        expected = oracle.pmf(points) * len(draws)
        keep = expected > 5
        observed = np.append(observed[keep], len(draws) - observed[keep].sum())
        expected = np.append(expected[keep], len(draws) - expected[keep].sum())
        if expected[-1] < 1e-9:
            observed, expected = observed[:-1], expected[:-1]
        assert stats.chisquare(observed, expected).pvalue > 1e-3
    else:
        assert stats.kstest(draws, oracle.cdf).pvalue > 1e-3
    assert draws.mean() == pytest.approx(oracle.mean(), abs=5 * oracle.std() / np.sqrt(len(draws)))


def test_samplers_are_deterministic_given_the_seed():
    for _, _, sample, *_ in DISTRIBUTIONS.values():
        np.testing.assert_array_equal(sample(50, np.random.default_rng(3)),
                                      sample(50, np.random.default_rng(3)))
    assert not np.array_equal(pr.sample_gaussian(size=5, rng=0), pr.sample_gaussian(size=5, rng=1))


def test_pmfs_sum_to_one_and_the_density_integrates_to_one():
    assert pr.binomial_pmf(np.arange(21), 20, 0.7).sum() == pytest.approx(1.0, rel=1e-12)
    assert pr.poisson_pmf(np.arange(200), 37.0).sum() == pytest.approx(1.0, rel=1e-12)
    xs = np.linspace(-40, 40, 80_001)
    assert np.trapezoid(pr.gaussian_pdf(xs, 3.0, 7.0), xs) == pytest.approx(1.0, rel=1e-9)


def test_impossible_outcomes_have_probability_zero_not_nan():
    assert pr.bernoulli_pmf(1, 0.0) == 0.0 and pr.bernoulli_pmf(0, 0.0) == 1.0
    assert pr.bernoulli_logpmf(1, 0.0) == -np.inf
    assert pr.binomial_pmf(3, 3, 1.0) == 1.0 and pr.binomial_pmf(2, 3, 1.0) == 0.0
    assert pr.sample_poisson(1e-300, 10, 0).tolist() == [0] * 10


def test_a_large_poisson_rate_is_sampled_without_underflow():
    # e^-1000 underflows to 0 in float64; the cdf is built from log-probabilities
    draws = pr.sample_poisson(1000.0, 5000, 0)
    assert draws.mean() == pytest.approx(1000.0, abs=5 * np.sqrt(1000 / 5000))
    assert draws.var() == pytest.approx(1000.0, rel=0.1)


def test_multivariate_gaussian_against_scipy():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(3, 3))
    cov, mean = A @ A.T + 0.5 * np.eye(3), rng.normal(size=3)
    X = rng.normal(size=(40, 3))
    oracle = stats.multivariate_normal(mean, cov)
    np.testing.assert_allclose(pr.multivariate_gaussian_logpdf(X, mean, cov), oracle.logpdf(X),
                               rtol=1e-12)
    np.testing.assert_allclose(pr.multivariate_gaussian_pdf(X, mean, cov), oracle.pdf(X), rtol=1e-11)
    assert pr.multivariate_gaussian_logpdf(X[0], mean, cov) == pytest.approx(oracle.logpdf(X[0]))
    draws = pr.sample_multivariate_gaussian(mean, cov, 40_000, rng=1)
    np.testing.assert_allclose(draws.mean(axis=0), mean, atol=0.05)
    np.testing.assert_allclose(np.cov(draws.T), cov, rtol=0.05, atol=0.05)
    assert pr.sample_multivariate_gaussian(mean, cov, (4, 5), rng=0).shape == (4, 5, 3)


def test_diagonal_multivariate_gaussian_is_a_product_of_univariate_ones():
    x, mean, var = np.array([0.3, -1.0]), np.array([1.0, 2.0]), np.array([0.5, 4.0])
    want = sum(pr.gaussian_logpdf(x[i], mean[i], var[i]) for i in range(2))
    assert pr.multivariate_gaussian_logpdf(x, mean, np.diag(var)) == pytest.approx(want, rel=1e-13)


# --- Bayes' rule and events ------------------------------------------------------------------


def test_bayes_rule_by_hand_and_by_counting():
    # the cancer test: sensitivity 0.75, prior 0.01, and (assumed) 25 % false positives
    table = pr.confusion_table(0.01, 0.75, 0.25)
    hand = 0.75 * 0.01 / (0.75 * 0.01 + 0.25 * 0.99)
    assert pr.posterior(table) == pytest.approx(hand, rel=1e-14)
    assert pr.posterior(table) == pytest.approx(0.0075 / 0.255, rel=1e-14)
    # counting a simulated population gives the same answer
    rng = np.random.default_rng(0)
    ill = rng.random(2_000_000) < 0.01
    positive = np.where(ill, rng.random(ill.size) < 0.75, rng.random(ill.size) < 0.25)
    assert ill[positive].mean() == pytest.approx(pr.posterior(table), abs=0.002)


def test_confusion_table_sums_to_one_and_its_rows_are_the_prior():
    table = pr.confusion_table(0.2, 0.9, 0.05)
    assert table.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(table.sum(axis=1), [0.8, 0.2])
    np.testing.assert_allclose(table[1] / table[1].sum(), [0.1, 0.9])


def test_union_and_independence():
    king, queen, heart = 4 / 52, 4 / 52, 13 / 52
    assert pr.union_probability(king, queen) == pytest.approx(8 / 52)      # mutually exclusive
    assert pr.union_probability(king, heart, 1 / 52) == pytest.approx(16 / 52)
    # king and heart are independent: 1/52 = 1/13 * 1/4
    assert pr.independent([[1 / 52, 3 / 52], [12 / 52, 36 / 52]])
    two_tosses = np.outer([0.5, 0.5], [0.5, 0.5])
    assert pr.independent(two_tosses) and np.all(two_tosses == 0.25)
    # mutually exclusive events with positive probabilities are never independent
    exclusive = [[1 - 2 * king, king], [queen, 0.0]]          # rows: queen?, columns: king?
    assert not pr.independent(exclusive)


# --- estimation ------------------------------------------------------------------------------


def _solve_score(loglik, theta):
    return sp.solve(sp.Eq(sp.diff(loglik, theta), 0), theta)


def test_mle_closed_forms_are_where_the_log_likelihood_derivative_is_zero():
    n = 4
    xs = sp.symbols(f"x0:{n}", positive=True)
    mu, lam, p = sp.symbols("mu lambda p", positive=True)
    sigma2 = sp.symbols("sigma2", positive=True)
    gauss = sum(-sp.log(2 * sp.pi * sigma2) / 2 - (x - mu) ** 2 / (2 * sigma2) for x in xs)
    pois = sum(x * sp.log(lam) - lam - sp.log(sp.factorial(x)) for x in xs)
    bern = sum(x * sp.log(p) + (1 - x) * sp.log(1 - p) for x in xs)
    mean = sum(xs) / n
    assert sp.simplify(_solve_score(gauss, mu)[0] - mean) == 0
    [var_hat] = _solve_score(gauss.subs(mu, mean), sigma2)
    assert sp.simplify(var_hat - sum((x - mean) ** 2 for x in xs) / n) == 0
    assert sp.simplify(_solve_score(pois, lam)[0] - mean) == 0
    assert sp.simplify(_solve_score(bern, p)[0] - mean) == 0
    # ...and the library's closed forms evaluate them
    data = [2.0, 3.0, 0.0, 7.0]
    subs = dict(zip(xs, data))
    assert pr.mle_poisson(data) == pytest.approx(float(mean.subs(subs)))
    assert pr.mle_gaussian(data)[1] == pytest.approx(float(var_hat.subs(subs).subs(mu, 3.0)))


def test_mle_against_numerical_maximization_and_scipy_fit():
    rng = np.random.default_rng(0)
    x = rng.normal(2.0, 1.5, size=200)
    mean, var = pr.mle_gaussian(x)
    assert (mean, np.sqrt(var)) == pytest.approx(stats.norm.fit(x), rel=1e-10)
    counts = pr.sample_poisson(3.5, 300, rng=0)
    best = optimize.minimize_scalar(lambda lam: -np.sum(pr.poisson_logpmf(counts, lam)),
                                    bounds=(0.1, 20), method="bounded", options={"xatol": 1e-10})
    assert pr.mle_poisson(counts) == pytest.approx(best.x, abs=1e-6)


def test_gaussian_likelihood_is_mse_and_bernoulli_likelihood_is_cross_entropy():
    rng = np.random.default_rng(0)
    y, y_pred, var = rng.normal(size=50), rng.normal(size=50), 0.7
    nll = -np.sum(pr.gaussian_logpdf(y - y_pred, 0.0, var))
    mse = np.mean((y - y_pred) ** 2)
    assert nll == pytest.approx(50 / 2 * np.log(2 * np.pi * var) + 50 * mse / (2 * var), rel=1e-12)
    labels, probs = rng.integers(0, 2, 50), rng.uniform(0.05, 0.95, 50)
    nll = -np.mean([pr.bernoulli_logpmf(k, q) for k, q in zip(labels, probs)])
    assert nll == pytest.approx(log_loss(labels, probs), rel=1e-12)


def test_map_is_the_argmax_of_the_log_posterior():
    x = np.array([1, 1, 0, 1, 1, 1, 0, 1])
    a, b = 3.0, 5.0
    best = optimize.minimize_scalar(
        lambda q: -(np.sum(pr.bernoulli_logpmf(x, q)) + stats.beta(a, b).logpdf(q)),
        bounds=(1e-6, 1 - 1e-6), method="bounded", options={"xatol": 1e-12})
    assert pr.map_bernoulli(x, a, b) == pytest.approx(best.x, abs=1e-7)
    assert pr.map_bernoulli(x, 1, 1) == pr.mle_bernoulli(x)
    y = np.array([2.1, 1.7, 3.0])
    best = optimize.minimize_scalar(
        lambda m: -(np.sum(pr.gaussian_logpdf(y, m, 2.0)) + pr.gaussian_logpdf(m, 0.5, 0.25)))
    assert pr.map_gaussian_mean(y, 2.0, 0.5, 0.25) == pytest.approx(best.x, abs=1e-7)
    # a vague prior gives back the sample mean
    assert pr.map_gaussian_mean(y, 2.0, 0.0, 1e12) == pytest.approx(y.mean(), rel=1e-9)


# --- the limit laws --------------------------------------------------------------------------


def test_clt_standard_deviation_shrinks_as_one_over_root_n_and_means_become_normal():
    for n in (1, 8, 64, 512):
        means = pr.sample_means(n, 4000, rng=n)
        assert means.std() == pytest.approx(0.5 / np.sqrt(n), rel=0.05)
    z = (pr.sample_means(512, 4000, rng=0) - 0.5) / (0.5 / np.sqrt(512))
    assert stats.normaltest(z).pvalue > 0.01            # normal at n = 512 ...
    assert stats.normaltest(pr.sample_means(1, 4000, rng=0)).pvalue < 1e-10  # ... not at n = 1


def test_lln_running_mean_of_die_rolls_approaches_three_and_a_half():
    rolls = np.random.default_rng(0).integers(1, 7, size=100_000).astype(float)
    running = pr.running_mean(rolls)
    np.testing.assert_allclose(running, np.cumsum(rolls) / np.arange(1, rolls.size + 1))
    assert abs(running[-1] - 3.5) < 5 * np.sqrt(35 / 12 / rolls.size)
    assert abs(running[9] - 3.5) > abs(running[-1] - 3.5)


# --- EM for a two-component 1-D Gaussian mixture ------------------------------------------------


def test_mixture_loglik_against_scipy():
    x = np.linspace(-3, 9, 25)
    w, m, v = np.array([0.3, 0.7]), np.array([0.0, 5.0]), np.array([1.5, 4.0])
    want = np.log(w[0] * stats.norm(m[0], np.sqrt(v[0])).pdf(x)
                  + w[1] * stats.norm(m[1], np.sqrt(v[1])).pdf(x)).sum()
    assert pr.mixture_loglik(x, w, m, v) == pytest.approx(want, rel=1e-12)


def test_e_step_is_bayes_rule_and_far_points_do_not_underflow():
    # hand-worked: x = 0 between N(0, 1) and N(2, 1), equal weights -> 1 / (1 + e^-2)
    r = pr.mixture_e_step([0.0], [0.5, 0.5], [0.0, 2.0], [1.0, 1.0])
    np.testing.assert_allclose(r, [[1 / (1 + np.exp(-2)), np.exp(-2) / (1 + np.exp(-2))]])
    far = pr.mixture_e_step([60.0, -60.0], [0.5, 0.5], [0.0, 2.0], [1.0, 1.0])
    np.testing.assert_allclose(far, [[0.0, 1.0], [1.0, 0.0]], atol=1e-12)


def test_m_step_hand_worked_and_weighted_moments():
    w, m, v = pr.mixture_m_step([0.0, 2.0, 4.0, 8.0], [[1, 0], [1, 0], [0, 1], [0, 1]])
    np.testing.assert_allclose(w, [0.5, 0.5])
    np.testing.assert_allclose(m, [1.0, 6.0])   # (0 + 2) / 2 and (4 + 8) / 2
    np.testing.assert_allclose(v, [1.0, 4.0])   # (1 + 1) / 2 and (4 + 4) / 2
    rng = np.random.default_rng(3)
    x, p = rng.normal(size=40), rng.uniform(size=40)
    w, m, v = pr.mixture_m_step(x, np.column_stack([p, 1 - p]))
    assert m[0] == pytest.approx(np.average(x, weights=p))
    assert v[1] == pytest.approx(np.cov(x, aweights=1 - p, bias=True))


def test_m_step_maximizes_the_expected_complete_log_likelihood():
    rng = np.random.default_rng(4)
    x = np.concatenate([rng.normal(0, 1, 30), rng.normal(4, 0.5, 20)])
    resp = pr.mixture_e_step(x, [0.5, 0.5], [1.0, 3.0], [1.0, 1.0])

    def minus_q(theta):  # weights through a logistic, variances through exp
        w1 = 1 / (1 + np.exp(-theta[0]))
        log_joint = (np.log([w1, 1 - w1]) - 0.5 * np.log(2 * np.pi * np.exp(theta[3:]))
                     - (x[:, None] - theta[1:3]) ** 2 / (2 * np.exp(theta[3:])))
        return -(resp * log_joint).sum()

    best = optimize.minimize(minus_q, np.zeros(5), method="BFGS", options={"gtol": 1e-9}).x
    w, m, v = pr.mixture_m_step(x, resp)
    np.testing.assert_allclose(w[0], 1 / (1 + np.exp(-best[0])), rtol=1e-5)
    np.testing.assert_allclose(m, best[1:3], rtol=1e-5)
    np.testing.assert_allclose(v, np.exp(best[3:]), rtol=1e-5)


@pytest.mark.parametrize("n_iter, reg", [(1, 0.0), (5, 0.0), (40, 0.0), (40, 1e-3)])
def test_em_matches_sklearn_from_the_same_start(n_iter, reg):
    x = load_iris().data[:, 2]  # petal length: setosa's short petals and the rest
    start = dict(means=[2.0, 5.0], variances=[1.0, 1.0], weights=[0.4, 0.6])
    ours = pr.em_mixture(x, **start, max_iter=n_iter, tol=0.0, reg_var=reg)
    sk = GaussianMixture(2, covariance_type="spherical", weights_init=start["weights"],
                         means_init=np.array(start["means"])[:, None],
                         precisions_init=1 / np.array(start["variances"]),
                         reg_covar=reg, tol=0.0, max_iter=n_iter)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk.fit(x[:, None])
    assert len(ours.loglik) == n_iter + 1
    np.testing.assert_allclose(ours.weights, sk.weights_, rtol=1e-8)
    np.testing.assert_allclose(ours.means, sk.means_[:, 0], rtol=1e-8)
    np.testing.assert_allclose(ours.variances, sk.covariances_, rtol=1e-8)
    assert ours.loglik[-1] == pytest.approx(sk.score(x[:, None]) * len(x), rel=1e-10)
    np.testing.assert_allclose(pr.mixture_e_step(x, ours.weights, ours.means, ours.variances),
                               sk.predict_proba(x[:, None]), atol=1e-8)


def test_em_golden_two_separated_clusters():
    fit = pr.em_mixture([0.0, 0.2, 0.4, 5.0, 5.2, 5.4], [1.0, 4.0], [1.0, 1.0])
    np.testing.assert_allclose(fit.weights, [0.5, 0.5], atol=1e-9)
    np.testing.assert_allclose(fit.means, [0.2, 5.2], atol=1e-9)
    np.testing.assert_allclose(fit.variances, [0.08 / 3, 0.08 / 3], atol=1e-9)  # (0.04 * 2) / 3


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(5, 60),
       m1=st.floats(-5, 5), m2=st.floats(-5, 5), v1=st.floats(0.1, 10), v2=st.floats(0.1, 10),
       w=st.floats(0.05, 0.95))
def test_em_log_likelihood_never_decreases(seed, n, m1, m2, v1, v2, w):
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(0, 1, n), rng.normal(rng.uniform(-4, 4), 2, n)])
    fit = pr.em_mixture(x, [m1, m2], [v1, v2], [w, 1 - w], max_iter=30, tol=0.0, reg_var=1e-6)
    assert len(fit.loglik) == 31
    assert np.all(np.diff(fit.loglik) >= -1e-9 * np.abs(fit.loglik[1:]))
    np.testing.assert_allclose(fit.weights.sum(), 1.0)
    assert np.all(fit.variances > 0)


def test_a_component_on_one_point_collapses_without_reg_var():
    x = [0.0, 3.0, 3.5, 4.0, 4.5]  # a narrow component started at the lone 0 keeps only it
    with pytest.raises(ValueError, match="variances must hold variances > 0"):
        pr.em_mixture(x, [0.0, 4.0], [0.01, 1.0], max_iter=50, tol=0.0)
    fit = pr.em_mixture(x, [0.0, 4.0], [0.01, 1.0], max_iter=50, tol=0.0, reg_var=1e-3)
    assert fit.variances[0] == pytest.approx(1e-3, rel=1e-6)
    assert fit.weights[0] == pytest.approx(0.2) and fit.means[0] == pytest.approx(0.0, abs=1e-9)


def test_em_stops_when_the_gain_falls_below_tol():
    x = load_iris().data[:, 2]
    fit = pr.em_mixture(x, [2.0, 5.0], [1.0, 1.0], tol=1e-6)
    gains = np.diff(fit.loglik)
    assert gains[-1] < 1e-6 and np.all(gains[:-1] >= 1e-6)


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("call, message", [
    (lambda: pr.gaussian_pdf(0.0, 0.0, -1.0), "var must be a finite number > 0"),
    (lambda: pr.sample_gaussian(0.0, -2.0, 3), "var must be a finite number > 0"),
    (lambda: pr.mle_gaussian([1.0]), "at least 2 observations"),
    (lambda: pr.posterior([[0.5, 0.2], [0.2, 0.2]]), "must sum to 1"),
    (lambda: pr.independent([[0.5, 0.5], [0.5, 0.5]]), "must sum to 1"),
    (lambda: pr.posterior([[0.5, 0.0], [0.5, 0.0]]), "positive test"),
    (lambda: pr.posterior(np.full((3, 3), 1 / 9)), "2x2"),
    (lambda: pr.bernoulli_pmf(2, 0.5), "outcomes 0 and 1"),
    (lambda: pr.binomial_pmf(5, 4, 0.5), "k must be <= n"),
    (lambda: pr.poisson_pmf(1.5, 2.0), "whole numbers"),
    (lambda: pr.poisson_pmf(-1, 2.0), "whole numbers"),
    (lambda: pr.binomial_pmf(1, 4, 1.2), r"p must be a number in \[0, 1\]"),
    (lambda: pr.union_probability(0.2, 0.3, 0.4), "p_both must be <= min"),
    (lambda: pr.union_probability(0.7, 0.8, 0.1), "p_a \\+ p_b - p_both must be <= 1"),
    (lambda: pr.multivariate_gaussian_pdf([0.0, 0.0], [0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]]),
     "positive definite"),
    (lambda: pr.multivariate_gaussian_pdf([0.0, 0.0], [0.0, 0.0], [[1.0, 0.5], [0.4, 1.0]]),
     "symmetric"),
    (lambda: pr.multivariate_gaussian_pdf([0.0, 0.0], [0.0], np.eye(2)), "mean must have one entry"),
    (lambda: pr.multivariate_gaussian_pdf([0.0, 0.0, 0.0], [0.0, 0.0], np.eye(2)), "X must have 2"),
    (lambda: pr.sample_binomial(2**20, 0.5, 2**20), "more than can be allocated"),
    (lambda: pr.map_bernoulli([1, 0], a=0.5), "a must be a finite number >= 1"),
    (lambda: pr.mixture_loglik([0.0], [0.6, 0.6], [0.0, 1.0], [1.0, 1.0]), "must sum to 1"),
    (lambda: pr.mixture_e_step([0.0], [0.5, 0.5], [0.0, 1.0], [1.0, -1.0]), "variances > 0"),
    (lambda: pr.em_mixture([0.0, 1.0], [0.0, 1.0, 2.0], [1.0, 1.0]), "2 entries"),
    (lambda: pr.mixture_m_step([0.0, 1.0], [[1.0, 0.0]]), "one row per observation"),
    (lambda: pr.mixture_m_step([0.0, 1.0], [[1.0, 0.0], [1.0, 0.0]]), "component 1 has none"),
    (lambda: pr.mixture_m_step([0.0, 1.0], [[0.7, 0.7], [1.0, 0.0]]), "sum to 1"),
])
def test_bad_input(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
