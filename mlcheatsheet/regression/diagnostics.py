r"""Residual diagnostics for the assumptions of least-squares regression.

Ordinary least squares gives unbiased coefficients when the mean of :math:`y`
is linear in the features, and trustworthy standard errors and tests only when
the errors also have constant variance (homoscedasticity), are uncorrelated
and, for small samples, are normal. Each assumption has a residual check:

* linearity: residuals against fitted values, averaged in bins
  (:func:`binned_residuals`), and Ramsey's RESET test (:func:`reset_test`);
* homoscedasticity: the Breusch--Pagan test (:func:`breusch_pagan`);
* independence: the Durbin--Watson statistic (:func:`durbin_watson`) with a
  simulated exact p-value (:func:`durbin_watson_test`);
* normality: the normal Q--Q plot's correlation (:func:`normal_qq`) and the
  Jarque--Bera test (:func:`jarque_bera`);

and single points are judged by their leverage (:func:`leverage`) and Cook's
distance (:func:`cooks_distance`). Every function takes the design matrix
``X`` *with* its intercept column (:func:`~mlcheatsheet.basics.linear_regression.add_bias_column`).
"""

import numpy as np
from scipy import stats

from .._validation import flag, integer, matrix, rng, size, validate, vector
from ..basics.linear_regression import normal_equation

__all__ = [
    "ols_residuals",
    "binned_residuals",
    "reset_test",
    "breusch_pagan",
    "durbin_watson",
    "durbin_watson_test",
    "jarque_bera",
    "normal_qq",
    "leverage",
    "cooks_distance",
]


def _rows(a, b):
    """Relation: one row of ``a`` per entry of ``b``, more rows than columns."""
    def relation(args):
        A, v = args[a], args[b]
        if A.shape[0] != len(v):
            raise ValueError(f"{a} and {b} must have the same number of samples; got "
                             f"{A.shape[0]} rows and {len(v)} entries")
        if A.shape[0] <= A.shape[1]:
            raise ValueError(f"{a} must have more rows than columns; got shape {A.shape}")
    return relation


def _full_rank(name):
    """Relation: the design matrix has full column rank."""
    def relation(args):
        X = args[name]
        rank = np.linalg.matrix_rank(X) if X.shape[0] > X.shape[1] else X.shape[1]
        if rank < X.shape[1]:
            raise ValueError(f"{name} must have full column rank; got rank {rank} for "
                             f"{X.shape[1]} columns")
    return relation


def _varied(name):
    """Relation: the residuals are not all equal."""
    def relation(args):
        if np.ptp(args[name]) == 0:
            raise ValueError(f"{name} must not be constant; got all entries {args[name][0]}")
    return relation


@validate(_rows("X", "y"), X=matrix, y=vector)
def ols_residuals(X, y):
    r"""Fitted values :math:`\hat y = Xw` and residuals :math:`e = y - \hat y` of least squares.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The design matrix, intercept column included.
    y : array_like of shape (n_samples,)

    Returns
    -------
    fitted, resid : ndarray of shape (n_samples,)

    Examples
    --------
    >>> X = [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]
    >>> fitted, resid = ols_residuals(X, [0.0, 2.0, 1.0])
    >>> fitted.round(10).tolist(), resid.round(10).tolist()
    ([0.5, 1.0, 1.5], [-0.5, 1.0, -0.5])
    """
    fitted = X @ normal_equation(X, y)
    return fitted, y - fitted


def _same_length(args):
    if len(args["fitted"]) != len(args["resid"]):
        raise ValueError(f"fitted and resid must have the same length; got "
                         f"{len(args['fitted'])} and {len(args['resid'])}")
    if len(args["resid"]) < 2 * args["n_bins"]:
        raise ValueError(f"n_bins={args['n_bins']} needs at least {2 * args['n_bins']} "
                         f"residuals (two per bin); got {len(args['resid'])}")


@validate(_same_length, fitted=vector, resid=vector, n_bins=size(1))
def binned_residuals(fitted, resid, n_bins=10):
    r"""Mean residual in ``n_bins`` equal-count bins of the fitted values, with standard errors.

    If the mean of :math:`y` is linear in the features, every bin's mean residual
    is zero up to noise; a curve in the bin means is a curve the model missed.

    Returns
    -------
    centre, mean, se : ndarray of shape (n_bins,)
        The mean fitted value of each bin, its mean residual, and the standard
        error of that mean, :math:`s / \sqrt{n_{bin}}`.

    Examples
    --------
    >>> centre, mean, se = binned_residuals([1.0, 2.0, 3.0, 4.0], [1.0, -1.0, 2.0, 2.0], n_bins=2)
    >>> centre.tolist(), mean.tolist(), se.tolist()
    ([1.5, 3.5], [0.0, 2.0], [1.0, 0.0])
    """
    bins = np.array_split(np.argsort(fitted, kind="stable"), n_bins)
    centre = np.array([fitted[b].mean() for b in bins])
    mean = np.array([resid[b].mean() for b in bins])
    se = np.array([resid[b].std(ddof=1) / np.sqrt(len(b)) for b in bins])
    return centre, mean, se


def _room_for_powers(args):
    n, p, q = len(args["y"]), args["X"].shape[1], args["power"] - 1
    if n <= p + q:
        raise ValueError(f"reset_test with power={args['power']} needs more than {p + q} "
                         f"samples; got {n}")


#: Relations of a fit of ``y`` on ``X``.
_FIT = (_rows("X", "y"), _full_rank("X"))
#: Relations of residuals of a fit on ``X``.
_RESID = (_rows("X", "resid"), _full_rank("X"), _varied("resid"))


@validate(*_FIT, _room_for_powers, X=matrix, y=vector, power=integer(2, 10))
def reset_test(X, y, power=3):
    r"""Ramsey's RESET test of linearity: do powers of the fitted values still explain :math:`y`?

    Refit with the extra columns :math:`\hat y^2, \dots, \hat y^{\,power}` and
    compare the residual sums of squares by an F test with :math:`q = power - 1`
    and :math:`n - p - q` degrees of freedom:

    .. math:: F = \frac{(\mathrm{RSS}_0 - \mathrm{RSS}_1) / q}{\mathrm{RSS}_1 / (n - p - q)}.

    Returns
    -------
    f : float
    pvalue : float

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 30)
    >>> X = np.column_stack([np.ones(30), x])
    >>> bool(reset_test(X, x**2)[1] < 1e-6), bool(reset_test(X, x + np.sin(40 * x))[1] > 0.05)
    (True, True)
    """
    fitted, resid0 = ols_residuals(X, y)
    extra = fitted[:, None] ** np.arange(2, power + 1)
    _, resid1 = ols_residuals(np.hstack([X, extra / np.abs(extra).max(axis=0)]), y)
    rss0, rss1 = resid0 @ resid0, resid1 @ resid1
    q, dof = power - 1, len(y) - X.shape[1] - power + 1
    f = (rss0 - rss1) / q / (rss1 / dof)
    return float(f), float(stats.f.sf(f, q, dof))


@validate(*_RESID, resid=vector, X=matrix, robust=flag)
def breusch_pagan(resid, X, robust=True):
    r"""The Breusch--Pagan test of homoscedasticity: does :math:`X` explain the squared residuals?

    Regress :math:`e_i^2` on the columns of ``X`` (intercept included, :math:`p`
    columns). Koenker's studentized statistic (``robust=True``, the default) is
    :math:`LM = n R^2` of that regression; the original statistic
    (``robust=False``) is half the explained sum of squares when :math:`e_i^2` is
    divided by :math:`\hat\sigma^2 = \sum_i e_i^2 / n`, valid only for normal
    errors. Under constant variance both are :math:`\chi^2_{p-1}`.

    Returns
    -------
    lm : float
    pvalue : float

    Examples
    --------
    >>> X = np.column_stack([np.ones(6), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]])
    >>> lm, p = breusch_pagan([0.1, -0.1, 0.5, -0.5, 1.0, -1.0], X)
    >>> round(lm, 4), round(p, 4)
    (5.0399, 0.0248)
    """
    u = resid**2 if robust else resid**2 / np.mean(resid**2)
    fitted, _ = ols_residuals(X, u)
    explained = np.sum((fitted - u.mean()) ** 2)
    lm = len(u) * explained / np.sum((u - u.mean()) ** 2) if robust else explained / 2
    return float(lm), float(stats.chi2.sf(lm, X.shape[1] - 1))


@validate(_varied("resid"), resid=vector)
def durbin_watson(resid):
    r"""The Durbin--Watson statistic :math:`d = \sum_{i=2}^n (e_i - e_{i-1})^2 / \sum_i e_i^2`.

    About :math:`2(1 - \hat\rho_1)`, with :math:`\hat\rho_1` the lag-one
    autocorrelation of the residuals: 2 for none, towards 0 for positive and
    towards 4 for negative autocorrelation.

    Examples
    --------
    >>> durbin_watson([1.0, 1.0, -1.0, -1.0])
    1.0
    >>> durbin_watson([1.0, -1.0, 1.0, -1.0])
    3.0
    """
    return float(np.sum(np.diff(resid) ** 2) / np.sum(resid**2))


@validate(*_RESID, resid=vector, X=matrix, n_sim=size(99), rng=rng)
def durbin_watson_test(resid, X, n_sim=2000, rng=0):
    r"""The Durbin--Watson statistic with its exact p-value against positive autocorrelation.

    Under independent normal errors the residuals are :math:`e = M\varepsilon`,
    :math:`M = I - X(X^\top X)^{-1}X^\top`, so the null distribution of
    :math:`d` depends on ``X`` alone. It is simulated: ``n_sim`` draws of
    :math:`\varepsilon`, their residuals and their :math:`d`. The p-value is the
    share of simulated :math:`d` at most the observed one, counting the
    observation itself, :math:`(1 + \#\{d_s \le d\}) / (1 + n_{sim})`.

    Returns
    -------
    d : float
    pvalue : float

    Examples
    --------
    >>> X = np.ones((50, 1))
    >>> d, p = durbin_watson_test(np.sin(np.arange(50) / 5), X, n_sim=199)
    >>> round(d, 3), p
    (0.04, 0.005)
    """
    Q = np.linalg.qr(X)[0]
    eps = rng.normal(size=(n_sim, len(resid)))
    sim = eps - (eps @ Q) @ Q.T
    d_sim = np.sum(np.diff(sim, axis=1) ** 2, axis=1) / np.sum(sim**2, axis=1)
    d = durbin_watson(resid)
    return d, float((1 + np.sum(d_sim <= d)) / (1 + n_sim))


@validate(_varied("resid"), resid=vector)
def jarque_bera(resid):
    r"""The Jarque--Bera normality test from the residuals' skewness :math:`S` and kurtosis :math:`K`.

    .. math:: JB = \frac{n}{6}\left(S^2 + \frac{(K - 3)^2}{4}\right) \sim \chi^2_2

    for normal errors, in large samples (the :math:`\chi^2` p-value is
    conservative below a few hundred points). :math:`S` and :math:`K` are the
    moment estimates, with :math:`1/n`.

    Returns
    -------
    jb, pvalue, skew, kurtosis : float

    Examples
    --------
    >>> jb, p, skew, kurt = jarque_bera([-1.0, 1.0, -1.0, 1.0])
    >>> jb, round(p, 4), skew, kurt                # two-point data: kurtosis 1
    (0.6666666666666666, 0.7165, 0.0, 1.0)
    """
    z = resid - resid.mean()
    var = np.mean(z**2)
    skew, kurt = np.mean(z**3) / var**1.5, np.mean(z**4) / var**2
    jb = len(z) / 6 * (skew**2 + (kurt - 3) ** 2 / 4)
    return float(jb), float(stats.chi2.sf(jb, 2)), float(skew), float(kurt)


@validate(_varied("resid"), resid=vector)
def normal_qq(resid):
    r"""The normal Q--Q plot's points and their correlation (Filliben's probability plot).

    The sorted residuals against the medians of the normal order statistics,
    :math:`\Phi^{-1}(m_i)` with :math:`m_n = 0.5^{1/n}`, :math:`m_1 = 1 - m_n` and
    :math:`m_i = (i - 0.3175) / (n + 0.365)` between. On a straight line for
    normal residuals; the correlation :math:`r` of the two is 1 for a perfect line.

    Returns
    -------
    theoretical, ordered : ndarray of shape (n_samples,)
    r : float

    Examples
    --------
    >>> theoretical, ordered, r = normal_qq([0.3, -1.2, 0.0, 1.2, -0.3])
    >>> theoretical.round(3).tolist(), ordered.tolist(), round(r, 3)
    ([-1.129, -0.486, 0.0, 0.486, 1.129], [-1.2, -0.3, 0.0, 0.3, 1.2], 0.987)
    """
    n = len(resid)
    m = (np.arange(1, n + 1) - 0.3175) / (n + 0.365)
    m[-1] = 0.5 ** (1 / n)
    m[0] = 1 - m[-1]
    theoretical, ordered = stats.norm.ppf(m), np.sort(resid)
    return theoretical, ordered, float(np.corrcoef(theoretical, ordered)[0, 1])


def _tall(args):
    if args["X"].shape[0] <= args["X"].shape[1]:
        raise ValueError(f"X must have more rows than columns; got shape {args['X'].shape}")


@validate(_tall, _full_rank("X"), X=matrix)
def leverage(X):
    r"""The leverages :math:`h_{ii}`, diagonal of the hat matrix :math:`H = X(X^\top X)^{-1}X^\top`.

    :math:`h_{ii}` is how much :math:`y_i` moves its own fitted value
    (:math:`\partial \hat y_i / \partial y_i`); the leverages lie in
    :math:`[1/n, 1]` with an intercept and sum to :math:`p`. Computed from
    :math:`X = QR` as the squared row norms of :math:`Q`.

    Examples
    --------
    >>> X = np.column_stack([np.ones(4), [0.0, 1.0, 2.0, 9.0]])
    >>> h = leverage(X)
    >>> h.round(3).tolist(), round(float(h.sum()), 10)       # 1/n + (x - 3)² / 50
    ([0.43, 0.33, 0.27, 0.97], 2.0)
    """
    return np.sum(np.linalg.qr(X)[0] ** 2, axis=1)


@validate(*_FIT, X=matrix, y=vector)
def cooks_distance(X, y):
    r"""Cook's distance: how far all fitted values move when point :math:`i` is left out.

    .. math::

        D_i = \frac{\lVert \hat y - \hat y_{(i)} \rVert^2}{p\, s^2}
            = \frac{e_i^2}{p\, s^2}\,\frac{h_{ii}}{(1 - h_{ii})^2},
        \qquad s^2 = \frac{\sum_j e_j^2}{n - p}.

    A point counts when it has both a large residual and a large leverage;
    :math:`D_i > 1` (or :math:`4/n`, a looser rule) flags it for a look.

    Examples
    --------
    >>> X = np.column_stack([np.ones(5), [0.0, 1.0, 2.0, 3.0, 10.0]])
    >>> cooks_distance(X, [0.0, 1.0, 2.0, 3.0, 0.0]).round(2).tolist()
    [0.45, 0.02, 0.04, 0.24, 22.05]
    """
    _, e = ols_residuals(X, y)
    h = leverage(X)
    p = X.shape[1]
    s2 = e @ e / (len(y) - p)
    return e**2 / (p * s2) * h / (1 - h) ** 2
