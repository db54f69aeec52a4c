r"""The bootstrap and the jackknife: how much a statistic would vary over other samples.

One sample gives one value of a statistic (a mean, a median, a model's test
error). To see how much it would change with another sample from the same
population, without drawing one:

- the **bootstrap** draws *random* samples of the same size **with replacement**
  from the sample itself and recomputes the statistic on each
  (:func:`bootstrap`); their spread estimates the standard error, their
  percentiles a confidence interval (:func:`bootstrap_interval`);
- the **jackknife** *systematically* leaves out one observation at a time
  (:func:`jackknife`), giving :math:`n` deterministic replicates, from which a
  standard error and a bias correction follow (:func:`jackknife_estimates`).
"""

import numpy as np

from .._validation import function, interval, real, rng, size, validate, vector

__all__ = ["bootstrap", "bootstrap_interval", "jackknife", "jackknife_estimates"]

_STATISTIC = dict(statistic=function(returns=real), data=vector)


def _two_or_more(args):
    """Relation: ``data`` has two observations or more."""
    if len(args["data"]) < 2:
        raise ValueError(f"data must have at least 2 observations; got {len(args['data'])}")


@validate(_two_or_more, **_STATISTIC, n_resamples=size(2), rng=rng)
def bootstrap(statistic, data, n_resamples=1000, rng=0):
    r"""The statistic on ``n_resamples`` random resamples of ``data``, drawn with replacement.

    Each resample has ``len(data)`` observations picked uniformly at random with
    replacement, so some appear several times and, on average, a fraction
    :math:`(1 - 1/n)^n \approx e^{-1} \approx 0.368` of them not at all.

    Parameters
    ----------
    statistic : callable
        ``statistic(sample) -> float``, e.g. ``np.median``.
    data : array_like of shape (n,)
    n_resamples : int, default=1000
    rng : numpy.random.Generator or int, default=0

    Returns
    -------
    ndarray of shape (n_resamples,)
        The bootstrap replicates; their standard deviation is the bootstrap
        standard error of the statistic.

    Examples
    --------
    >>> reps = bootstrap(sum, [1.0, 2.0, 3.0], n_resamples=2000, rng=0)
    >>> bool(reps.min() >= 3.0 and reps.max() <= 9.0), round(float(reps.mean()), 1)
    (True, 6.0)
    """
    resamples = rng.integers(0, len(data), size=(n_resamples, len(data)))
    return np.array([statistic(data[i]) for i in resamples])


_LEVEL = interval(0, 1, closed="neither")


@validate(_two_or_more, **_STATISTIC, level=_LEVEL, n_resamples=size(2), rng=rng)
def bootstrap_interval(statistic, data, level=0.95, n_resamples=2000, rng=0):
    r"""The percentile bootstrap confidence interval of the statistic.

    The :math:`\frac{1-\text{level}}{2}` and :math:`\frac{1+\text{level}}{2}`
    quantiles of the bootstrap replicates.

    Examples
    --------
    >>> low, high = bootstrap_interval(sum, [1.0, 2.0, 3.0, 4.0], rng=0)
    >>> bool(low < 10.0 < high)
    True
    """
    replicates = bootstrap(statistic, data, n_resamples, rng)
    low, high = np.quantile(replicates, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


@validate(_two_or_more, **_STATISTIC)
def jackknife(statistic, data):
    r"""The statistic on each of the :math:`n` samples that leave one observation out.

    Returns
    -------
    ndarray of shape (n,)
        Replicate ``i`` is the statistic without observation ``i``.

    Examples
    --------
    >>> jackknife(sum, [1.0, 2.0, 3.0]).tolist()
    [5.0, 4.0, 3.0]
    """
    keep = ~np.eye(len(data), dtype=bool)
    return np.array([statistic(data[k]) for k in keep])


@validate(_two_or_more, **_STATISTIC)
def jackknife_estimates(statistic, data):
    r"""The jackknife's bias-corrected estimate and standard error.

    With replicates :math:`\theta_{(i)}` and their mean :math:`\theta_{(\cdot)}`,

    .. math::
        \widehat{\text{bias}} = (n-1)\bigl(\theta_{(\cdot)} - \hat\theta\bigr), \qquad
        \widehat{\text{se}} = \sqrt{\tfrac{n-1}{n}\textstyle\sum_i
        \bigl(\theta_{(i)} - \theta_{(\cdot)}\bigr)^2}

    For the mean, :math:`\widehat{\text{se}}` is exactly :math:`s/\sqrt n`.

    Returns
    -------
    corrected : float
        :math:`\hat\theta - \widehat{\text{bias}}`.
    standard_error : float

    Examples
    --------
    The plug-in variance (dividing by :math:`n`) is biased; the jackknife
    correction turns it into the unbiased one (dividing by :math:`n - 1`):

    >>> corrected, _ = jackknife_estimates(np.var, [1.0, 2.0, 4.0, 7.0])
    >>> round(corrected, 10), round(float(np.var([1.0, 2.0, 4.0, 7.0], ddof=1)), 10)
    (7.0, 7.0)
    """
    n, estimate = len(data), statistic(data)
    replicates = jackknife(statistic, data)
    bias = (n - 1) * (replicates.mean() - estimate)
    spread = np.sum((replicates - replicates.mean()) ** 2)
    standard_error = np.sqrt((n - 1) / n * spread)
    return float(estimate - bias), float(standard_error)
