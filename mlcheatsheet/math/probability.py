r"""Probability: the distributions the site uses, Bayes' rule, events, estimation, the limit laws.

- **Distributions** — Bernoulli, binomial, Poisson, Gaussian and multivariate
  Gaussian: a log-probability function holding the formula, the probability as its
  exponential, and a sampler that draws with an explicit ``rng`` the way the
  textbook does (comparing uniforms, summing Bernoullis, inverting the cdf,
  Box–Muller, a Cholesky factor).
- **Bayes' rule** on a 2×2 table of joint probabilities (:func:`confusion_table`,
  :func:`posterior`); **events**: the union rule and a test of independence.
- **Estimation** — maximum likelihood in closed form (:func:`mle_gaussian`,
  :func:`mle_bernoulli`, :func:`mle_poisson`) and maximum a posteriori with a
  conjugate prior (:func:`map_bernoulli`, :func:`map_gaussian_mean`).
- **The limit laws** — :func:`sample_means` (central limit theorem) and
  :func:`running_mean` (law of large numbers).
- **EM** for a two-component 1-D Gaussian mixture: :func:`mixture_e_step`,
  :func:`mixture_m_step`, :func:`em_mixture` and the :func:`mixture_loglik` it never lowers.

The library needs only NumPy; SciPy (``scipy.stats``) is the tests' oracle.
"""

import math
from collections import namedtuple

import numpy as np

from .._validation import (MAX_ELEMENTS, array, integer, interval, matrix, nonnegative,
                           positive, probability,
                           real, rng, shape, size, validate, vector)
from .information import _distribution

__all__ = [
    "bernoulli_logpmf", "bernoulli_pmf", "sample_bernoulli",
    "binomial_logpmf", "binomial_pmf", "sample_binomial",
    "poisson_logpmf", "poisson_pmf", "sample_poisson",
    "gaussian_logpdf", "gaussian_pdf", "sample_gaussian",
    "multivariate_gaussian_logpdf", "multivariate_gaussian_pdf", "sample_multivariate_gaussian",
    "confusion_table", "posterior",
    "union_probability", "independent",
    "mle_gaussian", "mle_bernoulli", "mle_poisson", "map_bernoulli", "map_gaussian_mean",
    "sample_means", "running_mean",
    "MixtureFit", "mixture_loglik", "mixture_e_step", "mixture_m_step", "em_mixture",
]

#: The largest Poisson rate the sampler accepts (its cdf table has about ``lam`` entries).
MAX_RATE = 1e6


# --------------------------------------------------------------------------
# Specs and relations
# --------------------------------------------------------------------------


def _counts(ndim=None, binary=False):
    """Spec: an array of whole numbers >= 0 (only 0 and 1 if ``binary``)."""
    as_array = array(ndim=ndim)

    def spec(value, name):
        k = as_array(value, name)
        if binary and not np.isin(k, (0.0, 1.0)).all():
            bad = k[~np.isin(k, (0.0, 1.0))][0]
            raise ValueError(f"{name} must hold outcomes 0 and 1; got {float(bad)!r}")
        if (k < 0).any() or (k != np.round(k)).any():
            bad = k[(k < 0) | (k != np.round(k))][0]
            raise ValueError(f"{name} must hold whole numbers >= 0 (counts); got {float(bad)!r}")
        return k

    spec.kind = "array"
    return spec


def _two_or_more(args):
    if len(args["x"]) < 2:
        raise ValueError(f"x must have at least 2 observations to estimate a variance; "
                         f"got {len(args['x'])}")


def _k_at_most_n(args):
    if (args["k"] > args["n"]).any():
        raise ValueError(f"k must be <= n = {args['n']} (successes out of n trials); "
                         f"got {float(args['k'].max())!r}")


def _fits_in_memory(size="size"):
    def relation(args):
        draws = args["n"] * math.prod(np.atleast_1d(args[size]).tolist())
        if draws > MAX_ELEMENTS:
            raise ValueError(f"n * {size} = {draws} draws is more than can be allocated "
                             f"(at most {MAX_ELEMENTS}); lower n or {size}")
    return relation


def _covariance(value, name):
    """Spec: a symmetric positive definite matrix; returns it (its Cholesky factor is recomputed)."""
    cov = matrix(value, name)
    if cov.shape[0] != cov.shape[1]:
        raise ValueError(f"{name} must be a square matrix; got shape {cov.shape}")
    if not np.allclose(cov, cov.T, rtol=1e-10, atol=0.0):
        raise ValueError(f"{name} must be symmetric (a covariance matrix); got cov[i, j] != cov[j, i]")
    try:
        np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        raise ValueError(f"{name} must be positive definite (every variance > 0, no exact "
                         f"linear dependence); its smallest eigenvalue is "
                         f"{float(np.linalg.eigvalsh(cov)[0]):.3g}") from None
    return cov


_covariance.kind = "array"


def _mean_matches_cov(points=None):
    def relation(args):
        d = args["cov"].shape[0]
        if args["mean"].shape != (d,):
            raise ValueError(f"mean must have one entry per row of cov ({d}); "
                             f"got shape {args['mean'].shape}")
        if points and args[points].shape[-1] != d:
            raise ValueError(f"{points} must have {d} columns (the dimension of cov); "
                             f"got shape {args[points].shape}")
    return relation


def _p_both_fits(args):
    a, b, both = args["p_a"], args["p_b"], args["p_both"]
    if both > min(a, b):
        raise ValueError(f"p_both must be <= min(p_a, p_b) = {min(a, b)!r} (A and B is inside "
                         f"A and inside B); got {both!r}")
    if a + b - both > 1 + 1e-12:
        raise ValueError(f"p_a + p_b - p_both must be <= 1; got {a + b - both!r} (raise p_both)")


def _someone_tests_positive(args):
    if args["table"][:, 1].sum() == 0:
        raise ValueError("table must have some probability of a positive test (column 1); "
                         "got a column of zeros")


def _table_is_2x2(args):
    if args["table"].shape != (2, 2):
        raise ValueError(f"table must be 2x2 (rows: truth 0/1, columns: test 0/1); "
                         f"got shape {args['table'].shape}")


_TEST_RATES = dict(prior=probability, sensitivity=probability, false_positive_rate=probability)


def _scalar_or_array(a):
    return float(a) if np.ndim(a) == 0 else a


def _log_factorial(k):
    return np.vectorize(math.lgamma, otypes=[float])(k + 1.0)


def _xlogy(x, y):
    """x log y with 0 log 0 = 0."""
    return np.where(x > 0, x * np.log(np.where(x > 0, y, 1.0)), 0.0)


# --------------------------------------------------------------------------
# Bernoulli and binomial
# --------------------------------------------------------------------------


@validate(k=_counts(binary=True), p=probability)
def bernoulli_logpmf(k, p):
    r"""Log-probability of the outcome ``k`` (1 = success) of one trial with success rate ``p``.

    Parameters
    ----------
    k : array-like of 0 and 1
    p : float in [0, 1]

    Returns
    -------
    float or ndarray of the shape of ``k``; ``-inf`` for an impossible outcome.

    Notes
    -----
    .. math:: \log P(k) = k \log p + (1 - k) \log(1 - p)

    Examples
    --------
    >>> round(bernoulli_logpmf(1, 0.25), 4)          # log 0.25
    -1.3863
    """
    with np.errstate(divide="ignore"):
        return _scalar_or_array(_xlogy(k, p) + _xlogy(1 - k, 1 - p))


@validate(k=_counts(binary=True), p=probability)
def bernoulli_pmf(k, p):
    r"""Probability of the outcome ``k`` of one trial: ``p`` for 1, ``1 - p`` for 0.

    Examples
    --------
    >>> bernoulli_pmf([0, 1], 0.25).tolist()
    [0.75, 0.25]
    """
    return _scalar_or_array(np.exp(bernoulli_logpmf(k, p)))


@validate(p=probability, size=shape, rng=rng)
def sample_bernoulli(p, size, rng=0):
    r"""``size`` independent 0/1 draws, each 1 with probability ``p``: is a uniform below ``p``?

    Examples
    --------
    >>> draws = sample_bernoulli(0.3, 10_000, rng=0)
    >>> sorted(set(draws.tolist())), round(float(draws.mean()), 2)
    ([0, 1], 0.3)
    """
    return (rng.random(size) < p).astype(int)


@validate(k=_counts(), n=integer(minimum=1), p=probability, _=_k_at_most_n)
def binomial_logpmf(k, n, p):
    r"""Log-probability of ``k`` successes in ``n`` independent trials of success rate ``p``.

    Parameters
    ----------
    k : array-like of whole numbers in [0, n]
    n : int >= 1
    p : float in [0, 1]

    Returns
    -------
    float or ndarray of the shape of ``k``

    Notes
    -----
    .. math:: \log P(k) = \log\binom{n}{k} + k \log p + (n - k) \log(1 - p)

    Examples
    --------
    >>> round(float(np.exp(binomial_logpmf(2, 4, 0.5))), 4)     # 6 / 16
    0.375
    """
    log_choose = _log_factorial(n) - _log_factorial(k) - _log_factorial(n - k)
    with np.errstate(divide="ignore"):
        return _scalar_or_array(log_choose + _xlogy(k, p) + _xlogy(n - k, 1 - p))


@validate(k=_counts(), n=integer(minimum=1), p=probability, _=_k_at_most_n)
def binomial_pmf(k, n, p):
    r"""Probability of ``k`` successes in ``n`` trials.

    Examples
    --------
    >>> [round(v, 4) for v in binomial_pmf([0, 1, 2], 2, 0.5).tolist()]
    [0.25, 0.5, 0.25]
    """
    return _scalar_or_array(np.exp(binomial_logpmf(k, n, p)))


@validate(n=size(), p=probability, size=shape, rng=rng, _=_fits_in_memory())
def sample_binomial(n, p, size, rng=0):
    r"""``size`` binomial draws, each the number of successes among ``n`` Bernoulli trials.

    Examples
    --------
    >>> draws = sample_binomial(10, 0.5, 5000, rng=0)
    >>> int(draws.min()) >= 0 and int(draws.max()) <= 10, round(float(draws.mean()), 1)
    (True, 5.0)
    """
    return sample_bernoulli(p, size + (n,), rng).sum(axis=-1)


# --------------------------------------------------------------------------
# Poisson
# --------------------------------------------------------------------------


@validate(k=_counts(), lam=positive)
def poisson_logpmf(k, lam):
    r"""Log-probability of ``k`` events when they occur at rate ``lam`` per interval.

    Parameters
    ----------
    k : array-like of whole numbers >= 0
    lam : float > 0
        The mean (and the variance) of the count.

    Returns
    -------
    float or ndarray of the shape of ``k``

    Notes
    -----
    .. math:: \log P(k) = k \log\lambda - \lambda - \log k!

    Examples
    --------
    >>> round(float(np.exp(poisson_logpmf(0, 2.0))), 4)     # e^-2
    0.1353
    """
    return _scalar_or_array(k * np.log(lam) - lam - _log_factorial(k))


@validate(k=_counts(), lam=positive)
def poisson_pmf(k, lam):
    r"""Probability of ``k`` events at rate ``lam``: :math:`\lambda^k e^{-\lambda} / k!`.

    Examples
    --------
    >>> round(poisson_pmf(1, 1.0), 4)                   # 1/e
    0.3679
    """
    return _scalar_or_array(np.exp(poisson_logpmf(k, lam)))


@validate(lam=interval(0, MAX_RATE, "right"), size=shape, rng=rng)
def sample_poisson(lam, size, rng=0):
    r"""``size`` Poisson draws by inverting the cdf: the first ``k`` whose cdf passes a uniform.

    Examples
    --------
    >>> draws = sample_poisson(3.0, 20_000, rng=0)
    >>> round(float(draws.mean()), 1), round(float(draws.var()), 1)
    (3.0, 3.0)
    """
    ks = np.arange(math.ceil(lam + 12 * math.sqrt(lam) + 12))
    cdf = np.cumsum(np.exp(poisson_logpmf(ks, lam)))
    return np.minimum(np.searchsorted(cdf, rng.random(size), side="right"), ks[-1])


# --------------------------------------------------------------------------
# Gaussian
# --------------------------------------------------------------------------


@validate(x=array(), mean=real, var=positive)
def gaussian_logpdf(x, mean=0.0, var=1.0):
    r"""Log-density of the normal distribution with ``mean`` and variance ``var`` at ``x``.

    Parameters
    ----------
    x : array-like
    mean : float, default 0
    var : float > 0, default 1
        The variance :math:`\sigma^2` (not the standard deviation).

    Returns
    -------
    float or ndarray of the shape of ``x``

    Notes
    -----
    .. math:: \log p(x) = -\tfrac12 \log(2\pi\sigma^2) - \frac{(x - \mu)^2}{2\sigma^2}

    Examples
    --------
    >>> round(gaussian_logpdf(0.0), 4)                  # -log sqrt(2 pi)
    -0.9189
    """
    log_density = -0.5 * np.log(2 * np.pi * var) - (x - mean) ** 2 / (2 * var)
    return _scalar_or_array(log_density)


@validate(x=array(), mean=real, var=positive)
def gaussian_pdf(x, mean=0.0, var=1.0):
    r"""Density of the normal distribution: the bell curve.

    Examples
    --------
    >>> round(gaussian_pdf(1.0, mean=1.0, var=4.0), 4)  # 1 / (2 sqrt(2 pi))
    0.1995
    """
    return _scalar_or_array(np.exp(gaussian_logpdf(x, mean, var)))


@validate(mean=real, var=positive, size=shape, rng=rng)
def sample_gaussian(mean=0.0, var=1.0, size=1, rng=0):
    r"""``size`` normal draws by the Box–Muller transform of two uniforms.

    Notes
    -----
    With :math:`u_1, u_2` uniform on (0, 1],
    :math:`z = \sqrt{-2\log u_1}\,\cos(2\pi u_2)` is standard normal.

    Examples
    --------
    >>> z = sample_gaussian(2.0, 9.0, 50_000, rng=0)
    >>> round(float(z.mean()), 1), round(float(z.std()), 1)
    (2.0, 3.0)
    """
    u1, u2 = 1.0 - rng.random(size), rng.random(size)
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2 * np.pi * u2)
    return mean + np.sqrt(var) * z


@validate(X=array(ndim=(1, 2)), mean=vector, cov=_covariance, _=_mean_matches_cov("X"))
def multivariate_gaussian_logpdf(X, mean, cov):
    r"""Log-density of the multivariate normal at each row of ``X``.

    Parameters
    ----------
    X : array-like of shape (d,) or (n_samples, d)
    mean : array-like of shape (d,)
    cov : array-like of shape (d, d)
        Symmetric positive definite.

    Returns
    -------
    float for one point, ndarray of shape (n_samples,) for several

    Notes
    -----
    .. math:: \log p(x) = -\tfrac12\left(d \log 2\pi + \log\det\Sigma
              + (x - \mu)^\top \Sigma^{-1} (x - \mu)\right)

    computed with the Cholesky factor :math:`\Sigma = LL^\top`:
    :math:`\log\det\Sigma = 2\sum_i \log L_{ii}` and the quadratic form is
    :math:`\lVert L^{-1}(x - \mu)\rVert^2`.

    Examples
    --------
    >>> round(multivariate_gaussian_logpdf([0.0, 0.0], [0.0, 0.0], np.eye(2)), 4)  # -log 2 pi
    -1.8379
    """
    L = np.linalg.cholesky(cov)
    z = np.linalg.solve(L, np.atleast_2d(X - mean).T)
    log_det = 2 * np.sum(np.log(np.diag(L)))
    logp = -0.5 * (len(mean) * np.log(2 * np.pi) + log_det + np.sum(z**2, axis=0))
    return float(logp[0]) if X.ndim == 1 else logp


@validate(X=array(ndim=(1, 2)), mean=vector, cov=_covariance, _=_mean_matches_cov("X"))
def multivariate_gaussian_pdf(X, mean, cov):
    r"""Density of the multivariate normal at each row of ``X``.

    Examples
    --------
    >>> round(multivariate_gaussian_pdf([0.0, 0.0], [0.0, 0.0], np.eye(2)), 4)    # 1 / (2 pi)
    0.1592
    """
    return _scalar_or_array(np.exp(multivariate_gaussian_logpdf(X, mean, cov)))


@validate(mean=vector, cov=_covariance, size=shape, rng=rng, _=_mean_matches_cov())
def sample_multivariate_gaussian(mean, cov, size, rng=0):
    r"""``size`` draws of a multivariate normal: :math:`\mu + Lz` with :math:`z` standard normal.

    Returns
    -------
    ndarray of shape ``size + (d,)``

    Examples
    --------
    >>> X = sample_multivariate_gaussian([0.0, 0.0], [[1.0, 0.8], [0.8, 1.0]], 20_000, rng=0)
    >>> X.shape, round(float(np.corrcoef(X.T)[0, 1]), 1)
    ((20000, 2), 0.8)
    """
    L = np.linalg.cholesky(cov)
    z = sample_gaussian(0.0, 1.0, size + (len(mean),), rng)
    return mean + z @ L.T


# --------------------------------------------------------------------------
# Bayes' rule and events
# --------------------------------------------------------------------------


@validate(**_TEST_RATES)
def confusion_table(prior, sensitivity, false_positive_rate):
    r"""The joint probabilities of truth and test result, from the three numbers a test is sold by.

    Parameters
    ----------
    prior : float in [0, 1]
        :math:`P(Y=1)`, how common the condition is.
    sensitivity : float in [0, 1]
        :math:`P(X=1 \mid Y=1)`, the true-positive rate.
    false_positive_rate : float in [0, 1]
        :math:`P(X=1 \mid Y=0)`, one minus the specificity.

    Returns
    -------
    ndarray of shape (2, 2)
        ``table[y, x] = P(Y=y, X=x)``: rows the truth (0, 1), columns the test (0, 1).

    Examples
    --------
    >>> confusion_table(0.5, 0.8, 0.1).tolist()
    [[0.45, 0.05], [0.1, 0.4]]
    """
    healthy, ill, fpr = 1 - prior, prior, false_positive_rate
    return np.array([[healthy * (1 - fpr), healthy * fpr],
                     [ill * (1 - sensitivity), ill * sensitivity]])


@validate(table=_distribution(2), _=_table_is_2x2, __=_someone_tests_positive)
def posterior(table):
    r"""Bayes' rule on a joint table: the probability of the condition given a positive test.

    Parameters
    ----------
    table : array-like of shape (2, 2)
        ``table[y, x] = P(Y=y, X=x)``, summing to 1 (see :func:`confusion_table`).

    Returns
    -------
    float
        :math:`P(Y=1 \mid X=1)`, the test's precision.

    Notes
    -----
    .. math:: P(Y=1 \mid X=1) = \frac{P(X=1 \mid Y=1)\,P(Y=1)}{P(X=1)}
              = \frac{P(Y=1, X=1)}{P(Y=0, X=1) + P(Y=1, X=1)}

    Examples
    --------
    >>> round(posterior([[0.45, 0.05], [0.1, 0.4]]), 4)     # 0.4 / 0.45
    0.8889
    """
    return float(table[1, 1] / (table[0, 1] + table[1, 1]))


@validate(p_a=probability, p_b=probability, p_both=probability, _=_p_both_fits)
def union_probability(p_a, p_b, p_both=0.0):
    r"""P(A or B) by inclusion–exclusion; ``p_both = 0`` for mutually exclusive events.

    Parameters
    ----------
    p_a, p_b : float in [0, 1]
    p_both : float in [0, 1], default 0
        :math:`P(A \cap B)`; ``p_a * p_b`` if A and B are independent.

    Returns
    -------
    float

    Notes
    -----
    .. math:: P(A \cup B) = P(A) + P(B) - P(A \cap B)

    Examples
    --------
    >>> round(union_probability(0.5, 0.5, 0.25), 4)       # heads on the first or second toss
    0.75
    """
    return p_a + p_b - p_both


@validate(P=_distribution(2), tol=interval(0, 1))
def independent(P, tol=1e-9):
    r"""Whether a joint table is the product of its margins: :math:`P(x, y) = P(x)\,P(y)`.

    Parameters
    ----------
    P : array-like of shape (n_x, n_y)
        Joint probabilities, summing to 1.
    tol : float in [0, 1), default 1e-9
        The largest allowed difference of any cell.

    Returns
    -------
    bool

    Examples
    --------
    >>> independent([[0.25, 0.25], [0.25, 0.25]]), independent([[0.5, 0.0], [0.0, 0.5]])
    (True, False)
    """
    margins = np.outer(P.sum(axis=1), P.sum(axis=0))
    return bool(np.abs(P - margins).max() <= tol)


# --------------------------------------------------------------------------
# Estimation
# --------------------------------------------------------------------------


@validate(x=vector, _=_two_or_more)
def mle_gaussian(x):
    r"""Maximum-likelihood mean and variance of a normal sample: the average and the 1/n variance.

    Parameters
    ----------
    x : array-like of shape (n,), n >= 2

    Returns
    -------
    (float, float)
        :math:`\hat\mu = \bar x` and :math:`\hat\sigma^2 = \frac1n\sum_i (x_i - \bar x)^2`
        (biased: the unbiased estimate divides by n - 1).

    Examples
    --------
    >>> mle_gaussian([1.0, 2.0, 3.0, 6.0])
    (3.0, 3.5)
    """
    mean = float(np.mean(x))
    return mean, float(np.mean((x - mean) ** 2))


@validate(x=_counts(ndim=1, binary=True))
def mle_bernoulli(x):
    r"""Maximum-likelihood success rate of 0/1 outcomes: the fraction of ones.

    Examples
    --------
    >>> mle_bernoulli([1, 0, 0, 1, 1])
    0.6
    """
    return float(np.mean(x))


@validate(x=_counts(ndim=1))
def mle_poisson(x):
    r"""Maximum-likelihood Poisson rate of counts: :math:`\hat\lambda = \frac1n\sum_i x_i`.

    Examples
    --------
    >>> mle_poisson([2, 3, 0, 7])
    3.0
    """
    return float(np.mean(x))


@validate(x=_counts(ndim=1, binary=True), a=interval(1, np.inf), b=interval(1, np.inf))
def map_bernoulli(x, a=2.0, b=2.0):
    r"""Maximum a posteriori success rate with a Beta(a, b) prior: the mode of the posterior.

    Parameters
    ----------
    x : array-like of 0 and 1
    a, b : float >= 1, default 2
        The prior acts like ``a - 1`` extra successes and ``b - 1`` extra failures;
        ``a = b = 1`` (flat prior) gives the MLE.

    Returns
    -------
    float

    Notes
    -----
    .. math:: \hat p_{MAP} = \frac{\sum_i x_i + a - 1}{n + a + b - 2}

    Examples
    --------
    >>> map_bernoulli([1, 1, 1]), map_bernoulli([1, 1, 1], a=1, b=1)
    (0.8, 1.0)
    """
    return float((np.sum(x) + a - 1) / (len(x) + a + b - 2))


@validate(x=vector, var=positive, prior_mean=real, prior_var=positive)
def map_gaussian_mean(x, var=1.0, prior_mean=0.0, prior_var=1.0):
    r"""MAP mean of a normal sample with known variance and a normal prior on the mean.

    Parameters
    ----------
    x : array-like of shape (n,)
    var : float > 0, default 1
        The (known) variance of each observation.
    prior_mean, prior_var : float, default 0 and 1
        The prior on the mean, :math:`\mathcal N(\mu_0, \sigma_0^2)`.

    Returns
    -------
    float
        A precision-weighted average of the prior mean and the sample mean.

    Notes
    -----
    .. math:: \hat\mu_{MAP} = \frac{\mu_0/\sigma_0^2 + \sum_i x_i/\sigma^2}
              {1/\sigma_0^2 + n/\sigma^2}

    Examples
    --------
    >>> map_gaussian_mean([2.0, 2.0, 2.0], var=1.0, prior_mean=0.0, prior_var=1.0)  # 6 / 4
    1.5
    """
    return float((prior_mean / prior_var + np.sum(x) / var) / (1 / prior_var + len(x) / var))


# --------------------------------------------------------------------------
# The limit laws
# --------------------------------------------------------------------------

_DRAWS_FIT = _fits_in_memory("n_repeats")



@validate(n=size(), n_repeats=size(), p=probability, rng=rng, _=_DRAWS_FIT)
def sample_means(n, n_repeats=1000, p=0.5, rng=0):
    r"""Means of ``n`` random 0/1 draws, repeated ``n_repeats`` times (the central limit theorem).

    Returns
    -------
    ndarray of shape (n_repeats,)
        Centred on ``p`` with standard deviation :math:`\sqrt{p(1-p)/n}`.

    Examples
    --------
    >>> m = sample_means(100, 4000, rng=0)
    >>> round(float(m.mean()), 2), round(float(m.std()), 2)           # 0.5 and 0.5 / 10
    (0.5, 0.05)
    """
    return sample_binomial(n, p, (n_repeats,), rng) / n


@validate(x=vector)
def running_mean(x):
    r"""The mean of the first 1, 2, …, n values of ``x`` (the law of large numbers).

    Examples
    --------
    >>> running_mean([2.0, 4.0, 6.0, 0.0]).tolist()
    [2.0, 3.0, 4.0, 3.0]
    """
    return np.cumsum(x) / np.arange(1, len(x) + 1)


# --------------------------------------------------------------------------
# EM for a two-component 1-D Gaussian mixture
# --------------------------------------------------------------------------

#: What :func:`em_mixture` returns: the fitted parameters and the log-likelihood after
#: 0, 1, 2, … M-steps (``loglik[0]`` is the start's).
MixtureFit = namedtuple("MixtureFit", "weights means variances loglik")


def _two(kind):
    """Spec: a pair of numbers, one per component (``kind``: "means", "variances", "weights")."""
    as_pair = {"weights": _distribution(1)}.get(kind, vector)

    def spec(value, name):
        v = as_pair(value, name)
        if v.shape != (2,):
            raise ValueError(f"{name} must have 2 entries (one per component); got shape {v.shape}")
        if kind == "variances" and (v <= 0).any():
            raise ValueError(f"{name} must hold variances > 0; got {float(v[v <= 0][0])!r}")
        return v

    spec.kind = "array"
    return spec


def _responsibilities(value, name):
    """Spec: an (n, 2) array of rows that are probability distributions."""
    r = matrix(value, name)
    if r.shape[1] != 2:
        raise ValueError(f"{name} must have 2 columns (one per component); got shape {r.shape}")
    if (r < 0).any() or (np.abs(r.sum(axis=1) - 1) > 1e-9).any():
        raise ValueError(f"{name} must have rows of probabilities >= 0 that sum to 1")
    return r


_responsibilities.kind = "array"


def _resp_fits(args):
    if len(args["resp"]) != len(args["x"]):
        raise ValueError(f"resp must have one row per observation ({len(args['x'])}); "
                         f"got {len(args['resp'])}")
    empty = args["resp"].sum(axis=0) == 0
    if empty.any():
        raise ValueError(f"resp must give every component some weight; component "
                         f"{int(np.argmax(empty))} has none (its mean is undefined)")


def _log_joint(x, weights, means, variances):
    """log(pi_k N(x_i; mu_k, sigma_k^2)) for every point (rows) and component (columns)."""
    x = x[:, None]
    return (np.log(weights) - 0.5 * np.log(2 * np.pi * variances)
            - (x - means) ** 2 / (2 * variances))


def _logsumexp_rows(a):
    top = a.max(axis=1, keepdims=True)
    return (top + np.log(np.exp(a - top).sum(axis=1, keepdims=True)))[:, 0]


_MIXTURE = dict(x=vector, weights=_two("weights"), means=_two("means"),
                variances=_two("variances"))


_EM = dict(_MIXTURE, max_iter=integer(minimum=1, maximum=100_000), tol=nonnegative,
           reg_var=nonnegative)


@validate(**_MIXTURE)
def mixture_loglik(x, weights, means, variances):
    r"""Log-likelihood of a two-component 1-D Gaussian mixture: :math:`\sum_i \log p(x_i)`.

    Parameters
    ----------
    x : array-like of shape (n,)
    weights : array-like of shape (2,), summing to 1
    means : array-like of shape (2,)
    variances : array-like of shape (2,), > 0

    Returns
    -------
    float
        :math:`\sum_i \log\bigl(\pi_1 \mathcal N(x_i; \mu_1, \sigma_1^2)
        + \pi_2 \mathcal N(x_i; \mu_2, \sigma_2^2)\bigr)`, summed in log space.

    Examples
    --------
    >>> round(mixture_loglik([0.0], [0.5, 0.5], [0.0, 0.0], [1.0, 1.0]), 4)  # -log sqrt(2 pi)
    -0.9189
    """
    return float(_logsumexp_rows(_log_joint(x, weights, means, variances)).sum())


@validate(**_MIXTURE)
def mixture_e_step(x, weights, means, variances):
    r"""E-step: the probability that each point came from each component (Bayes' rule).

    Returns
    -------
    ndarray of shape (n, 2)
        :math:`r_{ik} = \pi_k \mathcal N(x_i; \mu_k, \sigma_k^2) / p(x_i)`; rows sum to 1.

    Examples
    --------
    >>> r = mixture_e_step([0.0], [0.5, 0.5], [0.0, 2.0], [1.0, 1.0])
    >>> r.round(4).tolist()                                     # 1 / (1 + e^-2)
    [[0.8808, 0.1192]]
    """
    log_joint = _log_joint(x, weights, means, variances)
    return np.exp(log_joint - _logsumexp_rows(log_joint)[:, None])


@validate(x=vector, resp=_responsibilities, reg_var=nonnegative, _=_resp_fits)
def mixture_m_step(x, resp, reg_var=0.0):
    r"""M-step: weights, means and variances from responsibility-weighted counts.

    Parameters
    ----------
    x : array-like of shape (n,)
    resp : array-like of shape (n, 2)
        Rows of probabilities, e.g. from :func:`mixture_e_step`.
    reg_var : float >= 0, default 0
        Added to each variance (scikit-learn's ``reg_covar``), so that a component
        that shrinks onto a single point keeps a variance > 0.

    Returns
    -------
    (ndarray, ndarray, ndarray)
        With :math:`N_k = \sum_i r_{ik}`: :math:`\pi_k = N_k / n`,
        :math:`\mu_k = \sum_i r_{ik} x_i / N_k`,
        :math:`\sigma_k^2 = \sum_i r_{ik} (x_i - \mu_k)^2 / N_k` (+ ``reg_var``).

    Examples
    --------
    >>> w, m, v = mixture_m_step([0.0, 2.0, 4.0, 8.0], [[1, 0], [1, 0], [0, 1], [0, 1]])
    >>> w.tolist(), m.tolist(), v.tolist()
    ([0.5, 0.5], [1.0, 6.0], [1.0, 4.0])
    """
    n_k = resp.sum(axis=0)
    means = resp.T @ x / n_k
    variances = (resp * (x[:, None] - means) ** 2).sum(axis=0) / n_k + reg_var
    return n_k / len(x), means, variances


@validate(**_EM)
def em_mixture(x, means, variances, weights=(0.5, 0.5), max_iter=200, tol=1e-10,
               reg_var=0.0):
    r"""Fit a two-component 1-D Gaussian mixture by expectation–maximization.

    Parameters
    ----------
    x : array-like of shape (n,)
    means, variances : array-like of shape (2,)
        The starting parameters (EM finds a local maximum near them).
    weights : array-like of shape (2,), default (0.5, 0.5)
    max_iter : int, default 200
        The most E-step/M-step rounds.
    tol : float >= 0, default 1e-10
        Stop when a round raises the log-likelihood by less than this; 0 runs all
        ``max_iter`` rounds.
    reg_var : float >= 0, default 0
        Passed to :func:`mixture_m_step`. Without it a component can shrink onto a
        single point: its variance reaches 0 and the likelihood is unbounded.

    Returns
    -------
    MixtureFit
        ``weights``, ``means``, ``variances`` and ``loglik``, the log-likelihood
        before the first round and after each one — it never decreases.

    Examples
    --------
    >>> x = [0.0, 0.2, 0.4, 5.0, 5.2, 5.4]
    >>> fit = em_mixture(x, means=[1.0, 4.0], variances=[1.0, 1.0])
    >>> fit.weights.round(3).tolist(), fit.means.round(3).tolist()
    ([0.5, 0.5], [0.2, 5.2])
    >>> bool((np.diff(fit.loglik) >= 0).all())
    True
    """
    loglik = [mixture_loglik(x, weights, means, variances)]
    for _ in range(max_iter):
        resp = mixture_e_step(x, weights, means, variances)
        weights, means, variances = mixture_m_step(x, resp, reg_var)
        loglik.append(mixture_loglik(x, weights, means, variances))
        if tol and loglik[-1] - loglik[-2] < tol:
            break
    return MixtureFit(weights, means, variances, np.array(loglik))
