r"""Statistics: describing a sample, intervals, hypothesis tests, power, correlation, ACF.

- **Descriptive statistics** (:func:`describe`) and the **standard error** of a mean.
- The **normal** and **Student t** distributions' cdf and quantiles
  (:func:`normal_cdf`, :func:`normal_ppf`, :func:`t_cdf`, :func:`t_ppf`), written
  with ``math.erfc`` and a continued fraction for the incomplete beta function,
  so the library needs only NumPy.
- A **confidence interval** for a mean (:func:`mean_interval`), the **z-test**,
  the one- and two-sample **t-tests**, the **two-proportion test** of an A/B
  test, and the **permutation test**.
- **Sample size and power**: the margin-of-error formula
  :math:`n = z^2 p(1-p)/m^2` (:func:`sample_size_proportion`) and the power of an
  A/B test (:func:`power_two_proportions`, :func:`sample_size_two_proportions`).
- **Sampling a finite population**: simple random, systematic, stratified
  (with :func:`stratified_mean`) and cluster samples, each drawn with an ``rng``.
- **Correlation**: Pearson and Spearman; the **autocorrelation** and **partial
  autocorrelation** of a time series.

The bootstrap and the jackknife live in :mod:`mlcheatsheet.model_selection.resampling`.

(A module of a package: ``import statistics`` still finds Python's own module.)
"""

import math

import numpy as np

from .._validation import (flag, integer, interval, options, positive, probability, real, rng,
                           size, validate, vector)

__all__ = [
    "describe", "standard_error",
    "normal_cdf", "normal_ppf", "t_cdf", "t_ppf",
    "mean_interval", "z_test", "t_test_1samp", "t_test_ind", "two_proportion_test",
    "permutation_test",
    "sample_size_proportion", "power_two_proportions", "sample_size_two_proportions",
    "pearson", "spearman", "acf", "pacf",
    "simple_random_sample", "systematic_sample", "stratified_sample", "stratified_mean",
    "cluster_sample",
]

_ALTERNATIVE = options("two-sided", "greater", "less")
_LEVEL = interval(0, 1, "neither")
_QUANTILE = interval(0, 1, "neither")
_DF = interval(0, np.inf, "neither")


# --------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------


def _at_least(minimum, *names):
    def relation(args):
        for name in names:
            if len(args[name]) < minimum:
                what = "a variance" if minimum == 2 else "this"
                raise ValueError(f"{name} must have at least {minimum} observations to estimate "
                                 f"{what}; got {len(args[name])}")
    return relation


def _not_constant(*names):
    def relation(args):
        for name in names:
            if np.ptp(args[name]) == 0:
                raise ValueError(f"{name} must not be constant (its variance is 0, so the "
                                 f"statistic is undefined); got all values {args[name][0]!r}")
    return relation


def _same_length(args):
    if len(args["x"]) != len(args["y"]):
        raise ValueError(f"x and y must have the same length (paired observations); got "
                         f"{len(args['x'])} and {len(args['y'])}")


def _not_both_constant(args):
    if np.ptp(args["x"]) == 0 and np.ptp(args["y"]) == 0:
        raise ValueError("x and y must not both be constant (the standard error would be 0)")


def _successes_within(args):
    for s, n in (("successes_a", "n_a"), ("successes_b", "n_b")):
        if args[s] > args[n]:
            raise ValueError(f"{s} must be <= {n} = {args[n]}; got {args[s]}")
    if args["successes_a"] + args["successes_b"] in (0, args["n_a"] + args["n_b"]):
        raise ValueError("successes_a + successes_b must be strictly between 0 and n_a + n_b "
                         "(otherwise the pooled rate is 0 or 1 and the test is undefined)")


def _rates_differ(args):
    if args["p_a"] == args["p_b"]:
        raise ValueError(f"p_a and p_b must differ (there is no effect to detect); "
                         f"got both {args['p_a']!r}")
    if not (0 < args["p_a"] < 1 and 0 < args["p_b"] < 1):
        raise ValueError(f"p_a and p_b must be strictly between 0 and 1; got {args['p_a']!r} "
                         f"and {args['p_b']!r}")


def _lags_fit(args):
    if args["n_lags"] >= len(args["x"]):
        raise ValueError(f"n_lags must be < len(x) = {len(args['x'])}; got {args['n_lags']}")


def _both(*relations):
    def relation(args):
        for check in relations:
            check(args)
    return relation


_varying_x = _both(_at_least(2, "x"), _not_constant("x"))
_two_samples = _both(_at_least(2, "x", "y"), _not_both_constant)
_paired_varying = _both(_same_length, _at_least(2, "x", "y"), _not_constant("x", "y"))
_COUNTS = dict(successes_a=size(0), n_a=size(1), successes_b=size(0), n_b=size(1))


def _p_value(cdf_at_stat, survival_at_stat, alternative):
    if alternative == "greater":
        return survival_at_stat
    if alternative == "less":
        return cdf_at_stat
    return min(1.0, 2 * min(cdf_at_stat, survival_at_stat))


# --------------------------------------------------------------------------
# Describing a sample
# --------------------------------------------------------------------------


@validate(x=vector, _=_at_least(2, "x"))
def describe(x):
    r"""The usual summary of a sample: size, mean, spread and quartiles.

    Parameters
    ----------
    x : array-like of shape (n,), n >= 2

    Returns
    -------
    dict
        ``n``, ``mean``, ``var`` and ``std`` (dividing by n - 1), ``min``, ``q1``,
        ``median``, ``q3``, ``max`` and ``iqr`` = q3 - q1.

    Notes
    -----
    .. math:: \bar x = \frac1n\sum_i x_i, \qquad s^2 = \frac{1}{n-1}\sum_i (x_i - \bar x)^2

    Examples
    --------
    >>> d = describe([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    >>> d["mean"], d["median"], round(d["std"], 4)
    (5.0, 4.5, 2.1381)
    """
    mean = float(np.mean(x))
    var = float(np.sum((x - mean) ** 2) / (len(x) - 1))
    q1, median, q3 = (float(q) for q in np.quantile(x, [0.25, 0.5, 0.75]))
    return {"n": len(x), "mean": mean, "var": var, "std": math.sqrt(var),
            "min": float(x.min()), "q1": q1, "median": median, "q3": q3,
            "max": float(x.max()), "iqr": q3 - q1}


@validate(x=vector, _=_at_least(2, "x"))
def standard_error(x):
    r"""The standard error of the mean, :math:`s / \sqrt n`: how much the mean would vary.

    Examples
    --------
    >>> round(standard_error([1.0, 2.0, 3.0, 4.0]), 4)        # sqrt(5/3) / 2
    0.6455
    """
    return float(np.std(x, ddof=1) / math.sqrt(len(x)))


# --------------------------------------------------------------------------
# The normal and t distributions
# --------------------------------------------------------------------------


@validate(z=real)
def normal_cdf(z):
    r"""The standard normal cdf :math:`\Phi(z) = \tfrac12\operatorname{erfc}(-z/\sqrt2)`.

    Examples
    --------
    >>> normal_cdf(0.0), round(normal_cdf(1.96), 4)
    (0.5, 0.975)
    """
    return 0.5 * math.erfc(-z / math.sqrt(2))


def _invert(upper_tail, q):
    """The x with P(X <= x) = q for a distribution symmetric about 0, given its upper tail
    P(X > x) for x >= 0: bracketing, then bisection on the smaller tail (no rounding of 1 - q)."""
    if q == 0.5:
        return 0.0
    sign, tail = (1.0, 1.0 - q) if q > 0.5 else (-1.0, q)
    low, high = 0.0, 1.0
    while upper_tail(high) > tail:
        low, high = high, 2 * high
    for _ in range(200):
        mid = (low + high) / 2
        if mid in (low, high):
            break
        low, high = (mid, high) if upper_tail(mid) > tail else (low, mid)
    return sign * (low + high) / 2


@validate(q=_QUANTILE)
def normal_ppf(q):
    r"""The standard normal quantile :math:`z_q = \Phi^{-1}(q)` (the "z-table").

    Examples
    --------
    >>> [round(normal_ppf(q), 3) for q in (0.95, 0.975, 0.995)]
    [1.645, 1.96, 2.576]
    """
    return _invert(lambda z: 0.5 * math.erfc(z / math.sqrt(2)), q)


def _betainc(a, b, x):
    """The regularized incomplete beta function I_x(a, b) (continued fraction, Lentz's method)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _betainc(b, a, 1.0 - x)
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    fraction = d
    for m in range(1, 10_000):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1.0) < 1e-16:
            break
    return math.exp(log_front) * fraction / a


@validate(t=real, df=_DF)
def t_cdf(t, df):
    r"""The cdf of Student's t distribution with ``df`` degrees of freedom.

    Notes
    -----
    .. math:: P(T \le t) = 1 - \tfrac12 I_{\nu/(\nu + t^2)}\bigl(\tfrac\nu2, \tfrac12\bigr)
              \quad (t \ge 0)

    with :math:`I` the regularized incomplete beta function; the t distribution is
    symmetric about 0.

    Examples
    --------
    >>> t_cdf(0.0, 5), round(t_cdf(2.0, 1e9), 4) == round(normal_cdf(2.0), 4)
    (0.5, True)
    """
    tail = 0.5 * _betainc(df / 2, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


@validate(q=_QUANTILE, df=_DF)
def t_ppf(q, df):
    r"""The quantile of Student's t distribution: wider than the normal's for small ``df``.

    Examples
    --------
    >>> round(t_ppf(0.975, 10), 3), round(t_ppf(0.975, 1000), 3)
    (2.228, 1.962)
    """
    return _invert(lambda t: 0.5 * _betainc(df / 2, 0.5, df / (df + t * t)), q)


# --------------------------------------------------------------------------
# Intervals and tests
# --------------------------------------------------------------------------


@validate(x=vector, level=_LEVEL, _=_at_least(2, "x"))
def mean_interval(x, level=0.95):
    r"""The t confidence interval for the mean: :math:`\bar x \pm t_{n-1} \cdot s/\sqrt n`.

    Returns
    -------
    (float, float)

    Examples
    --------
    >>> low, high = mean_interval([4.0, 5.0, 6.0, 5.0, 5.0])
    >>> round(low, 3), round(high, 3)
    (4.122, 5.878)
    """
    half = t_ppf((1 + level) / 2, len(x) - 1) * standard_error(x)
    return float(np.mean(x) - half), float(np.mean(x) + half)


@validate(x=vector, mu0=real, sigma=positive, alternative=_ALTERNATIVE)
def z_test(x, mu0, sigma, alternative="two-sided"):
    r"""z-test of the mean when the population standard deviation ``sigma`` is known.

    Returns
    -------
    (float, float)
        :math:`z = (\bar x - \mu_0)/(\sigma/\sqrt n)` and its p-value.

    Examples
    --------
    >>> z, p = z_test([5.2, 4.8, 5.6, 5.4], mu0=5.0, sigma=0.5)
    >>> round(z, 2), round(p, 4)
    (1.0, 0.3173)
    """
    z = float((np.mean(x) - mu0) / (sigma / math.sqrt(len(x))))
    return z, _p_value(normal_cdf(z), normal_cdf(-z), alternative)


@validate(_varying_x, x=vector, mu0=real, alternative=_ALTERNATIVE)
def t_test_1samp(x, mu0=0.0, alternative="two-sided"):
    r"""One-sample t-test: is the mean of ``x`` different from ``mu0``?

    Returns
    -------
    (float, float)
        :math:`t = (\bar x - \mu_0)/(s/\sqrt n)` with n - 1 degrees of freedom, and
        its p-value.

    Examples
    --------
    >>> t, p = t_test_1samp([5.1, 4.9, 5.6, 5.8, 6.0], mu0=5.0)
    >>> round(t, 3), round(p, 3)
    (2.304, 0.083)
    """
    t = float((np.mean(x) - mu0) / standard_error(x))
    df = len(x) - 1
    return t, _p_value(t_cdf(t, df), t_cdf(-t, df), alternative)


@validate(_two_samples, x=vector, y=vector, equal_var=flag, alternative=_ALTERNATIVE)
def t_test_ind(x, y, equal_var=True, alternative="two-sided"):
    r"""Two-sample t-test of equal means: pooled variance, or Welch's test if not ``equal_var``.

    Returns
    -------
    (float, float)
        The t statistic of :math:`\bar x - \bar y` and its p-value.

    Notes
    -----
    Pooled: :math:`s_p^2 = \frac{(n_x-1)s_x^2 + (n_y-1)s_y^2}{n_x+n_y-2}`,
    :math:`t = (\bar x - \bar y) / (s_p\sqrt{1/n_x + 1/n_y})`, :math:`n_x + n_y - 2`
    degrees of freedom. Welch: :math:`t = (\bar x - \bar y)/\sqrt{s_x^2/n_x + s_y^2/n_y}`
    with the Welch–Satterthwaite degrees of freedom.

    Examples
    --------
    >>> t, p = t_test_ind([1.0, 2.0, 3.0, 4.0], [3.0, 4.0, 5.0, 6.0])
    >>> round(t, 3), round(p, 4)
    (-2.191, 0.0710)
    """
    nx, ny = len(x), len(y)
    sx2, sy2 = np.var(x, ddof=1), np.var(y, ddof=1)
    if equal_var:
        pooled = ((nx - 1) * sx2 + (ny - 1) * sy2) / (nx + ny - 2)
        se, df = math.sqrt(pooled * (1 / nx + 1 / ny)), nx + ny - 2
    else:
        vx, vy = sx2 / nx, sy2 / ny
        se = math.sqrt(vx + vy)
        df = (vx + vy) ** 2 / (vx**2 / (nx - 1) + vy**2 / (ny - 1))
    t = float((np.mean(x) - np.mean(y)) / se)
    return t, _p_value(t_cdf(t, df), t_cdf(-t, df), alternative)


@validate(_successes_within, **_COUNTS, alternative=_ALTERNATIVE)
def two_proportion_test(successes_a, n_a, successes_b, n_b, alternative="two-sided"):
    r"""The z-test of an A/B test: do two conversion rates differ?

    Returns
    -------
    (float, float)
        :math:`z = (\hat p_b - \hat p_a)/\sqrt{\hat p(1-\hat p)(1/n_a + 1/n_b)}` with
        the pooled rate :math:`\hat p`, and its p-value ("greater": B converts better).

    Examples
    --------
    >>> z, p = two_proportion_test(200, 2000, 250, 2000)
    >>> round(z, 3), round(p, 4)
    (2.502, 0.0124)
    """
    pa, pb = successes_a / n_a, successes_b / n_b
    pooled = (successes_a + successes_b) / (n_a + n_b)
    z = (pb - pa) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return z, _p_value(normal_cdf(z), normal_cdf(-z), alternative)


def _mean_difference(x, y):
    return np.mean(x, axis=-1) - np.mean(y, axis=-1)


@validate(x=vector, y=vector, n_resamples=size(1), rng=rng, alternative=_ALTERNATIVE)
def permutation_test(x, y, n_resamples=9999, rng=0, alternative="two-sided"):
    r"""Permutation test of equal means: shuffle the group labels and see how often the
    difference of means is as large as the observed one.

    Returns
    -------
    (float, float)
        The observed :math:`\bar x - \bar y` and its p-value, counting the observed
        split as one of the ``n_resamples + 1`` (so p is never 0).

    Examples
    --------
    >>> diff, p = permutation_test([1.0, 2.0, 3.0, 4.0], [3.0, 4.0, 5.0, 6.0], rng=0)
    >>> diff, 0.05 < p < 0.15
    (-2.0, True)
    """
    pooled = np.concatenate([x, y])
    observed = float(_mean_difference(x, y))
    shuffled = rng.permuted(np.tile(pooled, (n_resamples, 1)), axis=1)
    diffs = _mean_difference(shuffled[:, :len(x)], shuffled[:, len(x):])
    at_least = {"greater": diffs >= observed - 1e-12, "less": diffs <= observed + 1e-12,
                "two-sided": np.abs(diffs) >= abs(observed) - 1e-12}[alternative]
    return observed, float((np.sum(at_least) + 1) / (n_resamples + 1))


# --------------------------------------------------------------------------
# Sample size and power
# --------------------------------------------------------------------------


@validate(margin=interval(0, 1, "neither"), p=probability, level=_LEVEL)
def sample_size_proportion(margin, p=0.5, level=0.95):
    r"""How many answers estimate a proportion to within ``margin``: :math:`n = z^2 p(1-p)/m^2`.

    Parameters
    ----------
    margin : float in (0, 1)
        The margin of error :math:`m`, e.g. 0.05 for ±5 points.
    p : float in [0, 1], default 0.5
        The expected proportion; 0.5 is the safe (largest) choice.
    level : float in (0, 1), default 0.95
        The confidence level; :math:`z` is its two-sided normal quantile.

    Returns
    -------
    int
        The sample size, rounded up.

    Examples
    --------
    >>> sample_size_proportion(0.05)
    385
    """
    z = normal_ppf((1 + level) / 2)
    return math.ceil(z**2 * p * (1 - p) / margin**2 - 1e-9)


@validate(p_a=probability, p_b=probability, n=size(1), alpha=_LEVEL, _=_rates_differ)
def power_two_proportions(p_a, p_b, n, alpha=0.05):
    r"""The power of a two-sided A/B test with ``n`` users per arm: the chance it detects
    a true change from ``p_a`` to ``p_b`` (normal approximation).

    Notes
    -----
    .. math:: 1 - \beta = \Phi\!\left(\frac{|p_b - p_a|\sqrt n - z_{1-\alpha/2}\sqrt{2\bar p(1-\bar p)}}
              {\sqrt{p_a(1-p_a) + p_b(1-p_b)}}\right), \quad \bar p = \tfrac{p_a + p_b}2

    Examples
    --------
    >>> round(power_two_proportions(0.10, 0.12, 3000), 3)
    0.697
    """
    p_bar = (p_a + p_b) / 2
    z_alpha = normal_ppf(1 - alpha / 2)
    spread = math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b))
    return normal_cdf((abs(p_b - p_a) * math.sqrt(n)
                       - z_alpha * math.sqrt(2 * p_bar * (1 - p_bar))) / spread)


@validate(p_a=probability, p_b=probability, power=_LEVEL, alpha=_LEVEL, _=_rates_differ)
def sample_size_two_proportions(p_a, p_b, power=0.8, alpha=0.05):
    r"""Users per arm for an A/B test to detect ``p_a`` → ``p_b`` with the given ``power``.

    Notes
    -----
    .. math:: n = \left(\frac{z_{1-\alpha/2}\sqrt{2\bar p(1-\bar p)}
              + z_{1-\beta}\sqrt{p_a(1-p_a) + p_b(1-p_b)}}{p_b - p_a}\right)^2

    Examples
    --------
    >>> sample_size_two_proportions(0.10, 0.12)
    3841
    """
    p_bar = (p_a + p_b) / 2
    root = (normal_ppf(1 - alpha / 2) * math.sqrt(2 * p_bar * (1 - p_bar))
            + normal_ppf(power) * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b)))
    return math.ceil((root / (p_b - p_a)) ** 2 - 1e-9)


# --------------------------------------------------------------------------
# Correlation and autocorrelation
# --------------------------------------------------------------------------


@validate(_paired_varying, x=vector, y=vector)
def pearson(x, y):
    r"""Pearson's correlation: the covariance of x and y over the product of their spreads.

    Notes
    -----
    .. math:: r = \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}
              {\sqrt{\sum_i (x_i - \bar x)^2}\sqrt{\sum_i (y_i - \bar y)^2}}

    Examples
    --------
    >>> pearson([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]), pearson([1.0, 2.0, 3.0], [3.0, 2.0, 1.0])
    (1.0, -1.0)
    """
    dx, dy = x - x.mean(), y - y.mean()
    dx, dy = dx / np.abs(dx).max(), dy / np.abs(dy).max()   # no overflow in the sums
    r = np.sum(dx * dy) / math.sqrt(np.sum(dx**2) * np.sum(dy**2))
    return float(np.clip(r, -1.0, 1.0))


def _ranks(x):
    """Ranks 1..n, ties sharing the average of their ranks."""
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(1, len(x) + 1)
    values, inverse = np.unique(x, return_inverse=True)
    return np.bincount(inverse, weights=ranks)[inverse] / np.bincount(inverse)[inverse]


@validate(_paired_varying, x=vector, y=vector)
def spearman(x, y):
    r"""Spearman's rank correlation: Pearson's correlation of the ranks (ties averaged).

    Examples
    --------
    >>> spearman([1.0, 2.0, 3.0, 4.0], [1.0, 4.0, 9.0, 16.0])    # monotone, not linear
    1.0
    """
    return pearson(_ranks(x), _ranks(y))


@validate(x=vector, n_lags=integer(minimum=1), _=_lags_fit, __=_not_constant("x"))
def acf(x, n_lags):
    r"""The sample autocorrelation of a series at lags 0, 1, …, ``n_lags``.

    Notes
    -----
    .. math:: \hat\rho_k = \frac{\sum_{t=1}^{n-k} (x_t - \bar x)(x_{t+k} - \bar x)}
              {\sum_{t=1}^{n} (x_t - \bar x)^2}

    Returns
    -------
    ndarray of shape (n_lags + 1,), starting with 1.

    Examples
    --------
    >>> acf([1.0, -1.0, 1.0, -1.0, 1.0, -1.0], 2).round(3).tolist()   # alternating
    [1.0, -0.833, 0.667]
    """
    d = x - x.mean()
    d = d / np.abs(d).max()                      # no overflow in the sums
    lagged = [np.sum(d[: len(d) - k] * d[k:]) for k in range(n_lags + 1)]
    return np.array(lagged) / np.sum(d**2)


@validate(x=vector, n_lags=integer(minimum=1), _=_lags_fit, __=_not_constant("x"))
def pacf(x, n_lags):
    r"""The partial autocorrelation: the correlation at lag k once lags 1..k-1 are accounted for.

    Computed from the ACF by the Durbin–Levinson recursion; lag ``k``'s value is
    the last coefficient of the best AR(k) predictor (Yule–Walker).

    Returns
    -------
    ndarray of shape (n_lags + 1,), starting with 1.

    Examples
    --------
    >>> x = [1.0, 2.0, 3.0, 2.0, 1.0, 2.0, 3.0, 2.0, 1.0]
    >>> round(float(pacf(x, 2)[1]), 4) == round(float(acf(x, 1)[1]), 4)
    True
    """
    rho = acf(x, n_lags)
    out, phi = [1.0], np.zeros(0)
    for k in range(1, n_lags + 1):
        numerator = rho[k] - np.dot(phi, rho[k - 1:0:-1])
        denominator = 1.0 - np.dot(phi, rho[1:k])
        phi_kk = numerator / denominator if denominator else 0.0
        phi = np.append(phi - phi_kk * phi[::-1], phi_kk)
        out.append(float(phi_kk))
    return np.array(out)


# --------------------------------------------------------------------------
# Sampling a finite population
# --------------------------------------------------------------------------


def _at_most_population(args):
    if args["n"] > args["n_population"]:
        raise ValueError(f"n must be <= n_population = {args['n_population']} (sampling "
                         f"without replacement); got {args['n']}")


def _strata_get_units(args):
    labels, counts = np.unique(args["strata"], return_counts=True)
    if args["n"] > counts.sum():
        raise ValueError(f"n must be <= len(strata) = {counts.sum()} (sampling without "
                         f"replacement); got {args['n']}")
    n_h = _largest_remainder(args["n"], counts)
    if (n_h == 0).any():
        raise ValueError(f"n must give every stratum at least one unit; with n = {args['n']}, "
                         f"stratum {float(labels[np.argmin(n_h)]):g} ({counts[np.argmin(n_h)]} of "
                         f"{counts.sum()} units) gets none")


def _clusters_exist(args):
    n_clusters = len(np.unique(args["clusters"]))
    if args["n_clusters"] > n_clusters:
        raise ValueError(f"n_clusters must be <= the number of distinct clusters "
                         f"({n_clusters}); got {args['n_clusters']}")


def _every_stratum_sampled(args):
    if len(args["y"]) != len(args["strata"]):
        raise ValueError(f"y and strata must have the same length (one stratum per sampled "
                         f"value); got {len(args['y'])} and {len(args['strata'])}")
    missing = np.setdiff1d(args["population_strata"], args["strata"])
    stray = np.setdiff1d(args["strata"], args["population_strata"])
    if missing.size:
        raise ValueError(f"strata must contain every stratum of population_strata (its mean "
                         f"is otherwise unknown); stratum {float(missing[0]):g} has no sampled "
                         f"value")
    if stray.size:
        raise ValueError(f"strata must only contain strata of population_strata; got "
                         f"{float(stray[0]):g}")


def _largest_remainder(n, counts):
    """Split ``n`` in proportion to ``counts``: floors, then one more for the largest remainders."""
    quota = n * counts / counts.sum()
    n_h = np.floor(quota).astype(int)
    n_h[np.argsort(n_h - quota, kind="stable")[: n - n_h.sum()]] += 1
    return n_h


@validate(n_population=size(1), n=size(1), rng=rng, _=_at_most_population)
def simple_random_sample(n_population, n, rng=0):
    r"""Simple random sampling: ``n`` of the units ``0 … n_population - 1``, every subset
    of that size equally likely.

    Returns
    -------
    ndarray of int, shape (n,)
        The chosen units' indices, sorted. Each unit is included with probability
        :math:`n / N`.

    Examples
    --------
    >>> idx = simple_random_sample(10, 4, rng=0)
    >>> len(set(idx.tolist())), bool(idx.min() >= 0 and idx.max() <= 9)
    (4, True)
    """
    return np.sort(rng.choice(n_population, size=n, replace=False))


@validate(n_population=size(1), n=size(1), rng=rng, _=_at_most_population)
def systematic_sample(n_population, n, rng=0):
    r"""Systematic sampling: every :math:`k`-th unit of an ordered list, :math:`k = N/n`,
    from a random start in :math:`[0, k)`.

    :math:`k` need not be a whole number: unit :math:`\lfloor u + jk \rfloor` is taken
    for :math:`j = 0, …, n-1`, so the sample has exactly ``n`` units and each unit is
    included with probability :math:`n / N`.

    Examples
    --------
    >>> systematic_sample(12, 4, rng=0).tolist()                # k = 3, start 1
    [1, 4, 7, 10]
    """
    step = n_population / n
    return np.floor(rng.uniform(0, step) + step * np.arange(n)).astype(int)


@validate(strata=vector, n=size(1), rng=rng, _=_strata_get_units)
def stratified_sample(strata, n, rng=0):
    r"""Stratified sampling with proportional allocation: a simple random sample inside
    every stratum, of size :math:`n_h \approx n\,N_h / N`.

    The :math:`n_h` are the floors of :math:`n N_h / N` plus one for the strata with
    the largest remainders, so they add up to ``n`` exactly.

    Parameters
    ----------
    strata : array-like of shape (N,)
        Each unit's stratum label, known for the whole population before sampling.
    n : int
        The sample size; every stratum must get at least one unit.
    rng : numpy Generator or int seed

    Returns
    -------
    ndarray of int, shape (n,)
        The chosen units' indices, sorted.

    Examples
    --------
    >>> strata = [0] * 6 + [1] * 3 + [2] * 3                 # N_h = 6, 3, 3
    >>> idx = stratified_sample(strata, 4, rng=0)
    >>> np.bincount(np.asarray(strata)[idx]).tolist()         # n_h = 2, 1, 1
    [2, 1, 1]
    """
    labels, counts = np.unique(strata, return_counts=True)
    n_h = _largest_remainder(n, counts)
    picks = [rng.choice(np.flatnonzero(strata == h), size=k, replace=False)
             for h, k in zip(labels, n_h)]
    return np.sort(np.concatenate(picks))


@validate(y=vector, strata=vector, population_strata=vector, _=_every_stratum_sampled)
def stratified_mean(y, strata, population_strata):
    r"""The stratified estimate of a population mean: :math:`\bar y_{st} = \sum_h W_h \bar y_h`.

    Parameters
    ----------
    y : array-like of shape (n,)
        The sampled values.
    strata : array-like of shape (n,)
        Their strata.
    population_strata : array-like of shape (N,)
        Every unit's stratum, for the population shares :math:`W_h = N_h / N`.

    Returns
    -------
    float
        Unbiased for the population mean when each stratum's sample is a simple
        random sample of it.

    Examples
    --------
    >>> stratified_mean([1.0, 3.0, 10.0], [0, 0, 1], [0, 0, 0, 1])   # 3/4 * 2 + 1/4 * 10
    4.0
    """
    labels, counts = np.unique(population_strata, return_counts=True)
    means = np.array([y[strata == h].mean() for h in labels])
    return float(np.dot(counts / counts.sum(), means))


@validate(clusters=vector, n_clusters=size(1), rng=rng, _=_clusters_exist)
def cluster_sample(clusters, n_clusters, rng=0):
    r"""Cluster sampling: a simple random sample of ``n_clusters`` whole groups, and every
    unit of each.

    Parameters
    ----------
    clusters : array-like of shape (N,)
        Each unit's group (a school, a town, a day).
    n_clusters : int

    Returns
    -------
    ndarray of int
        The indices of all units in the chosen clusters, sorted.

    Examples
    --------
    >>> clusters = [0, 0, 1, 1, 1, 2]
    >>> idx = cluster_sample(clusters, 2, rng=0)
    >>> sorted(set(np.asarray(clusters)[idx].tolist())) in ([0, 1], [0, 2], [1, 2])
    True
    """
    chosen = rng.choice(np.unique(clusters), size=n_clusters, replace=False)
    return np.flatnonzero(np.isin(clusters, chosen))
