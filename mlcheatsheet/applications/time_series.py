r"""Time series: autoregressive AR(p) models fitted by least squares, and forecasts.

An AR(p) model predicts a value from the ``p`` values before it,

.. math:: x_t = c + \phi_1 x_{t-1} + \dots + \phi_p x_{t-p} + \varepsilon_t ,

with :math:`\varepsilon_t` white noise of variance :math:`\sigma^2`.

- :func:`lag_matrix` builds the regression of :math:`x_t` on its lags;
  :func:`ar_fit` solves it by least squares, conditional on the first values
  (the *conditional* least-squares fit, as statsmodels' ``AutoReg``).
- :func:`ar_aic` and :func:`select_order` choose ``p`` by Akaike's information
  criterion, every order fitted on the same observations.
- :func:`ar_predict` gives one-step forecasts from the true past values,
  :func:`ar_forecast` multi-step forecasts that feed on their own predictions.
- :func:`pacf_ols` is the partial autocorrelation by successive regressions: the
  last coefficient of the AR(k) fit, for k = 1, 2, ...
- :func:`simulate_ar` draws a stationary AR(p) series with known coefficients.

The sample autocorrelation and the Durbin–Levinson partial autocorrelation live
in :mod:`mlcheatsheet.math.statistics` (``acf``, ``pacf``).
"""

import math

import numpy as np

from .._validation import integer, optional, positive, real, rng, size, validate, vector

__all__ = ["lag_matrix", "ar_fit", "ar_aic", "select_order", "ar_predict", "ar_forecast",
           "pacf_ols", "simulate_ar"]

_ORDER = integer(minimum=0, maximum=10_000)


def _regression_fits(args):
    """Relation: ``hold_back`` >= ``p``, enough rows to fit, and ``x`` not constant."""
    x, p = args["x"], args["p"]
    hold_back = p if args.get("hold_back") is None else args["hold_back"]
    if hold_back < p:
        raise ValueError(f"hold_back must be >= p = {p} (the first rows need p past values); "
                         f"got {hold_back}")
    if len(x) - hold_back < p + 2:
        raise ValueError(f"x must have at least hold_back + p + 2 = {hold_back + p + 2} values "
                         f"to fit an AR({p}) with a residual; got {len(x)}")
    if np.ptp(x) == 0:
        raise ValueError(f"x must not be constant (the lags would be collinear with the "
                         f"intercept); got all values {x[0]!r}")
    return {"hold_back": hold_back}


def _orders_fit(args):
    x, max_p = args["x"], args["max_p"]
    if max_p < 1:
        raise ValueError(f"max_p must be >= 1; got {max_p}")
    return _regression_fits({"x": x, "p": max_p, "hold_back": None})


def _lags_fit(args):
    """Relation: ``x`` is long enough, and not constant, to fit an AR(``n_lags``)."""
    _regression_fits({"x": args["x"], "p": args["n_lags"], "hold_back": None})


def _history_fits(args):
    """Relation: ``params`` is [c, phi_1..phi_p] and ``x`` holds at least ``p`` values."""
    p = len(args["params"]) - 1
    if len(args["x"]) < p:
        raise ValueError(f"x must have at least p = {p} values (len(params) - 1) to forecast "
                         f"from; got {len(args['x'])}")


def _start_fits(args):
    """Relation: the first time forecast, ``start``, lies in [p, n - 1]."""
    _history_fits(args)
    p, n = len(args["params"]) - 1, len(args["x"])
    start = p if args["start"] is None else args["start"]
    if not p <= start < n:
        raise ValueError(f"start must be in [p, len(x) - 1] = [{p}, {n - 1}]; got {start}")
    return {"start": start}


def _stationary(args):
    """Relation: every root of z^p - phi_1 z^(p-1) - ... - phi_p lies inside the unit circle."""
    roots = np.roots(np.r_[1.0, -args["phi"]])
    if roots.size and np.abs(roots).max() >= 1:
        raise ValueError(f"phi must give a stationary AR process (every root of "
                         f"z^p - phi_1 z^(p-1) - ... - phi_p inside the unit circle); "
                         f"got largest root modulus {np.abs(roots).max():.4g}")


@validate(x=vector, p=_ORDER, hold_back=optional(_ORDER), _=_regression_fits)
def lag_matrix(x, p, hold_back=None):
    r"""The regression of :math:`x_t` on a constant and its ``p`` lags.

    Rows are the times :math:`t` = ``hold_back``, ..., ``n - 1`` (``hold_back``
    defaults to ``p``; a larger one drops the first rows, so that fits of
    different orders share the same targets).

    Parameters
    ----------
    x : array of shape (n,)
    p : int >= 0
    hold_back : int >= p, optional

    Returns
    -------
    X : array of shape (n - hold_back, p + 1)
        Row :math:`t`: :math:`[1, x_{t-1}, \dots, x_{t-p}]`.
    y : array of shape (n - hold_back,)
        :math:`x_t`.

    Examples
    --------
    >>> X, y = lag_matrix([1.0, 2.0, 4.0, 8.0, 16.0, 32.0], 2)
    >>> X.tolist()
    [[1.0, 2.0, 1.0], [1.0, 4.0, 2.0], [1.0, 8.0, 4.0], [1.0, 16.0, 8.0]]
    >>> y.tolist()
    [4.0, 8.0, 16.0, 32.0]
    """
    n = len(x)
    lags = [x[hold_back - k: n - k] for k in range(1, p + 1)]
    return np.column_stack([np.ones(n - hold_back), *lags]), x[hold_back:]


@validate(x=vector, p=_ORDER, hold_back=optional(_ORDER), _=_regression_fits)
def ar_fit(x, p, hold_back=None):
    r"""Fit an AR(p) model with an intercept by (conditional) least squares.

    .. math:: \hat\beta = \arg\min_{c, \phi} \sum_{t} \Bigl(x_t - c
              - \sum_{k=1}^{p} \phi_k x_{t-k}\Bigr)^2, \qquad
              \hat\sigma^2 = \frac{\text{RSS}}{n - \text{hold\_back}} ,

    the sum over :math:`t` = ``hold_back``, ..., ``n - 1``: the first values
    are taken as given (conditioned on), not modelled.

    Parameters
    ----------
    x : array of shape (n,)
    p : int >= 0
        The order; ``p = 0`` fits the mean.
    hold_back : int >= p, optional
        The first time used as a target; defaults to ``p``.

    Returns
    -------
    params : array of shape (p + 1,)
        :math:`[c, \phi_1, \dots, \phi_p]`, the order of statsmodels' ``AutoReg``.
    sigma2 : float
        The residual variance (sum of squares over the number of targets).

    Examples
    --------
    >>> x = [0.0, 1.0, 1.5, 1.75, 1.875, 1.9375]          # x_t = 1 + x_{t-1} / 2, exactly
    >>> params, sigma2 = ar_fit(x, 1)
    >>> params.round(6).tolist(), round(sigma2, 12)
    ([1.0, 0.5], 0.0)
    """
    X, y = lag_matrix(x, p, hold_back)
    params = np.linalg.lstsq(X, y, rcond=None)[0]
    return params, float(np.mean((y - X @ params) ** 2))


@validate(x=vector, p=_ORDER, hold_back=optional(_ORDER), _=_regression_fits)
def ar_aic(x, p, hold_back=None):
    r"""Akaike's information criterion of the least-squares AR(p) fit.

    With :math:`m` targets and the Gaussian log-likelihood at the fit,

    .. math:: \text{AIC} = m \bigl(\log(2\pi\hat\sigma^2) + 1\bigr) + 2(p + 2) ,

    :math:`p + 2` the number of estimated parameters (:math:`c`, the :math:`\phi_k`
    and :math:`\sigma^2`), as statsmodels' ``AutoReg`` counts them. Compare orders only on the same targets (the same
    ``hold_back``): :func:`select_order` does.

    Parameters
    ----------
    x : array of shape (n,)
    p : int >= 0
    hold_back : int >= p, optional

    Returns
    -------
    float

    Examples
    --------
    >>> x = [0.0, 1.0, -1.0, 2.0, -2.0, 1.0, 0.0, -1.0]
    >>> round(ar_aic(x, 1, hold_back=2), 4) < round(ar_aic(x, 0, hold_back=2), 4)
    True
    """
    m, sigma2 = len(x) - hold_back, ar_fit(x, p, hold_back)[1]
    return float(m * (math.log(2 * math.pi * sigma2) + 1) + 2 * (p + 2))


@validate(x=vector, max_p=_ORDER, _=_orders_fit)
def select_order(x, max_p):
    r"""The order in 0..``max_p`` with the smallest AIC, every fit on the same targets.

    Every order is fitted to the targets :math:`x_t`, :math:`t \ge` ``max_p``
    (statsmodels' ``ar_select_order`` does the same).

    Parameters
    ----------
    x : array of shape (n,)
    max_p : int >= 1

    Returns
    -------
    p : int
    aic : array of shape (max_p + 1,)
        The AIC of every order 0, 1, ..., ``max_p``.

    Examples
    --------
    >>> x = simulate_ar([0.6, -0.3], 400, rng=0)
    >>> p, aic = select_order(x, 6)
    >>> p, aic.shape
    (2, (7,))
    """
    aic = np.array([ar_aic(x, p, hold_back=max_p) for p in range(max_p + 1)])
    return int(np.argmin(aic)), aic


@validate(x=vector, params=vector, start=optional(_ORDER), _=_start_fits)
def ar_predict(x, params, start=None):
    r"""One-step forecasts :math:`\hat x_t = c + \sum_k \phi_k x_{t-k}` from the true past.

    Parameters
    ----------
    x : array of shape (n,)
        The observed series.
    params : array of shape (p + 1,)
        :math:`[c, \phi_1, \dots, \phi_p]`, as :func:`ar_fit` returns.
    start : int in [p, n - 1], optional
        The first time forecast; defaults to ``p``.

    Returns
    -------
    array of shape (n - start,)
        :math:`\hat x_t` for :math:`t` = ``start``, ..., ``n - 1``.

    Examples
    --------
    >>> ar_predict([0.0, 1.0, 2.0, 3.0], [1.0, 0.5]).tolist()    # 1 + x_{t-1} / 2
    [1.0, 1.5, 2.0]
    >>> ar_predict([0.0, 1.0, 2.0, 3.0], [1.0, 0.5], start=3).tolist()
    [2.0]
    """
    n, p = len(x), len(params) - 1
    lags = [x[start - k: n - k] for k in range(1, p + 1)]
    return np.column_stack([np.ones(n - start), *lags]) @ params


@validate(x=vector, params=vector, steps=size(1), _=_history_fits)
def ar_forecast(x, params, steps):
    r"""Multi-step forecasts after the end of ``x``, each fed back as a lag of the next.

    .. math:: \hat x_{n+h} = c + \sum_{k=1}^{p} \phi_k\, \tilde x_{n+h-k}, \qquad
              \tilde x_s = x_s \text{ if } s < n \text{ else } \hat x_s .

    For a stationary model the forecasts tend to the process mean
    :math:`c / (1 - \sum_k \phi_k)` as the horizon grows.

    Parameters
    ----------
    x : array of shape (n,)
    params : array of shape (p + 1,)
        :math:`[c, \phi_1, \dots, \phi_p]`.
    steps : int >= 1

    Returns
    -------
    array of shape (steps,)
        :math:`\hat x_{n}, \dots, \hat x_{n + \text{steps} - 1}`.

    Examples
    --------
    >>> ar_forecast([4.0], [1.0, 0.5], 3).tolist()          # 3, 2.5, 2.25 -> mean 2
    [3.0, 2.5, 2.25]
    """
    c, phi, p = params[0], params[1:], len(params) - 1
    path = np.r_[x[len(x) - p:], np.empty(steps)]   # the last p values, then forecasts
    for h in range(steps):
        path[p + h] = c + phi @ path[h: p + h][::-1]
    return path[p:]


@validate(x=vector, n_lags=integer(minimum=1), _=_lags_fit)
def pacf_ols(x, n_lags):
    r"""Partial autocorrelation by successive regressions: the last coefficient of AR(k).

    For each lag :math:`k`, fit an AR(k) with an intercept by least squares on
    every target it can use (:math:`t \ge k`) and keep its last coefficient:
    the effect of :math:`x_{t-k}` once :math:`x_{t-1}, \dots, x_{t-k+1}` are
    accounted for. (``statsmodels.tsa.stattools.pacf(x, method="ols")``.)

    Parameters
    ----------
    x : array of shape (n,)
    n_lags : int >= 1

    Returns
    -------
    array of shape (n_lags + 1,), starting with 1.

    Examples
    --------
    >>> x = [0.0, 1.0, 1.5, 1.75, 1.875, 1.9375, 1.5, 1.0]
    >>> round(float(pacf_ols(x, 1)[1]), 6) == round(float(ar_fit(x, 1)[0][1]), 6)
    True
    """
    return np.array([1.0] + [float(ar_fit(x, k)[0][-1]) for k in range(1, n_lags + 1)])


@validate(phi=vector, n=size(1), c=real, sigma=positive, rng=rng, burn_in=size(0),
          _=_stationary)
def simulate_ar(phi, n, c=0.0, sigma=1.0, rng=0, burn_in=200):
    r"""Draw ``n`` values of a stationary AR(p) process with Gaussian noise.

    .. math:: x_t = c + \sum_{k=1}^{p} \phi_k x_{t-k} + \varepsilon_t, \qquad
              \varepsilon_t \sim \mathcal N(0, \sigma^2),

    started at the process mean and run ``burn_in`` steps before the values kept,
    so that the start is forgotten.

    Parameters
    ----------
    phi : array of shape (p,)
        The coefficients; every root of :math:`z^p - \phi_1 z^{p-1} - \dots - \phi_p`
        must lie inside the unit circle (the process is stationary).
    n : int >= 1
    c : float
    sigma : float > 0
    rng : int or numpy Generator
    burn_in : int >= 0

    Returns
    -------
    array of shape (n,)

    Examples
    --------
    >>> x = simulate_ar([0.5], 5, c=1.0, rng=0)
    >>> x.shape, bool(np.isfinite(x).all())
    ((5,), True)
    >>> simulate_ar([1.0], 5)
    Traceback (most recent call last):
    ...
    ValueError: phi must give a stationary AR process (every root of z^p - phi_1 z^(p-1) - ... - phi_p inside the unit circle); got largest root modulus 1
    """
    p = len(phi)
    eps = rng.normal(0.0, sigma, burn_in + n)
    x = np.full(p + burn_in + n, c / (1 - phi.sum()))
    for t in range(p, len(x)):
        x[t] = c + phi @ x[t - p: t][::-1] + eps[t - p]
    return x[p + burn_in:]
